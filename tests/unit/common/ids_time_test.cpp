#include <gtest/gtest.h>

#include <set>

#include "common/ids.hpp"
#include "common/time.hpp"

namespace sopan {
namespace {

TEST(IdsTest, NewIdsAreValidUniqueAndTimeOrdered) {
  std::set<std::string> seen;
  std::string previous;
  for (int i = 0; i < 1000; ++i) {
    auto id = new_id();
    ASSERT_TRUE(is_valid_id(id)) << id;
    EXPECT_TRUE(seen.insert(id).second);
    // Many fall in the same millisecond: each still sorts after the one made before it.
    EXPECT_LT(previous, id);
    previous = id;
  }
  std::uint8_t r[10] = {};
  EXPECT_LT(make_id(1000, r), make_id(1001, r));
  EXPECT_EQ(make_id(0, r), "00000000000000000000000000");
}

TEST(IdsTest, InvalidIdsAreRejected) {
  EXPECT_FALSE(is_valid_id(""));
  EXPECT_FALSE(is_valid_id("01J0000000000000000000000"));   // 25 chars
  EXPECT_FALSE(is_valid_id("01J000000000000000000000IL"));  // I and L are not Crockford
  EXPECT_FALSE(is_valid_id("81J0000000000000000000000A"));  // first char > 7 overflows
  EXPECT_FALSE(is_valid_id("../../../../etc/passwd00000"));
}

TEST(IdsTest, ShardIsTwoHexCharsSpreadOverAllValues) {
  std::set<std::string> shards;
  for (int i = 0; i < 5000; ++i) {
    auto s = shard_of(new_id());
    ASSERT_EQ(s.size(), 2u);
    shards.insert(s);
  }
  EXPECT_GT(shards.size(), 240u);
}

TEST(TimeTest, ParsesOnlyRealDates) {
  EXPECT_TRUE(parse_date("2024-02-29"));
  EXPECT_FALSE(parse_date("2023-02-29"));
  EXPECT_FALSE(parse_date("2024-13-01"));
  EXPECT_FALSE(parse_date("2024-1-01"));
  EXPECT_FALSE(parse_date("2024-01-01T"));
  EXPECT_FALSE(parse_date("abcd-ef-gh"));
}

TEST(TimeTest, EndOfDayUsesTheInstansiZone) {
  // 2026-01-01 in WIB (UTC+7) ends at 2026-01-01T16:59:59.999Z.
  TimeMs end = end_of_day_ms(*parse_date("2026-01-01"), 420);
  EXPECT_EQ(format_utc_ms(end), "2026-01-01T16:59:59.999Z");
  EXPECT_EQ(format_utc(0), "1970-01-01T00:00:00Z");
}

TEST(TimeTest, AddMonthsKeepsTheDayOrTakesTheMonthsLast) {
  EXPECT_EQ(format_date(add_months({2026, 1, 15}, 6)), "2026-07-15");
  EXPECT_EQ(format_date(add_months({2026, 8, 31}, 6)), "2027-02-28");
  EXPECT_EQ(format_date(add_months({2027, 8, 31}, 6)), "2028-02-29");
  EXPECT_EQ(format_date(add_months({2026, 12, 1}, 12)), "2027-12-01");
}

TEST(TimeTest, IndonesianDatesSpellTheMonth) {
  EXPECT_EQ(indonesian_date("2026-08-05"), "5 Agustus 2026");
  EXPECT_EQ(indonesian_date("2026-01-31"), "31 Januari 2026");
  EXPECT_EQ(indonesian_date("2027-12-01"), "1 Desember 2027");
  // Not a date: as it is.
  EXPECT_EQ(indonesian_date(""), "");
  EXPECT_EQ(indonesian_date("2026-13-01"), "2026-13-01");
  EXPECT_EQ(indonesian_date("2026-02-30"), "2026-02-30");
  EXPECT_EQ(indonesian_date("kemarin"), "kemarin");
}

TEST(TimeTest, ASignatureTimeReadsInTheInstansiZone) {
  EXPECT_EQ(indonesian_time("2026-03-02T02:15:00Z", 420), "2 Maret 2026 pukul 09.15 WIB");
  // After 17:00 UTC it is the next day in WIB: the paper and the page must say the same day.
  EXPECT_EQ(indonesian_time("2026-12-02T18:10:00Z", 420), "3 Desember 2026 pukul 01.10 WIB");
  EXPECT_EQ(indonesian_time("2026-12-31T23:59:59Z", 540), "1 Januari 2027 pukul 08.59 WIT");
  EXPECT_EQ(indonesian_time("2026-03-02T02:15:00Z", 480), "2 Maret 2026 pukul 10.15 WITA");
  EXPECT_EQ(indonesian_time("bukan waktu", 420), "bukan waktu");
  EXPECT_EQ(indonesian_time("2026-02-30T02:15:00Z", 420), "2026-02-30T02:15:00Z");
  EXPECT_EQ(indonesian_time("2026-03-02T2x:15:00Z", 420), "2026-03-02T2x:15:00Z");
  EXPECT_EQ(indonesian_time("2026-03-02T24:15:00Z", 420), "2026-03-02T24:15:00Z");
}

TEST(TimeTest, LocalDateFollowsTheInstansiZone) {
  // 2026-11-23T18:30Z is already 24 November in WIB (UTC+7) but still 23 November in UTC.
  auto date = parse_date("2026-11-23");
  ASSERT_TRUE(date);
  TimeMs t = end_of_day_ms(*date, 0) - 5 * 3'600'000LL - 30 * 60'000LL;
  EXPECT_EQ(format_date(local_date(t, 420)), "2026-11-24");
  EXPECT_EQ(format_date(local_date(t, 0)), "2026-11-23");
}

}  // namespace
}  // namespace sopan
