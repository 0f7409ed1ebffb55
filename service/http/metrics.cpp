#include "http/metrics.hpp"

#include <cstdio>

namespace sopan::http {

bool is_known_method(std::string_view method) {
  for (auto m : kMethods)
    if (m == method) return true;
  return false;
}

Metrics::Metrics(std::vector<std::string> route_labels)
    : routes_(route_labels.begin(), route_labels.end()) {}

void Metrics::finished(std::string_view route, std::string_view method, int status,
                       double seconds) {
  in_flight_.fetch_sub(1, std::memory_order_relaxed);
  if (!routes_.contains(route)) route = "other";
  if (!is_known_method(method)) method = "other";
  bool known_status = false;
  for (int s : kStatuses) known_status = known_status || s == status;
  if (!known_status) status = 0;
  std::lock_guard lock(mutex_);
  ++requests_[{std::string(route), std::string(method), status}];
  auto& h = latency_[std::string(route)];
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  ++h.count;
  h.sum += seconds;
}

std::string Metrics::render() const {
  std::string out;
  char buf[64];
  std::lock_guard lock(mutex_);
  out += "# HELP sopan_http_requests_total HTTP requests by route, method and status.\n";
  out += "# TYPE sopan_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto& [route, method, status] = key;
    out += "sopan_http_requests_total{route=\"" + route + "\",method=\"" + method + "\",status=\"" +
           (status == 0 ? std::string("other") : std::to_string(status)) + "\"} " +
           std::to_string(n) + "\n";
  }
  out += "# HELP sopan_http_request_duration_seconds Time from request header to response sent.\n";
  out += "# TYPE sopan_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    std::string label = "route=\"" + route + "\"";
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      std::snprintf(buf, sizeof buf, "%g", kBuckets[i]);
      out += "sopan_http_request_duration_seconds_bucket{" + label + ",le=\"" + buf + "\"} " +
             std::to_string(h.buckets[i]) + "\n";
    }
    out += "sopan_http_request_duration_seconds_bucket{" + label + ",le=\"+Inf\"} " +
           std::to_string(h.count) + "\n";
    std::snprintf(buf, sizeof buf, "%.6f", h.sum);
    out += "sopan_http_request_duration_seconds_sum{" + label + "} " + buf + "\n";
    out += "sopan_http_request_duration_seconds_count{" + label + "} " + std::to_string(h.count) +
           "\n";
  }
  out += "# HELP sopan_http_requests_in_flight Requests being handled now.\n";
  out += "# TYPE sopan_http_requests_in_flight gauge\n";
  out += "sopan_http_requests_in_flight " + std::to_string(in_flight()) + "\n";
  return out;
}

}  // namespace sopan::http
