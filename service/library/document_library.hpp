#pragma once
/// Documents of every kind (library/kinds.hpp) and their life cycle: drafts, the workflow
/// (`act`), comments, records, and reads of any version or day. Every write goes through the
/// instansi's ledger (library/ledger.hpp), which it owns.
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
#include "library/ledger.hpp"
#include "library/logo.hpp"
#include "library/model.hpp"
#include "library/timeline.hpp"
#include "vcs/git_repo.hpp"

namespace sopan::library {

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
  /// A new thread: what it is about, as a JSON pointer into the open draft by position
  /// ("/steps/3/activity"; "" = the whole document). Stored in the stable form
  /// (domain/anchor.hpp: "/steps/@<id>/activity"), so it follows the step.
  std::string anchor;
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

/// How a read picks the version: in force today, the open draft, version N, in force on a day
/// (timeline.hpp: effective dates, withdrawals and supersessions honoured), or the newest: the
/// open draft, else the version in force today, else one ratified that takes effect later (for
/// those who may read drafts; the API gives the others the version in force).
struct ReadSelector {
  enum class Kind { kInForce, kDraft, kVersion, kAt, kLatest } kind = Kind::kInForce;
  std::uint64_t version = 0;
  std::string date;  // kAt: "YYYY-MM-DD"

  ReadSelector() = default;
  ReadSelector(Kind k, std::uint64_t v = 0, std::string d = {})
      : kind(k), version(v), date(std::move(d)) {}
};

/// Comments and records: which trailer and event field name the item, where it is indexed
/// (defined with the library's code).
struct ItemKind;

class DocumentLibrary {
 public:
  /// Ledger::init.
  [[nodiscard]] static Status init(const std::filesystem::path& data_dir, const Instansi& instansi,
                                   std::vector<vcs::FileChange> files = {},
                                   const Clock& clock = Clock::system()) {
    return Ledger::init(data_dir, instansi, std::move(files), clock);
  }
  /// Opens the data directory's ledger (Ledger::open) and the documents on it.
  [[nodiscard]] static Result<std::unique_ptr<DocumentLibrary>> open(
      const std::filesystem::path& data_dir, const Clock& clock = Clock::system());
  [[nodiscard]] static Status reindex(const std::filesystem::path& data_dir,
                                      const Clock& clock = Clock::system()) {
    return Ledger::reindex(data_dir, clock);
  }
  [[nodiscard]] static Result<VerifyReport> verify(const std::filesystem::path& data_dir) {
    return Ledger::verify(data_dir);
  }
  ~DocumentLibrary();

  /// The ledger every write goes through (the organisation and accounts write through it too).
  Ledger& ledger() { return *ledger_; }
  const Ledger& ledger() const { return *ledger_; }
  const Instansi& instansi() const { return ledger_->instansi(); }
  /// The instansi's logo (on main, held in memory).
  LogoLibrary& logo() { return *logo_; }
  const LogoLibrary& logo() const { return *logo_; }
  const Clock& clock() const { return ledger_->clock(); }
  const RecoveryReport& recovery() const { return ledger_->recovery(); }
  [[nodiscard]] Result<std::vector<Quarantined>> quarantined() const {
    return ledger_->quarantined();
  }

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
  /// (403), a recall is its submitter's (403, may_take_back), a verifier's own comments are
  /// resolved (409), then the action's commit is made on the ref the table names. The caller has
  /// checked the actor's role and the signature's password.
  [[nodiscard]] Result<VersionRow> act(const ActRequest& req, const KindRules& rules);
  /// Whether the workflow has `action` (404) and allows it in the document's state (409).
  [[nodiscard]] static Status allows(const DocSummary& summary, std::string_view action);
  /// For an action that takes a step back (domain::Action::takes_back, a recall): whether
  /// `actor` took the open draft's newest step of that kind — the same account, or for a commit
  /// that names no account, the same NIP. 403 naming who took it; 409 when no such step is open.
  /// OK for every other action. An index read of the history.
  [[nodiscard]] Status may_take_back(const DocSummary& summary, std::string_view action,
                                     const Actor& actor) const;

  /// Adds a comment (or reply, resolution, reopening) to the open draft as a commit that changes
  /// no file; the draft's version is unchanged, so the writer's autosave is not disturbed. A new
  /// thread's anchor is resolved in the draft it is made on and stored in its stable form
  /// (kValidation at "/anchor" when the draft has no such part; kConflict without a draft).
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
  /// Today in the instansi's calendar ("YYYY-MM-DD"), by the ledger's clock.
  std::string today() const { return ledger_->today(); }
  /// The state of document `id` on `date` (an index read of its history).
  [[nodiscard]] Result<InForceAt> at(std::string_view id, std::string_view date) const;
  /// `summary` as it stood on `date`: the version in force then (its identity, head and status),
  /// no draft; nullopt when nothing was ratified by that day.
  [[nodiscard]] Result<std::optional<DocSummary>> summary_at(const DocSummary& summary,
                                                             std::string_view date) const;
  /// One row of the history (nullopt when the document has no such version): an index read.
  [[nodiscard]] Result<std::optional<VersionRow>> version_row(std::string_view id,
                                                              std::uint64_t version) const;
  /// What the verification code `key` (its 12 symbols, domain/verification.hpp) names, if any.
  [[nodiscard]] Result<std::optional<VerificationRow>> verification(std::string_view key) const;
  [[nodiscard]] Result<std::vector<DocSummary>> list(const ListFilter& filter) const;
  /// The documents whose newest content names `id` (DocSummary::links): a scan of every
  /// summary, for a document's own page.
  [[nodiscard]] Result<std::vector<DocSummary>> linked_from(std::string_view id) const;
  /// Ledger::record_event.
  [[nodiscard]] Status record_event(boost::json::object fields) {
    return ledger_->record_event(std::move(fields));
  }
  /// Number of documents in the index.
  [[nodiscard]] Result<std::size_t> count_documents() const;

  /// The index for reading (every write goes through the ledger).
  const index::Reader& store() const { return ledger_->store(); }
  index::Store& store_for_tests() { return ledger_->store_for_tests(); }

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
  /// Commits an item of `doc` (its action, doc and item trailers go before those `commit`
  /// carries), indexes it, and answers the item's row as the index now holds it.
  template <class Row>
  Result<Row> commit_item(const DocRef& doc, vcs::NewCommit commit, std::string_view action,
                          const ItemKind& kind, const std::string& item_id, const std::string& path,
                          const std::string& content, const Actor& actor);
  /// The open draft of `id` at `expected_version`, with its content (conflict or stale errors).
  /// The files a write of `content` changes on top of the tree of commit `base`: the document's
  /// JSON and what its kind derives beside it (KindDescriptor::beside); a derived file this
  /// content no longer has is removed when `base` holds one.
  Result<std::vector<vcs::FileChange>> document_files(const DocRef& doc, const std::string& content,
                                                      const std::string& base);
  Result<std::pair<DocSummary, std::string>> open_draft(const std::string& id,
                                                        std::uint64_t expected_version) const;
  /// summary() and history() on one view of the index (the store now, or a snapshot).
  static Result<DocSummary> summary_in(const index::Reader& view, std::string_view id);
  static Result<std::vector<VersionRow>> history_in(const index::Reader& view, std::string_view id);
  /// 403 when `nip` wrote a version of the open draft (act's separation of duties).
  Status not_an_author_of_the_draft(const DocSummary& summary, const std::string& nip) const;
  /// 409 while comments `nip` raised on the open draft are unresolved.
  Status no_open_comments_by(const DocSummary& summary, const std::string& nip) const;

  std::unique_ptr<Ledger> ledger_;
  std::unique_ptr<LogoLibrary> logo_;
};

}  // namespace sopan::library
