// The SOP kind (DOMAIN §1): its schema and rules, what ratification stamps into it, the
// structural diff, monitoring and evaluation records, and the routes only a SOP has (the
// flowchart, the print view, the editor's live renderer and the steps import).
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "api/doc_kinds.hpp"
#include "api/routes.hpp"
#include "common/json.hpp"
#include "domain/diff.hpp"
#include "domain/flowchart.hpp"
#include "domain/image.hpp"
#include "domain/org.hpp"
#include "domain/print.hpp"
#include "domain/qr.hpp"
#include "domain/sop.hpp"
#include "domain/sop_csv.hpp"
#include "domain/workflow.hpp"
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
std::vector<domain::Finding> sop_findings(const Context& ctx, const domain::Sop& sop,
                                          std::string_view id) {
  auto tree = ctx.org.tree();
  domain::SopContext rules{
      *tree, [&](const std::string& number) { return number_taken(ctx, number, id); }};
  return domain::check_sop(sop, rules);
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

json::value sop_diff(const Context& ctx, const json::value& from, const json::value& to) {
  return domain::diff_sops(from, to, org_names(ctx)).to_json();
}

std::vector<Route> sop_routes(Context& ctx, const KindApi& kind) {
  auto flowchart = [&ctx, &kind](Request& req) -> Reply {
    if (auto s = only_query_params(req, {"version", "at", "page"}); !s) return s.error();
    std::size_t page = 1;
    if (auto p = req.query_param("page")) {
      auto n = parse_uint(*p);
      if (!n || *n < 1)
        return field_error(Errc::kInvalidArgument, "Parameter page tidak valid", "/query/page",
                           "Isi dengan nomor halaman 1, 2, ...");
      page = *n;
    }
    auto doc = read_document(ctx, kind, req);
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

  auto print = [&ctx, &kind](Request& req) -> Reply {
    if (auto s = only_query_params(req, {"version", "at"}); !s) return s.error();
    auto doc = read_document(ctx, kind, req);
    if (!doc) return doc.error();
    auto parsed = json_util::parse(doc->content);
    if (!parsed) return make_error(Errc::kInternal, "Dokumen tersimpan tidak dapat dibaca");
    domain::Sop sop = domain::Sop::from_json(*parsed);
    // "Disahkan" only from the signature record of the version shown.
    auto ratification = ratification_of(ctx.library, *doc);
    sop.ratified_name = ratification ? ratification->signer.name : "";
    sop.ratified_nip = ratification ? ratification->signer.nip : "";
    sop.ratified_position = ratification ? ratification->signer.position : "";
    auto tree = ctx.org.tree();
    std::vector<std::string> unit_path;
    for (const domain::Unit* u : tree->path_to(sop.unit))
      if (!u->parent.empty()) unit_path.push_back(u->name);
    domain::PrintInput in{sop,
                          ctx.library.instansi().name,
                          std::move(unit_path),
                          flowchart_pages(ctx, sop, kStepsPerPage),
                          doc->is_draft                 ? "KONSEP"
                          : doc->status == "dicabut"    ? "DICABUT"
                          : doc->status == "digantikan" ? "DIGANTIKAN"
                                                        : "",
                          ratification ? indonesian_time(ratification->signer.time,
                                                         ctx.library.instansi().utc_offset_minutes)
                                       : "",
                          {},
                          {}};
    // The logo in the page itself: a saved or printed page keeps it, and the page's policy
    // (img-src data: only) loads nothing from elsewhere.
    if (auto logo = ctx.library.logo().current())
      in.logo = domain::data_uri(logo->media_type, logo->bytes);
    if (ratification) {
      in.verification_code = ratification->code;
      in.verification_url = verification_url(ctx, ratification->code);
      in.verification_qr =
          domain::qr_svg(in.verification_url, "Kode QR verifikasi " + ratification->code, 20)
              .value_or("");
    }
    if (req.query_param("at")) {
      in.as_of = doc->as_of;
      const domain::State* state = domain::state(doc->status);
      in.status_label = state ? std::string(state->label) : doc->status;
    }
    Response r;
    r.content_type = "text/html; charset=utf-8";
    r.body = domain::render_print_html(in);
    r.headers.emplace_back("ETag", etag(doc->version));
    // The API's policy for HTML, plus the one image kind the page carries (its logo).
    r.headers.emplace_back("Content-Security-Policy",
                           "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
                           "base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
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
    // The document being edited: its own number is not taken by "another" SOP.
    const std::string id(json_util::string_field(o, "id").value_or(""));
    domain::Sop sop = domain::Sop::from_json(document);
    json::array pages;
    for (auto& svg : flowchart_pages(ctx, sop, per_page)) pages.push_back(json::value(svg));
    return Response::json(json::object{{"pages", std::move(pages)},
                                       {"problems", domain::to_json(sop_findings(ctx, sop, id))}});
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

  const std::string base = kind.collection();
  return {
      {"GET", base + "/{id}/flowchart.svg", flowchart, reads_git, Permission::kDocReadInForce, {}},
      {"GET", base + "/{id}/print", print, reads_git, Permission::kDocReadInForce, {}},
      {"POST",
       "/api/v1/render/sop",
       render,
       {},
       Permission::kDocWrite,
       unit_of_body_document("Unit SOP belum diisi", "Pilih unit yang menerbitkan SOP")},
      {"POST", "/api/v1/import/sop-steps", import_steps, {}, Permission::kDocWrite, import_unit},
  };
}

}  // namespace

KindApi sop_kind() {
  KindApi k;
  k.kind = library::find_kind(DocKind::kSop);
  k.schema = "sop";
  k.tag_values.assign(std::begin(kClassifications), std::end(kClassifications));
  k.drop_system_fields = [](json::object& doc) { return signer_field_notes(doc, "sop"); };
  k.findings = [](const Context& ctx, const json::value& doc, std::string_view id) {
    return sop_findings(ctx, domain::Sop::from_json(doc), id);
  };
  k.stamp_ratification = stamp_signer;
  k.revision_of = [](std::string_view content) { return domain::revision_of(content); };
  k.diff = sop_diff;
  k.extra_routes = sop_routes;
  return k;
}

}  // namespace sopan::api
