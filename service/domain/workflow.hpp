#pragma once
/// The life cycle of a SOP (DESIGN §3, DOMAIN §1.4–1.5) as data: which action moves a document
/// from which state to which, and which role may take it. One table; the API, the tests and the
/// screens all read it.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/access.hpp"

namespace sopan::domain {

struct Transition {
  std::string_view action;  // as in the URL: submit, verify, request-changes, ratify, ...
  std::string_view from;    // state the document's open draft (or the document) is in
  std::string_view to;      // state after the action ("" = back to what is in force, if any)
  Role role;                // who may take it (within their unit subtree)
};

/// Every transition, in the order a document usually travels.
const std::vector<Transition>& transitions();

/// The transition for `action` from `state`, or nullopt when the action is not allowed there.
std::optional<Transition> transition(std::string_view state, std::string_view action);
/// The actions allowed from `state` (any role), for the 409 answer and the screens.
std::vector<std::string_view> allowed_actions(std::string_view state);
/// The actions `principal` may take on a document in `state` belonging to `unit`: the state allows
/// them and the principal holds their role over the unit.
std::vector<std::string_view> actions_of(const Principal& principal, std::string_view state,
                                         const std::string& unit, const OrgTree& org);

}  // namespace sopan::domain
