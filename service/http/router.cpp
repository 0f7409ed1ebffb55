#include "http/router.hpp"

#include <set>
#include <stdexcept>

namespace sopan::http {
namespace {
std::vector<std::string_view> split(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 1;  // paths begin with '/'
  while (start <= path.size()) {
    auto slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

bool is_param(std::string_view s) { return s.size() > 2 && s.front() == '{' && s.back() == '}'; }
bool is_rest(std::string_view s) { return is_param(s) && s.ends_with("...}") && s.size() > 5; }

/// The parameter's name: "{id}" → "id", "{rest...}" → "rest".
std::string_view param_name(std::string_view s) {
  return s.substr(1, s.size() - (is_rest(s) ? 5 : 2));
}

bool is_clean_segment(std::string_view s) { return !s.empty() && s != "." && s != ".."; }

/// True when the Allow list "GET, PUT" names `method`.
bool lists_method(std::string_view allow, std::string_view method) {
  while (!allow.empty()) {
    auto comma = allow.find(", ");
    if (allow.substr(0, comma) == method) return true;
    if (comma == std::string_view::npos) break;
    allow.remove_prefix(comma + 2);
  }
  return false;
}
}  // namespace

Router::Router(std::vector<api::Route> routes) : routes_(std::move(routes)) {
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& r : routes_) {
    if (!seen.emplace(r.method, r.pattern).second)
      throw std::invalid_argument("duplicate route " + r.method + " " + r.pattern);
    Compiled c;
    for (auto s : split(r.pattern)) {
      if (c.prefix) throw std::invalid_argument("{name...} must be last: " + r.pattern);
      c.prefix = is_rest(s);
      c.segments.emplace_back(s);
    }
    compiled_.push_back(std::move(c));
  }
}

Router::Match Router::match(std::string_view method, std::string_view path) const {
  Match out;
  if (path.empty() || path.front() != '/') return out;
  auto parts = split(path);
  bool exact = false;  // out.route is a route without {name...}
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    const auto& c = compiled_[i];
    const std::size_t fixed = c.segments.size() - (c.prefix ? 1 : 0);
    if (c.prefix ? parts.size() <= fixed : parts.size() != fixed) continue;
    api::StringMap params;
    bool ok = true;
    for (std::size_t k = 0; k < fixed && ok; ++k) {
      if (is_param(c.segments[k])) {
        ok = !parts[k].empty();
        if (ok) params.emplace(param_name(c.segments[k]), parts[k]);
      } else {
        ok = c.segments[k] == parts[k];
      }
    }
    if (ok && c.prefix) {
      std::string rest;
      for (std::size_t k = fixed; k < parts.size() && ok; ++k) {
        ok = is_clean_segment(parts[k]);
        if (k > fixed) rest += '/';
        rest += parts[k];
      }
      if (ok) params.emplace(param_name(c.segments.back()), std::move(rest));
    }
    if (!ok) continue;
    out.path_known = true;
    // A path both an exact and a prefix route match names their method once.
    if (!lists_method(out.allow, routes_[i].method)) {
      if (!out.allow.empty()) out.allow += ", ";
      out.allow += routes_[i].method;
    }
    if (routes_[i].method == method && (!out.route || (!exact && !c.prefix))) {
      out.route = &routes_[i];
      out.params = std::move(params);
      exact = !c.prefix;
    }
  }
  return out;
}

}  // namespace sopan::http
