// Fills a data directory for tests/bench/run.sh: the demo instansi (with its accounts), then
// through the real library (git + index) N documents in force in the demo penyusun's unit, plus
// one open draft per save client. Prints the unit id, the document the GET benchmark reads, then
// one draft per line.
//   bench_populate DATA_DIR N_DOCS N_DRAFTS
#include <iostream>
#include <string>

#include "bench_documents.hpp"
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
  const std::string unit = demo->org->tree()->unit_by_code("2.16")->id;
  std::cout << unit << "\n";
  std::string first;
  for (int i = 0; i < n_docs; ++i) {
    std::string id =
        sopan::bench::put_in_force(*lib, DocKind::kSop, sopan::bench::bench_sop(i, unit));
    if (id.empty()) return 1;
    if (first.empty()) first = id;
  }
  std::cout << first << "\n";
  for (int i = 0; i < n_drafts; ++i) {
    std::string id;
    auto row = lib->create(DocKind::kSop,
                           "{\n  \"title\": \"Konsep bench\",\n  \"unit\": \"" + unit + "\"\n}\n",
                           sopan::bench::kAuthor, "Konsep", &id);
    if (!row) return std::cerr << row.error().message << "\n", 1;
    std::cout << id << "\n";
  }
}
