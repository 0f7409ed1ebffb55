#pragma once
// For the benchmark populators: the generated documents they put in force through the real
// library (git + index), so each populator only chooses how many, where and when.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "common/json.hpp"
#include "domain/org.hpp"
#include "library/document_library.hpp"

namespace sopan::bench {

/// Who drafts and who ratifies the generated documents.
inline const library::Actor kAuthor{"Budi Santoso", "198501012010011001"};
inline const library::Actor kSigner{"Dra. Sri Wahyuni", "197003031995032002"};

/// A minimal SOP of `unit` (number SOP/BENCH/i).
inline std::string bench_sop(int i, const std::string& unit) {
  return "{\n  \"number\": \"SOP/BENCH/" + std::to_string(i) +
         "\",\n  \"title\": \"Pelayanan Administrasi Nomor " + std::to_string(i) +
         "\",\n  \"unit\": \"" + unit + "\"\n}\n";
}

/// A map lane's place: (unit, position), every position of the tree.
inline std::vector<std::pair<std::string, std::string>> lanes_of(const domain::OrgTree& tree) {
  std::vector<std::pair<std::string, std::string>> lanes;
  for (const auto& [id, unit] : tree.units())
    for (const auto& p : unit.positions) lanes.emplace_back(id, p.id);
  return lanes;
}

/// Cross-functional map number 9.i of the unit of lane i: four lanes and ten activities, every
/// third a gap, the others detailed by a SOP of `sops` (ids of SOPs in force).
inline std::string bench_map(int i, const std::vector<std::pair<std::string, std::string>>& lanes,
                             const std::vector<std::string>& sops) {
  namespace json = boost::json;
  const auto n = static_cast<std::size_t>(i);
  const std::string& unit = lanes[n % lanes.size()].first;
  json::array map_lanes, nodes, flows;
  for (std::size_t l = 0; l < 4; ++l)
    map_lanes.push_back(json::object{{"id", "Lane_" + std::to_string(l)},
                                     {"name", "Lajur " + std::to_string(l)},
                                     {"position", lanes[(n + l * 7) % lanes.size()].second}});
  nodes.push_back(
      json::object{{"id", "Start"}, {"type", "mulai"}, {"name", "Mulai"}, {"lane", "Lane_0"}});
  std::string previous = "Start";
  for (std::size_t a = 0; a < 10; ++a) {
    const std::string id = "Task_" + std::to_string(a);
    json::object node{{"id", id},
                      {"type", "aktivitas"},
                      {"name", "Aktivitas " + std::to_string(a) + " peta " + std::to_string(i)},
                      {"lane", "Lane_" + std::to_string(a % 4)}};
    if (a % 3 != 0) node["sops"] = json::array{json::value(sops[(n + a) % sops.size()])};
    nodes.push_back(std::move(node));
    flows.push_back(
        json::object{{"id", "Flow_" + std::to_string(a)}, {"from", previous}, {"to", id}});
    previous = id;
  }
  nodes.push_back(
      json::object{{"id", "End"}, {"type", "selesai"}, {"name", "Selesai"}, {"lane", "Lane_0"}});
  flows.push_back(json::object{{"id", "Flow_end"}, {"from", previous}, {"to", "End"}});
  return json_util::pretty(json::object{{"type", "lintas_fungsi"},
                                        {"level", 2},
                                        {"number", "9." + std::to_string(i)},
                                        {"title", "Peta lintas fungsi bench " + std::to_string(i)},
                                        {"unit", unit},
                                        {"lanes", std::move(map_lanes)},
                                        {"nodes", std::move(nodes)},
                                        {"flows", std::move(flows)}});
}

/// Creates the document and merges its first draft (two commits, dated by the library's clock);
/// answers its id, or "" after printing the error to stderr.
inline std::string put_in_force(library::DocumentLibrary& lib, library::DocKind kind,
                                std::string content) {
  std::string id;
  auto row = lib.create(kind, std::move(content), kAuthor, "Konsep", &id);
  if (!row) return std::cerr << row.error().message << "\n", "";
  auto merged = lib.merge_draft({id, 1, kSigner, "Disahkan", {}});
  if (!merged) return std::cerr << merged.error().message << "\n", "";
  return id;
}

}  // namespace sopan::bench
