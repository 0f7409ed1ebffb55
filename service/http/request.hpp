#pragma once
/// What the session loop does between a parsed HTTP message and the router, as plain functions
/// (no sockets), so tests and fuzz targets run exactly the server's code.
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "api/types.hpp"
#include "http/server.hpp"

namespace sopan::http {

using RequestMessage = boost::beast::http::request<boost::beast::http::string_body>;
using RequestParser = boost::beast::http::request_parser<boost::beast::http::string_body>;

/// Sets the server's header and body limits on a fresh parser.
void apply_limits(RequestParser& parser, const ServerConfig& config);

/// The api::Request of `msg`: method, headers (lowercase names; repeated ones joined by ", "),
/// body, and `remote` from `peer` and X-Forwarded-For (client_address). Path and query are
/// filled by admit().
api::Request to_api_request(const RequestMessage& msg, std::string_view peer,
                            const TrustedProxies& trusted);

/// The refusal of a request no route may see, with its metrics label: 501 for a method outside
/// kMethods; 400 for a target that parse_target refuses or a header value with invalid UTF-8 or
/// a control character. nullopt when admitted: then `req.path` and `req.query` are set.
struct Refusal {
  api::Response response;
  std::string_view route_label;
};
std::optional<Refusal> admit(const RequestMessage& msg, api::Request& req);

}  // namespace sopan::http
