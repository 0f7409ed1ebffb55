#include "http/client_address.hpp"

#include <boost/asio/ip/address.hpp>

namespace sopan::http {
namespace net = boost::asio;

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

/// The address as 16 bytes (IPv4 mapped), or false when `text` is not an address.
bool to_bytes(std::string_view text, std::array<std::uint8_t, 16>& out) {
  boost::system::error_code ec;
  auto a = net::ip::make_address(std::string(text), ec);
  if (ec) return false;
  if (a.is_v4())
    out = net::ip::make_address_v6(net::ip::v4_mapped, a.to_v4()).to_bytes();
  else
    out = a.to_v6().to_bytes();
  return true;
}

bool is_v4_mapped(const std::array<std::uint8_t, 16>& b) {
  for (int i = 0; i < 10; ++i)
    if (b[i] != 0) return false;
  return b[10] == 0xFF && b[11] == 0xFF;
}

}  // namespace

Result<TrustedProxies> TrustedProxies::parse(std::string_view list) {
  TrustedProxies out;
  while (!list.empty()) {
    auto comma = list.find(',');
    std::string_view entry = trim(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    if (entry.empty()) continue;
    Network n;
    std::string_view address = entry;
    int prefix = -1;
    if (auto slash = entry.find('/'); slash != std::string_view::npos) {
      address = entry.substr(0, slash);
      std::string_view digits = entry.substr(slash + 1);
      prefix = 0;
      if (digits.empty() || digits.size() > 3) prefix = -2;
      for (char c : digits) {
        if (c < '0' || c > '9') prefix = -2;
        if (prefix >= 0) prefix = prefix * 10 + (c - '0');
      }
    }
    bool ok = prefix != -2 && to_bytes(address, n.bytes);
    if (ok) {
      const bool v4 = is_v4_mapped(n.bytes) && address.find(':') == std::string_view::npos;
      const int max = v4 ? 32 : 128;
      if (prefix > max) ok = false;
      n.prefix = prefix < 0 ? 128 : (v4 ? 96 + prefix : prefix);
    }
    if (!ok)
      return make_error(Errc::kInvalidArgument,
                        "'" + std::string(entry) + "' bukan alamat IP atau jaringan (a.b.c.d/n)");
    out.networks_.push_back(n);
  }
  return out;
}

bool TrustedProxies::contains(std::string_view address) const {
  std::array<std::uint8_t, 16> b{};
  if (networks_.empty() || !to_bytes(address, b)) return false;
  for (const auto& n : networks_) {
    int bits = n.prefix;
    bool match = true;
    for (std::size_t i = 0; i < 16 && bits > 0 && match; ++i, bits -= 8) {
      const std::uint8_t mask = bits >= 8 ? 0xFF : static_cast<std::uint8_t>(0xFF << (8 - bits));
      match = (b[i] & mask) == (n.bytes[i] & mask);
    }
    if (match) return true;
  }
  return false;
}

std::string canonical_address(std::string_view address) {
  std::array<std::uint8_t, 16> b{};
  if (!to_bytes(trim(address), b)) return "";
  net::ip::address_v6 v6(b);
  if (v6.is_v4_mapped()) return net::ip::make_address_v4(net::ip::v4_mapped, v6).to_string();
  return v6.to_string();
}

std::string client_address(std::string_view peer, std::string_view forwarded_for,
                           const TrustedProxies& trusted) {
  std::string current = canonical_address(peer);
  if (current.empty()) return std::string(peer);
  if (!trusted.contains(current)) return current;
  // Right to left: each hop was added by the proxy to its right, which we trust so far.
  while (!forwarded_for.empty()) {
    auto comma = forwarded_for.rfind(',');
    std::string_view entry =
        trim(comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1));
    forwarded_for =
        comma == std::string_view::npos ? std::string_view() : forwarded_for.substr(0, comma);
    if (entry.empty()) continue;
    std::string hop = canonical_address(entry);
    if (hop.empty()) return current;
    current = std::move(hop);
    if (!trusted.contains(current)) return current;
  }
  return current;
}

}  // namespace sopan::http
