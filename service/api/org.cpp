#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "api/routes.hpp"
#include "common/ids.hpp"
#include "common/json.hpp"
#include "library/org_import.hpp"
#include "library/org_library.hpp"

namespace sopan::api {
namespace json = boost::json;
using domain::Permission;

namespace {

std::string folded(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Error unit_not_found() { return make_error(Errc::kNotFound, "Unit tidak ditemukan"); }

/// The unit body of POST/PUT: a JSON object parsed by the domain (pointers name the fields).
Result<domain::Unit> unit_body(const Request& req) {
  auto body = json_body(req);
  if (!body) return body.error();
  return domain::Unit::from_json(*body);
}

Result<library::Staff> staff_body(const Request& req) {
  auto body = json_body(req);
  if (!body) return body.error();
  return library::Staff::from_json(*body);
}

/// Gives positions without an id a new one. An id may also be chosen by the client for a new
/// position (so a new position can be named head in the same request), but never one that
/// belongs to another unit.
Status assign_position_ids(domain::Unit& unit, const domain::OrgTree& tree) {
  Problems problems;
  for (std::size_t i = 0; i < unit.positions.size(); ++i) {
    auto& p = unit.positions[i];
    if (p.id.empty()) {
      p.id = new_id();
      continue;
    }
    const domain::Unit* owner = tree.unit_of_position(p.id);
    if (owner && owner->id != unit.id)
      problems.add("/positions/" + std::to_string(i) + "/id",
                   "Jabatan ini milik unit " + owner->name + "; kosongkan id untuk jabatan baru");
  }
  if (!problems.empty()) return problems.to_error("Data unit tidak valid");
  return {};
}

/// NIPs are personal data (DESIGN §2): a staff member's NIP is shown to the person themselves
/// and to those who manage or sign over the member's unit (admin, verifikator, pengesah).
/// Penyusun, evaluator, pegawai and auditor see names and positions. Auditors read NIPs where
/// they are part of the record (signatures, commit authors); the whole directory is more than
/// an audit of the record needs.
bool may_see_nip(const Request& req, const domain::OrgTree& tree, const library::Staff& s) {
  if (!req.principal) return false;
  if (!s.nip.empty() && req.principal->nip == s.nip) return true;
  const domain::Unit* u = tree.unit_of_position(s.position);
  const std::string unit = u ? u->id : tree.root();
  for (auto role : {domain::Role::kAdmin, domain::Role::kVerifikator, domain::Role::kPengesah})
    if (domain::holds(*req.principal, role, unit, tree)) return true;
  return false;
}

json::value staff_json(const library::Staff& s, const domain::OrgTree& tree, bool with_nip) {
  json::value v = s.to_json();
  if (!with_nip) v.as_object().erase("nip");
  if (const domain::Unit* u = tree.unit_of_position(s.position)) {
    v.as_object()["position_name"] = u->position(s.position)->name;
    v.as_object()["unit"] = u->id;
    v.as_object()["unit_name"] = u->name;
  }
  return v;
}

Response unit_answer(const domain::Unit& u, const domain::OrgTree& tree, int status = 200) {
  json::value v = u.to_json();
  json::array path;
  for (const domain::Unit* p : tree.path_to(u.id))
    path.push_back(json::object{{"id", p->id}, {"name", p->name}});
  json::array children;
  for (const domain::Unit* c : tree.children(u.id))
    children.push_back(json::object{{"id", c->id}, {"code", c->code}, {"name", c->name}});
  v.as_object()["path"] = std::move(path);
  v.as_object()["children"] = std::move(children);
  Response r = Response::json(v, status);
  if (status == 201) r.headers.emplace_back("Location", "/api/v1/units/" + u.id);
  return r;
}

}  // namespace

std::vector<Route> org_routes(Context& ctx) {
  auto& org = ctx.org;

  auto list_units = [&org](Request& req) -> Reply {
    if (auto s = only_query_params(req, {"q"}); !s) return s.error();
    auto tree = org.tree();
    json::array items = tree->to_json();
    if (auto q = req.query_param("q"); q && !q->empty()) {
      std::string needle = folded(*q);
      json::array matched;
      for (auto& item : items) {
        const auto& o = item.as_object();
        if (folded(o.at("name").as_string()).find(needle) != std::string::npos ||
            folded(o.at("code").as_string()).find(needle) != std::string::npos)
          matched.push_back(std::move(item));
      }
      items = std::move(matched);
    }
    std::size_t n = items.size();
    return Response::json(
        json::object{{"root", tree->root()}, {"items", std::move(items)}, {"count", n}});
  };

  auto parent_of_body = [](const Request& req) -> Result<std::optional<std::string>> {
    auto unit = unit_body(req);
    if (!unit) return unit.error();
    if (unit->parent.empty())
      return field_error(Errc::kValidation, "Unit induk wajib diisi", "/parent",
                         "Pilih unit induk tempat unit baru berada");
    return std::optional<std::string>(unit->parent);
  };

  auto create_unit = [&org](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    auto unit = unit_body(req);
    if (!unit) return unit.error();
    if (!unit->id.empty())
      return field_error(Errc::kValidation, "Id unit diberikan oleh sistem", "/id",
                         "Kosongkan id untuk unit baru");
    if (unit->closed)
      return field_error(Errc::kValidation, "Unit baru tidak dapat langsung ditutup", "/closed",
                         "Hapus data penutupan");
    unit->id = new_id();
    if (auto s = assign_position_ids(*unit, *org.tree()); !s) return s.error();
    library::OrgChange change{{*unit}, {}, "org.unit.create", "Membentuk unit " + unit->name};
    if (auto s = org.apply(change, req.actor); !s) return s.error();
    auto tree = org.tree();
    return unit_answer(*tree->unit(unit->id), *tree, 201);
  };

  auto get_unit = [&org](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    auto tree = org.tree();
    const domain::Unit* u = tree->unit(req.param("id"));
    if (!u) return unit_not_found();
    return unit_answer(*u, *tree);
  };

  auto unit_from_path = [&org](const Request& req) -> Result<std::optional<std::string>> {
    if (!org.tree()->unit(req.param("id"))) return unit_not_found();
    return std::optional<std::string>(std::string(req.param("id")));
  };

  auto update_unit = [&ctx, &org](Request& req) -> Reply {
    if (auto s = only_query_params(req, {"message"}); !s) return s.error();
    auto unit = unit_body(req);
    if (!unit) return unit.error();
    auto tree = org.tree();
    const domain::Unit* before = tree->unit(req.param("id"));
    if (!before) return unit_not_found();
    if (!unit->id.empty() && unit->id != before->id)
      return field_error(Errc::kValidation, "Id unit tidak sesuai alamat", "/id",
                         "Id unit tidak dapat diubah");
    unit->id = before->id;
    if (before->parent.empty() != unit->parent.empty())
      return field_error(
          Errc::kValidation, "Unit akar tidak dapat dipindahkan", "/parent",
          before->parent.empty() ? "Unit instansi tidak memiliki induk" : "Pilih unit induk");
    // Moving a unit needs the right over its new place too.
    if (unit->parent != before->parent && !may(ctx, req, Permission::kOrgWrite, unit->parent))
      return denied(ctx, req);
    if (auto s = assign_position_ids(*unit, *tree); !s) return s.error();
    // A position still held by active staff cannot disappear: move or close the staff first.
    auto staff = org.all_staff();
    if (!staff) return staff.error();
    Problems problems;
    for (const auto& p : before->positions) {
      if (unit->position(p.id) && !unit->closed) continue;
      for (const auto& s : *staff)
        if (s.active && s.position == p.id) {
          problems.add("/positions", "Jabatan " + p.name + " masih dipegang " + s.name + " (NIP " +
                                         s.nip + "); pindahkan pegawai dahulu");
          break;
        }
    }
    if (!problems.empty()) return problems.to_error("Unit tidak dapat diubah");
    std::string what = unit->closed ? "Menutup unit " : "Mengubah unit ";
    if (unit->name != before->name) what = "Mengganti nama unit " + before->name + " menjadi ";
    std::string message(req.query_param("message").value_or(""));
    library::OrgChange change{{*unit},
                              {},
                              unit->closed ? "org.unit.close" : "org.unit.update",
                              message.empty() ? what + unit->name : message};
    if (auto s = org.apply(change, req.actor); !s) return s.error();
    auto next = org.tree();
    return unit_answer(*next->unit(unit->id), *next);
  };

  auto unit_history = [&org](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    if (!org.tree()->unit(req.param("id"))) return unit_not_found();
    auto commits = org.unit_history(req.param("id"));
    if (!commits) return commits.error();
    json::array items;
    for (const auto& c : *commits)
      items.push_back(json::object{{"commit", c.id},
                                   {"time", format_utc(c.time)},
                                   {"author", c.author.name},
                                   {"action", c.trailer("Sopan-Action").value_or("")},
                                   {"message", c.message}});
    return Response::json(json::object{{"id", req.param("id")}, {"versions", std::move(items)}});
  };

  auto list_staff = [&org](Request& req) -> Reply {
    if (auto s = only_query_params(req, {"q", "unit", "active", "limit"}); !s) return s.error();
    auto tree = org.tree();
    auto unit = req.query_param("unit");
    if (unit && !tree->unit(*unit))
      return field_error(Errc::kInvalidArgument, "Parameter unit tidak valid", "/query/unit",
                         "Unit tidak ditemukan");
    auto active = req.query_param("active");
    if (active && *active != "ya" && *active != "tidak")
      return field_error(Errc::kInvalidArgument, "Parameter active tidak valid", "/query/active",
                         "Isi dengan ya atau tidak");
    auto limit = limit_param(req, 500, 5000);
    if (!limit) return limit.error();
    std::string needle = folded(req.query_param("q").value_or(""));
    auto staff = org.all_staff();
    if (!staff) return staff.error();
    json::array items;
    for (const auto& s : *staff) {
      if (active && s.active != (*active == "ya")) continue;
      if (unit) {
        const domain::Unit* u = tree->unit_of_position(s.position);
        if (!u || !tree->within(u->id, *unit)) continue;
      }
      const bool with_nip = may_see_nip(req, *tree, s);
      // A hidden NIP is not searchable either: matching would reveal it digit by digit.
      if (!needle.empty() && folded(s.name).find(needle) == std::string::npos &&
          (!with_nip || s.nip.find(needle) == std::string::npos))
        continue;
      if (items.size() == *limit) break;
      items.push_back(staff_json(s, *tree, with_nip));
    }
    std::size_t n = items.size();
    return Response::json(json::object{{"items", std::move(items)}, {"count", n}});
  };

  /// The unit of a staff member's position (the root when none is held).
  auto unit_of_position = [&org](std::string_view position) -> Result<std::optional<std::string>> {
    auto tree = org.tree();
    if (position.empty()) return std::optional<std::string>(tree->root());
    const domain::Unit* u = tree->unit_of_position(position);
    if (!u)
      return field_error(Errc::kValidation, "Jabatan tidak ditemukan", "/position",
                         "Pilih jabatan yang ada di struktur organisasi");
    return std::optional<std::string>(u->id);
  };

  auto staff_body_unit =
      [unit_of_position](const Request& req) -> Result<std::optional<std::string>> {
    auto s = staff_body(req);
    if (!s) return s.error();
    return unit_of_position(s->position);
  };

  auto create_staff = [&org](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    auto staff = staff_body(req);
    if (!staff) return staff.error();
    auto existing = org.staff(staff->nip);
    if (!existing) return existing.error();
    if (*existing)
      return field_error(Errc::kAlreadyExists, "Pegawai dengan NIP ini sudah ada", "/nip",
                         "Gunakan ubah data pegawai");
    library::OrgChange change{{}, {*staff}, "org.staff.create", ""};
    if (auto s = org.apply(change, req.actor); !s) return s.error();
    Response r = Response::json(staff_json(*staff, *org.tree(), true), 201);
    r.headers.emplace_back("Location", "/api/v1/staff/" + staff->nip);
    return r;
  };

  auto get_staff = [&org](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    auto staff = org.staff(req.param("nip"));
    if (!staff) return staff.error();
    auto tree = org.tree();
    // Without the right to see this NIP the answer is the same as for a NIP nobody has, so the
    // route cannot be used to find out whose NIP a number is.
    if (!*staff || !may_see_nip(req, *tree, **staff))
      return make_error(Errc::kNotFound, "Pegawai tidak ditemukan");
    return Response::json(staff_json(**staff, *tree, true));
  };

  auto staff_path_unit = [&org](const Request& req) -> Result<std::optional<std::string>> {
    auto staff = org.staff(req.param("nip"));
    if (!staff) return staff.error();
    if (!*staff) return make_error(Errc::kNotFound, "Pegawai tidak ditemukan");
    return std::optional<std::string>(org.unit_of_staff(req.param("nip")));
  };

  auto update_staff = [&ctx, &org, unit_of_position](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    auto staff = staff_body(req);
    if (!staff) return staff.error();
    if (staff->nip != req.param("nip"))
      return field_error(Errc::kValidation, "NIP tidak sesuai alamat", "/nip",
                         "NIP tidak dapat diubah");
    auto target = unit_of_position(staff->position);
    if (!target) return target.error();
    if (!may(ctx, req, Permission::kOrgWrite, *target)) return denied(ctx, req);
    library::OrgChange change{{}, {*staff}, "org.staff.update", ""};
    if (auto s = org.apply(change, req.actor); !s) return s.error();
    return Response::json(staff_json(*staff, *org.tree(), true));
  };

  auto import = [&ctx, &org](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    auto body = validated_body(ctx, req, "org-import.request");
    if (!body) return body.error();
    const auto& o = body->get_object();
    library::ImportRequest ir;
    auto file = [&](std::string_view key, library::ImportFile& into) {
      const json::value* v = o.if_contains(key);
      if (!v) return;
      if (v->is_string())
        into.csv = std::string(v->get_string());
      else
        into.rows = *v;
    };
    file("units", ir.units);
    file("positions", ir.positions);
    file("staff", ir.staff);
    if (const json::value* d = o.if_contains("dry_run")) ir.dry_run = d->get_bool();
    ir.message = std::string(json_util::string_field(o, "message").value_or(""));
    auto result = library::import_org(org, ir, req.actor, [&](const std::string& unit) {
      return may(ctx, req, Permission::kOrgWrite, unit);
    });
    if (!result) {
      if (result.error().code == Errc::kPermissionDenied) return denied(ctx, req);
      return result.error();
    }
    return Response::json(std::move(*result));
  };

  return {
      {"GET", "/api/v1/units", list_units, {}, Permission::kOrgRead, {}},
      {"POST", "/api/v1/units", create_unit, always_blocks, Permission::kOrgWrite, parent_of_body},
      {"GET", "/api/v1/units/{id}", get_unit, {}, Permission::kOrgRead, {}},
      {"PUT", "/api/v1/units/{id}", update_unit, always_blocks, Permission::kOrgWrite,
       unit_from_path},
      {"GET", "/api/v1/units/{id}/history", unit_history, always_blocks, Permission::kOrgRead, {}},
      {"GET", "/api/v1/staff", list_staff, {}, Permission::kOrgRead, {}},
      {"POST", "/api/v1/staff", create_staff, always_blocks, Permission::kOrgWrite,
       staff_body_unit},
      {"GET", "/api/v1/staff/{nip}", get_staff, {}, Permission::kOrgRead, {}},
      {"PUT", "/api/v1/staff/{nip}", update_staff, always_blocks, Permission::kOrgWrite,
       staff_path_unit},
      {"POST", "/api/v1/org/import", import, always_blocks, Permission::kOrgWrite, {}},
  };
}

}  // namespace sopan::api
