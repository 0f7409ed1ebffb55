#include "domain/org.hpp"

#include <algorithm>
#include <boost/json/object.hpp>
#include <set>

#include "common/ids.hpp"
#include "common/json.hpp"
#include "common/text.hpp"
#include "common/time.hpp"

namespace sopan::domain {
namespace json = boost::json;

const std::vector<std::string_view> kUnitKinds = {
    "pemda",     "setda",     "setdprd", "inspektorat", "dinas",       "badan",
    "kecamatan", "kelurahan", "bagian",  "bidang",      "sekretariat", "subbagian",
    "seksi",     "subbidang", "uptd",    "lainnya"};
const std::vector<std::string_view> kPositionKinds = {"jpt",       "administrator", "pengawas",
                                                      "pelaksana", "fungsional",    "eksternal"};
const std::vector<std::string_view> kEselons = {"I.a",   "I.b",  "II.a", "II.b", "III.a",
                                                "III.b", "IV.a", "IV.b", "V.a"};

namespace {

bool one_of(const std::vector<std::string_view>& set, std::string_view v) {
  return std::find(set.begin(), set.end(), v) != set.end();
}

std::string joined(const std::vector<std::string_view>& set) {
  std::string out;
  for (auto s : set) out += (out.empty() ? "" : ", ") + std::string(s);
  return out;
}

/// Reads a string member, noting a problem when it is required and missing or not a string.
std::string text(const json::object& o, std::string_view key, const std::string& at,
                 Problems& problems, bool required, std::size_t max_len = 200) {
  const json::value* v = o.if_contains(key);
  if (!v || v->is_null()) {
    if (required) problems.add(at + "/" + std::string(key), "Wajib diisi");
    return {};
  }
  if (!v->is_string()) {
    problems.add(at + "/" + std::string(key), "Harus berupa teks");
    return {};
  }
  std::string s(v->get_string());
  // Names, codes and ids are one line (a closure's reason may have several).
  const auto lines = key == "reason" ? text::Lines::kMulti : text::Lines::kSingle;
  if (required && s.find_first_not_of(" \t") == std::string::npos)
    problems.add(at + "/" + std::string(key), "Wajib diisi");
  else if (text::find_forbidden_control(s, lines) != std::string::npos)
    problems.add(at + "/" + std::string(key), "Harus satu baris tanpa karakter kendali");
  else if (s.size() > max_len)
    problems.add(at + "/" + std::string(key),
                 "Terlalu panjang (paling banyak " + std::to_string(max_len) + " karakter)");
  return s;
}

void check_id(const std::string& id, const std::string& at, Problems& problems) {
  if (!id.empty() && !is_valid_id(id)) problems.add(at, "Id tidak valid");
}

}  // namespace

json::value Unit::to_json() const {
  json::array pos;
  for (const auto& p : positions) {
    json::object o{{"id", p.id}, {"code", p.code}, {"name", p.name}, {"kind", p.kind}};
    if (!p.eselon.empty()) o["eselon"] = p.eselon;
    pos.push_back(std::move(o));
  }
  json::object o{
      {"id", id},
      {"code", code},
      {"kind", kind},
      {"name", name},
      {"parent", parent.empty() ? json::value(nullptr) : json::value(parent)},
      {"head_position", head_position.empty() ? json::value(nullptr) : json::value(head_position)},
      {"positions", std::move(pos)}};
  if (closed) {
    json::array successors;
    for (const auto& s : closed->successors) successors.push_back(json::value(s));
    o["closed"] = json::object{
        {"date", closed->date}, {"reason", closed->reason}, {"successors", std::move(successors)}};
  }
  return o;
}

Result<Unit> Unit::from_json(const json::value& v, std::string_view pointer) {
  const std::string at(pointer);
  const json::object* o = v.if_object();
  if (!o) return field_error(Errc::kValidation, "Data unit tidak valid", at, "Harus berupa objek");
  Problems problems;
  static const std::set<std::string_view> kKnown = {
      "id", "code", "kind", "name", "parent", "head_position", "positions", "closed"};
  for (const auto& kv : *o)
    if (!kKnown.count(kv.key()))
      problems.add(at + "/" + std::string(kv.key()), "Kolom tidak dikenal");
  Unit u;
  u.id = text(*o, "id", at, problems, false, 26);
  check_id(u.id, at + "/id", problems);
  u.code = text(*o, "code", at, problems, true, 40);
  u.kind = text(*o, "kind", at, problems, true, 20);
  if (!u.kind.empty() && !one_of(kUnitKinds, u.kind))
    problems.add(at + "/kind", "Jenis unit tidak dikenal; pilih salah satu: " + joined(kUnitKinds));
  u.name = text(*o, "name", at, problems, true);
  u.parent = text(*o, "parent", at, problems, false, 26);
  check_id(u.parent, at + "/parent", problems);
  u.head_position = text(*o, "head_position", at, problems, false, 26);
  check_id(u.head_position, at + "/head_position", problems);

  if (const json::value* ps = o->if_contains("positions"); ps && !ps->is_null()) {
    if (!ps->is_array()) {
      problems.add(at + "/positions", "Harus berupa daftar jabatan");
    } else {
      for (std::size_t i = 0; i < ps->get_array().size(); ++i) {
        const std::string pat = at + "/positions/" + std::to_string(i);
        const json::object* po = ps->get_array()[i].if_object();
        if (!po) {
          problems.add(pat, "Harus berupa objek jabatan");
          continue;
        }
        for (const auto& kv : *po)
          if (kv.key() != "id" && kv.key() != "code" && kv.key() != "name" && kv.key() != "kind" &&
              kv.key() != "eselon")
            problems.add(pat + "/" + std::string(kv.key()), "Kolom tidak dikenal");
        Position p;
        p.id = text(*po, "id", pat, problems, false, 26);
        check_id(p.id, pat + "/id", problems);
        p.code = text(*po, "code", pat, problems, true, 40);
        p.name = text(*po, "name", pat, problems, true);
        p.kind = text(*po, "kind", pat, problems, true, 20);
        if (!p.kind.empty() && !one_of(kPositionKinds, p.kind))
          problems.add(pat + "/kind",
                       "Jenis jabatan tidak dikenal; pilih salah satu: " + joined(kPositionKinds));
        p.eselon = text(*po, "eselon", pat, problems, false, 8);
        if (!p.eselon.empty() && !one_of(kEselons, p.eselon))
          problems.add(pat + "/eselon",
                       "Eselon tidak dikenal; pilih salah satu: " + joined(kEselons));
        if (!p.eselon.empty() && p.kind != "jpt" && p.kind != "administrator" &&
            p.kind != "pengawas")
          problems.add(pat + "/eselon", "Eselon hanya untuk jabatan JPT, administrator, pengawas");
        u.positions.push_back(std::move(p));
      }
    }
  }

  if (const json::value* c = o->if_contains("closed"); c && !c->is_null()) {
    const json::object* co = c->if_object();
    if (!co) {
      problems.add(at + "/closed", "Harus berupa objek penutupan unit");
    } else {
      Closure cl;
      cl.date = text(*co, "date", at + "/closed", problems, true, 10);
      if (!cl.date.empty() && !parse_date(cl.date))
        problems.add(at + "/closed/date", "Harus berupa tanggal YYYY-MM-DD");
      cl.reason = text(*co, "reason", at + "/closed", problems, true, 500);
      if (const json::value* s = co->if_contains("successors"); s && !s->is_null()) {
        if (!s->is_array()) {
          problems.add(at + "/closed/successors", "Harus berupa daftar id unit");
        } else {
          for (std::size_t i = 0; i < s->get_array().size(); ++i) {
            const auto& item = s->get_array()[i];
            if (!item.is_string() || !is_valid_id(item.get_string()))
              problems.add(at + "/closed/successors/" + std::to_string(i), "Id unit tidak valid");
            else
              cl.successors.emplace_back(item.get_string());
          }
        }
      }
      u.closed = std::move(cl);
    }
  }
  if (!problems.empty()) return problems.to_error("Data unit tidak valid");
  return u;
}

const Position* Unit::position(std::string_view pid) const {
  for (const auto& p : positions)
    if (p.id == pid) return &p;
  return nullptr;
}

Result<OrgTree> OrgTree::build(std::vector<Unit> units) {
  OrgTree t;
  Problems problems;
  for (auto& u : units) {
    const std::string at = "/units/" + u.id;
    if (t.units_.count(u.id)) {
      problems.add(at, "Id unit ganda");
      continue;
    }
    if (!u.closed) {
      auto [it, fresh] = t.unit_code_.emplace(u.code, u.id);
      if (!fresh)
        problems.add(at + "/code", "Kode unit " + u.code + " sudah dipakai oleh unit lain");
    }
    for (std::size_t i = 0; i < u.positions.size(); ++i) {
      const auto& p = u.positions[i];
      const std::string pat = at + "/positions/" + std::to_string(i);
      if (!t.position_unit_.emplace(p.id, u.id).second)
        problems.add(pat + "/id", "Id jabatan ganda");
      if (!u.closed && !t.position_code_.emplace(p.code, p.id).second)
        problems.add(pat + "/code", "Kode jabatan " + p.code + " sudah dipakai oleh jabatan lain");
    }
    if (!u.head_position.empty() && !u.position(u.head_position))
      problems.add(at + "/head_position", "Jabatan kepala harus salah satu jabatan unit ini");
    if (u.parent.empty()) {
      if (!t.root_.empty())
        problems.add(at + "/parent", "Hanya satu unit (instansi) yang boleh tanpa induk");
      t.root_ = u.id;
    } else {
      t.children_.emplace(u.parent, u.id);
    }
    std::string id = u.id;
    t.units_.emplace(std::move(id), std::move(u));
  }
  if (t.root_.empty() && !t.units_.empty())
    problems.add("/units", "Tidak ada unit akar (instansi)");
  for (const auto& [id, u] : t.units_) {
    const std::string at = "/units/" + id;
    if (!u.parent.empty() && !t.units_.count(u.parent)) {
      problems.add(at + "/parent", "Unit induk tidak ditemukan");
      continue;
    }
    if (!u.parent.empty() && !u.closed) {
      const Unit& parent = t.units_.find(u.parent)->second;
      if (parent.closed)
        problems.add(at + "/parent", "Unit induk " + parent.name + " sudah ditutup");
    }
    // A cycle never reaches the root: walk up at most as many steps as there are units.
    std::string at_unit = id;
    std::size_t steps = 0;
    while (!at_unit.empty() && steps <= t.units_.size()) {
      auto it = t.units_.find(at_unit);
      if (it == t.units_.end()) break;
      at_unit = it->second.parent;
      ++steps;
    }
    if (steps > t.units_.size()) problems.add(at + "/parent", "Induk unit membentuk lingkaran");
    if (u.closed)
      for (std::size_t i = 0; i < u.closed->successors.size(); ++i)
        if (!t.units_.count(u.closed->successors[i]))
          problems.add(at + "/closed/successors/" + std::to_string(i),
                       "Unit pengganti tidak ditemukan");
  }
  if (!problems.empty()) return problems.to_error("Struktur organisasi tidak valid");
  return t;
}

const Unit* OrgTree::unit(std::string_view id) const {
  auto it = units_.find(id);
  return it == units_.end() ? nullptr : &it->second;
}

const Unit* OrgTree::unit_by_code(std::string_view code) const {
  auto it = unit_code_.find(code);
  return it == unit_code_.end() ? nullptr : unit(it->second);
}

const Unit* OrgTree::unit_of_position(std::string_view position_id) const {
  auto it = position_unit_.find(position_id);
  return it == position_unit_.end() ? nullptr : unit(it->second);
}

const Position* OrgTree::position(std::string_view id) const {
  const Unit* u = unit_of_position(id);
  return u ? u->position(id) : nullptr;
}

const Position* OrgTree::position_by_code(std::string_view code) const {
  auto it = position_code_.find(code);
  return it == position_code_.end() ? nullptr : position(it->second);
}

bool OrgTree::within(std::string_view unit_id, std::string_view ancestor) const {
  std::string_view at = unit_id;
  for (std::size_t steps = 0; !at.empty() && steps <= units_.size(); ++steps) {
    if (at == ancestor) return true;
    const Unit* u = unit(at);
    if (!u) return false;
    at = u->parent;
  }
  return false;
}

std::vector<const Unit*> OrgTree::children(std::string_view id) const {
  std::vector<const Unit*> out;
  auto [begin, end] = children_.equal_range(id);
  for (auto it = begin; it != end; ++it)
    if (const Unit* u = unit(it->second)) out.push_back(u);
  std::sort(out.begin(), out.end(), [](const Unit* a, const Unit* b) {
    return a->code != b->code ? a->code < b->code : a->id < b->id;
  });
  return out;
}

std::vector<const Unit*> OrgTree::path_to(std::string_view id) const {
  std::vector<const Unit*> out;
  for (const Unit* u = unit(id); u && out.size() <= units_.size(); u = unit(u->parent))
    out.push_back(u);
  std::reverse(out.begin(), out.end());
  return out;
}

json::array OrgTree::to_json() const {
  json::array out;
  std::vector<std::pair<const Unit*, int>> stack;
  if (const Unit* r = unit(root_)) stack.emplace_back(r, 0);
  while (!stack.empty()) {
    auto [u, depth] = stack.back();
    stack.pop_back();
    json::value v = u->to_json();
    v.as_object()["depth"] = depth;
    out.push_back(std::move(v));
    auto kids = children(u->id);
    for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.emplace_back(*it, depth + 1);
  }
  return out;
}

std::string unit_path(std::string_view unit_id) {
  return std::string(kUnitsDir) + "/" + std::string(unit_id) + ".json";
}

}  // namespace sopan::domain
