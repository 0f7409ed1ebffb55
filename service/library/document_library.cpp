#include "library/document_library.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <map>
#include <random>
#include <set>
#include <tuple>

#include "common/ids.hpp"
#include "common/json.hpp"
#include "common/log.hpp"
#include "domain/workflow.hpp"
#include "index/keys.hpp"
#include "library/indexer.hpp"
#include "library/rows.hpp"

namespace sopan::library {
namespace fs = std::filesystem;
namespace json = boost::json;
using index::Cf;

namespace {

constexpr std::string_view kInstansiPath = "instansi.json";
/// The shape of the derived rows; a data directory indexed under another format is rebuilt from
/// git when opened. 2: comments, records, due dates, signatures in version rows. 3: commit
/// messages read by vcs/message (the person's text never a trailer), quarantine rows; search
/// term lists length-prefixed, masks keep the version in force apart; in-force identity.
constexpr std::string_view kFormatVersion = "4";
constexpr std::string_view kMetaRefPrefix = "ref:";
/// A discarded draft's commits stay reachable here, so its history survives garbage collection.
constexpr std::string_view kDiscardedPrefix = "refs/discarded/";
/// A draft ref start-up did not understand is moved here (never deleted), with its tip.
constexpr std::string_view kQuarantinePrefix = "refs/quarantine/";
constexpr std::string_view kQuarantineKeyPrefix = "quarantine:";
/// Anchor commits of the audit chain, written every kAnchorEvery events that no commit to main
/// has anchored (a commit to main carries the anchor itself).
constexpr std::string_view kAnchorRef = "refs/audit/anchors";
constexpr std::uint64_t kAnchorEvery = 256;
const vcs::Person kSystem{"Sopan", "server@sopan.local"};

/// The newest anchor of the event chain in git: main's tip or the anchor ref, whichever is later.
Result<std::optional<EventHead>> newest_anchor(vcs::GitRepo& git) {
  std::optional<EventHead> best;
  for (std::string_view ref : {kMainRef, kAnchorRef}) {
    auto tip = git.ref_target(ref);
    if (!tip) return tip.error();
    if (!*tip) continue;
    auto info = git.commit_info(**tip);
    if (!info) return info.error();
    auto value = info->trailer(kTrailerEvents);
    auto anchor = value ? parse_anchor(*value) : std::nullopt;
    if (anchor && (!best || anchor->seq > best->seq)) best = std::move(anchor);
  }
  return best;
}

std::string quarantine_key(std::string_view commit) {
  return std::string(kQuarantineKeyPrefix) + std::string(commit);
}

std::string meta_ref_key(std::string_view ref) {
  return std::string(kMetaRefPrefix) + std::string(ref);
}

bool is_indexed_ref(std::string_view ref) {
  return ref == kMainRef || ref.starts_with("refs/drafts/") || ref.starts_with(kDiscardedPrefix) ||
         ref.starts_with(kQuarantinePrefix);
}

Error not_found(std::string_view id) {
  return make_error(Errc::kNotFound, "Dokumen " + std::string(id) + " tidak ditemukan");
}

Error stale(std::uint64_t expected, std::uint64_t current) {
  Error e = make_error(Errc::kPreconditionFailed,
                       "Dokumen telah diubah oleh pihak lain: Anda menyunting versi " +
                           std::to_string(expected) + ", versi terkini " + std::to_string(current));
  e.details =
      json::array{json::object{{"path", "/headers/If-Match"},
                               {"message", "Versi terkini adalah " + std::to_string(current)},
                               {"current_version", current}}};
  return e;
}

Result<Instansi> load_instansi(vcs::GitRepo& git) {
  auto main = git.ref_target(kMainRef);
  if (!main) return main.error();
  if (!*main) return make_error(Errc::kInternal, "Repositori tidak memiliki cabang main");
  auto text = git.read_file(**main, kInstansiPath);
  if (!text) return text.error();
  if (!*text) return make_error(Errc::kInternal, "instansi.json tidak ada di main");
  auto v = json_util::parse(**text);
  if (!v) return make_error(Errc::kInternal, "instansi.json rusak");
  return Instansi::from_json(*v);
}

/// A file the indexer needs at `commit` (a document or record file the commit's trailers name).
Result<std::string> file_at(vcs::GitRepo& git, const std::string& commit, const std::string& path) {
  auto content = git.read_file(commit, path);
  if (!content) return content.error();
  if (!*content)
    return make_error(Errc::kInternal, "Berkas " + path + " hilang di komit " + commit);
  return std::move(**content);
}

/// The commits reachable from `tips` but not `hide`, in the order the indexer must see them.
/// Topological order alone is not enough: a discarded draft and the next draft of the same
/// document both start from main, so git may list them in either order. Each document's commits
/// are therefore put in version order (a comment, which has no version, follows the commit it was
/// made on); commits of different documents never affect each other.
Result<std::vector<vcs::CommitInfo>> commits_in_index_order(vcs::GitRepo& git,
                                                            const std::vector<std::string>& tips,
                                                            const std::vector<std::string>& hide) {
  std::vector<vcs::CommitInfo> commits;
  auto s = git.walk(tips, hide, [&](const vcs::CommitInfo& c) -> Status {
    commits.push_back(c);
    return {};
  });
  if (!s) return s.error();
  struct Key {
    std::string doc;
    std::uint64_t version = 0;
  };
  std::map<std::string, std::uint64_t> carried;  // commit → the document version it carries
  std::vector<Key> keys;
  keys.reserve(commits.size());
  for (const auto& c : commits) {
    Key k{std::string(c.trailer(kTrailerDoc).value_or("")), 0};
    auto action = c.trailer(kTrailerAction);
    if (action && (*action == kActionMonitor || *action == kActionEvaluate)) {
      // A record's first parent is main's previous commit, of any document: it carries no version
      // of its own. Records only raise the last monitoring/evaluation dates (a maximum), so
      // applying them after the document's versions gives the same rows.
      k.version = UINT64_MAX;
    } else if (auto v = version_of(c)) {
      k.version = *v;
    } else if (!c.parents.empty()) {
      auto parent = carried.find(c.parents.front());
      if (parent != carried.end()) k.version = parent->second;
    }
    carried[c.id] = k.version;
    keys.push_back(std::move(k));
  }
  std::vector<std::size_t> order(commits.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::tie(keys[a].doc, keys[a].version) < std::tie(keys[b].doc, keys[b].version);
  });
  std::vector<vcs::CommitInfo> sorted;
  sorted.reserve(commits.size());
  for (std::size_t i : order) sorted.push_back(std::move(commits[i]));
  return sorted;
}

Result<std::vector<Quarantined>> quarantine_rows(const index::Store& store) {
  std::vector<Quarantined> out;
  auto s = store.scan(Cf::kMeta, kQuarantineKeyPrefix, [&](std::string_view k, std::string_view v) {
    auto parsed = json_util::parse(v);
    auto reason = parsed && parsed->is_object()
                      ? json_util::string_field(parsed->get_object(), "reason")
                      : std::nullopt;
    out.push_back(
        {std::string(k.substr(kQuarantineKeyPrefix.size())), std::string(reason.value_or(""))});
    return true;
  });
  if (!s) return s.error();
  return out;
}

/// Main's first-parent line from its tip back to (not including) `stop`: where actions on main
/// live. Empty when main does not exist.
Result<std::set<std::string>> main_line_since(vcs::GitRepo& git,
                                              const std::optional<std::string>& stop) {
  auto tip = git.ref_target(kMainRef);
  if (!tip) return tip.error();
  std::set<std::string> line;
  std::optional<std::string> at = *tip;
  while (at && at != stop) {
    auto info = git.commit_info(*at);
    if (!info) return info.error();
    line.insert(info->id);
    at = info->parents.empty() ? std::nullopt : std::optional<std::string>(info->parents.front());
  }
  return line;
}

/// Applies `commits` in order; one the indexer refuses is quarantined (a row in meta, a log line)
/// and the rest go on, so one bad commit never stops start-up or a rebuild.
Status apply_all(vcs::GitRepo& git, index::Store& store, Indexer& indexer,
                 const std::vector<vcs::CommitInfo>& commits,
                 const std::set<std::string>& main_line, index::Batch& batch, std::size_t* applied,
                 bool flush_batches) {
  std::size_t pending = 0;
  for (const auto& c : commits) {
    auto read = [&](const std::string& path) { return file_at(git, c.id, path); };
    if (applied) ++*applied;
    if (auto st = indexer.apply(c, main_line.count(c.id) > 0, read, batch); !st) {
      log::error("index.quarantined", {{"commit", c.id}, {"reason", st.error().message}});
      batch.put(Cf::kMeta, quarantine_key(c.id),
                json::serialize(json::object{{"reason", st.error().message}}));
    }
    // Bounded batches; the indexer keeps its summaries, so later commits still see them.
    if (flush_batches && ++pending == 1000) {
      pending = 0;
      if (auto st = store.write(std::exchange(batch, {}), /*sync=*/false); !st) return st;
    }
  }
  return {};
}

/// Clears every derived family of `store` and builds it again from `git`, then records `event`.
Status rebuild_index(vcs::GitRepo& git, index::Store& store, json::object event, TimeMs now);

/// Rebuilds every derived family of `store` from all refs of `git` (the store must hold no
/// derived rows yet). Shared by `reindex` and `verify`, so both mean the same thing.
Status build_index(vcs::GitRepo& git, index::Store& store, DuePeriods periods) {
  auto refs = git.list_refs();
  if (!refs) return refs.error();
  std::vector<std::string> tips;
  // The format and the refs indexed are written with the last batch only: an index holding them
  // is a finished one (a rebuild killed half-way is started again at the next open).
  index::Batch batch, finished;
  finished.put(Cf::kMeta, "format", std::string(kFormatVersion));
  for (const auto& [name, target] : *refs) {
    if (!is_indexed_ref(name)) continue;
    tips.push_back(target);
    finished.put(Cf::kMeta, meta_ref_key(name), target);
  }
  Indexer indexer(store, periods);
  auto commits = commits_in_index_order(git, tips, {});
  if (!commits) return commits.error();
  auto main_line = main_line_since(git, std::nullopt);
  if (!main_line) return main_line.error();
  if (auto st = apply_all(git, store, indexer, *commits, *main_line, batch, nullptr, true); !st)
    return st;
  if (auto st = store.write(std::move(batch)); !st) return st;
  return store.write(std::move(finished));
}

Status rebuild_index(vcs::GitRepo& git, index::Store& store, json::object event, TimeMs now) {
  // First say the index is unfinished, so a rebuild killed half-way is redone at the next open
  // rather than taken for an index (whose missing drafts start-up would then move aside).
  index::Batch unfinished;
  unfinished.del(Cf::kMeta, "format");
  if (auto s = store.write(std::move(unfinished)); !s) return s;
  for (int i = 0; i < static_cast<int>(Cf::kCount); ++i) {
    auto cf = static_cast<Cf>(i);
    if (!index::is_derived(cf)) continue;
    if (auto s = store.clear(cf); !s) return s;
  }
  auto instansi = load_instansi(git);
  if (!instansi) return instansi.error();
  if (auto s = build_index(git, store, instansi->periods); !s) return s;
  auto head = EventLog::load_head(store);
  if (!head) return head.error();
  index::Batch batch;
  EventLog::append(batch, *head, std::move(event), now);
  return store.write(std::move(batch));
}

}  // namespace

json::value Instansi::to_json() const {
  return json::object{{"name", name},
                      {"email_domain", email_domain},
                      {"utc_offset_minutes", utc_offset_minutes},
                      {"monitoring_months", periods.monitoring_months},
                      {"evaluation_months", periods.evaluation_months},
                      {"allow_multiple_accounts_per_nip", allow_multiple_accounts_per_nip}};
}

Result<Instansi> Instansi::from_json(const json::value& v) {
  const auto* o = v.if_object();
  if (!o) return make_error(Errc::kInternal, "instansi.json rusak");
  Instansi i;
  auto name = json_util::string_field(*o, "name");
  auto domain = json_util::string_field(*o, "email_domain");
  auto* offset = o->if_contains("utc_offset_minutes");
  if (!name || !domain || !offset || !offset->is_int64())
    return make_error(Errc::kInternal, "instansi.json rusak");
  i.name = *name;
  i.email_domain = *domain;
  i.utc_offset_minutes = static_cast<int>(offset->get_int64());
  // Periods came later: a data directory without them keeps the defaults.
  for (auto [key, months] : {std::pair{"monitoring_months", &i.periods.monitoring_months},
                             std::pair{"evaluation_months", &i.periods.evaluation_months}}) {
    const json::value* m = o->if_contains(key);
    if (!m) continue;
    if (!m->is_int64() || m->get_int64() < 1 || m->get_int64() > 60)
      return make_error(Errc::kInternal, "instansi.json rusak: " + std::string(key));
    *months = static_cast<int>(m->get_int64());
  }
  if (const json::value* shared = o->if_contains("allow_multiple_accounts_per_nip")) {
    if (!shared->is_bool())
      return make_error(Errc::kInternal, "instansi.json rusak: allow_multiple_accounts_per_nip");
    i.allow_multiple_accounts_per_nip = shared->get_bool();
  }
  return i;
}

DocumentLibrary::~DocumentLibrary() {
  writer_.stop();  // writes still queued finish first
  // The index and the repository close first: only then may another process take the directory.
  store_.reset();
  git_.reset();
  if (lock_fd_ >= 0) ::close(lock_fd_);  // closing releases the flock
}

Status DocumentLibrary::init(const fs::path& data_dir, const Instansi& instansi,
                             std::vector<vcs::FileChange> files, const Clock& clock) {
  std::error_code ec;
  fs::create_directories(data_dir, ec);
  if (ec)
    return make_error(Errc::kUnavailable, "Direktori data tidak dapat dibuat: " + ec.message());
  // The record and the index are the service's alone (the index holds sessions and hashes).
  fs::permissions(data_dir, fs::perms::owner_all, fs::perm_options::replace, ec);
  auto git = vcs::GitRepo::init_bare(data_dir / "repo.git");
  if (!git) return git.error();
  vcs::NewCommit c;
  c.ref = std::string(kMainRef);
  c.changes.push_back({std::string(kInstansiPath), json_util::pretty(instansi.to_json())});
  for (auto& f : files) c.changes.push_back(std::move(f));
  c.author = kSystem;
  c.time = clock.now();
  c.note = "Inisialisasi instansi " + instansi.name;
  c.trailers = {{std::string(kTrailerAction), "init"}};
  c.subject = commit_subject(c.trailers);
  auto commit = (*git)->commit(c);
  if (!commit) return commit.error();
  auto store = index::Store::open(data_dir / "index");
  if (!store) return store.error();
  index::Batch batch;
  batch.put(Cf::kMeta, "format", std::string(kFormatVersion));
  batch.put(Cf::kMeta, meta_ref_key(kMainRef), *commit);
  auto head = EventLog::load_head(**store);
  if (!head) return head.error();
  EventLog::append(batch, *head,
                   {{"kind", "instansi.init"}, {"instansi", instansi.name}, {"commit", *commit}},
                   c.time);
  return (*store)->write(std::move(batch));
}

Result<std::unique_ptr<DocumentLibrary>> DocumentLibrary::open(const fs::path& data_dir,
                                                               const Clock& clock) {
  std::unique_ptr<DocumentLibrary> lib(new DocumentLibrary());
  lib->clock_ = &clock;
  if (!fs::exists(data_dir / "repo.git" / "HEAD"))
    return make_error(Errc::kNotFound, "Direktori data " + data_dir.string() +
                                           " belum diinisialisasi (jalankan `sopan init`)");
  // One process owns the data directory: only then is a .lock file left in git surely stale.
  lib->lock_fd_ = ::open((data_dir / "sopan.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (lib->lock_fd_ < 0 || ::flock(lib->lock_fd_, LOCK_EX | LOCK_NB) != 0)
    return make_error(Errc::kUnavailable,
                      "Direktori data " + data_dir.string() + " sedang dipakai proses Sopan lain");
  std::error_code perm_ec;
  fs::permissions(data_dir, fs::perms::owner_all, fs::perm_options::replace, perm_ec);
  for (const auto& lock : vcs::stale_lock_files(data_dir / "repo.git")) {
    std::error_code ec;
    fs::remove(data_dir / "repo.git" / lock, ec);
    log::warn("git.stale_lock_removed", {{"file", lock}, {"removed", !ec}});
    lib->recovery_.lock_files_removed.push_back(lock);
  }
  auto git = vcs::GitRepo::open(data_dir / "repo.git");
  if (!git) return git.error();
  lib->git_ = std::move(*git);
  auto store = index::Store::open(data_dir / "index");
  if (!store) return store.error();
  lib->store_ = std::move(*store);

  // An index written by an older Sopan lacks rows this one reads: rebuild it from git first.
  auto format = lib->store_->get(Cf::kMeta, "format");
  if (!format) return format.error();
  if (format->value_or("") != kFormatVersion) {
    log::warn("index.format_changed", {{"from", format->value_or("")}, {"to", kFormatVersion}});
    if (auto s = rebuild_index(
            *lib->git_, *lib->store_,
            {{"kind", "index.rebuilt"},
             {"reason", "format " + format->value_or("") + " → " + std::string(kFormatVersion)}},
            clock.now());
        !s)
      return s.error();
  }

  auto instansi = load_instansi(*lib->git_);
  if (!instansi) return instansi.error();
  lib->instansi_ = std::move(*instansi);

  auto head = EventLog::load_head(*lib->store_);
  if (!head) return head.error();
  lib->event_head_ = std::move(*head);
  auto anchor = newest_anchor(*lib->git_);
  if (!anchor) return anchor.error();
  lib->anchored_seq_ = *anchor ? (*anchor)->seq : 0;
  if (auto s = lib->reconcile(); !s) return s.error();
  return lib;
}

Status DocumentLibrary::reconcile() {
  std::lock_guard lock(write_mutex_);
  return reconcile_locked(/*at_start_up=*/true);
}

Status DocumentLibrary::reconcile_locked(bool at_start_up) {
  auto refs = git_->list_refs();
  if (!refs) return refs.error();
  std::map<std::string, std::string> known;  // ref → last indexed commit
  auto s = store_->scan(Cf::kMeta, kMetaRefPrefix, [&](std::string_view k, std::string_view v) {
    known.emplace(std::string(k.substr(kMetaRefPrefix.size())), std::string(v));
    return true;
  });
  if (!s) return s;

  index::Batch batch;
  std::vector<std::string> tips, hide;
  std::set<std::string> present;
  for (const auto& [name, target] : *refs) {
    if (!is_indexed_ref(name)) continue;
    present.insert(name);
    auto it = known.find(name);
    if (it == known.end() || it->second != target) {
      tips.push_back(target);
      batch.put(Cf::kMeta, meta_ref_key(name), target);
    }
  }
  for (const auto& [name, target] : known) {
    hide.push_back(target);
    if (!present.count(name)) batch.del(Cf::kMeta, meta_ref_key(name));
  }

  Indexer indexer(*store_, instansi_.periods);
  auto commits = commits_in_index_order(*git_, tips, hide);
  if (!commits) return commits.error();
  auto indexed_main = known.find(std::string(kMainRef));
  auto main_line = main_line_since(*git_, indexed_main == known.end()
                                              ? std::nullopt
                                              : std::optional<std::string>(indexed_main->second));
  if (!main_line) return main_line.error();
  // This run's own figures (reconcile also runs after a failed undo, not only at start-up).
  const RecoveryReport before = recovery_;
  if (auto st = apply_all(*git_, *store_, indexer, *commits, *main_line, batch,
                          &recovery_.commits_indexed, false);
      !st)
    return st;
  // The draft refs are judged against the index as it now stands.
  if (!batch.empty()) {
    if (auto st = store_->write(std::exchange(batch, {})); !st) return st;
  }

  // Every draft ref must be the open draft the index knows. A merge or discard that crashed
  // before removing its draft ref leaves a ref whose draft was closed: finish the removal. Any
  // other ref is not understood: it is moved under refs/quarantine/ (never deleted) and the
  // draft ref set back to what the index knows, so the document accepts its next save.
  for (const auto& [name, target] : *refs) {
    if (!name.starts_with("refs/drafts/")) continue;
    std::string id = name.substr(std::string_view("refs/drafts/").size());
    const DocSummary* summary = indexer.summary(id);
    std::optional<DocSummary> stored;
    if (!summary) {
      auto got = this->summary(id);
      if (got) stored = std::move(*got);
      summary = stored ? &*stored : nullptr;
    }
    const bool known_doc = summary && summary->last_version > 0;
    if (known_doc && summary->draft && summary->draft->commit == target) continue;
    if (known_doc && !summary->draft) {
      auto closed = draft_was_closed(id, target);
      if (!closed) return closed.error();
      if (*closed) {
        if (auto d = git_->delete_ref(name, target); d) {
          batch.del(Cf::kMeta, meta_ref_key(name));
          ++recovery_.stale_refs_removed;
        }
        continue;
      }
    }
    const std::string aside = std::string(kQuarantinePrefix) + id + "/" + target;
    auto aside_now = git_->ref_target(aside);
    if (!aside_now) return aside_now.error();
    if (*aside_now != target) {  // already moved aside by a start-up that was killed here
      if (auto m = git_->move_ref(aside, target, std::nullopt, "karantina"); !m) return m;
    }
    Status back = known_doc && summary->draft
                      ? git_->move_ref(name, summary->draft->commit, target, "dipulihkan")
                      : git_->delete_ref(name, target);
    if (!back) return back;
    batch.put(Cf::kMeta, meta_ref_key(aside), target);
    if (known_doc && summary->draft)
      batch.put(Cf::kMeta, meta_ref_key(name), summary->draft->commit);
    else
      batch.del(Cf::kMeta, meta_ref_key(name));
    // The commits themselves carry their quarantine rows (Indexer refusals), as in a rebuild.
    log::error("ref.quarantined", {{"ref", name}, {"target", target}, {"moved_to", aside}});
    ++recovery_.refs_quarantined;
  }

  if (recovery_.commits_indexed != before.commits_indexed ||
      recovery_.stale_refs_removed != before.stale_refs_removed ||
      recovery_.refs_quarantined != before.refs_quarantined ||
      (at_start_up && !recovery_.lock_files_removed.empty())) {
    json::array locks;
    for (const auto& l : recovery_.lock_files_removed) locks.emplace_back(l);
    event_head_ = EventLog::append(batch, event_head_,
                                   {{"kind", "index.recovered"},
                                    {"commits", recovery_.commits_indexed},
                                    {"stale_refs_removed", recovery_.stale_refs_removed},
                                    {"refs_quarantined", recovery_.refs_quarantined},
                                    {"lock_files_removed", std::move(locks)}},
                                   clock_->now());
    log::warn("index.recovered", {{"commits", recovery_.commits_indexed},
                                  {"stale_refs_removed", recovery_.stale_refs_removed}});
  }
  if (batch.empty()) return {};
  return store_->write(std::move(batch));
}

Result<bool> DocumentLibrary::draft_was_closed(const std::string& id, const std::string& target) {
  auto rows = read_rows<VersionRow>(*store_, Cf::kVersions, index::versions_prefix(id));
  if (!rows) return rows.error();
  for (const auto& row : *rows) {
    if (row.action != "ratify" && row.action != "merge" && row.action != "discard") continue;
    auto info = git_->commit_info(row.commit);
    if (!info) return info.error();
    const auto& parents = info->parents;
    if (!parents.empty() && parents.back() == target) return true;
  }
  return false;
}

Status DocumentLibrary::reindex(const fs::path& data_dir, const Clock& clock) {
  auto git = vcs::GitRepo::open(data_dir / "repo.git");
  if (!git) return git.error();
  auto store = index::Store::open(data_dir / "index");
  if (!store) return store.error();
  return rebuild_index(**git, **store, {{"kind", "index.rebuilt"}}, clock.now());
}

Result<VerifyReport> DocumentLibrary::verify(const fs::path& data_dir) {
  auto git = vcs::GitRepo::open(data_dir / "repo.git");
  if (!git) return git.error();
  auto store = index::Store::open(data_dir / "index", index::Store::Mode::kReadOnly);
  if (!store) return store.error();

  std::mt19937_64 rng{std::random_device{}()};
  fs::path scratch = fs::temp_directory_path() / ("sopan-verify-" + std::to_string(rng()));
  struct Cleanup {
    fs::path p;
    ~Cleanup() {
      std::error_code ec;
      fs::remove_all(p, ec);
    }
  } cleanup{scratch};
  auto rebuilt = index::Store::open(scratch);
  if (!rebuilt) return rebuilt.error();
  auto instansi = load_instansi(**git);
  if (!instansi) return instansi.error();
  if (auto s = build_index(**git, **rebuilt, instansi->periods); !s) return s.error();

  VerifyReport report;
  for (int i = 0; i < static_cast<int>(Cf::kCount); ++i) {
    auto cf = static_cast<Cf>(i);
    if (!index::is_derived(cf)) continue;
    std::map<std::string, std::string> have, want;
    auto collect = [](std::map<std::string, std::string>& into) {
      return [&into](std::string_view k, std::string_view v) {
        // Which commits are quarantined must match; why may be worded differently by start-up
        // and a rebuild, which meet a bad commit in a different order.
        into.emplace(std::string(k),
                     k.starts_with(kQuarantineKeyPrefix) ? std::string() : std::string(v));
        return true;
      };
    };
    if (auto s = (*store)->scan(cf, {}, collect(have)); !s) return s.error();
    if (auto s = (*rebuilt)->scan(cf, {}, collect(want)); !s) return s.error();
    if (have == want) continue;
    report.index_matches = false;
    std::size_t missing = 0, extra = 0, differ = 0;
    for (const auto& [k, v] : want) {
      auto it = have.find(k);
      if (it == have.end())
        ++missing;
      else if (it->second != v)
        ++differ;
    }
    for (const auto& [k, v] : have)
      if (!want.count(k)) ++extra;
    report.index_problems.push_back(
        std::string(index::cf_name(cf)) + ": " + std::to_string(missing) + " baris hilang, " +
        std::to_string(extra) + " baris berlebih, " + std::to_string(differ) + " baris berbeda");
  }
  // The chain must still hold the newest head git remembers (truncation shows).
  auto anchor = newest_anchor(**git);
  if (!anchor) return anchor.error();
  report.anchor = *anchor;
  auto chain = EventLog::verify(**store, *anchor);
  if (!chain) return chain.error();
  report.events = std::move(*chain);
  auto quarantined = quarantine_rows(**rebuilt);
  if (!quarantined) return quarantined.error();
  report.quarantined = std::move(*quarantined);
  report.lock_files = vcs::stale_lock_files(data_dir / "repo.git");
  return report;
}

Result<std::vector<Quarantined>> DocumentLibrary::quarantined() const {
  return quarantine_rows(*store_);
}

std::string DocumentLibrary::email_of(const Actor& actor) const {
  return (actor.nip.empty() ? std::string("sistem") : actor.nip) + "@" + instansi_.email_domain;
}

Result<vcs::CommitInfo> DocumentLibrary::publish(
    vcs::NewCommit commit, const Actor& actor,
    const std::function<Result<std::string>(const std::string&)>& read_content, index::Batch rows,
    const std::optional<std::string>& remove_ref, json::object event) {
  const bool on_main = commit.ref == kMainRef;
  if (index_behind_) {
    // A failed write could not be undone: index what git holds before building on it.
    if (auto s = reconcile_locked(/*at_start_up=*/false); !s)
      return make_error(Errc::kUnavailable, "Indeks sedang dipulihkan, coba lagi");
    index_behind_ = false;
    return make_error(Errc::kUnavailable, "Indeks baru saja dipulihkan, coba lagi");
  }
  commit.author = {actor.name, email_of(actor)};
  if (!commit.time) commit.time = clock_->now();
  if (!actor.nip.empty()) commit.trailers.push_back({std::string(kTrailerActorNip), actor.nip});
  if (!actor.position.empty())
    commit.trailers.push_back({std::string(kTrailerActorPosition), actor.position});
  if (on_main) commit.trailers.push_back({std::string(kTrailerEvents), format_anchor(event_head_)});
  commit.subject = commit_subject(commit.trailers);
  auto id = git_->create_commit(commit);
  if (!id) return id.error();
  // Index the commit exactly as git now holds it (read back through the path reindex uses)
  // while no ref points at it: a commit the indexer refuses is never published.
  auto info = git_->commit_info(*id);
  if (!info) return info.error();
  Indexer indexer(*store_, instansi_.periods);
  if (auto applied = indexer.apply(*info, on_main, read_content, rows); !applied) {
    log::error("index.refused", {{"commit", *id}, {"reason", applied.error().message}});
    return make_error(Errc::kInternal, "Perubahan tidak dapat dicatat");
  }
  if (auto moved = git_->move_ref(commit.ref, *id, commit.expected_ref, commit.subject); !moved)
    return moved.error();
  if (remove_ref) {
    // The merge is done once main moved; a draft ref left behind is removed at next start-up.
    if (auto s = git_->delete_ref(*remove_ref, commit.parents.back()); !s)
      log::warn("draft_ref.left", {{"ref", *remove_ref}});
  }
  rows.put(Cf::kMeta, meta_ref_key(commit.ref), *id);
  if (remove_ref) rows.del(Cf::kMeta, meta_ref_key(*remove_ref));
  event["commit"] = *id;
  event["actor"] = actor.name;
  event["nip"] = actor.nip;
  EventHead next = EventLog::append(rows, event_head_, std::move(event), commit.time);
  if (auto s = store_->write(std::move(rows)); !s) {
    // Undo the publication so the answer (5xx) and git agree. The draft ref comes back first: a
    // crash between the two steps then leaves a merge that start-up completes. If the undo fails,
    // the index is behind git: the next write reconciles first.
    Status undo;
    if (remove_ref)
      undo = git_->move_ref(*remove_ref, commit.parents.back(), std::nullopt, "batal");
    if (undo)
      undo = commit.expected_ref ? git_->move_ref(commit.ref, *commit.expected_ref, *id, "batal")
                                 : git_->delete_ref(commit.ref, *id);
    if (!undo) index_behind_ = true;
    log::error("index.write_failed", {{"commit", *id}, {"ref_restored", static_cast<bool>(undo)}});
    return s.error();
  }
  event_head_ = std::move(next);
  if (on_main) anchored_seq_ = std::max(anchored_seq_, event_head_.seq - 1);
  anchor_events_if_due();
  return std::move(*info);
}

void DocumentLibrary::anchor_events_if_due() {
  if (event_head_.seq < anchored_seq_ + kAnchorEvery) return;
  auto tip = git_->ref_target(kAnchorRef);
  if (!tip) return;
  vcs::NewCommit c;
  c.ref = std::string(kAnchorRef);
  c.expected_ref = *tip;
  if (*tip) c.parents = {**tip};
  c.author = kSystem;
  c.time = clock_->now();
  c.trailers = {{std::string(kTrailerAction), "anchor-events"},
                {std::string(kTrailerEvents), format_anchor(event_head_)}};
  c.subject = commit_subject(c.trailers);
  c.note = "Jangkar rantai peristiwa audit pada peristiwa " + std::to_string(event_head_.seq);
  if (auto id = git_->commit(c); id)
    anchored_seq_ = event_head_.seq;
  else
    log::error("audit.anchor_failed", {{"seq", event_head_.seq}});
}

Result<vcs::CommitInfo> DocumentLibrary::commit_then_index(
    vcs::NewCommit commit, const Actor& actor, const std::string& path, const std::string& content,
    const std::optional<std::string>& remove_ref, json::object event) {
  return publish(
      std::move(commit), actor,
      [&](const std::string& wanted) -> Result<std::string> {
        if (wanted != path) return make_error(Errc::kInternal, "Berkas tak terduga: " + wanted);
        return content;
      },
      {}, remove_ref, std::move(event));
}

Result<VersionRow> DocumentLibrary::commit_and_index(const DocRef& doc, vcs::NewCommit commit,
                                                     const std::string& content,
                                                     std::string_view action, std::uint64_t version,
                                                     const Actor& actor,
                                                     const std::optional<std::string>& remove_ref) {
  commit.trailers.insert(commit.trailers.begin(),
                         {{std::string(kTrailerAction), std::string(action)},
                          {std::string(kTrailerDoc), doc_trailer(doc.kind, doc.id)},
                          {std::string(kTrailerVersion), std::to_string(version)}});
  auto info =
      commit_then_index(std::move(commit), actor, doc_path(doc.kind, doc.id), content, remove_ref,
                        {{"kind", "doc." + std::string(action)},
                         {"doc", doc_trailer(doc.kind, doc.id)},
                         {"version", version}});
  if (!info) return info.error();
  // The row as the indexer wrote it, so the answer and a later history read are the same.
  auto row = version_row(doc.id, version);
  if (!row) return row.error();
  if (!*row) return make_error(Errc::kInternal, "Versi tidak terindeks");
  return std::move(**row);
}

Result<VersionRow> DocumentLibrary::create(DocKind kind, std::string content, const Actor& actor,
                                           std::string message, std::string* new_id) {
  return writer_.run([&]() -> Result<VersionRow> {
    std::lock_guard lock(write_mutex_);
    DocRef doc{kind, sopan::new_id()};
    auto main = git_->ref_target(kMainRef);
    if (!main) return main.error();
    vcs::NewCommit c;
    c.ref = draft_ref(doc.id);
    c.parents = {**main};
    c.base = **main;
    c.changes.push_back({doc_path(kind, doc.id), content});
    c.note = std::move(message);
    auto row = commit_and_index(doc, std::move(c), content, "create", 1, actor, std::nullopt);
    if (row && new_id) *new_id = doc.id;
    return row;
  });
}

Result<VersionRow> DocumentLibrary::save_draft(const SaveRequest& req, std::string_view action) {
  return writer_.run([&]() -> Result<VersionRow> {
    std::lock_guard lock(write_mutex_);
    auto s = summary(req.id);
    if (!s) return s.error();
    if (s->kind != req.kind) return not_found(req.id);
    const std::uint64_t current =
        s->draft ? s->draft->version : (s->in_force ? s->in_force->version : 0);
    if (req.expected_version != current) return stale(req.expected_version, current);
    // A new draft only revises a version in force: a withdrawn, superseded or discarded document
    // has ended (the workflow has no way back from those states).
    if (!s->draft && s->status != "berlaku")
      return make_error(Errc::kConflict,
                        "Dokumen berstatus " + s->status + " tidak dapat disunting lagi");
    auto main = git_->ref_target(kMainRef);
    if (!main) return main.error();
    if (s->draft && action == "save") {
      // Nothing changed (an autosave, a second click): no new version, the head answers.
      auto stored = store_->get(Cf::kContent, index::content_key(req.id, true));
      if (!stored) return stored.error();
      if (*stored && **stored == req.content) {
        auto head = version_row(req.id, s->draft->version);
        if (!head) return head.error();
        if (*head) return std::move(**head);
      }
    }
    vcs::NewCommit c;
    c.ref = draft_ref(req.id);
    if (s->draft) c.expected_ref = s->draft->commit;
    // The draft carries main's current tree with this one document changed, so
    // `git diff main refs/drafts/<id>` shows only this document.
    c.parents = {s->draft ? s->draft->commit : **main};
    c.base = **main;
    c.changes.push_back({doc_path(req.kind, req.id), req.content});
    c.note = req.message;
    return commit_and_index({req.kind, req.id}, std::move(c), req.content, action,
                            s->last_version + 1, req.actor, std::nullopt);
  });
}

Result<vcs::NewCommit> DocumentLibrary::next_on_main() {
  auto main = git_->ref_target(kMainRef);
  if (!main) return main.error();
  vcs::NewCommit c;
  c.ref = std::string(kMainRef);
  c.expected_ref = **main;  // someone else moving main first is a lost race, never an overwrite
  c.parents = {**main};
  c.base = **main;
  return c;
}

Result<std::pair<DocSummary, std::string>> DocumentLibrary::open_draft(
    const std::string& id, std::uint64_t expected_version) const {
  auto s = summary(id);
  if (!s) return s.error();
  if (!s->draft)
    return make_error(Errc::kConflict, "Dokumen " + id + " tidak memiliki konsep terbuka");
  if (expected_version != s->draft->version) return stale(expected_version, s->draft->version);
  auto content = store_->get(Cf::kContent, index::content_key(id, true));
  if (!content) return content.error();
  if (!*content) return make_error(Errc::kInternal, "Isi konsep hilang dari indeks");
  return std::pair{std::move(*s), std::move(**content)};
}

Result<VersionRow> DocumentLibrary::merge_draft(const MergeRequest& req,
                                                const std::optional<std::string>& replacement,
                                                std::string_view action) {
  return writer_.run([&]() -> Result<VersionRow> {
    std::lock_guard lock(write_mutex_);
    auto draft = open_draft(req.id, req.expected_version);
    if (!draft) return draft.error();
    auto& [s, content] = *draft;
    auto base = next_on_main();
    if (!base) return base.error();
    vcs::NewCommit c = std::move(*base);
    c.parents.push_back(s.draft->commit);
    const std::string& file = replacement ? *replacement : content;
    c.changes.push_back({doc_path(s.kind, req.id), file});
    c.note = req.message;
    c.trailers = req.extra_trailers;
    return commit_and_index({s.kind, req.id}, std::move(c), file, action, s.last_version + 1,
                            req.actor, draft_ref(req.id));
  });
}

Result<VersionRow> DocumentLibrary::discard_draft(const DiscardRequest& req) {
  return writer_.run([&]() -> Result<VersionRow> {
    std::lock_guard lock(write_mutex_);
    auto draft = open_draft(req.id, req.expected_version);
    if (!draft) return draft.error();
    auto& [s, content] = *draft;
    const std::uint64_t version = s.last_version + 1;
    // The closing commit goes on an archive ref of its own; the draft ref then goes away.
    vcs::NewCommit c;
    c.ref = std::string(kDiscardedPrefix) + req.id + "/" + std::to_string(version);
    c.parents = {s.draft->commit};
    c.base = s.draft->commit;
    c.note = req.message;
    return commit_and_index({s.kind, req.id}, std::move(c), content, "discard", version, req.actor,
                            draft_ref(req.id));
  });
}

Result<VersionRow> DocumentLibrary::record_step(const StepRequest& req) {
  return writer_.run([&]() -> Result<VersionRow> {
    std::lock_guard lock(write_mutex_);
    auto draft = open_draft(req.id, req.expected_version);
    if (!draft) return draft.error();
    auto& [s, content] = *draft;
    vcs::NewCommit c;
    c.ref = draft_ref(req.id);
    c.expected_ref = s.draft->commit;
    c.parents = {s.draft->commit};
    c.base = s.draft->commit;  // no change to the tree: the step is in the message and trailers
    c.note = req.message;
    c.trailers = req.extra_trailers;
    return commit_and_index({s.kind, req.id}, std::move(c), content, req.action, s.last_version + 1,
                            req.actor, std::nullopt);
  });
}

Result<VersionRow> DocumentLibrary::record_main_step(const StepRequest& req) {
  return writer_.run([&]() -> Result<VersionRow> {
    std::lock_guard lock(write_mutex_);
    auto s = summary(req.id);
    if (!s) return s.error();
    if (!s->in_force) return make_error(Errc::kConflict, "Dokumen belum pernah berlaku");
    if (s->draft)
      return make_error(Errc::kConflict, "Dokumen sedang memiliki konsep terbuka; selesaikan dulu");
    if (req.expected_version != s->in_force->version)
      return stale(req.expected_version, s->in_force->version);
    auto content = store_->get(Cf::kContent, index::content_key(req.id, false));
    if (!content) return content.error();
    if (!*content) return make_error(Errc::kInternal, "Isi dokumen hilang dari indeks");
    auto base = next_on_main();
    if (!base) return base.error();
    vcs::NewCommit c = std::move(*base);
    c.note = req.message;
    return commit_and_index({s->kind, req.id}, std::move(c), **content, req.action,
                            s->last_version + 1, req.actor, std::nullopt);
  });
}

namespace {
/// The first `max_bytes` of `text` (never cutting a UTF-8 character), with "…" when cut.
std::string excerpt(const std::string& text, std::size_t max_bytes = 80) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "…";
}
}  // namespace

Status DocumentLibrary::not_an_author_of_the_draft(const DocSummary& summary,
                                                   const std::string& nip) const {
  if (nip.empty()) return {};
  auto rows = history(summary.id);
  if (!rows) return rows.error();
  const std::string email_prefix = nip + "@";
  for (const auto& row : *rows) {
    if (row.version < summary.draft_opened || row.on_main) continue;
    const domain::Action* a = domain::action(row.action);
    const bool authored =
        a && (a->effect == domain::Effect::kCreate || a->effect == domain::Effect::kEdit);
    if (authored && row.actor_email.starts_with(email_prefix))
      return make_error(Errc::kPermissionDenied,
                        "Anda ikut menyusun konsep ini (versi " + std::to_string(row.version) +
                            "); verifikasi dan pengesahan harus dilakukan orang lain");
  }
  return {};
}

Status DocumentLibrary::no_open_comments_by(const DocSummary& summary,
                                            const std::string& nip) const {
  auto all = comments(summary.id);
  if (!all) return all.error();
  json::array open;
  for (const auto& c : *all)
    if (c.id == c.thread && !c.resolved && c.nip == nip && summary.in_open_draft(c.draft_version))
      open.push_back(json::object{
          {"path", "/comments/" + c.id},
          {"message", "Komentar Anda pada " + (c.anchor.empty() ? "dokumen" : c.anchor) +
                          " belum diselesaikan: " + excerpt(c.text)}});
  if (open.empty()) return {};
  Error e = make_error(Errc::kConflict, "Masih ada " + std::to_string(open.size()) +
                                            " komentar Anda yang belum diselesaikan");
  e.details = std::move(open);
  return e;
}

Status DocumentLibrary::allows(const DocSummary& summary, std::string_view name) {
  const domain::Action* action = domain::action(name);
  if (!action || !action->workflow) {
    std::string known;
    for (const auto& a : domain::actions())
      if (a.workflow) known += (known.empty() ? "" : ", ") + std::string(a.name);
    return field_error(Errc::kNotFound, "Tindakan tidak dikenal", "/params/action",
                       "Tindakan: " + known);
  }
  if (domain::transition(summary.status, name)) return {};
  std::string allowed;
  for (auto a : domain::allowed_actions(summary.status))
    allowed += (allowed.empty() ? "" : ", ") + std::string(a);
  return field_error(
      Errc::kConflict,
      "Tindakan " + std::string(name) + " tidak dapat dilakukan pada status " + summary.status,
      "/params/action",
      allowed.empty() ? "Tidak ada tindakan lagi untuk status ini"
                      : "Yang dapat dilakukan: " + allowed);
}

Result<VersionRow> DocumentLibrary::act(const ActRequest& req, const KindRules& rules) {
  auto s = summary(req.id);
  if (!s) return s.error();
  if (auto ok = allows(*s, req.action); !ok) return ok.error();
  const domain::Action* action = domain::action(req.action);
  if (action->independent)
    if (auto ok = not_an_author_of_the_draft(*s, req.actor.nip); !ok) return ok.error();
  if (action->signs != req.signature.has_value() ||
      (req.signature && req.signature->nip != req.actor.nip))
    return make_error(Errc::kInternal, "Tanda tangan tidak sesuai dengan tindakan");
  vcs::Trailers signed_by;
  if (req.signature) signed_by.push_back(req.signature->trailer());

  switch (action->effect) {
    case domain::Effect::kReview: {
      if (req.action == "verify")
        if (auto ok = no_open_comments_by(*s, req.actor.nip); !ok) return ok.error();
      if (req.action == "submit" && rules.submission_problems) {
        auto draft = read(req.id, {ReadSelector::Kind::kDraft});
        if (!draft) return draft.error();
        auto problems = rules.submission_problems(draft->content);
        if (!problems.empty()) {
          Error e = make_error(Errc::kValidation,
                               "Konsep belum dapat diajukan: " + std::to_string(problems.size()) +
                                   " hal perlu diperbaiki");
          e.details = domain::to_json(problems);
          return e;
        }
      }
      return record_step(
          {req.id, req.expected_version, req.action, req.actor, req.reason, std::move(signed_by)});
    }
    case domain::Effect::kMainStep:
      return record_main_step({req.id, req.expected_version, req.action, req.actor, req.reason});
    case domain::Effect::kDiscard:
      return discard_draft({req.id, req.expected_version, req.actor, req.reason});
    case domain::Effect::kEdit: {
      auto in_force = read(req.id, {});
      if (!in_force) return in_force.error();
      std::string content =
          rules.revision_of ? rules.revision_of(in_force->content) : in_force->content;
      return save_draft(
          {s->kind, req.id, req.expected_version, std::move(content), req.actor, req.reason},
          req.action);
    }
    case domain::Effect::kMerge: {
      const std::string signed_on =
          format_date(local_date(req.signature->time, instansi_.utc_offset_minutes));
      const std::string effective = req.effective_date.empty() ? signed_on : req.effective_date;
      if (!parse_date(effective))
        return field_error(Errc::kValidation, "Tanggal efektif tidak valid", "/effective_date",
                           "Harus berupa tanggal YYYY-MM-DD");
      if (effective < signed_on)
        return field_error(Errc::kValidation, "Tanggal efektif tidak boleh sebelum hari ini",
                           "/effective_date",
                           "Pilih hari ini (" + signed_on + ") atau tanggal kemudian");
      auto draft = read(req.id, {ReadSelector::Kind::kDraft});
      if (!draft) return draft.error();
      std::optional<std::string> stamped;
      if (rules.stamp_ratification) {
        auto content = rules.stamp_ratification(draft->content, *req.signature, effective);
        if (!content) return content.error();
        stamped = std::move(*content);
      }
      return merge_draft(
          {req.id, req.expected_version, req.actor, req.reason, std::move(signed_by)}, stamped,
          req.action);
    }
    default:
      return make_error(Errc::kInternal, "Tindakan tanpa aturan: " + req.action);
  }
}

struct ItemKind {
  std::string_view trailer;    // Sopan-Comment, Sopan-Record
  std::string_view event_key;  // "comment", "record"
  Cf cf;
  std::string_view missing;  // the error when the row is not there after indexing
};
namespace {
const ItemKind kCommentItem{kTrailerComment, "comment", Cf::kComments, "Komentar tidak terindeks"};
const ItemKind kRecordItem{kTrailerRecord, "record", Cf::kRecords, "Catatan tidak terindeks"};
}  // namespace

template <class Row>
Result<Row> DocumentLibrary::commit_item(const DocRef& doc, vcs::NewCommit commit,
                                         std::string_view action, const ItemKind& kind,
                                         const std::string& item_id, const std::string& path,
                                         const std::string& content, const Actor& actor) {
  commit.trailers.insert(commit.trailers.begin(),
                         {{std::string(kTrailerAction), std::string(action)},
                          {std::string(kTrailerDoc), doc_trailer(doc.kind, doc.id)},
                          {std::string(kind.trailer), item_id}});
  auto info = commit_then_index(std::move(commit), actor, path, content, std::nullopt,
                                {{"kind", "doc." + std::string(action)},
                                 {"doc", doc_trailer(doc.kind, doc.id)},
                                 {kind.event_key, item_id}});
  if (!info) return info.error();
  auto row = read_row<Row>(*store_, kind.cf, index::item_key(doc.id, item_id));
  if (!row) return row.error();
  if (!*row) return make_error(Errc::kInternal, std::string(kind.missing));
  return std::move(**row);
}

Result<Comment> DocumentLibrary::comment(const CommentRequest& req) {
  return writer_.run([&]() -> Result<Comment> {
    std::lock_guard lock(write_mutex_);
    auto s = summary(req.id);
    if (!s) return s.error();
    if (!s->draft)
      return make_error(Errc::kConflict, "Komentar hanya dapat diberikan pada konsep yang terbuka");
    std::string comment_id = req.action == kActionComment ? sopan::new_id() : req.thread;
    if (!req.thread.empty()) {
      auto found = read_row<Comment>(*store_, Cf::kComments, index::item_key(req.id, req.thread));
      if (!found) return found.error();
      const auto& root = *found;
      if (!root || root->thread != root->id)
        return make_error(Errc::kNotFound, "Komentar " + req.thread + " tidak ditemukan");
      // Replies and resolutions belong to the current draft's threads only.
      if (!s->in_open_draft(root->draft_version))
        return make_error(Errc::kConflict,
                          "Komentar itu milik konsep sebelumnya dan sudah ditutup");
      if (req.action == kActionResolve && root->resolved)
        return make_error(Errc::kConflict, "Komentar sudah diselesaikan");
      if (req.action == kActionReopen && !root->resolved)
        return make_error(Errc::kConflict, "Komentar belum diselesaikan");
    }
    vcs::NewCommit c;
    c.ref = draft_ref(req.id);
    c.expected_ref = s->draft->commit;
    c.parents = {s->draft->commit};
    c.base = s->draft->commit;  // no file changes: the comment is the message, its facts trailers
    c.note = req.action == kActionComment ? req.text
                                          : (req.action == kActionResolve ? "Komentar diselesaikan"
                                                                          : "Komentar dibuka lagi");
    if (req.action == kActionComment && !req.thread.empty())
      c.trailers.push_back({std::string(kTrailerReplyTo), req.thread});
    if (req.action == kActionComment && req.thread.empty() && !req.anchor.empty())
      c.trailers.push_back({std::string(kTrailerAnchor), req.anchor});
    return commit_item<Comment>({s->kind, req.id}, std::move(c), req.action, kCommentItem,
                                comment_id, "", "", req.actor);
  });
}

Result<std::vector<Comment>> DocumentLibrary::comments(std::string_view id) const {
  if (!is_valid_id(id)) return not_found(id);
  return read_rows<Comment>(*store_, Cf::kComments, index::items_prefix(id));
}

Result<RecordRow> DocumentLibrary::add_record(const RecordRequest& req) {
  return writer_.run([&]() -> Result<RecordRow> {
    std::lock_guard lock(write_mutex_);
    auto s = summary(req.id);
    if (!s) return s.error();
    if (!s->in_force || s->status == "dicabut" || s->status == "digantikan")
      return make_error(
          Errc::kConflict,
          "Monitoring dan evaluasi hanya untuk SOP yang berlaku (status " + s->status + ")");
    const std::string record_id = sopan::new_id();
    json::object record = req.record;
    record["id"] = record_id;
    record["sop"] = req.id;
    record["sop_version"] = s->in_force->version;
    const std::string path = record_path(req.id, record_id);
    const std::string content = json_util::pretty(record);
    auto base = next_on_main();
    if (!base) return base.error();
    vcs::NewCommit c = std::move(*base);
    c.changes.push_back({path, content});
    c.note = req.message;
    c.trailers = req.extra_trailers;
    return commit_item<RecordRow>({s->kind, req.id}, std::move(c), req.action, kRecordItem,
                                  record_id, path, content, req.actor);
  });
}

Result<std::vector<RecordRow>> DocumentLibrary::records(std::string_view id) const {
  if (!is_valid_id(id)) return not_found(id);
  return read_rows<RecordRow>(*store_, Cf::kRecords, index::items_prefix(id));
}

Result<std::vector<DueItem>> DocumentLibrary::due_until(std::string_view date) const {
  std::vector<DueItem> out;
  auto s = store_->scan(Cf::kByDue, {}, [&](std::string_view key, std::string_view) {
    if (key.size() < 10 || key.substr(0, 10) > date) return false;  // keys sort by date
    index::KeyReader reader(key.substr(10));
    auto what = reader.prefixed();
    auto doc = reader.prefixed();
    if (what && doc) out.push_back({std::string(key.substr(0, 10)), *what, *doc});
    return true;
  });
  if (!s) return s.error();
  return out;
}

Result<DocSummary> DocumentLibrary::summary(std::string_view id) const {
  return summary_in(*store_, id);
}

Result<DocSummary> DocumentLibrary::summary_in(const index::Reader& view, std::string_view id) {
  if (!is_valid_id(id)) return not_found(id);
  auto row = read_row<DocSummary>(view, Cf::kDocs, index::doc_key(id));
  if (!row) return row.error();
  if (!*row) return not_found(id);
  return std::move(**row);
}

Result<Document> DocumentLibrary::read(std::string_view id, const ReadSelector& selector) {
  // One moment of the index: the summary, the content and the history rows agree (never version
  // N's head with version N+1's text).
  const auto view = store_->snapshot();
  auto s = summary_in(*view, id);
  if (!s) return s.error();
  Document doc;
  doc.summary = std::move(*s);
  const DocSummary& sum = doc.summary;
  const std::string now = today();

  // The index holds the open draft and the newest version in force: the plain read answers from
  // it unless that version's effective day is still ahead (then the timeline decides, as for
  // any other day).
  const bool draft = selector.kind == ReadSelector::Kind::kDraft;
  if (draft || (selector.kind == ReadSelector::Kind::kInForce &&
                (!sum.in_force || sum.effective_date <= now))) {
    const auto& head = draft ? sum.draft : sum.in_force;
    if (!head)
      return make_error(Errc::kNotFound, draft ? "Dokumen tidak memiliki konsep terbuka"
                                               : "Dokumen belum pernah berlaku");
    auto content = view->get(Cf::kContent, index::content_key(id, draft));
    if (!content) return content.error();
    if (!*content) return make_error(Errc::kInternal, "Isi dokumen hilang dari indeks");
    doc.content = std::move(**content);
    doc.version = head->version;
    doc.commit = head->commit;
    doc.is_draft = draft;
    doc.status = draft ? sum.status : sum.in_force_identity.status;
    if (!draft) doc.as_of = now;
    return doc;
  }

  // Older versions are read from git: rare, and git is where they live.
  std::optional<VersionRow> row;
  if (selector.kind == ReadSelector::Kind::kVersion) {
    auto found =
        read_row<VersionRow>(*view, Cf::kVersions, index::version_key(id, selector.version));
    if (!found) return found.error();
    if (!*found)
      return make_error(Errc::kNotFound, "Versi " + std::to_string(selector.version) +
                                             " tidak ada untuk dokumen ini");
    row = std::move(**found);
    doc.status =
        row->on_main
            ? std::string(domain::action(row->action) ? domain::action(row->action)->status : "")
            : "konsep";
  } else {
    const std::string date = selector.kind == ReadSelector::Kind::kAt ? selector.date : now;
    auto rows = history_in(*view, id);
    if (!rows) return rows.error();
    auto state = in_force_at(*rows, date, instansi_.utc_offset_minutes);
    if (!state.version)
      return make_error(Errc::kNotFound,
                        state.pending
                            ? "Dokumen sudah disahkan tetapi belum berlaku "
                              "pada tanggal itu (berlaku mulai " +
                                  effective_day(*state.pending, instansi_.utc_offset_minutes) + ")"
                            : "Dokumen belum berlaku pada tanggal itu");
    row = std::move(state.version);
    doc.status = state.status;
    doc.as_of = date;
    if (state.pending) {
      doc.pending_version = state.pending->version;
      doc.pending_effective = effective_day(*state.pending, instansi_.utc_offset_minutes);
    }
  }
  std::lock_guard lock(write_mutex_);
  auto content = git_->read_file(row->commit, doc_path(sum.kind, sum.id));
  if (!content) return content.error();
  if (!*content)
    return make_error(Errc::kInternal, "Berkas dokumen hilang di komit " + row->commit);
  doc.content = std::move(**content);
  doc.version = row->version;
  doc.commit = row->commit;
  doc.is_draft = !row->on_main;
  return doc;
}

std::string DocumentLibrary::today() const {
  return format_date(local_date(clock_->now(), instansi_.utc_offset_minutes));
}

Result<InForceAt> DocumentLibrary::at(std::string_view id, std::string_view date) const {
  auto rows = history(id);
  if (!rows) return rows.error();
  return in_force_at(*rows, date, instansi_.utc_offset_minutes);
}

Result<std::optional<DocSummary>> DocumentLibrary::summary_at(const DocSummary& summary,
                                                              std::string_view date) const {
  auto state = at(summary.id, date);
  if (!state) return state.error();
  if (state->status.empty()) return std::optional<DocSummary>();
  DocSummary s = summary.in_force ? summary.as_in_force() : summary;
  s.draft.reset();
  s.status = state->status;
  const std::optional<VersionRow>& shown = state->version ? state->version : state->pending;
  if (shown) {
    s.in_force = Head{shown->commit, shown->version, shown->time};
    if (!shown->unit.empty()) s.unit = shown->unit;
    s.number = shown->number;
    s.title = shown->title;
    s.effective_date = effective_day(*shown, instansi_.utc_offset_minutes);
  }
  // Monitoring and evaluation due dates are today's business, not the past day's.
  s.monitoring_due.clear();
  s.evaluation_due.clear();
  return std::optional<DocSummary>(std::move(s));
}

Result<std::vector<VersionRow>> DocumentLibrary::history(std::string_view id) const {
  return history_in(*store_, id);
}

Result<std::vector<VersionRow>> DocumentLibrary::history_in(const index::Reader& view,
                                                            std::string_view id) {
  if (!is_valid_id(id)) return not_found(id);
  auto rows = read_rows<VersionRow>(view, Cf::kVersions, index::versions_prefix(id));
  if (rows && rows->empty()) return not_found(id);
  return rows;
}

Result<std::optional<VersionRow>> DocumentLibrary::version_row(std::string_view id,
                                                               std::uint64_t version) const {
  if (!is_valid_id(id)) return not_found(id);
  return read_row<VersionRow>(*store_, Cf::kVersions, index::version_key(id, version));
}

Result<std::vector<DocSummary>> DocumentLibrary::list(const ListFilter& filter) const {
  std::vector<DocSummary> out;
  std::optional<Error> bad;
  auto keep = [&](const DocSummary& s) {
    return (!filter.kind || s.kind == *filter.kind) && (!filter.unit || s.unit == *filter.unit) &&
           (!filter.status || s.status == *filter.status) && (!filter.matches || filter.matches(s));
  };
  auto add_id = [&](std::string_view doc_id) {
    auto s = summary(doc_id);
    if (!s) {
      bad = s.error();
      return false;
    }
    if (keep(*s)) out.push_back(std::move(*s));
    return out.size() < filter.limit;
  };
  Status s;
  if (filter.unit || filter.status) {
    // Walk the narrower secondary index; the other filters are checked on each summary.
    Cf cf = filter.unit ? Cf::kByUnit : Cf::kByStatus;
    std::string group = filter.unit ? *filter.unit : *filter.status;
    s = store_->scan(cf, index::pair_prefix(group), [&](std::string_view key, std::string_view) {
      index::KeyReader reader(key);
      reader.prefixed();
      auto doc_id = reader.prefixed();
      return doc_id ? add_id(*doc_id) : true;
    });
  } else {
    s = store_->scan(Cf::kDocs, {}, [&](std::string_view, std::string_view value) {
      auto v = json_util::parse(value);
      auto sum = v ? DocSummary::from_json(*v) : Result<DocSummary>(v.error());
      if (!sum) {
        bad = sum.error();
        return false;
      }
      if (keep(*sum)) out.push_back(std::move(*sum));
      return out.size() < filter.limit;
    });
  }
  if (!s) return s.error();
  if (bad) return *bad;
  return out;
}

Status DocumentLibrary::write_session_rows(index::Batch rows, bool sync) {
  return store_->write(std::move(rows), sync);
}

void DocumentLibrary::record_event_later(json::object fields) {
  writer_.post([this, fields = std::move(fields)]() mutable { (void)record_event(fields); });
}

Status DocumentLibrary::record_event(json::object fields) {
  return writer_.run([&]() -> Status {
    std::lock_guard lock(write_mutex_);
    index::Batch batch;
    json::value kind = fields.contains("kind") ? fields.at("kind") : json::value();
    EventHead next = EventLog::append(batch, event_head_, std::move(fields), clock_->now());
    if (auto s = store_->write(std::move(batch)); !s) {
      // Callers answer the request regardless (a denial stays a denial); the log keeps the trace.
      log::error("audit.write_failed", {{"kind", kind}});
      return s;
    }
    event_head_ = std::move(next);
    anchor_events_if_due();
    return {};
  });
}

Status DocumentLibrary::write_rows(index::Batch rows, json::object event) {
  return writer_.run([&]() -> Status {
    std::lock_guard lock(write_mutex_);
    EventHead next = EventLog::append(rows, event_head_, std::move(event), clock_->now());
    if (auto s = store_->write(std::move(rows)); !s) return s;
    event_head_ = std::move(next);
    anchor_events_if_due();
    return {};
  });
}

Result<std::string> DocumentLibrary::commit_main(std::vector<vcs::FileChange> changes,
                                                 const Actor& actor, std::string message,
                                                 vcs::Trailers trailers, index::Batch rows,
                                                 json::object event) {
  return writer_.run([&]() -> Result<std::string> {
    std::lock_guard lock(write_mutex_);
    auto base = next_on_main();
    if (!base) return base.error();
    vcs::NewCommit c = std::move(*base);
    c.changes = std::move(changes);
    c.note = std::move(message);
    c.trailers = std::move(trailers);
    auto info = publish(
        std::move(c), actor,
        [](const std::string& wanted) -> Result<std::string> {
          return make_error(Errc::kInternal, "Berkas tak terduga: " + wanted);
        },
        std::move(rows), std::nullopt, std::move(event));
    if (!info) return info.error();
    return info->id;
  });
}

Result<std::vector<std::pair<std::string, std::string>>> DocumentLibrary::list_main_files(
    std::string_view dir) {
  std::lock_guard lock(write_mutex_);
  auto main = git_->ref_target(kMainRef);
  if (!main) return main.error();
  return git_->list_files(**main, dir);
}

Result<std::vector<vcs::CommitInfo>> DocumentLibrary::main_history_of(std::string_view path) {
  std::lock_guard lock(write_mutex_);
  auto main = git_->ref_target(kMainRef);
  if (!main) return main.error();
  // Main's own story is its first-parent chain; a commit changed the file when its blob differs
  // from the first parent's.
  std::vector<vcs::CommitInfo> out;
  std::optional<std::string> at = **main;
  while (at) {
    auto info = git_->commit_info(*at);
    if (!info) return info.error();
    auto blob = git_->blob_id(info->id, path);
    if (!blob) return blob.error();
    std::optional<std::string> parent_blob;
    if (!info->parents.empty()) {
      auto pb = git_->blob_id(info->parents.front(), path);
      if (!pb) return pb.error();
      parent_blob = *pb;
    }
    if (*blob != parent_blob) out.push_back(*info);
    at = info->parents.empty() ? std::nullopt : std::optional<std::string>(info->parents.front());
  }
  return out;
}

Result<std::size_t> DocumentLibrary::count_documents() const {
  std::size_t n = 0;
  auto s = store_->scan(Cf::kDocs, {}, [&](std::string_view, std::string_view) {
    ++n;
    return true;
  });
  if (!s) return s.error();
  return n;
}

}  // namespace sopan::library
