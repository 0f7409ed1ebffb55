// Fills a data directory for tests/bench/coverage.sh: the demo instansi, then through the real
// library (git + index) N cross-functional maps in force across the demo OPDs, each with four
// lanes and ten activities linked to the demo SOPs in force. Prints nothing but errors.
//   maps_populate DATA_DIR N_MAPS
#include <iostream>
#include <string>
#include <vector>

#include "bench_documents.hpp"
#include "demo_library.hpp"
#include "library/document_library.hpp"
#include "library/org_library.hpp"

using namespace sopan::library;

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: maps_populate DATA_DIR N_MAPS\n";
    return 2;
  }
  std::string data = argv[1];
  const int n_maps = std::stoi(argv[2]);
  auto demo = sopan::bench::open_demo(data);
  if (!demo) return 1;
  ListFilter in_force;
  in_force.kind = DocKind::kSop;
  in_force.status = "berlaku";
  auto sops = demo->lib->list(in_force);
  if (!sops || sops->empty()) return std::cerr << "no SOPs in force\n", 1;
  std::vector<std::string> sop_ids;
  for (const auto& s : *sops) sop_ids.push_back(s.id);
  const auto lanes = sopan::bench::lanes_of(*demo->org->tree());
  for (int i = 0; i < n_maps; ++i)
    if (sopan::bench::put_in_force(*demo->lib, DocKind::kMap,
                                   sopan::bench::bench_map(i, lanes, sop_ids))
            .empty())
      return 1;
}
