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

}  // namespace
}  // namespace sopan::http
