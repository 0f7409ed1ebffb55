#include "http/router.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "http/target.hpp"

namespace sopan::http {
namespace {

/// A route whose handler answers with its own pattern, so a match shows which route it was.
api::Route route(std::string method, std::string pattern) {
  api::Route r;
  r.method = std::move(method);
  r.pattern = std::move(pattern);
  r.handler = [p = r.pattern](api::Request&) -> api::Reply {
    api::Response out;
    out.body = p;
    return out;
  };
  return r;
}

/// Which route `method path` reaches ("" for none).
std::string routed(const Router& router, std::string_view method, std::string_view path) {
  auto m = router.match(method, path);
  return m.route ? m.route->pattern : "";
}

class RouterTest : public ::testing::Test {
 protected:
  Router router_{{route("GET", "/api/v1/sops"), route("POST", "/api/v1/sops"),
                  route("GET", "/api/v1/sops/{id}"), route("PUT", "/api/v1/sops/{id}/draft"),
                  route("GET", "/api/v1/sops/{id}/history"),
                  route("POST", "/api/v1/sops/{id}/actions/{action}"),
                  route("DELETE", "/api/v1/session"), route("GET", "/healthz")}};
};

TEST_F(RouterTest, LiteralSegmentsMatchExactly) {
  auto m = router_.match("GET", "/api/v1/sops");
  ASSERT_TRUE(m.route);
  EXPECT_EQ(m.route->pattern, "/api/v1/sops");
  EXPECT_TRUE(m.params.empty());
  EXPECT_TRUE(m.path_known);
  EXPECT_EQ(routed(router_, "GET", "/healthz"), "/healthz");
  // Case and near misses are other paths.
  for (auto path : {"/API/v1/sops", "/api/v1/sop", "/api/v1/sopsx", "/api/v2/sops", "/healthz2"})
    EXPECT_FALSE(router_.match("GET", path).path_known) << path;
  // Methods are compared as given (the parser hands them over in upper case).
  EXPECT_FALSE(router_.match("get", "/healthz").route);
}

TEST_F(RouterTest, ParametersTakeTheirSegment) {
  auto m = router_.match("POST", "/api/v1/sops/01J8ABC/actions/submit");
  ASSERT_TRUE(m.route);
  EXPECT_EQ(m.route->pattern, "/api/v1/sops/{id}/actions/{action}");
  EXPECT_EQ(m.params, (api::StringMap{{"id", "01J8ABC"}, {"action", "submit"}}));
  // A parameter is one whole segment: literals around it must still match.
  EXPECT_EQ(routed(router_, "PUT", "/api/v1/sops/01J8ABC/draft"), "/api/v1/sops/{id}/draft");
  EXPECT_EQ(routed(router_, "PUT", "/api/v1/sops/01J8ABC/drafts"), "");
  EXPECT_EQ(routed(router_, "GET", "/api/v1/sops/01J8ABC/history/x"), "");
}

TEST_F(RouterTest, AParameterIsNeverEmpty) {
  EXPECT_FALSE(router_.match("GET", "/api/v1/sops/").path_known);
  EXPECT_FALSE(router_.match("PUT", "/api/v1/sops//draft").path_known);
  EXPECT_FALSE(router_.match("POST", "/api/v1/sops/x/actions/").path_known);
}

TEST_F(RouterTest, ParametersArriveDecodedFromTheTarget) {
  // The router sees the path parse_target decoded: a parameter holds the decoded text.
  auto t = parse_target("/api/v1/sops/Surat%20Masuk%C3%A9/history");
  ASSERT_TRUE(t);
  auto m = router_.match("GET", t->path);
  ASSERT_TRUE(m.route);
  EXPECT_EQ(m.params.at("id"), "Surat Masuk\xC3\xA9");
  // '+' is a space only in a query: in a path it stays itself.
  t = parse_target("/api/v1/sops/a+b");
  ASSERT_TRUE(t);
  EXPECT_EQ(router_.match("GET", t->path).params.at("id"), "a+b");
  // An encoded '/' is decoded before routing, so it separates segments like a plain one.
  t = parse_target("/api/v1/sops/x%2Fhistory");
  ASSERT_TRUE(t);
  EXPECT_EQ(routed(router_, "GET", t->path), "/api/v1/sops/{id}/history");
}

TEST_F(RouterTest, AnotherMethodOnAKnownPathIs405WithAllow) {
  auto m = router_.match("DELETE", "/api/v1/sops");
  EXPECT_FALSE(m.route);
  EXPECT_TRUE(m.path_known);
  EXPECT_EQ(m.allow, "GET, POST");  // in the order the routes were given
  m = router_.match("GET", "/api/v1/session");
  EXPECT_FALSE(m.route);
  EXPECT_TRUE(m.path_known);
  EXPECT_EQ(m.allow, "DELETE");
  // A parameter route makes every value of it a known path.
  m = router_.match("GET", "/api/v1/sops/01J8ABC/actions/verify");
  EXPECT_FALSE(m.route);
  EXPECT_TRUE(m.path_known);
  EXPECT_EQ(m.allow, "POST");
  // HEAD is a method like any other here: a GET route does not answer it.
  m = router_.match("HEAD", "/healthz");
  EXPECT_FALSE(m.route);
  EXPECT_EQ(m.allow, "GET");
  // A match lists the allowed methods too.
  EXPECT_EQ(router_.match("POST", "/api/v1/sops").allow, "GET, POST");
}

TEST_F(RouterTest, NoMatchAtAll) {
  for (auto path : {"/api/v1/nothing", "/", "", "api/v1/sops", "/api/v1/sops/x/y/z/w/v"}) {
    auto m = router_.match("GET", path);
    EXPECT_FALSE(m.route) << path;
    EXPECT_FALSE(m.path_known) << path;
    EXPECT_EQ(m.allow, "") << path;
    EXPECT_TRUE(m.params.empty()) << path;
  }
}

TEST_F(RouterTest, ATrailingSlashIsAnotherPath) {
  for (auto path : {"/api/v1/sops/", "/healthz/", "/api/v1/sops/x/history/"}) {
    EXPECT_FALSE(router_.match("GET", path).path_known) << path;
  }
  Router with_slash({route("GET", "/a/"), route("GET", "/")});
  EXPECT_EQ(routed(with_slash, "GET", "/a/"), "/a/");
  EXPECT_EQ(routed(with_slash, "GET", "/a"), "");
  EXPECT_EQ(routed(with_slash, "GET", "/"), "/");
}

TEST(RouterBuildTest, ADuplicateRouteThrows) {
  EXPECT_THROW(Router({route("GET", "/a/{id}"), route("GET", "/a/{id}")}), std::invalid_argument);
  // The same pattern with another method, or another pattern of the same shape, is no duplicate.
  EXPECT_NO_THROW(Router({route("GET", "/a/{id}"), route("PUT", "/a/{id}")}));
  EXPECT_NO_THROW(Router({route("GET", "/a/{id}"), route("GET", "/a/{key}")}));
}

TEST(RouterBuildTest, RoutesOfTheSameShapeGoToTheFirstGiven) {
  // No segment outranks another: of two GET routes that both match, the first one listed wins,
  // so a literal route must come before a parameter route of the same shape.
  Router literal_first({route("GET", "/units/new"), route("GET", "/units/{id}")});
  EXPECT_EQ(routed(literal_first, "GET", "/units/new"), "/units/new");
  EXPECT_EQ(routed(literal_first, "GET", "/units/01J"), "/units/{id}");
  EXPECT_EQ(literal_first.match("GET", "/units/01J").params.at("id"), "01J");

  Router param_first({route("GET", "/units/{id}"), route("GET", "/units/new")});
  auto m = param_first.match("GET", "/units/new");
  ASSERT_TRUE(m.route);
  EXPECT_EQ(m.route->pattern, "/units/{id}");
  EXPECT_EQ(m.params.at("id"), "new");

  // Same shape, other methods: each method finds its own route and its own parameter names.
  Router methods({route("GET", "/maps/{id}/bpmn"), route("POST", "/maps/import/bpmn")});
  EXPECT_EQ(routed(methods, "POST", "/maps/import/bpmn"), "/maps/import/bpmn");
  EXPECT_EQ(routed(methods, "GET", "/maps/import/bpmn"), "/maps/{id}/bpmn");
  EXPECT_EQ(methods.match("POST", "/maps/import/bpmn").params, api::StringMap{});
  EXPECT_EQ(methods.match("PUT", "/maps/import/bpmn").allow, "GET, POST");
  EXPECT_EQ(methods.match("PUT", "/maps/01J/bpmn").allow, "GET");
}

TEST(RouterBuildTest, TheRoutesAreKeptInOrder) {
  Router r({route("GET", "/b"), route("GET", "/a")});
  ASSERT_EQ(r.routes().size(), 2u);
  EXPECT_EQ(r.routes()[0].pattern, "/b");
  EXPECT_EQ(r.routes()[1].pattern, "/a");
  api::Request req;
  auto reply = r.match("GET", "/a").route->handler(req);
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->body, "/a");
}

}  // namespace
}  // namespace sopan::http
