// Organisation and access over real HTTP: the authorization matrix (every route × every role ×
// inside/outside the grant's subtree), sessions, CSRF, throttling, imports, and that no secret
// leaks into git, logs or answers.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "api/routes.hpp"
#include "app/app.hpp"
#include "common/basic_auth.hpp"
#include "common/ids.hpp"
#include "common/log.hpp"
#include "demo_server.hpp"
#include "http_client.hpp"
#include "schema/registry.hpp"

namespace sopan {
namespace {
using sopan::testing::HttpClient;
using sopan::testing::HttpReply;
using sopan::testing::IsOk;
namespace json = boost::json;

class AccessTest : public sopan::testing::DemoServerTest {
 protected:
  std::string unit(std::string_view code) { return app_->org().tree()->unit_by_code(code)->id; }
  std::string position(std::string_view code) {
    return app_->org().tree()->position_by_code(code)->id;
  }

  /// An account made straight in the library (no temporary password to change).
  void add_account(const std::string& username, const std::string& nip, domain::Role role,
                   const std::string& unit_id, const std::string& password = "sandi-uji-123") {
    library::Account a;
    a.id = new_id();
    a.username = username;
    a.nip = nip;
    a.name = "Akun " + username;
    a.password_hash = library::hash_password(password);
    a.grants = {{role, unit_id}};
    ASSERT_THAT(app_->accounts().put(a, {{"kind", "test.account"}}), IsOk());
  }

  /// The org files on main, concatenated: equal before and after means git did not change.
  std::string org_in_git() {
    std::string all;
    if (auto files = app_->library().ledger().list_main_files("org/units"))
      for (const auto& [name, content] : *files) all += name + content;
    return all;
  }
};

// ---------------------------------------------------------------------------------------------
// The matrix. Each role holds one grant over Diskominfo (2.16). "Inside" requests concern a unit
// in that subtree, "outside" ones a unit of Dinas Kesehatan (2.02). The table below is written
// from the design (DESIGN §3), not read from the code: a route missing here fails the test.

using Roles = std::set<std::string>;
const Roles kEveryone = {"admin",     "penyusun", "verifikator", "pengesah",
                         "evaluator", "auditor",  "pegawai"};
const Roles kDraftReaders = {"penyusun", "verifikator", "pengesah", "evaluator", "auditor"};

struct Expect {
  Roles inside, outside;  // roles allowed (any answer but 401/403)
};
/// Every kind's document routes answer to the same rights: the SOP rows stand for the map's too
/// (all but monitoring records, which only SOPs have), plus the routes only a map has.
std::map<std::string, Expect> with_map_rows(std::map<std::string, Expect> rows) {
  std::map<std::string, Expect> maps;
  for (const auto& [key, expect] : rows) {
    const std::size_t at = key.find(" /api/v1/sops");
    if (at == std::string::npos || key.ends_with("/records") || key.ends_with("/monitoring") ||
        key.ends_with("/evaluations") || key.ends_with("flowchart.svg") || key.ends_with("/print"))
      continue;
    maps.emplace(key.substr(0, at) + " /api/v1/maps" + key.substr(at + 13), expect);
  }
  rows.merge(maps);
  rows.insert({{"GET /api/v1/maps/{id}/bpmn", {kEveryone, kEveryone}},
               {"GET /api/v1/maps/{id}/diagram.svg", {kEveryone, kEveryone}},
               {"POST /api/v1/maps/import/bpmn", {{"penyusun"}, {}}},
               {"POST /api/v1/render/map", {{"penyusun"}, {}}},
               {"GET /api/v1/coverage", {kEveryone, kEveryone}}});
  return rows;
}
const std::map<std::string, Expect> kMatrix = with_map_rows({
    {"GET /healthz", {kEveryone, kEveryone}},
    {"POST /api/v1/session", {kEveryone, kEveryone}},
    {"DELETE /api/v1/session", {kEveryone, kEveryone}},
    {"GET /api/v1/me", {kEveryone, kEveryone}},
    {"PUT /api/v1/me/password", {kEveryone, kEveryone}},
    // The sign-in screen shows the instansi and its logo: no session needed.
    {"GET /api/v1/instansi", {kEveryone, kEveryone}},
    {"GET /api/v1/instansi/logo", {kEveryone, kEveryone}},
    // A signature on paper is checked by anyone holding the paper (an unknown code: 404).
    {"GET /api/v1/verify/{code}", {kEveryone, kEveryone}},
    {"GET /v/{code}", {kEveryone, kEveryone}},
    {"GET /v", {kEveryone, kEveryone}},
    // Needs an admin grant over the whole instansi (tests/integration/logo_test.cpp).
    {"PUT /api/v1/instansi/logo", {{}, {}}},
    {"DELETE /api/v1/instansi/logo", {{}, {}}},
    {"GET /api/v1/units", {kEveryone, kEveryone}},
    {"POST /api/v1/units", {{"admin"}, {}}},
    {"GET /api/v1/units/{id}", {kEveryone, kEveryone}},
    {"PUT /api/v1/units/{id}", {{"admin"}, {}}},
    {"GET /api/v1/units/{id}/history", {kEveryone, kEveryone}},
    {"GET /api/v1/staff", {kEveryone, kEveryone}},
    {"POST /api/v1/staff", {{"admin"}, {}}},
    {"GET /api/v1/staff/{nip}", {kEveryone, kEveryone}},
    {"PUT /api/v1/staff/{nip}", {{"admin"}, {}}},
    {"POST /api/v1/org/import", {{"admin"}, {}}},
    {"GET /api/v1/accounts", {{"admin"}, {"admin"}}},  // lists only accounts within reach
    {"POST /api/v1/accounts", {{"admin"}, {}}},
    {"GET /api/v1/accounts/{id}", {{"admin"}, {}}},
    {"PUT /api/v1/accounts/{id}", {{"admin"}, {}}},
    {"GET /api/v1/events", {{}, {}}},  // needs a grant over the whole instansi (checked below)
    {"GET /api/v1/audit/packet", {{}, {}}},  // the same (tests/integration/packet_test.cpp)
    {"GET /api/v1/sops", {kEveryone, kEveryone}},
    {"POST /api/v1/sops", {{"penyusun"}, {}}},
    {"GET /api/v1/sops/{id}", {kEveryone, kEveryone}},
    {"PUT /api/v1/sops/{id}/draft", {{"penyusun"}, {}}},
    {"GET /api/v1/sops/{id}/history", {kDraftReaders, {}}},
    {"GET /api/v1/sops/{id}/links", {kEveryone, kEveryone}},
    {"GET /api/v1/sops/{id}/flowchart.svg", {kEveryone, kEveryone}},
    {"POST /api/v1/render/sop", {{"penyusun"}, {}}},
    {"GET /api/v1/sops/{id}/print", {kEveryone, kEveryone}},
    {"POST /api/v1/import/sop-steps", {{"penyusun"}, {}}},
    {"GET /api/v1/tasks", {kEveryone, kEveryone}},
    {"GET /api/v1/workflow", {kEveryone, kEveryone}},
    {"POST /api/v1/sops/{id}/actions/{action}", {{"penyusun", "verifikator", "pengesah"}, {}}},
    {"GET /api/v1/sops/{id}/comments", {kDraftReaders, {}}},
    {"POST /api/v1/sops/{id}/comments", {{"penyusun", "verifikator", "pengesah", "evaluator"}, {}}},
    {"PUT /api/v1/sops/{id}/comments/{comment}",
     {{"penyusun", "verifikator", "pengesah", "evaluator"}, {}}},
    {"GET /api/v1/sops/{id}/records", {kDraftReaders, {}}},
    {"POST /api/v1/sops/{id}/monitoring", {{"penyusun", "evaluator"}, {}}},
    {"POST /api/v1/sops/{id}/evaluations", {{"evaluator"}, {}}},
    {"GET /api/v1/sops/{id}/diff", {kDraftReaders, {}}},
    // The score (issue 14): everyone reads it; the evaluation team answers for its units; a
    // rubric needs an admin grant over the whole instansi (tests/integration/score_test.cpp).
    {"GET /api/v1/rubrics", {kEveryone, kEveryone}},
    {"GET /api/v1/rubrics/{id}", {kEveryone, kEveryone}},
    {"PUT /api/v1/rubrics/{id}", {{}, {}}},
    {"GET /api/v1/rubrics/{id}/history", {kEveryone, kEveryone}},
    {"GET /api/v1/answers/{rubric}/{unit}", {kEveryone, kEveryone}},
    {"PUT /api/v1/answers/{rubric}/{unit}", {{"evaluator"}, {}}},
    {"GET /api/v1/answers/{rubric}/{unit}/history", {kEveryone, kEveryone}},
    {"GET /api/v1/score", {kEveryone, kEveryone}},
    {"GET /api/v1/score/trend", {kEveryone, kEveryone}},
    // Personal access tokens: each person their own. Git needs an admin or auditor grant over the
    // whole instansi, and a token (tests/integration/git_http_test.cpp).
    {"GET /api/v1/me/tokens", {kEveryone, kEveryone}},
    {"POST /api/v1/me/tokens", {kEveryone, kEveryone}},
    {"DELETE /api/v1/me/tokens/{id}", {kEveryone, kEveryone}},
    {"GET /git/{path...}", {{}, {}}},
    {"POST /git/{path...}", {{}, {}}},
});

TEST_F(AccessTest, EveryRouteEveryRoleInsideAndOutsideTheSubtree) {
  start();
  // The routes the server really has must be exactly the table's.
  auto schemas = schema::Registry::load(config_.schemas_dir);
  ASSERT_THAT(schemas, IsOk());
  api::Context ctx{app_->library(), app_->org(), app_->accounts(), **schemas, 0};
  std::set<std::string> served, tabled;
  for (const auto& r : api::all_routes(ctx)) served.insert(r.method + " " + r.pattern);
  for (const auto& [k, v] : kMatrix) tabled.insert(k);
  ASSERT_EQ(served, tabled) << "a route was added without its row in the authorization matrix";

  const std::string kominfo = unit("2.16"), dinkes = unit("2.02");
  const std::string in_unit = unit("2.16.2"), out_unit = unit("2.02.2");
  const std::string in_pos = position("2.16.2.1-02"), out_pos = position("2.02.2.1-02");
  const std::string in_nip = "199302182019032011";  // the demo pegawai, in Diskominfo
  std::string out_nip;
  for (const auto& s : *app_->org().all_staff())
    if (s.position == position("2.02.2.1-01")) out_nip = s.nip;
  ASSERT_FALSE(out_nip.empty());
  for (const auto& role : kEveryone)
    add_account("m-" + role, in_nip, *domain::parse_role(role), kominfo);
  add_account("m-luar", out_nip, domain::Role::kPegawai, dinkes);
  std::string in_account = app_->accounts().by_username("m-pegawai")->value().id;
  std::string out_account = app_->accounts().by_username("m-luar")->value().id;

  // One SOP in force and with a draft in each place, made through the library.
  auto sop = [&](const std::string& u) {
    std::string id;
    std::string content = R"({"title":"SOP Uji","unit":")" + u + "\"}";
    EXPECT_THAT(app_->library().create(library::DocKind::kSop, content, {"Uji", ""}, "buat", &id),
                IsOk());
    EXPECT_THAT(app_->library().merge_draft({id, 1, {"Uji", ""}, "sahkan", {}}), IsOk());
    library::SaveRequest save{library::DocKind::kSop, id, 2, content, {"Uji", ""}, "revisi"};
    EXPECT_THAT(app_->library().save_draft(save), IsOk());
    return id;
  };
  const std::string in_sop = sop(in_unit), out_sop = sop(out_unit);
  auto map = [&](const std::string& u) {
    std::string id;
    std::string content = R"({"type":"lintas_fungsi","title":"Peta Uji","unit":")" + u + "\"}";
    EXPECT_THAT(app_->library().create(library::DocKind::kMap, content, {"Uji", ""}, "buat", &id),
                IsOk());
    EXPECT_THAT(app_->library().merge_draft({id, 1, {"Uji", ""}, "sahkan", {}}), IsOk());
    library::SaveRequest save{library::DocKind::kMap, id, 2, content, {"Uji", ""}, "revisi"};
    EXPECT_THAT(app_->library().save_draft(save), IsOk());
    return id;
  };
  const std::string in_map = map(in_unit), out_map = map(out_unit);

  int serial = 0;
  auto unit_json = [&](const std::string& id) {
    json::value v = app_->org().tree()->unit(id)->to_json();
    return json::serialize(v);
  };
  // The request each route gets, for a target inside or outside. Bodies are valid where the
  // access check needs them, and harmless: writes that pass make small, unique changes.
  auto build = [&](const std::string& key, bool inside,
                   const std::string& role) -> std::tuple<std::string, std::string, std::string> {
    const std::string u = inside ? in_unit : out_unit;
    // A map's document route is asked as the SOP's, under its own folder and with its own ids.
    const std::size_t maps_at = key.find(" /api/v1/maps");
    const bool map_route = maps_at != std::string::npos;
    const std::string base = map_route ? "/api/v1/maps" : "/api/v1/sops";
    const std::string type_field = map_route ? R"("type":"lintas_fungsi",)" : "";
    const std::string s = map_route ? (inside ? in_map : out_map) : (inside ? in_sop : out_sop);
    if (key == "GET /api/v1/maps/{id}/bpmn") return {"GET", base + "/" + s + "/bpmn", ""};
    if (key == "GET /api/v1/maps/{id}/diagram.svg")
      return {"GET", base + "/" + s + "/diagram.svg", ""};
    if (key == "POST /api/v1/maps/import/bpmn")  // allowed means 422: not BPMN
      return {"POST", base + "/import/bpmn?unit=" + u, "<bukan-bpmn/>"};
    if (key == "POST /api/v1/render/map")
      return {"POST", "/api/v1/render/map",
              R"({"document":{"type":"lintas_fungsi","title":"Peta Uji","unit":")" + u + "\"}}"};
    if (key == "GET /api/v1/coverage") return {"GET", "/api/v1/coverage?unit=" + u, ""};
    const std::string k =
        map_route ? key.substr(0, maps_at) + " /api/v1/sops" + key.substr(maps_at + 13) : key;
    const std::string n = std::to_string(++serial);
    const std::string nip = inside ? in_nip : out_nip;
    if (key == "GET /healthz") return {"GET", "/healthz", ""};
    if (key == "GET /api/v1/verify/{code}") return {"GET", "/api/v1/verify/SPN-0000", ""};
    if (key == "GET /v/{code}") return {"GET", "/v/SPN-0000", ""};
    if (key == "GET /v") return {"GET", "/v", ""};
    if (key == "POST /api/v1/session")
      return {"POST", "/api/v1/session",
              R"({"username":"m-)" + role + R"(","password":"sandi-uji-123"})"};
    if (key == "DELETE /api/v1/session") return {"DELETE", "/api/v1/session", ""};
    if (key == "GET /api/v1/me") return {"GET", "/api/v1/me", ""};
    if (key == "PUT /api/v1/me/password")
      return {"PUT", "/api/v1/me/password",
              R"({"current_password":"salah-sekali-1","new_password":"baru-sekali-12"})"};
    if (key == "GET /api/v1/instansi") return {"GET", "/api/v1/instansi", ""};
    if (key == "GET /api/v1/instansi/logo") return {"GET", "/api/v1/instansi/logo", ""};
    if (key == "PUT /api/v1/instansi/logo")  // (the access check comes before the body's type)
      return {"PUT", "/api/v1/instansi/logo", R"({"bukan":"gambar"})"};
    if (key == "DELETE /api/v1/instansi/logo") return {"DELETE", "/api/v1/instansi/logo", ""};
    if (key == "GET /api/v1/units") return {"GET", "/api/v1/units", ""};
    if (key == "POST /api/v1/units")
      return {
          "POST", "/api/v1/units",
          R"({"code":"UJI-)" + n + R"(","name":"Seksi Uji","kind":"seksi","parent":")" + u + "\"}"};
    if (key == "GET /api/v1/units/{id}") return {"GET", "/api/v1/units/" + u, ""};
    if (key == "PUT /api/v1/units/{id}") return {"PUT", "/api/v1/units/" + u, unit_json(u)};
    if (key == "GET /api/v1/units/{id}/history")
      return {"GET", "/api/v1/units/" + u + "/history", ""};
    if (key == "GET /api/v1/staff") return {"GET", "/api/v1/staff", ""};
    if (key == "POST /api/v1/staff")
      return {"POST", "/api/v1/staff",
              R"({"nip":"20000101202003)" + std::to_string(1000 + serial % 9000) +
                  R"(","name":"Pegawai Uji","position":")" + (inside ? in_pos : out_pos) + "\"}"};
    if (key == "GET /api/v1/staff/{nip}") return {"GET", "/api/v1/staff/" + nip, ""};
    if (key == "PUT /api/v1/staff/{nip}") {
      auto st = app_->org().staff(nip)->value();
      return {"PUT", "/api/v1/staff/" + nip, json::serialize(st.to_json())};
    }
    if (key == "POST /api/v1/org/import")
      return {"POST", "/api/v1/org/import",
              R"({"dry_run":true,"staff":[{"nip":")" + nip + R"(","nama":"Nama Baru )" + n +
                  R"(","kode_jabatan":")" + (inside ? "2.16.2.1-02" : "2.02.2.1-01") + "\"}]}"};
    if (key == "GET /api/v1/accounts") return {"GET", "/api/v1/accounts", ""};
    if (key == "POST /api/v1/accounts")
      return {"POST", "/api/v1/accounts",
              R"({"username":"baru-)" + n + R"(","nip":")" + nip +
                  R"(","temporary_password":"sementara-123","grants":[{"role":"pegawai","unit":")" +
                  u + "\"}]}"};
    if (key == "GET /api/v1/accounts/{id}")
      return {"GET", "/api/v1/accounts/" + (inside ? in_account : out_account), ""};
    if (key == "PUT /api/v1/accounts/{id}") {
      auto a = app_->accounts().get(inside ? in_account : out_account)->value();
      return {"PUT", "/api/v1/accounts/" + a.id,
              R"({"username":")" + a.username + R"(","nip":")" + a.nip +
                  R"(","grants":[{"role":"pegawai","unit":")" + (inside ? kominfo : dinkes) +
                  "\"}]}"};
    }
    if (key == "GET /api/v1/events") return {"GET", "/api/v1/events?limit=5", ""};
    if (key == "GET /api/v1/audit/packet") return {"GET", "/api/v1/audit/packet?unit=" + u, ""};
    if (k == "GET /api/v1/sops") return {"GET", base, ""};
    if (k == "POST /api/v1/sops")
      return {"POST", base,
              R"({"document":{)" + type_field + R"("title":"SOP Baru","unit":")" + u + "\"}}"};
    if (k == "GET /api/v1/sops/{id}") return {"GET", base + "/" + s, ""};
    if (k == "PUT /api/v1/sops/{id}/draft")  // stale on purpose: allowed means 412, not 403
      return {"PUT", base + "/" + s + "/draft",
              R"({"document":{)" + type_field + R"("title":"SOP Uji","unit":")" + u + "\"}}"};
    if (k == "GET /api/v1/sops/{id}/history") return {"GET", base + "/" + s + "/history", ""};
    if (k == "GET /api/v1/sops/{id}/links") return {"GET", base + "/" + s + "/links", ""};
    if (k == "GET /api/v1/sops/{id}/flowchart.svg")
      return {"GET", base + "/" + s + "/flowchart.svg", ""};
    if (k == "POST /api/v1/sops/{id}/actions/{action}") {
      // Each role takes an action of its own on a draft (konsep): the penyusun's is stale (412),
      // the reviewers' do not fit the state (409); none of them is refused by the guard.
      const std::string act = role == "verifikator" ? "verify"
                              : role == "pengesah"  ? "ratify"
                                                    : "discard";
      return {"POST", base + "/" + s + "/actions/" + act, R"({"reason":"Uji hak akses"})"};
    }
    if (key == "GET /api/v1/tasks") return {"GET", "/api/v1/tasks", ""};
    const std::string rubric = "/api/v1/rubrics/permenpanrb-14-2014";
    if (key == "GET /api/v1/rubrics") return {"GET", "/api/v1/rubrics", ""};
    if (key == "GET /api/v1/rubrics/{id}") return {"GET", rubric, ""};
    if (key == "PUT /api/v1/rubrics/{id}")  // allowed would mean 422: not a rubric
      return {"PUT", rubric, R"({"rubric":{}})"};
    if (key == "GET /api/v1/rubrics/{id}/history") return {"GET", rubric + "/history", ""};
    const std::string answers = "/api/v1/answers/permenpanrb-14-2014/" + u;
    if (key == "GET /api/v1/answers/{rubric}/{unit}") return {"GET", answers, ""};
    if (key == "GET /api/v1/answers/{rubric}/{unit}/history")
      return {"GET", answers + "/history", ""};
    if (key == "PUT /api/v1/answers/{rubric}/{unit}")  // allowed means 422: no evidence
      return {"PUT", answers, R"({"answers":{"egov_a":{"answer":"Ya"}},"password":"x"})"};
    if (key == "GET /api/v1/score")
      return {"GET", "/api/v1/score?rubric=permenpanrb-14-2014&unit=" + u, ""};
    if (key == "GET /api/v1/score/trend")
      return {"GET", "/api/v1/score/trend?rubric=permenpanrb-14-2014&months=2&unit=" + u, ""};
    if (key == "GET /api/v1/workflow") return {"GET", "/api/v1/workflow", ""};
    if (key == "GET /api/v1/me/tokens") return {"GET", "/api/v1/me/tokens", ""};
    if (key == "POST /api/v1/me/tokens")
      return {"POST", "/api/v1/me/tokens",
              R"({"name":"Token uji )" + n + R"(","password":"sandi-uji-123"})"};
    if (key == "DELETE /api/v1/me/tokens/{id}")  // allowed means 404: no such token
      return {"DELETE", "/api/v1/me/tokens/" + new_id(), ""};
    if (key == "GET /git/{path...}")
      return {"GET", "/git/sopan.git/info/refs?service=git-upload-pack", ""};
    if (key == "POST /git/{path...}") return {"POST", "/git/sopan.git/git-upload-pack", "0000"};
    if (k == "GET /api/v1/sops/{id}/comments") return {"GET", base + "/" + s + "/comments", ""};
    if (k == "POST /api/v1/sops/{id}/comments")
      return {"POST", base + "/" + s + "/comments",
              R"({"text":"Komentar uji )" + n + R"(","anchor":"/title"})"};
    if (k == "PUT /api/v1/sops/{id}/comments/{comment}")  // allowed means 404: no such comment
      return {"PUT", base + "/" + s + "/comments/" + new_id(), R"({"resolved":true})"};
    if (k == "GET /api/v1/sops/{id}/records") return {"GET", base + "/" + s + "/records", ""};
    if (k == "POST /api/v1/sops/{id}/monitoring")  // allowed means 422: a date in the future
      return {"POST", base + "/" + s + "/monitoring",
              R"({"date":"2999-01-01","judgement":"baik","notes":"Uji hak akses"})"};
    if (k == "POST /api/v1/sops/{id}/evaluations")  // allowed means 422: no password
      return {
          "POST", base + "/" + s + "/evaluations",
          R"({"criteria":[{"answer":"ya"},{"answer":"ya"},{"answer":"ya"},{"answer":"ya"},)"
          R"({"answer":"ya"},{"answer":"ya"},{"answer":"ya"}],"outcome":"tetap","notes":"Uji"})"};
    if (k == "GET /api/v1/sops/{id}/diff") return {"GET", base + "/" + s + "/diff", ""};
    if (key == "POST /api/v1/import/sop-steps")
      return {
          "POST", "/api/v1/import/sop-steps",
          R"({"csv":"No,Kegiatan,Pemohon,Kelengkapan,Waktu,Output,Keterangan\n1,Mulai,mulai,,,,\n","unit":")" +
              u + "\"}"};
    if (k == "GET /api/v1/sops/{id}/print") return {"GET", base + "/" + s + "/print", ""};
    if (key == "POST /api/v1/render/sop")
      return {"POST", "/api/v1/render/sop",
              R"({"document":{"title":"SOP Uji","unit":")" + u + "\"}}"};
    ADD_FAILURE() << "no request for " << key;
    return {};
  };

  // Git clients sign in with a personal access token, never the session.
  std::map<std::string, std::string> git_auth;
  for (const auto& role : kEveryone) {
    auto account = app_->accounts().by_username("m-" + role)->value();
    auto token = app_->accounts().tokens().create(account.id, "Matriks", "");
    ASSERT_THAT(token, IsOk());
    git_auth[role] = basic_authorization("m-" + role, token->value);
  }

  for (const auto& role : kEveryone) {
    HttpClient c(port_);
    ASSERT_EQ(c.login("m-" + role, "sandi-uji-123").status, 200);
    for (const auto& [key, expect] : kMatrix) {
      for (bool inside : {true, false}) {
        auto [method, target, body] = build(key, inside, role);
        std::map<std::string, std::string> headers;
        if (key.ends_with("/{id}/draft") || key.ends_with("/{id}/actions/{action}"))
          headers["If-Match"] = "\"1\"";
        if (key == "POST /api/v1/maps/import/bpmn") headers["Content-Type"] = "application/xml";
        if (key.find(" /git/") != std::string::npos) {
          headers["Authorization"] = git_auth[role];
          headers["Content-Type"] = "application/x-git-upload-pack-request";
        }
        if (key == "POST /api/v1/session") c.forget_session();
        HttpReply r = c.request(method, target, body, headers);
        const bool allowed = (inside ? expect.inside : expect.outside).count(role) > 0;
        if (allowed)
          EXPECT_TRUE(r.status != 401 && r.status != 403)
              << role << " " << (inside ? "inside" : "outside") << " " << key << " → " << r.status
              << " " << r.body;
        else
          EXPECT_EQ(r.status, 403)
              << role << " " << (inside ? "inside" : "outside") << " " << key << " → " << r.body;
        // Signing in or out replaces the session: start the next request from a fresh one.
        if (key == "POST /api/v1/session" || key == "DELETE /api/v1/session") {
          ASSERT_EQ(c.login("m-" + role, "sandi-uji-123").status, 200);
        }
      }
    }
  }

  // Without a session every route but the public ones answers 401.
  HttpClient anonymous(port_);
  for (const auto& [key, expect] : kMatrix) {
    if (key == "GET /healthz" || key == "POST /api/v1/session" || key == "GET /api/v1/instansi" ||
        key == "GET /api/v1/instansi/logo" || key == "GET /api/v1/verify/{code}" ||
        key == "GET /v/{code}" || key == "GET /v")
      continue;
    auto [method, target, body] = build(key, true, "admin");
    EXPECT_EQ(anonymous.request(method, target, body).status, 401) << key;
  }
  // The audit log needs a grant over the whole instansi: the demo auditor has one.
  HttpClient auditor(port_);
  ASSERT_EQ(auditor.login("auditor").status, 200);
  auto events = auditor.request("GET", "/api/v1/events?kind=access.denied");
  ASSERT_EQ(events.status, 200);
  EXPECT_GT(json::parse(events.body).at("count").as_int64(), 50);  // every denial above
}

// ---------------------------------------------------------------------------------------------

TEST_F(AccessTest, SessionsExpireWhenIdleAndAtTheirAbsoluteLimit) {
  using namespace std::chrono;
  config_.sessions.idle = seconds(2);
  start();
  HttpClient c(port_);
  ASSERT_EQ(c.login("pegawai").status, 200);
  EXPECT_EQ(c.request("GET", "/api/v1/me").status, 200);
  std::this_thread::sleep_for(milliseconds(2500));
  EXPECT_EQ(c.request("GET", "/api/v1/me").status, 401);

  app_.reset();
  config_.sessions.idle = seconds(60);
  config_.sessions.absolute = seconds(2);
  start();
  HttpClient d(port_);
  ASSERT_EQ(d.login("pegawai").status, 200);
  const auto signed_in = steady_clock::now();
  while (steady_clock::now() - signed_in < milliseconds(1200)) {  // busy, never idle...
    EXPECT_EQ(d.request("GET", "/api/v1/me").status, 200);
    std::this_thread::sleep_for(milliseconds(200));
  }
  std::this_thread::sleep_until(signed_in + milliseconds(2500));  // ...and still it ends
  EXPECT_EQ(d.request("GET", "/api/v1/me").status, 401);
}

TEST_F(AccessTest, WritesNeedTheCsrfTokenAndLogoutEndsTheSession) {
  start();
  HttpClient c(port_);
  auto login = c.login("admin");
  ASSERT_EQ(login.status, 200);
  EXPECT_NE(login.header("set-cookie").find("HttpOnly"), std::string::npos);
  EXPECT_NE(login.header("set-cookie").find("SameSite=Strict"), std::string::npos);
  std::string body =
      R"({"code":"9.9","name":"Seksi Baru","kind":"seksi","parent":")" + unit("2.16.2") + "\"}";
  auto missing = c.request("POST", "/api/v1/units", body, {{"X-CSRF-Token", ""}});
  EXPECT_EQ(missing.status, 403);
  EXPECT_EQ(json::parse(missing.body).at("error").at("details").at(0).at("path"),
            "/headers/X-CSRF-Token");
  EXPECT_EQ(
      c.request("POST", "/api/v1/units", body, {{"X-CSRF-Token", std::string(64, 'a')}}).status,
      403);
  EXPECT_EQ(app_->org().tree()->unit_by_code("9.9"), nullptr);
  EXPECT_EQ(c.request("POST", "/api/v1/units", body).status, 201);
  EXPECT_NE(app_->org().tree()->unit_by_code("9.9"), nullptr);

  EXPECT_EQ(c.request("DELETE", "/api/v1/session").status, 204);
  EXPECT_EQ(c.request("GET", "/api/v1/me").status, 401);
}

TEST_F(AccessTest, RepeatedFailuresAreThrottledAndLogged) {
  start();
  HttpClient c(port_);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(c.login("pengesah", "salah-terus-1").status, 401);
  auto held = c.login("pengesah");  // even the right password waits now
  EXPECT_EQ(held.status, 429);
  EXPECT_EQ(json::parse(held.body).at("error").at("code"), "throttled");
  HttpClient other(port_);
  EXPECT_EQ(other.login("auditor").status, 200);
  auto events = other.request("GET", "/api/v1/events?kind=login.");
  ASSERT_EQ(events.status, 200);
  std::map<std::string, int> kinds;
  const json::value answer = json::parse(events.body);
  for (const auto& e : answer.at("items").as_array())
    ++kinds[std::string(e.at("kind").as_string())];
  EXPECT_EQ(kinds["login.failed"], 5);
  EXPECT_EQ(kinds["login.throttled"], 1);
}

TEST_F(AccessTest, TemporaryPasswordMustBeChangedFirst) {
  start();
  HttpClient admin(port_);
  ASSERT_EQ(admin.login("admin").status, 200);
  auto created = admin.request(
      "POST", "/api/v1/accounts",
      R"({"username":"baru","nip":"197106201993011023","temporary_password":"sementara-123",)"
      R"("grants":[{"role":"pegawai","unit":")" +
          unit("2.16") + "\"}]}");
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.body.find("password_hash"), std::string::npos);

  HttpClient user(port_);
  auto login = user.login("baru", "sementara-123");
  ASSERT_EQ(login.status, 200);
  EXPECT_EQ(json::parse(login.body).at("must_change_password"), true);
  EXPECT_EQ(user.request("GET", "/api/v1/units").status, 403);
  auto weak = user.request("PUT", "/api/v1/me/password",
                           R"({"current_password":"sementara-123","new_password":"pendek"})");
  EXPECT_EQ(weak.status, 422);
  EXPECT_EQ(json::parse(weak.body).at("error").at("details").at(0).at("path"), "/new_password");
  EXPECT_EQ(user.request("PUT", "/api/v1/me/password",
                         R"({"current_password":"sementara-123","new_password":"milik-saya-2026"})")
                .status,
            204);
  EXPECT_EQ(user.request("GET", "/api/v1/units").status, 200);
  EXPECT_EQ(user.login("baru", "milik-saya-2026").status, 200);
}

// ---------------------------------------------------------------------------------------------

TEST_F(AccessTest, ImportAddsUnitsPositionsAndStaffInOneCommit) {
  start();
  HttpClient c(port_);
  ASSERT_EQ(c.login("admin").status, 200);
  // Semicolons and a BOM, as an Indonesian-locale spreadsheet saves them; extra HR columns.
  std::string units =
      "\xEF\xBB\xBFkode;nama;jenis;kode_induk\n"
      "2.16.4;Bidang Persandian dan Statistik;bidang;2.16\n"
      "2.16.4.1;Seksi Statistik Sektoral;seksi;2.16.4\n";
  std::string positions =
      "kode,nama,jenis,eselon,kode_unit,kepala\n"
      "2.16.4-01,Kepala Bidang Persandian dan Statistik,administrator,III.b,"
      "2.16.4,ya\n"
      "2.16.4.1-01,Kepala Seksi Statistik Sektoral,pengawas,IV.a,2.16.4.1,ya\n"
      "2.16.4.1-02,Statistisi Ahli Pertama,fungsional,,2.16.4.1,tidak\n";
  std::string staff =
      "nip,nama,kode_jabatan,aktif,tanggal_lahir\n"
      "199001012015031001,\"Bagus Prakoso, S.Si.\",2.16.4.1-02,ya,1990-01-01\n"
      "199302182019032011,Aulia Kusuma Dewi,2.16.4.1-01,ya,1993-02-18\n";
  json::object body{
      {"units", units}, {"positions", positions}, {"staff", staff}, {"dry_run", true}};
  std::string before = org_in_git();
  auto dry = c.request("POST", "/api/v1/org/import", json::serialize(body));
  ASSERT_EQ(dry.status, 200) << dry.body;
  auto plan = json::parse(dry.body);
  EXPECT_EQ(plan.at("units").at("added"), 2);
  EXPECT_EQ(plan.at("positions").at("added"), 3);
  EXPECT_EQ(plan.at("staff").at("added"), 1);
  EXPECT_EQ(plan.at("staff").at("changed"), 1);
  EXPECT_EQ(plan.at("ignored_columns").at("staff").at(0), "tanggal_lahir");
  EXPECT_EQ(org_in_git(), before);  // a dry run writes nothing
  EXPECT_EQ(app_->org().tree()->unit_by_code("2.16.4"), nullptr);

  body["dry_run"] = false;
  auto applied = c.request("POST", "/api/v1/org/import", json::serialize(body));
  ASSERT_EQ(applied.status, 200) << applied.body;
  auto tree = app_->org().tree();
  const domain::Unit* seksi = tree->unit_by_code("2.16.4.1");
  ASSERT_NE(seksi, nullptr);
  EXPECT_EQ(tree->unit(seksi->parent)->code, "2.16.4");
  EXPECT_EQ(seksi->head_position, tree->position_by_code("2.16.4.1-01")->id);
  auto moved = app_->org().staff("199302182019032011")->value();
  EXPECT_EQ(moved.position, tree->position_by_code("2.16.4.1-01")->id);
  EXPECT_EQ(moved.name, "Aulia Kusuma Dewi");
  auto listed = c.request("GET", "/api/v1/staff?unit=" + seksi->id);
  EXPECT_EQ(json::parse(listed.body).at("count"), 2);
  // The same file again changes nothing.
  auto again = c.request("POST", "/api/v1/org/import", json::serialize(body));
  EXPECT_EQ(json::parse(again.body).at("units").at("unchanged"), 2);
}

TEST_F(AccessTest, ImportWithErrorsIsRefusedWholeAndListsEveryBadCell) {
  start();
  HttpClient c(port_);
  ASSERT_EQ(c.login("admin").status, 200);
  std::string units =
      "kode,nama,jenis,kode_induk\n"
      "8.1,Dinas Baru,dinas,\n"           // fine on its own
      "8.2,Bidang Aneh,departemen,8.1\n"  // unknown kind
      "8.3,,bidang,9.9\n";                // no name, unknown parent
  std::string staff =
      "nip,nama,kode_jabatan,aktif\n"
      "12345,Tanpa NIP Benar,,ya\n"
      "199001012015031001,Pegawai Baru,X-404,mungkin\n";
  json::object body{{"units", units}, {"staff", staff}};
  std::string before = org_in_git();
  auto staff_before = app_->org().all_staff()->size();
  auto r = c.request("POST", "/api/v1/org/import", json::serialize(body));
  ASSERT_EQ(r.status, 422) << r.body;
  std::set<std::string> paths;
  const json::value answer = json::parse(r.body);
  for (const auto& d : answer.at("error").at("details").as_array()) {
    paths.insert(std::string(d.at("path").as_string()));
    EXPECT_FALSE(d.at("message").as_string().empty());
  }
  EXPECT_EQ(paths, (std::set<std::string>{"/units/3/jenis", "/units/4/nama", "/units/4/kode_induk",
                                          "/staff/2/nip", "/staff/3/kode_jabatan"}));
  EXPECT_EQ(org_in_git(), before);
  EXPECT_EQ(app_->org().all_staff()->size(), staff_before);
  EXPECT_EQ(app_->org().tree()->unit_by_code("8.1"), nullptr);
}

TEST_F(AccessTest, ImportRefusesBrokenCsvAndCycles) {
  start();
  HttpClient c(port_);
  ASSERT_EQ(c.login("admin").status, 200);
  auto first_path = [](const HttpReply& r) {
    const json::value v = json::parse(r.body);
    return std::string(v.at("error").at("details").at(0).at("path").as_string());
  };
  auto broken = c.request("POST", "/api/v1/org/import",
                          R"({"staff":"nip,nama\n199001012015031001,\"Tanpa tutup\n"})");
  EXPECT_EQ(broken.status, 422);
  EXPECT_EQ(first_path(broken), "/staff");
  // Diskominfo moved under its own bidang: a cycle, found when the whole tree is checked.
  auto cycle =
      c.request("POST", "/api/v1/org/import",
                R"({"units":"kode,nama,jenis,kode_induk\n2.16,Dinas Kominfo,dinas,2.16.2\n"})");
  EXPECT_EQ(cycle.status, 422) << cycle.body;
  EXPECT_NE(cycle.body.find("lingkaran"), std::string::npos);
  EXPECT_EQ(app_->org().tree()->unit_by_code("2.16")->parent, app_->org().tree()->root());
}

TEST_F(AccessTest, ReorganisationKeepsIdsAndTheHistoryReadable) {
  start();
  HttpClient c(port_);
  ASSERT_EQ(c.login("admin").status, 200);
  auto tree = app_->org().tree();
  const domain::Unit seksi = *tree->unit_by_code("2.16.3.1");  // Pengelolaan Informasi Publik
  const std::string other_bidang = unit("2.16.2");
  auto put = [&](json::value body) {
    return c.request("PUT", "/api/v1/units/" + seksi.id, json::serialize(body));
  };
  // Rename, then move to another bidang: same id, same positions.
  json::value renamed = seksi.to_json();
  renamed.as_object()["name"] = "Seksi Layanan Informasi Publik";
  ASSERT_EQ(put(renamed).status, 200);
  json::value moved = renamed;
  moved.as_object()["parent"] = other_bidang;
  auto r = put(moved);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body).at("path").at(2).at("id").as_string(), other_bidang);
  EXPECT_EQ(app_->org().tree()->unit(seksi.id)->positions.size(), seksi.positions.size());

  // Closing it while staff still hold its positions is refused, and nothing changes.
  json::value closed = moved;
  closed.as_object()["closed"] =
      json::object{{"date", "2026-12-31"}, {"reason", "Digabung"}, {"successors", {other_bidang}}};
  auto refused = put(closed);
  EXPECT_EQ(refused.status, 422);
  EXPECT_FALSE(app_->org().tree()->unit(seksi.id)->closed);
  // Move its staff out (the position's holders), then the merge into the bidang goes through.
  for (auto s : app_->org().all_staff().value())
    if (seksi.position(s.position)) {
      s.position = app_->org().tree()->unit(other_bidang)->positions.front().id;
      ASSERT_EQ(c.request("PUT", "/api/v1/staff/" + s.nip, json::serialize(s.to_json())).status,
                200);
    }
  ASSERT_EQ(put(closed).status, 200);
  EXPECT_TRUE(app_->org().tree()->unit(seksi.id)->closed);
  // The unit file's story, newest first, with stock-git facts.
  auto history = c.request("GET", "/api/v1/units/" + seksi.id + "/history");
  ASSERT_EQ(history.status, 200);
  const json::value h = json::parse(history.body);
  const auto& versions = h.at("versions").as_array();
  ASSERT_EQ(versions.size(), 4u);  // import, rename, move, close
  EXPECT_EQ(versions[0].at("action"), "org.unit.close");
  EXPECT_EQ(versions[3].at("action"), "org.import");
  EXPECT_EQ(versions[2].at("message"),
            "Mengganti nama unit Seksi Pengelolaan Informasi Publik menjadi Seksi Layanan "
            "Informasi Publik");
}

// ---------------------------------------------------------------------------------------------

TEST_F(AccessTest, NoPasswordHashOrTokenInGitLogsOrAnswers) {
  std::FILE* log_file = std::tmpfile();
  log::set_output(log_file);
  config_.server.access_log = true;
  start();
  std::vector<std::string> answers;
  HttpClient c(port_);
  auto login = c.login("admin");
  answers.push_back(login.body);
  answers.push_back(c.request("GET", "/api/v1/me").body);
  answers.push_back(c.request("GET", "/api/v1/accounts").body);
  answers.push_back(c.request("GET", "/api/v1/events?limit=100").body);
  answers.push_back(c.login("admin", "kata-sandi-salah-9").body);
  ASSERT_EQ(c.login("admin").status, 200);
  answers.push_back(
      c.request("PUT", "/api/v1/me/password",
                R"({"current_password":"sopan-demo","new_password":"rahasia-baru-77"})")
          .body);
  const std::string token = c.session_cookie().substr(c.session_cookie().find('=') + 1);
  app_.reset();
  log::set_output(nullptr);

  std::string logs;
  std::rewind(log_file);
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, log_file)) > 0;) logs.append(buf, n);
  std::fclose(log_file);
  ASSERT_FALSE(logs.empty());

  // Every object in the repository, decompressed by stock git.
  std::string objects;
  std::string cmd = "git --git-dir=" + (dir_.path() / "data" / "repo.git").string() +
                    " cat-file --batch-all-objects --batch";
  std::FILE* git = ::popen(cmd.c_str(), "r");
  ASSERT_NE(git, nullptr);
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, git)) > 0;) objects.append(buf, n);
  ASSERT_EQ(::pclose(git), 0);
  ASSERT_NE(objects.find("Dinas Komunikasi dan Informatika"), std::string::npos);

  for (const std::string& secret :
       {std::string("sopan-demo"), std::string("rahasia-baru-77"),
        std::string("kata-sandi-salah-9"), std::string("$argon2id"), token, c.csrf_token()}) {
    EXPECT_EQ(objects.find(secret), std::string::npos) << "in git: " << secret;
    EXPECT_EQ(logs.find(secret), std::string::npos) << "in logs: " << secret;
    if (secret == c.csrf_token()) continue;  // handed to the app on purpose
    for (const auto& a : answers) EXPECT_EQ(a.find(secret), std::string::npos) << a;
  }
}

}  // namespace
}  // namespace sopan
