// The instansi timeline (GET /api/v1/events) on the demo instansi over loopback, as the demo
// auditor: each filter answers exactly what the unfiltered log holds for it, pages follow each
// other, the chain's state is shown (and a changed event shows there), and odd parameters are
// refused without writing anything.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "common/json.hpp"
#include "common/time.hpp"
#include "demo_server.hpp"
#include "index/keys.hpp"
#include "index/store.hpp"
#include "library/event_log.hpp"

namespace sopan::testing {
namespace {
namespace json = boost::json;

class EventsTimelineTest : public DemoServerTest {
 protected:
  json::object page(HttpClient& c, const std::string& query) {
    auto r = c.request("GET", "/api/v1/events?" + query);
    EXPECT_EQ(r.status, 200) << query << ": " << r.body;
    if (r.status != 200) return {};
    return json::parse(r.body).as_object();
  }
  static std::vector<std::uint64_t> seqs(const json::object& answer) {
    std::vector<std::uint64_t> out;
    for (const auto& e : answer.at("items").as_array())
      out.push_back(e.at("seq").to_number<std::uint64_t>());
    return out;
  }
  static std::string text(const json::value& e, std::string_view name) {
    return std::string(json_util::string_field(e.as_object(), name).value_or(""));
  }
};

TEST_F(EventsTimelineTest, EachFilterListsExactlyTheMatchingEventsOfTheWholeLog) {
  start();
  auto auditor = signed_in("auditor");
  json::object all = page(*auditor, "limit=2000");
  ASSERT_FALSE(all.contains("next_before")) << "the demo log should fit one page of 2000";
  const json::array& items = all.at("items").as_array();
  ASSERT_GT(items.size(), 50u);
  const std::uint64_t newest = items.front().at("seq").to_number<std::uint64_t>();
  const std::string below = "&before=" + std::to_string(newest + 1);
  auto tree = app_->org().tree();

  auto expect = [&](const std::string& query,
                    const std::function<bool(const json::value&)>& match) {
    std::vector<std::uint64_t> want;
    for (const auto& e : items)
      if (match(e)) want.push_back(e.at("seq").to_number<std::uint64_t>());
    EXPECT_FALSE(want.empty()) << query << " matches nothing in the demo: a weak check";
    EXPECT_EQ(seqs(page(*auditor, query + below + "&limit=2000")), want) << query;
  };
  // A unit subtree: the Dinas Kominfo and the units under it, by the unit each event concerns.
  const std::string dinas = unit_id("2.16");
  expect("unit=" + dinas, [&](const json::value& e) {
    const json::value* shown = e.as_object().if_contains("shown");
    std::string unit = shown ? text(*shown, "unit") : "";
    return !unit.empty() && tree->within(unit, dinas);
  });
  auto penyusun = app_->accounts().by_username("penyusun");
  ASSERT_TRUE(penyusun && *penyusun);
  const std::string account = (*penyusun)->id;
  const std::string nip = (*penyusun)->nip;
  expect("actor=penyusun", [&](const json::value& e) {
    return text(e, "actor_account") == account || text(e, "account") == account ||
           text(e, "username") == "penyusun" || text(e, "nip") == nip;
  });
  expect("action=doc.ratify",
         [&](const json::value& e) { return text(e, "kind") == "doc.ratify"; });
  expect("action=doc", [&](const json::value& e) { return text(e, "kind").starts_with("doc."); });
  expect("doc_kind=map", [&](const json::value& e) { return text(e, "doc").starts_with("maps/"); });
  expect("unit=" + dinas + "&action=doc.ratify&doc_kind=sop", [&](const json::value& e) {
    const json::value* shown = e.as_object().if_contains("shown");
    std::string unit = shown ? text(*shown, "unit") : "";
    return text(e, "kind") == "doc.ratify" && text(e, "doc").starts_with("sops/") &&
           !unit.empty() && tree->within(unit, dinas);
  });
  // A period in the demo story, in the instansi's days (WIB).
  const int offset = app_->library().instansi().utc_offset_minutes;
  auto local_day = [&](const json::value& e) {
    std::string t = text(e, "time");
    // "2025-09-22T03:04:05.678Z" → the local day.
    auto day = parse_date(t.substr(0, 10));
    if (!day) return std::string();
    TimeMs utc = end_of_day_ms(*day, 0) + 1 - 86'400'000 +
                 ((std::stoi(t.substr(11, 2)) * 60 + std::stoi(t.substr(14, 2))) * 60'000);
    return format_date(local_date(utc, offset));
  };
  expect("from=2025-09-01&to=2025-12-31", [&](const json::value& e) {
    std::string d = local_day(e);
    return d >= "2025-09-01" && d <= "2025-12-31";
  });
}

TEST_F(EventsTimelineTest, PagesWalkTheLogWithoutGapOrRepeat) {
  start();
  auto auditor = signed_in("auditor");
  json::object all = page(*auditor, "limit=2000&action=doc");
  std::vector<std::uint64_t> want = seqs(all);
  ASSERT_GT(want.size(), 30u);
  std::vector<std::uint64_t> walked;
  std::string cursor = "&before=" + std::to_string(want.front() + 1);
  for (int i = 0; i < 200; ++i) {
    json::object p = page(*auditor, "limit=13&action=doc" + cursor);
    auto got = seqs(p);
    walked.insert(walked.end(), got.begin(), got.end());
    if (!p.contains("next_before")) break;
    cursor = "&before=" + std::to_string(p.at("next_before").to_number<std::uint64_t>());
  }
  EXPECT_EQ(walked, want);
}

TEST_F(EventsTimelineTest, TheChainStateIsShownAndAChangedEventShowsThere) {
  start();
  auto auditor = signed_in("auditor");
  json::object first = page(*auditor, "limit=5");
  const json::object& chain = first.at("chain").as_object();
  EXPECT_TRUE(chain.at("intact").as_bool());
  EXPECT_EQ(chain.at("head_seq"), first.at("items").at(0).at("seq"));
  EXPECT_EQ(chain.at("head_hash"), first.at("items").at(0).at("hash"));

  // Behind the server's back, one word of an old event is changed: the chain says where.
  app_.reset();
  {
    auto store = index::Store::open(dir_.path() / "data" / "index");
    ASSERT_TRUE(store);
    auto value = (*store)->get(index::Cf::kEvents, index::event_key(3));
    ASSERT_TRUE(value && *value);
    std::string changed = **value;
    auto at = changed.find("\"kind\":\"");
    ASSERT_NE(at, std::string::npos);
    changed.insert(at + 8, "x");
    index::Batch b;
    b.put(index::Cf::kEvents, index::event_key(3), changed);
    ASSERT_TRUE((*store)->write(std::move(b)));
  }
  start();
  auditor = signed_in("auditor");
  json::object after = page(*auditor, "limit=5");
  const json::object& broken = after.at("chain").as_object();
  EXPECT_FALSE(broken.at("intact").as_bool());
  EXPECT_EQ(broken.at("first_bad_seq"), 3);
  EXPECT_FALSE(broken.at("reason").as_string().empty());
}

TEST_F(EventsTimelineTest, OddParametersAreRefusedWithTheirPointerAndWriteNothing) {
  start();
  auto auditor = signed_in("auditor");
  const std::uint64_t head_before =
      page(*auditor, "limit=1").at("chain").at("head_seq").to_number<std::uint64_t>();
  struct Case {
    std::string query, pointer;
  };
  const std::vector<Case> cases = {
      {"from=2026-02-30", "/query/from"},
      {"to=20260101", "/query/to"},
      {"from=2026-06-01&to=2026-05-31", "/query/to"},
      {"from=%20", "/query/from"},
      {"from=%D9%A2%D9%A0%D9%A2%D9%A6-01-01", "/query/from"},
      {"before=0", "/query/before"},
      {"before=abc", "/query/before"},
      {"before=-5", "/query/before"},
      {"before=99999999999999999999999", "/query/before"},
      {"limit=0", "/query/limit"},
      {"limit=100000", "/query/limit"},
      {"unit=tidak-ada", "/query/unit"},
      {"unit=..%2F..%2Fetc", "/query/unit"},
      {"doc_kind=sops", "/query/doc_kind"},
      {"action=DOC", "/query/action"},
      {"action=doc%3Bratify", "/query/action"},
      {"actor=", "/query/actor"},
      {"actor=" + std::string(101, 'a'), "/query/actor"},
      {"chain=yes", "/query/chain"},
      {"seq=1", "/query/seq"},
  };
  for (const auto& c : cases) {
    auto r = auditor->request("GET", "/api/v1/events?" + c.query);
    EXPECT_EQ(r.status, 400) << c.query << ": " << r.body;
    EXPECT_NE(r.body.find("\"path\":\"" + c.pointer + "\""), std::string::npos)
        << c.query << ": " << r.body;
  }
  // Only the first call's own "audit.read" was written meanwhile.
  const std::uint64_t head_after =
      page(*auditor, "limit=1").at("chain").at("head_seq").to_number<std::uint64_t>();
  EXPECT_EQ(head_after, head_before + 1);
  // A reversed range nobody could mean, and one far too wide, still answer clearly.
  EXPECT_EQ(auditor->request("GET", "/api/v1/events?from=1900-01-01&to=2999-12-31").status, 200);
}

}  // namespace
}  // namespace sopan::testing
