// CSV parsing as the imports use it: the generic parser, the SOP step import (matched against
// the demo org), and the org import as a dry run (planned, never written). The first byte picks
// which of the org files the text is.
#include <cstddef>
#include <cstdint>
#include <string>

#include "common/csv.hpp"
#include "domain/org.hpp"
#include "domain/sop_csv.hpp"
#include "fuzz_support.hpp"
#include "library/org_import.hpp"
#include "library/org_library.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  auto& app = sopan::fuzz::demo_app();
  static const auto tree = app.org().tree();
  static const std::string unit = tree->unit_by_code("2.16")->id;
  const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);

  (void)sopan::csv::parse(text, "/csv");
  (void)sopan::domain::steps_from_csv(text, *tree, unit);

  sopan::library::ImportRequest ir;
  ir.dry_run = true;
  switch (data[0] % 3) {
    case 0:
      ir.units.csv = text;
      break;
    case 1:
      ir.positions.csv = text;
      break;
    default:
      ir.staff.csv = text;
  }
  (void)sopan::library::import_org(app.org(), ir, {"Fuzz", ""},
                                   [](const std::string&) { return true; });
  return 0;
}
