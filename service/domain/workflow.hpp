#pragma once
/// The life cycle of a document (DESIGN §3, DOMAIN §1.4–1.5) as data, for every document kind:
/// the states, every action a commit can carry (which ref it lands on, the status it leaves,
/// whether it signs) and which action moves a document from which state, by which role. One
/// table: the library's `act`, the indexer, the task list, the API (`GET /api/v1/workflow`) and
/// through it the screens all read it.
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/access.hpp"

namespace sopan::domain {

/// A document state, as stored in the index and shown on screen.
struct State {
  std::string_view code;   // konsep, diajukan, ...
  std::string_view label;  // Indonesian
  bool drafting = false;   // a draft is open (a version in force may exist beside it)
  bool shown_only =
      false;  // never stored: derived when read (disahkan = ratified, not yet in force)
};
const std::vector<State>& states();
const State* state(std::string_view code);

/// What an action's commit does to the record; the indexer's checks follow from it.
enum class Effect {
  kCreate,    // the first draft commit of a new document (version 1)
  kEdit,      // new content on the draft (opens one on a document in force)
  kReview,    // a step on the open draft that keeps its content
  kMerge,     // the open draft into main: the version goes in force
  kMainStep,  // a step on main that keeps the content in force
  kDiscard,   // ends the open draft off main
  kComment,   // a review comment on the open draft (no version)
  kRecord,    // a monitoring or evaluation record on main (no version)
};

/// Where an action's commit lands: the draft ref, main, or an archive ref of its own.
enum class Line { kDraft, kMain, kArchive };

struct Action {
  std::string_view name;  // the Sopan-Action trailer and the URL's {action}
  Effect effect;
  Line line;
  /// The status the document has after it ("" = unchanged). kDiscard: back to "berlaku" when a
  /// version is in force, else this.
  std::string_view status;
  bool signs = false;      // its commit carries a Sopan-Signature naming the actor
  bool workflow = false;   // taken through POST …/actions/{name}
  std::string_view label;  // Indonesian, for history rows
  /// Separation of duties: whoever wrote a version of the open draft may not take it.
  bool independent = false;
  /// A signing action: the meaning its signature states, and whether the signer re-enters the
  /// password (an electronic signature) or the session attests it.
  std::string_view meaning = {};
  bool password = false;
  /// Non-empty: only whoever took the open draft's newest step of this action may take this one
  /// (a submission is recalled by its submitter, no one else).
  std::string_view takes_back = {};
};
/// Every action, in the order a document usually travels.
const std::vector<Action>& actions();
/// nullptr for an action Sopan does not know.
const Action* action(std::string_view name);

struct Transition {
  std::string_view action;  // a workflow action
  std::string_view from;    // the state it is allowed in
  std::string_view to;      // the state after it (the action's status)
  Role role;                // who may take it (within their unit subtree)
  /// Non-empty: a document in `from` is a task for holders of `role` (the task list's heading).
  std::string_view task = {};
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

/// The whole table as served at GET /api/v1/workflow.
boost::json::object workflow_json();

}  // namespace sopan::domain
