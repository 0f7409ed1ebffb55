#include "domain/flowchart.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
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

}  // namespace
}  // namespace sopan::domain
