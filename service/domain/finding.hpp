#pragma once
/// A finding of a document kind's rules: a stable code, where (a JSON pointer into the document)
/// and an Indonesian message. Drafts may be saved with findings; a submission must have none.
#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <string>
#include <vector>

namespace sopan::domain {

struct Finding {
  std::string code;     // stable, e.g. "sop.flow.unreachable"
  std::string path;     // JSON pointer into the document
  std::string message;  // Indonesian

  boost::json::value to_json() const;
};

boost::json::array to_json(const std::vector<Finding>& findings);

}  // namespace sopan::domain
