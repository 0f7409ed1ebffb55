// BPMN as any tool (or attacker) writes it: the hardened import, then what the server does with
// an imported map — its rules, its diagram, its diff against the empty map, its export. Our own
// export must import again and be byte-stable from then on (export → import → export).
#include <boost/json/object.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "domain/bpmn.hpp"
#include "domain/map.hpp"
#include "domain/map_diff.hpp"
#include "domain/map_svg.hpp"
#include "domain/org.hpp"
#include "fuzz_support.hpp"
#include "library/org_library.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto& app = sopan::fuzz::demo_app();
  static const auto tree = app.org().tree();
  const std::string_view xml(reinterpret_cast<const char*>(data), size);
  auto read = sopan::domain::from_bpmn(xml);
  if (!read) return 0;
  const sopan::domain::ProcessMap& map = read->map;
  sopan::domain::MapContext rules{
      *tree, [](const std::string&) { return std::nullopt; },
      [](const std::string&) { return false; },
      [](const std::string&, const std::string&) { return std::string(); }};
  (void)sopan::domain::check_map(map, rules);
  (void)sopan::domain::render_map_svg(map, {});
  (void)sopan::domain::diff_maps(boost::json::object{}, map.to_json(), {});
  const std::string first = sopan::domain::to_bpmn(map, "01JBENCHFUZZ0000000000000A");
  auto again = sopan::domain::from_bpmn(first);
  if (!again) std::abort();  // our own export must always import
  const std::string second = sopan::domain::to_bpmn(again->map, "01JBENCHFUZZ0000000000000A");
  auto third = sopan::domain::from_bpmn(second);
  if (!third || sopan::domain::to_bpmn(third->map, "01JBENCHFUZZ0000000000000A") != second)
    std::abort();  // byte-stable after the first round
  return 0;
}
