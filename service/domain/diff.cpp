#include "domain/diff.hpp"

#include <algorithm>
#include <array>
#include <boost/json/object.hpp>
#include <map>
#include <optional>
#include <span>
#include <utility>

namespace sopan::domain {
namespace json = boost::json;

namespace {

// The schema's order, so the screen reads the document top to bottom; members the schema does
// not know follow.
constexpr std::array<std::string_view, 14> kDocumentOrder = {
    "number",      "title",       "unit",           "classification", "dates",
    "ratified_by", "legal_basis", "qualifications", "related",        "equipment",
    "warning",     "records",     "actors",         "steps"};
constexpr std::array<std::string_view, 10> kStepOrder = {
    "id",       "symbol", "activity", "actor", "requirements",
    "duration", "output", "notes",    "next",  "exits"};

const json::object& object_of(const json::value& v) {
  static const json::object kEmpty;
  const json::object* o = v.if_object();
  return o ? *o : kEmpty;
}

bool is_empty(const json::value& v) {
  if (v.is_null()) return true;
  if (const auto* s = v.if_string()) return s->empty();
  if (const auto* a = v.if_array()) return a->empty();
  if (const auto* o = v.if_object()) return o->empty();
  return false;
}

/// The member `key` of `o`, null when absent or empty ("" and [] mean "not filled in").
json::value member(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v && !is_empty(*v) ? *v : json::value(nullptr);
}

std::string text(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  const json::string* s = v ? v->if_string() : nullptr;
  return s ? std::string(*s) : std::string();
}

/// The members of `a` and `b` in `order` first, then the others as they come (a's, then b's).
std::vector<std::string> member_names(std::span<const std::string_view> order,
                                      const json::object& a, const json::object& b) {
  std::vector<std::string> names(order.begin(), order.end());
  for (const json::object* o : {&a, &b})
    for (const auto& m : *o)
      if (std::find(names.begin(), names.end(), m.key()) == names.end())
        names.emplace_back(m.key());
  return names;
}

FieldChange field_change(std::string field, json::value before, json::value after) {
  FieldChange c;
  c.field = std::move(field);
  c.before = std::move(before);
  c.after = std::move(after);
  return c;
}

/// Items are matched (equal values, each used once) across the two lists; order does not count.
std::optional<ListChange> list_change(std::string field, const json::value& a,
                                      const json::value& b) {
  static const json::array kNone;
  const json::array& before = a.is_array() ? a.get_array() : kNone;
  const json::array& after = b.is_array() ? b.get_array() : kNone;
  ListChange change{std::move(field), {}, {}};
  std::vector<bool> used(before.size(), false);
  for (const auto& item : after) {
    std::size_t i = 0;
    while (i < before.size() && (used[i] || before[i] != item)) ++i;
    if (i < before.size())
      used[i] = true;
    else
      change.added.push_back(item);
  }
  for (std::size_t i = 0; i < before.size(); ++i)
    if (!used[i]) change.removed.push_back(before[i]);
  if (change.added.empty() && change.removed.empty()) return std::nullopt;
  return change;
}

/// Keys that match elements across versions: the id, and for a repeated id its occurrence (a
/// draft may hold duplicates until it is submitted).
using Key = std::pair<std::string, std::size_t>;

std::vector<Key> keys_of(const std::vector<std::string>& ids) {
  std::map<std::string, std::size_t> seen;
  std::vector<Key> keys;
  for (const auto& id : ids) keys.emplace_back(id, seen[id]++);
  return keys;
}

/// One version of the document, with its lookups.
struct Version {
  const json::object& doc;
  std::vector<const json::object*> steps;
  std::vector<ActorEntry> actors;
  std::vector<Key> step_keys, actor_keys;
  std::map<Key, std::size_t> step_at, actor_at;
  std::map<std::string, std::size_t, std::less<>> first_step;  // id → index, for references

  Version(const json::value& v, const DiffNames& names) : doc(object_of(v)) {
    std::vector<std::string> step_ids, actor_ids;
    if (const auto* a = doc.if_contains("steps"); a && a->is_array())
      for (const auto& s : a->get_array()) {
        steps.push_back(&object_of(s));
        step_ids.push_back(text(*steps.back(), "id"));
        first_step.emplace(step_ids.back(), steps.size() - 1);
      }
    if (const auto* a = doc.if_contains("actors"); a && a->is_array())
      for (const auto& item : a->get_array()) {
        const json::object& o = object_of(item);
        ActorEntry e{text(o, "id"), text(o, "position"), text(o, "external"), {}};
        if (!e.external.empty())
          e.name = e.external;
        else if (!e.position.empty() && names.position)
          e.name = names.position(e.position);
        actors.push_back(std::move(e));
        actor_ids.push_back(actors.back().id);
      }
    step_keys = keys_of(step_ids);
    for (std::size_t i = 0; i < step_keys.size(); ++i) step_at.emplace(step_keys[i], i);
    actor_keys = keys_of(actor_ids);
    for (std::size_t i = 0; i < actor_keys.size(); ++i) actor_at.emplace(actor_keys[i], i);
  }

  std::string actor_name(std::string_view id) const {
    for (const auto& a : actors)
      if (a.id == id) return a.name;
    return {};
  }

  /// The display number of step `id` (0 when no step has it).
  std::size_t no_of(std::string_view id) const {
    auto it = first_step.find(id);
    return it == first_step.end() ? 0 : it->second + 1;
  }

  /// `exits` with each target's display number beside it.
  json::value numbered_exits(const json::value& exits) const {
    if (!exits.is_array()) return exits;
    json::array out;
    for (const auto& e : exits.get_array()) {
      json::object o = object_of(e);
      o["no"] = no_of(text(o, "to"));
      out.push_back(std::move(o));
    }
    return out;
  }
};

/// The members of the document objects `a` and `b` (classification, dates, ratified_by), each as
/// "parent.member".
void object_changes(const std::string& parent, const json::object& a, const json::object& b,
                    std::vector<FieldChange>& out) {
  for (const auto& name : member_names({}, a, b)) {
    json::value before = member(a, name), after = member(b, name);
    if (before != after)
      out.push_back(field_change(parent + "." + name, std::move(before), std::move(after)));
  }
}

void document_changes(const Version& a, const Version& b, const DiffNames& names, SopDiff& d) {
  for (const auto& name : member_names(kDocumentOrder, a.doc, b.doc)) {
    if (name == "actors" || name == "steps") continue;
    json::value before = member(a.doc, name), after = member(b.doc, name);
    if (before == after) continue;
    const bool lists =
        (before.is_array() || before.is_null()) && (after.is_array() || after.is_null());
    const bool objects =
        (before.is_object() || before.is_null()) && (after.is_object() || after.is_null());
    if (lists) {
      if (auto c = list_change(name, before, after)) d.lists.push_back(std::move(*c));
    } else if (objects) {
      object_changes(name, object_of(before), object_of(after), d.fields);
    } else {
      FieldChange c = field_change(name, std::move(before), std::move(after));
      if (name == "unit" && names.unit) {
        if (c.before.is_string()) c.before_name = names.unit(c.before.get_string());
        if (c.after.is_string()) c.after_name = names.unit(c.after.get_string());
      }
      d.fields.push_back(std::move(c));
    }
  }
}

void actor_changes(const Version& a, const Version& b, SopDiff& d) {
  for (std::size_t i = 0; i < a.actors.size(); ++i)
    if (!b.actor_at.count(a.actor_keys[i])) d.actors_removed.push_back(a.actors[i]);
  for (std::size_t j = 0; j < b.actors.size(); ++j) {
    auto it = a.actor_at.find(b.actor_keys[j]);
    if (it == a.actor_at.end()) {
      d.actors_added.push_back(b.actors[j]);
      continue;
    }
    const ActorEntry &before = a.actors[it->second], &after = b.actors[j];
    if (before.position != after.position || before.external != after.external)
      d.actors_changed.push_back({before, after});
  }
}

std::vector<FieldChange> step_field_changes(const Version& a, const json::object& before_step,
                                            const Version& b, const json::object& after_step) {
  std::vector<FieldChange> out;
  for (const auto& name : member_names(kStepOrder, before_step, after_step)) {
    if (name == "id") continue;
    json::value before = member(before_step, name), after = member(after_step, name);
    if (before == after) continue;
    FieldChange c = field_change(name, std::move(before), std::move(after));
    auto id = [](const json::value& v) {
      return v.is_string() ? std::string_view(v.get_string()) : "";
    };
    if (name == "actor") {
      c.before_name = a.actor_name(id(c.before));
      c.after_name = b.actor_name(id(c.after));
    } else if (name == "next") {
      c.before_no = a.no_of(id(c.before));
      c.after_no = b.no_of(id(c.after));
    } else if (name == "exits") {
      c.before = a.numbered_exits(c.before);
      c.after = b.numbered_exits(c.after);
    }
    out.push_back(std::move(c));
  }
  return out;
}

/// Positions (into `seq`) of one longest increasing subsequence: the steps that kept their order.
std::vector<bool> longest_increasing(const std::vector<std::size_t>& seq) {
  std::vector<std::size_t> length(seq.size(), 1), prev(seq.size(), seq.size());
  std::size_t best = seq.size();
  for (std::size_t i = 0; i < seq.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j)
      if (seq[j] < seq[i] && length[j] + 1 > length[i]) {
        length[i] = length[j] + 1;
        prev[i] = j;
      }
    if (best == seq.size() || length[i] > length[best]) best = i;
  }
  std::vector<bool> kept(seq.size(), false);
  for (std::size_t i = best; i < seq.size(); i = prev[i]) kept[i] = true;
  return kept;
}

void step_changes(const Version& a, const Version& b, SopDiff& d) {
  const auto &old_keys = a.step_keys, &new_keys = b.step_keys;
  auto entry = [](const Version& v, std::size_t i) {
    const json::object& s = *v.steps[i];
    return StepEntry{text(s, "id"), i + 1, s, v.actor_name(text(s, "actor"))};
  };
  // The common steps in the old order, by their new index.
  std::vector<std::size_t> new_index;
  for (std::size_t i = 0; i < old_keys.size(); ++i) {
    auto it = b.step_at.find(old_keys[i]);
    if (it == b.step_at.end())
      d.steps_removed.push_back(entry(a, i));
    else
      new_index.push_back(it->second);
  }
  const std::vector<bool> kept = longest_increasing(new_index);
  std::vector<bool> moved(new_keys.size(), false);
  for (std::size_t k = 0; k < new_index.size(); ++k)
    if (!kept[k]) moved[new_index[k]] = true;

  for (std::size_t j = 0; j < new_keys.size(); ++j) {
    auto it = a.step_at.find(new_keys[j]);
    if (it == a.step_at.end()) {
      d.steps_added.push_back(entry(b, j));
      continue;
    }
    const std::string id = new_keys[j].first, activity = text(*b.steps[j], "activity");
    if (moved[j]) d.steps_moved.push_back({id, it->second + 1, j + 1, activity});
    auto changes = step_field_changes(a, *a.steps[it->second], b, *b.steps[j]);
    if (!changes.empty()) d.steps_changed.push_back({id, j + 1, activity, std::move(changes)});
  }
}

template <class T>
json::array array_of(const std::vector<T>& items) {
  json::array out;
  for (const auto& item : items) out.push_back(item.to_json());
  return out;
}

json::value step_entry_json(const StepEntry& s) {
  return json::object{{"id", s.id}, {"no", s.no}, {"step", s.step}, {"actor_name", s.actor_name}};
}

}  // namespace

json::value FieldChange::to_json() const {
  json::object o{{"field", field}, {"before", before}, {"after", after}};
  if (!before_name.empty() || !after_name.empty()) {
    o["before_name"] = before_name;
    o["after_name"] = after_name;
  }
  if (before_no || after_no) {
    o["before_no"] = before_no;
    o["after_no"] = after_no;
  }
  return o;
}

json::value ActorEntry::to_json() const {
  return json::object{{"id", id}, {"position", position}, {"external", external}, {"name", name}};
}

bool SopDiff::empty() const {
  return fields.empty() && lists.empty() && actors_added.empty() && actors_removed.empty() &&
         actors_changed.empty() && steps_added.empty() && steps_removed.empty() &&
         steps_moved.empty() && steps_changed.empty();
}

json::value SopDiff::to_json() const {
  json::array list_json, changed_actors, added, removed, moved, changed;
  for (const auto& l : lists)
    list_json.push_back(
        json::object{{"field", l.field}, {"added", l.added}, {"removed", l.removed}});
  for (const auto& c : actors_changed)
    changed_actors.push_back(json::object{
        {"id", c.after.id}, {"before", c.before.to_json()}, {"after", c.after.to_json()}});
  for (const auto& s : steps_added) added.push_back(step_entry_json(s));
  for (const auto& s : steps_removed) removed.push_back(step_entry_json(s));
  for (const auto& m : steps_moved)
    moved.push_back(
        json::object{{"id", m.id}, {"from", m.from}, {"to", m.to}, {"activity", m.activity}});
  for (const auto& c : steps_changed)
    changed.push_back(json::object{
        {"id", c.id}, {"no", c.no}, {"activity", c.activity}, {"changes", array_of(c.changes)}});
  return json::object{{"empty", empty()},
                      {"fields", array_of(fields)},
                      {"lists", std::move(list_json)},
                      {"actors", json::object{{"added", array_of(actors_added)},
                                              {"removed", array_of(actors_removed)},
                                              {"changed", std::move(changed_actors)}}},
                      {"steps", json::object{{"added", std::move(added)},
                                             {"removed", std::move(removed)},
                                             {"moved", std::move(moved)},
                                             {"changed", std::move(changed)}}}};
}

SopDiff diff_sops(const json::value& before, const json::value& after, const DiffNames& names) {
  const Version a(before, names), b(after, names);
  SopDiff d;
  document_changes(a, b, names, d);
  actor_changes(a, b, d);
  step_changes(a, b, d);
  return d;
}

}  // namespace sopan::domain
