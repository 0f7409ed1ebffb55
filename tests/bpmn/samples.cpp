// Writes a BPMN export of one map of each type, a cross-functional map exported again after an
// import, the Camunda fixture imported then exported, and every demo map (deploy/demo/peta),
// into the directory argv[1] (the demo maps into its demo/); the bpmn_lint and bpmn_lint_demo
// tests then lint them (tests/bpmn/lint.mjs).
#include <algorithm>
#include <boost/json/parse.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "bpmn/sample_maps.hpp"
#include "domain/bpmn.hpp"

namespace {

namespace fs = std::filesystem;
using namespace sopan;

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

bool write(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) std::cerr << "tidak dapat menulis " << path << "\n";
  return static_cast<bool>(out);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "pemakaian: sopan_bpmn_samples <direktori> [berkas-camunda.bpmn]\n";
    return 2;
  }
  const fs::path dir = argv[1];
  const fs::path fixture =
      argc > 2 ? fs::path(argv[2])
               : fs::path(SOPAN_SOURCE_DIR) / "tests/fixtures/bpmn/camunda_pengaduan.bpmn";
  // Files of an earlier run would be linted too: only this run's files remain.
  std::error_code ec;
  fs::create_directories(dir / "demo", ec);
  for (const fs::path& d : {dir, dir / "demo"})
    for (const auto& e : fs::directory_iterator(d, ec))
      if (e.path().extension() == ".bpmn") fs::remove(e.path(), ec);
  const domain::BpmnExportNames names{bpmn_samples::detailed_by};

  bool ok = write(dir / "level0.bpmn",
                  domain::to_bpmn(bpmn_samples::level0(), bpmn_samples::kLevel0Id, names));
  ok &= write(dir / "dekomposisi.bpmn",
              domain::to_bpmn(bpmn_samples::decomposition(), bpmn_samples::kPerizinanId, names));
  ok &= write(dir / "dekomposisi_tanpa_alur.bpmn",
              domain::to_bpmn(bpmn_samples::decomposition_without_flows(), "", names));
  const std::string cross = domain::to_bpmn(bpmn_samples::cross_functional(), bpmn_samples::kImbId);
  ok &= write(dir / "lintas_fungsi.bpmn", cross);
  // Without lanes, and with an activity in no lane: the participant still holds every shape.
  auto no_lanes = bpmn_samples::cross_functional();
  no_lanes.lanes.clear();
  ok &= write(dir / "lintas_fungsi_tanpa_lajur.bpmn", domain::to_bpmn(no_lanes, "tanpa-lajur"));
  auto loose = bpmn_samples::cross_functional();
  loose.nodes[7].lane = "";
  ok &= write(dir / "lintas_fungsi_tanpa_lajur_sebagian.bpmn", domain::to_bpmn(loose, "lepas"));
  auto again = domain::from_bpmn(cross);
  if (!again) {
    std::cerr << "impor ekspor sendiri gagal: " << again.error() << "\n";
    return 1;
  }
  ok &= write(dir / "lintas_fungsi_impor_ulang.bpmn",
              domain::to_bpmn(again->map, bpmn_samples::kImbId));

  auto camunda = domain::from_bpmn(read(fixture));
  if (!camunda) {
    std::cerr << "impor " << fixture << " gagal: " << camunda.error() << "\n";
    return 1;
  }
  ok &= write(dir / "camunda_pengaduan.bpmn", domain::to_bpmn(camunda->map, "camunda"));

  // The demo maps, each detailed process calling the demo map that details it ("@<file>").
  std::vector<fs::path> demo;
  for (const auto& e : fs::directory_iterator(fs::path(SOPAN_SOURCE_DIR) / "deploy/demo/peta"))
    if (e.path().extension() == ".json") demo.push_back(e.path());
  std::sort(demo.begin(), demo.end());
  std::map<std::string, domain::ProcessMap> maps;
  std::map<std::pair<std::string, std::string>, std::string> detailing;
  for (const auto& path : demo) {
    const auto doc = boost::json::parse(read(path)).at("document");
    auto m = domain::ProcessMap::from_json(doc);
    const std::string id = "demo-" + path.stem().string();
    if (!m.parent_map.empty()) detailing[{"demo-" + m.parent_map.substr(1), m.parent_process}] = id;
    maps.emplace(id, std::move(m));
  }
  for (const auto& [id, m] : maps) {
    const domain::BpmnExportNames by{[&, id = id](std::string_view process) {
      auto it = detailing.find({id, std::string(process)});
      return it == detailing.end() ? std::string() : it->second;
    }};
    ok &= write(dir / "demo" / (id + ".bpmn"), domain::to_bpmn(m, id, by));
  }
  return ok ? 0 : 1;
}
