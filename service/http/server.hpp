#pragma once
/// The HTTP server: one io_context per thread, each with its own SO_REUSEPORT acceptor, a
/// coroutine per connection, and a pool for blocking handlers. Beast stays behind this header.
///
/// Where a request runs (api::Route): on the blocking pool unless its route's `blocks` answers
/// false, then inline on the connection's I/O thread. An inline handler that returns
/// `api::continue_on_pool(rest)` has `rest` run on the pool (the access guard's denial, which
/// writes an audit event); on the pool such a continuation runs in place. A streamed body
/// (api::Response::stream) is always pulled on the pool. An exception escaping a handler or a
/// producer is a 500 (or, once a stream's header is out, a cut connection) with an incident id
/// in the log; one escaping the session loop itself ends that connection only.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "api/types.hpp"
#include "http/client_address.hpp"

namespace sopan::http {

struct ServerConfig {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 = any free port (tests)
  int threads = 2;
  int blocking_threads = 4;
  std::size_t body_limit = 1 << 20;
  std::size_t header_limit = 16 << 10;
  std::chrono::milliseconds header_timeout{15000};  // also the keep-alive idle limit
  std::chrono::milliseconds body_timeout{30000};
  std::chrono::milliseconds write_timeout{30000};
  std::chrono::milliseconds shutdown_grace{20000};
  std::filesystem::path web_root;
  bool access_log = true;
  /// Peers whose `X-Forwarded-For` names the client (api::Request::remote); none by default.
  TrustedProxies trusted_proxies;
  /// More lines for /metrics from the rest of the service (Prometheus text, each line ending in
  /// '\n'); called on every scrape, from an I/O thread.
  std::function<std::string()> extra_metrics;
};

class Server {
 public:
  virtual ~Server() = default;
  /// Binds and starts the threads; returns the bound port. Throws on bind failure (start-up).
  virtual std::uint16_t start() = 0;
  /// Graceful stop: stop accepting, close idle connections, let requests in flight finish
  /// (up to shutdown_grace), then return once every thread has ended. Idempotent.
  virtual void stop() = 0;
  /// Requests being handled right now.
  virtual std::int64_t in_flight() const = 0;
  /// Every route served: those given to make_server, then the server's own (GET /metrics).
  virtual const std::vector<api::Route>& routes() const = 0;
};

std::unique_ptr<Server> make_server(ServerConfig config, std::vector<api::Route> routes);

}  // namespace sopan::http
