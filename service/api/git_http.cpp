#include "api/git_http.hpp"

#include <unistd.h>

#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstdlib>
#include <utility>

#include "api/routes.hpp"
#include "common/child_process.hpp"
#include "common/log.hpp"
#include "library/document_library.hpp"
#include "library/org_library.hpp"
#include "vcs/git_http.hpp"

namespace sopan::api {
namespace json = boost::json;
namespace fs = std::filesystem;
using domain::Permission;
using Clock = ChildProcess::Clock;

std::shared_ptr<GitServing> make_git_serving() { return std::make_shared<GitServing>(); }

namespace {

constexpr std::size_t kChunk = 64 * 1024;
constexpr std::string_view kDefaultPath = "/usr/local/bin:/usr/bin:/bin";

std::string search_path() {
  const char* p = std::getenv("PATH");
  return p && *p ? p : std::string(kDefaultPath);
}

Error backend_missing() {
  return make_error(Errc::kUnavailable,
                    "git http-backend tidak terpasang di server ini; pasang paket git "
                    "(deploy/install-deps.sh) lalu coba lagi");
}

/// `git` in PATH, as an absolute path (ChildProcess does no PATH lookup).
std::optional<fs::path> find_git() {
  const std::string path = search_path();
  for (std::size_t start = 0; start <= path.size();) {
    const auto colon = path.find(':', start);
    const std::string dir = path.substr(start, colon == std::string::npos ? colon : colon - start);
    if (!dir.empty() && dir.front() == '/') {
      fs::path git = fs::path(dir) / "git";
      if (::access(git.c_str(), X_OK) == 0) return git;
    }
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  return std::nullopt;
}

/// git-http-backend in git's exec path (`git --exec-path`: /usr/lib/git-core on Debian), found
/// once; while it is missing every request looks again, so installing git needs no restart.
Result<fs::path> find_backend(GitServing& git) {
  if (!git.backend.empty()) return git.backend;
  std::lock_guard lock(git.mutex);
  if (!git.found_backend.empty()) return git.found_backend;
  auto program = find_git();
  if (!program) return backend_missing();
  auto child = ChildProcess::spawn(
      {program->string(), {"--exec-path"}, {"PATH=" + search_path(), "LC_ALL=C"}, "", 1024});
  if (!child) return backend_missing();
  const auto deadline = Clock::now() + std::chrono::seconds(10);
  std::string out;
  for (;;) {
    auto n = (*child)->read_some(out, 4096, deadline);
    if (!n) return backend_missing();
    if (*n == 0 || out.size() > 4096) break;
  }
  if ((*child)->wait(deadline) != 0) return backend_missing();
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  fs::path backend = fs::path(out) / "git-http-backend";
  if (out.empty() || ::access(backend.c_str(), X_OK) != 0) {
    log::error("git.backend_missing", {{"exec_path", out}});
    return backend_missing();
  }
  git.found_backend = backend;
  return backend;
}

/// One of GitHttpLimits::max_processes, held for as long as its process may run.
class ProcessSlot {
 public:
  static std::optional<ProcessSlot> take(std::shared_ptr<GitServing> git) {
    int now = git->running.load();
    do {
      if (now >= git->limits.max_processes) return std::nullopt;
    } while (!git->running.compare_exchange_weak(now, now + 1));
    return ProcessSlot(std::move(git));
  }
  ProcessSlot(ProcessSlot&& other) noexcept : git_(std::move(other.git_)) {}
  ProcessSlot& operator=(ProcessSlot&&) = delete;
  ~ProcessSlot() {
    if (git_) --git_->running;
  }

 private:
  explicit ProcessSlot(std::shared_ptr<GitServing> git) : git_(std::move(git)) {}
  std::shared_ptr<GitServing> git_;
};

/// A running backend and its answer's body: what the streamed Response pulls. Destroyed (the
/// body sent, the client gone, the server stopping), it kills what still runs and reaps it.
struct Running {
  ProcessSlot slot;
  std::unique_ptr<ChildProcess> child;
  Clock::time_point run_deadline;
  std::chrono::seconds idle_limit;
  std::string pending;  // body bytes read with the head

  Clock::time_point next_deadline() const {
    return std::min(run_deadline, Clock::now() + idle_limit);
  }

  Result<bool> next(std::string& chunk) {
    if (!pending.empty()) {
      chunk.swap(pending);
      return true;
    }
    auto n = child->read_some(chunk, kChunk, next_deadline());
    if (!n) {
      log::warn("git.killed", {{"pid", child->pid()}, {"reason", n.error().message}});
      return n.error();
    }
    if (*n > 0) return true;
    const int status = child->wait(Clock::now() + std::chrono::seconds(5));
    if (status != 0) {
      log::warn("git.failed", {{"status", status}, {"stderr", child->stderr_text()}});
      return make_error(Errc::kInternal,
                        "git http-backend berakhir dengan status " + std::to_string(status));
    }
    return false;
  }
};

/// One event per clone or fetch (GitHttpLimits::fetch_event_gap).
bool fetch_event_due(GitServing& git, const std::string& token, vcs::GitHttpService service,
                     TimeMs now) {
  std::lock_guard lock(git.mutex);
  TimeMs& last = git.last_event[token];
  const TimeMs gap =
      std::chrono::duration_cast<std::chrono::milliseconds>(git.limits.fetch_event_gap).count();
  if (service != vcs::GitHttpService::kAdvertiseRefs && last != 0 && now - last < gap) return false;
  last = now;
  return true;
}

/// 503 with Retry-After, in the shape of every error answer (http/error_response.cpp, whose
/// table sends Retry-After for a throttle only).
Response busy(const GitHttpLimits& limits) {
  const auto wait = limits.retry_after.count();
  json::object error{
      {"code", errc_code(Errc::kUnavailable)},
      {"message",
       "Server sedang melayani git clone atau git fetch lain; coba lagi sebentar "
       "lagi"},
      {"details", json::array{json::object{
                      {"path", ""}, {"message", "Coba lagi nanti"}, {"retry_after", wait}}}}};
  Response r = Response::json(json::object{{"error", std::move(error)}}, 503);
  r.headers.emplace_back("Retry-After", std::to_string(wait));
  return r;
}

Reply serve(Context& ctx, Request& req) {
  auto service = vcs::git_http_service(req.method, req.param("path"), req.raw_path, req.query);
  if (!service) return service.error();
  const vcs::GitHttpRequestHeaders headers{std::string(req.header("content-type")),
                                           std::string(req.header("content-encoding")),
                                           std::string(req.header("git-protocol"))};
  if (auto s = vcs::check_git_http_headers(*service, headers); !s) return s.error();
  std::shared_ptr<GitServing> git = ctx.git;
  auto backend = find_backend(*git);
  if (!backend) return backend.error();
  auto slot = ProcessSlot::take(git);
  if (!slot) return busy(git->limits);

  const bool advertise = *service == vcs::GitHttpService::kAdvertiseRefs;
  if (fetch_event_due(*git, req.access_token_id, *service, ctx.library.clock().now()))
    if (auto s = ctx.library.record_event({{"kind", "git.fetch"},
                                           {"account", req.principal->account_id},
                                           {"token", req.access_token_id},
                                           {"service", advertise ? "info/refs" : "upload-pack"},
                                           {"remote", req.remote}});
        !s)
      return s.error();  // a fetch the log cannot record does not happen

  ChildSpec spec;
  spec.program = backend->string();
  spec.env =
      vcs::git_http_backend_env(*service, headers, req.body.size(),
                                ctx.library.ledger().repository_path().string(), search_path());
  if (!advertise) spec.input = std::move(req.body);
  auto child = ChildProcess::spawn(spec);
  if (!child) {
    log::error("git.spawn_failed", {{"message", child.error().message}});
    return backend_missing();
  }
  auto running = std::make_shared<Running>(Running{std::move(*slot),
                                                   std::move(*child),
                                                   Clock::now() + git->limits.run_limit,
                                                   git->limits.idle_limit,
                                                   {}});

  // The head comes first (git writes it before it runs upload-pack); the body is streamed.
  std::string out;
  std::optional<std::size_t> body_start;
  while (!(body_start = vcs::cgi_body_start(out))) {
    if (out.size() > vcs::kMaxCgiHead)
      return make_error(Errc::kInternal, "git http-backend: kepala jawaban terlalu panjang");
    auto n = running->child->read_some(out, 4096, running->next_deadline());
    if (!n) {
      log::warn("git.killed", {{"reason", n.error().message}, {"while", "head"}});
      return make_error(Errc::kUnavailable, "git tidak menjawab; coba lagi");
    }
    if (*n == 0) {
      const int status = running->child->wait(Clock::now() + std::chrono::seconds(5));
      return make_error(Errc::kInternal, "git http-backend berakhir (status " +
                                             std::to_string(status) +
                                             ") tanpa jawaban: " + running->child->stderr_text());
    }
  }
  auto head = vcs::parse_cgi_head(std::string_view(out).substr(0, *body_start));
  if (!head) return head.error();
  Response r;
  r.status = head->status;
  r.content_type = head->content_type.empty() ? "text/plain; charset=utf-8" : head->content_type;
  r.headers = std::move(head->headers);
  running->pending = out.substr(*body_start);
  r.stream = [running](std::string& chunk) { return running->next(chunk); };
  return r;
}

}  // namespace

std::vector<Route> git_routes(Context& ctx) {
  // The whole repository, every unit's history: kGitRead at the instansi's root.
  auto root = [&ctx](const Request&) -> Result<std::optional<std::string>> {
    return std::optional<std::string>(ctx.org.tree()->root());
  };
  auto handler = [&ctx](Request& req) { return serve(ctx, req); };
  std::vector<Route> routes;
  for (const char* method : {"GET", "POST"})
    routes.push_back({method, "/git/{path...}", handler, always_blocks, Permission::kGitRead, root,
                      Credentials::kAccessToken});
  return routes;
}

}  // namespace sopan::api
