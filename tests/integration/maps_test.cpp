// Business-process maps over HTTP on the demo instansi (issue 13): the map kind through the
// generic document routes, the BPMN beside a cross-functional map's JSON in git, the export →
// import → export round trip, hostile XML refused with nothing changed, the diagram's
// drill-down, coverage on two days, and a map taken through the whole workflow.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "app/app.hpp"
#include "common/ids.hpp"
#include "demo_server.hpp"
#include "http_client.hpp"
#include "library/document_library.hpp"

namespace sopan {
namespace {
using sopan::testing::HttpClient;
using sopan::testing::HttpReply;
using sopan::testing::IsOk;
namespace json = boost::json;

class MapsTest : public sopan::testing::DemoServerTest {
 protected:
  void SetUp() override {
    DemoServerTest::SetUp();
    start();
    penyusun = signed_in("penyusun");
    verifikator = signed_in("verifikator");
    pengesah = signed_in("pengesah");
  }

  json::array maps(const std::string& query) {
    auto r = penyusun->request("GET", "/api/v1/maps?" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body).at("items").as_array();
  }
  std::string map_id(const std::string& title) {
    for (const auto& m : maps("limit=100"))
      if (m.at("title").as_string() == title) return std::string(m.at("id").as_string());
    ADD_FAILURE() << "no demo map " << title;
    return "";
  }
  HttpReply import(const std::string& xml, const std::string& type = "application/xml") {
    return penyusun->request("POST", "/api/v1/maps/import/bpmn?unit=" + unit_id("2.16"), xml,
                             {{"Content-Type", type}});
  }
  json::object coverage(const std::string& query) {
    auto r = verifikator->request("GET", "/api/v1/coverage?" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body).as_object();
  }
  static std::size_t count(const json::object& cov, std::string_view type) {
    std::size_t n = 0;
    for (const auto& item : cov.at("items").as_array())
      if (item.at("type").as_string() == type) ++n;
    return n;
  }
  HttpReply act(HttpClient& c, const std::string& id, const std::string& action,
                std::uint64_t version, json::object body) {
    return c.request("POST", "/api/v1/maps/" + id + "/actions/" + action, json::serialize(body),
                     {{"If-Match", "\"" + std::to_string(version) + "\""}});
  }
  static std::uint64_t version_of(const HttpReply& r) {
    return json::parse(r.body).at("version").to_number<std::uint64_t>();
  }

  std::unique_ptr<HttpClient> penyusun, verifikator, pengesah;
};

TEST_F(MapsTest, DemoMapsAreAKindOfTheirOwnWithLevelsAndTypes) {
  auto level0 = maps("classification=level0");
  ASSERT_EQ(level0.size(), 1u);
  EXPECT_EQ(level0[0].at("status").as_string(), "berlaku");
  EXPECT_EQ(maps("classification=lintas_fungsi&status=berlaku").size(), 4u);
  EXPECT_EQ(maps("classification=lintas_fungsi&status=konsep").size(), 1u);
  // A map is not a SOP: its id is unknown under /api/v1/sops.
  const std::string id(level0[0].at("id").as_string());
  EXPECT_EQ(penyusun->request("GET", "/api/v1/sops/" + id).status, 404);
  // The level-0 diagram links each detailed process to the map that details it.
  auto svg = penyusun->request("GET", "/api/v1/maps/" + id + "/diagram.svg");
  ASSERT_EQ(svg.status, 200) << svg.body;
  EXPECT_EQ(svg.header("content-type").rfind("image/svg+xml", 0), 0u);
  const std::string kominfo = map_id("Pelayanan Informasi dan Komunikasi Publik");
  EXPECT_NE(svg.body.find("data-process=\"P5\" data-map=\"" + kominfo + "\""), std::string::npos)
      << svg.body.substr(0, 2000);
  EXPECT_EQ(svg.body.find("<script"), std::string::npos);
}

TEST_F(MapsTest, CrossFunctionalMapKeepsItsBpmnBesideItsJsonAndRoundTrips) {
  const std::string id = map_id("Pengelolaan Pengaduan Masyarakat");
  auto bpmn = penyusun->request("GET", "/api/v1/maps/" + id + "/bpmn");
  ASSERT_EQ(bpmn.status, 200) << bpmn.body;
  EXPECT_EQ(bpmn.header("content-type").rfind("application/xml", 0), 0u);
  // The file in git, read with stock git, is the export: any BPMN tool opens it from a clone.
  const std::string path = "maps/" + std::string(shard_of(id)) + "/" + id + ".bpmn";
  EXPECT_EQ(git("show refs/heads/main:" + path), bpmn.body);
  EXPECT_NE(bpmn.body.find("sopan:sops=\""), std::string::npos);

  // Import answers the map and writes nothing.
  const std::string head = main_head();
  auto imported = import(bpmn.body);
  ASSERT_EQ(imported.status, 200) << imported.body;
  EXPECT_EQ(main_head(), head);
  auto answer = json::parse(imported.body).as_object();
  EXPECT_TRUE(answer.at("unsupported").as_array().empty()) << imported.body;
  const json::object& read = answer.at("map").as_object();
  EXPECT_EQ(read.at("type").as_string(), "lintas_fungsi");
  EXPECT_EQ(read.at("nodes").as_array().size(), 10u);  // with the gateway joining the branches

  // Revised with the imported diagram, the draft's BPMN is the same bytes.
  auto current = penyusun->request("GET", "/api/v1/maps/" + id);
  ASSERT_EQ(current.status, 200);
  auto doc = json::parse(current.body).at("document").as_object();
  for (const char* key : {"lanes", "nodes", "flows"}) doc[key] = read.at(key);
  const auto in_force = json::parse(current.body).at("version").to_number<std::uint64_t>();
  auto revised = act(*penyusun, id, "revise", in_force, {{"reason", "Tata letak dari BPMN"}});
  ASSERT_EQ(revised.status, 200) << revised.body;
  auto saved = penyusun->request("PUT", "/api/v1/maps/" + id + "/draft",
                                 json::serialize(json::object{{"document", doc}}),
                                 {{"If-Match", "\"" + std::to_string(version_of(revised)) + "\""}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  // Export → import → export: the same bytes, in the draft's file in git too.
  auto again = penyusun->request("GET", "/api/v1/maps/" + id + "/bpmn?version=draft");
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(again.body, bpmn.body);
  EXPECT_EQ(git("show refs/drafts/" + id + ":" + path), again.body);
}

TEST_F(MapsTest, HostileXmlIsRefusedAndChangesNothing) {
  const std::string head = main_head();
  const std::string laughs =
      "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
      "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
      "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
      "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">"
      "<bpmn:process id=\"P\"><bpmn:task id=\"T\" name=\"&lol3;\"/></bpmn:process>"
      "</bpmn:definitions>";
  const std::string external =
      "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
      "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">"
      "<bpmn:process id=\"P\"><bpmn:task id=\"T\" name=\"&x;\"/></bpmn:process>"
      "</bpmn:definitions>";
  std::string deep =
      "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">";
  for (int i = 0; i < 5000; ++i) deep += "<a>";
  const std::string wrong_ns =
      "<definitions xmlns=\"http://example.com/not-bpmn\"><process id=\"P\"/></definitions>";
  for (const auto& [what, xml] :
       {std::pair{"billion laughs", laughs}, std::pair{"external entity", external},
        std::pair{"deep nesting", deep}, std::pair{"wrong namespace", wrong_ns},
        std::pair{"not XML", std::string("\x01\x02 bukan xml \xff")}}) {
    auto r = import(xml);
    EXPECT_EQ(r.status, 422) << what << ": " << r.body;
    EXPECT_NE(r.body.find("/bpmn"), std::string::npos) << what << ": " << r.body;
    EXPECT_EQ(r.body.find("root:"), std::string::npos) << what;  // nothing of /etc/passwd
  }
  EXPECT_EQ(import("<x/>", "application/json").status, 415);
  // Far beyond the body limit: refused before it is read whole.
  auto huge = import(std::string(100u << 20, 'a'));
  EXPECT_EQ(huge.status, 413);
  EXPECT_EQ(main_head(), head);
  // The service still answers.
  EXPECT_EQ(signed_in("verifikator")->request("GET", "/api/v1/maps?limit=1").status, 200);
}

TEST_F(MapsTest, CoverageShowsGapsAndTheWithdrawnSopsDriftOnlyAfterItsWithdrawal) {
  auto now = coverage("");
  const auto& totals = now.at("totals").as_object();
  EXPECT_GT(totals.at("activities").to_number<int>(),
            totals.at("activities_with_sop").to_number<int>());
  EXPECT_EQ(count(now, "sop_dicabut"), 2u);  // both activities linked to the withdrawn SOP
  EXPECT_GE(count(now, "aktivitas_tanpa_sop"), 1u);
  EXPECT_GE(count(now, "sop_tanpa_peta"), 1u);
  EXPECT_GE(count(now, "proses_belum_dirinci"), 1u);
  bool names_withdrawn = false;
  for (const auto& item : now.at("items").as_array())
    if (item.at("type").as_string() == "sop_dicabut")
      names_withdrawn = item.at("sop").at("title").as_string() == "Pelayanan Rujukan Pasien";
  EXPECT_TRUE(names_withdrawn) << json::serialize(now);
  // Before the withdrawal (2026-05-04) the same map had no drift.
  auto before = coverage("at=2026-01-15");
  EXPECT_EQ(count(before, "sop_dicabut"), 0u) << json::serialize(before);
  // One OPD's subtree: only its maps and SOPs.
  auto dukcapil = coverage("unit=" + unit_id("2.12"));
  for (const auto& item : dukcapil.at("items").as_array())
    EXPECT_NE(item.at("type").as_string(), "sop_dicabut");
  EXPECT_EQ(verifikator->request("GET", "/api/v1/coverage?at=kemarin").status, 400);
  EXPECT_EQ(verifikator->request("GET", "/api/v1/coverage?unit=tidak-ada").status, 404);
}

TEST_F(MapsTest, ADraftMapGoesThroughTheWorkflowAndChangesCoverage) {
  const std::string id = map_id("Pengembangan Aplikasi Layanan");
  auto draft = penyusun->request("GET", "/api/v1/maps/" + id + "?version=draft");
  ASSERT_EQ(draft.status, 200) << draft.body;
  auto doc = json::parse(draft.body).at("document").as_object();
  std::uint64_t version = json::parse(draft.body).at("version").to_number<std::uint64_t>();
  const auto before = coverage("unit=" + unit_id("2.16"));

  // A dangling flow is a finding: saved as a warning, refused on submission.
  json::object dangling{{"id", "Flow_x"}, {"from", "Task_Analisis"}, {"to", "Tidak_ada"}};
  doc["flows"].as_array().push_back(dangling);
  auto saved = penyusun->request("PUT", "/api/v1/maps/" + id + "/draft",
                                 json::serialize(json::object{{"document", doc}}),
                                 {{"If-Match", "\"" + std::to_string(version) + "\""}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_NE(saved.body.find("/flows/2"), std::string::npos) << saved.body;
  version = version_of(saved);
  auto refused = act(*penyusun, id, "submit", version, {{"reason", "Mohon diperiksa"}});
  EXPECT_EQ(refused.status, 422) << refused.body;

  // Fixed, with the activity linked to a SOP in force, it goes through.
  doc["flows"].as_array().pop_back();
  const std::string sop = [&] {
    auto r = penyusun->request("GET", "/api/v1/sops?limit=100");
    const json::value list = json::parse(r.body);
    for (const auto& s : list.at("items").as_array())
      if (s.at("title").as_string() == "Penanganan Pengaduan Masyarakat")
        return std::string(s.at("id").as_string());
    ADD_FAILURE() << r.body;
    return std::string();
  }();
  for (auto& n : doc["nodes"].as_array())
    if (n.at("id").as_string() == "Task_Analisis")
      n.as_object()["sops"] = json::array{json::value(sop)};
  saved = penyusun->request("PUT", "/api/v1/maps/" + id + "/draft",
                            json::serialize(json::object{{"document", doc}}),
                            {{"If-Match", "\"" + std::to_string(version) + "\""}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  version = version_of(saved);
  auto submitted = act(*penyusun, id, "submit", version, {{"reason", "Mohon diperiksa"}});
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  auto verified =
      act(*verifikator, id, "verify", version_of(submitted), {{"reason", "Sesuai pedoman"}});
  ASSERT_EQ(verified.status, 200) << verified.body;
  auto ratified = act(*pengesah, id, "ratify", version_of(verified),
                      {{"reason", "Disahkan"}, {"password", "sopan-demo"}});
  ASSERT_EQ(ratified.status, 200) << ratified.body;

  auto after = coverage("unit=" + unit_id("2.16"));
  EXPECT_EQ(after.at("totals").at("maps").to_number<int>(),
            before.at("totals").at("maps").to_number<int>() + 1);
  EXPECT_EQ(after.at("totals").at("activities_with_sop").to_number<int>(),
            before.at("totals").at("activities_with_sop").to_number<int>() + 1);
  // The ratified version carries its signer, and its BPMN is on main beside it.
  auto in_force = penyusun->request("GET", "/api/v1/maps/" + id);
  ASSERT_EQ(in_force.status, 200);
  EXPECT_TRUE(json::parse(in_force.body).at("document").as_object().contains("ratified_by"));
  EXPECT_NE(git("ls-tree -r --name-only refs/heads/main maps/").find(id + ".bpmn"),
            std::string::npos);
  app_.reset();
  auto report = library::DocumentLibrary::verify(dir_.path() / "data");
  ASSERT_THAT(report, IsOk());
  EXPECT_TRUE(report->clean());
}

}  // namespace
}  // namespace sopan
