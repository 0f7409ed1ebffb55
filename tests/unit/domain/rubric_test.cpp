// Rubrics as data (domain/rubric.cpp): six-place decimals, every check_rubric rule at its JSON
// pointer, and the shipped rubrics pass the schema and the rules and survive a round trip.
#include "domain/rubric.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <fstream>
#include <functional>
#include <sstream>

#include "schema/registry.hpp"
#include "support/temp_dir.hpp"

namespace sopan::domain {
namespace {
namespace json = boost::json;

TEST(FixedTest, FormatsWithoutTrailingZerosOrExponent) {
  EXPECT_EQ(format_fixed(1'335'000), "1.335");
  EXPECT_EQ(format_fixed(750'000), "0.75");
  EXPECT_EQ(format_fixed(3'420'000), "3.42");
  EXPECT_EQ(format_fixed(0), "0");
  EXPECT_EQ(format_fixed(-500'000), "-0.5");
  EXPECT_EQ(format_fixed(5 * kFixedOne), "5");
  EXPECT_EQ(format_fixed(1), "0.000001");
  EXPECT_EQ(format_fixed(66'666'667), "66.666667");
  EXPECT_EQ(format_fixed(100 * kFixedOne), "100");
  EXPECT_EQ(format_fixed(std::numeric_limits<Fixed>::min()), "-9223372036854.775808");
}

TEST(FixedTest, ParsesAndMultipliesExactly) {
  EXPECT_EQ(to_fixed(0.67), 670'000);
  EXPECT_EQ(to_fixed(1.335), 1'335'000);
  EXPECT_EQ(to_fixed(-1.5), -1'500'000);
  EXPECT_EQ(to_fixed(0.0000014), 1);
  EXPECT_EQ(to_fixed(std::nan("")), 0);
  EXPECT_DOUBLE_EQ(to_double(670'000), 0.67);
  // Half up: 1 × 1 / 2 = 0.5 → 1 (in millionths).
  EXPECT_EQ(mul_div(1, 1, 2), 1);
  EXPECT_EQ(mul_div(1, 1, 3), 0);
  EXPECT_EQ(mul_div(2 * kFixedOne, 1'500'000, 4 * kFixedOne), 750'000);
  // 9e12 × 9e12 overflows 64 bits; the quotient does not.
  EXPECT_EQ(mul_div(9'000'000'000'000, 9'000'000'000'000, 9'000'000'000'000), 9'000'000'000'000);
  EXPECT_EQ(mul_div(5, 5, 0), 0);
}

TEST(RubricTest, MetricsAreKnownByName) {
  EXPECT_TRUE(is_metric("unit_maps"));
  EXPECT_TRUE(is_metric("sops_evaluated"));
  EXPECT_FALSE(is_metric("sops"));
  EXPECT_FALSE(is_metric(""));
}

/// A small clean rubric: two scales, one area of two sub-indicators, a measured item, manual
/// items and a gate.
json::value base() {
  return json::parse(R"({
    "id": "uji", "name": "Rubrik uji", "scope": "instansi",
    "scales": [
      {"id": "ya_tidak", "answers": [{"answer": "Ya", "value": 1}, {"answer": "Tidak", "value": 0}]},
      {"id": "a_d", "answers": [{"answer": "A", "value": 1}, {"answer": "B", "value": 0.67},
                                {"answer": "C", "value": 0.33}, {"answer": "D", "value": 0}]}
    ],
    "areas": [{"id": "tl", "name": "Tatalaksana", "weight": 2.5, "sub_indicators": [
      {"id": "s1", "name": "Satu", "weight": 1.5, "items": [
        {"id": "m", "code": "a", "question": "Diukur?", "scale": "a_d", "metric": "unit_maps",
         "options": {"A": "Seluruh", "D": "Belum"},
         "cutoffs": [{"answer": "A", "at_least": 100}, {"answer": "B", "at_least": 50},
                     {"answer": "C", "above": 0}, {"answer": "D", "at_least": 0}]}
      ]},
      {"id": "s2", "name": "Dua", "weight": 1, "items": [
        {"id": "p", "code": "a", "question": "Ada kebijakan?", "scale": "ya_tidak"},
        {"id": "q", "code": "b", "question": "Diterapkan?", "scale": "a_d", "gate": "p"}
      ]}
    ]}]
  })");
}

json::value& at(json::value& doc, std::string_view pointer) {
  boost::system::error_code ec;
  json::value* v = doc.find_pointer(pointer, ec);
  if (!v) throw std::runtime_error("no " + std::string(pointer));
  return *v;
}

std::vector<std::string> codes_at(const std::vector<Finding>& found) {
  std::vector<std::string> out;
  for (const auto& f : found) out.push_back(f.code + " " + f.path);
  return out;
}

TEST(CheckRubricTest, TheBaseRubricIsClean) { EXPECT_TRUE(check_rubric(base()).empty()); }

struct Case {
  std::string name;
  std::function<void(json::value&)> edit;
  std::vector<std::string> found;  // "code path", in the order check_rubric reports them
};

TEST(CheckRubricTest, EveryRuleAtItsPointer) {
  const std::string item_m = "/areas/0/sub_indicators/0/items/0";
  const std::string item_p = "/areas/0/sub_indicators/1/items/0";
  const std::string item_q = "/areas/0/sub_indicators/1/items/1";
  const std::vector<Case> cases = {
      {"duplicate scale",
       [](json::value& d) { at(d, "/scales/1/id") = "ya_tidak"; },
       // the items on a_d now name no scale
       {"rubric.scale.duplicate /scales/1/id", "rubric.item.scale_unknown " + item_m + "/scale",
        "rubric.item.scale_unknown " + item_q + "/scale"}},
      {"duplicate answer",
       [](json::value& d) { at(d, "/scales/0/answers/1/answer") = "Ya"; },
       {"rubric.scale.answer_duplicate /scales/0/answers/1/answer"}},
      {"value above 1",
       [](json::value& d) { at(d, "/scales/1/answers/0/value") = 1.5; },
       {"rubric.scale.value_range /scales/1/answers/0/value"}},
      {"negative value",
       [](json::value& d) { at(d, "/scales/1/answers/3/value") = -1; },
       {"rubric.scale.value_range /scales/1/answers/3/value"}},
      {"duplicate area",
       [](json::value& d) {
         json::value second = at(d, "/areas/0");
         at(second, "/sub_indicators/0/id") = "s3";
         at(second, "/sub_indicators/1/id") = "s4";
         at(second, "/sub_indicators/0/items/0/id") = "m2";
         at(second, "/sub_indicators/1/items/0/id") = "p2";
         at(second, "/sub_indicators/1/items/1/id") = "q2";
         d.as_object()["areas"].as_array().push_back(second);
       },
       {"rubric.area.duplicate /areas/1/id"}},
      {"duplicate sub-indicator",
       [](json::value& d) { at(d, "/areas/0/sub_indicators/1/id") = "s1"; },
       {"rubric.sub.duplicate /areas/0/sub_indicators/1/id"}},
      {"duplicate item",
       [](json::value& d) { at(d, "/areas/0/sub_indicators/1/items/1/id") = "m"; },
       // q was gated on p; "m" now gates nothing, but p keeps its id
       {"rubric.item.duplicate " + item_q + "/id"}},
      {"unknown scale",
       [](json::value& d) { at(d, "/areas/0/sub_indicators/1/items/0/scale") = "a_e"; },
       {"rubric.item.scale_unknown " + item_p + "/scale"}},
      {"option not on the scale",
       [](json::value& d) {
         at(d, "/areas/0/sub_indicators/0/items/0/options").as_object()["E"] = "x";
       },
       {"rubric.item.option_unknown " + item_m + "/options/E"}},
      {"cut-off answer not on the scale",
       [](json::value& d) { at(d, "/areas/0/sub_indicators/0/items/0/cutoffs/1/answer") = "E"; },
       {"rubric.cutoff.answer_unknown " + item_m + "/cutoffs/1/answer"}},
      {"cut-offs rising",
       [](json::value& d) { at(d, "/areas/0/sub_indicators/0/items/0/cutoffs/1/at_least") = 100; },
       {"rubric.cutoff.order " + item_m + "/cutoffs/1"}},
      {"above after at_least of the same percent is never reached",
       [](json::value& d) {
         auto& c = at(d, "/areas/0/sub_indicators/0/items/0/cutoffs/1").as_object();
         c.erase("at_least");
         c["above"] = 100;
       },
       {"rubric.cutoff.order " + item_m + "/cutoffs/1"}},
      {"last cut-off above 0",
       [](json::value& d) {
         at(d, "/areas/0/sub_indicators/0/items/0/cutoffs").as_array().pop_back();
       },
       {"rubric.cutoff.last " + item_m + "/cutoffs/2"}},
      {"last cut-off at 10",
       [](json::value& d) {
         auto& cutoffs = at(d, "/areas/0/sub_indicators/0/items/0/cutoffs").as_array();
         cutoffs.pop_back();
         cutoffs.pop_back();
         cutoffs.push_back(json::object{{"answer", "D"}, {"at_least", 10}});
       },
       {"rubric.cutoff.last " + item_m + "/cutoffs/2"}},
      {"metric without cut-offs",
       [](json::value& d) {
         at(d, "/areas/0/sub_indicators/0/items/0").as_object().erase("cutoffs");
       },
       {"rubric.item.cutoffs_missing " + item_m + "/cutoffs"}},
      {"cut-offs without metric",
       [](json::value& d) {
         at(d, "/areas/0/sub_indicators/0/items/0").as_object().erase("metric");
       },
       {"rubric.item.metric_missing " + item_m + "/metric"}},
      {"unknown metric",
       [](json::value& d) { at(d, "/areas/0/sub_indicators/0/items/0/metric") = "sops"; },
       {"rubric.item.metric_unknown " + item_m + "/metric"}},
      {"weights do not add up",
       [](json::value& d) { at(d, "/areas/0/sub_indicators/1/weight") = 1.000001; },
       {"rubric.area.weight_sum /areas/0/weight"}},
      {"gate on an unknown item",
       [](json::value& d) { at(d, "/areas/0/sub_indicators/1/items/1/gate") = "x"; },
       {"rubric.gate.unknown " + item_q + "/gate"}},
      {"gate on itself",
       [](json::value& d) { at(d, "/areas/0/sub_indicators/1/items/1/gate") = "q"; },
       {"rubric.gate.self " + item_q + "/gate"}},
      {"gates in a cycle",
       [](json::value& d) {
         at(d, "/areas/0/sub_indicators/1/items/0").as_object()["gate"] = "m";
         at(d, "/areas/0/sub_indicators/0/items/0").as_object()["gate"] = "q";
       },
       // m → q → p → m: each item on the cycle, in document order
       {"rubric.gate.cycle " + item_m + "/gate", "rubric.gate.cycle " + item_p + "/gate",
        "rubric.gate.cycle " + item_q + "/gate"}},
      {"a sub-indicator with no items",
       [](json::value& d) { at(d, "/areas/0/sub_indicators/0/items").as_array().clear(); },
       {"rubric.sub.empty /areas/0/sub_indicators/0/items"}},
      {"seven decimals",
       [](json::value& d) { at(d, "/scales/1/answers/1/value") = 0.6666667; },
       {"rubric.number.precision /scales/1/answers/1/value"}},
  };
  for (const auto& c : cases) {
    json::value doc = base();
    c.edit(doc);
    EXPECT_EQ(codes_at(check_rubric(doc)), c.found) << c.name;
  }
}

TEST(CheckRubricTest, MessagesNameTheNumbersAndTheChoices) {
  json::value doc = base();
  at(doc, "/areas/0/sub_indicators/1/weight") = 0.75;
  at(doc, "/areas/0/sub_indicators/0/items/0/metric") = "sops";
  auto found = check_rubric(doc);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].message,
            "Metrik tidak dikenal; pilihan: unit_maps, activities_with_sop, sops_in_map, "
            "sops_monitored, sops_evaluated");
  EXPECT_EQ(found[1].message, "Jumlah bobot sub-indikator 2.25 tidak sama dengan bobot area 2.5");
}

TEST(RubricTest, ModelFindsItsPartsAndWeighs) {
  const Rubric r = Rubric::from_json(base());
  EXPECT_EQ(r.weight(), 2'500'000);
  EXPECT_EQ(r.period_months, 12);
  ASSERT_NE(r.item("q"), nullptr);
  EXPECT_EQ(r.item("q")->gate, "p");
  EXPECT_EQ(r.item("nope"), nullptr);
  ASSERT_NE(r.scale("a_d"), nullptr);
  EXPECT_EQ(r.scale("a_d")->find("B")->value, 670'000);
  EXPECT_EQ(r.scale("a_d")->find("E"), nullptr);
  const RubricItem& m = *r.item("m");
  ASSERT_EQ(m.cutoffs.size(), 4u);
  EXPECT_TRUE(m.cutoffs[2].above);
  EXPECT_EQ(m.cutoffs[1].percent, 50 * kFixedOne);
  EXPECT_EQ(m.options.front(), (std::pair<std::string, std::string>{"A", "Seluruh"}));
}

json::value shipped(const std::string& id) {
  std::ifstream in(std::string(SOPAN_SOURCE_DIR) + "/schemas/rubrics/" + id + ".json");
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

class ShippedRubricTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ShippedRubricTest, PassesTheSchemaAndTheRulesAndIsCanonical) {
  auto registry = schema::Registry::load(std::string(SOPAN_SOURCE_DIR) + "/schemas");
  ASSERT_THAT(registry, testing::IsOk());
  const json::value doc = shipped(GetParam());
  EXPECT_THAT((*registry)->validate("rubric", doc), testing::IsOk());
  for (const auto& f : check_rubric(doc))
    ADD_FAILURE() << f.code << " " << f.path << " " << f.message;
  const Rubric r = Rubric::from_json(doc);
  EXPECT_EQ(r.id, GetParam());
  EXPECT_EQ(r.to_json(), doc);  // the file is in the canonical order
}

INSTANTIATE_TEST_SUITE_P(Files, ShippedRubricTest,
                         ::testing::Values("permenpanrb-14-2014", "permenpanrb-26-2020",
                                           "zi-90-2021"));

TEST(ShippedRubricWeightTest, AsTheRegulationsGiveThem) {
  EXPECT_EQ(format_fixed(Rubric::from_json(shipped("permenpanrb-14-2014")).weight()), "5");
  EXPECT_EQ(format_fixed(Rubric::from_json(shipped("permenpanrb-26-2020")).weight()), "2");
  const Rubric zi = Rubric::from_json(shipped("zi-90-2021"));
  EXPECT_EQ(format_fixed(zi.weight()), "7");
  EXPECT_EQ(zi.scope, "unit");
  ASSERT_EQ(zi.areas.size(), 2u);
  EXPECT_EQ(format_fixed(zi.areas[1].sub_indicators[0].weight), "0.5");
}

TEST(RubricSchemaTest, ACutoffHasExactlyOneThreshold) {
  auto registry = schema::Registry::load(std::string(SOPAN_SOURCE_DIR) + "/schemas");
  ASSERT_THAT(registry, testing::IsOk());
  json::value doc = base();
  EXPECT_THAT((*registry)->validate("rubric", doc), testing::IsOk());
  at(doc, "/areas/0/sub_indicators/0/items/0/cutoffs/0").as_object()["above"] = 99;
  EXPECT_THAT((*registry)->validate("rubric", doc), testing::ErrcIs(Errc::kValidation));
  at(doc, "/areas/0/sub_indicators/0/items/0/cutoffs/0").as_object().erase("above");
  at(doc, "/areas/0/sub_indicators/0/items/0/cutoffs/0").as_object().erase("at_least");
  EXPECT_THAT((*registry)->validate("rubric", doc), testing::ErrcIs(Errc::kValidation));
}

}  // namespace
}  // namespace sopan::domain
