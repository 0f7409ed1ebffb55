#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "api/routes.hpp"
#include "common/time.hpp"
#include "domain/org.hpp"
#include "domain/workflow.hpp"
#include "library/document_library.hpp"
#include "library/kinds.hpp"
#include "library/org_library.hpp"

namespace sopan::api {
namespace json = boost::json;
using domain::Permission;
using domain::Role;

namespace {

/// Monitoring and evaluations show up this many days before they are due.
constexpr int kDueSoonDays = 30;

constexpr Role kCommenters[] = {Role::kPenyusun, Role::kVerifikator, Role::kPengesah,
                                Role::kEvaluator};

json::object task(const Context& ctx, std::string_view kind, std::string label,
                  const library::DocSummary& d, const domain::OrgTree& tree) {
  const domain::Unit* unit = tree.unit(d.unit);
  json::object item{{"kind", kind},
                    {"label", std::move(label)},
                    {"document_kind", library::kind_name(d.kind)},
                    {"folder", library::find_kind(d.kind)->folder},
                    {"id", d.id},
                    {"number", d.number},
                    {"title", d.title},
                    {"status", shown_status(ctx, d)},
                    {"unit_name", unit ? unit->name : ""},
                    {"updated_at", d.updated_at},
                    {"updated_by", d.updated_by}};
  if (d.draft) item["version"] = d.draft->version;
  return item;
}

}  // namespace

std::vector<Route> task_routes(Context& ctx) {
  auto tasks = [&ctx](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    auto tree = ctx.org.tree();
    const domain::Principal& me = *req.principal;
    json::array items;
    std::vector<library::DocSummary> drafts;  // every draft under review or in writing
    // What waits for each role: the workflow's transitions that make a task (its action is the
    // task's kind), by the state they start from.
    // Every kind the same way (a map waits for its verifier as a SOP does).
    for (const auto& t : domain::transitions()) {
      if (t.task.empty()) continue;
      library::ListFilter filter;
      filter.status = std::string(t.from);
      filter.limit = std::numeric_limits<std::size_t>::max();
      auto docs = ctx.library.list(filter);
      if (!docs) return docs.error();
      for (auto& d : *docs) {
        if (domain::holds(me, t.role, d.unit, *tree))
          items.push_back(task(ctx, t.action, std::string(t.task), d, *tree));
        drafts.push_back(std::move(d));
      }
    }

    // Comment threads of open drafts where it is my turn: someone answered my comment, or
    // commented on a draft of my unit that I write.
    for (const auto& d : drafts) {
      if (std::none_of(std::begin(kCommenters), std::end(kCommenters),
                       [&](Role r) { return domain::holds(me, r, d.unit, *tree); }))
        continue;
      auto comments = ctx.library.comments(d.id);
      if (!comments) return comments.error();
      const bool writer = domain::holds(me, Role::kPenyusun, d.unit, *tree);
      std::size_t waiting = 0;
      for (const auto& c : *comments)
        if (c.id == c.thread && !c.resolved && d.in_open_draft(c.draft_version) &&
            c.last_nip != me.nip && (c.nip == me.nip || writer))
          ++waiting;
      if (waiting > 0)
        items.push_back(task(ctx, "comments",
                             std::to_string(waiting) + " komentar menunggu tanggapan Anda", d,
                             *tree));
    }

    // Monitoring (the unit's team or the evaluators) and evaluation (the evaluators) due soon
    // or overdue.
    const std::string now = today(ctx);
    const std::string horizon =
        format_date(local_date(ctx.library.clock().now() + kDueSoonDays * 86'400'000LL,
                               ctx.library.instansi().utc_offset_minutes));
    auto due = ctx.library.due_until(horizon);
    if (!due) return due.error();
    for (const auto& item : *due) {
      auto d = ctx.library.summary(item.doc_id);
      if (!d) return d.error();
      const bool monitoring = item.what == "monitoring";
      const bool mine = domain::holds(me, Role::kEvaluator, d->unit, *tree) ||
                        (monitoring && domain::holds(me, Role::kPenyusun, d->unit, *tree));
      if (!mine) continue;
      const bool overdue = item.date < now;
      json::object t = task(ctx, monitoring ? "monitoring" : "evaluation",
                            std::string(monitoring ? "Monitoring" : "Evaluasi") +
                                (overdue ? " terlambat, jatuh tempo " : " jatuh tempo ") +
                                indonesian_date(item.date),
                            *d, *tree);
      t["due"] = item.date;  // for machines: "YYYY-MM-DD"
      t["overdue"] = overdue;
      items.push_back(std::move(t));
    }
    std::size_t n = items.size();
    return Response::json(json::object{{"items", std::move(items)}, {"count", n}});
  };
  // The one workflow table (domain/workflow.hpp), for the screens.
  auto workflow = [](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    return Response::json(domain::workflow_json());
  };
  // Everyone signed in has a task list, possibly empty, and reads the workflow.
  return {{"GET", "/api/v1/tasks", tasks, {}, Permission::kSelf, {}},
          {"GET", "/api/v1/workflow", workflow, {}, Permission::kSelf, {}}};
}

}  // namespace sopan::api
