// Regression tests for what tests/fuzz/rubric_fuzz.cpp found: rubrics outside the schema's
// numeric ranges (PUT /api/v1/rubrics validates the schema first, so these are reached only by
// check_rubric and from_json on their own, whose contract is "anything else: best effort").
// Each one is undefined behaviour today (UBSan: float-cast-overflow, signed-integer-overflow);
// the checks below are what a build without sanitizers sees of it.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <string>

#include "domain/rubric.hpp"
#include "domain/score.hpp"

namespace sopan::domain {
namespace {
namespace json = boost::json;

/// One area, one sub-indicator of `weight` (the area's weight too), one manual Ya/Tidak item.
json::object one_area(const std::string& id, double weight) {
  return {{"id", id},
          {"name", "Area " + id},
          {"weight", weight},
          {"sub_indicators",
           json::array{json::object{
               {"id", "s" + id},
               {"name", "Sub " + id},
               {"weight", weight},
               {"items",
                json::array{json::object{
                    {"id", "i" + id}, {"code", "a"}, {"question", "Ada?"}, {"scale", "yt"}}}}}}}};
}

json::object rubric(json::array areas) {
  return {
      {"id", "uji"},
      {"name", "Uji"},
      {"scope", "unit"},
      {"scales", json::array{json::object{
                     {"id", "yt"},
                     {"answers", json::array{json::object{{"answer", "Ya"}, {"value", 1}},
                                             json::object{{"answer", "Tidak"}, {"value", 0}}}}}}},
      {"areas", std::move(areas)}};
}

// rubric.cpp: `int(*months)` of 1e300 (fuzz seed corpus/rubric/period_huge).
TEST(RubricHostileTest, AHugePeriodReadsAsAPeriodTheScoreCanUse) {
  for (double months : {1e300, -1e300, 1e10}) {
    json::object doc = rubric(json::array{one_area("a", 1)});
    doc["period_months"] = months;
    const Rubric r = Rubric::from_json(doc);
    EXPECT_GE(r.period_months, 1) << months;
    EXPECT_LE(r.period_months, 60) << months;
  }
}

// rubric.cpp, RubricChecker::areas: `sum += sub.weight` of two weights of 9e12 (each clamped to
// 9e18 millionths) overflows; the finding then names a negative sum (corpus/rubric/
// sub_weights_overflow).
TEST(RubricHostileTest, HugeSubIndicatorWeightsAreReportedWithoutOverflow) {
  json::object area = one_area("a", 1.8e13);
  auto& subs = area["sub_indicators"].as_array();
  subs[0].as_object()["weight"] = 9e12;
  json::object second = subs[0].as_object();
  second["id"] = "sb";
  second["items"].as_array()[0].as_object()["id"] = "ib";
  subs.push_back(second);
  const auto found = check_rubric(rubric(json::array{area}));
  ASSERT_FALSE(found.empty()) << "weights beyond the schema's 100 pass the rules";
  for (const auto& f : found) {
    EXPECT_EQ(f.message.find(" -"), std::string::npos)
        << f.path << ": a negative sum from an overflow: " << f.message;
  }
}

// score.cpp, compute_score: `score.score += as.score` and Rubric::weight() of two areas of
// 9e12 overflow (three in the fuzz seed); check_rubric finds nothing wrong with such a rubric
// (corpus/rubric/ area_weights_overflow).
TEST(RubricHostileTest, ARubricTheRulesAcceptScoresWithinItsWeight) {
  const json::object doc = rubric(json::array{one_area("a", 9e12), one_area("b", 9e12)});
  if (!check_rubric(doc).empty()) return;  // refused: fine, nothing to score
  const Rubric r = Rubric::from_json(doc);
  EXPECT_GE(r.weight(), 0) << "the weight overflowed";
  std::map<std::string, ManualAnswer, std::less<>> answers;
  for (const char* id : {"ia", "ib"}) {
    ManualAnswer a;
    a.answer = "Ya";
    answers[id] = a;
  }
  const Score s = compute_score(r, {}, answers);
  EXPECT_GE(s.score, 0);
  EXPECT_LE(s.score, s.weight);
  EXPECT_GE(s.percent, 0);
  EXPECT_LE(s.percent, 100 * kFixedOne);
}

}  // namespace
}  // namespace sopan::domain
