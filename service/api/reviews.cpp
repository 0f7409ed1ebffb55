// Review comments on drafts, monitoring and evaluation records of SOPs in force, and the diff
// between two versions (what the verifier reads: what changed since the version in force, or
// since the version they last reviewed).
#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "api/routes.hpp"
#include "api/signature.hpp"
#include "common/json.hpp"
#include "domain/diff.hpp"
#include "domain/evaluation.hpp"
#include "domain/org.hpp"
#include "domain/sop.hpp"
#include "library/document_library.hpp"
#include "library/indexer.hpp"
#include "library/org_library.hpp"

namespace sopan::api {
namespace json = boost::json;
using domain::Permission;

namespace {

json::value comment_json(const library::Comment& c) {
  json::value v = c.to_json();
  json::object& o = v.as_object();
  o["time"] = format_utc(c.time);
  o["resolved_at"] = c.resolved_at ? json::value(format_utc(c.resolved_at)) : nullptr;
  return v;
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

Result<library::DocSummary> sop_summary(const Context& ctx, const Request& req) {
  auto summary = ctx.library.summary(req.param("id"));
  if (!summary) return summary.error();
  if (summary->kind != library::DocKind::kSop)
    return make_error(Errc::kNotFound, "SOP tidak ditemukan");
  return summary;
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
    return field_error(Errc::kNotFound, "Anda belum pernah memeriksa SOP ini", "/query/from",
                       "Pilih versi pembanding lain, misalnya versi yang berlaku");
  return newest;
}

}  // namespace

std::vector<Route> review_routes(Context& ctx) {
  auto& lib = ctx.library;

  auto list_comments = [&lib](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    auto comments = lib.comments(req.param("id"));
    if (!comments) return comments.error();
    auto summary = lib.summary(req.param("id"));
    if (!summary) return summary.error();
    // Threads of the open draft are "current"; older ones stay readable as the review's record.
    json::array items;
    for (const auto& c : *comments) {
      json::value v = comment_json(c);
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
    auto comment = lib.comment(c);
    if (!comment) return comment.error();
    return Response::json(comment_json(*comment), 201);
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
    return Response::json(comment_json(*comment));
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

  auto add_monitoring = [&ctx, &lib](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    auto body = validated_body(ctx, req, "monitoring.request");
    if (!body) return body.error();
    const auto& o = body->get_object();
    auto summary = sop_summary(ctx, req);
    if (!summary) return summary.error();
    auto date = record_date(ctx, o, *summary);
    if (!date) return date.error();
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
  auto add_evaluation = [&ctx, &lib](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    auto body = validated_body(ctx, req, "evaluation.request");
    if (!body) return body.error();
    const auto& o = body->get_object();
    auto summary = sop_summary(ctx, req);
    if (!summary) return summary.error();
    auto date = record_date(ctx, o, *summary);
    if (!date) return date.error();
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
    if (signature) record_signature(ctx, req, summary->id, *signature, row->commit);
    json::value answer = record_json(*row);
    if (!keep) {
      // A crash here leaves the record without its draft; the revision can be opened by hand.
      auto in_force = lib.read(summary->id, {});
      if (!in_force) return in_force.error();
      auto draft = lib.save_draft(
          {library::DocKind::kSop, summary->id, in_force->version,
           domain::revision_of(in_force->content), req.actor, "Revisi hasil evaluasi " + *date},
          "revise");
      if (!draft) return draft.error();
      answer.as_object()["draft_version"] = draft->version;
    }
    return Response::json(answer, 201);
  };

  // What changed between two versions, step by step; by default from the version in force to the
  // open draft. `from=reviewed` is the newest version the signed-in person reviewed.
  auto diff = [&ctx, &lib](Request& req) -> Reply {
    if (auto s = only_query_params(req, {"from", "to"}); !s) return s.error();
    auto summary = lib.summary(req.param("id"));
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
    const auto tree = ctx.org.tree();
    const domain::DiffNames names{[&tree](std::string_view id) {
                                    const domain::Position* p = tree->position(id);
                                    return p ? p->name : std::string();
                                  },
                                  [&tree](std::string_view id) {
                                    const domain::Unit* u = tree->unit(id);
                                    return u ? u->name : std::string();
                                  }};
    json::value changes = domain::diff_sops(*a, *b, names).to_json();
    json::object answer{{"from", from->version}, {"to", to->version}};
    for (auto& m : changes.as_object()) answer.emplace(m.key(), std::move(m.value()));
    return Response::json(answer);
  };

  auto path_unit = [&lib](const Request& req) { return document_unit(lib, req); };
  auto diff_blocks = [](const Request& req) {
    // Numbered versions are read from git.
    auto from = req.query_param("from"), to = req.query_param("to");
    return (from && *from != "draft") || (to && *to != "draft");
  };

  return {
      {"GET",
       "/api/v1/sops/{id}/comments",
       list_comments,
       {},
       Permission::kSopReadDraft,
       path_unit},
      {"POST", "/api/v1/sops/{id}/comments", add_comment, always_blocks, Permission::kSopComment,
       path_unit},
      {"PUT", "/api/v1/sops/{id}/comments/{comment}", update_comment, always_blocks,
       Permission::kSopComment, path_unit},
      {"GET", "/api/v1/sops/{id}/records", list_records, {}, Permission::kSopReadDraft, path_unit},
      {"POST", "/api/v1/sops/{id}/monitoring", add_monitoring, always_blocks,
       Permission::kSopMonitor, path_unit},
      {"POST", "/api/v1/sops/{id}/evaluations", add_evaluation, always_blocks,
       Permission::kSopEvaluate, path_unit},
      {"GET", "/api/v1/sops/{id}/diff", diff, diff_blocks, Permission::kSopReadDraft, path_unit},
  };
}

}  // namespace sopan::api
