#include "library/event_log.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "common/hash.hpp"
#include "common/json.hpp"
#include "common/text.hpp"
#include "index/keys.hpp"
#include "support/temp_dir.hpp"

namespace sopan::library {
namespace {
using index::Cf;
using sopan::testing::IsOk;
namespace json = boost::json;

class EventLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = index::Store::open(dir_.path() / "index");
    ASSERT_THAT(s, IsOk());
    store_ = std::move(*s);
  }

  EventHead head() {
    auto h = EventLog::load_head(*store_);
    EXPECT_THAT(h, IsOk());
    return h ? *h : EventHead{};
  }

  /// Appends one event through the log, as the library does.
  EventHead append(json::object fields) {
    index::Batch b;
    EventHead next = EventLog::append(b, head(), std::move(fields), now_ms());
    EXPECT_THAT(store_->write(std::move(b)), IsOk());
    return next;
  }

  std::string raw(std::uint64_t seq) {
    auto v = store_->get(Cf::kEvents, index::event_key(seq));
    EXPECT_TRUE(v && *v);
    return v && *v ? **v : std::string();
  }

  void put_raw(std::uint64_t seq, const std::string& value) {
    index::Batch b;
    b.put(Cf::kEvents, index::event_key(seq), value);
    ASSERT_THAT(store_->write(std::move(b)), IsOk());
  }

  void remove(std::uint64_t seq) {
    index::Batch b;
    b.del(Cf::kEvents, index::event_key(seq));
    ASSERT_THAT(store_->write(std::move(b)), IsOk());
  }

  ChainReport verify(const std::optional<EventHead>& anchor = {}) {
    auto r = EventLog::verify(*store_, anchor);
    EXPECT_THAT(r, IsOk());
    return r ? *r : ChainReport{};
  }

  /// An event as Sopan wrote them before every string was made valid: the hash over the
  /// serialised object, whatever bytes its strings held.
  std::string legacy_event(std::uint64_t seq, const std::string& prev, const std::string& user) {
    json::object o{{"seq", seq},
                   {"time", "2025-01-01T00:00:00.000Z"},
                   {"kind", "login.failed"},
                   {"username", user},
                   {"prev", prev}};
    std::string hash = sha256_hex(json::serialize(o));
    o["hash"] = hash;
    return json::serialize(o);
  }

  sopan::testing::TempDir dir_;
  std::unique_ptr<index::Store> store_;
};

TEST_F(EventLogTest, EveryStoredStringIsValidUtf8AtAnyDepth) {
  // "a" + 40 × "é" cut at 64 bytes splits the 32nd "é": what login used to store.
  std::string name = "a";
  for (int i = 0; i < 40; ++i) name += "\xC3\xA9";
  const std::string split = name.substr(0, 64);
  ASSERT_FALSE(text::is_valid_utf8(split));
  append({{"kind", "login.failed"},
          {"username", split},
          {"nested",
           json::object{{"path", "/api/v1/\xC3"}, {"list", json::array{"ok", "\xFF\xFE", 3}}}},
          {std::string("key\xE2\x82"), "v"}});
  const std::string stored = raw(1);
  EXPECT_TRUE(text::is_valid_utf8(stored));
  auto parsed = json::parse(stored).as_object();
  EXPECT_TRUE(text::is_valid_utf8(parsed.at("username").as_string()));
  EXPECT_EQ(parsed.at("nested").at("list").at(2), 3);
  ChainReport r = verify();
  EXPECT_TRUE(r.intact);
  EXPECT_EQ(r.unreadable, 0u);
  EXPECT_EQ(r.events, 1u);
}

TEST_F(EventLogTest, LongStringsAreCutOnACharacterBoundary) {
  std::string long_text;
  for (int i = 0; i < 5000; ++i) long_text += "\xC3\xA9";
  append({{"kind", "x"}, {"path", long_text}});
  auto parsed = json::parse(raw(1)).as_object();
  const auto& path = parsed.at("path").as_string();
  EXPECT_LE(path.size(), EventLog::kMaxStringBytes);
  EXPECT_GE(path.size(), EventLog::kMaxStringBytes - 1);
  EXPECT_TRUE(text::is_valid_utf8(path));
}

TEST_F(EventLogTest, TheChainFieldsAreTheLogsOwn) {
  append({{"kind", "x"}, {"seq", 99}, {"prev", "forged"}, {"hash", "forged"}});
  auto parsed = json::parse(raw(1)).as_object();
  EXPECT_EQ(parsed.at("seq"), 1);
  EXPECT_EQ(parsed.at("prev").as_string(), std::string(64, '0'));
  EXPECT_NE(parsed.at("hash"), "forged");
  EXPECT_TRUE(verify().intact);
}

TEST_F(EventLogTest, AnUnparseableLastEventNeverStopsStartUpAndTheChainGoesOn) {
  append({{"kind", "login"}});
  // The bug's event: a username cut inside a character, stored as raw bytes.
  put_raw(2, legacy_event(2, head().hash, std::string("budi\xC3")));
  ASSERT_FALSE(json_util::parse(raw(2)));  // as it was: unreadable
  auto h = EventLog::load_head(*store_);
  ASSERT_THAT(h, IsOk());
  EXPECT_EQ(h->seq, 2u);
  append({{"kind", "login"}});
  append({{"kind", "logout"}});
  ChainReport r = verify();
  EXPECT_TRUE(r.intact) << r.reason;  // nothing changed or removed
  EXPECT_EQ(r.events, 4u);
  EXPECT_EQ(r.unreadable, 1u);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].seq, 2u);
  StoredEvent e = EventLog::decode(index::event_key(2), raw(2));
  ASSERT_TRUE(e.fields);
  EXPECT_TRUE(e.repaired);
  EXPECT_EQ(e.fields->at("username"), "budi\xEF\xBF\xBD");
}

TEST_F(EventLogTest, GarbageAsTheLastEventIsReportedAndTheLogGoesOn) {
  append({{"kind", "a"}});
  put_raw(2, "bukan json sama sekali");
  auto h = EventLog::load_head(*store_);
  ASSERT_THAT(h, IsOk());
  EXPECT_EQ(h->seq, 2u);
  EXPECT_EQ(h->hash, sha256_hex("bukan json sama sekali"));
  append({{"kind", "b"}});
  append({{"kind", "c"}});
  ChainReport r = verify();
  EXPECT_FALSE(r.intact);
  EXPECT_EQ(r.bad_events, 1u);
  EXPECT_EQ(r.first_bad_seq, 2u);
  EXPECT_EQ(r.events, 4u);
  EXPECT_EQ(r.head.seq, 4u);
  StoredEvent e = EventLog::decode(index::event_key(2), raw(2));
  EXPECT_FALSE(e.fields);
  EXPECT_FALSE(e.problem.empty());
}

TEST_F(EventLogTest, VerifyReportsEveryBadEventAndGoesOn) {
  for (int i = 0; i < 8; ++i) append({{"kind", "login"}, {"n", i}});
  for (std::uint64_t seq : {2u, 5u}) {
    auto o = json::parse(raw(seq)).as_object();
    o["n"] = 100;  // same shape, other content
    put_raw(seq, json::serialize(o));
  }
  remove(7);
  ChainReport r = verify();
  EXPECT_FALSE(r.intact);
  EXPECT_EQ(r.bad_events, 3u);
  ASSERT_EQ(r.problems.size(), 3u);
  EXPECT_EQ(r.problems[0].seq, 2u);
  EXPECT_EQ(r.problems[0].reason, "isi peristiwa telah diubah");
  EXPECT_EQ(r.problems[1].seq, 5u);
  EXPECT_EQ(r.problems[2].seq, 8u);
  EXPECT_EQ(r.first_bad_seq, 2u);
  EXPECT_EQ(r.events, 7u);
}

TEST_F(EventLogTest, TruncatingTheNewestEventsIsDetectedByTheAnchor) {
  for (int i = 0; i < 5; ++i) append({{"kind", "login"}});
  const EventHead anchor = head();
  EXPECT_EQ(anchor.seq, 5u);
  EXPECT_TRUE(verify(anchor).intact);
  append({{"kind", "after"}});  // events after the anchor are fine
  EXPECT_TRUE(verify(anchor).intact);
  remove(6);
  remove(5);
  remove(4);
  // Without the anchor the shortened chain looks whole: that is what the anchor is for.
  EXPECT_TRUE(verify().intact);
  ChainReport r = verify(anchor);
  EXPECT_FALSE(r.intact);
  EXPECT_EQ(r.first_bad_seq, 5u);
  EXPECT_NE(r.reason.find("peristiwa setelah jangkar git hilang"), std::string::npos) << r.reason;
}

TEST_F(EventLogTest, ARewrittenChainIsDetectedByTheAnchor) {
  for (int i = 0; i < 3; ++i) append({{"kind", "login"}, {"n", i}});
  const EventHead anchor = head();
  // Rebuild the whole chain with other content: every link holds, but not the anchor.
  for (std::uint64_t seq = 1; seq <= 3; ++seq) remove(seq);
  for (int i = 0; i < 3; ++i) append({{"kind", "login"}, {"n", i + 10}});
  EXPECT_TRUE(verify().intact);
  ChainReport r = verify(anchor);
  EXPECT_FALSE(r.intact);
  EXPECT_EQ(r.first_bad_seq, 3u);
  EXPECT_EQ(r.reason, "peristiwa pada jangkar git berbeda dari yang tercatat di git");
}

TEST_F(EventLogTest, RemovingTheOldestEventsIsDetected) {
  for (int i = 0; i < 5; ++i) append({{"kind", "login"}});
  const EventHead anchor = head();
  remove(1);
  remove(2);
  ChainReport r = verify(anchor);  // the anchor still matches: the break shows from the start
  EXPECT_FALSE(r.intact);
  EXPECT_EQ(r.first_bad_seq, 3u);
  EXPECT_EQ(r.reason, "peristiwa 1–2 hilang");
  EXPECT_EQ(r.bad_events, 1u);
  EXPECT_EQ(r.events, 3u);
  EXPECT_EQ(r.head, anchor);
}

TEST_F(EventLogTest, AnEventRehashedAfterAnEditBreaksTheNextLink) {
  for (int i = 0; i < 5; ++i) append({{"kind", "login"}, {"n", i}});
  const EventHead anchor = head();
  // Edit event 3 and give it a hash that fits its new bytes, in the stored form.
  auto o = json::parse(raw(3)).as_object();
  o.erase("hash");
  o["n"] = 100;
  std::string hashed = json::serialize(o);
  std::string stored =
      hashed.substr(0, hashed.size() - 1) + R"(,"hash":")" + sha256_hex(hashed) + R"("})";
  put_raw(3, stored);
  ChainReport r = verify(anchor);
  EXPECT_FALSE(r.intact);
  EXPECT_EQ(r.bad_events, 1u);
  EXPECT_EQ(r.first_bad_seq, 4u);  // event 3 is consistent in itself; 4 no longer points at it
  EXPECT_EQ(r.reason, "hash peristiwa sebelumnya tidak cocok");
  EXPECT_EQ(r.head, anchor);
}

TEST_F(EventLogTest, SwappedEventsAreDetected) {
  for (int i = 0; i < 5; ++i) append({{"kind", "login"}, {"n", i}});
  const std::string second = raw(2), third = raw(3);
  put_raw(2, third);
  put_raw(3, second);
  ChainReport r = verify(head());
  EXPECT_FALSE(r.intact);
  EXPECT_EQ(r.first_bad_seq, 2u);
  ASSERT_EQ(r.problems.size(), 3u);  // 2 and 3 in the wrong place, and 4 after them
  EXPECT_EQ(r.problems[0].seq, 2u);
  EXPECT_EQ(r.problems[1].seq, 3u);
  EXPECT_EQ(r.problems[2].seq, 4u);
  for (const auto& p : r.problems) EXPECT_EQ(p.reason, "hash peristiwa sebelumnya tidak cocok");
}

TEST_F(EventLogTest, AnAnchorAtARemovedEventOrOnAnEmptyLogIsAProblem) {
  const EventHead nothing{1, std::string(64, 'a')};
  ChainReport empty = verify(nothing);
  EXPECT_FALSE(empty.intact);
  EXPECT_EQ(empty.first_bad_seq, 1u);
  EXPECT_EQ(empty.events, 0u);

  for (int i = 0; i < 5; ++i) append({{"kind", "login"}});
  const EventHead at_three{3, std::string(json::parse(raw(3)).at("hash").as_string())};
  EXPECT_TRUE(verify(at_three).intact);
  remove(3);
  ChainReport r = verify(at_three);
  EXPECT_FALSE(r.intact);
  EXPECT_EQ(r.first_bad_seq, 4u);  // the gap, then the anchor
  ASSERT_EQ(r.problems.size(), 2u);
  EXPECT_EQ(r.problems[0].reason, "peristiwa 3–3 hilang");
  EXPECT_EQ(r.problems[1].seq, 3u);
}

TEST(EventAnchorTest, FormatsAndParsesBack) {
  EventHead h{42, std::string(64, 'a')};
  EXPECT_EQ(format_anchor(h), "42 " + std::string(64, 'a'));
  EXPECT_EQ(parse_anchor(format_anchor(h)), h);
  for (const std::string& bad : std::vector<std::string>{
           "", "42", "0 " + std::string(64, 'a'), "042 " + std::string(64, 'a'),
           "42 " + std::string(63, 'a'), "42 " + std::string(64, 'A'), "4x " + std::string(64, 'a'),
           "99999999999999999999 " + std::string(64, 'a')})
    EXPECT_FALSE(parse_anchor(bad)) << bad;
}

}  // namespace
}  // namespace sopan::library
