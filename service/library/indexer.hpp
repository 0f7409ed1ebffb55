#pragma once
/// Turns commits into index rows. The write path, start-up reconciliation and `reindex` all go
/// through `Indexer::apply`, so the index is by construction a function of the git history.
#include <map>
#include <optional>
#include <string>

#include "common/error.hpp"
#include "index/store.hpp"
#include "library/model.hpp"
#include "library/search.hpp"
#include "vcs/git_repo.hpp"

namespace sopan::library {

// Trailer names written on every document commit.
inline constexpr std::string_view kTrailerAction = "Sopan-Action";
inline constexpr std::string_view kTrailerDoc = "Sopan-Doc";
inline constexpr std::string_view kTrailerVersion = "Sopan-Version";

/// How an action moves a document: which ref its commit lands on and the resulting status.
struct ActionRule {
  std::string_view action;
  bool on_main;
  std::string_view status;
  bool closes_draft = false;  // discard: the draft ends without reaching main
};
/// nullopt for an action Sopan does not know.
std::optional<ActionRule> action_rule(std::string_view action);

/// "sops/<id>" for the Sopan-Doc trailer, and back.
std::string doc_trailer(DocKind kind, std::string_view id);
std::optional<DocRef> parse_doc_trailer(std::string_view value);

class Indexer {
 public:
  explicit Indexer(const index::Store& store) : store_(store) {}

  /// Adds the rows of one commit to `batch`. `read_content` is called only for document commits
  /// and returns the document file at that commit. Commits without Sopan trailers are skipped.
  /// Apply commits in topological order (parents first).
  template <class ReadContent>
  Status apply(const vcs::CommitInfo& commit, ReadContent&& read_content, index::Batch& batch);

  /// The summary as it stands after the commits applied so far (nullptr if unknown).
  const DocSummary* summary(const std::string& id) const;

 private:
  Status apply_doc(const vcs::CommitInfo& commit, const DocRef& doc, const ActionRule& rule,
                   std::uint64_t version, const std::string& content, index::Batch& batch);
  Result<DocSummary*> load(const DocRef& doc);

  const index::Store& store_;
  std::map<std::string, DocSummary> overlay_;    // summaries touched in this run
  std::map<std::string, search::Terms> terms_;   // search terms touched in this run
  std::map<std::string, std::string> in_force_;  // content put in force in this run
};

template <class ReadContent>
Status Indexer::apply(const vcs::CommitInfo& commit, ReadContent&& read_content,
                      index::Batch& batch) {
  auto doc_value = commit.trailer(kTrailerDoc);
  auto action = commit.trailer(kTrailerAction);
  auto version_text = commit.trailer(kTrailerVersion);
  if (!doc_value || !action || !version_text) return {};
  auto doc = parse_doc_trailer(*doc_value);
  auto rule = action_rule(*action);
  std::uint64_t version = 0;
  for (char c : *version_text) {
    if (c < '0' || c > '9') return make_error(Errc::kInternal, "Trailer versi rusak");
    version = version * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (!doc || !rule || version == 0)
    return make_error(Errc::kInternal, "Trailer komit tidak dikenal: " + commit.id);
  Result<std::string> content = read_content(*doc);
  if (!content) return content.error();
  return apply_doc(commit, *doc, *rule, version, *content, batch);
}

}  // namespace sopan::library
