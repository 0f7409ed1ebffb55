#include "domain/bpmn.hpp"

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <unordered_map>
#include <utility>

#include "common/text.hpp"
#include "common/xml.hpp"

namespace sopan::domain {

namespace {

constexpr std::string_view kModelNs = "http://www.omg.org/spec/BPMN/20100524/MODEL";
constexpr std::string_view kBpmnDiNs = "http://www.omg.org/spec/BPMN/20100524/DI";
constexpr std::string_view kDcNs = "http://www.omg.org/spec/DD/20100524/DC";
constexpr std::string_view kDiNs = "http://www.omg.org/spec/DD/20100524/DI";

// The schema's limits (schemas/map.schema.json), which an import must respect.
constexpr std::size_t kMaxLanes = 30, kMaxNodes = 300, kMaxFlows = 600, kMaxWaypoints = 50;
constexpr std::size_t kMaxSops = 10, kMaxRef = 64, kMaxName = 300, kMaxFlowName = 100;
constexpr double kMaxCoordinate = 100000;

// ---------------------------------------------------------------------------------------------
// Small text helpers.

bool ascii_alpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool ascii_digit(char c) { return c >= '0' && c <= '9'; }

/// The schema's element id pattern ^[A-Za-z_][A-Za-z0-9_-]{0,63}$.
bool is_element_id(std::string_view s) {
  if (s.empty() || s.size() > 64 || !(ascii_alpha(s[0]) || s[0] == '_')) return false;
  return std::all_of(s.begin() + 1, s.end(), [](char c) {
    return ascii_alpha(c) || ascii_digit(c) || c == '_' || c == '-';
  });
}

/// `s` made an element id: other characters become '_', a leading '_' when it does not start
/// with a letter, at most `max` bytes.
std::string sanitize_id(std::string_view s, std::size_t max) {
  std::string out;
  for (char c : s) {
    if (out.size() >= max) break;
    out += (ascii_alpha(c) || ascii_digit(c) || c == '_' || c == '-') ? c : '_';
  }
  if (out.empty() || !(ascii_alpha(out[0]) || out[0] == '_')) out.insert(0, "_");
  if (out.size() > max) out.resize(max);
  return out;
}

/// At most `max` code points of valid UTF-8 `s`.
std::string cut_chars(std::string_view s, std::size_t max) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && count++ == max)
      return std::string(s.substr(0, i));
  }
  return std::string(s);
}

/// One line: an attribute value's TAB, CR or LF would come back as a space after XML attribute
/// normalisation, and an import turns DEL into a space, so they are written as spaces and the
/// round trip stays byte-stable (xml_escape makes the other controls U+FFFD).
std::string one_line(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c == '\t' || c == '\n' || c == '\r' || c == 0x7F) c = ' ';
  return out;
}

/// Shortest fixed notation that reads back to the same double ("120", "12.5"); never
/// exponents, which some tools read badly.
std::string number(double v) {
  if (v == 0) v = 0;  // no "-0"
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
  return r.ec == std::errc() ? std::string(buf, r.ptr) : std::string("0");
}

std::optional<double> parse_number(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n'))
    s.remove_suffix(1);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  double v = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || r.ec != std::errc() || r.ptr != s.data() + s.size() || !std::isfinite(v))
    return std::nullopt;
  return v;
}

bool finite(const Bounds& b) {
  return std::isfinite(b.x) && std::isfinite(b.y) && std::isfinite(b.width) &&
         std::isfinite(b.height);
}

/// Within the schema's coordinate and extent ranges.
bool in_range(const Bounds& b) {
  return finite(b) && std::abs(b.x) <= kMaxCoordinate && std::abs(b.y) <= kMaxCoordinate &&
         b.width >= 0 && b.height >= 0 && b.width <= kMaxCoordinate && b.height <= kMaxCoordinate;
}

double clamp(double v) { return std::clamp(v, -kMaxCoordinate, kMaxCoordinate); }

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const auto& s : items) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The diagram both directions share: what is written, and what an import lays out.

enum class Kind { kStart, kEnd, kTask, kCall, kExclusive, kParallel };

struct Attr {
  std::string name;  // qualified: "sopan:sops", "calledElement"
  std::string value;
};

struct DLane {
  std::string id, name;
  std::vector<Attr> attrs;
  Bounds bounds;
};

struct DNode {
  std::string id, name, documentation;
  Kind kind = Kind::kTask;
  int lane = -1;  // index into lanes, -1: none
  std::vector<Attr> attrs;
  Bounds bounds;
  bool wide = false;  // laid out 120 × 90: a level map's process names are long
};

struct DFlow {
  std::string id, name, documentation;
  std::size_t from = 0, to = 0;  // node indices
  std::vector<MapPoint> waypoints;
  std::size_t source = 0;  // index of the map flow it was made from
};

struct Diagram {
  std::string doc;    // the document id made an id fragment
  std::string type;   // sopan:type, or ""
  std::string title;  // the participant's name
  std::vector<DLane> lanes;
  std::vector<DNode> nodes;
  std::vector<DFlow> flows;
  Bounds pool;  // the participant's shape
};

struct Size {
  double width, height;
};

// bpmn-js's default sizes, so a file opened there looks as if drawn there.
Size size_of(Kind k) {
  switch (k) {
    case Kind::kStart:
    case Kind::kEnd:
      return {36, 36};
    case Kind::kExclusive:
    case Kind::kParallel:
      return {50, 50};
    case Kind::kTask:
    case Kind::kCall:
      break;
  }
  return {100, 80};
}

std::string_view element_of(Kind k) {
  switch (k) {
    case Kind::kStart:
      return "startEvent";
    case Kind::kEnd:
      return "endEvent";
    case Kind::kTask:
      return "task";
    case Kind::kCall:
      return "callActivity";
    case Kind::kExclusive:
      return "exclusiveGateway";
    case Kind::kParallel:
      return "parallelGateway";
  }
  return "task";
}

// Auto-layout grid: the participant's label strip, a column per rank, a row per node sharing
// a lane and a column.
constexpr double kLeft = 160, kTop = 80, kStrip = 30, kPad = 20, kColumn = 150, kRow = 120;

/// Each node's column: its longest distance from a start along the flows, once the flows that
/// close a cycle (back edges of a depth-first search that begins at the start events, in map
/// order) are set aside. Iterative: a 300-node chain must not recurse 300 deep per call.
std::vector<int> columns(const Diagram& d) {
  const std::size_t n = d.nodes.size();
  std::vector<std::vector<std::size_t>> out(n);
  for (std::size_t i = 0; i < d.flows.size(); ++i) out[d.flows[i].from].push_back(i);
  std::vector<bool> back(d.flows.size(), false);
  std::vector<int> state(n, 0);  // 0 new, 1 on the stack, 2 done
  std::vector<std::size_t> post;
  std::vector<std::size_t> roots;
  for (std::size_t i = 0; i < n; ++i)
    if (d.nodes[i].kind == Kind::kStart) roots.push_back(i);
  for (std::size_t i = 0; i < n; ++i)
    if (d.nodes[i].kind != Kind::kStart) roots.push_back(i);
  std::vector<std::pair<std::size_t, std::size_t>> stack;
  for (std::size_t root : roots) {
    if (state[root] != 0) continue;
    state[root] = 1;
    stack.push_back({root, 0});
    while (!stack.empty()) {
      const std::size_t v = stack.back().first;
      if (stack.back().second < out[v].size()) {
        const std::size_t f = out[v][stack.back().second++];
        const std::size_t w = d.flows[f].to;
        if (state[w] == 1) {
          back[f] = true;
        } else if (state[w] == 0) {
          state[w] = 1;
          stack.push_back({w, 0});
        }
      } else {
        state[v] = 2;
        post.push_back(v);
        stack.pop_back();
      }
    }
  }
  std::vector<int> col(n, 0);
  for (auto it = post.rbegin(); it != post.rend(); ++it)
    for (std::size_t f : out[*it])
      if (!back[f]) col[d.flows[f].to] = std::max(col[d.flows[f].to], col[*it] + 1);
  return col;
}

/// The topmost y of the nodes (other than `from` and `to`) that a horizontal segment at `y`
/// from `x0` to `x1` would cross, if any.
std::optional<double> blocked(const Diagram& d, std::size_t from, std::size_t to, double y,
                              double x0, double x1) {
  std::optional<double> top;
  for (std::size_t i = 0; i < d.nodes.size(); ++i) {
    const Bounds& b = d.nodes[i].bounds;
    if (i == from || i == to || b.y > y || b.y + b.height < y || b.x > x1 || b.x + b.width < x0)
      continue;
    top = top ? std::min(*top, b.y) : b.y;
  }
  return top;
}

/// Straight or orthogonal waypoints from node `from` to node `to`: out of the right side into
/// the left one when the target lies to the right (over the top of anything in between on the
/// same row; turning down or up just before the target when it lies columns away, so the turn
/// misses the columns between), else out of the bottom or top, else back over the top.
std::vector<MapPoint> route(const Diagram& d, std::size_t from, std::size_t to) {
  const Bounds& s = d.nodes[from].bounds;
  const Bounds& t = d.nodes[to].bounds;
  const double sx = s.x + s.width / 2, sy = s.y + s.height / 2;
  const double tx = t.x + t.width / 2, ty = t.y + t.height / 2;
  const double s_right = s.x + s.width, s_bottom = s.y + s.height;
  std::vector<MapPoint> p;
  if (from == to) {
    p = {{s_right, sy}, {s_right + 30, sy}, {s_right + 30, s.y - 30}, {sx, s.y - 30}, {sx, s.y}};
  } else if (t.x >= s_right) {  // to the right
    if (sy == ty) {
      if (auto top = blocked(d, from, to, sy, s_right, t.x)) {
        const double y = std::min({s.y, t.y, *top}) - 10;
        p = {{sx, s.y}, {sx, y}, {tx, y}, {tx, t.y}};
      } else {
        p = {{s_right, sy}, {t.x, ty}};
      }
    } else {
      const double near = tx - kColumn / 2 + 10;
      const double mx = t.x - s_right > kColumn && near > s_right + 10 ? near : (s_right + t.x) / 2;
      p = {{s_right, sy}, {mx, sy}, {mx, ty}, {t.x, ty}};
    }
  } else if (t.y >= s_bottom) {  // below
    if (sx == tx) {
      p = {{sx, s_bottom}, {tx, t.y}};
    } else {
      const double my = (s_bottom + t.y) / 2;
      p = {{sx, s_bottom}, {sx, my}, {tx, my}, {tx, t.y}};
    }
  } else if (t.y + t.height <= s.y) {  // above
    const double t_bottom = t.y + t.height;
    if (sx == tx) {
      p = {{sx, s.y}, {tx, t_bottom}};
    } else {
      const double my = (s.y + t_bottom) / 2;
      p = {{sx, s.y}, {sx, my}, {tx, my}, {tx, t_bottom}};
    }
  } else {  // back to the left on the same row: over the top of both
    const double top = std::min(s.y, t.y) - 30;
    p = {{sx, s.y}, {sx, top}, {tx, top}, {tx, t.y}};
  }
  for (auto& point : p) point = {clamp(point.x), clamp(point.y)};
  return p;
}

void route_missing(Diagram& d, bool all) {
  for (auto& f : d.flows)
    if (all || f.waypoints.size() < 2) f.waypoints = route(d, f.from, f.to);
}

Bounds unite(const Bounds& a, const Bounds& b) {
  if (!a.set) return b;
  const double x = std::min(a.x, b.x), y = std::min(a.y, b.y);
  const double r = std::max(a.x + a.width, b.x + b.width);
  const double bottom = std::max(a.y + a.height, b.y + b.height);
  return {x, y, r - x, bottom - y, true};
}

bool inside(const Bounds& inner, const Bounds& outer) {
  return outer.set && inner.x >= outer.x && inner.y >= outer.y &&
         inner.x + inner.width <= outer.x + outer.width &&
         inner.y + inner.height <= outer.y + outer.height;
}

/// The participant: the lanes' box, grown to take in any node outside it (with a margin), and
/// its label strip on the left. Derived from the shapes alone, so a laid-out map and the same
/// map read back get the same participant.
void set_pool(Diagram& d) {
  Bounds box;
  for (const auto& l : d.lanes) box = unite(box, l.bounds);
  for (const auto& n : d.nodes)
    if (!inside(n.bounds, box))
      box = unite(box, {n.bounds.x - kPad, n.bounds.y - kPad, n.bounds.width + 2 * kPad,
                        n.bounds.height + 2 * kPad, true});
  if (!box.set) box = {kLeft + kStrip, kTop, 2 * kPad + kColumn, kRow, true};
  d.pool = {box.x - kStrip, box.y, box.width + kStrip, box.height, true};
}

/// Lanes stacked in order, nodes in lane rows by column; nodes without a lane in a row of
/// their own below the lanes (inside the participant, in no lane).
void auto_layout(Diagram& d) {
  const std::vector<int> col = columns(d);
  const int lanes = static_cast<int>(d.lanes.size());
  const bool loose = lanes == 0 || std::any_of(d.nodes.begin(), d.nodes.end(),
                                               [](const DNode& n) { return n.lane < 0; });
  const int groups = lanes + (loose ? 1 : 0);
  std::map<std::pair<int, int>, int> taken;
  std::vector<int> slot(d.nodes.size(), 0), rows(static_cast<std::size_t>(groups), 1);
  int ncols = 1;
  for (std::size_t i = 0; i < d.nodes.size(); ++i) {
    const int g = d.nodes[i].lane >= 0 ? d.nodes[i].lane : lanes;
    slot[i] = taken[{g, col[i]}]++;
    rows[static_cast<std::size_t>(g)] = std::max(rows[static_cast<std::size_t>(g)], slot[i] + 1);
    ncols = std::max(ncols, col[i] + 1);
  }
  const double width = 2 * kPad + ncols * kColumn;
  std::vector<double> top(static_cast<std::size_t>(groups));
  double y = kTop;
  for (std::size_t g = 0; g < top.size(); ++g) {
    top[g] = y;
    y += rows[g] * kRow;
  }
  for (std::size_t l = 0; l < d.lanes.size(); ++l)
    d.lanes[l].bounds = {kLeft + kStrip, top[l], width, rows[l] * kRow, true};
  for (std::size_t i = 0; i < d.nodes.size(); ++i) {
    auto& n = d.nodes[i];
    const auto g = static_cast<std::size_t>(n.lane >= 0 ? n.lane : lanes);
    const Size s = n.wide ? Size{120, 90} : size_of(n.kind);
    const double cx = kLeft + kStrip + kPad + col[i] * kColumn + kColumn / 2;
    const double cy = top[g] + slot[i] * kRow + kRow / 2;
    n.bounds = {cx - s.width / 2, cy - s.height / 2, s.width, s.height, true};
  }
  route_missing(d, true);
}

/// The map's own diagram when every lane and node has bounds (as bpmn-js writes it), else a
/// fresh layout of everything: mixing kept and new positions would overlap.
void lay_out(Diagram& d) {
  const bool all_set =
      !(d.lanes.empty() && d.nodes.empty()) &&
      std::all_of(d.lanes.begin(), d.lanes.end(), [](const DLane& l) { return l.bounds.set; }) &&
      std::all_of(d.nodes.begin(), d.nodes.end(), [](const DNode& n) { return n.bounds.set; });
  if (all_set) {
    route_missing(d, false);
  } else {
    auto_layout(d);
  }
  set_pool(d);
}

// ---------------------------------------------------------------------------------------------
// Ids.

/// Unique ids for `wanted` (one namespace: lanes, nodes and flows), none in `used`: a valid
/// element id keeps its first use; the others (invalid, or repeated) become the sanitised id,
/// or it with `sep` and a number when that is taken. Two passes, so a rewritten id never takes
/// a valid one that comes later.
std::vector<std::string> unique_ids(const std::vector<std::string>& wanted,
                                    std::set<std::string>& used, char sep, std::size_t max) {
  std::vector<std::string> out(wanted.size());
  std::vector<bool> done(wanted.size(), false);
  for (std::size_t i = 0; i < wanted.size(); ++i)
    if (is_element_id(wanted[i]) && wanted[i].size() <= max && used.insert(wanted[i]).second) {
      out[i] = wanted[i];
      done[i] = true;
    }
  for (std::size_t i = 0; i < wanted.size(); ++i) {
    if (done[i]) continue;
    const std::string base = sanitize_id(wanted[i].empty() ? "elemen" : wanted[i], max);
    std::string candidate = base;
    for (int k = 2; !used.insert(candidate).second; ++k) {
      const std::string suffix = sep + std::to_string(k);
      candidate = base.substr(0, std::min(base.size(), max - suffix.size())) + suffix;
    }
    out[i] = candidate;
  }
  return out;
}

/// The document id as an id fragment (ULIDs pass as they are).
std::string doc_fragment(std::string_view id) {
  std::string out;
  for (char c : id.substr(0, std::min<std::size_t>(id.size(), 64)))
    out += (ascii_alpha(c) || ascii_digit(c) || c == '_' || c == '-') ? c : '_';
  return out;
}

/// The ids the document itself uses; element ids must not take them. Element ids hold no '.',
/// so the ".di" shape ids and the '.'-suffixed ids of repeated elements never clash either.
std::set<std::string> document_ids(const std::string& doc) {
  return {"Definitions_" + doc, "Collaboration_" + doc, "Participant_" + doc, "Process_" + doc,
          "LaneSet_" + doc,     "BPMNDiagram_" + doc,   "BPMNPlane_" + doc};
}

// ---------------------------------------------------------------------------------------------
// Map → diagram.

Kind kind_of(std::string_view type) {
  if (type == kNodeStart) return Kind::kStart;
  if (type == kNodeEnd) return Kind::kEnd;
  if (type == kNodeSubProcess) return Kind::kCall;
  if (type == kNodeExclusive) return Kind::kExclusive;
  if (type == kNodeParallel) return Kind::kParallel;
  return Kind::kTask;
}

Bounds finite_or_unset(const Bounds& b) { return b.set && finite(b) ? b : Bounds{}; }

/// A cross-functional map as it is. A sub-process is written as a call activity (it calls the
/// map that details it): bpmnlint requires a start and an end event inside every
/// bpmn:subProcess, which a collapsed sub-process without content cannot have. Flows whose ends
/// are not nodes of the map cannot be written and are left out.
Diagram cross_functional(const ProcessMap& m, const std::string& doc) {
  Diagram d;
  d.doc = doc;
  d.type = std::string(kMapCrossFunctional);
  d.title = m.title;
  std::unordered_map<std::string_view, int> lane_at;
  std::unordered_map<std::string_view, std::size_t> node_at;
  for (std::size_t i = 0; i < m.lanes.size(); ++i)
    lane_at.emplace(m.lanes[i].id, static_cast<int>(i));
  for (std::size_t i = 0; i < m.nodes.size(); ++i) node_at.emplace(m.nodes[i].id, i);
  std::vector<std::size_t> kept;
  for (std::size_t i = 0; i < m.flows.size(); ++i)
    if (node_at.contains(m.flows[i].from) && node_at.contains(m.flows[i].to)) kept.push_back(i);

  std::vector<std::string> wanted;
  for (const auto& l : m.lanes) wanted.push_back(l.id);
  for (const auto& n : m.nodes) wanted.push_back(n.id);
  for (std::size_t i : kept) wanted.push_back(m.flows[i].id);
  std::set<std::string> used = document_ids(doc);
  const auto ids = unique_ids(wanted, used, '.', 64);
  std::size_t next = 0;

  for (const auto& l : m.lanes) {
    DLane lane{ids[next++], l.name, {}, finite_or_unset(l.bounds)};
    if (!l.position.empty()) lane.attrs.push_back({"sopan:position", l.position});
    if (!l.unit.empty()) lane.attrs.push_back({"sopan:unit", l.unit});
    d.lanes.push_back(std::move(lane));
  }
  for (const auto& n : m.nodes) {
    DNode node;
    node.id = ids[next++];
    node.name = n.name;
    node.kind = kind_of(n.type);
    if (auto it = lane_at.find(n.lane); it != lane_at.end()) node.lane = it->second;
    if (node.kind == Kind::kCall && !n.map.empty())
      node.attrs.push_back({"calledElement", "Process_" + doc_fragment(n.map)});
    if (!n.map.empty()) node.attrs.push_back({"sopan:map", n.map});
    if (!n.sops.empty()) node.attrs.push_back({"sopan:sops", join(n.sops, " ")});
    node.bounds = finite_or_unset(n.bounds);
    d.nodes.push_back(std::move(node));
  }
  for (std::size_t i : kept) {
    const auto& f = m.flows[i];
    DFlow flow;
    flow.id = ids[next++];
    flow.name = f.name;
    flow.from = node_at.at(f.from);
    flow.to = node_at.at(f.to);
    flow.source = i;
    for (const auto& p : f.waypoints)
      if (std::isfinite(p.x) && std::isfinite(p.y)) flow.waypoints.push_back(p);
    d.flows.push_back(std::move(flow));
  }
  return d;
}

/// Splits and joins through parallel gateways, so no activity or event has more than one
/// incoming or outgoing flow (bpmnlint: no-implicit-split, fake-join). For the synthesised
/// level and decomposition processes only: a cross-functional map is written as drawn.
void add_gateways(Diagram& d) {
  const std::size_t n = d.nodes.size();
  for (std::size_t v = 0; v < n; ++v) {
    std::vector<std::size_t> ins, outs;
    for (std::size_t f = 0; f < d.flows.size(); ++f) {
      if (d.flows[f].to == v) ins.push_back(f);
      if (d.flows[f].from == v) outs.push_back(f);
    }
    if (ins.size() > 1) {
      const std::size_t g = d.nodes.size();
      d.nodes.push_back(
          {d.nodes[v].id + ".gabung", "", "", Kind::kParallel, d.nodes[v].lane, {}, {}});
      for (std::size_t f : ins) d.flows[f].to = g;
      d.flows.push_back({"", "", "", g, v, {}, 0});
    }
    if (outs.size() > 1) {
      const std::size_t g = d.nodes.size();
      d.nodes.push_back(
          {d.nodes[v].id + ".cabang", "", "", Kind::kParallel, d.nodes[v].lane, {}, {}});
      for (std::size_t f : outs) d.flows[f].from = g;
      d.flows.push_back({"", "", "", v, g, {}, 0});
    }
  }
  std::size_t k = 0;
  for (auto& f : d.flows)
    if (f.id.empty()) f.id = "sopan.alur." + std::to_string(++k);
}

struct Band {
  std::string_view category, id, name;
};
constexpr Band kBands[] = {{"manajemen", "pita.manajemen", "Proses Manajemen"},
                           {"utama", "pita.utama", "Proses Utama"},
                           {"pendukung", "pita.pendukung", "Proses Pendukung"},
                           {"", "pita.lain", "Proses Belum Berkategori"}};

std::size_t band_of(std::string_view category) {
  for (std::size_t b = 0; b < 3; ++b)
    if (kBands[b].category == category) return b;
  return 3;
}

std::string list_line(std::string_view label, const std::vector<std::string>& items) {
  return items.empty() ? "" : std::string(label) + ": " + join(items, "; ");
}

std::string lines(std::initializer_list<std::string> parts) {
  std::string out;
  for (const auto& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += '\n';
    out += p;
  }
  return out;
}

/// Level 0 and decomposition maps have no diagram of their own; BPMN wants a process, so one is
/// synthesised that is faithful and lints clean: one participant (the map), a lane per band
/// (level 0 always shows all three, management on top), a call activity per process (calling
/// the map that details it; a collapsed bpmn:subProcess would need inner start and end
/// events), one start event ("Masukan" with the stakeholders and inputs as documentation on
/// level 0) and one end event (outputs and outcomes). A decomposition's own flows connect its
/// processes; without flows (and always on level 0, whose bands are not sequences) each band's
/// processes are chained in map order from the start to the end, the bands running in
/// parallel. Wherever flows split or join, parallel gateways do it. Flow names become
/// documentation: bpmnlint flags a label on any flow that is not an exclusive gateway's branch.
Diagram level_map(const ProcessMap& m, const std::string& doc, const BpmnExportNames& names) {
  Diagram d;
  d.doc = doc;
  d.type = m.type;
  d.title = m.title.empty() ? "Peta Proses Bisnis" : m.title;
  const bool level0 = m.type == kMapLevel0;

  std::array<int, 4> lane_of{-1, -1, -1, -1};
  std::array<bool, 4> used_band{level0, level0, level0, false};
  for (const auto& p : m.processes) used_band[band_of(p.category)] = true;
  if (std::none_of(used_band.begin(), used_band.end(), [](bool b) { return b; }))
    used_band[1] = true;
  for (std::size_t b = 0; b < 4; ++b)
    if (used_band[b]) {
      lane_of[b] = static_cast<int>(d.lanes.size());
      d.lanes.push_back({std::string(kBands[b].id), std::string(kBands[b].name), {}, {}});
    }
  const int main_lane = lane_of[1] >= 0 ? lane_of[1] : 0;

  std::unordered_map<std::string_view, std::size_t> process_at;
  for (std::size_t i = 0; i < m.processes.size(); ++i)
    process_at.emplace(m.processes[i].id, i + 1);  // node 0 is the start event
  std::vector<std::size_t> kept;
  std::set<std::pair<std::size_t, std::size_t>> seen;
  if (m.type == kMapDecomposition)
    for (std::size_t i = 0; i < m.flows.size(); ++i) {
      auto from = process_at.find(m.flows[i].from), to = process_at.find(m.flows[i].to);
      // A self-loop or a repeated flow says nothing in a decomposition (and bpmnlint flags
      // duplicate flows).
      if (from != process_at.end() && to != process_at.end() && from->second != to->second &&
          seen.insert({from->second, to->second}).second)
        kept.push_back(i);
    }
  std::vector<std::string> wanted;
  for (const auto& p : m.processes) wanted.push_back(p.id);
  for (std::size_t i : kept) wanted.push_back(m.flows[i].id);
  std::set<std::string> used = document_ids(doc);
  const auto ids = unique_ids(wanted, used, '.', 64);

  d.nodes.push_back(
      {"sopan.mulai",
       level0 ? "Masukan" : "Mulai",
       lines({list_line("Pemangku kepentingan", m.stakeholders), list_line("Masukan", m.inputs)}),
       Kind::kStart,
       main_lane,
       {},
       {}});
  for (std::size_t i = 0; i < m.processes.size(); ++i) {
    const auto& p = m.processes[i];
    DNode node;
    node.id = ids[i];
    node.name = p.code.empty() ? p.name : p.name.empty() ? p.code : p.code + " " + p.name;
    if (node.name.empty()) node.name = p.id;
    node.wide = true;
    node.kind = Kind::kCall;
    node.lane = lane_of[band_of(p.category)];
    const std::string child = names.detailed_by ? names.detailed_by(p.id) : "";
    if (!child.empty()) node.attrs.push_back({"calledElement", "Process_" + doc_fragment(child)});
    if (!p.category.empty()) node.attrs.push_back({"sopan:category", p.category});
    if (!p.code.empty()) node.attrs.push_back({"sopan:code", p.code});
    if (!child.empty()) node.attrs.push_back({"sopan:map", child});
    if (!p.unit.empty()) node.attrs.push_back({"sopan:unit", p.unit});
    d.nodes.push_back(std::move(node));
  }
  const std::size_t end = d.nodes.size();
  d.nodes.push_back({"sopan.selesai",
                     level0 ? "Keluaran" : "Selesai",
                     lines({list_line("Keluaran", m.outputs), list_line("Hasil", m.outcomes)}),
                     Kind::kEnd,
                     main_lane,
                     {},
                     {}});

  for (std::size_t k = 0; k < kept.size(); ++k) {
    const auto& f = m.flows[kept[k]];
    d.flows.push_back({ids[m.processes.size() + k],
                       "",
                       f.name,
                       process_at.at(f.from),
                       process_at.at(f.to),
                       {},
                       kept[k]});
  }
  if (d.flows.empty())
    for (std::size_t b = 0; b < 4; ++b) {
      std::size_t previous = 0;
      for (std::size_t i = 0; i < m.processes.size(); ++i)
        if (band_of(m.processes[i].category) == b) {
          if (previous != 0) d.flows.push_back({"", "", "", previous, i + 1, {}, 0});
          previous = i + 1;
        }
    }
  std::vector<bool> has_in(d.nodes.size(), false), has_out(d.nodes.size(), false);
  for (const auto& f : d.flows) has_out[f.from] = has_in[f.to] = true;
  for (std::size_t v = 1; v < end; ++v) {
    if (!has_in[v]) d.flows.push_back({"", "", "", 0, v, {}, 0});
    if (!has_out[v]) d.flows.push_back({"", "", "", v, end, {}, 0});
  }
  // A decomposition whose processes all lie on cycles has no natural entry or exit.
  has_out.assign(d.nodes.size(), false);
  has_in.assign(d.nodes.size(), false);
  for (const auto& f : d.flows) has_out[f.from] = has_in[f.to] = true;
  if (end == 1) {
    d.flows.push_back({"", "", "", 0, end, {}, 0});
  } else {
    if (!has_out[0]) d.flows.push_back({"", "", "", 0, 1, {}, 0});
    if (!has_in[end]) d.flows.push_back({"", "", "", end - 1, end, {}, 0});
  }
  add_gateways(d);
  return d;
}

// ---------------------------------------------------------------------------------------------
// Writing.

void attr(std::string& out, std::string_view name, std::string_view value) {
  out += ' ';
  out += name;
  out += "=\"";
  out += xml_escape(value);
  out += '"';
}

void indent(std::string& out, int level) { out.append(static_cast<std::size_t>(2 * level), ' '); }

void bounds(std::string& out, int level, const Bounds& b) {
  indent(out, level);
  out += "<dc:Bounds";
  attr(out, "x", number(b.x));
  attr(out, "y", number(b.y));
  attr(out, "width", number(b.width));
  attr(out, "height", number(b.height));
  out += " />\n";
}

void shape(std::string& out, std::string_view id, const Bounds& b, std::string_view extra) {
  indent(out, 3);
  out += "<bpmndi:BPMNShape";
  attr(out, "id", std::string(id) + ".di");
  attr(out, "bpmnElement", id);
  out += extra;
  out += ">\n";
  bounds(out, 4, b);
  indent(out, 3);
  out += "</bpmndi:BPMNShape>\n";
}

std::string write(const Diagram& d) {
  const std::string& doc = d.doc;
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<bpmn:definitions";
  attr(out, "xmlns:bpmn", kModelNs);
  attr(out, "xmlns:bpmndi", kBpmnDiNs);
  attr(out, "xmlns:dc", kDcNs);
  attr(out, "xmlns:di", kDiNs);
  attr(out, "xmlns:sopan", kSopanNamespace);
  attr(out, "id", "Definitions_" + doc);
  attr(out, "targetNamespace", kSopanNamespace);
  attr(out, "exporter", "Sopan");
  if (!d.type.empty()) attr(out, "sopan:type", d.type);
  out += ">\n";

  indent(out, 1);
  out += "<bpmn:collaboration";
  attr(out, "id", "Collaboration_" + doc);
  out += ">\n";
  indent(out, 2);
  out += "<bpmn:participant";
  attr(out, "id", "Participant_" + doc);
  if (!d.title.empty()) attr(out, "name", one_line(d.title));
  attr(out, "processRef", "Process_" + doc);
  out += " />\n";
  indent(out, 1);
  out += "</bpmn:collaboration>\n";

  indent(out, 1);
  out += "<bpmn:process";
  attr(out, "id", "Process_" + doc);
  attr(out, "isExecutable", "false");
  out += ">\n";
  if (!d.lanes.empty()) {
    indent(out, 2);
    out += "<bpmn:laneSet";
    attr(out, "id", "LaneSet_" + doc);
    out += ">\n";
    for (std::size_t l = 0; l < d.lanes.size(); ++l) {
      const auto& lane = d.lanes[l];
      indent(out, 3);
      out += "<bpmn:lane";
      attr(out, "id", lane.id);
      if (!lane.name.empty()) attr(out, "name", one_line(lane.name));
      for (const auto& a : lane.attrs) attr(out, a.name, one_line(a.value));
      std::string refs;
      for (const auto& n : d.nodes)
        if (n.lane == static_cast<int>(l)) {
          indent(refs, 4);
          refs += "<bpmn:flowNodeRef>" + xml_escape(n.id) + "</bpmn:flowNodeRef>\n";
        }
      if (refs.empty()) {
        out += " />\n";
      } else {
        out += ">\n" + refs;
        indent(out, 3);
        out += "</bpmn:lane>\n";
      }
    }
    indent(out, 2);
    out += "</bpmn:laneSet>\n";
  }
  for (std::size_t v = 0; v < d.nodes.size(); ++v) {
    const auto& n = d.nodes[v];
    const std::string_view element = element_of(n.kind);
    indent(out, 2);
    out += "<bpmn:";
    out += element;
    attr(out, "id", n.id);
    if (!n.name.empty()) attr(out, "name", one_line(n.name));
    for (const auto& a : n.attrs) attr(out, a.name, one_line(a.value));
    std::string body;
    if (!n.documentation.empty()) {
      indent(body, 3);
      body += "<bpmn:documentation>" + xml_escape(n.documentation) + "</bpmn:documentation>\n";
    }
    for (const auto& f : d.flows)
      if (f.to == v) {
        indent(body, 3);
        body += "<bpmn:incoming>" + xml_escape(f.id) + "</bpmn:incoming>\n";
      }
    for (const auto& f : d.flows)
      if (f.from == v) {
        indent(body, 3);
        body += "<bpmn:outgoing>" + xml_escape(f.id) + "</bpmn:outgoing>\n";
      }
    if (body.empty()) {
      out += " />\n";
    } else {
      out += ">\n" + body;
      indent(out, 2);
      out += "</bpmn:";
      out += element;
      out += ">\n";
    }
  }
  for (const auto& f : d.flows) {
    indent(out, 2);
    out += "<bpmn:sequenceFlow";
    attr(out, "id", f.id);
    if (!f.name.empty()) attr(out, "name", one_line(f.name));
    attr(out, "sourceRef", d.nodes[f.from].id);
    attr(out, "targetRef", d.nodes[f.to].id);
    if (f.documentation.empty()) {
      out += " />\n";
    } else {
      out += ">\n";
      indent(out, 3);
      out += "<bpmn:documentation>" + xml_escape(f.documentation) + "</bpmn:documentation>\n";
      indent(out, 2);
      out += "</bpmn:sequenceFlow>\n";
    }
  }
  indent(out, 1);
  out += "</bpmn:process>\n";

  indent(out, 1);
  out += "<bpmndi:BPMNDiagram";
  attr(out, "id", "BPMNDiagram_" + doc);
  out += ">\n";
  indent(out, 2);
  out += "<bpmndi:BPMNPlane";
  attr(out, "id", "BPMNPlane_" + doc);
  attr(out, "bpmnElement", "Collaboration_" + doc);
  out += ">\n";
  shape(out, "Participant_" + doc, d.pool, " isHorizontal=\"true\"");
  for (const auto& l : d.lanes) shape(out, l.id, l.bounds, " isHorizontal=\"true\"");
  for (const auto& n : d.nodes)
    shape(out, n.id, n.bounds, n.kind == Kind::kExclusive ? " isMarkerVisible=\"true\"" : "");
  for (const auto& f : d.flows) {
    indent(out, 3);
    out += "<bpmndi:BPMNEdge";
    attr(out, "id", f.id + ".di");
    attr(out, "bpmnElement", f.id);
    out += ">\n";
    for (const auto& p : f.waypoints) {
      indent(out, 4);
      out += "<di:waypoint";
      attr(out, "x", number(p.x));
      attr(out, "y", number(p.y));
      out += " />\n";
    }
    indent(out, 3);
    out += "</bpmndi:BPMNEdge>\n";
  }
  indent(out, 2);
  out += "</bpmndi:BPMNPlane>\n";
  indent(out, 1);
  out += "</bpmndi:BPMNDiagram>\n";
  out += "</bpmn:definitions>\n";
  return out;
}

}  // namespace

std::string to_bpmn(const ProcessMap& map, std::string_view id, const BpmnExportNames& names) {
  const std::string doc = doc_fragment(id);
  Diagram d = map.type == kMapLevel0 || map.type == kMapDecomposition ? level_map(map, doc, names)
                                                                      : cross_functional(map, doc);
  if (d.type != kMapLevel0 && d.type != kMapDecomposition) d.type = kMapCrossFunctional;
  lay_out(d);
  return write(d);
}

// =============================================================================================
// Reading.

namespace {

Error refuse(std::string problem) {
  return field_error(Errc::kValidation, "Berkas BPMN tidak dapat diimpor", "/bpmn",
                     std::move(problem));
}

// --- The hardened parse ----------------------------------------------------------------------

/// What one parse saw, reached from the SAX callbacks through the context's _private.
struct ParseState {
  int depth = 0;
  std::size_t elements = 0;
  bool doctype = false, too_deep = false, too_many = false;
  bool failed = false;
  int code = 0, line = 0, column = 0;
};

ParseState& state_of(void* ctx) {
  return *static_cast<ParseState*>(static_cast<xmlParserCtxtPtr>(ctx)->_private);
}

void stop(void* ctx) { xmlStopParser(static_cast<xmlParserCtxtPtr>(ctx)); }

// Errors arrive here, per context (never the thread-global handler, never stderr).
void on_error(void* ctx, xmlErrorPtr e) {
  if (!ctx || !e || e->level < XML_ERR_ERROR) return;
  ParseState& s = state_of(ctx);
  if (s.failed) return;
  s.failed = true;
  s.code = e->code;
  s.line = e->line;
  s.column = e->int2;
}

void quiet(void*, const char*, ...) {}

// A DOCTYPE stops the parse before its internal subset is read: no entity is ever declared,
// so none expands (billion laughs) and none is fetched (XXE), whatever it names.
void on_doctype(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*) {
  state_of(ctx).doctype = true;
  stop(ctx);
}

void on_entity(void* ctx, const xmlChar*, int, const xmlChar*, const xmlChar*, xmlChar*) {
  state_of(ctx).doctype = true;
  stop(ctx);
}

xmlParserInputPtr on_resolve(void* ctx, const xmlChar*, const xmlChar*) {
  state_of(ctx).doctype = true;
  stop(ctx);
  return nullptr;
}

void on_start(void* ctx, const xmlChar* localname, const xmlChar* prefix, const xmlChar* uri,
              int nb_namespaces, const xmlChar** namespaces, int nb_attributes, int nb_defaulted,
              const xmlChar** attributes) {
  ParseState& s = state_of(ctx);
  if (++s.depth > kMaxBpmnDepth) {
    s.too_deep = true;
    return stop(ctx);
  }
  if (++s.elements > kMaxBpmnElements) {
    s.too_many = true;
    return stop(ctx);
  }
  xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes,
                        nb_defaulted, attributes);
}

void on_end(void* ctx, const xmlChar* localname, const xmlChar* prefix, const xmlChar* uri) {
  --state_of(ctx).depth;
  xmlSAX2EndElementNs(ctx, localname, prefix, uri);
}

struct FreeDoc {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
struct FreeContext {
  void operator()(xmlParserCtxt* c) const { xmlFreeParserCtxt(c); }
};
using DocPtr = std::unique_ptr<xmlDoc, FreeDoc>;

std::string where(const ParseState& s) {
  return " (baris " + std::to_string(s.line) + ", kolom " + std::to_string(s.column) + ")";
}

std::string parse_problem(const ParseState& s) {
  switch (s.code) {
    case XML_ERR_DOCUMENT_EMPTY:
      return "Berkas tidak memuat XML";
    case XML_ERR_INVALID_CHAR:
    case XML_ERR_INVALID_ENCODING:
    case XML_ERR_UNSUPPORTED_ENCODING:
      return "Teks bukan UTF-8 yang sah atau memuat karakter yang tidak diizinkan dalam XML" +
             where(s);
    case XML_ERR_UNDECLARED_ENTITY:
    case XML_WAR_UNDECLARED_ENTITY:
      return "Rujukan entitas yang tidak dikenal" + where(s);
    case XML_NS_ERR_UNDEFINED_NAMESPACE:
      return "Awalan namespace yang tidak dideklarasikan" + where(s);
    default:
      return "Bukan XML yang sah" + where(s);
  }
}

/// libxml2 with every door shut: no network (XML_PARSE_NONET), no DTD loading, no entity
/// substitution, no huge mode; a DOCTYPE or entity declaration stops the parse; depth and
/// element count are capped in the SAX start callback while parsing, before the tree grows.
Result<DocPtr> parse(std::string_view xml) {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
  std::unique_ptr<xmlParserCtxt, FreeContext> ctxt(
      xmlCreateMemoryParserCtxt(xml.data(), static_cast<int>(xml.size())));
  if (!ctxt || !ctxt->sax) return refuse("Berkas tidak dapat dibaca");
  ParseState state;
  ctxt->_private = &state;
  xmlCtxtUseOptions(ctxt.get(), XML_PARSE_NONET | XML_PARSE_NOCDATA);
  ctxt->replaceEntities = 0;
  ctxt->loadsubset = 0;
  ctxt->validate = 0;
  xmlSAXHandler* sax = ctxt->sax;
  sax->serror = on_error;
  sax->warning = quiet;
  sax->error = quiet;
  sax->fatalError = quiet;
  sax->internalSubset = on_doctype;
  sax->externalSubset = on_doctype;
  sax->entityDecl = on_entity;
  sax->resolveEntity = on_resolve;
  sax->startElementNs = on_start;
  sax->endElementNs = on_end;
  const int rc = xmlParseDocument(ctxt.get());
  DocPtr doc(ctxt->myDoc);
  ctxt->myDoc = nullptr;
  if (state.doctype || (doc && (doc->intSubset || doc->extSubset)))
    return refuse(
        "Berkas memuat DOCTYPE (DTD) atau deklarasi entitas; demi keamanan tidak diizinkan");
  if (state.too_deep)
    return refuse("Elemen bersarang lebih dari " + std::to_string(kMaxBpmnDepth) + " tingkat");
  if (state.too_many)
    return refuse("Berkas memuat lebih dari " + std::to_string(kMaxBpmnElements) + " elemen XML");
  if (rc != 0 || state.failed || !ctxt->wellFormed || !doc || !xmlDocGetRootElement(doc.get()))
    return refuse(parse_problem(state));
  return doc;
}

// --- Tree helpers ----------------------------------------------------------------------------

std::string_view sv(const xmlChar* s) {
  return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view();
}

const xmlChar* x(std::string_view literal_z) {
  return reinterpret_cast<const xmlChar*>(literal_z.data());
}

std::string_view ns_of(const xmlNode* n) { return n->ns ? sv(n->ns->href) : std::string_view(); }

bool is(const xmlNode* n, std::string_view ns, std::string_view name) {
  return n->type == XML_ELEMENT_NODE && ns_of(n) == ns && sv(n->name) == name;
}

bool model(const xmlNode* n) { return n->type == XML_ELEMENT_NODE && ns_of(n) == kModelNs; }
bool model(const xmlNode* n, std::string_view name) { return is(n, kModelNs, name); }

std::vector<const xmlNode*> children(const xmlNode* n) {
  std::vector<const xmlNode*> out;
  for (const xmlNode* c = n->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE) out.push_back(c);
  return out;
}

/// The element's qualified name as written ("bpmn:" dropped: the element names of the BPMN
/// namespace are what people know).
std::string qname(const xmlNode* n) {
  if (ns_of(n) == kModelNs || !n->ns || !n->ns->prefix) return std::string(sv(n->name));
  return std::string(sv(n->ns->prefix)) + ":" + std::string(sv(n->name));
}

std::string qname(const xmlAttr* a) {
  if (!a->ns || !a->ns->prefix) return std::string(sv(a->name));
  return std::string(sv(a->ns->prefix)) + ":" + std::string(sv(a->name));
}

std::string take(xmlChar* s) {
  if (!s) return {};
  std::string out(sv(s));
  xmlFree(s);
  return out;
}

/// An attribute without namespace ("" when absent).
std::string prop(const xmlNode* n, const char* name) {
  return take(xmlGetNoNsProp(n, reinterpret_cast<const xmlChar*>(name)));
}

std::string sopan_prop(const xmlNode* n, const char* name) {
  return take(xmlGetNsProp(n, reinterpret_cast<const xmlChar*>(name), x(kSopanNamespace)));
}

std::string content(const xmlNode* n) { return take(xmlNodeGetContent(n)); }

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

/// A QName reference's local part (an id never holds ':').
std::string id_ref(std::string_view s) {
  std::string t = trim(s);
  if (const auto colon = t.find(':'); colon != std::string::npos) t.erase(0, colon + 1);
  return t;
}

std::size_t value_size(const xmlAttr* a) {
  std::size_t n = 0;
  for (const xmlNode* c = a->children; c; c = c->next)
    if (c->content) n += static_cast<std::size_t>(xmlStrlen(c->content));
  return n;
}

/// No attribute this import may read (BPMN or sopan, or without namespace) may exceed
/// kMaxBpmnAttributeBytes. The tree is at most kMaxBpmnDepth deep, so recursion is bounded.
std::optional<std::string> oversized(const xmlNode* n) {
  for (const xmlAttr* a = n->properties; a; a = a->next) {
    const std::string_view ns = a->ns ? sv(a->ns->href) : std::string_view();
    if ((ns.empty() || ns == kModelNs || ns == kSopanNamespace) &&
        value_size(a) > kMaxBpmnAttributeBytes)
      return "Atribut " + qname(a) + " pada baris " + std::to_string(xmlGetLineNo(n)) +
             " lebih dari " + std::to_string(kMaxBpmnAttributeBytes) + " byte";
  }
  for (const xmlNode* c : children(n))
    if (auto problem = oversized(c)) return problem;
  return std::nullopt;
}

// --- What the import knows -------------------------------------------------------------------

template <class Range>
bool among(std::string_view s, const Range& set) {
  return std::find(std::begin(set), std::end(set), s) != std::end(set);
}
bool among(std::string_view s, std::initializer_list<std::string_view> set) {
  return among<std::initializer_list<std::string_view>>(s, set);
}

bool is_task_subtype(std::string_view s) {
  return among(s, {"userTask", "manualTask", "serviceTask", "sendTask", "receiveTask", "scriptTask",
                   "businessRuleTask"});
}

/// Flow nodes the map kind cannot hold; their flows are bridged or dropped.
bool is_dropped_flow_node(std::string_view s) {
  return among(s, {"intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent",
                   "inclusiveGateway", "eventBasedGateway", "complexGateway"});
}

bool is_flow_node(const xmlNode* n) {
  if (!model(n)) return false;
  const std::string_view s = sv(n->name);
  return is_task_subtype(s) || is_dropped_flow_node(s) ||
         among(s, {"startEvent", "endEvent", "task", "subProcess", "transaction", "adHocSubProcess",
                   "callActivity", "exclusiveGateway", "parallelGateway"});
}

std::string event_kind(const xmlNode* n) {
  static const std::map<std::string_view, std::string_view> kWords = {
      {"timerEventDefinition", "timer"},         {"messageEventDefinition", "pesan"},
      {"signalEventDefinition", "sinyal"},       {"conditionalEventDefinition", "bersyarat"},
      {"linkEventDefinition", "tautan"},         {"escalationEventDefinition", "eskalasi"},
      {"errorEventDefinition", "galat"},         {"compensateEventDefinition", "kompensasi"},
      {"terminateEventDefinition", "terminasi"}, {"cancelEventDefinition", "pembatalan"}};
  for (const xmlNode* c : children(n))
    if (model(c))
      if (auto it = kWords.find(sv(c->name)); it != kWords.end())
        return " (" + std::string(it->second) + ")";
  return "";
}

/// Why an element (or a child element) that is not kept is not kept.
std::string why_dropped(const xmlNode* n) {
  if (!model(n)) return "Elemen di luar namespace BPMN tidak disimpan";
  const std::string_view s = sv(n->name);
  if (s == "intermediateCatchEvent" || s == "intermediateThrowEvent")
    return "Peristiwa antara" + event_kind(n) + " tidak didukung peta lintas fungsi; tidak diimpor";
  if (s == "boundaryEvent")
    return "Peristiwa batas" + event_kind(n) + " tidak didukung peta lintas fungsi; tidak diimpor";
  if (s == "inclusiveGateway") return "Gerbang inklusif (OR) tidak didukung; tidak diimpor";
  if (s == "eventBasedGateway") return "Gerbang berbasis peristiwa tidak didukung; tidak diimpor";
  if (s == "complexGateway") return "Gerbang kompleks tidak didukung; tidak diimpor";
  if (s == "subProcess")
    return "Sub-proses peristiwa (event sub-process) tidak didukung; tidak diimpor";
  if (among(s, {"dataObject", "dataObjectReference", "dataStoreReference", "dataStore"}))
    return "Objek atau penyimpanan data tidak didukung; tidak diimpor";
  if (among(s, {"dataInputAssociation", "dataOutputAssociation", "ioSpecification", "property",
                "dataInput", "dataOutput"}))
    return "Data masukan/keluaran (" + std::string(s) + ") tidak disimpan";
  if (s == "textAnnotation") return "Anotasi teks tidak didukung; tidak diimpor";
  if (s == "association") return "Asosiasi tidak didukung; tidak diimpor";
  if (s == "group") return "Grup tidak didukung; tidak diimpor";
  if (s == "documentation") return "Dokumentasi tidak disimpan";
  if (s == "messageFlow") return "Alur pesan antarpeserta tidak didukung; tidak diimpor";
  if (s == "conditionExpression") return "Syarat alur (conditionExpression) tidak disimpan";
  if (s == "standardLoopCharacteristics" || s == "multiInstanceLoopCharacteristics")
    return "Pengulangan aktivitas (" + std::string(s) + ") tidak disimpan";
  if (s.ends_with("EventDefinition"))
    return "Definisi peristiwa" + std::string(event_kind(n->parent)) +
           " tidak disimpan; peristiwa disimpan sebagai peristiwa biasa";
  if (s == "extensionElements") {
    std::vector<std::string> inner;
    for (const xmlNode* c : children(n)) inner.push_back(qname(c));
    std::sort(inner.begin(), inner.end());
    inner.erase(std::unique(inner.begin(), inner.end()), inner.end());
    return "Ekstensi" + (inner.empty() ? std::string() : " (" + join(inner, ", ") + ")") +
           " tidak disimpan";
  }
  if (among(s, {"message", "signal", "error", "escalation", "itemDefinition", "category",
                "interface", "resource", "dataStore", "globalTask", "correlationProperty"}))
    return "Definisi " + std::string(s) + " tidak diimpor";
  return "Elemen " + std::string(s) + " tidak didukung peta lintas fungsi; tidak diimpor";
}

// --- The importer ----------------------------------------------------------------------------

struct LaneIn {
  const xmlNode* xml;
  std::string orig, name, unit, position;
  std::string id;
  Bounds bounds;
};

struct NodeIn {
  const xmlNode* xml;
  std::string orig, type, name, map;
  std::vector<std::string> sops;
  int lane = -1;
  std::string id;
  Bounds bounds;
};

struct FlowIn {
  const xmlNode* xml;
  std::string orig, name, source, target;
  bool alive = true, merged = false;
  std::string id;
  std::vector<MapPoint> waypoints;
};

struct Shape {
  Bounds bounds;
  bool has_waypoints = false;
  std::vector<MapPoint> waypoints;
  bool valid = true;
};

class Importer {
 public:
  explicit Importer(const xmlNode* root) : root_(root) {}

  Result<BpmnImport> run();

 private:
  void note(std::string element, std::string id, std::string name, std::string message);
  /// An element without an id of its own (documentation, extensionElements, an event
  /// definition) is named by its parent, so the list says where it was.
  void note(const xmlNode* n, std::string message) {
    const xmlNode* named = n;
    if (prop(n, "id").empty() && n->parent && n->parent->type == XML_ELEMENT_NODE)
      named = n->parent;
    note(qname(n), prop(named, "id"), shown_name(named), std::move(message));
  }
  std::string shown_name(const xmlNode* n) {
    std::string name = prop(n, "name");
    if (name.empty() && model(n, "textAnnotation"))
      for (const xmlNode* c : children(n))
        if (model(c, "text")) name = trim(content(c));
    return cut_chars(one_line(name), kMaxName);
  }
  /// Lists the attributes of `n` that are neither read nor harmless: foreign namespaces
  /// (camunda:*, modeler:*), unknown sopan ones, and BPMN ones with a meaning the map lacks.
  void note_attributes(const xmlNode* n, std::initializer_list<std::string_view> read,
                       std::initializer_list<std::string_view> sopan_read = {});
  std::string clean_name(const xmlNode* n, std::string raw, std::size_t max);
  std::string clean_ref(const xmlNode* n, const char* attribute);

  void read_collaboration(const xmlNode* c, const xmlNode* chosen_participant);
  void read_process(const xmlNode* p);
  void read_lane_set(const xmlNode* set);
  void read_lane(const xmlNode* lane);
  void read_node(const xmlNode* n);
  void read_flow(const xmlNode* f);
  void read_diagram(const xmlNode* d);
  void settle();
  BpmnImport finish();

  const xmlNode* root_;
  std::string title_;
  std::vector<LaneIn> lanes_;
  std::vector<NodeIn> nodes_;
  std::vector<FlowIn> flows_;
  std::vector<std::string> dropped_;  // ids of flow nodes not kept, in document order
  std::vector<std::pair<std::size_t, std::vector<std::string>>> leaf_refs_, parent_refs_;
  std::unordered_map<std::string, Shape> shapes_;
  bool any_di_ = false;
  std::vector<BpmnUnsupported> notes_;
  std::size_t hidden_ = 0;
};

void Importer::note(std::string element, std::string id, std::string name, std::string message) {
  if (notes_.size() + 1 < kMaxBpmnUnsupported) {
    notes_.push_back({std::move(element), cut_chars(one_line(id), kMaxRef), std::move(name),
                      std::move(message)});
  } else {
    ++hidden_;
  }
}

void Importer::note_attributes(const xmlNode* n, std::initializer_list<std::string_view> read,
                               std::initializer_list<std::string_view> sopan_read) {
  // Attributes BPMN tools write that mean nothing to a map (defaults, execution details).
  static constexpr std::string_view kHarmless[] = {"id",
                                                   "name",
                                                   "isExecutable",
                                                   "processType",
                                                   "isClosed",
                                                   "gatewayDirection",
                                                   "startQuantity",
                                                   "completionQuantity",
                                                   "implementation",
                                                   "isInterrupting",
                                                   "parallelMultiple",
                                                   "isImmediate",
                                                   "exporter",
                                                   "exporterVersion",
                                                   "targetNamespace",
                                                   "expressionLanguage",
                                                   "typeLanguage"};
  for (const xmlAttr* a = n->properties; a; a = a->next) {
    const std::string_view ns = a->ns ? sv(a->ns->href) : std::string_view();
    const std::string_view name = sv(a->name);
    if (ns.empty() && (among(name, read) || among(name, kHarmless))) continue;
    if (ns == kSopanNamespace && among(name, sopan_read)) continue;
    std::string message;
    if (ns.empty() && name == "default") {
      message = "Alur bawaan (default) tidak disimpan";
    } else if (ns.empty() || ns == kModelNs) {
      message = "Atribut " + qname(a) + " tidak disimpan";
    } else {
      message = "Atribut " + qname(a) + " (" + std::string(ns) + ") tidak disimpan";
    }
    note(qname(n), prop(n, "id"), shown_name(n), std::move(message));
  }
}

/// A name as the schema allows it: one line, no control characters, at most `max` characters.
std::string Importer::clean_name(const xmlNode* n, std::string raw, std::size_t max) {
  bool changed = false;
  for (char& c : raw)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      c = ' ';
      changed = true;
    }
  if (changed) note(n, "Ganti baris atau karakter kendali pada nama diganti spasi");
  if (text::utf8_length(raw) > max) {
    raw = cut_chars(raw, max);
    note(n, "Nama lebih dari " + std::to_string(max) + " karakter; dipotong");
  }
  return raw;
}

/// A sopan reference (unit, position, map): one line of at most 64 characters, else dropped.
std::string Importer::clean_ref(const xmlNode* n, const char* attribute) {
  std::string v = sopan_prop(n, attribute);
  if (v.empty()) return v;
  const bool bad = text::utf8_length(v) > kMaxRef || std::any_of(v.begin(), v.end(), [](char c) {
                     return static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
                   });
  if (!bad) return v;
  note(n, std::string("Atribut sopan:") + attribute + " tidak sah; tidak disimpan");
  return {};
}

void Importer::read_collaboration(const xmlNode* c, const xmlNode* chosen_participant) {
  note_attributes(c, {});
  for (const xmlNode* child : children(c)) {
    if (child == chosen_participant) {
      note_attributes(child, {"processRef"});
      for (const xmlNode* inner : children(child)) note(inner, why_dropped(inner));
    } else if (model(child, "participant")) {
      note(child, prop(child, "processRef").empty()
                      ? "Peserta (pool) tanpa proses tidak didukung; tidak diimpor"
                      : "Peserta (pool) lain tidak diimpor; hanya satu proses yang dibaca");
    } else {
      note(child, why_dropped(child));
    }
  }
}

void Importer::read_lane_set(const xmlNode* set) {
  note_attributes(set, {});
  for (const xmlNode* c : children(set)) {
    if (model(c, "lane")) {
      read_lane(c);
    } else {
      note(c, why_dropped(c));
    }
  }
}

void Importer::read_lane(const xmlNode* lane) {
  std::vector<std::string> refs;
  std::vector<const xmlNode*> nested;
  for (const xmlNode* c : children(lane)) {
    if (model(c, "flowNodeRef")) {
      refs.push_back(id_ref(content(c)));
    } else if (model(c, "childLaneSet")) {
      nested.push_back(c);
    } else {
      note(c, why_dropped(c));
    }
  }
  bool has_children = false;
  for (const xmlNode* set : nested)
    for (const xmlNode* c : children(set)) has_children = has_children || model(c, "lane");
  if (has_children) {
    // A map's lanes are flat: the inner lanes become lanes of their own, and what the outer
    // lane alone refers to goes to its first inner lane.
    note(lane,
         "Lajur bertingkat diratakan: lajur di dalamnya menjadi lajur tersendiri; lajur ini "
         "tidak disimpan");
    const std::size_t first = lanes_.size();
    for (const xmlNode* set : nested) read_lane_set(set);
    if (lanes_.size() > first) parent_refs_.push_back({first, std::move(refs)});
    return;
  }
  for (const xmlNode* set : nested) note(set, "Himpunan lajur kosong tidak disimpan");
  note_attributes(lane, {}, {"unit", "position"});
  LaneIn l{lane,
           prop(lane, "id"),
           clean_name(lane, prop(lane, "name"), kMaxName),
           clean_ref(lane, "unit"),
           clean_ref(lane, "position"),
           {},
           {}};
  leaf_refs_.push_back({lanes_.size(), std::move(refs)});
  lanes_.push_back(std::move(l));
}

void Importer::read_node(const xmlNode* n) {
  const std::string_view s = sv(n->name);
  NodeIn node{n, prop(n, "id"), "", clean_name(n, prop(n, "name"), kMaxName), "", {}, -1, "", {}};
  bool container = false;
  if (s == "startEvent") {
    node.type = kNodeStart;
  } else if (s == "endEvent") {
    node.type = kNodeEnd;
  } else if (s == "task" || is_task_subtype(s)) {
    node.type = kNodeTask;
    if (s != "task") note(n, std::string(s) + " disimpan sebagai aktivitas biasa");
  } else if (s == "exclusiveGateway") {
    node.type = kNodeExclusive;
  } else if (s == "parallelGateway") {
    node.type = kNodeParallel;
  } else {  // subProcess, transaction, adHocSubProcess, callActivity
    node.type = kNodeSubProcess;
    container = s != "callActivity";
    if (s == "transaction" || s == "adHocSubProcess")
      note(n, std::string(s) + " disimpan sebagai sub-proses biasa");
  }
  if (!sopan_prop(n, "sops").empty()) {
    std::string list = sopan_prop(n, "sops");
    for (char& c : list)
      if (static_cast<unsigned char>(c) < 0x20) c = ' ';
    std::size_t start = 0;
    bool bad = false;
    while (start < list.size()) {
      const auto b = list.find_first_not_of(' ', start);
      if (b == std::string::npos) break;
      const auto e = std::min(list.find(' ', b), list.size());
      std::string id = list.substr(b, e - b);
      if (text::utf8_length(id) > kMaxRef || id.find('\x7F') != std::string::npos) {
        bad = true;
      } else {
        node.sops.push_back(std::move(id));
      }
      start = e;
    }
    if (bad) note(n, "Id SOP yang tidak sah pada sopan:sops tidak disimpan");
    if (node.sops.size() > kMaxSops) {
      node.sops.resize(kMaxSops);
      note(n, "Lebih dari " + std::to_string(kMaxSops) + " SOP; sisanya tidak disimpan");
    }
  }
  node.map = clean_ref(n, "map");
  if (s == "callActivity") {
    const std::string called = prop(n, "calledElement");
    // The export writes calledElement="Process_<map>"; anything else names a process of
    // another tool, which the map cannot call.
    if (!called.empty() && (node.map.empty() || called != "Process_" + doc_fragment(node.map)))
      note(n, "Atribut calledElement tidak disimpan; tautkan sub-proses ke peta di Sopan");
  }
  note_attributes(n, {"triggeredByEvent", "calledElement"}, {"sops", "map"});
  for (const xmlNode* c : children(n)) {
    if (model(c, "incoming") || model(c, "outgoing")) continue;
    if (container && (is_flow_node(c) || model(c, "sequenceFlow") || model(c, "laneSet") ||
                      model(c, "textAnnotation") || model(c, "association") || model(c, "group") ||
                      model(c, "dataObject") || model(c, "dataObjectReference") ||
                      model(c, "dataStoreReference"))) {
      note(c, "Isi sub-proses " + node.name +
                  " tidak disimpan: peta hanya menyimpan sub-proses tertutup, yang dapat dirinci "
                  "ke peta lain");
    } else {
      note(c, why_dropped(c));
    }
  }
  nodes_.push_back(std::move(node));
}

void Importer::read_flow(const xmlNode* f) {
  FlowIn flow{f,
              prop(f, "id"),
              clean_name(f, prop(f, "name"), kMaxFlowName),
              id_ref(prop(f, "sourceRef")),
              id_ref(prop(f, "targetRef")),
              true,
              false,
              "",
              {}};
  note_attributes(f, {"sourceRef", "targetRef"});
  for (const xmlNode* c : children(f)) note(c, why_dropped(c));
  flows_.push_back(std::move(flow));
}

void Importer::read_process(const xmlNode* p) {
  note_attributes(p, {});
  bool lanes_read = false;
  for (const xmlNode* c : children(p)) {
    if (model(c, "laneSet")) {
      if (lanes_read) {
        note(c, "Himpunan lajur kedua tidak diimpor; hanya yang pertama dibaca");
      } else {
        read_lane_set(c);
        lanes_read = true;
      }
    } else if (model(c, "sequenceFlow")) {
      read_flow(c);
    } else if (is_flow_node(c) && !is_dropped_flow_node(sv(c->name)) &&
               !(model(c, "subProcess") && prop(c, "triggeredByEvent") == "true")) {
      read_node(c);
    } else {
      if (is_flow_node(c)) dropped_.push_back(prop(c, "id"));
      note(c, why_dropped(c));
    }
  }
}

/// Bounds of shapes (their own dc:Bounds, not their label's) and waypoints of edges, by the
/// element they show; the first diagram that shows an element wins.
void Importer::read_diagram(const xmlNode* d) {
  for (const xmlNode* plane : children(d)) {
    if (!is(plane, kBpmnDiNs, "BPMNPlane")) continue;
    for (const xmlNode* e : children(plane)) {
      const std::string element = id_ref(prop(e, "bpmnElement"));
      if (element.empty() || shapes_.contains(element)) continue;
      Shape shape;
      if (is(e, kBpmnDiNs, "BPMNShape")) {
        for (const xmlNode* b : children(e))
          if (is(b, kDcNs, "Bounds")) {
            const auto bx = parse_number(prop(b, "x")), by = parse_number(prop(b, "y"));
            const auto bw = parse_number(prop(b, "width")), bh = parse_number(prop(b, "height"));
            if (bx && by && bw && bh) shape.bounds = {*bx, *by, *bw, *bh, true};
            break;
          }
        shape.valid = shape.bounds.set && in_range(shape.bounds);
        if (!shape.valid) shape.bounds = {};
      } else if (is(e, kBpmnDiNs, "BPMNEdge")) {
        shape.has_waypoints = true;
        for (const xmlNode* w : children(e))
          if (is(w, kDiNs, "waypoint")) {
            const auto px = parse_number(prop(w, "x")), py = parse_number(prop(w, "y"));
            if (!px || !py || std::abs(*px) > kMaxCoordinate || std::abs(*py) > kMaxCoordinate)
              shape.valid = false;
            else
              shape.waypoints.push_back({*px, *py});
          }
      } else {
        continue;
      }
      any_di_ = true;
      shapes_.emplace(element, std::move(shape));
    }
  }
}

Result<BpmnImport> Importer::run() {
  const xmlNode* root = root_;
  if (!model(root, "definitions"))
    return refuse(
        "Bukan berkas BPMN 2.0: elemen akar harus definitions dalam namespace "
        "http://www.omg.org/spec/BPMN/20100524/MODEL");
  if (auto problem = oversized(root)) return refuse(*problem);

  std::vector<const xmlNode*> processes, collaborations, diagrams;
  for (const xmlNode* c : children(root)) {
    if (model(c, "process")) {
      processes.push_back(c);
    } else if (model(c, "collaboration")) {
      collaborations.push_back(c);
    } else if (is(c, kBpmnDiNs, "BPMNDiagram")) {
      diagrams.push_back(c);
    }
  }
  if (processes.empty()) return refuse("Berkas BPMN tidak memuat proses (process)");

  // The process of the first participant, else the first process; the first of them that
  // holds any flow node (a modeler's empty default process is skipped).
  std::vector<const xmlNode*> candidates;
  std::vector<std::pair<const xmlNode*, const xmlNode*>> participant_of;  // process, participant
  if (!collaborations.empty())
    for (const xmlNode* part : children(collaborations.front()))
      if (model(part, "participant")) {
        const std::string target = id_ref(prop(part, "processRef"));
        for (const xmlNode* p : processes)
          if (!target.empty() && prop(p, "id") == target &&
              std::find(candidates.begin(), candidates.end(), p) == candidates.end()) {
            candidates.push_back(p);
            participant_of.push_back({p, part});
            break;
          }
      }
  for (const xmlNode* p : processes)
    if (std::find(candidates.begin(), candidates.end(), p) == candidates.end())
      candidates.push_back(p);
  const xmlNode* chosen = candidates.front();
  for (const xmlNode* p : candidates) {
    const auto kids = children(p);
    if (std::any_of(kids.begin(), kids.end(), is_flow_node)) {
      chosen = p;
      break;
    }
  }
  const xmlNode* participant = nullptr;
  for (const auto& [p, part] : participant_of)
    if (p == chosen) participant = part;
  std::string title = participant ? prop(participant, "name") : "";
  if (title.empty()) title = prop(chosen, "name");
  title_ = clean_name(participant ? participant : chosen, title, kMaxName);

  const std::string type = sopan_prop(root, "type");
  if (type == kMapLevel0 || type == kMapDecomposition)
    note(qname(root), prop(root, "id"), "",
         std::string("Berkas ini ekspor peta ") + (type == kMapLevel0 ? "level 0" : "dekomposisi") +
             " dari Sopan; diimpor sebagai peta lintas fungsi (proses menjadi sub-proses, pita "
             "menjadi lajur)");
  note_attributes(root, {}, {"type"});
  for (const xmlNode* c : children(root)) {
    if (c == chosen) {
      read_process(c);
    } else if (model(c, "process")) {
      note(c, "Proses lain tidak diimpor; hanya satu proses yang dibaca");
    } else if (!collaborations.empty() && c == collaborations.front()) {
      read_collaboration(c, participant);
    } else if (model(c, "collaboration")) {
      note(c, "Kolaborasi kedua tidak diimpor");
    } else if (is(c, kBpmnDiNs, "BPMNDiagram")) {
      read_diagram(c);
    } else {
      note(c, why_dropped(c));
    }
  }
  settle();
  return finish();
}

/// Caps, bridges, drops, ids and references: what the map kind can hold.
void Importer::settle() {
  if (lanes_.size() > kMaxLanes) {
    for (std::size_t i = kMaxLanes; i < lanes_.size(); ++i)
      note(lanes_[i].xml, "Melebihi batas " + std::to_string(kMaxLanes) +
                              " lajur; tidak diimpor (elemennya menjadi tanpa lajur)");
    lanes_.resize(kMaxLanes);
  }
  std::set<std::string> cut;
  if (nodes_.size() > kMaxNodes) {
    for (std::size_t i = kMaxNodes; i < nodes_.size(); ++i) {
      note(nodes_[i].xml,
           "Melebihi batas " + std::to_string(kMaxNodes) + " elemen peta; tidak diimpor");
      cut.insert(nodes_[i].orig);
    }
    nodes_.resize(kMaxNodes);
  }
  std::unordered_map<std::string, std::size_t> node_at;
  for (std::size_t i = 0; i < nodes_.size(); ++i) node_at.emplace(nodes_[i].orig, i);

  // A dropped flow node with one flow in and one flow out (a timer between two activities) is
  // bridged: the incoming flow goes on to where the outgoing one went, so the process stays
  // connected. Indexed by end so a hostile file of many events stays linear.
  std::unordered_map<std::string, std::vector<std::size_t>> by_source, by_target;
  for (std::size_t i = 0; i < flows_.size(); ++i) {
    by_source[flows_[i].source].push_back(i);
    by_target[flows_[i].target].push_back(i);
  }
  for (const std::string& d : dropped_) {
    if (d.empty() || node_at.contains(d)) continue;
    std::vector<std::size_t> ins, outs;
    for (std::size_t i : by_target[d])
      if (flows_[i].alive && flows_[i].target == d) ins.push_back(i);
    for (std::size_t i : by_source[d])
      if (flows_[i].alive && flows_[i].source == d) outs.push_back(i);
    if (ins.size() != 1 || outs.size() != 1 || ins[0] == outs[0]) continue;
    FlowIn& in = flows_[ins[0]];
    FlowIn& out = flows_[outs[0]];
    in.target = out.target;
    if (in.name.empty()) in.name = out.name;
    in.merged = true;
    out.alive = false;
    by_target[in.target].push_back(ins[0]);
    note(out.xml, "Alur digabung ke " + in.orig + " karena " + d + " tidak diimpor");
  }
  std::vector<FlowIn> kept;
  for (auto& f : flows_) {
    if (!f.alive) continue;
    const bool from = node_at.contains(f.source), to = node_at.contains(f.target);
    if (from && to) {
      if (kept.size() < kMaxFlows) {
        kept.push_back(std::move(f));
      } else {
        note(f.xml, "Melebihi batas " + std::to_string(kMaxFlows) + " alur; tidak diimpor");
      }
    } else {
      note(f.xml, std::string("Alur tidak diimpor karena ") +
                      (!from && !to ? "sumber dan tujuannya"
                       : !from      ? "sumbernya"
                                    : "tujuannya") +
                      " tidak diimpor");
    }
  }
  flows_ = std::move(kept);

  // Ids: one namespace, the schema's pattern.
  std::vector<std::string> wanted;
  for (const auto& l : lanes_) wanted.push_back(l.orig);
  for (const auto& n : nodes_) wanted.push_back(n.orig);
  for (const auto& f : flows_) wanted.push_back(f.orig);
  std::set<std::string> used;
  const auto ids = unique_ids(wanted, used, '_', 64);
  std::set<std::string> seen;
  std::size_t next = 0;
  auto assign = [&](const xmlNode* xml, const std::string& orig, std::string& id) {
    id = ids[next++];
    const bool repeated = !seen.insert(orig).second;
    if (id != orig)
      note(xml, repeated || is_element_id(orig)
                    ? "Id " + orig + " dipakai lebih dari sekali; diganti menjadi " + id
                    : "Id " + cut_chars(orig, kMaxRef) +
                          " tidak sesuai pola id peta (huruf atau _ di depan, lalu huruf, "
                          "angka, _ atau -, paling panjang 64); diganti menjadi " +
                          id);
  };
  for (auto& l : lanes_) assign(l.xml, l.orig, l.id);
  for (auto& n : nodes_) assign(n.xml, n.orig, n.id);
  for (auto& f : flows_) assign(f.xml, f.orig, f.id);

  // Lanes of nodes: inner lanes first, then what only an outer lane named.
  for (const auto* refs : {&leaf_refs_, &parent_refs_})
    for (const auto& [lane, names] : *refs) {
      if (lane >= lanes_.size()) continue;
      for (const auto& name : names)
        if (auto it = node_at.find(name); it != node_at.end() && nodes_[it->second].lane < 0)
          nodes_[it->second].lane = static_cast<int>(lane);
    }

  // Positions.
  for (auto& l : lanes_)
    if (auto it = shapes_.find(l.orig); it != shapes_.end()) l.bounds = it->second.bounds;
  for (auto& n : nodes_)
    if (auto it = shapes_.find(n.orig); it != shapes_.end()) n.bounds = it->second.bounds;
  for (auto& f : flows_) {
    auto it = shapes_.find(f.orig);
    if (f.merged || it == shapes_.end() || !it->second.has_waypoints) continue;
    if (!it->second.valid || it->second.waypoints.size() > kMaxWaypoints) {
      note(f.xml, "Titik belok alur tidak sah atau lebih dari " + std::to_string(kMaxWaypoints) +
                      "; rute dibuat ulang");
    } else if (it->second.waypoints.size() >= 2) {
      f.waypoints = it->second.waypoints;
    }
  }
  const bool all =
      std::all_of(lanes_.begin(), lanes_.end(), [](const LaneIn& l) { return l.bounds.set; }) &&
      std::all_of(nodes_.begin(), nodes_.end(), [](const NodeIn& n) { return n.bounds.set; });
  if (!all)
    note("BPMNDiagram", "", "",
         any_di_ ? "Sebagian elemen tidak memiliki posisi yang sah di diagram (bpmndi); seluruh "
                   "diagram ditata ulang otomatis"
                 : "Berkas tidak memuat diagram (bpmndi); diagram ditata otomatis");
}

BpmnImport Importer::finish() {
  BpmnImport out;
  ProcessMap& m = out.map;
  m.type = std::string(kMapCrossFunctional);
  m.title = title_;
  std::unordered_map<std::string, std::string> node_id;
  for (const auto& n : nodes_) node_id.emplace(n.orig, n.id);
  for (const auto& l : lanes_) m.lanes.push_back({l.id, l.name, l.unit, l.position, l.bounds});
  for (const auto& n : nodes_)
    m.nodes.push_back({n.id, n.type, n.name,
                       n.lane >= 0 ? lanes_[static_cast<std::size_t>(n.lane)].id : "", n.sops,
                       n.map, n.bounds});
  for (const auto& f : flows_)
    m.flows.push_back({f.id, node_id.at(f.source), node_id.at(f.target), f.name, f.waypoints});

  // Laid out as the export would lay it out, so the map shows as it will be written.
  Diagram d = cross_functional(m, "");
  lay_out(d);
  for (std::size_t i = 0; i < d.lanes.size(); ++i) m.lanes[i].bounds = d.lanes[i].bounds;
  for (std::size_t i = 0; i < d.nodes.size(); ++i) m.nodes[i].bounds = d.nodes[i].bounds;
  for (const auto& f : d.flows) m.flows[f.source].waypoints = f.waypoints;

  out.unsupported = std::move(notes_);
  if (hidden_ > 0)
    out.unsupported.push_back(
        {"", "", "", "… dan " + std::to_string(hidden_) + " hal lain yang tidak ditampilkan"});
  return out;
}

}  // namespace

Result<BpmnImport> from_bpmn(std::string_view xml) {
  if (xml.size() > kMaxBpmnBytes)
    return field_error(
        Errc::kTooLarge, "Berkas BPMN terlalu besar", "/bpmn",
        "Berkas BPMN lebih dari " + std::to_string(kMaxBpmnBytes / (1024 * 1024)) + " MB");
  if (xml.find_first_not_of(" \t\r\n") == std::string_view::npos) return refuse("Berkas kosong");
  auto doc = parse(xml);
  if (!doc) return doc.error();
  return Importer(xmlDocGetRootElement(doc->get())).run();
}

}  // namespace sopan::domain
