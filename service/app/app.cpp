#include "app/app.hpp"

#include <csignal>

#include "common/log.hpp"

namespace sopan::app {

Result<std::unique_ptr<App>> App::open(const Config& config, bool with_server) {
  std::unique_ptr<App> app(new App());
  app->config_ = config;
  auto schemas = schema::Registry::load(config.schemas_dir);
  if (!schemas) return schemas.error();
  app->schemas_ = std::move(*schemas);
  auto library = library::DocumentLibrary::open(config.data_dir);
  if (!library) return library.error();
  app->library_ = std::move(*library);
  const auto& rec = app->library_->recovery();
  if (rec.commits_indexed || rec.stale_refs_removed)
    log::warn("startup.recovered", {{"commits_indexed", rec.commits_indexed},
                                    {"stale_refs_removed", rec.stale_refs_removed}});
  auto org = library::OrgLibrary::open(*app->library_);
  if (!org) return org.error();
  app->org_ = std::move(*org);
  app->accounts_ =
      std::make_unique<library::Accounts>(*app->library_, config.sessions, config.throttle);
  app->accounts_->allow_shared_nip(app->library_->instansi().allow_multiple_accounts_per_nip);
  app->context_.reset(
      new api::Context{*app->library_, *app->org_, *app->accounts_, *app->schemas_, now_ms()});
  if (with_server) app->server_ = http::make_server(config.server, api::all_routes(*app->context_));
  return app;
}

App::~App() { stop(); }

std::uint16_t App::start() { return server_ ? server_->start() : 0; }

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
