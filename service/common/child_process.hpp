#pragma once
/// A child process whose output is read through a pipe: the CGI programs the server runs (git's
/// `git http-backend`). Started with posix_spawn, with nothing of the server's but what it is
/// given: its whole environment, its stdin (bytes in an in-memory file, so writing them can never
/// deadlock against its output), stdout and stderr as pipes, every other descriptor closed,
/// signals at their defaults, and a process group of its own, so that killing it kills what it
/// started too.
///
/// Owned by one thread at a time. Whatever happens, the destructor leaves no process behind: it
/// kills the group (SIGKILL) when the child has not been reaped, then reaps it (a prompt wait,
/// SIGKILL cannot be caught), so no zombie outlives the object.
#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "common/error.hpp"

namespace sopan {

struct ChildSpec {
  std::string program;             // an absolute path: no PATH lookup
  std::vector<std::string> args;   // argv[1...]
  std::vector<std::string> env;    // "NAME=value": the child's whole environment
  std::string input;               // its stdin, then end of file
  std::size_t stderr_keep = 4096;  // bytes of stderr kept for the log; the rest is read and lost
};

class ChildProcess {
 public:
  using Clock = std::chrono::steady_clock;

  /// Starts `spec`; kUnavailable when it cannot start (no such program, out of processes).
  [[nodiscard]] static Result<std::unique_ptr<ChildProcess>> spawn(const ChildSpec& spec);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  /// Appends up to `max` bytes of the child's stdout to `out`, waiting until some arrive, the
  /// end of its output (answers 0) or `deadline` (kUnavailable, and the child is killed).
  [[nodiscard]] Result<std::size_t> read_some(std::string& out, std::size_t max,
                                              Clock::time_point deadline);
  /// After the end of its output: waits for the child to exit, until `deadline` (then kills it).
  /// Answers its exit status, or 128 + the signal that ended it.
  int wait(Clock::time_point deadline);
  /// Kills the whole process group now (nothing when the child was reaped already).
  void kill();
  /// The beginning of what the child wrote to stderr (ChildSpec::stderr_keep bytes).
  const std::string& stderr_text() const { return stderr_; }
  pid_t pid() const { return pid_; }

 private:
  ChildProcess() = default;
  void read_stderr();
  void reap_blocking();

  pid_t pid_ = -1;
  bool reaped_ = false;
  int status_ = 0;
  int out_ = -1, err_ = -1;
  std::size_t stderr_keep_ = 0;
  std::string stderr_;
};

}  // namespace sopan
