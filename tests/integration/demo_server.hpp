#pragma once
/// The fixture the integration tests share: the demo instansi (`sopan init --demo`, built once and
/// copied: support/demo_data.hpp) in a fresh data directory, served on 127.0.0.1:0 by `start()`,
/// and clients signed in as demo users.
#include <gtest/gtest.h>

#include <boost/json/object.hpp>
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

  TempDir dir_;
  app::Config config_;
  std::unique_ptr<app::App> app_;
  std::uint16_t port_ = 0;
};

}  // namespace sopan::testing
