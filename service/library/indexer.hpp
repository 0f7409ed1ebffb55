#pragma once
/// Turns commits into index rows. The write path, start-up reconciliation and `reindex` all go
/// through `Indexer::apply`, so the index is by construction a function of the git history.
#include <map>
#include <optional>
#include <string>

#include "common/error.hpp"
#include "common/ids.hpp"
#include "domain/workflow.hpp"
#include "index/store.hpp"
#include "library/model.hpp"
#include "library/search.hpp"
#include "vcs/git_repo.hpp"

namespace sopan::library {

struct KindDescriptor;

// Trailer names written on every document commit.
inline constexpr std::string_view kTrailerAction = "Sopan-Action";
inline constexpr std::string_view kTrailerDoc = "Sopan-Doc";
inline constexpr std::string_view kTrailerVersion = "Sopan-Version";
inline constexpr std::string_view kTrailerActorNip = "Sopan-Actor-NIP";
/// The position the actor held when acting (its name), for history rows.
inline constexpr std::string_view kTrailerActorPosition = "Sopan-Actor-Position";
/// The account acting (its id), so a step is matched to the account that took it (a recall).
inline constexpr std::string_view kTrailerActorAccount = "Sopan-Actor-Account";
// Review comments (commits on the draft ref that change no file) and records (files on main).
inline constexpr std::string_view kTrailerComment = "Sopan-Comment";
inline constexpr std::string_view kTrailerAnchor = "Sopan-Anchor";
inline constexpr std::string_view kTrailerReplyTo = "Sopan-Reply-To";
inline constexpr std::string_view kTrailerRecord = "Sopan-Record";
inline constexpr std::string_view kTrailerSignature = "Sopan-Signature";
/// On commits to main and on anchor commits: the audit chain's head ("<seq> <hash>") when the
/// commit was made, so truncating or rewriting the chain shows against git.
inline constexpr std::string_view kTrailerEvents = "Sopan-Events";

/// Comment and record actions (their rules are in domain/workflow.hpp, like every action's).
inline constexpr std::string_view kActionComment = "comment";
inline constexpr std::string_view kActionResolve = "resolve-comment";
inline constexpr std::string_view kActionReopen = "reopen-comment";
inline constexpr std::string_view kActionMonitor = "monitor";
inline constexpr std::string_view kActionEvaluate = "evaluate";

/// The document version a commit carries (its Sopan-Version trailer); nullopt when it has none or
/// it is not a whole number from 1.
std::optional<std::uint64_t> version_of(const vcs::CommitInfo& commit);

/// The subject line the server writes for a commit, from its own trailers only.
std::string commit_subject(const vcs::Trailers& trailers);

/// "sops/<id>" for the Sopan-Doc trailer, and back.
std::string doc_trailer(DocKind kind, std::string_view id);
std::optional<DocRef> parse_doc_trailer(std::string_view value);

/// The meta row naming main's last commit of the local day of `time` ("main-day:YYYY-MM-DD"),
/// written by the ledger along main's first-parent line (Ledger::main_on).
inline constexpr std::string_view kMainDayPrefix = "main-day:";
std::string main_day_key(TimeMs time, int utc_offset_minutes);

/// A signed answer to a rubric's manual items (answers/<rubric>/<unit>.json on main).
inline constexpr std::string_view kActionAnswer = "score.answer";

class Indexer {
 public:
  Indexer(const index::Store& store, DuePeriods periods) : store_(store), periods_(periods) {}

  /// Adds the rows of one commit to `batch`. `read_content(path)` returns a file at that commit;
  /// it is called for document and record commits. Commits without Sopan trailers are skipped.
  /// `on_main_line`: the commit is on main's first-parent line (where actions on main live).
  /// Apply commits in topological order (parents first). A commit whose facts do not hold (an
  /// action on the wrong line, a version out of turn, a signature where none belongs or naming
  /// someone else, a document that does not exist) is refused (kInternal) before any row
  /// changes: the write path then publishes nothing, and a rebuild quarantines the commit.
  template <class ReadContent>
  Status apply(const vcs::CommitInfo& commit, bool on_main_line, ReadContent&& read_content,
               index::Batch& batch);

  /// The summary as it stands after the commits applied so far (nullptr if unknown).
  const DocSummary* summary(const std::string& id) const;

 private:
  Status apply_doc(const vcs::CommitInfo& commit, const DocRef& doc, const domain::Action& rule,
                   std::uint64_t version, const std::string& content, index::Batch& batch);
  Status apply_comment(const vcs::CommitInfo& commit, const DocRef& doc, std::string_view action,
                       index::Batch& batch);
  Status apply_record(const vcs::CommitInfo& commit, const DocRef& doc, std::string_view action,
                      std::string_view record_id, const std::string& content, index::Batch& batch);
  /// The verification code of a signed ratification, naming its content (VerificationRow).
  static void put_verification(const VersionRow& ratified, const DocRef& doc,
                               const KindDescriptor& kind, const std::string& content,
                               index::Batch& batch);
  /// Recomputes when monitoring and evaluation are next due and moves the by_due rows.
  void update_dues(DocSummary& s, index::Batch& batch) const;
  Result<DocSummary*> load(const DocRef& doc);
  /// The checks `apply` makes before it changes anything (kInternal with the reason).
  Status check(const vcs::CommitInfo& commit, bool on_main_line, std::string_view action,
               const std::optional<DocRef>& doc);
  Result<Comment*> load_comment(const std::string& doc_id, const std::string& comment_id);

  const index::Store& store_;
  DuePeriods periods_;
  std::map<std::string, Comment> comments_;      // comments touched in this run, by item key
  std::map<std::string, DocSummary> overlay_;    // summaries touched in this run
  std::map<std::string, search::Terms> terms_;   // search terms touched in this run
  std::map<std::string, std::string> in_force_;  // content put in force in this run
};

template <class ReadContent>
Status Indexer::apply(const vcs::CommitInfo& commit, bool on_main_line, ReadContent&& read_content,
                      index::Batch& batch) {
  auto action = commit.trailer(kTrailerAction);
  auto doc_value = commit.trailer(kTrailerDoc);
  std::optional<DocRef> doc;
  if (doc_value) {
    doc = parse_doc_trailer(*doc_value);
    if (!doc) return make_error(Errc::kInternal, "Trailer dokumen tidak dikenal");
  }
  if (auto s = check(commit, on_main_line, action.value_or(""), doc); !s) return s;
  if (!doc || !action) return {};
  const domain::Action* rule = domain::action(*action);  // known: check() refuses others
  if (rule->effect == domain::Effect::kComment) return apply_comment(commit, *doc, *action, batch);
  if (rule->effect == domain::Effect::kRecord) {
    auto record_id = commit.trailer(kTrailerRecord);
    Result<std::string> content = read_content(record_path(doc->id, *record_id));
    if (!content) return content.error();
    return apply_record(commit, *doc, *action, *record_id, *content, batch);
  }
  Result<std::string> content = read_content(doc_path(doc->kind, doc->id));
  if (!content) return content.error();
  return apply_doc(commit, *doc, *rule, *version_of(commit), *content, batch);
}

}  // namespace sopan::library
