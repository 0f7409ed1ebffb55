#pragma once
/// Request metrics in the Prometheus text format: requests by route and status, a latency
/// histogram per route, and requests in flight.
///
/// Every label comes from a fixed set, so no request can add a series: the route label from the
/// routes and labels given at construction, the method from kMethods, the status from
/// kStatuses; anything else is counted as "other".
///
/// Thread-safe and lock-free. The counters live in shards, one per recording thread (each I/O
/// thread passes its own index), so that recording never contends for a cache line; a scrape
/// sums the shards. Two threads sharing a shard still count correctly, only slower.
#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
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
  /// `route_labels`: the route patterns and the server's own labels ("static", "not_found"...);
  /// `shards`: how many recording threads get a shard of their own (at least one).
  explicit Metrics(std::vector<std::string> route_labels, std::size_t shards = 1);
  ~Metrics();

  /// Records on shard `shard` (taken modulo the shard count).
  void started(std::size_t shard);
  void finished(std::size_t shard, std::string_view route, std::string_view method, int status,
                double seconds);
  /// The same on shard 0.
  void started() { started(0); }
  void finished(std::string_view route, std::string_view method, int status, double seconds) {
    finished(0, route, method, status, seconds);
  }

  std::int64_t in_flight() const;
  std::string render() const;

  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
  static constexpr std::array<int, 23> kStatuses = {200, 201, 204, 206, 304, 400, 401, 403,
                                                    404, 405, 408, 409, 412, 413, 415, 422,
                                                    429, 431, 500, 501, 502, 503, 504};

 private:
  struct Shard;
  const Shard& shard_at(std::size_t i) const { return *shards_[i % shards_.size()]; }
  Shard& shard_at(std::size_t i) { return *shards_[i % shards_.size()]; }

  std::vector<std::string> routes_;  // sorted, "other" included
  std::vector<std::unique_ptr<Shard>> shards_;
};

}  // namespace sopan::http
