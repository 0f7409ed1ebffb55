#pragma once
/// Test support: the demo instansi (deploy/demo) in a fresh data directory, made by the same
/// `sopan init --demo` code path, and the config to serve it on 127.0.0.1:0.
///
/// Building the demo is slow (git commits with fsync, Argon2 password hashes), so it is built
/// once and copied: under CTest the `demo_template` fixture builds it once per run and passes its
/// path in SOPAN_DEMO_TEMPLATE; a test binary run by hand builds it once per process instead, in
/// a temporary directory removed at exit.
#include <filesystem>

#include "app/config.hpp"
#include "common/error.hpp"

namespace sopan::testing {

/// The environment variable naming a ready demo data directory to copy.
inline constexpr const char* kDemoTemplateEnv = "SOPAN_DEMO_TEMPLATE";

/// A config for `data_dir` on port 0 with the repository's schemas and demo files, quiet logs.
app::Config test_config(const std::filesystem::path& data_dir);
/// Builds the demo into `data_dir` (which must not exist), checks that nothing holds it open
/// afterwards (the data directory's flock, git lock files) and packs its git objects, so a copy
/// is a few dozen files.
[[nodiscard]] Status build_demo(const std::filesystem::path& data_dir);
/// The demo data directory every copy comes from (see above); never open it, copy it.
/// Thread-safe: built at most once per process. Throws std::runtime_error when it cannot be.
const std::filesystem::path& demo_template();
/// A fresh copy of the demo instansi in `data_dir`, without the template's lock files; aborts
/// the test on failure.
void init_demo(const std::filesystem::path& data_dir);

}  // namespace sopan::testing
