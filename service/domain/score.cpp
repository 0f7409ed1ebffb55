#include "domain/score.hpp"

#include <algorithm>
#include <boost/json/array.hpp>
#include <unordered_map>

#include "common/text.hpp"
#include "common/time.hpp"

namespace sopan::domain {
namespace json = boost::json;

json::object MissingDoc::to_json() const {
  return json::object{{"kind", kind},   {"id", id},     {"number", number},
                      {"title", title}, {"unit", unit}, {"reason", reason}};
}

namespace {

/// How a why-text names each metric: "<n> dari <d> <counted>", and what is absent when there is
/// nothing to count.
struct MetricText {
  std::string_view metric, counted, nothing;
};
constexpr MetricText kMetricTexts[] = {
    {"unit_maps", "unit memiliki peta proses bisnis yang berlaku", "belum ada unit yang dinilai"},
    {"activities_with_sop", "aktivitas peta dijabarkan ke SOP yang berlaku",
     "belum ada aktivitas pada peta proses bisnis yang berlaku"},
    {"sops_in_map", "SOP berlaku mengacu pada aktivitas peta proses", "belum ada SOP yang berlaku"},
    {"sops_monitored", "SOP berlaku dimonitor dalam periode", "belum ada SOP yang berlaku"},
    {"sops_evaluated", "SOP berlaku dievaluasi dan ditindaklanjuti dalam periode",
     "belum ada SOP yang berlaku"},
};

MetricText metric_text(std::string_view metric) {
  for (const auto& t : kMetricTexts)
    if (t.metric == metric) return t;
  return {metric, metric, "tidak ada yang dihitung"};
}

/// A percent as Indonesian prose writes it: two places at most, a decimal comma ("66,67").
std::string indonesian_percent(Fixed percent) {
  constexpr Fixed kHundredth = kFixedOne / 100;
  const Fixed rounded = mul_div(percent, 1, kHundredth) * kHundredth;
  std::string out = format_fixed(rounded);
  std::replace(out.begin(), out.end(), '.', ',');
  return out + " %";
}

/// The start of a question, enough to recognise it in a why-text.
std::string question_start(std::string_view question) {
  constexpr std::size_t kMax = 60;
  if (question.size() <= kMax) return std::string(question);
  std::string out = text::cut_utf8(question, kMax);
  // Whole words: back to the last space unless the cut fell just before one.
  if (auto space = out.rfind(' ');
      question[out.size()] != ' ' && space != std::string::npos && space > kMax / 2)
    out.resize(space);
  return out + "…";
}

const ScaleAnswer* lowest(const Scale& scale) {
  const ScaleAnswer* low = nullptr;
  for (const auto& a : scale.answers)
    if (!low || a.value < low->value) low = &a;
  return low;
}

Fixed best_value(const Scale* scale) {
  Fixed best = 0;
  if (scale)
    for (const auto& a : scale->answers) best = std::max(best, a.value);
  return best;
}

using Measures = std::map<std::string, Measure, std::less<>>;
using Answers = std::map<std::string, ManualAnswer, std::less<>>;

void unanswered(ItemScore& s, std::string why) {
  s.source = "unanswered";
  s.answer.clear();
  s.value = 0;
  s.why = std::move(why);
}

/// The item's own value, before any gate.
ItemScore score_item(const Rubric& rubric, const RubricItem& item, const Measures& measures,
                     const Answers& manual) {
  ItemScore s;
  s.item = &item;
  s.scale = rubric.scale(item.scale);
  if (!s.scale) {
    unanswered(s, "Skala " + item.scale + " tidak ada di rubrik");
    return s;
  }
  if (!item.metric.empty()) {
    auto m = measures.find(item.metric);
    if (m == measures.end()) {
      unanswered(s, "Belum diukur");
      return s;
    }
    s.measure = &m->second;
    const MetricText text = metric_text(item.metric);
    const std::string count = std::to_string(m->second.numerator) + " dari " +
                              std::to_string(m->second.denominator) + " " +
                              std::string(text.counted);
    if (m->second.denominator == 0) {
      s.percent = 0;
      const ScaleAnswer* low = lowest(*s.scale);
      s.answer = low ? low->answer : "";
      s.value = low ? low->value : 0;
      s.source = "metric";
      s.why = "Tidak ada yang dapat diukur: " + std::string(text.nothing) + " (" + count + ") → " +
              s.answer;
      return s;
    }
    s.percent = mul_div(static_cast<Fixed>(m->second.numerator), 100 * kFixedOne,
                        static_cast<Fixed>(m->second.denominator));
    s.answer = answer_for_percent(item, *s.scale, *s.percent);
    const ScaleAnswer* a = s.scale->find(s.answer);
    if (!a) {
      unanswered(s, count + " (" + indonesian_percent(*s.percent) + "): jawaban " + s.answer +
                        " tidak ada pada skala");
      return s;
    }
    s.value = a->value;
    s.source = "metric";
    s.why = count + " (" + indonesian_percent(*s.percent) + ") → " + s.answer;
    return s;
  }
  auto m = manual.find(item.id);
  if (m == manual.end() || m->second.answer.empty()) {
    unanswered(s, "Belum dijawab");
    return s;
  }
  const ScaleAnswer* a = s.scale->find(m->second.answer);
  if (!a) {
    // A rubric edited after the answer was given: the answer no longer exists.
    unanswered(s, "Jawaban \"" + text::cut_utf8(m->second.answer, 40) +
                      "\" tidak ada pada skala; dianggap belum dijawab");
    return s;
  }
  s.manual = &m->second;
  s.answer = a->answer;
  s.value = a->value;
  s.source = "manual";
  s.why = m->second.name.empty() ? "Dijawab" : "Dijawab oleh " + m->second.name;
  if (m->second.time.size() >= 10)
    s.why += " pada " + indonesian_date(std::string_view(m->second.time).substr(0, 10));
  return s;
}

/// The value of each item once gates apply, by item id: an item whose gate has the value 0 (or
/// is itself gated) is 0. A cycle (only in a rubric check_rubric refused) counts as gated.
class Gates {
 public:
  explicit Gates(std::unordered_map<std::string, ItemScore*>& items) : items_(items) {}

  Fixed value(const std::string& id) {
    auto it = items_.find(id);
    if (it == items_.end()) return 0;  // an unknown gate: nothing opens it
    ItemScore& s = *it->second;
    if (auto done = state_.find(id); done != state_.end())
      return done->second == kVisiting ? 0 : s.value;
    state_[id] = kVisiting;
    const std::string& gate = s.item->gate;
    if (!gate.empty() && value(gate) == 0) {
      auto found = items_.find(gate);
      const RubricItem* g = found == items_.end() ? nullptr : found->second->item;
      const std::string name = g ? (g->code.empty() ? g->id : g->code) : gate;
      s.source = "gated";
      s.value = 0;
      s.why = "Bernilai 0 karena butir " + name +
              (g ? " (\"" + question_start(g->question) + "\")" : std::string()) + " bernilai 0";
    }
    state_[id] = kDone;
    return s.value;
  }

 private:
  enum State { kVisiting, kDone };
  std::unordered_map<std::string, ItemScore*>& items_;
  std::unordered_map<std::string, State> state_;
};

Fixed percent_of(Fixed score, Fixed weight) {
  return weight > 0 ? mul_div(score, 100 * kFixedOne, weight) : 0;
}

json::value count(std::size_t n) { return json::value(static_cast<std::int64_t>(n)); }

json::object item_json(const ItemScore& s) {
  const RubricItem& item = *s.item;
  json::object o;
  o["id"] = item.id;
  o["code"] = item.code;
  o["question"] = item.question;
  o["scale"] = item.scale;
  o["source"] = s.source;
  if (!item.gate.empty()) o["gate"] = item.gate;
  o["answer"] = s.answer;
  o["value"] = to_double(s.value);
  o["why"] = s.why;
  o["gain"] = to_double(s.gain);
  if (!item.metric.empty()) {
    o["metric"] = item.metric;
    if (s.percent) o["percent"] = to_double(*s.percent);
    if (s.measure) {
      o["numerator"] = count(s.measure->numerator);
      o["denominator"] = count(s.measure->denominator);
      json::array missing;
      for (const auto& doc : s.measure->missing) missing.push_back(doc.to_json());
      o["missing"] = std::move(missing);
      o["missing_count"] = count(s.measure->missing.size());
    }
  }
  if (s.manual) {
    o["evidence"] = s.manual->evidence;
    o["note"] = s.manual->note;
    o["answered_by"] = json::object{{"name", s.manual->name},
                                    {"nip", s.manual->nip},
                                    {"position", s.manual->position},
                                    {"time", s.manual->time},
                                    {"unit", s.manual->unit}};
  }
  json::array options;
  if (s.scale)
    for (const auto& a : s.scale->answers) {
      std::string label = a.label;
      for (const auto& [answer, text] : item.options)
        if (answer == a.answer) label = text;
      options.push_back(
          json::object{{"answer", a.answer}, {"value", to_double(a.value)}, {"label", label}});
    }
  o["options"] = std::move(options);
  return o;
}

}  // namespace

std::string answer_for_percent(const RubricItem& item, const Scale& scale, Fixed percent) {
  for (const auto& c : item.cutoffs)
    if (c.above ? percent > c.percent : percent >= c.percent) return c.answer;
  const ScaleAnswer* low = lowest(scale);
  return low ? low->answer : "";
}

Score compute_score(const Rubric& rubric, const Measures& measures, const Answers& manual) {
  Score score;
  score.areas.reserve(rubric.areas.size());
  for (const auto& area : rubric.areas) {
    AreaScore as{&area, 0, 0, {}};
    as.subs.reserve(area.sub_indicators.size());
    for (const auto& sub : area.sub_indicators) {
      SubScore ss{&sub, 0, 0, {}};
      ss.items.reserve(sub.items.size());
      for (const auto& item : sub.items)
        ss.items.push_back(score_item(rubric, item, measures, manual));
      as.subs.push_back(std::move(ss));
    }
    score.areas.push_back(std::move(as));
  }
  // Gates may name an item of another sub-indicator or area: every item is scored first.
  std::unordered_map<std::string, ItemScore*> by_id;
  for (auto& as : score.areas)
    for (auto& ss : as.subs)
      for (auto& s : ss.items) by_id.emplace(s.item->id, &s);
  Gates gates(by_id);
  for (auto& as : score.areas) {
    for (auto& ss : as.subs) {
      const Fixed weight = ss.sub->weight;
      const Fixed per_item = static_cast<Fixed>(ss.items.size()) * kFixedOne;
      Fixed sum = 0;
      for (auto& s : ss.items) {
        gates.value(s.item->id);
        sum += s.value;
      }
      for (auto& s : ss.items) s.gain = mul_div(best_value(s.scale) - s.value, weight, per_item);
      ss.score = mul_div(sum, weight, per_item);
      ss.percent = percent_of(ss.score, weight);
      as.score += ss.score;
    }
    as.percent = percent_of(as.score, as.area->weight);
    score.score += as.score;
  }
  score.weight = rubric.weight();
  score.percent = percent_of(score.score, score.weight);
  return score;
}

json::object to_json(const Score& score) {
  json::array areas;
  for (const auto& as : score.areas) {
    json::array subs;
    for (const auto& ss : as.subs) {
      json::array items;
      for (const auto& s : ss.items) items.push_back(item_json(s));
      subs.push_back(json::object{{"id", ss.sub->id},
                                  {"name", ss.sub->name},
                                  {"weight", to_double(ss.sub->weight)},
                                  {"score", to_double(ss.score)},
                                  {"percent", to_double(ss.percent)},
                                  {"items", std::move(items)}});
    }
    areas.push_back(json::object{{"id", as.area->id},
                                 {"name", as.area->name},
                                 {"weight", to_double(as.area->weight)},
                                 {"score", to_double(as.score)},
                                 {"percent", to_double(as.percent)},
                                 {"sub_indicators", std::move(subs)}});
  }
  return json::object{{"score", to_double(score.score)},
                      {"weight", to_double(score.weight)},
                      {"percent", to_double(score.percent)},
                      {"areas", std::move(areas)}};
}

}  // namespace sopan::domain
