// Fills a data directory for tests/bench/history.sh and timeline.sh: the demo instansi, then
// through the real library (git + index + audit events), until the repository holds N_COMMITS
// commits in all: one SOP of Dinas Komunikasi dan Informatika whose 50 versions are spread evenly
// over the filler (drafted by the demo penyusun, saved three times, ratified by the demo pengesah,
// revised, ...), and filler rounds across every unit — a new SOP (create, save, merge), a revision
// of an earlier one (revise, merge), every tenth round a new cross-functional map (create, merge).
// So the history index, the event log and its facets have the size N_COMMITS gives them, with
// several authors, units and both kinds of document in them. The commits are dated by a
// ManualClock from just after the demo's story to an hour ago, so the events stay in time order.
// Prints "<sop-id> <path of its file in git> <unit id>": the 50-version SOP and its dinas.
//   history_populate DATA_DIR N_COMMITS
//
// git's fsync is turned off for the filler (the data are the same; a crash during population
// means populating again): with it on, 100 000 commits cost ~5 ms each more. RocksDB batches
// stay synced unless run under eatmydata, as tests/bench/history_data.sh does.
#include <git2.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <string>
#include <vector>

#include "bench_documents.hpp"
#include "common/clock.hpp"
#include "common/json.hpp"
#include "common/time.hpp"
#include "demo_library.hpp"
#include "index/keys.hpp"
#include "library/document_library.hpp"
#include "library/event_log.hpp"
#include "library/model.hpp"
#include "library/org_library.hpp"

using namespace sopan;
using namespace sopan::library;

namespace {

constexpr TimeMs kDayMs = 86'400'000;
constexpr int kVersions = 50;      // of the SOP whose history is timed
constexpr int kSavesPerDraft = 3;  // its saves between a draft's first commit and ratification

/// A SOP of `unit` (number SOP/HIST/i), its title naming revision `rev` so each save changes it.
std::string sop_content(int i, const std::string& unit, int rev) {
  return "{\n  \"number\": \"SOP/HIST/" + std::to_string(i) +
         "\",\n  \"title\": \"Pelayanan Administrasi Nomor " + std::to_string(i) + " revisi " +
         std::to_string(rev) + "\",\n  \"unit\": \"" + unit + "\"\n}\n";
}

/// The time of the newest audit event (0 when it cannot be read): "2026-11-10T03:00:00.000Z".
TimeMs newest_event_time(const index::Store& store) {
  auto head = EventLog::load_head(store);
  if (!head) return 0;
  auto value = store.get(index::Cf::kEvents, index::event_key(head->seq));
  if (!value || !*value) return 0;
  StoredEvent event = EventLog::decode(index::event_key(head->seq), **value);
  if (!event.fields) return 0;
  std::string text(json_util::string_field(*event.fields, "time").value_or(""));
  std::tm tm{};
  int ms = 0;
  if (std::sscanf(text.c_str(), "%d-%d-%dT%d:%d:%d.%dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &ms) < 6)
    return 0;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<TimeMs>(timegm(&tm)) * 1000 + ms;
}

struct FillerSop {
  std::string id;
  int index;
  std::string unit;
  std::uint64_t in_force;  // the version in force
  int revision;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: history_populate DATA_DIR N_COMMITS\n";
    return 2;
  }
  const std::string data = argv[1];
  const long n_commits = std::stol(argv[2]);
  const TimeMs now = now_ms();
  ManualClock clock(now);
  auto demo = bench::open_demo(data, clock);
  if (!demo) return 1;
  auto& lib = *demo->lib;
  auto& org = *demo->org;
  git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 0);
  const auto tree = org.tree();

  long demo_commits = 0;
  auto counted = lib.ledger().write([&]() -> Status {
    auto refs = lib.ledger().git().list_refs();
    if (!refs) return refs.error();
    std::vector<std::string> tips;
    for (const auto& [name, target] : *refs) tips.push_back(target);
    return lib.ledger().git().walk(tips, {}, [&](const vcs::CommitInfo&) -> Status {
      ++demo_commits;
      return {};
    });
  });
  if (!counted) return std::cerr << counted.error().message << "\n", 1;
  const long budget = n_commits - demo_commits;
  if (budget < 2 * kVersions)
    return std::cerr << "N_COMMITS must exceed the demo's " << demo_commits << " commits by "
                     << 2 * kVersions << "\n",
           1;

  // From just after the demo's newest event to an hour ago, evenly (events stay in time order).
  const TimeMs start = std::max(newest_event_time(lib.ledger().index()), now - 30 * kDayMs);
  const TimeMs step = std::max<TimeMs>(1, (now - 3'600'000 - start) / budget);
  clock.set(start);

  auto actor_of = [&](const std::string& nip) -> std::optional<Actor> {
    auto staff = org.staff(nip);
    if (!staff || !*staff) return std::nullopt;
    return Actor{(*staff)->name, nip, org.position_name_of_staff(nip)};
  };
  const auto penyusun = actor_of("198507212010012015");  // the demo penyusun (Diskominfo)
  const auto pengesah = actor_of("197305141998031004");  // the demo pengesah (Diskominfo)
  if (!penyusun || !pengesah) return std::cerr << "no demo penyusun or pengesah\n", 1;
  const domain::Unit* dinas = tree->unit_by_code("2.16");
  if (!dinas) return std::cerr << "no unit 2.16\n", 1;

  std::vector<std::string> units;  // every unit but the instansi itself
  for (const auto& [id, unit] : tree->units())
    if (id != tree->root()) units.push_back(id);
  const auto lanes = bench::lanes_of(*tree);

  long made = 0;
  auto tenth_start = std::chrono::steady_clock::now();
  long tenth_made = 0;
  auto tick = [&] {  // before each commit: the clock moves on; each tenth's rate to stderr
    clock.advance(step);
    ++made;
    if (++tenth_made == std::max<long>(1, budget / 10)) {
      const auto t = std::chrono::steady_clock::now();
      const double s = std::chrono::duration<double>(t - tenth_start).count();
      std::cerr << "progress " << made << "/" << budget
                << " commits: " << static_cast<int>(tenth_made / s) << " commits/s\n";
      tenth_start = t;
      tenth_made = 0;
    }
  };
  auto fail = [](const Error& e) { return std::cerr << e.message << "\n", 1; };

  // The timed SOP: one step of its story per call, until it has kVersions versions.
  std::string sop;
  std::uint64_t sop_version = 0;
  int sop_rev = 0, sop_saves = 0, sop_steps = 0;
  bool sop_draft = false;
  auto sop_step = [&]() -> Result<VersionRow> {
    tick();
    ++sop_steps;
    if (sop.empty()) {
      sop_draft = true;
      return lib.create(DocKind::kSop, sop_content(0, dinas->id, 0), *penyusun, "Konsep", &sop);
    }
    if (!sop_draft) {
      sop_draft = true;
      sop_saves = 0;
      return lib.save_draft({DocKind::kSop, sop, sop_version, sop_content(0, dinas->id, ++sop_rev),
                             *penyusun, "Revisi"},
                            "revise");
    }
    if (sop_saves < kSavesPerDraft) {
      ++sop_saves;
      return lib.save_draft({DocKind::kSop, sop, sop_version, sop_content(0, dinas->id, ++sop_rev),
                             *penyusun, "Simpan"});
    }
    sop_draft = false;
    return lib.merge_draft({sop, sop_version, *pengesah, "Disahkan", {}});
  };

  std::vector<FillerSop> filler;
  std::vector<std::string> recent;  // ids of the newest filler SOPs, for the maps' links
  long rounds = 0;
  while (made < budget) {
    if (sop_steps < kVersions && made >= sop_steps * budget / kVersions) {
      auto row = sop_step();
      if (!row) return fail(row.error());
      sop_version = row->version;
      continue;
    }
    const long round = rounds++;
    // Every fourth new document is the demo penyusun's; the others the bench author's.
    const Actor& author = round % 4 == 0 ? *penyusun : bench::kAuthor;
    if (round % 10 == 9 && !recent.empty()) {
      tick();
      std::string id;
      const int i = static_cast<int>(round);
      auto row =
          lib.create(DocKind::kMap, bench::bench_map(i, lanes, recent), author, "Konsep", &id);
      if (!row) return fail(row.error());
      tick();
      if (auto m = lib.merge_draft({id, row->version, *pengesah, "Disahkan", {}}); !m)
        return fail(m.error());
    } else if (round % 2 == 1 && filler.size() >= 10) {
      FillerSop& f = filler[static_cast<std::size_t>(round * 7919) % filler.size()];
      tick();
      auto row = lib.save_draft({DocKind::kSop, f.id, f.in_force,
                                 sop_content(f.index, f.unit, ++f.revision), author, "Revisi"},
                                "revise");
      if (!row) return fail(row.error());
      tick();
      auto m = lib.merge_draft({f.id, row->version, *pengesah, "Disahkan", {}});
      if (!m) return fail(m.error());
      f.in_force = m->version;
    } else {
      const int i = static_cast<int>(filler.size()) + 1;
      FillerSop f{"", i, units[static_cast<std::size_t>(i) % units.size()], 0, 0};
      tick();
      auto row = lib.create(DocKind::kSop, sop_content(i, f.unit, 0), author, "Konsep", &f.id);
      if (!row) return fail(row.error());
      tick();
      auto saved = lib.save_draft({DocKind::kSop, f.id, row->version,
                                   sop_content(i, f.unit, ++f.revision), author, "Simpan"});
      if (!saved) return fail(saved.error());
      tick();
      auto m = lib.merge_draft({f.id, saved->version, *pengesah, "Disahkan", {}});
      if (!m) return fail(m.error());
      f.in_force = m->version;
      recent.push_back(f.id);
      if (recent.size() > 8) recent.erase(recent.begin());
      filler.push_back(std::move(f));
    }
  }
  while (sop_steps < kVersions) {  // a budget the rounds overshot by a commit or two
    auto row = sop_step();
    if (!row) return fail(row.error());
    sop_version = row->version;
  }

  auto history = lib.history(sop);
  if (!history) return fail(history.error());
  std::cerr << "demo commits " << demo_commits << ", made " << made << ", filler SOPs "
            << filler.size() << ", timed SOP versions " << history->size() << "\n";
  std::cout << sop << " " << doc_path(DocKind::kSop, sop) << " " << dinas->id << "\n";
}
