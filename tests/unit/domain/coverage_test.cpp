// Coverage of maps by SOPs (domain/coverage.cpp): each kind of gap and drift from a small real
// org tree and hand-made versions "in force on the day", and the totals the score divides.
#include "domain/coverage.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <map>

#include "common/ids.hpp"
#include "domain/org.hpp"

namespace sopan::domain {
namespace {
namespace json = boost::json;

class CoverageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Unit root{new_id(), "0", "pemda", "Kabupaten Uji", "", "", {}, std::nullopt};
    Unit dinas{new_id(), "2", "dinas", "Dinas Uji", root.id, "", {}, std::nullopt};
    kepala = new_id();
    staf = new_id();
    dinas.positions = {{kepala, "2-01", "Kepala Dinas", "jpt", "II.b"},
                       {staf, "2-02", "Pengadministrasi", "pelaksana", ""}};
    unit = dinas.id;
    auto t = OrgTree::build({root, dinas});
    ASSERT_TRUE(t.has_value());
    tree = std::move(*t);
  }

  CoverageMap cross(const std::vector<std::pair<std::string, std::vector<std::string>>>& tasks,
                    const std::string& lane_position) {
    ProcessMap m;
    m.type = std::string(kMapCrossFunctional);
    m.parent_map = "L0";
    m.parent_process = "P1";
    m.lanes = {{"L", "Lajur", "", lane_position, {}}};
    m.nodes.push_back({"S", std::string(kNodeStart), "Mulai", "L", {}, "", {}});
    for (const auto& [name, sops] : tasks)
      m.nodes.push_back({"T_" + name, std::string(kNodeTask), name, "L", sops, "", {}});
    return {{"map", "M1", "1.1", "Peta uji", unit}, m};
  }
  static CoverageSop sop(const std::string& id, const std::string& status,
                         std::vector<std::string> positions, bool in_subtree = true) {
    return {{"sop", id, "SOP/" + id, "SOP " + id, ""}, status, std::move(positions), in_subtree};
  }
  static std::map<std::string, int> types(const Coverage& c) {
    std::map<std::string, int> out;
    for (const auto& item : c.items) ++out[item.type];
    return out;
  }

  OrgTree tree;
  std::string unit, kepala, staf;
};

TEST_F(CoverageTest, EveryGapAndDriftIsAnItemNamingWhatToFix) {
  CoverageMap level0{{"map", "L0", "", "Level 0", unit}, {}};
  level0.map.type = std::string(kMapLevel0);
  level0.map.processes = {{"P1", "1", "Proses satu", "utama", ""},
                          {"P2", "2", "Proses dua", "pendukung", ""}};
  auto m = cross(
      {{"dirinci", {"A"}}, {"tanpa", {}}, {"dicabut", {"B"}}, {"beda", {"C"}}, {"konsep", {"D"}}},
      staf);
  const std::vector<CoverageSop> sops = {sop("A", "berlaku", {staf}), sop("B", "dicabut", {staf}),
                                         sop("C", "berlaku", {kepala}), sop("D", "", {}),
                                         sop("E", "berlaku", {kepala})};
  auto c = measure_coverage({level0, m}, sops, {{"L0", "P1"}}, tree);
  EXPECT_EQ(c.maps, 2u);
  EXPECT_EQ(c.activities, 5u);
  EXPECT_EQ(c.activities_with_sop, 2u);  // A, and C (in force though its actors differ)
  EXPECT_EQ(c.sops, 3u);                 // A, C, E in force in the subtree
  EXPECT_EQ(c.sops_in_map, 2u);          // A and C
  EXPECT_EQ(c.processes, 2u);
  EXPECT_EQ(c.processes_detailed, 1u);
  EXPECT_EQ(c.drift, 2u);
  EXPECT_EQ(types(c), (std::map<std::string, int>{{"proses_belum_dirinci", 1},
                                                  {"aktivitas_tanpa_sop", 3},
                                                  {"sop_dicabut", 1},
                                                  {"pelaksana_berbeda", 1},
                                                  {"sop_tanpa_peta", 1}}));
  for (const auto& item : c.items) {
    EXPECT_FALSE(item.message.empty());
    EXPECT_FALSE(item.doc.id.empty()) << item.type;
    if (item.type == "sop_dicabut") {
      EXPECT_EQ(item.sop.id, "B");
      EXPECT_EQ(item.element_id, "T_dicabut");
    }
    if (item.type == "sop_tanpa_peta") {
      EXPECT_EQ(item.doc.id, "E");
    }
  }
  // The staff position acts in the map and in SOP A: no "position without SOP".
  EXPECT_EQ(types(c).count("jabatan_tanpa_sop"), 0u);
}

TEST_F(CoverageTest, APositionActingOnlyInMapsIsNamedOnce) {
  auto m = cross({{"satu", {}}, {"dua", {}}}, kepala);
  auto c = measure_coverage({m}, {}, {}, tree);
  ASSERT_EQ(types(c)["jabatan_tanpa_sop"], 1);
  for (const auto& item : c.items)
    if (item.type == "jabatan_tanpa_sop") {
      EXPECT_EQ(item.position_id, kepala);
      EXPECT_EQ(item.position_name, "Kepala Dinas");
    }
  // A sub-process detailed by a map of its own is not a lowest-level activity.
  m.map.nodes.push_back({"SP", std::string(kNodeSubProcess), "Rinci", "L", {}, "M9", {}});
  EXPECT_EQ(measure_coverage({m}, {}, {}, tree).activities, 2u);
  const json::object totals = measure_coverage({m}, {}, {}, tree).totals_json();
  EXPECT_EQ(totals.at("activities").as_uint64(), 2u);
}

TEST_F(CoverageTest, AUnitLaneMatchesAnyPositionOfThatUnit) {
  auto m = cross({{"satu", {"A"}}}, "");
  m.map.lanes[0].unit = unit;
  auto c = measure_coverage({m}, {sop("A", "berlaku", {staf})}, {}, tree);
  EXPECT_EQ(c.drift, 0u);
  c = measure_coverage({m}, {sop("A", "berlaku", {})}, {}, tree);
  EXPECT_EQ(c.drift, 1u);  // none of its actors is in the lane's unit
}

}  // namespace
}  // namespace sopan::domain
