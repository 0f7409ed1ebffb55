// Fills a data directory for tests/bench/coverage.sh: the demo instansi, then through the real
// library (git + index) N cross-functional maps in force across the demo OPDs, each with four
// lanes and ten activities linked to the demo SOPs in force. Prints nothing but errors.
//   maps_populate DATA_DIR N_MAPS
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <iostream>
#include <string>

#include "common/json.hpp"
#include "demo_library.hpp"
#include "library/document_library.hpp"
#include "library/org_library.hpp"

using namespace sopan::library;
namespace json = boost::json;

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: maps_populate DATA_DIR N_MAPS\n";
    return 2;
  }
  std::string data = argv[1];
  const int n_maps = std::stoi(argv[2]);
  auto demo = sopan::bench::open_demo(data);
  if (!demo) return 1;
  auto& lib = demo->lib;
  auto& org = demo->org;
  auto tree = org->tree();
  ListFilter in_force;
  in_force.kind = DocKind::kSop;
  in_force.status = "berlaku";
  auto sops = lib->list(in_force);
  if (!sops || sops->empty()) return std::cerr << "no SOPs in force\n", 1;
  std::vector<std::pair<std::string, std::string>> lanes;  // unit, position
  for (const auto& [id, unit] : tree->units())
    for (const auto& p : unit.positions) lanes.emplace_back(id, p.id);
  const Actor author{"Budi Santoso", "198501012010011001"};
  const Actor signer{"Dra. Sri Wahyuni", "197003031995032002"};
  for (int i = 0; i < n_maps; ++i) {
    const std::string& unit = lanes[static_cast<std::size_t>(i) % lanes.size()].first;
    json::array map_lanes, nodes, flows;
    for (int l = 0; l < 4; ++l) {
      const auto& lane =
          lanes[(static_cast<std::size_t>(i) + static_cast<std::size_t>(l) * 7) % lanes.size()];
      map_lanes.push_back(json::object{{"id", "Lane_" + std::to_string(l)},
                                       {"name", "Lajur " + std::to_string(l)},
                                       {"position", lane.second}});
    }
    nodes.push_back(
        json::object{{"id", "Start"}, {"type", "mulai"}, {"name", "Mulai"}, {"lane", "Lane_0"}});
    std::string previous = "Start";
    for (int a = 0; a < 10; ++a) {
      const std::string id = "Task_" + std::to_string(a);
      json::object node{{"id", id},
                        {"type", "aktivitas"},
                        {"name", "Aktivitas " + std::to_string(a) + " peta " + std::to_string(i)},
                        {"lane", "Lane_" + std::to_string(a % 4)}};
      // Most activities are detailed by a SOP; every third is a gap.
      if (a % 3 != 0)
        node["sops"] =
            json::array{json::value((*sops)[static_cast<std::size_t>(i + a) % sops->size()].id)};
      nodes.push_back(std::move(node));
      flows.push_back(
          json::object{{"id", "Flow_" + std::to_string(a)}, {"from", previous}, {"to", id}});
      previous = id;
    }
    nodes.push_back(
        json::object{{"id", "End"}, {"type", "selesai"}, {"name", "Selesai"}, {"lane", "Lane_0"}});
    flows.push_back(json::object{{"id", "Flow_end"}, {"from", previous}, {"to", "End"}});
    json::object doc{{"type", "lintas_fungsi"},
                     {"level", 2},
                     {"number", "9." + std::to_string(i)},
                     {"title", "Peta lintas fungsi bench " + std::to_string(i)},
                     {"unit", unit},
                     {"lanes", std::move(map_lanes)},
                     {"nodes", std::move(nodes)},
                     {"flows", std::move(flows)}};
    std::string id;
    auto row = lib->create(DocKind::kMap, sopan::json_util::pretty(doc), author, "Konsep", &id);
    if (!row) return std::cerr << row.error().message << "\n", 1;
    auto merged = lib->merge_draft({id, 1, signer, "Disahkan", {}});
    if (!merged) return std::cerr << merged.error().message << "\n", 1;
  }
}
