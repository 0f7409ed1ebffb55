#pragma once
/// The business-process map (DOMAIN §2, PermenPAN-RB 19/2018) as values: level 0 (the whole
/// instansi), decomposition maps (level 1..n) and the cross-functional map (peta lintas fungsi)
/// that SOPs detail. The JSON (schemas/map.schema.json) is the record; a cross-functional map's
/// BPMN 2.0 file beside it in git is written from these values (domain/bpmn.hpp).
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/finding.hpp"

namespace sopan::domain {

class OrgTree;

inline constexpr std::string_view kMapLevel0 = "level0";
inline constexpr std::string_view kMapDecomposition = "dekomposisi";
inline constexpr std::string_view kMapCrossFunctional = "lintas_fungsi";

/// A box on a diagram (BPMN diagram interchange bounds); `set` false when the document has none.
struct Bounds {
  double x = 0, y = 0, width = 0, height = 0;
  bool set = false;
};

/// A process of a level-0 or decomposition map.
struct MapProcess {
  std::string id;    // element id (also the BPMN id)
  std::string code;  // "1.2.3": the map's number and one more segment
  std::string name;
  std::string category;  // manajemen, utama, pendukung
  std::string unit;      // owning unit id, or empty
};

/// A swim lane of a cross-functional map: a unit, a position, or an outside party (neither).
struct MapLane {
  std::string id, name, unit, position;
  Bounds bounds;
};

/// Node types of a cross-functional map (the schema's enum).
inline constexpr std::string_view kNodeStart = "mulai";
inline constexpr std::string_view kNodeEnd = "selesai";
inline constexpr std::string_view kNodeTask = "aktivitas";
inline constexpr std::string_view kNodeSubProcess = "subproses";
inline constexpr std::string_view kNodeExclusive = "gerbang_xor";
inline constexpr std::string_view kNodeParallel = "gerbang_paralel";

struct MapNode {
  std::string id, type, name, lane;
  std::vector<std::string> sops;  // ids of the SOPs that detail this activity
  std::string map;                // a sub-process: the map that details it
  Bounds bounds;
  /// An activity or sub-process (what SOPs detail), not an event or a gateway.
  bool is_activity() const { return type == kNodeTask || type == kNodeSubProcess; }
};

struct MapPoint {
  double x = 0, y = 0;
};

/// A flow between processes (decomposition) or between nodes (cross-functional).
struct MapFlow {
  std::string id, from, to, name;
  std::vector<MapPoint> waypoints;
};

struct ProcessMap {
  std::string type;  // kMapLevel0, kMapDecomposition, kMapCrossFunctional
  int level = 0;
  std::string number, title, unit, description;
  std::string parent_map, parent_process;  // what this map details (none for level 0)
  std::string created, effective;
  std::string ratified_position, ratified_name, ratified_nip;
  std::vector<std::string> stakeholders, inputs, outputs, outcomes;  // level 0
  std::vector<MapProcess> processes;                                 // level 0 and decomposition
  std::vector<MapLane> lanes;                                        // cross-functional
  std::vector<MapNode> nodes;                                        // cross-functional
  std::vector<MapFlow> flows;  // decomposition and cross-functional

  bool cross_functional() const { return type == kMapCrossFunctional; }

  /// Parses a document valid against map.schema.json (fields it lacks stay empty).
  static ProcessMap from_json(const boost::json::value& v);
  /// The document in the schema's shape, fields in a fixed order, empty ones left out: what
  /// an import saves and what a round trip compares.
  boost::json::object to_json() const;

  const MapProcess* process(std::string_view id) const;
  const MapLane* lane(std::string_view id) const;
  const MapNode* node(std::string_view id) const;
};

/// Everything the rules need beyond the map itself.
struct MapContext {
  const OrgTree& org;
  /// The newest content of map `id` (nullopt: there is no such map).
  std::function<std::optional<ProcessMap>(const std::string& id)> map;
  /// Whether document `id` is a SOP of this instansi (any state).
  std::function<bool(const std::string& id)> sop_exists;
  /// The title of another map (not the one checked) that details process `process` of map
  /// `parent`, or "" when none does.
  std::function<std::string(const std::string& parent, const std::string& process)> other_detailing;
};

/// Every rule (codes map.*), in document order. An empty answer means the map may be submitted.
std::vector<Finding> check_map(const ProcessMap& map, const MapContext& context);

}  // namespace sopan::domain
