#include "domain/map_diff.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace sopan::domain {
namespace {
namespace json = boost::json;

DiffNames names() {
  return {[](std::string_view id) {
            return id == "pos-1"   ? std::string("Kepala Dinas")
                   : id == "pos-2" ? std::string("Analis Perizinan")
                                   : std::string();
          },
          [](std::string_view id) {
            return id == "u-1"   ? std::string("Dinas Perizinan")
                   : id == "u-2" ? std::string("Bagian Umum")
                                 : std::string();
          }};
}

const json::value kLevel0 = json::parse(R"({
  "type": "level0", "level": 0, "title": "Peta Level 0", "unit": "u-1",
  "stakeholders": ["Masyarakat", "Pelaku usaha"], "outputs": ["Izin"],
  "processes": [
    {"id": "P1", "code": "1", "name": "Perencanaan", "category": "manajemen"},
    {"id": "P2", "code": "2", "name": "Perizinan", "category": "utama", "unit": "u-1"},
    {"id": "P3", "code": "3", "name": "Keuangan", "category": "pendukung"}]})");

const json::value kCross = json::parse(R"({
  "type": "lintas_fungsi", "level": 2, "number": "2.1", "title": "Penerbitan Izin",
  "unit": "u-1", "parent": {"map": "M1", "process": "P21"},
  "lanes": [{"id": "L1", "name": "Pemohon", "x": 0, "y": 0, "width": 800, "height": 120},
            {"id": "L2", "name": "Kepala", "position": "pos-1", "x": 0, "y": 120, "width": 800,
             "height": 120}],
  "nodes": [{"id": "S", "type": "mulai", "lane": "L1", "x": 40, "y": 40, "width": 36, "height": 36},
            {"id": "A", "type": "aktivitas", "name": "Mengajukan", "lane": "L1",
             "x": 120, "y": 20, "width": 100, "height": 80},
            {"id": "B", "type": "aktivitas", "name": "Menandatangani", "lane": "L2",
             "sops": ["SOP1"], "x": 260, "y": 140, "width": 100, "height": 80},
            {"id": "E", "type": "selesai", "lane": "L2", "x": 420, "y": 162, "width": 36,
             "height": 36}],
  "flows": [{"id": "F1", "from": "S", "to": "A"},
            {"id": "F2", "from": "A", "to": "B", "waypoints": [{"x": 220, "y": 60},
                                                              {"x": 310, "y": 140}]},
            {"id": "F3", "from": "B", "to": "E"}]})");

json::object& item(json::value& d, std::string_view collection, std::size_t i) {
  return d.at(collection).as_array()[i].as_object();
}

/// The element entry of `id` in `collection`, or null.
const json::object* element(const json::value& diff, std::string_view collection,
                            std::string_view id) {
  for (const auto& e : diff.at("elements").as_array())
    if (e.at("collection").as_string() == collection && e.at("id").as_string() == id)
      return &e.as_object();
  return nullptr;
}

TEST(MapDiffTest, SameVersionsAreEmpty) {
  for (const json::value* v : {&kLevel0, &kCross}) {
    json::value d = diff_maps(*v, *v, names());
    EXPECT_EQ(d.at("empty"), true);
    EXPECT_TRUE(d.at("fields").as_array().empty());
    EXPECT_TRUE(d.at("lists").as_array().empty());
    EXPECT_TRUE(d.at("elements").as_array().empty());
    EXPECT_EQ(d.at("summary"), json::parse(R"({"added":0,"removed":0,"changed":0})"));
  }
}

TEST(MapDiffTest, DocumentFieldsInSchemaOrderWithNames) {
  json::value after = kCross;
  auto& o = after.as_object();
  o["title"] = "Penerbitan Izin Usaha";
  o["unit"] = "u-2";
  o["description"] = "Baru";
  o["number"] = "2.2";
  o["parent"].as_object()["process"] = "P22";
  json::value d = diff_maps(kCross, after, names());
  EXPECT_EQ(d.at("empty"), false);
  const auto& fields = d.at("fields").as_array();
  ASSERT_EQ(fields.size(), 5u) << json::serialize(fields);
  EXPECT_EQ(fields[0], json::parse(R"({"field":"number","label":"Kode peta","from":"2.1",
                                       "to":"2.2","path":"/number"})"));
  EXPECT_EQ(fields[1].at("path"), "/title");
  EXPECT_EQ(fields[1].at("label"), "Nama peta");
  EXPECT_EQ(fields[2], json::parse(R"({"field":"unit","label":"Unit pemilik","from":"u-1",
      "to":"u-2","from_name":"Dinas Perizinan","to_name":"Bagian Umum","path":"/unit"})"));
  EXPECT_EQ(fields[3].at("from"), nullptr);  // description was absent
  EXPECT_EQ(fields[3].at("to"), "Baru");
  EXPECT_EQ(fields[4].at("path"), "/parent/process");
  EXPECT_EQ(fields[4].at("label"), "Proses induk");
  EXPECT_TRUE(d.at("elements").as_array().empty());
}

TEST(MapDiffTest, LevelZeroListsAsAddedAndRemovedItems) {
  json::value after = kLevel0;
  after.as_object()["stakeholders"] = json::array{"Pelaku usaha", "DPRD"};
  after.as_object()["outcomes"] = json::array{"Investasi naik"};
  json::value d = diff_maps(kLevel0, after, names());
  const auto& lists = d.at("lists").as_array();
  ASSERT_EQ(lists.size(), 2u);
  EXPECT_EQ(lists[0], json::parse(R"({"path":"/stakeholders","field":"stakeholders",
      "label":"Pemangku kepentingan","added":["DPRD"],"removed":["Masyarakat"]})"));
  EXPECT_EQ(lists[1].at("path"), "/outcomes");
  EXPECT_EQ(lists[1].at("added"), json::array{"Investasi naik"});
  // Order alone is no change.
  json::value reordered = kLevel0;
  reordered.as_object()["stakeholders"] = json::array{"Pelaku usaha", "Masyarakat"};
  EXPECT_EQ(diff_maps(kLevel0, reordered, names()).at("empty"), true);
}

TEST(MapDiffTest, ProcessesAddedRemovedChanged) {
  json::value after = kLevel0;
  auto& processes = after.at("processes").as_array();
  processes.erase(processes.begin());  // P1 removed
  item(after, "processes", 0)["name"] = "Pelayanan Perizinan";
  item(after, "processes", 0)["unit"] = "u-2";
  processes.push_back(
      json::object{{"id", "P4"}, {"code", "4"}, {"name", "Pengawasan"}, {"category", "manajemen"}});
  json::value d = diff_maps(kLevel0, after, names());
  const auto& elements = d.at("elements").as_array();
  ASSERT_EQ(elements.size(), 3u);
  // The newer version's order, then the removed ones.
  EXPECT_EQ(elements[0].at("id"), "P2");
  EXPECT_EQ(elements[0].at("change"), "changed");
  EXPECT_EQ(elements[0].at("type"), "utama");
  EXPECT_EQ(elements[0].at("name"), "Pelayanan Perizinan");
  EXPECT_EQ(elements[0].at("fields"), json::parse(R"([
      {"field":"name","label":"Nama proses","from":"Perizinan","to":"Pelayanan Perizinan"},
      {"field":"unit","label":"Unit pemilik proses","from":"u-1","to":"u-2",
       "from_name":"Dinas Perizinan","to_name":"Bagian Umum"}])"));
  EXPECT_EQ(elements[0].as_object().count("moved"), 0u);
  EXPECT_EQ(elements[1].at("id"), "P4");
  EXPECT_EQ(elements[1].at("change"), "added");
  EXPECT_EQ(elements[1].at("element").at("name"), "Pengawasan");
  EXPECT_EQ(elements[2].at("id"), "P1");
  EXPECT_EQ(elements[2].at("change"), "removed");
  EXPECT_EQ(elements[2].at("name"), "Perencanaan");
  EXPECT_EQ(d.at("summary"), json::parse(R"({"added":1,"removed":1,"changed":1})"));
}

TEST(MapDiffTest, AMoveIsAChangeWithoutItsCoordinates) {
  json::value after = kCross;
  item(after, "nodes", 1)["x"] = 140;  // A moved only
  item(after, "nodes", 2)["y"] = 150;  // B moved and renamed
  item(after, "nodes", 2)["name"] = "Menandatangani izin";
  item(after, "flows", 1)["waypoints"] = json::parse(R"([{"x":240,"y":60},{"x":310,"y":150}])");
  item(after, "lanes", 1)["height"] = 160;  // a lane resized
  json::value d = diff_maps(kCross, after, names());
  const json::object* a = element(d, "nodes", "A");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->at("change"), "changed");
  EXPECT_EQ(a->at("moved"), true);
  EXPECT_TRUE(a->at("fields").as_array().empty());
  EXPECT_EQ(a->at("type"), "aktivitas");
  const json::object* b = element(d, "nodes", "B");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->at("moved"), true);
  ASSERT_EQ(b->at("fields").as_array().size(), 1u);
  EXPECT_EQ(b->at("fields").as_array()[0].at("field"), "name");
  const json::object* f2 = element(d, "flows", "F2");
  ASSERT_NE(f2, nullptr);
  EXPECT_EQ(f2->at("moved"), true);
  EXPECT_TRUE(f2->at("fields").as_array().empty());
  const json::object* l2 = element(d, "lanes", "L2");
  ASSERT_NE(l2, nullptr);
  EXPECT_EQ(l2->at("moved"), true);
  EXPECT_EQ(d.at("summary"), json::parse(R"({"added":0,"removed":0,"changed":4})"));
  // Collections in their order: lanes, nodes, flows.
  std::vector<std::string> order;
  for (const auto& e : d.at("elements").as_array())
    order.emplace_back(e.at("collection").as_string());
  EXPECT_EQ(order, (std::vector<std::string>{"lanes", "nodes", "nodes", "flows"}));
}

TEST(MapDiffTest, ReferencesCarryTheNamesOfEachVersion) {
  json::value after = kCross;
  item(after, "lanes", 1)["position"] = "pos-2";
  item(after, "lanes", 1)["name"] = "Analis";
  item(after, "nodes", 2)["lane"] = "L1";
  item(after, "nodes", 2)["sops"] = json::array{"SOP1", "SOP2"};
  item(after, "flows", 2)["to"] = "A";
  item(after, "nodes", 1)["name"] = "Mengajukan permohonan";
  json::value d = diff_maps(kCross, after, names());
  const json::object* lane = element(d, "lanes", "L2");
  ASSERT_NE(lane, nullptr);
  EXPECT_EQ(lane->at("fields"), json::parse(R"([
      {"field":"name","label":"Nama lajur","from":"Kepala","to":"Analis"},
      {"field":"position","label":"Jabatan","from":"pos-1","to":"pos-2",
       "from_name":"Kepala Dinas","to_name":"Analis Perizinan"}])"));
  const json::object* b = element(d, "nodes", "B");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->at("fields"), json::parse(R"([
      {"field":"lane","label":"Lajur","from":"L2","to":"L1","from_name":"Kepala",
       "to_name":"Pemohon"},
      {"field":"sops","label":"SOP yang merinci","from":["SOP1"],"to":["SOP1","SOP2"]}])"));
  const json::object* f3 = element(d, "flows", "F3");
  ASSERT_NE(f3, nullptr);
  EXPECT_EQ(f3->at("fields"), json::parse(R"([{"field":"to","label":"Ke","from":"E","to":"A",
      "from_name":"","to_name":"Mengajukan permohonan"}])"));
  EXPECT_EQ(f3->count("moved"), 0u);
}

TEST(MapDiffTest, RepeatedIdsMatchByOccurrence) {
  json::value before = kLevel0, after = kLevel0;
  item(before, "processes", 2)["id"] = "P2";  // a draft with P2 twice
  item(after, "processes", 2)["id"] = "P2";
  item(after, "processes", 2)["name"] = "Keuangan Daerah";
  json::value d = diff_maps(before, after, names());
  const auto& elements = d.at("elements").as_array();
  ASSERT_EQ(elements.size(), 1u);
  EXPECT_EQ(elements[0].at("name"), "Keuangan Daerah");
  EXPECT_EQ(elements[0].at("fields").as_array()[0].at("from"), "Keuangan");
}

TEST(MapDiffTest, MalformedDocumentsCountAsEmpty) {
  const json::value junk[] = {json::value(nullptr), json::value(42), json::parse("[1,2]"),
                              json::parse(R"({"processes": "x", "nodes": [1, null, "a"],
                                              "steps": [{"id": "1"}], "parent": 3})")};
  for (const auto& j : junk) {
    json::value d = diff_maps(j, kCross, names());
    EXPECT_EQ(d.at("empty"), false);
    EXPECT_EQ(d.at("summary").at("added"), 9u);  // 2 lanes, 4 nodes, 3 flows
    json::value back = diff_maps(kCross, j, DiffNames{});
    EXPECT_EQ(back.at("summary").at("removed"), 9u);
    EXPECT_NO_THROW(diff_maps(j, j, DiffNames{}));
  }
}

}  // namespace
}  // namespace sopan::domain
