#include "library/score_book.hpp"

#include "common/hash.hpp"
#include "library/indexer.hpp"

namespace sopan::library {
namespace json = boost::json;

std::string rubric_path(std::string_view id) { return "rubrics/" + std::string(id) + ".json"; }

std::string answers_path(std::string_view rubric, std::string_view unit) {
  return "answers/" + std::string(rubric) + "/" + std::string(unit) + ".json";
}

namespace {
// The ETag of a stored file: its content's hash (what the writer read).
std::string tag_of(std::string_view content) { return sha256_hex(content).substr(0, 32); }
}  // namespace

Status ScoreBook::seed(const std::vector<std::pair<std::string, std::string>>& shipped,
                       const Actor& actor) {
  auto present = ledger_.list_main_files("rubrics");
  if (!present) return present.error();
  if (!present->empty() || shipped.empty()) return {};
  auto commit = ledger_.commit_main_built(
      [&](vcs::GitRepo& git, const std::string& head) -> Result<std::vector<vcs::FileChange>> {
        // Checked again inside the write: two starting servers cannot both seed.
        auto files = git.list_files(head, "rubrics");
        if (!files) return files.error();
        std::vector<vcs::FileChange> changes;
        if (!files->empty()) return changes;
        for (const auto& [id, content] : shipped) changes.push_back({rubric_path(id), content});
        return changes;
      },
      actor, "Rubrik penilaian bawaan Sopan", {{std::string(kTrailerAction), "rubric.seed"}},
      json::object{{"kind", "rubric.seed"}, {"rubrics", shipped.size()}});
  if (!commit) return commit.error();
  return {};
}

Result<std::vector<std::pair<std::string, std::string>>> ScoreBook::rubrics(
    const std::string& commit) {
  auto files = ledger_.list_files(commit, "rubrics");
  if (!files) return files.error();
  std::vector<std::pair<std::string, std::string>> out;
  for (auto& [name, content] : *files) {
    if (!name.ends_with(".json")) continue;
    out.emplace_back(name.substr(0, name.size() - 5), std::move(content));
  }
  return out;
}

Result<std::optional<StoredFile>> ScoreBook::file_at(const std::string& commit,
                                                     const std::string& path) {
  auto content = ledger_.read_file(commit, path);
  if (!content) return content.error();
  if (!*content) return std::optional<StoredFile>();
  std::string tag = tag_of(**content);
  return std::optional<StoredFile>(StoredFile{std::move(**content), std::move(tag)});
}

Result<std::optional<StoredFile>> ScoreBook::rubric(const std::string& commit,
                                                    std::string_view id) {
  return file_at(commit, rubric_path(id));
}

Result<std::optional<StoredFile>> ScoreBook::answers(const std::string& commit,
                                                     std::string_view rubric,
                                                     std::string_view unit) {
  return file_at(commit, answers_path(rubric, unit));
}

Result<std::string> ScoreBook::put_rubric(std::string_view id, std::string content,
                                          const std::optional<std::string>& expected_blob,
                                          const Actor& actor, std::string message) {
  const std::string path = rubric_path(id);
  return ledger_.commit_main_built(
      [&](vcs::GitRepo& git, const std::string& head) -> Result<std::vector<vcs::FileChange>> {
        auto current = git.read_file(head, path);
        if (!current) return current.error();
        if (!expected_blob && *current)
          return make_error(Errc::kConflict, "Rubrik dengan kode ini sudah ada");
        if (expected_blob && !*current)
          return make_error(Errc::kNotFound, "Rubrik tidak ditemukan");
        if (expected_blob && tag_of(**current) != *expected_blob)
          return make_error(Errc::kPreconditionFailed,
                            "Rubrik sudah diubah orang lain; muat ulang lalu ulangi");
        std::vector<vcs::FileChange> changes;
        if (*current && **current == content) return changes;  // nothing to record
        changes.push_back({path, content});
        return changes;
      },
      actor, std::move(message),
      {{std::string(kTrailerAction), "rubric.save"}, {"Sopan-Rubric", std::string(id)}},
      json::object{{"kind", "rubric.save"}, {"rubric", id}});
}

Result<std::vector<vcs::CommitInfo>> ScoreBook::history(const std::string& path) {
  return ledger_.main_history_of(path);
}

Result<std::string> ScoreBook::put_answers(
    std::string_view rubric, std::string_view unit,
    const std::function<Result<std::string>(const std::optional<std::string>& current)>& merge,
    const Actor& actor, std::string message, vcs::Trailers trailers) {
  const std::string path = answers_path(rubric, unit);
  vcs::Trailers all{{std::string(kTrailerAction), std::string(kActionAnswer)},
                    {"Sopan-Rubric", std::string(rubric)},
                    {"Sopan-Unit", std::string(unit)}};
  all.insert(all.end(), trailers.begin(), trailers.end());
  return ledger_.commit_main_built(
      [&](vcs::GitRepo& git, const std::string& head) -> Result<std::vector<vcs::FileChange>> {
        auto current = git.read_file(head, path);
        if (!current) return current.error();
        auto next = merge(*current);
        if (!next) return next.error();
        std::vector<vcs::FileChange> changes;
        if (*current && **current == *next) return changes;
        changes.push_back({path, std::move(*next)});
        return changes;
      },
      actor, std::move(message), std::move(all),
      json::object{{"kind", std::string(kActionAnswer)}, {"rubric", rubric}, {"unit", unit}});
}

}  // namespace sopan::library
