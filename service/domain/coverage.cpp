#include "domain/coverage.hpp"

#include <algorithm>
#include <map>

#include "domain/org.hpp"

namespace sopan::domain {
namespace json = boost::json;

json::object CoverageDoc::to_json() const {
  return {{"kind", kind}, {"id", id}, {"number", number}, {"title", title}, {"unit", unit}};
}

json::object CoverageItem::to_json() const {
  json::object o{{"type", type}, {"message", message}, {"document", doc.to_json()}};
  if (!element_id.empty()) o["element"] = json::object{{"id", element_id}, {"name", element_name}};
  if (!sop.kind.empty()) o["sop"] = sop.to_json();
  if (!position_id.empty())
    o["position"] = json::object{{"id", position_id}, {"name", position_name}};
  return o;
}

json::object Coverage::totals_json() const {
  return {{"maps", maps},
          {"activities", activities},
          {"activities_with_sop", activities_with_sop},
          {"sops", sops},
          {"sops_in_map", sops_in_map},
          {"processes", processes},
          {"processes_detailed", processes_detailed},
          {"drift", drift}};
}

namespace {

std::string quoted(const std::string& name) { return "\"" + name + "\""; }

std::string sop_name(const CoverageDoc& sop) {
  return "SOP " + (sop.number.empty() ? quoted(sop.title) : sop.number + " " + quoted(sop.title));
}

/// Whether the SOP's actors cover the lane: its position, or for a unit's lane a position of
/// that unit or below it. An outside party's lane asks nothing.
bool actors_match(const MapLane& lane, const CoverageSop& sop, const OrgTree& org) {
  if (!lane.position.empty())
    return std::find(sop.positions.begin(), sop.positions.end(), lane.position) !=
           sop.positions.end();
  if (lane.unit.empty()) return true;
  return std::any_of(sop.positions.begin(), sop.positions.end(), [&](const std::string& p) {
    const Unit* u = org.unit_of_position(p);
    return u && org.within(u->id, lane.unit);
  });
}

}  // namespace

Coverage measure_coverage(const std::vector<CoverageMap>& maps,
                          const std::vector<CoverageSop>& sops,
                          const std::set<std::pair<std::string, std::string>>& detailed,
                          const OrgTree& org) {
  Coverage c;
  std::map<std::string, const CoverageSop*, std::less<>> sop_by_id;
  for (const auto& s : sops) sop_by_id.emplace(s.doc.id, &s);
  std::set<std::string, std::less<>> referenced;      // SOPs an activity links to
  std::set<std::string, std::less<>> acting_in_sops;  // positions acting in a SOP in force
  for (const auto& s : sops)
    if (s.status == "berlaku") acting_in_sops.insert(s.positions.begin(), s.positions.end());
  std::vector<CoverageItem> positions_items;
  std::set<std::string, std::less<>> positions_named;
  c.maps = maps.size();

  for (const auto& m : maps) {
    const ProcessMap& map = m.map;
    for (const auto& p : map.processes) {
      ++c.processes;
      if (detailed.contains({m.doc.id, p.id})) {
        ++c.processes_detailed;
        continue;
      }
      c.items.push_back({"proses_belum_dirinci",
                         "Proses " + p.code + " " + quoted(p.name) + " belum dirinci ke peta",
                         m.doc,
                         p.id,
                         p.name,
                         {},
                         "",
                         ""});
    }
    if (!map.cross_functional()) continue;
    for (const auto& n : map.nodes) {
      // A sub-process detailed by a map of its own is not lowest-level.
      if (!n.is_activity() || !n.map.empty()) continue;
      ++c.activities;
      const MapLane* lane = map.lane(n.lane);
      bool in_force = false;
      for (const auto& id : n.sops) {
        referenced.insert(id);
        auto it = sop_by_id.find(id);
        const CoverageSop* sop = it == sop_by_id.end() ? nullptr : it->second;
        if (!sop) continue;
        if (sop->status == "dicabut" || sop->status == "digantikan") {
          ++c.drift;
          c.items.push_back(
              {sop->status == "dicabut" ? "sop_dicabut" : "sop_digantikan",
               sop_name(sop->doc) + " pada aktivitas " + quoted(n.name) +
                   (sop->status == "dicabut" ? " sudah dicabut" : " sudah digantikan"),
               m.doc, n.id, n.name, sop->doc, "", ""});
          continue;
        }
        if (sop->status != "berlaku") continue;
        in_force = true;
        if (lane && !actors_match(*lane, *sop, org)) {
          ++c.drift;
          c.items.push_back({"pelaksana_berbeda",
                             "Pelaksana " + sop_name(sop->doc) + " tidak lagi memuat " +
                                 quoted(lane->name) + ", lajur aktivitas " + quoted(n.name),
                             m.doc, n.id, n.name, sop->doc, lane->position, lane->name});
        }
      }
      if (in_force) {
        ++c.activities_with_sop;
      } else {
        c.items.push_back({"aktivitas_tanpa_sop",
                           n.sops.empty()
                               ? "Aktivitas " + quoted(n.name) + " belum dirinci ke SOP"
                               : "Aktivitas " + quoted(n.name) + " belum memiliki SOP yang berlaku",
                           m.doc,
                           n.id,
                           n.name,
                           {},
                           "",
                           ""});
      }
      if (lane && !lane->position.empty() && !acting_in_sops.contains(lane->position) &&
          positions_named.insert(lane->position).second) {
        const Position* p = org.position(lane->position);
        positions_items.push_back({"jabatan_tanpa_sop",
                                   "Jabatan " + quoted(p ? p->name : lane->name) +
                                       " berperan di peta tetapi tidak menjadi pelaksana SOP "
                                       "yang berlaku",
                                   m.doc,
                                   n.id,
                                   n.name,
                                   {},
                                   lane->position,
                                   p ? p->name : lane->name});
      }
    }
  }
  for (const auto& s : sops) {
    if (!s.in_subtree || s.status != "berlaku") continue;
    ++c.sops;
    if (referenced.contains(s.doc.id)) {
      ++c.sops_in_map;
      continue;
    }
    c.items.push_back({"sop_tanpa_peta",
                       sop_name(s.doc) + " belum mengacu pada aktivitas peta proses bisnis", s.doc,
                       "", "", s.doc, "", ""});
  }
  c.items.insert(c.items.end(), positions_items.begin(), positions_items.end());
  return c;
}

}  // namespace sopan::domain
