#pragma once
/// Diagrams of maps as SVG (DOMAIN §2). Level 0: the title, the management band (Manajemen) on
/// top, the core processes (Utama) as a chain of chevrons in code order, the support band
/// (Pendukung) below; stakeholders and inputs in a column on the left, outputs and outcomes on the
/// right (the chain stands for level 0's flows). A decomposition map: its processes in category
/// bands, with arrows for its flows. A cross-functional map (drawn by bpmn-js in the browser): a
/// plain overview of its lanes, nodes and flows from their diagram bounds.
///
/// The browser's drill-down targets: each process is a `<g class="process" data-process="<id>"
/// data-map="<id of the map detailing it>">` (data-map only when `detailed_by` answers one; a
/// cross-functional sub-process takes its own `map`), with a `<title>` of its code and name;
/// a detailed process is drawn solid and marked "⊞", one not yet detailed dashed. Bands are
/// `<g class="band" data-category="...">`, flows `<g class="flow" data-flow="<id>">`, other
/// cross-functional nodes `<g class="element" data-node="<id>">`. Every text is escaped
/// (common/xml.hpp) and cut to a few lines (the full name stays in the `<title>`); the SVG has no
/// script and no external reference; the viewBox is the drawing's extent. Deterministic; pure.
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

/// Any map type; either function of `names` may be empty.
std::string render_map_svg(const ProcessMap& map, const MapSvgNames& names);

}  // namespace sopan::domain
