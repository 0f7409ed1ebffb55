#pragma once
// For the benchmark populators: a new data directory with the demo instansi (accounts included),
// opened through the real library.
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "app/commands.hpp"
#include "common/clock.hpp"
#include "library/document_library.hpp"
#include "library/org_library.hpp"

namespace sopan::bench {

struct DemoLibrary {
  std::unique_ptr<library::DocumentLibrary> lib;
  std::unique_ptr<library::OrgLibrary> org;
};

/// The libraries date their commits by `clock` (it must outlive them). Errors go to stderr;
/// nullopt then.
inline std::optional<DemoLibrary> open_demo(const std::string& data,
                                            const Clock& clock = Clock::system()) {
  app::Config config;
  config.data_dir = data;
  config.demo = true;
  config.demo_dir = std::string(SOPAN_SOURCE_DIR) + "/deploy/demo";
  config.schemas_dir = std::string(SOPAN_SOURCE_DIR) + "/schemas";
  if (auto s = app::init_instansi(config, std::cerr); !s) {
    std::cerr << s.error().message << "\n";
    return std::nullopt;
  }
  auto lib = library::DocumentLibrary::open(data, clock);
  if (!lib) {
    std::cerr << lib.error().message << "\n";
    return std::nullopt;
  }
  auto org = library::OrgLibrary::open((*lib)->ledger());
  if (!org) {
    std::cerr << org.error().message << "\n";
    return std::nullopt;
  }
  return DemoLibrary{std::move(*lib), std::move(*org)};
}

}  // namespace sopan::bench
