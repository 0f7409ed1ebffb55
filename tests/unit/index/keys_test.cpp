#include "index/keys.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace sopan::index {
namespace {

TEST(KeysTest, U64RoundTripsAndSortsNumerically) {
  std::mt19937_64 rng(42);
  std::vector<std::uint64_t> values = {0, 1, 255, 256, 65535, ~0ull, 1ull << 63};
  for (int i = 0; i < 500; ++i) values.push_back(rng() >> (rng() % 64));
  std::vector<std::string> keys;
  for (auto v : values) {
    std::string k;
    append_u64(k, v);
    ASSERT_EQ(k.size(), 8u);
    KeyReader r(k);
    ASSERT_EQ(r.u64(), v);
    EXPECT_TRUE(r.done());
    keys.push_back(k);
  }
  for (std::size_t i = 0; i < values.size(); ++i)
    for (std::size_t j = 0; j < values.size(); j += 7)
      EXPECT_EQ(values[i] < values[j], keys[i] < keys[j]) << values[i] << " vs " << values[j];
}

std::string random_bytes(std::mt19937_64& rng) {
  std::string s(rng() % 12, '\0');
  // Mostly the awkward bytes: NUL, 0x01, 0xFF.
  for (char& c : s)
    c = "\x00\x01\xff"
        "ab"[rng() % 5];
  return s;
}

TEST(KeysTest, OrderedStringsRoundTripAndKeepStringOrder) {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 2000; ++i) {
    std::string a = random_bytes(rng), b = random_bytes(rng);
    std::string ka, kb;
    append_ordered(ka, a);
    append_u64(ka, 99);  // a following component must not disturb the order
    append_ordered(kb, b);
    append_u64(kb, 1);
    if (a != b) {
      EXPECT_EQ(a < b, ka < kb) << ::testing::PrintToString(a) << " vs "
                                << ::testing::PrintToString(b);
    }
    KeyReader r(ka);
    EXPECT_EQ(r.ordered(), a);
    EXPECT_EQ(r.u64(), 99u);
    EXPECT_TRUE(r.done());
  }
}

TEST(KeysTest, PrefixedRoundTripsWithExactBoundaries) {
  std::string k;
  append_prefixed(k, "ab");
  append_prefixed(k, std::string("\0c", 2));
  append_prefixed(k, "");
  KeyReader r(k);
  EXPECT_EQ(r.prefixed(), "ab");
  EXPECT_EQ(r.prefixed(), std::string("\0c", 2));
  EXPECT_EQ(r.prefixed(), "");
  EXPECT_TRUE(r.done());
  // A group key never prefix-matches a longer group name.
  EXPECT_FALSE(pair_key("unit10", "X").starts_with(pair_prefix("unit1")));
}

TEST(KeysTest, TruncatedKeysAreRejected) {
  std::string k;
  append_prefixed(k, "hello");
  KeyReader r(std::string_view(k).substr(0, 6));
  EXPECT_EQ(r.prefixed(), std::nullopt);
  KeyReader r2("\x00\x00\x01");
  EXPECT_EQ(r2.u64(), std::nullopt);
  KeyReader r3(std::string("ab\0", 3));
  EXPECT_EQ(r3.ordered(), std::nullopt);
  KeyReader r4(std::string("a\0\x05", 3));
  EXPECT_EQ(r4.ordered(), std::nullopt);
}

TEST(KeysTest, PrefixSuccessorBoundsAPrefixScan) {
  EXPECT_EQ(prefix_successor("ab"), "ac");
  EXPECT_EQ(prefix_successor(std::string("a\xff", 2)), "b");
  EXPECT_EQ(prefix_successor(std::string("\xff\xff", 2)), "");
  EXPECT_EQ(prefix_successor(""), "");
  std::string p = versions_prefix("DOC");
  EXPECT_LT(version_key("DOC", ~0ull), prefix_successor(p));
  EXPECT_GT(version_key("DOC", 0), p);
}

TEST(KeysTest, VersionKeysOfOneDocumentSortByVersion) {
  EXPECT_LT(version_key("D", 2), version_key("D", 10));
  EXPECT_LT(version_key("D", 255), version_key("D", 256));
  EXPECT_LT(event_key(9), event_key(10));
  EXPECT_NE(content_key("D", true), content_key("D", false));
}

}  // namespace
}  // namespace sopan::index
