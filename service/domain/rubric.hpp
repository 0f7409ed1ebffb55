#pragma once
/// A rubric of the reform evaluation as data (DOMAIN §4, issue 14): areas, sub-indicators with
/// weights, items with their question, answer scale and the value of each answer, an optional
/// gate on another item, and for each item either a metric the server measures (with its
/// percent → answer cut-offs) or a manual answer. Stored in git as `rubrics/<id>.json`
/// (schemas/rubric.schema.json); the shipped ones are `schemas/rubrics/*.json`.
/// Numbers are decimals with six places held in integers (`Fixed`), so the same rubric and
/// answers give the same figures, and the same bytes, on every machine.
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/finding.hpp"

namespace sopan::domain {

/// A decimal with six places: 1.5 is 1'500'000.
using Fixed = std::int64_t;
inline constexpr Fixed kFixedOne = 1'000'000;

/// A JSON number as Fixed, rounded half away from zero to six places.
Fixed to_fixed(double v);
/// "1.335", "0.75", "3.42", "0", "-0.5": no trailing zeros, no exponent.
std::string format_fixed(Fixed v);
/// The nearest double (what a JSON answer carries).
double to_double(Fixed v);
/// `a * b / c` rounded half up (c > 0; a, b >= 0), without overflow for rubric-sized numbers.
Fixed mul_div(Fixed a, Fixed b, Fixed c);

/// The measures the server takes from its own data (DOMAIN §4.3); a rubric item names one.
/// unit_maps: units (of the scope) with a map in force;
/// activities_with_sop: lowest-level map activities linked to a SOP in force;
/// sops_in_map: SOPs in force that a map activity refers to;
/// sops_monitored: SOPs in force with a monitoring record in the period;
/// sops_evaluated: SOPs in force evaluated in the period and followed up.
inline constexpr std::string_view kMetrics[] = {"unit_maps", "activities_with_sop", "sops_in_map",
                                                "sops_monitored", "sops_evaluated"};
bool is_metric(std::string_view name);

/// One answer of a scale: "Ya" → 1, "B" → 0.67.
struct ScaleAnswer {
  std::string answer;
  Fixed value = 0;
  std::string label;  // "Seluruh", "Sebagian besar" (Indonesian, optional)
};

/// An answer scale (Ya/Tidak, A–C, A–D, A–E), best answer first.
struct Scale {
  std::string id;  // "ya_tidak", "a_d", ...
  std::vector<ScaleAnswer> answers;
  const ScaleAnswer* find(std::string_view answer) const;
};

/// A measured percent at or above `percent` (strictly above when `above`) gives `answer`.
struct Cutoff {
  std::string answer;
  Fixed percent = 0;  // 0..100
  bool above = false;
};

struct RubricItem {
  std::string id;        // unique in the rubric: the key of manual answers
  std::string code;      // as the ministry's sheet numbers it: "a", "b"
  std::string question;  // the item's text
  std::string scale;     // a Scale id of the rubric
  /// The answer texts this item gives each answer ("A" → "Seluruh unit kerja ..."), optional.
  std::vector<std::pair<std::string, std::string>> options;
  /// The item scores 0 while the item named here has the value 0 (e.g. answered Tidak).
  std::string gate;
  /// Measured: a kMetrics name with its cut-offs, tried in order. Empty: answered by a person.
  std::string metric;
  std::vector<Cutoff> cutoffs;
  std::string guidance;  // what evidence a manual answer needs (optional)
};

struct SubIndicator {
  std::string id, name;
  Fixed weight = 0;
  std::vector<RubricItem> items;
};

struct Area {
  std::string id, name;
  Fixed weight = 0;  // the sum of its sub-indicators' weights
  std::vector<SubIndicator> sub_indicators;
};

struct Rubric {
  std::string id;          // "permenpanrb-14-2014": the file name, the API's {id}
  std::string name;        // "PermenPAN-RB 14/2014 — Penataan Tatalaksana"
  std::string regulation;  // "Peraturan Menteri PANRB Nomor 14 Tahun 2014"
  std::string scope;       // "instansi" or "unit" (Zona Integritas): the screens' default
  std::string description;
  /// The period a monitoring or evaluation record counts for, in months back from the day
  /// scored (default 12).
  int period_months = 12;
  std::vector<Scale> scales;
  std::vector<Area> areas;

  const RubricItem* item(std::string_view id) const;
  const Scale* scale(std::string_view id) const;
  Fixed weight() const;  // the sum of the areas' weights

  /// A document that passed the schema and check_rubric (anything else: best effort).
  static Rubric from_json(const boost::json::value& v);
  /// Canonical: members in a fixed order, numbers as the rubric states them.
  boost::json::value to_json() const;
};

/// The rules beyond the schema, each at its JSON pointer (Indonesian messages, codes
/// `rubric.*`): ids unique; scales with distinct answers and values in 0..1; an item's scale,
/// options and cut-off answers exist; cut-offs descend and end at 0 %; sub-indicator weights
/// add up to the area's weight; a gate names another item of the rubric and gates form no
/// cycle; a metric is one of kMetrics. `doc` has passed schemas/rubric.schema.json.
std::vector<Finding> check_rubric(const boost::json::value& doc);

}  // namespace sopan::domain
