#include "library/accounts.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "api/routes.hpp"
#include "common/ids.hpp"
#include "common/json.hpp"
#include "library/org_library.hpp"

namespace sopan::api {
namespace json = boost::json;
using domain::Permission;

namespace {

Error account_not_found() { return make_error(Errc::kNotFound, "Akun tidak ditemukan"); }

json::value account_json(const library::Account& a, const library::OrgLibrary& org) {
  json::value v = a.to_public_json();
  auto tree = org.tree();
  for (auto& g : v.as_object()["grants"].as_array()) {
    const domain::Unit* u = tree->unit(g.as_object()["unit"].as_string());
    g.as_object()["unit_name"] = u ? u->name : "(unit tidak ditemukan)";
  }
  const domain::Unit* u = tree->unit(org.unit_of_staff(a.nip));
  v.as_object()["unit_name"] = u ? u->name : "";
  return v;
}

struct AccountBody {
  std::string username, nip;
  std::optional<bool> active;
  std::optional<std::string> temporary_password;
  std::vector<domain::Grant> grants;
};

Result<AccountBody> account_body(const Context& ctx, const Request& req) {
  auto body = validated_body(ctx, req, "account.request");
  if (!body) return body.error();
  const auto& o = body->get_object();
  AccountBody b;
  b.username = *json_util::string_field(o, "username");
  b.nip = *json_util::string_field(o, "nip");
  if (const json::value* a = o.if_contains("active")) b.active = a->get_bool();
  if (auto p = json_util::string_field(o, "temporary_password")) b.temporary_password = *p;
  auto tree = ctx.org.tree();
  Problems problems;
  const auto& grants = o.at("grants").as_array();
  for (std::size_t i = 0; i < grants.size(); ++i) {
    const auto& g = grants[i].as_object();
    domain::Grant grant{*domain::parse_role(g.at("role").as_string()),
                        std::string(g.at("unit").as_string())};
    if (!tree->unit(grant.unit))
      problems.add("/grants/" + std::to_string(i) + "/unit", "Unit tidak ditemukan");
    b.grants.push_back(std::move(grant));
  }
  auto staff = ctx.org.staff(b.nip);
  if (!staff) return staff.error();
  if (!*staff) problems.add("/nip", "Pegawai dengan NIP ini tidak ditemukan");
  if (b.temporary_password)
    if (auto s = library::check_password_policy(*b.temporary_password, "/temporary_password"); !s)
      problems.add("/temporary_password",
                   "Paling sedikit 10 karakter, berisi huruf serta angka "
                   "atau simbol");
  if (!problems.empty()) return problems.to_error("Data akun tidak valid");
  return b;
}

}  // namespace

std::vector<Route> account_routes(Context& ctx) {
  auto& org = ctx.org;
  auto& accounts = ctx.accounts;

  /// Every grant an admin hands out must lie inside the admin's own reach.
  auto grants_allowed = [&ctx](const Request& req, const std::vector<domain::Grant>& grants) {
    for (const auto& g : grants)
      if (!may(ctx, req, Permission::kAccountsManage, g.unit)) return false;
    return true;
  };

  auto list = [&ctx, &org, &accounts](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    auto all = accounts.list();
    if (!all) return all.error();
    json::array items;
    for (const auto& a : *all)
      if (may(ctx, req, Permission::kAccountsManage, org.unit_of_staff(a.nip)))
        items.push_back(account_json(a, org));
    std::size_t n = items.size();
    return Response::json(json::object{{"items", std::move(items)}, {"count", n}});
  };

  auto body_unit = [&ctx, &org](const Request& req) -> Result<std::optional<std::string>> {
    auto b = account_body(ctx, req);
    if (!b) return b.error();
    return std::optional<std::string>(org.unit_of_staff(b->nip));
  };

  auto create = [&ctx, &org, &accounts, grants_allowed](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    auto b = account_body(ctx, req);
    if (!b) return b.error();
    if (!b->temporary_password)
      return field_error(Errc::kValidation, "Kata sandi sementara wajib diisi",
                         "/temporary_password", "Isi kata sandi sementara untuk akun baru");
    if (!grants_allowed(req, b->grants)) return denied(ctx, req);
    auto staff = org.staff(b->nip);
    if (!staff) return staff.error();
    library::Account a;
    a.id = new_id();
    a.username = b->username;
    a.nip = b->nip;
    a.name = (*staff)->name;
    a.password_hash = library::hash_password(*b->temporary_password);
    a.must_change_password = true;
    a.active = b->active.value_or(true);
    a.grants = b->grants;
    a.created_at = a.updated_at = ctx.library.clock().now();
    if (auto s = accounts.put(a,
                              {{"kind", "account.create"},
                               {"account", a.id},
                               {"username", a.username},
                               {"by", req.principal->account_id}},
                              {.one_per_nip = true});
        !s)
      return s.error();
    Response r = Response::json(account_json(a, org), 201);
    r.headers.emplace_back("Location", "/api/v1/accounts/" + a.id);
    return r;
  };

  auto path_unit = [&org, &accounts](const Request& req) -> Result<std::optional<std::string>> {
    auto a = accounts.get(req.param("id"));
    if (!a) return a.error();
    if (!*a) return account_not_found();
    return std::optional<std::string>(org.unit_of_staff((*a)->nip));
  };

  auto get = [&org, &accounts](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    auto a = accounts.get(req.param("id"));
    if (!a) return a.error();
    if (!*a) return account_not_found();
    return Response::json(account_json(**a, org));
  };

  auto update = [&ctx, &org, &accounts, grants_allowed](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    auto b = account_body(ctx, req);
    if (!b) return b.error();
    auto existing = accounts.get(req.param("id"));
    if (!existing) return existing.error();
    if (!*existing) return account_not_found();
    if (!grants_allowed(req, b->grants) ||
        !may(ctx, req, Permission::kAccountsManage, org.unit_of_staff(b->nip)))
      return denied(ctx, req);
    library::Account a = **existing;
    if (a.id == req.principal->account_id && b->active == false)
      return field_error(Errc::kValidation, "Anda tidak dapat menonaktifkan akun sendiri",
                         "/active", "Minta admin lain menonaktifkan akun ini");
    auto staff = org.staff(b->nip);
    if (!staff) return staff.error();
    a.username = b->username;
    a.nip = b->nip;
    a.name = (*staff)->name;
    a.grants = b->grants;
    if (b->active) a.active = *b->active;
    if (b->temporary_password) {
      a.password_hash = library::hash_password(*b->temporary_password);
      a.must_change_password = true;
    }
    a.updated_at = ctx.library.clock().now();
    if (auto s = accounts.put(
            a,
            {{"kind", b->temporary_password ? "account.password_reset" : "account.update"},
             {"account", a.id},
             {"username", a.username},
             {"by", req.principal->account_id}},
            {.one_per_nip = true});
        !s)
      return s.error();
    return Response::json(account_json(a, org));
  };

  return {
      {"GET", "/api/v1/accounts", list, {}, Permission::kAccountsManage, {}},
      {"POST", "/api/v1/accounts", create, always_blocks, Permission::kAccountsManage, body_unit},
      {"GET", "/api/v1/accounts/{id}", get, {}, Permission::kAccountsManage, path_unit},
      {"PUT", "/api/v1/accounts/{id}", update, always_blocks, Permission::kAccountsManage,
       path_unit},
  };
}

}  // namespace sopan::api
