#include "library/org_library.hpp"

#include <boost/json/serialize.hpp>
#include <map>

#include "common/ids.hpp"
#include "common/json.hpp"
#include "common/text.hpp"

namespace sopan::library {
namespace json = boost::json;
using index::Cf;

bool is_valid_nip(std::string_view nip) {
  if (nip.size() != 18) return false;
  for (char c : nip)
    if (c < '0' || c > '9') return false;
  return true;
}

json::value Staff::to_json() const {
  return json::object{{"nip", nip},
                      {"name", name},
                      {"position", position.empty() ? json::value(nullptr) : json::value(position)},
                      {"active", active}};
}

Result<Staff> Staff::from_json(const json::value& v, std::string_view pointer) {
  const std::string at(pointer);
  const json::object* o = v.if_object();
  if (!o)
    return field_error(Errc::kValidation, "Data pegawai tidak valid", at, "Harus berupa objek");
  Problems problems;
  Staff s;
  for (const auto& kv : *o)
    if (kv.key() != "nip" && kv.key() != "name" && kv.key() != "position" && kv.key() != "active")
      problems.add(at + "/" + std::string(kv.key()), "Kolom tidak dikenal");
  auto nip = json_util::string_field(*o, "nip");
  if (!nip || !is_valid_nip(*nip))
    problems.add(at + "/nip", "NIP harus 18 angka");
  else
    s.nip = *nip;
  auto name = json_util::string_field(*o, "name");
  if (!name || name->find_first_not_of(' ') == std::string_view::npos)
    problems.add(at + "/name", "Nama wajib diisi");
  else if (name->size() > 200)
    problems.add(at + "/name", "Terlalu panjang (paling banyak 200 karakter)");
  else if (text::find_forbidden_control(*name, text::Lines::kSingle) != std::string_view::npos)
    problems.add(at + "/name", "Harus satu baris tanpa karakter kendali");
  else
    s.name = *name;
  if (const json::value* p = o->if_contains("position"); p && !p->is_null()) {
    if (!p->is_string() || !is_valid_id(p->get_string()))
      problems.add(at + "/position", "Id jabatan tidak valid");
    else
      s.position = p->get_string();
  }
  if (const json::value* a = o->if_contains("active"); a) {
    if (!a->is_bool())
      problems.add(at + "/active", "Harus true atau false");
    else
      s.active = a->get_bool();
  }
  if (!problems.empty()) return problems.to_error("Data pegawai tidak valid");
  return s;
}

vcs::FileChange OrgLibrary::root_unit_file(const std::string& instansi_name) {
  domain::Unit root;
  root.id = new_id();
  root.code = "0";
  root.kind = "pemda";
  root.name = instansi_name;
  return {domain::unit_path(root.id), json_util::pretty(root.to_json())};
}

namespace {
/// The tree the unit files of one commit make.
Result<std::shared_ptr<const domain::OrgTree>> tree_of(
    const std::vector<std::pair<std::string, std::string>>& files) {
  std::vector<domain::Unit> units;
  for (const auto& [name, content] : files) {
    auto v = json_util::parse(content);
    if (!v) return make_error(Errc::kInternal, "Berkas unit rusak: " + name);
    auto unit = domain::Unit::from_json(*v);
    if (!unit) return make_error(Errc::kInternal, "Berkas unit tidak valid: " + name);
    units.push_back(std::move(*unit));
  }
  auto tree = domain::OrgTree::build(std::move(units));
  if (!tree) return make_error(Errc::kInternal, "Struktur organisasi di git tidak valid");
  return std::make_shared<const domain::OrgTree>(std::move(*tree));
}
}  // namespace

Result<std::unique_ptr<OrgLibrary>> OrgLibrary::open(Ledger& library) {
  std::unique_ptr<OrgLibrary> org(new OrgLibrary(library));
  auto files = library.list_main_files(domain::kUnitsDir);
  if (!files) return files.error();
  auto tree = tree_of(*files);
  if (!tree) return tree.error();
  org->tree_ = std::move(*tree);
  return org;
}

Result<std::shared_ptr<const domain::OrgTree>> OrgLibrary::tree_at(const std::string& commit) {
  auto files = library_.list_files(commit, domain::kUnitsDir);
  if (!files) return files.error();
  return tree_of(*files);
}

std::shared_ptr<const domain::OrgTree> OrgLibrary::tree() const {
  std::lock_guard lock(mutex_);
  return tree_;
}

Status OrgLibrary::apply(const OrgChange& change, const Actor& actor) {
  std::lock_guard lock(mutex_);
  std::map<std::string, domain::Unit> units;
  for (const auto& [id, u] : tree_->units()) units.emplace(id, u);
  std::vector<vcs::FileChange> files;
  for (const auto& u : change.units) {
    auto it = units.find(u.id);
    std::string content = json_util::pretty(u.to_json());
    if (it != units.end() && json_util::pretty(it->second.to_json()) == content) continue;
    files.push_back({domain::unit_path(u.id), std::move(content)});
    units.insert_or_assign(u.id, u);
  }
  std::vector<domain::Unit> all;
  for (auto& [id, u] : units) all.push_back(std::move(u));
  auto next = domain::OrgTree::build(std::move(all));
  if (!next) return next.error();

  Problems problems;
  index::Batch rows;
  for (std::size_t i = 0; i < change.staff.size(); ++i) {
    const Staff& s = change.staff[i];
    if (!s.position.empty()) {
      const domain::Unit* u = next->unit_of_position(s.position);
      if (!u)
        problems.add("/staff/" + std::to_string(i) + "/position", "Jabatan tidak ditemukan");
      else if (u->closed && s.active)
        problems.add("/staff/" + std::to_string(i) + "/position",
                     "Jabatan berada di unit yang sudah ditutup");
    }
    rows.put(Cf::kStaff, s.nip, json::serialize(s.to_json()));
  }
  if (!problems.empty()) return problems.to_error("Data pegawai tidak valid");
  if (files.empty() && change.staff.empty()) return {};

  json::object event{{"kind", change.action},
                     {"actor", actor.name},
                     {"nip", actor.nip},
                     {"units", files.size()},
                     {"staff", change.staff.size()}};
  if (files.empty()) {
    if (auto s = library_.write_rows(std::move(rows), std::move(event)); !s) return s;
  } else {
    vcs::Trailers trailers{{"Sopan-Action", change.action}};
    auto commit = library_.commit_main(std::move(files), actor, change.message, std::move(trailers),
                                       std::move(rows), std::move(event));
    if (!commit) return commit.error();
  }
  tree_ = std::make_shared<const domain::OrgTree>(std::move(*next));
  return {};
}

Result<std::optional<Staff>> OrgLibrary::staff(std::string_view nip) const {
  if (!is_valid_nip(nip)) return std::optional<Staff>();
  auto raw = library_.store().get(Cf::kStaff, nip);
  if (!raw) return raw.error();
  if (!*raw) return std::optional<Staff>();
  auto v = json_util::parse(**raw);
  if (!v) return make_error(Errc::kInternal, "Data pegawai rusak di indeks");
  auto s = Staff::from_json(*v);
  if (!s) return make_error(Errc::kInternal, "Data pegawai rusak di indeks");
  return std::optional<Staff>(std::move(*s));
}

Result<std::vector<Staff>> OrgLibrary::all_staff() const {
  std::vector<Staff> out;
  bool bad = false;
  auto s = library_.store().scan(Cf::kStaff, {}, [&](std::string_view, std::string_view value) {
    auto v = json_util::parse(value);
    auto st = v ? Staff::from_json(*v) : Result<Staff>(v.error());
    if (!st) {
      bad = true;
      return false;
    }
    out.push_back(std::move(*st));
    return true;
  });
  if (!s) return s.error();
  if (bad) return make_error(Errc::kInternal, "Data pegawai rusak di indeks");
  return out;
}

std::string OrgLibrary::unit_of_staff(std::string_view nip) const {
  auto t = tree();
  if (auto s = staff(nip); s && *s)
    if (const domain::Unit* u = t->unit_of_position((*s)->position)) return u->id;
  return t->root();
}

std::string OrgLibrary::position_name_of_staff(std::string_view nip) const {
  if (auto s = staff(nip); s && *s)
    if (const domain::Position* p = tree()->position((*s)->position)) return p->name;
  return "(tanpa jabatan)";
}

Result<std::vector<vcs::CommitInfo>> OrgLibrary::unit_history(std::string_view unit_id) {
  if (!is_valid_id(unit_id)) return make_error(Errc::kNotFound, "Unit tidak ditemukan");
  return library_.main_history_of(domain::unit_path(unit_id));
}

}  // namespace sopan::library
