// The tatalaksana score (issue 14, DOMAIN §4): rubrics as data, manual answers signed by who
// answered, and the score of a unit, its subtree or the instansi on any day — measured from what
// was in force then (api/coverage.cpp), from main as it stood at the end of that day
// (Ledger::main_on), so a figure once shown is reproduced byte for byte. Exports as CSV and as
// XLSX in the LKE layout.
#include "domain/score.hpp"

#include <xlsxwriter.h>

#include <boost/json/serialize.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "api/coverage.hpp"
#include "api/routes.hpp"
#include "api/signature.hpp"
#include "common/hash.hpp"
#include "common/json.hpp"
#include "common/log.hpp"
#include "common/time.hpp"
#include "domain/org.hpp"
#include "library/document_library.hpp"
#include "library/org_library.hpp"
#include "library/score_book.hpp"
#include "schema/registry.hpp"

namespace sopan::api {
namespace json = boost::json;
using domain::Fixed;

/// Past days' answers, which nothing can change any more (every commit, history row and record
/// of that day is written): computed once. Bounded; cleared when full.
struct ScoreCache {
  std::mutex mutex;
  std::map<std::string, std::string> scores;  // query key → the JSON answer
  std::map<std::string, std::shared_ptr<const domain::OrgTree>> trees;  // commit → org then
};

std::shared_ptr<ScoreCache> make_score_cache() { return std::make_shared<ScoreCache>(); }

namespace {

constexpr std::size_t kCacheLimit = 2048;
constexpr std::size_t kMissingShown = 50;  // per item; `missing_count` has them all
constexpr std::size_t kRubricMaxBytes = 256 * 1024;

bool valid_rubric_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (std::size_t i = 0; i < id.size(); ++i) {
    const char c = id[i];
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && i > 0);
    if (!ok) return false;
  }
  return true;
}

Error rubric_not_found(std::string_view pointer) {
  return field_error(Errc::kNotFound, "Rubrik tidak ditemukan", pointer,
                     "Pilih rubrik dari daftar /api/v1/rubrics");
}

/// Rubric `id` as main held it at `commit`, with its file (nullopt: none then). Only what the
/// rules accept is scored or answered: a rubric that reached git another way is refused.
Result<std::optional<std::pair<domain::Rubric, library::StoredFile>>> stored_rubric(
    library::ScoreBook& book, const std::string& commit, std::string_view id) {
  auto file = book.rubric(commit, id);
  if (!file) return file.error();
  if (!*file) return std::optional<std::pair<domain::Rubric, library::StoredFile>>();
  auto parsed = json_util::parse((*file)->content);
  if (!parsed) return make_error(Errc::kInternal, "Rubrik tersimpan tidak dapat dibaca");
  if ((*file)->content.size() > kRubricMaxBytes || !domain::check_rubric(*parsed).empty())
    return make_error(Errc::kInternal, "Rubrik tersimpan tidak valid");
  return std::optional(std::pair{domain::Rubric::from_json(*parsed), std::move(**file)});
}

/// The org tree as main held it at `commit` (the current one for main's head).
Result<std::shared_ptr<const domain::OrgTree>> tree_at(Context& ctx, const std::string& commit) {
  {
    std::lock_guard lock(ctx.score_cache->mutex);
    if (auto it = ctx.score_cache->trees.find(commit); it != ctx.score_cache->trees.end())
      return it->second;
  }
  auto tree = ctx.org.tree_at(commit);
  if (!tree) return tree.error();
  std::lock_guard lock(ctx.score_cache->mutex);
  if (ctx.score_cache->trees.size() >= 64) ctx.score_cache->trees.clear();
  ctx.score_cache->trees[commit] = *tree;
  return *tree;
}

struct ScoreQuery {
  std::string rubric, unit, scope, date;
  std::string key() const { return rubric + "|" + unit + "|" + scope + "|" + date; }
};

domain::MissingDoc missing_of(const domain::CoverageDoc& d, std::string reason) {
  return {d.kind, d.id, d.number, d.title, d.unit, std::move(reason)};
}

/// Units measured by unit_maps: the units directly below the unit scored (the instansi's
/// perangkat daerah, a dinas's bidang), open on the day; the unit itself when it has none or
/// only it is scored.
std::vector<const domain::Unit*> measured_units(const domain::OrgTree& tree, const ScoreQuery& q) {
  std::vector<const domain::Unit*> out;
  if (q.scope == "subtree")
    for (const domain::Unit* u : tree.children(q.unit))
      if (!u->closed || u->closed->date > q.date) out.push_back(u);
  if (out.empty())
    if (const domain::Unit* u = tree.unit(q.unit)) out.push_back(u);
  return out;
}

bool in_window(const library::RecordRow& r, const std::string& from, const std::string& to,
               int utc_offset) {
  // Counted once written by the day: a record dated back, written later, never changes a past
  // day's score.
  const std::string written = format_date(local_date(r.time, utc_offset));
  return r.date > from && r.date <= to && written <= to;
}

/// The measures `rubric` names, on the day.
Result<std::map<std::string, domain::Measure, std::less<>>> measure(Context& ctx,
                                                                    const domain::Rubric& rubric,
                                                                    const domain::OrgTree& tree,
                                                                    const ScoreQuery& q,
                                                                    IndexMemo& memo) {
  std::set<std::string, std::less<>> wanted;
  for (const auto& a : rubric.areas)
    for (const auto& s : a.sub_indicators)
      for (const auto& i : s.items)
        if (!i.metric.empty()) wanted.insert(i.metric);
  std::map<std::string, domain::Measure, std::less<>> out;
  if (wanted.empty()) return out;

  auto in_scope = [&](std::string_view u) {
    return q.scope == "unit" ? u == q.unit : tree.within(u, q.unit);
  };
  auto day = gather_in_force(ctx, in_scope, q.date, memo);
  if (!day) return day.error();
  auto coverage = domain::measure_coverage(day->maps, day->sops, day->detailed, tree);

  if (wanted.contains("unit_maps")) {
    domain::Measure& m = out["unit_maps"];
    for (const domain::Unit* u : measured_units(tree, q)) {
      ++m.denominator;
      bool mapped = false;
      for (const auto& map : day->maps)
        if (q.scope == "unit" ? map.doc.unit == u->id : tree.within(map.doc.unit, u->id))
          mapped = true;
      if (mapped)
        ++m.numerator;
      else
        m.missing.push_back(
            {"unit", u->id, u->code, u->name, u->id, "Belum ada peta proses bisnis yang berlaku"});
    }
  }
  if (wanted.contains("activities_with_sop")) {
    domain::Measure& m = out["activities_with_sop"];
    m.numerator = coverage.activities_with_sop;
    m.denominator = coverage.activities;
    for (const auto& item : coverage.items)
      if (item.type == "aktivitas_tanpa_sop")
        m.missing.push_back(missing_of(item.doc, item.message));
  }
  if (wanted.contains("sops_in_map")) {
    domain::Measure& m = out["sops_in_map"];
    m.numerator = coverage.sops_in_map;
    m.denominator = coverage.sops;
    for (const auto& item : coverage.items)
      if (item.type == "sop_tanpa_peta") m.missing.push_back(missing_of(item.doc, item.message));
  }
  const bool monitored = wanted.contains("sops_monitored");
  const bool evaluated = wanted.contains("sops_evaluated");
  if (monitored || evaluated) {
    const int offset = ctx.library.instansi().utc_offset_minutes;
    const std::string from =
        format_date(add_months(*parse_date(q.date), -std::max(1, rubric.period_months)));
    const std::string period = std::to_string(rubric.period_months) + " bulan terakhir";
    domain::Measure& mon = out["sops_monitored"];
    domain::Measure& ev = out["sops_evaluated"];
    for (const auto& sop : day->in_force) {
      auto records = records_of(ctx, memo, sop.doc.id);
      if (!records) return records.error();
      bool has_monitoring = false;
      const library::RecordRow* last_evaluation = nullptr;
      for (const auto& r : **records) {
        if (!in_window(r, from, q.date, offset)) continue;
        if (r.kind == "monitoring") has_monitoring = true;
        if (r.kind == "evaluasi" && (!last_evaluation || r.time >= last_evaluation->time))
          last_evaluation = &r;
      }
      ++mon.denominator;
      if (has_monitoring)
        ++mon.numerator;
      else
        mon.missing.push_back(missing_of(sop.doc, "Belum dimonitor dalam " + period));
      ++ev.denominator;
      if (!last_evaluation) {
        ev.missing.push_back(missing_of(sop.doc, "Belum dievaluasi dalam " + period));
        continue;
      }
      const json::value* outcome = last_evaluation->content.is_object()
                                       ? last_evaluation->content.as_object().if_contains("outcome")
                                       : nullptr;
      const bool kept = outcome && outcome->is_string() && outcome->as_string() == "tetap";
      // A revision is the follow-up of an evaluation that asked for one: a later version than
      // the one evaluated is in force.
      const json::value* evaluated_version =
          last_evaluation->content.is_object()
              ? last_evaluation->content.as_object().if_contains("sop_version")
              : nullptr;
      const bool revised = sop.state.version && evaluated_version &&
                           evaluated_version->is_number() &&
                           sop.state.version->version > evaluated_version->to_number<double>();
      if (kept || revised)
        ++ev.numerator;
      else
        ev.missing.push_back(missing_of(sop.doc, "Hasil evaluasi " + last_evaluation->date +
                                                     " meminta revisi; revisinya belum disahkan"));
    }
  }
  for (auto it = out.begin(); it != out.end();)
    it = wanted.contains(it->first) ? std::next(it) : out.erase(it);
  return out;
}

/// The manual answers that hold for the unit: its own, else its nearest ancestor's, per item.
Result<std::map<std::string, domain::ManualAnswer, std::less<>>> manual_answers(
    library::ScoreBook& book, const std::string& commit, const domain::Rubric& rubric,
    const domain::OrgTree& tree, const std::string& unit) {
  std::map<std::string, domain::ManualAnswer, std::less<>> out;
  auto path = tree.path_to(unit);
  for (auto it = path.rbegin(); it != path.rend(); ++it) {
    auto file = book.answers(commit, rubric.id, (*it)->id);
    if (!file) return file.error();
    if (!*file) continue;
    auto v = json_util::parse((*file)->content);
    const json::object* answers =
        v && v->is_object() ? json_util::object_field(v->as_object(), "answers") : nullptr;
    if (!answers) continue;
    for (const auto& [item, a] : *answers) {
      if (out.contains(item) || !a.is_object()) continue;
      const auto& o = a.as_object();
      auto text = [&](std::string_view k) { return json_util::text_field(o, k); };
      out.emplace(std::string(item),
                  domain::ManualAnswer{text("answer"), text("evidence"), text("note"), (*it)->id,
                                       text("name"), text("nip"), text("position"), text("time")});
    }
  }
  return out;
}

/// The score as JSON text; a past day's from the cache.
Result<std::string> score_text(Context& ctx, const ScoreQuery& q, IndexMemo& memo) {
  // A day is past once its last commits are surely indexed too (a commit stamped 23:59:59 may
  // still be on its way at midnight): only then is its answer final and kept.
  const int offset = ctx.library.instansi().utc_offset_minutes;
  const bool past = end_of_day_ms(*parse_date(q.date), offset) + 60'000 < ctx.library.clock().now();
  if (past) {
    std::lock_guard lock(ctx.score_cache->mutex);
    if (auto it = ctx.score_cache->scores.find(q.key()); it != ctx.score_cache->scores.end())
      return it->second;
  }
  library::Ledger& ledger = ctx.library.ledger();
  auto commit = ledger.main_on(q.date);
  if (!commit) return commit.error();
  if (!*commit)
    return field_error(Errc::kNotFound, "Belum ada data pada tanggal itu", "/query/at",
                       "Pilih tanggal setelah instansi mulai memakai Sopan");
  library::ScoreBook book(ledger);
  auto stored = stored_rubric(book, **commit, q.rubric);
  if (!stored) return stored.error();
  if (!*stored)
    return field_error(Errc::kNotFound, "Rubrik belum ada pada tanggal itu", "/query/rubric",
                       "Pilih rubrik yang sudah ada pada tanggal itu");
  const domain::Rubric& rubric = (*stored)->first;
  const library::StoredFile& file = (*stored)->second;
  auto tree = tree_at(ctx, **commit);
  if (!tree) return tree.error();
  const domain::Unit* unit = (*tree)->unit(q.unit);
  if (!unit)
    return field_error(Errc::kNotFound, "Unit belum ada pada tanggal itu", "/query/unit",
                       "Pilih unit dari struktur organisasi pada tanggal itu");
  auto measures = measure(ctx, rubric, **tree, q, memo);
  if (!measures) return measures.error();
  auto manual = manual_answers(book, **commit, rubric, **tree, q.unit);
  if (!manual) return manual.error();
  domain::Score score = domain::compute_score(rubric, *measures, *manual);
  json::object body = domain::to_json(score);
  // The first missing documents of each item; the count says how many there are.
  for (auto& area : body["areas"].as_array())
    for (auto& sub : area.as_object()["sub_indicators"].as_array())
      for (auto& item : sub.as_object()["items"].as_array()) {
        auto& o = item.as_object();
        if (auto* missing = o.if_contains("missing"); missing && missing->is_array()) {
          auto& list = missing->as_array();
          o["missing_count"] = list.size();
          if (list.size() > kMissingShown) list.resize(kMissingShown);
        }
      }
  json::object answer{
      {"rubric", json::object{{"id", rubric.id},
                              {"name", rubric.name},
                              {"regulation", rubric.regulation},
                              {"scope", rubric.scope},
                              {"etag", file.blob}}},
      {"unit", json::object{{"id", unit->id}, {"code", unit->code}, {"name", unit->name}}},
      {"scope", q.scope},
      {"at", q.date},
      {"commit", **commit}};
  for (auto& [k, v] : body) answer[k] = std::move(v);
  std::string text = json::serialize(answer);
  if (past) {
    std::lock_guard lock(ctx.score_cache->mutex);
    if (ctx.score_cache->scores.size() >= kCacheLimit) ctx.score_cache->scores.clear();
    ctx.score_cache->scores[q.key()] = text;
  }
  return text;
}

Result<ScoreQuery> score_query(Context& ctx, const Request& req) {
  ScoreQuery q;
  auto tree = ctx.org.tree();
  q.rubric = std::string(req.query_param("rubric").value_or(""));
  if (q.rubric.empty())
    return field_error(Errc::kValidation, "Rubrik belum dipilih", "/query/rubric",
                       "Sebutkan rubrik (?rubric=), dari /api/v1/rubrics");
  if (!valid_rubric_id(q.rubric)) return rubric_not_found("/query/rubric");
  q.unit = std::string(req.query_param("unit").value_or(tree->root()));
  if (q.unit.empty()) q.unit = tree->root();
  if (!tree->unit(q.unit))
    return field_error(Errc::kNotFound, "Unit tidak ditemukan", "/query/unit",
                       "Pilih unit dari struktur organisasi");
  q.scope = std::string(req.query_param("scope").value_or("subtree"));
  if (q.scope != "subtree" && q.scope != "unit")
    return field_error(Errc::kInvalidArgument, "Cakupan tidak dikenal", "/query/scope",
                       "Pilih subtree (unit beserta bawahannya) atau unit");
  auto at = at_param(req);
  if (!at) return at.error();
  q.date = at->value_or(ctx.library.today());
  if (q.date > ctx.library.today())
    return field_error(Errc::kInvalidArgument, "Tanggal di masa depan", "/query/at",
                       "Skor hanya dapat dihitung sampai hari ini");
  return q;
}

// --- Exports in the LKE layout ------------------------------------------------------------

/// The rows evaluators exchange: one per item, with the sub-indicator and area subtotals.
struct LkeRow {
  std::string number, component, answer, evidence, why;
  std::optional<double> value, weight, score;
  bool total = false;
};

std::vector<LkeRow> lke_rows(const json::object& s) {
  std::vector<LkeRow> rows;
  auto num = [](const json::value& v) { return v.is_number() ? v.to_number<double>() : 0.0; };
  const auto& str = json_util::text_field;
  std::size_t a = 0;
  for (const auto& area_v : s.at("areas").as_array()) {
    const auto& area = area_v.as_object();
    const std::string an = std::to_string(++a);
    rows.push_back({an, str(area, "name"), "", "", "", std::nullopt, num(area.at("weight")),
                    num(area.at("score")), true});
    std::size_t b = 0;
    for (const auto& sub_v : area.at("sub_indicators").as_array()) {
      const auto& sub = sub_v.as_object();
      const std::string sn = an + "." + std::to_string(++b);
      rows.push_back({sn, str(sub, "name"), "", "", "", std::nullopt, num(sub.at("weight")),
                      num(sub.at("score")), true});
      for (const auto& item_v : sub.at("items").as_array()) {
        const auto& item = item_v.as_object();
        rows.push_back({sn + "." + str(item, "code"), str(item, "question"), str(item, "answer"),
                        str(item, "evidence"), str(item, "why"), num(item.at("value")),
                        std::nullopt, std::nullopt, false});
      }
    }
  }
  return rows;
}

const char* const kLkeHeader[] = {"No",    "Komponen", "Jawaban",    "Nilai",
                                  "Bobot", "Skor",     "Penjelasan", "Bukti"};

/// A CSV cell: quoted when needed, and a text a spreadsheet would run as a formula made inert.
std::string csv_cell(std::string v) {
  if (!v.empty() &&
      (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r'))
    v.insert(v.begin(), '\'');
  if (v.find_first_of(",\"\r\n;") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string number_text(std::optional<double> v) {
  return v ? domain::format_fixed(domain::to_fixed(*v)) : std::string();
}

/// The heading lines of an export: what was scored, for whom, on which day, from which commit.
std::vector<std::pair<std::string, std::string>> export_heading(const json::object& s) {
  const auto& rubric = s.at("rubric").as_object();
  const auto& unit = s.at("unit").as_object();
  const auto& str = json_util::text_field;
  return {{"Rubrik", str(rubric, "name")},
          {"Unit",
           str(unit, "name") + (str(s, "scope") == "unit" ? "" : " (beserta unit di bawahnya)")},
          {"Tanggal", str(s, "at")},
          {"Skor", number_text(s.at("score").to_number<double>()) + " dari " +
                       number_text(s.at("weight").to_number<double>()) + " (" +
                       number_text(s.at("percent").to_number<double>()) + " %)"},
          {"Dihitung dari komit", str(s, "commit")}};
}

std::string score_csv(const json::object& s) {
  std::string out = "\xEF\xBB\xBF";  // a BOM, so a spreadsheet reads UTF-8
  for (const auto& [k, v] : export_heading(s)) out += csv_cell(k) + "," + csv_cell(v) + "\r\n";
  out += "\r\n";
  for (std::size_t i = 0; i < std::size(kLkeHeader); ++i)
    out += std::string(i ? "," : "") + kLkeHeader[i];
  out += "\r\n";
  for (const auto& r : lke_rows(s)) {
    std::vector<std::string> cells{r.number,
                                   r.component,
                                   r.answer,
                                   number_text(r.value),
                                   number_text(r.weight),
                                   number_text(r.score),
                                   r.why,
                                   r.evidence};
    for (std::size_t i = 0; i < cells.size(); ++i)
      out += (i ? "," : "") + csv_cell(std::move(cells[i]));
    out += "\r\n";
  }
  return out;
}

/// The XLSX of the LKE layout (libxlsxwriter writes to a file; read back and removed).
Result<std::string> score_xlsx(const json::object& s, TimeMs commit_time) {
  namespace fs = std::filesystem;
  const fs::path path = fs::temp_directory_path() / ("sopan-skor-" + random_hex(12) + ".xlsx");
  struct Remove {
    fs::path p;
    ~Remove() {
      std::error_code ec;
      fs::remove(p, ec);
    }
  } remove{path};
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return make_error(Errc::kInternal, "Berkas XLSX tidak dapat dibuat");
  // The document's dates are the commit's, so the same score exports the same properties.
  lxw_doc_properties props{};
  std::string title =
      "Penilaian " +
      std::string(json_util::string_field(s.at("rubric").as_object(), "name").value_or(""));
  std::string author = "Sopan";
  props.title = title.data();
  props.author = author.data();
  props.created = static_cast<time_t>(commit_time / 1000);
  workbook_set_properties(wb, &props);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "LKE");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_format* wrap = workbook_add_format(wb);
  format_set_text_wrap(wrap);
  format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
  lxw_format* number = workbook_add_format(wb);
  format_set_num_format(number, "0.000");
  worksheet_set_column(ws, 0, 0, 9, nullptr);
  worksheet_set_column(ws, 1, 1, 60, wrap);
  worksheet_set_column(ws, 2, 5, 10, nullptr);
  worksheet_set_column(ws, 6, 6, 50, wrap);
  worksheet_set_column(ws, 7, 7, 40, wrap);
  lxw_row_t row = 0;
  // Cells are written as strings or numbers, never formulas: nothing a person typed runs.
  for (const auto& [k, v] : export_heading(s)) {
    worksheet_write_string(ws, row, 0, k.c_str(), bold);
    worksheet_write_string(ws, row, 1, v.c_str(), nullptr);
    ++row;
  }
  ++row;
  for (std::size_t i = 0; i < std::size(kLkeHeader); ++i)
    worksheet_write_string(ws, row, static_cast<lxw_col_t>(i), kLkeHeader[i], bold);
  ++row;
  for (const auto& r : lke_rows(s)) {
    lxw_format* f = r.total ? bold : nullptr;
    worksheet_write_string(ws, row, 0, r.number.c_str(), f);
    worksheet_write_string(ws, row, 1, r.component.c_str(), r.total ? bold : wrap);
    worksheet_write_string(ws, row, 2, r.answer.c_str(), f);
    if (r.value) worksheet_write_number(ws, row, 3, *r.value, number);
    if (r.weight) worksheet_write_number(ws, row, 4, *r.weight, number);
    if (r.score) worksheet_write_number(ws, row, 5, *r.score, number);
    worksheet_write_string(ws, row, 6, r.why.c_str(), wrap);
    worksheet_write_string(ws, row, 7, r.evidence.c_str(), wrap);
    ++row;
  }
  if (workbook_close(wb) != LXW_NO_ERROR)
    return make_error(Errc::kInternal, "Berkas XLSX tidak dapat ditulis");
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// --- Rubrics and answers -------------------------------------------------------------------

/// Main's head now.
Result<std::string> main_head(Context& ctx) {
  auto head = ctx.library.ledger().main_head();
  if (!head) return head.error();
  return *head;
}

/// Main as it stood at the end of `?at=` (today's head without it).
Result<std::pair<std::string, std::string>> commit_param(Context& ctx, const Request& req) {
  auto at = at_param(req);
  if (!at) return at.error();
  const std::string date = at->value_or(ctx.library.today());
  auto commit = ctx.library.ledger().main_on(date);
  if (!commit) return commit.error();
  if (!*commit)
    return field_error(Errc::kNotFound, "Belum ada data pada tanggal itu", "/query/at",
                       "Pilih tanggal setelah instansi mulai memakai Sopan");
  return std::pair{**commit, date};
}

std::string quoted_tag(std::string_view tag) { return "\"" + std::string(tag) + "\""; }

/// The rubric of a request body, valid against the schema and the rules (422 naming each field
/// under /rubric), its id the path's.
Result<domain::Rubric> valid_rubric(Context& ctx, const json::value& rubric, std::string_view id) {
  if (json::serialize(rubric).size() > kRubricMaxBytes)
    return field_error(Errc::kValidation, "Rubrik terlalu besar", "/rubric",
                       "Rubrik paling besar 256 KB");
  if (auto s = ctx.schemas.validate("rubric", rubric, "/rubric"); !s) return s.error();
  Problems problems;
  for (const auto& f : domain::check_rubric(rubric)) problems.add("/rubric" + f.path, f.message);
  const auto& o = rubric.as_object();
  if (json_util::string_field(o, "id").value_or("") != id)
    problems.add("/rubric/id", "Kode rubrik harus sama dengan alamatnya (" + std::string(id) + ")");
  if (!problems.empty()) return problems.to_error("Rubrik tidak valid");
  return domain::Rubric::from_json(rubric);
}

json::object rubric_summary(const domain::Rubric& r, std::string_view etag) {
  return {{"id", r.id},
          {"name", r.name},
          {"regulation", r.regulation},
          {"scope", r.scope},
          {"weight", domain::to_double(r.weight())},
          {"etag", etag}};
}

/// The answers file as the API shows it (an empty one when none was written).
json::object answers_json(const std::optional<library::StoredFile>& file, std::string_view rubric,
                          std::string_view unit, std::string_view commit) {
  json::object out{
      {"rubric", rubric}, {"unit", unit}, {"commit", commit}, {"answers", json::object{}}};
  if (!file) return out;
  auto v = json_util::parse(file->content);
  if (v && v->is_object())
    if (const auto* a = json_util::object_field(v->as_object(), "answers")) out["answers"] = *a;
  return out;
}

/// The commits on main that changed `path`, newest first, each with who signed it (answers).
Result<json::array> file_history(Context& ctx, const std::string& path) {
  library::ScoreBook book(ctx.library.ledger());
  auto commits = book.history(path);
  if (!commits) return commits.error();
  json::array out;
  for (const auto& c : *commits) {
    json::object row{{"commit", c.id},
                     {"time", format_utc(c.time)},
                     {"author", c.author.name},
                     {"message", c.message}};
    if (auto sig = c.trailer("Sopan-Signature"))
      if (auto record = domain::read_signature(*sig))
        row["signature"] = json::object{{"name", record->name},
                                        {"nip", record->nip},
                                        {"position", record->position},
                                        {"meaning", record->meaning},
                                        {"time", record->time}};
    out.push_back(std::move(row));
  }
  return out;
}

bool is_link(std::string_view v) {
  if (!(v.starts_with("https://") || v.starts_with("http://"))) return false;
  for (unsigned char c : v)
    if (c <= ' ' || c == 0x7f) return false;
  return v.size() > 8;
}

}  // namespace

Result<std::string> write_answers(Context& ctx, const std::string& rubric_id,
                                  const std::string& unit_id, const json::object& given,
                                  const std::function<Result<domain::Signature>()>& sign,
                                  const library::Actor& actor, std::string message) {
  if (!valid_rubric_id(rubric_id)) return rubric_not_found("/params/rubric");
  auto tree = ctx.org.tree();
  const domain::Unit* unit = tree->unit(unit_id);
  if (!unit)
    return field_error(Errc::kNotFound, "Unit tidak ditemukan", "/params/unit",
                       "Pilih unit dari struktur organisasi");
  if (unit->closed)
    return field_error(Errc::kConflict, "Unit sudah ditutup", "/params/unit",
                       "Jawab untuk unit penerusnya");
  auto head = main_head(ctx);
  if (!head) return head.error();
  library::ScoreBook book(ctx.library.ledger());
  auto stored = stored_rubric(book, *head, rubric_id);
  if (!stored) return stored.error();
  if (!*stored) return rubric_not_found("/params/rubric");
  const domain::Rubric& rubric = (*stored)->first;

  Problems problems;
  std::vector<std::string> named;
  for (const auto& [key, value] : given) {
    const std::string at = "/answers/" + json_util::escape_pointer_token(key);
    const domain::RubricItem* item = rubric.item(key);
    if (!item) {
      problems.add(at, "Butir ini tidak ada dalam rubrik");
      continue;
    }
    if (!item->metric.empty()) {
      problems.add(at, "Butir ini diukur oleh server dari dokumen, tidak dijawab manual");
      continue;
    }
    if (!value.is_object()) {
      problems.add(at, "Jawaban butir harus berupa objek {answer, evidence, note}");
      continue;
    }
    const auto& a = value.as_object();
    const std::string answer(json_util::string_field(a, "answer").value_or(""));
    named.push_back(item->code.empty() ? item->id : item->code);
    if (answer.empty()) continue;  // removes the answer
    const domain::Scale* scale = rubric.scale(item->scale);
    if (!scale || !scale->find(answer)) {
      std::string allowed;
      if (scale)
        for (const auto& s : scale->answers) allowed += (allowed.empty() ? "" : ", ") + s.answer;
      problems.add(at + "/answer", "Jawaban harus salah satu dari: " + allowed);
    }
    if (!is_link(json_util::string_field(a, "evidence").value_or("")))
      problems.add(at + "/evidence",
                   "Lampirkan tautan bukti yang diawali https:// (dokumen, situs, atau berkas)");
  }
  if (!problems.empty()) return problems.to_error("Jawaban tidak valid");

  auto signature = sign();
  if (!signature) return signature.error();
  auto merge = [&](const std::optional<std::string>& current) -> Result<std::string> {
    std::map<std::string, json::value> items;
    if (current) {
      auto v = json_util::parse(*current);
      if (v && v->is_object())
        if (const auto* a = json_util::object_field(v->as_object(), "answers"))
          for (const auto& [k, val] : *a) items[std::string(k)] = val;
    }
    for (const auto& [key, value] : given) {
      const auto& a = value.as_object();
      const std::string answer(json_util::string_field(a, "answer").value_or(""));
      if (answer.empty()) {
        items.erase(std::string(key));
        continue;
      }
      items[std::string(key)] =
          json::object{{"answer", answer},
                       {"evidence", json_util::string_field(a, "evidence").value_or("")},
                       {"note", json_util::string_field(a, "note").value_or("")},
                       {"name", signature->name},
                       {"nip", signature->nip},
                       {"position", signature->position},
                       {"time", format_utc(signature->time)}};
    }
    json::object answers;
    for (auto& [k, v] : items) answers[k] = std::move(v);  // item id order: stable bytes
    return json_util::pretty(
        json::object{{"rubric", rubric.id}, {"unit", unit->id}, {"answers", std::move(answers)}});
  };
  std::string items_named;
  for (const auto& n : named) items_named += (items_named.empty() ? "" : ", ") + n;
  if (message.empty()) message = "Jawaban butir " + items_named + " untuk " + unit->name;
  return book.put_answers(rubric.id, unit->id, merge, actor, std::move(message),
                          {signature->trailer()});
}

std::vector<Route> score_routes(Context& ctx) {
  auto list_rubrics = [&ctx](Request& req) -> Reply {
    if (auto s = only_query_params(req, {"at"}); !s) return s.error();
    auto at = commit_param(ctx, req);
    if (!at) return at.error();
    library::ScoreBook book(ctx.library.ledger());
    auto files = book.rubrics(at->first);
    if (!files) return files.error();
    json::array out;
    for (const auto& [id, content] : *files) {
      auto v = json_util::parse(content);
      if (!v || !v->is_object()) continue;
      out.push_back(
          rubric_summary(domain::Rubric::from_json(*v), sha256_hex(content).substr(0, 32)));
    }
    return Response::json(
        json::object{{"at", at->second}, {"commit", at->first}, {"rubrics", std::move(out)}});
  };

  auto get_rubric = [&ctx](Request& req) -> Reply {
    if (auto s = only_query_params(req, {"at"}); !s) return s.error();
    const std::string id(req.param("id"));
    if (!valid_rubric_id(id)) return rubric_not_found("/params/id");
    auto at = commit_param(ctx, req);
    if (!at) return at.error();
    library::ScoreBook book(ctx.library.ledger());
    auto file = book.rubric(at->first, id);
    if (!file) return file.error();
    if (!*file) return rubric_not_found("/params/id");
    auto v = json_util::parse((*file)->content);
    if (!v) return make_error(Errc::kInternal, "Rubrik tersimpan tidak dapat dibaca");
    auto r = Response::json(json::object{{"rubric", std::move(*v)},
                                         {"etag", (*file)->blob},
                                         {"commit", at->first},
                                         {"at", at->second}});
    r.headers.emplace_back("ETag", quoted_tag((*file)->blob));
    return r;
  };

  auto put_rubric = [&ctx](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    const std::string id(req.param("id"));
    if (!valid_rubric_id(id))
      return field_error(Errc::kValidation, "Kode rubrik tidak valid", "/params/id",
                         "Huruf kecil, angka dan tanda hubung, paling banyak 64 karakter");
    auto body = validated_body(ctx, req, "rubric.request");
    if (!body) return body.error();
    const auto& o = body->as_object();
    auto rubric = valid_rubric(ctx, o.at("rubric"), id);
    if (!rubric) return rubric.error();
    std::optional<std::string> expected;
    if (std::string_view m = req.header("if-match"); !m.empty()) {
      std::string tag(m);
      if (tag.size() >= 2 && tag.front() == '"' && tag.back() == '"')
        tag = tag.substr(1, tag.size() - 2);
      expected = tag;
    }
    std::string message(json_util::string_field(o, "message").value_or(""));
    if (message.empty())
      message = "Rubrik " + rubric->name + (expected ? " diubah" : " ditambahkan");
    library::ScoreBook book(ctx.library.ledger());
    auto commit = book.put_rubric(id, json_util::pretty(rubric->to_json()), expected, req.actor,
                                  std::move(message));
    if (!commit) return commit.error();
    auto file = book.rubric(*commit, id);
    if (!file) return file.error();
    if (!*file) return make_error(Errc::kInternal, "Rubrik tidak tersimpan");
    auto r = Response::json(
        json::object{{"rubric", rubric->to_json()}, {"etag", (*file)->blob}, {"commit", *commit}},
        expected ? 200 : 201);
    r.headers.emplace_back("ETag", quoted_tag((*file)->blob));
    return r;
  };

  auto rubric_history = [&ctx](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    const std::string id(req.param("id"));
    if (!valid_rubric_id(id)) return rubric_not_found("/params/id");
    auto history = file_history(ctx, library::rubric_path(id));
    if (!history) return history.error();
    if (history->empty()) return rubric_not_found("/params/id");
    return Response::json(json::object{{"rubric", id}, {"history", std::move(*history)}});
  };

  auto answers_history = [&ctx](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    const std::string rubric(req.param("rubric")), unit(req.param("unit"));
    if (!valid_rubric_id(rubric)) return rubric_not_found("/params/rubric");
    if (!ctx.org.tree()->unit(unit))
      return field_error(Errc::kNotFound, "Unit tidak ditemukan", "/params/unit",
                         "Pilih unit dari struktur organisasi");
    auto history = file_history(ctx, library::answers_path(rubric, unit));
    if (!history) return history.error();
    return Response::json(
        json::object{{"rubric", rubric}, {"unit", unit}, {"history", std::move(*history)}});
  };

  auto get_answers = [&ctx](Request& req) -> Reply {
    if (auto s = only_query_params(req, {"at"}); !s) return s.error();
    const std::string rubric(req.param("rubric")), unit(req.param("unit"));
    if (!valid_rubric_id(rubric)) return rubric_not_found("/params/rubric");
    auto at = commit_param(ctx, req);
    if (!at) return at.error();
    library::ScoreBook book(ctx.library.ledger());
    if (!ctx.org.tree()->unit(unit))
      return field_error(Errc::kNotFound, "Unit tidak ditemukan", "/params/unit",
                         "Pilih unit dari struktur organisasi");
    auto file = book.answers(at->first, rubric, unit);
    if (!file) return file.error();
    return Response::json(answers_json(*file, rubric, unit, at->first));
  };

  auto put_answers = [&ctx](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    auto body = validated_body(ctx, req, "answers.request");
    if (!body) return body.error();
    const auto& o = body->as_object();
    auto commit = write_answers(
        ctx, std::string(req.param("rubric")), std::string(req.param("unit")),
        o.at("answers").as_object(), [&] { return sign(ctx, req, o, domain::kMeaningAnswered); },
        req.actor, std::string(json_util::string_field(o, "message").value_or("")));
    if (!commit) return commit.error();
    library::ScoreBook book(ctx.library.ledger());
    auto written = book.answers(*commit, req.param("rubric"), req.param("unit"));
    if (!written) return written.error();
    return Response::json(answers_json(*written, req.param("rubric"), req.param("unit"), *commit));
  };

  auto score = [&ctx](Request& req) -> Reply {
    if (auto s = only_query_params(req, {"rubric", "unit", "scope", "at", "format"}); !s)
      return s.error();
    const std::string format(req.query_param("format").value_or("json"));
    if (format != "json" && format != "csv" && format != "xlsx")
      return field_error(Errc::kInvalidArgument, "Format tidak dikenal", "/query/format",
                         "Pilih json, csv atau xlsx");
    auto q = score_query(ctx, req);
    if (!q) return q.error();
    IndexMemo memo;
    auto text = score_text(ctx, *q, memo);
    if (!text) return text.error();
    if (format == "json") {
      // What the reader may do for this unit (answers are given for today): shared bytes from
      // the cache, the reader's own flag first.
      const bool answer = may(ctx, req, domain::Permission::kScoreAnswer, q->unit);
      Response r;
      r.body = std::string(R"({"may":{"answer":)") + (answer ? "true" : "false") + "}," +
               text->substr(1);
      return r;
    }
    auto parsed = json_util::parse(*text);
    if (!parsed) return parsed.error();
    const json::value& v = *parsed;
    const std::string name = "skor-" + q->rubric + "-" + q->date;
    Response r;
    if (format == "csv") {
      r.content_type = "text/csv; charset=utf-8";
      r.body = score_csv(v.as_object());
      r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
    } else {
      auto bytes = score_xlsx(
          v.as_object(),
          end_of_day_ms(*parse_date(q->date), ctx.library.instansi().utc_offset_minutes));
      if (!bytes) return bytes.error();
      r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
      r.body = std::move(*bytes);
      r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + ".xlsx\"");
    }
    return r;
  };

  auto trend = [&ctx](Request& req) -> Reply {
    if (auto s = only_query_params(req, {"rubric", "unit", "scope", "months"}); !s)
      return s.error();
    std::size_t months = 24;
    if (auto m = req.query_param("months")) {
      months = 0;
      for (char c : *m)
        months = c >= '0' && c <= '9' && months < 100 ? months * 10 + (c - '0') : 1000;
      if (m->empty() || months < 1 || months > 60)
        return field_error(Errc::kInvalidArgument, "Jumlah bulan tidak valid", "/query/months",
                           "Bilangan bulat 1 sampai 60");
    }
    auto q = score_query(ctx, req);
    if (!q) return q.error();
    const Date today = *parse_date(ctx.library.today());
    json::array points;
    IndexMemo memo;  // summaries, histories, records and map versions: read once for all months
    for (std::size_t i = months; i-- > 0;) {
      // The last day of each month back (add_months keeps a day the month has), today for this.
      const std::string day =
          i == 0 ? format_date(today)
                 : format_date(add_months(Date{today.year, today.month, 31}, -static_cast<int>(i)));
      ScoreQuery at = *q;
      at.date = day;
      json::object point{{"at", day}};
      auto text = score_text(ctx, at, memo);
      if (text) {
        auto parsed = json_util::parse(*text);
        if (!parsed) return parsed.error();
        const auto& v = parsed->as_object();
        point["score"] = v.at("score");
        point["percent"] = v.at("percent");
        point["commit"] = v.at("commit");
      } else if (text.error().code == Errc::kNotFound) {
        point["score"] = nullptr;  // nothing to score yet that day (no rubric, unit or data)
        point["percent"] = nullptr;
      } else {
        return text.error();
      }
      points.push_back(std::move(point));
    }
    return Response::json(json::object{{"rubric", q->rubric},
                                       {"unit", q->unit},
                                       {"scope", q->scope},
                                       {"points", std::move(points)}});
  };

  auto root_unit = [&ctx](const Request&) -> Result<std::optional<std::string>> {
    return std::optional<std::string>(ctx.org.tree()->root());
  };
  auto path_unit = [](const Request& req) -> Result<std::optional<std::string>> {
    return std::optional<std::string>(std::string(req.param("unit")));
  };
  using domain::Permission;
  return {
      {"GET", "/api/v1/rubrics", list_rubrics, {}, Permission::kScoreRead, {}},
      {"GET", "/api/v1/rubrics/{id}", get_rubric, {}, Permission::kScoreRead, {}},
      {"PUT", "/api/v1/rubrics/{id}", put_rubric, {}, Permission::kRubricWrite, root_unit},
      {"GET", "/api/v1/rubrics/{id}/history", rubric_history, {}, Permission::kScoreRead, {}},
      {"GET", "/api/v1/answers/{rubric}/{unit}", get_answers, {}, Permission::kScoreRead, {}},
      {"GET",
       "/api/v1/answers/{rubric}/{unit}/history",
       answers_history,
       {},
       Permission::kScoreRead,
       {}},
      {"PUT",
       "/api/v1/answers/{rubric}/{unit}",
       put_answers,
       {},
       Permission::kScoreAnswer,
       path_unit},
      {"GET", "/api/v1/score", score, {}, Permission::kScoreRead, {}},
      {"GET", "/api/v1/score/trend", trend, {}, Permission::kScoreRead, {}},
  };
}

Status seed_rubrics(library::DocumentLibrary& library, const std::filesystem::path& dir) {
  std::vector<std::pair<std::string, std::string>> shipped;
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    auto v = json_util::parse(text.str());
    if (!v || !v->is_object() || !domain::check_rubric(*v).empty())
      return make_error(Errc::kInternal, "Rubrik bawaan tidak valid: " + f.string());
    const domain::Rubric r = domain::Rubric::from_json(*v);
    shipped.emplace_back(r.id, json_util::pretty(r.to_json()));
  }
  library::ScoreBook book(library.ledger());
  return book.seed(shipped, library::Actor{"Sopan", ""});
}

}  // namespace sopan::api
