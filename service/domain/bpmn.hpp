#pragma once
/// BPMN 2.0 as the maps' interchange (DESIGN §2 "Maps"): every map exports as BPMN 2.0 XML with
/// diagram interchange (bpmndi), so Camunda Modeler, bpmn.io and Bizagi open it laid out; a
/// cross-functional map's file is also what git holds beside its JSON. Links to SOPs, units,
/// positions and maps are attributes in the `sopan` namespace (kSopanNamespace). BPMN written by
/// other tools imports into a cross-functional map; what the map kind does not support is listed,
/// never dropped silently. Parsing uses libxml2 with limits (size, depth, element count, no DTD,
/// so no entity expansion and no external entities). Both functions are pure and thread safe.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "domain/map.hpp"

namespace sopan::domain {

inline constexpr std::string_view kSopanNamespace = "https://sopan.go.id/schema/bpmn/1";
/// The largest BPMN file an import reads (bytes); larger is Errc::kTooLarge.
inline constexpr std::size_t kMaxBpmnBytes = 4 * 1024 * 1024;
/// The deepest element nesting an import reads.
inline constexpr int kMaxBpmnDepth = 64;
/// The most XML elements an import reads (a 300-node map with full bpmndi has a few thousand).
inline constexpr std::size_t kMaxBpmnElements = 50'000;
/// The longest attribute value (bytes, BPMN or sopan namespace) an import reads; a longer one
/// is hostile (no modeler writes a 4 kB name) and refuses the file. Names longer than the
/// schema allows but under this are shortened and listed.
inline constexpr std::size_t kMaxBpmnAttributeBytes = 4096;
/// At most this many BpmnUnsupported items are listed; the last one then counts the rest.
inline constexpr std::size_t kMaxBpmnUnsupported = 500;

struct BpmnExportNames {
  /// The map that details process `process` of the exported map (level 0 and decomposition):
  /// its id, or "" when none does. A detailed process is a call activity calling that map.
  std::function<std::string(std::string_view process)> detailed_by;
};

/// `map` (document `id`) as BPMN 2.0 XML with bpmndi. Deterministic: the same map gives the same
/// bytes, so export → import → export is stable.
///
/// A cross-functional map is written as it is: one participant (the title) whose process holds
/// a lane per lane, a node per node (a sub-process is a call activity, see bpmn.cpp) and a
/// sequence flow per flow whose ends exist. When every lane and node has bounds the diagram is
/// the map's; otherwise the whole diagram is laid out automatically (lanes stacked, nodes left
/// to right by their distance from the start). Flows without waypoints are routed orthogonally.
/// The output passes bpmnlint's recommended rules when the map itself is sound BPMN: one start
/// event, every non-start node with an incoming flow and every non-end node with an outgoing
/// one, names on lanes, activities, events and splitting exclusive gateways, splits and joins
/// through gateways (an activity or event has at most one incoming and one outgoing flow, a
/// gateway does not both split and join nor merely pass one flow on), flow names only on the
/// branches of an exclusive gateway, unique ids and no overlapping shapes.
///
/// Level 0 and decomposition maps are synthesised into such a process (always lint clean): a
/// lane per band (manajemen, utama, pendukung), a call activity per process, the map's flows
/// (decomposition) or each band's processes chained (level 0, or a decomposition without
/// flows), one start and one end event and parallel gateways wherever flows split or join.
std::string to_bpmn(const ProcessMap& map, std::string_view id, const BpmnExportNames& names = {});

/// Something in an imported file the map kind does not keep (or keeps changed), in words.
struct BpmnUnsupported {
  std::string element;  // the BPMN element's local name: "intermediateCatchEvent", "userTask"
  std::string id;       // its id attribute (or its parent's, for a child without id), or ""
  std::string name;     // its name attribute (a text annotation: its text), or ""
  std::string message;  // Indonesian: what happened to it
};

struct BpmnImport {
  /// The cross-functional map read from the file: type lintas_fungsi, title from the
  /// participant or process name, lanes, nodes (with their sopan links) and flows, laid out
  /// (every lane and node has bounds, every flow waypoints).
  ProcessMap map;
  std::vector<BpmnUnsupported> unsupported;
};

/// Reads BPMN 2.0 XML. Refused with Errc::kValidation (at pointer "/bpmn", an Indonesian
/// message) when it is empty or not well-formed XML, has a DTD or entity declarations, nests
/// deeper than kMaxBpmnDepth, holds more than kMaxBpmnElements elements or an attribute longer
/// than kMaxBpmnAttributeBytes, is not BPMN 2.0 (root definitions in the OMG MODEL namespace)
/// or holds no process; Errc::kTooLarge above kMaxBpmnBytes (checked before parsing).
///
/// Reads the process of the first participant (or the first process) that has flow nodes.
/// What is kept, changed or dropped is listed in `unsupported`: every element and attribute
/// that the map kind cannot hold (foreign-namespace attributes such as camunda:* included);
/// diagram details that are derived again on export (label positions, colours) are not.
/// Importing a level-0 or decomposition export gives a cross-functional map of its synthesised
/// process (listed as such), not the level map back.
[[nodiscard]] Result<BpmnImport> from_bpmn(std::string_view xml);

}  // namespace sopan::domain
