#include "http/error_response.hpp"

#include <boost/json/object.hpp>

#include "common/ids.hpp"
#include "common/log.hpp"

namespace sopan::http {
namespace json = boost::json;

int status_of(Errc code) {
  switch (code) {
    case Errc::kInvalidArgument:
      return 400;
    case Errc::kValidation:
      return 422;
    case Errc::kNotFound:
      return 404;
    case Errc::kAlreadyExists:
      return 409;
    case Errc::kConflict:
      return 409;
    case Errc::kPreconditionFailed:
      return 412;
    case Errc::kUnauthenticated:
      return 401;
    case Errc::kPermissionDenied:
      return 403;
    case Errc::kTooLarge:
      return 413;
    case Errc::kUnsupportedMediaType:
      return 415;
    case Errc::kThrottled:
      return 429;
    case Errc::kUnavailable:
      return 503;
    case Errc::kInternal:
      return 500;
  }
  return 500;
}

api::Response error_response(int status, std::string_view code, std::string message) {
  return api::Response::json(
      json::object{{"error", json::object{{"code", code}, {"message", std::move(message)}}}},
      status);
}

api::Response error_response(const Error& error) {
  json::object body{{"code", errc_code(error.code)}, {"message", error.message}};
  if (error.code == Errc::kInternal) {
    // The client gets an id to quote; the detail stays in the log.
    std::string incident = new_id();
    log::error("incident", {{"incident", incident}, {"message", error.message}});
    body["message"] = "Terjadi kesalahan pada server (insiden " + incident + ")";
    body["incident"] = incident;
  } else if (error.details.is_array()) {
    body["details"] = error.details;
  }
  api::Response r =
      api::Response::json(json::object{{"error", std::move(body)}}, status_of(error.code));
  // A throttle says how long to wait (details[].retry_after, seconds): so does the header, for
  // every throttled answer (sign-in and the password of a signature alike).
  if (error.code == Errc::kThrottled && error.details.is_array())
    for (const auto& d : error.details.get_array())
      if (const auto* o = d.if_object())
        if (const auto* wait = o->if_contains("retry_after"); wait && wait->is_int64()) {
          r.headers.emplace_back("Retry-After", std::to_string(wait->get_int64()));
          break;
        }
  // A 401 that names its challenge (details[].challenge: git's HTTP Basic) sends it, so that the
  // client asks for credentials.
  if (error.code == Errc::kUnauthenticated && error.details.is_array())
    for (const auto& d : error.details.get_array())
      if (const auto* o = d.if_object())
        if (const auto* c = o->if_contains("challenge"); c && c->is_string()) {
          r.headers.emplace_back("WWW-Authenticate", std::string(c->get_string()));
          break;
        }
  return r;
}

}  // namespace sopan::http
