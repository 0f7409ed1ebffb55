#pragma once
/// What an API handler sees and returns: plain values, no Beast. The http layer fills `Request`
/// (already routed, body within limits) and turns `Response` or `Error` into an HTTP message.
#include <boost/json/value.hpp>
#include <cstdint>
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
  /// The path as sent, before percent-decoding (git's routes refuse any encoding in it).
  std::string raw_path;
  // Filled by the access guard before the handler runs:
  std::optional<domain::Principal> principal;  // the signed-in person, if any
  std::string session_hash;                    // sha256 of the session token
  std::string csrf_token;
  /// The personal access token used (a Credentials::kAccessToken route).
  std::string access_token_id;
  library::Actor actor;  // the principal as commit author and event actor

  std::string_view header(std::string_view name) const;
  std::string_view param(std::string_view name) const;
  std::optional<std::string_view> query_param(std::string_view name) const;
};

struct Response;
using Reply = Result<Response>;

/// Fills `chunk` (given empty) with the next part of a streamed body; answers true while more may
/// follow, false after the last part (which may be empty). An error ends the connection: the
/// status line is long sent, so the client sees a truncated body, never a clean end.
using BodyProducer = std::function<Result<bool>(std::string& chunk)>;

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  /// A body too large to hold in memory (an audit packet, a git pack), sent instead of `body`:
  /// pulled chunk by chunk on the blocking pool and written with chunked encoding (to an HTTP/1.0
  /// client: until the connection closes). Same headers as any other response; HEAD never pulls.
  BodyProducer stream;
  /// The exact length of `stream`'s body when known beforehand (a file): sent as Content-Length
  /// instead of chunked, so a browser can show progress. A producer that then gives fewer or
  /// more bytes ends the connection (the client sees a truncated body, never a clean end).
  std::optional<std::uint64_t> stream_length;
  /// Set by a handler running inline on an I/O thread that finds it must block after all (the
  /// access guard's denial, which writes an audit event): the server runs it on the blocking
  /// pool and answers with what it returns; the rest of this Response is ignored. On the pool it
  /// simply runs in place. References into the Request stay valid until it has run.
  std::function<Reply()> continue_on_pool;

  static Response json(const boost::json::value& v, int status = 200);
};

/// A Reply that finishes `rest` on the blocking pool (see Response::continue_on_pool).
Reply continue_on_pool(std::function<Reply()> rest);

/// Takes the request mutable so the access guard can attach the principal before the handler.
using Handler = std::function<Reply(Request&)>;
/// The unit a request concerns (nullopt = none in particular), for the access decision.
using UnitOf = std::function<Result<std::optional<std::string>>(const Request&)>;

/// How a route's caller proves who it is.
enum class Credentials {
  kSession,  // the session cookie (the web app), with the CSRF token on writes
  /// HTTP Basic "username:personal access token" (git clients, which keep no cookie). For the
  /// read-only /git/ routes only: see the access guard (api/routes.cpp).
  kAccessToken,
};

/// Where a route runs. By default on the blocking pool, so that no I/O thread ever waits behind
/// git (its write mutex is held through fsync), a synced RocksDB batch or a long computation.
/// A route opts in to running inline on the I/O thread (no thread hop: the hot reads) by naming
/// a `blocks` predicate that answers false for the requests it serves from the index and memory
/// alone: `index_only` for all of them, or its own (GET /api/v1/sops/{id} reads git only for
/// ?version=N or ?at). An inline handler must not write (not even an audit event) nor read git;
/// when it finds it has to, it returns `continue_on_pool(...)` instead.
struct Route {
  std::string method;
  /// "/api/v1/sops/{id}/draft": `{name}` matches one non-empty segment; a last segment
  /// `{name...}` matches the rest of the path, one or more segments (http/router.hpp).
  std::string pattern;
  Handler handler;
  /// True for requests that may block: they run on the blocking pool. Empty = every request may
  /// block (the default, the same as `always_blocks`).
  std::function<bool(const Request&)> blocks;
  /// Who may call it: every route names one (the authorization test walks them all).
  std::optional<domain::Permission> permission;
  /// Empty = the request concerns no unit in particular.
  UnitOf unit_of;
  Credentials credentials = Credentials::kSession;
};

/// A `Route::blocks` for handlers that always block (the same as leaving it empty).
inline bool always_blocks(const Request&) { return true; }
/// A `Route::blocks` for handlers that read only the index and memory: they run inline.
inline bool index_only(const Request&) { return false; }

/// The JSON body of `req`: 415 unless Content-Type is application/json, 400 when malformed or
/// beyond the limits, 422 for a control character (json_util::parse_request).
[[nodiscard]] Result<boost::json::value> json_body(const Request& req);
/// The `limit` query parameter: `fallback` when absent, else a whole number 1..`max` (400
/// naming "/query/limit" otherwise).
[[nodiscard]] Result<std::size_t> limit_param(const Request& req, std::size_t fallback,
                                              std::size_t max);
/// The media type of a request body, without parameters, in lower case ("application/xml").
std::string media_type(const Request& req);
/// Refuses query parameters other than `allowed` (400, naming "/query/<name>").
[[nodiscard]] Status only_query_params(const Request& req,
                                       std::initializer_list<std::string_view> allowed);

}  // namespace sopan::api
