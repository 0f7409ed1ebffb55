// Hostile requests against the real server: each is refused with its specific status and code,
// the process survives it, and nothing is written.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <string>
#include <thread>

#include "demo_server.hpp"
#include "http_client.hpp"

namespace sopan {
namespace {
using sopan::testing::HttpClient;
using sopan::testing::HttpReply;
namespace json = boost::json;

class HostileInputTest : public sopan::testing::DemoServerTest {
 protected:
  void start() {
    DemoServerTest::start();
    unit_ = app_->org().tree()->unit_by_code("2.16")->id;
  }

  std::string create_sop(HttpClient& c, const std::string& title) {
    json::object body{{"document", json::object{{"title", title}, {"unit", unit_}}}};
    auto r = c.request("POST", "/api/v1/sops", json::serialize(body));
    EXPECT_EQ(r.status, 201) << r.body;
    return std::string(json::parse(r.body).at("id").as_string());
  }

  static std::string code(const HttpReply& r) {
    return std::string(json::parse(r.body).at("error").at("code").as_string());
  }
  static std::string pointer(const HttpReply& r) {
    return std::string(json::parse(r.body).at("error").at("details").at(0).at("path").as_string());
  }

  /// The server still answers (a crash would have closed every connection).
  void expect_alive() {
    HttpClient probe(port_);
    EXPECT_EQ(probe.request("GET", "/healthz").status, 200);
  }

  std::size_t versions(HttpClient& c, const std::string& id) {
    auto h = c.request("GET", "/api/v1/sops/" + id + "/history");
    return json::parse(h.body).at("versions").as_array().size();
  }

  std::string unit_;
};

TEST_F(HostileInputTest, SignInWithAVeryLongUnknownKeyIsRefusedNotFatal) {
  start();
  HttpClient c(port_);
  json::object body{{"username", "admin"}, {"password", "x"}, {std::string(500000, 'k'), 1}};
  auto r = c.request("POST", "/api/v1/session", json::serialize(body));
  EXPECT_EQ(r.status, 400) << r.body.substr(0, 300);
  EXPECT_EQ(code(r), "invalid_argument");
  EXPECT_EQ(pointer(r), "");  // the object holding the name
  // Just under the cap, the unknown key is named.
  json::object near{{"username", "admin"}, {"password", "x"}, {std::string(256, 'k'), 1}};
  auto n = c.request("POST", "/api/v1/session", json::serialize(near));
  EXPECT_EQ(n.status, 422);
  EXPECT_EQ(pointer(n), "/" + std::string(256, 'k'));
  expect_alive();
}

TEST_F(HostileInputTest, CommentWithAVeryLongAnchorIsRefusedNotFatal) {
  start();
  auto c = std::make_unique<HttpClient>(port_);
  ASSERT_EQ(c->login("penyusun").status, 200);
  std::string id = create_sop(*c, "Anchor Panjang");
  json::object body{{"text", "Mohon diperbaiki"}, {"anchor", "/" + std::string(900000, 'a')}};
  auto r = c->request("POST", "/api/v1/sops/" + id + "/comments", json::serialize(body));
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(code(r), "validation");
  EXPECT_EQ(pointer(r), "/anchor");
  expect_alive();
  auto list = c->request("GET", "/api/v1/sops/" + id + "/comments");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.body.find("Mohon diperbaiki"), std::string::npos);
}

TEST_F(HostileInputTest, ControlCharactersInAnyBodyStringAreRefusedAndNothingIsWritten) {
  start();
  auto c = std::make_unique<HttpClient>(port_);
  ASSERT_EQ(c->login("penyusun").status, 200);
  std::string id = create_sop(*c, "Kendali");
  struct Case {
    std::string body, path;
  };
  const std::string doc = R"({"title":"Kendali","unit":")" + unit_ + R"(")";
  const Case cases[] = {
      {R"({"document":)" + doc + R"(},"message":"Revisi\u0000Sopan-Action: ratify"})", "/message"},
      {R"({"document":)" + doc + R"(,"steps":[{"id":"1","activity":"a\u001b[2Jb"}]}})",
       "/document/steps/0/activity"},
      {R"({"document":)" + doc + R"(},"message":"baris\rpalsu"})", "/message"},
      {R"({"document":)" + doc + R"(},"message":"del\u007f"})", "/message"},
      {R"({"document":)" + doc + R"(,"x\u0000":1}})", "/document"},
  };
  for (const auto& k : cases) {
    auto r = c->request("PUT", "/api/v1/sops/" + id + "/draft", k.body, {{"If-Match", "\"1\""}});
    EXPECT_EQ(r.status, 422) << k.body << " " << r.body;
    EXPECT_EQ(code(r), "validation") << k.body;
    EXPECT_EQ(pointer(r), k.path) << k.body;
  }
  // TAB and LF are fine where the schema allows them.
  auto ok = c->request("PUT", "/api/v1/sops/" + id + "/draft",
                       R"({"document":)" + doc + R"(},"message":"baris satu\n\tbaris dua"})",
                       {{"If-Match", "\"1\""}});
  EXPECT_EQ(ok.status, 200) << ok.body;
  // The document itself is unchanged, so the save writes no version.
  EXPECT_EQ(versions(*c, id), 1u);
}

TEST_F(HostileInputTest, InvalidUtf8BodyIsMalformed) {
  start();
  auto c = std::make_unique<HttpClient>(port_);
  ASSERT_EQ(c->login("penyusun").status, 200);
  const auto before = json::parse(c->request("GET", "/api/v1/sops").body).at("count");
  std::string body = R"({"document":{"title":"Judul )"
                     "\xC3\x28"
                     R"(","unit":")" +
                     unit_ + "\"}}";
  auto r = c->request("POST", "/api/v1/sops", body);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(code(r), "invalid_argument");
  EXPECT_EQ(json::parse(c->request("GET", "/api/v1/sops").body).at("count"), before);
}

TEST_F(HostileInputTest, InvalidUtf8OrControlsInPathQueryOrHeadersAre400BeforeRouting) {
  start();
  auto c = std::make_unique<HttpClient>(port_);
  ASSERT_EQ(c->login("pegawai").status, 200);
  for (std::string target : {"/api/v1/sops/%FF%FE", "/api/v1/sops/%C3", "/api/v1/sops/a%00b",
                             "/api/v1/sops?q=%FF", "/api/v1/sops?q=a%0Ab", "/api/v1/%ED%A0%80"}) {
    auto r = c->request("GET", target);
    EXPECT_EQ(r.status, 400) << target;
    EXPECT_EQ(code(r), "invalid_argument") << target;
  }
  auto h = c->request("GET", "/api/v1/sops", "", {{"X-Catatan", "Jos\xE9"}});
  EXPECT_EQ(h.status, 400);
  EXPECT_EQ(pointer(h), "/headers/x-catatan");
  // A denied request whose path would have been invalid UTF-8 never reaches the audit log:
  // the event list still reads.
  HttpClient auditor(port_);
  ASSERT_EQ(auditor.login("auditor").status, 200);
  EXPECT_EQ(auditor.request("GET", "/api/v1/events?limit=50").status, 200);
  EXPECT_EQ(auditor.request("GET", "/api/v1/accounts/%FF").status, 400);
  EXPECT_EQ(auditor.request("GET", "/api/v1/events?limit=50").status, 200);
  expect_alive();
}

TEST_F(HostileInputTest, MadeUpMethodsAre501AndDoNotGrowTheMetrics) {
  start();
  for (std::string method : {"BREW", "XYZZY", "FOO123", "PROPFIND"}) {
    HttpClient c(port_);
    c.send_raw(method + " /api/v1/sops HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
    auto r = c.read_reply();
    EXPECT_EQ(r.status, 501) << method;
    EXPECT_EQ(code(r), "not_implemented") << method;
  }
  // A request is counted once its answer is sent, just after the client has read it: wait for
  // the fourth count to land (bounded) before reading the figures.
  const std::string counted = "{route=\"not_implemented\",method=\"other\",status=\"501\"} 4";
  HttpClient m(port_);
  auto metrics = m.request("GET", "/metrics");
  for (int i = 0; i < 100 && metrics.body.find(counted) == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    metrics = m.request("GET", "/metrics");
  }
  ASSERT_EQ(metrics.status, 200);
  EXPECT_EQ(metrics.body.find("BREW"), std::string::npos);
  EXPECT_EQ(metrics.body.find("XYZZY"), std::string::npos);
  EXPECT_NE(metrics.body.find(counted), std::string::npos) << metrics.body;
}

TEST_F(HostileInputTest, NonJsonApiAnswersCarryAStrictCspAndNosniff) {
  start();
  auto c = std::make_unique<HttpClient>(port_);
  ASSERT_EQ(c->login("penyusun").status, 200);
  std::string id = create_sop(*c, "Cetak");
  auto print = c->request("GET", "/api/v1/sops/" + id + "/print?version=draft");
  ASSERT_EQ(print.status, 200);
  EXPECT_EQ(print.header("content-security-policy"),
            "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; "
            "form-action 'none'; frame-ancestors 'none'");
  EXPECT_EQ(print.header("x-content-type-options"), "nosniff");
  auto svg = c->request("GET", "/api/v1/sops/" + id + "/flowchart.svg?version=draft");
  ASSERT_EQ(svg.status, 200);
  EXPECT_EQ(svg.header("content-security-policy"), "default-src 'none'; style-src 'unsafe-inline'");
  EXPECT_EQ(svg.header("x-content-type-options"), "nosniff");
  auto json_answer = c->request("GET", "/api/v1/sops/" + id + "?version=draft");
  EXPECT_EQ(json_answer.header("content-security-policy"),
            "default-src 'none'; frame-ancestors 'none'");
  EXPECT_EQ(json_answer.header("x-content-type-options"), "nosniff");
  auto metrics = c->request("GET", "/metrics");
  EXPECT_EQ(metrics.header("content-security-policy"),
            "default-src 'none'; frame-ancestors 'none'");
  EXPECT_EQ(metrics.header("x-content-type-options"), "nosniff");
}

TEST_F(HostileInputTest, ForwardedForCountsOnlyFromATrustedProxy) {
  auto failed_login_remote = [this](const std::string& xff) {
    HttpClient c(port_);
    json::object body{{"username", "tidak-ada"}, {"password", "salah-sekali"}};
    EXPECT_EQ(
        c.request("POST", "/api/v1/session", json::serialize(body), {{"X-Forwarded-For", xff}})
            .status,
        401);
    HttpClient auditor(port_);
    EXPECT_EQ(auditor.login("auditor").status, 200);
    auto events = auditor.request("GET", "/api/v1/events?kind=login.failed&limit=1");
    return std::string(json::parse(events.body).at("items").at(0).at("remote").as_string());
  };
  // Default: no trusted proxy, the TCP peer is the client whatever the header says.
  start();
  EXPECT_EQ(failed_login_remote("203.0.113.7"), "127.0.0.1");
  app_.reset();
  config_.server.trusted_proxies = *http::TrustedProxies::parse("127.0.0.1");
  start();
  EXPECT_EQ(failed_login_remote("198.51.100.1, 203.0.113.7"), "203.0.113.7");
}

}  // namespace
}  // namespace sopan
