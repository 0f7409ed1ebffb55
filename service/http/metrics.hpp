#pragma once
/// Request metrics in the Prometheus text format: requests by route and status, a latency
/// histogram per route, and requests in flight. Thread-safe.
///
/// Every label comes from a fixed set, so no request can add a series: the route label from the
/// routes and labels given at construction, the method from kMethods, the status from
/// kStatuses; anything else is counted as "other".
#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace sopan::http {

/// The methods the server implements; any other is answered 501 before routing.
inline constexpr std::array<std::string_view, 7> kMethods = {"GET",   "HEAD",   "POST",   "PUT",
                                                             "PATCH", "DELETE", "OPTIONS"};
bool is_known_method(std::string_view method);

class Metrics {
 public:
  /// `route_labels`: the route patterns and the server's own labels ("static", "not_found"...).
  explicit Metrics(std::vector<std::string> route_labels);
  void started() { in_flight_.fetch_add(1, std::memory_order_relaxed); }
  void finished(std::string_view route, std::string_view method, int status, double seconds);
  std::int64_t in_flight() const { return in_flight_.load(std::memory_order_relaxed); }
  std::string render() const;

  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
  static constexpr std::array<int, 23> kStatuses = {200, 201, 204, 206, 304, 400, 401, 403,
                                                    404, 405, 408, 409, 412, 413, 415, 422,
                                                    429, 431, 500, 501, 502, 503, 504};

 private:
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  const std::set<std::string, std::less<>> routes_;
  mutable std::mutex mutex_;
  // status 0 = "other"
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
  std::atomic<std::int64_t> in_flight_{0};
};

}  // namespace sopan::http
