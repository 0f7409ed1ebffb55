#include "library/ledger.hpp"

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
#include "library/event_index.hpp"
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
/// 6: version rows name the acting account (Sopan-Actor-Account); summaries and ratified
/// version rows carry the positions acting and their steps (KindDescriptor::actors).
constexpr std::string_view kFormatVersion = "8";  // 8: verification codes
constexpr std::string_view kMetaRefPrefix = "ref:";
/// A discarded draft's commits stay reachable here, so its history survives garbage collection.
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
                                              const std::optional<std::string>& stop,
                                              index::Batch& days, int utc_offset_minutes) {
  auto tip = git.ref_target(kMainRef);
  if (!tip) return tip.error();
  std::set<std::string> line;
  std::set<std::string> dated;  // newest first: a day's first commit met is its last one
  std::optional<std::string> at = *tip;
  while (at && at != stop) {
    auto info = git.commit_info(*at);
    if (!info) return info.error();
    line.insert(info->id);
    std::string key = main_day_key(info->time, utc_offset_minutes);
    if (dated.insert(key).second) days.put(Cf::kMeta, std::move(key), info->id);
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
Status build_index(vcs::GitRepo& git, index::Store& store, DuePeriods periods,
                   int utc_offset_minutes) {
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
  auto main_line = main_line_since(git, std::nullopt, batch, utc_offset_minutes);
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
  if (auto s = build_index(git, store, instansi->periods, instansi->utc_offset_minutes); !s)
    return s;
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

Ledger::~Ledger() {
  writer_.stop();  // writes still queued finish first
  // The index and the repository close first: only then may another process take the directory.
  store_.reset();
  git_.reset();
  if (lock_fd_ >= 0) ::close(lock_fd_);  // closing releases the flock
}

Status Ledger::init(const fs::path& data_dir, const Instansi& instansi,
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
  batch.put(Cf::kMeta, main_day_key(c.time, instansi.utc_offset_minutes), *commit);
  auto head = EventLog::load_head(**store);
  if (!head) return head.error();
  EventLog::append(batch, *head,
                   {{"kind", "instansi.init"}, {"instansi", instansi.name}, {"commit", *commit}},
                   c.time);
  return (*store)->write(std::move(batch));
}

Result<std::unique_ptr<Ledger>> Ledger::open(const fs::path& data_dir, const Clock& clock) {
  std::unique_ptr<Ledger> lib(new Ledger());
  lib->clock_ = &clock;
  lib->data_dir_ = data_dir;
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
  lib->repository_path_ = fs::absolute(data_dir / "repo.git");
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
  // After reconcile: the facets of old events find their documents' units in the summaries.
  if (auto s = catch_up_facets(*lib->store_); !s) return s.error();
  return lib;
}

Result<ChainReport> Ledger::verify_events() const {
  std::optional<EventHead> anchor;
  {
    std::lock_guard lock(git_mutex_);
    auto newest = newest_anchor(*git_);
    if (!newest) return newest.error();
    anchor = std::move(*newest);
  }
  // Events appended meanwhile only add to the chain past the anchor, which stays in it.
  return EventLog::verify(*store_, anchor);
}

Status Ledger::reconcile() {
  std::lock_guard lock(git_mutex_);
  return reconcile_locked(/*at_start_up=*/true);
}

Status Ledger::reconcile_locked(bool at_start_up) {
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
  auto main_line = main_line_since(
      *git_,
      indexed_main == known.end() ? std::nullopt : std::optional<std::string>(indexed_main->second),
      batch, instansi_.utc_offset_minutes);
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
      auto got = is_valid_id(id) ? read_row<DocSummary>(*store_, Cf::kDocs, index::doc_key(id))
                                 : Result<std::optional<DocSummary>>(std::optional<DocSummary>());
      if (got && *got) stored = std::move(**got);
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

Result<bool> Ledger::draft_was_closed(const std::string& id, const std::string& target) {
  auto rows = read_rows<VersionRow>(*store_, Cf::kVersions, index::versions_prefix(id));
  if (!rows) return rows.error();
  for (const auto& row : *rows) {
    // Only a merge into main or a discard closes a draft (the workflow table's effects).
    const domain::Action* action = domain::action(row.action);
    if (!action ||
        (action->effect != domain::Effect::kMerge && action->effect != domain::Effect::kDiscard))
      continue;
    auto info = git_->commit_info(row.commit);
    if (!info) return info.error();
    const auto& parents = info->parents;
    if (!parents.empty() && parents.back() == target) return true;
  }
  return false;
}

Status Ledger::reindex(const fs::path& data_dir, const Clock& clock) {
  auto git = vcs::GitRepo::open(data_dir / "repo.git");
  if (!git) return git.error();
  auto store = index::Store::open(data_dir / "index");
  if (!store) return store.error();
  return rebuild_index(**git, **store, {{"kind", "index.rebuilt"}}, clock.now());
}

Result<VerifyReport> Ledger::verify(const fs::path& data_dir) {
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
  if (auto s = build_index(**git, **rebuilt, instansi->periods, instansi->utc_offset_minutes); !s)
    return s.error();

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

Result<std::vector<Quarantined>> Ledger::quarantined() const { return quarantine_rows(*store_); }

std::string Ledger::email_of(const Actor& actor) const {
  return (actor.nip.empty() ? std::string("sistem") : actor.nip) + "@" + instansi_.email_domain;
}

Result<vcs::CommitInfo> Ledger::publish(
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
  if (!actor.account.empty())
    commit.trailers.push_back({std::string(kTrailerActorAccount), actor.account});
  if (!actor.position.empty())
    commit.trailers.push_back({std::string(kTrailerActorPosition), actor.position});
  if (on_main) commit.trailers.push_back({std::string(kTrailerEvents), format_anchor(event_head_)});
  commit.subject = commit_subject(commit.trailers);
  if (on_main && !commit.parents.empty()) {
    // Main's times never go back (a clock stepped back, a restored VM): the day a commit is
    // dated is the day main held it (main_on), so a past day never gains a later change.
    if (auto parent = git_->commit_info(commit.parents.front()))
      commit.time = std::max(commit.time, parent->time);
  }
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
  if (on_main) rows.put(Cf::kMeta, main_day_key(info->time, instansi_.utc_offset_minutes), *id);
  if (remove_ref) rows.del(Cf::kMeta, meta_ref_key(*remove_ref));
  event["commit"] = *id;
  event["actor"] = actor.name;
  event["nip"] = actor.nip;
  if (!actor.account.empty()) event["actor_account"] = actor.account;
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

void Ledger::anchor_events_if_due() {
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

Result<vcs::NewCommit> Ledger::next_on_main() {
  auto main = git_->ref_target(kMainRef);
  if (!main) return main.error();
  vcs::NewCommit c;
  c.ref = std::string(kMainRef);
  c.expected_ref = **main;  // someone else moving main first is a lost race, never an overwrite
  c.parents = {**main};
  c.base = **main;
  return c;
}

std::string Ledger::today() const {
  return format_date(local_date(clock_->now(), instansi_.utc_offset_minutes));
}

Status Ledger::write_session_rows(index::Batch rows, bool sync) {
  return store_->write(std::move(rows), sync);
}

Status Ledger::record_event(json::object fields) {
  return writer_.run([&]() -> Status {
    std::lock_guard lock(git_mutex_);
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

Status Ledger::write_rows(index::Batch rows, json::object event) {
  return writer_.run([&]() -> Status {
    std::lock_guard lock(git_mutex_);
    EventHead next = EventLog::append(rows, event_head_, std::move(event), clock_->now());
    if (auto s = store_->write(std::move(rows)); !s) return s;
    event_head_ = std::move(next);
    anchor_events_if_due();
    return {};
  });
}

Result<std::string> Ledger::commit_main(std::vector<vcs::FileChange> changes, const Actor& actor,
                                        std::string message, vcs::Trailers trailers,
                                        index::Batch rows, json::object event) {
  return commit_main_locked(
      [&](vcs::GitRepo&, const std::string&) -> Result<std::vector<vcs::FileChange>> {
        return std::move(changes);
      },
      actor, std::move(message), std::move(trailers), std::move(rows), std::move(event));
}

Result<std::string> Ledger::commit_main_built(
    const std::function<Result<std::vector<vcs::FileChange>>(vcs::GitRepo&, const std::string&)>&
        build,
    const Actor& actor, std::string message, vcs::Trailers trailers, json::object event) {
  return commit_main_locked(build, actor, std::move(message), std::move(trailers), {},
                            std::move(event));
}

Result<std::string> Ledger::main_head() {
  std::lock_guard lock(git_mutex_);
  auto main = git_->ref_target(kMainRef);
  if (!main) return main.error();
  if (!*main) return make_error(Errc::kInternal, "Main belum ada");
  return **main;
}

Result<std::optional<std::string>> Ledger::main_on(std::string_view date) const {
  const std::string wanted = std::string(kMainDayPrefix) + std::string(date);
  std::optional<std::string> found;
  // Newest day first; a year back passes a few hundred rows (one per day with a commit).
  auto s = store_->scan(
      Cf::kMeta, kMainDayPrefix,
      [&](std::string_view key, std::string_view value) {
        if (key > wanted) return true;
        found = std::string(value);
        return false;
      },
      /*reverse=*/true);
  if (!s) return s.error();
  return found;
}

Result<std::string> Ledger::commit_main_locked(
    const std::function<Result<std::vector<vcs::FileChange>>(vcs::GitRepo&, const std::string&)>&
        build,
    const Actor& actor, std::string message, vcs::Trailers trailers, index::Batch rows,
    json::object event) {
  return writer_.run([&]() -> Result<std::string> {
    std::lock_guard lock(git_mutex_);
    auto base = next_on_main();
    if (!base) return base.error();
    vcs::NewCommit c = std::move(*base);
    auto changes = build(*git_, *c.base);
    if (!changes) return changes.error();
    if (changes->empty()) return *c.base;
    c.changes = std::move(*changes);
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

Result<std::vector<std::pair<std::string, std::string>>> Ledger::list_files(
    const std::string& commit, std::string_view dir) {
  std::lock_guard lock(git_mutex_);
  return git_->list_files(commit, dir);
}

Result<std::vector<std::pair<std::string, std::string>>> Ledger::list_main_files(
    std::string_view dir) {
  std::lock_guard lock(git_mutex_);
  auto main = git_->ref_target(kMainRef);
  if (!main) return main.error();
  return git_->list_files(**main, dir);
}

Result<std::vector<EventAnchor>> Ledger::event_anchors(TimeMs since, TimeMs until) {
  std::vector<EventAnchor> out;
  for (std::string_view ref : {kMainRef, kAnchorRef}) {
    std::optional<std::string> at;
    if (ref == kMainRef) {
      // Main as it stood at the end of the period's last day (an index read), not its head.
      auto then = main_on(format_date(local_date(until, instansi_.utc_offset_minutes)));
      if (!then) return then.error();
      at = std::move(*then);
    } else {
      std::lock_guard lock(git_mutex_);
      auto tip = git_->ref_target(ref);
      if (!tip) return tip.error();
      at = std::move(*tip);
    }
    // Both lines only grow, their times never going back (publish): stop at the first commit
    // older than the period.
    while (at) {
      std::lock_guard lock(git_mutex_);
      auto info = git_->commit_info(*at);
      if (!info) return info.error();
      if (info->time < since) break;
      auto value = info->trailer(kTrailerEvents);
      auto head = value ? parse_anchor(*value) : std::nullopt;
      if (head && info->time <= until)
        out.push_back({info->id, std::string(ref), info->time, std::move(*head)});
      at = info->parents.empty() ? std::nullopt : std::optional<std::string>(info->parents.front());
    }
  }
  std::sort(out.begin(), out.end(), [](const EventAnchor& a, const EventAnchor& b) {
    return a.head.seq != b.head.seq ? a.head.seq < b.head.seq : a.commit < b.commit;
  });
  return out;
}

Result<std::vector<vcs::CommitInfo>> Ledger::main_history_of(std::string_view path) {
  std::optional<std::string> at;
  {
    std::lock_guard lock(git_mutex_);
    auto main = git_->ref_target(kMainRef);
    if (!main) return main.error();
    at = **main;
  }
  // Main's own story is its first-parent chain; a commit changed the file when its blob differs
  // from the first parent's. Commits never change: the lock is taken per step, so a long walk
  // never holds writes back.
  std::vector<vcs::CommitInfo> out;
  while (at) {
    std::lock_guard lock(git_mutex_);
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

Result<std::optional<std::string>> Ledger::read_file(const std::string& commit,
                                                     const std::string& path) {
  std::lock_guard lock(git_mutex_);
  return git_->read_file(commit, path);
}

}  // namespace sopan::library
