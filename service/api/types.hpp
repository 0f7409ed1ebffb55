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
  library::Actor actor;  // who is asking (sessions arrive with the organisation issue)

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
using Handler = std::function<Reply(const Request&)>;

struct Route {
  std::string method;
  std::string pattern;  // "/api/v1/sops/{id}/draft"
  Handler handler;
  /// True for requests that may block (git writes and reads): they run off the I/O threads.
  /// Empty = never blocks (index reads only).
  std::function<bool(const Request&)> blocks;
};

/// A `Route::blocks` for handlers that always block.
inline bool always_blocks(const Request&) { return true; }

/// The JSON body of `req`: 415 unless Content-Type is application/json, 400 when malformed.
[[nodiscard]] Result<boost::json::value> json_body(const Request& req);
/// Refuses query parameters other than `allowed` (400, naming "/query/<name>").
[[nodiscard]] Status only_query_params(const Request& req,
                                       std::initializer_list<std::string_view> allowed);

}  // namespace sopan::api
