#pragma once
/// The score of a rubric (DOMAIN §4.1): each item's answer — measured from the documents or
/// given by a person — gives a value; a sub-indicator scores the mean of its items' values times
/// its weight; an area the sum of its sub-indicators; an item whose gate has the value 0 scores
/// 0. Every figure says why. Pure: the API measures and gathers the answers (api/score.cpp).
#include <boost/json/object.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/rubric.hpp"

namespace sopan::domain {

/// The meaning written in the signature of a manual answer.
inline constexpr std::string_view kMeaningAnswered = "menjawab butir penilaian";

/// A document (or unit) a metric counts as missing: the link that raises the score next.
struct MissingDoc {
  std::string kind;  // "sop", "map" or "unit"
  std::string id, number, title, unit;
  std::string reason;  // Indonesian: "Belum ada monitoring dalam 12 bulan terakhir"
  boost::json::object to_json() const;
};

/// A metric as measured on the day: numerator of denominator, and what is missing.
struct Measure {
  std::size_t numerator = 0, denominator = 0;
  std::vector<MissingDoc> missing;  // every one (the API may cut the list it shows)
};

/// A person's answer to a manual item.
struct ManualAnswer {
  std::string answer;    // one of the item's scale
  std::string evidence;  // a link (https://…) or a document reference
  std::string note;
  std::string unit;  // the unit whose answer it is (the unit scored, or an ancestor)
  std::string name, nip, position, time;  // who answered, when (UTC, as signed)
};

struct ItemScore {
  const RubricItem* item = nullptr;
  std::string answer;  // "" while unanswered (value 0)
  Fixed value = 0;
  /// "metric", "manual", "unanswered", or "gated" (its gate has the value 0).
  std::string source;
  std::string why;  // Indonesian: "2 dari 3 unit memiliki peta proses bisnis (66,67 %) → B"
  std::optional<Fixed> percent;          // a metric's measured percent
  const Measure* measure = nullptr;      // a metric item's measure
  const ManualAnswer* manual = nullptr;  // a manual item's answer (a valid one)
  const Scale* scale = nullptr;          // the item's scale (nullptr only in a broken rubric)
  /// What the area would gain with the item's best answer: (best − value) × weight / items.
  Fixed gain = 0;
};

struct SubScore {
  const SubIndicator* sub = nullptr;
  Fixed score = 0;    // mean of item values × weight
  Fixed percent = 0;  // of its weight, 0..100
  std::vector<ItemScore> items;
};

struct AreaScore {
  const Area* area = nullptr;
  Fixed score = 0;
  Fixed percent = 0;
  std::vector<SubScore> subs;
};

struct Score {
  Fixed score = 0, weight = 0, percent = 0;
  std::vector<AreaScore> areas;
};

/// Scores `rubric`: a metric item from `measures` (keyed by metric name; a metric with no
/// denominator gets the scale's lowest answer), a manual item from `manual` (keyed by item id).
/// Sub-indicator scores are rounded to six places, areas are their sums, percents are rounded
/// to six places.
Score compute_score(const Rubric& rubric,
                    const std::map<std::string, Measure, std::less<>>& measures,
                    const std::map<std::string, ManualAnswer, std::less<>>& manual);

/// The answer of the first cut-off `percent` meets (the scale's lowest when none does).
std::string answer_for_percent(const RubricItem& item, const Scale& scale, Fixed percent);

/// {score, weight, percent, areas: [{id, name, weight, score, percent, sub_indicators: [{…,
/// items: [{id, code, question, scale, source, answer, value, why, gain, metric?, percent?,
/// numerator?, denominator?, missing?, missing_count?, evidence?, note?, answered_by?: {name,
/// nip, position, time, unit}, options: [{answer, value, label}]}]}]}]}: deterministic (fixed
/// member order). Figures are doubles (to_double); counts are integers. A metric item has
/// `metric` always and the rest once measured; `missing` lists every MissingDoc (the API cuts
/// it); evidence, note and answered_by come with a valid manual answer (also when gated).
boost::json::object to_json(const Score& score);

}  // namespace sopan::domain
