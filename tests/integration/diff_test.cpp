// The review diff over HTTP: steps matched by id (an inserted step is one addition, not a
// renumbering), and "since the version I last reviewed" for a verifier.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "demo_server.hpp"
#include "http_client.hpp"

namespace sopan {
namespace {
using sopan::testing::HttpClient;
using sopan::testing::HttpReply;
namespace json = boost::json;

class DiffTest : public sopan::testing::DemoServerTest {
 protected:
  void SetUp() override {
    DemoServerTest::SetUp();
    start();
    penyusun = signed_in("penyusun");
    verifikator = signed_in("verifikator");
    doc = sopan::testing::minimal_sop("800/77/Diskominfo/2026", "Peminjaman Proyektor",
                                      unit_id("2.16"));
    auto created =
        penyusun->request("POST", "/api/v1/sops", json::serialize(json::object{{"document", doc}}));
    ASSERT_EQ(created.status, 201) << created.body;
    id = std::string(json::parse(created.body).at("id").as_string());
  }

  /// Saves `doc` as the draft over `version`; answers the new version.
  int save(int version) {
    auto saved = penyusun->request("PUT", "/api/v1/sops/" + id + "/draft",
                                   json::serialize(json::object{{"document", doc}}),
                                   {{"If-Match", "\"" + std::to_string(version) + "\""}});
    EXPECT_EQ(saved.status, 200) << saved.body;
    return static_cast<int>(json::parse(saved.body).at("version").to_number<int>());
  }
  int act(HttpClient& c, const std::string& action, int version) {
    auto r = c.request("POST", "/api/v1/sops/" + id + "/actions/" + action,
                       R"({"reason":"Uji perbandingan"})",
                       {{"If-Match", "\"" + std::to_string(version) + "\""}});
    EXPECT_EQ(r.status, 200) << r.body;
    return static_cast<int>(json::parse(r.body).at("version").to_number<int>());
  }
  HttpReply diff(HttpClient& c, const std::string& query) {
    return c.request("GET", "/api/v1/sops/" + id + "/diff?" + query);
  }
  json::array& steps() { return doc["steps"].as_array(); }

  std::unique_ptr<HttpClient> penyusun, verifikator;
  json::object doc;
  std::string id;
};

/// The number of entries under each of `d`'s kinds of change, as one line to compare.
std::string shape(const json::value& d) {
  std::string out;
  for (const char* k : {"fields", "lists"})
    out += std::string(k) + "=" + std::to_string(d.at(k).as_array().size()) + " ";
  for (const char* group : {"actors", "steps"})
    for (const auto& m : d.at(group).as_object())
      out += std::string(group) + "." + std::string(m.key()) + "=" +
             std::to_string(m.value().as_array().size()) + " ";
  return out;
}

TEST_F(DiffTest, AStepInsertedInTheMiddleIsTheOnlyChange) {
  steps().emplace(steps().begin() + 1, json::object{{"id", "siapkan"},
                                                    {"symbol", "kegiatan"},
                                                    {"actor", "p"},
                                                    {"activity", "Menyiapkan surat permohonan"}});
  ASSERT_EQ(save(1), 2);
  auto reply = diff(*penyusun, "from=1&to=2");
  ASSERT_EQ(reply.status, 200) << reply.body;
  const json::value d = json::parse(reply.body);
  EXPECT_EQ(d.at("from").to_number<int>(), 1);
  EXPECT_EQ(d.at("to").to_number<int>(), 2);
  EXPECT_FALSE(d.at("empty").as_bool());
  EXPECT_EQ(shape(d),
            "fields=0 lists=0 actors.added=0 actors.removed=0 actors.changed=0 steps.added=1 "
            "steps.removed=0 steps.moved=0 steps.changed=0 ");
  const json::value& added = d.at("steps").at("added").at(0);
  EXPECT_EQ(added.at("id").as_string(), "siapkan");
  EXPECT_EQ(added.at("no").to_number<int>(), 2);
  EXPECT_EQ(added.at("actor_name").as_string(), "Peminjam");

  // The same version on both sides: nothing.
  EXPECT_TRUE(json::parse(diff(*penyusun, "from=2&to=draft").body).at("empty").as_bool());
  // The existing errors stay: a bad version names its parameter.
  auto bad = diff(*penyusun, "from=kemarin");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("/query/from"), std::string::npos) << bad.body;
}

TEST_F(DiffTest, SinceTheVersionIReviewed) {
  // Never reviewed: 404, in Indonesian, naming the parameter.
  auto never = diff(*verifikator, "from=reviewed");
  EXPECT_EQ(never.status, 404) << never.body;
  EXPECT_NE(never.body.find("belum pernah memeriksa"), std::string::npos) << never.body;
  EXPECT_NE(never.body.find("/query/from"), std::string::npos) << never.body;

  const int submitted = act(*penyusun, "submit", 1);
  const int sent_back = act(*verifikator, "request-changes", submitted);
  steps()[1].as_object()["activity"] = "Mengisi formulir peminjaman proyektor";
  const int fixed = save(sent_back);

  auto reply = diff(*verifikator, "from=reviewed");
  ASSERT_EQ(reply.status, 200) << reply.body;
  const json::value d = json::parse(reply.body);
  EXPECT_EQ(d.at("from").to_number<int>(), sent_back);
  EXPECT_EQ(d.at("to").to_number<int>(), fixed);
  EXPECT_EQ(shape(d),
            "fields=0 lists=0 actors.added=0 actors.removed=0 actors.changed=0 steps.added=0 "
            "steps.removed=0 steps.moved=0 steps.changed=1 ");
  const json::value& change = d.at("steps").at("changed").at(0).at("changes").at(0);
  EXPECT_EQ(change.at("field").as_string(), "activity");
  EXPECT_EQ(change.at("before").as_string(), "Mengisi formulir peminjaman");
  EXPECT_EQ(change.at("after").as_string(), "Mengisi formulir peminjaman proyektor");

  // A comment on the fixed draft is a review of that version too.
  ASSERT_EQ(verifikator
                ->request("POST", "/api/v1/sops/" + id + "/comments",
                          R"({"text":"Sudah sesuai, tinggal diajukan."})")
                .status,
            201);
  const json::value after_comment = json::parse(diff(*verifikator, "from=reviewed").body);
  EXPECT_EQ(after_comment.at("from").to_number<int>(), fixed);
  EXPECT_TRUE(after_comment.at("empty").as_bool());
  // The writer reviewed nothing.
  EXPECT_EQ(diff(*penyusun, "from=reviewed").status, 404);
}

}  // namespace
}  // namespace sopan
