// One SOP through review and ratification by three demo users over HTTP, then a revision while
// the ratified version stays in force for everyone else.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cstdio>

#include "app/app.hpp"
#include "demo_server.hpp"
#include "http_client.hpp"

namespace sopan {
namespace {
using sopan::testing::HttpClient;
using sopan::testing::HttpReply;
using sopan::testing::IsOk;
namespace json = boost::json;

class WorkflowTest : public sopan::testing::DemoServerTest {
 protected:
  void SetUp() override {
    DemoServerTest::SetUp();
    start();
  }
  static HttpReply act(HttpClient& c, const std::string& id, const std::string& action, int version,
                       json::object body) {
    return c.request("POST", "/api/v1/sops/" + id + "/actions/" + action, json::serialize(body),
                     {{"If-Match", "\"" + std::to_string(version) + "\""}});
  }
  static std::string status(HttpClient& c, const std::string& id) {
    const json::value list = json::parse(c.request("GET", "/api/v1/sops?limit=1000").body);
    for (const auto& item : list.at("items").as_array())
      if (item.at("id").as_string() == id) return std::string(item.at("status").as_string());
    return "";
  }
};

TEST_F(WorkflowTest, DraftSubmitSendBackFixVerifyRatifyThenRevise) {
  auto penyusun = signed_in("penyusun");
  auto verifikator = signed_in("verifikator");
  auto pengesah = signed_in("pengesah");
  const std::string unit = app_->org().tree()->unit_by_code("2.16")->id;
  json::object doc{
      {"number", "800/99/Diskominfo/2026"},
      {"title", "Peminjaman Ruang Rapat"},
      {"unit", unit},
      {"actors", json::array{json::object{{"id", "p"}, {"external", "Peminjam"}}}},
      {"steps", json::array{json::object{{"id", "1"}, {"symbol", "mulai"}, {"actor", "p"}},
                            json::object{{"id", "2"},
                                         {"symbol", "kegiatan"},
                                         {"actor", "p"},
                                         {"activity", "Mengisi formulir peminjaman"}},
                            json::object{{"id", "3"}, {"symbol", "selesai"}, {"actor", "p"}}}}};
  auto created =
      penyusun->request("POST", "/api/v1/sops", json::serialize(json::object{{"document", doc}}));
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id(json::parse(created.body).at("id").as_string());
  const json::object why{{"reason", "Mohon diperiksa"}};

  ASSERT_EQ(act(*penyusun, id, "submit", 1, why).status, 200);
  EXPECT_EQ(status(*penyusun, id), "diajukan");
  // Now it waits for the verifikator, not for the penyusun or the pengesah.
  auto has_task = [&](HttpClient& c, std::string_view kind) {
    const json::value t = json::parse(c.request("GET", "/api/v1/tasks").body);
    for (const auto& item : t.at("items").as_array())
      if (item.at("id").as_string() == id && item.at("kind").as_string() == kind) return true;
    return false;
  };
  EXPECT_TRUE(has_task(*verifikator, "verify"));
  EXPECT_FALSE(has_task(*penyusun, "draft"));
  EXPECT_FALSE(has_task(*pengesah, "ratify"));
  // Frozen while under review; the reviewer's action in the wrong state is named.
  auto frozen =
      penyusun->request("PUT", "/api/v1/sops/" + id + "/draft",
                        json::serialize(json::object{{"document", doc}}), {{"If-Match", "\"2\""}});
  EXPECT_EQ(frozen.status, 409);
  auto early = act(*pengesah, id, "ratify", 2, {{"reason", "x!!"}, {"password", "sopan-demo"}});
  EXPECT_EQ(early.status, 409);
  EXPECT_NE(early.body.find("verify"), std::string::npos) << early.body;
  // The penyusun may not verify their own draft.
  EXPECT_EQ(act(*penyusun, id, "verify", 2, why).status, 403);

  ASSERT_EQ(
      act(*verifikator, id, "request-changes", 2, {{"reason", "Lengkapi dasar hukum"}}).status,
      200);
  EXPECT_EQ(status(*penyusun, id), "konsep");
  doc["legal_basis"] = json::array{"Peraturan Bupati Contoh Nomor 3 Tahun 2024"};
  ASSERT_EQ(penyusun
                ->request("PUT", "/api/v1/sops/" + id + "/draft",
                          json::serialize(json::object{{"document", doc}}), {{"If-Match", "\"3\""}})
                .status,
            200);
  ASSERT_EQ(act(*penyusun, id, "submit", 4, why).status, 200);
  ASSERT_EQ(act(*verifikator, id, "verify", 5, {{"reason", "Sesuai format"}}).status, 200);
  EXPECT_EQ(status(*penyusun, id), "diverifikasi");
  EXPECT_TRUE(has_task(*pengesah, "ratify"));

  // A wrong password does not ratify, and is logged.
  auto wrong =
      act(*pengesah, id, "ratify", 6, {{"reason", "Disahkan"}, {"password", "salah-sandi-1"}});
  EXPECT_EQ(wrong.status, 422);
  EXPECT_NE(wrong.body.find("/password"), std::string::npos);
  EXPECT_EQ(status(*penyusun, id), "diverifikasi");
  auto ok =
      act(*pengesah, id, "ratify", 6,
          {{"reason", "Disahkan"}, {"password", "sopan-demo"}, {"effective_date", "2026-12-01"}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  auto pegawai = signed_in("pegawai");
  const json::value in_force = json::parse(pegawai->request("GET", "/api/v1/sops/" + id).body);
  EXPECT_EQ(in_force.at("document").at("ratified_by").at("name"), "Drs. H. Sutarman, M.Si.");
  EXPECT_EQ(in_force.at("document").at("dates").at("effective"), "2026-12-01");
  auto auditor = signed_in("auditor");
  const json::value failed =
      json::parse(auditor->request("GET", "/api/v1/events?kind=reauth.failed").body);
  EXPECT_EQ(failed.at("count"), 1);

  // A revision: the penyusun drafts, everyone else still reads version 7.
  ASSERT_EQ(act(*penyusun, id, "revise", 7, {{"reason", "Revisi tahunan"}}).status, 200);
  doc["title"] = "Peminjaman Ruang Rapat dan Aula";
  ASSERT_EQ(penyusun
                ->request("PUT", "/api/v1/sops/" + id + "/draft",
                          json::serialize(json::object{{"document", doc}}), {{"If-Match", "\"8\""}})
                .status,
            200);
  const json::value still = json::parse(pegawai->request("GET", "/api/v1/sops/" + id).body);
  EXPECT_EQ(still.at("document").at("title"), "Peminjaman Ruang Rapat");
  EXPECT_EQ(still.at("version"), 7);

  // Stock git reads the story: the ratification on main carries the signature.
  std::string cmd =
      "git --git-dir=" + (dir_.path() / "data" / "repo.git").string() + " log -1 --format=%B main";
  std::FILE* git = ::popen(cmd.c_str(), "r");
  ASSERT_NE(git, nullptr);
  std::string message;
  char buf[1024];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, git)) > 0;) message.append(buf, n);
  ASSERT_EQ(::pclose(git), 0);
  EXPECT_NE(message.find("Sopan-Action: ratify"), std::string::npos) << message;
  EXPECT_NE(message.find("Sopan-Signature: Drs. H. Sutarman, M.Si.; 197305141998031004; Kepala "
                         "Dinas Komunikasi dan Informatika; disahkan;"),
            std::string::npos)
      << message;
}

}  // namespace
}  // namespace sopan
