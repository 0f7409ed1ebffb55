#pragma once
/// The structural diff of two SOP documents (JSON valid against sop.schema.json), as a reviewer
/// reads it: steps and actors matched by their id, not by position, so inserting a step shows one
/// added step and no renumbering; document fields member by member; lists of strings as added and
/// removed items. Ids that stand for something (unit, position, actor, step) come with what a
/// reader sees for them: a name or a step's display number. Pure; malformed members count as
/// empty.
#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace sopan::domain {

/// Names for the ids a SOP holds. Either may be empty, and either may answer "" for an id it does
/// not know (the id is still in the diff).
struct DiffNames {
  std::function<std::string(std::string_view position_id)> position;
  std::function<std::string(std::string_view unit_id)> unit;
};

/// One field's old and new value; null means absent or empty. `field` is the member name, dotted
/// below a document object ("dates.created", "classification.nature"). For `unit` and a step's
/// `actor` the names are set; for a step's `next` the display numbers (0 = not a step of that
/// version); a decision's `exits` carry each target's number as `no`.
struct FieldChange {
  std::string field;
  boost::json::value before, after;
  std::string before_name, after_name;
  std::size_t before_no = 0, after_no = 0;

  boost::json::value to_json() const;
};

/// A list of the document (legal_basis, records, related, ...): the items only in the new version
/// and those only in the old one. Order changes alone are not listed.
struct ListChange {
  std::string field;
  boost::json::array added, removed;
};

struct ActorEntry {
  std::string id, position, external;
  std::string name;  // the position's title, or the outside party

  boost::json::value to_json() const;
};

struct ActorChange {
  ActorEntry before, after;
};

/// A step as it stands in one version: `no` is its display number there (1-based position).
struct StepEntry {
  std::string id;
  std::size_t no = 0;
  boost::json::value step;  // the step object as stored
  std::string actor_name;
};

/// A step whose place in the order changed (not a shift from steps added or removed around it).
struct StepMove {
  std::string id;
  std::size_t from = 0, to = 0;  // display numbers in the old and the new version
  std::string activity;
};

struct StepChange {
  std::string id;
  std::size_t no = 0;  // in the new version
  std::string activity;
  std::vector<FieldChange> changes;
};

struct SopDiff {
  std::vector<FieldChange> fields;  // document fields, in the schema's order
  std::vector<ListChange> lists;
  std::vector<ActorEntry> actors_added, actors_removed;
  std::vector<ActorChange> actors_changed;
  std::vector<StepEntry> steps_added, steps_removed;  // in new and old order
  std::vector<StepMove> steps_moved;                  // in new order
  std::vector<StepChange> steps_changed;              // in new order; a moved step may be here too

  bool empty() const;
  /// {"empty", "fields", "lists", "actors": {"added","removed","changed"},
  ///  "steps": {"added","removed","moved","changed"}}.
  boost::json::value to_json() const;
};

/// What changed from `before` to `after`. Steps and actors are matched by id (a repeated id by
/// its occurrence); a step counts as moved when it leaves the longest run of steps that kept
/// their order.
SopDiff diff_sops(const boost::json::value& before, const boost::json::value& after,
                  const DiffNames& names);

}  // namespace sopan::domain
