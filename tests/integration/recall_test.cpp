// "Tarik kembali pengajuan" over HTTP: only the account that submitted a draft takes it back
// (another writer of the unit and the verifier are refused), the recall is a commit and a history
// row like a request for changes, and the writer saves again afterwards. Then what a reviewer's
// screen needs for "since my last review": history rows that name the acting account and say
// which are mine, and a diff between any two versions, the draft included.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cstdio>

#include "app/app.hpp"
#include "common/ids.hpp"
#include "demo_server.hpp"
#include "http_client.hpp"
#include "library/accounts.hpp"
#include "library/document_library.hpp"

namespace sopan {
namespace {
using sopan::testing::HttpClient;
using sopan::testing::HttpReply;
using sopan::testing::IsOk;
namespace json = boost::json;

class RecallTest : public sopan::testing::DemoServerTest {
 protected:
  void SetUp() override {
    DemoServerTest::SetUp();
    start();
    // A second writer of Diskominfo (another staff member of the unit).
    library::Account a;
    a.id = new_id();
    a.username = "penyusun2";
    a.nip = "199302182019032011";
    a.name = "Aulia Kusuma Dewi, S.Kom.";
    a.password_hash = library::hash_password("sandi-uji-123");
    a.grants = {{domain::Role::kPenyusun, unit_id("2.16")}};
    ASSERT_THAT(app_->accounts().put(a, {{"kind", "test.account"}}), IsOk());
    penyusun = signed_in("penyusun");
    penyusun2 = std::make_unique<HttpClient>(port_);
    ASSERT_EQ(penyusun2->login("penyusun2", "sandi-uji-123").status, 200);
    verifikator = signed_in("verifikator");
    doc = sopan::testing::minimal_sop("800/41/Diskominfo/2026", "Peminjaman Ruang Rapat",
                                      unit_id("2.16"));
    auto created =
        penyusun->request("POST", "/api/v1/sops", json::serialize(json::object{{"document", doc}}));
    ASSERT_EQ(created.status, 201) << created.body;
    id = std::string(json::parse(created.body).at("id").as_string());
  }

  HttpReply act(HttpClient& c, const std::string& action, int version) {
    return c.request("POST", "/api/v1/sops/" + id + "/actions/" + action,
                     R"({"reason":"Masih ada yang perlu diubah"})",
                     {{"If-Match", "\"" + std::to_string(version) + "\""}});
  }
  HttpReply save(int version) {
    return penyusun->request("PUT", "/api/v1/sops/" + id + "/draft",
                             json::serialize(json::object{{"document", doc}}),
                             {{"If-Match", "\"" + std::to_string(version) + "\""}});
  }
  static int version_of(const HttpReply& r) {
    return static_cast<int>(json::parse(r.body).at("version").to_number<int>());
  }
  json::array history(HttpClient& c) {
    auto r = c.request("GET", "/api/v1/sops/" + id + "/history");
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body).at("versions").as_array();
  }
  json::array actions(HttpClient& c) {
    auto r = c.request("GET", "/api/v1/sops/" + id + "?version=draft");
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body).at("actions").as_array();
  }
  static bool lists(const json::array& actions, std::string_view name) {
    for (const auto& a : actions)
      if (a.as_string() == name) return true;
    return false;
  }
  std::string account_id(const std::string& username) {
    return app_->accounts().by_username(username)->value().id;
  }

  std::unique_ptr<HttpClient> penyusun, penyusun2, verifikator;
  json::object doc;
  std::string id;
};

TEST_F(RecallTest, OnlyTheSubmitterRecallsThenSavesAgain) {
  // The table lists the action and its label.
  const json::value table = json::parse(penyusun->request("GET", "/api/v1/workflow").body);
  bool in_table = false;
  for (const auto& a : table.at("actions").as_array())
    if (a.at("name") == "recall") {
      in_table = true;
      EXPECT_EQ(a.at("label"), "Pengajuan ditarik kembali");
      EXPECT_EQ(a.at("workflow"), true);
      EXPECT_EQ(a.at("signs"), false);
      EXPECT_EQ(a.at("takes_back"), "submit");
    }
  EXPECT_TRUE(in_table);
  bool transition = false;
  for (const auto& t : table.at("transitions").as_array())
    transition = transition || (t.at("action") == "recall" && t.at("from") == "diajukan" &&
                                t.at("to") == "konsep" && t.at("role") == "penyusun");
  EXPECT_TRUE(transition);

  // Not submitted yet: nothing to take back (the state allows submit, not recall).
  EXPECT_EQ(act(*penyusun, "recall", 1).status, 409);

  auto submitted = act(*penyusun, "submit", 1);
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  const int v = version_of(submitted);
  // The button is the submitter's alone.
  EXPECT_TRUE(lists(actions(*penyusun), "recall"));
  EXPECT_FALSE(lists(actions(*penyusun2), "recall"));
  EXPECT_FALSE(lists(actions(*verifikator), "recall"));

  // Another writer of the same unit: refused, in Indonesian, naming the submitter.
  auto other = act(*penyusun2, "recall", v);
  EXPECT_EQ(other.status, 403) << other.body;
  EXPECT_NE(other.body.find("Hanya yang mengajukan"), std::string::npos) << other.body;
  EXPECT_NE(other.body.find("Retno Widyaningsih"), std::string::npos) << other.body;
  EXPECT_NE(other.body.find("/params/action"), std::string::npos) << other.body;
  // The verifier holds no writer's role: refused by the role check.
  EXPECT_EQ(act(*verifikator, "recall", v).status, 403);
  // Still under review, nothing written.
  ASSERT_EQ(history(*penyusun).size(), static_cast<std::size_t>(v));
  EXPECT_EQ(save(v).status, 409);

  auto recalled = act(*penyusun, "recall", v);
  ASSERT_EQ(recalled.status, 200) << recalled.body;
  const int r = version_of(recalled);
  EXPECT_EQ(r, v + 1);
  EXPECT_EQ(json::parse(recalled.body).at("action"), "recall");
  // Back in the writer's hands: no second recall, and the draft saves again.
  EXPECT_EQ(act(*penyusun, "recall", r).status, 409);
  doc["legal_basis"] = json::array{"Peraturan Bupati Contoh Nomor 3 Tahun 2024"};
  auto saved = save(r);
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(version_of(saved), r + 1);

  // The history shows the recall, by whom, unsigned; the commit says so to stock git.
  const json::array rows = history(*verifikator);
  ASSERT_EQ(rows.size(), static_cast<std::size_t>(r + 1));
  const json::value& row = rows[static_cast<std::size_t>(r - 1)];
  EXPECT_EQ(row.at("action"), "recall");
  EXPECT_EQ(row.at("label"), "Pengajuan ditarik kembali");
  EXPECT_EQ(row.at("signature"), "");
  EXPECT_EQ(row.at("on_main"), false);
  EXPECT_EQ(row.at("message"), "Masih ada yang perlu diubah");
  EXPECT_EQ(row.at("username"), "penyusun");
  EXPECT_EQ(row.at("account").as_string(), account_id("penyusun"));
  const std::string commit(row.at("commit").as_string());
  const std::string trailers = git("show -s '--format=%(trailers)' " + commit);
  EXPECT_NE(trailers.find("Sopan-Action: recall\n"), std::string::npos) << trailers;
  EXPECT_NE(trailers.find("Sopan-Actor-Account: " + account_id("penyusun") + "\n"),
            std::string::npos)
      << trailers;
  EXPECT_EQ(trailers.find("Sopan-Signature"), std::string::npos) << trailers;
  // The content was not changed by the recall.
  const json::value diff =
      json::parse(penyusun
                      ->request("GET", "/api/v1/sops/" + id + "/diff?from=" + std::to_string(v) +
                                           "&to=" + std::to_string(r))
                      .body);
  EXPECT_TRUE(diff.at("empty").as_bool());

  auto report = library::DocumentLibrary::verify(dir_.path() / "data");
  ASSERT_THAT(report, IsOk());
  EXPECT_TRUE(report->clean()) << (report->index_problems.empty() ? "" : report->index_problems[0]);
}

TEST_F(RecallTest, HistoryRowsNameTheAccountSoAReviewerFindsTheirLastReview) {
  int v = version_of(act(*penyusun, "submit", 1));
  const int sent_back = version_of(act(*verifikator, "request-changes", v));
  doc["steps"].as_array()[1].as_object()["activity"] = "Mengisi formulir peminjaman ruang";
  const int fixed = version_of(save(sent_back));
  v = version_of(act(*penyusun, "submit", fixed));
  const int verified = version_of(act(*verifikator, "verify", v));

  // Every row: the action, the account and username, the NIP, and whether it is mine.
  const json::array rows = history(*verifikator);
  ASSERT_EQ(rows.size(), static_cast<std::size_t>(verified));
  int last_mine = 0;
  for (const auto& row : rows) {
    const int version = row.at("version").to_number<int>();
    const std::string action(row.at("action").as_string());
    const bool reviewer = action == "verify" || action == "request-changes";
    EXPECT_EQ(row.at("username"), reviewer ? "verifikator" : "penyusun") << version;
    EXPECT_EQ(row.at("account").as_string(), account_id(reviewer ? "verifikator" : "penyusun"))
        << version;
    EXPECT_EQ(row.at("nip"), reviewer ? "198004102005012008" : "198507212010012015") << version;
    EXPECT_EQ(row.at("mine").as_bool(), reviewer) << version;
    EXPECT_EQ(row.at("commit").as_string().size(), 40u);
    if (row.at("mine").as_bool() && reviewer) last_mine = version;
  }
  EXPECT_EQ(last_mine, verified);
  // The same rows read by the writer: theirs are the others.
  for (const auto& row : history(*penyusun))
    EXPECT_EQ(row.at("mine").as_bool(), row.at("username") == "penyusun");

  // The versions the reviewer's screen compares: any two, either way round, the draft included.
  auto diff = [&](const std::string& query) {
    return verifikator->request("GET", "/api/v1/sops/" + id + "/diff?" + query);
  };
  const std::string since = std::to_string(sent_back);
  for (const std::string& query : std::vector<std::string>{
           "from=" + since + "&to=draft", "from=" + since + "&to=" + std::to_string(verified),
           "from=draft&to=" + since, "from=1&to=" + std::to_string(fixed), "from=reviewed"}) {
    auto reply = diff(query);
    ASSERT_EQ(reply.status, 200) << query << " " << reply.body;
    const json::value d = json::parse(reply.body);
    EXPECT_FALSE(d.at("from").is_null()) << query;
  }
  const json::value forward = json::parse(diff("from=" + since + "&to=draft").body);
  EXPECT_EQ(forward.at("from").to_number<int>(), sent_back);
  EXPECT_EQ(forward.at("to").to_number<int>(), verified);
  EXPECT_FALSE(forward.at("empty").as_bool());
  const json::value backward = json::parse(diff("from=draft&to=" + since).body);
  EXPECT_EQ(backward.at("from").to_number<int>(), verified);
  EXPECT_EQ(backward.at("to").to_number<int>(), sent_back);
  // The last review here is the verification itself: nothing changed since.
  EXPECT_TRUE(json::parse(diff("from=reviewed").body).at("empty").as_bool());
  // A version that does not exist is a 404; one that is not a version a 400 naming it.
  EXPECT_EQ(diff("from=99&to=draft").status, 404);
  auto bad = diff("from=1&to=kemarin");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("/query/to"), std::string::npos) << bad.body;
}

}  // namespace
}  // namespace sopan
