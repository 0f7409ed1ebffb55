#include "library/access_tokens.hpp"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <set>

#include "common/hash.hpp"
#include "common/ids.hpp"
#include "index/store.hpp"
#include "library/event_log.hpp"
#include "library/ledger.hpp"
#include "support/temp_dir.hpp"

namespace sopan::library {
namespace {
using sopan::testing::ErrcIs;
using sopan::testing::IsOk;

class AccessTokensTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_THAT(Ledger::init(dir_.path(), {"Kabupaten Uji", "uji.go.id", 420, {}}), IsOk());
    auto ledger = Ledger::open(dir_.path());
    ASSERT_THAT(ledger, IsOk());
    ledger_ = std::move(*ledger);
    tokens_ = std::make_unique<AccessTokens>(*ledger_);
  }

  /// Every row of a column family, key → value.
  std::map<std::string, std::string> rows(index::Cf cf) {
    std::map<std::string, std::string> out;
    EXPECT_THAT(ledger_->store().scan(cf, {},
                                      [&](std::string_view k, std::string_view v) {
                                        out.emplace(k, v);
                                        return true;
                                      }),
                IsOk());
    return out;
  }

  /// The kinds of the events written, oldest first.
  std::vector<std::string> event_kinds() {
    std::vector<std::string> out;
    for (const auto& [k, v] : rows(index::Cf::kEvents)) {
      auto e = EventLog::decode(k, v);
      if (e.fields) out.emplace_back(e.fields->at("kind").as_string());
    }
    return out;
  }

  testing::TempDir dir_;
  std::unique_ptr<Ledger> ledger_;
  std::unique_ptr<AccessTokens> tokens_;
  const std::string account_ = new_id();
};

TEST_F(AccessTokensTest, AValueIsShownOnceAndOnlyItsHashIsKept) {
  auto made = tokens_->create(account_, "  Laptop audit  ", "127.0.0.1");
  ASSERT_THAT(made, IsOk());
  EXPECT_TRUE(looks_like_access_token(made->value)) << made->value;
  EXPECT_EQ(made->token.name, "Laptop audit");
  EXPECT_EQ(made->token.token_hash, sha256_hex(made->value));
  // Nowhere in the database, the events included, is the value.
  for (auto cf : {index::Cf::kAccounts, index::Cf::kSessions, index::Cf::kEvents})
    for (const auto& [k, v] : rows(cf)) {
      EXPECT_EQ(k.find(made->value), std::string::npos);
      EXPECT_EQ(v.find(made->value), std::string::npos) << v;
      EXPECT_EQ(v.find(made->value.substr(6)), std::string::npos) << v;
    }
  // Nor in its API form.
  const std::string shown = boost::json::serialize(made->token.to_public_json());
  EXPECT_EQ(shown.find(made->token.token_hash), std::string::npos) << shown;
  EXPECT_EQ(event_kinds().back(), "token.created");
}

TEST_F(AccessTokensTest, UseFindsALiveTokenAndRecordsWhen) {
  auto made = tokens_->create(account_, "Laptop", "");
  ASSERT_THAT(made, IsOk());
  auto listed = tokens_->list(account_);
  ASSERT_THAT(listed, IsOk());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_FALSE(listed->front().last_used_at);

  auto used = tokens_->use(made->value);
  ASSERT_THAT(used, IsOk());
  ASSERT_TRUE(*used);
  EXPECT_EQ((*used)->id, made->token.id);
  EXPECT_EQ((*used)->account_id, account_);
  listed = tokens_->list(account_);
  ASSERT_TRUE(listed->front().last_used_at);

  // Malformed, unknown, or one character off: nothing.
  std::string off = made->value;
  off.back() = off.back() == 'a' ? 'b' : 'a';
  for (std::string v : {std::string(), std::string("sopan-demo"), off, made->value.substr(6),
                        made->value + "0", "sopan_" + std::string(64, 'G')}) {
    auto r = tokens_->use(v);
    ASSERT_THAT(r, IsOk());
    EXPECT_FALSE(*r) << v;
  }
}

TEST_F(AccessTokensTest, ARevokedTokenStaysListedAndIsRefused) {
  auto a = tokens_->create(account_, "Satu", "");
  auto b = tokens_->create(account_, "Dua", "");
  ASSERT_THAT(a, IsOk());
  ASSERT_THAT(b, IsOk());
  auto revoked = tokens_->revoke(account_, a->token.id, "10.0.0.1");
  ASSERT_THAT(revoked, IsOk());
  EXPECT_TRUE(revoked->revoked_at);
  auto used = tokens_->use(a->value);
  ASSERT_THAT(used, IsOk());
  EXPECT_FALSE(*used);
  auto still = tokens_->use(b->value);
  ASSERT_THAT(still, IsOk());
  EXPECT_TRUE(*still);

  auto listed = tokens_->list(account_);
  ASSERT_THAT(listed, IsOk());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ(listed->at(0).name, "Dua");  // newest first
  EXPECT_TRUE(listed->at(0).live());
  EXPECT_EQ(listed->at(1).name, "Satu");
  EXPECT_FALSE(listed->at(1).live());
  // Revoking again changes nothing and writes no second event.
  const auto events = event_kinds();
  auto again = tokens_->revoke(account_, a->token.id, "");
  ASSERT_THAT(again, IsOk());
  EXPECT_EQ(again->revoked_at, revoked->revoked_at);
  EXPECT_EQ(event_kinds(), events);
  EXPECT_EQ(std::count(events.begin(), events.end(), "token.revoked"), 1);
}

TEST_F(AccessTokensTest, EachPersonManagesOnlyTheirOwn) {
  auto mine = tokens_->create(account_, "Milik saya", "");
  ASSERT_THAT(mine, IsOk());
  const std::string other = new_id();
  EXPECT_THAT(tokens_->revoke(other, mine->token.id, ""), ErrcIs(Errc::kNotFound));
  EXPECT_THAT(tokens_->revoke(account_, new_id(), ""), ErrcIs(Errc::kNotFound));
  EXPECT_THAT(tokens_->revoke(account_, "../" + mine->token.id, ""), ErrcIs(Errc::kNotFound));
  auto theirs = tokens_->list(other);
  ASSERT_THAT(theirs, IsOk());
  EXPECT_TRUE(theirs->empty());
  auto still = tokens_->use(mine->value);
  ASSERT_THAT(still, IsOk());
  EXPECT_TRUE(*still);
}

TEST_F(AccessTokensTest, NamesAreOneShortLineAndUniqueAmongLiveTokens) {
  for (std::string bad :
       {std::string(""), std::string("   "), std::string("dua\nbaris"), std::string("tab\tdi"),
        std::string("nul\0x", 5), std::string("\xff"), std::string(61, 'a')}) {
    auto r = tokens_->create(account_, bad, "");
    EXPECT_THAT(r, ErrcIs(Errc::kValidation)) << bad;
    if (!r) {
      EXPECT_EQ(r.error().details.as_array().at(0).as_object().at("path"), "/name");
    }
  }
  // 60 characters of two bytes each fit.
  std::string long_name;
  for (int i = 0; i < 60; ++i) long_name += "é";
  EXPECT_THAT(tokens_->create(account_, long_name, ""), IsOk());
  auto first = tokens_->create(account_, "Laptop", "");
  ASSERT_THAT(first, IsOk());
  EXPECT_THAT(tokens_->create(account_, "Laptop", ""), ErrcIs(Errc::kAlreadyExists));
  ASSERT_THAT(tokens_->revoke(account_, first->token.id, ""), IsOk());
  EXPECT_THAT(tokens_->create(account_, "Laptop", ""), IsOk());
  EXPECT_THAT(tokens_->create(new_id(), "Laptop", ""), IsOk());
}

TEST_F(AccessTokensTest, LiveTokensPerPersonAreLimited) {
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < kMaxLiveAccessTokens; ++i) {
    auto t = tokens_->create(account_, "Token " + std::to_string(i), "");
    ASSERT_THAT(t, IsOk());
    ids.push_back(t->token.id);
  }
  EXPECT_THAT(tokens_->create(account_, "Satu lagi", ""), ErrcIs(Errc::kConflict));
  ASSERT_THAT(tokens_->revoke(account_, ids.front(), ""), IsOk());
  EXPECT_THAT(tokens_->create(account_, "Satu lagi", ""), IsOk());
  auto listed = tokens_->list(account_);
  ASSERT_THAT(listed, IsOk());
  EXPECT_EQ(listed->size(), kMaxLiveAccessTokens + 1);  // the revoked one is still there
  // All values distinct.
  std::set<std::string> hashes;
  for (const auto& t : *listed) hashes.insert(t.token_hash);
  EXPECT_EQ(hashes.size(), listed->size());
}

}  // namespace
}  // namespace sopan::library
