#include "domain/map_diff.hpp"

#include <algorithm>
#include <array>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <map>
#include <span>

namespace sopan::domain {
namespace json = boost::json;

namespace {

/// What an id in a field stands for, so the diff can carry the name a reader sees.
enum class Ref { kNone, kUnit, kPosition, kLane, kNode };

struct FieldSpec {
  std::string_view key, label;
  Ref ref = Ref::kNone;
};

// The document members a map has besides its elements, in the schema's order, with labels (the
// schema's titles) for the dotted names the SOP diff gives the members of its objects.
constexpr std::array<FieldSpec, 17> kDocumentFields = {{
    {"type", "Jenis peta"},
    {"level", "Level"},
    {"number", "Kode peta"},
    {"title", "Nama peta"},
    {"unit", "Unit pemilik", Ref::kUnit},
    {"description", "Uraian"},
    {"parent.map", "Peta induk"},
    {"parent.process", "Proses induk"},
    {"dates.created", "Tanggal Pembuatan"},
    {"dates.effective", "Tanggal Efektif"},
    {"ratified_by.position", "Jabatan pengesah"},
    {"ratified_by.name", "Nama pengesah"},
    {"ratified_by.nip", "NIP pengesah"},
    {"stakeholders", "Pemangku kepentingan"},
    {"inputs", "Masukan"},
    {"outputs", "Keluaran"},
    {"outcomes", "Hasil"},
}};

constexpr std::array<FieldSpec, 4> kProcessFields = {{{"code", "Kode proses"},
                                                      {"name", "Nama proses"},
                                                      {"category", "Kategori"},
                                                      {"unit", "Unit pemilik proses", Ref::kUnit}}};
constexpr std::array<FieldSpec, 3> kLaneFields = {{{"name", "Nama lajur"},
                                                   {"unit", "Unit", Ref::kUnit},
                                                   {"position", "Jabatan", Ref::kPosition}}};
constexpr std::array<FieldSpec, 5> kNodeFields = {{{"type", "Jenis"},
                                                   {"name", "Nama"},
                                                   {"lane", "Lajur", Ref::kLane},
                                                   {"sops", "SOP yang merinci"},
                                                   {"map", "Peta yang merinci"}}};
constexpr std::array<FieldSpec, 3> kFlowFields = {
    {{"from", "Dari", Ref::kNode}, {"to", "Ke", Ref::kNode}, {"name", "Label"}}};

// Where an element is drawn: a change here alone is a move, not an edit a reviewer reads.
constexpr std::array<std::string_view, 5> kGeometry = {"x", "y", "width", "height", "waypoints"};

struct CollectionSpec {
  std::string_view key;
  std::span<const FieldSpec> fields;
};
constexpr std::array<CollectionSpec, 4> kCollections = {{{"processes", kProcessFields},
                                                         {"lanes", kLaneFields},
                                                         {"nodes", kNodeFields},
                                                         {"flows", kFlowFields}}};

const json::object& object_of(const json::value& v) {
  static const json::object kEmpty;
  const json::object* o = v.if_object();
  return o ? *o : kEmpty;
}

/// Member `key`, null when absent or empty ("" and [] mean "not filled in", as in the SOP diff).
json::value member(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (!v) return nullptr;
  if (const auto* s = v->if_string(); s && s->empty()) return nullptr;
  if (const auto* a = v->if_array(); a && a->empty()) return nullptr;
  return *v;
}

std::string text(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  const json::string* s = v ? v->if_string() : nullptr;
  return s ? std::string(*s) : std::string();
}

std::string_view label_of(std::string_view field) {
  for (const auto& f : kDocumentFields)
    if (f.key == field) return f.label;
  return field;
}

std::size_t rank_of(std::string_view field) {
  for (std::size_t i = 0; i < kDocumentFields.size(); ++i)
    if (kDocumentFields[i].key == field) return i;
  return kDocumentFields.size();
}

/// The document without its elements and anything a map does not have: the part the SOP diff's
/// member-by-member comparison serves as it is.
json::object document_part(const json::value& v) {
  json::object out;
  for (const auto& m : object_of(v)) {
    std::string_view key = m.key();
    const bool known = std::any_of(kDocumentFields.begin(), kDocumentFields.end(), [&](auto& f) {
      return f.key == key || f.key.substr(0, f.key.find('.')) == key;
    });
    if (known) out.emplace(key, m.value());
  }
  return out;
}

/// One version's elements of one collection, matched across versions by id and, for an id a
/// draft repeats, its occurrence.
struct Elements {
  std::vector<const json::object*> items;
  std::vector<std::pair<std::string, std::size_t>> keys;
  std::map<std::pair<std::string, std::size_t>, std::size_t> at;

  Elements(const json::object& doc, std::string_view collection) {
    std::map<std::string, std::size_t> seen;
    if (const json::value* a = doc.if_contains(collection); a && a->is_array())
      for (const auto& item : a->get_array()) {
        if (!item.is_object()) continue;
        items.push_back(&item.get_object());
        std::string id = text(*items.back(), "id");
        keys.emplace_back(id, seen[id]++);
        at.emplace(keys.back(), items.size() - 1);
      }
  }
};

/// One version of the map: its elements and the names of the ids its fields hold.
struct Version {
  const json::object& doc;
  std::vector<Elements> collections;
  std::map<std::string, std::string, std::less<>> lane_names, node_names;

  explicit Version(const json::value& v) : doc(object_of(v)) {
    for (const auto& c : kCollections) collections.emplace_back(doc, c.key);
    // Flows of a decomposition map run between processes, of a cross-functional one between
    // nodes: one table of names serves both.
    for (const auto* c : {&collections[0], &collections[2]})
      for (const json::object* o : c->items) node_names.emplace(text(*o, "id"), text(*o, "name"));
    for (const json::object* o : collections[1].items)
      lane_names.emplace(text(*o, "id"), text(*o, "name"));
  }

  std::string name_of(Ref ref, const json::value& v, const DiffNames& names) const {
    const json::string* s = v.if_string();
    if (!s) return {};
    auto in = [&](const std::map<std::string, std::string, std::less<>>& table) {
      auto it = table.find(std::string_view(*s));
      return it == table.end() ? std::string() : it->second;
    };
    switch (ref) {
      case Ref::kUnit:
        return names.unit ? names.unit(*s) : "";
      case Ref::kPosition:
        return names.position ? names.position(*s) : "";
      case Ref::kLane:
        return in(lane_names);
      case Ref::kNode:
        return in(node_names);
      case Ref::kNone:
        break;
    }
    return {};
  }
};

json::value change_json(const FieldChange& c, std::string_view label) {
  json::object o{{"field", c.field}, {"label", label}, {"from", c.before}, {"to", c.after}};
  if (!c.before_name.empty() || !c.after_name.empty()) {
    o["from_name"] = c.before_name;
    o["to_name"] = c.after_name;
  }
  return o;
}

std::string path_of(std::string_view field) {
  std::string path = "/" + std::string(field);
  std::replace(path.begin(), path.end(), '.', '/');
  return path;
}

struct Counts {
  std::size_t added = 0, removed = 0, changed = 0;
};

json::object element_json(const CollectionSpec& c, const json::object& o, std::string_view change) {
  std::string type = text(o, c.key == "nodes" ? "type" : c.key == "processes" ? "category" : "");
  return json::object{{"id", text(o, "id")},
                      {"collection", c.key},
                      {"change", change},
                      {"name", text(o, "name")},
                      {"type", type}};
}

/// The changes of one element: its fields in the spec's order, then members the spec does not
/// know; geometry only sets `moved`.
json::array element_changes(const CollectionSpec& c, const Version& a, const json::object& before,
                            const Version& b, const json::object& after, const DiffNames& names,
                            bool& moved) {
  json::array out;
  std::vector<std::string_view> keys;
  for (const auto& f : c.fields) keys.push_back(f.key);
  for (const json::object* o : {&before, &after})
    for (const auto& m : *o)
      if (std::find(keys.begin(), keys.end(), m.key()) == keys.end() && m.key() != "id")
        keys.push_back(m.key());
  for (std::string_view key : keys) {
    json::value from = member(before, key), to = member(after, key);
    if (from == to) continue;
    if (std::find(kGeometry.begin(), kGeometry.end(), key) != kGeometry.end()) {
      moved = true;
      continue;
    }
    auto spec = std::find_if(c.fields.begin(), c.fields.end(),
                             [&](const FieldSpec& f) { return f.key == key; });
    const Ref ref = spec == c.fields.end() ? Ref::kNone : spec->ref;
    FieldChange change{std::string(key), std::move(from), std::move(to), {}, {}, 0, 0};
    change.before_name = a.name_of(ref, change.before, names);
    change.after_name = b.name_of(ref, change.after, names);
    out.push_back(change_json(change, spec == c.fields.end() ? key : spec->label));
  }
  return out;
}

void collection_changes(std::size_t k, const Version& a, const Version& b, const DiffNames& names,
                        json::array& out, Counts& counts) {
  const CollectionSpec& c = kCollections[k];
  const Elements &old_items = a.collections[k], &new_items = b.collections[k];
  for (std::size_t j = 0; j < new_items.items.size(); ++j) {
    const json::object& after = *new_items.items[j];
    auto it = old_items.at.find(new_items.keys[j]);
    if (it == old_items.at.end()) {
      json::object e = element_json(c, after, "added");
      e["fields"] = json::array();
      e["element"] = after;
      out.push_back(std::move(e));
      ++counts.added;
      continue;
    }
    bool moved = false;
    json::array fields =
        element_changes(c, a, *old_items.items[it->second], b, after, names, moved);
    if (fields.empty() && !moved) continue;
    json::object e = element_json(c, after, "changed");
    e["fields"] = std::move(fields);
    if (moved) e["moved"] = true;
    out.push_back(std::move(e));
    ++counts.changed;
  }
  for (std::size_t i = 0; i < old_items.items.size(); ++i) {
    if (new_items.at.count(old_items.keys[i])) continue;
    json::object e = element_json(c, *old_items.items[i], "removed");
    e["fields"] = json::array();
    e["element"] = *old_items.items[i];
    out.push_back(std::move(e));
    ++counts.removed;
  }
}

}  // namespace

json::value diff_maps(const json::value& from, const json::value& to, const DiffNames& names) {
  // The document's own members: the SOP diff compares any document's members (objects member
  // by member, lists as added and removed items); the elements are matched by id below.
  const SopDiff doc = diff_sops(document_part(from), document_part(to), names);
  std::vector<const FieldChange*> fields;
  for (const auto& f : doc.fields) fields.push_back(&f);
  std::stable_sort(fields.begin(), fields.end(), [](const FieldChange* x, const FieldChange* y) {
    return rank_of(x->field) < rank_of(y->field);
  });
  json::array field_json, list_json;
  for (const FieldChange* f : fields) {
    json::object o = change_json(*f, label_of(f->field)).as_object();
    o.emplace("path", path_of(f->field));
    field_json.push_back(std::move(o));
  }
  std::vector<const ListChange*> lists;
  for (const auto& l : doc.lists) lists.push_back(&l);
  std::stable_sort(lists.begin(), lists.end(), [](const ListChange* x, const ListChange* y) {
    return rank_of(x->field) < rank_of(y->field);
  });
  for (const ListChange* l : lists)
    list_json.push_back(json::object{{"path", path_of(l->field)},
                                     {"field", l->field},
                                     {"label", label_of(l->field)},
                                     {"added", l->added},
                                     {"removed", l->removed}});

  const Version a(from), b(to);
  json::array elements;
  Counts counts;
  for (std::size_t k = 0; k < kCollections.size(); ++k)
    collection_changes(k, a, b, names, elements, counts);
  const bool empty = field_json.empty() && list_json.empty() && elements.empty();
  return json::object{{"empty", empty},
                      {"fields", std::move(field_json)},
                      {"lists", std::move(list_json)},
                      {"elements", std::move(elements)},
                      {"summary", json::object{{"added", counts.added},
                                               {"removed", counts.removed},
                                               {"changed", counts.changed}}}};
}

}  // namespace sopan::domain
