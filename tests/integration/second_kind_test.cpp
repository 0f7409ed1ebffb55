// A document kind of the test's own, "catatan dinas" (an official note), registered with only a
// descriptor, a schema and its rules, taken through the whole life cycle over HTTP by the routes,
// workflow, timeline, search and index every kind shares: no SOP code is involved.
#include <boost/json.hpp>
#include <fstream>

#include "demo_server.hpp"
#include "library/document_library.hpp"
#include "library/search.hpp"

namespace sopan::testing {
namespace {
namespace json = boost::json;
namespace fs = std::filesystem;

constexpr library::DocKind kCatatan{"catatan"};

const char* kSchema = R"({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://sopan.local/schemas/catatan.schema.json",
  "title": "Catatan dinas",
  "type": "object",
  "required": ["unit", "title", "body"],
  "additionalProperties": false,
  "properties": {
    "unit": {"type": "string", "maxLength": 26},
    "number": {"type": "string", "maxLength": 60, "x-single-line": true},
    "title": {"type": "string", "minLength": 1, "maxLength": 200, "x-single-line": true},
    "body": {"type": "string", "maxLength": 5000},
    "dates": {"type": "object"}
  }
})";

/// The kind, once per process: the library's descriptor (what is indexed and searched)...
void register_catatan() {
  static const bool registered = [] {
    library::register_kind(
        {kCatatan,
         "catatan",
         "Catatan Dinas",
         "/unit",
         "/number",
         "/title",
         "",
         "/dates/effective",
         {{"/title", library::search::kTitle}, {"/body", library::search::kSteps}}});
    return true;
  }();
  (void)registered;
}

/// ...and what the API adds: its schema and one rule (a note needs a number to be submitted).
api::KindApi catatan_api() {
  api::KindApi k;
  k.kind = library::find_kind(kCatatan);
  k.schema = "catatan";
  k.findings = [](const api::Context&, const json::value& doc, std::string_view) {
    std::vector<domain::Finding> out;
    if (!doc.as_object().contains("number"))
      out.push_back({"catatan.number.missing", "/number", "Nomor catatan belum diisi"});
    return out;
  };
  k.stamp_ratification = [](const std::string& content, const domain::Signature&,
                            const std::string& effective) -> Result<std::string> {
    json::value v = json::parse(content);
    v.as_object()["dates"] = json::object{{"effective", effective}};
    return json::serialize(v);
  };
  return k;
}

class SecondKindTest : public DemoServerTest {
 protected:
  void SetUp() override {
    register_catatan();
    DemoServerTest::SetUp();
    // The schemas the server loads: ours beside the built-in ones.
    const fs::path schemas = dir_.path() / "schemas";
    fs::create_directories(schemas);
    fs::copy(config_.schemas_dir, schemas, fs::copy_options::recursive);
    std::ofstream(schemas / "catatan.schema.json") << kSchema;
    config_.schemas_dir = schemas;
    config_.extra_kinds = {catatan_api()};
    start();
  }

  json::value get(HttpClient& c, const std::string& target) {
    auto r = c.request("GET", target);
    EXPECT_EQ(r.status, 200) << target << " " << r.body;
    return r.status == 200 ? json::parse(r.body) : json::value();
  }

  int act(HttpClient& c, const std::string& id, const std::string& action, std::uint64_t version,
          json::object body = {{"reason", "Uji"}}) {
    auto r = c.request("POST", "/api/v1/catatan/" + id + "/actions/" + action,
                       json::serialize(body), {{"If-Match", std::to_string(version)}});
    EXPECT_LT(r.status, 300) << action << " " << r.body;
    return r.status;
  }
};

TEST_F(SecondKindTest, ANewKindGoesThroughTheWholeLifeCycleOnTheSharedMachine) {
  auto penyusun = signed_in("penyusun");
  auto verifikator = signed_in("verifikator");
  auto pengesah = signed_in("pengesah");
  auto pegawai = signed_in("pegawai");
  const std::string unit = unit_id("2.16");

  // Created and saved as drafts; the kind's own rule reports what blocks submission.
  json::object note{{"unit", unit}, {"title", "Jam layanan loket"}, {"body", "Senin sampai Jumat"}};
  auto created = penyusun->request("POST", "/api/v1/catatan",
                                   json::serialize(json::object{{"document", note}}));
  ASSERT_EQ(created.status, 201) << created.body;
  const json::value c = json::parse(created.body);
  const std::string id(c.at("id").as_string());
  EXPECT_EQ(c.at("problems").at(0).at("code"), "catatan.number.missing");
  EXPECT_EQ(penyusun
                ->request("POST", "/api/v1/catatan/" + id + "/actions/submit",
                          R"({"reason":"Ajukan"})", {{"If-Match", "1"}})
                .status,
            422);
  note["number"] = "CD/01/2026";
  auto saved =
      penyusun->request("PUT", "/api/v1/catatan/" + id + "/draft",
                        json::serialize(json::object{{"document", note}}), {{"If-Match", "1"}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(json::parse(saved.body).at("version"), 2);
  // Unchanged, the same save writes nothing.
  auto again =
      penyusun->request("PUT", "/api/v1/catatan/" + id + "/draft",
                        json::serialize(json::object{{"document", note}}), {{"If-Match", "2"}});
  EXPECT_EQ(json::parse(again.body).at("version"), 2);

  // The one workflow: submit, verify (signed), ratify with the password, in force.
  ASSERT_EQ(act(*penyusun, id, "submit", 2), 200);
  ASSERT_EQ(act(*verifikator, id, "verify", 3), 200);
  ASSERT_EQ(act(*pengesah, id, "ratify", 4, {{"reason", "Sah"}, {"password", "sopan-demo"}}), 200);
  const json::value in_force = get(*pegawai, "/api/v1/catatan/" + id);
  EXPECT_EQ(in_force.at("kind"), "catatan");
  EXPECT_EQ(in_force.at("status"), "berlaku");
  EXPECT_EQ(in_force.at("document").at("title"), "Jam layanan loket");
  EXPECT_EQ(std::string(in_force.at("document").at("dates").at("effective").as_string()),
            app_->library().today());
  EXPECT_EQ(in_force.at("ratification").at("nip").as_string().size(), 18u);

  // Lists, search and the timeline are the shared ones; the SOP collection does not have it.
  const json::value list = get(*pegawai, "/api/v1/catatan");
  ASSERT_EQ(list.at("count"), 1);
  EXPECT_EQ(list.at("items").at(0).at("number"), "CD/01/2026");
  EXPECT_EQ(get(*pegawai, "/api/v1/catatan?q=loket").at("count"), 1);
  EXPECT_EQ(get(*pegawai, "/api/v1/catatan?at=" + app_->library().today()).at("count"), 1);
  EXPECT_EQ(get(*pegawai, "/api/v1/catatan?at=2025-01-01").at("count"), 0);
  EXPECT_EQ(pegawai->request("GET", "/api/v1/sops/" + id).status, 404);
  const json::value sops = get(*pegawai, "/api/v1/sops?limit=1000");
  for (const auto& item : sops.at("items").as_array()) EXPECT_NE(item.at("id").as_string(), id);

  // Revised and withdrawn; the history names every step.
  ASSERT_EQ(act(*penyusun, id, "revise", 5), 200);
  ASSERT_EQ(act(*penyusun, id, "discard", 6), 200);
  EXPECT_EQ(get(*penyusun, "/api/v1/catatan/" + id).at("status"), "berlaku");
  ASSERT_EQ(act(*pengesah, id, "withdraw", 5), 200);  // If-Match: the version in force
  EXPECT_EQ(get(*pegawai, "/api/v1/catatan/" + id).at("status"), "dicabut");
  const json::value history = get(*penyusun, "/api/v1/catatan/" + id + "/history");
  std::vector<std::string> actions;
  for (const auto& row : history.at("versions").as_array())
    actions.emplace_back(row.at("action").as_string());
  EXPECT_EQ(actions, (std::vector<std::string>{"create", "save", "submit", "verify", "ratify",
                                               "revise", "discard", "withdraw"}));

  // Rebuilt from git, the index is the same: the kind is indexed by its descriptor alone.
  auto report = library::DocumentLibrary::verify(dir_.path() / "data");
  ASSERT_THAT(report, IsOk());
  EXPECT_TRUE(report->clean());
}

}  // namespace
}  // namespace sopan::testing
