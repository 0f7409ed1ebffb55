#include "support/temp_dir.hpp"

#include <random>

namespace sopan::testing {

TempDir::TempDir() {
  std::random_device rd;
  std::uniform_int_distribution<unsigned long long> dist;
  path_ = std::filesystem::temp_directory_path() / ("sopan-test-" + std::to_string(dist(rd)));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace sopan::testing
