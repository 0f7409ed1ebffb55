#pragma once
/// The score's own files on main (DESIGN §2): rubrics (`rubrics/<id>.json`) and the manual
/// answers of a unit to a rubric (`answers/<rubric>/<unit>.json`, each commit signed by who
/// answered). Both are records, written straight to main, so main's history at a day is what
/// held on that day (Ledger::main_on). The API validates; this stores, reads and dates.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "library/ledger.hpp"

namespace sopan::library {

std::string rubric_path(std::string_view id);
std::string answers_path(std::string_view rubric, std::string_view unit);

/// A file as of a commit: its content and its blob id (the ETag a write must name).
struct StoredFile {
  std::string content;
  std::string blob;
};

class ScoreBook {
 public:
  explicit ScoreBook(Ledger& ledger) : ledger_(ledger) {}

  /// Commits `shipped` ((id, content) of each rubric that ships with the server) when main has
  /// no rubric yet: a new instansi, or one from before rubrics existed.
  [[nodiscard]] Status seed(const std::vector<std::pair<std::string, std::string>>& shipped,
                            const Actor& actor);

  /// Every rubric at `commit`, as (id, content), in id order.
  [[nodiscard]] Result<std::vector<std::pair<std::string, std::string>>> rubrics(
      const std::string& commit);
  /// A rubric at `commit` (nullopt: none by that id then).
  [[nodiscard]] Result<std::optional<StoredFile>> rubric(const std::string& commit,
                                                         std::string_view id);
  /// Writes a rubric: `expected_blob` is the blob the writer read (nullopt: it must be new).
  /// 412 when main holds another, 409 when a new one's id is taken. Answers the commit.
  [[nodiscard]] Result<std::string> put_rubric(std::string_view id, std::string content,
                                               const std::optional<std::string>& expected_blob,
                                               const Actor& actor, std::string message);
  /// The commits on main that changed the file at `path`, newest first.
  [[nodiscard]] Result<std::vector<vcs::CommitInfo>> history(const std::string& path);

  /// The answers file at `commit` (nullopt: none then).
  [[nodiscard]] Result<std::optional<StoredFile>> answers(const std::string& commit,
                                                          std::string_view rubric,
                                                          std::string_view unit);
  /// Writes the answers file built by `merge` from the one on main now (nullopt: none yet),
  /// in one write, with the signature `trailers`. Answers the commit.
  [[nodiscard]] Result<std::string> put_answers(
      std::string_view rubric, std::string_view unit,
      const std::function<Result<std::string>(const std::optional<std::string>& current)>& merge,
      const Actor& actor, std::string message, vcs::Trailers trailers);

  Ledger& ledger() { return ledger_; }

 private:
  Result<std::optional<StoredFile>> file_at(const std::string& commit, const std::string& path);
  Ledger& ledger_;
};

}  // namespace sopan::library
