#include "app/commands.hpp"

#include <boost/json/serialize.hpp>
#include <fstream>
#include <ostream>
#include <sstream>

#include "app/app.hpp"
#include "common/ids.hpp"
#include "common/json.hpp"
#include "library/org_import.hpp"

namespace sopan::app {
namespace json = boost::json;

namespace {

const library::Actor kSystemActor{"Sopan (baris perintah)", ""};

Result<std::string> read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return make_error(Errc::kNotFound, "Berkas tidak dapat dibaca: " + p.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void print_problems(const Error& e, std::ostream& out) {
  out << e.message << "\n";
  if (e.details.is_array())
    for (const auto& d : e.details.as_array())
      out << "  " << d.at("path").as_string().c_str() << ": " << d.at("message").as_string().c_str()
          << "\n";
}

Result<json::object> run_import(App& app, const library::ImportRequest& req) {
  return library::import_org(app.org(), req, kSystemActor, [](const std::string&) { return true; });
}

/// One demo account per role, each tied to a demo staff member (deploy/demo/pegawai.csv) and
/// granted over the unit (by code) where that role makes sense.
struct DemoAccount {
  std::string_view username, nip;
  domain::Role role;
  std::string_view unit_code;  // "" = the whole instansi
};
constexpr DemoAccount kDemoAccounts[] = {
    {"admin", "198203152006041003", domain::Role::kAdmin, ""},
    {"penyusun", "198507212010012015", domain::Role::kPenyusun, "2.16"},
    {"verifikator", "198004102005012008", domain::Role::kVerifikator, ""},
    {"pengesah", "197305141998031004", domain::Role::kPengesah, "2.16"},
    {"evaluator", "198811032011012009", domain::Role::kEvaluator, ""},
    {"auditor", "197909252003121002", domain::Role::kAuditor, ""},
    {"pegawai", "199302182019032011", domain::Role::kPegawai, "2.16"},
};

Status create_demo_accounts(App& app, std::ostream& out) {
  auto tree = app.org().tree();
  for (const auto& d : kDemoAccounts) {
    auto staff = app.org().staff(d.nip);
    if (!staff) return staff.error();
    if (!*staff)
      return make_error(Errc::kInternal, "Pegawai demo tidak ada: " + std::string(d.nip));
    const domain::Unit* unit =
        d.unit_code.empty() ? tree->unit(tree->root()) : tree->unit_by_code(d.unit_code);
    if (!unit)
      return make_error(Errc::kInternal, "Unit demo tidak ada: " + std::string(d.unit_code));
    library::Account a;
    a.id = new_id();
    a.username = d.username;
    a.nip = d.nip;
    a.name = (*staff)->name;
    a.password_hash = library::hash_password(kDemoPassword);
    a.grants = {{d.role, unit->id}};
    a.created_at = a.updated_at = now_ms();
    if (auto s = app.accounts().put(
            a, {{"kind", "account.create"}, {"account", a.id}, {"username", a.username}});
        !s)
      return s;
    out << "  " << d.username << " (" << domain::role_name(d.role) << ", " << unit->name << ")\n";
  }
  return {};
}

}  // namespace

Status init_instansi(const Config& config, std::ostream& out) {
  library::Instansi instansi{config.instansi_name, config.email_domain};
  if (auto s = library::DocumentLibrary::init(
          config.data_dir, instansi, {library::OrgLibrary::root_unit_file(config.instansi_name)});
      !s)
    return s;
  out << "Instansi \"" << config.instansi_name << "\" dibuat di " << config.data_dir.string()
      << "\n";
  if (!config.demo) return {};
  auto app = App::open(config, /*with_server=*/false);
  if (!app) return app.error();
  library::ImportRequest req;
  for (auto [file, into] :
       {std::pair{"unit.csv", &req.units}, std::pair{"jabatan.csv", &req.positions},
        std::pair{"pegawai.csv", &req.staff}}) {
    auto text = read_text(config.demo_dir / file);
    if (!text) return text.error();
    into->csv = std::move(*text);
  }
  req.message = "Struktur organisasi instansi contoh";
  auto result = run_import(**app, req);
  if (!result) return result.error();
  out << "Instansi contoh: " << result->at("units").at("added").as_int64() << " unit, "
      << result->at("positions").at("added").as_int64() << " jabatan, "
      << result->at("staff").at("added").as_int64() << " pegawai\n"
      << "Akun demo (kata sandi: " << kDemoPassword << "):\n";
  return create_demo_accounts(**app, out);
}

Status create_admin(const Config& config, const std::string& password, std::ostream& out) {
  if (auto s = library::check_password_policy(password, "/password"); !s) return s;
  auto app = App::open(config, /*with_server=*/false);
  if (!app) return app.error();
  auto existing = (*app)->accounts().by_username(config.username);
  if (!existing) return existing.error();
  if (*existing) return make_error(Errc::kAlreadyExists, "Nama pengguna sudah dipakai");
  auto tree = (*app)->org().tree();
  library::Account a;
  a.id = new_id();
  a.username = config.username;
  a.name = "Administrator " + config.username;
  a.password_hash = library::hash_password(password);
  a.must_change_password = true;
  a.grants = {{domain::Role::kAdmin, tree->root()}};
  a.created_at = a.updated_at = now_ms();
  if (auto s = (*app)->accounts().put(
          a, {{"kind", "account.create"}, {"account", a.id}, {"username", a.username}});
      !s)
    return s;
  out << "Akun admin \"" << a.username
      << "\" dibuat; kata sandi harus diganti saat masuk pertama\n";
  return {};
}

Status import_org_files(const Config& config, std::ostream& out) {
  auto app = App::open(config, /*with_server=*/false);
  if (!app) return app.error();
  library::ImportRequest req;
  req.dry_run = config.dry_run;
  for (auto [path, into] : {std::pair{&config.import_units, &req.units},
                            std::pair{&config.import_positions, &req.positions},
                            std::pair{&config.import_staff, &req.staff}}) {
    if (path->empty()) continue;
    auto text = read_text(*path);
    if (!text) return text.error();
    into->csv = std::move(*text);
  }
  auto result = run_import(**app, req);
  if (!result) {
    print_problems(result.error(), out);
    return make_error(result.error().code, "Impor dibatalkan; tidak ada yang diubah");
  }
  out << json_util::pretty(*result);
  return {};
}

}  // namespace sopan::app
