#include "api/routes.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <stdexcept>

#include "common/basic_auth.hpp"
#include "common/hash.hpp"
#include "library/accounts.hpp"
#include "library/document_library.hpp"
#include "library/org_library.hpp"
#include "schema/registry.hpp"

namespace sopan::api {

namespace {

std::string_view cookie_value(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    auto end = header.find_first_of(";,");
    std::string_view pair = header.substr(0, end);
    while (pair.starts_with(' ')) pair.remove_prefix(1);
    if (pair.size() > name.size() && pair.starts_with(name) && pair[name.size()] == '=')
      return pair.substr(name.size() + 1);
    if (end == std::string_view::npos) break;
    header.remove_prefix(end + 1);
  }
  return {};
}

bool is_write(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

/// The principal without its position: only /me needs that, and it costs a staff lookup.
domain::Principal principal_of(const library::Account& a) {
  return {a.id, a.username, a.name, a.nip, {}, a.grants, a.must_change_password};
}

/// 401 for a git client: the challenge (WWW-Authenticate, http/error_response) makes it ask for
/// the username and token, or use those in its URL.
Error token_refused(std::string message) {
  Error e = make_error(Errc::kUnauthenticated, std::move(message));
  e.details = boost::json::array{
      boost::json::object{{"path", "/headers/Authorization"},
                          {"message", "Nama pengguna dan token akses pribadi (bukan kata sandi)"},
                          {"challenge", "Basic realm=\"Sopan\""}}};
  return e;
}

/// The principal of an `Authorization: Basic username:token` header, when the token is live and
/// its account active and named `username`; every other case is the same 401 (no hint which
/// part was wrong). A password is never checked here, so this path cannot be used to guess one.
Status sign_in_with_token(Context& ctx, Request& req) {
  const auto credentials = parse_basic_authorization(req.header("authorization"));
  if (!credentials)
    return token_refused("Masuk dengan nama pengguna dan token akses pribadi (HTTP Basic)");
  const Error wrong =
      token_refused("Nama pengguna atau token akses salah, atau token telah dicabut");
  auto token = ctx.accounts.tokens().use(credentials->password);
  if (!token) return token.error();
  if (!*token) return wrong;
  auto account = ctx.accounts.get((*token)->account_id);
  if (!account) return account.error();
  if (!*account || !(*account)->active || (*account)->username != credentials->username)
    return wrong;
  req.principal = principal_of(**account);
  req.access_token_id = (*token)->id;
  req.actor = {req.principal->name, req.principal->nip, {}, req.principal->account_id};
  return {};
}

Reply guarded(Context& ctx, domain::Permission permission, Credentials credentials,
              const UnitOf& unit_of, const Handler& handler, Request& req) {
  if (credentials == Credentials::kAccessToken) {
    if (auto s = sign_in_with_token(ctx, req); !s) return s.error();
  } else {
    auto session = ctx.accounts.resolve(cookie_value(req.header("cookie"), kSessionCookie));
    if (!session) return session.error();
    if (*session) {
      req.principal = principal_of((*session)->account);
      req.session_hash = (*session)->token_hash;
      req.csrf_token = (*session)->csrf_token;
      req.actor = {req.principal->name, req.principal->nip, {}, req.principal->account_id};
      // A write's commit records the position its author holds (history rows name it).
      if (is_write(req.method)) req.actor.position = ctx.org.position_name_of_staff(req.actor.nip);
    }
  }
  if (permission == domain::Permission::kPublic) return handler(req);
  if (!req.principal)
    return make_error(Errc::kUnauthenticated, "Sesi tidak ada atau telah berakhir; silakan masuk");
  // SameSite=Strict already keeps other sites' requests cookie-less; the token is the second lock.
  // A token route needs neither: no cookie is involved, and its routes change nothing (git's
  // POST asks for a pack; receive-pack is refused), while another site's page cannot read what
  // they answer (no CORS). So even a browser that remembered Basic credentials could be made to
  // fetch, never to write or to show the fetch to that site.
  if (credentials == Credentials::kSession && is_write(req.method) &&
      !equal_constant_time(req.header("x-csrf-token"), req.csrf_token))
    return field_error(Errc::kPermissionDenied, "Token keamanan (CSRF) tidak ada atau salah",
                       "/headers/X-CSRF-Token", "Muat ulang halaman lalu coba lagi");
  std::optional<std::string> unit;
  if (unit_of) {
    auto u = unit_of(req);
    if (!u) return u.error();
    unit = std::move(*u);
  }
  if (!may(ctx, req, permission, unit)) {
    if (req.principal->must_change_password)
      return make_error(Errc::kPermissionDenied, "Ganti kata sandi sementara Anda terlebih dahulu");
    // The denial writes an audit event: never on an I/O thread (types.hpp, Route).
    return continue_on_pool([&ctx, &req]() -> Reply { return denied(ctx, req); });
  }
  return handler(req);
}

}  // namespace

bool may(const Context& ctx, const Request& req, domain::Permission permission,
         const std::optional<std::string>& unit) {
  auto tree = ctx.org.tree();
  return domain::may(req.principal ? &*req.principal : nullptr, permission, unit, *tree);
}

Error denied(Context& ctx, const Request& req) {
  (void)ctx.library.record_event({{"kind", "access.denied"},
                                  {"account", req.principal ? req.principal->account_id : ""},
                                  {"method", req.method},
                                  {"path", req.path},
                                  {"remote", req.remote}});
  return make_error(Errc::kPermissionDenied, "Anda tidak berwenang melakukan ini");
}

Result<boost::json::value> validated_body(const Context& ctx, const Request& req,
                                          std::string_view schema) {
  auto body = json_body(req);
  if (!body) return body.error();
  if (auto s = ctx.schemas.validate(schema, *body); !s) return s.error();
  return body;
}

std::vector<Route> all_routes(Context& ctx) {
  std::vector<Route> all;
  for (auto group :
       {health_routes, session_routes, instansi_routes, org_routes, account_routes, event_routes,
        task_routes, score_routes, packet_routes, token_routes, git_routes, verify_routes})
    for (auto& r : group(ctx)) all.push_back(std::move(r));
  for (const auto& kind : ctx.kinds)
    for (auto& r : document_routes(ctx, kind)) all.push_back(std::move(r));
  std::vector<Route> routes;
  for (auto& r : all) {
    if (!r.permission)
      throw std::logic_error("route without a permission: " + r.method + " " + r.pattern);
    r.handler = [&ctx, permission = *r.permission, credentials = r.credentials, unit_of = r.unit_of,
                 inner = std::move(r.handler)](Request& req) {
      return guarded(ctx, permission, credentials, unit_of, inner, req);
    };
    routes.push_back(std::move(r));
  }
  return routes;
}

}  // namespace sopan::api
