#include "http/metrics.hpp"

#include <algorithm>
#include <cstdio>

namespace sopan::http {
namespace {

constexpr std::size_t kMethodLabels = kMethods.size() + 1;             // + "other"
constexpr std::size_t kStatusLabels = Metrics::kStatuses.size() + 1;   // + "other"
constexpr std::size_t kHistogramSlots = Metrics::kBuckets.size() + 2;  // + over, sum (ns)

/// The labels in the order the text lists them: methods by name ("other" sorts last) and
/// statuses by number ("other" first), as the map this replaced did.
constexpr std::array<std::string_view, kMethodLabels> kMethodOrder = {
    "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "other"};

std::size_t method_index(std::string_view method) {
  for (std::size_t i = 0; i + 1 < kMethodLabels; ++i)
    if (kMethodOrder[i] == method) return i;
  return kMethodLabels - 1;
}

std::size_t status_index(int status) {
  for (std::size_t i = 0; i < Metrics::kStatuses.size(); ++i)
    if (Metrics::kStatuses[i] == status) return i + 1;
  return 0;
}

using Counter = std::atomic<std::uint64_t>;

void add(Counter& c, std::uint64_t n) { c.fetch_add(n, std::memory_order_relaxed); }
std::uint64_t read(const Counter& c) { return c.load(std::memory_order_relaxed); }

}  // namespace

/// One thread's counters, preallocated for every label combination (a few thousand).
struct alignas(64) Metrics::Shard {
  explicit Shard(std::size_t routes)
      : requests(routes * kMethodLabels * kStatusLabels), latency(routes * kHistogramSlots) {}
  std::vector<Counter> requests;  // [route][method][status]
  std::vector<Counter> latency;   // [route][bucket..., over, sum_ns]
  alignas(64) std::atomic<std::int64_t> in_flight{0};
};

bool is_known_method(std::string_view method) {
  for (auto m : kMethods)
    if (m == method) return true;
  return false;
}

Metrics::Metrics(std::vector<std::string> route_labels, std::size_t shards)
    : routes_(std::move(route_labels)) {
  routes_.push_back("other");
  std::sort(routes_.begin(), routes_.end());
  routes_.erase(std::unique(routes_.begin(), routes_.end()), routes_.end());
  for (std::size_t i = 0; i < std::max<std::size_t>(1, shards); ++i)
    shards_.push_back(std::make_unique<Shard>(routes_.size()));
}

Metrics::~Metrics() = default;

void Metrics::started(std::size_t shard) {
  shard_at(shard).in_flight.fetch_add(1, std::memory_order_relaxed);
}

void Metrics::finished(std::size_t shard, std::string_view route, std::string_view method,
                       int status, double seconds) {
  Shard& s = shard_at(shard);
  s.in_flight.fetch_sub(1, std::memory_order_relaxed);
  auto it = std::lower_bound(routes_.begin(), routes_.end(), route);
  if (it == routes_.end() || *it != route)
    it = std::lower_bound(routes_.begin(), routes_.end(), "other");
  const auto r = static_cast<std::size_t>(it - routes_.begin());
  add(s.requests[(r * kMethodLabels + method_index(method)) * kStatusLabels + status_index(status)],
      1);
  // One bucket per request; the text's cumulative counts are summed at render time.
  std::size_t b = 0;
  while (b < kBuckets.size() && seconds > kBuckets[b]) ++b;
  Counter* h = &s.latency[r * kHistogramSlots];
  add(h[b], 1);
  add(h[kHistogramSlots - 1], static_cast<std::uint64_t>(std::max(0.0, seconds) * 1e9));
}

std::int64_t Metrics::in_flight() const {
  std::int64_t n = 0;
  for (const auto& s : shards_) n += s->in_flight.load(std::memory_order_relaxed);
  return n;
}

std::string Metrics::render() const {
  auto total = [this](auto member, std::size_t i) {
    std::uint64_t n = 0;
    for (const auto& s : shards_) n += read(((*s).*member)[i]);
    return n;
  };
  std::string out;
  char buf[64];
  out += "# HELP sopan_http_requests_total HTTP requests by route, method and status.\n";
  out += "# TYPE sopan_http_requests_total counter\n";
  for (std::size_t r = 0; r < routes_.size(); ++r)
    for (std::size_t m = 0; m < kMethodLabels; ++m)
      for (std::size_t st = 0; st < kStatusLabels; ++st) {
        const std::uint64_t n =
            total(&Shard::requests, (r * kMethodLabels + m) * kStatusLabels + st);
        if (n == 0) continue;
        out += "sopan_http_requests_total{route=\"" + routes_[r] + "\",method=\"" +
               std::string(kMethodOrder[m]) + "\",status=\"" +
               (st == 0 ? std::string("other") : std::to_string(kStatuses[st - 1])) + "\"} " +
               std::to_string(n) + "\n";
      }
  out += "# HELP sopan_http_request_duration_seconds Time from request header to response sent.\n";
  out += "# TYPE sopan_http_request_duration_seconds histogram\n";
  for (std::size_t r = 0; r < routes_.size(); ++r) {
    std::array<std::uint64_t, kHistogramSlots> h{};
    for (std::size_t i = 0; i < kHistogramSlots; ++i)
      h[i] = total(&Shard::latency, r * kHistogramSlots + i);
    std::uint64_t count = 0;
    for (std::size_t i = 0; i + 1 < kHistogramSlots; ++i) count += h[i];
    if (count == 0) continue;
    std::string label = "route=\"" + routes_[r] + "\"";
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += h[i];
      std::snprintf(buf, sizeof buf, "%g", kBuckets[i]);
      out += "sopan_http_request_duration_seconds_bucket{" + label + ",le=\"" + buf + "\"} " +
             std::to_string(cumulative) + "\n";
    }
    out += "sopan_http_request_duration_seconds_bucket{" + label + ",le=\"+Inf\"} " +
           std::to_string(count) + "\n";
    std::snprintf(buf, sizeof buf, "%.6f", static_cast<double>(h[kHistogramSlots - 1]) / 1e9);
    out += "sopan_http_request_duration_seconds_sum{" + label + "} " + buf + "\n";
    out +=
        "sopan_http_request_duration_seconds_count{" + label + "} " + std::to_string(count) + "\n";
  }
  out += "# HELP sopan_http_requests_in_flight Requests being handled now.\n";
  out += "# TYPE sopan_http_requests_in_flight gauge\n";
  out += "sopan_http_requests_in_flight " + std::to_string(in_flight()) + "\n";
  return out;
}

}  // namespace sopan::http
