#pragma once
/// What was in force on a day for a set of units: the maps and SOPs that coverage
/// (domain/coverage.hpp) and the score (api/score.cpp) measure. One gathering, two readers.
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/error.hpp"
#include "domain/coverage.hpp"
#include "library/timeline.hpp"

namespace sopan::api {

struct Context;

/// A stored map's content as a ProcessMap (nullopt when it is not a JSON object).
std::optional<domain::ProcessMap> parse_map(const std::string& content);

/// A SOP in force in the scope on the day, with its history's state then (for its records).
struct SopOnDay {
  domain::CoverageDoc doc;
  library::InForceAt state;
};

struct DayInForce {
  std::vector<domain::CoverageMap> maps;  // maps in force in the scope
  std::vector<domain::CoverageSop> sops;  // SOPs as they stood: in the scope, or linked
  std::set<std::pair<std::string, std::string>> detailed;  // (map, process) a map details
  std::vector<SopOnDay> in_force;  // the SOPs in force in the scope (berlaku)
};

/// The documents of the units `in_scope` accepts (by the unit each document names now), as
/// they stood on `date` ("YYYY-MM-DD"). SOPs are read from their history rows alone; maps from
/// the version in force then.
[[nodiscard]] Result<DayInForce> gather_in_force(
    Context& ctx, const std::function<bool(std::string_view unit)>& in_scope,
    const std::string& date);

}  // namespace sopan::api
