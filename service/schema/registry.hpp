#pragma once
/// JSON Schemas (draft-07) loaded once at start-up from `schemas/*.schema.json`, validated with
/// valijson over Boost.JSON. Thread-safe after load (validation only reads).
#include <boost/json/value.hpp>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "common/error.hpp"

namespace sopan::schema {

class Registry {
 public:
  /// Loads every `<name>.schema.json` in `dir`; a missing or invalid schema fails start-up.
  [[nodiscard]] static Result<std::unique_ptr<Registry>> load(const std::filesystem::path& dir);
  ~Registry();

  /// Errc::kValidation with one detail per problem: the field as a JSON pointer (prefixed by
  /// `pointer_prefix`) and an Indonesian message. Errc::kInternal for an unknown schema name.
  [[nodiscard]] Status validate(std::string_view name, const boost::json::value& doc,
                                std::string_view pointer_prefix = "") const;
  bool has(std::string_view name) const;

 private:
  struct Impl;
  explicit Registry(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// Indonesian text for one valijson message; may extend `pointer` with the property it names.
std::string translate_message(const std::string& description, std::string& pointer);

}  // namespace sopan::schema
