#include "domain/map.hpp"
// The header under test: check_map is declared with the map model.

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <map>
#include <random>
#include <set>

#include "common/ids.hpp"
#include "common/text.hpp"
#include "domain/org.hpp"

namespace sopan::domain {
namespace {
namespace json = boost::json;

using Found = std::set<std::pair<std::string, std::string>>;

/// A real org tree (an open dinas with two positions, a closed bagian with one) and a valid chain
/// of maps: level 0 → the decomposition of its core process 2 → the cross-functional map of
/// process 2.2, whose activities are detailed by two SOPs.
class MapRulesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Unit root{new_id(), "0", "pemda", "Kabupaten Uji", "", "", {}, std::nullopt};
    Unit dinas{new_id(), "2", "dinas", "Dinas Penanaman Modal", root.id, "", {}, std::nullopt};
    kepala = new_id();
    staf = new_id();
    dinas.positions = {{kepala, "2-01", "Kepala Dinas", "jpt", "II.b"},
                       {staf, "2-02", "Pengadministrasi Perizinan", "pelaksana", ""}};
    Unit lama{new_id(), "3", "bagian", "Bagian Lama", root.id, "", {}, std::nullopt};
    arsiparis = new_id();
    lama.positions = {{arsiparis, "3-01", "Arsiparis", "fungsional", ""}};
    lama.closed = Closure{"2025-12-31", "Digabung", {dinas.id}};
    instansi = root.id;
    unit = dinas.id;
    closed_unit = lama.id;
    auto t = OrgTree::build({root, dinas, lama});
    ASSERT_TRUE(t.has_value());
    tree = std::move(*t);

    l0_id = new_id();
    d_id = new_id();
    sop1 = new_id();
    sop2 = new_id();
    sops = {sop1, sop2};
    level0 = json::parse(R"({
      "type": "level0", "level": 0, "title": "Peta Proses Bisnis Kabupaten Uji",
      "unit": ")" + instansi +
                         R"(",
      "stakeholders": ["Masyarakat", "Pelaku usaha"], "inputs": ["Kebutuhan layanan"],
      "outputs": ["Izin terbit"], "outcomes": ["Iklim investasi membaik"],
      "processes": [
        {"id": "P1", "code": "1", "name": "Perencanaan", "category": "manajemen",
         "unit": ")" + unit +
                         R"("},
        {"id": "P2", "code": "2", "name": "Pelayanan Perizinan", "category": "utama"},
        {"id": "P3", "code": "3", "name": "Pengelolaan Keuangan", "category": "pendukung"}]})");
    decomposition = json::parse(R"({
      "type": "dekomposisi", "level": 1, "number": "2", "title": "Pelayanan Perizinan",
      "unit": ")" + unit + R"(", "parent": {"map": ")" +
                                l0_id + R"(", "process": "P2"},
      "processes": [
        {"id": "P21", "code": "2.1", "name": "Penerimaan Permohonan", "category": "utama",
         "unit": ")" + unit + R"("},
        {"id": "P22", "code": "2.2", "name": "Penerbitan Izin", "category": "utama"},
        {"id": "P23", "code": "2.3", "name": "Pemantauan", "category": "manajemen"}],
      "flows": [{"id": "F1", "from": "P21", "to": "P22"}]})");
    cross = json::parse(R"({
      "type": "lintas_fungsi", "level": 2, "number": "2.2", "title": "Penerbitan Izin Usaha",
      "unit": ")" + unit +
                        R"(", "parent": {"map": ")" + d_id + R"(", "process": "P22"},
      "lanes": [
        {"id": "L_pemohon", "name": "Pemohon"},
        {"id": "L_staf", "name": "Pengadministrasi", "unit": ")" +
                        unit + R"(",
         "position": ")" +
                        staf + R"("},
        {"id": "L_kepala", "name": "Kepala Dinas", "position": ")" +
                        kepala + R"("}],
      "nodes": [
        {"id": "S", "type": "mulai", "name": "Permohonan masuk", "lane": "L_pemohon"},
        {"id": "A1", "type": "aktivitas", "name": "Mengajukan permohonan", "lane": "L_pemohon"},
        {"id": "A2", "type": "aktivitas", "name": "Memeriksa berkas", "lane": "L_staf",
         "sops": [")" + sop1 +
                        R"("]},
        {"id": "G1", "type": "gerbang_xor", "name": "Lengkap?", "lane": "L_staf"},
        {"id": "A3", "type": "aktivitas", "name": "Menandatangani izin", "lane": "L_kepala",
         "sops": [")" + sop2 +
                        R"("]},
        {"id": "SP", "type": "subproses", "name": "Mengarsipkan", "lane": "L_staf"},
        {"id": "E", "type": "selesai", "name": "Izin diterima", "lane": "L_pemohon"},
        {"id": "G0", "type": "gerbang_xor", "lane": "L_pemohon"}],
      "flows": [
        {"id": "F1", "from": "S", "to": "G0"}, {"id": "F2", "from": "A1", "to": "A2"},
        {"id": "F3", "from": "A2", "to": "G1"},
        {"id": "F4", "from": "G1", "to": "A3", "name": "Ya"},
        {"id": "F5", "from": "G1", "to": "G0", "name": "Tidak"},
        {"id": "F6", "from": "A3", "to": "SP"}, {"id": "F7", "from": "SP", "to": "E"},
        {"id": "F8", "from": "G0", "to": "A1"}]})");
    maps[l0_id] = ProcessMap::from_json(level0);
    maps[d_id] = ProcessMap::from_json(decomposition);
  }

  MapContext context() {
    return MapContext{tree,
                      [this](const std::string& id) -> std::optional<ProcessMap> {
                        auto it = maps.find(id);
                        if (it == maps.end()) return std::nullopt;
                        return it->second;
                      },
                      [this](const std::string& id) { return sops.count(id) > 0; },
                      [this](const std::string& parent, const std::string& process) {
                        auto it = detailing.find({parent, process});
                        return it == detailing.end() ? std::string() : it->second;
                      }};
  }

  std::vector<Finding> findings(const json::value& d) {
    MapContext ctx = context();
    return check_map(ProcessMap::from_json(d), ctx);
  }

  /// The codes and paths the rules report for `d`.
  Found check(const json::value& d) {
    Found out;
    for (const auto& f : findings(d)) {
      EXPECT_FALSE(f.message.empty()) << f.code;
      out.emplace(f.code, f.path);
    }
    return out;
  }

  static json::object& item(json::value& d, std::string_view collection, std::size_t i) {
    return d.at(collection).as_array()[i].as_object();
  }

  std::string instansi, unit, closed_unit, kepala, staf, arsiparis;
  std::string l0_id, d_id, sop1, sop2;
  OrgTree tree;
  json::value level0, decomposition, cross;
  std::map<std::string, ProcessMap> maps;
  std::set<std::string> sops;
  std::map<std::pair<std::string, std::string>, std::string> detailing;
};

TEST_F(MapRulesTest, TheValidChainHasNoFindings) {
  EXPECT_EQ(check(level0), Found{});
  EXPECT_EQ(check(decomposition), Found{});
  EXPECT_EQ(check(cross), Found{});
}

TEST_F(MapRulesTest, DocumentRules) {
  {
    json::value d = level0;
    d.as_object()["type"] = "peta";
    EXPECT_EQ(check(d), (Found{{"map.type.unknown", "/type"}}));
  }
  {
    json::value d = level0;
    d.as_object()["title"] = "   ";
    EXPECT_EQ(check(d), (Found{{"map.title.missing", "/title"}}));
  }
  {
    json::value d = level0;
    d.as_object()["unit"] = "";
    EXPECT_EQ(check(d), (Found{{"map.unit.missing", "/unit"}}));
    d.as_object()["unit"] = new_id();
    EXPECT_EQ(check(d), (Found{{"map.unit.unknown", "/unit"}}));
    d.as_object()["unit"] = closed_unit;
    EXPECT_EQ(check(d), (Found{{"map.unit.closed", "/unit"}}));
  }
  {
    json::value d = level0;  // elements of another map type
    d.as_object()["lanes"] = cross.at("lanes");
    d.as_object()["nodes"] = cross.at("nodes");
    EXPECT_EQ(check(d),
              (Found{{"map.lanes.unexpected", "/lanes"}, {"map.nodes.unexpected", "/nodes"}}));
    json::value x = cross;
    x.as_object()["processes"] = decomposition.at("processes");
    EXPECT_EQ(check(x), (Found{{"map.processes.unexpected", "/processes"}}));
  }
}

TEST_F(MapRulesTest, LevelZeroRules) {
  {
    json::value d = level0;
    d.as_object()["level"] = 1;
    d.as_object()["number"] = "1";
    d.as_object()["parent"] = json::object{{"map", d_id}, {"process", "P22"}};
    EXPECT_EQ(check(d), (Found{{"map.level.mismatch", "/level"},
                               {"map.number.unexpected", "/number"},
                               {"map.parent.unexpected", "/parent"}}));
  }
  {
    json::value d = level0;
    d.as_object().erase("stakeholders");
    d.as_object()["outputs"] = json::array{" "};
    d.as_object()["inputs"] = json::array{"Kebutuhan layanan", "Data", "Kebutuhan layanan"};
    EXPECT_EQ(check(d), (Found{{"map.level0.stakeholders_missing", "/stakeholders"},
                               {"map.level0.outputs_missing", "/outputs"},
                               {"map.list.blank", "/outputs/0"},
                               {"map.list.duplicate", "/inputs/2"}}));
  }
  {
    json::value d = level0;
    item(d, "processes", 1)["category"] = "pendukung";
    EXPECT_EQ(check(d), (Found{{"map.level0.core_missing", "/processes"}}));
  }
  {
    json::value d = level0;
    d.as_object()["processes"] = json::array{};
    EXPECT_EQ(check(d), (Found{{"map.level0.core_missing", "/processes"},
                               {"map.processes.missing", "/processes"}}));
  }
}

TEST_F(MapRulesTest, ProcessRules) {
  {
    json::value d = level0;
    item(d, "processes", 0)["code"] = "1.1";  // level 0 codes are one segment
    item(d, "processes", 1)["code"] = "01";
    item(d, "processes", 2)["code"] = "";
    EXPECT_EQ(check(d), (Found{{"map.process.code", "/processes/0/code"},
                               {"map.process.code", "/processes/1/code"},
                               {"map.process.code_missing", "/processes/2/code"}}));
  }
  {
    json::value d = level0;
    item(d, "processes", 2)["code"] = "2";
    EXPECT_EQ(check(d), (Found{{"map.process.code_duplicate", "/processes/2/code"}}));
  }
  {
    json::value d = decomposition;  // the map's number and one more segment
    item(d, "processes", 0)["code"] = "3.1";
    item(d, "processes", 1)["code"] = "2.2.1";
    item(d, "processes", 2)["code"] = "2.";
    EXPECT_EQ(check(d), (Found{{"map.process.code", "/processes/0/code"},
                               {"map.process.code", "/processes/1/code"},
                               {"map.process.code", "/processes/2/code"}}));
  }
  {
    json::value d = decomposition;
    item(d, "processes", 0)["name"] = " ";
    item(d, "processes", 1).erase("category");
    item(d, "processes", 2)["category"] = "inti";
    EXPECT_EQ(check(d), (Found{{"map.process.name_missing", "/processes/0/name"},
                               {"map.process.category_missing", "/processes/1/category"},
                               {"map.process.category_unknown", "/processes/2/category"}}));
  }
  {
    json::value d = decomposition;
    item(d, "processes", 0)["unit"] = new_id();
    item(d, "processes", 1)["unit"] = closed_unit;
    EXPECT_EQ(check(d), (Found{{"map.process.unit_unknown", "/processes/0/unit"},
                               {"map.process.unit_closed", "/processes/1/unit"}}));
  }
  {
    json::value d = decomposition;  // flows between processes of this map
    d.at("flows").as_array() =
        json::array{json::object{{"id", "F1"}, {"from", "P21"}, {"to", "P99"}},
                    json::object{{"id", "F2"}, {"from", ""}, {"to", "P22"}},
                    json::object{{"id", "F3"}, {"from", "P22"}, {"to", "P22"}},
                    json::object{{"id", "F4"}, {"from", "P21"}, {"to", "P22"}},
                    json::object{{"id", "F5"}, {"from", "P21"}, {"to", "P22"}}};
    EXPECT_EQ(check(d), (Found{{"map.flow.dangling", "/flows/0/to"},
                               {"map.flow.endpoint_missing", "/flows/1/from"},
                               {"map.flow.self_loop", "/flows/2/to"},
                               {"map.flow.duplicate", "/flows/4"}}));
  }
}

TEST_F(MapRulesTest, ParentRules) {
  {
    json::value d = decomposition;
    d.as_object().erase("parent");
    EXPECT_EQ(check(d), (Found{{"map.parent.missing", "/parent/map"}}));
  }
  {
    json::value d = decomposition;  // an id in the form of a path: just not a map
    d.at("parent").as_object()["map"] = "../../maps/" + l0_id;
    EXPECT_EQ(check(d), (Found{{"map.parent.unknown", "/parent/map"}}));
  }
  {
    json::value d = decomposition;
    d.as_object()["level"] = 2;
    EXPECT_EQ(check(d), (Found{{"map.level.mismatch", "/level"}}));
    d.as_object().erase("parent");
    d.as_object()["level"] = 0;
    EXPECT_EQ(check(d),
              (Found{{"map.level.mismatch", "/level"}, {"map.parent.missing", "/parent/map"}}));
  }
  {
    json::value d = decomposition;
    d.at("parent").as_object()["process"] = "";
    EXPECT_EQ(check(d), (Found{{"map.parent.process_missing", "/parent/process"}}));
    d.at("parent").as_object()["process"] = "P9";
    EXPECT_EQ(check(d), (Found{{"map.parent.process_unknown", "/parent/process"}}));
  }
  {
    json::value d = decomposition;
    d.as_object()["number"] = "3";
    EXPECT_EQ(check(d), (Found{{"map.number.parent", "/number"},
                               {"map.process.code", "/processes/0/code"},
                               {"map.process.code", "/processes/1/code"},
                               {"map.process.code", "/processes/2/code"}}));
    d.as_object().erase("number");
    EXPECT_EQ(check(d), (Found{{"map.number.missing", "/number"}}));
    auto found = findings(d);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_NE(found[0].message.find("2"), std::string::npos) << found[0].message;
  }
  {
    json::value d = decomposition;
    detailing[{l0_id, "P2"}] = "Pelayanan Perizinan (versi lama)";
    auto found = findings(d);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].code, "map.parent.detailed_twice");
    EXPECT_EQ(found[0].path, "/parent/process");
    EXPECT_NE(found[0].message.find("versi lama"), std::string::npos);
  }
  {
    maps["X"] = ProcessMap::from_json(cross);  // a cross-functional map details into SOPs
    json::value d = decomposition;
    d.at("parent").as_object()["map"] = "X";
    d.at("parent").as_object()["process"] = "A1";
    Found found = check(d);
    EXPECT_TRUE(found.count({"map.parent.type", "/parent/map"}));
    EXPECT_TRUE(found.count({"map.parent.process_unknown", "/parent/process"}));
  }
  {
    json::value x = cross;  // the cross-functional map's parent is the decomposition
    x.as_object()["level"] = 1;
    x.as_object()["number"] = "2.1";
    EXPECT_EQ(check(x),
              (Found{{"map.level.mismatch", "/level"}, {"map.number.parent", "/number"}}));
  }
}

TEST_F(MapRulesTest, LaneRules) {
  {
    json::value x = cross;
    x.as_object()["lanes"] = json::array{};
    Found found = check(x);
    EXPECT_TRUE(found.count({"map.lanes.missing", "/lanes"}));
    EXPECT_TRUE(found.count({"map.node.lane_unknown", "/nodes/0/lane"}));
  }
  {
    json::value x = cross;
    item(x, "lanes", 0)["name"] = "";
    item(x, "lanes", 1)["unit"] = new_id();
    item(x, "lanes", 2)["position"] = new_id();
    EXPECT_EQ(check(x), (Found{{"map.lane.name_missing", "/lanes/0/name"},
                               {"map.lane.unit_unknown", "/lanes/1/unit"},
                               {"map.lane.position_unknown", "/lanes/2/position"}}));
  }
  {
    json::value x = cross;
    item(x, "lanes", 1)["unit"] = closed_unit;
    item(x, "lanes", 2)["position"] = arsiparis;
    EXPECT_EQ(check(x), (Found{{"map.lane.unit_closed", "/lanes/1/unit"},
                               {"map.lane.position_unit", "/lanes/1/position"},
                               {"map.lane.position_closed", "/lanes/2/position"}}));
  }
  {
    json::value x = cross;  // a position of another unit than the lane's
    item(x, "lanes", 1)["unit"] = instansi;
    EXPECT_EQ(check(x), (Found{{"map.lane.position_unit", "/lanes/1/position"}}));
  }
}

TEST_F(MapRulesTest, NodeRules) {
  {
    json::value x = cross;
    item(x, "nodes", 1)["lane"] = "";
    item(x, "nodes", 3)["lane"] = "L_luar";
    item(x, "nodes", 2)["name"] = "\t";
    EXPECT_EQ(check(x), (Found{{"map.node.lane_missing", "/nodes/1/lane"},
                               {"map.node.name_missing", "/nodes/2/name"},
                               {"map.node.lane_unknown", "/nodes/3/lane"}}));
  }
  {
    json::value x = cross;
    item(x, "nodes", 2)["sops"] = json::array{sop1, new_id(), sop1, ""};
    item(x, "nodes", 3)["sops"] = json::array{sop2};
    EXPECT_EQ(check(x), (Found{{"map.node.sop_unknown", "/nodes/2/sops/1"},
                               {"map.node.sop_duplicate", "/nodes/2/sops/2"},
                               {"map.node.sop_unknown", "/nodes/2/sops/3"},
                               {"map.node.sop_unexpected", "/nodes/3/sops"}}));
  }
  {
    json::value x = cross;
    item(x, "nodes", 1)["map"] = d_id;  // only a sub-process is detailed by a map
    item(x, "nodes", 5)["map"] = new_id();
    EXPECT_EQ(check(x), (Found{{"map.node.map_unexpected", "/nodes/1/map"},
                               {"map.node.map_unknown", "/nodes/5/map"}}));
    item(x, "nodes", 5)["map"] = l0_id;
    EXPECT_EQ(check(x), (Found{{"map.node.map_unexpected", "/nodes/1/map"},
                               {"map.node.map_level0", "/nodes/5/map"}}));
  }
  {
    json::value x = cross;  // two sub-processes detailed by one map
    item(x, "nodes", 1)["type"] = "subproses";
    item(x, "nodes", 1)["map"] = d_id;
    item(x, "nodes", 5)["map"] = d_id;
    EXPECT_EQ(check(x), (Found{{"map.node.map_duplicate", "/nodes/5/map"}}));
  }
  {
    json::value x = cross;
    item(x, "nodes", 3)["type"] = "gerbang_inklusif";
    EXPECT_TRUE(check(x).count({"map.node.type_unknown", "/nodes/3/type"}));
  }
  {
    json::value x = cross;  // no start, no end, no activity
    for (auto& n : x.at("nodes").as_array()) n.as_object()["type"] = "gerbang_paralel";
    Found found = check(x);
    EXPECT_TRUE(found.count({"map.nodes.start_missing", "/nodes"}));
    EXPECT_TRUE(found.count({"map.nodes.end_missing", "/nodes"}));
    EXPECT_TRUE(found.count({"map.nodes.activity_missing", "/nodes"}));
    EXPECT_TRUE(found.count({"map.node.unreachable", "/nodes/0"}));
  }
}

TEST_F(MapRulesTest, FlowRules) {
  {
    json::value x = cross;
    item(x, "flows", 1)["to"] = "A9";  // A1 → nowhere: A2 and beyond unreached
    Found found = check(x);
    EXPECT_TRUE(found.count({"map.flow.dangling", "/flows/1/to"}));
    EXPECT_TRUE(found.count({"map.node.no_way_to_end", "/nodes/1"}));
  }
  {
    json::value x = cross;
    item(x, "flows", 0)["from"] = "";
    Found found = check(x);
    EXPECT_TRUE(found.count({"map.flow.endpoint_missing", "/flows/0/from"}));
    EXPECT_TRUE(found.count({"map.node.no_way_to_end", "/nodes/0"}));
  }
  {
    json::value x = cross;
    auto& flows = x.at("flows").as_array();
    flows.push_back(json::object{{"id", "F18"}, {"from", "E"}, {"to", "A1"}});
    flows.push_back(json::object{{"id", "F19"}, {"from", "A2"}, {"to", "S"}});
    flows.push_back(json::object{{"id", "F20"}, {"from", "A3"}, {"to", "A3"}});
    flows.push_back(json::object{{"id", "F21"}, {"from", "A1"}, {"to", "A2"}});
    // Each extra flow also makes its ends split or join without a gateway.
    EXPECT_EQ(check(x), (Found{{"map.flow.from_end", "/flows/8/from"},
                               {"map.flow.into_start", "/flows/9/to"},
                               {"map.flow.self_loop", "/flows/10/to"},
                               {"map.flow.duplicate", "/flows/11"},
                               {"map.node.implicit_join", "/nodes/1"},
                               {"map.node.implicit_join", "/nodes/2"},
                               {"map.node.implicit_join", "/nodes/4"},
                               {"map.node.implicit_split", "/nodes/1"},
                               {"map.node.implicit_split", "/nodes/2"},
                               {"map.node.implicit_split", "/nodes/4"}}));
  }
  {
    json::value x = cross;
    item(x, "flows", 3).erase("name");
    item(x, "flows", 4)["name"] = " ";
    EXPECT_EQ(check(x), (Found{{"map.flow.label_missing", "/flows/3/name"},
                               {"map.flow.label_missing", "/flows/4/name"}}));
    item(x, "flows", 3)["name"] = "Tidak";
    item(x, "flows", 4)["name"] = "Tidak";
    EXPECT_EQ(check(x), (Found{{"map.flow.label_duplicate", "/flows/4/name"}}));
  }
  {
    json::value x = cross;  // one way out of a gateway needs no label, and no gateway
    x.at("flows").as_array().erase(x.at("flows").as_array().begin() + 4);
    item(x, "flows", 3).erase("name");
    EXPECT_EQ(check(x), (Found{{"map.gateway.superfluous", "/nodes/3"},
                               {"map.gateway.superfluous", "/nodes/7"}}));
  }
  {
    json::value x = cross;  // SP → A3 instead of E: A3 and SP loop forever, E is unreached
    item(x, "flows", 6)["to"] = "A3";
    EXPECT_EQ(check(x), (Found{{"map.node.no_way_to_end", "/nodes/0"},
                               {"map.node.no_way_to_end", "/nodes/1"},
                               {"map.node.no_way_to_end", "/nodes/2"},
                               {"map.node.no_way_to_end", "/nodes/3"},
                               {"map.node.no_way_to_end", "/nodes/4"},
                               {"map.node.no_way_to_end", "/nodes/5"},
                               {"map.node.no_way_to_end", "/nodes/7"},
                               {"map.node.unreachable", "/nodes/6"},
                               {"map.node.implicit_join", "/nodes/4"}}));
  }
  {
    json::value x = cross;  // a node no flow touches
    x.at("nodes").as_array().push_back(
        json::object{{"id", "A4"}, {"type", "aktivitas"}, {"name", "Terlupa"}, {"lane", "L_staf"}});
    EXPECT_EQ(check(x), (Found{{"map.node.unreachable", "/nodes/8"}}));
  }
}

// What a sound BPMN process needs (bpmnlint's recommended rules pass on its export).
TEST_F(MapRulesTest, SplitsAndJoinsGoThroughGatewaysAndShapesDoNotOverlap) {
  json::value x = cross;
  item(x, "flows", 4)["to"] = "A1";  // Tidak → A1 straight: A1 joins without a gateway
  item(x, "nodes", 0)["name"] = "";  // a start event says what starts the process
  x.at("nodes").as_array().push_back(
      json::object{{"id", "S2"}, {"type", "mulai"}, {"name", "Lagi"}, {"lane", "L_staf"}});
  x.at("flows").as_array().push_back(json::object{{"id", "F9"}, {"from", "S2"}, {"to", "A2"}});
  item(x, "nodes", 3)["name"] = "";  // a splitting exclusive gateway asks its question
  for (std::size_t i : {1u, 2u}) {
    auto& n = item(x, "nodes", i);
    n["x"] = 100;
    n["y"] = 100;
    n["width"] = 120;
    n["height"] = 80;
  }
  Found found = check(x);
  EXPECT_TRUE(found.count({"map.node.implicit_join", "/nodes/1"}));
  EXPECT_TRUE(found.count({"map.node.implicit_join", "/nodes/2"}));
  EXPECT_TRUE(found.count({"map.node.event_name_missing", "/nodes/0/name"}));
  EXPECT_TRUE(found.count({"map.nodes.start_multiple", "/nodes/8"}));
  EXPECT_TRUE(found.count({"map.gateway.name_missing", "/nodes/3/name"}));
  EXPECT_TRUE(found.count({"map.gateway.superfluous", "/nodes/7"}));  // G0 passes S on alone
  EXPECT_TRUE(found.count({"map.node.overlap", "/nodes/2"}));
  json::value y = cross;  // a gateway both joining and splitting
  y.at("flows").as_array().push_back(json::object{{"id", "F9"}, {"from", "G0"}, {"to", "A2"}});
  EXPECT_TRUE(check(y).count({"map.gateway.join_fork", "/nodes/7"}));
}

TEST_F(MapRulesTest, ElementIdsAreUniqueAcrossCollections) {
  json::value x = cross;
  item(x, "lanes", 2)["id"] = "A1";  // a lane and an activity: one BPMN id
  item(x, "flows", 6)["id"] = "F1";
  x.at("nodes").as_array().push_back(
      json::object{{"id", "1-bad"}, {"type", "selesai"}, {"lane", "L_staf"}});
  Found found = check(x);
  EXPECT_TRUE(found.count({"map.element.duplicate", "/nodes/1/id"}));  // the lane came first
  EXPECT_TRUE(found.count({"map.element.duplicate", "/flows/6/id"}));
  EXPECT_TRUE(found.count({"map.element.id_invalid", "/nodes/8/id"}));
  for (const auto& f : findings(x))
    if (f.path == "/flows/6/id") {
      EXPECT_NE(f.message.find("/flows/0/id"), std::string::npos);
    }
}

TEST_F(MapRulesTest, FindingsComeInDocumentOrder) {
  json::value x = cross;
  x.as_object()["title"] = "";
  item(x, "flows", 2)["to"] = "Q";
  item(x, "nodes", 1)["lane"] = "";
  item(x, "lanes", 0)["name"] = "";
  x.as_object()["number"] = "9";
  auto found = findings(x);
  std::vector<std::string> paths;
  for (const auto& f : found) paths.push_back(f.path);
  // A2 → Q leaves S, A1, A2 and G0 with no way to the end, and G1 onwards unreached.
  EXPECT_EQ(paths, (std::vector<std::string>{"/number", "/title", "/lanes/0/name", "/nodes/0",
                                             "/nodes/1/lane", "/nodes/1", "/nodes/2", "/nodes/3",
                                             "/nodes/4", "/nodes/5", "/nodes/6", "/nodes/7",
                                             "/flows/2/to"}));
  // Element indexes compare as numbers: /nodes/10 after /nodes/9.
  json::value y = cross;
  for (int i = 0; i < 5; ++i)
    y.at("nodes").as_array().push_back(json::object{{"id", "Z" + std::to_string(i)},
                                                    {"type", "aktivitas"},
                                                    {"name", "Tambahan"},
                                                    {"lane", "L_staf"}});
  std::vector<std::string> unreached;
  for (const auto& f : findings(y)) unreached.push_back(f.path);
  EXPECT_EQ(unreached, (std::vector<std::string>{"/nodes/8", "/nodes/9", "/nodes/10", "/nodes/11",
                                                 "/nodes/12"}));
}

TEST_F(MapRulesTest, AMissingContextSkipsWhatItCannotKnow) {
  MapContext bare{tree, {}, {}, {}};
  EXPECT_TRUE(check_map(ProcessMap::from_json(cross), bare).empty());
  EXPECT_TRUE(check_map(ProcessMap::from_json(decomposition), bare).empty());
  ProcessMap empty;
  auto found = check_map(empty, bare);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0].code, "map.type.unknown");
}

TEST_F(MapRulesTest, HostileStringsAreFindingsNeverCrashes) {
  const std::string huge(100'000, 'x');
  const std::string control = std::string("Nama\x01\x1b[31m\r\nlagi") + '\0' + "akhir";
  const std::string markup = "</text><script>alert(1)</script>";
  const std::string invalid_utf8 = "\xff\xfe\xc3";
  for (const std::string& hostile : {huge, control, markup, invalid_utf8,
                                     std::string("../../../etc/passwd"), std::string("/nodes/0")}) {
    json::value x = cross;
    x.as_object()["title"] = hostile;
    x.as_object()["number"] = hostile;
    x.at("parent").as_object()["process"] = hostile;
    item(x, "lanes", 0)["id"] = hostile;
    item(x, "lanes", 1)["position"] = hostile;
    item(x, "nodes", 2)["lane"] = hostile;
    item(x, "nodes", 2)["sops"] = json::array{hostile};
    item(x, "nodes", 5)["map"] = hostile;
    item(x, "flows", 0)["to"] = hostile;
    item(x, "flows", 3)["name"] = hostile;
    detailing[{d_id, hostile}] = hostile;
    auto found = findings(x);
    EXPECT_GE(found.size(), 6u);
    Found codes;
    for (const auto& f : found) {
      EXPECT_LT(f.message.size(), 400u) << f.code;
      EXPECT_TRUE(text::is_valid_utf8(f.message)) << f.code;
      EXPECT_EQ(f.message.find('\x1b'), std::string::npos);
      EXPECT_EQ(f.message.find('\0'), std::string::npos);
      codes.emplace(f.code, f.path);
    }
    EXPECT_TRUE(codes.count({"map.element.id_invalid", "/lanes/0/id"}));
    EXPECT_TRUE(codes.count({"map.parent.process_unknown", "/parent/process"}));
    EXPECT_TRUE(codes.count({"map.lane.position_unknown", "/lanes/1/position"}));
    EXPECT_TRUE(codes.count({"map.node.sop_unknown", "/nodes/2/sops/0"}));
    EXPECT_TRUE(codes.count({"map.node.map_unknown", "/nodes/5/map"}));
    EXPECT_TRUE(codes.count({"map.flow.dangling", "/flows/0/to"}));

    json::value d = level0;
    item(d, "processes", 0)["code"] = hostile;
    item(d, "processes", 0)["name"] = hostile;
    item(d, "processes", 0)["unit"] = hostile;
    d.as_object()["stakeholders"] = json::array{hostile, hostile};
    Found level0_codes = check(d);
    EXPECT_TRUE(level0_codes.count({"map.process.code", "/processes/0/code"}));
    EXPECT_TRUE(level0_codes.count({"map.process.unit_unknown", "/processes/0/unit"}));
    EXPECT_TRUE(level0_codes.count({"map.list.duplicate", "/stakeholders/1"}));
  }
}

/// Random maps of every type with references pointing anywhere: the rules always answer, every
/// finding has a message and a pointer, in document order.
TEST_F(MapRulesTest, RandomMapsNeverCrash) {
  std::mt19937 rng(13);
  auto pick = [&](std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
  };
  const std::vector<std::string> types = {"level0", "dekomposisi", "lintas_fungsi", ""};
  const std::vector<std::string> node_types = {"mulai",     "selesai",     "aktivitas",
                                               "subproses", "gerbang_xor", "gerbang_paralel"};
  for (int round = 0; round < 300; ++round) {
    ProcessMap m;
    m.type = types[pick(types.size())];
    m.level = static_cast<int>(pick(4));
    m.title = "Acak";
    m.unit = pick(2) ? unit : "";
    m.number = pick(2) ? "2" : "";
    m.parent_map = pick(3) == 0 ? "" : (pick(2) ? l0_id : d_id);
    m.parent_process = pick(2) ? "P2" : "P22";
    auto id = [&] { return "e" + std::to_string(pick(12)); };
    for (std::size_t i = pick(6); i > 0; --i)
      m.processes.push_back({id(), "2." + std::to_string(pick(4)), "Proses", "utama", ""});
    for (std::size_t i = pick(4); i > 0; --i) m.lanes.push_back({id(), "Lajur", "", "", {}});
    for (std::size_t i = pick(10); i > 0; --i)
      m.nodes.push_back({id(), node_types[pick(node_types.size())], "Simpul", id(), {}, "", {}});
    for (std::size_t i = pick(14); i > 0; --i) m.flows.push_back({id(), id(), id(), "", {}});
    MapContext ctx = context();
    auto found = check_map(m, ctx);
    for (const auto& f : found) {
      EXPECT_FALSE(f.message.empty());
      EXPECT_TRUE(f.code.starts_with("map."));
      EXPECT_TRUE(f.path.starts_with("/")) << f.code;
    }
  }
}

}  // namespace
}  // namespace sopan::domain
