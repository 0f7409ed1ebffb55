#include "domain/flowchart.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <tuple>

namespace sopan::domain {
namespace {

/// A random SOP: a start, an end, activities and decisions whose exits point anywhere (valid
/// for the renderer whether or not the rules would pass it).
Sop random_sop(std::mt19937& rng) {
  auto pick = [&](std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
  };
  Sop sop;
  sop.title = "Acak";
  const std::size_t n_actors = 1 + pick(5), n_steps = 3 + pick(38);
  for (std::size_t a = 0; a < n_actors; ++a)
    sop.actors.push_back({"a" + std::to_string(a), "", "Pihak"});
  for (std::size_t i = 0; i < n_steps; ++i) {
    SopStep s;
    s.id = "s" + std::to_string(i);
    s.actor = "a" + std::to_string(pick(n_actors));
    s.symbol = i == 0             ? "mulai"
               : i + 1 == n_steps ? "selesai"
               : pick(4) == 0     ? "keputusan"
                                  : "kegiatan";
    s.activity = std::string(pick(200), 'x');
    sop.steps.push_back(std::move(s));
  }
  for (std::size_t i = 0; i + 1 < n_steps; ++i) {
    auto& s = sop.steps[i];
    auto other = [&] {
      std::size_t j = pick(n_steps);
      return j == i ? (i + 1) : j;
    };
    if (s.symbol == "keputusan")
      s.exits = {{"Ya", "s" + std::to_string(other())}, {"Tidak", "s" + std::to_string(other())}};
    else if (pick(3) == 0)
      s.next = "s" + std::to_string(other());
  }
  return sop;
}

/// True when segment a-b (axis-aligned) passes through the open interior of `box`.
bool crosses(const Point& a, const Point& b, const Box& box) {
  const double e = 0.01;
  double x1 = std::min(a.x, b.x), x2 = std::max(a.x, b.x);
  double y1 = std::min(a.y, b.y), y2 = std::max(a.y, b.y);
  return x1 < box.right() - e && x2 > box.x + e && y1 < box.bottom() - e && y2 > box.y + e;
}

/// Empty when `svg` is well-formed XML as the renderer writes it (elements, double-quoted
/// attributes, entity references), with one root and no script, event handler or foreign
/// content; else what is wrong.
std::string svg_problem(const std::string& svg) {
  std::vector<std::string> open;
  std::size_t roots = 0;
  auto entity_at = [&](std::size_t i) {
    const std::size_t end = svg.find(';', i);
    if (end == std::string::npos || end - i > 8) return false;
    const std::string name = svg.substr(i + 1, end - i - 1);
    return name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos" ||
           (name.size() > 1 && name[0] == '#');
  };
  auto name_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == ':' || c == '_';
  };
  for (std::size_t i = 0; i < svg.size();) {
    const char c = svg[i];
    if (c == '&' && !entity_at(i)) return "a bare & at " + std::to_string(i);
    if (c == '>') return "a bare > at " + std::to_string(i);
    if (c != '<') {
      if (open.empty() && c != '\n') return "text outside the root at " + std::to_string(i);
      ++i;
      continue;
    }
    const bool closing = i + 1 < svg.size() && svg[i + 1] == '/';
    std::size_t j = i + (closing ? 2 : 1);
    std::string name;
    while (j < svg.size() && name_char(svg[j])) name += svg[j++];
    if (name.empty()) return "a tag without a name at " + std::to_string(i);
    if (name == "script" || name == "foreignObject") return "a <" + name + "> element";
    if (closing) {
      if (j >= svg.size() || svg[j] != '>') return "a broken end tag at " + std::to_string(i);
      if (open.empty() || open.back() != name) return "</" + name + "> closes nothing open";
      open.pop_back();
      i = j + 1;
      continue;
    }
    if (open.empty()) ++roots;
    for (;;) {
      while (j < svg.size() && svg[j] == ' ') ++j;
      if (j >= svg.size()) return "an unfinished tag <" + name;
      if (svg.compare(j, 2, "/>") == 0) {
        j += 2;
        break;
      }
      if (svg[j] == '>') {
        open.push_back(name);
        ++j;
        break;
      }
      std::string attribute;
      while (j < svg.size() && name_char(svg[j])) attribute += svg[j++];
      if (attribute.empty() || svg.compare(j, 2, "=\"") != 0)
        return "a broken attribute in <" + name + " at " + std::to_string(j);
      if (attribute.starts_with("on")) return "an event handler " + attribute;
      const std::size_t end = svg.find('"', j + 2);
      if (end == std::string::npos) return "an unterminated attribute " + attribute;
      for (std::size_t k = j + 2; k < end; ++k) {
        if (svg[k] == '<') return "a < in attribute " + attribute;
        if (svg[k] == '&' && !entity_at(k)) return "a bare & in attribute " + attribute;
      }
      j = end + 1;
    }
    i = j;
  }
  if (!open.empty()) return "<" + open.back() + "> is never closed";
  if (roots != 1) return std::to_string(roots) + " root elements";
  return "";
}

/// The groups `<g class="step" ...>...</g>` of one page: (data-step, data-no, inner markup).
std::vector<std::tuple<std::string, std::string, std::string>> step_groups(const std::string& svg) {
  std::vector<std::tuple<std::string, std::string, std::string>> out;
  const std::string open = "<g class=\"step\" data-step=\"";
  for (std::size_t at = svg.find(open); at != std::string::npos; at = svg.find(open, at + 1)) {
    const std::size_t id_end = svg.find('"', at + open.size());
    const std::string id = svg.substr(at + open.size(), id_end - at - open.size());
    const std::size_t no_at = svg.find("data-no=\"", id_end) + 9;
    const std::string no = svg.substr(no_at, svg.find('"', no_at) - no_at);
    const std::size_t body = svg.find('>', no_at) + 1;
    out.emplace_back(id, no, svg.substr(body, svg.find("</g>", body) - body));
  }
  return out;
}

std::size_t count(const std::string& text, std::string_view what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(FlowchartTest, RandomSopsHaveNoOverlapsNoCrossedSymbolsAndEveryEdge) {
  std::mt19937 rng(20261123);
  for (int round = 0; round < 300; ++round) {
    Sop sop = random_sop(rng);
    std::vector<std::string> names(sop.actors.size(), "Pelaksana");
    FlowchartOptions options{static_cast<std::size_t>(1 + round % 12)};
    Flowchart chart = layout_flowchart(sop, names, options);
    SCOPED_TRACE("round " + std::to_string(round));

    // Expected edges: (from, to, label), each once.
    std::map<std::tuple<std::size_t, std::size_t, std::string>, int> expected, drawn;
    for (std::size_t i = 0; i < sop.steps.size(); ++i) {
      const auto& s = sop.steps[i];
      if (s.symbol == "keputusan") {
        for (const auto& e : s.exits)
          if (auto j = sop.step_index(e.to); j && *j != i) ++expected[{i, *j, e.label}];
      } else {
        for (std::size_t j : sop.successors(i)) ++expected[{i, j, ""}];
      }
    }
    std::size_t out_connectors = 0, in_connectors = 0;
    for (const auto& page : chart.pages) {
      std::vector<Box> boxes;
      for (const auto& s : page.symbols) {
        const auto [top, bottom] = page.rows[s.step - page.first_step];
        EXPECT_GE(s.box.y, top);
        EXPECT_LE(s.box.bottom(), bottom);
        EXPECT_GE(s.box.x, page.columns.actors);
        EXPECT_LE(s.box.right(), page.columns.right_channel);
        boxes.push_back(s.box);
      }
      for (const auto& c : page.connectors) {
        boxes.push_back(c.box);
        (c.outgoing ? out_connectors : in_connectors)++;
      }
      for (std::size_t a = 0; a < boxes.size(); ++a)
        for (std::size_t b = a + 1; b < boxes.size(); ++b)
          EXPECT_FALSE(boxes[a].overlaps(boxes[b])) << a << " overlaps " << b;
      for (const auto& e : page.edges) {
        ASSERT_GE(e.points.size(), 2u);
        for (std::size_t k = 0; k + 1 < e.points.size(); ++k) {
          const Point &a = e.points[k], &b = e.points[k + 1];
          EXPECT_TRUE(std::abs(a.x - b.x) < 0.01 || std::abs(a.y - b.y) < 0.01) << "not orthogonal";
          for (const auto& box : boxes) EXPECT_FALSE(crosses(a, b, box)) << "edge crosses a symbol";
        }
        const bool same_page = e.from >= page.first_step && e.from < page.end_step &&
                               e.to >= page.first_step && e.to < page.end_step;
        // A cross-page edge is drawn in two halves; count it once, on its source page.
        if (same_page || (e.from >= page.first_step && e.from < page.end_step))
          ++drawn[{e.from, e.to, e.label}];
      }
    }
    EXPECT_EQ(drawn, expected);
    EXPECT_EQ(out_connectors, in_connectors);
    auto svgs = render_svg(sop, chart);
    EXPECT_EQ(svgs.size(), chart.pages.size());
    for (std::size_t p = 0; p < svgs.size() && p < chart.pages.size(); ++p) {
      EXPECT_EQ(svg_problem(svgs[p]), "") << "page " << p + 1;
      const Page& page = chart.pages[p];
      EXPECT_EQ(step_groups(svgs[p]).size(), page.end_step - page.first_step);
    }
  }
}

TEST(FlowchartTest, GoldenSuratMasuk) {
  const std::string dir = std::string(SOPAN_SOURCE_DIR) + "/tests/unit/domain/golden/";
  std::ifstream in(dir + "surat_masuk.json");
  std::stringstream json_text;
  json_text << in.rdbuf();
  ASSERT_FALSE(json_text.str().empty());
  Sop sop = Sop::from_json(boost::json::parse(json_text.str()));
  Flowchart chart = layout_flowchart(sop, {"Pemohon", "Pengadministrasi Umum", "Kepala Dinas"},
                                     FlowchartOptions{8});
  auto svgs = render_svg(sop, chart);
  ASSERT_EQ(svgs.size(), 2u);
  for (std::size_t p = 0; p < svgs.size(); ++p) {
    const std::string path = dir + "surat_masuk." + std::to_string(p + 1) + ".svg";
    if (std::getenv("SOPAN_UPDATE_GOLDEN")) std::ofstream(path) << svgs[p];
    std::ifstream golden(path);
    std::stringstream want;
    want << golden.rdbuf();
    EXPECT_EQ(svgs[p], want.str()) << "layout changed: look at the new SVG, then rerun with "
                                      "SOPAN_UPDATE_GOLDEN=1 to accept it";
  }
  // Text stays text: the activity is selectable in the SVG.
  EXPECT_NE(svgs[0].find("<tspan"), std::string::npos);
  EXPECT_NE(svgs[0].find("Menerima dan memeriksa"), std::string::npos);
}

/// A step of `symbol` by actor `actor`.
SopStep step(std::string id, std::string symbol, std::string activity, std::string actor) {
  SopStep s;
  s.id = std::move(id);
  s.symbol = std::move(symbol);
  s.activity = std::move(activity);
  s.actor = std::move(actor);
  return s;
}

TEST(FlowchartTest, EachStepIsOneGroupWithItsRowAndSymbolNamedByIdAndNumber) {
  Sop sop;
  sop.title = "Peminjaman Ruang";
  sop.actors = {{"p", "", "Pemohon"}, {"s", "", "Petugas"}};
  sop.steps = {
      step("mulai", "mulai", "Mulai", "p"), step("isi-2", "kegiatan", "Mengisi formulir", "p"),
      step("cek", "keputusan", "Ruang tersedia?", "s"),
      step("catat", "kegiatan", "Mencatat", "nobody"), step("akhir", "selesai", "Selesai", "s")};
  sop.steps[2].exits = {{"Ya", "catat"}, {"Tidak", "isi-2"}};
  Flowchart chart = layout_flowchart(sop, {"Pemohon", "Petugas"}, FlowchartOptions{3});
  auto svgs = render_svg(sop, chart);
  ASSERT_EQ(svgs.size(), 2u);
  std::vector<std::tuple<std::string, std::string, std::string>> groups;
  for (const auto& svg : svgs) {
    EXPECT_EQ(svg_problem(svg), "");
    for (auto& g : step_groups(svg)) groups.push_back(std::move(g));
  }
  ASSERT_EQ(groups.size(), sop.steps.size());
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const auto& [id, no, inner] = groups[i];
    SCOPED_TRACE(id);
    EXPECT_EQ(id, sop.steps[i].id);
    EXPECT_EQ(no, std::to_string(i + 1));
    // Its row: the number and the activity, as text.
    EXPECT_NE(inner.find(">" + no + "</tspan>"), std::string::npos);
    EXPECT_NE(inner.find(">" + sop.steps[i].activity + "</tspan>"), std::string::npos);
    // Its symbol, the only one in the group; a step whose actor is unknown has none.
    const std::size_t symbols = count(inner, "class=\"s\"");
    EXPECT_EQ(symbols, sop.steps[i].actor == "nobody" ? 0u : 1u);
    if (sop.steps[i].symbol == "keputusan") {
      EXPECT_NE(inner.find("<polygon"), std::string::npos);
    }
    // Groups hold no other group, arrow or connector.
    EXPECT_EQ(inner.find("<g"), std::string::npos);
    EXPECT_EQ(inner.find("<polyline"), std::string::npos);
  }
  // Every symbol of the page is in a group: none is drawn outside one.
  for (const auto& svg : svgs) {
    std::size_t in_groups = 0;
    for (const auto& g : step_groups(svg)) in_groups += count(std::get<2>(g), "class=\"s\"");
    std::size_t connectors = 0;
    for (const auto& page : chart.pages) connectors = std::max(connectors, page.connectors.size());
    EXPECT_GE(count(svg, "class=\"s\""), in_groups);
    EXPECT_LE(count(svg, "class=\"s\""), in_groups + connectors);
  }
}

TEST(FlowchartTest, NothingIsInjectedThroughAStepIdOrText) {
  // Step ids are validated identifiers, but the renderer does not rely on it.
  const std::string hostile =
      "\"><script>alert(1)</script><g onload=\"alert(2)\" x='&amp;&lt;&' \x01\xff";
  Sop sop;
  sop.title = hostile;
  sop.actors = {{"p", "", hostile}};
  sop.steps = {step(hostile, "mulai", hostile, "p"),
               step("2\" onclick=\"x", "keputusan", hostile, "p"),
               step("3", "selesai", hostile, "p")};
  SopStep& decision = sop.steps[1];
  decision.requirements = decision.duration_unit = decision.output = decision.notes = hostile;
  decision.duration_value = 5;
  decision.exits = {{hostile, "3"}, {hostile, "2\" onclick=\"x"}};
  Flowchart chart = layout_flowchart(sop, {hostile}, FlowchartOptions{2});
  auto svgs = render_svg(sop, chart);
  ASSERT_EQ(svgs.size(), 2u);
  std::vector<std::string> ids;
  for (const auto& svg : svgs) {
    EXPECT_EQ(svg_problem(svg), "") << svg;
    EXPECT_EQ(svg.find("<script"), std::string::npos);
    // (svg_problem refuses any attribute named on…: the hostile ones are text here.)
    EXPECT_NE(svg.find("&lt;g onload=&quot;alert(2)&quot;"), std::string::npos);
    for (const auto& g : step_groups(svg)) ids.push_back(std::get<0>(g));
  }
  ASSERT_EQ(ids.size(), 3u);
  EXPECT_EQ(ids[1], "2&quot; onclick=&quot;x");
  EXPECT_EQ(ids[2], "3");
}

}  // namespace
}  // namespace sopan::domain
