#include "api/routes.hpp"

namespace sopan::api {

std::vector<Route> all_routes(Context& ctx) {
  std::vector<Route> routes;
  for (auto group : {health_routes, sop_routes})
    for (auto& r : group(ctx)) routes.push_back(std::move(r));
  return routes;
}

}  // namespace sopan::api
