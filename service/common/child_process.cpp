#include "common/child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>
#include <utility>

namespace sopan {

namespace {

/// Closes a descriptor when it goes out of scope, unless released.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
  int release() { return std::exchange(fd, -1); }
};

Error start_failed(const std::string& what, int err) {
  return make_error(Errc::kUnavailable, "Proses " + what + " tidak dapat dijalankan: " +
                                            std::string(std::strerror(err)));
}

/// Milliseconds until `deadline`, for poll(): 0 once it has passed.
int ms_until(ChildProcess::Clock::time_point deadline) {
  auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - ChildProcess::Clock::now());
  if (left.count() <= 0) return 0;
  return static_cast<int>(std::min<long long>(left.count(), 60'000));
}

int exit_status(int raw) {
  if (WIFEXITED(raw)) return WEXITSTATUS(raw);
  if (WIFSIGNALED(raw)) return 128 + WTERMSIG(raw);
  return 255;
}

}  // namespace

Result<std::unique_ptr<ChildProcess>> ChildProcess::spawn(const ChildSpec& spec) {
  // The input goes into an in-memory file: the child reads it at its own pace while we read its
  // output, and neither side can wait for the other.
  Fd input{::memfd_create("sopan-child-input", MFD_CLOEXEC)};
  if (input.fd < 0) return start_failed(spec.program, errno);
  for (std::size_t done = 0; done < spec.input.size();) {
    const ssize_t n = ::write(input.fd, spec.input.data() + done, spec.input.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return start_failed(spec.program, errno);
    done += static_cast<std::size_t>(n);
  }
  if (::lseek(input.fd, 0, SEEK_SET) != 0) return start_failed(spec.program, errno);
  int out_pipe[2], err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) return start_failed(spec.program, errno);
  Fd out_read{out_pipe[0]}, out_write{out_pipe[1]};
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) return start_failed(spec.program, errno);
  Fd err_read{err_pipe[0]}, err_write{err_pipe[1]};

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, input.fd, 0);
  posix_spawn_file_actions_adddup2(&actions, out_write.fd, 1);
  posix_spawn_file_actions_adddup2(&actions, err_write.fd, 2);
  // The server's sockets, its RocksDB files and its data directory lock stay out of the child
  // (an Asio socket is not opened close-on-exec).
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  posix_spawnattr_setpgroup(&attr, 0);
  // The server blocks SIGINT and SIGTERM in every thread (App::run_until_signal); an ignored
  // SIGPIPE would survive exec too.
  sigset_t none, defaults;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attr, &none);
  sigemptyset(&defaults);
  for (int sig : {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD}) sigaddset(&defaults, sig);
  posix_spawnattr_setsigdefault(&attr, &defaults);

  std::vector<char*> argv, envp;
  argv.push_back(const_cast<char*>(spec.program.c_str()));
  for (const auto& a : spec.args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  for (const auto& e : spec.env) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);

  pid_t pid = -1;
  const int rc =
      ::posix_spawn(&pid, spec.program.c_str(), &actions, &attr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) return start_failed(spec.program, rc);

  std::unique_ptr<ChildProcess> child(new ChildProcess());
  child->pid_ = pid;
  child->out_ = out_read.release();
  child->err_ = err_read.release();
  child->stderr_keep_ = spec.stderr_keep;
  return child;
}

ChildProcess::~ChildProcess() {
  if (!reaped_) {
    kill();
    reap_blocking();
  }
  if (out_ >= 0) ::close(out_);
  if (err_ >= 0) ::close(err_);
}

void ChildProcess::kill() {
  // Only while the child is unreaped is its pid surely still its group's id.
  if (!reaped_ && pid_ > 0) ::kill(-pid_, SIGKILL);
}

void ChildProcess::reap_blocking() {
  int raw = 0;
  while (::waitpid(pid_, &raw, 0) < 0 && errno == EINTR) {
  }
  reaped_ = true;
  status_ = exit_status(raw);
}

void ChildProcess::read_stderr() {
  char buf[4096];
  const ssize_t n = ::read(err_, buf, sizeof buf);
  if (n <= 0) {
    if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
      ::close(err_);
      err_ = -1;
    }
    return;
  }
  const std::size_t room = stderr_keep_ > stderr_.size() ? stderr_keep_ - stderr_.size() : 0;
  stderr_.append(buf, std::min(room, static_cast<std::size_t>(n)));
}

Result<std::size_t> ChildProcess::read_some(std::string& out, std::size_t max,
                                            Clock::time_point deadline) {
  if (out_ < 0) return std::size_t{0};
  for (;;) {
    pollfd fds[2] = {{out_, POLLIN, 0}, {err_, POLLIN, 0}};
    const int wait_ms = ms_until(deadline);
    const int ready = ::poll(fds, err_ >= 0 ? 2 : 1, wait_ms);
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) return make_error(Errc::kInternal, "poll: " + std::string(std::strerror(errno)));
    if (err_ >= 0 && fds[1].revents != 0) read_stderr();
    if (fds[0].revents != 0) {
      const std::size_t before = out.size();
      out.resize(before + max);
      const ssize_t n = ::read(out_, out.data() + before, max);
      out.resize(before + static_cast<std::size_t>(std::max<ssize_t>(n, 0)));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        ::close(out_);
        out_ = -1;
        return std::size_t{0};
      }
      return static_cast<std::size_t>(n);
    }
    if (ready == 0 && wait_ms == 0) {
      kill();
      return make_error(Errc::kUnavailable, "Proses tidak menjawab dalam batas waktu");
    }
  }
}

int ChildProcess::wait(Clock::time_point deadline) {
  if (reaped_) return status_;
  // What it still writes to stderr is read, so it can never block on a full pipe while we wait.
  for (;;) {
    int raw = 0;
    const pid_t done = ::waitpid(pid_, &raw, WNOHANG);
    if (done == pid_) {
      reaped_ = true;
      status_ = exit_status(raw);
      return status_;
    }
    if (done < 0 && errno != EINTR) {
      reaped_ = true;  // not our child any more: nothing to reap
      status_ = 255;
      return status_;
    }
    if (Clock::now() >= deadline) {
      kill();
      reap_blocking();
      return status_;
    }
    if (err_ >= 0) {
      pollfd fd{err_, POLLIN, 0};
      if (::poll(&fd, 1, 10) > 0) read_stderr();
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
}

}  // namespace sopan
