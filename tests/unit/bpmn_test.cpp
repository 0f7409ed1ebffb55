#include "domain/bpmn.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include "bpmn/sample_maps.hpp"
#include "support/temp_dir.hpp"

namespace sopan::domain {
namespace {

using sopan::testing::ErrcIs;
using sopan::testing::IsOk;
using ::testing::HasSubstr;
using ::testing::Not;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string fixture(const std::string& name) {
  return read_file(std::string(SOPAN_SOURCE_DIR) + "/tests/fixtures/bpmn/" + name);
}

constexpr std::string_view kHead =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:sopan="https://sopan.go.id/schema/bpmn/1" id="d">
)";

/// A BPMN document around `body` (the definitions' children).
std::string definitions(std::string_view body) {
  return std::string(kHead) + std::string(body) + "</bpmn:definitions>\n";
}

/// The first item listed for element `id` (of kind `element`) whose message holds `words`.
const BpmnUnsupported* find_note(const BpmnImport& imp, std::string_view element,
                                 std::string_view id, std::string_view words = "") {
  for (const auto& u : imp.unsupported)
    if (u.element == element && u.id == id && u.message.find(words) != std::string::npos) return &u;
  return nullptr;
}

std::size_t count(std::string_view text, std::string_view what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string_view::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

/// The one detail of a refused import names /bpmn and says something.
void expect_detail(const Result<BpmnImport>& r) {
  ASSERT_FALSE(r.has_value());
  const Error e = r.error();  // a copy: result::error() answers by value
  ASSERT_TRUE(e.details.is_array());
  const auto& details = e.details.get_array();
  ASSERT_EQ(details.size(), 1u);
  EXPECT_EQ(details[0].at("path").as_string(), "/bpmn");
  EXPECT_FALSE(details[0].at("message").as_string().empty());
}

std::string detail(const Result<BpmnImport>& r) {
  const Error e = r.error();
  return std::string(e.details.get_array()[0].at("message").as_string());
}

const MapNode* node(const ProcessMap& m, std::string_view id) { return m.node(id); }

const MapFlow* flow(const ProcessMap& m, std::string_view id) {
  for (const auto& f : m.flows)
    if (f.id == id) return &f;
  return nullptr;
}

// --- Export -----------------------------------------------------------------------------------

TEST(BpmnExport, CrossFunctionalWritesEveryElementWithItsLinksAndShapes) {
  const ProcessMap m = bpmn_samples::cross_functional();
  const std::string xml = to_bpmn(m, bpmn_samples::kImbId);
  EXPECT_EQ(xml, to_bpmn(m, bpmn_samples::kImbId)) << "deterministic";
  EXPECT_THAT(xml, HasSubstr(R"(id="Definitions_01J8Z6S7N0P3Q6R9S2T5V8W1X4")"));
  EXPECT_THAT(xml,
              HasSubstr(R"(<bpmn:participant id="Participant_01J8Z6S7N0P3Q6R9S2T5V8W1X4" )"
                        R"(name="Pelayanan Izin Mendirikan Bangunan &lt;PBG&gt; &amp; )"
                        R"(&quot;IMB&quot;" processRef="Process_01J8Z6S7N0P3Q6R9S2T5V8W1X4" />)"));
  EXPECT_THAT(xml, HasSubstr(R"(<bpmn:process id="Process_01J8Z6S7N0P3Q6R9S2T5V8W1X4" )"
                             R"(isExecutable="false">)"));
  EXPECT_THAT(xml, HasSubstr(R"(<bpmn:lane id="loket" name="Petugas Loket" )"
                             R"(sopan:position="pos-loket" sopan:unit="dpmptsp">)"));
  EXPECT_THAT(xml, HasSubstr(R"(<bpmn:task id="periksa" name="Memeriksa kelengkapan berkas )"
                             R"(&amp; &quot;dokumen&quot; &lt;wajib&gt;" sopan:sops=")"
                             R"(01J8Z6T1SOPLOKET000000000A 01J8Z6T1SOPLOKET000000000B">)"));
  EXPECT_THAT(xml, HasSubstr(R"(<bpmn:callActivity id="retribusi" name="Menghitung retribusi" )"
                             R"(calledElement="Process_01J8Z6V2RETRIBUSI000000000D" )"
                             R"(sopan:map="01J8Z6V2RETRIBUSI000000000D">)"));
  EXPECT_THAT(xml, HasSubstr(R"(<bpmn:exclusiveGateway id="lengkap" name="Berkas lengkap?">)"));
  EXPECT_THAT(xml, HasSubstr(R"(<bpmn:parallelGateway id="bagi">)"));
  EXPECT_THAT(xml, HasSubstr(R"(<bpmn:sequenceFlow id="f4" name="Tidak" sourceRef="lengkap" )"
                             R"(targetRef="kembali" />)"));
  EXPECT_EQ(count(xml, "<bpmn:startEvent "), 1u);
  EXPECT_EQ(count(xml, "<bpmn:endEvent "), 2u);
  EXPECT_EQ(count(xml, "<bpmn:sequenceFlow "), 13u);
  // A shape for the participant, each lane and each node; an edge per flow.
  EXPECT_EQ(count(xml, "<bpmndi:BPMNShape "), 1u + 4u + 13u);
  EXPECT_EQ(count(xml, "<bpmndi:BPMNEdge "), 13u);
  EXPECT_THAT(xml, HasSubstr(R"(<bpmndi:BPMNShape id="lengkap.di" bpmnElement="lengkap" )"
                             R"(isMarkerVisible="true">)"));
  EXPECT_THAT(xml, HasSubstr(R"(bpmnElement="Participant_01J8Z6S7N0P3Q6R9S2T5V8W1X4" )"
                             R"(isHorizontal="true">)"));
}

TEST(BpmnExport, AutoLayoutStacksLanesAndPlacesNodesLeftToRightWithoutOverlap) {
  auto imported = from_bpmn(to_bpmn(bpmn_samples::cross_functional(), "x"));
  ASSERT_THAT(imported, IsOk());
  const ProcessMap& m = imported->map;
  ASSERT_EQ(m.lanes.size(), 4u);
  for (std::size_t i = 1; i < m.lanes.size(); ++i) {
    EXPECT_EQ(m.lanes[i].bounds.y, m.lanes[i - 1].bounds.y + m.lanes[i - 1].bounds.height);
    EXPECT_EQ(m.lanes[i].bounds.x, m.lanes[0].bounds.x);
    EXPECT_EQ(m.lanes[i].bounds.width, m.lanes[0].bounds.width);
  }
  for (const auto& n : m.nodes) {
    const MapLane* lane = m.lane(n.lane);
    ASSERT_NE(lane, nullptr) << n.id;
    EXPECT_GE(n.bounds.y, lane->bounds.y) << n.id << " lies in its lane";
    EXPECT_LE(n.bounds.y + n.bounds.height, lane->bounds.y + lane->bounds.height) << n.id;
    for (const auto& o : m.nodes) {
      if (&o == &n) continue;
      EXPECT_TRUE(
          n.bounds.x + n.bounds.width <= o.bounds.x || o.bounds.x + o.bounds.width <= n.bounds.x ||
          n.bounds.y + n.bounds.height <= o.bounds.y || o.bounds.y + o.bounds.height <= n.bounds.y)
          << n.id << " overlaps " << o.id;
    }
  }
  // Each flow goes left to right (no cycles here) and starts and ends on its nodes' edges.
  for (const auto& f : m.flows) {
    ASSERT_GE(f.waypoints.size(), 2u) << f.id;
    const MapNode* from = node(m, f.from);
    const MapNode* to = node(m, f.to);
    EXPECT_LT(from->bounds.x, to->bounds.x) << f.id;
    EXPECT_EQ(f.waypoints.front().x, from->bounds.x + from->bounds.width) << f.id;
    EXPECT_EQ(f.waypoints.back().x, to->bounds.x) << f.id;
    for (std::size_t i = 1; i < f.waypoints.size(); ++i)
      EXPECT_TRUE(f.waypoints[i].x == f.waypoints[i - 1].x ||
                  f.waypoints[i].y == f.waypoints[i - 1].y)
          << f.id << " is orthogonal";
  }
  // Sizes as bpmn-js draws them.
  EXPECT_EQ(node(m, "mulai")->bounds.width, 36);
  EXPECT_EQ(node(m, "lengkap")->bounds.width, 50);
  EXPECT_EQ(node(m, "isi")->bounds.width, 100);
  EXPECT_EQ(node(m, "isi")->bounds.height, 80);
}

TEST(BpmnExport, KeepsTheMapsOwnDiagramWhenEveryShapeHasBounds) {
  ProcessMap m;
  m.type = kMapCrossFunctional;
  m.title = "Peta dengan posisi";
  m.lanes = {{"l1", "Lajur", "", "", {200, 100, 800, 150, true}}};
  m.nodes = {{"a", "mulai", "Mulai", "l1", {}, "", {250.5, 150, 36, 36, true}},
             {"b", "selesai", "Selesai", "l1", {}, "", {400, 150, 36, 36, true}}};
  m.flows = {{"f", "a", "b", "", {{286.5, 168}, {330, 168}, {330, 170}, {400, 168}}},
             {"g", "b", "a", "", {}}};
  const std::string xml = to_bpmn(m, "01ABC");
  EXPECT_THAT(xml, HasSubstr(R"(<dc:Bounds x="250.5" y="150" width="36" height="36" />)"));
  EXPECT_THAT(xml, HasSubstr(R"(<di:waypoint x="286.5" y="168" />)"));
  EXPECT_THAT(xml, HasSubstr(R"(<di:waypoint x="330" y="170" />)"));
  // The participant is the lanes' box with a 30 px label strip on the left.
  EXPECT_THAT(xml, HasSubstr(R"(<bpmndi:BPMNShape id="Participant_01ABC.di" )"
                             R"(bpmnElement="Participant_01ABC" isHorizontal="true">
        <dc:Bounds x="170" y="100" width="830" height="150" />)"));
  // A flow without waypoints is routed (here back over the top, b is right of a).
  auto back = from_bpmn(xml);
  ASSERT_THAT(back, IsOk());
  const MapFlow* g = flow(back->map, "g");
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->waypoints.size(), 4u);
  EXPECT_LT(g->waypoints[1].y, 150);
}

TEST(BpmnExport, Level0HasThreeBandsCallActivitiesAndItsListsAsDocumentation) {
  const std::string xml =
      to_bpmn(bpmn_samples::level0(), bpmn_samples::kLevel0Id, {bpmn_samples::detailed_by});
  EXPECT_THAT(xml, HasSubstr(R"(sopan:type="level0")"));
  EXPECT_THAT(xml, HasSubstr(R"(<bpmn:lane id="pita.manajemen" name="Proses Manajemen">)"));
  EXPECT_THAT(xml, HasSubstr(R"(<bpmn:lane id="pita.utama" name="Proses Utama">)"));
  EXPECT_THAT(xml, HasSubstr(R"(<bpmn:lane id="pita.pendukung" name="Proses Pendukung">)"));
  EXPECT_THAT(xml, Not(HasSubstr("pita.lain")));
  EXPECT_EQ(count(xml, "<bpmn:callActivity "), 7u);
  EXPECT_THAT(xml, HasSubstr(R"(<bpmn:callActivity id="p3" name="3 Pelayanan Perizinan" )"
                             R"(calledElement="Process_01J8Z6R0B3C6D9F2G5H8J1K4M7" )"
                             R"(sopan:category="utama" sopan:code="3" )"
                             R"(sopan:map="01J8Z6R0B3C6D9F2G5H8J1K4M7" sopan:unit="dpmptsp">)"));
  EXPECT_THAT(xml, HasSubstr(R"(<bpmn:callActivity id="p4" name="4 Pelayanan Kesehatan" )"
                             R"(sopan:category="utama" sopan:code="4" sopan:unit="dinkes">)"));
  EXPECT_THAT(xml, HasSubstr("<bpmn:documentation>Pemangku kepentingan: Masyarakat; Pelaku "
                             "usaha; DPRD; Pemerintah Provinsi\nMasukan: Peraturan "
                             "perundang-undangan; Aspirasi masyarakat; APBD</bpmn:documentation>"));
  EXPECT_THAT(xml, HasSubstr("Hasil: Meningkatnya kesejahteraan masyarakat"));
  EXPECT_EQ(count(xml, "<bpmn:startEvent "), 1u);
  EXPECT_EQ(count(xml, "<bpmn:endEvent "), 1u);
  // The three bands run in parallel from the one start to the one end; each band is chained.
  EXPECT_THAT(xml, HasSubstr(R"(sourceRef="p1" targetRef="p2")"));
  EXPECT_THAT(xml, HasSubstr(R"(sourceRef="p3" targetRef="p4")"));
  EXPECT_THAT(xml, HasSubstr(R"(sourceRef="sopan.mulai" targetRef="sopan.mulai.cabang")"));
  EXPECT_THAT(xml, HasSubstr(R"(sourceRef="sopan.mulai.cabang" targetRef="p6")"));
  EXPECT_THAT(xml, HasSubstr(R"(sourceRef="p7" targetRef="sopan.selesai.gabung")"));
  EXPECT_EQ(xml,
            to_bpmn(bpmn_samples::level0(), bpmn_samples::kLevel0Id, {bpmn_samples::detailed_by}));

  // Importing it gives a cross-functional map of that process, and says so.
  auto imported = from_bpmn(xml);
  ASSERT_THAT(imported, IsOk());
  EXPECT_EQ(imported->map.type, kMapCrossFunctional);
  EXPECT_EQ(imported->map.title, "Peta Proses Bisnis Pemerintah Kabupaten Sukamaju");
  const auto* note = find_note(*imported, "definitions", "Definitions_01J8Z6QK4M7N2P5R8T1V3X6Y9A");
  ASSERT_NE(note, nullptr);
  EXPECT_THAT(note->message, HasSubstr("level 0"));
  EXPECT_EQ(node(imported->map, "p3")->type, kNodeSubProcess);
  EXPECT_EQ(node(imported->map, "p3")->map, "01J8Z6R0B3C6D9F2G5H8J1K4M7");
  EXPECT_EQ(node(imported->map, "p3")->lane, "pita_utama");
}

TEST(BpmnExport, DecompositionFlowsSplitAndJoinThroughParallelGateways) {
  const std::string xml = to_bpmn(bpmn_samples::decomposition(), bpmn_samples::kPerizinanId,
                                  {bpmn_samples::detailed_by});
  EXPECT_THAT(xml, HasSubstr(R"(sopan:type="dekomposisi")"));
  EXPECT_THAT(xml, Not(HasSubstr(R"(id="pita.pendukung" name="Proses Pendukung" />)")));
  EXPECT_THAT(xml, HasSubstr(R"(calledElement="Process_01J8Z6S7N0P3Q6R9S2T5V8W1X4")"));
  // d2 splits into a2 and a3: through d2.cabang, the map's flow ids kept.
  EXPECT_THAT(xml, HasSubstr(R"(<bpmn:parallelGateway id="d2.cabang">)"));
  EXPECT_THAT(xml, HasSubstr(R"(<bpmn:sequenceFlow id="a2" sourceRef="d2.cabang" )"
                             R"(targetRef="d3">
      <bpmn:documentation>Perlu peninjauan</bpmn:documentation>)"));
  // d4 joins a3 and a4.
  EXPECT_THAT(xml, HasSubstr(R"(<bpmn:sequenceFlow id="a4" sourceRef="d3" )"
                             R"(targetRef="d4.gabung" />)"));
  // d6 has no flows: it runs from the start to the end.
  EXPECT_THAT(xml, HasSubstr(R"(targetRef="d6" />)"));
  EXPECT_THAT(xml, HasSubstr(R"(sourceRef="d6")"));
  EXPECT_EQ(count(xml, "<bpmn:startEvent "), 1u);
  EXPECT_EQ(count(xml, "<bpmn:endEvent "), 1u);
  // No flow is named (bpmnlint: superfluous-label).
  EXPECT_THAT(xml, Not(HasSubstr(R"(<bpmn:sequenceFlow id="a2" name)")));

  const std::string flowless = to_bpmn(bpmn_samples::decomposition_without_flows(), "");
  EXPECT_THAT(flowless, HasSubstr(R"(sourceRef="e1" targetRef="e2")"));
  EXPECT_THAT(flowless, HasSubstr(R"(id="Definitions_")"));
}

TEST(BpmnExport, CyclesAndEmptyMapsStillHaveOneEntryAndOneExit) {
  ProcessMap m;
  m.type = kMapDecomposition;
  m.title = "Siklus";
  m.processes = {{"a", "1.1", "A", "utama", ""}, {"b", "1.2", "B", "utama", ""}};
  m.flows = {{"x", "a", "b", "", {}},
             {"y", "b", "a", "", {}},
             {"z", "a", "a", "", {}},
             {"w", "a", "b", "", {}}};
  const std::string xml = to_bpmn(m, "1");
  EXPECT_THAT(xml, HasSubstr(R"(sourceRef="sopan.mulai")"));
  EXPECT_THAT(xml, HasSubstr(R"(targetRef="sopan.selesai")"));
  EXPECT_THAT(xml, Not(HasSubstr(R"(id="z")"))) << "self-loop left out";
  EXPECT_THAT(xml, Not(HasSubstr(R"(id="w")"))) << "repeated flow left out";

  ProcessMap empty;
  empty.type = kMapDecomposition;
  const std::string none = to_bpmn(empty, "2");
  EXPECT_THAT(none, HasSubstr(R"(sourceRef="sopan.mulai" targetRef="sopan.selesai")"));
  EXPECT_THAT(none, HasSubstr(R"(name="Peta Proses Bisnis")"));
  ProcessMap blank;  // no type at all: written as a cross-functional map
  EXPECT_THAT(to_bpmn(blank, ""), HasSubstr(R"(sopan:type="lintas_fungsi")"));
}

TEST(BpmnExport, BrokenDraftsStillGiveWellFormedUniqueIds) {
  ProcessMap m;
  m.type = kMapCrossFunctional;
  m.title = "Draf\x01 rusak \xff";
  m.lanes = {{"l", "Lajur", "", "", {}}, {"l", "Lajur kembar", "", "", {}}};
  m.nodes = {{"n", "aktivitas", "Nama\tdengan\nbaris", "l", {}, "", {}},
             {"n", "aktivitas", "Kembar", "hilang", {}, "", {}},
             {"bad id/../x", "gerbang_xor", "Id aneh", "", {}, "", {}},
             {"Process_01X", "aktivitas", "Id dokumen", "", {}, "", {}}};
  m.flows = {{"f", "n", "bad id/../x", "", {}}, {"g", "n", "tidak-ada", "", {}}};
  const std::string xml = to_bpmn(m, "01X");
  EXPECT_THAT(xml, HasSubstr(R"(<bpmn:lane id="l.2" name="Lajur kembar" />)"));
  EXPECT_THAT(xml, HasSubstr(R"(<bpmn:task id="n.2" name="Kembar" />)"));
  EXPECT_THAT(xml, HasSubstr(R"(<bpmn:exclusiveGateway id="bad_id____x" name="Id aneh">)"));
  EXPECT_THAT(xml, HasSubstr(R"(<bpmn:task id="Process_01X.2" name="Id dokumen" />)"));
  EXPECT_THAT(xml, HasSubstr(R"(name="Nama dengan baris")"));
  EXPECT_THAT(xml, HasSubstr("name=\"Draf\xEF\xBF\xBD rusak \xEF\xBF\xBD\""));
  EXPECT_THAT(xml, Not(HasSubstr(R"(id="g")"))) << "a flow to no node cannot be written";
  auto back = from_bpmn(xml);
  ASSERT_THAT(back, IsOk()) << "well-formed";
}

// --- Round trip ------------------------------------------------------------------------------

void expect_byte_stable(const ProcessMap& m, std::string_view id) {
  const std::string first = to_bpmn(m, id);
  auto imported = from_bpmn(first);
  ASSERT_THAT(imported, IsOk());
  EXPECT_EQ(to_bpmn(imported->map, id), first);
}

TEST(BpmnRoundTrip, ExportImportExportIsByteStable) {
  expect_byte_stable(bpmn_samples::cross_functional(), bpmn_samples::kImbId);
  auto camunda = from_bpmn(fixture("camunda_pengaduan.bpmn"));
  ASSERT_THAT(camunda, IsOk());
  expect_byte_stable(camunda->map, "01J8Z6W3CAMUNDA00000000000");
}

TEST(BpmnRoundTrip, KeepsEverythingACrossFunctionalMapHolds) {
  const ProcessMap m = bpmn_samples::cross_functional();
  auto imported = from_bpmn(to_bpmn(m, "x"));
  ASSERT_THAT(imported, IsOk());
  EXPECT_TRUE(imported->unsupported.empty()) << imported->unsupported.front().message;
  const ProcessMap& r = imported->map;
  EXPECT_EQ(r.type, kMapCrossFunctional);
  EXPECT_EQ(r.title, m.title);
  ASSERT_EQ(r.lanes.size(), m.lanes.size());
  for (std::size_t i = 0; i < m.lanes.size(); ++i) {
    EXPECT_EQ(r.lanes[i].id, m.lanes[i].id);
    EXPECT_EQ(r.lanes[i].name, m.lanes[i].name);
    EXPECT_EQ(r.lanes[i].unit, m.lanes[i].unit);
    EXPECT_EQ(r.lanes[i].position, m.lanes[i].position);
    EXPECT_TRUE(r.lanes[i].bounds.set);
  }
  ASSERT_EQ(r.nodes.size(), m.nodes.size());
  for (std::size_t i = 0; i < m.nodes.size(); ++i) {
    EXPECT_EQ(r.nodes[i].id, m.nodes[i].id);
    EXPECT_EQ(r.nodes[i].type, m.nodes[i].type);
    EXPECT_EQ(r.nodes[i].name, m.nodes[i].name);
    EXPECT_EQ(r.nodes[i].lane, m.nodes[i].lane);
    EXPECT_EQ(r.nodes[i].sops, m.nodes[i].sops);
    EXPECT_EQ(r.nodes[i].map, m.nodes[i].map);
    EXPECT_TRUE(r.nodes[i].bounds.set);
  }
  ASSERT_EQ(r.flows.size(), m.flows.size());
  for (std::size_t i = 0; i < m.flows.size(); ++i) {
    EXPECT_EQ(r.flows[i].id, m.flows[i].id);
    EXPECT_EQ(r.flows[i].from, m.flows[i].from);
    EXPECT_EQ(r.flows[i].to, m.flows[i].to);
    EXPECT_EQ(r.flows[i].name, m.flows[i].name);
    EXPECT_GE(r.flows[i].waypoints.size(), 2u);
  }
}

/// A random cross-functional map within the schema's limits: names of XML specials, controls,
/// line breaks, invalid UTF-8 and non-Latin text; some lanes missing, some flows dangling,
/// bounds on everything, on some or on nothing.
ProcessMap random_map(std::mt19937& rng) {
  auto pick = [&](std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
  };
  static const char* const kPieces[] = {"Aktivitas",
                                        " ",
                                        "<",
                                        ">",
                                        "&",
                                        "\"",
                                        "'",
                                        "\t",
                                        "\n",
                                        "\r",
                                        "\x01",
                                        "\x7f",
                                        "é",
                                        "中文",
                                        "\xff",
                                        "  ",
                                        "&amp;",
                                        "]]>",
                                        "\xF0\x9F\x98\x80"};
  auto text = [&](std::size_t pieces) {
    std::string s;
    for (std::size_t i = pick(pieces + 1); i > 0; --i) s += kPieces[pick(std::size(kPieces))];
    return s;
  };
  auto coordinate = [&] { return static_cast<double>(pick(4000)) / (pick(2) ? 1 : 4) - 500; };
  const std::size_t bounds_mode = pick(3);  // 0 none, 1 some, 2 all
  auto bounds = [&] {
    if (bounds_mode == 0 || (bounds_mode == 1 && pick(2) == 0)) return Bounds{};
    return Bounds{coordinate(), coordinate(), static_cast<double>(pick(300)),
                  static_cast<double>(pick(300)), true};
  };
  static const std::string_view kTypes[] = {kNodeStart,      kNodeEnd,       kNodeTask,
                                            kNodeSubProcess, kNodeExclusive, kNodeParallel};
  ProcessMap m;
  m.type = kMapCrossFunctional;
  m.title = text(6);
  for (std::size_t i = pick(6); i > 0; --i)
    m.lanes.push_back({"lane" + std::to_string(m.lanes.size()), text(4),
                       pick(2) ? "unit-" + std::to_string(pick(9)) : "",
                       pick(2) ? "posisi " + std::to_string(pick(9)) : "", bounds()});
  const std::size_t n_nodes = pick(25);
  for (std::size_t i = 0; i < n_nodes; ++i) {
    MapNode n;
    n.id = (pick(2) ? "n_" : "N-") + std::to_string(i);
    n.type = std::string(kTypes[pick(std::size(kTypes))]);
    n.name = text(8);
    n.lane = m.lanes.empty() || pick(5) == 0 ? (pick(2) ? "" : "hilang")
                                             : m.lanes[pick(m.lanes.size())].id;
    for (std::size_t k = pick(4); k > 0; --k) n.sops.push_back("01SOP" + std::to_string(pick(99)));
    if (pick(3) == 0) n.map = "01MAP" + std::to_string(pick(99));
    n.bounds = bounds();
    m.nodes.push_back(std::move(n));
  }
  for (std::size_t i = pick(40); i > 0 && !m.nodes.empty(); --i) {
    MapFlow f;
    f.id = "f" + std::to_string(m.flows.size());
    f.from = pick(10) == 0 ? "hilang" : m.nodes[pick(m.nodes.size())].id;
    f.to = m.nodes[pick(m.nodes.size())].id;
    f.name = text(3);
    for (std::size_t k = pick(2) ? pick(6) : 0; k > 0; --k)
      f.waypoints.push_back({coordinate(), coordinate()});
    m.flows.push_back(std::move(f));
  }
  return m;
}

TEST(BpmnRoundTrip, RandomMapsAreByteStableAfterTheFirstRound) {
  std::mt19937 rng(20240613);
  for (int i = 0; i < 300; ++i) {
    SCOPED_TRACE("map " + std::to_string(i));
    const ProcessMap m = random_map(rng);
    expect_byte_stable(m, "01RANDOM" + std::to_string(i));
    if (::testing::Test::HasFailure()) break;
  }
}

// --- Import ----------------------------------------------------------------------------------

TEST(BpmnImport, CamundaModelerFileKeepsEverythingButTheTimerAndTheAnnotation) {
  auto r = from_bpmn(fixture("camunda_pengaduan.bpmn"));
  ASSERT_THAT(r, IsOk());
  const ProcessMap& m = r->map;
  EXPECT_EQ(m.type, kMapCrossFunctional);
  EXPECT_EQ(m.title, "Penanganan Pengaduan Masyarakat");
  ASSERT_EQ(m.lanes.size(), 3u);
  EXPECT_EQ(m.lanes[0].id, "Lane_petugas");
  EXPECT_EQ(m.lanes[1].name, "Kepala Seksi Pengaduan");
  EXPECT_EQ(m.lanes[2].bounds.y, 420);
  EXPECT_EQ(m.lanes[2].bounds.height, 160);

  struct Expected {
    std::string_view id, type, lane;
  };
  const Expected expected[] = {{"StartEvent_1", kNodeStart, "Lane_petugas"},
                               {"Activity_catat", kNodeTask, "Lane_petugas"},
                               {"Gateway_lengkap", kNodeExclusive, "Lane_petugas"},
                               {"Activity_minta", kNodeTask, "Lane_petugas"},
                               {"Event_ditutup", kNodeEnd, "Lane_petugas"},
                               {"Gateway_bagi", kNodeParallel, "Lane_kasi"},
                               {"Activity_telaah", kNodeTask, "Lane_kasi"},
                               {"Activity_periksa", kNodeSubProcess, "Lane_teknis"},
                               {"Gateway_gabung", kNodeParallel, "Lane_kasi"},
                               {"Activity_jawab", kNodeTask, "Lane_kasi"},
                               {"Activity_kirim", kNodeTask, "Lane_petugas"},
                               {"Event_selesai", kNodeEnd, "Lane_petugas"}};
  ASSERT_EQ(m.nodes.size(), std::size(expected));
  for (std::size_t i = 0; i < m.nodes.size(); ++i) {
    EXPECT_EQ(m.nodes[i].id, expected[i].id);
    EXPECT_EQ(m.nodes[i].type, expected[i].type) << m.nodes[i].id;
    EXPECT_EQ(m.nodes[i].lane, expected[i].lane) << m.nodes[i].id;
  }
  EXPECT_EQ(node(m, "Activity_catat")->name, "Mencatat pengaduan");
  const Bounds& catat = node(m, "Activity_catat")->bounds;
  EXPECT_EQ(catat.x, 300);
  EXPECT_EQ(catat.y, 130);
  EXPECT_EQ(catat.width, 100);
  // The gateway's own bounds, not its label's.
  EXPECT_EQ(node(m, "Gateway_lengkap")->bounds.y, 145);

  // 13 flows, the timer's two bridged into one.
  EXPECT_EQ(m.flows.size(), 12u);
  const MapFlow* bridged = flow(m, "Flow_0tunggu");
  ASSERT_NE(bridged, nullptr);
  EXPECT_EQ(bridged->from, "Activity_minta");
  EXPECT_EQ(bridged->to, "Event_ditutup");
  EXPECT_EQ(flow(m, "Flow_1tutup"), nullptr);
  EXPECT_EQ(flow(m, "Flow_ya")->name, "Ya");
  ASSERT_EQ(flow(m, "Flow_1kirim")->waypoints.size(), 4u);
  EXPECT_EQ(flow(m, "Flow_1kirim")->waypoints[2].x, 950);
  EXPECT_EQ(flow(m, "Flow_1kirim")->waypoints[2].y, 170);

  // What was not kept is listed.
  const auto* timer = find_note(*r, "intermediateCatchEvent", "Event_tunggu");
  ASSERT_NE(timer, nullptr);
  EXPECT_EQ(timer->name, "Tunggu 3 hari");
  EXPECT_THAT(timer->message, HasSubstr("timer"));
  const auto* annotation = find_note(*r, "textAnnotation", "TextAnnotation_1xk2m7d");
  ASSERT_NE(annotation, nullptr);
  EXPECT_EQ(annotation->name, "Paling lama 5 hari kerja sejak pengaduan diterima");
  EXPECT_NE(find_note(*r, "association", "Association_0q9n4bf"), nullptr);
  EXPECT_THAT(find_note(*r, "sequenceFlow", "Flow_1tutup")->message, HasSubstr("Flow_0tunggu"));
  EXPECT_THAT(find_note(*r, "userTask", "Activity_catat")->message, HasSubstr("aktivitas"));
  EXPECT_THAT(find_note(*r, "extensionElements", "Activity_jawab")->message,
              HasSubstr("camunda:properties"));
  EXPECT_NE(find_note(*r, "startEvent", "Event_periksa_mulai"), nullptr)
      << "the expanded sub-process's content is listed";
  EXPECT_NE(find_note(*r, "task", "Activity_kunjung"), nullptr);
  std::set<std::string> attributes;
  for (const auto& u : r->unsupported) {
    EXPECT_FALSE(u.message.empty());
    if (u.message.starts_with("Atribut "))
      attributes.insert(u.message.substr(8, u.message.find(' ', 8) - 8));
  }
  EXPECT_EQ(attributes,
            (std::set<std::string>{"camunda:assignee", "camunda:candidateGroups",
                                   "camunda:historyTimeToLive", "modeler:executionPlatform",
                                   "modeler:executionPlatformVersion"}));
  // Nothing else is listed: no lane, kept node or kept flow.
  for (const auto& u : r->unsupported)
    if (u.element == "lane" || u.element == "exclusiveGateway" || u.element == "parallelGateway")
      ADD_FAILURE() << u.element << " " << u.id << ": " << u.message;
}

TEST(BpmnImport, ReadsSopanLinksAndDefaultNamespaceFiles) {
  // Bizagi and others write BPMN in the default namespace, without a prefix.
  const std::string xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:s="https://sopan.go.id/schema/bpmn/1" id="D1">
  <process id="P1" name="Proses Arsip">
    <laneSet id="LS">
      <lane id="L1" name="Arsiparis" s:unit="u-arsip" s:position="p-arsiparis"><flowNodeRef>a</flowNodeRef></lane>
    </laneSet>
    <startEvent id="s" name="Mulai" />
    <task id="a" name="Mengarsipkan" s:sops="sop1  sop2" s:foo="x" />
    <callActivity id="c" name="Sub" s:map="m1" calledElement="Process_m1" />
    <endEvent id="e" name="Selesai" />
    <sequenceFlow id="f1" sourceRef="s" targetRef="a" />
    <sequenceFlow id="f2" sourceRef="a" targetRef="c" />
    <sequenceFlow id="f3" sourceRef="c" targetRef="e" />
  </process>
</definitions>)";
  auto r = from_bpmn(xml);
  ASSERT_THAT(r, IsOk());
  const ProcessMap& m = r->map;
  EXPECT_EQ(m.title, "Proses Arsip");
  ASSERT_EQ(m.lanes.size(), 1u);
  EXPECT_EQ(m.lanes[0].unit, "u-arsip");
  EXPECT_EQ(m.lanes[0].position, "p-arsiparis");
  EXPECT_EQ(node(m, "a")->sops, (std::vector<std::string>{"sop1", "sop2"}));
  EXPECT_EQ(node(m, "a")->lane, "L1");
  EXPECT_EQ(node(m, "c")->map, "m1");
  EXPECT_EQ(node(m, "c")->type, kNodeSubProcess);
  EXPECT_EQ(node(m, "s")->lane, "");
  EXPECT_EQ(m.flows.size(), 3u);
  EXPECT_THAT(find_note(*r, "task", "a")->message, HasSubstr("s:foo"));
  // No diagram: laid out, and said so.
  EXPECT_NE(find_note(*r, "BPMNDiagram", ""), nullptr);
  for (const auto& n : m.nodes) EXPECT_TRUE(n.bounds.set) << n.id;
  for (const auto& f : m.flows) EXPECT_GE(f.waypoints.size(), 2u) << f.id;
}

TEST(BpmnImport, ListsWhatTheMapKindCannotHold) {
  const std::string xml = definitions(R"(
  <bpmn:collaboration id="C">
    <bpmn:participant id="PA" name="Dinas" processRef="P" />
    <bpmn:participant id="PB" name="Masyarakat" />
    <bpmn:messageFlow id="M" sourceRef="PB" targetRef="t1" />
  </bpmn:collaboration>
  <bpmn:message id="Msg" name="Surat" />
  <bpmn:process id="Empty" />
  <bpmn:process id="P">
    <bpmn:documentation>Catatan proses</bpmn:documentation>
    <bpmn:startEvent id="s" name="Mulai"><bpmn:messageEventDefinition id="med" messageRef="Msg" /></bpmn:startEvent>
    <bpmn:userTask id="t1" name="Tugas" default="f3"><bpmn:multiInstanceLoopCharacteristics /></bpmn:userTask>
    <bpmn:inclusiveGateway id="g" name="Pilih" />
    <bpmn:task id="t2" name="Dua" />
    <bpmn:task id="t3" name="Tiga" />
    <bpmn:boundaryEvent id="b" attachedToRef="t1"><bpmn:timerEventDefinition /></bpmn:boundaryEvent>
    <bpmn:dataObjectReference id="dor" name="Berkas" dataObjectRef="do" />
    <bpmn:dataObject id="do" />
    <bpmn:group id="grp" />
    <bpmn:subProcess id="ev" triggeredByEvent="true" />
    <bpmn:endEvent id="e" name="Selesai"><bpmn:terminateEventDefinition /></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t1" />
    <bpmn:sequenceFlow id="f2" sourceRef="t1" targetRef="g" />
    <bpmn:sequenceFlow id="f3" sourceRef="g" targetRef="t2"><bpmn:conditionExpression>x</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f4" sourceRef="g" targetRef="t3" />
    <bpmn:sequenceFlow id="f5" sourceRef="t2" targetRef="e" />
    <bpmn:sequenceFlow id="f6" sourceRef="b" targetRef="e" />
    <bpmn:sequenceFlow id="f7" sourceRef="nowhere" targetRef="e"><bpmn:conditionExpression>y</bpmn:conditionExpression></bpmn:sequenceFlow>
  </bpmn:process>
)");
  auto r = from_bpmn(xml);
  ASSERT_THAT(r, IsOk());
  EXPECT_EQ(r->map.title, "Dinas");
  EXPECT_EQ(r->map.nodes.size(), 5u);  // s, t1, t2, t3, e
  EXPECT_EQ(r->map.flows.size(), 2u);  // f1, f5
  auto listed = [&](std::string_view element, std::string_view id, std::string_view words) {
    EXPECT_NE(find_note(*r, element, id, words), nullptr) << element << " " << id << " " << words;
  };
  listed("participant", "PB", "tidak diimpor");
  listed("messageFlow", "M", "Alur pesan");
  listed("message", "Msg", "tidak diimpor");
  listed("process", "Empty", "Proses lain");
  listed("documentation", "P", "Dokumentasi");
  listed("messageEventDefinition", "med", "pesan");
  listed("userTask", "t1", "aktivitas");
  listed("userTask", "t1", "Alur bawaan");
  listed("multiInstanceLoopCharacteristics", "t1", "Pengulangan");
  listed("inclusiveGateway", "g", "inklusif");
  listed("boundaryEvent", "b", "timer");
  listed("dataObjectReference", "dor", "data");
  listed("dataObject", "do", "data");
  listed("group", "grp", "Grup");
  listed("subProcess", "ev", "Sub-proses peristiwa");
  listed("terminateEventDefinition", "e", "terminasi");
  listed("conditionExpression", "f3", "Syarat");
  listed("sequenceFlow", "f2", "tujuannya");
  listed("sequenceFlow", "f3", "sumbernya");
  listed("sequenceFlow", "f6", "sumbernya");
  listed("sequenceFlow", "f7", "sumbernya");
}

TEST(BpmnImport, FlattensNestedLanes) {
  const std::string xml = definitions(R"(
  <bpmn:process id="P" name="Berlapis">
    <bpmn:laneSet id="LS">
      <bpmn:lane id="outer" name="Dinas">
        <bpmn:flowNodeRef>a</bpmn:flowNodeRef><bpmn:flowNodeRef>b</bpmn:flowNodeRef><bpmn:flowNodeRef>c</bpmn:flowNodeRef>
        <bpmn:childLaneSet id="CLS">
          <bpmn:lane id="in1" name="Bidang 1"><bpmn:flowNodeRef>a</bpmn:flowNodeRef></bpmn:lane>
          <bpmn:lane id="in2" name="Bidang 2"><bpmn:flowNodeRef>b</bpmn:flowNodeRef>
            <bpmn:childLaneSet id="CLS2"><bpmn:lane id="deep" name="Seksi"><bpmn:flowNodeRef>b</bpmn:flowNodeRef></bpmn:lane></bpmn:childLaneSet>
          </bpmn:lane>
        </bpmn:childLaneSet>
      </bpmn:lane>
      <bpmn:lane id="other" name="Pihak luar" />
    </bpmn:laneSet>
    <bpmn:task id="a" name="A" /><bpmn:task id="b" name="B" /><bpmn:task id="c" name="C" />
  </bpmn:process>
)");
  auto r = from_bpmn(xml);
  ASSERT_THAT(r, IsOk());
  ASSERT_EQ(r->map.lanes.size(), 3u);
  EXPECT_EQ(r->map.lanes[0].id, "in1");
  EXPECT_EQ(r->map.lanes[1].id, "deep");
  EXPECT_EQ(r->map.lanes[2].id, "other");
  EXPECT_EQ(node(r->map, "a")->lane, "in1");
  EXPECT_EQ(node(r->map, "b")->lane, "deep");
  EXPECT_EQ(node(r->map, "c")->lane, "in1") << "only the outer lane named it";
  EXPECT_THAT(find_note(*r, "lane", "outer")->message, HasSubstr("diratakan"));
  EXPECT_THAT(find_note(*r, "lane", "in2")->message, HasSubstr("diratakan"));
}

TEST(BpmnImport, RewritesIdsTheSchemaRefuses) {
  const std::string long_id(100, 'x');
  const std::string xml = definitions(R"(
  <bpmn:process id="P" name="Id">
    <bpmn:startEvent id="Start.1" name="Mulai" />
    <bpmn:task id="1abc" name="Angka di depan" />
    <bpmn:task id="Start_1" name="Sudah ada" />
    <bpmn:task id="dup" name="Pertama" />
    <bpmn:task id="dup" name="Kedua" />
    <bpmn:task id=")" + long_id + R"(" name="Panjang" />
    <bpmn:sequenceFlow id="f.1" sourceRef="Start.1" targetRef="1abc" />
    <bpmn:sequenceFlow id="f2" sourceRef="1abc" targetRef="dup" />
  </bpmn:process>
)");
  auto r = from_bpmn(xml);
  ASSERT_THAT(r, IsOk());
  const auto& n = r->map.nodes;
  ASSERT_EQ(n.size(), 6u);
  EXPECT_EQ(n[0].id, "Start_1_2") << "Start_1 is taken by a valid id";
  EXPECT_EQ(n[1].id, "_1abc");
  EXPECT_EQ(n[2].id, "Start_1");
  EXPECT_EQ(n[3].id, "dup");
  EXPECT_EQ(n[4].id, "dup_2");
  EXPECT_EQ(n[5].id, std::string(64, 'x'));
  const MapFlow* f1 = flow(r->map, "f_1");
  ASSERT_NE(f1, nullptr);
  EXPECT_EQ(f1->from, "Start_1_2");
  EXPECT_EQ(f1->to, "_1abc");
  EXPECT_EQ(flow(r->map, "f2")->to, "dup") << "a reference means the first of twins";
  EXPECT_THAT(find_note(*r, "task", "dup")->message, HasSubstr("dup_2"));
  EXPECT_THAT(find_note(*r, "startEvent", "Start.1")->message, HasSubstr("Start_1_2"));
  for (const auto& node : n) EXPECT_LE(node.id.size(), 64u);
}

TEST(BpmnImport, CapsCountsAtTheSchemasLimits) {
  std::string body = R"(<bpmn:process id="P" name="Besar"><bpmn:laneSet id="LS">)";
  for (int i = 0; i < 31; ++i)
    body += "<bpmn:lane id=\"l" + std::to_string(i) + "\" name=\"L\"><bpmn:flowNodeRef>n" +
            std::to_string(i) + "</bpmn:flowNodeRef></bpmn:lane>";
  body += "</bpmn:laneSet>";
  for (int i = 0; i < 301; ++i)
    body += "<bpmn:task id=\"n" + std::to_string(i) + "\" name=\"T\" />";
  for (int i = 0; i < 601; ++i)
    body += "<bpmn:sequenceFlow id=\"f" + std::to_string(i) + "\" sourceRef=\"n" +
            std::to_string(i % 300) + "\" targetRef=\"n" + std::to_string((i * 7 + 1) % 300) +
            "\" />";
  body += "<bpmn:sequenceFlow id=\"tocut\" sourceRef=\"n1\" targetRef=\"n300\" />";
  body += "</bpmn:process>";
  auto r = from_bpmn(definitions(body));
  ASSERT_THAT(r, IsOk());
  EXPECT_EQ(r->map.lanes.size(), 30u);
  EXPECT_EQ(r->map.nodes.size(), 300u);
  EXPECT_EQ(r->map.flows.size(), 600u);
  EXPECT_THAT(find_note(*r, "lane", "l30")->message, HasSubstr("30"));
  EXPECT_THAT(find_note(*r, "task", "n300")->message, HasSubstr("300"));
  EXPECT_THAT(find_note(*r, "sequenceFlow", "f600")->message, HasSubstr("600"));
  EXPECT_THAT(find_note(*r, "sequenceFlow", "tocut")->message, HasSubstr("tujuannya"));
  EXPECT_EQ(node(r->map, "n29")->lane, "l29");
  // Laid out within the schema's coordinate range.
  for (const auto& n : r->map.nodes) EXPECT_LE(n.bounds.x + n.bounds.width, 100000);
  for (const auto& l : r->map.lanes) EXPECT_LE(l.bounds.y + l.bounds.height, 100000);
}

TEST(BpmnImport, ShortensLongNamesAndRepairsBadDiagramValues) {
  std::string long_name;
  for (int i = 0; i < 310; ++i) long_name += "é";
  const std::string xml = definitions(R"(
  <bpmn:process id="P" name="Nama">
    <bpmn:task id="a" name=")" + long_name +
                                      R"(" />
    <bpmn:task id="b" name="Dua&#10;baris" />
    <bpmn:sequenceFlow id="f" name=")" +
                                      std::string(120, 'z') + R"(" sourceRef="a" targetRef="b" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="D"><bpmndi:BPMNPlane id="PL" bpmnElement="P">
    <bpmndi:BPMNShape id="a_di" bpmnElement="a"><dc:Bounds x="1e9" y="0" width="100" height="80" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="b_di" bpmnElement="b"><dc:Bounds x="NaN" y="0" width="100" height="80" /></bpmndi:BPMNShape>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
)");
  auto r = from_bpmn(xml);
  ASSERT_THAT(r, IsOk());
  EXPECT_EQ(node(r->map, "a")->name, long_name.substr(0, 600));
  EXPECT_EQ(node(r->map, "b")->name, "Dua baris");
  EXPECT_EQ(r->map.flows[0].name, std::string(100, 'z'));
  EXPECT_THAT(find_note(*r, "task", "a")->message, HasSubstr("300"));
  EXPECT_THAT(find_note(*r, "task", "b")->message, HasSubstr("spasi"));
  EXPECT_THAT(find_note(*r, "BPMNDiagram", "")->message, HasSubstr("ditata ulang"));
  EXPECT_LT(node(r->map, "a")->bounds.x, 100000);
}

// --- Hostile input ---------------------------------------------------------------------------

struct Hostile {
  std::string name;
  std::string xml;
  Errc code;
  std::string words;  // in the detail message
};

std::vector<Hostile> hostile_inputs(const std::string& secret_file, int port) {
  const std::string root =
      R"(<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">)";
  const std::string process =
      R"(<bpmn:process id="P"><bpmn:task id="t" name="&x;" /></bpmn:process>)";
  const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/x";
  std::string laughs = R"(<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">)";
  laughs += R"(<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">)";
  for (int i = 2; i <= 9; ++i)
    laughs += "<!ENTITY lol" + std::to_string(i) + " \"" + [&] {
      std::string s;
      for (int k = 0; k < 10; ++k) s += "&lol" + std::to_string(i - 1) + ";";
      return s;
    }() + "\">";
  laughs +=
      "]>" + root +
      R"(<bpmn:process id="P"><bpmn:task id="t" name="&lol9;" /></bpmn:process></bpmn:definitions>)";
  std::string deep = root;
  for (int i = 0; i < 10000; ++i) deep += "<bpmn:extensionElements>";
  for (int i = 0; i < 10000; ++i) deep += "</bpmn:extensionElements>";
  deep += "</bpmn:definitions>";
  std::string just_too_deep = root + R"(<bpmn:process id="P">)";
  for (int i = 0; i < kMaxBpmnDepth - 1; ++i) just_too_deep += "<a>";
  for (int i = 0; i < kMaxBpmnDepth - 1; ++i) just_too_deep += "</a>";
  just_too_deep += "</bpmn:process></bpmn:definitions>";
  std::string many = root + R"(<bpmn:process id="P">)";
  for (std::size_t i = 0; i < kMaxBpmnElements; ++i) many += "<a/>";
  many += "</bpmn:process></bpmn:definitions>";
  std::string huge = root + "<bpmn:process id=\"P\">";
  huge += std::string(5 * 1024 * 1024, ' ');
  huge += "</bpmn:process></bpmn:definitions>";
  return {
      {"billion_laughs", laughs, Errc::kValidation, "DOCTYPE"},
      {"external_entity_file",
       R"(<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://)" + secret_file + R"(">]>)" +
           root + process + "</bpmn:definitions>",
       Errc::kValidation, "DOCTYPE"},
      {"external_entity_passwd",
       R"(<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>)" + root +
           process + "</bpmn:definitions>",
       Errc::kValidation, "DOCTYPE"},
      {"external_entity_http",
       R"(<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM ")" + url + R"(">]>)" + root +
           process + "</bpmn:definitions>",
       Errc::kValidation, "DOCTYPE"},
      {"parameter_entity",
       R"(<?xml version="1.0"?><!DOCTYPE d [<!ENTITY % p SYSTEM ")" + url +
           R"("> %p; <!ENTITY % q "<!ENTITY x 'y'>"> %q;]>)" + root + process +
           "</bpmn:definitions>",
       Errc::kValidation, "DOCTYPE"},
      {"external_dtd",
       R"(<?xml version="1.0"?><!DOCTYPE bpmn:definitions SYSTEM "file://)" + secret_file +
           R"(">)" + root + "</bpmn:definitions>",
       Errc::kValidation, "DOCTYPE"},
      {"internal_subset_only", R"(<!DOCTYPE d []>)" + root + "</bpmn:definitions>",
       Errc::kValidation, "DOCTYPE"},
      {"undeclared_entity", root + process + "</bpmn:definitions>", Errc::kValidation, "entitas"},
      {"over_5_mb", huge, Errc::kTooLarge, "4 MB"},
      {"one_byte_too_many", std::string(kMaxBpmnBytes + 1, ' '), Errc::kTooLarge, "MB"},
      {"nesting_10000", deep, Errc::kValidation, "64"},
      {"nesting_65", just_too_deep, Errc::kValidation, "64"},
      {"too_many_elements", many, Errc::kValidation, "50000"},
      {"wrong_root_namespace",
       R"(<definitions xmlns="http://example.com/not-bpmn"><process id="P"/></definitions>)",
       Errc::kValidation, "namespace"},
      {"old_bpmn_namespace",
       R"(<definitions xmlns="http://www.omg.org/bpmn20"><process id="P"/></definitions>)",
       Errc::kValidation, "namespace"},
      {"process_as_root",
       R"(<bpmn:process xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="P"/>)",
       Errc::kValidation, "definitions"},
      {"svg_root", R"(<svg xmlns="http://www.w3.org/2000/svg"/>)", Errc::kValidation, "BPMN 2.0"},
      {"no_process", root + "</bpmn:definitions>", Errc::kValidation, "proses"},
      {"non_xml_bytes", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), Errc::kValidation, "XML"},
      {"json", R"({"type": "lintas_fungsi"})", Errc::kValidation, "XML"},
      {"invalid_utf8", root + "<bpmn:process id=\"P\" name=\"\xC3\x28\xFF\" /></bpmn:definitions>",
       Errc::kValidation, "UTF-8"},
      {"nul_byte", root + std::string("<bpmn:process id=\"P\0\"/>", 23) + "</bpmn:definitions>",
       Errc::kValidation, "XML"},
      {"control_character_reference",
       root + "<bpmn:process id=\"P\" name=\"&#1;\"/></bpmn:definitions>", Errc::kValidation,
       "XML"},
      {"undeclared_prefix", root + "<x:process id=\"P\"/></bpmn:definitions>", Errc::kValidation,
       "namespace"},
      {"truncated", root + "<bpmn:process id=\"P\"><bpmn:task", Errc::kValidation, "XML"},
      {"empty", "", Errc::kValidation, "kosong"},
      {"whitespace", " \n\t ", Errc::kValidation, "kosong"},
      {"name_300000_chars",
       root + "<bpmn:process id=\"P\"><bpmn:task id=\"t\" name=\"" + std::string(300000, 'a') +
           "\" /></bpmn:process></bpmn:definitions>",
       Errc::kValidation, "4096"},
      {"sopan_attribute_too_long",
       root +
           R"(<bpmn:process id="P" xmlns:sopan="https://sopan.go.id/schema/bpmn/1"><bpmn:task id="t" sopan:sops=")" +
           std::string(5000, 's') + "\" /></bpmn:process></bpmn:definitions>",
       Errc::kValidation, "sopan:sops"},
  };
}

class BpmnHostile : public ::testing::Test {
 protected:
  void SetUp() override {
    secret_ = (dir_.path() / "rahasia.txt").string();
    std::ofstream(secret_) << "RAHASIA-JANGAN-BOCOR";
    listener_ = socket(AF_INET, SOCK_STREAM, 0);
    ASSERT_GE(listener_, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    ASSERT_EQ(listen(listener_, 8), 0);
    socklen_t len = sizeof addr;
    ASSERT_EQ(getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len), 0);
    port_ = ntohs(addr.sin_port);
    fcntl(listener_, F_SETFL, O_NONBLOCK);
  }
  void TearDown() override {
    if (listener_ >= 0) close(listener_);
  }
  /// Whether anything connected to the listener (an entity fetched over the network).
  bool contacted() {
    const int c = accept(listener_, nullptr, nullptr);
    if (c >= 0) close(c);
    return c >= 0;
  }

  sopan::testing::TempDir dir_;
  std::string secret_;
  int listener_ = -1;
  int port_ = 0;
};

TEST_F(BpmnHostile, EveryHostileInputIsRefusedQuietlyWithTheRightCode) {
  for (const Hostile& h : hostile_inputs(secret_, port_)) {
    SCOPED_TRACE(h.name);
    ::testing::internal::CaptureStderr();
    auto r = from_bpmn(h.xml);
    const std::string err = ::testing::internal::GetCapturedStderr();
    EXPECT_THAT(r, ErrcIs(h.code));
    if (r) continue;
    expect_detail(r);
    EXPECT_THAT(detail(r), HasSubstr(h.words));
    EXPECT_THAT(r.error().message, Not(HasSubstr("RAHASIA")));
    EXPECT_THAT(detail(r), Not(HasSubstr("RAHASIA")));
    EXPECT_THAT(detail(r), Not(HasSubstr("root:")));
    EXPECT_EQ(err, "") << "libxml2 must not write to stderr";
  }
  EXPECT_FALSE(contacted()) << "an entity was fetched over the network";
}

TEST_F(BpmnHostile, TheDepthLimitIsExactAndAcceptedFilesStayQuiet) {
  const std::string root =
      R"(<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"><bpmn:process id="P">)";
  std::string ok = root;
  for (int i = 0; i < kMaxBpmnDepth - 2; ++i) ok += "<a>";
  for (int i = 0; i < kMaxBpmnDepth - 2; ++i) ok += "</a>";
  ok += "</bpmn:process></bpmn:definitions>";
  ::testing::internal::CaptureStderr();
  auto r = from_bpmn(ok);
  // Warnings (an unknown version, say) are not errors and print nothing either.
  auto warned = from_bpmn(R"(<?xml version="1.1"?>)" + ok);
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
  ASSERT_THAT(r, IsOk());
  EXPECT_NE(find_note(*r, "a", "P"), nullptr) << "the foreign element is listed";
  EXPECT_THAT(warned, IsOk());
}

TEST_F(BpmnHostile, ParsesInParallelWithoutSharingState) {
  const std::string good = fixture("camunda_pengaduan.bpmn");
  const auto bad = hostile_inputs(secret_, port_);
  std::atomic<int> wrong = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 40; ++i) {
        const Hostile& h = bad[static_cast<std::size_t>(t * 7 + i) % bad.size()];
        if (h.code == Errc::kTooLarge) continue;
        auto g = from_bpmn(good);
        auto b = from_bpmn(h.xml);
        if (!g || g->map.nodes.size() != 12 || b || b.error().code != h.code) ++wrong;
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(wrong.load(), 0);
}

}  // namespace
}  // namespace sopan::domain
