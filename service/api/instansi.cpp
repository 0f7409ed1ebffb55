// The instansi as the screens show it before and after sign-in: its name and whether it has a
// logo (GET /api/v1/instansi), the logo itself (GET /api/v1/instansi/logo, open to every visitor:
// the sign-in screen shows it), and the admin's upload and removal (PUT/DELETE, admin over the
// whole instansi). The logo is a file on main (library/logo.hpp); reads come from memory.
#include <boost/json/object.hpp>

#include "api/routes.hpp"
#include "domain/org.hpp"
#include "library/document_library.hpp"
#include "library/logo.hpp"
#include "library/org_library.hpp"

namespace sopan::api {
namespace json = boost::json;
using domain::Permission;

namespace {

constexpr std::string_view kLogoUrl = "/api/v1/instansi/logo";

json::object instansi_json(const Context& ctx) {
  auto logo = ctx.library.logo().current();
  json::object o{{"name", ctx.library.instansi().name}, {"logo", logo != nullptr}};
  o["logo_url"] = logo ? json::value(kLogoUrl) : json::value(nullptr);
  o["logo_type"] = logo ? json::value(logo->media_type) : json::value(nullptr);
  o["logo_width"] = logo ? json::value(logo->width) : json::value(nullptr);
  o["logo_height"] = logo ? json::value(logo->height) : json::value(nullptr);
  o["logo_etag"] = logo ? json::value(logo->etag) : json::value(nullptr);
  return o;
}

/// True when If-None-Match (a list of entity tags, weak or strong, or "*") names `etag`.
bool etag_matches(std::string_view header, std::string_view etag) {
  while (!header.empty()) {
    const std::size_t comma = header.find(',');
    std::string_view tag = header.substr(0, comma);
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == "*" || tag == etag) return true;
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace

std::vector<Route> instansi_routes(Context& ctx) {
  auto instansi = [&ctx](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    return Response::json(instansi_json(ctx));
  };

  // An image a person uploaded: served as exactly what its bytes are, never sniffed, never
  // framed, under a policy that lets nothing run even if opened on its own.
  auto logo = [&ctx](Request& req) -> Reply {
    // `v`: the logo's ETag, which the app puts in the address so that a new logo is a new
    // address for the browser's image cache; the answer does not depend on it.
    if (auto s = only_query_params(req, {"v"}); !s) return s.error();
    auto current = ctx.library.logo().current();
    if (!current) return make_error(Errc::kNotFound, "Instansi belum memiliki logo");
    Response r;
    r.headers.emplace_back("ETag", current->etag);
    r.headers.emplace_back("Cache-Control", "public, no-cache");
    r.headers.emplace_back("Content-Security-Policy",
                           "default-src 'none'; frame-ancestors 'none'; sandbox");
    r.headers.emplace_back("Cross-Origin-Resource-Policy", "same-origin");
    if (etag_matches(req.header("if-none-match"), current->etag)) {
      r.status = 304;
      r.content_type.clear();
      return r;
    }
    r.content_type = current->media_type;
    r.body = current->bytes;
    return r;
  };

  auto put_logo = [&ctx](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    auto put = ctx.library.logo().put(req.body, media_type(req), req.actor);
    if (!put) return put.error();
    json::object answer = instansi_json(ctx);
    answer["commit"] = (*put)->commit;
    return Response::json(answer);
  };

  auto delete_logo = [&ctx](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    auto commit = ctx.library.logo().remove(req.actor);
    if (!commit) return commit.error();
    json::object answer = instansi_json(ctx);
    answer["commit"] = *commit;
    return Response::json(answer);
  };

  // The instansi's own look is the business of an admin over all of it.
  auto whole_instansi = [&ctx](const Request&) -> Result<std::optional<std::string>> {
    return std::optional<std::string>(ctx.org.tree()->root());
  };

  return {
      {"GET", "/api/v1/instansi", instansi, index_only, Permission::kPublic, {}},
      {"GET", std::string(kLogoUrl), logo, index_only, Permission::kPublic, {}},
      {"PUT", std::string(kLogoUrl), put_logo, always_blocks, Permission::kOrgWrite,
       whole_instansi},
      {"DELETE", std::string(kLogoUrl), delete_logo, always_blocks, Permission::kOrgWrite,
       whole_instansi},
  };
}

}  // namespace sopan::api
