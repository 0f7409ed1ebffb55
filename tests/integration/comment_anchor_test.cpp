// A review comment on a step follows the step (domain/anchor.hpp): stored by the step's id, read
// back as the step's current position in the draft, and marked missing once the step is gone.
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

class CommentAnchorTest : public sopan::testing::DemoServerTest {
 protected:
  void SetUp() override {
    DemoServerTest::SetUp();
    start();
    penyusun_ = signed_in("penyusun");
    verifikator_ = signed_in("verifikator");
    doc_ =
        sopan::testing::minimal_sop("800/98/Diskominfo/2026", "Peminjaman Aula", unit_id("2.16"));
    auto created = penyusun_->request("POST", "/api/v1/sops",
                                      json::serialize(json::object{{"document", doc_}}));
    ASSERT_EQ(created.status, 201) << created.body;
    id_ = std::string(json::parse(created.body).at("id").as_string());
    ASSERT_EQ(act(*penyusun_, "submit", 1).status, 200);
  }

  HttpReply act(HttpClient& c, const std::string& action, int version) {
    return c.request("POST", "/api/v1/sops/" + id_ + "/actions/" + action,
                     json::serialize(json::object{{"reason", "Mohon diperiksa"}}),
                     {{"If-Match", "\"" + std::to_string(version) + "\""}});
  }
  HttpReply comment(json::object body) {
    return verifikator_->request("POST", "/api/v1/sops/" + id_ + "/comments",
                                 json::serialize(body));
  }
  void save(int version) {
    auto saved = penyusun_->request("PUT", "/api/v1/sops/" + id_ + "/draft",
                                    json::serialize(json::object{{"document", doc_}}),
                                    {{"If-Match", "\"" + std::to_string(version) + "\""}});
    ASSERT_EQ(saved.status, 200) << saved.body;
  }
  /// The comment `comment_id` as GET …/comments answers it.
  json::object listed(const std::string& comment_id) {
    const json::value list =
        json::parse(penyusun_->request("GET", "/api/v1/sops/" + id_ + "/comments").body);
    for (const auto& c : list.at("items").as_array())
      if (c.at("id").as_string() == comment_id) return c.as_object();
    ADD_FAILURE() << "no comment " << comment_id;
    return {};
  }
  json::array& steps() { return doc_["steps"].as_array(); }

  std::unique_ptr<HttpClient> penyusun_, verifikator_;
  json::object doc_;
  std::string id_;
};

TEST_F(CommentAnchorTest, ACommentFollowsItsStepAndNotesWhenTheStepIsGone) {
  // Step "2" is the second step: the reviewer points at it by position.
  auto made =
      comment({{"text", "Sebutkan formulir yang dipakai."}, {"anchor", "/steps/1/activity"}});
  ASSERT_EQ(made.status, 201) << made.body;
  const json::value root = json::parse(made.body);
  EXPECT_EQ(root.at("anchor"), "/steps/1/activity");
  EXPECT_EQ(root.at("anchor_stable"), "/steps/@2/activity");
  EXPECT_EQ(root.at("anchor_missing"), false);
  const std::string root_id(root.at("id").as_string());
  auto reply = comment({{"text", "Termasuk formulir daring."}, {"reply_to", root_id}});
  ASSERT_EQ(reply.status, 201) << reply.body;
  const std::string reply_id(json::parse(reply.body).at("id").as_string());
  // An actor follows its id too; a field outside the arrays is stored as it is, empty or not.
  auto on_actor = comment({{"text", "Nama pihak luar kurang jelas."}, {"anchor", "/actors/0"}});
  ASSERT_EQ(on_actor.status, 201) << on_actor.body;
  EXPECT_EQ(json::parse(on_actor.body).at("anchor_stable"), "/actors/@p");
  auto on_field = comment({{"text", "Dasar hukum belum diisi."}, {"anchor", "/legal_basis"}});
  ASSERT_EQ(on_field.status, 201) << on_field.body;
  EXPECT_EQ(json::parse(on_field.body).at("anchor_stable"), "/legal_basis");

  // The writer inserts a step above it.
  ASSERT_EQ(act(*verifikator_, "request-changes", 2).status, 200);
  steps().emplace(steps().begin() + 1, json::object{{"id", "1a"},
                                                    {"symbol", "kegiatan"},
                                                    {"actor", "p"},
                                                    {"activity", "Mengambil nomor antrean"}});
  save(3);
  for (const std::string& c : {root_id, reply_id}) {
    const json::object moved = listed(c);
    EXPECT_EQ(moved.at("anchor"), "/steps/2/activity") << c;
    EXPECT_EQ(moved.at("anchor_stable"), "/steps/@2/activity") << c;
    EXPECT_EQ(moved.at("anchor_missing"), false) << c;
  }
  EXPECT_EQ(steps()[2].at("id"), "2");

  // The writer deletes the step: the comment says so, pointing at the list of steps.
  steps().erase(steps().begin() + 2);
  save(4);
  const json::object gone = listed(root_id);
  EXPECT_EQ(gone.at("anchor"), "/steps");
  EXPECT_EQ(gone.at("anchor_stable"), "/steps/@2/activity");
  EXPECT_EQ(gone.at("anchor_missing"), true);
  EXPECT_EQ(listed(reply_id).at("anchor_missing"), true);
  const json::object actor = listed(std::string(json::parse(on_actor.body).at("id").as_string()));
  EXPECT_EQ(actor.at("anchor"), "/actors/0");
  EXPECT_EQ(actor.at("anchor_missing"), false);
}

TEST_F(CommentAnchorTest, APointerTheDraftDoesNotHaveIsRefused) {
  for (const char* pointer : {"/steps/3", "/steps/7/activity", "/actors/1", "/title/x"}) {
    auto refused = comment({{"text", "Periksa."}, {"anchor", pointer}});
    EXPECT_EQ(refused.status, 422) << pointer;
    EXPECT_NE(refused.body.find("\"/anchor\""), std::string::npos) << refused.body;
  }
  // What the reviewer may ask for: the last step, and a field of it still empty.
  EXPECT_EQ(comment({{"text", "Periksa."}, {"anchor", "/steps/2"}}).status, 201);
  EXPECT_EQ(comment({{"text", "Isi kelengkapan."}, {"anchor", "/steps/2/requirements"}}).status,
            201);
}

// The demo's review (deploy/demo/sop/08-informasi-publik.json, told by `sopan init --demo`)
// stores its comments as the API does: a comment on a step by the step's id.
TEST_F(CommentAnchorTest, TheDemosCommentsAreStoredAsTheApiStoresThem) {
  const json::value sops = json::parse(penyusun_->request("GET", "/api/v1/sops?limit=1000").body);
  std::string demo;
  for (const auto& item : sops.at("items").as_array())
    if (item.at("title") == "Pelayanan Permohonan Informasi Publik")
      demo = std::string(item.at("id").as_string());
  ASSERT_FALSE(demo.empty());
  const json::value list =
      json::parse(penyusun_->request("GET", "/api/v1/sops/" + demo + "/comments").body);
  const json::array& items = list.at("items").as_array();
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].at("anchor_stable"), "/legal_basis");
  EXPECT_EQ(items[1].at("anchor"), "/steps/3");
  EXPECT_EQ(items[1].at("anchor_stable"), "/steps/@4");  // the fourth step's id is "4"
  EXPECT_EQ(items[1].at("anchor_missing"), false);
  EXPECT_EQ(items[2].at("anchor_stable"), "/legal_basis");  // a reply follows its thread
}

}  // namespace
}  // namespace sopan
