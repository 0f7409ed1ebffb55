#include "app/app.hpp"

#include <csignal>

#include "api/openapi.hpp"
#include "api/routes.hpp"
#include "common/log.hpp"

namespace sopan::app {

Result<std::unique_ptr<App>> App::open(const Config& config, bool with_server, const Clock& clock) {
  std::unique_ptr<App> app(new App());
  app->config_ = config;
  auto schemas = schema::Registry::load(config.schemas_dir);
  if (!schemas) return schemas.error();
  app->schemas_ = std::move(*schemas);
  auto library = library::DocumentLibrary::open(config.data_dir, clock);
  if (!library) return library.error();
  app->library_ = std::move(*library);
  const auto& rec = app->library_->recovery();
  if (rec.commits_indexed || rec.stale_refs_removed)
    log::warn("startup.recovered", {{"commits_indexed", rec.commits_indexed},
                                    {"stale_refs_removed", rec.stale_refs_removed}});
  // The shipped rubrics (schemas/rubrics), committed once: by a new instansi's first start.
  if (auto s = api::seed_rubrics(*app->library_, config.schemas_dir / "rubrics"); !s)
    return s.error();
  auto org = library::OrgLibrary::open(app->library_->ledger());
  if (!org) return org.error();
  app->org_ = std::move(*org);
  app->accounts_ = std::make_unique<library::Accounts>(app->library_->ledger(), config.sessions,
                                                       config.throttle);
  app->accounts_->allow_shared_nip(app->library_->instansi().allow_multiple_accounts_per_nip);
  app->context_.reset(
      new api::Context{*app->library_, *app->org_, *app->accounts_, *app->schemas_, clock.now()});
  for (const auto& kind : config.extra_kinds) app->context_->kinds.push_back(kind);
  app->context_->public_url = config.public_url;
  app->listen_address_ = config.server.address;
  if (with_server) {
    http::ServerConfig server = config.server;
    // What an operator must see without reading logs: commits left out of the index, and the
    // sign-in throttle's state (counted, not logged per attempt).
    server.extra_metrics = [lib = app->library_.get(), accounts = app->accounts_.get()] {
      auto quarantined = lib->quarantined();
      auto t = accounts->throttle_stats();
      std::string out;
      out += "# HELP sopan_quarantined_commits Commits in git the index leaves out.\n";
      out += "# TYPE sopan_quarantined_commits gauge\n";
      out += "sopan_quarantined_commits " +
             (quarantined ? std::to_string(quarantined->size()) : std::string("NaN")) + "\n";
      out += "# HELP sopan_signin_refused_total Sign-in attempts refused by the throttle.\n";
      out += "# TYPE sopan_signin_refused_total counter\n";
      out += "sopan_signin_refused_total " + std::to_string(t.refused) + "\n";
      out += "# TYPE sopan_throttle_entries gauge\n";
      out += "sopan_throttle_entries{table=\"account\"} " + std::to_string(t.accounts) + "\n";
      out += "sopan_throttle_entries{table=\"address\"} " + std::to_string(t.addresses) + "\n";
      return out;
    };
    // The OpenAPI document describes every route the server registers, its own among them.
    auto openapi = std::make_shared<std::string>();
    auto routes = api::all_routes(*app->context_);
    routes.push_back(api::openapi_route(openapi));
    app->server_ = http::make_server(std::move(server), std::move(routes));
    auto yaml = api::openapi_yaml(app->server_->routes(), config.schemas_dir);
    if (!yaml) return yaml.error();
    *openapi = std::move(*yaml);
    app->openapi_ = std::move(openapi);
  }
  return app;
}

App::~App() { stop(); }

std::uint16_t App::start() {
  if (!server_) return 0;
  const std::uint16_t port = server_->start();
  // Before any request can name it: the client learns the port from this return.
  if (context_->public_url.empty()) {
    const bool v6 = listen_address_.find(':') != std::string::npos;
    context_->public_url = "http://" + (v6 ? "[" + listen_address_ + "]" : listen_address_) + ":" +
                           std::to_string(port);
    // Every QR code printed now names this address: fine for the demo, not for an office.
    log::warn("public_url.unset",
              {{"public_url", context_->public_url},
               {"hint", "beri --public-url agar kode QR pada cetakan dapat dibuka dari luar"}});
  }
  return port;
}

void App::stop() {
  if (server_) server_->stop();
}

int App::run_until_signal() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  start();
  int received = 0;
  sigwait(&signals, &received);
  log::info("shutdown.begin", {{"signal", received == SIGTERM ? "SIGTERM" : "SIGINT"}});
  stop();
  log::info("shutdown.done", {});
  return 0;
}

}  // namespace sopan::app
