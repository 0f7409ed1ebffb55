#pragma once
/// The single Errc → HTTP status table, and the JSON error body every failure uses:
/// {"error":{"code":"validation","message":"…","details":[{"path":"/…","message":"…"}]}}
#include "api/types.hpp"
#include "common/error.hpp"

namespace sopan::http {

int status_of(Errc code);
/// Internal errors get an incident id (logged with the request) instead of their detail.
api::Response error_response(const Error& error);
/// For failures the http layer finds itself (405, 431...), with an explicit status.
api::Response error_response(int status, std::string_view code, std::string message);

}  // namespace sopan::http
