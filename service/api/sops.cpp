#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <charconv>
#include <map>
#include <optional>

#include "api/routes.hpp"
#include "api/signature.hpp"
#include "common/json.hpp"
#include "domain/flowchart.hpp"
#include "domain/org.hpp"
#include "domain/print.hpp"
#include "domain/sop.hpp"
#include "domain/sop_csv.hpp"
#include "domain/workflow.hpp"
#include "library/accounts.hpp"
#include "library/document_library.hpp"
#include "library/org_library.hpp"
#include "library/search.hpp"
#include "schema/registry.hpp"

namespace sopan::api {
namespace json = boost::json;
using domain::Permission;
using library::DocKind;

namespace {

constexpr std::string_view kClassifications[] = {"teknis", "administratif", "makro",   "mikro",
                                                 "final",  "parsial",       "generik", "spesifik"};

/// Steps per flowchart page on screen and in print (a layout setting, DOMAIN §1.2).
constexpr std::size_t kStepsPerPage = 10;

constexpr std::string_view kStatuses[] = {"konsep",  "diajukan",   "diverifikasi", "berlaku",
                                          "dicabut", "digantikan", "dibatalkan"};

std::optional<std::uint64_t> parse_uint(std::string_view text) {
  std::uint64_t v = 0;
  if (text.empty() || text.size() > 18) return std::nullopt;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

std::string etag(std::uint64_t version) { return "\"" + std::to_string(version) + "\""; }

/// If-Match carries the version the editor last read: `"7"` (or a bare 7).
Result<std::uint64_t> expected_version(const Request& req) {
  std::string_view v = req.header("if-match");
  if (v.empty())
    return field_error(Errc::kInvalidArgument, "Versi yang disunting tidak disebutkan",
                       "/headers/If-Match",
                       "Kirim header If-Match berisi versi dokumen yang dibaca");
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  auto n = parse_uint(v);
  if (!n)
    return field_error(Errc::kInvalidArgument, "Versi yang disunting tidak valid",
                       "/headers/If-Match", "Harus berupa nomor versi, misalnya \"3\"");
  return *n;
}

struct DraftBody {
  std::string content;  // pretty JSON, as stored in git
  std::string message;
  std::string unit;
  domain::Sop sop;
  std::vector<domain::Finding> notes;  // system fields dropped from the document
};

/// The notes of a draft whose system fields were dropped (domain::drop_system_fields).
std::vector<domain::Finding> dropped_notes(json::object& doc) {
  std::vector<domain::Finding> notes;
  for (const auto& pointer : domain::drop_system_fields(doc))
    notes.push_back({"sop.system_field", "/document" + pointer,
                     pointer == "/ratified_by"
                         ? "Pengesah diisi sistem saat pengesahan; isian ini diabaikan"
                         : "Tanggal efektif diisi saat pengesahan; isian ini diabaikan"});
  return notes;
}

Result<DraftBody> draft_body(const Context& ctx, const Request& req) {
  auto body = validated_body(ctx, req, "save-draft.request");
  if (!body) return body.error();
  const auto& o = body->get_object();
  const json::value& doc = o.at("document");
  if (auto s = ctx.schemas.validate("sop", doc, "/document"); !s) return s.error();
  auto message = json_util::string_field(o, "message");
  json::value document = doc;
  auto notes = dropped_notes(document.as_object());
  auto unit = json_util::string_field(document.get_object(), "unit");
  const domain::Unit* u = ctx.org.tree()->unit(unit.value_or(""));
  if (!u || u->closed)
    return field_error(
        Errc::kValidation, "Unit SOP tidak valid", "/document/unit",
        u ? "Unit ini sudah ditutup" : "Unit tidak ditemukan di struktur organisasi");
  return DraftBody{json_util::pretty(document), std::string(message.value_or("")),
                   std::string(unit.value_or("")), domain::Sop::from_json(document),
                   std::move(notes)};
}

/// True when a SOP other than `id` has `number`. The search index narrows the candidates to
/// those holding every word of the number; a number without indexed words is checked against
/// every summary.
bool number_taken(const Context& ctx, const std::string& number, std::string_view id) {
  auto same = [&](const library::DocSummary& d) { return d.id != id && d.number == number; };
  if (!library::search::words(number).empty()) {
    auto hits = library::search::query(ctx.library.store(), number);
    if (!hits) return false;
    for (const auto& hit : *hits)
      if (auto d = ctx.library.summary(hit.id); d && same(*d)) return true;
    return false;
  }
  library::ListFilter others;
  others.kind = DocKind::kSop;
  others.matches = same;
  others.limit = 1;
  auto docs = ctx.library.list(others);
  return docs && !docs->empty();
}

/// The rules beyond the schema for a draft of document `id` (empty for a new one): saved anyway,
/// reported as warnings that block submission.
std::vector<domain::Finding> findings(const Context& ctx, const domain::Sop& sop,
                                      std::string_view id) {
  auto tree = ctx.org.tree();
  domain::SopContext rules{
      *tree, [&](const std::string& number) { return number_taken(ctx, number, id); }};
  return domain::check_sop(sop, rules);
}

Response written(const library::VersionRow& row, std::string_view id, int status,
                 const std::vector<domain::Finding>& problems,
                 const std::vector<domain::Finding>& notes = {}) {
  Response r = Response::json(json::object{{"id", id},
                                           {"problems", domain::to_json(problems)},
                                           {"notes", domain::to_json(notes)},
                                           {"version", row.version},
                                           {"commit", row.commit},
                                           {"action", row.action},
                                           {"time", format_utc(row.time)}},
                              status);
  r.headers.emplace_back("ETag", etag(row.version));
  if (status == 201) r.headers.emplace_back("Location", "/api/v1/sops/" + std::string(id));
  return r;
}

Result<library::ReadSelector> read_selector(const library::DocumentLibrary& lib,
                                            const Request& req) {
  auto version = req.query_param("version");
  auto at = req.query_param("at");
  library::ReadSelector sel;
  if (version && at)
    return field_error(Errc::kInvalidArgument, "Parameter saling bertentangan", "/query/at",
                       "Gunakan salah satu: version atau at");
  if (version) {
    return version_param(req, "version");
  } else if (at) {
    auto date = parse_date(*at);
    if (!date)
      return field_error(Errc::kInvalidArgument, "Parameter at tidak valid", "/query/at",
                         "Harus berupa tanggal YYYY-MM-DD");
    sel.kind = library::ReadSelector::Kind::kAt;
    sel.at = end_of_day_ms(*date, lib.instansi().utc_offset_minutes);
  }
  return sel;
}

/// The document the request selects (?version=draft|N, ?at=DATE, or in force); drafts and
/// numbered versions need the right to read drafts of the document's unit.
Result<library::Document> read_document(Context& ctx, const Request& req) {
  auto sel = read_selector(ctx.library, req);
  if (!sel) return sel.error();
  if (sel->kind == library::ReadSelector::Kind::kDraft ||
      sel->kind == library::ReadSelector::Kind::kVersion) {
    auto summary = ctx.library.summary(req.param("id"));
    if (!summary) return summary.error();
    if (!may(ctx, req, Permission::kSopReadDraft, summary->unit)) return denied(ctx, req);
  }
  auto doc = ctx.library.read(req.param("id"), *sel);
  if (!doc || sel->kind != library::ReadSelector::Kind::kInForce ||
      doc->summary.effective_date <= today(ctx))
    return doc;
  // A version ratified with an effective date still ahead is not in force yet: until that date
  // readers get the version before it, if there was one.
  auto rows = ctx.library.history(doc->summary.id);
  if (!rows) return rows.error();
  for (auto it = rows->rbegin(); it != rows->rend(); ++it)
    if (it->on_main && it->version < doc->version &&
        (it->action == "ratify" || it->action == "merge"))
      return ctx.library.read(doc->summary.id,
                              {library::ReadSelector::Kind::kVersion, it->version});
  return doc;
}

/// Column headings: the position's name from the org tree, or the outside party's name.
std::vector<std::string> actor_names(const domain::Sop& sop, const domain::OrgTree& tree) {
  std::vector<std::string> names;
  for (const auto& a : sop.actors) {
    const domain::Position* p = a.position.empty() ? nullptr : tree.position(a.position);
    names.push_back(p ? p->name : !a.external.empty() ? a.external : "(jabatan tidak ditemukan)");
  }
  return names;
}

std::vector<std::string> flowchart_pages(const Context& ctx, const domain::Sop& sop,
                                         std::size_t steps_per_page) {
  auto tree = ctx.org.tree();
  auto chart = domain::layout_flowchart(sop, actor_names(sop, *tree), {steps_per_page});
  return domain::render_svg(sop, chart);
}

bool reads_git(const Request& req) {
  auto v = req.query_param("version");
  return req.query_param("at") || (v && *v != "draft");
}

/// The start of `text` (at most 80 bytes, never cutting a UTF-8 character).
std::string excerpt(const std::string& text) {
  if (text.size() <= 80) return text;
  std::size_t end = 80;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "…";
}

/// A verifier cannot pass a draft while comments they raised on it are still open.
Status no_open_comments_by(const library::DocumentLibrary& lib, const library::DocSummary& summary,
                           const std::string& nip) {
  auto comments = lib.comments(summary.id);
  if (!comments) return comments.error();
  json::array open;
  for (const auto& c : *comments)
    if (c.id == c.thread && !c.resolved && c.nip == nip && summary.in_open_draft(c.draft_version))
      open.push_back(json::object{
          {"path", "/comments/" + c.id},
          {"message", "Komentar Anda pada " + (c.anchor.empty() ? "dokumen" : c.anchor) +
                          " belum diselesaikan: " + excerpt(c.text)}});
  if (open.empty()) return {};
  Error e = make_error(Errc::kConflict, "Masih ada " + std::to_string(open.size()) +
                                            " komentar Anda yang belum diselesaikan");
  e.details = std::move(open);
  return e;
}

/// Who signed the ratification that put `doc`'s version in force, read from the signature record
/// of the ratifying commit, never from the document's own fields; nullopt for a draft or a
/// version no ratification signed.
std::optional<domain::SignatureRecord> ratification_of(const library::DocumentLibrary& lib,
                                                       const library::Document& doc) {
  if (doc.is_draft) return std::nullopt;
  // The version shown is the ratification itself, or a withdrawal or supersession after it
  // (steps on main that keep the content): walk back over those, one index read each.
  std::optional<library::VersionRow> ratified;
  for (std::uint64_t v = doc.version; v > 0 && !ratified; --v) {
    auto row = lib.version_row(doc.summary.id, v);
    if (!row || !*row || !(*row)->on_main) return std::nullopt;
    if ((*row)->action == "ratify")
      ratified = std::move(**row);
    else if ((*row)->action != "withdraw" && (*row)->action != "supersede")
      return std::nullopt;
  }
  if (!ratified || ratified->signature.empty()) return std::nullopt;
  return domain::read_signature(ratified->signature);
}

json::value to_json(const std::optional<domain::SignatureRecord>& r) {
  if (!r) return nullptr;
  return json::object{
      {"name", r->name}, {"nip", r->nip}, {"position", r->position}, {"time", r->time}};
}

/// Separation of duties: whoever wrote a version of the open draft neither verifies nor ratifies
/// it (403), so one account cannot draft, verify and sign the same SOP.
Status not_an_author_of_the_draft(const library::DocumentLibrary& lib,
                                  const library::DocSummary& summary, const std::string& nip) {
  auto rows = lib.history(summary.id);
  if (!rows) return rows.error();
  const std::string email_prefix = nip + "@";
  for (const auto& row : *rows) {
    if (row.version < summary.draft_opened || row.on_main) continue;
    const bool authored = row.action == "create" || row.action == "save" || row.action == "revise";
    if (authored && !nip.empty() && row.actor_email.starts_with(email_prefix))
      return make_error(Errc::kPermissionDenied,
                        "Anda ikut menyusun konsep ini (versi " + std::to_string(row.version) +
                            "); verifikasi dan pengesahan harus dilakukan orang lain");
  }
  return {};
}

/// Ratification is an electronic signature (api/signature.hpp), then the merge into main with the
/// signer's name, NIP, position and the effective date in the document (`ratified_by`,
/// `dates.effective`) and the Sopan-Signature trailer on the commit.
Result<library::VersionRow> ratify(Context& ctx, const Request& req, const std::string& id,
                                   std::uint64_t expected, const std::string& reason,
                                   const json::object& body) {
  std::string effective(json_util::string_field(body, "effective_date").value_or(""));
  if (!effective.empty() && !parse_date(effective))
    return field_error(Errc::kValidation, "Tanggal efektif tidak valid", "/effective_date",
                       "Harus berupa tanggal YYYY-MM-DD");
  auto signature = sign(ctx, req, body, "disahkan");
  if (!signature) return signature.error();
  const int offset = ctx.library.instansi().utc_offset_minutes;
  const std::string today = format_date(local_date(signature->time, offset));
  if (effective.empty()) effective = today;
  if (effective < today)
    return field_error(Errc::kValidation, "Tanggal efektif tidak boleh sebelum hari ini",
                       "/effective_date", "Pilih hari ini (" + today + ") atau tanggal kemudian");

  auto draft = ctx.library.read(id, {library::ReadSelector::Kind::kDraft});
  if (!draft) return draft.error();
  auto doc = json_util::parse(draft->content);
  if (!doc || !doc->is_object()) return make_error(Errc::kInternal, "Konsep tidak dapat dibaca");
  json::object& o = doc->as_object();
  o["ratified_by"] = json::object{
      {"position", signature->position}, {"name", signature->name}, {"nip", signature->nip}};
  if (!o.contains("dates") || !o["dates"].is_object()) o["dates"] = json::object{};
  o["dates"].as_object()["effective"] = effective;
  auto row = ctx.library.merge_draft({id, expected, req.actor, reason, {signature->trailer()}},
                                     json_util::pretty(*doc), "ratify");
  if (row) record_signature(ctx, req, id, *signature, row->commit);
  return row;
}

}  // namespace

Result<library::ReadSelector> version_param(const Request& req, std::string_view name) {
  std::string_view text = req.query_param(name).value_or("");
  if (text == "draft") return library::ReadSelector{library::ReadSelector::Kind::kDraft};
  if (auto n = parse_uint(text); n && *n > 0)
    return library::ReadSelector{library::ReadSelector::Kind::kVersion, *n};
  return field_error(Errc::kInvalidArgument, "Parameter " + std::string(name) + " tidak valid",
                     "/query/" + std::string(name),
                     "Isi dengan \"draft\" atau nomor versi (1, 2, ...)");
}

Result<std::optional<std::string>> document_unit(const library::DocumentLibrary& lib,
                                                 const Request& req) {
  auto summary = lib.summary(req.param("id"));
  if (!summary) return summary.error();
  return std::optional<std::string>(summary->unit);
}

std::string today(const Context& ctx) {
  return format_date(local_date(now_ms(), ctx.library.instansi().utc_offset_minutes));
}

std::string shown_status(const Context& ctx, const library::DocSummary& summary) {
  return summary.status == "berlaku" && summary.effective_date > today(ctx) ? "disahkan"
                                                                            : summary.status;
}

json::value summary_json(const Context& ctx, const library::DocSummary& summary) {
  json::value v = summary.to_json();
  json::object& o = v.as_object();
  const std::string now = today(ctx);
  o["status"] = shown_status(ctx, summary);
  o["monitoring_overdue"] = !summary.monitoring_due.empty() && summary.monitoring_due < now;
  o["evaluation_overdue"] = !summary.evaluation_due.empty() && summary.evaluation_due < now;
  return v;
}

std::vector<Route> sop_routes(Context& ctx) {
  auto& lib = ctx.library;

  auto list = [&ctx, &lib](Request& req) -> Reply {
    if (auto s = only_query_params(req, {"unit", "status", "classification", "q", "limit"}); !s)
      return s.error();
    auto classification = req.query_param("classification");
    if (classification && std::find(std::begin(kClassifications), std::end(kClassifications),
                                    *classification) == std::end(kClassifications))
      return field_error(Errc::kInvalidArgument, "Parameter classification tidak valid",
                         "/query/classification",
                         "Pilih salah satu: teknis, administratif, makro, mikro, final, parsial, "
                         "generik, spesifik");
    library::ListFilter filter;
    filter.kind = DocKind::kSop;
    auto tree = ctx.org.tree();
    auto unit = req.query_param("unit");
    if (unit && !tree->unit(*unit))
      return field_error(Errc::kInvalidArgument, "Parameter unit tidak valid", "/query/unit",
                         "Unit tidak ditemukan");
    auto status = req.query_param("status");
    if (status &&
        std::find(std::begin(kStatuses), std::end(kStatuses), *status) == std::end(kStatuses))
      return field_error(Errc::kInvalidArgument, "Parameter status tidak valid", "/query/status",
                         "Pilih salah satu: konsep, diajukan, diverifikasi, berlaku, dicabut, "
                         "digantikan, dibatalkan");
    // Those who may not read the drafts of a document's unit see it as it is in force (identity,
    // status, words) and not at all while nothing is: an open revision stays out of their list,
    // their search and their counts. Their status can differ from the one indexed (a revision
    // open on a SOP in force is "konsep" there), so the index narrows only by the statuses of a
    // draft, which such readers never see.
    if (status && *status != "berlaku" && *status != "dicabut" && *status != "digantikan")
      filter.status = std::string(*status);
    auto limit = limit_param(req, 100, 1000);
    if (!limit) return limit.error();
    const std::string q(req.query_param("q").value_or(""));
    auto sees_drafts = [&](const library::DocSummary& d) {
      return may(ctx, req, Permission::kSopReadDraft, d.unit);
    };
    auto shown = [&](const library::DocSummary& d) -> std::optional<library::DocSummary> {
      if (sees_drafts(d)) return d;
      if (!d.in_force) return std::nullopt;
      return d.as_in_force();
    };
    // What the indexes cannot answer: classification and the unit's whole subtree, both on the
    // summary as this reader sees it.
    auto qualifies = [&](const library::DocSummary& v) {
      return (!status || v.status == *status) &&
             (!classification || std::find(v.classification.begin(), v.classification.end(),
                                           *classification) != v.classification.end()) &&
             (!unit || tree->within(v.unit, *unit));
    };
    filter.matches = [&](const library::DocSummary& d) {
      auto v = shown(d);
      return v && qualifies(*v);
    };
    json::array items;
    if (!q.empty()) {
      // Ranked by the search index, each document by the words of the view this reader has of
      // it; summaries are read only for the candidates and until the page is full.
      std::map<std::string, library::DocSummary> summaries;
      std::optional<Error> failed;
      auto summary_of = [&](const std::string& id) -> const library::DocSummary* {
        if (auto it = summaries.find(id); it != summaries.end()) return &it->second;
        auto d = lib.summary(id);
        if (!d) {
          failed = d.error();
          return nullptr;
        }
        return &summaries.emplace(id, std::move(*d)).first->second;
      };
      auto hits = library::search::query(lib.store(), q, [&](const std::string& id) {
        const library::DocSummary* d = summary_of(id);
        return d && sees_drafts(*d) ? library::search::View::kNewest
                                    : library::search::View::kInForce;
      });
      if (!hits) return hits.error();
      if (failed) return *failed;
      for (const auto& hit : *hits) {
        const library::DocSummary* d = summary_of(hit.id);
        if (!d) return *failed;
        auto v = shown(*d);
        if (!v || !qualifies(*v)) continue;
        json::value item = summary_json(ctx, *v);
        item.as_object()["score"] = hit.score;
        items.push_back(std::move(item));
        if (items.size() == *limit) break;
      }
    } else {
      filter.limit = *limit;
      auto docs = lib.list(filter);
      if (!docs) return docs.error();
      for (const auto& d : *docs) items.push_back(summary_json(ctx, *shown(d)));
    }
    std::size_t n = items.size();
    return Response::json(json::object{{"items", std::move(items)}, {"count", n}});
  };

  auto create = [&ctx, &lib](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    auto body = draft_body(ctx, req);
    if (!body) return body.error();
    std::string id;
    auto row = lib.create(DocKind::kSop, std::move(body->content), req.actor,
                          body->message.empty() ? "Membuat konsep SOP" : body->message, &id);
    if (!row) return row.error();
    return written(*row, id, 201, findings(ctx, body->sop, id), body->notes);
  };

  auto get = [&ctx, &lib](Request& req) -> Reply {
    if (auto s = only_query_params(req, {"version", "at"}); !s) return s.error();
    auto doc = read_document(ctx, req);
    if (!doc) return doc.error();
    // What this reader may do next (the screens show these as buttons).
    json::array actions;
    for (auto a : domain::actions_of(*req.principal, doc->summary.status, doc->summary.unit,
                                     *ctx.org.tree()))
      actions.push_back(json::value(a));
    // The stored file is valid JSON already: splice it in rather than parse it again.
    json::object head{
        {"id", doc->summary.id},
        {"kind", library::kind_name(doc->summary.kind)},
        {"actions", std::move(actions)},
        {"may",
         {{"comment", may(ctx, req, Permission::kSopComment, doc->summary.unit)},
          {"monitor", may(ctx, req, Permission::kSopMonitor, doc->summary.unit)},
          {"evaluate", may(ctx, req, Permission::kSopEvaluate, doc->summary.unit)}}},
        {"version", doc->version},
        {"commit", doc->commit},
        {"is_draft", doc->is_draft},
        {"ratification", to_json(ratification_of(lib, *doc))},
        // A reader without draft rights sees the version in force, never the
        // open revision's title or state.
        {"summary", summary_json(ctx, may(ctx, req, Permission::kSopReadDraft, doc->summary.unit)
                                          ? doc->summary
                                          : doc->summary.as_in_force())}};
    std::string body = json::serialize(head);
    body.pop_back();  // the closing brace
    body += ",\"document\":";
    body += doc->content;
    body += "}";
    Response r;
    r.body = std::move(body);
    r.headers.emplace_back("ETag", etag(doc->version));
    return r;
  };

  auto save = [&ctx, &lib](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    auto expected = expected_version(req);
    if (!expected) return expected.error();
    auto body = draft_body(ctx, req);
    if (!body) return body.error();
    auto current = lib.summary(req.param("id"));
    if (!current) return current.error();
    // A draft under review is frozen until the reviewer sends it back.
    if (current->draft && current->status != "konsep")
      return field_error(Errc::kConflict,
                         "Konsep sedang dalam pemeriksaan (" + current->status + ")", "/params/id",
                         "Tunggu hasil pemeriksaan atau minta dikembalikan");
    // Moving a SOP to another unit needs the right over that unit as well.
    if (body->unit != current->unit && !may(ctx, req, Permission::kSopWrite, body->unit))
      return denied(ctx, req);
    library::SaveRequest save{
        DocKind::kSop, std::string(req.param("id")),
        *expected,     std::move(body->content),
        req.actor,     body->message.empty() ? "Menyimpan konsep" : body->message};
    auto row = lib.save_draft(save);
    if (!row) return row.error();
    return written(*row, save.id, 200, findings(ctx, body->sop, save.id), body->notes);
  };

  auto flowchart = [&ctx](Request& req) -> Reply {
    if (auto s = only_query_params(req, {"version", "at", "page"}); !s) return s.error();
    std::size_t page = 1;
    if (auto p = req.query_param("page")) {
      auto n = parse_uint(*p);
      if (!n || *n < 1)
        return field_error(Errc::kInvalidArgument, "Parameter page tidak valid", "/query/page",
                           "Isi dengan nomor halaman 1, 2, ...");
      page = *n;
    }
    auto doc = read_document(ctx, req);
    if (!doc) return doc.error();
    auto parsed = json_util::parse(doc->content);
    if (!parsed) return make_error(Errc::kInternal, "Dokumen tersimpan tidak dapat dibaca");
    auto pages = flowchart_pages(ctx, domain::Sop::from_json(*parsed), kStepsPerPage);
    if (page > pages.size())
      return field_error(Errc::kNotFound, "Halaman tidak ada", "/query/page",
                         "Diagram ini memiliki " + std::to_string(pages.size()) + " halaman");
    Response r;
    r.content_type = "image/svg+xml; charset=utf-8";
    r.body = std::move(pages[page - 1]);
    r.headers.emplace_back("ETag", etag(doc->version));
    r.headers.emplace_back("X-Total-Pages", std::to_string(pages.size()));
    return r;
  };

  auto print = [&ctx](Request& req) -> Reply {
    if (auto s = only_query_params(req, {"version", "at"}); !s) return s.error();
    auto doc = read_document(ctx, req);
    if (!doc) return doc.error();
    auto parsed = json_util::parse(doc->content);
    if (!parsed) return make_error(Errc::kInternal, "Dokumen tersimpan tidak dapat dibaca");
    domain::Sop sop = domain::Sop::from_json(*parsed);
    // "Disahkan" only from the signature record of the version shown.
    auto ratification = ratification_of(ctx.library, *doc);
    sop.ratified_name = ratification ? ratification->name : "";
    sop.ratified_nip = ratification ? ratification->nip : "";
    sop.ratified_position = ratification ? ratification->position : "";
    auto tree = ctx.org.tree();
    std::vector<std::string> unit_path;
    for (const domain::Unit* u : tree->path_to(sop.unit))
      if (!u->parent.empty()) unit_path.push_back(u->name);
    domain::PrintInput in{sop,
                          ctx.library.instansi().name,
                          std::move(unit_path),
                          flowchart_pages(ctx, sop, kStepsPerPage),
                          doc->is_draft                      ? "KONSEP"
                          : doc->summary.status == "dicabut" ? "DICABUT"
                                                             : "",
                          ratification ? ratification->time : ""};
    Response r;
    r.content_type = "text/html; charset=utf-8";
    r.body = domain::render_print_html(in);
    r.headers.emplace_back("ETag", etag(doc->version));
    return r;
  };

  auto render = [&ctx](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    auto body = validated_body(ctx, req, "render-sop.request");
    if (!body) return body.error();
    const auto& o = body->get_object();
    const json::value& document = o.at("document");
    if (auto s = ctx.schemas.validate("sop", document, "/document"); !s) return s.error();
    std::size_t per_page = kStepsPerPage;
    if (const json::value* n = o.if_contains("steps_per_page"))
      per_page = static_cast<std::size_t>(n->to_number<std::int64_t>());
    domain::Sop sop = domain::Sop::from_json(document);
    json::array pages;
    for (auto& svg : flowchart_pages(ctx, sop, per_page)) pages.push_back(json::value(svg));
    return Response::json(json::object{{"pages", std::move(pages)},
                                       {"problems", domain::to_json(findings(ctx, sop, ""))}});
  };

  auto import_steps = [&ctx](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    auto body = validated_body(ctx, req, "sop-steps-import.request");
    if (!body) return body.error();
    const auto& o = body->get_object();
    auto tree = ctx.org.tree();
    auto fragment = domain::steps_from_csv(*json_util::string_field(o, "csv"), *tree,
                                           *json_util::string_field(o, "unit"));
    if (!fragment) return fragment.error();
    return Response::json(std::move(*fragment));
  };

  // The workflow (domain/workflow.cpp): the state allows the action (409 otherwise), the person
  // holds the action's role over the document's unit (403), If-Match names the version acted on.
  auto action = [&ctx, &lib](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    const std::string name(req.param("action"));
    const auto& table = domain::transitions();
    if (std::none_of(table.begin(), table.end(), [&](const auto& t) { return t.action == name; }))
      return field_error(Errc::kNotFound, "Tindakan tidak dikenal", "/params/action",
                         "Tindakan: submit, verify, request-changes, ratify, revise, withdraw, "
                         "supersede, discard");
    auto summary = lib.summary(req.param("id"));
    if (!summary) return summary.error();
    const std::string id = summary->id;
    if (!domain::transition(summary->status, name)) {
      std::string allowed;
      for (auto a : domain::allowed_actions(summary->status))
        allowed += (allowed.empty() ? "" : ", ") + std::string(a);
      return field_error(
          Errc::kConflict,
          "Tindakan " + name + " tidak dapat dilakukan pada status " + summary->status,
          "/params/action",
          allowed.empty() ? "Tidak ada tindakan lagi untuk status ini"
                          : "Yang dapat dilakukan: " + allowed);
    }
    auto mine = domain::actions_of(*req.principal, summary->status, summary->unit, *ctx.org.tree());
    if (std::find(mine.begin(), mine.end(), name) == mine.end()) return denied(ctx, req);
    if (name == "verify" || name == "ratify") {
      if (auto s = not_an_author_of_the_draft(lib, *summary, req.principal->nip); !s)
        return s.error();
    }
    auto expected = expected_version(req);
    if (!expected) return expected.error();
    auto body = validated_body(ctx, req, "action.request");
    if (!body) return body.error();
    const auto& o = body->get_object();
    const std::string reason(*json_util::string_field(o, "reason"));

    Result<library::VersionRow> row = make_error(Errc::kInternal, "Tindakan tidak dijalankan");
    if (name == "discard") {
      row = lib.discard_draft({id, *expected, req.actor, reason});
    } else if (name == "submit") {
      auto draft = lib.read(id, {library::ReadSelector::Kind::kDraft});
      if (!draft) return draft.error();
      auto doc = json_util::parse(draft->content);
      if (!doc) return make_error(Errc::kInternal, "Konsep tersimpan tidak dapat dibaca");
      auto problems = findings(ctx, domain::Sop::from_json(*doc), id);
      if (!problems.empty()) {
        Error e = make_error(Errc::kValidation,
                             "Konsep belum dapat diajukan: " + std::to_string(problems.size()) +
                                 " hal perlu diperbaiki");
        e.details = domain::to_json(problems);
        return e;
      }
      row = lib.record_step({id, *expected, name, req.actor, reason});
    } else if (name == "verify" || name == "request-changes") {
      vcs::Trailers trailers;
      if (name == "verify") {
        if (auto s = no_open_comments_by(lib, *summary, req.principal->nip); !s) return s.error();
        trailers.push_back(signature_of(ctx, req, "diverifikasi").trailer());
      }
      row = lib.record_step({id, *expected, name, req.actor, reason, std::move(trailers)});
    } else if (name == "withdraw" || name == "supersede") {
      row = lib.record_main_step({id, *expected, name, req.actor, reason});
    } else if (name == "revise") {
      auto in_force = lib.read(id, {});
      if (!in_force) return in_force.error();
      // The revision starts unsigned: the next ratification writes its own signer and date.
      row = lib.save_draft(
          {DocKind::kSop, id, *expected, domain::revision_of(in_force->content), req.actor, reason},
          "revise");
    } else if (name == "ratify") {
      row = ratify(ctx, req, id, *expected, reason, o);
    }
    if (!row) return row.error();
    return written(*row, id, 200, {});
  };

  auto history = [&lib](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    auto rows = lib.history(req.param("id"));
    if (!rows) return rows.error();
    json::array items;
    for (const auto& r : *rows) {
      json::value v = r.to_json();
      v.as_object()["time"] = format_utc(r.time);
      items.push_back(std::move(v));
    }
    return Response::json(json::object{{"id", req.param("id")}, {"versions", std::move(items)}});
  };

  auto body_unit = [&ctx](const Request& req) -> Result<std::optional<std::string>> {
    auto body = draft_body(ctx, req);
    if (!body) return body.error();
    return std::optional<std::string>(body->unit);
  };
  auto path_unit = [&lib](const Request& req) { return document_unit(lib, req); };
  auto import_unit = [](const Request& req) -> Result<std::optional<std::string>> {
    auto body = json_body(req);
    if (!body) return body.error();
    auto unit =
        body->is_object() ? json_util::string_field(body->get_object(), "unit") : std::nullopt;
    if (!unit)
      return field_error(Errc::kValidation, "Unit SOP belum diisi", "/unit",
                         "Pilih unit yang menerbitkan SOP");
    return std::optional<std::string>(*unit);
  };
  auto render_unit = [](const Request& req) -> Result<std::optional<std::string>> {
    auto body = json_body(req);
    if (!body) return body.error();
    const json::value* doc =
        body->is_object() ? body->get_object().if_contains("document") : nullptr;
    const json::object* o = doc ? doc->if_object() : nullptr;
    auto unit = o ? json_util::string_field(*o, "unit") : std::nullopt;
    if (!unit)
      return field_error(Errc::kValidation, "Unit SOP belum diisi", "/document/unit",
                         "Pilih unit yang menerbitkan SOP");
    return std::optional<std::string>(*unit);
  };

  return {
      {"GET", "/api/v1/sops", list, index_only, Permission::kSopReadInForce, {}},
      {"POST", "/api/v1/sops", create, always_blocks, Permission::kSopWrite, body_unit},
      {"GET", "/api/v1/sops/{id}", get, reads_git, Permission::kSopReadInForce, {}},
      {"PUT", "/api/v1/sops/{id}/draft", save, always_blocks, Permission::kSopWrite, path_unit},
      {"GET", "/api/v1/sops/{id}/history", history, {}, Permission::kSopReadDraft, path_unit},
      {"GET",
       "/api/v1/sops/{id}/flowchart.svg",
       flowchart,
       reads_git,
       Permission::kSopReadInForce,
       {}},
      {"GET", "/api/v1/sops/{id}/print", print, reads_git, Permission::kSopReadInForce, {}},
      {"POST", "/api/v1/render/sop", render, {}, Permission::kSopWrite, render_unit},
      {"POST", "/api/v1/import/sop-steps", import_steps, {}, Permission::kSopWrite, import_unit},
      {"POST", "/api/v1/sops/{id}/actions/{action}", action, always_blocks, Permission::kSopAct,
       path_unit},
  };
}

}  // namespace sopan::api
