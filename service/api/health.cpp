#include <boost/json/object.hpp>

#include "api/routes.hpp"
#include "index/store.hpp"
#include "library/document_library.hpp"

namespace sopan::api {

std::vector<Route> health_routes(Context& ctx) {
  auto healthz = [&ctx](const Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    // A read of the index proves the process can still serve, not only that it is alive.
    auto format = ctx.library.store().get(index::Cf::kMeta, "format");
    if (!format) return format.error();
    // Commits git holds that the index leaves out: the service runs, but someone must look.
    auto quarantined = ctx.library.quarantined();
    if (!quarantined) return quarantined.error();
    TimeMs now = ctx.library.clock().now();
    return Response::json(boost::json::object{
        {"status", quarantined->empty() ? "ok" : "degraded"},
        {"quarantined_commits", quarantined->size()},
        {"service", "sopan"},
        {"version", SOPAN_VERSION},
        {"instansi", ctx.library.instansi().name},
        {"index_format", format->value_or("")},
        {"time", format_utc(now)},
        {"uptime_seconds", (now - ctx.started_at) / 1000},
    });
  };
  return {{"GET", "/healthz", healthz, index_only, domain::Permission::kPublic, {}}};
}

}  // namespace sopan::api
