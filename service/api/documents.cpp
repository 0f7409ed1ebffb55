// One set of routes for every document kind (api/doc_kinds.hpp) under /api/v1/<folder>: list
// (with `at`), create, read (in force, a draft, a version, or on a day), save, history, the
// workflow's actions, review comments, the readable diff and, for kinds that have them,
// monitoring and evaluation records. The kind's descriptor supplies its schema, rules and diff.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <charconv>
#include <map>
#include <optional>

#include "api/doc_kinds.hpp"
#include "api/routes.hpp"
#include "api/signature.hpp"
#include "common/json.hpp"
#include "domain/anchor.hpp"
#include "domain/evaluation.hpp"
#include "domain/org.hpp"
#include "domain/sop.hpp"
#include "domain/verification.hpp"
#include "domain/workflow.hpp"
#include "library/accounts.hpp"
#include "library/document_library.hpp"
#include "library/indexer.hpp"
#include "library/org_library.hpp"
#include "library/search.hpp"
#include "schema/registry.hpp"

namespace sopan::api {
namespace json = boost::json;
using domain::Permission;
using library::DocKind;

Result<std::string> stamp_signer(const std::string& content, const domain::Signature& signer,
                                 const std::string& effective) {
  auto doc = json_util::parse(content);
  if (!doc || !doc->is_object()) return make_error(Errc::kInternal, "Konsep tidak dapat dibaca");
  json::object& o = doc->as_object();
  o["ratified_by"] =
      json::object{{"position", signer.position}, {"name", signer.name}, {"nip", signer.nip}};
  if (!o.contains("dates") || !o["dates"].is_object()) o["dates"] = json::object{};
  o["dates"].as_object()["effective"] = effective;
  return json_util::pretty(*doc);
}

std::vector<domain::Finding> signer_field_notes(json::object& doc, std::string_view prefix) {
  std::vector<domain::Finding> notes;
  for (const auto& pointer : domain::drop_system_fields(doc))
    notes.push_back({std::string(prefix) + ".system_field", "/document" + pointer,
                     pointer == "/ratified_by"
                         ? "Pengesah diisi sistem saat pengesahan; isian ini diabaikan"
                         : "Tanggal efektif diisi saat pengesahan; isian ini diabaikan"});
  return notes;
}

domain::DiffNames org_names(const Context& ctx) {
  auto tree = ctx.org.tree();
  return {[tree](std::string_view id) {
            const domain::Position* p = tree->position(id);
            return p ? p->name : std::string();
          },
          [tree](std::string_view id) {
            const domain::Unit* u = tree->unit(id);
            return u ? u->name : std::string();
          }};
}

UnitOf unit_of_body_document(std::string message, std::string hint) {
  return [message = std::move(message),
          hint = std::move(hint)](const Request& req) -> Result<std::optional<std::string>> {
    auto body = json_body(req);
    if (!body) return body.error();
    const json::value* doc =
        body->is_object() ? body->get_object().if_contains("document") : nullptr;
    const json::object* o = doc ? doc->if_object() : nullptr;
    auto unit = o ? json_util::string_field(*o, "unit") : std::nullopt;
    if (!unit) return field_error(Errc::kValidation, message, "/document/unit", hint);
    return std::optional<std::string>(*unit);
  };
}

std::optional<std::uint64_t> parse_uint(std::string_view text) {
  std::uint64_t v = 0;
  if (text.empty() || text.size() > 18) return std::nullopt;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

std::string etag(std::uint64_t version) { return "\"" + std::to_string(version) + "\""; }

namespace {

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
  json::value document;
  std::vector<domain::Finding> notes;  // system fields dropped from the document
};

/// A save or create body: valid against the kind's schema, system fields dropped (as notes), in
/// an open unit of the org tree.
Result<DraftBody> draft_body(const Context& ctx, const KindApi& kind, const Request& req) {
  auto body = validated_body(ctx, req, "save-draft.request");
  if (!body) return body.error();
  const auto& o = body->get_object();
  const json::value& doc = o.at("document");
  if (auto s = ctx.schemas.validate(kind.schema, doc, "/document"); !s) return s.error();
  auto message = json_util::string_field(o, "message");
  json::value document = doc;
  std::vector<domain::Finding> notes;
  if (kind.drop_system_fields) notes = kind.drop_system_fields(document.as_object());
  auto units = library::strings_at(document, kind.kind->unit);
  const std::string unit(units.empty() ? std::string_view() : units.front());
  const domain::Unit* u = ctx.org.tree()->unit(unit);
  if (!u || u->closed)
    return field_error(
        Errc::kValidation, "Unit dokumen tidak valid", "/document" + std::string(kind.kind->unit),
        u ? "Unit ini sudah ditutup" : "Unit tidak ditemukan di struktur organisasi");
  return DraftBody{json_util::pretty(document), std::string(message.value_or("")), unit,
                   std::move(document), std::move(notes)};
}

std::vector<domain::Finding> findings(const Context& ctx, const KindApi& kind,
                                      const json::value& doc, std::string_view id) {
  return kind.findings ? kind.findings(ctx, doc, id) : std::vector<domain::Finding>{};
}

Response written(const KindApi& kind, const library::VersionRow& row, std::string_view id,
                 int status, const std::vector<domain::Finding>& problems,
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
  if (status == 201) r.headers.emplace_back("Location", kind.collection() + "/" + std::string(id));
  return r;
}

}  // namespace

Result<std::optional<std::string>> at_param(const Request& req) {
  auto at = req.query_param("at");
  if (!at) return std::optional<std::string>();
  if (!parse_date(*at))
    return field_error(Errc::kInvalidArgument, "Parameter at tidak valid", "/query/at",
                       "Harus berupa tanggal YYYY-MM-DD");
  return std::optional<std::string>(*at);
}

namespace {

Result<library::ReadSelector> read_selector(const Request& req) {
  if (req.query_param("version") && req.query_param("at"))
    return field_error(Errc::kInvalidArgument, "Parameter saling bertentangan", "/query/at",
                       "Gunakan salah satu: version atau at");
  if (req.query_param("version") == "latest")
    return library::ReadSelector{library::ReadSelector::Kind::kLatest};
  if (req.query_param("version")) {
    auto sel = version_param(req, "version");
    if (!sel)
      return field_error(Errc::kInvalidArgument, "Parameter version tidak valid", "/query/version",
                         "Isi dengan \"latest\", \"draft\" atau nomor versi (1, 2, ...)");
    return sel;
  }
  auto at = at_param(req);
  if (!at) return at.error();
  library::ReadSelector sel;
  if (*at) {
    sel.kind = library::ReadSelector::Kind::kAt;
    sel.date = std::move(**at);
  }
  return sel;
}

}  // namespace

Result<library::DocSummary> summary_of_kind(const Context& ctx, const KindApi& kind,
                                            std::string_view id) {
  auto summary = ctx.library.summary(id);
  if (!summary) return summary.error();
  // Another kind's document is not in this collection.
  if (summary->kind != kind.kind->kind)
    return make_error(Errc::kNotFound, std::string(kind.kind->label) + " tidak ditemukan");
  return summary;
}

Result<library::Document> read_document(Context& ctx, const KindApi& kind, const Request& req) {
  auto sel = read_selector(req);
  if (!sel) return sel.error();
  auto summary = summary_of_kind(ctx, kind, req.param("id"));
  if (!summary) return summary.error();
  using Kind = library::ReadSelector::Kind;
  const bool reads_drafts = may(ctx, req, Permission::kDocReadDraft, summary->unit);
  // The newest this reader may see: without draft rights, what is in force (never a refusal).
  if (sel->kind == Kind::kLatest && !reads_drafts) sel->kind = Kind::kInForce;
  if ((sel->kind == Kind::kDraft || sel->kind == Kind::kVersion) && !reads_drafts)
    return denied(ctx, req);
  return ctx.library.read(summary->id, *sel);
}

bool reads_git(const Request& req) {
  // Any version but the one in force may be refused (drafts need draft rights), and a refusal
  // writes its audit event: only the plain read of what is in force, and of the newest the
  // reader may see (never refused, from the index as the plain read), stay inline.
  auto version = req.query_param("version");
  return req.query_param("at") || (version && *version != "latest");
}

/// Who signed the ratification that put `doc`'s version in force, read from the signature record
/// of the ratifying commit, never from the document's own fields; nullopt for a draft or a
/// version no ratification signed.
Result<std::optional<library::VersionRow>> ratifying_row(const library::DocumentLibrary& lib,
                                                         std::string_view id, std::uint64_t v) {
  // The version is the ratification itself, or a withdrawal or supersession after it (steps on
  // main that keep the content): walk back over those, one index read each.
  for (; v > 0; --v) {
    auto row = lib.version_row(id, v);
    if (!row) return row.error();
    if (!*row || !(*row)->on_main) break;
    const domain::Action* action = domain::action((*row)->action);
    if (action && action->effect == domain::Effect::kMerge) return row;
    if (!action || action->effect != domain::Effect::kMainStep) break;
  }
  return std::optional<library::VersionRow>();
}

std::optional<Ratification> ratification_of(const library::DocumentLibrary& lib,
                                            const library::Document& doc) {
  if (doc.is_draft) return std::nullopt;
  auto found = ratifying_row(lib, doc.summary.id, doc.version);
  // A merge without review carries no signature: none shown (nor on an unreadable index).
  std::optional<library::VersionRow> ratified = found ? std::move(*found) : std::nullopt;
  if (!ratified || ratified->signature.empty()) return std::nullopt;
  auto signer = domain::read_signature(ratified->signature);
  if (!signer) return std::nullopt;
  const std::string key = domain::verification_key(
      ratified->commit, library::doc_path(doc.summary.kind, doc.summary.id));
  return Ratification{std::move(*signer), ratified->commit, ratified->version,
                      domain::format_verification_code(key)};
}

namespace {
json::value to_json(const Context& ctx, const std::optional<Ratification>& r) {
  if (!r) return nullptr;
  return json::object{
      {"name", r->signer.name},
      {"nip", r->signer.nip},
      {"position", r->signer.position},
      {"time", r->signer.time},
      {"verification", json::object{{"code", r->code}, {"url", verification_url(ctx, r->code)}}}};
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

std::string today(const Context& ctx) { return ctx.library.today(); }

std::string shown_status(const Context& ctx, const library::DocSummary& summary) {
  if (summary.status != "berlaku" || summary.effective_date <= today(ctx)) return summary.status;
  // Ratified, in force from a later day: the timeline says whether an earlier version still is.
  auto state = ctx.library.at(summary.id, today(ctx));
  return state ? state->status : summary.status;
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

namespace {
/// `c` as the screens show it: its anchor as a JSON pointer into `shown` (the document version
/// the comments are read beside), with the stored stable form and whether what it named is gone.
json::value comment_json(const library::Comment& c, const json::value& shown) {
  json::value v = c.to_json();
  json::object& o = v.as_object();
  o["time"] = format_utc(c.time);
  o["resolved_at"] = c.resolved_at ? json::value(format_utc(c.resolved_at)) : nullptr;
  auto anchor = domain::resolve_anchor(shown, c.anchor);
  o["anchor"] = anchor.pointer;
  o["anchor_stable"] = c.anchor;
  o["anchor_missing"] = anchor.missing;
  return v;
}

/// What comments are read beside: the open draft, else the version in force today; null when
/// there is neither (nothing then resolves).
Result<json::value> commented_content(library::DocumentLibrary& lib,
                                      const library::DocSummary& summary) {
  using Kind = library::ReadSelector::Kind;
  if (!summary.draft && !summary.in_force) return json::value();
  auto doc = lib.read(summary.id, {summary.draft ? Kind::kDraft : Kind::kInForce});
  if (!doc && doc.error().code == Errc::kNotFound) return json::value();  // in force only later
  if (!doc) return doc.error();
  return json_util::parse(doc->content);
}

/// The draft of `id` a new comment is made on; null when it has none (the library refuses then).
Result<json::value> open_draft(library::DocumentLibrary& lib, std::string_view id) {
  auto summary = lib.summary(id);
  if (!summary) return summary.error();
  if (!summary->draft) return json::value();
  return commented_content(lib, *summary);
}

json::value record_json(const library::RecordRow& r) {
  json::value v = r.to_json();
  v.as_object()["time"] = format_utc(r.time);
  return v;
}

/// The record's date: today when absent; never in the future, never before the SOP came into
/// force.
Result<std::string> record_date(const Context& ctx, const json::object& body,
                                const library::DocSummary& summary) {
  const std::string now = today(ctx);
  std::string date(json_util::string_field(body, "date").value_or(now));
  if (!parse_date(date))
    return field_error(Errc::kValidation, "Tanggal tidak valid", "/date",
                       "Harus berupa tanggal YYYY-MM-DD");
  if (date > now)
    return field_error(Errc::kValidation, "Tanggal tidak boleh di masa depan", "/date",
                       "Isi tanggal hari ini (" + now + ") atau sebelumnya");
  if (date < summary.effective_date)
    return field_error(Errc::kValidation, "Tanggal sebelum SOP berlaku", "/date",
                       "SOP berlaku sejak " + summary.effective_date);
  return date;
}

/// The newest version of `id` on which the person with `nip` took a review step: a verification
/// or a request for changes (its own version), or a comment (the draft version it was made on).
/// kNotFound when there is none.
Result<std::uint64_t> last_reviewed(const library::DocumentLibrary& lib, std::string_view id,
                                    std::string_view nip) {
  std::uint64_t newest = 0;
  if (!nip.empty()) {
    auto history = lib.history(id);
    if (!history) return history.error();
    const std::string email_prefix = std::string(nip) + "@";
    for (const auto& row : *history)
      if ((row.action == "verify" || row.action == "request-changes") &&
          row.actor_email.starts_with(email_prefix))
        newest = std::max(newest, row.version);
    auto comments = lib.comments(id);
    if (!comments) return comments.error();
    for (const auto& c : *comments)
      if (c.nip == nip) newest = std::max(newest, c.draft_version);
  }
  if (!newest)
    return field_error(Errc::kNotFound, "Anda belum pernah memeriksa dokumen ini", "/query/from",
                       "Pilih versi pembanding lain, misalnya versi yang berlaku");
  return newest;
}

/// A monitoring or evaluation request: its body (valid against `schema`), the document, and the
/// record's date.
struct RecordRequest {
  json::value body;
  library::DocSummary summary;
  std::string date;
};
Result<RecordRequest> record_request(const Context& ctx, const KindApi& kind, const Request& req,
                                     std::string_view schema) {
  auto body = validated_body(ctx, req, schema);
  if (!body) return body.error();
  auto summary = summary_of_kind(ctx, kind, req.param("id"));
  if (!summary) return summary.error();
  auto date = record_date(ctx, body->get_object(), *summary);
  if (!date) return date.error();
  return RecordRequest{std::move(*body), std::move(*summary), std::move(*date)};
}

/// The `position` query parameter of a list: a position id, or `me` for the reader's own.
struct ActingParam {
  std::optional<std::string> position;  // the position asked about (none: no such filter)
  bool none = false;                    // `me`, and the reader holds no position
  json::value shown;                    // {"id","name","unit","unit_name"} for the answer
};
Result<ActingParam> acting_param(const Context& ctx, const KindApi& kind, const Request& req) {
  ActingParam out;
  auto asked = req.query_param("position");
  if (!asked) return out;
  if (kind.kind->actors.actors.empty())
    return field_error(Errc::kInvalidArgument, "Parameter position tidak valid", "/query/position",
                       std::string(kind.kind->label) + " tidak menyebut pelaksana");
  std::string id(*asked);
  if (id == "me") {
    // As /api/v1/me finds it: the position the reader's staff record holds.
    auto staff = ctx.org.staff(req.principal->nip);
    if (!staff) return staff.error();
    id = *staff ? (*staff)->position : "";
    if (id.empty()) {
      out.none = true;
      return out;
    }
  }
  auto tree = ctx.org.tree();
  const domain::Unit* unit = tree->unit_of_position(id);
  const domain::Position* p = unit ? unit->position(id) : nullptr;
  if (!p)
    return field_error(Errc::kInvalidArgument, "Parameter position tidak valid", "/query/position",
                       "Jabatan tidak ditemukan; isi dengan id jabatan atau \"me\"");
  out.shown =
      json::object{{"id", id}, {"name", p->name}, {"unit", unit->id}, {"unit_name", unit->name}};
  out.position = std::move(id);
  return out;
}

/// A summary as it stood on `date` (DocumentLibrary::summary_at): its status then, no dues.
json::value summary_at_json(const library::DocSummary& summary, const std::string& date) {
  json::value v = summary.to_json();
  v.as_object()["as_of"] = date;
  return v;
}
}  // namespace

std::string KindApi::collection() const { return "/api/v1/" + std::string(kind->folder); }

library::KindRules kind_rules(const Context& ctx, const KindApi& kind, const std::string& id) {
  library::KindRules rules;
  if (kind.findings)
    rules.submission_problems = [&ctx, &kind, id](const std::string& content) {
      auto doc = json_util::parse(content);
      if (!doc) return std::vector<domain::Finding>{{"doc.unreadable", "", "Konsep tidak terbaca"}};
      return kind.findings(ctx, *doc, id);
    };
  rules.stamp_ratification = kind.stamp_ratification;
  rules.revision_of = kind.revision_of;
  return rules;
}

std::vector<Route> document_routes(Context& ctx, const KindApi& kind) {
  auto& lib = ctx.library;
  const std::string base = kind.collection();

  auto list = [&ctx, &lib, &kind](Request& req) -> Reply {
    if (auto s = only_query_params(
            req, {"unit", "status", "classification", "q", "limit", "at", "position"});
        !s)
      return s.error();
    auto classification = req.query_param("classification");
    if (classification && std::find(kind.tag_values.begin(), kind.tag_values.end(),
                                    *classification) == kind.tag_values.end()) {
      std::string values;
      for (auto v : kind.tag_values) values += (values.empty() ? "" : ", ") + std::string(v);
      return field_error(Errc::kInvalidArgument, "Parameter classification tidak valid",
                         "/query/classification",
                         values.empty() ? "Dokumen jenis ini tidak berklasifikasi"
                                        : "Pilih salah satu: " + values);
    }
    library::ListFilter filter;
    filter.kind = kind.kind->kind;
    auto tree = ctx.org.tree();
    auto unit = req.query_param("unit");
    if (unit && !tree->unit(*unit))
      return field_error(Errc::kInvalidArgument, "Parameter unit tidak valid", "/query/unit",
                         "Unit tidak ditemukan");
    auto status = req.query_param("status");
    if (status && !domain::state(*status)) {
      std::string codes;
      for (const auto& st : domain::states())
        codes += (codes.empty() ? "" : ", ") + std::string(st.code);
      return field_error(Errc::kInvalidArgument, "Parameter status tidak valid", "/query/status",
                         "Pilih salah satu: " + codes);
    }
    auto at = at_param(req);
    if (!at) return at.error();
    // "My SOPs": those in which a position acts (`me`: the reader's own, from their staff record).
    auto acting = acting_param(ctx, kind, req);
    if (!acting) return acting.error();
    const std::optional<std::string>& position = acting->position;
    if (acting->none)  // the reader holds no position: none of the documents is theirs
      return Response::json(
          json::object{{"items", json::array()}, {"count", 0}, {"position", nullptr}});
    // Those who may not read the drafts of a document's unit see it as it is in force (identity,
    // status, words) and not at all while nothing is: an open revision stays out of their list,
    // their search and their counts. Their status can differ from the one indexed (a revision
    // open on a SOP in force is "konsep" there), so the index narrows only by the statuses of a
    // draft, which such readers never see.
    const domain::State* wanted = status ? domain::state(*status) : nullptr;
    if (!*at && wanted && wanted->drafting) filter.status = std::string(*status);
    auto limit = limit_param(req, 100, 1000);
    if (!limit) return limit.error();
    const std::string q(req.query_param("q").value_or(""));
    auto sees_drafts = [&](const library::DocSummary& d) {
      return may(ctx, req, Permission::kDocReadDraft, d.unit);
    };
    // On a past (or future) day everyone sees what was in force then: no drafts.
    std::optional<Error> failed_at;
    std::map<std::string, std::optional<library::DocSummary>> then_by_id;
    auto shown = [&](const library::DocSummary& d) -> std::optional<library::DocSummary> {
      if (*at) {
        if (auto it = then_by_id.find(d.id); it != then_by_id.end()) return it->second;
        auto then = lib.summary_at(d, **at);
        if (!then) failed_at = then.error();
        return then_by_id[d.id] = then ? std::move(*then) : std::nullopt;
      }
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
             (!unit || tree->within(v.unit, *unit)) && (!position || v.acts(*position));
    };
    // With a position: the steps it acts in, in the view this reader has.
    auto with_steps = [&](json::value item, const library::DocSummary& v) {
      if (!position) return item;
      std::vector<std::uint32_t> steps;
      v.acts(*position, &steps);
      item.as_object()["position_steps"] = json::array(steps.begin(), steps.end());
      return item;
    };
    // On another day, words are matched in the identity of the version in force then (its
    // number and title, kept in its history row); the search index holds today's words only.
    const std::vector<std::string> query_words = library::search::words(q);
    auto names_words = [&](const library::DocSummary& v) {
      const auto have = library::search::words(v.number + " " + v.title);
      return std::all_of(query_words.begin(), query_words.end(), [&](const std::string& w) {
        return std::any_of(have.begin(), have.end(),
                           [&](const std::string& h) { return h.starts_with(w); });
      });
    };
    filter.matches = [&](const library::DocSummary& d) {
      auto v = shown(d);
      return v && qualifies(*v) && (!*at || names_words(*v));
    };
    json::array items;
    if (!q.empty() && !*at) {
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
        if (d->kind != kind.kind->kind) continue;
        auto v = shown(*d);
        if (!v || !qualifies(*v)) continue;
        json::value item = with_steps(summary_json(ctx, *v), *v);
        item.as_object()["score"] = hit.score;
        items.push_back(std::move(item));
        if (items.size() == *limit) break;
      }
    } else {
      filter.limit = *limit;
      auto docs = lib.list(filter);
      if (!docs) return docs.error();
      if (failed_at) return *failed_at;
      for (const auto& d : *docs) {
        auto v = shown(d);
        items.push_back(with_steps(*at ? summary_at_json(*v, **at) : summary_json(ctx, *v), *v));
      }
    }
    std::size_t n = items.size();
    json::object answer{{"items", std::move(items)}, {"count", n}};
    if (position) answer["position"] = acting->shown;
    return Response::json(answer);
  };

  auto create = [&ctx, &lib, &kind](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    auto body = draft_body(ctx, kind, req);
    if (!body) return body.error();
    std::string id;
    auto row = lib.create(
        kind.kind->kind, std::move(body->content), req.actor,
        body->message.empty() ? "Membuat konsep " + std::string(kind.kind->label) : body->message,
        &id);
    if (!row) return row.error();
    return written(kind, *row, id, 201, findings(ctx, kind, body->document, id), body->notes);
  };

  auto get = [&ctx, &lib, &kind](Request& req) -> Reply {
    if (auto s = only_query_params(req, {"version", "at"}); !s) return s.error();
    auto doc = read_document(ctx, kind, req);
    if (!doc) return doc.error();
    // What this reader may do next (the screens show these as buttons); nothing on the view
    // of another day.
    const bool another_day = req.query_param("at").has_value();
    json::array actions;
    if (!another_day)
      for (auto a : domain::actions_of(*req.principal, doc->summary.status, doc->summary.unit,
                                       *ctx.org.tree()))
        if (lib.may_take_back(doc->summary, a, req.actor))  // a recall: its submitter's only
          actions.push_back(json::value(a));
    const bool reads_drafts = may(ctx, req, Permission::kDocReadDraft, doc->summary.unit);
    json::value summary;
    if (another_day) {
      auto then = lib.summary_at(doc->summary, doc->as_of);
      if (!then) return then.error();
      summary = summary_at_json(**then, doc->as_of);
    } else {
      // A reader without draft rights sees the version in force, never the open revision's
      // title or state.
      summary = summary_json(ctx, reads_drafts ? doc->summary : doc->summary.as_in_force());
    }
    // The stored file is valid JSON already: splice it in rather than parse it again.
    json::object head{
        {"id", doc->summary.id},
        {"kind", library::kind_name(doc->summary.kind)},
        {"actions", std::move(actions)},
        {"may",
         {{"read_drafts", reads_drafts},
          {"comment", may(ctx, req, Permission::kDocComment, doc->summary.unit)},
          {"monitor",
           kind.kind->records && may(ctx, req, Permission::kDocMonitor, doc->summary.unit)},
          {"evaluate",
           kind.kind->records && may(ctx, req, Permission::kDocEvaluate, doc->summary.unit)}}},
        {"version", doc->version},
        {"commit", doc->commit},
        {"is_draft", doc->is_draft},
        {"status", doc->status},
        {"as_of", doc->as_of},
        {"pending", doc->pending_version
                        ? json::value(json::object{{"version", doc->pending_version},
                                                   {"effective", doc->pending_effective}})
                        : json::value(nullptr)},
        {"ratification", to_json(ctx, ratification_of(lib, *doc))},
        {"summary", std::move(summary)}};
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

  auto save = [&ctx, &lib, &kind](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    auto expected = expected_version(req);
    if (!expected) return expected.error();
    auto body = draft_body(ctx, kind, req);
    if (!body) return body.error();
    auto current = summary_of_kind(ctx, kind, req.param("id"));
    if (!current) return current.error();
    // A draft under review is frozen until the reviewer sends it back.
    if (current->draft && current->status != "konsep")
      return field_error(Errc::kConflict,
                         "Konsep sedang dalam pemeriksaan (" + current->status + ")", "/params/id",
                         "Tunggu hasil pemeriksaan atau minta dikembalikan");
    // Moving a document to another unit needs the right over that unit as well.
    if (body->unit != current->unit && !may(ctx, req, Permission::kDocWrite, body->unit))
      return denied(ctx, req);
    library::SaveRequest save{
        kind.kind->kind, current->id,
        *expected,       std::move(body->content),
        req.actor,       body->message.empty() ? "Menyimpan konsep" : body->message};
    auto row = lib.save_draft(save);
    if (!row) return row.error();
    return written(kind, *row, save.id, 200, findings(ctx, kind, body->document, save.id),
                   body->notes);
  };

  // The workflow (library act, domain/workflow.cpp): parse, check the role, sign when the
  // action signs, act. The state, separation of duties and the kind's rules are act's.
  auto action = [&ctx, &lib, &kind](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    const std::string name(req.param("action"));
    auto summary = summary_of_kind(ctx, kind, req.param("id"));
    if (!summary) return summary.error();
    if (auto s = library::DocumentLibrary::allows(*summary, name); !s) return s.error();
    const domain::Action& known = *domain::action(name);
    auto mine = domain::actions_of(*req.principal, summary->status, summary->unit, *ctx.org.tree());
    if (std::find(mine.begin(), mine.end(), name) == mine.end()) return denied(ctx, req);
    auto expected = expected_version(req);
    if (!expected) return expected.error();
    auto body = validated_body(ctx, req, "action.request");
    if (!body) return body.error();
    const auto& o = body->get_object();
    library::ActRequest act;
    act.id = summary->id;
    act.action = name;
    act.expected_version = *expected;
    act.actor = req.actor;
    act.reason = std::string(*json_util::string_field(o, "reason"));
    act.effective_date = std::string(json_util::string_field(o, "effective_date").value_or(""));
    if (known.signs) {
      if (known.password) {
        auto signature = sign(ctx, req, o, known.meaning);
        if (!signature) return signature.error();
        act.signature = std::move(*signature);
      } else {
        act.signature = signature_of(ctx, req, known.meaning);
      }
    }
    auto row = lib.act(act, kind_rules(ctx, kind, act.id));
    if (!row) return row.error();
    return written(kind, *row, act.id, 200, {});
  };

  // Every row names its action (with the table's label), person (NIP, account and username),
  // position and time, and the edition it belongs to: "revisi ke-N" of the document in force
  // (0 = the first edition). `mine` marks the rows of the signed-in account, so the screens find
  // "the last version I verified or sent back" (a review row's version carries the content
  // reviewed, unchanged) without matching names.
  auto history = [&ctx, &lib, &kind](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    auto summary = summary_of_kind(ctx, kind, req.param("id"));
    if (!summary) return summary.error();
    auto rows = lib.history(summary->id);
    if (!rows) return rows.error();
    const auto editions = library::editions(*rows);
    std::map<std::string, std::string> usernames;  // account id → username ("" when gone)
    auto username = [&](const std::string& account) -> const std::string& {
      auto it = usernames.find(account);
      if (it != usernames.end()) return it->second;
      auto found = ctx.accounts.get(account);
      return usernames[account] = found && *found ? (*found)->username : "";
    };
    const domain::Principal& me = *req.principal;
    json::array items;
    for (std::size_t i = 0; i < rows->size(); ++i) {
      const auto& r = (*rows)[i];
      json::value v = r.to_json();
      json::object& o = v.as_object();
      o["time"] = format_utc(r.time);
      const domain::Action* a = domain::action(r.action);
      o["label"] = a ? a->label : r.action;
      o["edition"] = editions[i];
      const std::string nip = r.actor_email.substr(0, r.actor_email.find('@'));
      o["nip"] = nip == "sistem" ? "" : nip;
      o["username"] = r.account.empty() ? std::string() : username(r.account);
      // Commits that name no account (the command line, older data) are the person's by NIP.
      o["mine"] =
          !r.account.empty() ? r.account == me.account_id : !me.nip.empty() && nip == me.nip;
      items.push_back(std::move(v));
    }
    return Response::json(json::object{{"id", req.param("id")}, {"versions", std::move(items)}});
  };

  // The documents this one names (in the version shown to this reader) and those that name it
  // (as each reader may see them): a scan of every summary, so off the I/O threads.
  auto links = [&ctx, &lib, &kind](Request& req) -> Reply {
    if (auto s = only_query_params(req, {"version", "at"}); !s) return s.error();
    auto doc = read_document(ctx, kind, req);
    if (!doc) return doc.error();
    auto shown = [&](const library::DocSummary& d) -> std::optional<library::DocSummary> {
      if (may(ctx, req, Permission::kDocReadDraft, d.unit)) return d;
      if (!d.in_force) return std::nullopt;
      return d.as_in_force();
    };
    auto item = [](const library::DocSummary& d) {
      return json::object{{"id", d.id},         {"kind", library::kind_name(d.kind)},
                          {"number", d.number}, {"title", d.title},
                          {"status", d.status}, {"unit", d.unit}};
    };
    json::array out, in;
    for (const auto& target : library::identity_of(*kind.kind, doc->content).links) {
      auto d = lib.summary(target);
      if (!d) continue;  // a link to a document that does not exist (yet) names nothing
      if (auto v = shown(*d)) out.push_back(item(*v));
    }
    auto from = lib.linked_from(doc->summary.id);
    if (!from) return from.error();
    for (const auto& d : *from)
      if (auto v = shown(d)) in.push_back(item(*v));
    return Response::json(json::object{
        {"id", doc->summary.id}, {"links", std::move(out)}, {"linked_from", std::move(in)}});
  };

  auto body_unit = [&ctx, &kind](const Request& req) -> Result<std::optional<std::string>> {
    auto body = draft_body(ctx, kind, req);
    if (!body) return body.error();
    return std::optional<std::string>(body->unit);
  };
  // The unit of the document the path names, and 404 for another kind's.
  auto path_unit = [&ctx, &kind](const Request& req) -> Result<std::optional<std::string>> {
    auto summary = summary_of_kind(ctx, kind, req.param("id"));
    if (!summary) return summary.error();
    return std::optional<std::string>(summary->unit);
  };

  auto list_comments = [&lib](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    auto comments = lib.comments(req.param("id"));
    if (!comments) return comments.error();
    auto summary = lib.summary(req.param("id"));
    if (!summary) return summary.error();
    auto shown = commented_content(lib, *summary);
    if (!shown) return shown.error();
    // Threads of the open draft are "current"; older ones stay readable as the review's record.
    json::array items;
    for (const auto& c : *comments) {
      json::value v = comment_json(c, *shown);
      v.as_object()["current"] = summary->in_open_draft(c.draft_version);
      items.push_back(std::move(v));
    }
    return Response::json(json::object{{"items", std::move(items)}});
  };

  auto add_comment = [&ctx, &lib](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    auto body = validated_body(ctx, req, "comment.request");
    if (!body) return body.error();
    const auto& o = body->get_object();
    library::CommentRequest c;
    c.id = std::string(req.param("id"));
    c.action = library::kActionComment;
    c.thread = std::string(json_util::string_field(o, "reply_to").value_or(""));
    c.anchor = std::string(json_util::string_field(o, "anchor").value_or(""));
    c.text = std::string(*json_util::string_field(o, "text"));
    c.actor = req.actor;
    if (!c.thread.empty() && !c.anchor.empty())
      return field_error(Errc::kValidation, "Balasan mengikuti bagian komentar asalnya", "/anchor",
                         "Kosongkan anchor saat membalas");
    // The reviewer points by position in the draft they read; the library stores the anchor in
    // the form that follows the step.
    auto comment = lib.comment(c);
    if (!comment) return comment.error();
    auto draft = open_draft(lib, c.id);
    if (!draft) return draft.error();
    return Response::json(comment_json(*comment, *draft), 201);
  };

  // Only the comment's author closes it: the verifier's rule (no verification while own comments
  // are open) would mean nothing if the writer could close them.
  auto update_comment = [&ctx, &lib](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    auto body = validated_body(ctx, req, "comment-update.request");
    if (!body) return body.error();
    const bool resolved = body->get_object().at("resolved").get_bool();
    auto comments = lib.comments(req.param("id"));
    if (!comments) return comments.error();
    auto it = std::find_if(comments->begin(), comments->end(),
                           [&](const auto& c) { return c.id == req.param("comment"); });
    if (it == comments->end() || it->thread != it->id)
      return make_error(Errc::kNotFound, "Komentar tidak ditemukan");
    if (it->nip != req.principal->nip)
      return field_error(Errc::kPermissionDenied, "Hanya penulis komentar yang dapat menutupnya",
                         "/resolved", "Balas komentar ini bila sudah Anda tindak lanjuti");
    auto comment = lib.comment({std::string(req.param("id")),
                                resolved ? library::kActionResolve : library::kActionReopen,
                                it->id,
                                {},
                                {},
                                req.actor});
    if (!comment) return comment.error();
    auto draft = open_draft(lib, req.param("id"));
    if (!draft) return draft.error();
    return Response::json(comment_json(*comment, *draft));
  };

  auto list_records = [&lib](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    auto records = lib.records(req.param("id"));
    if (!records) return records.error();
    json::array monitoring, evaluations, criteria;
    for (const auto& r : *records)
      (r.kind == "monitoring" ? monitoring : evaluations).push_back(record_json(r));
    for (auto c : domain::kEvaluationCriteria) criteria.push_back(json::value(c));
    return Response::json(json::object{{"monitoring", std::move(monitoring)},
                                       {"evaluations", std::move(evaluations)},
                                       {"criteria", std::move(criteria)}});
  };

  auto add_monitoring = [&ctx, &lib, &kind](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    auto in = record_request(ctx, kind, req, "monitoring.request");
    if (!in) return in.error();
    const auto& o = in->body.get_object();
    const library::DocSummary* summary = &in->summary;
    const std::string* date = &in->date;
    const bool good = *json_util::string_field(o, "judgement") == "baik";
    json::object record =
        domain::monitoring_record(*date, good, std::string(*json_util::string_field(o, "notes")),
                                  std::string(json_util::string_field(o, "action").value_or("")),
                                  {req.principal->name, req.principal->nip});
    std::string message = domain::record_message(record);
    auto row = lib.add_record(
        {summary->id, library::kActionMonitor, std::move(record), req.actor, message, {}});
    if (!row) return row.error();
    return Response::json(record_json(*row), 201);
  };

  // `tetap` is signed like a ratification and changes no content; `revisi` writes the record,
  // then opens a revision draft from the version in force.
  auto add_evaluation = [&ctx, &lib, &kind](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    auto in = record_request(ctx, kind, req, "evaluation.request");
    if (!in) return in.error();
    const auto& o = in->body.get_object();
    const library::DocSummary* summary = &in->summary;
    const std::string* date = &in->date;
    const bool keep = *json_util::string_field(o, "outcome") == "tetap";
    if (!keep && summary->draft)
      return field_error(Errc::kConflict, "SOP ini sudah memiliki konsep revisi yang terbuka",
                         "/outcome", "Selesaikan atau batalkan konsep itu terlebih dahulu");
    std::vector<domain::CriterionAnswer> answers;
    for (const auto& a : o.at("criteria").get_array())
      answers.push_back(
          {*json_util::string_field(a.get_object(), "answer") == "ya",
           std::string(json_util::string_field(a.get_object(), "notes").value_or(""))});
    vcs::Trailers trailers;
    std::optional<Signature> signature;
    if (keep) {
      auto signed_by = sign(ctx, req, o, domain::kMeaningKept);
      if (!signed_by) return signed_by.error();
      signature = std::move(*signed_by);
      trailers.push_back(signature->trailer());
    }
    json::object record = domain::evaluation_record(
        *date, answers, keep, std::string(*json_util::string_field(o, "notes")),
        {req.principal->name, req.principal->nip}, signature ? &*signature : nullptr);
    std::string message = domain::record_message(record);
    auto row = lib.add_record({summary->id, library::kActionEvaluate, std::move(record), req.actor,
                               message, std::move(trailers)});
    if (!row) return row.error();
    json::value answer = record_json(*row);
    if (!keep) {
      // A crash here leaves the record without its draft; the revision can be opened by hand.
      auto in_force = lib.read(summary->id, {});
      if (!in_force) return in_force.error();
      library::ActRequest revise;
      revise.id = summary->id;
      revise.action = "revise";
      revise.expected_version = in_force->version;
      revise.actor = req.actor;
      revise.reason = "Revisi hasil evaluasi " + *date;
      auto draft = lib.act(revise, kind_rules(ctx, kind, summary->id));
      if (!draft) return draft.error();
      answer.as_object()["draft_version"] = draft->version;
    }
    return Response::json(answer, 201);
  };

  // What changed between two versions, step by step; by default from the version in force to the
  // open draft. `from=reviewed` is the newest version the signed-in person reviewed.
  auto diff = [&ctx, &lib, &kind](Request& req) -> Reply {
    if (auto s = only_query_params(req, {"from", "to"}); !s) return s.error();
    auto summary = summary_of_kind(ctx, kind, req.param("id"));
    if (!summary) return summary.error();
    auto pick =
        [&](std::string_view name,
            std::optional<library::ReadSelector> fallback) -> Result<library::ReadSelector> {
      if (name == "from" && req.query_param(name) == "reviewed") {
        auto version = last_reviewed(lib, summary->id, req.principal->nip);
        if (!version) return version.error();
        return library::ReadSelector{library::ReadSelector::Kind::kVersion, *version};
      }
      if (req.query_param(name)) return version_param(req, name);
      if (fallback) return *fallback;
      return field_error(Errc::kInvalidArgument, "Versi pembanding belum disebutkan",
                         "/query/" + std::string(name), "Isi dengan \"draft\" atau nomor versi");
    };
    std::optional<library::ReadSelector> from_default, to_default;
    if (summary->in_force) from_default = library::ReadSelector{};
    if (summary->draft) to_default = library::ReadSelector{library::ReadSelector::Kind::kDraft};
    auto from_sel = pick("from", from_default);
    if (!from_sel) return from_sel.error();
    auto to_sel = pick("to", to_default);
    if (!to_sel) return to_sel.error();
    auto from = lib.read(summary->id, *from_sel);
    if (!from) return from.error();
    auto to = lib.read(summary->id, *to_sel);
    if (!to) return to.error();
    auto a = json_util::parse(from->content);
    auto b = json_util::parse(to->content);
    if (!a || !b) return make_error(Errc::kInternal, "Isi dokumen tidak dapat dibaca");
    json::value changes = kind.diff(ctx, *a, *b);
    json::object answer{{"from", from->version}, {"to", to->version}};
    for (auto& m : changes.as_object()) answer.emplace(m.key(), std::move(m.value()));
    return Response::json(answer);
  };

  auto diff_blocks = [](const Request& req) {
    // Numbered versions are read from git.
    auto from = req.query_param("from"), to = req.query_param("to");
    return (from && *from != "draft") || (to && *to != "draft");
  };

  std::vector<Route> routes = {
      {"GET", base, list, index_only, Permission::kDocReadInForce, {}},
      {"POST", base, create, always_blocks, Permission::kDocWrite, body_unit},
      {"GET", base + "/{id}", get, reads_git, Permission::kDocReadInForce, {}},
      {"PUT", base + "/{id}/draft", save, always_blocks, Permission::kDocWrite, path_unit},
      {"GET", base + "/{id}/history", history, {}, Permission::kDocReadDraft, path_unit},
      {"GET", base + "/{id}/links", links, {}, Permission::kDocReadInForce, {}},
      {"POST", base + "/{id}/actions/{action}", action, always_blocks, Permission::kDocAct,
       path_unit},
      {"GET", base + "/{id}/comments", list_comments, {}, Permission::kDocReadDraft, path_unit},
      {"POST", base + "/{id}/comments", add_comment, always_blocks, Permission::kDocComment,
       path_unit},
      {"PUT", base + "/{id}/comments/{comment}", update_comment, always_blocks,
       Permission::kDocComment, path_unit},
  };
  if (kind.diff)
    routes.push_back(
        {"GET", base + "/{id}/diff", diff, diff_blocks, Permission::kDocReadDraft, path_unit});
  if (kind.kind->records) {
    routes.push_back(
        {"GET", base + "/{id}/records", list_records, {}, Permission::kDocReadDraft, path_unit});
    routes.push_back({"POST", base + "/{id}/monitoring", add_monitoring, always_blocks,
                      Permission::kDocMonitor, path_unit});
    routes.push_back({"POST", base + "/{id}/evaluations", add_evaluation, always_blocks,
                      Permission::kDocEvaluate, path_unit});
  }
  if (kind.extra_routes)
    for (auto& r : kind.extra_routes(ctx, kind)) routes.push_back(std::move(r));
  return routes;
}

}  // namespace sopan::api
