#include "domain/sop.hpp"

#include <boost/json/object.hpp>
#include <map>
#include <set>

#include "common/json.hpp"
#include "domain/org.hpp"

namespace sopan::domain {
namespace json = boost::json;

namespace {

using json_util::object_field;
using json_util::text_field;

const json::array* arr(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v ? v->if_array() : nullptr;
}

std::string step_path(std::size_t i) { return "/steps/" + std::to_string(i); }

/// The rules, one function each, sharing the findings list.
class Checker {
 public:
  Checker(const Sop& sop, const SopContext& context) : sop_(sop), ctx_(context) {}

  std::vector<Finding> run() {
    identity();
    actors();
    steps();
    flow();
    return std::move(found_);
  }

 private:
  void add(std::string code, std::string path, std::string message) {
    found_.push_back({std::move(code), std::move(path), std::move(message)});
  }

  void identity() {
    if (!sop_.number.empty() && ctx_.number_taken && ctx_.number_taken(sop_.number))
      add("sop.number.duplicate", "/number",
          "Nomor SOP " + sop_.number + " sudah dipakai SOP lain di instansi ini");
    if (sop_.number.empty()) add("sop.number.missing", "/number", "Nomor SOP belum diisi");
    // ISO dates compare as text.
    if (!sop_.created.empty() && !sop_.effective.empty() && sop_.effective < sop_.created)
      add("sop.dates.order", "/dates/effective",
          "Tanggal efektif tidak boleh sebelum tanggal pembuatan");
    if (!sop_.created.empty() && !sop_.revised.empty() && sop_.revised < sop_.created)
      add("sop.dates.order", "/dates/revised",
          "Tanggal revisi tidak boleh sebelum tanggal pembuatan");
    if (sop_.nature == "teknis" && sop_.actors.size() != 1)
      add("sop.teknis.one_actor", "/actors",
          "SOP teknis dilaksanakan oleh satu pelaksana; SOP ini memiliki " +
              std::to_string(sop_.actors.size()));
  }

  void actors() {
    std::set<std::string> ids, used;
    for (const auto& s : sop_.steps) used.insert(s.actor);
    for (std::size_t i = 0; i < sop_.actors.size(); ++i) {
      const auto& a = sop_.actors[i];
      const std::string at = "/actors/" + std::to_string(i);
      if (!ids.insert(a.id).second) add("sop.actor.duplicate", at + "/id", "Kode pelaksana ganda");
      if (a.position.empty() == (a.external.find_first_not_of(' ') == std::string::npos))
        add("sop.actor.party", at,
            "Isi salah satu: jabatan dari struktur organisasi atau nama pihak luar");
      if (!a.position.empty()) {
        const Unit* u = ctx_.org.unit_of_position(a.position);
        if (!u)
          add("sop.actor.position_unknown", at + "/position",
              "Jabatan tidak ada di struktur organisasi");
        else if (u->closed)
          add("sop.actor.position_closed", at + "/position",
              "Jabatan ini berada di unit yang sudah ditutup (" + u->name + ")");
      }
      if (!used.count(a.id))
        add("sop.actor.unused", at, "Pelaksana ini tidak melakukan satu langkah pun");
    }
  }

  void steps() {
    std::set<std::string> ids, actor_ids;
    for (const auto& a : sop_.actors) actor_ids.insert(a.id);
    for (std::size_t i = 0; i < sop_.steps.size(); ++i) {
      const auto& s = sop_.steps[i];
      const std::string at = step_path(i);
      if (!ids.insert(s.id).second) add("sop.step.duplicate", at + "/id", "Kode langkah ganda");
      if (s.actor.empty())
        add("sop.step.actor_missing", at + "/actor", "Pilih pelaksana langkah ini");
      else if (!actor_ids.count(s.actor))
        add("sop.step.actor_unknown", at + "/actor", "Pelaksana ini tidak ada di daftar pelaksana");
      if ((s.symbol == "kegiatan" || s.symbol == "keputusan") &&
          s.activity.find_first_not_of(" \t\n") == std::string::npos)
        add("sop.step.activity_missing", at + "/activity", "Uraian kegiatan belum diisi");
    }
  }

  void flow() {
    const auto& steps = sop_.steps;
    std::size_t starts = 0, ends = 0;
    std::optional<std::size_t> start;
    for (std::size_t i = 0; i < steps.size(); ++i) {
      const auto& s = steps[i];
      const std::string at = step_path(i);
      if (s.symbol == "mulai") {
        ++starts;
        if (!start) start = i;
      }
      if (s.symbol == "selesai") {
        ++ends;
        if (!s.next.empty())
          add("sop.flow.end_has_next", at + "/next", "Langkah selesai tidak memiliki lanjutan");
      }
      if (s.symbol == "keputusan") {
        if (!s.next.empty())
          add("sop.flow.decision_next", at + "/next",
              "Keputusan berlanjut lewat dua cabangnya, bukan lewat langkah berikutnya");
        if (s.exits.size() != 2)
          add("sop.flow.decision_exits", at + "/exits",
              "Keputusan harus memiliki tepat dua cabang (misalnya Ya dan Tidak)");
        else if (s.exits[0].label == s.exits[1].label)
          add("sop.flow.decision_labels", at + "/exits/1/label",
              "Kedua cabang keputusan harus berlabel berbeda");
      } else if (!s.exits.empty()) {
        add("sop.flow.exits_without_decision", at + "/exits",
            "Hanya langkah keputusan yang bercabang");
      }
      auto target = [&](const std::string& to, const std::string& path) {
        if (to.empty()) return;
        if (!sop_.step_index(to))
          add("sop.flow.target_unknown", path, "Langkah tujuan " + to + " tidak ada");
        else if (to == s.id)
          add("sop.flow.self_loop", path, "Langkah tidak boleh menuju dirinya sendiri");
      };
      target(s.next, at + "/next");
      for (std::size_t k = 0; k < s.exits.size(); ++k) {
        const std::string exit_at = at + "/exits/" + std::to_string(k);
        if (s.exits[k].to.empty())
          add("sop.flow.exit_target_missing", exit_at + "/to", "Pilih langkah tujuan cabang ini");
        if (s.exits[k].label.find_first_not_of(' ') == std::string::npos)
          add("sop.flow.exit_label_missing", exit_at + "/label", "Beri label cabang ini");
        target(s.exits[k].to, exit_at + "/to");
      }
      if ((s.symbol == "mulai" || s.symbol == "kegiatan") && s.next.empty() &&
          i + 1 == steps.size())
        add("sop.flow.falls_off_end", at + "/next",
            "Langkah terakhir harus berupa selesai atau menunjuk langkah berikutnya");
    }
    if (starts != 1)
      add("sop.flow.start_count", "/steps",
          starts == 0 ? "Belum ada langkah mulai" : "Hanya boleh ada satu langkah mulai");
    if (ends == 0) add("sop.flow.end_missing", "/steps", "Belum ada langkah selesai");
    if (!start) return;

    // Reachable from the start, and able to reach an end.
    std::vector<bool> reached(steps.size(), false);
    std::vector<std::size_t> stack{*start};
    while (!stack.empty()) {
      std::size_t i = stack.back();
      stack.pop_back();
      if (reached[i]) continue;
      reached[i] = true;
      for (std::size_t j : sop_.successors(i)) stack.push_back(j);
    }
    std::vector<std::vector<std::size_t>> preds(steps.size());
    for (std::size_t i = 0; i < steps.size(); ++i)
      for (std::size_t j : sop_.successors(i)) preds[j].push_back(i);
    std::vector<bool> finishes(steps.size(), false);
    for (std::size_t i = 0; i < steps.size(); ++i)
      if (steps[i].symbol == "selesai") stack.push_back(i);
    while (!stack.empty()) {
      std::size_t i = stack.back();
      stack.pop_back();
      if (finishes[i]) continue;
      finishes[i] = true;
      for (std::size_t p : preds[i]) stack.push_back(p);
    }
    for (std::size_t i = 0; i < steps.size(); ++i) {
      if (!reached[i])
        add("sop.flow.unreachable", step_path(i), "Langkah ini tidak dapat dicapai dari mulai");
      else if (!finishes[i])
        add("sop.flow.no_way_to_end", step_path(i), "Dari langkah ini alur tidak pernah selesai");
    }
  }

  const Sop& sop_;
  const SopContext& ctx_;
  std::vector<Finding> found_;
};

}  // namespace

Sop Sop::from_json(const json::value& v) {
  Sop sop;
  const json::object* o = v.if_object();
  if (!o) return sop;
  sop.number = text_field(*o, "number");
  sop.title = text_field(*o, "title");
  sop.unit = text_field(*o, "unit");
  if (const auto* c = object_field(*o, "classification")) {
    sop.nature = text_field(*c, "nature");
    sop.scope = text_field(*c, "scope");
    sop.completeness = text_field(*c, "completeness");
    sop.applicability = text_field(*c, "applicability");
  }
  if (const auto* r = object_field(*o, "ratified_by")) {
    sop.ratified_position = text_field(*r, "position");
    sop.ratified_name = text_field(*r, "name");
    sop.ratified_nip = text_field(*r, "nip");
  }
  auto strings = [&](std::string_view key, std::vector<std::string>& into) {
    if (const auto* a = arr(*o, key))
      for (const auto& v : *a)
        if (v.is_string()) into.emplace_back(v.get_string());
  };
  strings("legal_basis", sop.legal_basis);
  strings("qualifications", sop.qualifications);
  strings("equipment", sop.equipment);
  strings("records", sop.records);
  sop.warning = text_field(*o, "warning");
  if (const auto* related = arr(*o, "related"))
    for (const auto& r : *related)
      if (const auto* ro = r.if_object())
        sop.related.push_back(
            {text_field(*ro, "sop"), text_field(*ro, "title"), text_field(*ro, "kind")});
  if (const auto* d = object_field(*o, "dates")) {
    sop.created = text_field(*d, "created");
    sop.revised = text_field(*d, "revised");
    sop.effective = text_field(*d, "effective");
  }
  if (const auto* actors = arr(*o, "actors"))
    for (const auto& a : *actors)
      if (const auto* ao = a.if_object())
        sop.actors.push_back(
            {text_field(*ao, "id"), text_field(*ao, "position"), text_field(*ao, "external")});
  if (const auto* steps = arr(*o, "steps"))
    for (const auto& s : *steps) {
      const auto* so = s.if_object();
      if (!so) continue;
      SopStep step;
      step.id = text_field(*so, "id");
      step.symbol = text_field(*so, "symbol");
      step.activity = text_field(*so, "activity");
      step.actor = text_field(*so, "actor");
      step.requirements = text_field(*so, "requirements");
      step.output = text_field(*so, "output");
      step.notes = text_field(*so, "notes");
      step.next = text_field(*so, "next");
      if (const auto* d = object_field(*so, "duration")) {
        if (const json::value* value = d->if_contains("value"); value && value->is_number())
          step.duration_value = value->to_number<double>();
        step.duration_unit = text_field(*d, "unit");
      }
      if (const auto* exits = arr(*so, "exits"))
        for (const auto& e : *exits)
          if (const auto* eo = e.if_object())
            step.exits.push_back({text_field(*eo, "label"), text_field(*eo, "to")});
      sop.steps.push_back(std::move(step));
    }
  return sop;
}

std::optional<std::size_t> Sop::step_index(std::string_view id) const {
  for (std::size_t i = 0; i < steps.size(); ++i)
    if (steps[i].id == id) return i;
  return std::nullopt;
}

std::vector<std::size_t> Sop::successors(std::size_t i) const {
  std::vector<std::size_t> out;
  const SopStep& s = steps[i];
  if (s.symbol == "selesai") return out;
  if (s.symbol == "keputusan") {
    for (const auto& e : s.exits)
      if (auto j = step_index(e.to); j && *j != i) out.push_back(*j);
    return out;
  }
  if (!s.next.empty()) {
    if (auto j = step_index(s.next); j && *j != i) out.push_back(*j);
  } else if (i + 1 < steps.size()) {
    out.push_back(i + 1);
  }
  return out;
}

std::vector<Finding> check_sop(const Sop& sop, const SopContext& context) {
  return Checker(sop, context).run();
}

std::vector<std::string> drop_system_fields(json::object& doc) {
  std::vector<std::string> dropped;
  if (doc.erase("ratified_by")) dropped.emplace_back("/ratified_by");
  if (json::value* dates = doc.if_contains("dates"); dates && dates->is_object())
    if (dates->get_object().erase("effective")) dropped.emplace_back("/dates/effective");
  return dropped;
}

std::string revision_of(std::string_view content) {
  auto doc = json_util::parse(content);
  if (!doc || !doc->is_object()) return std::string(content);
  drop_system_fields(doc->as_object());
  return json_util::pretty(*doc);
}

}  // namespace sopan::domain
