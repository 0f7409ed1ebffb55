// Raw bytes through the server's request path without sockets: Beast's parser with the server's
// limits, to_api_request, admit (method, target, header checks), the real route table's match
// and the access guard around every handler (no session: the guard answers), plus the body
// validation of the routes that take a schema-checked body.
#include <boost/asio/buffer.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>

#include "common/text.hpp"
#include "fuzz_support.hpp"
#include "http/request.hpp"
#include "http/router.hpp"

namespace {
namespace http = sopan::http;

const std::map<std::string, std::string_view>& body_schemas() {
  static const std::map<std::string, std::string_view> m = {
      {"POST /api/v1/accounts", "account.request"},
      {"PUT /api/v1/accounts/{id}", "account.request"},
      {"POST /api/v1/org/import", "org-import.request"},
      {"POST /api/v1/sops/{id}/comments", "comment.request"},
      {"PUT /api/v1/sops/{id}/comments/{comment}", "comment-update.request"},
      {"POST /api/v1/sops/{id}/monitoring", "monitoring.request"},
      {"POST /api/v1/sops/{id}/evaluations", "evaluation.request"},
      {"POST /api/v1/session", "login.request"},
      {"PUT /api/v1/me/password", "password.request"},
      {"POST /api/v1/sops", "save-draft.request"},
      {"PUT /api/v1/sops/{id}/draft", "save-draft.request"},
      {"POST /api/v1/render/sop", "render-sop.request"},
      {"POST /api/v1/import/sop-steps", "sop-steps-import.request"},
      {"POST /api/v1/sops/{id}/actions/{action}", "action.request"},
  };
  return m;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const http::Router router(sopan::fuzz::routes());
  static const http::ServerConfig config = [] {
    http::ServerConfig c;
    c.trusted_proxies = *http::TrustedProxies::parse("127.0.0.1");
    return c;
  }();

  http::RequestParser parser;
  http::apply_limits(parser, config);
  parser.eager(true);
  boost::system::error_code ec;
  auto buffer = boost::asio::buffer(data, size);
  while (buffer.size() > 0 && !parser.is_done()) {
    std::size_t used = parser.put(buffer, ec);
    if (ec || used == 0) break;
    buffer += used;
  }
  if (!parser.is_done()) return 0;
  const auto& msg = parser.get();
  sopan::api::Request req = http::to_api_request(msg, "127.0.0.1", config.trusted_proxies);
  if (!sopan::text::is_valid_utf8(req.remote)) std::abort();
  if (auto refusal = http::admit(msg, req)) return 0;
  // Admitted: what routes, logs and audit events see is clean text.
  if (!sopan::text::is_valid_utf8(req.path)) std::abort();
  auto m = router.match(req.method, req.path);
  if (!m.route) return 0;
  req.params = std::move(m.params);
  const std::string key = m.route->method + " " + m.route->pattern;
  if (auto it = body_schemas().find(key); it != body_schemas().end())
    (void)sopan::api::validated_body(sopan::fuzz::context(), req, it->second);
  // Signing in hashes a password (far too slow for fuzzing) and every attempt is an event.
  if (key == "POST /api/v1/session") return 0;
  (void)m.route->handler(req);
  return 0;
}
