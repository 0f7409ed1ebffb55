#include "domain/map.hpp"

#include <boost/json/array.hpp>

#include "common/json.hpp"

namespace sopan::domain {
namespace json = boost::json;

namespace {

using json_util::object_field;
using json_util::text_field;

/// The objects of array `key` (anything else in it is skipped).
std::vector<const json::object*> objects(const json::object& o, std::string_view key) {
  std::vector<const json::object*> out;
  if (const json::value* v = o.if_contains(key); v && v->is_array())
    for (const auto& item : v->get_array())
      if (const json::object* io = item.if_object()) out.push_back(io);
  return out;
}

std::vector<std::string> strings(const json::object& o, std::string_view key) {
  std::vector<std::string> out;
  if (const json::value* v = o.if_contains(key); v && v->is_array())
    for (const auto& item : v->get_array())
      if (item.is_string()) out.emplace_back(item.get_string());
  return out;
}

double number_at(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (!v) return 0;
  if (v->is_double()) return v->get_double();
  if (v->is_int64()) return static_cast<double>(v->get_int64());
  if (v->is_uint64()) return static_cast<double>(v->get_uint64());
  return 0;
}

Bounds bounds_of(const json::object& o) {
  Bounds b;
  b.set = o.contains("x") && o.contains("y") && o.contains("width") && o.contains("height");
  if (b.set) {
    b.x = number_at(o, "x");
    b.y = number_at(o, "y");
    b.width = number_at(o, "width");
    b.height = number_at(o, "height");
  }
  return b;
}

void put(json::object& o, std::string_view key, const std::string& value) {
  if (!value.empty()) o[key] = value;
}

void put(json::object& o, std::string_view key, const std::vector<std::string>& values) {
  if (values.empty()) return;
  json::array a;
  for (const auto& v : values) a.emplace_back(v);
  o[key] = std::move(a);
}

/// Whole numbers stay integers in the JSON, so a round trip through BPMN writes them back alike.
json::value coordinate(double v) {
  const auto whole = static_cast<std::int64_t>(v);
  if (static_cast<double>(whole) == v) return whole;
  return v;
}

void put(json::object& o, const Bounds& b) {
  if (!b.set) return;
  o["x"] = coordinate(b.x);
  o["y"] = coordinate(b.y);
  o["width"] = coordinate(b.width);
  o["height"] = coordinate(b.height);
}

template <class T>
const T* find_by_id(const std::vector<T>& items, std::string_view id) {
  for (const auto& item : items)
    if (item.id == id) return &item;
  return nullptr;
}

}  // namespace

ProcessMap ProcessMap::from_json(const json::value& v) {
  ProcessMap m;
  const json::object* o = v.if_object();
  if (!o) return m;
  m.type = text_field(*o, "type");
  if (const json::value* level = o->if_contains("level"); level && level->is_int64())
    m.level = static_cast<int>(level->get_int64());
  m.number = text_field(*o, "number");
  m.title = text_field(*o, "title");
  m.unit = text_field(*o, "unit");
  m.description = text_field(*o, "description");
  if (const json::object* p = object_field(*o, "parent")) {
    m.parent_map = text_field(*p, "map");
    m.parent_process = text_field(*p, "process");
  }
  if (const json::object* d = object_field(*o, "dates")) {
    m.created = text_field(*d, "created");
    m.effective = text_field(*d, "effective");
  }
  if (const json::object* r = object_field(*o, "ratified_by")) {
    m.ratified_position = text_field(*r, "position");
    m.ratified_name = text_field(*r, "name");
    m.ratified_nip = text_field(*r, "nip");
  }
  m.stakeholders = strings(*o, "stakeholders");
  m.inputs = strings(*o, "inputs");
  m.outputs = strings(*o, "outputs");
  m.outcomes = strings(*o, "outcomes");
  for (const json::object* p : objects(*o, "processes"))
    m.processes.push_back({text_field(*p, "id"), text_field(*p, "code"), text_field(*p, "name"),
                           text_field(*p, "category"), text_field(*p, "unit")});
  for (const json::object* l : objects(*o, "lanes"))
    m.lanes.push_back({text_field(*l, "id"), text_field(*l, "name"), text_field(*l, "unit"),
                       text_field(*l, "position"), bounds_of(*l)});
  for (const json::object* n : objects(*o, "nodes"))
    m.nodes.push_back({text_field(*n, "id"), text_field(*n, "type"), text_field(*n, "name"),
                       text_field(*n, "lane"), strings(*n, "sops"), text_field(*n, "map"),
                       bounds_of(*n)});
  for (const json::object* f : objects(*o, "flows")) {
    MapFlow flow{text_field(*f, "id"),
                 text_field(*f, "from"),
                 text_field(*f, "to"),
                 text_field(*f, "name"),
                 {}};
    for (const json::object* p : objects(*f, "waypoints"))
      flow.waypoints.push_back({number_at(*p, "x"), number_at(*p, "y")});
    m.flows.push_back(std::move(flow));
  }
  return m;
}

json::object ProcessMap::to_json() const {
  json::object o;
  put(o, "type", type);
  o["level"] = level;
  put(o, "number", number);
  put(o, "title", title);
  put(o, "unit", unit);
  put(o, "description", description);
  if (!parent_map.empty() || !parent_process.empty()) {
    json::object p;
    put(p, "map", parent_map);
    put(p, "process", parent_process);
    o["parent"] = std::move(p);
  }
  if (!created.empty() || !effective.empty()) {
    json::object d;
    put(d, "created", created);
    put(d, "effective", effective);
    o["dates"] = std::move(d);
  }
  if (!ratified_name.empty() || !ratified_nip.empty() || !ratified_position.empty()) {
    json::object r;
    put(r, "position", ratified_position);
    put(r, "name", ratified_name);
    put(r, "nip", ratified_nip);
    o["ratified_by"] = std::move(r);
  }
  put(o, "stakeholders", stakeholders);
  put(o, "inputs", inputs);
  put(o, "outputs", outputs);
  put(o, "outcomes", outcomes);
  if (!processes.empty()) {
    json::array a;
    for (const auto& p : processes) {
      json::object po{{"id", p.id}};
      put(po, "code", p.code);
      put(po, "name", p.name);
      put(po, "category", p.category);
      put(po, "unit", p.unit);
      a.push_back(std::move(po));
    }
    o["processes"] = std::move(a);
  }
  if (!lanes.empty()) {
    json::array a;
    for (const auto& l : lanes) {
      json::object lo{{"id", l.id}};
      put(lo, "name", l.name);
      put(lo, "unit", l.unit);
      put(lo, "position", l.position);
      put(lo, l.bounds);
      a.push_back(std::move(lo));
    }
    o["lanes"] = std::move(a);
  }
  if (!nodes.empty()) {
    json::array a;
    for (const auto& n : nodes) {
      json::object no{{"id", n.id}, {"type", n.type}};
      put(no, "name", n.name);
      put(no, "lane", n.lane);
      put(no, "sops", n.sops);
      put(no, "map", n.map);
      put(no, n.bounds);
      a.push_back(std::move(no));
    }
    o["nodes"] = std::move(a);
  }
  if (!flows.empty()) {
    json::array a;
    for (const auto& f : flows) {
      json::object fo{{"id", f.id}};
      put(fo, "from", f.from);
      put(fo, "to", f.to);
      put(fo, "name", f.name);
      if (!f.waypoints.empty()) {
        json::array w;
        for (const auto& p : f.waypoints)
          w.push_back(json::object{{"x", coordinate(p.x)}, {"y", coordinate(p.y)}});
        fo["waypoints"] = std::move(w);
      }
      a.push_back(std::move(fo));
    }
    o["flows"] = std::move(a);
  }
  return o;
}

const MapProcess* ProcessMap::process(std::string_view id) const {
  return find_by_id(processes, id);
}
const MapLane* ProcessMap::lane(std::string_view id) const { return find_by_id(lanes, id); }
const MapNode* ProcessMap::node(std::string_view id) const { return find_by_id(nodes, id); }

}  // namespace sopan::domain
