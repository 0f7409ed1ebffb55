#pragma once
/// Owns everything a running server needs: the libraries, the schemas, the HTTP server.
/// Destruction order closes the server before RocksDB (clean shutdown).
#include <cstdint>
#include <memory>
#include <string>

#include "api/routes.hpp"
#include "app/config.hpp"
#include "http/server.hpp"
#include "library/accounts.hpp"
#include "library/document_library.hpp"
#include "library/org_library.hpp"
#include "schema/registry.hpp"

namespace sopan::app {

class App {
 public:
  /// Opens the data directory (reconciling the index) and loads the schemas. The server is
  /// created only when `with_server` (the admin commands use the libraries alone).
  /// `clock` dates every commit and event and is "today" for the API (it must outlive the App).
  [[nodiscard]] static Result<std::unique_ptr<App>> open(const Config& config,
                                                         bool with_server = true,
                                                         const Clock& clock = Clock::system());
  ~App();

  /// Starts serving; returns the bound port.
  std::uint16_t start();
  /// Graceful stop; idempotent.
  void stop();
  /// start(), then wait for SIGTERM or SIGINT, then stop(). Call from the main thread before any
  /// other thread exists, so every thread inherits the blocked signals.
  int run_until_signal();

  library::DocumentLibrary& library() { return *library_; }
  library::OrgLibrary& org() { return *org_; }
  library::Accounts& accounts() { return *accounts_; }
  http::Server& server() { return *server_; }
  /// What the routes share: the libraries, the schemas and the document kinds served.
  const api::Context& context() const { return *context_; }
  api::Context& context() { return *context_; }
  /// The OpenAPI document of the server's routes (api/openapi.hpp); empty without a server.
  const std::string& openapi() const { return *openapi_; }

 private:
  App() = default;
  Config config_;
  std::unique_ptr<library::DocumentLibrary> library_;
  std::unique_ptr<library::OrgLibrary> org_;
  std::unique_ptr<library::Accounts> accounts_;
  std::unique_ptr<schema::Registry> schemas_;
  std::unique_ptr<api::Context> context_;
  std::string listen_address_;  // for the public URL when --public-url is not given
  std::unique_ptr<http::Server> server_;
  std::shared_ptr<std::string> openapi_ = std::make_shared<std::string>();
};

}  // namespace sopan::app
