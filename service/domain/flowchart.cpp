#include "domain/flowchart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>

#include "common/xml.hpp"

namespace sopan::domain {

namespace {

// Geometry in SVG user units (≈ px at 96 dpi). A landscape A4 page is ~1120 units wide.
constexpr double kMargin = 10;
constexpr double kHeaderTop = 24, kHeaderBottom = 36;
constexpr double kNoW = 34, kActivityW = 210, kActorW = 110, kReqW = 120, kTimeW = 64,
                 kOutputW = 110, kNotesW = 110;
constexpr double kChannelPad = 10, kTrackW = 6;
constexpr double kMinRowH = 64, kLineH = 13, kCellPad = 8;
constexpr double kConnectorRowH = 40, kConnectorW = 30, kConnectorH = 26;
constexpr double kStubOut = 12;

struct Size {
  double w, h;
};
Size symbol_size(const std::string& symbol) {
  if (symbol == "keputusan") return {60, 40};
  if (symbol == "kegiatan") return {76, 32};
  return {64, 24};  // mulai, selesai: the capsule
}

std::string shape_of(const std::string& symbol) {
  if (symbol == "keputusan") return "belah_ketupat";
  if (symbol == "kegiatan") return "kotak";
  return "kapsul";
}

}  // namespace

std::vector<std::string> wrap_text(const std::string& text, double width, double char_width) {
  const std::size_t per_line =
      std::max<std::size_t>(4, static_cast<std::size_t>(width / char_width));
  std::vector<std::string> lines;
  std::string line;
  std::size_t line_chars = 0;
  auto utf8_len = [](const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
  };
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '\n') {
      lines.push_back(line);
      line.clear();
      line_chars = 0;
      ++i;
      continue;
    }
    std::size_t end = text.find_first_of(" \n", i);
    if (end == std::string::npos) end = text.size();
    std::string word = text.substr(i, end - i);
    std::size_t wl = utf8_len(word);
    if (line_chars > 0 && line_chars + 1 + wl > per_line) {
      lines.push_back(line);
      line.clear();
      line_chars = 0;
    }
    while (wl > per_line) {  // a very long word: cut on a byte boundary of a whole character
      std::size_t cut = 0, chars = 0;
      while (cut < word.size() && chars < per_line) {
        ++cut;
        while (cut < word.size() && (static_cast<unsigned char>(word[cut]) & 0xC0) == 0x80) ++cut;
        ++chars;
      }
      if (!line.empty()) lines.push_back(line);
      lines.push_back(word.substr(0, cut));
      line.clear();
      line_chars = 0;
      word = word.substr(cut);
      wl = utf8_len(word);
    }
    if (!word.empty()) {
      if (line_chars > 0) {
        line += ' ';
        ++line_chars;
      }
      line += word;
      line_chars += wl;
    }
    i = end < text.size() && text[end] == ' ' ? end + 1 : end;
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

namespace {

std::string duration_text(const SopStep& s) {
  if (!s.duration_value) return {};
  char buf[32];
  double v = *s.duration_value;
  if (std::floor(v) == v)
    std::snprintf(buf, sizeof buf, "%.0f", v);
  else
    std::snprintf(buf, sizeof buf, "%.1f", v);
  return std::string(buf) + " " + s.duration_unit;
}

double actor_center(const TableColumns& c, std::size_t a) { return c.actors + kActorW * (a + 0.5); }
double left_track(const TableColumns& c, std::size_t t) {
  return c.actors - kChannelPad / 2 - kTrackW * t;
}
double right_track(const TableColumns& c, std::size_t t) {
  return c.right_channel + kChannelPad / 2 + kTrackW * t;
}

TableColumns columns(std::size_t n_actors, std::size_t left_tracks, std::size_t right_tracks) {
  TableColumns c;
  c.no = kMargin;
  c.activity = c.no + kNoW;
  c.left_channel = c.activity + kActivityW;
  c.actors = c.left_channel + kChannelPad + kTrackW * left_tracks;
  c.right_channel = c.actors + kActorW * n_actors;
  c.req = c.right_channel + kChannelPad + kTrackW * right_tracks;
  c.time = c.req + kReqW;
  c.output = c.time + kTimeW;
  c.notes = c.output + kOutputW;
  c.end = c.notes + kNotesW;
  return c;
}

double row_height(const SopStep& s) {
  std::size_t lines = 1;
  for (auto [text, w] : {std::pair{s.activity, kActivityW}, std::pair{s.requirements, kReqW},
                         std::pair{s.output, kOutputW}, std::pair{s.notes, kNotesW}})
    lines = std::max(lines, wrap_text(text, w - 2 * kCellPad).size());
  return std::max(kMinRowH, lines * kLineH + 2 * kCellPad);
}

/// One edge before geometry: which channel it uses, if any.
struct PlannedEdge {
  std::size_t from, to;
  std::string label;
  bool from_side = false;  // the second exit of a decision leaves from the right vertex
  enum class Kind { kAdjacent, kForward, kBack, kOut } kind;
  std::size_t track = 0;
};

}  // namespace

bool Box::overlaps(const Box& o) const {
  return x < o.right() && o.x < right() && y < o.bottom() && o.y < bottom();
}

Flowchart layout_flowchart(const Sop& sop, const std::vector<std::string>& actor_names,
                           const FlowchartOptions& options) {
  Flowchart chart;
  chart.actor_names = actor_names;
  const std::size_t n_actors = std::max<std::size_t>(1, sop.actors.size());
  const std::size_t per_page = std::max<std::size_t>(1, options.steps_per_page);
  std::map<std::string, std::size_t> actor_index;
  for (std::size_t a = 0; a < sop.actors.size(); ++a) actor_index.emplace(sop.actors[a].id, a);
  auto actor_of = [&](std::size_t step) -> std::optional<std::size_t> {
    auto it = actor_index.find(sop.steps[step].actor);
    if (it == actor_index.end()) return std::nullopt;
    return it->second;
  };
  auto page_of = [&](std::size_t step) { return step / per_page; };
  const std::size_t n_pages =
      std::max<std::size_t>(1, (sop.steps.size() + per_page - 1) / per_page);

  // Plan the edges of every page first: channel tracks decide the column positions.
  std::vector<std::vector<PlannedEdge>> planned(n_pages);
  std::vector<std::vector<PlannedEdge>> incoming(n_pages);  // cross-page edges by target page
  for (std::size_t i = 0; i < sop.steps.size(); ++i) {
    if (!actor_of(i)) continue;
    const SopStep& s = sop.steps[i];
    std::vector<std::pair<std::size_t, std::string>> targets;
    if (s.symbol == "keputusan") {
      for (const auto& e : s.exits)
        if (auto j = sop.step_index(e.to); j && *j != i) targets.emplace_back(*j, e.label);
    } else {
      for (std::size_t j : sop.successors(i)) targets.emplace_back(j, "");
    }
    for (std::size_t k = 0; k < targets.size(); ++k) {
      auto [j, label] = targets[k];
      if (!actor_of(j)) continue;
      PlannedEdge e{i, j, label, k == 1, PlannedEdge::Kind::kAdjacent, 0};
      if (page_of(j) != page_of(i))
        e.kind = PlannedEdge::Kind::kOut;
      else if (j == i + 1)
        e.kind = PlannedEdge::Kind::kAdjacent;
      else
        e.kind = j > i ? PlannedEdge::Kind::kForward : PlannedEdge::Kind::kBack;
      planned[page_of(i)].push_back(e);
      if (e.kind == PlannedEdge::Kind::kOut) incoming[page_of(j)].push_back(e);
    }
  }

  for (std::size_t p = 0; p < n_pages; ++p) {
    Page page;
    page.first_step = p * per_page;
    page.end_step = std::min(sop.steps.size(), page.first_step + per_page);
    auto& edges = planned[p];
    auto& in = incoming[p];
    std::size_t left_tracks = 0, right_tracks = 0;
    for (auto& e : edges) {
      if (e.kind == PlannedEdge::Kind::kBack) e.track = left_tracks++;
      if (e.kind == PlannedEdge::Kind::kForward || e.kind == PlannedEdge::Kind::kOut)
        e.track = right_tracks++;
    }
    std::vector<std::size_t> in_tracks;
    for (std::size_t k = 0; k < in.size(); ++k) in_tracks.push_back(right_tracks++);
    const TableColumns col = columns(n_actors, left_tracks, right_tracks);
    page.columns = col;

    // Rows: optional incoming connectors on top, the steps, optional outgoing ones below.
    // Long position names wrap in the header; its second row grows to hold them.
    std::size_t header_lines = 2;
    for (const auto& name : actor_names)
      header_lines = std::max(header_lines, wrap_text(name, kActorW - 2 * kCellPad).size());
    double y = kMargin + kHeaderTop + std::max(kHeaderBottom, header_lines * kLineH + kCellPad);
    page.body_top = y;
    const double top_connectors_y = y;
    y += kConnectorRowH * in.size();
    std::vector<double> row_top, row_bottom;
    for (std::size_t i = page.first_step; i < page.end_step; ++i) {
      row_top.push_back(y);
      y += row_height(sop.steps[i]);
      row_bottom.push_back(y);
      page.rows.emplace_back(row_top.back(), y);
    }
    std::size_t n_out = 0;
    for (const auto& e : edges) n_out += e.kind == PlannedEdge::Kind::kOut;
    const double bottom_connectors_y = y;
    y += kConnectorRowH * n_out;
    page.width = col.end + kMargin;
    page.height = y + kMargin;

    auto rel = [&](std::size_t step) { return step - page.first_step; };
    std::map<std::size_t, Box> box_of;
    for (std::size_t i = page.first_step; i < page.end_step; ++i) {
      auto a = actor_of(i);
      if (!a) continue;
      Size sz = symbol_size(sop.steps[i].symbol);
      double cy = (row_top[rel(i)] + row_bottom[rel(i)]) / 2;
      Box b{actor_center(col, *a) - sz.w / 2, cy - sz.h / 2, sz.w, sz.h};
      box_of[i] = b;
      page.symbols.push_back({i, shape_of(sop.steps[i].symbol), b});
    }

    // Horizontal runs in a row gap are spread a little so they do not lie on top of each other.
    std::map<double, int> gap_use;
    auto gap_y = [&](double boundary) {
      int k = gap_use[boundary]++;
      return boundary + ((k % 4) - 1.5) * 3;
    };
    // The start of an edge: the bottom of the symbol, or for a decision's second exit its right
    // vertex and a short stub outwards.
    auto start = [&](const PlannedEdge& e, std::vector<Point>& pts) {
      const Box& b = box_of.at(e.from);
      if (e.from_side) {
        double cy = b.y + b.h / 2;
        pts.push_back({b.right(), cy});
        pts.push_back({b.right() + kStubOut, cy});
      } else {
        pts.push_back({b.x + b.w / 2, b.bottom()});
      }
    };
    auto enter_from_above = [&](std::size_t j, double run_y, std::vector<Point>& pts) {
      const Box& b = box_of.at(j);
      pts.push_back({b.x + b.w / 2, run_y});
      pts.push_back({b.x + b.w / 2, b.y});
    };

    std::size_t out_k = 0;
    for (const auto& e : edges) {
      Edge out{e.from, e.to, {}, e.label};
      start(e, out.points);
      const double x0 = out.points.back().x;
      const double below = gap_y(row_bottom[rel(e.from)]);
      out.points.push_back({x0, below});
      switch (e.kind) {
        case PlannedEdge::Kind::kAdjacent:
          enter_from_above(e.to, below, out.points);
          break;
        case PlannedEdge::Kind::kForward:
        case PlannedEdge::Kind::kBack: {
          double x = e.kind == PlannedEdge::Kind::kForward ? right_track(col, e.track)
                                                           : left_track(col, e.track);
          double above = gap_y(row_top[rel(e.to)]);
          out.points.push_back({x, below});
          out.points.push_back({x, above});
          enter_from_above(e.to, above, out.points);
          break;
        }
        case PlannedEdge::Kind::kOut: {
          double x = right_track(col, e.track);
          double cy = bottom_connectors_y + kConnectorRowH * (out_k + 0.5);
          Box c{col.right_channel - kConnectorW - 6, cy - kConnectorH / 2, kConnectorW,
                kConnectorH};
          out.points.push_back({x, below});
          out.points.push_back({x, cy});
          out.points.push_back({c.right(), cy});
          page.connectors.push_back({c, std::to_string(e.to + 1), true, e.from});
          ++out_k;
          break;
        }
      }
      // Collapse the zero-length steps an aligned route produces.
      std::vector<Point> clean;
      for (const auto& pt : out.points)
        if (clean.empty() || std::abs(clean.back().x - pt.x) > 0.01 ||
            std::abs(clean.back().y - pt.y) > 0.01)
          clean.push_back(pt);
      out.points = std::move(clean);
      page.edges.push_back(std::move(out));
    }
    for (std::size_t k = 0; k < in.size(); ++k) {
      const auto& e = in[k];
      double cy = top_connectors_y + kConnectorRowH * (k + 0.5);
      Box c{col.right_channel - kConnectorW - 6, cy - kConnectorH / 2, kConnectorW, kConnectorH};
      page.connectors.push_back({c, std::to_string(e.from + 1), false, e.to});
      double x = right_track(col, in_tracks[k]);
      double above = gap_y(row_top[rel(e.to)]);
      Edge edge{e.from, e.to, {{c.right(), cy}, {x, cy}, {x, above}}, e.label};
      enter_from_above(e.to, above, edge.points);
      page.edges.push_back(std::move(edge));
    }
    chart.pages.push_back(std::move(page));
  }
  return chart;
}

namespace {

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s = buf;
  if (s.size() > 2 && s.ends_with(".0")) s.resize(s.size() - 2);
  return s;
}

/// Wrapped text in a cell, one <tspan> per line (stays selectable in the browser and in PDF).
std::string cell_text(const std::string& text, double x, double y, double w, const char* anchor,
                      const char* cls = "t") {
  std::string out;
  auto lines = wrap_text(text, w - 2 * kCellPad);
  if (lines.empty()) return out;
  double tx = std::string_view(anchor) == "middle" ? x + w / 2 : x + kCellPad;
  out += "<text class=\"" + std::string(cls) + "\" x=\"" + num(tx) + "\" y=\"" +
         num(y + kCellPad + 10) + "\" text-anchor=\"" + anchor + "\">";
  for (std::size_t i = 0; i < lines.size(); ++i)
    out += "<tspan x=\"" + num(tx) + "\"" + (i ? " dy=\"" + num(kLineH) + "\"" : "") + ">" +
           xml_escape(lines[i]) + "</tspan>";
  out += "</text>";
  return out;
}

/// A step's symbol: a capsule (start, end), a rectangle (activity) or a diamond (decision).
std::string symbol_svg(const Symbol& sym) {
  const Box& b = sym.box;
  if (sym.shape == "kapsul")
    return "<rect class=\"s\" x=\"" + num(b.x) + "\" y=\"" + num(b.y) + "\" width=\"" + num(b.w) +
           "\" height=\"" + num(b.h) + "\" rx=\"" + num(b.h / 2) + "\"/>";
  if (sym.shape == "kotak")
    return "<rect class=\"s\" x=\"" + num(b.x) + "\" y=\"" + num(b.y) + "\" width=\"" + num(b.w) +
           "\" height=\"" + num(b.h) + "\"/>";
  double cx = b.x + b.w / 2, cy = b.y + b.h / 2;
  return "<polygon class=\"s\" points=\"" + num(cx) + "," + num(b.y) + " " + num(b.right()) + "," +
         num(cy) + " " + num(cx) + "," + num(b.bottom()) + " " + num(b.x) + "," + num(cy) + "\"/>";
}

}  // namespace

std::vector<std::string> render_svg(const Sop& sop, const Flowchart& chart) {
  std::vector<std::string> pages;
  const std::size_t n_actors = std::max<std::size_t>(1, chart.actor_names.size());
  for (std::size_t p = 0; p < chart.pages.size(); ++p) {
    const Page& page = chart.pages[p];
    const TableColumns& col = page.columns;

    std::string svg;
    svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"sop-flowchart\" width=\"" +
           num(page.width) + "\" height=\"" + num(page.height) + "\" viewBox=\"0 0 " +
           num(page.width) + " " + num(page.height) + "\" role=\"img\" aria-label=\"Diagram alir " +
           xml_escape(sop.title) + ", halaman " + std::to_string(p + 1) + "\">";
    svg +=
        "<style>.t{font:10px sans-serif;fill:#111}.h{font:bold 10px sans-serif;fill:#111}"
        ".g{stroke:#444;stroke-width:0.8;fill:none}.s{stroke:#111;stroke-width:1.2;fill:#fff}"
        ".e{stroke:#111;stroke-width:1;fill:none;marker-end:url(#panah)}.l{font:9px "
        "sans-serif;fill:#333}</style>";
    svg +=
        "<defs><marker id=\"panah\" viewBox=\"0 0 8 8\" refX=\"8\" refY=\"4\" markerWidth=\"7\" "
        "markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L8,4 L0,8 z\" fill=\"#111\"/></marker>"
        "</defs>";
    const double top = kMargin, mid = kMargin + kHeaderTop, body = page.body_top;
    const double bottom = page.height - kMargin;
    auto vline = [&](double x, double y1, double y2) {
      svg += "<line class=\"g\" x1=\"" + num(x) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x) +
             "\" y2=\"" + num(y2) + "\"/>";
    };
    auto hline = [&](double x1, double x2, double yy) {
      svg += "<line class=\"g\" x1=\"" + num(x1) + "\" y1=\"" + num(yy) + "\" x2=\"" + num(x2) +
             "\" y2=\"" + num(yy) + "\"/>";
    };
    // Header: No | Kegiatan | Pelaksana (actors) | Mutu Baku (3) | Keterangan.
    svg += "<rect class=\"g\" x=\"" + num(col.no) + "\" y=\"" + num(top) + "\" width=\"" +
           num(col.end - col.no) + "\" height=\"" + num(bottom - top) + "\"/>";
    hline(col.left_channel, col.notes, mid);
    hline(col.no, col.end, body);
    for (double x : {col.activity, col.left_channel, col.req, col.notes}) vline(x, top, bottom);
    for (double x : {col.time, col.output}) vline(x, mid, bottom);
    for (std::size_t a = 1; a < n_actors; ++a) vline(col.actors + kActorW * a, mid, bottom);
    svg += cell_text("No", col.no, top + 8, kNoW, "middle", "h");
    svg += cell_text("Kegiatan", col.activity, top + 8, kActivityW, "middle", "h");
    svg += cell_text("Pelaksana", col.left_channel, top, col.req - col.left_channel, "middle", "h");
    svg += cell_text("Mutu Baku", col.req, top, col.notes - col.req, "middle", "h");
    svg += cell_text("Keterangan", col.notes, top + 8, kNotesW, "middle", "h");
    for (std::size_t a = 0; a < n_actors; ++a) {
      double x = a == 0 ? col.left_channel : col.actors + kActorW * a;
      double w = (a + 1 == n_actors ? col.req : col.actors + kActorW * (a + 1)) - x;
      svg += cell_text(a < chart.actor_names.size() ? chart.actor_names[a] : "", x, mid - 4, w,
                       "middle", "h");
    }
    svg += cell_text("Kelengkapan", col.req, mid, kReqW, "middle", "h");
    svg += cell_text("Waktu", col.time, mid, kTimeW, "middle", "h");
    svg += cell_text("Output", col.output, mid, kOutputW, "middle", "h");

    // Each step's row and symbol in one group named by the step's id and number, so a screen can
    // mark a step (changed in a review, performed by the reader) without knowing the geometry.
    std::map<std::size_t, const Symbol*> symbol_of;
    for (const auto& sym : page.symbols) symbol_of.emplace(sym.step, &sym);
    for (std::size_t i = page.first_step; i < page.end_step; ++i) {
      const SopStep& s = sop.steps[i];
      const auto [y, row_bottom] = page.rows[i - page.first_step];
      hline(col.no, col.end, y);
      if (i + 1 == page.end_step) hline(col.no, col.end, row_bottom);
      svg += "<g class=\"step\" data-step=\"" + xml_escape(s.id) + "\" data-no=\"" +
             std::to_string(i + 1) + "\">";
      svg += cell_text(std::to_string(i + 1), col.no, y, kNoW, "middle");
      svg += cell_text(s.activity, col.activity, y, kActivityW, "start");
      svg += cell_text(s.requirements, col.req, y, kReqW, "start");
      svg += cell_text(duration_text(s), col.time, y, kTimeW, "middle");
      svg += cell_text(s.output, col.output, y, kOutputW, "start");
      svg += cell_text(s.notes, col.notes, y, kNotesW, "start");
      if (auto it = symbol_of.find(i); it != symbol_of.end()) svg += symbol_svg(*it->second);
      svg += "</g>";
    }

    for (const auto& c : page.connectors) {
      const Box& b = c.box;
      // A pentagon pointing down, its tip on the box's bottom edge: the off-page connector.
      const double shoulder = b.bottom() - 6;
      svg += "<polygon class=\"s\" points=\"" + num(b.x) + "," + num(b.y) + " " + num(b.right()) +
             "," + num(b.y) + " " + num(b.right()) + "," + num(shoulder) + " " +
             num(b.x + b.w / 2) + "," + num(b.bottom()) + " " + num(b.x) + "," + num(shoulder) +
             "\"/>";
      svg += "<text class=\"t\" x=\"" + num(b.x + b.w / 2) + "\" y=\"" + num(b.y + 13) +
             "\" text-anchor=\"middle\">" + xml_escape(c.label) + "</text>";
    }
    for (const auto& e : page.edges) {
      std::string pts;
      for (const auto& pt : e.points) pts += num(pt.x) + "," + num(pt.y) + " ";
      pts.pop_back();
      svg += "<polyline class=\"e\" points=\"" + pts + "\"/>";
      if (!e.label.empty() && e.points.size() > 1) {
        const Point& a = e.points[0];
        svg += "<text class=\"l\" x=\"" + num(a.x + 3) + "\" y=\"" +
               num(a.y - 3 + (e.points[1].y > a.y ? 12 : 0)) + "\">" + xml_escape(e.label) +
               "</text>";
      }
    }
    svg += "</svg>\n";
    pages.push_back(std::move(svg));
  }
  return pages;
}

}  // namespace sopan::domain
