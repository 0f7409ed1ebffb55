#include "domain/map_svg.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <tuple>

#include "common/text.hpp"
#include "common/xml.hpp"
#include "domain/flowchart.hpp"

namespace sopan::domain {

namespace {

// Geometry in SVG user units (≈ px at 96 dpi).
constexpr double kMargin = 24;
constexpr double kCharW =
    6.3;  // average glyph width at 11 px (DejaVu Sans runs wide), for wrapping
constexpr double kLineH = 14;
constexpr std::size_t kMaxLines = 5;  // a box shows this many lines of its name; <title> has all
constexpr double kBoxW = 160, kBoxMinW = 140, kBoxMaxW = 180, kBoxMinH = 64, kBoxGap = 14;
constexpr double kFlowGap = 70;  // between the boxes of a decomposition: room for an arrow
constexpr double kChevronW = 176, kChevronNotch = 20, kChevronMinH = 84;
constexpr double kChevronStep = kChevronW - kChevronNotch + 8;
constexpr std::size_t kChevronsPerRow = 6;
constexpr double kBandPad = 14, kBandLabelH = 24, kBandGap = 14;
constexpr double kSideW = 200, kSideGap = 44, kSideHeadH = 26;
constexpr double kMinCenterW = 760;

std::string num(double v) {
  if (!std::isfinite(v)) return "0";
  v = std::clamp(v, -1e9, 1e9);  // the schema keeps coordinates within ±100000; an import may not
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s = buf;
  if (s.ends_with(".0")) s.resize(s.size() - 2);
  return s == "-0" ? "0" : s;
}

std::string attr(std::string_view name, double v) {
  return " " + std::string(name) + "=\"" + num(v) + "\"";
}

/// At most `max_lines` lines of `text` in `width`; a cut text ends in "…". Long input is cut
/// first, so a 100 kB name costs no more than a long one.
std::vector<std::string> lines_of(const std::string& text, double width,
                                  std::size_t max_lines = kMaxLines) {
  auto lines = wrap_text(text::cut_utf8(text, 2000), width, kCharW);
  if (lines.size() > max_lines) {
    lines.resize(max_lines);
    std::string& last = lines.back();
    while (!last.empty() && text::utf8_length(last) + 1 > width / kCharW) {
      last.pop_back();
      while (!last.empty() && (static_cast<unsigned char>(last.back()) & 0xC0) == 0x80)
        last.pop_back();
    }
    last += "…";
  }
  return lines;
}

/// Lines centred on `cx`, the first baseline at `y`.
std::string text_lines(const std::vector<std::string>& lines, double cx, double y,
                       std::string_view cls, std::string_view anchor = "middle") {
  if (lines.empty()) return {};
  std::string out = "<text class=\"" + std::string(cls) + "\"" + attr("x", cx) + attr("y", y) +
                    " text-anchor=\"" + std::string(anchor) + "\">";
  for (std::size_t i = 0; i < lines.size(); ++i)
    out += "<tspan" + attr("x", cx) + (i ? attr("dy", kLineH) : "") + ">" + xml_escape(lines[i]) +
           "</tspan>";
  return out + "</text>";
}

std::string rect(double x, double y, double w, double h, std::string_view cls, double rx = 0) {
  return "<rect class=\"" + std::string(cls) + "\"" + attr("x", x) + attr("y", y) +
         attr("width", w) + attr("height", h) + (rx > 0 ? attr("rx", rx) : "") + "/>";
}

std::string points(const std::vector<Point>& pts) {
  std::string out;
  for (const auto& p : pts) out += (out.empty() ? "" : " ") + num(p.x) + "," + num(p.y);
  return out;
}

/// "1.10" after "1.9": codes compare segment by segment, numbers as numbers and before other
/// text (a strict order for any text a draft holds, as sorting needs).
bool code_less(std::string_view a, std::string_view b) {
  auto key = [](std::string_view seg) {
    const bool digits =
        !seg.empty() && seg.find_first_not_of("0123456789") == std::string_view::npos;
    std::string_view value = seg;
    if (digits) value.remove_prefix(std::min(seg.find_first_not_of('0'), seg.size() - 1));
    return std::tuple(!digits, digits ? value.size() : 0, value, seg);
  };
  while (!a.empty() && !b.empty()) {
    const std::size_t ia = std::min(a.find('.'), a.size()), ib = std::min(b.find('.'), b.size());
    const auto ka = key(a.substr(0, ia)), kb = key(b.substr(0, ib));
    if (ka != kb) return ka < kb;
    a.remove_prefix(std::min(ia + 1, a.size()));
    b.remove_prefix(std::min(ib + 1, b.size()));
  }
  return a.empty() && !b.empty();
}

struct Band {
  std::string_view category, label, cls;
};
// Top to bottom (DOMAIN §2): management over the core chain over support; a process whose
// category is not set yet is drawn in a band of its own rather than dropped.
constexpr Band kBands[] = {{"manajemen", "Manajemen", "band-m"},
                           {"utama", "Utama", "band-u"},
                           {"pendukung", "Pendukung", "band-p"},
                           {"", "Belum dikategorikan", "band-x"}};

/// A process placed on the diagram.
struct Placed {
  const MapProcess* process = nullptr;
  Box box;
  bool chevron = false;
  std::size_t row = 0;  // rows counted over all bands, for routing flows
};

std::vector<const MapProcess*> in_band(const ProcessMap& map, const Band& band) {
  std::vector<const MapProcess*> out;
  auto known = [](const std::string& c) {
    return c == "manajemen" || c == "utama" || c == "pendukung";
  };
  for (const auto& p : map.processes)
    if (band.category.empty() ? !known(p.category) : p.category == band.category) out.push_back(&p);
  std::stable_sort(out.begin(), out.end(), [](const MapProcess* a, const MapProcess* b) {
    return code_less(a->code, b->code);
  });
  return out;
}

/// The column of bands: its width, and the width and spacing of its boxes.
struct Column {
  double w = kMinCenterW, box_w = kBoxW, gap = kBoxGap;
  std::size_t per_row = 1;
};

Column column_of(const ProcessMap& map) {
  Column c;
  const bool level0 = map.type == kMapLevel0;
  std::size_t widest = 1;  // boxes in the fullest band
  for (const Band& band : kBands)
    if (!level0 || band.category != "utama") widest = std::max(widest, in_band(map, band).size());
  if (level0) {
    // The chain sets the width; the boxes above and below share one width that fills it.
    const std::size_t chain = std::min(kChevronsPerRow, in_band(map, kBands[1]).size());
    const double chain_w =
        chain == 0 ? 0 : kChevronStep * static_cast<double>(chain - 1) + kChevronW;
    c.w = std::max(kMinCenterW, chain_w + 2 * kBandPad);
    const double inner = c.w - 2 * kBandPad;
    const auto fit =
        std::max<std::size_t>(1, static_cast<std::size_t>((inner + c.gap) / (kBoxMinW + c.gap)));
    const double n = static_cast<double>(std::min(widest, fit));
    c.box_w = std::min(kBoxMaxW, (inner - c.gap * (n - 1)) / n);
  } else {
    c.gap = kFlowGap;
    const double n = static_cast<double>(std::min<std::size_t>(widest, 5));
    c.w = std::max(kMinCenterW, n * (kBoxW + c.gap) - c.gap + 2 * kBandPad);
  }
  c.per_row = std::max<std::size_t>(
      1, static_cast<std::size_t>((c.w - 2 * kBandPad + c.gap) / (c.box_w + c.gap)));
  return c;
}

double name_width(bool chevron, double box_w) {
  return chevron ? kChevronW - 2 * kChevronNotch - 8 : box_w - 22;
}

double process_height(const MapProcess& p, bool chevron, double box_w, const MapSvgNames& names) {
  const double lines = static_cast<double>(
      std::max<std::size_t>(1, lines_of(p.name, name_width(chevron, box_w)).size()));
  const bool unit = !p.unit.empty() && names.unit && !names.unit(p.unit).empty();
  return std::max(chevron ? kChevronMinH : kBoxMinH, 18 + kLineH * (lines + unit) + 14);
}

/// One process: its shape, code, name and owning unit, in the group the browser drills into.
/// A process some map details is drawn solid with "⊞"; one not yet detailed, dashed.
std::string process_svg(const Placed& pl, const MapSvgNames& names) {
  const MapProcess& p = *pl.process;
  const Box& b = pl.box;
  const std::string detail = names.detailed_by ? names.detailed_by(p.id) : "";
  std::string out = "<g class=\"process\" data-process=\"" + xml_escape(p.id) + "\"";
  if (!detail.empty()) out += " data-map=\"" + xml_escape(detail) + "\"";
  out += "><title>" + xml_escape(text::cut_utf8(p.code + " " + p.name, 1000)) +
         (detail.empty() ? " (belum dirinci)" : "") + "</title>";
  const std::string shape = detail.empty() ? "shape belum" : "shape dirinci";
  const double n = kChevronNotch, cy = b.y + b.h / 2;
  if (pl.chevron)
    out += "<polygon class=\"" + shape + "\" points=\"" +
           points({{b.x, b.y},
                   {b.right() - n, b.y},
                   {b.right(), cy},
                   {b.right() - n, b.bottom()},
                   {b.x, b.bottom()},
                   {b.x + n, cy}}) +
           "\"/>";
  else
    out += rect(b.x, b.y, b.w, b.h, shape, 6);
  const double cx = pl.chevron ? b.x + b.w / 2 + n / 4 : b.x + b.w / 2;
  const auto name = lines_of(p.name, name_width(pl.chevron, b.w));
  const std::string unit_name = p.unit.empty() || !names.unit ? "" : names.unit(p.unit);
  const double block = kLineH * static_cast<double>(1 + name.size() + !unit_name.empty());
  const double y = b.y + (b.h - block) / 2 + 11;
  out += text_lines({p.code.empty() ? "—" : text::cut_utf8(p.code, 40)}, cx, y, "code");
  out += text_lines(name, cx, y + kLineH, "t");
  if (!unit_name.empty())
    out += text_lines(lines_of(unit_name, name_width(pl.chevron, b.w), 1), cx,
                      y + kLineH * static_cast<double>(1 + name.size()), "unit");
  if (!detail.empty())
    out += "<text class=\"mark\"" + attr("x", pl.chevron ? b.right() - n - 2 : b.right() - 5) +
           attr("y", b.y + 15) + " text-anchor=\"end\">⊞</text>";
  return out + "</g>";
}

/// The bands of a level-0 or decomposition map in `col` at x from `top`: boxes in rows, the
/// core processes of level 0 as a chain of chevrons. Appends to `svg` and `placed`; answers the
/// bottom, and in `core_mid` the middle of the core band (where level 0's arrows point).
double bands(const ProcessMap& map, const MapSvgNames& names, const Column& col, double x,
             double top, std::string& svg, std::vector<Placed>& placed, double& core_mid) {
  const bool level0 = map.type == kMapLevel0;
  double y = top;
  std::size_t row_index = 0;
  bool any = false;
  core_mid = -1;
  for (const Band& band : kBands) {
    const auto items = in_band(map, band);
    if (items.empty() && !(level0 && !band.category.empty())) continue;
    any = true;
    const bool chevrons = level0 && band.category == "utama";
    const double item_w = chevrons ? kChevronW : col.box_w;
    const double step = chevrons ? kChevronStep : col.box_w + col.gap;
    const std::size_t per_row = chevrons ? kChevronsPerRow : col.per_row;
    std::string content;
    double cy = y + kBandLabelH + 4;
    if (items.empty()) {
      content += text_lines({"(belum ada proses)"}, x + col.w / 2, cy + 20, "empty");
      cy += 32 + kBoxGap;
    }
    for (std::size_t first = 0; first < items.size(); first += per_row) {
      const std::size_t count = std::min(per_row, items.size() - first);
      double row_h = 0;
      for (std::size_t k = first; k < first + count; ++k)
        row_h = std::max(row_h, process_height(*items[k], chevrons, item_w, names));
      const double row_w = step * static_cast<double>(count - 1) + item_w;
      const double x0 = x + (col.w - row_w) / 2;
      for (std::size_t k = 0; k < count; ++k) {
        Placed pl{items[first + k],
                  {x0 + step * static_cast<double>(k), cy, item_w, row_h},
                  chevrons,
                  row_index};
        content += process_svg(pl, names);
        placed.push_back(pl);
      }
      ++row_index;
      cy += row_h + kBoxGap;
    }
    const double bottom = cy - kBoxGap + kBandPad;
    if (band.category == "utama") core_mid = (y + bottom) / 2;
    svg += "<g class=\"band\" data-category=\"" + std::string(band.category) + "\">" +
           rect(x, y, col.w, bottom - y, "band " + std::string(band.cls), 8) +
           text_lines({std::string(band.label)}, x + 12, y + 17, "band-label", "start") + content +
           "</g>";
    y = bottom + kBandGap;
  }
  if (!any) {
    svg += text_lines({"Belum ada proses"}, x + col.w / 2, y + 24, "empty");
    y += 40 + kBandGap;
  }
  return y - kBandGap;
}

enum class Side { kLeft, kRight, kTop, kBottom };

/// A flow between two placed processes: which sides it leaves and enters by, and the height of
/// its horizontal run (none for a straight arrow to the neighbour on the right).
struct Route {
  const MapFlow* flow;
  const Placed *from, *to;
  Side out, in;
  double run = 0;
  Point start, end;
};

/// Along the row to the right neighbour; over the row (forward) or under it (back) past
/// others; from row to row through the gap above or below the target. Ports on a box's top and
/// bottom are spread by where the other end lies, so arrows do not share a line.
std::vector<Route> routes(const ProcessMap& map, const std::vector<Placed>& placed) {
  std::map<std::string, const Placed*, std::less<>> at;
  for (const auto& pl : placed) at.emplace(pl.process->id, &pl);
  std::vector<Route> out;
  std::map<std::pair<double, int>, int> runs;  // (level, direction) → runs so far, to stagger
  auto stagger = [&](double level, int dir) {
    return level + dir * (6 + 3 * (runs[{level, dir}]++ % 3));
  };
  for (const auto& f : map.flows) {
    auto a = at.find(f.from), b = at.find(f.to);
    if (a == at.end() || b == at.end() || a->second == b->second) continue;
    const Placed &s = *a->second, &t = *b->second;
    Route r{&f, &s, &t, Side::kRight, Side::kLeft, 0, {}, {}};
    if (s.row == t.row) {
      const bool between = std::any_of(placed.begin(), placed.end(), [&](const Placed& o) {
        return o.row == s.row && o.box.x > std::min(s.box.x, t.box.x) &&
               o.box.x < std::max(s.box.x, t.box.x);
      });
      if (t.box.x < s.box.x) {
        r.out = r.in = Side::kBottom;
        r.run = stagger(s.box.bottom(), 1);
      } else if (between) {
        r.out = r.in = Side::kTop;
        r.run = stagger(s.box.y, -1);
      }
    } else if (t.box.y > s.box.y) {
      r.out = Side::kBottom, r.in = Side::kTop;
      r.run = stagger(t.box.y, -1);
    } else {
      r.out = Side::kTop, r.in = Side::kBottom;
      r.run = stagger(t.box.bottom(), 1);
    }
    out.push_back(r);
  }
  // Ports: each box side's ends, ordered by the x of their other end.
  struct End {
    Route* route;
    bool start;
    double other_x;
  };
  std::map<std::pair<const Placed*, Side>, std::vector<End>> ends;
  for (auto& r : out) {
    ends[{r.from, r.out}].push_back({&r, true, r.to->box.x + r.to->box.w / 2});
    ends[{r.to, r.in}].push_back({&r, false, r.from->box.x + r.from->box.w / 2});
  }
  for (auto& [key, list] : ends) {
    const Box& b = key.first->box;
    std::stable_sort(list.begin(), list.end(),
                     [](const End& x, const End& y) { return x.other_x < y.other_x; });
    for (std::size_t k = 0; k < list.size(); ++k) {
      const double share = static_cast<double>(k + 1) / static_cast<double>(list.size() + 1);
      Point p;
      switch (key.second) {
        case Side::kLeft:
          p = {b.x, b.y + b.h / 2};
          break;
        case Side::kRight:
          p = {b.right(), b.y + b.h / 2};
          break;
        case Side::kTop:
          p = {b.x + b.w * share, b.y};
          break;
        case Side::kBottom:
          p = {b.x + b.w * share, b.bottom()};
          break;
      }
      (list[k].start ? list[k].route->start : list[k].route->end) = p;
    }
  }
  return out;
}

std::string flows_svg(const ProcessMap& map, const std::vector<Placed>& placed) {
  std::string out;
  for (const Route& r : routes(map, placed)) {
    std::vector<Point> pts{r.start, r.end};
    if (r.out != Side::kRight) pts = {r.start, {r.start.x, r.run}, {r.end.x, r.run}, r.end};
    out += "<g class=\"flow\" data-flow=\"" + xml_escape(r.flow->id) +
           "\"><polyline class=\"edge\" points=\"" + points(pts) + "\"/>";
    if (!r.flow->name.empty()) {
      // On the longest segment, over the line (the label's halo keeps it readable).
      std::size_t longest = 0;
      auto length = [&](std::size_t i) {
        return std::abs(pts[i + 1].x - pts[i].x) + std::abs(pts[i + 1].y - pts[i].y);
      };
      for (std::size_t i = 1; i + 1 < pts.size(); ++i)
        if (length(i) > length(longest)) longest = i;
      const Point &p = pts[longest], &q = pts[longest + 1];
      out += text_lines(lines_of(r.flow->name, kFlowGap - 6, 1), (p.x + q.x) / 2,
                        (p.y + q.y) / 2 + 3.5, "fl");
    }
    out += "</g>";
  }
  return out;
}

/// A column box of level 0 (stakeholders, inputs, outputs, outcomes): a heading and bullets.
struct SideBox {
  std::string_view heading;
  const std::vector<std::string>* items;
  std::vector<std::vector<std::string>> lines;
  double natural = 0;
};

SideBox side_box(std::string_view heading, const std::vector<std::string>& items) {
  SideBox box{heading, &items, {}, kSideHeadH + 12};
  for (const auto& item : items) {
    box.lines.push_back(lines_of(item, kSideW - 32, 3));
    box.natural += kLineH * static_cast<double>(box.lines.back().size()) + 4;
  }
  if (items.empty()) box.natural += kLineH + 4;
  return box;
}

std::string side_svg(const SideBox& box, double x, double y, double h, std::string_view cls) {
  std::string out = "<g class=\"column " + std::string(cls) + "\">" +
                    rect(x, y, kSideW, h, "side", 6) +
                    rect(x, y, kSideW, kSideHeadH, "side-head", 6) +
                    text_lines({std::string(box.heading)}, x + kSideW / 2, y + 17, "side-h");
  double ty = y + kSideHeadH + 18;
  if (box.lines.empty()) out += text_lines({"(belum diisi)"}, x + kSideW / 2, ty, "empty");
  for (const auto& lines : box.lines) {
    out += "<circle class=\"bullet\"" + attr("cx", x + 13) + attr("cy", ty - 4) + " r=\"2.2\"/>";
    out += text_lines(lines, x + 21, ty, "t", "start");
    ty += kLineH * static_cast<double>(lines.size()) + 4;
  }
  return out + "</g>";
}

/// Two boxes filling a column of height `h` from `top`, each at least its natural height.
std::string side_column(const SideBox& first, const SideBox& second, double x, double top, double h,
                        std::string_view cls) {
  // Equal halves where both fit; else the first as tall as the second leaves room for.
  const double h1 =
      std::max(first.natural, std::min((h - kBandGap) / 2, h - kBandGap - second.natural));
  return side_svg(first, x, top, h1, cls) +
         side_svg(second, x, top + h1 + kBandGap, h - h1 - kBandGap, cls);
}

/// A broad arrow from x1 to x2 centred on cy: the flow from needs to processes to results.
std::string block_arrow(double x1, double x2, double cy) {
  const double head = std::min(16.0, (x2 - x1) / 2);
  return "<polygon class=\"big-arrow\" points=\"" +
         points({{x1, cy - 11},
                 {x2 - head, cy - 11},
                 {x2 - head, cy - 22},
                 {x2, cy},
                 {x2 - head, cy + 22},
                 {x2 - head, cy + 11},
                 {x1, cy + 11}}) +
         "\"/>";
}

std::string legend(double x, double y) {
  return "<g class=\"legend\">" + rect(x, y - 11, 26, 15, "shape dirinci", 3) +
         text_lines({"⊞ sudah dirinci ke peta di bawahnya"}, x + 34, y, "legend-t", "start") +
         rect(x + 280, y - 11, 26, 15, "shape belum", 3) +
         text_lines({"belum dirinci"}, x + 314, y, "legend-t", "start") + "</g>";
}

constexpr std::string_view kStyle =
    "<style>"
    ".judul{font:bold 18px sans-serif;fill:#1b2a41}.sub{font:12px sans-serif;fill:#4a5568}"
    ".band{stroke-width:1.2}.band-m{fill:#eaf1fb;stroke:#5b7fb9}"
    ".band-u{fill:#ecf6ee;stroke:#4d8f58}.band-p{fill:#fcf4e4;stroke:#b98a35}"
    ".band-x{fill:#f3f3f3;stroke:#999}"
    ".band-label{font:bold 12px sans-serif;fill:#2d3748;letter-spacing:.04em}"
    ".shape{fill:#fff;stroke:#2d3748;stroke-width:1.3}.band-u .shape{fill:#d9eedd;"
    "stroke:#2f6b39}.shape.belum{stroke-dasharray:5 3}.shape.dirinci{stroke-width:1.8}"
    ".code{font:bold 11px sans-serif;fill:#1a202c}.t{font:11px sans-serif;fill:#1a202c}"
    ".unit{font:italic 9.5px sans-serif;fill:#4a5568}.mark{font:13px sans-serif;fill:#2f6b39}"
    ".empty{font:italic 11px sans-serif;fill:#718096}"
    ".side{fill:#f7f8fa;stroke:#718096;stroke-width:1.1}.side-head{fill:#e2e8f0;"
    "stroke:#718096;stroke-width:1.1}.side-h{font:bold 12px sans-serif;fill:#2d3748}"
    ".bullet{fill:#4a5568}.big-arrow{fill:#a0aec0}"
    ".edge{stroke:#2d3748;stroke-width:1.2;fill:none;marker-end:url(#peta-panah)}"
    ".fl{font:10px sans-serif;fill:#2d3748;paint-order:stroke;stroke:#fff;stroke-width:3}"
    ".legend-t{font:10.5px sans-serif;fill:#4a5568}"
    ".lane{fill:#fff;stroke:#4a5568;stroke-width:1}.lane-label{font:bold 11px sans-serif;"
    "fill:#2d3748}.pool{fill:#f7f8fa;stroke:#2d3748;stroke-width:1.2}"
    ".node{fill:#fff;stroke:#2d3748;stroke-width:1.3}.node.mulai{stroke:#2f6b39;stroke-width:2}"
    ".node.selesai{stroke:#9b2c2c;stroke-width:3.2}.gw{font:bold 20px sans-serif;fill:#2d3748}"
    "</style>"
    "<defs><marker id=\"peta-panah\" viewBox=\"0 0 8 8\" refX=\"8\" refY=\"4\" "
    "markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L8,4 L0,8 z\" "
    "fill=\"#2d3748\"/></marker></defs>";

std::string open_svg(std::string_view cls, double x, double y, double w, double h,
                     const std::string& title) {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map-diagram " + std::string(cls) +
         "\"" + attr("width", w) + attr("height", h) + " viewBox=\"" + num(x) + " " + num(y) + " " +
         num(w) + " " + num(h) + "\" role=\"img\" aria-label=\"Peta proses bisnis " +
         xml_escape(text::cut_utf8(title, 300)) + "\">" + std::string(kStyle);
}

/// The title block over [x, x + w]: the map's name, then what it is. Answers the bottom.
double heading(const ProcessMap& map, const MapSvgNames& names, double x, double w, double top,
               std::string& svg) {
  auto title = wrap_text(text::cut_utf8(map.title, 300), w, 10.2);
  if (title.size() > 2) title.resize(2);
  if (title.empty()) title.push_back("(tanpa nama)");
  svg += "<text class=\"judul\"" + attr("x", x + w / 2) + attr("y", top + 18) +
         " text-anchor=\"middle\">";
  for (std::size_t i = 0; i < title.size(); ++i)
    svg += "<tspan" + attr("x", x + w / 2) + (i ? attr("dy", 22) : "") + ">" +
           xml_escape(title[i]) + "</tspan>";
  svg += "</text>";
  std::string sub = map.type == kMapLevel0 ? "Peta Proses Bisnis Level 0"
                    : map.cross_functional()
                        ? "Peta Lintas Fungsi"
                        : "Peta Proses Bisnis Level " + std::to_string(map.level);
  if (!map.number.empty()) sub += " · Kode " + text::cut_utf8(map.number, 40);
  if (names.unit && !map.unit.empty())
    if (std::string unit = names.unit(map.unit); !unit.empty())
      sub += " · " + text::cut_utf8(unit, 200);
  const double y = top + 18 + 22 * static_cast<double>(title.size() - 1) + 20;
  svg += text_lines(lines_of(sub, w, 1), x + w / 2, y, "sub");
  return y + 8;
}

std::string render_processes(const ProcessMap& map, const MapSvgNames& names) {
  const bool level0 = map.type == kMapLevel0;
  const Column col = column_of(map);
  const double center_x = level0 ? kMargin + kSideW + kSideGap : kMargin;
  const double width = center_x + col.w + (level0 ? kSideGap + kSideW : 0) + kMargin;
  std::string body;
  const double top = heading(map, names, kMargin, width - 2 * kMargin, kMargin, body) + 16;
  std::vector<Placed> placed;
  double core_mid = 0;
  double bottom = bands(map, names, col, center_x, top, body, placed, core_mid);
  if (level0) {
    const SideBox stakeholders = side_box("Pemangku kepentingan", map.stakeholders),
                  inputs = side_box("Masukan", map.inputs),
                  outputs = side_box("Keluaran", map.outputs),
                  outcomes = side_box("Hasil", map.outcomes);
    const double h = std::max({bottom - top, stakeholders.natural + inputs.natural + kBandGap,
                               outputs.natural + outcomes.natural + kBandGap});
    bottom = top + h;
    const double right_x = center_x + col.w + kSideGap;
    body += side_column(stakeholders, inputs, kMargin, top, h, "masuk");
    body += side_column(outputs, outcomes, right_x, top, h, "keluar");
    // Needs flow into the core chain and results out of it.
    const double arrow_y = core_mid > 0 ? core_mid : top + h / 2;
    body += block_arrow(kMargin + kSideW + 6, center_x - 6, arrow_y);
    body += block_arrow(center_x + col.w + 6, right_x - 6, arrow_y);
  } else {
    body += flows_svg(map, placed);
  }
  const double legend_y = bottom + 24;
  body += legend(center_x, legend_y);
  const double height = legend_y + 10 + kMargin;
  return open_svg(level0 ? "map-level0" : "map-decomposition", 0, 0, width, height, map.title) +
         body + "</svg>\n";
}

/// A cross-functional map as a plain overview from its diagram bounds; elements without bounds
/// are placed lane by lane, left to right.
std::string render_cross_functional(const ProcessMap& map, const MapSvgNames& names) {
  constexpr double kPoolStrip = 30, kLaneH = 140, kNodeStep = 150;
  // Lanes: their own bounds, or stacked below the last one.
  std::vector<Box> lanes;
  double next_y = 0, lanes_right = 0;
  for (const auto& l : map.lanes) {
    Box b = l.bounds.set ? Box{l.bounds.x, l.bounds.y, l.bounds.width, l.bounds.height}
                         : Box{kPoolStrip, next_y, 0, kLaneH};
    lanes.push_back(b);
    next_y = b.bottom();
    lanes_right = std::max(lanes_right, b.right());
  }
  std::map<std::string, std::size_t, std::less<>> lane_at;
  for (std::size_t i = 0; i < map.lanes.size(); ++i) lane_at.emplace(map.lanes[i].id, i);
  std::vector<std::size_t> in_lane(map.lanes.size() + 1, 0);
  std::vector<Box> nodes;
  for (const auto& n : map.nodes) {
    if (n.bounds.set) {
      nodes.push_back({n.bounds.x, n.bounds.y, n.bounds.width, n.bounds.height});
      continue;
    }
    auto it = lane_at.find(n.lane);
    const std::size_t lane = it == lane_at.end() ? map.lanes.size() : it->second;
    const double size_w = n.is_activity()                              ? 100
                          : n.type == kNodeStart || n.type == kNodeEnd ? 36
                                                                       : 50;
    const double size_h = n.is_activity() ? 80 : size_w;
    const double lane_y = lane < lanes.size() ? lanes[lane].y : next_y;
    const double lane_x = lane < lanes.size() ? lanes[lane].x : kPoolStrip;
    const double cx = lane_x + 30 + 60 + kNodeStep * static_cast<double>(in_lane[lane]++);
    nodes.push_back({cx - size_w / 2, lane_y + kLaneH / 2 - size_h / 2, size_w, size_h});
  }
  for (const auto& b : nodes) lanes_right = std::max(lanes_right, b.right() + 40);
  for (std::size_t i = 0; i < lanes.size(); ++i)
    if (!map.lanes[i].bounds.set) lanes[i].w = std::max(600.0, lanes_right - lanes[i].x);
  // The content box, for the viewBox.
  double x1 = 0, y1 = 0, x2 = 600, y2 = 100;
  bool first = true;
  auto grow = [&](double ax, double ay, double bx, double by) {
    if (first) {
      x1 = ax, y1 = ay, x2 = bx, y2 = by, first = false;
      return;
    }
    x1 = std::min(x1, ax), y1 = std::min(y1, ay), x2 = std::max(x2, bx), y2 = std::max(y2, by);
  };
  for (const auto& b : lanes) grow(b.x - kPoolStrip, b.y, b.right(), b.bottom());
  for (const auto& b : nodes) grow(b.x, b.y, b.right(), b.bottom());
  for (const auto& f : map.flows)
    for (const auto& p : f.waypoints) grow(p.x, p.y, p.x, p.y);

  std::string body;
  const double head_top = y1 - kMargin - 56;
  heading(map, names, x1, x2 - x1, head_top, body);
  if (!lanes.empty()) {
    double top = lanes[0].y, bottom = lanes[0].bottom(), left = lanes[0].x;
    for (const auto& b : lanes)
      top = std::min(top, b.y), bottom = std::max(bottom, b.bottom()), left = std::min(left, b.x);
    body += rect(left - kPoolStrip, top, lanes_right - left + kPoolStrip, bottom - top, "pool");
    // The participant's strip carries the map's name, as in the BPMN file.
    const double cx = left - kPoolStrip / 2, cy = (top + bottom) / 2;
    body += "<g transform=\"rotate(-90 " + num(cx) + " " + num(cy) + ")\">" +
            text_lines(lines_of(map.title, std::max(40.0, bottom - top - 10), 1), cx, cy + 4,
                       "lane-label") +
            "</g>";
  }
  for (std::size_t i = 0; i < lanes.size(); ++i) {
    const Box& b = lanes[i];
    const MapLane& l = map.lanes[i];
    std::string label = l.name;
    if (label.empty() && names.unit && !l.unit.empty()) label = names.unit(l.unit);
    body += "<g class=\"lane-g\" data-lane=\"" + xml_escape(l.id) + "\">" +
            rect(b.x, b.y, b.w, b.h, "lane");
    // The name reads bottom to top in the lane's left strip, as BPMN tools draw it.
    const double cx = b.x + 15, cy = b.y + b.h / 2;
    body += "<g transform=\"rotate(-90 " + num(cx) + " " + num(cy) + ")\">" +
            text_lines(lines_of(label, std::max(40.0, b.h - 10), 1), cx, cy + 4, "lane-label") +
            "</g></g>";
  }
  std::map<std::string, const Box*, std::less<>> box_of;
  for (std::size_t i = 0; i < map.nodes.size(); ++i) box_of.emplace(map.nodes[i].id, &nodes[i]);
  for (const auto& f : map.flows) {
    std::vector<Point> pts;
    for (const auto& p : f.waypoints) pts.push_back({p.x, p.y});
    auto a = box_of.find(f.from), b = box_of.find(f.to);
    if (pts.size() < 2) {
      if (a == box_of.end() || b == box_of.end() || a->second == b->second) continue;
      const Box &s = *a->second, &t = *b->second;
      pts = {{s.right(), s.y + s.h / 2}, {t.x, t.y + t.h / 2}};
      if (t.x < s.right()) pts = {{s.x + s.w / 2, s.bottom()}, {t.x + t.w / 2, t.y}};
    }
    body += "<g class=\"flow\" data-flow=\"" + xml_escape(f.id) + "\"><polyline class=\"edge\"" +
            " points=\"" + points(pts) + "\"/>";
    if (!f.name.empty())
      body += text_lines(lines_of(f.name, 100, 1), (pts[0].x + pts[1].x) / 2,
                         (pts[0].y + pts[1].y) / 2 - 4, "fl");
    body += "</g>";
  }
  for (std::size_t i = 0; i < map.nodes.size(); ++i) {
    const MapNode& n = map.nodes[i];
    const Box& b = nodes[i];
    const double cx = b.x + b.w / 2, cy = b.y + b.h / 2;
    const bool sub = n.type == kNodeSubProcess;
    std::string detail = sub ? n.map : "";
    if (sub && detail.empty() && names.detailed_by) detail = names.detailed_by(n.id);
    body += sub ? "<g class=\"process\" data-process=\"" + xml_escape(n.id) + "\"" +
                      (detail.empty() ? "" : " data-map=\"" + xml_escape(detail) + "\"")
                : "<g class=\"element\" data-node=\"" + xml_escape(n.id) + "\"";
    body += "><title>" + xml_escape(text::cut_utf8(n.name, 1000)) + "</title>";
    const std::string cls =
        "node " +
        std::string(n.type == kNodeStart || n.type == kNodeEnd ? n.type : std::string("x"));
    if (n.type == kNodeStart || n.type == kNodeEnd) {
      body += "<circle class=\"" + cls + "\"" + attr("cx", cx) + attr("cy", cy) +
              attr("r", std::min(b.w, b.h) / 2) + "/>";
      body += text_lines(lines_of(n.name, 110, 2), cx, b.bottom() + 14, "t");
    } else if (n.type == kNodeExclusive || n.type == kNodeParallel) {
      body += "<polygon class=\"" + cls + "\" points=\"" +
              points({{cx, b.y}, {b.right(), cy}, {cx, b.bottom()}, {b.x, cy}}) + "\"/>";
      body += text_lines({n.type == kNodeExclusive ? "×" : "+"}, cx, cy + 7, "gw");
      body += text_lines(lines_of(n.name, 110, 2), cx, b.bottom() + 14, "t");
    } else {
      body += rect(b.x, b.y, b.w, b.h,
                   sub ? std::string(detail.empty() ? "shape belum" : "shape dirinci") : cls, 8);
      // As many lines as the box holds (bounds come from any BPMN tool: keep the count sane).
      const double room = std::isfinite(b.h) ? std::clamp(b.h / kLineH - 1, 1.0, 8.0) : 1.0;
      const auto lines = lines_of(n.name, std::max(30.0, b.w - 12), static_cast<std::size_t>(room));
      body +=
          text_lines(lines, cx, cy - kLineH * static_cast<double>(lines.size() - 1) / 2 + 4, "t");
      if (sub)
        body += "<text class=\"mark\"" + attr("x", cx) + attr("y", b.bottom() - 4) +
                " text-anchor=\"middle\">⊞</text>";
    }
    body += "</g>";
  }
  const double vx = x1 - kMargin, vy = head_top - kMargin + 10;
  return open_svg("map-cross-functional", vx, vy, x2 - x1 + 2 * kMargin, y2 + kMargin - vy,
                  map.title) +
         body + "</svg>\n";
}

}  // namespace

std::string render_map_svg(const ProcessMap& map, const MapSvgNames& names) {
  if (map.cross_functional()) return render_cross_functional(map, names);
  return render_processes(map, names);
}

}  // namespace sopan::domain
