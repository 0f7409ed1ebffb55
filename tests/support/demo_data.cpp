#include "support/demo_data.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/commands.hpp"
#include "support/temp_dir.hpp"
#include "vcs/git_repo.hpp"

namespace sopan::testing {
namespace fs = std::filesystem;

app::Config test_config(const fs::path& data_dir) {
  app::Config c;
  c.data_dir = data_dir;
  c.schemas_dir = std::string(SOPAN_SOURCE_DIR) + "/schemas";
  c.demo_dir = std::string(SOPAN_SOURCE_DIR) + "/deploy/demo";
  c.server.port = 0;
  c.server.threads = 2;
  c.server.access_log = false;
  c.server.web_root = std::string(SOPAN_SOURCE_DIR) + "/web/dist";
  return c;
}

namespace {
/// Files whose only meaning is the lock a process holds on them (DocumentLibrary's flock,
/// RocksDB's LOCK): a copy leaves them out, and whoever opens the copy creates its own.
bool is_lock_file(const fs::path& relative) {
  return relative == "sopan.lock" || relative == fs::path("index") / "LOCK";
}

/// Nothing may hold a data directory that is about to be copied: no library (its flock on
/// sopan.lock) and no git update in progress (lock files in the repository).
Status check_closed(const fs::path& data_dir) {
  const int fd = ::open((data_dir / "sopan.lock").c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) return make_error(Errc::kInternal, "no sopan.lock in " + data_dir.string());
  const bool free = ::flock(fd, LOCK_EX | LOCK_NB) == 0;
  ::close(fd);
  if (!free) return make_error(Errc::kInternal, data_dir.string() + " is still open");
  if (auto locks = vcs::stale_lock_files(data_dir / "repo.git"); !locks.empty())
    return make_error(Errc::kInternal, "git lock file left: " + locks.front());
  return {};
}

/// Packs the repository's objects with stock git (when there is one): the same history in a
/// few files instead of a few hundred, which is what makes a copy cheap (creating and removing
/// an inode costs ~1 ms on these machines). New commits a test makes are loose objects, as ever.
void pack_objects(const fs::path& repo) {
  std::vector<std::string> args{
      "git", "-c", "repack.writeBitmaps=false", "--git-dir=" + repo.string(), "repack", "-a", "-d",
      "-n",  "-q"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  int status = 0;
  if (::posix_spawnp(&pid, "git", nullptr, nullptr, argv.data(), environ) != 0 ||
      ::waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    std::cerr << "git repack failed in " << repo << "; the demo stays unpacked\n";
}

/// The fallback when no CTest fixture built the template: once per process, removed at exit.
fs::path build_process_template() {
  static TempDir dir;
  fs::path data = dir.path() / "data";
  if (auto s = build_demo(data); !s)
    throw std::runtime_error("demo instansi: " + s.error().message);
  return data;
}
}  // namespace

Status build_demo(const fs::path& data_dir) {
  app::Config c = test_config(data_dir);
  c.demo = true;
  std::ostringstream out;
  // The App that init opens is closed again when it returns.
  if (auto s = app::init_instansi(c, out); !s) return s;
  if (auto s = check_closed(data_dir); !s) return s;
  pack_objects(data_dir / "repo.git");
  return {};
}

const fs::path& demo_template() {
  static const fs::path path = [] {
    if (const char* env = std::getenv(kDemoTemplateEnv); env && *env) {
      fs::path p(env);
      if (fs::exists(p / "repo.git" / "HEAD")) return p;
      std::cerr << kDemoTemplateEnv << "=" << env << " holds no demo; building one\n";
    }
    return build_process_template();
  }();
  return path;
}

void init_demo(const fs::path& data_dir) {
  const fs::path& from = demo_template();
  std::error_code ec;
  fs::create_directories(data_dir, ec);
  ASSERT_FALSE(ec) << data_dir << ": " << ec.message();
  for (const auto& entry : fs::recursive_directory_iterator(from)) {
    const fs::path relative = fs::relative(entry.path(), from);
    if (entry.is_directory())
      fs::create_directories(data_dir / relative, ec);
    else if (!is_lock_file(relative))
      fs::copy_file(entry.path(), data_dir / relative, ec);
    ASSERT_FALSE(ec) << "copying " << entry.path() << ": " << ec.message();
  }
}

}  // namespace sopan::testing
