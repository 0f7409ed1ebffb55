// The timeline's walk over event facets, on a real RocksDB: each filter alone and together, the
// paging cursor, period bounds, the older `kind` prefix, and the catch-up of events written
// before the facets existed. Every answer is checked against a plain scan of the same events.
#include "library/event_index.hpp"

#include <gtest/gtest.h>

#include <random>

#include "common/json.hpp"
#include "index/keys.hpp"
#include "library/event_log.hpp"
#include "support/temp_dir.hpp"

namespace sopan::library {
namespace {
using index::Cf;
using sopan::testing::IsOk;
namespace json = boost::json;

constexpr TimeMs kStart = 1'750'000'000'000;  // 2025-06-15

class EventIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = index::Store::open(dir_.path() / "index");
    ASSERT_THAT(s, IsOk());
    store_ = std::move(*s);
  }

  /// Appends events as the library does (facets in the same batch), one a minute.
  void append(json::object fields) {
    index::Batch b;
    head_ = EventLog::append(b, head_, fields, kStart + 60'000 * static_cast<TimeMs>(head_.seq));
    ASSERT_THAT(store_->write(std::move(b), /*sync=*/false), IsOk());
    all_.push_back(std::move(fields));
  }

  /// A document id as the library makes them (26 Crockford characters).
  static std::string doc_id(int i) {
    std::string n = std::to_string(i);
    return "01J" + std::string(23 - n.size(), '0') + n;
  }

  /// A mixed log: documents of three units by two people, logins, a failed login.
  void fill(int n) {
    std::mt19937 rng(7);
    const char* units[] = {"u-a", "u-b", "u-c"};
    const char* actions[] = {"doc.save", "doc.submit", "doc.ratify"};
    for (int i = 0; i < n; ++i) {
      switch (rng() % 5) {
        case 0:
          append({{"kind", "login"}, {"account", i % 2 ? "acc-1" : "acc-2"}});
          break;
        case 1:
          append({{"kind", "login.failed"}, {"username", "tamu"}});
          break;
        default:
          append({{"kind", actions[rng() % 3]},
                  {"doc", std::string(rng() % 2 ? "sops/" : "maps/") + doc_id(i)},
                  {"unit", units[rng() % 3]},
                  {"actor_account", i % 3 ? "acc-1" : "acc-2"}});
      }
    }
  }

  /// What a plain scan of the log finds for `match`, newest first, below `below`.
  std::vector<std::uint64_t> scan(const std::function<bool(const json::object&)>& match,
                                  std::uint64_t below = UINT64_MAX, std::uint64_t lowest = 1) {
    std::vector<std::uint64_t> out;
    for (std::uint64_t seq = all_.size(); seq >= 1; --seq)
      if (seq < below && seq >= lowest && match(all_[seq - 1])) out.push_back(seq);
    return out;
  }

  /// A query of `filters` (designated initializers would leave members unnamed: a warning).
  static EventQuery where(std::vector<std::pair<Facet, std::vector<std::string>>> filters,
                          std::size_t limit = 5000) {
    EventQuery q;
    q.filters = std::move(filters);
    q.limit = limit;
    return q;
  }

  std::vector<std::uint64_t> query(EventQuery q) {
    auto page = query_events(*store_, q);
    EXPECT_THAT(page, IsOk());
    return page ? page->seqs : std::vector<std::uint64_t>{};
  }

  static std::string field(const json::object& o, std::string_view name) {
    return std::string(json_util::string_field(o, name).value_or(""));
  }

  sopan::testing::TempDir dir_;
  std::unique_ptr<index::Store> store_;
  EventHead head_{0, std::string(64, '0')};
  std::vector<json::object> all_;
};

TEST_F(EventIndexTest, EachFilterAloneAndTogetherFindsWhatAScanFinds) {
  fill(2000);
  auto in_units = [](const json::object& o, std::initializer_list<const char*> units) {
    for (auto u : units)
      if (field(o, "unit") == u) return true;
    return false;
  };
  EventQuery unit_ab = where({{Facet::kUnit, {"u-a", "u-b"}}});
  EXPECT_EQ(query(unit_ab), scan([&](auto& o) { return in_units(o, {"u-a", "u-b"}); }));

  EventQuery person = where({{Facet::kPerson, {"acc-2"}}});
  EXPECT_EQ(query(person), scan([](auto& o) {
              return field(o, "actor_account") == "acc-2" || field(o, "account") == "acc-2";
            }));

  EventQuery ratified_maps_of_c =
      where({{Facet::kKind, {"doc.ratify"}}, {Facet::kDocKind, {"map"}}, {Facet::kUnit, {"u-c"}}});
  auto expected = scan([](auto& o) {
    return field(o, "kind") == "doc.ratify" && field(o, "doc").starts_with("maps/") &&
           field(o, "unit") == "u-c";
  });
  EXPECT_FALSE(expected.empty());
  EXPECT_EQ(query(ratified_maps_of_c), expected);

  EventQuery failed = where({{Facet::kPerson, {username_person("tamu")}}});
  EXPECT_EQ(query(failed), scan([](auto& o) { return field(o, "username") == "tamu"; }));

  EventQuery logins = where({});
  logins.kind_prefix = "login.";
  EXPECT_EQ(query(logins), scan([](auto& o) { return field(o, "kind").starts_with("login."); }));

  EventQuery nothing = where({{Facet::kUnit, {"u-z"}}});
  EXPECT_TRUE(query(nothing).empty());
}

TEST_F(EventIndexTest, PagesFollowEachOtherWithoutGapOrRepeat) {
  fill(1000);
  EventQuery q = where({{Facet::kCategory, {"doc"}}}, 37);
  std::vector<std::uint64_t> walked;
  for (int pages = 0; pages < 100; ++pages) {
    auto page = query_events(*store_, q);
    ASSERT_THAT(page, IsOk());
    walked.insert(walked.end(), page->seqs.begin(), page->seqs.end());
    if (!page->next_below) break;
    EXPECT_EQ(page->seqs.size(), 37u);
    EXPECT_EQ(*page->next_below, page->seqs.back());
    q.below = *page->next_below;
  }
  EXPECT_EQ(walked, scan([](auto& o) { return field(o, "kind").starts_with("doc."); }));
}

TEST_F(EventIndexTest, PeriodBoundsComeFromTheEventTimes) {
  fill(500);
  // Event seq s is at kStart + (s-1) minutes.
  auto first = first_event_at(*store_, head_.seq, kStart + 60'000 * 100);
  ASSERT_THAT(first, IsOk());
  EXPECT_EQ(*first, 101u);
  auto before_all = first_event_at(*store_, head_.seq, kStart - 1);
  ASSERT_THAT(before_all, IsOk());
  EXPECT_EQ(*before_all, 1u);
  auto after_all = first_event_at(*store_, head_.seq, kStart + 60'000 * 10'000);
  ASSERT_THAT(after_all, IsOk());
  EXPECT_EQ(*after_all, head_.seq + 1);
  EventQuery q = where({{Facet::kUnit, {"u-a"}}});
  q.below = 201;
  q.lowest = 101;
  EXPECT_EQ(query(q), scan([](auto& o) { return field(o, "unit") == "u-a"; }, 201, 101));
}

TEST_F(EventIndexTest, CatchUpIndexesEventsWrittenBeforeFacetsAndFindsDocumentUnits) {
  fill(300);
  // As if written by a Sopan without facets: drop them, and name the unit only in the summary.
  ASSERT_THAT(store_->clear(Cf::kEventFacets), IsOk());
  index::Batch b;
  b.put(Cf::kDocs, index::doc_key(doc_id(99999)), R"({"unit":"u-old"})");
  ASSERT_THAT(store_->write(std::move(b)), IsOk());
  index::Batch e;
  head_ = EventLog::append(e, head_, {{"kind", "doc.save"}, {"doc", "sops/" + doc_id(99999)}},
                           kStart + 60'000 * 400);
  // The append wrote this event's facets: drop them too (an old event has none).
  ASSERT_THAT(store_->write(std::move(e)), IsOk());
  ASSERT_THAT(store_->clear(Cf::kEventFacets), IsOk());
  all_.push_back({{"kind", "doc.save"}, {"doc", "sops/" + doc_id(99999)}, {"unit", "u-old"}});

  EXPECT_TRUE(query(where({{Facet::kUnit, {"u-a"}}})).empty());
  ASSERT_THAT(catch_up_facets(*store_), IsOk());
  EXPECT_EQ(query(where({{Facet::kUnit, {"u-a"}}})),
            scan([](auto& o) { return field(o, "unit") == "u-a"; }));
  EXPECT_EQ(query(where({{Facet::kUnit, {"u-old"}}})), std::vector<std::uint64_t>{301});
  // Run again: nothing new, nothing changed.
  ASSERT_THAT(catch_up_facets(*store_), IsOk());
  EXPECT_EQ(query(where({{Facet::kUnit, {"u-old"}}})), std::vector<std::uint64_t>{301});
}

}  // namespace
}  // namespace sopan::library
