// Sign-in throttling over real HTTP: parallel guesses run no more password checks than the
// limit, holds grow instead of locking a whole address out, refusals are counted rather than
// each written (and fsynced) as an event, and 429 says how long to wait.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <map>
#include <thread>
#include <vector>

#include "demo_server.hpp"
#include "http_client.hpp"
#include "library/accounts.hpp"

namespace sopan {
namespace {
using sopan::testing::HttpClient;
namespace json = boost::json;

class ThrottleTest : public sopan::testing::DemoServerTest {
 protected:
  /// How many events of each kind starting with "login." the log holds.
  std::map<std::string, int> login_events() {
    HttpClient auditor(port_);
    EXPECT_EQ(auditor.login("auditor").status, 200);
    auto r = auditor.request("GET", "/api/v1/events?kind=login.&limit=2000");
    EXPECT_EQ(r.status, 200);
    std::map<std::string, int> kinds;
    const json::value answer = json::parse(r.body);
    for (const auto& e : answer.at("items").as_array())
      ++kinds[std::string(e.at("kind").as_string())];
    return kinds;
  }
};

TEST_F(ThrottleTest, ParallelGuessesAtOneAccountRunNoMoreChecksThanTheLimit) {
  config_.server.blocking_threads = 8;
  start();
  constexpr int kGuesses = 40;
  std::vector<int> status(kGuesses);
  std::vector<std::string> retry_after(kGuesses);
  {
    std::vector<std::thread> threads;
    for (int i = 0; i < kGuesses; ++i)
      threads.emplace_back([&, i] {
        HttpClient c(port_);
        auto r = c.login("pengesah", "tebakan-" + std::to_string(i));
        status[i] = r.status;
        retry_after[i] = r.header("retry-after");
      });
    for (auto& t : threads) t.join();
  }
  int failed = 0, held = 0;
  for (int i = 0; i < kGuesses; ++i) {
    if (status[i] == 401) ++failed;
    if (status[i] == 429) {
      ++held;
      EXPECT_FALSE(retry_after[i].empty());
      EXPECT_GE(std::stol(retry_after[i]), 1);
    }
  }
  const int limit = library::ThrottleLimits{}.per_account;
  EXPECT_EQ(failed, limit);  // before: up to 40 password checks, one per guess
  EXPECT_EQ(held, kGuesses - limit);
  auto kinds = login_events();
  EXPECT_EQ(kinds["login.failed"], limit);
  EXPECT_EQ(kinds["login.throttled"], 1);  // before: one synced event per refused guess
}

TEST_F(ThrottleTest, HoldsGrowAndTheRightPasswordGetsInAfterTheWait) {
  start();
  HttpClient c(port_);
  const int limit = library::ThrottleLimits{}.per_account;
  for (int i = 0; i < limit; ++i) EXPECT_EQ(c.login("pengesah", "salah-terus-1").status, 401);
  auto held = c.login("pengesah");
  ASSERT_EQ(held.status, 429);
  EXPECT_EQ(held.header("retry-after"), "1");
  json::value e = json::parse(held.body).at("error");
  EXPECT_EQ(e.at("code"), "throttled");
  EXPECT_EQ(e.at("details").at(0).at("retry_after"), 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  EXPECT_EQ(c.login("pengesah", "salah-terus-1").status, 401);  // one more try, then 2 s
  auto longer = c.login("pengesah");
  ASSERT_EQ(longer.status, 429);
  EXPECT_EQ(longer.header("retry-after"), "2");
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  EXPECT_EQ(c.login("pengesah").status, 200);
  // The success starts the account afresh.
  EXPECT_EQ(c.login("pengesah", "salah-terus-1").status, 401);
  EXPECT_EQ(c.login("pengesah").status, 200);
}

TEST_F(ThrottleTest, AnOfficeBehindOneAddressIsNotLockedOutByTypos) {
  start();
  // Thirty colleagues mistype once each, all from 127.0.0.1 (one NAT address).
  for (int i = 0; i < 30; ++i) {
    HttpClient c(port_);
    EXPECT_EQ(c.login("rekan" + std::to_string(i), "salah-ketik-1").status, 401);
  }
  HttpClient c(port_);
  EXPECT_EQ(c.login("admin").status, 200);  // before: 429 for 15 minutes after 20 failures
}

}  // namespace
}  // namespace sopan
