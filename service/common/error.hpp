#pragma once
/// The protocol-neutral error model. Expected failures are values (`Result<T>`), never
/// exceptions; `http/error_response.cpp` maps each `Errc` to exactly one HTTP status.
#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <boost/system/result.hpp>
#include <iosfwd>
#include <string>
#include <string_view>

namespace sopan {

enum class Errc {
  kInvalidArgument,  // malformed input (bad JSON, bad parameter syntax)
  kValidation,       // well-formed but fails the schema or the rules
  kNotFound,
  kAlreadyExists,
  kConflict,            // wrong state for the action
  kPreconditionFailed,  // stale If-Match / expected version
  kUnauthenticated,
  kPermissionDenied,
  kTooLarge,
  kUnsupportedMediaType,
  kThrottled,
  kUnavailable,
  kInternal,
};

/// Stable English code used in API answers ("validation", "not_found", ...).
std::string_view errc_code(Errc code);

struct Error {
  Errc code = Errc::kInternal;
  std::string message;         // Indonesian, safe to show to the user
  boost::json::value details;  // null, or an array of {path, message}
};

template <class T>
using Result = boost::system::result<T, Error>;
using Status = Result<void>;

/// A result's success or error, without its value.
template <class T>
Status status_of(const Result<T>& r) {
  if (r) return {};
  return r.error();
}

[[nodiscard]] Error make_error(Errc code, std::string message);
/// A validation-style error with one detail naming the field by JSON pointer.
[[nodiscard]] Error field_error(Errc code, std::string message, std::string_view path,
                                std::string field_message);

/// Collects every problem of one input (each a JSON pointer and an Indonesian message) so the
/// answer lists them all at once, then becomes one error.
class Problems {
 public:
  void add(std::string path, std::string message);
  bool empty() const { return items_.empty(); }
  std::size_t size() const { return items_.size(); }
  /// kValidation (or `code`) with every problem as a detail.
  [[nodiscard]] Error to_error(std::string message, Errc code = Errc::kValidation) const;

 private:
  boost::json::array items_;
};

/// Found by ADL when `.value()` is called on a Result holding an error: a bug, so it throws.
[[noreturn]] void throw_exception_from_error(const Error& e, const boost::source_location& loc);
/// "code: message" (test output and logs).
std::ostream& operator<<(std::ostream& os, const Error& e);

}  // namespace sopan
