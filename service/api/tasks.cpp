#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "api/routes.hpp"
#include "domain/org.hpp"
#include "domain/workflow.hpp"
#include "library/document_library.hpp"
#include "library/org_library.hpp"

namespace sopan::api {
namespace json = boost::json;
using domain::Permission;

namespace {

/// What waits for each role, by document status (the workflow table read backwards).
struct TaskKind {
  std::string_view status;
  domain::Role role;
  std::string_view kind;   // stable code
  std::string_view label;  // Indonesian
};
constexpr TaskKind kTaskKinds[] = {
    {"konsep", domain::Role::kPenyusun, "draft", "Konsep yang sedang Anda susun"},
    {"diajukan", domain::Role::kVerifikator, "verify", "Pengajuan yang menunggu verifikasi"},
    {"diverifikasi", domain::Role::kPengesah, "ratify",
     "SOP terverifikasi yang menunggu pengesahan"},
};

}  // namespace

std::vector<Route> task_routes(Context& ctx) {
  auto tasks = [&ctx](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    auto tree = ctx.org.tree();
    json::array items;
    for (const auto& k : kTaskKinds) {
      library::ListFilter filter;
      filter.kind = library::DocKind::kSop;
      filter.status = std::string(k.status);
      filter.limit = std::numeric_limits<std::size_t>::max();
      auto docs = ctx.library.list(filter);
      if (!docs) return docs.error();
      for (const auto& d : *docs) {
        if (!domain::holds(*req.principal, k.role, d.unit, *tree)) continue;
        const domain::Unit* unit = tree->unit(d.unit);
        json::object item{{"kind", k.kind},
                          {"label", k.label},
                          {"id", d.id},
                          {"number", d.number},
                          {"title", d.title},
                          {"status", d.status},
                          {"unit_name", unit ? unit->name : ""},
                          {"updated_at", d.updated_at},
                          {"updated_by", d.updated_by}};
        if (d.draft) item["version"] = d.draft->version;
        items.push_back(std::move(item));
      }
    }
    std::size_t n = items.size();
    return Response::json(json::object{{"items", std::move(items)}, {"count", n}});
  };
  // Everyone signed in has a task list, possibly empty.
  return {{"GET", "/api/v1/tasks", tasks, {}, Permission::kSelf, {}}};
}

}  // namespace sopan::api
