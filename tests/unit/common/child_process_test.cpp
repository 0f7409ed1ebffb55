#include "common/child_process.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "support/temp_dir.hpp"

namespace sopan {
namespace {
using sopan::testing::ErrcIs;
using sopan::testing::IsOk;
using namespace std::chrono_literals;
using Clock = ChildProcess::Clock;

/// Processes whose parent is this test process, and whether each is a zombie.
std::map<pid_t, char> children() {
  std::map<pid_t, char> out;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream in(entry.path() / "stat");
    std::string line;
    if (!std::getline(in, line)) continue;
    // pid (comm) state ppid ...: comm may hold spaces, so read after its last ')'.
    const auto close = line.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(line.substr(close + 2));
    char state = 0;
    pid_t ppid = 0;
    rest >> state >> ppid;
    if (ppid == ::getpid()) out[static_cast<pid_t>(std::stol(name))] = state;
  }
  return out;
}

/// True while `pid` runs (a zombie has ended: whoever its parent is reaps it).
bool alive(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(in, line)) return false;
  const auto close = line.rfind(')');
  return close != std::string::npos && close + 2 < line.size() && line[close + 2] != 'Z';
}

std::string read_all(ChildProcess& child, Clock::time_point deadline) {
  std::string out;
  for (;;) {
    auto n = child.read_some(out, 4096, deadline);
    EXPECT_THAT(n, IsOk());
    if (!n || *n == 0) return out;
  }
}

TEST(ChildProcess, GivesItsInputAndReadsItsOutput) {
  // More than a pipe holds, both ways: the input file never blocks the child's output.
  std::string input(1 << 20, 'x');
  input += "akhir";
  auto child = ChildProcess::spawn({"/bin/sh", {"-c", "cat; echo salah >&2"}, {}, input});
  ASSERT_THAT(child, IsOk());
  EXPECT_EQ(read_all(**child, Clock::now() + 30s), input);
  EXPECT_EQ((*child)->wait(Clock::now() + 10s), 0);
  EXPECT_EQ((*child)->stderr_text(), "salah\n");
  EXPECT_TRUE(children().empty());
}

TEST(ChildProcess, HasOnlyTheEnvironmentAndDescriptorsItIsGiven) {
  ::setenv("SOPAN_RAHASIA", "bocor", 1);
  auto child = ChildProcess::spawn({"/bin/sh",
                                    {"-c", "env; ls /proc/self/fd | wc -l"},
                                    {"PATH=/usr/bin:/bin", "HANYA=ini"},
                                    ""});
  ASSERT_THAT(child, IsOk());
  const std::string out = read_all(**child, Clock::now() + 10s);
  EXPECT_NE(out.find("HANYA=ini"), std::string::npos) << out;
  EXPECT_EQ(out.find("SOPAN_RAHASIA"), std::string::npos) << out;
  // 0, 1, 2 and the directory ls reads: nothing of this process leaks in.
  EXPECT_NE(out.find("\n4\n"), std::string::npos) << out;
  EXPECT_EQ((*child)->wait(Clock::now() + 10s), 0);
}

TEST(ChildProcess, IsKilledAtItsDeadlineWithWhatItStarted) {
  // The shell starts a grandchild that would outlive a kill of its parent alone.
  auto child = ChildProcess::spawn({"/bin/sh", {"-c", "sleep 60 & echo $!; wait"}, {}, ""});
  ASSERT_THAT(child, IsOk());
  std::string out;
  auto n = (*child)->read_some(out, 64, Clock::now() + 10s);
  ASSERT_THAT(n, IsOk());
  const pid_t grandchild = static_cast<pid_t>(std::stol(out));
  ASSERT_TRUE(alive(grandchild));
  const auto started = Clock::now();
  EXPECT_THAT((*child)->read_some(out, 64, Clock::now() + 200ms), ErrcIs(Errc::kUnavailable));
  EXPECT_LT(Clock::now() - started, 5s);
  EXPECT_NE((*child)->wait(Clock::now() + 5s), 0);
  // The grandchild was this process's grandchild: init reaps it once it is dead.
  for (int i = 0; i < 200 && alive(grandchild); ++i) std::this_thread::sleep_for(10ms);
  EXPECT_FALSE(alive(grandchild));
  EXPECT_TRUE(children().empty());
}

TEST(ChildProcess, DestroyedWhileRunningLeavesNoProcessNorZombie) {
  pid_t pid = 0;
  {
    auto child = ChildProcess::spawn({"/bin/sleep", {"60"}, {}, ""});
    ASSERT_THAT(child, IsOk());
    pid = (*child)->pid();
    EXPECT_TRUE(children().count(pid));
  }
  EXPECT_FALSE(alive(pid));
  EXPECT_TRUE(children().empty());
}

TEST(ChildProcess, WaitKillsAChildThatWillNotExit) {
  // It closes its output but goes on running.
  auto child = ChildProcess::spawn({"/bin/sh", {"-c", "exec >&- 2>&-; sleep 60"}, {}, ""});
  ASSERT_THAT(child, IsOk());
  EXPECT_EQ(read_all(**child, Clock::now() + 10s), "");
  EXPECT_EQ((*child)->wait(Clock::now() + 200ms), 128 + SIGKILL);
  EXPECT_TRUE(children().empty());
}

TEST(ChildProcess, AProgramThatDoesNotExistIsUnavailable) {
  EXPECT_THAT(ChildProcess::spawn({"/tidak/ada/git", {}, {}, ""}), ErrcIs(Errc::kUnavailable));
  EXPECT_TRUE(children().empty());
}

}  // namespace
}  // namespace sopan
