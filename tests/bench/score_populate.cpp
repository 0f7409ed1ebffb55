// Fills a data directory for tests/bench/score.sh: the demo instansi, then through the real
// library (git + index), dated by a ManualClock as the demo's story is, over the DAYS days before
// now: N_SOPS SOPs put in force one after another across every unit, N_MAPS cross-functional
// maps among them (each linked to the SOPs put in force just before it), and N_RECORDS records
// of the SOPs in force (three monitorings to one evaluation, a third of which asks for a
// revision never made) over the last 18 months. So a past day holds fewer documents, and the
// records of its own twelve months. Prints the id of the Dinas Komunikasi dan Informatika
// (2.16), the dinas the ZI rubric is scored for.
//   score_populate DATA_DIR N_SOPS N_MAPS N_RECORDS DAYS
//
// The demo's story is told first (dated from 2025-07-01), so main's history is not in date order
// where the two overlap: a day's state of each document (its history rows and records) is that
// day's, but main as it stood on a day (Ledger::main_on) also holds the demo's later commits.
#include <algorithm>
#include <chrono>
#include <iostream>
#include <string>
#include <vector>

#include "bench_documents.hpp"
#include "common/clock.hpp"
#include "common/time.hpp"
#include "demo_library.hpp"
#include "domain/evaluation.hpp"
#include "library/document_library.hpp"
#include "library/indexer.hpp"
#include "library/org_library.hpp"

using namespace sopan;
using namespace sopan::library;

namespace {

constexpr TimeMs kDayMs = 86'400'000;

enum class What { kSop, kMap, kRecord };

struct Event {
  TimeMs when;
  What what;
  int index;
};

/// `n` events evenly over [from, from + span), each in the middle of its share.
void spread(std::vector<Event>& events, What what, int n, TimeMs from, TimeMs span) {
  for (int i = 0; i < n; ++i)
    events.push_back({from + (2 * i + 1) * span / (2 * static_cast<TimeMs>(n)), what, i});
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 6) {
    std::cerr << "usage: score_populate DATA_DIR N_SOPS N_MAPS N_RECORDS DAYS\n";
    return 2;
  }
  const std::string data = argv[1];
  const int n_sops = std::stoi(argv[2]), n_maps = std::stoi(argv[3]),
            n_records = std::stoi(argv[4]), days = std::stoi(argv[5]);
  const TimeMs now = now_ms();
  ManualClock clock(now);
  auto demo = bench::open_demo(data, clock);
  if (!demo) return 1;
  auto& lib = *demo->lib;
  auto& org = *demo->org;
  const auto tree = org.tree();
  const int offset = lib.instansi().utc_offset_minutes;

  std::vector<Event> events;
  const TimeMs from = now - days * kDayMs, span = days * kDayMs - 3'600'000;
  spread(events, What::kSop, n_sops, from, span);
  spread(events, What::kMap, n_maps, from, span);
  const TimeMs record_span = std::min<TimeMs>(span, 548 * kDayMs);
  spread(events, What::kRecord, n_records, from + span - record_span, record_span);
  std::stable_sort(events.begin(), events.end(),
                   [](const Event& a, const Event& b) { return a.when < b.when; });

  std::vector<std::string> units;  // every unit but the instansi itself
  for (const auto& [id, unit] : tree->units())
    if (id != tree->root()) units.push_back(id);
  const auto lanes = bench::lanes_of(*tree);
  ListFilter in_force;
  in_force.kind = DocKind::kSop;
  in_force.status = "berlaku";
  auto demo_sops = lib.list(in_force);
  if (!demo_sops || demo_sops->empty()) return std::cerr << "no SOPs in force\n", 1;
  std::vector<std::string> sops;  // in force, oldest first
  for (const auto& s : *demo_sops) sops.push_back(s.id);
  const std::size_t demo_count = sops.size();

  const std::string evaluator_nip = "198811032011012009";  // the demo evaluator
  auto staff = org.staff(evaluator_nip);
  if (!staff || !*staff) return std::cerr << "no demo evaluator\n", 1;
  const Actor evaluator{(*staff)->name, evaluator_nip, org.position_name_of_staff(evaluator_nip)};

  // Each tenth of the events and its commits per second go to stderr: does writing slow down as
  // the repository grows?
  auto tenth_start = std::chrono::steady_clock::now();
  std::size_t done = 0, tenth_commits = 0;
  for (const Event& e : events) {
    if (++done % std::max<std::size_t>(1, events.size() / 10) == 0) {
      const auto t = std::chrono::steady_clock::now();
      const double s = std::chrono::duration<double>(t - tenth_start).count();
      std::cerr << "progress " << done << "/" << events.size()
                << " events: " << static_cast<int>(tenth_commits / s) << " commits/s\n";
      tenth_start = t;
      tenth_commits = 0;
    }
    tenth_commits += e.what == What::kRecord ? 1 : 2;
    clock.set(e.when);
    if (e.what == What::kSop) {
      const auto& unit = units[static_cast<std::size_t>(e.index) % units.size()];
      std::string id = bench::put_in_force(lib, DocKind::kSop, bench::bench_sop(e.index, unit));
      if (id.empty()) return 1;
      sops.push_back(std::move(id));
    } else if (e.what == What::kMap) {
      // The SOPs put in force since about the previous map, so most SOPs end up in a map.
      const std::vector<std::string> recent(sops.end() - std::min<std::ptrdiff_t>(8, sops.size()),
                                            sops.end());
      if (bench::put_in_force(lib, DocKind::kMap, bench::bench_map(e.index, lanes, recent)).empty())
        return 1;
    } else {
      const std::size_t bench_count = sops.size() - demo_count;
      if (bench_count == 0) continue;
      const std::string& sop =
          sops[demo_count + static_cast<std::size_t>(e.index) * 7919 % bench_count];
      const std::string date = format_date(local_date(e.when, offset));
      const domain::Person person{evaluator.name, evaluator.nip};
      RecordRequest r{sop, kActionMonitor, {}, evaluator, "", {}};
      if (e.index % 4 != 3) {
        r.record = domain::monitoring_record(date, true, "Berjalan sesuai SOP", "", person);
      } else {
        const bool keep = e.index / 4 % 3 != 2;
        const domain::Signature signature{evaluator.name, evaluator.nip, evaluator.position,
                                          std::string(domain::kMeaningKept), e.when};
        r.action = kActionEvaluate;
        r.record = domain::evaluation_record(
            date, std::vector<domain::CriterionAnswer>(7, {keep, ""}), keep,
            keep ? "Masih sesuai" : "Perlu direvisi", person, keep ? &signature : nullptr);
        if (keep) r.extra_trailers.push_back(signature.trailer());
      }
      r.message = domain::record_message(r.record);
      if (auto row = lib.add_record(r); !row) return std::cerr << row.error().message << "\n", 1;
    }
  }
  std::cout << tree->unit_by_code("2.16")->id << "\n";
}
