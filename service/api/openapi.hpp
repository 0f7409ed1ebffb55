#pragma once
/// The OpenAPI 3.1 description of the API (schemas/openapi.yaml, served at
/// GET /api/v1/openapi.yaml), generated rather than written: paths, methods, path parameters,
/// permissions and security come from the route table the server registers; request bodies
/// from the JSON Schemas in schemas/ (embedded under components/schemas); what neither holds —
/// a summary in Indonesian, the body's schema name, query parameters, the answer's status and
/// type — from one side table in openapi.cpp, an entry per (method, pattern).
///
/// Regenerate the committed file with `sopan openapi > schemas/openapi.yaml` (README); a test
/// fails while it differs from what the routes give, or while a route has no entry.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "api/types.hpp"

namespace sopan::api {

/// The document as YAML, deterministic for a given table and schemas directory. A route without
/// a side-table entry is described from the route table alone (see openapi_drift). Fails with
/// kInternal when a schema in `schemas_dir` cannot be read or a body names a missing one.
[[nodiscard]] Result<std::string> openapi_yaml(const std::vector<Route>& routes,
                                               const std::filesystem::path& schemas_dir);

/// Where the side table and the routes disagree, each as "METHOD /pattern".
struct OpenApiDrift {
  std::vector<std::string> undocumented;  // routes without an entry
  std::vector<std::string> unrouted;      // entries without a route
  bool empty() const { return undocumented.empty() && unrouted.empty(); }
};
OpenApiDrift openapi_drift(const std::vector<Route>& routes);

/// GET /api/v1/openapi.yaml: public, inline, answering `*document` as application/yaml. The
/// document is filled in once the route table is complete (it describes this route too), before
/// the server starts; it is only read afterwards.
Route openapi_route(std::shared_ptr<const std::string> document);

}  // namespace sopan::api
