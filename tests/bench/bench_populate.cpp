// Fills a data directory for tests/bench/run.sh: the demo instansi (with its accounts), then
// through the real library (git + index) N documents in force in the demo penyusun's unit, plus
// one open draft per save client. Prints the unit id, the document the GET benchmark reads, then
// one draft per line.
//   bench_populate DATA_DIR N_DOCS N_DRAFTS
#include <iostream>
#include <string>

#include "demo_library.hpp"
#include "library/document_library.hpp"
#include "library/org_library.hpp"

using namespace sopan::library;

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: bench_populate DATA_DIR N_DOCS N_DRAFTS\n";
    return 2;
  }
  std::string data = argv[1];
  int n_docs = std::stoi(argv[2]), n_drafts = std::stoi(argv[3]);
  auto demo = sopan::bench::open_demo(data);
  if (!demo) return 1;
  auto& lib = demo->lib;
  auto& org = demo->org;
  const std::string unit = org->tree()->unit_by_code("2.16")->id;
  std::cout << unit << "\n";
  const Actor penyusun{"Budi Santoso", "198501012010011001"};
  const Actor pengesah{"Dra. Sri Wahyuni", "197003031995032002"};
  std::string first;
  for (int i = 0; i < n_docs; ++i) {
    std::string content = "{\n  \"number\": \"SOP/BENCH/" + std::to_string(i) +
                          "\",\n  \"title\": \"Pelayanan Administrasi Nomor " + std::to_string(i) +
                          "\",\n  \"unit\": \"" + unit + "\"\n}\n";
    std::string id;
    auto row = lib->create(DocKind::kSop, content, penyusun, "Konsep", &id);
    if (!row) return std::cerr << row.error().message << "\n", 1;
    auto merged = lib->merge_draft({id, 1, pengesah, "Disahkan", {}});
    if (!merged) return std::cerr << merged.error().message << "\n", 1;
    if (first.empty()) first = id;
  }
  std::cout << first << "\n";
  for (int i = 0; i < n_drafts; ++i) {
    std::string id;
    auto row = lib->create(DocKind::kSop,
                           "{\n  \"title\": \"Konsep bench\",\n  \"unit\": \"" + unit + "\"\n}\n",
                           penyusun, "Konsep", &id);
    if (!row) return std::cerr << row.error().message << "\n", 1;
    std::cout << id << "\n";
  }
}
