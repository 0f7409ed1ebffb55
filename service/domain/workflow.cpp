#include "domain/workflow.hpp"

#include <algorithm>
#include <boost/json/array.hpp>

#include "domain/evaluation.hpp"

namespace sopan::domain {
namespace json = boost::json;

const std::vector<State>& states() {
  static const std::vector<State> kStates = {
      {"konsep", "Konsep", true},
      {"diajukan", "Diajukan", true},
      {"diverifikasi", "Diverifikasi", true},
      {"disahkan", "Disahkan, belum berlaku", false, true},
      {"berlaku", "Berlaku"},
      {"dicabut", "Dicabut"},
      {"digantikan", "Digantikan"},
      {"dibatalkan", "Dibatalkan"},
  };
  return kStates;
}

const State* state(std::string_view code) {
  for (const auto& s : states())
    if (s.code == code) return &s;
  return nullptr;
}

const std::vector<Action>& actions() {
  using E = Effect;
  using L = Line;
  static const std::vector<Action> kActions = {
      {"create", E::kCreate, L::kDraft, "konsep", false, false, "Konsep dibuat"},
      {"save", E::kEdit, L::kDraft, "konsep", false, false, "Konsep disimpan"},
      {"revise", E::kEdit, L::kDraft, "konsep", false, true, "Revisi dibuka"},
      {"submit", E::kReview, L::kDraft, "diajukan", false, true, "Diajukan"},
      {"verify", E::kReview, L::kDraft, "diverifikasi", true, true, "Diverifikasi", true,
       "diverifikasi"},
      {"request-changes", E::kReview, L::kDraft, "konsep", false, true,
       "Dikembalikan untuk perbaikan"},
      // The writer takes a submission back before anyone reviewed it, to go on editing.
      {"recall",
       E::kReview,
       L::kDraft,
       "konsep",
       false,
       true,
       "Pengajuan ditarik kembali",
       false,
       {},
       false,
       "submit"},
      {"ratify", E::kMerge, L::kMain, "berlaku", true, true, "Disahkan", true, "disahkan", true},
      // Into force without the review steps: the library's own (imports, tests), no URL.
      {"merge", E::kMerge, L::kMain, "berlaku", false, false, "Diberlakukan"},
      {"withdraw", E::kMainStep, L::kMain, "dicabut", false, true, "Dicabut"},
      {"supersede", E::kMainStep, L::kMain, "digantikan", false, true, "Digantikan"},
      {"discard", E::kDiscard, L::kArchive, "dibatalkan", false, true, "Konsep dibatalkan"},
      {"comment", E::kComment, L::kDraft, "", false, false, "Komentar"},
      {"resolve-comment", E::kComment, L::kDraft, "", false, false, "Komentar diselesaikan"},
      {"reopen-comment", E::kComment, L::kDraft, "", false, false, "Komentar dibuka lagi"},
      {"monitor", E::kRecord, L::kMain, "", false, false, "Monitoring"},
      {"evaluate", E::kRecord, L::kMain, "", true, false, "Evaluasi", false, kMeaningKept, true},
  };
  return kActions;
}

const Action* action(std::string_view name) {
  for (const auto& a : actions())
    if (a.name == name) return &a;
  return nullptr;
}

const std::vector<Transition>& transitions() {
  // Written without `to`: it is the action's status, filled in below, so the two cannot differ.
  static const std::vector<Transition> kTable = [] {
    std::vector<Transition> t = {
        {"submit", "konsep", "", Role::kPenyusun, "Konsep yang sedang Anda susun"},
        {"discard", "konsep", "", Role::kPenyusun},
        {"verify", "diajukan", "", Role::kVerifikator, "Pengajuan yang menunggu verifikasi"},
        {"request-changes", "diajukan", "", Role::kVerifikator},
        {"recall", "diajukan", "", Role::kPenyusun},
        {"request-changes", "diverifikasi", "", Role::kVerifikator},
        {"request-changes", "diverifikasi", "", Role::kPengesah},
        {"ratify", "diverifikasi", "", Role::kPengesah,
         "Dokumen terverifikasi yang menunggu pengesahan"},
        {"revise", "berlaku", "", Role::kPenyusun},
        {"withdraw", "berlaku", "", Role::kPengesah},
        {"supersede", "berlaku", "", Role::kPengesah},
    };
    for (auto& row : t) row.to = action(row.action)->status;
    return t;
  }();
  return kTable;
}

std::optional<Transition> transition(std::string_view state, std::string_view action) {
  for (const auto& t : transitions())
    if (t.from == state && t.action == action) return t;
  return std::nullopt;
}

std::vector<std::string_view> allowed_actions(std::string_view state) {
  std::vector<std::string_view> out;
  for (const auto& t : transitions())
    if (t.from == state && std::find(out.begin(), out.end(), t.action) == out.end())
      out.push_back(t.action);
  return out;
}

std::vector<std::string_view> actions_of(const Principal& principal, std::string_view state,
                                         const std::string& unit, const OrgTree& org) {
  std::vector<std::string_view> out;
  for (const auto& t : transitions())
    if (t.from == state && std::find(out.begin(), out.end(), t.action) == out.end() &&
        holds(principal, t.role, unit, org))
      out.push_back(t.action);
  return out;
}

namespace {
std::string_view line_name(Line line) {
  switch (line) {
    case Line::kDraft:
      return "draft";
    case Line::kMain:
      return "main";
    case Line::kArchive:
      return "archive";
  }
  return "";
}
}  // namespace

json::object workflow_json() {
  json::array out_states, out_actions, out_transitions;
  for (const auto& s : states())
    out_states.push_back(json::object{{"code", s.code},
                                      {"label", s.label},
                                      {"drafting", s.drafting},
                                      {"shown_only", s.shown_only}});
  for (const auto& a : actions())
    out_actions.push_back(json::object{{"name", a.name},
                                       {"line", line_name(a.line)},
                                       {"status", a.status},
                                       {"signs", a.signs},
                                       {"workflow", a.workflow},
                                       {"label", a.label},
                                       {"independent", a.independent},
                                       {"meaning", a.meaning},
                                       {"password", a.password},
                                       {"takes_back", a.takes_back}});
  for (const auto& t : transitions())
    out_transitions.push_back(json::object{{"action", t.action},
                                           {"from", t.from},
                                           {"to", t.to},
                                           {"role", role_name(t.role)},
                                           {"task", t.task}});
  return {{"states", std::move(out_states)},
          {"actions", std::move(out_actions)},
          {"transitions", std::move(out_transitions)}};
}

}  // namespace sopan::domain
