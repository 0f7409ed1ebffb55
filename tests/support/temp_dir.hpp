#pragma once
/// Test support: a fresh temporary directory per fixture, and matchers for Result/Status.
#include <gmock/gmock.h>

#include <filesystem>

#include "common/error.hpp"

namespace sopan {
/// Prints a Result in test failures without requiring its value type to be printable.
template <class T>
void PrintTo(const Result<T>& r, std::ostream* os) {
  if (r.has_value())
    *os << "ok";
  else
    *os << r.error();
}
}  // namespace sopan

namespace sopan::testing {

/// A new empty directory under the system temp dir, removed with its contents on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

MATCHER(IsOk, "is ok") {
  if (arg.has_value()) return true;
  *result_listener << "error " << errc_code(arg.error().code) << ": " << arg.error().message;
  return false;
}

MATCHER_P(ErrcIs, code, "fails with " + std::string(errc_code(code))) {
  if (arg.has_value()) {
    *result_listener << "succeeded";
    return false;
  }
  *result_listener << "error " << errc_code(arg.error().code) << ": " << arg.error().message;
  return arg.error().code == code;
}

}  // namespace sopan::testing
