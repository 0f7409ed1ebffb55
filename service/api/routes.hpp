#pragma once
/// Every API route, in one table the http layer serves (and tests walk).
#include <vector>

#include "api/types.hpp"
#include "common/time.hpp"

namespace sopan::library {
class DocumentLibrary;
}
namespace sopan::schema {
class Registry;
}

namespace sopan::api {

/// What handlers need; outlives the server.
struct Context {
  library::DocumentLibrary& library;
  const schema::Registry& schemas;
  TimeMs started_at = 0;
};

std::vector<Route> health_routes(Context& ctx);
std::vector<Route> sop_routes(Context& ctx);
std::vector<Route> all_routes(Context& ctx);

}  // namespace sopan::api
