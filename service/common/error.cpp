#include "common/error.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <ostream>
#include <stdexcept>

namespace sopan {

std::string_view errc_code(Errc code) {
  switch (code) {
    case Errc::kInvalidArgument:
      return "invalid_argument";
    case Errc::kValidation:
      return "validation";
    case Errc::kNotFound:
      return "not_found";
    case Errc::kAlreadyExists:
      return "already_exists";
    case Errc::kConflict:
      return "conflict";
    case Errc::kPreconditionFailed:
      return "precondition_failed";
    case Errc::kUnauthenticated:
      return "unauthenticated";
    case Errc::kPermissionDenied:
      return "permission_denied";
    case Errc::kTooLarge:
      return "too_large";
    case Errc::kUnsupportedMediaType:
      return "unsupported_media_type";
    case Errc::kThrottled:
      return "throttled";
    case Errc::kUnavailable:
      return "unavailable";
    case Errc::kInternal:
      return "internal";
  }
  return "internal";
}

Error make_error(Errc code, std::string message) { return Error{code, std::move(message), {}}; }

Error field_error(Errc code, std::string message, std::string_view path,
                  std::string field_message) {
  boost::json::array details;
  details.push_back(boost::json::object{{"path", path}, {"message", std::move(field_message)}});
  return Error{code, std::move(message), std::move(details)};
}

void throw_exception_from_error(const Error& e, const boost::source_location&) {
  throw std::runtime_error(std::string(errc_code(e.code)) + ": " + e.message);
}

std::ostream& operator<<(std::ostream& os, const Error& e) {
  return os << errc_code(e.code) << ": " << e.message;
}

void Problems::add(std::string path, std::string message) {
  // A file with thousands of bad rows would make an unreadable answer; the first 200 suffice.
  if (items_.size() < 200)
    items_.push_back(
        boost::json::object{{"path", std::move(path)}, {"message", std::move(message)}});
}

Error Problems::to_error(std::string message, Errc code) const {
  Error e = make_error(code, std::move(message));
  e.details = items_;
  return e;
}

}  // namespace sopan
