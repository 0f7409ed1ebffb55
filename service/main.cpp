#include <sys/stat.h>

// Composition root: parse the command line, run one subcommand.
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include "app/app.hpp"
#include "app/commands.hpp"
#include "app/config.hpp"
#include "common/log.hpp"
#include "library/document_library.hpp"

namespace {

int fail(const sopan::Error& e) {
  std::cerr << "sopan: " << e.message << "\n";
  return 1;
}

int run_verify(const sopan::app::Config& config) {
  auto report = sopan::library::DocumentLibrary::verify(config.data_dir);
  if (!report) return fail(report.error());
  if (report->index_matches) {
    std::cout << "Indeks: cocok dengan git\n";
  } else {
    std::cout << "Indeks: BERBEDA dari git\n";
    for (const auto& p : report->index_problems) std::cout << "  - " << p << "\n";
  }
  const auto& ev = report->events;
  if (ev.intact)
    std::cout << "Rantai peristiwa audit: utuh (" << ev.events << " peristiwa)\n";
  else
    std::cout << "Rantai peristiwa audit: RUSAK pada peristiwa " << ev.first_bad_seq << " ("
              << ev.reason << "), " << ev.bad_events << " peristiwa bermasalah\n";
  if (ev.unreadable > 0)
    std::cout << "Peristiwa tidak terbaca (rantai tetap utuh): " << ev.unreadable << "\n";
  for (const auto& p : ev.problems)
    std::cout << "  - peristiwa " << p.seq << ": " << p.reason << "\n";
  if (report->anchor)
    std::cout << "Jangkar rantai di git: peristiwa " << report->anchor->seq << "\n";
  else
    std::cout << "Jangkar rantai di git: belum ada\n";
  if (!report->quarantined.empty()) {
    std::cout << "Komit dikarantina (tidak dimasukkan ke indeks): " << report->quarantined.size()
              << "\n";
    for (const auto& q : report->quarantined)
      std::cout << "  - " << q.commit << ": " << q.reason << "\n";
  }
  for (const auto& lock : report->lock_files)
    std::cout << "Berkas kunci git tertinggal: repo.git/" << lock << "\n";
  // 0 = everything holds; 3 = index differs; 4 = chain or anchor broken; 5 = both; 6 = only
  // quarantined commits (the index matches a rebuild, but git holds commits it leaves out).
  const bool chain = report->events.intact;
  if (report->index_matches && chain) return report->quarantined.empty() ? 0 : 6;
  return (report->index_matches ? 0 : 3) + (chain ? 0 : 4) -
         (!report->index_matches && !chain ? 2 : 0);
}

}  // namespace

int main(int argc, char** argv) {
  // Everything the service writes (git objects, the index with its sessions and password
  // hashes, logs it may create) is for the service user alone.
  ::umask(077);
  auto config =
      sopan::app::parse_command_line(argc, argv, [](const char* n) { return std::getenv(n); });
  if (!config) {
    std::cerr << "sopan: " << config.error().message << "\n\n" << sopan::app::usage();
    return 2;
  }
  const auto& c = *config;
  if (c.command == "help") {
    std::cout << sopan::app::usage();
    return 0;
  }
  if (c.command == "init") {
    auto s = sopan::app::init_instansi(c, std::cout);
    return s ? 0 : fail(s.error());
  }
  if (c.command == "create-admin") {
    std::string password;
    std::getline(std::cin, password);
    auto s = sopan::app::create_admin(c, password, std::cout);
    return s ? 0 : fail(s.error());
  }
  if (c.command == "import-org") {
    auto s = sopan::app::import_org_files(c, std::cout);
    return s ? 0 : fail(s.error());
  }
  if (c.command == "openapi") {
    // stdout is the document; the throwaway server's start-up talk is not worth a line.
    sopan::log::set_min_level(sopan::log::Level::kError);
    auto s = sopan::app::print_openapi(c, std::cout, std::cerr);
    return s ? 0 : fail(s.error());
  }
  if (c.command == "verify") return run_verify(c);
  if (c.command == "verify-packet") return sopan::app::verify_packet_file(c, std::cout);
  if (c.command == "reindex") {
    if (auto s = sopan::library::DocumentLibrary::reindex(c.data_dir); !s) return fail(s.error());
    std::cout << "Indeks dibangun ulang dari git\n";
    return 0;
  }
  auto app = sopan::app::App::open(c);
  if (!app) return fail(app.error());
  try {
    return (*app)->run_until_signal();
  } catch (const std::exception& e) {
    std::cerr << "sopan: server gagal berjalan: " << e.what() << "\n";
    return 1;
  }
}
