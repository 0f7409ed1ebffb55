#include "http/metrics.hpp"

#include <gtest/gtest.h>

namespace sopan::http {
namespace {

TEST(MetricsTest, LabelsComeFromFixedSets) {
  Metrics m({"/healthz", "not_found"});
  for (int i = 0; i < 3; ++i) {
    m.started();
    m.finished("/healthz", "GET", 200, 0.001);
  }
  for (std::string token : {"FOO", "BAR", "GET\"} 1\n"}) {
    m.started();
    m.finished("not_found", token, 501, 0.001);
  }
  m.started();
  m.finished("/made/up/" + std::string(100, 'x'), "POST", 299, 0.001);
  const std::string text = m.render();
  EXPECT_NE(
      text.find("sopan_http_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"} 3"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find("{route=\"not_found\",method=\"other\",status=\"501\"} 3"), std::string::npos)
      << text;
  EXPECT_NE(text.find("{route=\"other\",method=\"POST\",status=\"other\"} 1"), std::string::npos)
      << text;
  EXPECT_EQ(text.find("FOO"), std::string::npos);
  EXPECT_EQ(text.find("made"), std::string::npos);
}

TEST(MetricsTest, KnownMethods) {
  EXPECT_TRUE(is_known_method("GET"));
  EXPECT_TRUE(is_known_method("OPTIONS"));
  EXPECT_FALSE(is_known_method("get"));
  EXPECT_FALSE(is_known_method("PROPFIND"));
  EXPECT_FALSE(is_known_method("BREW"));
}

}  // namespace
}  // namespace sopan::http
