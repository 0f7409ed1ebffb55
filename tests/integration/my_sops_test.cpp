// "SOP Saya" over HTTP: GET /api/v1/sops?position=<id>|me lists the SOPs in which a position
// acts, with the steps it acts in, as each reader may see them (drafts only for those who may
// read drafts; the version in force for everyone else), and as they stood on another day (at=).
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <optional>

#include "app/app.hpp"
#include "common/ids.hpp"
#include "common/time.hpp"
#include "demo_server.hpp"
#include "http_client.hpp"
#include "library/accounts.hpp"

namespace sopan {
namespace {
using sopan::testing::HttpClient;
using sopan::testing::HttpReply;
using sopan::testing::IsOk;
namespace json = boost::json;

constexpr TimeMs kDay = 86'400'000;

class MySopsTest : public sopan::testing::DemoServerTest {
 protected:
  void SetUp() override {
    DemoServerTest::SetUp();
    start();
    penyusun = signed_in("penyusun");
    verifikator = signed_in("verifikator");
    pengesah = signed_in("pengesah");
    pegawai = signed_in("pegawai");
    mine = position("2.16.3.1-02");  // the demo pegawai's position
  }

  std::string position(std::string_view code) {
    return app_->org().tree()->position_by_code(code)->id;
  }
  std::string day(int offset) {
    const auto& lib = app_->library();
    return format_date(
        local_date(lib.clock().now() + offset * kDay, lib.instansi().utc_offset_minutes));
  }

  /// A SOP of Diskominfo where the demo pegawai's position performs the steps `steps` (by
  /// number, 2..4) and an outside party the rest.
  json::object sop(const std::vector<int>& steps) {
    json::array list;
    auto actor = [&](int no) {
      return std::find(steps.begin(), steps.end(), no) != steps.end() ? "k" : "p";
    };
    list.push_back(json::object{{"id", "1"}, {"symbol", "mulai"}, {"actor", "p"}});
    for (int no = 2; no <= 4; ++no)
      list.push_back(json::object{{"id", std::to_string(no)},
                                  {"symbol", "kegiatan"},
                                  {"actor", actor(no)},
                                  {"activity", "Langkah " + std::to_string(no)}});
    list.push_back(json::object{{"id", "5"}, {"symbol", "selesai"}, {"actor", "p"}});
    return json::object{{"number", "800/51/Diskominfo/2026"},
                        {"title", "Permintaan Akun Aplikasi"},
                        {"unit", unit_id("2.16")},
                        {"actors", json::array{json::object{{"id", "p"}, {"external", "Pemohon"}},
                                               json::object{{"id", "k"}, {"position", mine}}}},
                        {"steps", std::move(list)}};
  }
  int version_of(const HttpReply& r) {
    EXPECT_EQ(r.status / 100, 2) << r.body;
    return static_cast<int>(json::parse(r.body).at("version").to_number<int>());
  }
  int act(HttpClient& c, const std::string& action, int version, json::object body = {}) {
    body["reason"] = "Uji SOP saya";
    return version_of(c.request("POST", "/api/v1/sops/" + id + "/actions/" + action,
                                json::serialize(body),
                                {{"If-Match", "\"" + std::to_string(version) + "\""}}));
  }
  int save(const json::object& doc, int version) {
    return version_of(penyusun->request("PUT", "/api/v1/sops/" + id + "/draft",
                                        json::serialize(json::object{{"document", doc}}),
                                        {{"If-Match", "\"" + std::to_string(version) + "\""}}));
  }
  int ratify(int version, const std::string& effective) {
    const int verified = act(*verifikator, "verify", act(*penyusun, "submit", version));
    return act(*pengesah, "ratify", verified,
               {{"password", "sopan-demo"}, {"effective_date", effective}});
  }

  json::value list(HttpClient& c, const std::string& query) {
    auto r = c.request("GET", "/api/v1/sops?" + query);
    EXPECT_EQ(r.status, 200) << query << " " << r.body;
    return json::parse(r.body);
  }
  /// The steps `id` is listed with under `query`; nullopt when it is not listed.
  std::optional<std::vector<int>> steps_in(HttpClient& c, const std::string& query) {
    const json::value answer = list(c, query);
    for (const auto& item : answer.at("items").as_array())
      if (item.at("id").as_string() == id) {
        std::vector<int> out;
        for (const auto& n : item.at("position_steps").as_array())
          out.push_back(n.to_number<int>());
        return out;
      }
    return std::nullopt;
  }
  static std::vector<std::string> titles(const json::value& answer) {
    std::vector<std::string> out;
    for (const auto& item : answer.at("items").as_array())
      out.emplace_back(item.at("title").as_string());
    return out;
  }

  std::unique_ptr<HttpClient> penyusun, verifikator, pengesah, pegawai;
  std::string mine, id;
};

TEST_F(MySopsTest, TheSopsAPositionActsInAsEachReaderSeesThem) {
  // `me` is the reader's own position, named in the answer. Out of the box the demo pegawai
  // finds the demo SOP in force where that position acts, with the steps it performs.
  const json::value demo = list(*pegawai, "position=me");
  EXPECT_EQ(demo.at("position").at("id").as_string(), mine);
  EXPECT_EQ(demo.at("position").at("name"), "Pranata Hubungan Masyarakat Ahli Muda");
  EXPECT_EQ(titles(demo), (std::vector<std::string>{"Penanganan Pengaduan Masyarakat"}));
  if (demo.at("count") == 1) {
    EXPECT_EQ(demo.at("items").at(0).at("position_steps"), (json::array{3, 5, 8, 9}));
    EXPECT_EQ(demo.at("items").at(0).at("status"), "berlaku");
  }

  auto created = penyusun->request("POST", "/api/v1/sops",
                                   json::serialize(json::object{{"document", sop({3})}}));
  id = std::string(json::parse(created.body).at("id").as_string());
  const int v1 = version_of(created);
  // A draft: listed for its writer (who may read drafts), not for the pegawai.
  EXPECT_EQ(steps_in(*penyusun, "position=" + mine), (std::vector<int>{3}));
  EXPECT_EQ(steps_in(*pegawai, "position=me"), std::nullopt);

  const int first = ratify(v1, day(0));
  EXPECT_EQ(steps_in(*pegawai, "position=me"), (std::vector<int>{3}));
  EXPECT_EQ(steps_in(*pegawai, "position=" + mine + "&status=berlaku"), (std::vector<int>{3}));
  // Other filters still apply.
  EXPECT_EQ(steps_in(*pegawai, "position=me&unit=" + unit_id("2.02")), std::nullopt);
  EXPECT_EQ(steps_in(*pegawai, "position=me&q=akun%20aplikasi"), (std::vector<int>{3}));

  // A revision gives the position two steps; until it is in force the pegawai sees the old one.
  const int revised = act(*penyusun, "revise", first);
  const int saved = save(sop({2, 4}), revised);
  EXPECT_EQ(steps_in(*penyusun, "position=" + mine), (std::vector<int>{2, 4}));
  EXPECT_EQ(steps_in(*pegawai, "position=me"), (std::vector<int>{3}));
  // Ratified today, in force from tomorrow: each day shows its own version.
  const int second = ratify(saved, day(1));
  EXPECT_EQ(steps_in(*pegawai, "position=me&at=" + day(0)), (std::vector<int>{3}));
  EXPECT_EQ(steps_in(*pegawai, "position=me&at=" + day(1)), (std::vector<int>{2, 4}));
  EXPECT_EQ(steps_in(*pegawai, "position=me&at=" + day(-1)), std::nullopt);

  // A revision that takes the position out: the writer's list drops it at once.
  const int again = act(*penyusun, "revise", second);
  json::object without = sop({});
  without["actors"].as_array().pop_back();
  save(without, again);
  EXPECT_EQ(steps_in(*penyusun, "position=" + mine), std::nullopt);
  EXPECT_EQ(steps_in(*pegawai, "position=me&at=" + day(1)), (std::vector<int>{2, 4}));
}

TEST_F(MySopsTest, TheDemoPositionsAndTheRefusals) {
  // A position of the demo's Bidang Informasi dan Komunikasi Publik acts in one SOP in force
  // and in one draft: readers of what is in force see the first only.
  const std::string officer = "position=" + position("2.16.3.1-02");
  const auto seen_in_force = titles(list(*pegawai, officer));
  EXPECT_EQ(seen_in_force, (std::vector<std::string>{"Penanganan Pengaduan Masyarakat"}));
  auto seen_by_writer = titles(list(*penyusun, officer));
  std::sort(seen_by_writer.begin(), seen_by_writer.end());
  EXPECT_EQ(seen_by_writer, (std::vector<std::string>{"Pelayanan Permohonan Informasi Publik",
                                                      "Penanganan Pengaduan Masyarakat"}));
  const json::value answer = list(*pegawai, officer);
  const json::value& item = answer.at("items").at(0);
  EXPECT_FALSE(item.at("position_steps").as_array().empty());
  EXPECT_FALSE(item.at("acting").as_array().empty());

  // Not a position: 400 naming the parameter.
  auto bad = pegawai->request("GET", "/api/v1/sops?position=" + new_id());
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_NE(bad.body.find("/query/position"), std::string::npos) << bad.body;
  EXPECT_NE(bad.body.find("Jabatan tidak ditemukan"), std::string::npos) << bad.body;

  // An account whose person holds no position has no SOPs of their own.
  library::Account a;
  a.id = new_id();
  a.username = "tanpa-jabatan";
  a.name = "Akun Tanpa Jabatan";
  a.password_hash = library::hash_password("sandi-uji-123");
  a.grants = {{domain::Role::kPegawai, unit_id("2.16")}};
  ASSERT_THAT(app_->accounts().put(a, {{"kind", "test.account"}}), IsOk());
  HttpClient nobody(port_);
  ASSERT_EQ(nobody.login("tanpa-jabatan", "sandi-uji-123").status, 200);
  const json::value empty = list(nobody, "position=me");
  EXPECT_TRUE(empty.at("position").is_null());
  EXPECT_EQ(empty.at("count"), 0);
}

}  // namespace
}  // namespace sopan
