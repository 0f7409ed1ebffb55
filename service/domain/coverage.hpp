#pragma once
/// Coverage of a unit's processes by SOPs on a day (issue 13 §4, DOMAIN §4.3): which lowest-level
/// map activities no SOP in force details, which SOPs in force refer to no map activity, which
/// positions act in maps but in no SOP, which processes no map details yet, and drift — a linked
/// SOP withdrawn or superseded, or whose actors no longer match the activity's lane. Every item
/// names the document to fix; the totals are the numerators and denominators the score uses.
/// Pure: the API gathers the versions in force on the day (api/coverage.cpp).
#include <boost/json/object.hpp>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "domain/map.hpp"

namespace sopan::domain {

class OrgTree;

struct CoverageDoc {
  std::string kind;  // "map" or "sop"
  std::string id, number, title, unit;
  boost::json::object to_json() const;
};

/// A map in force on the day, in the unit's subtree.
struct CoverageMap {
  CoverageDoc doc;
  ProcessMap map;
};

/// A SOP as it stood on the day: in the unit's subtree, or linked from one of its maps.
struct CoverageSop {
  CoverageDoc doc;
  std::string status;                  // on the day: berlaku, dicabut, digantikan; "" = not yet
  std::vector<std::string> positions;  // the positions acting in the version in force then
  bool in_subtree = false;
};

struct CoverageItem {
  std::string type;  // aktivitas_tanpa_sop, sop_tanpa_peta, ...
  std::string message;
  CoverageDoc doc;  // the document to fix
  std::string element_id, element_name;
  CoverageDoc sop;  // the SOP concerned, when there is one (kind empty otherwise)
  std::string position_id, position_name;
  boost::json::object to_json() const;
};

struct Coverage {
  std::size_t maps = 0;
  std::size_t activities = 0;           // lowest-level activities of cross-functional maps
  std::size_t activities_with_sop = 0;  // ... with at least one linked SOP in force
  std::size_t sops = 0;                 // SOPs in force in the subtree
  std::size_t sops_in_map = 0;          // ... that a map activity refers to
  std::size_t processes = 0;            // processes of level-0 and decomposition maps
  std::size_t processes_detailed = 0;   // ... that a map in force details
  std::size_t drift = 0;
  std::vector<CoverageItem> items;
  boost::json::object totals_json() const;
};

/// `maps` and `sops` as gathered for the day; `detailed` holds (map id, process id) for every
/// process a map in force details.
Coverage measure_coverage(const std::vector<CoverageMap>& maps,
                          const std::vector<CoverageSop>& sops,
                          const std::set<std::pair<std::string, std::string>>& detailed,
                          const OrgTree& org);

}  // namespace sopan::domain
