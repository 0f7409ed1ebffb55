#include "http/client_address.hpp"

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

namespace sopan::http {
namespace {
using sopan::testing::ErrcIs;
using sopan::testing::IsOk;

TrustedProxies proxies(std::string_view list) {
  auto p = TrustedProxies::parse(list);
  EXPECT_THAT(p, IsOk()) << list;
  return p ? *p : TrustedProxies();
}

TEST(ClientAddressTest, ForwardedForIsIgnoredWithoutTrustedProxies) {
  EXPECT_EQ(client_address("127.0.0.1", "203.0.113.7", TrustedProxies()), "127.0.0.1");
  EXPECT_EQ(client_address("198.51.100.2", "203.0.113.7", proxies("127.0.0.1")), "198.51.100.2");
}

TEST(ClientAddressTest, TrustedPeerNamesTheRightMostUntrustedHop) {
  const auto p = proxies("127.0.0.1, 10.0.0.0/8");
  EXPECT_EQ(client_address("127.0.0.1", "203.0.113.7", p), "203.0.113.7");
  // A client may send its own X-Forwarded-For: what it claims (left) is not believed.
  EXPECT_EQ(client_address("127.0.0.1", "1.1.1.1, 203.0.113.7", p), "203.0.113.7");
  // Our own proxies in the chain are skipped.
  EXPECT_EQ(client_address("127.0.0.1", "1.1.1.1, 203.0.113.7, 10.1.2.3", p), "203.0.113.7");
  EXPECT_EQ(client_address("127.0.0.1", "203.0.113.7,10.1.2.3,  ", p), "203.0.113.7");
  // Every hop trusted: the left-most one.
  EXPECT_EQ(client_address("127.0.0.1", "10.9.9.9, 10.1.2.3", p), "10.9.9.9");
  EXPECT_EQ(client_address("127.0.0.1", "", p), "127.0.0.1");
}

TEST(ClientAddressTest, MalformedHopEndsTheWalkAtTheLastVouchedAddress) {
  const auto p = proxies("127.0.0.1,10.0.0.0/8");
  EXPECT_EQ(client_address("127.0.0.1", "unknown", p), "127.0.0.1");
  EXPECT_EQ(client_address("127.0.0.1", "203.0.113.7, <script>, 10.0.0.1", p), "10.0.0.1");
  EXPECT_EQ(client_address("127.0.0.1", "203.0.113.7:4431", p), "127.0.0.1");
}

TEST(ClientAddressTest, Ipv6AndMappedAddresses) {
  const auto p = proxies("::1, 192.168.1.0/24, 2001:db8::/32");
  EXPECT_EQ(client_address("::1", "2001:db8::5, 2a00::1", p), "2a00::1");
  EXPECT_EQ(client_address("::ffff:192.168.1.9", "203.0.113.7", p), "203.0.113.7");
  EXPECT_EQ(client_address("::ffff:192.168.2.9", "203.0.113.7", p), "192.168.2.9");
  EXPECT_EQ(client_address("127.0.0.1", "203.0.113.7", p), "127.0.0.1");
  EXPECT_EQ(canonical_address(" ::FFFF:10.0.0.1 "), "10.0.0.1");
  EXPECT_EQ(canonical_address("bukan"), "");
}

TEST(ClientAddressTest, TrustedProxyListIsCheckedAtStartUp) {
  EXPECT_THAT(TrustedProxies::parse(""), IsOk());
  EXPECT_TRUE(TrustedProxies::parse(" , ")->empty());
  for (auto bad : {"localhost", "10.0.0.0/33", "10.0.0.0/", "::1/129", "1.2.3.4/x", "1.2.3"})
    EXPECT_THAT(TrustedProxies::parse(bad), ErrcIs(Errc::kInvalidArgument)) << bad;
  EXPECT_TRUE(proxies("10.0.0.0/8").contains("10.255.0.1"));
  EXPECT_FALSE(proxies("10.0.0.0/8").contains("11.0.0.1"));
  EXPECT_TRUE(proxies("0.0.0.0/0").contains("8.8.8.8"));
  EXPECT_FALSE(proxies("0.0.0.0/0").contains("::2"));
}

}  // namespace
}  // namespace sopan::http
