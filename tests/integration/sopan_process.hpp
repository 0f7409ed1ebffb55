#pragma once
/// The real `sopan` binary as a child process (for tests that must survive the server dying:
/// the hostile-request suite and the crash test). Header-only; POSIX.
///
/// `start()` runs `sopan serve --data D --port 0 …` with stderr going to `log`, and waits for its
/// `"http.listening"` line to learn the port. `kill(SIGKILL)` and `stop()` end it.
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace sopan::testing {

/// Runs `argv` (argv[0] is the program path) with stdout+stderr into `log`; returns its exit code,
/// or -1 when it could not run. Output appended to `out` when given.
inline int run_program(const std::vector<std::string>& argv, std::string* out = nullptr) {
  std::string cmd;
  for (const auto& a : argv) {
    cmd += "'";
    for (char c : a) cmd += c == '\'' ? std::string("'\\''") : std::string(1, c);
    cmd += "' ";
  }
  cmd += "2>&1";
  std::FILE* pipe = ::popen(cmd.c_str(), "r");
  if (!pipe) return -1;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;)
    if (out) out->append(buf, n);
  int status = ::pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

class SopanProcess {
 public:
  SopanProcess(std::string bin, std::filesystem::path data_dir, std::string source_dir,
               std::filesystem::path log)
      : bin_(std::move(bin)),
        data_(std::move(data_dir)),
        source_(std::move(source_dir)),
        log_(std::move(log)) {}
  ~SopanProcess() { stop(); }
  SopanProcess(const SopanProcess&) = delete;
  SopanProcess& operator=(const SopanProcess&) = delete;

  /// Starts the server; false (with the log's tail in `why`) when it did not listen in time.
  bool start(std::string* why = nullptr, int timeout_ms = 30000) {
    const auto offset = log_size();
    pid_ = ::fork();
    if (pid_ < 0) return false;
    if (pid_ == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive a test that died
      int fd = ::open(log_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
      if (fd >= 0) {
        ::dup2(fd, 1);
        ::dup2(fd, 2);
      }
      const std::string data = data_.string(), web = source_ + "/web/dist",
                        schemas = source_ + "/schemas";
      ::execl(bin_.c_str(), bin_.c_str(), "serve", "--data", data.c_str(), "--port", "0", "--web",
              web.c_str(), "--schemas", schemas.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < deadline) {
      std::string text = log_from(offset);
      auto at = text.find("\"http.listening\"");
      if (at != std::string::npos) {
        auto p = text.find("\"port\":", at);
        if (p != std::string::npos) {
          port_ = static_cast<std::uint16_t>(std::stoi(text.substr(p + 7)));
          return true;
        }
      }
      if (!alive()) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (why) *why = log_from(offset);
    stop();
    return false;
  }

  bool alive() {
    if (pid_ <= 0) return false;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      exit_status_ = status;
      pid_ = -1;
      return false;
    }
    return true;
  }

  /// Sends `sig` and reaps the process.
  void kill(int sig) {
    if (pid_ <= 0) return;
    ::kill(pid_, sig);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    exit_status_ = status;
    pid_ = -1;
  }
  /// SIGTERM, then SIGKILL after 10 s.
  void stop() {
    if (!alive()) return;
    ::kill(pid_, SIGTERM);
    for (int i = 0; i < 500 && alive(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (alive()) kill(SIGKILL);
  }

  std::uint16_t port() const { return port_; }
  int pid() const { return pid_; }
  /// The raw wait status of the last exit (see WIFSIGNALED/WTERMSIG).
  int exit_status() const { return exit_status_; }
  const std::filesystem::path& data_dir() const { return data_; }
  /// `sopan verify --data D`: its exit code, output in `out`.
  int verify(std::string* out) const { return run_program({bin_, "verify", "--data", data_}, out); }
  std::string log_tail(std::size_t n = 4000) const {
    std::string all = log_from(0);
    return all.size() > n ? all.substr(all.size() - n) : all;
  }

 private:
  std::uintmax_t log_size() const {
    std::error_code ec;
    auto n = std::filesystem::file_size(log_, ec);
    return ec ? 0 : n;
  }
  std::string log_from(std::uintmax_t offset) const {
    std::ifstream in(log_, std::ios::binary);
    if (!in) return "";
    in.seekg(static_cast<std::streamoff>(offset));
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

  std::string bin_;
  std::filesystem::path data_;
  std::string source_;
  std::filesystem::path log_;
  int pid_ = -1;
  int exit_status_ = 0;
  std::uint16_t port_ = 0;
};

}  // namespace sopan::testing
