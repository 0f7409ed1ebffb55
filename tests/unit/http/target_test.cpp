#include "http/target.hpp"

#include <gtest/gtest.h>

namespace sopan::http {
namespace {

TEST(TargetTest, DecodesPathAndQuery) {
  auto t = parse_target("/api/v1/sops?q=surat%20masuk&unit=a+b");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->path, "/api/v1/sops");
  EXPECT_EQ(t->query.at("q"), "surat masuk");
  EXPECT_EQ(t->query.at("unit"), "a b");
  EXPECT_TRUE(parse_target("/api/v1/units/%C3%A9"));  // é
}

TEST(TargetTest, InvalidUtf8AndControlsAreRefusedAfterDecoding) {
  for (auto bad :
       {"/api/v1/sops/%FF", "/api/v1/sops/%C3", "/api/v1/%ED%A0%80", "/a%00b", "/a%0Ab", "/a%1Bb",
        "/a%7Fb", "/a?q=%FF", "/a?q=%00", "/a?%FF=1", "/a?q=%09", "/a?q=%0D%0A", "relative", ""})
    EXPECT_FALSE(parse_target(bad)) << bad;
}

TEST(TargetTest, HeaderValues) {
  EXPECT_TRUE(is_clean_header_value("Mozilla/5.0 (X11; Linux)"));
  EXPECT_TRUE(is_clean_header_value("a\tb"));
  EXPECT_TRUE(is_clean_header_value("Jos\xC3\xA9"));
  EXPECT_FALSE(is_clean_header_value("Jos\xE9"));  // Latin-1
  EXPECT_FALSE(is_clean_header_value(std::string("a\0b", 3)));
  EXPECT_FALSE(is_clean_header_value("a\x7f"));
}

TEST(TargetTest, MalformedEscapesAreRefused) {
  for (auto bad : {"/a%", "/a%4", "/a%G1", "/a%4G", "/a%%41", "/a%-1", "/a% 1", "/a?q=%", "/a?q=%2",
                   "/a?q=%zz", "/a?%=1"})
    EXPECT_FALSE(parse_target(bad)) << bad;
  // An escape that ends the text exactly is whole; upper and lower case hex alike.
  EXPECT_EQ(percent_decode("%41", false), "A");
  EXPECT_EQ(percent_decode("a%4a%4A", false), "aJJ");
  EXPECT_EQ(percent_decode("", false), "");
  EXPECT_FALSE(percent_decode("%4", false));
  EXPECT_FALSE(percent_decode("a%00", false));
}

TEST(TargetTest, OverlongAndOutOfRangeUtf8IsRefused) {
  // "/" and "." spelt in two or three bytes would slip past a check on the decoded characters.
  for (auto bad : {"/a%C0%AF", "/a%E0%80%AF", "/a%C1%BF", "/%C0%AE%C0%AE/etc", "/a%F4%90%80%80",
                   "/a%F8%88%80%80%80", "/a?q=%C0%AF"})
    EXPECT_FALSE(parse_target(bad)) << bad;
  EXPECT_TRUE(parse_target("/a%F0%9F%98%80"));  // 😀
  EXPECT_TRUE(parse_target("/a%C2%A0"));        // U+00A0
}

TEST(TargetTest, PlusIsASpaceOnlyInTheQuery) {
  auto t = parse_target("/a+b?c+d=e+f%2B");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->path, "/a+b");
  EXPECT_EQ(t->query, (api::StringMap{{"c d", "e f+"}}));
}

TEST(TargetTest, QueryPairs) {
  auto t = parse_target("/a?x=1&x=2&&flag&=anon&eq=a=b&empty=");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->query, (api::StringMap{{"x", "2"},  // a repeated parameter: the last one counts
                                      {"flag", ""},
                                      {"", "anon"},
                                      {"eq", "a=b"},
                                      {"empty", ""}}));
  t = parse_target("/a?");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->path, "/a");
  EXPECT_TRUE(t->query.empty());
  // Only the first '?' splits: a later one belongs to the query.
  t = parse_target("/a?q=why?&r=%3F");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->query.at("q"), "why?");
  EXPECT_EQ(t->query.at("r"), "?");
  // An encoded '?' or '&' in the path is path text, not a query.
  t = parse_target("/a%3Fb%26c");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->path, "/a?b&c");
  EXPECT_TRUE(t->query.empty());
}

TEST(TargetTest, PathsAreDecodedButNotNormalised) {
  auto t = parse_target("/api/v1/%2E%2E/x%2Fy//z/");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->path, "/api/v1/../x/y//z/");  // the router and static files take it from here
}

}  // namespace
}  // namespace sopan::http
