// `?at=` over HTTP on the demo's dated story (deploy/demo/sop): eight SOPs ratified on
// 2025-08-01, "Pelayanan Rujukan Pasien" withdrawn on 2026-05-04, "Penanganan Pengaduan
// Masyarakat" under revision since 2026-03-02. Lists, documents and print answer for any day,
// and `?at=` of today answers what the plain read does.
#include <boost/json.hpp>
#include <map>

#include "demo_server.hpp"

namespace sopan::testing {
namespace {
namespace json = boost::json;

class TimelineTest : public DemoServerTest {
 protected:
  void SetUp() override {
    DemoServerTest::SetUp();
    start();
    auditor_ = signed_in("auditor");
  }

  /// title → status of every SOP in the list `query` answers.
  std::map<std::string, std::string> list(const std::string& query) {
    auto r = auditor_->request("GET", "/api/v1/sops?limit=1000" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    std::map<std::string, std::string> out;
    const json::value body = json::parse(r.body);
    for (const auto& item : body.at("items").as_array())
      out[std::string(item.at("title").as_string())] = std::string(item.at("status").as_string());
    return out;
  }

  std::string id_of(std::string_view title) {
    const json::value all = json::parse(auditor_->request("GET", "/api/v1/sops?limit=1000").body);
    for (const auto& item : all.at("items").as_array())
      if (item.at("title").as_string() == title) return std::string(item.at("id").as_string());
    ADD_FAILURE() << "no demo SOP " << title;
    return "";
  }

  std::unique_ptr<HttpClient> auditor_;
};

TEST_F(TimelineTest, TheListOfADayShowsWhatWasInForceThen) {
  EXPECT_TRUE(list("&at=2025-07-20").empty());
  auto ratified = list("&at=2025-09-01");
  EXPECT_EQ(ratified.size(), 8u);
  for (const auto& [title, status] : ratified) EXPECT_EQ(status, "berlaku") << title;
  EXPECT_EQ(list("&at=2026-05-03").at("Pelayanan Rujukan Pasien"), "berlaku");
  EXPECT_EQ(list("&at=2026-05-04").at("Pelayanan Rujukan Pasien"), "dicabut");
  // A status filter applies to the status of that day.
  auto withdrawn = list("&at=2026-06-01&status=dicabut");
  ASSERT_EQ(withdrawn.size(), 1u);
  EXPECT_EQ(withdrawn.begin()->first, "Pelayanan Rujukan Pasien");
  // Words on another day are those of that day's version's number and title.
  auto found = list("&at=2026-01-01&q=rujukan%20pasien");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found.begin()->first, "Pelayanan Rujukan Pasien");
  EXPECT_TRUE(list("&at=2025-07-20&q=rujukan").empty());
  EXPECT_EQ(auditor_->request("GET", "/api/v1/sops?at=2026-02-30").status, 400);
}

TEST_F(TimelineTest, TodayAnswersWhatThePlainReadDoes) {
  const std::string today = app_->library().today();
  auto pegawai = signed_in("pegawai");
  for (auto* c : {auditor_.get(), pegawai.get()}) {
    auto in_force = [&](const std::string& query) {
      std::map<std::string, std::string> out;
      const json::value body =
          json::parse(c->request("GET", "/api/v1/sops?limit=1000" + query).body);
      for (const auto& item : body.at("items").as_array())
        if (item.at("in_force").is_object())
          out[std::string(item.at("id").as_string())] =
              std::string(item.at("in_force_identity").at("status").as_string());
      return out;
    };
    EXPECT_EQ(in_force(""), in_force("&at=" + today));
  }
  const std::string id = id_of("Penanganan Pengaduan Masyarakat");
  const json::value plain = json::parse(auditor_->request("GET", "/api/v1/sops/" + id).body);
  const json::value dated =
      json::parse(auditor_->request("GET", "/api/v1/sops/" + id + "?at=" + today).body);
  EXPECT_EQ(plain.at("version"), dated.at("version"));
  EXPECT_EQ(plain.at("status"), dated.at("status"));
  EXPECT_EQ(plain.at("document"), dated.at("document"));
  EXPECT_TRUE(dated.at("actions").as_array().empty());
}

TEST_F(TimelineTest, ADocumentAndItsPrintOfAPastDayCarryThatDaysState) {
  const std::string id = id_of("Pelayanan Rujukan Pasien");
  const json::value before =
      json::parse(auditor_->request("GET", "/api/v1/sops/" + id + "?at=2026-01-15").body);
  EXPECT_EQ(before.at("status"), "berlaku");
  EXPECT_EQ(before.at("as_of"), "2026-01-15");
  const json::value after =
      json::parse(auditor_->request("GET", "/api/v1/sops/" + id + "?at=2026-06-01").body);
  EXPECT_EQ(after.at("status"), "dicabut");
  EXPECT_EQ(after.at("summary").at("status"), "dicabut");

  auto print = auditor_->request("GET", "/api/v1/sops/" + id + "/print?at=2026-01-15");
  ASSERT_EQ(print.status, 200);
  EXPECT_NE(print.body.find("Versi yang berlaku pada 15 Januari 2026"), std::string::npos);
  EXPECT_EQ(print.body.find(">DICABUT<"), std::string::npos);
  auto withdrawn = auditor_->request("GET", "/api/v1/sops/" + id + "/print?at=2026-06-01");
  EXPECT_NE(withdrawn.body.find(">DICABUT<"), std::string::npos);
  EXPECT_EQ(auditor_->request("GET", "/api/v1/sops/" + id + "/flowchart.svg?at=2026-06-01").status,
            200);
  EXPECT_EQ(auditor_->request("GET", "/api/v1/sops/" + id + "?at=2025-07-01").status, 404);

  // History rows name their action, person, position and edition; the monitoring and the
  // withdrawal are dated by the story.
  const json::value history =
      json::parse(auditor_->request("GET", "/api/v1/sops/" + id + "/history").body);
  const auto& rows = history.at("versions").as_array();
  ASSERT_GE(rows.size(), 3u);
  EXPECT_EQ(rows.front().at("label"), "Konsep dibuat");
  EXPECT_EQ(rows.back().at("action"), "withdraw");
  EXPECT_EQ(rows.back().at("label"), "Dicabut");
  EXPECT_EQ(std::string(rows.back().at("time").as_string()).substr(0, 10), "2026-05-04");
  EXPECT_EQ(rows.back().at("edition"), 0);
  EXPECT_FALSE(rows.back().at("position").as_string().empty());
}

// Links are the kind's descriptor's (a SOP's related SOPs): both ways, each as the reader sees it.
TEST_F(TimelineTest, ADocumentsLinksAreReadBothWays) {
  auto penyusun = signed_in("penyusun");
  const std::string target = id_of("Penanganan Pengaduan Masyarakat");
  json::object sop = minimal_sop("800/99/Uji/2026", "Tindak Lanjut Pengaduan", unit_id("2.16"));
  sop["related"] = json::array{
      json::object{{"sop", target}, {"title", "Penanganan Pengaduan"}, {"kind", "prasyarat"}}};
  auto created =
      penyusun->request("POST", "/api/v1/sops", json::serialize(json::object{{"document", sop}}));
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id(json::parse(created.body).at("id").as_string());
  const json::value out =
      json::parse(penyusun->request("GET", "/api/v1/sops/" + id + "/links?version=draft").body);
  EXPECT_EQ(out.at("links").at(0).at("id").as_string(), target);
  EXPECT_EQ(out.at("links").at(0).at("title"), "Penanganan Pengaduan Masyarakat");
  const json::value in =
      json::parse(penyusun->request("GET", "/api/v1/sops/" + target + "/links").body);
  // The new SOP's draft names it, and so does the demo's cross-functional map in force.
  auto kinds_linking = [](const json::value& answer) {
    std::multiset<std::string> out;
    for (const auto& d : answer.at("linked_from").as_array())
      out.insert(std::string(d.at("kind").as_string()));
    return out;
  };
  EXPECT_EQ(kinds_linking(in), (std::multiset<std::string>{"map", "sop"}));
  bool names_new = false;
  for (const auto& d : in.at("linked_from").as_array()) names_new |= d.at("id").as_string() == id;
  EXPECT_TRUE(names_new);
  // A reader of what is in force does not see a draft's links.
  auto pegawai = signed_in("pegawai");
  const json::value seen =
      json::parse(pegawai->request("GET", "/api/v1/sops/" + target + "/links").body);
  EXPECT_EQ(kinds_linking(seen), (std::multiset<std::string>{"map"}));
}

TEST_F(TimelineTest, TheWorkflowTableIsServed) {
  auto r = auditor_->request("GET", "/api/v1/workflow");
  ASSERT_EQ(r.status, 200);
  const json::value table = json::parse(r.body);
  std::size_t workflow_actions = 0;
  for (const auto& a : table.at("actions").as_array())
    workflow_actions += a.at("workflow").as_bool();
  EXPECT_EQ(workflow_actions, 9u);  // DESIGN §3's eight and recall
  bool ratify_needs_password = false;
  for (const auto& a : table.at("actions").as_array())
    if (a.at("name") == "ratify") ratify_needs_password = a.at("password").as_bool();
  EXPECT_TRUE(ratify_needs_password);
  EXPECT_FALSE(table.at("transitions").as_array().empty());
}

}  // namespace
}  // namespace sopan::testing
