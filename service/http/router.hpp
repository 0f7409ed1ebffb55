#pragma once
/// Matches (method, path) to a route with `{name}` path parameters. Pure; immutable after
/// construction, so safe to share between threads.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/types.hpp"

namespace sopan::http {

class Router {
 public:
  /// Throws std::invalid_argument on a duplicate (method, pattern): a programming error.
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
  };
  std::vector<api::Route> routes_;
  std::vector<Compiled> compiled_;
};

}  // namespace sopan::http
