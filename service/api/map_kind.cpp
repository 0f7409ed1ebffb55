// The map kind (DOMAIN §2, issue 13): its schema and rules, what ratification stamps into it
// (as for a SOP), its diff by element, and the routes only a map has: the BPMN export and
// import, the diagram, the editor's live renderer, and the coverage of a unit by SOPs.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <map>
#include <set>

#include "api/coverage.hpp"
#include "api/doc_kinds.hpp"
#include "api/routes.hpp"
#include "common/json.hpp"
#include "common/time.hpp"
#include "domain/bpmn.hpp"
#include "domain/coverage.hpp"
#include "domain/map.hpp"
#include "domain/map_diff.hpp"
#include "domain/map_svg.hpp"
#include "domain/org.hpp"
#include "domain/sop.hpp"
#include "library/document_library.hpp"
#include "library/kinds.hpp"
#include "library/org_library.hpp"
#include "schema/registry.hpp"

namespace sopan::api {
namespace json = boost::json;
using domain::Permission;
using library::DocKind;

namespace {

constexpr std::string_view kMapTypes[] = {"level0", "dekomposisi", "lintas_fungsi"};

/// The newest content of every other map that names `map_id` as its parent, as `visible` lets
/// the reader see it (nullopt: not at all).
using Visible = std::function<std::optional<library::DocSummary>(const library::DocSummary&)>;

/// Process id → the map that details it (the first such map found): the maps whose newest
/// content names `map_id` as their parent. For the diagram's drill-down and the BPMN's calls.
std::map<std::string, std::string, std::less<>> detailing_maps(Context& ctx,
                                                               const std::string& map_id,
                                                               const Visible& visible) {
  std::map<std::string, std::string, std::less<>> out;
  auto children = ctx.library.linked_from(map_id);
  if (!children) return out;
  for (const auto& child : *children) {
    if (child.kind != DocKind::kMap) continue;
    auto shown = visible(child);
    if (!shown) continue;
    auto doc = ctx.library.read(child.id, {shown->draft ? library::ReadSelector::Kind::kDraft
                                                        : library::ReadSelector::Kind::kInForce});
    if (!doc) continue;
    auto m = parse_map(doc->content);
    if (m && m->parent_map == map_id && !m->parent_process.empty())
      out.emplace(m->parent_process, child.id);
  }
  return out;
}

/// What the reader of `req` may see of a document: all of it with the right to read drafts of
/// its unit, else its version in force.
Visible visible_to(const Context& ctx, const Request& req) {
  return [&ctx, &req](const library::DocSummary& d) -> std::optional<library::DocSummary> {
    if (may(ctx, req, Permission::kDocReadDraft, d.unit)) return d;
    if (!d.in_force) return std::nullopt;
    return d.as_in_force();
  };
}

/// The rules beyond the schema for a draft of map `id` ("" for a new one).
std::vector<domain::Finding> map_findings(const Context& ctx, const domain::ProcessMap& map,
                                          std::string_view id) {
  auto tree = ctx.org.tree();
  auto newest = [&ctx](const std::string& doc_id) -> std::optional<domain::ProcessMap> {
    auto s = ctx.library.summary(doc_id);
    if (!s || s->kind != DocKind::kMap) return std::nullopt;
    auto doc = ctx.library.read(doc_id, {library::ReadSelector::Kind::kLatest});
    if (!doc) return std::nullopt;
    return parse_map(doc->content);
  };
  domain::MapContext rules{
      *tree, newest,
      [&ctx](const std::string& doc_id) {
        auto s = ctx.library.summary(doc_id);
        return s && s->kind == DocKind::kSop;
      },
      [&ctx, &newest, id](const std::string& parent, const std::string& process) {
        auto children = ctx.library.linked_from(parent);
        if (!children) return std::string();
        for (const auto& child : *children) {
          if (child.kind != DocKind::kMap || child.id == id || child.status == "dibatalkan" ||
              child.status == "dicabut" || child.status == "digantikan")
            continue;
          auto m = newest(child.id);
          if (m && m->parent_map == parent && m->parent_process == process) return child.title;
        }
        return std::string();
      }};
  return domain::check_map(map, rules);
}

json::value map_diff(const Context& ctx, const json::value& from, const json::value& to) {
  return domain::diff_maps(from, to, org_names(ctx));
}

Reply xml_reply(std::string body, std::string content_type, std::uint64_t version) {
  Response r;
  r.content_type = std::move(content_type);
  r.body = std::move(body);
  r.headers.emplace_back("ETag", etag(version));
  return r;
}

/// A unit's name, for the diagrams.
std::function<std::string(std::string_view)> unit_names(const Context& ctx) {
  return [tree = ctx.org.tree()](std::string_view id) {
    const domain::Unit* u = tree->unit(id);
    return u ? u->name : std::string();
  };
}

std::function<std::string(std::string_view)> lookup(
    std::map<std::string, std::string, std::less<>> table) {
  return [table = std::move(table)](std::string_view key) {
    auto it = table.find(key);
    return it == table.end() ? std::string() : it->second;
  };
}

// --- Coverage --------------------------------------------------------------------------------

/// Items of `type` only ("" = all), the first `limit` of them; `counts` has every type's.
Result<json::value> coverage(Context& ctx, const std::string& unit, const std::string& date,
                             std::string_view type, std::size_t limit) {
  auto tree = ctx.org.tree();
  IndexMemo memo;
  auto day = gather_in_force(
      ctx, [&](std::string_view u) { return tree->within(u, unit); }, date, memo);
  if (!day) return day.error();
  auto measured = domain::measure_coverage(day->maps, day->sops, day->detailed, *tree);
  json::array items;
  json::object counts;
  std::size_t matching = 0;
  for (const auto& item : measured.items) {
    auto& n = counts[item.type];
    n = (n.is_int64() ? n.as_int64() : 0) + 1;
    if (!type.empty() && item.type != type) continue;
    // A whole instansi has thousands: the first page is built, the rest only counted.
    if (matching++ < limit) items.push_back(item.to_json());
  }
  return json::value(json::object{{"unit", unit},
                                  {"at", date},
                                  {"totals", measured.totals_json()},
                                  {"counts", std::move(counts)},
                                  {"items", std::move(items)},
                                  {"truncated", matching > limit}});
}

std::vector<Route> map_routes(Context& ctx, const KindApi& kind) {
  auto bpmn = [&ctx, &kind](Request& req) -> Reply {
    if (auto s = only_query_params(req, {"version", "at"}); !s) return s.error();
    auto doc = read_document(ctx, kind, req);
    if (!doc) return doc.error();
    auto m = parse_map(doc->content);
    if (!m) return make_error(Errc::kInternal, "Dokumen tersimpan tidak dapat dibaca");
    domain::BpmnExportNames names{
        lookup(detailing_maps(ctx, doc->summary.id, visible_to(ctx, req)))};
    auto r = xml_reply(domain::to_bpmn(*m, doc->summary.id, names),
                       "application/xml; charset=utf-8", doc->version);
    if (r) {
      // Saved as a file a BPMN tool opens; the name is the server's, never the title.
      r->headers.emplace_back("Content-Disposition",
                              "inline; filename=\"peta-" + doc->summary.id + ".bpmn\"");
    }
    return r;
  };

  auto diagram = [&ctx, &kind](Request& req) -> Reply {
    if (auto s = only_query_params(req, {"version", "at"}); !s) return s.error();
    auto doc = read_document(ctx, kind, req);
    if (!doc) return doc.error();
    auto m = parse_map(doc->content);
    if (!m) return make_error(Errc::kInternal, "Dokumen tersimpan tidak dapat dibaca");
    domain::MapSvgNames names{unit_names(ctx),
                              lookup(detailing_maps(ctx, doc->summary.id, visible_to(ctx, req)))};
    return xml_reply(domain::render_map_svg(*m, names), "image/svg+xml; charset=utf-8",
                     doc->version);
  };

  auto import_bpmn = [](Request& req) -> Reply {
    if (auto s = only_query_params(req, {"unit"}); !s) return s.error();
    const std::string type = media_type(req);
    if (type != "application/xml" && type != "text/xml" && type != "application/bpmn+xml")
      return make_error(Errc::kUnsupportedMediaType,
                        "Isi permintaan harus berkas BPMN (Content-Type: application/xml)");
    auto read = domain::from_bpmn(req.body);
    if (!read) return read.error();
    read->map.unit = std::string(req.query_param("unit").value_or(""));
    json::array unsupported;
    for (const auto& u : read->unsupported)
      unsupported.push_back(json::object{
          {"element", u.element}, {"id", u.id}, {"name", u.name}, {"message", u.message}});
    return Response::json(
        json::object{{"map", read->map.to_json()}, {"unsupported", std::move(unsupported)}});
  };

  auto render = [&ctx](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    auto body = validated_body(ctx, req, "render-map.request");
    if (!body) return body.error();
    const auto& o = body->get_object();
    const json::value& document = o.at("document");
    if (auto s = ctx.schemas.validate("map", document, "/document"); !s) return s.error();
    const std::string id(json_util::string_field(o, "id").value_or(""));
    domain::ProcessMap m = domain::ProcessMap::from_json(document);
    // The drill-down of a map being edited: the maps that already detail its processes.
    domain::MapSvgNames names{
        unit_names(ctx),
        id.empty() ? lookup({}) : lookup(detailing_maps(ctx, id, visible_to(ctx, req)))};
    return Response::json(json::object{{"svg", domain::render_map_svg(m, names)},
                                       {"problems", domain::to_json(map_findings(ctx, m, id))}});
  };

  auto coverage_route = [&ctx](Request& req) -> Reply {
    if (auto s = only_query_params(req, {"unit", "at", "type", "limit"}); !s) return s.error();
    auto limit = limit_param(req, 500, 20000);
    if (!limit) return limit.error();
    auto tree = ctx.org.tree();
    std::string unit(req.query_param("unit").value_or(tree->root()));
    if (!tree->unit(unit))
      return field_error(Errc::kNotFound, "Unit tidak ditemukan", "/query/unit",
                         "Pilih unit dari struktur organisasi");
    std::string date = ctx.library.today();
    if (auto at = req.query_param("at")) {
      if (!parse_date(*at))
        return field_error(Errc::kInvalidArgument, "Tanggal tidak valid", "/query/at",
                           "Tulis tanggal sebagai YYYY-MM-DD");
      date = std::string(*at);
    }
    auto answer = coverage(ctx, unit, date, req.query_param("type").value_or(""), *limit);
    if (!answer) return answer.error();
    return Response::json(*answer);
  };

  auto query_unit = [](const Request& req) -> Result<std::optional<std::string>> {
    auto unit = req.query_param("unit");
    if (!unit || unit->empty())
      return field_error(Errc::kValidation, "Unit peta belum diisi", "/query/unit",
                         "Sebutkan unit pemilik peta (?unit=)");
    return std::optional<std::string>(std::string(*unit));
  };

  const std::string base = kind.collection();
  return {
      {"GET", base + "/{id}/bpmn", bpmn, {}, Permission::kDocReadInForce, {}},
      {"GET", base + "/{id}/diagram.svg", diagram, {}, Permission::kDocReadInForce, {}},
      {"POST", base + "/import/bpmn", import_bpmn, {}, Permission::kDocWrite, query_unit},
      {"POST",
       "/api/v1/render/map",
       render,
       {},
       Permission::kDocWrite,
       unit_of_body_document("Unit peta belum diisi", "Pilih unit pemilik peta")},
      {"GET", "/api/v1/coverage", coverage_route, {}, Permission::kDocReadInForce, {}},
  };
}

}  // namespace

KindApi map_kind() {
  KindApi k;
  k.kind = library::find_kind(DocKind::kMap);
  k.schema = "map";
  k.tag_values.assign(std::begin(kMapTypes), std::end(kMapTypes));
  k.drop_system_fields = [](json::object& doc) { return signer_field_notes(doc, "map"); };
  k.findings = [](const Context& ctx, const json::value& doc, std::string_view id) {
    return map_findings(ctx, domain::ProcessMap::from_json(doc), id);
  };
  k.stamp_ratification = stamp_signer;
  k.revision_of = [](std::string_view content) { return domain::revision_of(content); };
  k.diff = map_diff;
  k.extra_routes = map_routes;
  return k;
}

}  // namespace sopan::api
