#pragma once
/// The one flowchart renderer (DESIGN §5): the PermenPAN-RB 35/2012 table — No, Kegiatan, one
/// column per actor, Mutu Baku (Kelengkapan, Waktu, Output), Keterangan — with the symbols in
/// their actor's column and orthogonal arrows. Layout first (plain geometry the tests inspect),
/// then SVG with selectable text.
///
/// Routing keeps every line out of the symbols: a step's arrow leaves the bottom of its symbol
/// into the gap below its row; to the row right below, it turns to the target's column in that
/// gap; to any other row it runs along a side channel (forward: right of the actors, back: left)
/// and enters the target from the gap above it. Steps on another page are reached through a pair
/// of off-page connectors (pentagons) carrying the step numbers.
#include <string>
#include <vector>

#include "domain/sop.hpp"

namespace sopan::domain {

struct FlowchartOptions {
  std::size_t steps_per_page = 10;
};

struct Box {
  double x = 0, y = 0, w = 0, h = 0;
  double right() const { return x + w; }
  double bottom() const { return y + h; }
  /// True when the open interiors overlap (touching edges do not count).
  bool overlaps(const Box& o) const;
};

struct Point {
  double x = 0, y = 0;
};

struct Symbol {
  std::size_t step = 0;  // index into Sop::steps
  std::string shape;     // kapsul, kotak, belah_ketupat
  Box box;
};

struct Connector {
  Box box;
  std::string label;  // the step number on the other page
  bool outgoing = false;
  std::size_t step = 0;  // the step on this page it belongs to
};

struct Edge {
  std::size_t from = 0, to = 0;  // step indexes; `to` may be on another page (then via connector)
  std::vector<Point> points;     // orthogonal polyline, arrowhead at the last point
  std::string label;             // decision exit label
};

/// Left edges of the table's columns on one page (the side channels widen with their tracks).
struct TableColumns {
  double no = 0, activity = 0, left_channel = 0, actors = 0, right_channel = 0, req = 0, time = 0,
         output = 0, notes = 0, end = 0;
};

struct Page {
  double width = 0, height = 0;
  std::size_t first_step = 0, end_step = 0;  // [first, end)
  TableColumns columns;
  double body_top = 0;                          // below the header
  std::vector<std::pair<double, double>> rows;  // top and bottom of each step's row
  std::vector<Symbol> symbols;
  std::vector<Connector> connectors;
  std::vector<Edge> edges;
};

struct Flowchart {
  std::vector<std::string> actor_names;
  std::vector<Page> pages;
};

/// Greedy word wrap by an average glyph width: lines of at most `width` units at `char_width`
/// units a character (5.4 suits 10 px sans-serif), a newline starts a line, a word longer than a
/// line is cut on a character boundary. The SOP flowchart's cells and the map diagrams' boxes.
std::vector<std::string> wrap_text(const std::string& text, double width, double char_width = 5.4);

/// `actor_names[i]` is the column heading of `sop.actors[i]`. Steps whose actor is unknown are
/// drawn in the Kegiatan text only (no symbol); edges to or from them are left out.
Flowchart layout_flowchart(const Sop& sop, const std::vector<std::string>& actor_names,
                           const FlowchartOptions& options = {});
/// One standalone SVG document per page.
std::vector<std::string> render_svg(const Sop& sop, const Flowchart& chart);

}  // namespace sopan::domain
