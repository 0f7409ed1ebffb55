#include "http/metrics.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

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

TEST(MetricsTest, TextFormatWithCumulativeBuckets) {
  Metrics m({"/b", "/a", "static"});
  m.started();
  m.finished("/a", "GET", 200, 0.0007);
  m.started();
  m.finished("/a", "GET", 200, 0.003);
  m.started();
  m.finished("/a", "DELETE", 404, 0.0001);
  m.started();
  m.finished("/b", "POST", 201, 3.0);  // beyond the last bucket: only +Inf
  m.started();                         // still in flight
  const std::string a = "sopan_http_request_duration_seconds_bucket{route=\"/a\",le=";
  const std::string b = "sopan_http_request_duration_seconds_bucket{route=\"/b\",le=";
  std::string expected =
      "# HELP sopan_http_requests_total HTTP requests by route, method and status.\n"
      "# TYPE sopan_http_requests_total counter\n"
      "sopan_http_requests_total{route=\"/a\",method=\"DELETE\",status=\"404\"} 1\n"
      "sopan_http_requests_total{route=\"/a\",method=\"GET\",status=\"200\"} 2\n"
      "sopan_http_requests_total{route=\"/b\",method=\"POST\",status=\"201\"} 1\n"
      "# HELP sopan_http_request_duration_seconds Time from request header to response sent.\n"
      "# TYPE sopan_http_request_duration_seconds histogram\n";
  const char* les[] = {"0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025",
                       "0.05",   "0.1",   "0.25",   "0.5",   "1",    "2.5"};
  const int a_counts[] = {1, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3};
  for (int i = 0; i < 12; ++i)
    expected += a + "\"" + les[i] + "\"} " + std::to_string(a_counts[i]) + "\n";
  expected += a + "\"+Inf\"} 3\n";
  expected += "sopan_http_request_duration_seconds_sum{route=\"/a\"} 0.003800\n";
  expected += "sopan_http_request_duration_seconds_count{route=\"/a\"} 3\n";
  for (int i = 0; i < 12; ++i) expected += b + "\"" + les[i] + "\"} 0\n";
  expected += b + "\"+Inf\"} 1\n";
  expected += "sopan_http_request_duration_seconds_sum{route=\"/b\"} 3.000000\n";
  expected += "sopan_http_request_duration_seconds_count{route=\"/b\"} 1\n";
  expected +=
      "# HELP sopan_http_requests_in_flight Requests being handled now.\n"
      "# TYPE sopan_http_requests_in_flight gauge\n"
      "sopan_http_requests_in_flight 1\n";
  EXPECT_EQ(m.render(), expected);
}

TEST(MetricsTest, ShardsAddUpOnScrape) {
  constexpr int kThreads = 4, kEach = 20000;
  Metrics m({"/healthz"}, kThreads);
  std::vector<std::thread> threads;
  // One shard per thread, and two more threads sharing shard 0: counts are exact either way.
  for (int t = 0; t < kThreads + 2; ++t)
    threads.emplace_back([&m, t] {
      const std::size_t shard = t < kThreads ? static_cast<std::size_t>(t) : 0;
      for (int i = 0; i < kEach; ++i) {
        m.started(shard);
        m.finished(shard, "/healthz", "GET", i % 2 ? 200 : 503, 0.002);
      }
    });
  for (auto& t : threads) t.join();
  const std::string text = m.render();
  const std::string half = std::to_string((kThreads + 2) * kEach / 2);
  EXPECT_NE(text.find("{route=\"/healthz\",method=\"GET\",status=\"200\"} " + half + "\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("{route=\"/healthz\",method=\"GET\",status=\"503\"} " + half + "\n"),
            std::string::npos);
  EXPECT_NE(text.find("_count{route=\"/healthz\"} " + std::to_string((kThreads + 2) * kEach)),
            std::string::npos);
  EXPECT_EQ(m.in_flight(), 0);
  // A shard index past the count wraps around instead of running off the end.
  m.started(kThreads + 7);
  EXPECT_EQ(m.in_flight(), 1);
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
