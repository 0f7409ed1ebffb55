#include "library/org_import.hpp"

#include <algorithm>
#include <boost/json/array.hpp>
#include <map>
#include <set>

#include "common/csv.hpp"
#include "common/ids.hpp"
#include "common/text.hpp"

namespace sopan::library {
namespace json = boost::json;

namespace {

/// One input row with its cells by canonical (CSV) column name.
struct InRow {
  std::string at;     // "/units/3"
  std::string label;  // "baris 3" (CSV) or "butir 0" (JSON)
  std::map<std::string, std::string> cells;
  std::string cell(const std::string& c) const {
    auto it = cells.find(c);
    return it == cells.end() ? std::string() : it->second;
  }
};

struct FileSpec {
  std::string_view name;  // "units"
  std::vector<std::string_view> columns;
  std::vector<std::string_view> required;
};
const FileSpec kUnitsSpec{
    "units", {"kode", "nama", "jenis", "kode_induk"}, {"kode", "nama", "jenis"}};
const FileSpec kPositionsSpec{"positions",
                              {"kode", "nama", "jenis", "eselon", "kode_unit", "kepala"},
                              {"kode", "nama", "jenis", "kode_unit"}};
const FileSpec kStaffSpec{"staff", {"nip", "nama", "kode_jabatan", "aktif"}, {"nip", "nama"}};

/// English keys accepted in JSON rows (and as CSV headers), mapped to the CSV names.
const std::map<std::string, std::string, std::less<>> kAliases = {{"code", "kode"},
                                                                  {"name", "nama"},
                                                                  {"kind", "jenis"},
                                                                  {"parent_code", "kode_induk"},
                                                                  {"unit_code", "kode_unit"},
                                                                  {"head", "kepala"},
                                                                  {"position_code", "kode_jabatan"},
                                                                  {"active", "aktif"},
                                                                  {"eselon", "eselon"},
                                                                  {"nip", "nip"}};

std::string canonical(const std::string& column) {
  auto it = kAliases.find(column);
  return it == kAliases.end() ? column : it->second;
}

/// The longest cell, as the forms allow for a name (domain/org.cpp).
constexpr std::size_t kMaxCell = 200;

void problem(Problems& p, const InRow& row, const std::string& column, const std::string& msg) {
  p.add(row.at + "/" + column, "Pada " + row.label + ", kolom " + column + ": " + msg);
}

/// Reads one file into rows; notes missing required columns and ignored ones.
std::vector<InRow> read_file(const FileSpec& spec, const ImportFile& file, Problems& problems,
                             json::object& ignored) {
  std::vector<InRow> out;
  const std::string base = "/" + std::string(spec.name);
  std::set<std::string> seen_columns, extra;
  if (file.csv) {
    auto table = csv::parse(*file.csv, base);
    if (!table) {
      // error() answers by value: keep it alive for the loop.
      const Error e = table.error();
      for (const auto& d : e.details.as_array())
        problems.add(std::string(d.at("path").as_string()),
                     std::string(d.at("message").as_string()));
      return out;
    }
    std::vector<std::string> columns;
    for (const auto& h : table->header) columns.push_back(canonical(h));
    for (const auto& r : table->rows) {
      InRow row{base + "/" + std::to_string(r.line), "baris " + std::to_string(r.line), {}};
      for (std::size_t i = 0; i < columns.size() && i < r.cells.size(); ++i)
        row.cells[columns[i]] = r.cells[i];
      out.push_back(std::move(row));
    }
    seen_columns.insert(columns.begin(), columns.end());
  } else if (file.rows) {
    if (!file.rows->is_array()) {
      problems.add(base, "Harus berupa daftar baris");
      return out;
    }
    const auto& arr = file.rows->get_array();
    for (std::size_t i = 0; i < arr.size(); ++i) {
      InRow row{base + "/" + std::to_string(i), "butir " + std::to_string(i), {}};
      const json::object* o = arr[i].if_object();
      if (!o) {
        problems.add(row.at, "Pada " + row.label + ": harus berupa objek");
        continue;
      }
      for (const auto& kv : *o) {
        std::string col = canonical(std::string(kv.key()));
        seen_columns.insert(col);
        const json::value& v = kv.value();
        if (v.is_string())
          row.cells[col] = v.get_string();
        else if (v.is_bool())
          row.cells[col] = v.get_bool() ? "ya" : "tidak";
        else if (v.is_null())
          row.cells[col] = "";
        else
          problem(problems, row, col, "harus berupa teks");
      }
      out.push_back(std::move(row));
    }
  }
  for (auto req : spec.required)
    if (!out.empty() && !seen_columns.count(std::string(req)))
      problems.add(base + "/0/" + std::string(req),
                   "Kolom " + std::string(req) + " tidak ada di berkas " + std::string(spec.name));
  for (const auto& c : seen_columns)
    if (std::find(spec.columns.begin(), spec.columns.end(), c) == spec.columns.end())
      extra.insert(c);
  if (!extra.empty()) {
    json::array a;
    for (const auto& c : extra) a.push_back(json::value(c));
    ignored[spec.name] = std::move(a);
  }
  for (auto& row : out)
    for (auto req : spec.required)
      if (seen_columns.count(std::string(req)) && row.cell(std::string(req)).empty())
        problem(problems, row, std::string(req), "wajib diisi");
  // Every cell is one line, as the same field typed in a form (domain/org.cpp): a name ends up
  // in trailers (Sopan-Actor-Position) and in signed documents, where a line break has no place.
  for (auto& row : out)
    for (auto column : spec.columns) {
      const std::string value = row.cell(std::string(column));
      if (text::find_forbidden_control(value, text::Lines::kSingle) != std::string::npos)
        problem(problems, row, std::string(column), "harus satu baris tanpa karakter kendali");
      else if (value.size() > kMaxCell)
        problem(problems, row, std::string(column),
                "terlalu panjang (paling banyak " + std::to_string(kMaxCell) + " karakter)");
    }
  return out;
}

std::optional<bool> yes_no(const std::string& v) {
  std::string s;
  for (char c : v) s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (s.empty()) return std::nullopt;
  if (s == "ya" || s == "y" || s == "1" || s == "true" || s == "aktif") return true;
  if (s == "tidak" || s == "t" || s == "0" || s == "false" || s == "nonaktif") return false;
  return std::nullopt;
}

bool known(const std::vector<std::string_view>& set, const std::string& v) {
  return std::find(set.begin(), set.end(), v) != set.end();
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

struct Counts {
  int added = 0, changed = 0, unchanged = 0;
  json::object to_json() const {
    return {{"added", added}, {"changed", changed}, {"unchanged", unchanged}};
  }
};

}  // namespace

Result<json::object> import_org(OrgLibrary& org, const ImportRequest& req, const Actor& actor,
                                const std::function<bool(const std::string&)>& may_touch) {
  if (!req.units.present() && !req.positions.present() && !req.staff.present())
    return field_error(Errc::kValidation, "Tidak ada berkas untuk diimpor", "/units",
                       "Sertakan paling sedikit satu berkas: unit, jabatan, atau pegawai");
  auto tree = org.tree();
  Problems problems;
  json::object ignored;
  auto unit_rows = read_file(kUnitsSpec, req.units, problems, ignored);
  auto position_rows = read_file(kPositionsSpec, req.positions, problems, ignored);
  auto staff_rows = read_file(kStaffSpec, req.staff, problems, ignored);

  std::map<std::string, domain::Unit> units;  // working copy, by id
  for (const auto& [id, u] : tree->units()) units.emplace(id, u);
  std::map<std::string, std::string> code_to_unit;  // active units by code, after the import
  for (const auto& [id, u] : units)
    if (!u.closed) code_to_unit[u.code] = id;
  std::set<std::string> touched_units;
  json::array changes;
  Counts unit_counts, position_counts, staff_counts;
  auto note_change = [&](const InRow& row, std::string_view file, bool added, std::string code,
                         std::string name) {
    changes.push_back(json::object{{"file", file},
                                   {"row", row.label},
                                   {"change", added ? "ditambah" : "diubah"},
                                   {"code", std::move(code)},
                                   {"name", std::move(name)}});
  };

  // Units: first give every new code an id, so parents may appear after their children.
  std::set<std::string> file_unit_codes;
  for (const auto& row : unit_rows) {
    std::string code = row.cell("kode");
    if (code.empty()) continue;
    if (!file_unit_codes.insert(code).second) {
      problem(problems, row, "kode", "kode unit " + code + " muncul lebih dari sekali");
      continue;
    }
    if (!code_to_unit.count(code)) {
      domain::Unit u;
      u.id = new_id();
      u.code = code;
      units.emplace(u.id, u);
      code_to_unit[code] = u.id;
    }
  }
  for (const auto& row : unit_rows) {
    std::string code = row.cell("kode");
    if (code.empty() || !code_to_unit.count(code)) continue;
    domain::Unit& u = units.at(code_to_unit.at(code));
    const bool added = u.kind.empty();
    if (u.parent.empty() && !added) {
      problem(problems, row, "kode", "unit akar (instansi) tidak dapat diubah lewat impor");
      continue;
    }
    domain::Unit before = u;
    u.name = row.cell("nama");
    u.kind = lower(row.cell("jenis"));
    if (!u.kind.empty() && !known(domain::kUnitKinds, u.kind))
      problem(problems, row, "jenis", "jenis unit '" + u.kind + "' tidak dikenal");
    std::string parent_code = row.cell("kode_induk");
    if (parent_code.empty()) {
      u.parent = tree->root();
    } else if (auto it = code_to_unit.find(parent_code); it != code_to_unit.end()) {
      u.parent = it->second;
    } else {
      problem(problems, row, "kode_induk",
              "unit induk dengan kode " + parent_code + " tidak ada di struktur maupun di berkas");
    }
    if (parent_code == code)
      problem(problems, row, "kode_induk", "unit tidak boleh menjadi induknya sendiri");
    if (added) {
      ++unit_counts.added;
      note_change(row, "units", true, code, u.name);
      touched_units.insert(u.parent);
    } else if (before.to_json() != u.to_json()) {
      ++unit_counts.changed;
      note_change(row, "units", false, code, u.name);
      touched_units.insert(u.id);
      if (before.parent != u.parent) touched_units.insert(u.parent);
    } else {
      ++unit_counts.unchanged;
    }
  }

  // Positions: matched by code across the whole instansi; a changed unit moves the position.
  std::map<std::string, std::pair<std::string, std::size_t>> position_at;  // code → unit, index
  for (const auto& [id, u] : units)
    if (!u.closed)
      for (std::size_t i = 0; i < u.positions.size(); ++i)
        position_at[u.positions[i].code] = {id, i};
  std::set<std::string> file_position_codes;
  for (const auto& row : position_rows) {
    std::string code = row.cell("kode");
    if (code.empty()) continue;
    if (!file_position_codes.insert(code).second) {
      problem(problems, row, "kode", "kode jabatan " + code + " muncul lebih dari sekali");
      continue;
    }
    domain::Position p;
    p.code = code;
    p.name = row.cell("nama");
    p.kind = lower(row.cell("jenis"));
    p.eselon = row.cell("eselon");
    if (!p.kind.empty() && !known(domain::kPositionKinds, p.kind))
      problem(problems, row, "jenis", "jenis jabatan '" + p.kind + "' tidak dikenal");
    if (!p.eselon.empty() && !known(domain::kEselons, p.eselon))
      problem(problems, row, "eselon", "eselon '" + p.eselon + "' tidak dikenal");
    auto head = yes_no(row.cell("kepala"));
    if (!row.cell("kepala").empty() && !head)
      problem(problems, row, "kepala", "isi dengan ya atau tidak");
    auto unit_it = code_to_unit.find(row.cell("kode_unit"));
    if (unit_it == code_to_unit.end()) {
      if (!row.cell("kode_unit").empty())
        problem(problems, row, "kode_unit",
                "unit dengan kode " + row.cell("kode_unit") +
                    " tidak ada di struktur maupun di berkas");
      continue;
    }
    domain::Unit& target = units.at(unit_it->second);
    bool added = false, changed = false;
    if (auto at = position_at.find(code); at != position_at.end()) {
      domain::Unit& owner = units.at(at->second.first);
      domain::Position existing = owner.positions[at->second.second];
      p.id = existing.id;
      if (owner.id != target.id) {
        // Moving a position keeps its id, so staff and SOP actors follow it.
        owner.positions.erase(owner.positions.begin() +
                              static_cast<std::ptrdiff_t>(at->second.second));
        if (owner.head_position == p.id) owner.head_position.clear();
        for (auto& [c, where] : position_at)
          if (where.first == owner.id && where.second > at->second.second) --where.second;
        touched_units.insert(owner.id);
        target.positions.push_back(p);
        position_at[code] = {target.id, target.positions.size() - 1};
        changed = true;
      } else {
        domain::Position& slot = owner.positions[at->second.second];
        changed = slot.name != p.name || slot.kind != p.kind || slot.eselon != p.eselon;
        slot = p;
      }
    } else {
      p.id = new_id();
      target.positions.push_back(p);
      position_at[code] = {target.id, target.positions.size() - 1};
      added = true;
    }
    if (head && *head && target.head_position != p.id) {
      target.head_position = p.id;
      changed = changed || !added;
    }
    if (added || changed) {
      touched_units.insert(target.id);
      ++(added ? position_counts.added : position_counts.changed);
      note_change(row, "positions", added, code, p.name);
    } else {
      ++position_counts.unchanged;
    }
  }

  // Staff: matched by NIP. Only NIP, name, position and active are kept, whatever else the
  // export carries.
  std::vector<Staff> staff_changes;
  std::set<std::string> file_nips;
  for (const auto& row : staff_rows) {
    Staff s;
    s.nip = row.cell("nip");
    s.name = row.cell("nama");
    if (s.nip.empty()) continue;
    if (!is_valid_nip(s.nip)) {
      problem(problems, row, "nip", "NIP harus 18 angka");
      continue;
    }
    if (!file_nips.insert(s.nip).second) {
      problem(problems, row, "nip", "NIP " + s.nip + " muncul lebih dari sekali");
      continue;
    }
    if (std::string pc = row.cell("kode_jabatan"); !pc.empty()) {
      auto at = position_at.find(pc);
      if (at == position_at.end()) {
        problem(problems, row, "kode_jabatan",
                "jabatan dengan kode " + pc + " tidak ada di struktur maupun di berkas");
        continue;
      }
      s.position = units.at(at->second.first).positions[at->second.second].id;
    }
    if (std::string a = row.cell("aktif"); !a.empty()) {
      auto active = yes_no(a);
      if (!active) {
        problem(problems, row, "aktif", "isi dengan ya atau tidak");
        continue;
      }
      s.active = *active;
    }
    auto existing = org.staff(s.nip);
    if (!existing) return existing.error();
    const bool added = !*existing;
    if (!added && (*existing)->to_json() == s.to_json()) {
      ++staff_counts.unchanged;
      continue;
    }
    ++(added ? staff_counts.added : staff_counts.changed);
    note_change(row, "staff", added, s.nip, s.name);
    for (const auto& pid : {s.position, added ? std::string() : (*existing)->position}) {
      if (pid.empty()) continue;
      for (const auto& [id, u] : units)
        if (u.position(pid)) touched_units.insert(id);
    }
    staff_changes.push_back(std::move(s));
  }

  std::vector<domain::Unit> changed_units;
  for (const auto& [id, u] : units) {
    const domain::Unit* old = tree->unit(id);
    if (!old || old->to_json() != u.to_json()) changed_units.push_back(u);
  }
  if (problems.empty()) {
    std::vector<domain::Unit> all;
    for (const auto& [id, u] : units) all.push_back(u);
    if (auto built = domain::OrgTree::build(std::move(all)); !built)
      for (const Error e = built.error(); const auto& d : e.details.as_array())
        problems.add(std::string(d.at("path").as_string()),
                     std::string(d.at("message").as_string()));
  }
  if (!problems.empty())
    return problems.to_error("Berkas impor berisi " + std::to_string(problems.size()) +
                             " kesalahan; tidak ada yang diubah");
  for (std::string unit : touched_units) {
    // A unit new in this file is judged by the nearest existing unit above it.
    for (std::size_t steps = 0; !unit.empty() && !tree->unit(unit) && steps < units.size(); ++steps)
      unit = units.count(unit) ? units.at(unit).parent : std::string();
    if (!unit.empty() && !may_touch(unit))
      return make_error(Errc::kPermissionDenied,
                        "Impor ini mengubah unit di luar wewenang Anda; tidak ada yang diubah");
  }

  json::object result{{"dry_run", req.dry_run},
                      {"units", unit_counts.to_json()},
                      {"positions", position_counts.to_json()},
                      {"staff", staff_counts.to_json()},
                      {"changes", std::move(changes)},
                      {"ignored_columns", std::move(ignored)}};
  if (req.dry_run) return result;
  OrgChange change{std::move(changed_units), std::move(staff_changes), "org.import",
                   req.message.empty() ? "Impor struktur organisasi" : req.message};
  if (auto s = org.apply(change, actor); !s) return s.error();
  return result;
}

}  // namespace sopan::library
