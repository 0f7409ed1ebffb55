// The score of a rubric (domain/score.cpp): DOMAIN §4.4's worked example on the shipped 14/2014
// rubric, its gating variant, metrics with nothing to measure, unanswered and stale answers,
// cut-off boundaries, and the JSON the API sends.
#include "domain/score.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <fstream>
#include <sstream>

namespace sopan::domain {
namespace {
namespace json = boost::json;

using Measures = std::map<std::string, Measure, std::less<>>;
using Answers = std::map<std::string, ManualAnswer, std::less<>>;

class ScoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ifstream in(std::string(SOPAN_SOURCE_DIR) + "/schemas/rubrics/permenpanrb-14-2014.json");
    std::stringstream text;
    text << in.rdbuf();
    doc = json::parse(text.str());
    rubric = Rubric::from_json(doc);
    // DOMAIN §4.4: the SOP items measure B, A, C, D.
    measures["unit_maps"] = {2, 3, {{"unit", "u3", "3", "Bagian Umum", "u3", "Belum ada peta"}}};
    measures["activities_with_sop"] = {4, 4, {}};
    measures["sops_monitored"] = {1, 5, {}};
    measures["sops_evaluated"] = {0, 5, {}};
    const std::vector<std::pair<std::string, std::string>> given = {
        {"egov_a", "Ya"}, {"egov_b", "A"}, {"egov_c", "B"}, {"egov_d", "D"},
        {"kip_a", "Ya"},  {"kip_b", "B"},  {"kip_c", "A"}};
    for (const auto& [id, answer] : given) answers[id] = answer_of(answer);
  }

  static ManualAnswer answer_of(const std::string& answer) {
    return {answer,        "https://contoh.go.id/bukti", "Catatan",   "root",
            "Siti Aminah", "198001012005012001",         "Evaluator", "2025-03-04T05:06:07Z"};
  }

  const ItemScore& item(const Score& s, std::string_view id) {
    for (const auto& a : s.areas)
      for (const auto& sub : a.subs)
        for (const auto& i : sub.items)
          if (i.item->id == id) return i;
    throw std::runtime_error("no item " + std::string(id));
  }

  json::value doc;
  Rubric rubric;
  Measures measures;
  Answers answers;
};

TEST_F(ScoreTest, TheWorkedExample) {
  const Score s = compute_score(rubric, measures, answers);
  ASSERT_EQ(s.areas.size(), 1u);
  const auto& subs = s.areas[0].subs;
  ASSERT_EQ(subs.size(), 3u);
  EXPECT_EQ(format_fixed(subs[0].score), "0.75");
  EXPECT_EQ(format_fixed(subs[1].score), "1.335");
  EXPECT_EQ(format_fixed(subs[2].score), "1.335");
  EXPECT_EQ(format_fixed(subs[0].percent), "50");
  EXPECT_EQ(format_fixed(subs[1].percent), "66.75");
  EXPECT_EQ(format_fixed(subs[2].percent), "89");
  EXPECT_EQ(format_fixed(s.areas[0].score), "3.42");
  EXPECT_EQ(format_fixed(s.areas[0].percent), "68.4");
  EXPECT_EQ(format_fixed(s.score), "3.42");
  EXPECT_EQ(format_fixed(s.weight), "5");
  EXPECT_EQ(format_fixed(s.percent), "68.4");

  std::vector<std::string> letters;
  for (const auto& i : subs[0].items) letters.push_back(i.answer + " " + i.source);
  EXPECT_EQ(letters, (std::vector<std::string>{"B metric", "A metric", "C metric", "D metric"}));
  EXPECT_EQ(item(s, "sop_a").why,
            "2 dari 3 unit memiliki peta proses bisnis yang berlaku (66,67 %) → B");
  EXPECT_EQ(item(s, "sop_c").why, "1 dari 5 SOP berlaku dimonitor dalam periode (20 %) → C");
  EXPECT_EQ(format_fixed(*item(s, "sop_a").percent), "66.666667");
  EXPECT_EQ(item(s, "egov_b").source, "manual");
  EXPECT_EQ(item(s, "egov_b").why, "Dijawab oleh Siti Aminah pada 4 Maret 2025");
  // What the best answer would add: (1 − 0.67) × 1.5 / 4; nothing for an item at its best.
  EXPECT_EQ(format_fixed(item(s, "sop_a").gain), "0.12375");
  EXPECT_EQ(item(s, "sop_b").gain, 0);
  EXPECT_EQ(format_fixed(item(s, "egov_d").gain), "0.5");
}

TEST_F(ScoreTest, JsonIsStableAndInTheApiShape) {
  const std::string first = json::serialize(to_json(compute_score(rubric, measures, answers)));
  const std::string second = json::serialize(to_json(compute_score(rubric, measures, answers)));
  EXPECT_EQ(first, second);

  const json::object o = to_json(compute_score(rubric, measures, answers));
  std::vector<std::string> keys;
  for (const auto& kv : o) keys.emplace_back(kv.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"score", "weight", "percent", "areas"}));
  EXPECT_DOUBLE_EQ(o.at("score").as_double(), 3.42);
  EXPECT_DOUBLE_EQ(o.at("percent").as_double(), 68.4);
  const auto& sub = o.at("areas").at(0).at("sub_indicators").at(0).as_object();
  EXPECT_EQ(sub.at("id").as_string(), "sop");
  EXPECT_DOUBLE_EQ(sub.at("score").as_double(), 0.75);

  const auto& metric = sub.at("items").at(0).as_object();
  keys.clear();
  for (const auto& kv : metric) keys.emplace_back(kv.key());
  EXPECT_EQ(keys,
            (std::vector<std::string>{"id", "code", "question", "scale", "source", "answer",
                                      "value", "why", "gain", "metric", "percent", "numerator",
                                      "denominator", "missing", "missing_count", "options"}));
  EXPECT_EQ(metric.at("numerator").as_int64(), 2);
  EXPECT_EQ(metric.at("denominator").as_int64(), 3);
  EXPECT_EQ(metric.at("missing").as_array().size(), 1u);
  EXPECT_EQ(json::serialize(metric.at("missing").at(0)),
            R"({"kind":"unit","id":"u3","number":"3","title":"Bagian Umum","unit":"u3",)"
            R"("reason":"Belum ada peta"})");
  EXPECT_DOUBLE_EQ(metric.at("value").as_double(), 0.67);
  const auto& option_a = metric.at("options").at(0).as_object();
  EXPECT_EQ(option_a.at("label").as_string(),
            "Seluruh unit kerja telah memiliki peta proses bisnis yang sesuai dengan tugas dan "
            "fungsinya");

  const auto& manual = o.at("areas").at(0).at("sub_indicators").at(1).at("items").at(0).as_object();
  keys.clear();
  for (const auto& kv : manual) keys.emplace_back(kv.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"id", "code", "question", "scale", "source", "answer",
                                            "value", "why", "gain", "evidence", "note",
                                            "answered_by", "options"}));
  EXPECT_EQ(json::serialize(manual.at("answered_by")),
            R"({"name":"Siti Aminah","nip":"198001012005012001","position":"Evaluator",)"
            R"("time":"2025-03-04T05:06:07Z","unit":"root"})");
  // Ya/Tidak gives no labels: the scale's (empty) label.
  EXPECT_EQ(
      json::serialize(manual.at("options")),
      R"([{"answer":"Ya","value":1E0,"label":""},{"answer":"Tidak","value":0E0,"label":""}])");
}

TEST_F(ScoreTest, GatedItemsScoreZeroWhileTheirGateIsZero) {
  auto& kip = doc.at_pointer("/areas/0/sub_indicators/2/items").as_array();
  kip[1].as_object()["gate"] = "kip_a";
  kip[2].as_object()["gate"] = "kip_a";
  ASSERT_TRUE(check_rubric(doc).empty());
  const Rubric gated = Rubric::from_json(doc);

  // With kip_a answered Ya nothing changes.
  EXPECT_EQ(format_fixed(compute_score(gated, measures, answers).score), "3.42");

  answers["kip_a"] = answer_of("Tidak");
  Score s = compute_score(gated, measures, answers);
  EXPECT_EQ(s.areas[0].subs[2].score, 0);
  EXPECT_EQ(format_fixed(s.score), "2.085");
  const ItemScore& b = item(s, "kip_b");
  EXPECT_EQ(b.source, "gated");
  EXPECT_EQ(b.value, 0);
  EXPECT_EQ(b.answer, "B");  // what was answered stays visible
  EXPECT_EQ(b.why,
            "Bernilai 0 karena butir a (\"Apakah instansi telah memiliki kebijakan tentang "
            "keterbukaan…\") bernilai 0");
  EXPECT_EQ(item(s, "kip_c").source, "gated");

  // An unanswered gate closes too.
  answers.erase("kip_a");
  s = compute_score(gated, measures, answers);
  EXPECT_EQ(s.areas[0].subs[2].score, 0);
  EXPECT_EQ(item(s, "kip_a").source, "unanswered");
  EXPECT_EQ(item(s, "kip_c").source, "gated");
}

TEST_F(ScoreTest, AGateThatIsItselfGatedCloses) {
  auto& kip = doc.at_pointer("/areas/0/sub_indicators/2/items").as_array();
  kip[1].as_object()["gate"] = "kip_a";
  kip[2].as_object()["gate"] = "kip_b";
  answers["kip_a"] = answer_of("Tidak");
  const Rubric chained = Rubric::from_json(doc);
  const Score s = compute_score(chained, measures, answers);
  EXPECT_EQ(item(s, "kip_c").source, "gated");
  EXPECT_EQ(item(s, "kip_c").value, 0);
}

TEST_F(ScoreTest, AGateCycleInAnUncheckedRubricDoesNotHang) {
  auto& kip = doc.at_pointer("/areas/0/sub_indicators/2/items").as_array();
  kip[0].as_object()["gate"] = "kip_b";
  kip[1].as_object()["gate"] = "kip_a";
  const Score s = compute_score(Rubric::from_json(doc), measures, answers);
  EXPECT_EQ(item(s, "kip_c").source, "manual");
}

TEST_F(ScoreTest, NothingToMeasureGivesTheLowestAnswer) {
  measures["unit_maps"] = {0, 0, {}};
  const Score s = compute_score(rubric, measures, answers);
  const ItemScore& a = item(s, "sop_a");
  EXPECT_EQ(a.answer, "D");
  EXPECT_EQ(a.value, 0);
  EXPECT_EQ(a.source, "metric");
  EXPECT_EQ(a.percent, 0);
  EXPECT_EQ(a.why,
            "Tidak ada yang dapat diukur: belum ada unit yang dinilai (0 dari 0 unit memiliki peta "
            "proses bisnis yang berlaku) → D");
}

TEST_F(ScoreTest, AMetricNotMeasuredIsUnanswered) {
  measures.erase("sops_evaluated");
  const Score s = compute_score(rubric, measures, answers);
  EXPECT_EQ(item(s, "sop_d").source, "unanswered");
  EXPECT_EQ(item(s, "sop_d").why, "Belum diukur");
  EXPECT_EQ(format_fixed(s.score), "3.42");  // D was 0 anyway
}

TEST_F(ScoreTest, UnansweredAndStaleAnswersScoreZero) {
  answers.erase("egov_a");
  answers["egov_b"] = answer_of("Z");  // a rubric edited since: no answer Z on A–D
  const Score s = compute_score(rubric, measures, answers);
  const ItemScore& a = item(s, "egov_a");
  EXPECT_EQ(a.source, "unanswered");
  EXPECT_EQ(a.answer, "");
  EXPECT_EQ(a.why, "Belum dijawab");
  EXPECT_EQ(a.manual, nullptr);
  const ItemScore& b = item(s, "egov_b");
  EXPECT_EQ(b.source, "unanswered");
  EXPECT_EQ(b.value, 0);
  EXPECT_EQ(b.why, "Jawaban \"Z\" tidak ada pada skala; dianggap belum dijawab");
  // (0 + 0 + 0.67 + 0) / 4 × 2
  EXPECT_EQ(format_fixed(s.areas[0].subs[1].score), "0.335");
  const auto o = to_json(s);
  const auto& item_json = o.at("areas").at(0).at("sub_indicators").at(1).at("items").at(0);
  EXPECT_FALSE(item_json.as_object().contains("answered_by"));
  EXPECT_DOUBLE_EQ(item_json.at("gain").as_double(), 0.5);
}

TEST_F(ScoreTest, CutoffBoundaries) {
  const RubricItem& a = *rubric.item("sop_a");
  const Scale& scale = *rubric.scale("a_d");
  EXPECT_EQ(answer_for_percent(a, scale, 100 * kFixedOne), "A");
  EXPECT_EQ(answer_for_percent(a, scale, 100 * kFixedOne - 1), "B");
  EXPECT_EQ(answer_for_percent(a, scale, 50 * kFixedOne), "B");
  EXPECT_EQ(answer_for_percent(a, scale, 50 * kFixedOne - 1), "C");
  EXPECT_EQ(answer_for_percent(a, scale, 1), "C");
  EXPECT_EQ(answer_for_percent(a, scale, 0), "D");
  RubricItem none = a;
  none.cutoffs.clear();
  EXPECT_EQ(answer_for_percent(none, scale, 80 * kFixedOne), "D");  // the scale's lowest

  measures["unit_maps"] = {1, 2, {}};  // exactly 50 %
  EXPECT_EQ(item(compute_score(rubric, measures, answers), "sop_a").answer, "B");
  measures["unit_maps"] = {1, 1000, {}};  // just above 0
  const Score s = compute_score(rubric, measures, answers);
  EXPECT_EQ(item(s, "sop_a").answer, "C");
  EXPECT_EQ(item(s, "sop_a").why,
            "1 dari 1000 unit memiliki peta proses bisnis yang berlaku (0,1 %) → C");
}

}  // namespace
}  // namespace sopan::domain
