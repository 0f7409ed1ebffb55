// Builds the demo instansi once for a CTest run (the `demo_template` fixture, tests/CMakeLists):
// into DIR.partial first, then renamed to DIR, so no test ever copies half of one.
#include <filesystem>
#include <iostream>

#include "support/demo_data.hpp"

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  if (argc != 2) {
    std::cerr << "usage: " << argv[0] << " DIR\n";
    return 2;
  }
  const fs::path dir = argv[1];
  fs::path partial = dir;
  partial += ".partial";
  std::error_code ec;
  fs::remove_all(partial, ec);
  fs::remove_all(dir, ec);
  if (auto s = sopan::testing::build_demo(partial); !s) {
    std::cerr << "demo instansi: " << s.error() << "\n";
    return 1;
  }
  fs::rename(partial, dir, ec);
  if (ec) {
    std::cerr << "rename " << partial << " → " << dir << ": " << ec.message() << "\n";
    return 1;
  }
  return 0;
}
