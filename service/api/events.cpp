#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "api/routes.hpp"
#include "common/json.hpp"
#include "index/store.hpp"
#include "library/document_library.hpp"
#include "library/event_log.hpp"
#include "library/org_library.hpp"

namespace sopan::api {
namespace json = boost::json;
using domain::Permission;

std::vector<Route> event_routes(Context& ctx) {
  // The audit log spans the whole instansi: reading it needs a grant at the root.
  auto root = [&ctx](const Request&) -> Result<std::optional<std::string>> {
    return std::optional<std::string>(ctx.org.tree()->root());
  };

  auto list = [&ctx](Request& req) -> Reply {
    if (auto s = only_query_params(req, {"kind", "actor", "from", "to", "limit"}); !s)
      return s.error();
    for (auto name : {"from", "to"})
      if (auto d = req.query_param(name); d && !parse_date(*d))
        return field_error(Errc::kInvalidArgument, "Tanggal tidak valid",
                           "/query/" + std::string(name), "Harus berupa tanggal YYYY-MM-DD");
    auto limit = limit_param(req, 200, 2000);
    if (!limit) return limit.error();
    auto kind = req.query_param("kind");
    auto actor = req.query_param("actor");
    auto from = req.query_param("from");
    auto to = req.query_param("to");
    json::array items;
    std::size_t unreadable = 0;
    // Newest first; times are UTC ISO strings, so a date compares as a prefix. An event that
    // cannot be read is listed as such (the chain's verify says more), never a 500: one bad
    // record must not hide the rest of the log from an auditor.
    auto s = ctx.library.store().scan(
        index::Cf::kEvents, {},
        [&](std::string_view key, std::string_view value) {
          library::StoredEvent event = library::EventLog::decode(key, value);
          if (!event.fields) {
            ++unreadable;
            if (kind || actor) return true;  // it cannot match a filter on its content
            items.push_back(
                json::object{{"seq", event.seq}, {"unreadable", true}, {"problem", event.problem}});
            return items.size() < *limit;
          }
          const auto& o = *event.fields;
          std::string_view time = json_util::string_field(o, "time").value_or("");
          std::string_view date = time.substr(0, 10);
          if (from && date < *from) return false;
          if (to && date > *to) return true;
          if (kind && !json_util::string_field(o, "kind").value_or("").starts_with(*kind))
            return true;
          if (actor && json_util::string_field(o, "actor").value_or("") != *actor &&
              json_util::string_field(o, "account").value_or("") != *actor &&
              json_util::string_field(o, "username").value_or("") != *actor)
            return true;
          json::object item = std::move(*event.fields);
          if (event.repaired) item["repaired"] = true;
          items.push_back(std::move(item));
          return items.size() < *limit;
        },
        /*reverse=*/true);
    if (!s) return s.error();
    (void)ctx.library.record_event(
        {{"kind", "audit.read"}, {"account", req.principal->account_id}, {"count", items.size()}});
    std::size_t n = items.size();
    json::object answer{{"items", std::move(items)}, {"count", n}};
    if (unreadable) answer["unreadable"] = unreadable;
    return Response::json(answer);
  };

  return {{"GET", "/api/v1/events", list, {}, Permission::kEventsRead, root}};
}

}  // namespace sopan::api
