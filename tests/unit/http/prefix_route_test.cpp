// Prefix routes (`{name...}`) in the router; the rest of the router has router_test.cpp.
#include <gtest/gtest.h>

#include <stdexcept>

#include "http/router.hpp"

namespace sopan::http {
namespace {

api::Route route(std::string method, std::string pattern) {
  return {std::move(method), std::move(pattern), {}, {}, domain::Permission::kPublic, {}};
}

TEST(PrefixRouteTest, CapturesTheRestOfThePath) {
  Router r({route("GET", "/git/{rest...}"), route("GET", "/files/{kind}/{path...}")});
  auto m = r.match("GET", "/git/sopan.git/objects/info/packs");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params.at("rest"), "sopan.git/objects/info/packs");
  m = r.match("GET", "/files/svg/a/b.svg");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params.at("kind"), "svg");
  EXPECT_EQ(m.params.at("path"), "a/b.svg");
  EXPECT_EQ(m.params.count("path..."), 0u);
}

TEST(PrefixRouteTest, NeedsACleanNonEmptyRest) {
  Router r({route("GET", "/git/{rest...}")});
  for (const char* path : {"/git", "/git/", "/git//x", "/git/x/", "/git/x//y", "/git/.", "/git/..",
                           "/git/x/./y", "/git/x/../y", "/git/../etc/passwd", "/gitx/y"}) {
    auto m = r.match("GET", path);
    EXPECT_EQ(m.route, nullptr) << path;
    EXPECT_FALSE(m.path_known) << path << ": 404, not 405";
  }
  // Dots inside a name are names, not dot segments.
  EXPECT_NE(r.match("GET", "/git/.../x").route, nullptr);
  EXPECT_NE(r.match("GET", "/git/sopan.git/..x").route, nullptr);
}

TEST(PrefixRouteTest, ExactRoutesWinAndAllowNamesEachMethodOnce) {
  Router r({route("GET", "/git/{rest...}"), route("POST", "/git/{rest...}"),
            route("GET", "/git/{repo}/info/refs"), route("PUT", "/git/{repo}/info/refs")});
  auto m = r.match("GET", "/git/sopan.git/info/refs");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->pattern, "/git/{repo}/info/refs");
  EXPECT_EQ(m.params.at("repo"), "sopan.git");
  EXPECT_EQ(m.params.count("rest"), 0u);
  EXPECT_EQ(m.allow, "GET, POST, PUT");
  m = r.match("POST", "/git/sopan.git/info/refs");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->pattern, "/git/{rest...}");
  m = r.match("DELETE", "/git/sopan.git/x");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_TRUE(m.path_known);
  EXPECT_EQ(m.allow, "GET, POST");
}

TEST(PrefixRouteTest, OnlyTheLastSegmentMayCaptureTheRest) {
  EXPECT_THROW(Router({route("GET", "/git/{rest...}/x")}), std::invalid_argument);
  // "{...}" has no name: an ordinary parameter named "...".
  Router r({route("GET", "/x/{...}")});
  EXPECT_EQ(r.match("GET", "/x/a/b").route, nullptr);
  EXPECT_NE(r.match("GET", "/x/a").route, nullptr);
}

}  // namespace
}  // namespace sopan::http
