#pragma once
/// The fixture the integration tests share: the demo instansi (`sopan init --demo`, built once and
/// copied: support/demo_data.hpp) in a fresh data directory, served on 127.0.0.1:0 by `start()`,
/// and clients signed in as demo users.
#include <gtest/gtest.h>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "app/app.hpp"
#include "http_client.hpp"
#include "support/demo_data.hpp"
#include "support/temp_dir.hpp"

namespace sopan::testing {

/// A minimal SOP that passes the submission rules: one external actor, start, one activity, end.
inline boost::json::object minimal_sop(const std::string& number, const std::string& title,
                                       const std::string& unit) {
  using boost::json::array;
  using boost::json::object;
  return object{{"number", number},
                {"title", title},
                {"unit", unit},
                {"actors", array{object{{"id", "p"}, {"external", "Peminjam"}}}},
                {"steps", array{object{{"id", "1"}, {"symbol", "mulai"}, {"actor", "p"}},
                                object{{"id", "2"},
                                       {"symbol", "kegiatan"},
                                       {"actor", "p"},
                                       {"activity", "Mengisi formulir peminjaman"}},
                                object{{"id", "3"}, {"symbol", "selesai"}, {"actor", "p"}}}}};
}

class DemoServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    init_demo(dir_.path() / "data");
    config_ = test_config(dir_.path() / "data");
  }

  /// Serves `config_` (adjust it before calling).
  void start() {
    auto app = app::App::open(config_);
    ASSERT_THAT(app, IsOk());
    app_ = std::move(*app);
    port_ = app_->start();
  }

  /// A client signed in as demo user `username` (password "sopan-demo").
  std::unique_ptr<HttpClient> signed_in(const std::string& username) {
    auto c = std::make_unique<HttpClient>(port_);
    EXPECT_EQ(c->login(username).status, 200);
    return c;
  }

  /// What stock git prints for `args` over the data directory's repository (a check that does
  /// not go through our own reader).
  std::string git(const std::string& args) {
    std::string cmd = "git --git-dir=" + (dir_.path() / "data" / "repo.git").string() + " " + args;
    std::FILE* pipe = ::popen(cmd.c_str(), "r");
    EXPECT_NE(pipe, nullptr);
    std::string out;
    char buf[4096];
    for (std::size_t n; pipe && (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
    EXPECT_EQ(pipe ? ::pclose(pipe) : -1, 0) << cmd;
    return out;
  }
  std::string main_head() { return git("rev-parse refs/heads/main"); }

  /// The id of the demo unit with `code` (e.g. "2.16", Diskominfo).
  std::string unit_id(std::string_view code) const {
    return app_->org().tree()->unit_by_code(code)->id;
  }

  /// POST /api/v1/<folder>/<id>/actions/<action> on `version` (If-Match) as `who`, with a
  /// reason unless `body` gives one.
  static HttpReply act(const std::string& folder, const std::string& id, const std::string& action,
                       std::uint64_t version, HttpClient& who, boost::json::object body = {}) {
    if (!body.contains("reason")) body["reason"] = "Sesuai pedoman";
    return who.request("POST", "/api/v1/" + folder + "/" + id + "/actions/" + action,
                       boost::json::serialize(body),
                       {{"If-Match", "\"" + std::to_string(version) + "\""}});
  }
  /// The "version" of a document answer.
  static std::uint64_t version_of(const HttpReply& r) {
    return boost::json::parse(r.body).at("version").to_number<std::uint64_t>();
  }
  /// `doc` created by the demo penyusun, verified by the verifikator and ratified (signed) by
  /// the pengesah, through the workflow routes: its id.
  std::string in_force(const std::string& folder, const boost::json::object& doc) {
    if (!signers_[0])
      for (int i = 0; const char* who : {"penyusun", "verifikator", "pengesah"})
        signers_[i++] = signed_in(who);
    HttpClient& penyusun = *signers_[0];
    HttpClient& verifikator = *signers_[1];
    HttpClient& pengesah = *signers_[2];
    auto created = penyusun.request("POST", "/api/v1/" + folder,
                                    boost::json::serialize(boost::json::object{{"document", doc}}));
    EXPECT_EQ(created.status, 201) << created.body;
    const std::string id(boost::json::parse(created.body).at("id").as_string());
    auto submitted = act(folder, id, "submit", version_of(created), penyusun);
    EXPECT_EQ(submitted.status, 200) << submitted.body;
    auto verified = act(folder, id, "verify", version_of(submitted), verifikator);
    EXPECT_EQ(verified.status, 200) << verified.body;
    auto ratified =
        act(folder, id, "ratify", version_of(verified), pengesah, {{"password", "sopan-demo"}});
    EXPECT_EQ(ratified.status, 200) << ratified.body;
    return id;
  }

  TempDir dir_;
  app::Config config_;
  std::unique_ptr<HttpClient> signers_[3];  // in_force's penyusun, verifikator and pengesah
  std::unique_ptr<app::App> app_;
  std::uint16_t port_ = 0;
};

}  // namespace sopan::testing
