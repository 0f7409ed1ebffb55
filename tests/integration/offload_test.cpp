// Where the real routes run: on the blocking pool unless they opted in to inline, and the
// access guard's denial (an audit event) always on the pool.
#include <gtest/gtest.h>

#include <set>

#include "api/routes.hpp"
#include "demo_server.hpp"
#include "index/store.hpp"
#include "library/document_library.hpp"

namespace sopan {
namespace {
using sopan::testing::ErrcIs;
using sopan::testing::IsOk;

class OffloadTest : public sopan::testing::DemoServerTest {
 protected:
  const api::Route& route(const std::string& method, const std::string& pattern) {
    for (const auto& r : app_->server().routes())
      if (r.method == method && r.pattern == pattern) return r;
    throw std::logic_error("no route " + method + " " + pattern);
  }

  std::size_t events() {
    std::size_t n = 0;
    auto s = app_->library().store().scan(index::Cf::kEvents, {}, [&](auto, auto) {
      ++n;
      return true;
    });
    EXPECT_THAT(s, IsOk());
    return n;
  }
};

TEST_F(OffloadTest, OnlyTheHotIndexReadsRunInline) {
  start();
  api::Request plain;  // no query: what is in force now
  std::set<std::string> inline_routes;
  for (const auto& r : app_->server().routes())
    if (r.blocks && !r.blocks(plain)) inline_routes.insert(r.method + " " + r.pattern);
  // A route added without a word runs on the pool; running inline is a choice made here.
  EXPECT_EQ(inline_routes, (std::set<std::string>{
                               "GET /healthz",
                               "GET /metrics",
                               "GET /api/v1/openapi.yaml",
                               "GET /api/v1/me",
                               // The sign-in screen's instansi and logo: from memory.
                               "GET /api/v1/instansi",
                               "GET /api/v1/instansi/logo",
                               "GET /api/v1/sops",
                               "GET /api/v1/sops/{id}",
                               "GET /api/v1/sops/{id}/flowchart.svg",
                               "GET /api/v1/sops/{id}/print",
                               // A map's list, read and diff, as every kind's.
                               "GET /api/v1/maps",
                               "GET /api/v1/maps/{id}",
                               "GET /api/v1/maps/{id}/diff",
                               "GET /api/v1/sops/{id}/diff",
                           }));
  // A numbered version or another date is read from git: off the I/O thread.
  for (const char* pattern :
       {"/api/v1/sops/{id}", "/api/v1/sops/{id}/flowchart.svg", "/api/v1/sops/{id}/print"}) {
    api::Request old;
    old.query = {{"version", "2"}};
    EXPECT_TRUE(route("GET", pattern).blocks(old)) << pattern;
    old.query = {{"at", "2024-01-01"}};
    EXPECT_TRUE(route("GET", pattern).blocks(old)) << pattern;
  }
  api::Request numbered;
  numbered.query = {{"from", "1"}, {"to", "draft"}};
  EXPECT_TRUE(route("GET", "/api/v1/sops/{id}/diff").blocks(numbered));
}

TEST_F(OffloadTest, TheGuardsDenialIsWrittenOnThePool) {
  start();
  auto pegawai = signed_in("pegawai");
  auto schemas = schema::Registry::load(config_.schemas_dir);
  ASSERT_THAT(schemas, IsOk());
  api::Context ctx{app_->library(), app_->org(), app_->accounts(), **schemas, 0};
  auto routes = api::all_routes(ctx);
  const api::Route* events_route = nullptr;
  for (const auto& r : routes)
    if (r.method == "GET" && r.pattern == "/api/v1/events") events_route = &r;
  ASSERT_NE(events_route, nullptr);

  api::Request req;
  req.method = "GET";
  req.path = "/api/v1/events";
  req.headers["cookie"] = pegawai->session_cookie();
  req.remote = "127.0.0.1";
  const std::size_t before = events();
  // The guard itself writes nothing: it hands the denial on, to be finished on the pool...
  auto reply = events_route->handler(req);
  ASSERT_THAT(reply, IsOk());
  ASSERT_TRUE(reply->continue_on_pool);
  EXPECT_EQ(events(), before);
  // ... where it records the event and answers 403.
  auto denial = reply->continue_on_pool();
  EXPECT_THAT(denial, ErrcIs(Errc::kPermissionDenied));
  EXPECT_EQ(events(), before + 1);

  // Refusals that write nothing stay plain errors.
  api::Request anonymous;
  anonymous.method = "GET";
  anonymous.path = "/api/v1/events";
  EXPECT_THAT(events_route->handler(anonymous), ErrcIs(Errc::kUnauthenticated));
  // Over HTTP the server follows the hand-over: a plain 403, with its event.
  EXPECT_EQ(pegawai->request("GET", "/api/v1/events").status, 403);
  EXPECT_EQ(events(), before + 2);
}

}  // namespace
}  // namespace sopan
