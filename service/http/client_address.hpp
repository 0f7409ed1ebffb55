#pragma once
/// The client's address behind trusted reverse proxies (`X-Forwarded-For`). Pure functions;
/// a TrustedProxies is immutable once parsed, so safe to share between threads.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace sopan::http {

class TrustedProxies {
 public:
  /// A comma-separated list of addresses or networks ("127.0.0.1, ::1, 10.0.0.0/8"); empty = none.
  /// Errc::kInvalidArgument naming the first entry that is neither.
  [[nodiscard]] static Result<TrustedProxies> parse(std::string_view list);
  /// True when `address` (an IPv4 or IPv6 address in text form) is one of the proxies.
  bool contains(std::string_view address) const;
  bool empty() const { return networks_.empty(); }

 private:
  struct Network {
    std::array<std::uint8_t, 16> bytes{};  // IPv4 as IPv4-mapped IPv6
    int prefix = 128;
  };
  std::vector<Network> networks_;
};

/// `address` in canonical text form (an IPv4-mapped IPv6 address as plain IPv4), or "" when it
/// is not an IP address.
std::string canonical_address(std::string_view address);

/// The address to attribute a request to. `peer` is the TCP peer. `X-Forwarded-For` counts only
/// when the peer is a trusted proxy; then the client is the right-most address in it that is not
/// itself a trusted proxy (what the nearest untrusted hop told our proxies). A malformed entry
/// ends the walk: the last address a trusted proxy vouched for is the answer. Never throws.
std::string client_address(std::string_view peer, std::string_view forwarded_for,
                           const TrustedProxies& trusted);

}  // namespace sopan::http
