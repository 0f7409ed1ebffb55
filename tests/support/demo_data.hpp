#pragma once
/// Test support: the demo instansi (deploy/demo) in a fresh data directory, made by the same
/// `sopan init --demo` code path, and the config to serve it on 127.0.0.1:0.
#include <filesystem>

#include "app/config.hpp"

namespace sopan::testing {

/// A config for `data_dir` on port 0 with the repository's schemas and demo files, quiet logs.
app::Config test_config(const std::filesystem::path& data_dir);
/// Runs `sopan init --demo` into `data_dir`; aborts the test on failure.
void init_demo(const std::filesystem::path& data_dir);

}  // namespace sopan::testing
