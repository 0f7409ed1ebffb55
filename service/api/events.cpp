#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "api/routes.hpp"
#include "common/json.hpp"
#include "index/store.hpp"
#include "library/document_library.hpp"
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
    std::optional<Error> bad;
    // Newest first; times are UTC ISO strings, so a date compares as a prefix.
    auto s = ctx.library.store().scan(
        index::Cf::kEvents, {},
        [&](std::string_view, std::string_view value) {
          auto v = json_util::parse(value);
          if (!v || !v->is_object()) {
            bad = make_error(Errc::kInternal, "Peristiwa audit rusak");
            return false;
          }
          const auto& o = v->get_object();
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
          items.push_back(std::move(*v));
          return items.size() < *limit;
        },
        /*reverse=*/true);
    if (!s) return s.error();
    if (bad) return *bad;
    (void)ctx.library.record_event(
        {{"kind", "audit.read"}, {"account", req.principal->account_id}, {"count", items.size()}});
    std::size_t n = items.size();
    return Response::json(json::object{{"items", std::move(items)}, {"count", n}});
  };

  return {{"GET", "/api/v1/events", list, {}, Permission::kEventsRead, root}};
}

}  // namespace sopan::api
