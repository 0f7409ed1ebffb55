#include "domain/map_svg.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <regex>
#include <vector>

#if __has_include(<libxml/parser.h>)
#include <libxml/parser.h>
#define SOPAN_HAVE_LIBXML2 1
#endif

namespace sopan::domain {
namespace {
namespace json = boost::json;

/// The level 0 of a kabupaten: four management, five core and five support processes, three of
/// them detailed by maps below.
ProcessMap level0() {
  return ProcessMap::from_json(json::parse(R"({
    "type": "level0", "level": 0, "title": "Peta Proses Bisnis Pemerintah Kabupaten Sukamaju",
    "unit": "u-root",
    "stakeholders": ["Masyarakat", "Pelaku usaha", "DPRD", "Pemerintah Provinsi",
                     "Kementerian dan lembaga"],
    "inputs": ["Visi dan misi kepala daerah", "RPJMD 2025-2029", "Peraturan perundang-undangan",
               "Aspirasi masyarakat"],
    "outputs": ["Izin dan nonizin terbit tepat waktu", "Layanan kesehatan dan pendidikan",
                "Dokumen kependudukan", "Infrastruktur yang layak"],
    "outcomes": ["Meningkatnya kesejahteraan masyarakat", "Meningkatnya investasi daerah",
                 "Tata kelola pemerintahan yang baik"],
    "processes": [
      {"id": "P01", "code": "1", "name": "Perencanaan Pembangunan Daerah", "category": "manajemen",
       "unit": "u-bappeda"},
      {"id": "P02", "code": "2", "name": "Pengendalian dan Evaluasi Kinerja", "category": "manajemen"},
      {"id": "P03", "code": "3", "name": "Pengawasan Internal", "category": "manajemen",
       "unit": "u-inspektorat"},
      {"id": "P04", "code": "4", "name": "Manajemen Risiko", "category": "manajemen"},
      {"id": "P06", "code": "6", "name": "Pelayanan Kesehatan Masyarakat", "category": "utama"},
      {"id": "P05", "code": "5", "name": "Pelayanan Perizinan dan Penanaman Modal",
       "category": "utama", "unit": "u-dpmptsp"},
      {"id": "P07", "code": "7", "name": "Pelayanan Pendidikan", "category": "utama"},
      {"id": "P08", "code": "8", "name": "Pelayanan Administrasi Kependudukan", "category": "utama"},
      {"id": "P09", "code": "9", "name": "Pembangunan dan Pemeliharaan Infrastruktur",
       "category": "utama"},
      {"id": "P10", "code": "10", "name": "Pengelolaan Keuangan Daerah", "category": "pendukung"},
      {"id": "P11", "code": "11", "name": "Pengelolaan Sumber Daya Manusia Aparatur",
       "category": "pendukung"},
      {"id": "P12", "code": "12", "name": "Pengelolaan Barang Milik Daerah", "category": "pendukung"},
      {"id": "P13", "code": "13", "name": "Layanan Teknologi Informasi", "category": "pendukung"},
      {"id": "P14", "code": "14", "name": "Layanan Hukum dan Tata Laksana", "category": "pendukung"}
    ]})"));
}

MapSvgNames names() {
  static const std::map<std::string, std::string, std::less<>> units = {
      {"u-root", "Pemerintah Kabupaten Sukamaju"},
      {"u-bappeda", "Bappeda"},
      {"u-inspektorat", "Inspektorat"},
      {"u-dpmptsp", "DPMPTSP"}};
  static const std::map<std::string, std::string, std::less<>> detailed = {
      {"P01", "01JMAP0000000000000000001A"},
      {"P05", "01JMAP0000000000000000005A"},
      {"P10", "01JMAP0000000000000000010A"}};
  return {[](std::string_view id) {
            auto it = units.find(id);
            return it == units.end() ? std::string() : it->second;
          },
          [](std::string_view id) {
            auto it = detailed.find(id);
            return it == detailed.end() ? std::string() : it->second;
          }};
}

/// A small checker of XML well-formedness for what the renderer writes (elements, attributes in
/// quotes, text, the five entities and numeric references): tags balance, nothing raw.
bool well_formed(const std::string& xml, std::string& why) {
  std::vector<std::string> open;
  std::size_t i = 0;
  auto fail = [&](std::string reason) {
    why = reason + " at " + std::to_string(i);
    return false;
  };
  auto entity_ok = [&](std::size_t at) {
    static const std::regex kEntity("^&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);");
    return std::regex_search(xml.substr(at, 12), kEntity);
  };
  while (i < xml.size()) {
    if (xml[i] == '&') {
      if (!entity_ok(i)) return fail("bad entity");
      ++i;
      continue;
    }
    if (xml[i] == '>') return fail("raw >");
    if (xml[i] != '<') {
      ++i;
      continue;
    }
    std::size_t end = i + 1;
    char quote = 0;
    for (; end < xml.size(); ++end) {
      char c = xml[end];
      if (quote) {
        if (c == quote)
          quote = 0;
        else if (c == '<')
          return fail("< in attribute");
        else if (c == '&' && !entity_ok(end))
          return fail("bad entity in attribute");
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '<') {
        return fail("< in tag");
      } else if (c == '>') {
        break;
      }
    }
    if (end >= xml.size()) return fail("unclosed tag");
    std::string tag = xml.substr(i + 1, end - i - 1);
    if (tag.starts_with("/")) {
      std::string name = tag.substr(1);
      if (open.empty() || open.back() != name) return fail("mismatched </" + name + ">");
      open.pop_back();
    } else if (!tag.ends_with("/")) {
      open.push_back(tag.substr(0, tag.find_first_of(" \t\n")));
    }
    i = end + 1;
  }
  if (!open.empty()) return fail("unclosed <" + open.back() + ">");
  return true;
}

void expect_xml(const std::string& svg) {
  std::string why;
  EXPECT_TRUE(well_formed(svg, why)) << why;
#ifdef SOPAN_HAVE_LIBXML2
  xmlDocPtr doc = xmlReadMemory(svg.data(), static_cast<int>(svg.size()), "map.svg", nullptr,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  EXPECT_NE(doc, nullptr) << "libxml2 refuses the SVG";
  if (doc) xmlFreeDoc(doc);
#endif
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_FALSE(std::regex_search(
      svg, std::regex("<[a-z]+(\\s+[a-z:-]+=\"[^\"]*\")*\\s+on[a-z]+=")));  // no handlers
}

/// The data-process ids in document order.
std::vector<std::string> process_ids(const std::string& svg) {
  static const std::regex kGroup("<g class=\"process\" data-process=\"([^\"]*)\"");
  std::vector<std::string> out;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), kGroup); it != std::sregex_iterator();
       ++it)
    out.push_back((*it)[1]);
  return out;
}

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

TEST(MapSvgTest, LevelZeroHasItsBandsColumnsAndDrillDownTargets) {
  const std::string svg = render_map_svg(level0(), names());
  expect_xml(svg);
  EXPECT_TRUE(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
  for (const char* label :
       {"Manajemen", "Utama", "Pendukung", "Pemangku kepentingan", "Masukan", "Keluaran", "Hasil"})
    EXPECT_NE(svg.find(std::string(">") + label + "<"), std::string::npos) << label;
  EXPECT_NE(svg.find(">Peta Proses Bisnis Level 0 · Pemerintah Kabupaten Sukamaju<"),
            std::string::npos);
  // Bands top to bottom, the core chain in code order (P05 before P06 though written after).
  EXPECT_EQ(process_ids(svg),
            (std::vector<std::string>{"P01", "P02", "P03", "P04", "P05", "P06", "P07", "P08", "P09",
                                      "P10", "P11", "P12", "P13", "P14"}));
  EXPECT_LT(svg.find("data-category=\"manajemen\""), svg.find("data-category=\"utama\""));
  EXPECT_LT(svg.find("data-category=\"utama\""), svg.find("data-category=\"pendukung\""));
  // Five chevrons (six-point polygons) in the core band, boxes elsewhere.
  const std::string core =
      svg.substr(svg.find("data-category=\"utama\""),
                 svg.find("data-category=\"pendukung\"") - svg.find("data-category=\"utama\""));
  EXPECT_EQ(count(core, "<polygon class=\"shape"), 5u);
  EXPECT_EQ(count(svg, "<polygon class=\"shape"), 5u);
  // data-map only where a map details the process; those are solid and marked.
  EXPECT_NE(svg.find("data-process=\"P05\" data-map=\"01JMAP0000000000000000005A\""),
            std::string::npos);
  EXPECT_NE(svg.find("data-process=\"P06\"><title>"), std::string::npos);
  EXPECT_EQ(count(svg, "data-map=\""), 3u);
  EXPECT_EQ(count(svg, ">⊞</text>"), 3u);
  EXPECT_EQ(count(svg, "class=\"shape dirinci\""), 3u + 1u);  // + the legend's sample
  EXPECT_EQ(count(svg, "class=\"shape belum\""), 11u + 1u);
  EXPECT_NE(svg.find("<title>5 Pelayanan Perizinan dan Penanaman Modal</title>"),
            std::string::npos);
  EXPECT_NE(svg.find(">DPMPTSP<"), std::string::npos);  // the owning unit under the name
  // The viewBox is the drawing's size.
  std::smatch m;
  ASSERT_TRUE(std::regex_search(svg, m, std::regex("viewBox=\"0 0 ([0-9.]+) ([0-9.]+)\"")));
  EXPECT_GT(std::stod(m[1]), 1000);
  EXPECT_GT(std::stod(m[2]), 400);
  EXPECT_LT(std::stod(m[2]), 1200);

  if (const char* dir = std::getenv("SOPAN_SAMPLE_DIR")) {  // for a look in a browser
    std::ofstream(std::string(dir) + "/map_level0.svg") << svg;
  }
}

TEST(MapSvgTest, RenderingIsDeterministic) {
  EXPECT_EQ(render_map_svg(level0(), names()), render_map_svg(level0(), names()));
}

TEST(MapSvgTest, CodesSortAsNumbers) {
  ProcessMap m = level0();
  m.processes = {{"A", "1.10", "Sepuluh", "utama", ""},
                 {"B", "1.9", "Sembilan", "utama", ""},
                 {"C", "1.2", "Dua", "utama", ""},
                 {"D", "", "Tanpa kode", "utama", ""},
                 {"E", "1.2.1", "Dua satu", "utama", ""}};
  EXPECT_EQ(process_ids(render_map_svg(m, names())),
            (std::vector<std::string>{"D", "C", "E", "B", "A"}));
  // Codes a draft may hold: numbers first, then text, whatever they are.
  m.processes.clear();
  const std::vector<std::string> codes = {
      "2", "10", "1a", "a", "", "007", "7", "1.", ".", "..", "9999999999999999999999", "1.2.x"};
  for (std::size_t i = 0; i < codes.size(); ++i)
    m.processes.push_back({"X" + std::to_string(i), codes[i], "Proses", "utama", ""});
  EXPECT_EQ(process_ids(render_map_svg(m, names())),
            (std::vector<std::string>{"X4", "X7", "X11", "X0", "X5", "X6", "X1", "X10", "X8", "X9",
                                      "X2", "X3"}));
}

TEST(MapSvgTest, HostileTextIsEscapedAndBounded) {
  ProcessMap m = level0();
  const std::string attack = "</text><script>alert(1)</script>\"'&<g onload=\"x\">";
  m.title = attack;
  m.processes[0].name = attack;
  m.processes[0].id = "P01\"><script>";
  m.processes[1].name = std::string(100'000, 'x');
  m.processes[2].name = std::string("Nama\x01\x02\x1b[31m") + '\0' + "akhir\xff\xfe";
  m.processes[3].category = "<lainnya>";
  m.stakeholders = {attack, std::string(100'000, 'y')};
  m.outputs = {"\xc3"};
  MapSvgNames hostile = names();
  hostile.unit = [&](std::string_view) { return attack; };
  hostile.detailed_by = [](std::string_view id) { return std::string(id) + "\"/><script>"; };
  const std::string svg = render_map_svg(m, hostile);
  expect_xml(svg);
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_EQ(svg.find("<g onload"), std::string::npos);
  EXPECT_NE(svg.find("&lt;/text&gt;&lt;script&gt;"), std::string::npos);
  EXPECT_NE(svg.find("data-process=\"P01&quot;&gt;&lt;script&gt;\""), std::string::npos);
  EXPECT_NE(svg.find(">Belum dikategorikan<"), std::string::npos);  // the unknown category
  // A 100 kB name shows a few lines and costs a bounded amount.
  EXPECT_LT(svg.size(), 60'000u);
  EXPECT_NE(svg.find("…"), std::string::npos);
  if (const char* dir = std::getenv("SOPAN_SAMPLE_DIR"))
    std::ofstream(std::string(dir) + "/map_hostile.svg") << svg;
}

TEST(MapSvgTest, DecompositionDrawsBandsAndFlows) {
  ProcessMap m = ProcessMap::from_json(json::parse(R"({
    "type": "dekomposisi", "level": 1, "number": "5", "title": "Pelayanan Perizinan",
    "unit": "u-dpmptsp", "parent": {"map": "M0", "process": "P05"},
    "processes": [
      {"id": "Q1", "code": "5.1", "name": "Penerimaan Permohonan", "category": "utama"},
      {"id": "Q2", "code": "5.2", "name": "Verifikasi Berkas", "category": "utama"},
      {"id": "Q3", "code": "5.3", "name": "Penerbitan Izin", "category": "utama"},
      {"id": "Q4", "code": "5.4", "name": "Survei Kepuasan", "category": "manajemen"}],
    "flows": [{"id": "F1", "from": "Q1", "to": "Q2"}, {"id": "F2", "from": "Q2", "to": "Q3",
               "name": "Lengkap"}, {"id": "F3", "from": "Q3", "to": "Q1", "name": "Ditolak"},
              {"id": "F4", "from": "Q3", "to": "Q4"}, {"id": "F5", "from": "Q3", "to": "NOPE"},
              {"id": "F6", "from": "Q1", "to": "Q3"}]})"));
  const std::string svg = render_map_svg(m, names());
  expect_xml(svg);
  EXPECT_NE(svg.find("Peta Proses Bisnis Level 1 · Kode 5"), std::string::npos);
  EXPECT_NE(svg.find(">Manajemen<"), std::string::npos);
  EXPECT_NE(svg.find(">Utama<"), std::string::npos);
  EXPECT_EQ(svg.find(">Pendukung<"), std::string::npos);             // no support process, no band
  EXPECT_EQ(svg.find("<polygon class=\"shape"), std::string::npos);  // boxes, not chevrons
  EXPECT_EQ(process_ids(svg), (std::vector<std::string>{"Q4", "Q1", "Q2", "Q3"}));
  EXPECT_EQ(count(svg, "<polyline class=\"edge\""), 5u);  // F5 has no target
  EXPECT_EQ(svg.find("data-flow=\"F5\""), std::string::npos);
  EXPECT_NE(svg.find(">Lengkap<"), std::string::npos);
  // Neighbours in a row are joined by a straight arrow, others go round.
  std::smatch f1;
  ASSERT_TRUE(std::regex_search(svg, f1,
                                std::regex("data-flow=\"F1\"><polyline class=\"edge\" "
                                           "points=\"([^\"]*)\"")));
  EXPECT_EQ(count(f1[1], ","), 2u);
  std::smatch f6;
  ASSERT_TRUE(std::regex_search(svg, f6,
                                std::regex("data-flow=\"F6\"><polyline class=\"edge\" "
                                           "points=\"([^\"]*)\"")));
  EXPECT_EQ(count(f6[1], ","), 4u);
  if (const char* dir = std::getenv("SOPAN_SAMPLE_DIR"))
    std::ofstream(std::string(dir) + "/map_decomposition.svg") << svg;
}

TEST(MapSvgTest, EmptyMapsStillDraw) {
  for (const char* type : {"level0", "dekomposisi", "lintas_fungsi", "lain"}) {
    ProcessMap m;
    m.type = type;
    const std::string svg = render_map_svg(m, MapSvgNames{});
    expect_xml(svg);
    EXPECT_TRUE(process_ids(svg).empty());
  }
}

TEST(MapSvgTest, CrossFunctionalOverview) {
  ProcessMap m = ProcessMap::from_json(json::parse(R"({
    "type": "lintas_fungsi", "level": 2, "number": "5.3", "title": "Penerbitan Izin Usaha",
    "unit": "u-dpmptsp",
    "lanes": [{"id": "L1", "name": "Pemohon", "x": -200, "y": -50, "width": 700, "height": 120},
              {"id": "L2", "name": "Petugas <Front Office>", "x": -200, "y": 70, "width": 700,
               "height": 120}],
    "nodes": [
      {"id": "S", "type": "mulai", "name": "Mulai", "lane": "L1", "x": -150, "y": -8, "width": 36,
       "height": 36},
      {"id": "A", "type": "aktivitas", "name": "Mengajukan permohonan", "lane": "L1", "x": -60,
       "y": -30, "width": 100, "height": 80},
      {"id": "G", "type": "gerbang_xor", "name": "Lengkap?", "lane": "L2", "x": 100, "y": 105,
       "width": 50, "height": 50},
      {"id": "SP", "type": "subproses", "name": "Menerbitkan izin", "lane": "L2",
       "map": "01JMAPSUB00000000000000000", "x": 220, "y": 90, "width": 100, "height": 80},
      {"id": "SQ", "type": "subproses", "name": "Tanpa bounds", "lane": "L2"},
      {"id": "E", "type": "selesai", "name": "Selesai", "lane": "L1", "x": 400, "y": -8,
       "width": 36, "height": 36}],
    "flows": [{"id": "F1", "from": "S", "to": "A"},
              {"id": "F2", "from": "A", "to": "G", "waypoints": [{"x": -10, "y": 50},
               {"x": -10, "y": 130}, {"x": 100, "y": 130}]},
              {"id": "F3", "from": "G", "to": "SP", "name": "Ya"},
              {"id": "F4", "from": "SP", "to": "E"}, {"id": "F5", "from": "X", "to": "E"}]})"));
  const std::string svg = render_map_svg(m, names());
  expect_xml(svg);
  EXPECT_NE(svg.find(">Pemohon<"), std::string::npos);
  EXPECT_NE(svg.find("Petugas &lt;Front"), std::string::npos);
  EXPECT_EQ(process_ids(svg), (std::vector<std::string>{"SP", "SQ"}));
  EXPECT_NE(svg.find("data-process=\"SP\" data-map=\"01JMAPSUB00000000000000000\""),
            std::string::npos);
  EXPECT_EQ(count(svg, "data-map="), 1u);
  EXPECT_EQ(count(svg, "<polyline class=\"edge\""), 4u);
  EXPECT_NE(svg.find("points=\"-10,50 -10,130 100,130\""), std::string::npos);
  // The viewBox starts left of the lanes' label strip and above the heading.
  std::smatch vb;
  ASSERT_TRUE(std::regex_search(svg, vb, std::regex("viewBox=\"(-?[0-9.]+) (-?[0-9.]+) ")));
  EXPECT_LT(std::stod(vb[1]), -230);
  EXPECT_LT(std::stod(vb[2]), -50);
  if (const char* dir = std::getenv("SOPAN_SAMPLE_DIR"))
    std::ofstream(std::string(dir) + "/map_cross.svg") << svg;
}

/// Random maps of every type, hostile names and geometry any BPMN tool might write: always a
/// well-formed SVG with one group per process, the same bytes twice.
TEST(MapSvgTest, RandomMapsDrawWellFormed) {
  std::mt19937 rng(13);
  auto pick = [&](std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
  };
  const std::vector<std::string> texts = {"Proses",
                                          "</text><script>x</script>",
                                          std::string(5000, 'w'),
                                          "a & b \"c\" 'd' <e>",
                                          "\x01\x7f\xff",
                                          "",
                                          "Pengelolaan Keuangan dan Aset Daerah Terpadu"};
  const std::vector<std::string> types = {"level0", "dekomposisi", "lintas_fungsi"};
  const std::vector<std::string> categories = {"manajemen", "utama", "pendukung", "", "x"};
  const std::vector<std::string> node_types = {"mulai",     "selesai",     "aktivitas",
                                               "subproses", "gerbang_xor", "gerbang_paralel"};
  const std::vector<double> numbers = {0, 1, -1, 36, 120, 1e5, -1e5, 1e300, 0.5};
  auto bounds = [&] {
    return Bounds{numbers[pick(numbers.size())], numbers[pick(numbers.size())],
                  numbers[pick(numbers.size())], numbers[pick(numbers.size())], pick(3) > 0};
  };
  for (int round = 0; round < 200; ++round) {
    ProcessMap m;
    m.type = types[pick(types.size())];
    m.title = texts[pick(texts.size())];
    m.number = texts[pick(texts.size())];
    auto id = [&] { return "e" + std::to_string(pick(20)); };
    std::size_t processes = 0;
    if (!m.cross_functional())
      for (std::size_t i = pick(30); i > 0; --i, ++processes)
        m.processes.push_back({id(), std::to_string(pick(12)), texts[pick(texts.size())],
                               categories[pick(categories.size())], pick(2) ? "u-1" : ""});
    for (std::size_t i = pick(5); i > 0; --i)
      m.lanes.push_back({id(), texts[pick(texts.size())], "", "", bounds()});
    for (std::size_t i = pick(20); i > 0; --i)
      m.nodes.push_back({id(),
                         node_types[pick(node_types.size())],
                         texts[pick(texts.size())],
                         id(),
                         {},
                         pick(2) ? "M" : "",
                         bounds()});
    for (std::size_t i = pick(30); i > 0; --i) {
      MapFlow f{id(), id(), id(), texts[pick(texts.size())], {}};
      for (std::size_t k = pick(4); k > 0; --k)
        f.waypoints.push_back({numbers[pick(numbers.size())], numbers[pick(numbers.size())]});
      m.flows.push_back(f);
    }
    m.stakeholders = {texts[pick(texts.size())]};
    const std::string svg = render_map_svg(m, names());
    expect_xml(svg);
    std::size_t subprocesses = 0;
    for (const auto& n : m.nodes) subprocesses += n.type == kNodeSubProcess;
    EXPECT_EQ(process_ids(svg).size(), m.cross_functional() ? subprocesses : processes);
    EXPECT_EQ(svg, render_map_svg(m, names()));
    EXPECT_LT(svg.size(), 400'000u);
  }
}

}  // namespace
}  // namespace sopan::domain
