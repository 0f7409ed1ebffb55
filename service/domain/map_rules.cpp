#include "domain/map.hpp"
// check_map is declared with the model (map.cpp); the rules live here.

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "common/text.hpp"
#include "domain/org.hpp"

namespace sopan::domain {

namespace {

// The members of the document in the schema's order: findings are sorted by them, so a screen
// lists them top to bottom whatever rule found them.
constexpr std::array<std::string_view, 17> kMemberOrder = {
    "type",     "level",     "number",      "title",        "unit",   "description",
    "parent",   "dates",     "ratified_by", "stakeholders", "inputs", "outputs",
    "outcomes", "processes", "lanes",       "nodes",        "flows"};

/// (member rank, element index + 1 or 0): the document order of a finding's path.
std::pair<std::size_t, std::size_t> order_of(std::string_view path) {
  std::string_view rest = path.substr(path.empty() ? 0 : 1);
  std::string_view member = rest.substr(0, rest.find('/'));
  std::size_t rank =
      std::find(kMemberOrder.begin(), kMemberOrder.end(), member) - kMemberOrder.begin();
  std::size_t index = 0;
  if (member.size() < rest.size()) {
    std::string_view next = rest.substr(member.size() + 1);
    next = next.substr(0, next.find('/'));
    if (!next.empty() && next.size() < 6 &&
        next.find_first_not_of("0123456789") == std::string_view::npos)
      index = std::stoul(std::string(next)) + 1;
  }
  return {rank, index};
}

bool blank(std::string_view s) { return s.find_first_not_of(" \t\n") == std::string_view::npos; }

/// A piece of the document inside a message: short, valid UTF-8, one line (a hostile 100 kB
/// name must not make every finding 100 kB).
std::string quote(std::string_view s) {
  constexpr std::size_t kMax = 80;
  std::string out = text::cut_utf8(s, kMax);
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  if (out.size() < s.size()) out += "…";
  return out;
}

/// One segment of a process code: 1, 2, ... 999 (no leading zero).
bool code_segment(std::string_view s) {
  return !s.empty() && s.size() <= 3 && s[0] != '0' &&
         s.find_first_not_of("0123456789") == std::string_view::npos;
}

bool element_id(std::string_view id) {
  auto letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; };
  if (id.empty() || id.size() > 64 || !letter(id[0])) return false;
  return std::all_of(id.begin(), id.end(),
                     [&](char c) { return letter(c) || (c >= '0' && c <= '9') || c == '-'; });
}

std::string at(std::string_view collection, std::size_t i) {
  return "/" + std::string(collection) + "/" + std::to_string(i);
}

/// The rules, one function each, sharing the findings list (as the SOP's Checker).
class Checker {
 public:
  Checker(const ProcessMap& map, const MapContext& context) : map_(map), ctx_(context) {}

  std::vector<Finding> run() {
    document();
    if (map_.type == kMapLevel0)
      level0();
    else if (map_.type == kMapDecomposition || map_.cross_functional())
      parent();
    ids();
    if (map_.cross_functional()) {
      lanes();
      nodes();
      node_flows();
      splits_and_joins();
      reachability();
    } else if (map_.type == kMapLevel0 || map_.type == kMapDecomposition) {
      processes();
      process_flows();
    }
    std::stable_sort(found_.begin(), found_.end(), [](const Finding& a, const Finding& b) {
      return order_of(a.path) < order_of(b.path);
    });
    return std::move(found_);
  }

 private:
  void add(std::string code, std::string path, std::string message) {
    found_.push_back({std::move(code), std::move(path), std::move(message)});
  }

  /// The newest content of map `id`, asked once per id.
  const std::optional<ProcessMap>& other_map(const std::string& id) {
    auto it = maps_.find(id);
    if (it == maps_.end())
      it = maps_.emplace(id, ctx_.map ? ctx_.map(id) : std::optional<ProcessMap>()).first;
    return it->second;
  }

  /// A unit named at `path`: it must exist and be open.
  void unit(const std::string& id, const std::string& path, std::string_view unknown,
            std::string_view closed) {
    if (id.empty()) return;
    const Unit* u = ctx_.org.unit(id);
    if (!u)
      add(std::string(unknown), path, "Unit tidak ada di struktur organisasi");
    else if (u->closed)
      add(std::string(closed), path,
          "Unit " + quote(u->name) + " sudah ditutup (" + quote(u->closed->date) + ")");
  }

  void document() {
    const std::string& t = map_.type;
    if (t != kMapLevel0 && t != kMapDecomposition && !map_.cross_functional())
      add("map.type.unknown", "/type", "Jenis peta harus level0, dekomposisi atau lintas_fungsi");
    if (blank(map_.title)) add("map.title.missing", "/title", "Nama peta belum diisi");
    if (map_.unit.empty())
      add("map.unit.missing", "/unit", "Pilih unit pemilik peta");
    else
      unit(map_.unit, "/unit", "map.unit.unknown", "map.unit.closed");
    if (!map_.cross_functional()) {
      if (!map_.lanes.empty())
        add("map.lanes.unexpected", "/lanes", "Hanya peta lintas fungsi yang memiliki lajur");
      if (!map_.nodes.empty())
        add("map.nodes.unexpected", "/nodes",
            "Hanya peta lintas fungsi yang memiliki aktivitas dan gerbang");
    } else if (!map_.processes.empty()) {
      add("map.processes.unexpected", "/processes",
          "Peta lintas fungsi tidak memiliki daftar proses; gambarkan aktivitasnya di lajur");
    }
  }

  void level0() {
    if (map_.level != 0) add("map.level.mismatch", "/level", "Peta level 0 harus berlevel 0");
    if (!map_.number.empty())
      add("map.number.unexpected", "/number",
          "Peta level 0 tidak memiliki kode proses; kosongkan kode ini");
    if (!map_.parent_map.empty() || !map_.parent_process.empty())
      add("map.parent.unexpected", "/parent", "Peta level 0 tidak merinci proses peta lain");
    // Level 0 starts from who it serves and ends in what it delivers (DOMAIN §2).
    list(map_.stakeholders, "/stakeholders", "Pemangku kepentingan",
         "map.level0.stakeholders_missing");
    list(map_.inputs, "/inputs", "Masukan", "");
    list(map_.outputs, "/outputs", "Keluaran", "map.level0.outputs_missing");
    list(map_.outcomes, "/outcomes", "Hasil", "");
    if (std::none_of(map_.processes.begin(), map_.processes.end(),
                     [](const MapProcess& p) { return p.category == "utama"; }))
      add("map.level0.core_missing", "/processes",
          "Peta level 0 harus memiliki sekurang-kurangnya satu proses utama");
  }

  /// A list of level 0: no blank or repeated item, and filled when `missing` names a code.
  void list(const std::vector<std::string>& items, const std::string& path, std::string_view label,
            std::string_view missing) {
    if (!missing.empty() && std::all_of(items.begin(), items.end(), blank))
      add(std::string(missing), path, std::string(label) + " belum diisi");
    std::set<std::string> seen;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (blank(items[i]))
        add("map.list.blank", path + "/" + std::to_string(i), "Butir ini kosong");
      else if (!seen.insert(items[i]).second)
        add("map.list.duplicate", path + "/" + std::to_string(i),
            "Butir " + quote(items[i]) + " sudah ada di daftar ini");
    }
  }

  /// What a decomposition or cross-functional map details: a process of a level-0 or
  /// decomposition map, one level up, whose code is this map's number.
  void parent() {
    const MapProcess* process = nullptr;
    bool level_checked = false;
    if (map_.parent_map.empty()) {
      add("map.parent.missing", "/parent/map", "Pilih peta induk yang dirinci peta ini");
    } else if (const auto& parent = other_map(map_.parent_map); !parent) {
      if (ctx_.map)
        add("map.parent.unknown", "/parent/map",
            "Peta induk " + quote(map_.parent_map) + " tidak ada");
    } else {
      level_checked = parent->type == kMapLevel0 || parent->type == kMapDecomposition;
      if (!level_checked)
        add("map.parent.type", "/parent/map",
            "Peta induk harus peta level 0 atau peta dekomposisi; peta lintas fungsi dirinci ke "
            "SOP");
      else if (map_.level != parent->level + 1)
        add("map.level.mismatch", "/level",
            "Level peta harus " + std::to_string(parent->level + 1) +
                ", satu lebih dari level peta induknya");
      if (map_.parent_process.empty())
        add("map.parent.process_missing", "/parent/process",
            "Pilih proses peta induk yang dirinci peta ini");
      else if (!(process = parent->process(map_.parent_process)))
        add("map.parent.process_unknown", "/parent/process",
            "Proses " + quote(map_.parent_process) + " tidak ada di peta induk " +
                quote(parent->title));
    }
    if (!map_.parent_map.empty() && !map_.parent_process.empty() && ctx_.other_detailing)
      if (std::string other = ctx_.other_detailing(map_.parent_map, map_.parent_process);
          !other.empty())
        add("map.parent.detailed_twice", "/parent/process",
            "Proses ini sudah dirinci oleh peta " + quote(other) +
                "; satu proses dirinci oleh satu peta saja");
    if (!level_checked && map_.level < 1)
      add("map.level.mismatch", "/level", "Peta di bawah level 0 berlevel 1 atau lebih");
    if (map_.number.empty())
      add("map.number.missing", "/number",
          process && !process->code.empty()
              ? "Isi kode peta: kode proses induknya, " + quote(process->code)
              : "Kode peta (kode proses induknya) belum diisi");
    else if (process && process->code != map_.number)
      add("map.number.parent", "/number",
          "Kode peta harus sama dengan kode proses induknya (" + quote(process->code) + ")");
  }

  /// Element ids are the BPMN ids of one file: unique across all four collections.
  void ids() {
    std::map<std::string, std::string, std::less<>> first;  // id → where it is first used
    auto check = [&](std::string_view collection, std::size_t i, const std::string& id) {
      const std::string path = at(collection, i) + "/id";
      if (!element_id(id)) {
        add("map.element.id_invalid", path,
            "Kode elemen harus diawali huruf atau _, lalu huruf, angka, _ atau - (paling banyak "
            "64)");
        return;
      }
      auto [it, fresh] = first.emplace(id, path);
      if (!fresh)
        add("map.element.duplicate", path,
            "Kode elemen " + quote(id) + " sudah dipakai di " + it->second);
    };
    for (std::size_t i = 0; i < map_.processes.size(); ++i)
      check("processes", i, map_.processes[i].id);
    for (std::size_t i = 0; i < map_.lanes.size(); ++i) check("lanes", i, map_.lanes[i].id);
    for (std::size_t i = 0; i < map_.nodes.size(); ++i) check("nodes", i, map_.nodes[i].id);
    for (std::size_t i = 0; i < map_.flows.size(); ++i) check("flows", i, map_.flows[i].id);
  }

  void processes() {
    if (map_.processes.empty())
      add("map.processes.missing", "/processes", "Peta belum memiliki proses");
    // Level 0 codes are one segment; below, the map's number and one more segment.
    const bool top = map_.type == kMapLevel0;
    const std::string prefix = top ? "" : map_.number + ".";
    std::set<std::string> codes;
    for (std::size_t i = 0; i < map_.processes.size(); ++i) {
      const MapProcess& p = map_.processes[i];
      const std::string path = at("processes", i);
      if (blank(p.code)) {
        add("map.process.code_missing", path + "/code", "Kode proses belum diisi");
      } else if (top || !map_.number.empty()) {
        const bool cascades = p.code.starts_with(prefix) &&
                              code_segment(std::string_view(p.code).substr(prefix.size()));
        if (!cascades)
          add("map.process.code", path + "/code",
              top ? "Kode proses di peta level 0 berupa satu nomor: 1, 2, 3, ..."
                  : "Kode proses harus berupa kode peta dan satu nomor: " + quote(prefix) + "1, " +
                        quote(prefix) + "2, ...");
      }
      if (!blank(p.code) && !codes.insert(p.code).second)
        add("map.process.code_duplicate", path + "/code",
            "Kode proses " + quote(p.code) + " sudah dipakai proses lain di peta ini");
      if (blank(p.name)) add("map.process.name_missing", path + "/name", "Nama proses belum diisi");
      if (p.category.empty())
        add("map.process.category_missing", path + "/category",
            "Pilih kategori proses: manajemen, utama atau pendukung");
      else if (p.category != "manajemen" && p.category != "utama" && p.category != "pendukung")
        add("map.process.category_unknown", path + "/category",
            "Kategori proses harus manajemen, utama atau pendukung");
      unit(p.unit, path + "/unit", "map.process.unit_unknown", "map.process.unit_closed");
    }
  }

  /// Flows of a level-0 or decomposition map run between its processes.
  void process_flows() {
    std::set<std::pair<std::string, std::string>> pairs;
    for (std::size_t i = 0; i < map_.flows.size(); ++i) {
      const MapFlow& f = map_.flows[i];
      const std::string path = at("flows", i);
      const bool from = endpoint(f.from, path + "/from", "asal", map_.process(f.from));
      const bool to = endpoint(f.to, path + "/to", "tujuan", map_.process(f.to));
      if (!from || !to) continue;
      if (f.from == f.to)
        add("map.flow.self_loop", path + "/to", "Alur tidak boleh kembali ke asalnya sendiri");
      else if (!pairs.emplace(f.from, f.to).second)
        add("map.flow.duplicate", path, "Alur dengan asal dan tujuan yang sama sudah ada");
    }
  }

  /// An end of a flow: filled, and an element of this map. True when both hold.
  bool endpoint(const std::string& id, const std::string& path, std::string_view which,
                bool exists) {
    if (id.empty()) {
      add("map.flow.endpoint_missing", path, "Pilih " + std::string(which) + " alur ini");
      return false;
    }
    if (!exists) {
      add("map.flow.dangling", path,
          "Elemen " + std::string(which) + " " + quote(id) + " tidak ada di peta ini");
      return false;
    }
    return true;
  }

  void lanes() {
    if (map_.lanes.empty())
      add("map.lanes.missing", "/lanes",
          "Peta lintas fungsi belum memiliki lajur (unit, jabatan atau pihak luar)");
    for (std::size_t i = 0; i < map_.lanes.size(); ++i) {
      const MapLane& l = map_.lanes[i];
      const std::string path = at("lanes", i);
      if (blank(l.name)) add("map.lane.name_missing", path + "/name", "Nama lajur belum diisi");
      unit(l.unit, path + "/unit", "map.lane.unit_unknown", "map.lane.unit_closed");
      if (l.position.empty()) continue;
      const Unit* holder = ctx_.org.unit_of_position(l.position);
      if (!holder)
        add("map.lane.position_unknown", path + "/position",
            "Jabatan tidak ada di struktur organisasi");
      else if (holder->closed)
        add("map.lane.position_closed", path + "/position",
            "Jabatan ini berada di unit yang sudah ditutup (" + quote(holder->name) + ")");
      else if (!l.unit.empty() && ctx_.org.unit(l.unit) && holder->id != l.unit)
        add("map.lane.position_unit", path + "/position",
            "Jabatan ini berada di " + quote(holder->name) + ", bukan di unit lajur ini");
    }
  }

  void nodes() {
    std::size_t starts = 0, ends = 0, activities = 0;
    std::map<std::string, std::string> linked_maps;  // map id → the node path linking it
    for (std::size_t i = 0; i < map_.nodes.size(); ++i) {
      const MapNode& n = map_.nodes[i];
      const std::string path = at("nodes", i);
      starts += n.type == kNodeStart;
      ends += n.type == kNodeEnd;
      activities += n.is_activity();
      if (n.type != kNodeStart && n.type != kNodeEnd && !n.is_activity() &&
          n.type != kNodeExclusive && n.type != kNodeParallel)
        add("map.node.type_unknown", path + "/type",
            "Jenis elemen harus mulai, selesai, aktivitas, subproses, gerbang_xor atau "
            "gerbang_paralel");
      if (n.lane.empty())
        add("map.node.lane_missing", path + "/lane", "Letakkan elemen ini di salah satu lajur");
      else if (!map_.lane(n.lane))
        add("map.node.lane_unknown", path + "/lane", "Lajur " + quote(n.lane) + " tidak ada");
      if (n.is_activity() && blank(n.name))
        add("map.node.name_missing", path + "/name", "Nama aktivitas belum diisi");
      sops(n, path);
      if (n.map.empty()) continue;
      if (n.type != kNodeSubProcess) {
        add("map.node.map_unexpected", path + "/map",
            "Hanya sub-proses yang dirinci oleh peta lain");
        continue;
      }
      if (const auto& linked = other_map(n.map); !linked) {
        if (ctx_.map)
          add("map.node.map_unknown", path + "/map", "Peta " + quote(n.map) + " tidak ada");
      } else if (linked->type == kMapLevel0) {
        add("map.node.map_level0", path + "/map", "Peta level 0 tidak merinci sebuah sub-proses");
      }
      if (auto [it, fresh] = linked_maps.emplace(n.map, path); !fresh)
        add("map.node.map_duplicate", path + "/map",
            "Peta ini sudah merinci sub-proses di " + it->second);
    }
    if (starts == 0) add("map.nodes.start_missing", "/nodes", "Belum ada peristiwa mulai");
    if (ends == 0) add("map.nodes.end_missing", "/nodes", "Belum ada peristiwa selesai");
    if (activities == 0) add("map.nodes.activity_missing", "/nodes", "Belum ada aktivitas");
  }

  void sops(const MapNode& n, const std::string& path) {
    if (n.sops.empty()) return;
    if (n.type != kNodeTask) {
      add("map.node.sop_unexpected", path + "/sops", "Hanya aktivitas yang dirinci oleh SOP");
      return;
    }
    std::set<std::string> seen;
    for (std::size_t k = 0; k < n.sops.size(); ++k) {
      const std::string sop_path = path + "/sops/" + std::to_string(k);
      if (!seen.insert(n.sops[k]).second)
        add("map.node.sop_duplicate", sop_path, "SOP ini sudah ditautkan ke aktivitas ini");
      else if (n.sops[k].empty() || (ctx_.sop_exists && !ctx_.sop_exists(n.sops[k])))
        add("map.node.sop_unknown", sop_path, "SOP " + quote(n.sops[k]) + " tidak ada");
    }
  }

  void node_flows() {
    std::map<std::string, std::vector<std::size_t>> outgoing;  // gateway id → its flows
    std::set<std::pair<std::string, std::string>> pairs;
    for (std::size_t i = 0; i < map_.flows.size(); ++i) {
      const MapFlow& f = map_.flows[i];
      const std::string path = at("flows", i);
      const MapNode* from = map_.node(f.from);
      const MapNode* to = map_.node(f.to);
      endpoint(f.from, path + "/from", "asal", from);
      endpoint(f.to, path + "/to", "tujuan", to);
      if (from && from->type == kNodeEnd)
        add("map.flow.from_end", path + "/from",
            "Tidak ada alur yang keluar dari peristiwa selesai");
      if (to && to->type == kNodeStart)
        add("map.flow.into_start", path + "/to", "Tidak ada alur yang masuk ke peristiwa mulai");
      if (from && from->type == kNodeExclusive) outgoing[f.from].push_back(i);
      if (!from || !to) continue;
      if (f.from == f.to)
        add("map.flow.self_loop", path + "/to", "Alur tidak boleh kembali ke asalnya sendiri");
      else if (!pairs.emplace(f.from, f.to).second)
        add("map.flow.duplicate", path, "Alur dengan asal dan tujuan yang sama sudah ada");
    }
    // A person reading an exclusive gateway must see which way each answer goes.
    for (const auto& [gateway, flows] : outgoing) {
      if (flows.size() < 2) continue;
      std::set<std::string> labels;
      for (std::size_t i : flows) {
        const std::string& name = map_.flows[i].name;
        if (blank(name))
          add("map.flow.label_missing", at("flows", i) + "/name",
              "Beri label alur yang keluar dari gerbang ini (misalnya Ya atau Tidak)");
        else if (!labels.insert(name).second)
          add("map.flow.label_duplicate", at("flows", i) + "/name",
              "Alur yang keluar dari satu gerbang harus berlabel berbeda");
      }
    }
  }

  /// What BPMN readers (and bpmnlint's recommended rules) expect of a sound process: one start,
  /// named events, flows that split or join only at a gateway, a gateway that either splits or
  /// joins and does more than pass one flow on, and no two shapes on top of each other.
  void splits_and_joins() {
    std::map<std::string, std::pair<std::size_t, std::size_t>, std::less<>> degree;  // in, out
    for (const auto& f : map_.flows) {
      if (!map_.node(f.from) || !map_.node(f.to)) continue;
      ++degree[f.from].second;
      ++degree[f.to].first;
    }
    std::size_t starts = 0;
    for (std::size_t i = 0; i < map_.nodes.size(); ++i) {
      const MapNode& n = map_.nodes[i];
      const std::string path = at("nodes", i);
      const auto [in, out] = degree[n.id];
      const bool gateway = n.type == kNodeExclusive || n.type == kNodeParallel;
      if (n.type == kNodeStart && ++starts == 2)
        add("map.nodes.start_multiple", path,
            "Peta lintas fungsi hanya memiliki satu peristiwa mulai");
      if ((n.type == kNodeStart || n.type == kNodeEnd) && blank(n.name))
        add("map.node.event_name_missing", path + "/name",
            n.type == kNodeStart ? "Beri nama peristiwa mulai (apa yang memicu proses)"
                                 : "Beri nama peristiwa selesai (hasil proses)");
      if (!gateway) {
        if (out > 1)
          add("map.node.implicit_split", path,
              "Alur yang bercabang dari elemen ini harus melalui gerbang");
        if (in > 1)
          add("map.node.implicit_join", path,
              "Alur yang bergabung ke elemen ini harus melalui gerbang");
        continue;
      }
      if (in > 1 && out > 1)
        add("map.gateway.join_fork", path,
            "Satu gerbang menggabungkan atau mencabangkan alur, tidak keduanya");
      else if (in == 1 && out == 1)
        add("map.gateway.superfluous", path,
            "Gerbang ini hanya meneruskan satu alur; hapus atau tambahkan cabang");
      if (n.type == kNodeExclusive && out > 1 && blank(n.name))
        add("map.gateway.name_missing", path + "/name",
            "Beri nama gerbang berupa pertanyaan (misalnya \"Berkas lengkap?\")");
    }
    for (std::size_t i = 0; i < map_.nodes.size(); ++i)
      for (std::size_t j = i + 1; j < map_.nodes.size(); ++j) {
        const Bounds& a = map_.nodes[i].bounds;
        const Bounds& b = map_.nodes[j].bounds;
        if (a.set && b.set && a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height &&
            b.y < a.y + a.height) {
          add("map.node.overlap", at("nodes", j),
              "Elemen ini menumpuk di atas " +
                  quote(map_.nodes[i].name.empty() ? map_.nodes[i].id : map_.nodes[i].name));
          break;
        }
      }
  }

  /// Every node is reached from a start and reaches an end, along flows a BPMN engine would
  /// follow (none out of an end or into a start).
  void reachability() {
    const auto& nodes = map_.nodes;
    std::map<std::string, std::size_t, std::less<>> index;
    for (std::size_t i = 0; i < nodes.size(); ++i) index.emplace(nodes[i].id, i);
    std::vector<std::vector<std::size_t>> next(nodes.size()), prev(nodes.size());
    for (const auto& f : map_.flows) {
      auto a = index.find(f.from), b = index.find(f.to);
      if (a == index.end() || b == index.end()) continue;
      if (nodes[a->second].type == kNodeEnd || nodes[b->second].type == kNodeStart) continue;
      next[a->second].push_back(b->second);
      prev[b->second].push_back(a->second);
    }
    auto spread = [&](std::string_view seed, const std::vector<std::vector<std::size_t>>& edges) {
      std::vector<bool> seen(nodes.size(), false);
      std::vector<std::size_t> stack;
      for (std::size_t i = 0; i < nodes.size(); ++i)
        if (nodes[i].type == seed) stack.push_back(i);
      while (!stack.empty()) {
        std::size_t i = stack.back();
        stack.pop_back();
        if (seen[i]) continue;
        seen[i] = true;
        for (std::size_t j : edges[i]) stack.push_back(j);
      }
      return seen;
    };
    const std::vector<bool> reached = spread(kNodeStart, next), finishes = spread(kNodeEnd, prev);
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      if (!reached[i])
        add("map.node.unreachable", at("nodes", i),
            "Elemen ini tidak dapat dicapai dari peristiwa mulai");
      else if (!finishes[i])
        add("map.node.no_way_to_end", at("nodes", i),
            "Dari elemen ini alur tidak pernah sampai ke peristiwa selesai");
    }
  }

  const ProcessMap& map_;
  const MapContext& ctx_;
  std::map<std::string, std::optional<ProcessMap>> maps_;
  std::vector<Finding> found_;
};

}  // namespace

std::vector<Finding> check_map(const ProcessMap& map, const MapContext& context) {
  return Checker(map, context).run();
}

}  // namespace sopan::domain
