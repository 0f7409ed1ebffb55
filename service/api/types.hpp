#pragma once
/// What an API handler sees and returns: plain values, no Beast. The http layer fills `Request`
/// (already routed, body within limits) and turns `Response` or `Error` into an HTTP message.
#include <boost/json/value.hpp>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/error.hpp"
#include "domain/access.hpp"
#include "library/model.hpp"

namespace sopan::api {

using StringMap = std::map<std::string, std::string, std::less<>>;

struct Request {
  std::string method;
  std::string path;
  StringMap query;    // percent-decoded
  StringMap params;   // path parameters, percent-decoded
  StringMap headers;  // lowercase names
  std::string body;
  std::string remote;
  // Filled by the access guard before the handler runs:
  std::optional<domain::Principal> principal;  // the signed-in person, if any
  std::string session_hash;                    // sha256 of the session token
  std::string csrf_token;
  library::Actor actor;  // the principal as commit author and event actor

  std::string_view header(std::string_view name) const;
  std::string_view param(std::string_view name) const;
  std::optional<std::string_view> query_param(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  static Response json(const boost::json::value& v, int status = 200);
};

using Reply = Result<Response>;
/// Takes the request mutable so the access guard can attach the principal before the handler.
using Handler = std::function<Reply(Request&)>;
/// The unit a request concerns (nullopt = none in particular), for the access decision.
using UnitOf = std::function<Result<std::optional<std::string>>(const Request&)>;

struct Route {
  std::string method;
  std::string pattern;  // "/api/v1/sops/{id}/draft"
  Handler handler;
  /// True for requests that may block (git writes and reads): they run off the I/O threads.
  /// Empty = never blocks (index reads only).
  std::function<bool(const Request&)> blocks;
  /// Who may call it: every route names one (the authorization test walks them all).
  std::optional<domain::Permission> permission;
  /// Empty = the request concerns no unit in particular.
  UnitOf unit_of;
};

/// A `Route::blocks` for handlers that always block.
inline bool always_blocks(const Request&) { return true; }

/// The JSON body of `req`: 415 unless Content-Type is application/json, 400 when malformed or
/// beyond the limits, 422 for a control character (json_util::parse_request).
[[nodiscard]] Result<boost::json::value> json_body(const Request& req);
/// The `limit` query parameter: `fallback` when absent, else a whole number 1..`max` (400
/// naming "/query/limit" otherwise).
[[nodiscard]] Result<std::size_t> limit_param(const Request& req, std::size_t fallback,
                                              std::size_t max);
/// Refuses query parameters other than `allowed` (400, naming "/query/<name>").
[[nodiscard]] Status only_query_params(const Request& req,
                                       std::initializer_list<std::string_view> allowed);

}  // namespace sopan::api
