#pragma once
/// Import of an existing organisation from the files an HR system (SIMPEG) exports: units,
/// positions and staff, as CSV or as JSON rows. All or nothing: every bad row and column is
/// reported and nothing is written; a dry run reports what would change.
#include <boost/json/object.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "library/org_library.hpp"

namespace sopan::library {

/// One input file: CSV text or a JSON array of row objects (keys as the CSV columns, or their
/// English names).
struct ImportFile {
  std::optional<std::string> csv;
  std::optional<boost::json::value> rows;
  bool present() const { return csv || rows; }
};

struct ImportRequest {
  ImportFile units, positions, staff;
  bool dry_run = false;
  std::string message;
};

/// Plans the import against the current tree and staff, and (unless a dry run) applies it as one
/// change. Returns the plan: counts and one line per added or changed row. Errors list every
/// problem found, at "/<file>/<line or index>/<column>". `may_touch(unit_id)` is asked for every
/// unit the import would change (or add staff to); one refusal refuses the whole import.
[[nodiscard]] Result<boost::json::object> import_org(
    OrgLibrary& org, const ImportRequest& req, const Actor& actor,
    const std::function<bool(const std::string& unit_id)>& may_touch);

}  // namespace sopan::library
