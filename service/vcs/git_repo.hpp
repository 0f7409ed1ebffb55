#pragma once
/// A bare git repository written without a working tree (blob → tree → commit → ref update).
/// Not thread-safe: callers serialise all use of one GitRepo (libgit2 objects are not
/// thread-safe). Object ids are 40-character lowercase hex strings.
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/error.hpp"
#include "common/time.hpp"
#include "vcs/message.hpp"

namespace sopan::vcs {

struct Person {
  std::string name;
  std::string email;
};

struct CommitInfo {
  std::string id;
  std::string tree;
  std::vector<std::string> parents;
  Person author;
  TimeMs time = 0;      // author time, whole seconds
  std::string subject;  // the line the server wrote
  std::string message;  // the person's text (vcs/message.hpp)
  Trailers trailers;    // the server's facts
  bool current_format = false;

  /// The first trailer named `key`, if any.
  std::optional<std::string_view> trailer(std::string_view key) const;
};

/// A file to write (content) or remove (nullopt) in the commit's tree.
struct FileChange {
  std::string path;
  std::optional<std::string> content;
};

struct NewCommit {
  std::string ref;                          // e.g. "refs/heads/main"
  std::optional<std::string> expected_ref;  // current target the ref must have; nullopt = absent
  std::vector<std::string> parents;
  std::optional<std::string> base;  // commit whose tree the changes apply to; none = empty tree
  std::vector<FileChange> changes;
  Person author;        // name cleaned of what git cannot hold ('<', '>', controls)
  std::string subject;  // built by the server from its own facts
  std::string note;     // the person's text: always quoted, never read back as a trailer
  Trailers trailers;
  TimeMs time = 0;  // 0 = now
};

class GitRepo {
 public:
  /// Creates a bare repository at `path` (which must not hold one yet).
  [[nodiscard]] static Result<std::unique_ptr<GitRepo>> init_bare(
      const std::filesystem::path& path);
  [[nodiscard]] static Result<std::unique_ptr<GitRepo>> open(const std::filesystem::path& path);
  ~GitRepo();
  GitRepo(const GitRepo&) = delete;
  GitRepo& operator=(const GitRepo&) = delete;

  /// Commits and moves `ref` from `expected_ref` to the new commit. A ref that moved meanwhile
  /// (or exists when expected absent) gives Errc::kPreconditionFailed and leaves the ref as is.
  [[nodiscard]] Result<std::string> commit(const NewCommit& c);
  /// Writes the commit's objects without moving any ref (an unreachable commit until
  /// `move_ref`), so the caller can check and index it before it is published.
  [[nodiscard]] Result<std::string> create_commit(const NewCommit& c);
  /// Points `ref` at `target` if it still points at `expected` (nullopt: the ref must not exist);
  /// kPreconditionFailed otherwise, with the ref unchanged.
  [[nodiscard]] Status move_ref(std::string_view ref, std::string_view target,
                                const std::optional<std::string>& expected,
                                std::string_view log_message);
  /// Deletes `ref` if it still points at `expected`; kPreconditionFailed otherwise.
  [[nodiscard]] Status delete_ref(std::string_view ref, std::string_view expected);

  [[nodiscard]] Result<std::optional<std::string>> ref_target(std::string_view ref);
  /// All refs under refs/ as (name, commit id), sorted by name.
  [[nodiscard]] Result<std::vector<std::pair<std::string, std::string>>> list_refs();
  [[nodiscard]] Result<CommitInfo> commit_info(std::string_view commit_id);
  /// Content of `path` in the tree of `commit_id`; nullopt when the file does not exist there.
  [[nodiscard]] Result<std::optional<std::string>> read_file(std::string_view commit_id,
                                                             std::string_view path);
  /// Blob id of `path` in the tree of `commit_id`; nullopt when absent.
  /// Every blob directly inside folder `dir` at `commit_id`, as (file name, content), in name
  /// order; empty when the folder does not exist.
  [[nodiscard]] Result<std::vector<std::pair<std::string, std::string>>> list_files(
      std::string_view commit_id, std::string_view dir);
  [[nodiscard]] Result<std::optional<std::string>> blob_id(std::string_view commit_id,
                                                           std::string_view path);
  /// Visits commits reachable from `tips` but not from `hide`, parents before children.
  [[nodiscard]] Status walk(const std::vector<std::string>& tips,
                            const std::vector<std::string>& hide,
                            const std::function<Status(const CommitInfo&)>& visit);
  [[nodiscard]] bool has_commit(std::string_view commit_id);

 private:
  struct Impl;
  explicit GitRepo(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// Lock files libgit2 leaves when the process dies mid-update (`refs/**.lock`, `packed-refs.lock`,
/// `HEAD.lock`, `config.lock`), as paths relative to the repository.
std::vector<std::string> stale_lock_files(const std::filesystem::path& repo_path);

}  // namespace sopan::vcs
