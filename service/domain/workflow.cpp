#include "domain/workflow.hpp"

#include <algorithm>

namespace sopan::domain {

const std::vector<Transition>& transitions() {
  static const std::vector<Transition> kTable = {
      {"submit", "konsep", "diajukan", Role::kPenyusun},
      {"discard", "konsep", "", Role::kPenyusun},
      {"verify", "diajukan", "diverifikasi", Role::kVerifikator},
      {"request-changes", "diajukan", "konsep", Role::kVerifikator},
      {"request-changes", "diverifikasi", "konsep", Role::kVerifikator},
      {"request-changes", "diverifikasi", "konsep", Role::kPengesah},
      {"ratify", "diverifikasi", "berlaku", Role::kPengesah},
      {"revise", "berlaku", "konsep", Role::kPenyusun},
      {"withdraw", "berlaku", "dicabut", Role::kPengesah},
      {"supersede", "berlaku", "digantikan", Role::kPengesah},
  };
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

}  // namespace sopan::domain
