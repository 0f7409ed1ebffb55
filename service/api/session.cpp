#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "api/routes.hpp"
#include "common/json.hpp"
#include "library/accounts.hpp"
#include "library/org_library.hpp"

namespace sopan::api {
namespace json = boost::json;
using domain::Permission;

namespace {

std::string session_cookie(const Request& req, std::string_view value, bool clear) {
  std::string c = std::string(kSessionCookie) + "=" + std::string(value) +
                  "; Path=/; HttpOnly; SameSite=Strict";
  if (clear) c += "; Max-Age=0";
  // Behind a TLS-terminating proxy the cookie must never travel in clear text.
  if (req.header("x-forwarded-proto") == "https") c += "; Secure";
  return c;
}

/// The signed-in person as the app needs it: who, which position and unit, which grants.
json::object me_json(const Context& ctx, const domain::Principal& p, std::string_view csrf) {
  auto tree = ctx.org.tree();
  json::array grants;
  for (const auto& g : p.grants) {
    const domain::Unit* u = tree->unit(g.unit);
    grants.push_back(json::object{{"role", domain::role_name(g.role)},
                                  {"unit", g.unit},
                                  {"unit_name", u ? u->name : "(unit tidak ditemukan)"}});
  }
  json::object o{{"account_id", p.account_id},
                 {"username", p.username},
                 {"name", p.name},
                 {"nip", p.nip},
                 {"must_change_password", p.must_change_password},
                 {"grants", std::move(grants)},
                 {"csrf_token", csrf}};
  std::string position = p.position;
  if (auto staff = ctx.org.staff(p.nip); position.empty() && staff && *staff)
    position = (*staff)->position;
  if (const domain::Unit* u = tree->unit_of_position(position)) {
    o["position"] = json::object{{"id", position}, {"name", u->position(position)->name}};
    o["unit"] = json::object{{"id", u->id}, {"name", u->name}};
  }
  return o;
}

}  // namespace

std::vector<Route> session_routes(Context& ctx) {
  auto login = [&ctx](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    auto body = validated_body(ctx, req, "login.request");
    if (!body) return body.error();
    const auto& o = body->get_object();
    auto result = ctx.accounts.login(*json_util::string_field(o, "username"),
                                     *json_util::string_field(o, "password"), req.remote);
    if (!result) return result.error();  // 429 carries Retry-After (http/error_response)
    domain::Principal p{result->account.id,
                        result->account.username,
                        result->account.name,
                        result->account.nip,
                        {},
                        result->account.grants,
                        result->account.must_change_password};
    Response r = Response::json(me_json(ctx, p, result->csrf_token));
    r.headers.emplace_back("Set-Cookie", session_cookie(req, result->token, false));
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
  };

  auto logout = [&ctx](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    auto account = ctx.accounts.get(req.principal->account_id);
    if (!account) return account.error();
    if (*account)
      if (auto s = ctx.accounts.logout(req.session_hash, **account); !s) return s.error();
    Response r;
    r.status = 204;
    r.content_type.clear();
    r.headers.emplace_back("Set-Cookie", session_cookie(req, "", true));
    return r;
  };

  auto me = [&ctx](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    Response r = Response::json(me_json(ctx, *req.principal, req.csrf_token));
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
  };

  auto change_password = [&ctx](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    auto body = validated_body(ctx, req, "password.request");
    if (!body) return body.error();
    const auto& o = body->get_object();
    auto account = ctx.accounts.get(req.principal->account_id);
    if (!account) return account.error();
    if (!*account) return make_error(Errc::kUnauthenticated, "Akun tidak ditemukan");
    auto s =
        ctx.accounts.change_password(**account, *json_util::string_field(o, "current_password"),
                                     *json_util::string_field(o, "new_password"), req.session_hash);
    if (!s) return s.error();
    Response r;
    r.status = 204;
    r.content_type.clear();
    return r;
  };

  return {
      {"POST", "/api/v1/session", login, always_blocks, Permission::kPublic, {}},
      {"DELETE", "/api/v1/session", logout, always_blocks, Permission::kSelf, {}},
      {"GET", "/api/v1/me", me, index_only, Permission::kSelf, {}},
      {"PUT", "/api/v1/me/password", change_password, always_blocks, Permission::kSelf, {}},
  };
}

}  // namespace sopan::api
