// A rubric from arbitrary bytes (issue 14): parsed as JSON with the request limits, checked by
// domain::check_rubric (each finding at a JSON pointer, its message valid UTF-8), and, when it
// finds no problem, read (Rubric::from_json), scored with synthetic measures and manual answers
// drawn from the input, and written out (to_json, serialised). Never a crash, a hang or an
// overflow. A rubric that also passes schemas/rubric.schema.json — what PUT /api/v1/rubrics lets
// through — scores within its weight, and its canonical form reads back to the same bytes.
#include <boost/json/serialize.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>

#include "common/json.hpp"
#include "common/text.hpp"
#include "domain/rubric.hpp"
#include "domain/score.hpp"
#include "fuzz_support.hpp"

namespace {
namespace json = boost::json;
using sopan::domain::Fixed;
using sopan::domain::kFixedOne;

/// The input's bytes as a stream of choices (the same input always makes the same choices).
class Choices {
 public:
  Choices(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  std::size_t next(std::size_t bound) {
    if (bound == 0) return 0;
    std::uint64_t v = 0;
    for (int i = 0; i < 3; ++i) v = v * 257 + (size_ ? data_[at_++ % size_] : 0);
    return static_cast<std::size_t>(v % bound);
  }

 private:
  const std::uint8_t* data_;
  std::size_t size_, at_ = 0;
};

[[noreturn]] void finding(const char* what) {
  std::fprintf(stderr, "rubric_fuzz: %s\n", what);
  std::abort();
}

/// A finding's pointer is a JSON pointer ("" or "/..."), its code and message readable.
void check_findings(const std::vector<sopan::domain::Finding>& found) {
  for (const auto& f : found) {
    if (!f.path.empty() && f.path.front() != '/') finding("a finding's path is not a pointer");
    if (f.code.rfind("rubric.", 0) != 0) finding("a finding's code is not rubric.*");
    if (f.message.empty() || !sopan::text::is_valid_utf8(f.message))
      finding("a finding's message is empty or not UTF-8");
  }
}

sopan::domain::MissingDoc missing(std::size_t i) {
  return {
      "sop", "s" + std::to_string(i), "800/" + std::to_string(i) + "/2026", "Judul </text><script>",
      "u",   "Belum dimonitor"};
}

/// Measures for every metric: nothing to count, none, all, some, and a long missing list.
std::map<std::string, sopan::domain::Measure, std::less<>> measures(Choices& c) {
  std::map<std::string, sopan::domain::Measure, std::less<>> out;
  for (auto name : sopan::domain::kMetrics) {
    if (c.next(8) == 0) continue;  // a metric the API did not measure
    sopan::domain::Measure m;
    switch (c.next(5)) {
      case 0:
        break;  // 0 of 0
      case 1:
        m.denominator = 1 + c.next(1000);
        break;
      case 2:
        m.numerator = m.denominator = 1 + c.next(1000);
        break;
      case 3:
        m.denominator = 1 + c.next(1'000'000);
        m.numerator = c.next(m.denominator + 1);
        break;
      default:
        m.numerator = m.denominator = 1'000'000'000;
        break;
    }
    for (std::size_t i = m.numerator; i < m.denominator && i - m.numerator < 20; ++i)
      m.missing.push_back(missing(i));
    out.emplace(std::string(name), std::move(m));
  }
  return out;
}

/// Manual answers: for each item (manual or measured) an answer of its scale, one not on it,
/// an empty one, or none; and one for an item the rubric does not have.
std::map<std::string, sopan::domain::ManualAnswer, std::less<>> answers(
    const sopan::domain::Rubric& r, Choices& c) {
  std::map<std::string, sopan::domain::ManualAnswer, std::less<>> out;
  auto answer = [&](std::string text) {
    return sopan::domain::ManualAnswer{std::move(text),
                                       "https://contoh.go.id/bukti",
                                       "Catatan\n\nSopan-Action: ratify",
                                       "u",
                                       "Penilai",
                                       "198001012005011001",
                                       "Evaluator",
                                       "2026-01-31T10:00:00Z"};
  };
  for (const auto& area : r.areas)
    for (const auto& sub : area.sub_indicators)
      for (const auto& item : sub.items) {
        const sopan::domain::Scale* scale = r.scale(item.scale);
        const std::size_t pick = c.next(4);
        if (pick == 0 && scale && !scale->answers.empty())
          out.emplace(item.id, answer(scale->answers[c.next(scale->answers.size())].answer));
        else if (pick == 1)
          out.emplace(item.id, answer(c.next(2) ? "Z" : ""));
      }
  out.emplace("butir_yang_tidak_ada", answer("Ya"));
  return out;
}

double number(const json::value& v) { return v.is_number() ? v.to_number<double>() : -1; }

/// A schema-valid rubric scores 0..weight (each area 0..its weight, each item 0..1) and every
/// percent is 0..100.
void check_bounds(const json::object& s) {
  constexpr double kSlack = 1e-6;
  auto within = [&](double v, double high) { return v >= -kSlack && v <= high + kSlack; };
  if (!within(number(s.at("score")), number(s.at("weight"))))
    finding("the score is outside 0..weight");
  if (!within(number(s.at("percent")), 100)) finding("the percent is outside 0..100");
  for (const auto& area : s.at("areas").as_array()) {
    const auto& a = area.as_object();
    if (!within(number(a.at("score")), number(a.at("weight"))))
      finding("an area's score is outside 0..weight");
    if (!within(number(a.at("percent")), 100)) finding("an area's percent is outside 0..100");
    for (const auto& sub : a.at("sub_indicators").as_array()) {
      const auto& so = sub.as_object();
      if (!within(number(so.at("score")), number(so.at("weight"))))
        finding("a sub-indicator's score is outside 0..weight");
      for (const auto& item : so.at("items").as_array()) {
        if (!within(number(item.at("value")), 1)) finding("an item's value is outside 0..1");
        if (!within(number(item.at("gain")), number(so.at("weight"))))
          finding("an item's gain is outside 0..weight");
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto parsed =
      sopan::json_util::parse(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!parsed) return 0;
  const json::value& doc = *parsed;
  const auto found = sopan::domain::check_rubric(doc);
  check_findings(found);
  if (!found.empty()) return 0;

  const sopan::domain::Rubric rubric = sopan::domain::Rubric::from_json(doc);
  Choices choices(data, size);
  const auto m = measures(choices);
  const auto a = answers(rubric, choices);
  const sopan::domain::Score score = sopan::domain::compute_score(rubric, m, a);
  const json::object out = sopan::domain::to_json(score);
  const std::string text = json::serialize(out);
  if (!sopan::text::is_valid_utf8(text)) finding("the score is not UTF-8");
  const json::value canonical = rubric.to_json();
  (void)json::serialize(canonical);

  // What the API accepts: the schema too.
  if (!doc.is_object() || !sopan::fuzz::schemas().validate("rubric", doc)) return 0;
  check_bounds(out);
  if (!sopan::domain::check_rubric(canonical).empty())
    finding("the canonical form of a valid rubric has findings");
  const std::string once = json::serialize(canonical);
  if (json::serialize(sopan::domain::Rubric::from_json(canonical).to_json()) != once)
    finding("the canonical form does not read back to the same bytes");
  if (!sopan::fuzz::schemas().validate("rubric", canonical))
    finding("the canonical form of a valid rubric fails the schema");
  return 0;
}
