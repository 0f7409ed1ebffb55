#include "domain/finding.hpp"

#include <boost/json/object.hpp>

namespace sopan::domain {
namespace json = boost::json;

json::value Finding::to_json() const {
  return json::object{{"code", code}, {"path", path}, {"message", message}};
}

json::array to_json(const std::vector<Finding>& findings) {
  json::array out;
  for (const auto& f : findings) out.push_back(f.to_json());
  return out;
}

}  // namespace sopan::domain
