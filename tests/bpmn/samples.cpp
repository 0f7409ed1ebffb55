// Writes a BPMN export of one map of each type, a cross-functional map exported again after an
// import, and the Camunda fixture imported then exported, into the directory argv[1]; the
// bpmn_lint test then lints them (tests/bpmn/lint.mjs).
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
  fs::create_directories(dir, ec);
  for (const auto& e : fs::directory_iterator(dir, ec))
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

  return ok ? 0 : 1;
}
