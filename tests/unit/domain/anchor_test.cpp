#include "domain/anchor.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <utility>

namespace sopan::domain {
namespace {
namespace json = boost::json;

constexpr std::string_view kKeyed[] = {"/steps", "/actors"};

/// Four steps and two actors; step ids as the schema allows them, one of them all digits.
json::value sop() {
  return json::parse(R"({
    "title": "Pelayanan Surat Masuk", "legal_basis": ["UU 25/2009"],
    "dates": {"made": "2026-01-05"},
    "actors": [{"id": "p", "external": "Pemohon"}, {"id": "staf_TU-1", "position": "j-staf"}],
    "steps": [
      {"id": "S1", "symbol": "mulai", "tags": ["a"]},
      {"id": "2", "symbol": "kegiatan", "activity": "Mencatat surat"},
      {"id": "cek-3_b", "symbol": "keputusan", "exits": [{"label": "ya", "to": "S4"}]},
      {"id": "S4", "symbol": "selesai"}
    ]})");
}

std::optional<std::string> stable(const json::value& doc, std::string_view pointer) {
  return stable_anchor(doc, pointer, kKeyed);
}

/// What a reviewer's pointer into sop() is stored as; nullopt: refused.
const std::pair<std::string_view, std::optional<std::string_view>> kStable[] = {
    // A position in a keyed array becomes the element's id, wherever the pointer goes on.
    {"/steps/1/activity", "/steps/@2/activity"},
    {"/steps/0", "/steps/@S1"},
    {"/steps/2/exits/0/label", "/steps/@cek-3_b/exits/0/label"},
    {"/steps/0/tags/0", "/steps/@S1/tags/0"},
    {"/actors/1", "/actors/@staf_TU-1"},
    // Anything else stays as it is.
    {"", ""},
    {"/title", "/title"},
    {"/steps", "/steps"},
    {"/legal_basis/0", "/legal_basis/0"},
    {"/dates/made", "/dates/made"},
    // An empty field may be commented on (asked to be filled in).
    {"/warning", "/warning"},
    {"/steps/3/requirements", "/steps/@S4/requirements"},
    // What does not resolve is refused; the stable form is the server's to write.
    {"/steps/4", std::nullopt},
    {"/steps/9/activity", std::nullopt},
    {"/steps/01", std::nullopt},
    {"/steps/-", std::nullopt},
    {"/steps/@S1", std::nullopt},
    {"/warning/text", std::nullopt},
    {"/title/0", std::nullopt},
    {"title", std::nullopt},
};

TEST(AnchorTest, PointersBecomeTheirStableForm) {
  const json::value doc = sop();
  for (const auto& [pointer, expected] : kStable)
    EXPECT_EQ(stable(doc, pointer), expected) << pointer;
  // No keyed arrays (another kind): every pointer is its own stable form.
  EXPECT_EQ(stable_anchor(doc, "/steps/1/activity", {}), "/steps/1/activity");
}

TEST(AnchorTest, AnIdThatCannotStandForItsElementKeepsThePosition) {
  json::value doc = sop();
  auto& steps = doc.as_object()["steps"].as_array();
  steps[1].as_object()["id"] = "S1";      // shared with step 0
  steps[2].as_object()["id"] = "a/b@~c";  // outside the schema's alphabet
  steps[3].as_object().erase("id");       // none
  EXPECT_EQ(stable(doc, "/steps/0"), "/steps/0");
  EXPECT_EQ(stable(doc, "/steps/1/activity"), "/steps/1/activity");
  EXPECT_EQ(stable(doc, "/steps/2"), "/steps/2");
  EXPECT_EQ(stable(doc, "/steps/3"), "/steps/3");
}

TEST(AnchorTest, TheStableFormFollowsAStepThatMoves) {
  json::value doc = sop();
  const std::string anchor = *stable(doc, "/steps/1/activity");
  EXPECT_EQ(resolve_anchor(doc, anchor).pointer, "/steps/1/activity");
  auto& steps = doc.as_object()["steps"].as_array();
  steps.insert(steps.begin() + 1, json::parse(R"({"id": "new", "symbol": "kegiatan"})"));
  const ResolvedAnchor r = resolve_anchor(doc, anchor);
  EXPECT_EQ(r.pointer, "/steps/2/activity");
  EXPECT_FALSE(r.missing);
  EXPECT_EQ(resolve_anchor(doc, "/actors/@staf_TU-1").pointer, "/actors/1");
}

TEST(AnchorTest, ADeletedStepIsMissingAndPointsAtTheList) {
  json::value doc = sop();
  auto& steps = doc.as_object()["steps"].as_array();
  steps.erase(steps.begin() + 1);
  const ResolvedAnchor r = resolve_anchor(doc, "/steps/@2/activity");
  EXPECT_TRUE(r.missing);
  EXPECT_EQ(r.pointer, "/steps");
  EXPECT_TRUE(resolve_anchor(doc, "/actors/@nobody").missing);
  EXPECT_TRUE(resolve_anchor(doc, "/steps/@").missing);
}

TEST(AnchorTest, PlainPointersResolveAsTheyAre) {
  const json::value doc = sop();
  for (std::string_view p : {"", "/title", "/legal_basis", "/steps/3", "/steps/1/activity",
                             "/warning", "/steps/0/requirements"}) {
    const ResolvedAnchor r = resolve_anchor(doc, p);
    EXPECT_EQ(r.pointer, p);
    EXPECT_FALSE(r.missing) << p;
  }
  // A position the document no longer has (an old comment on a step since removed).
  EXPECT_EQ(resolve_anchor(doc, "/steps/7").pointer, "/steps");
  EXPECT_TRUE(resolve_anchor(doc, "/steps/7").missing);
  EXPECT_TRUE(resolve_anchor(doc, "/dates/ratified/day").missing);
  EXPECT_TRUE(resolve_anchor(json::value(), "/title").missing);
}

TEST(AnchorTest, EscapedTokensAreMatchedUnescaped) {
  const json::value doc = json::parse(R"({"a/b": {"~k": [1]}})");
  EXPECT_EQ(stable(doc, "/a~1b/~0k/0"), "/a~1b/~0k/0");
  EXPECT_FALSE(resolve_anchor(doc, "/a~1b/~0k/0").missing);
}

}  // namespace
}  // namespace sopan::domain
