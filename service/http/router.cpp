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
}  // namespace

Router::Router(std::vector<api::Route> routes) : routes_(std::move(routes)) {
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& r : routes_) {
    if (!seen.emplace(r.method, r.pattern).second)
      throw std::invalid_argument("duplicate route " + r.method + " " + r.pattern);
    Compiled c;
    for (auto s : split(r.pattern)) c.segments.emplace_back(s);
    compiled_.push_back(std::move(c));
  }
}

Router::Match Router::match(std::string_view method, std::string_view path) const {
  Match out;
  if (path.empty() || path.front() != '/') return out;
  auto parts = split(path);
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    const auto& segs = compiled_[i].segments;
    if (segs.size() != parts.size()) continue;
    api::StringMap params;
    bool ok = true;
    for (std::size_t k = 0; k < segs.size() && ok; ++k) {
      if (is_param(segs[k])) {
        ok = !parts[k].empty();
        if (ok) params.emplace(segs[k].substr(1, segs[k].size() - 2), parts[k]);
      } else {
        ok = segs[k] == parts[k];
      }
    }
    if (!ok) continue;
    out.path_known = true;
    if (!out.allow.empty()) out.allow += ", ";
    out.allow += routes_[i].method;
    if (routes_[i].method == method && !out.route) {
      out.route = &routes_[i];
      out.params = std::move(params);
    }
  }
  return out;
}

}  // namespace sopan::http
