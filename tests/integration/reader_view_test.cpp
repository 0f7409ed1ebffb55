// Readers see only what they may read (issue 10, item 7): over HTTP, someone without the right
// to read a unit's drafts finds its SOPs in the list, in search and in the counts by what the
// version in force says; a drafter of the unit finds the open revision by its new words.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <map>

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

class ReaderViewTest : public sopan::testing::DemoServerTest {
 protected:
  void SetUp() override {
    DemoServerTest::SetUp();
    start();
  }
  std::string unit(std::string_view code) { return unit_id(code); }
  static HttpReply act(HttpClient& c, const std::string& id, const std::string& action, int version,
                       json::object body) {
    return c.request("POST", "/api/v1/sops/" + id + "/actions/" + action, json::serialize(body),
                     {{"If-Match", "\"" + std::to_string(version) + "\""}});
  }
  /// GET /api/v1/sops with `query`; the answer's items by id, and its count.
  static std::map<std::string, json::object> list(HttpClient& c, const std::string& query,
                                                  std::size_t* count = nullptr) {
    HttpReply r = c.request("GET", "/api/v1/sops?limit=1000" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    const json::value v = json::parse(r.body);
    std::map<std::string, json::object> out;
    for (const auto& item : v.at("items").as_array())
      out[std::string(item.at("id").as_string())] = item.as_object();
    if (count) *count = static_cast<std::size_t>(v.at("count").as_int64());
    EXPECT_EQ(out.size(), static_cast<std::size_t>(v.at("count").as_int64()));
    return out;
  }
};

TEST_F(ReaderViewTest, AnOpenRevisionShowsOnlyToThoseWhoMayReadDrafts) {
  auto penyusun = signed_in("penyusun");
  auto verifikator = signed_in("verifikator");
  auto pengesah = signed_in("pengesah");
  auto pegawai = signed_in("pegawai");
  // A penyusun of another unit (Bagian Organisasi) may read drafts there, not in Diskominfo.
  library::Account other;
  other.id = new_id();
  other.username = "penyusun-organisasi";
  other.nip = "199001012015011001";
  other.name = "Akun penyusun-organisasi";
  other.password_hash = library::hash_password("sandi-uji-123");
  other.grants = {{domain::Role::kPenyusun, unit("1.1")}};
  ASSERT_THAT(app_->accounts().put(other, {{"kind", "test.account"}}), IsOk());
  auto outsider = std::make_unique<HttpClient>(port_);
  ASSERT_EQ(outsider->login("penyusun-organisasi", "sandi-uji-123").status, 200);

  // A SOP of Diskominfo through review into force (version 4).
  json::object doc =
      sopan::testing::minimal_sop("800/97/Diskominfo/2026", "Peminjaman Ruang Rapat", unit("2.16"));
  auto created =
      penyusun->request("POST", "/api/v1/sops", json::serialize(json::object{{"document", doc}}));
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id(json::parse(created.body).at("id").as_string());
  ASSERT_EQ(act(*penyusun, id, "submit", 1, {{"reason", "Mohon diperiksa"}}).status, 200);
  ASSERT_EQ(act(*verifikator, id, "verify", 2, {{"reason", "Sesuai format"}}).status, 200);
  auto ratified =
      act(*pengesah, id, "ratify", 3, {{"reason", "Disahkan"}, {"password", "sopan-demo"}});
  ASSERT_EQ(ratified.status, 200) << ratified.body;

  // The revision: a new title, a new number and a step with a word of its own.
  ASSERT_EQ(act(*penyusun, id, "revise", 4, {{"reason", "Revisi tahunan"}}).status, 200);
  doc["title"] = "Peminjaman Ruang Zamrudkencana";
  doc["number"] = "800/96/Diskominfo/2026";
  doc["steps"].as_array()[1].as_object()["activity"] = "Mencatat safirbiru peminjaman";
  auto saved =
      penyusun->request("PUT", "/api/v1/sops/" + id + "/draft",
                        json::serialize(json::object{{"document", doc}}), {{"If-Match", "\"5\""}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  // And a draft that never came into force.
  json::object fresh = doc;
  fresh["title"] = "Konsep Kecubungungu";
  fresh["number"] = "800/95/Diskominfo/2026";
  auto unratified =
      penyusun->request("POST", "/api/v1/sops", json::serialize(json::object{{"document", fresh}}));
  ASSERT_EQ(unratified.status, 201) << unratified.body;
  const std::string never(json::parse(unratified.body).at("id").as_string());

  for (HttpClient* reader : {pegawai.get(), outsider.get()}) {
    SCOPED_TRACE(reader == pegawai.get() ? "pegawai" : "penyusun of another unit");
    // The list: the identity and status of the version in force, no open draft.
    auto all = list(*reader, "");
    ASSERT_TRUE(all.count(id));
    EXPECT_EQ(all[id].at("title"), "Peminjaman Ruang Rapat");
    EXPECT_EQ(all[id].at("number"), "800/97/Diskominfo/2026");
    EXPECT_EQ(all[id].at("status"), "berlaku");
    EXPECT_TRUE(all[id].at("draft").is_null());
    EXPECT_EQ(all[id].at("last_version"), 4);
    EXPECT_FALSE(all.count(never));
    EXPECT_EQ(json::serialize(all[id]).find("Zamrud"), std::string::npos);
    // Search: the words in force only, and the counts agree.
    std::size_t count = 99;
    EXPECT_TRUE(list(*reader, "&q=zamrudkencana", &count).empty());
    EXPECT_EQ(count, 0u);
    EXPECT_TRUE(list(*reader, "&q=safirbiru").empty());
    EXPECT_TRUE(list(*reader, "&q=kecubungungu").empty());
    EXPECT_TRUE(list(*reader, "&q=800/96").empty());
    auto found = list(*reader, "&q=peminjaman%20rapat", &count);
    ASSERT_EQ(count, 1u);
    EXPECT_EQ(found[id].at("title"), "Peminjaman Ruang Rapat");
    EXPECT_EQ(list(*reader, "&q=formulir").count(id), 1u);  // a step word of the version in force
    // Filters by status follow the status in force.
    EXPECT_EQ(list(*reader, "&status=berlaku").count(id), 1u);
    EXPECT_EQ(list(*reader, "&status=konsep").count(id), 0u);
    EXPECT_EQ(list(*reader, "&status=berlaku&q=peminjaman").count(id), 1u);
    EXPECT_EQ(list(*reader, "&unit=" + unit("2.16")).count(id), 1u);
  }

  // The drafter of the unit finds the revision by its new words, as it is now.
  auto mine = list(*penyusun, "");
  EXPECT_EQ(mine[id].at("title"), "Peminjaman Ruang Zamrudkencana");
  EXPECT_EQ(mine[id].at("status"), "konsep");
  EXPECT_EQ(mine[id].at("in_force_identity").at("title"), "Peminjaman Ruang Rapat");
  EXPECT_TRUE(mine.count(never));
  auto hits = list(*penyusun, "&q=zamrudkencana");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[id].at("title"), "Peminjaman Ruang Zamrudkencana");
  EXPECT_EQ(list(*penyusun, "&q=safirbiru").count(id), 1u);
  EXPECT_EQ(list(*penyusun, "&q=kecubungungu").count(never), 1u);
  EXPECT_EQ(list(*penyusun, "&q=rapat").count(id), 0u);  // the revision dropped the word
  EXPECT_EQ(list(*penyusun, "&status=konsep").count(id), 1u);
  EXPECT_EQ(list(*penyusun, "&status=berlaku").count(id), 0u);
  // So does anyone who may read drafts there (the verifikator, over every unit).
  EXPECT_EQ(list(*verifikator, "&q=zamrudkencana").count(id), 1u);

  // Ratified, the new identity is the one in force for everyone.
  ASSERT_EQ(act(*penyusun, id, "submit", 6, {{"reason", "Mohon diperiksa"}}).status, 200);
  ASSERT_EQ(act(*verifikator, id, "verify", 7, {{"reason", "Sesuai format"}}).status, 200);
  ASSERT_EQ(
      act(*pengesah, id, "ratify", 8, {{"reason", "Disahkan"}, {"password", "sopan-demo"}}).status,
      200);
  auto now = list(*pegawai, "&q=zamrudkencana");
  ASSERT_EQ(now.count(id), 1u);
  EXPECT_EQ(now[id].at("title"), "Peminjaman Ruang Zamrudkencana");
  EXPECT_TRUE(list(*pegawai, "&q=rapat").empty());

  auto report = library::DocumentLibrary::verify(dir_.path() / "data");
  ASSERT_THAT(report, IsOk());
  EXPECT_TRUE(report->index_matches);
}

}  // namespace
}  // namespace sopan
