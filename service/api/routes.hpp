#pragma once
/// Every API route, in one table the http layer serves (and tests walk).
#include <filesystem>
#include <memory>
#include <vector>

#include "api/doc_kinds.hpp"
#include "api/types.hpp"
#include "common/time.hpp"
#include "domain/signature.hpp"

namespace sopan::library {
class DocumentLibrary;
class OrgLibrary;
class Accounts;
struct ReadSelector;
}  // namespace sopan::library
namespace sopan::schema {
class Registry;
}

namespace sopan::api {

/// What handlers need; outlives the server.
/// Scores of past days, which can no longer change (api/score.cpp).
struct ScoreCache;
std::shared_ptr<ScoreCache> make_score_cache();
/// The event chain's last full check (api/events.cpp).
struct ChainWatch;
std::shared_ptr<ChainWatch> make_chain_watch();
/// The limits and shared state of /git/ (api/git_http.hpp).
struct GitServing;
std::shared_ptr<GitServing> make_git_serving();
/// The throttle of verification codes that name nothing (api/verify.cpp).
struct VerifyState;
std::shared_ptr<VerifyState> make_verify_state();

struct Context {
  library::DocumentLibrary& library;
  library::OrgLibrary& org;
  library::Accounts& accounts;
  const schema::Registry& schemas;
  TimeMs started_at = 0;
  /// The document kinds served, each under /api/v1/<folder> (api/documents.cpp).
  std::vector<KindApi> kinds = {sop_kind(), map_kind()};
  std::shared_ptr<ScoreCache> score_cache = make_score_cache();
  std::shared_ptr<ChainWatch> chain_watch = make_chain_watch();
  std::shared_ptr<GitServing> git = make_git_serving();
  std::shared_ptr<VerifyState> verify = make_verify_state();
  /// Where people reach this server ("https://sopan.contohkab.go.id"), for the QR codes and
  /// verification links on signed prints. App sets it from --public-url, or else from the
  /// address it listens on, before the first request.
  std::string public_url = {};
  /// The kind served for `kind`; nullptr when none is.
  const KindApi* kind(library::DocKind kind) const {
    for (const auto& k : kinds)
      if (k.kind && k.kind->kind == kind) return &k;
    return nullptr;
  }
};

std::vector<Route> health_routes(Context& ctx);
std::vector<Route> session_routes(Context& ctx);
std::vector<Route> org_routes(Context& ctx);
std::vector<Route> account_routes(Context& ctx);
std::vector<Route> event_routes(Context& ctx);
std::vector<Route> task_routes(Context& ctx);
std::vector<Route> instansi_routes(Context& ctx);
std::vector<Route> score_routes(Context& ctx);
std::vector<Route> packet_routes(Context& ctx);
/// Personal access tokens (/api/v1/me/tokens) and read-only git over HTTP (/git/).
std::vector<Route> token_routes(Context& ctx);
std::vector<Route> git_routes(Context& ctx);
/// The public check of a signature on paper: /v/{code} and /api/v1/verify/{code}.
std::vector<Route> verify_routes(Context& ctx);
/// Validates manual answers `given` ({item: {answer, evidence, note}}) of `unit` to `rubric`
/// (422 naming each field under /answers), then signs them with `sign` and commits them (the
/// one way answers are written: PUT /api/v1/answers and the demo). Answers the commit.
[[nodiscard]] Result<std::string> write_answers(
    Context& ctx, const std::string& rubric, const std::string& unit,
    const boost::json::object& given, const std::function<Result<domain::Signature>()>& sign,
    const library::Actor& actor, std::string message);
/// Commits the rubrics shipped in `dir` (schemas/rubrics) when main has none yet.
[[nodiscard]] Status seed_rubrics(library::DocumentLibrary& library,
                                  const std::filesystem::path& dir);
/// All of the above, each wrapped in the access guard (session → principal, CSRF on writes, or
/// for a Credentials::kAccessToken route a personal access token → principal; `domain::may` on
/// the route's permission and unit; denials are logged as events). A denial
/// by `domain::may` is answered through `continue_on_pool`, so that its event is written on the
/// blocking pool even for a route that runs inline.
std::vector<Route> all_routes(Context& ctx);

/// The access decision for `req` against the current org tree, as the guard takes it.
bool may(const Context& ctx, const Request& req, domain::Permission permission,
         const std::optional<std::string>& unit);
/// kPermissionDenied, recorded as an audit event: a write, so never from an inline handler
/// (api::Route; the guard hands its denials to the pool).
Error denied(Context& ctx, const Request& req);

/// The JSON body of `req`, valid against the schema `schema` (415, 400 or 422 naming the field).
[[nodiscard]] Result<boost::json::value> validated_body(const Context& ctx, const Request& req,
                                                        std::string_view schema);
/// The query parameter `name` as a version to read: "draft" or a number from 1 (400 otherwise).
[[nodiscard]] Result<library::ReadSelector> version_param(const Request& req,
                                                          std::string_view name);
/// The unit of the document named by the path's {id} (the routes' `unit_of`).
Result<std::optional<std::string>> document_unit(const library::DocumentLibrary& lib,
                                                 const Request& req);
/// The `at` query parameter: a day "YYYY-MM-DD" (400 naming "/query/at" otherwise).
[[nodiscard]] Result<std::optional<std::string>> at_param(const Request& req);
/// Today in the instansi's calendar, "YYYY-MM-DD".
std::string today(const Context& ctx);
/// The status readers see: the stored one, but "disahkan" for a ratified version whose effective
/// date is still ahead (it becomes "berlaku" on that date).
std::string shown_status(const Context& ctx, const library::DocSummary& summary);
/// A summary as the API shows it: the index's summary plus what depends on today. A ratified
/// version whose effective date is still ahead reads "disahkan" (in force from that date), and
/// monitoring or evaluation past its due date is flagged overdue.
boost::json::value summary_json(const Context& ctx, const library::DocSummary& summary);

inline constexpr std::string_view kSessionCookie = "sopan_sesi";

}  // namespace sopan::api
