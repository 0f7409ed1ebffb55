#pragma once
/// The one place that writes: git first (the record), then one synced RocksDB batch (the index).
/// Thread-safe: every write runs on the library's own writer thread (WriteQueue), in order;
/// git reads share a lock with it; index reads take neither.
/// A crash between the git commit and the index batch loses nothing: `open` indexes every commit
/// that a ref holds beyond what `meta` records.
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
#include "domain/finding.hpp"
#include "domain/signature.hpp"
#include "index/store.hpp"
#include "library/event_log.hpp"
#include "library/model.hpp"
#include "library/timeline.hpp"
#include "library/write_queue.hpp"
#include "vcs/git_repo.hpp"

namespace sopan::library {

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

struct SaveRequest {
  DocKind kind = DocKind::kSop;
  std::string id;
  /// The version the writer last read (the draft head, or the version in force when no draft is
  /// open). Anything else is Errc::kPreconditionFailed, with nothing written.
  std::uint64_t expected_version = 0;
  std::string content;  // a JSON object, stored as is
  Actor actor;
  std::string message;
};

struct MergeRequest {
  std::string id;
  std::uint64_t expected_version = 0;  // the draft head version
  Actor actor;
  std::string message;
  vcs::Trailers extra_trailers;  // e.g. the signature, from the workflow
};

/// A workflow step that changes no content: submit, verify, request-changes (on the draft ref),
/// withdraw, supersede (on main).
struct StepRequest {
  std::string id;
  std::uint64_t expected_version = 0;  // the draft head, or the version in force for main steps
  std::string action;
  Actor actor;
  std::string message;
  vcs::Trailers extra_trailers = {};  // e.g. the verifier's signature record
};

struct DiscardRequest {
  std::string id;
  std::uint64_t expected_version = 0;  // the draft head version
  Actor actor;
  std::string message;
};

/// A review comment, a reply to one (`thread` set), or a thread's resolution or reopening.
struct CommentRequest {
  std::string id;           // the document
  std::string_view action;  // kActionComment, kActionResolve, kActionReopen
  std::string thread;       // reply, resolve, reopen: the root comment; empty for a new thread
  std::string anchor;       // new thread: JSON pointer into the document ("" = the whole document)
  std::string text;
  Actor actor;
};

/// A monitoring or evaluation record for a SOP in force; written to main under records/.
struct RecordRequest {
  std::string id;              // the SOP
  std::string_view action;     // kActionMonitor or kActionEvaluate
  boost::json::object record;  // the file's fields; the library adds "id" and "sop"
  Actor actor;
  std::string message;
  vcs::Trailers extra_trailers;  // e.g. the signature of an evaluation that keeps the SOP
};

/// A workflow action on a document (domain/workflow.hpp), as `act` takes it.
struct ActRequest {
  std::string id;
  std::string action;                  // submit, verify, request-changes, ratify, revise, ...
  std::uint64_t expected_version = 0;  // If-Match: the draft head, or the version in force
  Actor actor;
  std::string reason;  // the person's note, quoted in the commit message
  /// Exactly when the action signs (ratify, verify): the actor's signature record.
  std::optional<domain::Signature> signature;
  std::string effective_date;  // ratify: "YYYY-MM-DD" (empty = the day of signing)
};

/// What a document kind contributes to `act`: its rules applied to content.
struct KindRules {
  /// The findings that block a submission (none: it may be submitted).
  std::function<std::vector<domain::Finding>(const std::string& content)> submission_problems;
  /// The content as it goes into force: the draft's, stamped with what ratification writes
  /// (the signer, the effective date).
  std::function<Result<std::string>(const std::string& content, const domain::Signature& signer,
                                    const std::string& effective_date)>
      stamp_ratification;
  /// The first draft of a revision, from the content in force.
  std::function<std::string(std::string_view content)> revision_of;
};

/// Something due: monitoring or evaluation of a SOP in force.
struct DueItem {
  std::string date;  // YYYY-MM-DD
  std::string what;  // "monitoring" or "evaluasi"
  std::string doc_id;
};

struct ListFilter {
  std::optional<DocKind> kind;
  std::optional<std::string> unit;
  std::optional<std::string> status;
  /// Any further condition on a summary (unit subtree, the reader's rights); checked before the
  /// limit counts it, so a page is full whenever enough documents qualify.
  std::function<bool(const DocSummary&)> matches = nullptr;
  std::size_t limit = 200;
};

/// How a read picks the version: in force today, the open draft, version N, or in force on a day
/// (timeline.hpp: effective dates, withdrawals and supersessions honoured).
struct ReadSelector {
  enum class Kind { kInForce, kDraft, kVersion, kAt } kind = Kind::kInForce;
  std::uint64_t version = 0;
  std::string date;  // kAt: "YYYY-MM-DD"

  ReadSelector() = default;
  ReadSelector(Kind k, std::uint64_t v = 0, std::string d = {})
      : kind(k), version(v), date(std::move(d)) {}
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

/// Comments and records: which trailer and event field name the item, where it is indexed
/// (defined with the library's code).
struct ItemKind;

class DocumentLibrary {
 public:
  /// Creates `data_dir/repo.git` (with `instansi.json` on main) and `data_dir/index`.
  /// `files` (e.g. the root unit of the org tree) go into the same first commit.
  [[nodiscard]] static Status init(const std::filesystem::path& data_dir, const Instansi& instansi,
                                   std::vector<vcs::FileChange> files = {},
                                   const Clock& clock = Clock::system());
  /// Opens an initialised data directory and reconciles the index with git.
  /// `clock` dates every commit and event (it must outlive the library).
  [[nodiscard]] static Result<std::unique_ptr<DocumentLibrary>> open(
      const std::filesystem::path& data_dir, const Clock& clock = Clock::system());
  /// Rebuilds every derived column family from git (the server must not be running).
  [[nodiscard]] static Status reindex(const std::filesystem::path& data_dir,
                                      const Clock& clock = Clock::system());
  /// Checks, without writing, that the index equals a rebuild from git and the event chain holds.
  /// Works while a server holds the data directory.
  [[nodiscard]] static Result<VerifyReport> verify(const std::filesystem::path& data_dir);
  ~DocumentLibrary();

  const Instansi& instansi() const { return instansi_; }
  const Clock& clock() const { return *clock_; }
  const RecoveryReport& recovery() const { return recovery_; }
  /// Commits the index leaves out (see Indexer::apply), as stored by the last rebuild or start-up.
  [[nodiscard]] Result<std::vector<Quarantined>> quarantined() const;

  /// Creates a document with its first draft commit; returns its history row (version 1).
  [[nodiscard]] Result<VersionRow> create(DocKind kind, std::string content, const Actor& actor,
                                          std::string message, std::string* new_id = nullptr);
  /// `action` is "save", or "revise" for the first draft of a SOP in force. A save whose content
  /// equals the open draft's writes nothing and answers the draft's head row.
  [[nodiscard]] Result<VersionRow> save_draft(const SaveRequest& req,
                                              std::string_view action = "save");
  /// Merges the open draft into main (parents [main, draft]) and removes the draft ref.
  /// `content` replaces the draft's file as it goes into force (the ratification data);
  /// `action` is "merge", or "ratify" from the workflow.
  [[nodiscard]] Result<VersionRow> merge_draft(const MergeRequest& req,
                                               const std::optional<std::string>& content = {},
                                               std::string_view action = "merge");
  /// Ends the open draft without ratifying it. Its commits stay reachable (under
  /// refs/discarded/<id>/<version>) and in the history; the document keeps what is in force, or
  /// becomes "dibatalkan" when nothing ever was.
  [[nodiscard]] Result<VersionRow> discard_draft(const DiscardRequest& req);
  /// A commit on the open draft with the same content, recording a review step.
  [[nodiscard]] Result<VersionRow> record_step(const StepRequest& req);
  /// A commit on main with the document unchanged, recording withdraw or supersede; refused
  /// (kConflict) while a draft is open.
  [[nodiscard]] Result<VersionRow> record_main_step(const StepRequest& req);

  /// The workflow (domain/workflow.hpp), the one way an action is taken: the document's state
  /// allows it (409 naming what is allowed), separation of duties holds for verify and ratify
  /// (403), a verifier's own comments are resolved (409), then the action's commit is made on
  /// the ref the table names. The caller has checked the actor's role and the signature's
  /// password.
  [[nodiscard]] Result<VersionRow> act(const ActRequest& req, const KindRules& rules);
  /// Whether the workflow has `action` (404) and allows it in the document's state (409).
  [[nodiscard]] static Status allows(const DocSummary& summary, std::string_view action);

  /// Adds a comment (or reply, resolution, reopening) to the open draft as a commit that changes
  /// no file; the draft's version is unchanged, so the writer's autosave is not disturbed.
  [[nodiscard]] Result<Comment> comment(const CommentRequest& req);
  /// Every comment ever made on the document's drafts, oldest first.
  [[nodiscard]] Result<std::vector<Comment>> comments(std::string_view id) const;
  /// Writes a record file to main (refused unless a version is in force).
  [[nodiscard]] Result<RecordRow> add_record(const RecordRequest& req);
  [[nodiscard]] Result<std::vector<RecordRow>> records(std::string_view id) const;
  /// Monitoring and evaluations due on or before `date` (YYYY-MM-DD), soonest first.
  [[nodiscard]] Result<std::vector<DueItem>> due_until(std::string_view date) const;

  [[nodiscard]] Result<DocSummary> summary(std::string_view id) const;
  [[nodiscard]] Result<Document> read(std::string_view id, const ReadSelector& selector);
  [[nodiscard]] Result<std::vector<VersionRow>> history(std::string_view id) const;
  /// Today in the instansi's calendar ("YYYY-MM-DD"), by the library's clock.
  std::string today() const;
  /// The state of document `id` on `date` (an index read of its history).
  [[nodiscard]] Result<InForceAt> at(std::string_view id, std::string_view date) const;
  /// `summary` as it stood on `date`: the version in force then (its identity, head and status),
  /// no draft; nullopt when nothing was ratified by that day.
  [[nodiscard]] Result<std::optional<DocSummary>> summary_at(const DocSummary& summary,
                                                             std::string_view date) const;
  /// One row of the history (nullopt when the document has no such version): an index read.
  [[nodiscard]] Result<std::optional<VersionRow>> version_row(std::string_view id,
                                                              std::uint64_t version) const;
  [[nodiscard]] Result<std::vector<DocSummary>> list(const ListFilter& filter) const;
  /// Appends an audit event not tied to a document write (logins, denials, exports...).
  [[nodiscard]] Status record_event(boost::json::object fields);
  /// record_event without waiting for it (a denial answered on an I/O thread): the event is
  /// appended in turn on the writer thread; a failure is logged there.
  void record_event_later(boost::json::object fields);
  /// Writes `rows` (data that is not in git: staff, accounts, sessions) and the event that
  /// describes them in one synced batch.
  [[nodiscard]] Status write_rows(index::Batch rows, boost::json::object event);
  /// Commits `changes` straight to main (org files, records), with the action trailer, then
  /// writes `rows` and the event in one synced batch (the commit id is added to the event).
  /// A crash between the two leaves the commit in git and `rows` unwritten; the caller's
  /// `rows` must therefore be safe to lose (the change in git stands on its own).
  [[nodiscard]] Result<std::string> commit_main(std::vector<vcs::FileChange> changes,
                                                const Actor& actor, std::string message,
                                                vcs::Trailers trailers, index::Batch rows,
                                                boost::json::object event);
  /// Every file directly in folder `dir` on main, as (name, content).
  [[nodiscard]] Result<std::vector<std::pair<std::string, std::string>>> list_main_files(
      std::string_view dir);
  /// The commits on main that changed `path`, newest first (walks main: for rare reads).
  [[nodiscard]] Result<std::vector<vcs::CommitInfo>> main_history_of(std::string_view path);
  /// Number of documents in the index.
  [[nodiscard]] Result<std::size_t> count_documents() const;

  /// The index for reading (every write goes through the library).
  const index::Reader& store() const { return *store_; }
  /// Rows no one audits and git never holds (a session's last-seen time, sessions ended with a
  /// password change): written at once, beside the writer thread, so a request that refreshes
  /// its session never waits on a commit. `sync` = false when losing them in a crash is harmless.
  [[nodiscard]] Status write_session_rows(index::Batch rows, bool sync);
  /// The index itself, for tests that damage it on purpose (never called by the service).
  index::Store& store_for_tests() { return *store_; }

 private:
  DocumentLibrary() = default;
  Result<VersionRow> commit_and_index(const DocRef& doc, vcs::NewCommit commit,
                                      const std::string& content, std::string_view action,
                                      std::uint64_t version, const Actor& actor,
                                      const std::optional<std::string>& remove_ref);
  /// Makes `commit` (adding the actor as author), indexes it (`content` is the file at `path`
  /// it changes), then writes the index rows, `meta` and the audit event in one synced batch.
  Result<vcs::CommitInfo> commit_then_index(vcs::NewCommit commit, const Actor& actor,
                                            const std::string& path, const std::string& content,
                                            const std::optional<std::string>& remove_ref,
                                            boost::json::object event);
  /// The one way a commit is published: build it (author, trailers, the chain anchor on main),
  /// let the indexer check and index it while no ref points at it, move the ref (compare and
  /// swap), then write `rows`, the index rows, `meta` and `event` in one synced batch. A refused
  /// commit is never published; a failed batch moves the ref back, so a 5xx leaves git as it was.
  Result<vcs::CommitInfo> publish(
      vcs::NewCommit commit, const Actor& actor,
      const std::function<Result<std::string>(const std::string&)>& read_content, index::Batch rows,
      const std::optional<std::string>& remove_ref, boost::json::object event);
  /// Writes an anchor commit of the event chain when enough events have passed since the last.
  void anchor_events_if_due();
  /// Commits an item of `doc` (its action, doc and item trailers go before those `commit`
  /// carries), indexes it, and answers the item's row as the index now holds it.
  template <class Row>
  Result<Row> commit_item(const DocRef& doc, vcs::NewCommit commit, std::string_view action,
                          const ItemKind& kind, const std::string& item_id, const std::string& path,
                          const std::string& content, const Actor& actor);
  Status reconcile();
  /// reconcile() with write_mutex_ held; `at_start_up` also reports the lock files open() removed.
  Status reconcile_locked(bool at_start_up);
  /// True when draft head `target` of `id` was merged into main or discarded (its ref is stale).
  Result<bool> draft_was_closed(const std::string& id, const std::string& target);
  /// A commit to make on top of main: ref, expected head, parent and base tree set.
  Result<vcs::NewCommit> next_on_main();
  /// The open draft of `id` at `expected_version`, with its content (conflict or stale errors).
  Result<std::pair<DocSummary, std::string>> open_draft(const std::string& id,
                                                        std::uint64_t expected_version) const;
  std::string email_of(const Actor& actor) const;
  /// summary() and history() on one view of the index (the store now, or a snapshot).
  static Result<DocSummary> summary_in(const index::Reader& view, std::string_view id);
  static Result<std::vector<VersionRow>> history_in(const index::Reader& view, std::string_view id);
  /// 403 when `nip` wrote a version of the open draft (act's separation of duties).
  Status not_an_author_of_the_draft(const DocSummary& summary, const std::string& nip) const;
  /// 409 while comments `nip` raised on the open draft are unresolved.
  Status no_open_comments_by(const DocSummary& summary, const std::string& nip) const;

  const Clock* clock_ = &Clock::system();
  std::unique_ptr<vcs::GitRepo> git_;
  std::unique_ptr<index::Store> store_;
  Instansi instansi_;
  EventHead event_head_;
  std::uint64_t anchored_seq_ = 0;  // the newest event seq written into git
  RecoveryReport recovery_;
  int lock_fd_ = -1;                // the exclusive lock on the data directory, held while open
  bool index_behind_ = false;       // a failed write's ref could not be moved back
  mutable std::mutex write_mutex_;  // git use + index writes + event head
  /// Every write runs here, in order, off the callers' threads; last member, so it drains
  /// before anything it writes to closes.
  WriteQueue writer_;
};

}  // namespace sopan::library
