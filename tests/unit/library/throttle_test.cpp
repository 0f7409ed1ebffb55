#include <gtest/gtest.h>

#include <optional>
#include <variant>
#include <vector>

#include "library/accounts.hpp"

namespace sopan::library {
namespace {
using namespace std::chrono_literals;

constexpr TimeMs kSecond = 1000;

ThrottleLimits limits() {
  ThrottleLimits l;
  l.per_account = 3;
  l.per_address = 10;
  l.window = 15min;
  l.first_delay = 1s;
  l.max_delay = 60s;
  l.max_entries = 100;
  return l;
}

bool is_ticket(const std::variant<Throttle::Ticket, Throttle::Refusal>& r) {
  return std::holds_alternative<Throttle::Ticket>(r);
}

/// One attempt at `now` that fails; true when it was allowed to run.
bool fail(Throttle& t, const std::string& account, const std::string& address, TimeMs now) {
  auto r = t.reserve(account, address, now);
  if (!is_ticket(r)) return false;
  std::get<Throttle::Ticket>(r).failed(now);
  return true;
}

TEST(ThrottleTest, AfterTheLimitEachAttemptWaitsTwiceAsLong) {
  ThrottleLimits l = limits();
  l.per_address = 1000;  // only the account's limit here
  Throttle t(l);
  TimeMs now = 1'000'000;
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(fail(t, "budi", "10.0.0.1", now));
  // 1 s, then 2 s, then 4 s … after each further failure.
  for (TimeMs delay : {1, 2, 4, 8, 16, 32, 60, 60}) {
    auto held = t.reserve("budi", "10.0.0.1", now + delay * kSecond - 1);
    ASSERT_FALSE(is_ticket(held)) << delay;
    EXPECT_EQ(std::get<Throttle::Refusal>(held).retry_after, std::chrono::seconds(1));
    EXPECT_FALSE(std::get<Throttle::Refusal>(held).by_address);
    auto early = t.reserve("budi", "10.0.0.1", now);
    ASSERT_FALSE(is_ticket(early));
    EXPECT_EQ(std::get<Throttle::Refusal>(early).retry_after, std::chrono::seconds(delay)) << delay;
    now += delay * kSecond;
    EXPECT_TRUE(fail(t, "budi", "10.0.0.1", now)) << delay;
  }
}

TEST(ThrottleTest, ASuccessResetsTheAccountButNotTheAddress) {
  Throttle t(limits());
  TimeMs now = 1'000'000;
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(fail(t, "budi", "10.0.0.1", now));
  EXPECT_FALSE(is_ticket(t.reserve("budi", "10.0.0.1", now)));
  now += kSecond;
  auto r = t.reserve("budi", "10.0.0.1", now);
  ASSERT_TRUE(is_ticket(r));
  std::get<Throttle::Ticket>(r).succeeded();
  // The account starts afresh: three free attempts again.
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(fail(t, "budi", "10.0.0.1", now));
  EXPECT_FALSE(is_ticket(t.reserve("budi", "10.0.0.1", now)));
  EXPECT_EQ(t.stats().addresses, 1u);  // the address still remembers its 6 failures
}

TEST(ThrottleTest, AnOfficeBehindOneAddressIsNotLockedOutByItsTypos) {
  Throttle t(limits());
  TimeMs now = 1'000'000;
  // Nine colleagues each mistype once from the same NAT address: nobody waits.
  for (int i = 0; i < 9; ++i) EXPECT_TRUE(fail(t, "pegawai" + std::to_string(i), "10.0.0.1", now));
  auto r = t.reserve("kepala", "10.0.0.1", now);
  ASSERT_TRUE(is_ticket(r));
  std::get<Throttle::Ticket>(r).succeeded();
  // Past the address limit the address waits seconds, not a fixed quarter of an hour.
  EXPECT_TRUE(fail(t, "pegawai9", "10.0.0.1", now));
  auto held = t.reserve("kepala", "10.0.0.1", now);
  ASSERT_FALSE(is_ticket(held));
  EXPECT_TRUE(std::get<Throttle::Refusal>(held).by_address);
  EXPECT_EQ(std::get<Throttle::Refusal>(held).retry_after, std::chrono::seconds(1));
  EXPECT_TRUE(is_ticket(t.reserve("kepala", "10.0.0.1", now + kSecond)));
  // Another address is not affected at all.
  EXPECT_TRUE(is_ticket(t.reserve("kepala", "10.0.0.2", now)));
}

TEST(ThrottleTest, ReservedAttemptsCountSoParallelGuessesStopAtTheLimit) {
  Throttle t(limits());
  const TimeMs now = 1'000'000;
  std::vector<Throttle::Ticket> running;
  int refused = 0;
  for (int i = 0; i < 40; ++i) {
    auto r = t.reserve("budi", "10.0.0." + std::to_string(i), now);
    if (is_ticket(r))
      running.push_back(std::move(std::get<Throttle::Ticket>(r)));
    else
      ++refused;
  }
  EXPECT_EQ(running.size(), 3u);
  EXPECT_EQ(refused, 37);
  for (auto& ticket : running) ticket.failed(now);
  EXPECT_FALSE(is_ticket(t.reserve("budi", "10.0.0.99", now)));
}

TEST(ThrottleTest, AReleasedTicketCountsAsNothing) {
  Throttle t(limits());
  const TimeMs now = 1'000'000;
  for (int i = 0; i < 10; ++i) {
    auto r = t.reserve("budi", "10.0.0.1", now);
    ASSERT_TRUE(is_ticket(r));
  }  // each destroyed unended (e.g. the index could not be read)
  EXPECT_EQ(t.stats().accounts, 0u);
  EXPECT_EQ(t.stats().addresses, 0u);
}

TEST(ThrottleTest, RefusalsAreReportedOncePerWindowWithTheirCount) {
  Throttle t(limits());
  TimeMs now = 1'000'000;
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(fail(t, "budi", "10.0.0.1", now));
  std::vector<std::uint64_t> reported;
  for (int i = 0; i < 50; ++i) {
    auto r = t.reserve("budi", "10.0.0.1", now);
    ASSERT_FALSE(is_ticket(r));
    if (std::get<Throttle::Refusal>(r).report)
      reported.push_back(std::get<Throttle::Refusal>(r).refused);
  }
  EXPECT_EQ(reported, std::vector<std::uint64_t>{1});
  EXPECT_EQ(t.stats().refused, 50u);
  // A window later (one more attempt allowed and failed), the next refusal reports the 49
  // counted since the report, and itself.
  now += 15 * 60 * kSecond;
  EXPECT_TRUE(fail(t, "budi", "10.0.0.1", now));
  auto r = t.reserve("budi", "10.0.0.1", now);
  ASSERT_FALSE(is_ticket(r));
  EXPECT_TRUE(std::get<Throttle::Refusal>(r).report);
  EXPECT_EQ(std::get<Throttle::Refusal>(r).refused, 50u);
}

TEST(ThrottleTest, FailuresAreForgottenAWindowAfterTheLastDelay) {
  Throttle t(limits());
  TimeMs now = 1'000'000;
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(fail(t, "budi", "10.0.0.1", now));
  EXPECT_FALSE(is_ticket(t.reserve("budi", "10.0.0.1", now)));
  now += kSecond + 15 * 60 * kSecond + 1;
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(fail(t, "budi", "10.0.0.1", now));
}

TEST(ThrottleTest, TablesStayBoundedUnderASprayOfNames) {
  ThrottleLimits l = limits();
  l.per_address = 1'000'000;  // a distributed spray: the address limit does not hold it
  Throttle t(l);
  const TimeMs now = 1'000'000;
  for (int i = 0; i < 1000; ++i)
    EXPECT_TRUE(fail(t, "nama" + std::to_string(i), "10.0.0." + std::to_string(i % 7), now + i));
  EXPECT_LE(t.stats().accounts, l.max_entries);
  // The newest entries are the ones kept.
  for (int i = 0; i < 2; ++i) EXPECT_TRUE(fail(t, "nama999", "10.0.0.1", now + 2000));
  EXPECT_FALSE(is_ticket(t.reserve("nama999", "10.0.0.1", now + 2000)));
}

TEST(ThrottleTest, RetryAfterIsReadFromTheError) {
  Error e = make_error(Errc::kThrottled, "x");
  e.details = boost::json::array{boost::json::object{{"path", ""}, {"retry_after", 8}}};
  EXPECT_EQ(retry_after_of(e), 8);
  e.code = Errc::kValidation;
  EXPECT_EQ(retry_after_of(e), std::nullopt);
}

}  // namespace
}  // namespace sopan::library
