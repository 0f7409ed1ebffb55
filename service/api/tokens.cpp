#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "api/routes.hpp"
#include "common/json.hpp"
#include "library/accounts.hpp"
#include "library/org_library.hpp"
#include "vcs/git_http.hpp"

namespace sopan::api {
namespace json = boost::json;
using domain::Permission;

std::vector<Route> token_routes(Context& ctx) {
  // Each person manages their own tokens. Everyone may hold some (a grant can come later);
  // only those who may read git can use them (kGitRead), which the list says.
  auto list = [&ctx](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    auto tokens = ctx.accounts.tokens().list(req.principal->account_id);
    if (!tokens) return tokens.error();
    json::array items;
    std::size_t active = 0;
    for (const auto& t : *tokens) {
      items.push_back(t.to_public_json());
      if (t.live()) ++active;
    }
    const bool may_use = may(ctx, req, Permission::kGitRead, ctx.org.tree()->root());
    return Response::json(json::object{{"items", std::move(items)},
                                       {"count", tokens->size()},
                                       {"active", active},
                                       {"max_active", library::kMaxLiveAccessTokens},
                                       {"git_path", "/git/" + std::string(vcs::kGitHttpRepository)},
                                       {"username", req.principal->username},
                                       {"may_use_git", may_use}});
  };

  // A token outlives the session that made it, so making one asks for the password again (like
  // a signature): a session left open on a shared computer cannot mint a lasting credential.
  auto create = [&ctx](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    if (req.principal->must_change_password)
      return make_error(Errc::kPermissionDenied, "Ganti kata sandi sementara Anda terlebih dahulu");
    auto body = validated_body(ctx, req, "token.request");
    if (!body) return body.error();
    const auto& o = body->get_object();
    auto account = ctx.accounts.get(req.principal->account_id);
    if (!account) return account.error();
    if (!*account) return make_error(Errc::kUnauthenticated, "Akun tidak ditemukan");
    if (auto s = ctx.accounts.reauthenticate(**account, *json_util::string_field(o, "password"),
                                             req.remote);
        !s)
      return s.error();
    auto made = ctx.accounts.tokens().create(req.principal->account_id,
                                             *json_util::string_field(o, "name"), req.remote);
    if (!made) return made.error();
    Response r = Response::json(
        json::object{{"token", made->token.to_public_json()}, {"value", made->value}}, 201);
    r.headers.emplace_back("Location", "/api/v1/me/tokens/" + made->token.id);
    return r;
  };

  auto revoke = [&ctx](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    auto t = ctx.accounts.tokens().revoke(req.principal->account_id, req.param("id"), req.remote);
    if (!t) return t.error();
    return Response::json(json::object{{"token", t->to_public_json()}});
  };

  return {
      {"GET", "/api/v1/me/tokens", list, always_blocks, Permission::kSelf, {}},
      {"POST", "/api/v1/me/tokens", create, always_blocks, Permission::kSelf, {}},
      {"DELETE", "/api/v1/me/tokens/{id}", revoke, always_blocks, Permission::kSelf, {}},
  };
}

}  // namespace sopan::api
