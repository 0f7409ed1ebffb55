#pragma once
/// Matches (method, path) to a route. Pure; immutable after construction, so safe to share
/// between threads.
///
/// Patterns are split at '/'. A segment `{name}` matches one non-empty segment of the path. A
/// last segment `{name...}` (a prefix route: `/git/{rest...}`) matches one or more segments,
/// captured joined by '/' ("repo.git/info/refs"), none of them empty, "." or "..": the capture
/// is a clean relative path that cannot climb out of whatever the handler serves. The path is
/// matched after percent-decoding (http/target.hpp), so "%2F" is a slash and "%2E%2E" a ".."
/// segment like any other; a path with a dot segment or "//" inside the capture matches no
/// prefix route (404, never 405). A route without `{name...}` wins over a prefix route that
/// matches the same path; otherwise the first route in the table does.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/types.hpp"

namespace sopan::http {

class Router {
 public:
  /// Throws std::invalid_argument on a duplicate (method, pattern) or a `{name...}` segment
  /// that is not the last: programming errors.
  explicit Router(std::vector<api::Route> routes);

  struct Match {
    const api::Route* route = nullptr;  // null: no route for this method
    api::StringMap params;
    bool path_known = false;  // some route has this path (with another method): 405
    std::string allow;        // methods allowed for this path, for the Allow header
  };
  Match match(std::string_view method, std::string_view path) const;
  const std::vector<api::Route>& routes() const { return routes_; }

 private:
  struct Compiled {
    std::vector<std::string> segments;  // "{id}" marks a parameter
    bool prefix = false;                // the last segment is "{name...}"
  };
  std::vector<api::Route> routes_;
  std::vector<Compiled> compiled_;
};

}  // namespace sopan::http
