#pragma once
/// The ledger: the one writer of an instansi's data directory — git (the record) first, then one
/// synced RocksDB batch (the index) with the audit event — and the only holder of both. Documents,
/// the organisation and accounts write through it; nothing else touches the repository or the
/// index for writing.
/// Thread-safe: every write runs on the ledger's own writer thread (WriteQueue), in order, never
/// on a caller's; git reads share a lock with it; index reads take neither (a Snapshot when a read
/// must agree with itself). A crash between the git commit and the index batch loses nothing:
/// `open` indexes every commit that a ref holds beyond what `meta` records.
#include <boost/json/object.hpp>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/error.hpp"
#include "index/store.hpp"
#include "library/event_log.hpp"
#include "library/model.hpp"
#include "library/write_queue.hpp"
#include "vcs/git_repo.hpp"

namespace sopan::library {

/// Where a discarded draft's closing commit goes: refs/discarded/<id>/<version>.
inline constexpr std::string_view kDiscardedPrefix = "refs/discarded/";

/// The instansi a data directory belongs to (`instansi.json` at the root of main).
struct Instansi {
  std::string name;
  std::string email_domain = "instansi.go.id";
  int utc_offset_minutes = 420;  // WIB
  DuePeriods periods;
  /// Separation of duties holds per person: one account per NIP unless the instansi allows more
  /// (`allow_multiple_accounts_per_nip` in instansi.json; off by default).
  bool allow_multiple_accounts_per_nip = false;

  boost::json::value to_json() const;
  static Result<Instansi> from_json(const boost::json::value& v);
};

struct RecoveryReport {
  std::size_t commits_indexed = 0;
  std::size_t stale_refs_removed = 0;
  std::vector<std::string> lock_files_removed;  // stale libgit2 .lock files, relative to repo.git
  std::size_t refs_quarantined = 0;             // draft refs moved aside under refs/quarantine/
};

/// A commit (or ref) the indexer could not apply: kept in git, left out of the index, reported.
struct Quarantined {
  std::string commit;
  std::string reason;  // Indonesian
};

struct VerifyReport {
  bool index_matches = true;
  std::vector<std::string> index_problems;  // Indonesian, one line each (first few only)
  ChainReport events;
  /// The newest anchor of the event chain found in git (`events` reports whether it holds).
  std::optional<EventHead> anchor;
  std::vector<Quarantined> quarantined;
  std::vector<std::string>
      lock_files;  // .lock files present in repo.git (stale unless a write is running)
  /// Everything holds: index, chain and its anchor, nothing quarantined.
  bool clean() const { return index_matches && events.intact && quarantined.empty(); }
};

/// A head of the event chain written into git: by a commit on main (each carries the head as
/// it was before its own event) or by an anchor commit on refs/audit/anchors.
struct EventAnchor {
  std::string commit;
  std::string ref;
  TimeMs time = 0;
  EventHead head;
};

class Ledger {
 public:
  /// Creates `data_dir/repo.git` (with `instansi.json` on main) and `data_dir/index`.
  /// `files` (e.g. the root unit of the org tree) go into the same first commit.
  [[nodiscard]] static Status init(const std::filesystem::path& data_dir, const Instansi& instansi,
                                   std::vector<vcs::FileChange> files = {},
                                   const Clock& clock = Clock::system());
  /// Opens an initialised data directory and reconciles the index with git. `clock` dates every
  /// commit and event (it must outlive the ledger).
  [[nodiscard]] static Result<std::unique_ptr<Ledger>> open(const std::filesystem::path& data_dir,
                                                            const Clock& clock = Clock::system());
  /// Rebuilds every derived column family from git (the server must not be running).
  [[nodiscard]] static Status reindex(const std::filesystem::path& data_dir,
                                      const Clock& clock = Clock::system());
  /// Checks, without writing, that the index equals a rebuild from git and the event chain holds.
  /// Works while a server holds the data directory.
  [[nodiscard]] static Result<VerifyReport> verify(const std::filesystem::path& data_dir);
  ~Ledger();

  const Instansi& instansi() const { return instansi_; }
  /// The data directory this ledger owns (for scratch files of its own: DATA/tmp).
  const std::filesystem::path& data_dir() const { return data_dir_; }
  /// The bare repository on disk (`data_dir/repo.git`), absolute: for git's own programs, which
  /// read it beside libgit2 (git http-backend under /git/).
  const std::filesystem::path& repository_path() const { return repository_path_; }
  const Clock& clock() const { return *clock_; }
  /// Today in the instansi's calendar ("YYYY-MM-DD"), by the ledger's clock.
  std::string today() const;
  const RecoveryReport& recovery() const { return recovery_; }
  /// Commits the index leaves out (see Indexer::apply), as stored by the last rebuild or start-up.
  [[nodiscard]] Result<std::vector<Quarantined>> quarantined() const;
  /// The index for reading (every write goes through the ledger).
  const index::Reader& store() const { return *store_; }
  /// The index itself, read-only, for walks with cursors (the timeline's event facets).
  const index::Store& index() const { return *store_; }
  /// One moment of the index, for reads that must agree with each other.
  std::unique_ptr<index::Snapshot> snapshot() const { return store_->snapshot(); }
  /// The index itself, for tests that damage it on purpose (never called by the service).
  index::Store& store_for_tests() { return *store_; }

  /// Runs `f` as one write: on the writer thread, holding the git lock. Inside it (and only
  /// there) `git()`, `next_on_main()` and `publish()` may be called.
  template <class F>
  auto write(F&& f) {
    return writer_.run([&] {
      std::lock_guard lock(git_mutex_);
      return f();
    });
  }
  vcs::GitRepo& git() { return *git_; }
  /// A commit to make on top of main: ref, expected head, parent and base tree set.
  Result<vcs::NewCommit> next_on_main();
  /// The one way a commit is published: build it (author, trailers, the chain anchor on main),
  /// let the indexer check and index it while no ref points at it, move the ref (compare and
  /// swap), then write `rows`, the index rows, `meta` and `event` in one synced batch. A refused
  /// commit is never published; a failed batch moves the ref back, so a 5xx leaves git as it was.
  Result<vcs::CommitInfo> publish(
      vcs::NewCommit commit, const Actor& actor,
      const std::function<Result<std::string>(const std::string&)>& read_content, index::Batch rows,
      const std::optional<std::string>& remove_ref, boost::json::object event);

  /// The event chain as stored now, checked against the newest anchor in git (the timeline's
  /// chain state; `verify` checks the index too).
  [[nodiscard]] Result<ChainReport> verify_events() const;
  /// Appends an audit event not tied to a document write (logins, denials, exports...).
  [[nodiscard]] Status record_event(boost::json::object fields);
  /// Writes `rows` (data that is not in git: staff, accounts, sessions) and the event that
  /// describes them in one synced batch.
  [[nodiscard]] Status write_rows(index::Batch rows, boost::json::object event);
  /// Rows no one audits and git never holds (a session's last-seen time, sessions ended with a
  /// password change): written at once, beside the writer thread, so a request that refreshes
  /// its session never waits on a commit. `sync` = false when losing them in a crash is harmless.
  [[nodiscard]] Status write_session_rows(index::Batch rows, bool sync);
  /// Commits `changes` straight to main (org files, records), with the action trailer, then
  /// writes `rows` and the event in one synced batch (the commit id is added to the event).
  /// A crash between the two leaves the commit in git and `rows` unwritten; the caller's
  /// `rows` must therefore be safe to lose (the change in git stands on its own).
  [[nodiscard]] Result<std::string> commit_main(std::vector<vcs::FileChange> changes,
                                                const Actor& actor, std::string message,
                                                vcs::Trailers trailers, index::Batch rows,
                                                boost::json::object event);

  /// commit_main with the changes built inside the write from main's head as it then is (a
  /// read-modify-write no other write can interleave with); `build` may refuse (nothing is
  /// written) or answer no change (nothing is written, the head is answered).
  [[nodiscard]] Result<std::string> commit_main_built(
      const std::function<Result<std::vector<vcs::FileChange>>(
          vcs::GitRepo& git, const std::string& main_head)>& build,
      const Actor& actor, std::string message, vcs::Trailers trailers, boost::json::object event);
  /// Main as it stood at the end of local day `date` ("YYYY-MM-DD"): its last commit of that day
  /// or before (nullopt when main did not exist yet). An index read.
  [[nodiscard]] Result<std::optional<std::string>> main_on(std::string_view date) const;
  /// The anchors in git dated from `since` to `until` (UTC ms), by seq: main's first-parent line
  /// (from main as it stood at the end of `until`'s day) and refs/audit/anchors, walked back until
  /// `since` (git reads, the lock taken per step).
  [[nodiscard]] Result<std::vector<EventAnchor>> event_anchors(TimeMs since, TimeMs until);
  /// Main's head (a git read of the ref).
  [[nodiscard]] Result<std::string> main_head();

  /// A file at a commit (nullopt when it has none): a git read, under the git lock.
  [[nodiscard]] Result<std::optional<std::string>> read_file(const std::string& commit,
                                                             const std::string& path);
  /// Every file directly in folder `dir` at `commit`, as (name, content).
  [[nodiscard]] Result<std::vector<std::pair<std::string, std::string>>> list_files(
      const std::string& commit, std::string_view dir);
  /// Every file directly in folder `dir` on main, as (name, content).
  [[nodiscard]] Result<std::vector<std::pair<std::string, std::string>>> list_main_files(
      std::string_view dir);
  /// The commits on main that changed `path`, newest first (walks main: for rare reads).
  [[nodiscard]] Result<std::vector<vcs::CommitInfo>> main_history_of(std::string_view path);

 private:
  Ledger() = default;
  Result<std::string> commit_main_locked(
      const std::function<Result<std::vector<vcs::FileChange>>(vcs::GitRepo&, const std::string&)>&
          build,
      const Actor& actor, std::string message, vcs::Trailers trailers, index::Batch rows,
      boost::json::object event);
  /// Writes an anchor commit of the event chain when enough events have passed since the last.
  void anchor_events_if_due();
  Status reconcile();
  /// reconcile() with the git lock held; `at_start_up` also reports the lock files open()
  /// removed.
  Status reconcile_locked(bool at_start_up);
  /// True when draft head `target` of `id` was merged into main or discarded (its ref is stale).
  Result<bool> draft_was_closed(const std::string& id, const std::string& target);
  std::string email_of(const Actor& actor) const;

  const Clock* clock_ = &Clock::system();
  std::filesystem::path data_dir_;
  std::filesystem::path repository_path_;
  std::unique_ptr<vcs::GitRepo> git_;
  std::unique_ptr<index::Store> store_;
  Instansi instansi_;
  EventHead event_head_;
  std::uint64_t anchored_seq_ = 0;  // the newest event seq written into git
  RecoveryReport recovery_;
  int lock_fd_ = -1;              // the exclusive lock on the data directory, held while open
  bool index_behind_ = false;     // a failed write's ref could not be moved back
  mutable std::mutex git_mutex_;  // git use + index writes + event head
  /// Every write runs here, in order, off the callers' threads; last member, so it starts once
  /// the rest exists.
  WriteQueue writer_;
};

}  // namespace sopan::library
