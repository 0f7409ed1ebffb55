#include "domain/evaluation.hpp"

#include <boost/json/array.hpp>

namespace sopan::domain {
namespace json = boost::json;

json::object monitoring_record(const std::string& date, bool runs_well, const std::string& notes,
                               const std::string& action, const Person& reviewer) {
  return {
      {"kind", "monitoring"},
      {"date", date},
      {"judgement", runs_well ? "baik" : "tidak_baik"},
      {"notes", notes},
      {"action", action},
      {"reviewer",
       {{"name", reviewer.name}, {"nip", reviewer.nip}, {"initials", initials(reviewer.name)}}}};
}

json::object evaluation_record(const std::string& date, const std::vector<CriterionAnswer>& answers,
                               bool keep, const std::string& notes, const Person& evaluator,
                               const Signature* signature) {
  json::array criteria;
  for (std::size_t i = 0; i < answers.size() && i < kEvaluationCriteria.size(); ++i)
    criteria.push_back(json::object{{"criterion", kEvaluationCriteria[i]},
                                    {"answer", answers[i].yes ? "ya" : "tidak"},
                                    {"notes", answers[i].notes}});
  json::object record{{"kind", "evaluasi"},
                      {"date", date},
                      {"criteria", std::move(criteria)},
                      {"outcome", keep ? "tetap" : "revisi"},
                      {"notes", notes},
                      {"evaluator", {{"name", evaluator.name}, {"nip", evaluator.nip}}}};
  if (signature) record["signature"] = signature->to_json();
  return record;
}

std::string record_message(const json::object& record) {
  auto text = [&](std::string_view key) {
    const json::value* v = record.if_contains(key);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
  };
  if (text("kind") == "monitoring")
    return "Monitoring " + text("date") + ": " +
           (text("judgement") == "baik" ? "berjalan dengan baik" : "tidak berjalan dengan baik");
  return "Evaluasi " + text("date") + ": " +
         (text("outcome") == "tetap" ? "tetap berlaku" : "perlu revisi");
}

std::string initials(std::string_view name) {
  std::string out;
  bool start = true;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (c == ',') break;  // academic titles follow the comma
    if (c == ' ') {
      start = true;
      continue;
    }
    // Skip leading titles ending in a dot ("Drs.", "Ir.").
    if (start) {
      std::size_t end = name.find_first_of(" ,", i);
      std::string_view word = name.substr(i, end == std::string_view::npos ? name.npos : end - i);
      if (word.size() > 2 && word.back() == '.') {
        i += word.size() - 1;
        continue;
      }
      if (c >= 'A' && c <= 'Z') out += c;
    }
    start = false;
  }
  return out;
}

}  // namespace sopan::domain
