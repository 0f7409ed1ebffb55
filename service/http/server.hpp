#pragma once
/// The HTTP server: one io_context per thread, each with its own SO_REUSEPORT acceptor, a
/// coroutine per connection, and a pool for blocking handlers. Beast stays behind this header.
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
};

std::unique_ptr<Server> make_server(ServerConfig config, std::vector<api::Route> routes);

}  // namespace sopan::http
