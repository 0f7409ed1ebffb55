#pragma once
/// Request metrics in the Prometheus text format: requests by route and status, a latency
/// histogram per route, and requests in flight. Thread-safe.
#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace sopan::http {

class Metrics {
 public:
  void started() { in_flight_.fetch_add(1, std::memory_order_relaxed); }
  void finished(std::string_view route, std::string_view method, int status, double seconds);
  std::int64_t in_flight() const { return in_flight_.load(std::memory_order_relaxed); }
  std::string render() const;

  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

 private:
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
  std::atomic<std::int64_t> in_flight_{0};
};

}  // namespace sopan::http
