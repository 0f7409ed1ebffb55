// The real server on 127.0.0.1:0 with a real data directory, spoken to over loopback HTTP.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <fstream>
#include <set>
#include <thread>

#include "app/app.hpp"
#include "demo_server.hpp"
#include "http_client.hpp"

namespace sopan {
namespace {
using sopan::testing::HttpClient;
using sopan::testing::HttpReply;
using sopan::testing::IsOk;
namespace json = boost::json;

class ServerTest : public sopan::testing::DemoServerTest {
 protected:
  void SetUp() override {
    DemoServerTest::SetUp();
    auto web = dir_.path() / "web";
    std::filesystem::create_directories(web / "assets");
    std::ofstream(web / "index.html") << "<!doctype html><title>Sopan</title>";
    std::ofstream(web / "assets" / "app-1a2b3c.js") << "console.log('ok')";
    std::ofstream(web / "favicon.svg") << "<svg/>";
    std::ofstream(dir_.path() / "secret.txt") << "rahasia";
    config_.server.web_root = web;
    config_.server.header_timeout = std::chrono::milliseconds(2000);
  }

  void start() {
    DemoServerTest::start();
    unit_ = app_->org().tree()->unit_by_code("2.16")->id;  // Diskominfo: the demo penyusun's unit
  }

  std::unique_ptr<HttpClient> penyusun() { return signed_in("penyusun"); }

  std::string doc(const std::string& title) {
    return R"({"document":{"title":")" + title + R"(","unit":")" + unit_ + R"("}})";
  }

  std::string create_sop(HttpClient& c, const std::string& title) {
    auto r = c.request("POST", "/api/v1/sops", doc(title));
    EXPECT_EQ(r.status, 201) << r.body;
    return std::string(json::parse(r.body).at("id").as_string());
  }

  std::string unit_;
};

TEST_F(ServerTest, HealthzAnswersJson) {
  start();
  HttpClient c(port_);
  auto r = c.request("GET", "/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "application/json; charset=utf-8");
  auto v = json::parse(r.body);
  EXPECT_EQ(v.at("status"), "ok");
  EXPECT_EQ(v.at("instansi"), "Pemerintah Kabupaten Contoh");
  // Keep-alive: a second request on the same connection.
  EXPECT_TRUE(r.keep_alive);
  EXPECT_EQ(c.request("GET", "/healthz").status, 200);
}

TEST_F(ServerTest, DraftLifecycleOverHttp) {
  start();
  auto client = penyusun();
  HttpClient& c = *client;
  std::string id = create_sop(c, "Surat Masuk");
  auto got = c.request("GET", "/api/v1/sops/" + id + "?version=draft");
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(got.header("etag"), "\"1\"");
  EXPECT_EQ(json::parse(got.body).at("document").at("title"), "Surat Masuk");

  auto body = R"({"document":{"title":"Surat Masuk Dinas","unit":")" + unit_ +
              R"("},"message":"Perbaiki judul"})";
  auto saved = c.request("PUT", "/api/v1/sops/" + id + "/draft", body, {{"If-Match", "\"1\""}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.header("etag"), "\"2\"");
  // An incomplete draft is saved, and the answer says what still blocks submission.
  const json::value answer = json::parse(saved.body);
  std::set<std::string> codes;
  for (const auto& p : answer.at("problems").as_array())
    codes.insert(std::string(p.at("code").as_string()));
  EXPECT_EQ(codes, (std::set<std::string>{"sop.number.missing", "sop.flow.start_count",
                                          "sop.flow.end_missing"}));

  // The same editor saving on a stale version: 412, and the current version is named.
  auto stale = c.request("PUT", "/api/v1/sops/" + id + "/draft", body, {{"If-Match", "\"1\""}});
  EXPECT_EQ(stale.status, 412);
  auto err = json::parse(stale.body).at("error");
  EXPECT_EQ(err.at("code"), "precondition_failed");
  EXPECT_EQ(err.at("details").at(0).at("current_version"), 2);

  auto history = c.request("GET", "/api/v1/sops/" + id + "/history");
  ASSERT_EQ(history.status, 200);
  EXPECT_EQ(json::parse(history.body).at("versions").as_array().size(), 2u);
  auto svg = c.request("GET", "/api/v1/sops/" + id + "/flowchart.svg?version=draft");
  ASSERT_EQ(svg.status, 200) << svg.body;
  EXPECT_EQ(svg.header("content-type"), "image/svg+xml; charset=utf-8");
  EXPECT_EQ(svg.header("x-total-pages"), "1");
  EXPECT_EQ(c.request("GET", "/api/v1/sops/" + id + "/flowchart.svg?version=draft&page=2").status,
            404);

  // An unsaved draft rendered for the editor's preview: 12 steps at 5 per page are 3 pages.
  json::array steps;
  steps.push_back(json::object{{"id", "1"}, {"symbol", "mulai"}, {"actor", "a"}});
  for (int i = 2; i < 12; ++i)
    steps.push_back(json::object{{"id", std::to_string(i)},
                                 {"symbol", "kegiatan"},
                                 {"actor", "a"},
                                 {"activity", "Langkah " + std::to_string(i)}});
  steps.push_back(json::object{{"id", "12"}, {"symbol", "selesai"}, {"actor", "a"}});
  json::object draft{{"title", "Pratinjau"},
                     {"unit", unit_},
                     {"number", "X/1"},
                     {"actors", json::array{json::object{{"id", "a"}, {"external", "Pemohon"}}}},
                     {"steps", std::move(steps)}};
  auto rendered =
      c.request("POST", "/api/v1/render/sop",
                json::serialize(json::object{{"document", draft}, {"steps_per_page", 5}}));
  ASSERT_EQ(rendered.status, 200) << rendered.body;
  const json::value preview = json::parse(rendered.body);
  EXPECT_EQ(preview.at("pages").as_array().size(), 3u);
  EXPECT_TRUE(preview.at("problems").as_array().empty()) << rendered.body;
  EXPECT_EQ(c.request("GET", "/api/v1/sops/" + id + "?version=1").status, 200);
  EXPECT_EQ(c.request("GET", "/api/v1/sops/" + id).status, 404);  // not in force yet

  // The demo SOPs carry classifications; a filter by one keeps only those that have it.
  auto classified = c.request("GET", "/api/v1/sops?classification=mikro");
  ASSERT_EQ(classified.status, 200);
  EXPECT_GE(json::parse(classified.body).at("count").as_int64(), 8);
  EXPECT_EQ(json::parse(c.request("GET", "/api/v1/sops?classification=teknis").body).at("count"),
            0);
  EXPECT_EQ(c.request("GET", "/api/v1/sops?classification=besar").status, 400);
  auto list = c.request("GET", "/api/v1/sops?unit=" + unit_ + "&status=konsep&q=surat%20masuk");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(json::parse(list.body).at("count"), 1);
}

TEST_F(ServerTest, BadInputGetsAClearErrorAndChangesNothing) {
  start();
  auto client = penyusun();
  HttpClient& c = *client;
  std::string id = create_sop(c, "Cuti");
  auto put = [&](const std::string& body, std::map<std::string, std::string> headers) {
    return c.request("PUT", "/api/v1/sops/" + id + "/draft", body, std::move(headers));
  };
  auto pointer = [](const HttpReply& r) {
    return std::string(json::parse(r.body).at("error").at("details").at(0).at("path").as_string());
  };
  std::map<std::string, std::string> v1 = {{"If-Match", "\"1\""}};

  auto malformed = put("{\"document\":", v1);
  EXPECT_EQ(malformed.status, 400);
  auto wrong_type = put(R"({"document":{"title":42}})", v1);
  EXPECT_EQ(wrong_type.status, 422);
  EXPECT_EQ(pointer(wrong_type), "/document/title");
  auto missing = put(R"({"document":{}})", v1);
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(pointer(missing), "/document/title");
  auto unknown = put(R"({"document":{"title":"abc"},"extra":1})", v1);
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(pointer(unknown), "/extra");
  std::string deep(200, '[');
  auto too_deep = put(R"({"document":{"title":"abc","x":)" + deep, v1);
  EXPECT_EQ(too_deep.status, 400);
  auto no_version = put(R"({"document":{"title":"abc"}})", {});
  EXPECT_EQ(no_version.status, 400);
  EXPECT_EQ(pointer(no_version), "/headers/If-Match");
  auto not_json = put("title=abc", {{"If-Match", "\"1\""}, {"Content-Type", "text/plain"}});
  EXPECT_EQ(not_json.status, 415);
  auto bad_query = c.request("GET", "/api/v1/sops?status=selesai");
  EXPECT_EQ(bad_query.status, 400);
  EXPECT_EQ(pointer(bad_query), "/query/status");
  auto unknown_query = c.request("GET", "/api/v1/sops/" + id + "?versi=1");
  EXPECT_EQ(unknown_query.status, 400);
  EXPECT_EQ(pointer(unknown_query), "/query/versi");
  EXPECT_EQ(c.request("GET", "/api/v1/sops/" + id + "?at=2026-02-30").status, 400);

  // Still at version 1 with its original content.
  auto history = c.request("GET", "/api/v1/sops/" + id + "/history");
  EXPECT_EQ(json::parse(history.body).at("versions").as_array().size(), 1u);
}

TEST_F(ServerTest, PrintViewAndDiscardOverHttp) {
  start();
  auto client = penyusun();
  HttpClient& c = *client;
  std::string id = create_sop(c, "Cetak Uji");
  auto print = c.request("GET", "/api/v1/sops/" + id + "/print?version=draft");
  ASSERT_EQ(print.status, 200);
  EXPECT_EQ(print.header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(print.body.find("size: A4 landscape"), std::string::npos);
  EXPECT_NE(print.body.find(">KONSEP<"), std::string::npos);
  EXPECT_NE(print.body.find("Halaman 1 dari 2"), std::string::npos);  // identity + one chart page
  EXPECT_NE(print.body.find("Dinas Komunikasi dan Informatika"), std::string::npos);

  const std::string action = "/api/v1/sops/" + id + "/actions/";
  const std::string reason = R"({"reason":"Tidak dilanjutkan"})";
  EXPECT_EQ(c.request("POST", action + "hapus", reason, {{"If-Match", "\"1\""}}).status, 404);
  EXPECT_EQ(c.request("POST", action + "discard", reason, {{"If-Match", "\"7\""}}).status, 412);
  EXPECT_EQ(
      c.request("POST", action + "discard", R"({"reason":""})", {{"If-Match", "\"1\""}}).status,
      422);
  auto done = c.request("POST", action + "discard", reason, {{"If-Match", "\"1\""}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(c.request("GET", "/api/v1/sops/" + id + "?version=draft").status, 404);
  // Nothing left to discard: the state and what it allows are named.
  auto again = c.request("POST", action + "discard", reason, {{"If-Match", "\"2\""}});
  EXPECT_EQ(again.status, 409);
  EXPECT_NE(again.body.find("dibatalkan"), std::string::npos) << again.body;
  auto history = c.request("GET", "/api/v1/sops/" + id + "/history");
  const json::value h = json::parse(history.body);
  EXPECT_EQ(h.at("versions").as_array().back().at("action"), "discard");
  EXPECT_EQ(h.at("versions").as_array().back().at("message"), "Tidak dilanjutkan");
}

TEST_F(ServerTest, TwoMebibyteBodyGets413) {
  start();
  auto c = penyusun();
  const auto before = json::parse(c->request("GET", "/api/v1/sops").body).at("count");
  std::string big = R"({"document":{"title":"x","pad":")" + std::string(2 << 20, 'a') + "\"}}";
  auto r = c->request("POST", "/api/v1/sops", big);
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(json::parse(r.body).at("error").at("code"), "too_large");
  std::string five = R"({"document":{"title":"x","pad":")" + std::string(5 << 20, 'a') + "\"}}";
  EXPECT_EQ(penyusun()->request("POST", "/api/v1/sops", five).status, 413);
  auto c2 = penyusun();
  EXPECT_EQ(json::parse(c2->request("GET", "/api/v1/sops").body).at("count"), before);
}

TEST_F(ServerTest, UnknownPathsAnd405) {
  start();
  HttpClient c(port_);
  auto r = c.request("GET", "/api/v1/tidak-ada");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(json::parse(r.body).at("error").at("code"), "not_found");
  auto m = c.request("DELETE", "/api/v1/sops");
  EXPECT_EQ(m.status, 405);
  EXPECT_EQ(m.header("allow"), "GET, POST");
  c.login("pegawai");
  EXPECT_EQ(c.request("GET", "/api/v1/sops/BUKAN-ID").status, 404);
}

TEST_F(ServerTest, StaticFilesWithFallbackCachingAndNoTraversal) {
  start();
  HttpClient c(port_);
  auto index = c.request("GET", "/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(index.header("cache-control"), "no-cache");
  EXPECT_FALSE(index.header("content-security-policy").empty());
  auto app_route = c.request("GET", "/sop/01J0000/edit");
  EXPECT_EQ(app_route.status, 200);
  EXPECT_EQ(app_route.body, index.body);
  auto js = c.request("GET", "/assets/app-1a2b3c.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(js.header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(c.request("GET", "/favicon.svg").header("content-type"), "image/svg+xml");
  auto cached = c.request("GET", "/", "", {{"If-None-Match", index.header("etag")}});
  EXPECT_EQ(cached.status, 304);
  EXPECT_TRUE(cached.body.empty());
  EXPECT_EQ(c.request("GET", "/assets/missing.js").status, 404);
  for (std::string evil : {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt",
                           "/assets/%2E%2E%2F..%2Fsecret.txt", "/..%5csecret.txt"}) {
    HttpClient e(port_);
    auto r = e.request("GET", evil);
    EXPECT_NE(r.body, "rahasia") << evil;
    EXPECT_TRUE(r.status == 404 || r.status == 400) << evil << " " << r.status;
  }
}

TEST_F(ServerTest, SlowClientIsCutOff) {
  config_.server.header_timeout = std::chrono::milliseconds(300);
  start();
  HttpClient c(port_);
  c.send_raw("GET /healthz HTTP/1.1\r\nHost: x\r\n");  // never finishes the header
  EXPECT_TRUE(c.closed_within(3000));
  // An idle keep-alive connection is closed as well.
  HttpClient idle(port_);
  EXPECT_EQ(idle.request("GET", "/healthz").status, 200);
  EXPECT_TRUE(idle.closed_within(3000));
}

TEST_F(ServerTest, MetricsCountRequestsByRouteAndStatus) {
  start();
  HttpClient c(port_);
  c.request("GET", "/healthz");
  c.request("GET", "/api/v1/nope");
  auto m = c.request("GET", "/metrics");
  EXPECT_EQ(m.status, 200);
  EXPECT_NE(
      m.body.find("sopan_http_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"} 1"),
      std::string::npos)
      << m.body;
  EXPECT_NE(m.body.find("status=\"404\""), std::string::npos);
  EXPECT_NE(
      m.body.find("sopan_http_request_duration_seconds_bucket{route=\"/healthz\",le=\"+Inf\"} 1"),
      std::string::npos);
  EXPECT_NE(m.body.find("sopan_http_requests_in_flight 1"), std::string::npos);  // this one
  // The trust issue's operator figures: quarantined commits, refused sign-ins.
  EXPECT_NE(m.body.find("\nsopan_quarantined_commits 0\n"), std::string::npos) << m.body;
  EXPECT_NE(m.body.find("\nsopan_signin_refused_total 0\n"), std::string::npos) << m.body;
}

TEST_F(ServerTest, ShutdownWhileRequestsAreInFlightLosesNone) {
  // Signed-in clients wait idle while the others sign in (Argon2 takes a while on a busy machine).
  config_.server.header_timeout = std::chrono::seconds(15);
  start();
  constexpr int kClients = 6;
  std::vector<std::string> ids;
  {
    auto setup = penyusun();
    for (int i = 0; i < kClients; ++i)
      ids.push_back(create_sop(*setup, "SOP " + std::to_string(i)));
  }
  // Each client sends its header and half its body, so the server holds a request in flight.
  std::vector<std::unique_ptr<HttpClient>> clients;
  std::string body = doc("Disimpan saat berhenti");
  // Sign everyone in first, and let those requests finish, so that only the saves are in flight.
  for (int i = 0; i < kClients; ++i) clients.push_back(penyusun());
  for (int i = 0; i < 200 && app_->server().in_flight() > 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  for (int i = 0; i < kClients; ++i) {
    clients[i]->send_raw("PUT /api/v1/sops/" + ids[i] +
                         "/draft HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         "Cookie: " +
                         clients[i]->session_cookie() +
                         "\r\nX-CSRF-Token: " + clients[i]->csrf_token() +
                         "\r\nIf-Match: \"1\"\r\nContent-Length: " + std::to_string(body.size()) +
                         "\r\n\r\n" + body.substr(0, body.size() / 2));
  }
  HttpClient idle(port_);  // an idle connection, which shutdown simply closes
  for (int i = 0; i < 200 && app_->server().in_flight() < kClients; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_EQ(app_->server().in_flight(), kClients);

  std::thread stopper([&] { app_->stop(); });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_TRUE(idle.closed_within(2000));
  for (auto& c : clients) c->send_raw(body.substr(body.size() / 2));
  for (auto& c : clients) {
    auto r = c->read_reply();
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_FALSE(r.keep_alive);
  }
  stopper.join();
  // Every save landed in git and the index.
  for (const auto& id : ids) {
    auto s = app_->library().summary(id);
    ASSERT_THAT(s, IsOk());
    EXPECT_EQ(s->draft->version, 2u);
    EXPECT_EQ(s->title, "Disimpan saat berhenti");
  }
}

}  // namespace
}  // namespace sopan
