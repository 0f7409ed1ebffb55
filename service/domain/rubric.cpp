#include "domain/rubric.hpp"

#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "common/json.hpp"
#include "common/text.hpp"

namespace sopan::domain {
namespace json = boost::json;

Fixed to_fixed(double v) {
  // A hostile or broken number must not reach llround's undefined range.
  constexpr double kLimit = 9e12;
  if (std::isnan(v)) return 0;
  return std::llround(std::clamp(v, -kLimit, kLimit) * 1e6);
}

std::string format_fixed(Fixed v) {
  std::string out = v < 0 ? "-" : "";
  // Through unsigned: the magnitude of INT64_MIN does not fit an int64.
  const std::uint64_t magnitude =
      v < 0 ? std::uint64_t(0) - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
  out += std::to_string(magnitude / kFixedOne);
  std::string fraction = std::to_string(magnitude % kFixedOne);
  fraction.insert(0, 6 - fraction.size(), '0');
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  if (!fraction.empty()) out += "." + fraction;
  return out;
}

namespace {
// GCC's 128-bit integer; __extension__ keeps -Wpedantic quiet about it.
__extension__ typedef __int128 Wide;
}  // namespace

double to_double(Fixed v) { return static_cast<double>(v) / static_cast<double>(kFixedOne); }

Fixed mul_div(Fixed a, Fixed b, Fixed c) {
  if (c == 0) return 0;
  Wide n = static_cast<Wide>(a) * b;
  Wide d = c;
  if (d < 0) n = -n, d = -d;
  // Half away from zero, which is half up for the non-negative figures of a score.
  Wide q = n >= 0 ? (n + d / 2) / d : -((-n + d / 2) / d);
  constexpr Wide kMax = std::numeric_limits<Fixed>::max();
  return static_cast<Fixed>(std::clamp(q, -kMax, kMax));
}

bool is_metric(std::string_view name) {
  return std::find(std::begin(kMetrics), std::end(kMetrics), name) != std::end(kMetrics);
}

const ScaleAnswer* Scale::find(std::string_view answer) const {
  for (const auto& a : answers)
    if (a.answer == answer) return &a;
  return nullptr;
}

const RubricItem* Rubric::item(std::string_view id) const {
  for (const auto& area : areas)
    for (const auto& sub : area.sub_indicators)
      for (const auto& it : sub.items)
        if (it.id == id) return &it;
  return nullptr;
}

const Scale* Rubric::scale(std::string_view id) const {
  for (const auto& s : scales)
    if (s.id == id) return &s;
  return nullptr;
}

Fixed Rubric::weight() const {
  Fixed sum = 0;
  for (const auto& area : areas) sum += area.weight;
  return sum;
}

namespace {

using json_util::text_field;

const json::array& array_at(const json::object& o, std::string_view key) {
  static const json::array kEmpty;
  const json::value* v = o.if_contains(key);
  return v && v->is_array() ? v->get_array() : kEmpty;
}

/// Calls `fn` with each object of array `key`, in order (a stray non-object is skipped).
template <class Fn>
void each_object(const json::object& o, std::string_view key, Fn fn) {
  for (const auto& element : array_at(o, key))
    if (const auto* eo = element.if_object()) fn(*eo);
}

std::optional<double> number(const json::value* v) {
  if (!v) return std::nullopt;
  if (v->is_double()) return v->get_double();
  if (v->is_int64()) return static_cast<double>(v->get_int64());
  if (v->is_uint64()) return static_cast<double>(v->get_uint64());
  return std::nullopt;
}

/// 100: the schema's largest weight, and the largest percent.
constexpr Fixed kHundred = 100 * kFixedOne;

Fixed fixed_at(const json::object& o, std::string_view key) {
  return to_fixed(number(o.if_contains(key)).value_or(0));
}

/// A weight held within ten times the schema's limit (100): beyond it check_rubric refuses the
/// rubric anyway, and no sum of weights can overflow.
Fixed weight_at(const json::object& o) {
  return std::clamp<Fixed>(fixed_at(o, "weight"), 0, kHundred * 10);
}

/// A figure as the rubric states it: a whole number as an integer ("weight": 5), a fraction
/// as a double.
json::value figure(Fixed v) {
  if (v % kFixedOne == 0) return json::value(v / kFixedOne);
  return json::value(to_double(v));
}

void put(json::object& o, std::string_view key, const std::string& value) {
  if (!value.empty()) o[key] = value;
}

RubricItem item_from(const json::object& o) {
  RubricItem it;
  it.id = text_field(o, "id");
  it.code = text_field(o, "code");
  it.question = text_field(o, "question");
  it.scale = text_field(o, "scale");
  if (const json::value* options = o.if_contains("options"); options && options->is_object())
    for (const auto& kv : options->get_object())
      if (kv.value().is_string())
        it.options.emplace_back(std::string(kv.key()), std::string(kv.value().get_string()));
  it.gate = text_field(o, "gate");
  it.metric = text_field(o, "metric");
  each_object(o, "cutoffs", [&](const json::object& c) {
    Cutoff cut;
    cut.answer = text_field(c, "answer");
    cut.above = c.contains("above") && !c.contains("at_least");
    // Held near 0..100 (check_rubric refuses the rest), so comparing cut-offs cannot overflow.
    cut.percent = std::clamp<Fixed>(fixed_at(c, cut.above ? "above" : "at_least"), -10 * kHundred,
                                    10 * kHundred);
    it.cutoffs.push_back(std::move(cut));
  });
  it.guidance = text_field(o, "guidance");
  return it;
}

json::object item_to(const RubricItem& it) {
  json::object o;
  o["id"] = it.id;
  put(o, "code", it.code);
  o["question"] = it.question;
  o["scale"] = it.scale;
  if (!it.options.empty()) {
    json::object options;
    for (const auto& [answer, text] : it.options) options[answer] = text;
    o["options"] = std::move(options);
  }
  put(o, "gate", it.gate);
  put(o, "metric", it.metric);
  if (!it.cutoffs.empty()) {
    json::array cutoffs;
    for (const auto& c : it.cutoffs)
      cutoffs.push_back(
          json::object{{"answer", c.answer}, {c.above ? "above" : "at_least", figure(c.percent)}});
    o["cutoffs"] = std::move(cutoffs);
  }
  put(o, "guidance", it.guidance);
  return o;
}

}  // namespace

Rubric Rubric::from_json(const json::value& v) {
  Rubric r;
  const json::object* o = v.if_object();
  if (!o) return r;
  r.id = text_field(*o, "id");
  r.name = text_field(*o, "name");
  r.regulation = text_field(*o, "regulation");
  r.scope = text_field(*o, "scope");
  r.description = text_field(*o, "description");
  // Within what the schema allows, so no hostile number reaches an int conversion.
  if (auto months = number(o->if_contains("period_months")); months && !std::isnan(*months))
    r.period_months = int(std::clamp(*months, 1.0, 60.0));
  each_object(*o, "scales", [&](const json::object& so) {
    Scale s;
    s.id = text_field(so, "id");
    each_object(so, "answers", [&](const json::object& ao) {
      s.answers.push_back(
          {text_field(ao, "answer"), fixed_at(ao, "value"), text_field(ao, "label")});
    });
    r.scales.push_back(std::move(s));
  });
  each_object(*o, "areas", [&](const json::object& ao) {
    Area area{text_field(ao, "id"), text_field(ao, "name"), weight_at(ao), {}};
    each_object(ao, "sub_indicators", [&](const json::object& so) {
      SubIndicator sub{text_field(so, "id"), text_field(so, "name"), weight_at(so), {}};
      each_object(so, "items", [&](const json::object& io) { sub.items.push_back(item_from(io)); });
      area.sub_indicators.push_back(std::move(sub));
    });
    r.areas.push_back(std::move(area));
  });
  return r;
}

json::value Rubric::to_json() const {
  json::object o;
  o["id"] = id;
  o["name"] = name;
  put(o, "regulation", regulation);
  put(o, "scope", scope);
  put(o, "description", description);
  o["period_months"] = period_months;
  json::array scales_json;
  for (const auto& s : scales) {
    json::array answers_json;
    for (const auto& a : s.answers) {
      json::object ao{{"answer", a.answer}, {"value", figure(a.value)}};
      put(ao, "label", a.label);
      answers_json.push_back(std::move(ao));
    }
    scales_json.push_back(json::object{{"id", s.id}, {"answers", std::move(answers_json)}});
  }
  o["scales"] = std::move(scales_json);
  json::array areas_json;
  for (const auto& area : areas) {
    json::array subs_json;
    for (const auto& sub : area.sub_indicators) {
      json::array items_json;
      for (const auto& it : sub.items) items_json.push_back(item_to(it));
      subs_json.push_back(json::object{{"id", sub.id},
                                       {"name", sub.name},
                                       {"weight", figure(sub.weight)},
                                       {"items", std::move(items_json)}});
    }
    areas_json.push_back(json::object{{"id", area.id},
                                      {"name", area.name},
                                      {"weight", figure(area.weight)},
                                      {"sub_indicators", std::move(subs_json)}});
  }
  o["areas"] = std::move(areas_json);
  return o;
}

namespace {

/// An id or answer inside a message: the schema has kept it short and on one line.
std::string quote(std::string_view s) { return "\"" + text::cut_utf8(s, 80) + "\""; }

std::string known_metrics() {
  std::string out;
  for (auto m : kMetrics) out += (out.empty() ? "" : ", ") + std::string(m);
  return out;
}

/// Every JSON number with a seventh decimal: Fixed would silently round it.
void precision(const json::value& v, std::string& pointer, std::vector<Finding>& found,
               std::size_t depth) {
  if (depth > json_util::kMaxDepth) return;
  auto descend = [&](const json::value& child, std::string_view token) {
    const std::size_t size = pointer.size();
    pointer += "/";
    pointer += token;
    precision(child, pointer, found, depth + 1);
    pointer.resize(size);
  };
  if (v.is_double()) {
    const double scaled = v.get_double() * 1e6;
    // The tolerance absorbs the parse's last-bit error, far below a seventh decimal's 0.1.
    if (std::abs(scaled - std::round(scaled)) > 1e-6 * std::max(1.0, std::abs(v.get_double())))
      found.push_back({"rubric.number.precision", pointer,
                       "Angka paling banyak memiliki 6 angka di belakang koma"});
  } else if (const auto* o = v.if_object()) {
    for (const auto& kv : *o) descend(kv.value(), json_util::escape_pointer_token(kv.key()));
  } else if (const auto* a = v.if_array()) {
    for (std::size_t i = 0; i < a->size(); ++i) descend((*a)[i], std::to_string(i));
  }
}

class RubricChecker {
 public:
  explicit RubricChecker(const Rubric& r) : r_(r) {}

  std::vector<Finding> run() {
    scales();
    areas();
    gates();
    return std::move(found_);
  }

 private:
  void add(std::string code, std::string path, std::string message) {
    found_.push_back({std::move(code), std::move(path), std::move(message)});
  }

  /// `id` at `path` is the first of its kind, else a finding naming the first.
  void unique(std::map<std::string, std::string, std::less<>>& seen, const std::string& id,
              const std::string& path, std::string_view code, std::string_view what) {
    auto [it, fresh] = seen.emplace(id, path);
    if (!fresh)
      add(std::string(code), path,
          std::string(what) + " " + quote(id) + " sudah dipakai di " + it->second);
  }

  void scales() {
    std::map<std::string, std::string, std::less<>> ids;
    for (std::size_t i = 0; i < r_.scales.size(); ++i) {
      const Scale& s = r_.scales[i];
      const std::string at = "/scales/" + std::to_string(i);
      unique(ids, s.id, at + "/id", "rubric.scale.duplicate", "Kode skala");
      std::map<std::string, std::string, std::less<>> answers;
      for (std::size_t j = 0; j < s.answers.size(); ++j) {
        const std::string aat = at + "/answers/" + std::to_string(j);
        unique(answers, s.answers[j].answer, aat + "/answer", "rubric.scale.answer_duplicate",
               "Jawaban");
        if (s.answers[j].value < 0 || s.answers[j].value > kFixedOne)
          add("rubric.scale.value_range", aat + "/value", "Nilai jawaban harus antara 0 dan 1");
      }
    }
  }

  void areas() {
    std::map<std::string, std::string, std::less<>> area_ids, sub_ids;
    for (std::size_t i = 0; i < r_.areas.size(); ++i) {
      const Area& area = r_.areas[i];
      const std::string at = "/areas/" + std::to_string(i);
      unique(area_ids, area.id, at + "/id", "rubric.area.duplicate", "Kode area");
      weight_range(area.weight, at + "/weight");
      Fixed sum = 0;
      for (std::size_t j = 0; j < area.sub_indicators.size(); ++j) {
        const SubIndicator& sub = area.sub_indicators[j];
        const std::string sat = at + "/sub_indicators/" + std::to_string(j);
        unique(sub_ids, sub.id, sat + "/id", "rubric.sub.duplicate", "Kode sub-indikator");
        weight_range(sub.weight, sat + "/weight");
        sum += sub.weight;
        if (sub.items.empty())
          add("rubric.sub.empty", sat + "/items", "Sub-indikator belum memiliki butir pertanyaan");
        for (std::size_t k = 0; k < sub.items.size(); ++k)
          item(sub.items[k], sat + "/items/" + std::to_string(k));
      }
      if (sum != area.weight)
        add("rubric.area.weight_sum", at + "/weight",
            "Jumlah bobot sub-indikator " + format_fixed(sum) + " tidak sama dengan bobot area " +
                format_fixed(area.weight));
    }
  }

  void item(const RubricItem& it, const std::string& at) {
    unique(item_ids_, it.id, at + "/id", "rubric.item.duplicate", "Kode butir");
    const Scale* scale = r_.scale(it.scale);
    if (!scale) add("rubric.item.scale_unknown", at + "/scale", "Skala tidak ada di rubrik ini");
    for (const auto& [answer, text] : it.options)
      if (scale && !scale->find(answer))
        add("rubric.item.option_unknown",
            at + "/options/" + json_util::escape_pointer_token(answer),
            "Jawaban " + quote(answer) + " tidak ada pada skala " + quote(scale->id));
    if (!it.metric.empty() && !is_metric(it.metric))
      add("rubric.item.metric_unknown", at + "/metric",
          "Metrik tidak dikenal; pilihan: " + known_metrics());
    if (!it.metric.empty() && it.cutoffs.empty())
      add("rubric.item.cutoffs_missing", at + "/cutoffs",
          "Butir yang diukur memerlukan batas persentase untuk setiap jawaban");
    if (it.metric.empty() && !it.cutoffs.empty())
      add("rubric.item.metric_missing", at + "/metric",
          "Batas persentase hanya berlaku untuk butir yang diukur: pilih metriknya");
    cutoffs(it, scale, at);
    if (!it.gate.empty()) gated_.push_back({&it, at + "/gate"});
  }

  void cutoffs(const RubricItem& it, const Scale* scale, const std::string& at) {
    // Strictness: "above p" asks more than "at least p"; each cut-off must ask less than the one
    // before it, or it is never reached.
    auto strictness = [](const Cutoff& c) { return 2 * c.percent + (c.above ? 1 : 0); };
    for (std::size_t i = 0; i < it.cutoffs.size(); ++i) {
      const Cutoff& c = it.cutoffs[i];
      const std::string cat = at + "/cutoffs/" + std::to_string(i);
      if (c.percent < 0 || c.percent > kHundred)
        add("rubric.cutoff.range", cat, "Batas persentase harus antara 0 dan 100");
      if (scale && !scale->find(c.answer))
        add("rubric.cutoff.answer_unknown", cat + "/answer",
            "Jawaban " + quote(c.answer) + " tidak ada pada skala " + quote(scale->id));
      if (i > 0 && strictness(c) >= strictness(it.cutoffs[i - 1]))
        add("rubric.cutoff.order", cat,
            "Batas persentase harus menurun dari batas sebelumnya (batas ini tidak pernah "
            "tercapai)");
    }
    if (!it.cutoffs.empty() && (it.cutoffs.back().above || it.cutoffs.back().percent != 0))
      add("rubric.cutoff.last", at + "/cutoffs/" + std::to_string(it.cutoffs.size() - 1),
          "Batas terakhir harus \"at_least\": 0 agar setiap persentase mendapat jawaban");
  }

  void gates() {
    std::map<std::string_view, const RubricItem*> by_id;
    for (const auto& area : r_.areas)
      for (const auto& sub : area.sub_indicators)
        for (const auto& it : sub.items) by_id.emplace(it.id, &it);
    for (const auto& [it, at] : gated_) {
      if (it->gate == it->id)
        add("rubric.gate.self", at, "Butir tidak dapat bergantung pada dirinya sendiri");
      else if (!by_id.contains(it->gate))
        add("rubric.gate.unknown", at, "Butir " + quote(it->gate) + " tidak ada di rubrik ini");
    }
    // Each item has at most one gate, so the gates form chains: walk each chain once, marking
    // items as on the current walk or done; meeting an item of the current walk is a cycle.
    std::map<const RubricItem*, int> state;  // 1: on the current walk, 2: done
    std::set<const RubricItem*> on_cycle;
    for (const auto& [start, at] : gated_) {
      std::vector<const RubricItem*> walk;
      const RubricItem* step = start;
      while (step && state[step] == 0) {
        state[step] = 1;
        walk.push_back(step);
        auto next = step->gate.empty() ? by_id.end() : by_id.find(step->gate);
        step = next == by_id.end() ? nullptr : next->second;
      }
      if (step && state[step] == 1)  // the walk came back: from `step` on, a cycle
        for (auto it = std::find(walk.begin(), walk.end(), step); it != walk.end(); ++it)
          on_cycle.insert(*it);
      for (const RubricItem* w : walk) state[w] = 2;
    }
    for (const auto& [it, at] : gated_)
      if (on_cycle.contains(it) && it->gate != it->id)
        add("rubric.gate.cycle", at, "Ketergantungan antarbutir membentuk lingkaran");
  }

  void weight_range(Fixed weight, const std::string& at) {
    if (weight <= 0 || weight > kHundred)
      add("rubric.weight.range", at, "Bobot harus lebih dari 0 dan paling besar 100");
  }

  const Rubric& r_;
  std::vector<Finding> found_;
  std::map<std::string, std::string, std::less<>> item_ids_;
  std::vector<std::pair<const RubricItem*, std::string>> gated_;
};

}  // namespace

std::vector<Finding> check_rubric(const json::value& doc) {
  const Rubric r = Rubric::from_json(doc);
  auto found = RubricChecker(r).run();
  std::string pointer;
  precision(doc, pointer, found, 0);
  return found;
}

}  // namespace sopan::domain
