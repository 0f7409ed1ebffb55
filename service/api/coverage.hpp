#pragma once
/// What was in force on a day for a set of units: the maps and SOPs that coverage
/// (domain/coverage.hpp) and the score (api/score.cpp) measure. One gathering, two readers.
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/error.hpp"
#include "domain/coverage.hpp"
#include "library/model.hpp"
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

/// What several days read once (the score's trend): the summaries, each document's history
/// rows and records, and each map version's content, parsed. Index reads and git reads of
/// versions that never change, so sharing them across days changes no answer.
struct IndexMemo {
  std::optional<std::vector<library::DocSummary>> maps, sops;
  std::map<std::string, std::vector<library::VersionRow>, std::less<>> histories;
  std::map<std::string, std::vector<library::RecordRow>, std::less<>> records;
  std::map<std::string, std::optional<domain::ProcessMap>, std::less<>> parsed;  // by commit
};

/// The history rows of `id`, read once per memo.
[[nodiscard]] Result<const std::vector<library::VersionRow>*> history_of(Context& ctx,
                                                                         IndexMemo& memo,
                                                                         const std::string& id);
/// The records of `id`, read once per memo.
[[nodiscard]] Result<const std::vector<library::RecordRow>*> records_of(Context& ctx,
                                                                        IndexMemo& memo,
                                                                        const std::string& id);

/// The documents of the units `in_scope` accepts, as they stood on `date` ("YYYY-MM-DD"): each
/// by the unit its version in force that day names (a later draft moving it changes nothing). SOPs
/// are read from their history rows alone; maps from the version in force then.
[[nodiscard]] Result<DayInForce> gather_in_force(
    Context& ctx, const std::function<bool(std::string_view unit)>& in_scope,
    const std::string& date, IndexMemo& memo);

}  // namespace sopan::api
