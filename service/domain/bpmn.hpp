#pragma once
/// BPMN 2.0 as the maps' interchange (DESIGN §2 "Maps"): every map exports as BPMN 2.0 XML with
/// diagram interchange (bpmndi), so Camunda Modeler, bpmn.io and Bizagi open it laid out; a
/// cross-functional map's file is also what git holds beside its JSON. Links to SOPs, units,
/// positions and maps are attributes in the `sopan` namespace (kSopanNamespace). BPMN written by
/// other tools imports into a cross-functional map; what the map kind does not support is listed,
/// never dropped silently. Parsing uses libxml2 with limits (size, depth, no DTD, so no entity
/// expansion and no external entities).
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

struct BpmnExportNames {
  /// The map that details process `process` of the exported map (level 0 and decomposition):
  /// its id, or "" when none does. A detailed process is a call activity calling that map.
  std::function<std::string(std::string_view process)> detailed_by;
};

/// `map` (document `id`) as BPMN 2.0 XML with bpmndi. Deterministic: the same map gives the same
/// bytes, so export → import → export is stable.
std::string to_bpmn(const ProcessMap& map, std::string_view id, const BpmnExportNames& names = {});

/// Something in an imported file the map kind does not keep (or keeps changed), in words.
struct BpmnUnsupported {
  std::string element;  // the BPMN element's local name, "timerEventDefinition"
  std::string id;       // its id attribute, or ""
  std::string name;     // its name attribute, or ""
  std::string message;  // Indonesian: what happened to it
};

struct BpmnImport {
  /// The cross-functional map read from the file: type lintas_fungsi, title from the
  /// participant or process name, lanes, nodes (with their sopan links) and flows, laid out.
  ProcessMap map;
  std::vector<BpmnUnsupported> unsupported;
};

/// Reads BPMN 2.0 XML. Refused with Errc::kValidation (at pointer "/bpmn", an Indonesian
/// message) when it is not well-formed XML, has a DTD or entity declarations, nests deeper than
/// kMaxBpmnDepth, or is not BPMN 2.0 (root bpmn:definitions in the OMG MODEL namespace) or holds
/// no process; Errc::kTooLarge above kMaxBpmnBytes.
[[nodiscard]] Result<BpmnImport> from_bpmn(std::string_view xml);

}  // namespace sopan::domain
