#pragma once
/// Diagrams of level-0 and decomposition maps as SVG (DOMAIN §2): level 0 with the management
/// band on top, the core processes as a chain of chevrons, the support band below, stakeholders
/// and inputs on the left, outputs and outcomes on the right; a decomposition map as its
/// processes in category bands with their flows. Each process is a `<g class="process"
/// data-process="<id>" data-map="<detailing map id, when one does>">`, the browser's drill-down
/// targets; a sub-process of a cross-functional overview likewise. Every text is escaped
/// (common/xml.hpp); the SVG carries no script.
#include <functional>
#include <string>
#include <string_view>

#include "domain/map.hpp"

namespace sopan::domain {

struct MapSvgNames {
  /// A unit's name by id ("" when unknown).
  std::function<std::string(std::string_view unit)> unit;
  /// The map that details process `process`: its id, or "" (the process is drawn as not yet
  /// detailed).
  std::function<std::string(std::string_view process)> detailed_by;
};

/// Level 0 or decomposition; a cross-functional map is drawn by bpmn-js in the browser, so this
/// answers a plain overview of its lanes and nodes from their bounds.
std::string render_map_svg(const ProcessMap& map, const MapSvgNames& names);

}  // namespace sopan::domain
