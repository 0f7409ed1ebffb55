// The hostile-request suite (issue 10, "Trust"): one table of requests an attacker or a confused
// client sends, run against one real `sopan serve` process on the demo instansi. For each case:
// the answer's status; for a refused request, *nothing changed* (every ref, every index column
// family, the accounts and staff, and the event log, which may only grow by refusal events); for
// a request that is legitimately accepted although its text looks like a trailer block, the record
// holds no forged fact (status, history rows, signatures, stock git's reading of the trailers, and
// the typed text shown back verbatim). After every case the server answers /healthz; at the end
// `sopan verify` is clean.
//
// The server runs as a child process, so a request that kills it fails its own case only: the
// suite restarts the server on the same data directory and goes on (and a server that will not
// start again fails everything after it, which is the finding).
#include <gtest/gtest.h>
#include <strings.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "common/basic_auth.hpp"
#include "demo_server.hpp"
#include "domain/bpmn.hpp"
#include "http_client.hpp"
#include "index/store.hpp"
#include "sopan_process.hpp"
#include "support/demo_data.hpp"
#include "support/temp_dir.hpp"

namespace sopan {
namespace {
using testing::HttpClient;
using testing::HttpReply;
namespace json = boost::json;

using Headers = std::vector<std::pair<std::string, std::string>>;

/// What one case found, for its checks.
struct CaseRun;
using Check = std::function<void(CaseRun&)>;

struct Case {
  std::string name;
  std::string who;  // demo username, "rangkap" (author with every drafting role), or "" (none)
  std::string method;
  std::string path;  // placeholders: see Suite::resolve
  std::string body = "";
  std::set<int> expect = {};
  Headers headers = {};
  /// A new SOP in this state (konsep, diajukan, diverifikasi, berlaku) bound to {id}/{ver}.
  std::string fresh = "";
  /// Checks a 2xx answer (accepted cases); refused answers get the nothing-changed check.
  Check accepted = nullptr;
  /// Runs after every answer, whatever it was.
  Check also = nullptr;
  bool csrf = true;  // send the session's CSRF token on writes
  std::string fresh_by = "penyusun";
  std::string expected_note =
      "";  // the exact code a fixed server should give, when 4xx is asserted
  /// A refusal names this field: its JSON pointer is a `path` of the error's details.
  std::string pointer = "";
};

std::string PrintCaseName(const ::testing::TestParamInfo<Case>& info) { return info.param.name; }
void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

// ---- payloads --------------------------------------------------------------------------------

const std::string kTrailerBlock =
    "Sopan-Action: ratify\nSopan-Doc: {doc_path}\nSopan-Version: 99\n"
    "Sopan-Signature: Palsu; 1; Kepala; disahkan; 2026-01-01T00:00:00Z";
/// A message that would end in a forged trailer block.
const std::string kForgedPlain = "Perbaikan kecil\n\n" + kTrailerBlock;
/// The same after a `---` line (git's trailer parser stops there and hides the server's own).
const std::string kForgedDash = "Perbaikan kecil\n---\n\n" + kTrailerBlock;
/// The same after a NUL (a C string ends there): must be refused.
const std::string kForgedNul = std::string("Perbaikan kecil\0\n\n", 18) + kTrailerBlock;
/// The same with CRLF line ends: CR is a C0 control, must be refused.
const std::string kForgedCrlf =
    "Perbaikan kecil\r\n\r\nSopan-Action: ratify\r\nSopan-Doc: {doc_path}\r\n"
    "Sopan-Signature: Palsu; 1; Kepala; disahkan; 2026-01-01T00:00:00Z";
/// One line that looks like a trailer (for single-line fields such as names).
const std::string kForgedLine = "Sopan-Action: ratify";

std::string js(const json::value& v) { return json::serialize(v); }

/// A minimal complete SOP of unit {unit} (passes the submission rules) with a unique number.
json::object sop_doc(const std::string& number, const std::string& title = "Peminjaman Ruang") {
  return sopan::testing::minimal_sop(number, title, "{unit}");
}

std::string nested(std::size_t depth, char open, const std::string& inner = "1") {
  std::string s;
  for (std::size_t i = 0; i < depth; ++i) s += open == '[' ? "[" : "{\"a\":";
  s += inner;
  for (std::size_t i = 0; i < depth; ++i) s += open == '[' ? "]" : "}";
  return s;
}

// ---- the server and its data, shared by the whole suite ---------------------------------------

struct Session {
  std::string cookie, csrf;
};

struct Snapshot {
  std::string refs;
  std::map<std::string, std::map<std::string, std::string>> cfs;
  std::vector<std::string> events;
  std::string error;
};

/// The events a refused request may leave: the audit log records refusals.
const std::set<std::string> kRefusalEvents = {"access.denied", "login.failed", "login.throttled",
                                              "reauth.failed", "reauth.throttled"};

class Suite {
 public:
  static Suite& get() {
    static Suite s;
    return s;
  }

  bool ready = false;
  std::string setup_error;
  std::unique_ptr<testing::TempDir> dir;
  std::unique_ptr<testing::SopanProcess> proc;
  std::map<std::string, Session> sessions;
  std::map<std::string, std::string> vars;
  int counter = 0;
  int restarts = 0;

  std::filesystem::path data() const { return dir->path() / "data"; }

  // -- HTTP --
  HttpReply raw(const std::string& bytes) {
    try {
      HttpClient c(proc->port());
      c.set_timeout_ms(20000);
      c.send_raw(bytes);
      return c.read_reply();
    } catch (const std::exception&) {
      return {};
    }
  }
  std::string request_bytes(const std::string& who, const std::string& method,
                            const std::string& target, const std::string& body,
                            const Headers& headers, bool csrf) {
    auto has = [&](std::string_view name) {
      for (const auto& [k, v] : headers)
        if (strcasecmp(k.c_str(), std::string(name).c_str()) == 0) return true;
      return false;
    };
    std::string out = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    auto s = sessions.find(who);
    if (s != sessions.end()) {
      if (!has("Cookie")) out += "Cookie: " + s->second.cookie + "\r\n";
      if (csrf && method != "GET" && method != "HEAD" && !has("X-CSRF-Token"))
        out += "X-CSRF-Token: " + s->second.csrf + "\r\n";
    }
    for (const auto& [k, v] : headers) out += k + ": " + v + "\r\n";
    if (!body.empty() && !has("Content-Type")) out += "Content-Type: application/json\r\n";
    if (!body.empty() || method == "POST" || method == "PUT")
      out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    out += "Connection: close\r\n\r\n" + body;
    return out;
  }
  HttpReply call(const std::string& who, const std::string& method, const std::string& target,
                 const std::string& body = "", const Headers& headers = {}) {
    return raw(request_bytes(who, method, target, body, headers, true));
  }
  json::value call_json(const std::string& who, const std::string& method,
                        const std::string& target, const std::string& body = "",
                        const Headers& headers = {}, int* status = nullptr) {
    HttpReply r = call(who, method, target, body, headers);
    if (status) *status = r.status;
    boost::system::error_code ec;
    json::value v = json::parse(r.body, ec);
    return ec ? json::value() : v;
  }

  bool healthy() { return raw(request_bytes("", "GET", "/healthz", "", {}, false)).status == 200; }

  /// Restarts a server that died; false when it will not start again.
  bool revive(std::string* why) {
    proc->stop();
    ++restarts;
    return proc->start(why);
  }

  // -- placeholders --
  /// {unit} {other_unit} {draft} {diajukan} {diverifikasi} {berlaku} {other} {id}: ids;
  /// {ver:X} / {stale:X}: X's current version / the one before; {ver} {stale}: of {id};
  /// {doc_path}: the git path of {id} (or {draft}).
  std::string resolve(std::string s, const std::string& id) {
    auto replace_all = [&](const std::string& from, const std::string& to) {
      for (std::size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += to.size())
        s.replace(at, from.size(), to);
    };
    for (std::size_t at; (at = s.find("{ver:")) != std::string::npos ||
                         (at = s.find("{stale:")) != std::string::npos;) {
      const bool stale = s.compare(at, 7, "{stale:") == 0;
      auto end = s.find('}', at);
      std::string name = s.substr(at + (stale ? 7 : 5), end - at - (stale ? 7 : 5));
      const std::uint64_t v = version_of(vars[name]);
      s.replace(at, end - at + 1, std::to_string(stale ? v - 1 : v));
    }
    if (!id.empty()) {
      const std::uint64_t v =
          s.find("{ver}") != std::string::npos || s.find("{stale}") != std::string::npos
              ? version_of(id)
              : 0;
      replace_all("{ver}", std::to_string(v));
      replace_all("{stale}", std::to_string(v - 1));
      replace_all("{id}", id);
    }
    if (s.find("{doc_path}") != std::string::npos)
      replace_all("{doc_path}", doc_path(id.empty() ? vars["draft"] : id));
    for (const auto& [k, v] : vars) replace_all("{" + k + "}", v);
    return s;
  }

  // -- reading the record --
  /// The summary of `id` as the auditor reads it (draft if any, else in force).
  json::object summary(const std::string& id) {
    int status = 0;
    json::value v =
        call_json("auditor", "GET", "/api/v1/sops/" + id + "?version=draft", "", {}, &status);
    if (status != 200) v = call_json("auditor", "GET", "/api/v1/sops/" + id, "", {}, &status);
    if (status == 200 && v.is_object() && v.as_object().contains("summary"))
      return v.at("summary").as_object();
    // Neither a draft nor in force (e.g. discarded): the list still names it.
    json::value list = call_json("auditor", "GET", "/api/v1/sops?limit=1000");
    if (list.is_object() && list.as_object().contains("items"))
      for (const auto& item : list.at("items").as_array())
        if (item.at("id").as_string() == id) return item.as_object();
    return {};
  }
  std::uint64_t version_of(const std::string& id) {
    json::object s = summary(id);
    const json::value* v = s.if_contains("last_version");
    return v && v->is_int64()    ? static_cast<std::uint64_t>(v->as_int64())
           : v && v->is_uint64() ? v->as_uint64()
                                 : 0;
  }
  std::string status_of(const std::string& id) {
    json::object s = summary(id);
    const json::value* v = s.if_contains("status");
    return v && v->is_string() ? std::string(v->as_string()) : "";
  }
  json::array history(const std::string& id) {
    json::value v = call_json("auditor", "GET", "/api/v1/sops/" + id + "/history");
    if (!v.is_object() || !v.as_object().contains("versions")) return {};
    return v.at("versions").as_array();
  }
  std::string git(const std::string& args) {
    std::string out;
    testing::run_program(
        {"/bin/sh", "-c",
         "git --git-dir='" + (data() / "repo.git").string() + "' " + args + " 2>/dev/null"},
        &out);
    return out;
  }
  /// Values of trailer `key` on `commit` as stock git parses them, one per line.
  std::vector<std::string> trailers(const std::string& commit, const std::string& key) {
    std::string out = git("show -s --format='%(trailers:key=" + key + ",valueonly)' " + commit);
    std::vector<std::string> values;
    std::size_t start = 0;
    for (std::size_t nl; (nl = out.find('\n', start)) != std::string::npos; start = nl + 1)
      if (nl > start) values.push_back(out.substr(start, nl - start));
    if (start < out.size()) values.push_back(out.substr(start));
    return values;
  }
  std::string doc_path(const std::string& id) {
    auto cached = doc_paths_.find(id);
    if (cached != doc_paths_.end()) return cached->second;
    auto rows = history(id);
    if (rows.empty()) return "sops/00/" + id + ".json";
    auto v = trailers(std::string(rows.front().at("commit").as_string()), "Sopan-Doc");
    std::string p = v.empty() ? "sops/00/" + id + ".json" : v.front();
    doc_paths_[id] = p;
    return p;
  }

  Snapshot snapshot() {
    Snapshot s;
    s.refs = git("for-each-ref --format='%(refname) %(objectname)'");
    auto store = index::Store::open(data() / "index", index::Store::Mode::kReadOnly);
    if (!store) {
      s.error = "index not readable: " + store.error().message;
      return s;
    }
    for (index::Cf cf :
         {index::Cf::kDocs, index::Cf::kVersions, index::Cf::kByUnit, index::Cf::kByStatus,
          index::Cf::kByDue, index::Cf::kSearch, index::Cf::kContent, index::Cf::kAccounts,
          index::Cf::kMeta, index::Cf::kStaff, index::Cf::kComments, index::Cf::kRecords}) {
      auto& rows = s.cfs[std::string(index::cf_name(cf))];
      auto st = (*store)->scan(cf, {}, [&](std::string_view k, std::string_view v) {
        rows.emplace(std::string(k), std::string(v));
        return true;
      });
      if (!st) s.error = "scan failed: " + st.error().message;
    }
    auto st = (*store)->scan(index::Cf::kEvents, {}, [&](std::string_view, std::string_view v) {
      s.events.emplace_back(v);
      return true;
    });
    if (!st) s.error = "event scan failed: " + st.error().message;
    return s;
  }

  // -- building the fixtures --
  std::string new_number() { return "800/" + std::to_string(++counter) + "/Uji/2026"; }

  /// A new SOP of {unit} drafted by `by`, taken to `state`; "" on failure (with a test failure).
  std::string fresh_sop(const std::string& state, const std::string& by = "penyusun") {
    int status = 0;
    json::value created =
        call_json(by, "POST", "/api/v1/sops",
                  resolve(js(json::object{{"document", sop_doc(new_number())}}), ""), {}, &status);
    if (status != 201) {
      ADD_FAILURE() << "fresh SOP not created: " << status << " " << js(created);
      return "";
    }
    const std::string id(created.at("id").as_string());
    auto act = [&](const std::string& who, const std::string& action, json::object body) {
      const std::string v = std::to_string(version_of(id));
      HttpReply r = call(who, "POST", "/api/v1/sops/" + id + "/actions/" + action, js(body),
                         {{"If-Match", "\"" + v + "\""}});
      if (r.status != 200) ADD_FAILURE() << "fresh " << action << ": " << r.status << " " << r.body;
      return r.status == 200;
    };
    if (state == "konsep") return id;
    if (!act(by, "submit", {{"reason", "Mohon diperiksa"}})) return "";
    if (state == "diajukan") return id;
    if (!act("verifikator", "verify", {{"reason", "Sesuai format"}})) return "";
    if (state == "diverifikasi") return id;
    if (!act("pengesah", "ratify", {{"reason", "Disahkan"}, {"password", "sopan-demo"}})) return "";
    return id;
  }

  bool login(const std::string& as, const std::string& username, const std::string& password) {
    HttpReply r = call("", "POST", "/api/v1/session",
                       js(json::object{{"username", username}, {"password", password}}));
    if (r.status != 200) {
      setup_error = "login " + username + ": " + std::to_string(r.status) + " " + r.body;
      return false;
    }
    std::string set_cookie = r.header("set-cookie");
    sessions[as] = {set_cookie.substr(0, set_cookie.find(';')),
                    std::string(json::parse(r.body).at("csrf_token").as_string())};
    return true;
  }

  void set_up() {
    dir = std::make_unique<testing::TempDir>();
    testing::init_demo(data());
    proc = std::make_unique<testing::SopanProcess>(SOPAN_BIN, data(), SOPAN_SOURCE_DIR,
                                                   dir->path() / "server.log");
    std::string why;
    if (!proc->start(&why)) {
      setup_error = "server did not start: " + why;
      return;
    }
    for (const char* u :
         {"admin", "penyusun", "verifikator", "pengesah", "evaluator", "auditor", "pegawai"})
      if (!login(u, u, "sopan-demo")) return;
    if (!login("penyusun2", "penyusun", "sopan-demo")) return;  // a session the cases may end
    // Unit ids by code.
    json::value units = call_json("auditor", "GET", "/api/v1/units");
    std::map<std::string, std::string> code_of;
    for (const auto& u : units.at("items").as_array()) {
      code_of[std::string(u.at("id").as_string())] = std::string(u.at("code").as_string());
      if (u.at("code") == "2.16") vars["unit"] = std::string(u.at("id").as_string());
      if (u.at("code") == "1.2") vars["other_unit"] = std::string(u.at("id").as_string());
      if (u.at("code") == "1.3") vars["unit_rename"] = std::string(u.at("id").as_string());
    }
    // A demo SOP of a unit outside Diskominfo (2.16).
    json::value sops = call_json("auditor", "GET", "/api/v1/sops?limit=1000");
    for (const auto& s : sops.at("items").as_array()) {
      const std::string code = code_of[std::string(s.at("unit").as_string())];
      if (!code.starts_with("2.16")) {
        vars["other"] = std::string(s.at("id").as_string());
        break;
      }
    }
    // An account holding penyusun, verifikator and pengesah over 2.16 (separation of duties).
    int status = 0;
    json::object grants_body{
        {"username", "rangkap"},
        {"nip", "198007042005122022"},
        {"temporary_password", "Sementara-123"},
        {"grants", json::array{json::object{{"role", "penyusun"}, {"unit", vars["unit"]}},
                               json::object{{"role", "verifikator"}, {"unit", vars["unit"]}},
                               json::object{{"role", "pengesah"}, {"unit", vars["unit"]}}}}};
    json::value acc = call_json("admin", "POST", "/api/v1/accounts", js(grants_body), {}, &status);
    if (status != 201) {
      setup_error = "account rangkap: " + std::to_string(status) + " " + js(acc);
      return;
    }
    if (!login("rangkap", "rangkap", "Sementara-123")) return;
    HttpReply pw = call("rangkap", "PUT", "/api/v1/me/password",
                        js(json::object{{"current_password", "Sementara-123"},
                                        {"new_password", "sopan-rangkap-9"}}));
    if (pw.status != 204) {
      setup_error = "rangkap password: " + std::to_string(pw.status) + " " + pw.body;
      return;
    }
    if (!login("rangkap", "rangkap", "sopan-rangkap-9")) return;
    // The shared documents refused cases aim at (they must never change).
    for (const char* state : {"konsep", "diajukan", "diverifikasi", "berlaku"}) {
      std::string id = fresh_sop(state);
      if (id.empty()) {
        setup_error = std::string("shared SOP ") + state;
        return;
      }
      vars[state == std::string("konsep") ? "draft" : state] = id;
    }
    vars["draft_doc_path"] = doc_path(vars["draft"]);
    // Personal access tokens for /git/: an auditor's, a pegawai's, and a revoked one.
    auto token = [&](const std::string& who, const std::string& name) {
      int st = 0;
      json::value made =
          call_json(who, "POST", "/api/v1/me/tokens",
                    js(json::object{{"name", name}, {"password", "sopan-demo"}}), {}, &st);
      if (st != 201) {
        setup_error = "token of " + who + ": " + std::to_string(st) + " " + js(made);
        return json::value();
      }
      return made;
    };
    json::value auditor_token = token("auditor", "Hostile");
    json::value pegawai_token = token("pegawai", "Hostile");
    json::value old_token = token("auditor", "Dicabut");
    if (!setup_error.empty()) return;
    vars["git_auditor"] =
        basic_authorization("auditor", std::string(auditor_token.at("value").as_string()));
    vars["git_pegawai"] =
        basic_authorization("pegawai", std::string(pegawai_token.at("value").as_string()));
    vars["git_revoked"] =
        basic_authorization("auditor", std::string(old_token.at("value").as_string()));
    vars["git_password"] = basic_authorization("auditor", "sopan-demo");
    vars["git_auditor_bearer"] = "Bearer " + std::string(auditor_token.at("value").as_string());
    if (call("auditor", "DELETE",
             "/api/v1/me/tokens/" + std::string(old_token.at("token").at("id").as_string()))
            .status != 200) {
      setup_error = "revoking a token failed";
      return;
    }
    ready = true;
  }

  void tear_down() {
    if (proc) proc->stop();
  }

 private:
  std::map<std::string, std::string> doc_paths_;
};

/// What the harness knows while checking one case.
struct CaseRun {
  Suite& s;
  const Case& c;
  HttpReply reply;
  std::string id;               // {id}
  Snapshot before;              // taken just before the request
  json::array history_before;   // of {id}, or of {draft}
  std::string status_before;    // of {id}, or of {draft}
  std::int64_t elapsed_ms = 0;  // from sending the request to its answer
  json::value body() const {
    boost::system::error_code ec;
    json::value v = json::parse(reply.body, ec);
    return ec ? json::value() : v;
  }
};

// ---- checks ----------------------------------------------------------------------------------

/// A refused request changed nothing: refs, index, accounts, staff; the event log only grew by
/// readable refusal events.
void nothing_changed(CaseRun& r) {
  Snapshot after = r.s.snapshot();
  ASSERT_TRUE(r.before.error.empty()) << r.before.error;
  ASSERT_TRUE(after.error.empty()) << after.error;
  EXPECT_EQ(r.before.refs, after.refs) << "refs moved";
  for (const auto& [cf, rows] : r.before.cfs) {
    const auto& now = after.cfs[cf];
    if (rows == now) continue;
    std::string diff;
    for (const auto& [k, v] : now)
      if (!rows.count(k) || rows.at(k) != v) {
        diff = "changed/added key of " + std::to_string(k.size()) + " bytes, value: " + v;
        break;
      }
    if (diff.empty()) diff = "rows removed";
    ADD_FAILURE() << "index column family " << cf << " changed: " << diff.substr(0, 400);
  }
  ASSERT_GE(after.events.size(), r.before.events.size()) << "events disappeared";
  for (std::size_t i = 0; i < r.before.events.size(); ++i)
    EXPECT_EQ(r.before.events[i], after.events[i]) << "event " << i << " rewritten";
  for (std::size_t i = r.before.events.size(); i < after.events.size(); ++i) {
    boost::system::error_code ec;
    json::value e = json::parse(after.events[i], ec);
    ASSERT_FALSE(ec) << "new event " << i << " is not readable JSON (" << ec.message()
                     << "): " << after.events[i].substr(0, 300);
    const json::value* kind = e.is_object() ? e.as_object().if_contains("kind") : nullptr;
    const std::string k = kind && kind->is_string() ? std::string(kind->as_string()) : "";
    EXPECT_TRUE(kRefusalEvents.count(k))
        << "a refused request wrote event " << k << ": " << after.events[i].substr(0, 300);
  }
}

/// The signatures on history rows and commits are the server's only.
void no_forged_signature(CaseRun& r, const std::string& id) {
  for (const auto& row : r.s.history(id)) {
    const std::string sig = js(row.at("signature"));
    EXPECT_EQ(sig.find("Palsu"), std::string::npos) << "forged signature in history: " << sig;
    const std::string commit(row.at("commit").as_string());
    for (const auto& t : r.s.trailers(commit, "Sopan-Signature"))
      EXPECT_EQ(t.find("Palsu"), std::string::npos)
          << "stock git reads a forged signature on " << commit << ": " << t;
  }
}

/// Stock git reads exactly the server's trailers on `commit`.
void server_trailers_only(CaseRun& r, const std::string& commit, const std::string& action,
                          const std::string& meaning) {
  auto actions = r.s.trailers(commit, "Sopan-Action");
  EXPECT_EQ(actions, std::vector<std::string>{action}) << "stock git's Sopan-Action on " << commit;
  auto sigs = r.s.trailers(commit, "Sopan-Signature");
  if (meaning.empty()) {
    EXPECT_TRUE(sigs.empty()) << "a signature on a step that does not sign: " << sigs.front();
  } else {
    ASSERT_EQ(sigs.size(), 1u) << "stock git reads " << sigs.size() << " signatures on " << commit;
    EXPECT_NE(sigs.front().find("; " + meaning + ";"), std::string::npos) << sigs.front();
    EXPECT_EQ(sigs.front().find("Palsu"), std::string::npos) << sigs.front();
  }
  for (const auto& v : r.s.trailers(commit, "Sopan-Version"))
    EXPECT_NE(v, "99") << "stock git reads the forged version";
}

/// A workflow step or save whose message/reason is `typed`: one new history row with `action`,
/// the message verbatim, the document in `status`, signatures only the server's.
Check step_recorded(const std::string& action, const std::string& status, std::string typed,
                    const std::string& meaning = "") {
  return [=](CaseRun& r) {
    const std::string id = action == "create" ? std::string(r.body().at("id").as_string()) : r.id;
    const std::string want = r.s.resolve(typed, r.id);
    json::array rows = r.s.history(id);
    const std::size_t expected_rows = action == "create" ? 1 : r.history_before.size() + 1;
    ASSERT_EQ(rows.size(), expected_rows) << "history rows: " << js(rows);
    const json::object& last = rows.back().as_object();
    EXPECT_EQ(std::string(last.at("action").as_string()), action);
    EXPECT_EQ(std::string(last.at("message").as_string()), want) << "message not verbatim";
    const std::string sig = js(last.at("signature"));
    if (meaning.empty()) {
      EXPECT_TRUE(last.at("signature").is_null() || sig == "\"\"" || sig == "{}") << sig;
    }
    EXPECT_EQ(r.s.status_of(id), status);
    server_trailers_only(r, std::string(last.at("commit").as_string()), action, meaning);
    no_forged_signature(r, id);
    if (action != "ratify" && r.c.fresh != "berlaku") {
      // Never ratified: nobody reads it as in force.
      EXPECT_EQ(r.s.call("pegawai", "GET", "/api/v1/sops/" + id).status, 404);
    }
  };
}

/// A comment whose text is `typed`: shown back verbatim, no history row, no state change.
Check comment_recorded(std::string typed) {
  return [=](CaseRun& r) {
    json::value c = r.body();
    EXPECT_EQ(std::string(c.at("text").as_string()), r.s.resolve(typed, r.id));
    EXPECT_EQ(r.s.history(r.id).size(), r.history_before.size());
    EXPECT_EQ(r.s.status_of(r.id), r.status_before);
    const std::string commit(c.at("commit").as_string());
    EXPECT_TRUE(r.s.trailers(commit, "Sopan-Signature").empty());
    EXPECT_EQ(r.s.trailers(commit, "Sopan-Action").size(), 1u);
    for (const auto& v : r.s.trailers(commit, "Sopan-Action")) EXPECT_NE(v, "ratify");
    no_forged_signature(r, r.id);
    EXPECT_EQ(r.s.call("pegawai", "GET", "/api/v1/sops/" + r.id).status, 404);
  };
}

/// A monitoring or evaluation record: still in force at the same version, the record's commit
/// carries only the server's facts.
Check record_made(const std::string& meaning) {
  return [=](CaseRun& r) {
    json::value rec = r.body();
    EXPECT_EQ(r.s.status_of(r.id), "berlaku");
    const std::string commit(rec.at("commit").as_string());
    auto sigs = r.s.trailers(commit, "Sopan-Signature");
    EXPECT_EQ(sigs.size(), meaning.empty() ? 0u : 1u);
    for (const auto& t : sigs) EXPECT_EQ(t.find("Palsu"), std::string::npos) << t;
    auto actions = r.s.trailers(commit, "Sopan-Action");
    EXPECT_EQ(actions.size(), 1u);
    for (const auto& v : actions) EXPECT_NE(v, "ratify");
    for (const auto& v : r.s.trailers(commit, "Sopan-Version")) EXPECT_NE(v, "99");
    no_forged_signature(r, r.id);
  };
}

/// A draft sent with `ratified_by` / `dates.effective`: saved without them, the answer's notes
/// name each dropped field, and nothing reads as signed (the fields are the ratification's).
Check system_fields_dropped(const std::string& pointer) {
  return [=](CaseRun& r) {
    json::value answer = r.body();
    const std::string id = r.c.method == "POST" ? std::string(answer.at("id").as_string())
                           : r.id.empty()       ? r.s.vars["draft"]
                                                : r.id;
    bool noted = false;
    for (const auto& n : answer.at("notes").as_array())
      noted = noted || n.at("path").as_string() == pointer;
    EXPECT_TRUE(noted) << "no note for " << pointer << ": " << r.reply.body;
    auto read = r.s.call("penyusun", "GET", "/api/v1/sops/" + id + "?version=draft");
    ASSERT_EQ(read.status, 200) << read.body;
    json::value doc = json::parse(read.body);
    const json::object& d = doc.at("document").as_object();
    EXPECT_FALSE(d.contains("ratified_by")) << read.body;
    if (const json::value* dates = d.if_contains("dates")) {
      EXPECT_FALSE(dates->as_object().contains("effective")) << read.body;
    }
    EXPECT_TRUE(doc.at("ratification").is_null());
    auto print = r.s.call("penyusun", "GET", "/api/v1/sops/" + id + "/print?version=draft");
    EXPECT_EQ(print.body.find("Disahkan secara elektronik"), std::string::npos);
    no_forged_signature(r, id);
  };
}

/// An org change on main: one commit whose trailers are the server's; no SOP changed.
Check org_changed() {
  return [](CaseRun& r) {
    Snapshot after = r.s.snapshot();
    EXPECT_EQ(r.before.cfs["docs"], after.cfs["docs"]) << "an org change changed a SOP summary";
    EXPECT_EQ(r.before.cfs["versions"], after.cfs["versions"]) << "an org change added a version";
    const std::string head = r.s.git("rev-parse refs/heads/main");
    const std::string commit = head.substr(0, head.find('\n'));
    EXPECT_TRUE(r.s.trailers(commit, "Sopan-Signature").empty());
    EXPECT_TRUE(r.s.trailers(commit, "Sopan-Doc").empty());
    for (const auto& v : r.s.trailers(commit, "Sopan-Action")) EXPECT_NE(v, "ratify");
    EXPECT_LE(r.s.trailers(commit, "Sopan-Action").size(), 1u);
    EXPECT_EQ(r.s.status_of(r.s.vars["draft"]), "konsep");
    EXPECT_EQ(r.s.call("pegawai", "GET", "/api/v1/sops/" + r.s.vars["draft"]).status, 404);
  };
}

/// /metrics has no label made from a client's method token.
Check metrics_without(std::string token) {
  return [=](CaseRun& r) {
    HttpReply m = r.s.call("admin", "GET", "/metrics");
    EXPECT_EQ(m.body.find("\"" + token + "\""), std::string::npos)
        << "/metrics grew a label " << token;
  };
}

// ---- the table -------------------------------------------------------------------------------

const std::string kSops = "/api/v1/sops";
const Headers kIfMatch = {{"If-Match", "\"{ver}\""}};

/// A save that changes the document (an unchanged one writes no version, so no message).
std::string save_body(const std::string& message) {
  return js(json::object{{"document", sop_doc("{number}", "Peminjaman Ruang Rapat")},
                         {"message", message}});
}
std::string reason(const std::string& text, bool password = false) {
  json::object o{{"reason", text}};
  if (password) o["password"] = "sopan-demo";
  return js(o);
}
std::string monitoring(const std::string& notes, const std::string& action = "") {
  json::object o{{"judgement", "baik"}, {"notes", notes}};
  if (!action.empty()) o["action"] = action;
  return js(o);
}
std::string evaluation(const std::string& notes, const std::string& criterion_note = "") {
  json::array criteria;
  for (int i = 0; i < 7; ++i)
    criteria.push_back(json::object{{"answer", "ya"}, {"notes", i == 3 ? criterion_note : ""}});
  return js(json::object{
      {"criteria", criteria}, {"outcome", "tetap"}, {"notes", notes}, {"password", "sopan-demo"}});
}

/// The four forged-trailer variants of one text field: the plain block and the one after `---`
/// are legitimate text (accepted, nothing forged); with a NUL or CRLF the text is refused.
void forged(std::vector<Case>& t, const std::string& field, Case base,
            const std::function<std::string(const std::string&)>& body,
            const std::function<Check(const std::string&)>& check) {
  for (auto [variant, text, ok] :
       std::vector<std::tuple<std::string, std::string, bool>>{{"plain", kForgedPlain, true},
                                                               {"dash", kForgedDash, true},
                                                               {"nul", kForgedNul, false},
                                                               {"crlf", kForgedCrlf, false}}) {
    Case c = base;
    c.name = "forged_" + field + "_" + variant;
    c.body = body(text);
    if (ok) {
      c.expect = base.expect;
      c.accepted = check(text);
    } else {
      c.expect = {422};
      c.fresh = base.fresh.empty() ? "" : base.fresh;
    }
    t.push_back(std::move(c));
  }
}

// ---- the score (issue 14) ---------------------------------------------------------------------

const std::string kRubricId = "permenpanrb-14-2014";
const std::string kRubrics = "/api/v1/rubrics/";
const std::string kAnswers = "/api/v1/answers/" + kRubricId + "/{root}";
const std::string kScore = "/api/v1/score?rubric=" + kRubricId;
const Headers kRubricMatch = {{"If-Match", "\"{rubric_etag}\""}};

/// The shipped rubric as a client would send it back (the stored one is its canonical form).
json::object shipped_rubric() {
  std::ifstream in(std::string(SOPAN_SOURCE_DIR) + "/schemas/rubrics/" + kRubricId + ".json");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  return ec || !v.is_object() ? json::object{} : v.as_object();
}

json::object& rubric_sub(json::object& r, std::size_t i) {
  return r["areas"].as_array()[0].as_object()["sub_indicators"].as_array()[i].as_object();
}
json::object& rubric_item(json::object& r, std::size_t s, std::size_t i) {
  return rubric_sub(r, s)["items"].as_array()[i].as_object();
}

std::string rubric_body(const json::object& rubric, const std::string& message = "") {
  json::object o{{"rubric", rubric}};
  if (!message.empty()) o["message"] = message;
  return js(o);
}

/// One manual answer to egov_a (Ya/Tidak) with its evidence and note, signed.
std::string answer_body(const std::string& evidence, const std::string& note = "",
                        const std::string& message = "", const std::string& answer = "Ya") {
  json::object a{{"answer", answer}, {"evidence", evidence}};
  if (!note.empty()) a["note"] = note;
  json::object o{{"answers", json::object{{"egov_a", a}}}, {"password", "sopan-demo"}};
  if (!message.empty()) o["message"] = message;
  return js(o);
}

std::string main_head(Suite& s) {
  const std::string out = s.git("rev-parse refs/heads/main");
  return out.substr(0, out.find('\n'));
}
std::string main_head_before(const CaseRun& r) {
  const std::string& refs = r.before.refs;
  const std::string key = "refs/heads/main ";
  const auto at = refs.find(key);
  if (at == std::string::npos) return "";
  return refs.substr(at + key.size(), refs.find('\n', at) - at - key.size());
}

/// A score write whose typed text looks like a trailer block: exactly one new commit on main,
/// on which stock git reads only the server's trailers (`action`, `rubric`, and a signature only
/// for `meaning`, the server's own); the typed text is in the message quoted, never as a
/// trailer; no SOP changed. `shown` then checks the text comes back verbatim.
Check score_write_recorded(std::string action, std::string meaning, Check shown = nullptr) {
  return [=](CaseRun& r) {
    const std::string head = main_head(r.s);
    ASSERT_NE(head, main_head_before(r)) << "no commit on main for an accepted write";
    EXPECT_EQ(r.s.git("rev-parse " + head + "~1").substr(0, 40), main_head_before(r))
        << "more than one commit";
    EXPECT_EQ(r.s.trailers(head, "Sopan-Action"), std::vector<std::string>{action});
    EXPECT_EQ(r.s.trailers(head, "Sopan-Rubric"), std::vector<std::string>{kRubricId});
    EXPECT_TRUE(r.s.trailers(head, "Sopan-Doc").empty());
    EXPECT_TRUE(r.s.trailers(head, "Sopan-Version").empty());
    auto sigs = r.s.trailers(head, "Sopan-Signature");
    if (meaning.empty()) {
      EXPECT_TRUE(sigs.empty()) << "a signature on a write that does not sign: " << sigs.front();
    } else {
      ASSERT_EQ(sigs.size(), 1u) << "stock git reads " << sigs.size() << " signatures";
      EXPECT_NE(sigs.front().find("; " + meaning + ";"), std::string::npos) << sigs.front();
      EXPECT_EQ(sigs.front().find("Palsu"), std::string::npos) << sigs.front();
    }
    const std::string all = r.s.git("show -s --format=%(trailers) " + head);
    EXPECT_EQ(all.find("Palsu"), std::string::npos) << all;
    EXPECT_EQ(all.find("ratify"), std::string::npos) << all;
    EXPECT_EQ(r.s.status_of(r.s.vars["draft"]), "konsep");
    EXPECT_EQ(r.s.call("pegawai", "GET", "/api/v1/sops/" + r.s.vars["draft"]).status, 404);
    if (shown) shown(r);
  };
}

/// The rubric's history names the typed reason verbatim (the newest row).
Check rubric_message_shown(std::string typed) {
  return [=](CaseRun& r) {
    json::value h = r.s.call_json("auditor", "GET", kRubrics + kRubricId + "/history");
    ASSERT_TRUE(h.is_object() && h.as_object().contains("history")) << js(h);
    const auto& rows = h.at("history").as_array();
    ASSERT_FALSE(rows.empty());
    EXPECT_EQ(std::string(rows.front().at("message").as_string()), r.s.resolve(typed, ""));
  };
}

/// The answer's note reads back verbatim; the score shows it as the item's note, as text.
Check note_shown(std::string typed) {
  return [=](CaseRun& r) {
    json::value a = r.s.call_json("auditor", "GET", r.s.resolve(kAnswers, ""));
    ASSERT_TRUE(a.is_object() && a.as_object().contains("answers")) << js(a);
    const json::value* item = a.at("answers").as_object().if_contains("egov_a");
    ASSERT_NE(item, nullptr) << js(a);
    EXPECT_EQ(std::string(item->at("note").as_string()), r.s.resolve(typed, ""));
    int status = 0;
    json::value score =
        r.s.call_json("auditor", "GET", r.s.resolve(kScore + "&unit={root}", ""), "", {}, &status);
    ASSERT_EQ(status, 200) << js(score).substr(0, 400);
    std::string shown;
    for (const auto& area : score.at("areas").as_array())
      for (const auto& sub : area.at("sub_indicators").as_array())
        for (const auto& i : sub.at("items").as_array())
          if (i.at("id") == "egov_a" && i.as_object().contains("note"))
            shown = std::string(i.at("note").as_string());
    EXPECT_EQ(shown, r.s.resolve(typed, "")) << "the score does not show the note verbatim";
  };
}

/// A rubric sent with -0 and 1.50 (the same numbers as stored): saved as it was, nothing to
/// record, and no "-0" in what is read back.
Check rubric_unchanged() {
  return [](CaseRun& r) {
    EXPECT_EQ(main_head(r.s), main_head_before(r)) << "an unchanged rubric made a commit";
    auto read = r.s.call("auditor", "GET", kRubrics + kRubricId);
    ASSERT_EQ(read.status, 200) << read.body;
    EXPECT_EQ(read.body.find(":-0"), std::string::npos) << read.body.substr(0, 400);
    json::value v = json::parse(read.body);
    const json::value& last = v.at("rubric")
                                  .at("areas")
                                  .at(0)
                                  .at("sub_indicators")
                                  .at(0)
                                  .at("items")
                                  .at(0)
                                  .at("cutoffs")
                                  .as_array()
                                  .back();
    EXPECT_EQ(js(last.at("at_least")), "0") << js(last);
  };
}

/// The server answered in `ms`: no request holds a worker for long
/// (a hang check, far above what the work needs, not a benchmark).
Check answered_within(std::int64_t ms) {
  return [=](CaseRun& r) {
    EXPECT_LE(r.elapsed_ms, ms) << "the answer took " << r.elapsed_ms << " ms (status "
                                << r.reply.status << ")";
  };
}

/// A legal rubric whose items gate one another in one long chain (each on the one before),
/// as many as a 256 KB rubric holds: checking it must not take cubic time.
json::object gate_chain_rubric(const std::string& id, std::size_t items) {
  json::array subs;
  for (std::size_t s = 0; s * 100 < items; ++s) {
    json::array list;
    for (std::size_t i = s * 100; i < std::min(items, s * 100 + 100); ++i) {
      json::object it{
          {"id", "g" + std::to_string(i)}, {"code", "a"}, {"question", "q"}, {"scale", "yt"}};
      if (i > 0) it["gate"] = "g" + std::to_string(i - 1);
      list.push_back(std::move(it));
    }
    subs.push_back(json::object{
        {"id", "s" + std::to_string(s)}, {"name", "S"}, {"weight", 1}, {"items", std::move(list)}});
  }
  const auto weight = static_cast<std::int64_t>(subs.size());
  return {
      {"id", id},
      {"name", "Rantai ketergantungan"},
      {"scope", "unit"},
      {"scales", json::array{json::object{
                     {"id", "yt"},
                     {"answers", json::array{json::object{{"answer", "Ya"}, {"value", 1}},
                                             json::object{{"answer", "Tidak"}, {"value", 0}}}}}}},
      {"areas",
       json::array{json::object{
           {"id", "a"}, {"name", "A"}, {"weight", weight}, {"sub_indicators", std::move(subs)}}}}};
}

/// Read-only git (issue 15): credentials and path tricks under /git/. None of these starts git
/// or writes anything but a refusal event (tests/integration/git_http_test.cpp counts the
/// processes); the one accepted row reads the ref advertisement.
void git_rows(std::vector<Case>& t) {
  const std::string refs = "/git/sopan.git/info/refs?service=git-upload-pack";
  const Headers pack_type = {{"Content-Type", "application/x-git-upload-pack-request"}};
  auto with = [](const std::string& auth, Headers more = {}) {
    more.emplace_back("Authorization", auth);
    return more;
  };
  for (const auto& [name, headers, status] : std::vector<std::tuple<std::string, Headers, int>>{
           {"no_credentials", {}, 401},
           {"password_not_token", with("{git_password}"), 401},
           {"revoked_token", with("{git_revoked}"), 401},
           {"pegawai_token", with("{git_pegawai}"), 403},
           {"bearer_token", with("{git_auditor_bearer}"), 401},
           {"basic_not_base64", with("Basic !!!!"), 401},
           {"basic_no_colon", with("Basic YXVkaXRvcg=="), 401},
           {"basic_empty", with("Basic "), 401},
           {"basic_nul_inside", with("Basic YQB4OnNlY3JldA=="), 401},
           {"basic_eight_kilobytes", with("Basic " + std::string(8192, 'A')), 401},
           {"basic_over_header_limit", with("Basic " + std::string(20 * 1024, 'A')), 431},
           {"basic_not_utf8", with("Basic \xFF\xFE"), 400},
           {"two_authorizations", with("{git_auditor}", {{"Authorization", "{git_auditor}"}}), 401},
           {"many_headers",
            [] {
              Headers h = {{"Authorization", "{git_auditor}"}};
              for (int i = 0; i < 2000; ++i) h.emplace_back("X-Isi-" + std::to_string(i), "x");
              return h;
            }(),
            431},
       })
    t.push_back({.name = "git_" + name,
                 .who = "",
                 .method = "GET",
                 .path = refs,
                 .expect = {status},
                 .headers = headers});
  for (const auto& [name, method, path, status] :
       std::vector<std::tuple<std::string, std::string, std::string, int>>{
           {"dumb_info_refs", "GET", "/git/sopan.git/info/refs", 404},
           {"dumb_head", "GET", "/git/sopan.git/HEAD", 404},
           {"dumb_packs", "GET", "/git/sopan.git/objects/info/packs", 404},
           {"config_file", "GET", "/git/sopan.git/config", 404},
           {"other_repository", "GET", "/git/repo.git/info/refs?service=git-upload-pack", 404},
           {"dot_dot", "GET", "/git/sopan.git/../../index/CURRENT", 404},
           {"encoded_dot_dot", "GET", "/git/%2e%2e/%2e%2e/sopan.lock", 404},
           {"encoded_slash", "GET", "/git/sopan.git%2Finfo%2Frefs?service=git-upload-pack", 400},
           {"absolute_path", "GET", "/git//etc/passwd", 404},
           {"encoded_absolute", "GET", "/git/%2Fetc%2Fpasswd", 404},
           {"nul", "GET", "/git/sopan.git/info/refs%00?service=git-upload-pack", 400},
           {"extra_query", "GET", refs + "&x=1", 400},
           {"receive_pack_refs", "GET", "/git/sopan.git/info/refs?service=git-receive-pack", 403},
           {"receive_pack_post", "POST", "/git/sopan.git/git-receive-pack", 403},
           {"upload_pack_by_get", "GET", "/git/sopan.git/git-upload-pack", 404},
           {"put", "PUT", "/git/sopan.git/git-upload-pack", 405},
       })
    t.push_back({.name = "git_path_" + name,
                 .who = "",
                 .method = method,
                 .path = path,
                 .body = method == "GET" ? "" : "0000",
                 .expect = {status},
                 .headers = with("{git_auditor}", pack_type)});
  t.push_back({.name = "git_upload_pack_wrong_type",
               .who = "",
               .method = "POST",
               .path = "/git/sopan.git/git-upload-pack",
               .body = "0000",
               .expect = {415},
               .headers = with("{git_auditor}", {{"Content-Type", "application/json"}}),
               .pointer = "/headers/Content-Type"});
  t.push_back({.name = "git_protocol_header_odd",
               .who = "",
               .method = "GET",
               .path = refs,
               .expect = {400},
               .headers = with("{git_auditor}", {{"Git-Protocol", "version=2 ; $(reboot)"}}),
               .pointer = "/headers/Git-Protocol"});
  // A session is no credential for git, and the CSRF-free POST needs none either.
  t.push_back({.name = "git_session_cookie_only",
               .who = "auditor",
               .method = "GET",
               .path = refs,
               .expect = {401}});
  t.push_back({.name = "git_refs_auditor",
               .who = "",
               .method = "GET",
               .path = refs,
               .expect = {200},
               .headers = with("{git_auditor}"),
               .accepted = [](CaseRun& r) {
                 EXPECT_TRUE(r.reply.body.starts_with("001e# service=git-upload-pack\n"))
                     << r.reply.body.substr(0, 200);
                 EXPECT_EQ(r.reply.header("content-type"),
                           "application/x-git-upload-pack-advertisement");
                 EXPECT_EQ(r.before.refs, r.s.snapshot().refs);
               }});
}

void score_rows(std::vector<Case>& t) {
  const json::object good = shipped_rubric();
  const std::string put_good = rubric_body(good);
  const std::string rub = kRubrics + kRubricId;

  // PUT /rubrics/{id}: a path id that is no rubric id names nothing and writes nothing.
  for (auto [name, path, expect, pointer] :
       std::vector<std::tuple<std::string, std::string, std::set<int>, std::string>>{
           {"traversal", "..%2F..%2Fetc", {400, 404, 422}, ""},
           {"dot_dot", "..", {400, 404, 422}, ""},
           {"uppercase", "PERMENPANRB-14-2014", {422}, "/params/id"},
           {"65_chars", std::string(65, 'a'), {422}, "/params/id"},
           {"leading_dash", "-x", {422}, "/params/id"},
           {"nul", "permenpanrb%00", {400, 404, 422}, ""},
           {"dot_json", "permenpanrb-14-2014.json", {422}, "/params/id"}})
    t.push_back({.name = "rubric_path_" + name,
                 .who = "admin",
                 .method = "PUT",
                 .path = kRubrics + path,
                 .body = put_good,
                 .expect = expect,
                 .headers = kRubricMatch,
                 .pointer = pointer});

  // A rubric whose id is not its path: refused, the stored rubric stays.
  {
    json::object other = good;
    other["id"] = "zi-90-2021";
    t.push_back({.name = "rubric_id_differs_from_path",
                 .who = "admin",
                 .method = "PUT",
                 .path = rub,
                 .body = rubric_body(other),
                 .expect = {422},
                 .headers = kRubricMatch,
                 .pointer = "/rubric/id"});
    t.push_back({.name = "rubric_id_differs_on_create",
                 .who = "admin",
                 .method = "PUT",
                 .path = kRubrics + "rubrik-baru",
                 .body = put_good,
                 .expect = {422},
                 .pointer = "/rubric/id"});
  }
  // Spoiled rubrics: each refused at the field that is wrong.
  struct Spoil {
    std::string name, pointer;
    std::function<void(json::object&)> spoil;
    std::set<int> expect = {422};
  };
  for (const auto& c : std::vector<Spoil>{
           {"weight_1e308", "/rubric/areas/0/weight",
            [](json::object& r) { r["areas"].as_array()[0].as_object()["weight"] = 1e308; }},
           {"weight_minus_zero", "/rubric/areas/0/sub_indicators/0/weight",
            [](json::object& r) { rubric_sub(r, 0)["weight"] = -0.0; }},
           {"weight_negative", "/rubric/areas/0/sub_indicators/0/weight",
            [](json::object& r) { rubric_sub(r, 0)["weight"] = -1.5; }},
           {"value_nan_string", "/rubric/scales/0/answers/0/value",
            [](json::object& r) {
              r["scales"].as_array()[0].as_object()["answers"].as_array()[0].as_object()["value"] =
                  "NaN";
            }},
           {"value_above_one", "/rubric/scales/0/answers/0/value",
            [](json::object& r) {
              r["scales"].as_array()[0].as_object()["answers"].as_array()[0].as_object()["value"] =
                  1.0000001;
            }},
           {"seventh_decimal", "/rubric/scales/2/answers/1/value",
            [](json::object& r) {
              r["scales"].as_array()[2].as_object()["answers"].as_array()[1].as_object()["value"] =
                  0.6700001;
            }},
           {"period_1e300", "/rubric/period_months",
            [](json::object& r) { r["period_months"] = 1e300; }},
           {"period_zero", "/rubric/period_months",
            [](json::object& r) { r["period_months"] = 0; }},
           {"cutoff_percent_huge", "/rubric/areas/0/sub_indicators/0/items/0/cutoffs/0/at_least",
            [](json::object& r) {
              rubric_item(r, 0, 0)["cutoffs"].as_array()[0].as_object()["at_least"] = 1e308;
            }},
           {"gate_cycle", "/rubric/areas/0/sub_indicators/2/items/0/gate",
            [](json::object& r) {
              rubric_item(r, 2, 0)["gate"] = "kip_b";
              rubric_item(r, 2, 1)["gate"] = "kip_a";
            }},
           {"gate_cycle_of_three", "/rubric/areas/0/sub_indicators/2/items/0/gate",
            [](json::object& r) {
              rubric_item(r, 2, 0)["gate"] = "kip_c";
              rubric_item(r, 2, 1)["gate"] = "kip_a";
              rubric_item(r, 2, 2)["gate"] = "kip_b";
            }},
           {"gate_self", "/rubric/areas/0/sub_indicators/2/items/0/gate",
            [](json::object& r) { rubric_item(r, 2, 0)["gate"] = "kip_a"; }},
           {"gate_traversal", "/rubric/areas/0/sub_indicators/2/items/0/gate",
            [](json::object& r) { rubric_item(r, 2, 0)["gate"] = "../../etc/passwd"; }},
           {"weights_do_not_add_up", "/rubric/areas/0/weight",
            [](json::object& r) { rubric_sub(r, 0)["weight"] = 2.5; }},
           {"item_id_traversal", "/rubric/areas/0/sub_indicators/1/items/0/id",
            [](json::object& r) { rubric_item(r, 1, 0)["id"] = "../../answers/x"; }},
           {"name_forged_trailer", "/rubric/name",
            [](json::object& r) { r["name"] = kForgedPlain; }},
       }) {
    json::object bad = good;
    c.spoil(bad);
    t.push_back({.name = "rubric_" + c.name,
                 .who = "admin",
                 .method = "PUT",
                 .path = rub,
                 .body = rubric_body(bad),
                 .expect = c.expect,
                 .headers = kRubricMatch,
                 .pointer = c.pointer});
  }
  // Numbers JSON cannot hold, and tokens that are not JSON.
  {
    const std::string text = put_good;
    auto replaced = [&](const std::string& from, const std::string& to) {
      std::string s = text;
      const auto at = s.find(from);
      if (at != std::string::npos) s.replace(at, from.size(), to);
      return s;
    };
    for (auto [name, body, expect] :
         std::vector<std::tuple<std::string, std::string, std::set<int>>>{
             {"weight_1e400", replaced("\"weight\":5", "\"weight\":1e400"), {400, 422}},
             {"weight_infinity", replaced("\"weight\":5", "\"weight\":Infinity"), {400}},
             {"weight_nan", replaced("\"weight\":5", "\"weight\":NaN"), {400}},
             {"deep_nesting",
              "{\"rubric\":{\"id\":\"" + kRubricId + "\",\"description\":" + nested(100, '[') +
                  "}}",
              {400}},
             {"weight_hex", replaced("\"weight\":5", "\"weight\":0x5"), {400}},
             {"weight_huge_integer",
              replaced("\"weight\":5", "\"weight\":99999999999999999999999999999"),
              {400, 422}}})
      t.push_back({.name = "rubric_" + name,
                   .who = "admin",
                   .method = "PUT",
                   .path = rub,
                   .body = body,
                   .expect = expect,
                   .headers = kRubricMatch});
  }
  t.push_back({.name = "rubric_if_match_star",
               .who = "admin",
               .method = "PUT",
               .path = rub,
               .body = put_good,
               .expect = {412},
               .headers = {{"If-Match", "\"*\""}}});
  // -0 where 0 is allowed, the same number: no change, nothing recorded, no "-0" read back.
  {
    json::object same = good;
    auto& cutoffs = rubric_item(same, 0, 0)["cutoffs"].as_array();
    cutoffs.back().as_object()["at_least"] = -0.0;
    t.push_back({.name = "rubric_cutoff_minus_zero",
                 .who = "admin",
                 .method = "PUT",
                 .path = rub,
                 .body = rubric_body(same),
                 .expect = {200},
                 .headers = kRubricMatch,
                 .accepted = rubric_unchanged()});
  }
  // A legal chain of gates as long as a rubric holds: answered in time (or refused).
  t.push_back({.name = "rubric_gate_chain_long",
               .who = "admin",
               .method = "PUT",
               .path = kRubrics + "rantai-{counter}",
               .body = js(json::object{{"rubric", gate_chain_rubric("rantai-{counter}", 3800)}}),
               .expect = {201, 422},
               .also = answered_within(5000)});
  // The reason of a rubric change: a trailer block stays text; NUL and CR are refused.
  for (auto [variant, text, ok] :
       std::vector<std::tuple<std::string, std::string, bool>>{{"plain", kForgedPlain, true},
                                                               {"dash", kForgedDash, true},
                                                               {"nul", kForgedNul, false},
                                                               {"crlf", kForgedCrlf, false}}) {
    json::object changed = good;
    changed["description"] = "Uraian diperbarui {counter}";
    t.push_back(
        {.name = "forged_rubric_message_" + variant,
         .who = "admin",
         .method = "PUT",
         .path = rub,
         .body = rubric_body(changed, text),
         .expect = ok ? std::set<int>{200} : std::set<int>{422},
         .headers = kRubricMatch,
         .accepted =
             ok ? score_write_recorded("rubric.save", "", rubric_message_shown(text)) : nullptr,
         .pointer = ok ? "" : "/message"});
  }

  // PUT /answers/{rubric}/{unit}: the path names a rubric and a unit that exist, or nothing.
  const std::string link = "https://ppid.contoh.go.id/bukti/egov-a";
  const std::string good_answer = answer_body(link, "Catatan {counter}");
  for (auto [name, path, expect, pointer] :
       std::vector<std::tuple<std::string, std::string, std::set<int>, std::string>>{
           {"unknown_rubric", "/api/v1/answers/tidak-ada/{root}", {404}, "/params/rubric"},
           {"uppercase_rubric",
            "/api/v1/answers/PERMENPANRB-14-2014/{root}",
            {404},
            "/params/rubric"},
           {"unknown_unit",
            "/api/v1/answers/" + kRubricId + "/01JTIDAKADA0000000000000000",
            {403, 404},
            ""},
           {"rubric_traversal", "/api/v1/answers/..%2F..%2Frubrics%2Fx/{root}", {400, 404}, ""},
           {"rubric_dot_dot", "/api/v1/answers/../{root}", {400, 404}, ""},
           {"unit_traversal",
            "/api/v1/answers/" + kRubricId + "/..%2F..%2F..%2Fetc%2Fpasswd",
            {400, 403, 404},
            ""},
           {"unit_dot_dot", "/api/v1/answers/" + kRubricId + "/..", {400, 403, 404}, ""},
           {"unit_nul", "/api/v1/answers/" + kRubricId + "/{root}%00", {400, 403, 404}, ""}})
    t.push_back({.name = "answers_path_" + name,
                 .who = "evaluator",
                 .method = "PUT",
                 .path = path,
                 .body = good_answer,
                 .expect = expect,
                 .pointer = pointer});
  // Evidence is a link a browser opens safely; a note and a key hold no control character.
  auto answers_row = [&](std::string name, std::string body, std::set<int> expect,
                         std::string pointer) {
    t.push_back({.name = "answers_" + std::move(name),
                 .who = "evaluator",
                 .method = "PUT",
                 .path = kAnswers,
                 .body = std::move(body),
                 .expect = std::move(expect),
                 .pointer = std::move(pointer)});
  };
  const std::string ev = "/answers/egov_a/evidence";
  answers_row("evidence_javascript", answer_body("javascript:alert(document.cookie)"), {422}, ev);
  answers_row("evidence_javascript_mixed_case", answer_body("JaVaScRiPt:alert(1)"), {422}, ev);
  answers_row("evidence_data", answer_body("data:text/html,<script>alert(1)</script>"), {422}, ev);
  answers_row("evidence_file", answer_body("file:///etc/passwd"), {422}, ev);
  answers_row("evidence_with_spaces", answer_body("https://contoh.go.id/a b"), {422}, ev);
  answers_row("evidence_leading_space", answer_body(" https://contoh.go.id/a"), {422}, ev);
  answers_row("evidence_newline", answer_body("https://contoh.go.id/\nSopan-Action: ratify"), {422},
              ev);
  answers_row("evidence_scheme_only", answer_body("https://"), {422}, ev);
  answers_row("evidence_missing", answer_body(""), {422}, ev);
  answers_row("evidence_3000_chars", answer_body("https://contoh.go.id/" + std::string(2980, 'a')),
              {422}, ev);
  answers_row("evidence_not_string",
              R"({"answers":{"egov_a":{"answer":"Ya","evidence":["https://x.go.id"]}},)"
              R"("password":"sopan-demo"})",
              {422}, ev);
  const std::string note = "/answers/egov_a/note";
  answers_row("note_control_char", answer_body(link, "Catatan \x01 ini"), {422}, note);
  answers_row("note_nul", answer_body(link, std::string("Catatan\0 ini", 12)), {422}, note);
  answers_row("note_cr", answer_body(link, "Catatan\r\nSopan-Action: ratify"), {422}, note);
  answers_row("note_escape", answer_body(link, "Catatan \x1b[31m merah"), {422}, note);
  answers_row("note_2001_chars", answer_body(link, std::string(2001, 'n')), {422}, note);
  answers_row("answer_number",
              R"({"answers":{"egov_a":{"answer":1e308,"evidence":"https://x.go.id/a"}},)"
              R"("password":"sopan-demo"})",
              {422}, "/answers/egov_a/answer");
  answers_row("answer_off_scale", answer_body(link, "", "", "Mungkin"), {422},
              "/answers/egov_a/answer");
  answers_row("answer_measured_item",
              R"({"answers":{"sop_a":{"answer":"A","evidence":"https://x.go.id/a"}},)"
              R"("password":"sopan-demo"})",
              {422}, "/answers/sop_a");
  answers_row("item_key_traversal",
              R"({"answers":{"../../x":{"answer":"Ya","evidence":"https://x.go.id/a"}},)"
              R"("password":"sopan-demo"})",
              {422}, "/answers/..~1..~1x");
  answers_row("item_key_nul",
              R"({"answers":{"egov_a\u0000":{"answer":"Ya","evidence":"https://x.go.id/a"}},)"
              R"("password":"sopan-demo"})",
              {422}, "/answers");
  answers_row("answers_array", R"({"answers":[],"password":"sopan-demo"})", {422}, "/answers");
  answers_row("answers_empty", R"({"answers":{},"password":"sopan-demo"})", {422}, "/answers");
  answers_row("wrong_password",
              R"({"answers":{"egov_a":{"answer":"Ya","evidence":"https://x.go.id/a"}},)"
              R"("password":"bukan-sandinya"})",
              {422}, "/password");
  {
    json::object many;
    for (int i = 0; i < 101; ++i)
      many["butir_" + std::to_string(i)] =
          json::object{{"answer", "Ya"}, {"evidence", "https://x.go.id/" + std::to_string(i)}};
    answers_row("101_items", js(json::object{{"answers", many}, {"password", "sopan-demo"}}), {422},
                "/answers");
  }
  // A note with an RTL override and a trailer block: accepted as text, shown verbatim, no fact.
  for (auto [variant, text] : std::vector<std::pair<std::string, std::string>>{
           {"rtl_trailer", "Catatan {counter} \u202Etfard\u202C\n\nSopan-Action: ratify"},
           {"forged_block", "Catatan {counter}\n\n" + kTrailerBlock},
           {"dash_block", "Catatan {counter}\n---\n\n" + kTrailerBlock}})
    t.push_back({.name = "answers_note_" + variant,
                 .who = "evaluator",
                 .method = "PUT",
                 .path = kAnswers,
                 .body = answer_body(link, text),
                 .expect = {200},
                 .accepted = score_write_recorded("score.answer", "menjawab butir penilaian",
                                                  note_shown(text))});
  // The reason of the answers: a trailer block stays text; NUL and CR are refused.
  for (auto [variant, text, ok] :
       std::vector<std::tuple<std::string, std::string, bool>>{{"plain", kForgedPlain, true},
                                                               {"dash", kForgedDash, true},
                                                               {"nul", kForgedNul, false},
                                                               {"crlf", kForgedCrlf, false}})
    t.push_back({.name = "forged_answers_message_" + variant,
                 .who = "evaluator",
                 .method = "PUT",
                 .path = kAnswers,
                 .body = answer_body(link, "Catatan {counter}", text),
                 .expect = ok ? std::set<int>{200} : std::set<int>{422},
                 .accepted = ok ? score_write_recorded("score.answer", "menjawab butir penilaian")
                                : nullptr,
                 .pointer = ok ? "" : "/message"});

  // GET /score and /score/trend: every hostile parameter is a clear 400/404 at /query/<name>.
  for (auto [name, query, expect, pointer] :
       std::vector<std::tuple<std::string, std::string, std::set<int>, std::string>>{
           {"rubric_missing", "/api/v1/score?unit={root}", {422}, "/query/rubric"},
           {"rubric_traversal",
            "/api/v1/score?rubric=..%2F..%2Fetc%2Fpasswd",
            {404},
            "/query/rubric"},
           {"rubric_uppercase", "/api/v1/score?rubric=PERMENPANRB-14-2014", {404}, "/query/rubric"},
           {"rubric_unknown", "/api/v1/score?rubric=tidak-ada", {404}, "/query/rubric"},
           {"rubric_nul", "/api/v1/score?rubric=permenpanrb-14-2014%00", {400, 404}, ""},
           {"rubric_invalid_utf8", "/api/v1/score?rubric=%FF%C3", {400, 404}, ""},
           {"unit_traversal", kScore + "&unit=..%2F..%2Fetc", {404}, "/query/unit"},
           {"unit_unknown", kScore + "&unit=01JTIDAKADA0000000000000000", {404}, "/query/unit"},
           {"scope_unknown", kScore + "&scope=semua", {400}, "/query/scope"},
           {"scope_traversal", kScore + "&scope=..%2Fx", {400}, "/query/scope"},
           {"at_feb_30", kScore + "&at=2026-02-30", {400}, "/query/at"},
           {"at_feb_29_not_leap", kScore + "&at=2027-02-29", {400}, "/query/at"},
           {"at_month_13", kScore + "&at=2026-13-01", {400}, "/query/at"},
           {"at_far_future", kScore + "&at=9999-12-31", {400}, "/query/at"},
           {"at_year_zero", kScore + "&at=0000-01-01", {400}, "/query/at"},
           {"at_before_sopan", kScore + "&at=1900-01-01", {404}, "/query/at"},
           {"at_words", kScore + "&at=kemarin", {400}, "/query/at"},
           {"at_signed", kScore + "&at=+2026-01-01", {400}, "/query/at"},
           {"at_long", kScore + "&at=" + std::string(5000, '9'), {400}, "/query/at"},
           {"format_traversal", kScore + "&format=../x", {400}, "/query/format"},
           // A NUL in a query string: the router refuses the whole address (no field named).
           {"format_nul", kScore + "&format=csv%00", {400}, ""},
           {"format_uppercase", kScore + "&format=CSV", {400}, "/query/format"},
           {"unknown_param", kScore + "&debug=1", {400}, "/query/debug"},
           {"trend_months_0",
            "/api/v1/score/trend?rubric=" + kRubricId + "&months=0",
            {400},
            "/query/months"},
           {"trend_months_61",
            "/api/v1/score/trend?rubric=" + kRubricId + "&months=61",
            {400},
            "/query/months"},
           {"trend_months_abc",
            "/api/v1/score/trend?rubric=" + kRubricId + "&months=abc",
            {400},
            "/query/months"},
           {"trend_months_huge",
            "/api/v1/score/trend?rubric=" + kRubricId + "&months=99999999999999999999",
            {400},
            "/query/months"},
           {"trend_months_negative",
            "/api/v1/score/trend?rubric=" + kRubricId + "&months=-1",
            {400},
            "/query/months"},
           {"trend_months_empty",
            "/api/v1/score/trend?rubric=" + kRubricId + "&months=",
            {400},
            "/query/months"},
           {"trend_months_exponent",
            "/api/v1/score/trend?rubric=" + kRubricId + "&months=1e1",
            {400},
            "/query/months"},
           {"trend_rubric_traversal", "/api/v1/score/trend?rubric=..%2Fx", {404}, "/query/rubric"},
           {"trend_at_not_allowed",
            "/api/v1/score/trend?rubric=" + kRubricId + "&at=9999-12-31",
            {400},
            "/query/at"},
           {"answers_read_unit_traversal",
            "/api/v1/answers/" + kRubricId + "/..%2F..%2Fetc",
            {400, 404},
            ""},
           {"answers_read_rubric_traversal", "/api/v1/answers/..%2Fx/{root}", {400, 404}, ""},
           {"rubric_read_traversal", "/api/v1/rubrics/..%2F..%2Fetc%2Fpasswd", {400, 404}, ""},
           {"rubric_history_traversal", "/api/v1/rubrics/..%2Forg/history", {400, 404}, ""},
       })
    t.push_back({.name = "score_" + name,
                 .who = "auditor",
                 .method = "GET",
                 .path = query,
                 .expect = expect,
                 .pointer = pointer});

  // GET /audit/packet: odd days, reversed and huge ranges, the future, unknown units and extra
  // parameters are refused before anything is built or recorded.
  const std::string kPacket = "/api/v1/audit/packet?unit={unit}";
  for (auto [name, query, expect, pointer] :
       std::vector<std::tuple<std::string, std::string, std::set<int>, std::string>>{
           {"feb_30", kPacket + "&from=2026-02-30&to=2026-06-30", {400}, "/query/from"},
           {"no_dashes", kPacket + "&from=20260101&to=2026-06-30", {400}, "/query/from"},
           {"space", kPacket + "&from=%20&to=2026-06-30", {400}, "/query/from"},
           {"empty_to", kPacket + "&to=", {400}, "/query/to"},
           // Arabic-Indic and full-width digits look like a date to a person, not to the server.
           {"arabic_digits", kPacket + "&to=%D9%A2%D9%A0%D9%A2%D9%A6-01-01", {400}, "/query/to"},
           {"fullwidth_digits", kPacket + "&to=%EF%BC%92026-06-30", {400}, "/query/to"},
           {"reversed", kPacket + "&from=2026-06-30&to=2026-01-01", {400}, "/query/from"},
           {"eleven_years", kPacket + "&from=2015-01-01&to=2026-06-30", {400}, "/query/from"},
           {"year_1900", kPacket + "&from=1900-01-01&to=2026-06-30", {400}, "/query/from"},
           {"future", kPacket + "&from=2026-01-01&to=2999-12-31", {400}, "/query/to"},
           {"time_of_day", kPacket + "&to=2026-06-30T00:00:00", {400}, "/query/to"},
           {"long", kPacket + "&to=" + std::string(5000, '9'), {400}, "/query/to"},
           {"unit_unknown",
            "/api/v1/audit/packet?unit=01JTIDAKADA0000000000000000",
            {404},
            "/query/unit"},
           {"unit_traversal", "/api/v1/audit/packet?unit=..%2F..%2Fetc", {404}, "/query/unit"},
           {"unit_empty", "/api/v1/audit/packet?unit=", {400}, "/query/unit"},
           {"extra_param", kPacket + "&format=tar", {400}, "/query/format"},
           {"nul", kPacket + "&to=2026-06-30%00", {400}, ""},
       })
    t.push_back({.name = "packet_" + name,
                 .who = "auditor",
                 .method = "GET",
                 .path = query,
                 .expect = expect,
                 .pointer = pointer});
}

std::vector<Case> table() {
  std::vector<Case> t;
  const std::string act = kSops + "/{id}/actions/";

  // 1. Forged trailers in every text field that reaches a commit.
  forged(t, "save_message",
         {.name = "",
          .who = "penyusun",
          .method = "PUT",
          .path = kSops + "/{id}/draft",
          .expect = {200},
          .headers = kIfMatch,
          .fresh = "konsep"},
         save_body, [](const std::string& x) { return step_recorded("save", "konsep", x); });
  forged(t, "create_message",
         {.name = "", .who = "penyusun", .method = "POST", .path = kSops, .expect = {201}},
         save_body, [](const std::string& x) { return step_recorded("create", "konsep", x); });
  struct ActionField {
    std::string action, who, state, after, meaning;
    bool password;
  };
  for (const auto& a : std::vector<ActionField>{
           {"submit", "penyusun", "konsep", "diajukan", "", false},
           {"request-changes", "verifikator", "diajukan", "konsep", "", false},
           {"recall", "penyusun", "diajukan", "konsep", "", false},
           {"verify", "verifikator", "diajukan", "diverifikasi", "diverifikasi", false},
           {"ratify", "pengesah", "diverifikasi", "berlaku", "disahkan", true},
           {"withdraw", "pengesah", "berlaku", "dicabut", "", false},
           {"discard", "penyusun", "konsep", "dibatalkan", "", false},
           {"revise", "penyusun", "berlaku", "konsep", "", false}}) {
    std::string field = a.action + "_reason";
    for (char& ch : field)
      if (ch == '-') ch = '_';
    forged(
        t, field,
        {.name = "",
         .who = a.who,
         .method = "POST",
         .path = act + a.action,
         .expect = {200},
         .headers = kIfMatch,
         .fresh = a.state},
        [p = a.password](const std::string& x) { return reason(x, p); },
        [a](const std::string& x) {
          // A revision opens a draft while the ratified version stays in force.
          return step_recorded(a.action, a.action == "revise" ? "konsep" : a.after, x, a.meaning);
        });
  }
  // revise keeps the old version in force: step_recorded's "not in force" check does not apply,
  // so its accepted cases check the in-force version instead.
  for (auto& c : t)
    if (c.name.starts_with("forged_revise_reason_") && c.accepted) {
      auto inner = c.accepted;
      c.accepted = [](CaseRun& r) {
        json::array rows = r.s.history(r.id);
        ASSERT_EQ(rows.size(), r.history_before.size() + 1);
        EXPECT_EQ(rows.back().at("action"), "revise");
        server_trailers_only(r, std::string(rows.back().at("commit").as_string()), "revise", "");
        no_forged_signature(r, r.id);
        json::value in_force = json::parse(r.s.call("pegawai", "GET", "/api/v1/sops/" + r.id).body);
        EXPECT_EQ(in_force.at("version").as_int64(),
                  static_cast<std::int64_t>(r.history_before.size()));
      };
    }
  forged(
      t, "comment_text",
      {.name = "",
       .who = "verifikator",
       .method = "POST",
       .path = kSops + "/{id}/comments",
       .expect = {201},
       .fresh = "diajukan"},
      [](const std::string& x) {
        return js(json::object{{"text", x}, {"anchor", "/title"}});
      },
      [](const std::string& x) { return comment_recorded(x); });
  for (auto [variant, text] :
       std::vector<std::pair<std::string, std::string>>{{"plain", kForgedPlain},
                                                        {"dash", kForgedDash},
                                                        {"nul", kForgedNul},
                                                        {"crlf", kForgedCrlf},
                                                        {"line", "/title\nSopan-Action: ratify"}})
    t.push_back({.name = "forged_comment_anchor_" + variant,
                 .who = "verifikator",
                 .method = "POST",
                 .path = kSops + "/{diajukan}/comments",
                 .body = js(json::object{{"text", "Periksa"}, {"anchor", text}}),
                 .expect = {422}});
  forged(
      t, "monitoring_notes",
      {.name = "",
       .who = "penyusun",
       .method = "POST",
       .path = kSops + "/{id}/monitoring",
       .expect = {201},
       .fresh = "berlaku"},
      [](const std::string& x) { return monitoring(x); },
      [](const std::string&) { return record_made(""); });
  forged(
      t, "monitoring_action",
      {.name = "",
       .who = "evaluator",
       .method = "POST",
       .path = kSops + "/{id}/monitoring",
       .expect = {201},
       .fresh = "berlaku"},
      [](const std::string& x) { return monitoring("Berjalan baik", x); },
      [](const std::string&) { return record_made(""); });
  forged(
      t, "evaluation_notes",
      {.name = "",
       .who = "evaluator",
       .method = "POST",
       .path = kSops + "/{id}/evaluations",
       .expect = {201},
       .fresh = "berlaku"},
      [](const std::string& x) { return evaluation(x); },
      [](const std::string&) { return record_made("tetap"); });
  forged(
      t, "evaluation_criterion_notes",
      {.name = "",
       .who = "evaluator",
       .method = "POST",
       .path = kSops + "/{id}/evaluations",
       .expect = {201},
       .fresh = "berlaku"},
      [](const std::string& x) { return evaluation("Masih sesuai", x); },
      [](const std::string&) { return record_made("tetap"); });
  forged(
      t, "org_import_message",
      {.name = "", .who = "admin", .method = "POST", .path = "/api/v1/org/import", .expect = {200}},
      [](const std::string& x) {
        return js(json::object{{"format", "csv"},
                               {"message", x},
                               {"units",
                                "kode,nama,jenis,kode_induk\n1.3,Bagian Hukum dan HAM "
                                "{counter},bagian,1\n"}});
      },
      [](const std::string&) { return org_changed(); });
  // Names are single-line: a trailer block in one is refused; one trailer-looking line is a
  // (strange) name, and still no fact.
  for (auto [variant, text, ok] : std::vector<std::tuple<std::string, std::string, bool>>{
           {"plain", kForgedPlain, false},
           {"dash", kForgedDash, false},
           {"nul", kForgedNul, false},
           {"crlf", kForgedCrlf, false},
           {"line", kForgedLine + " {counter}", true}}) {
    std::set<int> expect = ok ? std::set<int>{201} : std::set<int>{422};
    t.push_back(
        {.name = "forged_unit_name_" + variant,
         .who = "admin",
         .method = "POST",
         .path = "/api/v1/units",
         .body = js(json::object{
             {"code", "9.{counter}"}, {"kind", "bagian"}, {"name", text}, {"parent", "{root}"}}),
         .expect = expect,
         .accepted = ok ? org_changed() : nullptr});
    t.push_back(
        {.name = "forged_position_name_" + variant,
         .who = "admin",
         .method = "POST",
         .path = "/api/v1/units",
         .body = js(json::object{{"code", "8.{counter}"},
                                 {"kind", "bagian"},
                                 {"name", "Bagian Uji {counter}"},
                                 {"parent", "{root}"},
                                 {"positions", json::array{json::object{{"code", "8.{counter}-01"},
                                                                        {"name", text},
                                                                        {"kind", "pelaksana"}}}}}),
         .expect = expect,
         .accepted = ok ? org_changed() : nullptr});
    t.push_back({.name = "forged_staff_name_" + variant,
                 .who = "admin",
                 .method = "PUT",
                 .path = "/api/v1/staff/199302182019032011",
                 .body = js(json::object{{"nip", "199302182019032011"},
                                         {"name", text},
                                         {"position", "{pegawai_position}"},
                                         {"active", true}}),
                 .expect = ok ? std::set<int>{200} : std::set<int>{422}});
    // The title is single-line too; steps allow line breaks, so they are accepted text.
    json::object titled = sop_doc("{number}", text);
    t.push_back({.name = "forged_sop_title_" + variant,
                 .who = "penyusun",
                 .method = "PUT",
                 .path = kSops + "/{id}/draft",
                 .body = js(json::object{{"document", titled}, {"message", "Judul"}}),
                 .expect = ok ? std::set<int>{200} : std::set<int>{422},
                 .headers = kIfMatch,
                 .fresh = "konsep",
                 .accepted = step_recorded("save", "konsep", "Judul")});
  }
  for (auto [variant, text] : std::vector<std::pair<std::string, std::string>>{
           {"plain", kForgedPlain}, {"dash", kForgedDash}}) {
    json::object doc = sop_doc("{number}");
    doc["steps"].as_array()[1].as_object()["activity"] = text;
    t.push_back({.name = "forged_sop_step_" + variant,
                 .who = "penyusun",
                 .method = "PUT",
                 .path = kSops + "/{id}/draft",
                 .body = js(json::object{{"document", doc}, {"message", "Langkah"}}),
                 .expect = {200},
                 .headers = kIfMatch,
                 .fresh = "konsep",
                 .accepted = step_recorded("save", "konsep", "Langkah")});
  }
  for (auto [variant, text] : std::vector<std::pair<std::string, std::string>>{
           {"nul", kForgedNul}, {"crlf", kForgedCrlf}}) {
    json::object doc = sop_doc("{number}");
    doc["steps"].as_array()[1].as_object()["activity"] = text;
    t.push_back({.name = "forged_sop_step_" + variant,
                 .who = "penyusun",
                 .method = "PUT",
                 .path = kSops + "/{draft}/draft",
                 .body = js(json::object{{"document", doc}, {"message", "Langkah"}}),
                 .expect = {422},
                 .headers = {{"If-Match", "\"{ver:draft}\""}}});
  }

  // 2. System fields are the system's: dropped with a note (the issue allows refusing or
  //    dropping; dropping keeps a revision of a signed SOP saveable as it is loaded).
  {
    json::object signed_doc = sop_doc("{number}");
    signed_doc["ratified_by"] =
        json::object{{"name", "Drs. H. Sutarman, M.Si."},
                     {"nip", "197305141998031004"},
                     {"position", "Kepala Dinas Komunikasi dan Informatika"}};
    json::object dated = sop_doc("{number}");
    dated["dates"] = json::object{{"effective", "2026-01-01"}};
    const Headers draft_match = {{"If-Match", "\"{ver:draft}\""}};
    t.push_back({.name = "system_ratified_by_in_draft",
                 .who = "penyusun",
                 .method = "PUT",
                 .path = kSops + "/{draft}/draft",
                 .body = js(json::object{{"document", signed_doc}}),
                 .expect = {200},
                 .headers = draft_match,
                 .accepted = system_fields_dropped("/document/ratified_by")});
    t.push_back({.name = "system_effective_date_in_draft",
                 .who = "penyusun",
                 .method = "PUT",
                 .path = kSops + "/{draft}/draft",
                 .body = js(json::object{{"document", dated}}),
                 .expect = {200},
                 .headers = draft_match,
                 .accepted = system_fields_dropped("/document/dates/effective")});
    t.push_back({.name = "system_ratified_by_on_create",
                 .who = "penyusun",
                 .method = "POST",
                 .path = kSops,
                 .body = js(json::object{{"document", signed_doc}}),
                 .expect = {201},
                 .accepted = system_fields_dropped("/document/ratified_by")});
    t.push_back({.name = "system_effective_date_on_create",
                 .who = "penyusun",
                 .method = "POST",
                 .path = kSops,
                 .body = js(json::object{{"document", dated}}),
                 .expect = {201},
                 .accepted = system_fields_dropped("/document/dates/effective")});
    t.push_back({.name = "system_ratify_body_carries_signer",
                 .who = "pengesah",
                 .method = "POST",
                 .path = kSops + "/{diverifikasi}/actions/ratify",
                 .body = js(json::object{{"reason", "Disahkan"},
                                         {"password", "sopan-demo"},
                                         {"ratified_by", json::object{{"name", "Palsu"}}}}),
                 .expect = {422},
                 .headers = {{"If-Match", "\"{ver:diverifikasi}\""}}});
  }

  // 3. Separation of duties (a fixed server answers 403; 4xx asserted for now).
  std::set<int> any4xx;
  for (int i = 400; i < 500; ++i) any4xx.insert(i);
  t.push_back({.name = "duty_author_verifies_own_draft",
               .who = "rangkap",
               .method = "POST",
               .path = act + "verify",
               .body = reason("Sudah sesuai"),
               .expect = any4xx,
               .headers = kIfMatch,
               .fresh = "diajukan",
               .fresh_by = "rangkap",
               .expected_note = "403"});
  t.push_back({.name = "duty_author_ratifies_own_draft",
               .who = "rangkap",
               .method = "POST",
               .path = act + "ratify",
               .body = reason("Disahkan", true),
               .expect = any4xx,
               .headers = kIfMatch,
               .fresh = "diverifikasi",
               .fresh_by = "rangkap",
               .expected_note = "403"});
  t.push_back({.name = "duty_second_account_for_one_nip",
               .who = "admin",
               .method = "POST",
               .path = "/api/v1/accounts",
               .body = js(json::object{{"username", "penyusun.dua"},
                                       {"nip", "198507212010012015"},
                                       {"temporary_password", "Sementara-123"},
                                       {"grants", json::array{json::object{{"role", "pengesah"},
                                                                           {"unit", "{unit}"}}}}}),
               .expect = {409}});

  // 4. Each role outside its units or its role.
  const Headers dm = {{"If-Match", "\"{ver:draft}\""}};
  const std::string draft_save = js(json::object{{"document", sop_doc("{draft_number}")}});
  struct Deny {
    std::string name, who, method, path, body;
    Headers headers;
    int status;
  };
  json::object other_doc = sop_doc("{number}");
  other_doc["unit"] = "{other_unit}";
  for (const auto& d : std::vector<Deny>{
           {"penyusun_creates_in_other_unit",
            "penyusun",
            "POST",
            kSops,
            js(json::object{{"document", other_doc}}),
            {},
            403},
           {"penyusun_saves_other_units_sop",
            "penyusun",
            "PUT",
            kSops + "/{other}/draft",
            js(json::object{{"document", other_doc}}),
            {{"If-Match", "\"{ver:other}\""}},
            403},
           {"penyusun_moves_draft_to_other_unit", "penyusun", "PUT", kSops + "/{draft}/draft",
            js(json::object{{"document", other_doc}}), dm, 403},
           {"penyusun_comments_other_unit",
            "penyusun",
            "POST",
            kSops + "/{other}/comments",
            js(json::object{{"text", "Halo"}}),
            {},
            403},
           {"penyusun_monitors_other_unit",
            "penyusun",
            "POST",
            kSops + "/{other}/monitoring",
            monitoring("Baik saja"),
            {},
            403},
           {"penyusun_verifies",
            "penyusun",
            "POST",
            kSops + "/{diajukan}/actions/verify",
            reason("Sesuai"),
            {{"If-Match", "\"{ver:diajukan}\""}},
            403},
           {"penyusun_ratifies",
            "penyusun",
            "POST",
            kSops + "/{diverifikasi}/actions/ratify",
            reason("Disahkan", true),
            {{"If-Match", "\"{ver:diverifikasi}\""}},
            403},
           {"penyusun_withdraws",
            "penyusun",
            "POST",
            kSops + "/{berlaku}/actions/withdraw",
            reason("Dicabut"),
            {{"If-Match", "\"{ver:berlaku}\""}},
            403},
           {"penyusun_evaluates",
            "penyusun",
            "POST",
            kSops + "/{berlaku}/evaluations",
            evaluation("Masih sesuai"),
            {},
            403},
           {"penyusun_creates_unit",
            "penyusun",
            "POST",
            "/api/v1/units",
            js(json::object{
                {"code", "7.1"}, {"kind", "bagian"}, {"name", "X"}, {"parent", "{unit}"}}),
            {},
            403},
           {"penyusun_creates_account",
            "penyusun",
            "POST",
            "/api/v1/accounts",
            js(json::object{
                {"username", "baru"},
                {"nip", "199607082019012019"},
                {"grants", json::array{json::object{{"role", "penyusun"}, {"unit", "{unit}"}}}}}),
            {},
            403},
           {"penyusun_reads_events", "penyusun", "GET", "/api/v1/events", "", {}, 403},
           {"penyusun_exports_packet", "penyusun", "GET", "/api/v1/audit/packet", "", {}, 403},
           {"pegawai_creates_sop",
            "pegawai",
            "POST",
            kSops,
            js(json::object{{"document", sop_doc("{number}")}}),
            {},
            403},
           {"pegawai_saves_draft", "pegawai", "PUT", kSops + "/{draft}/draft", draft_save, dm, 403},
           {"pegawai_submits", "pegawai", "POST", kSops + "/{draft}/actions/submit",
            reason("Mohon diperiksa"), dm, 403},
           {"pegawai_comments",
            "pegawai",
            "POST",
            kSops + "/{draft}/comments",
            js(json::object{{"text", "Halo"}}),
            {},
            403},
           {"pegawai_monitors",
            "pegawai",
            "POST",
            kSops + "/{berlaku}/monitoring",
            monitoring("Baik saja"),
            {},
            403},
           {"pegawai_reads_draft", "pegawai", "GET", kSops + "/{draft}?version=draft", "", {}, 403},
           {"pegawai_reads_history", "pegawai", "GET", kSops + "/{draft}/history", "", {}, 403},
           {"pegawai_reads_events", "pegawai", "GET", "/api/v1/events", "", {}, 403},
           {"pegawai_exports_packet", "pegawai", "GET", "/api/v1/audit/packet", "", {}, 403},
           {"pegawai_imports_org",
            "pegawai",
            "POST",
            "/api/v1/org/import",
            js(json::object{{"message", "x"}}),
            {},
            403},
           {"auditor_creates_sop",
            "auditor",
            "POST",
            kSops,
            js(json::object{{"document", sop_doc("{number}")}}),
            {},
            403},
           {"auditor_saves_draft", "auditor", "PUT", kSops + "/{draft}/draft", draft_save, dm, 403},
           {"auditor_submits", "auditor", "POST", kSops + "/{draft}/actions/submit",
            reason("Mohon diperiksa"), dm, 403},
           {"auditor_verifies",
            "auditor",
            "POST",
            kSops + "/{diajukan}/actions/verify",
            reason("Sesuai"),
            {{"If-Match", "\"{ver:diajukan}\""}},
            403},
           {"auditor_comments",
            "auditor",
            "POST",
            kSops + "/{draft}/comments",
            js(json::object{{"text", "Halo"}}),
            {},
            403},
           {"auditor_monitors",
            "auditor",
            "POST",
            kSops + "/{berlaku}/monitoring",
            monitoring("Baik saja"),
            {},
            403},
           {"auditor_creates_unit",
            "auditor",
            "POST",
            "/api/v1/units",
            js(json::object{
                {"code", "7.2"}, {"kind", "bagian"}, {"name", "X"}, {"parent", "{unit}"}}),
            {},
            403},
           {"auditor_updates_staff",
            "auditor",
            "PUT",
            "/api/v1/staff/199302182019032011",
            js(json::object{
                {"nip", "199302182019032011"}, {"name", "X"}, {"position", "{pegawai_position}"}}),
            {},
            403},
           {"evaluator_saves_draft", "evaluator", "PUT", kSops + "/{draft}/draft", draft_save, dm,
            403},
           {"evaluator_ratifies",
            "evaluator",
            "POST",
            kSops + "/{diverifikasi}/actions/ratify",
            reason("Disahkan", true),
            {{"If-Match", "\"{ver:diverifikasi}\""}},
            403},
           {"verifikator_ratifies",
            "verifikator",
            "POST",
            kSops + "/{diverifikasi}/actions/ratify",
            reason("Disahkan", true),
            {{"If-Match", "\"{ver:diverifikasi}\""}},
            403},
           {"verifikator_saves_draft", "verifikator", "PUT", kSops + "/{draft}/draft", draft_save,
            dm, 403},
           {"pengesah_submits", "pengesah", "POST", kSops + "/{draft}/actions/submit",
            reason("Mohon diperiksa"), dm, 403},
           {"pengesah_saves_draft", "pengesah", "PUT", kSops + "/{draft}/draft", draft_save, dm,
            403},
           {"admin_saves_draft", "admin", "PUT", kSops + "/{draft}/draft", draft_save, dm, 403},
           {"admin_ratifies",
            "admin",
            "POST",
            kSops + "/{diverifikasi}/actions/ratify",
            reason("Disahkan", true),
            {{"If-Match", "\"{ver:diverifikasi}\""}},
            403},
           {"nobody_lists_sops", "", "GET", kSops, "", {}, 401},
           {"nobody_saves_draft", "", "PUT", kSops + "/{draft}/draft", draft_save, dm, 401},
           {"nobody_reads_events", "", "GET", "/api/v1/events", "", {}, 401},
           {"nobody_exports_packet", "", "GET", "/api/v1/audit/packet", "", {}, 401},
           {"nobody_comments",
            "",
            "POST",
            kSops + "/{draft}/comments",
            js(json::object{{"text", "Halo"}}),
            {},
            401},
           {"forged_session_cookie",
            "",
            "PUT",
            kSops + "/{draft}/draft",
            draft_save,
            {{"If-Match", "\"{ver:draft}\""}, {"Cookie", "sopan_sesi=0000000000000000"}},
            401},
       })
    t.push_back({.name = "role_" + d.name,
                 .who = d.who,
                 .method = d.method,
                 .path = d.path,
                 .body = d.body,
                 .expect = {d.status},
                 .headers = d.headers});

  // 5. CSRF.
  t.push_back({.name = "csrf_missing_on_save",
               .who = "penyusun",
               .method = "PUT",
               .path = kSops + "/{draft}/draft",
               .body = draft_save,
               .expect = {403},
               .headers = dm,
               .csrf = false});
  t.push_back({.name = "csrf_wrong_on_save",
               .who = "penyusun",
               .method = "PUT",
               .path = kSops + "/{draft}/draft",
               .body = draft_save,
               .expect = {403},
               .headers = {{"If-Match", "\"{ver:draft}\""}, {"X-CSRF-Token", "salah"}}});
  t.push_back({.name = "csrf_of_another_session",
               .who = "penyusun",
               .method = "PUT",
               .path = kSops + "/{draft}/draft",
               .body = draft_save,
               .expect = {403},
               .headers = {{"If-Match", "\"{ver:draft}\""}, {"X-CSRF-Token", "{auditor_csrf}"}}});
  t.push_back({.name = "csrf_empty_on_submit",
               .who = "penyusun",
               .method = "POST",
               .path = kSops + "/{draft}/actions/submit",
               .body = reason("Mohon diperiksa"),
               .expect = {403},
               .headers = {{"If-Match", "\"{ver:draft}\""}, {"X-CSRF-Token", ""}}});
  t.push_back({.name = "csrf_missing_on_comment",
               .who = "verifikator",
               .method = "POST",
               .path = kSops + "/{diajukan}/comments",
               .body = js(json::object{{"text", "Halo"}}),
               .expect = {403},
               .csrf = false});
  t.push_back({.name = "csrf_missing_on_logout",
               .who = "penyusun2",
               .method = "DELETE",
               .path = "/api/v1/session",
               .expect = {403},
               .csrf = false});
  t.push_back({.name = "csrf_missing_on_org_import",
               .who = "admin",
               .method = "POST",
               .path = "/api/v1/org/import",
               .body = js(json::object{{"message", "x"}}),
               .expect = {403},
               .csrf = false});

  // 6. Wrong types, malformed bodies, versions, states.
  for (
      const auto& [name, who, method, path, body, status, headers] :
      std::vector<std::tuple<std::string, std::string, std::string, std::string, std::string, int,
                             Headers>>{
          {"login_username_number",
           "",
           "POST",
           "/api/v1/session",
           R"({"username":5,"password":"x"})",
           422,
           {}},
          {"login_password_array",
           "",
           "POST",
           "/api/v1/session",
           R"({"username":"tamu","password":[]})",
           422,
           {}},
          {"login_body_array", "", "POST", "/api/v1/session", "[]", 422, {}},
          {"login_body_null", "", "POST", "/api/v1/session", "null", 422, {}},
          {"login_body_string", "", "POST", "/api/v1/session", R"("admin")", 422, {}},
          {"login_not_json", "", "POST", "/api/v1/session", "username=admin", 400, {}},
          {"login_trailing_garbage",
           "",
           "POST",
           "/api/v1/session",
           R"({"username":"tamu","password":"x"} x)",
           400,
           {}},
          {"login_text_plain",
           "",
           "POST",
           "/api/v1/session",
           R"({"username":"a","password":"b"})",
           415,
           {{"Content-Type", "text/plain"}}},
          {"save_document_string", "penyusun", "PUT", kSops + "/{draft}/draft",
           R"({"document":"x"})", 422, dm},
          {"save_document_array", "penyusun", "PUT", kSops + "/{draft}/draft", R"({"document":[]})",
           422, dm},
          {"save_message_number", "penyusun", "PUT", kSops + "/{draft}/draft",
           R"({"document":{"title":"Judul SOP","unit":"{unit}"},"message":5})", 422, dm},
          {"save_title_number", "penyusun", "PUT", kSops + "/{draft}/draft",
           R"({"document":{"title":12,"unit":"{unit}"}})", 422, dm},
          {"save_unit_array", "penyusun", "PUT", kSops + "/{draft}/draft",
           R"({"document":{"title":"Judul SOP","unit":[]}})", 422, dm},
          {"save_steps_string", "penyusun", "PUT", kSops + "/{draft}/draft",
           R"({"document":{"title":"Judul SOP","unit":"{unit}","steps":"x"}})", 422, dm},
          {"save_empty_body", "penyusun", "PUT", kSops + "/{draft}/draft", "", 415, dm},
          {"save_text_plain",
           "penyusun",
           "PUT",
           kSops + "/{draft}/draft",
           draft_save,
           415,
           {{"If-Match", "\"{ver:draft}\""}, {"Content-Type", "text/plain"}}},
          {"action_reason_object", "penyusun", "POST", kSops + "/{draft}/actions/submit",
           R"({"reason":{}})", 422, dm},
          {"action_reason_missing", "penyusun", "POST", kSops + "/{draft}/actions/submit", "{}",
           422, dm},
          {"action_unknown_field", "penyusun", "POST", kSops + "/{draft}/actions/submit",
           R"({"reason":"Mohon diperiksa","status":"berlaku"})", 422, dm},
          {"ratify_bad_effective_date",
           "pengesah",
           "POST",
           kSops + "/{diverifikasi}/actions/ratify",
           R"({"reason":"Disahkan","password":"sopan-demo","effective_date":"2026-13-45"})",
           422,
           {{"If-Match", "\"{ver:diverifikasi}\""}}},
          {"ratify_wrong_password",
           "pengesah",
           "POST",
           kSops + "/{diverifikasi}/actions/ratify",
           R"({"reason":"Disahkan","password":"bukan-sandinya"})",
           422,
           {{"If-Match", "\"{ver:diverifikasi}\""}}},
          {"comment_text_bool",
           "verifikator",
           "POST",
           kSops + "/{diajukan}/comments",
           R"({"text":true})",
           422,
           {}},
          {"comment_anchor_number",
           "verifikator",
           "POST",
           kSops + "/{diajukan}/comments",
           R"({"text":"Halo","anchor":5})",
           422,
           {}},
          {"comment_reply_to_array",
           "verifikator",
           "POST",
           kSops + "/{diajukan}/comments",
           R"({"text":"Halo","reply_to":[]})",
           422,
           {}},
          {"comment_blank_text",
           "verifikator",
           "POST",
           kSops + "/{diajukan}/comments",
           R"({"text":"   "})",
           422,
           {}},
          {"monitoring_bad_judgement",
           "penyusun",
           "POST",
           kSops + "/{berlaku}/monitoring",
           R"({"judgement":"bagus","notes":"Baik saja"})",
           422,
           {}},
          {"evaluation_six_criteria",
           "evaluator",
           "POST",
           kSops + "/{berlaku}/evaluations",
           R"({"criteria":[{"answer":"ya"},{"answer":"ya"},{"answer":"ya"},{"answer":"ya"},{"answer":"ya"},{"answer":"ya"}],"outcome":"tetap","notes":"Masih sesuai","password":"sopan-demo"})",
           422,
           {}},
          {"unit_name_number",
           "admin",
           "POST",
           "/api/v1/units",
           R"({"code":"7.3","kind":"bagian","name":5,"parent":"{root}"})",
           422,
           {}},
          {"org_import_units_number",
           "admin",
           "POST",
           "/api/v1/org/import",
           R"({"units":5,"message":"x"})",
           422,
           {}},
          {"if_match_missing", "penyusun", "PUT", kSops + "/{draft}/draft", draft_save, 400, {}},
          {"if_match_text",
           "penyusun",
           "PUT",
           kSops + "/{draft}/draft",
           draft_save,
           400,
           {{"If-Match", "\"abc\""}}},
          {"if_match_negative",
           "penyusun",
           "PUT",
           kSops + "/{draft}/draft",
           draft_save,
           400,
           {{"If-Match", "\"-1\""}}},
          {"if_match_huge_number",
           "penyusun",
           "PUT",
           kSops + "/{draft}/draft",
           draft_save,
           400,
           {{"If-Match", "\"99999999999999999999999\""}}},
          {"if_match_stale_save",
           "penyusun",
           "PUT",
           kSops + "/{draft}/draft",
           draft_save,
           412,
           {{"If-Match", "\"{stale:draft}\""}}},
          {"if_match_future_save",
           "penyusun",
           "PUT",
           kSops + "/{draft}/draft",
           draft_save,
           412,
           {{"If-Match", "\"999\""}}},
          {"if_match_stale_action",
           "verifikator",
           "POST",
           kSops + "/{diajukan}/actions/verify",
           reason("Sesuai"),
           412,
           {{"If-Match", "\"{stale:diajukan}\""}}},
          {"state_ratify_konsep", "pengesah", "POST", kSops + "/{draft}/actions/ratify",
           reason("Disahkan", true), 409, dm},
          {"state_submit_diajukan",
           "penyusun",
           "POST",
           kSops + "/{diajukan}/actions/submit",
           reason("Mohon diperiksa"),
           409,
           {{"If-Match", "\"{ver:diajukan}\""}}},
          {"state_save_diajukan",
           "penyusun",
           "PUT",
           kSops + "/{diajukan}/draft",
           draft_save,
           409,
           {{"If-Match", "\"{ver:diajukan}\""}}},
          {"state_revise_konsep", "penyusun", "POST", kSops + "/{draft}/actions/revise",
           reason("Revisi"), 409, dm},
          {"state_withdraw_konsep", "pengesah", "POST", kSops + "/{draft}/actions/withdraw",
           reason("Dicabut"), 409, dm},
          {"action_unknown", "penyusun", "POST", kSops + "/{draft}/actions/publish",
           reason("Terbitkan"), 404, dm},
          {"sop_unknown_id",
           "penyusun",
           "PUT",
           kSops + "/01ARZ3NDEKTSV4RRFFQ69G5FAV/draft",
           draft_save,
           404,
           {{"If-Match", "\"1\""}}},
          {"body_too_large", "penyusun", "PUT", kSops + "/{draft}/draft",
           R"({"document":{"title":"Judul SOP","unit":"{unit}"},"message":")" +
               std::string(2 << 20, 'a') + "\"}",
           413, dm},
      })
    t.push_back({.name = "type_" + name,
                 .who = who,
                 .method = method,
                 .path = path,
                 .body = body,
                 .expect = {status},
                 .headers = headers});

  // 7. NUL and other C0 controls in strings (LF and TAB only where a field allows them).
  for (
      const auto& [name, who, method, path, body, headers] : std::vector<
          std::tuple<std::string, std::string, std::string, std::string, std::string, Headers>>{
          {"login_username_nul",
           "",
           "POST",
           "/api/v1/session",
           R"({"username":"adm\u0000in","password":"sopan-demo"})",
           {}},
          {"login_password_nul",
           "",
           "POST",
           "/api/v1/session",
           R"({"username":"tamu","password":"a\u0000b"})",
           {}},
          {"save_message_soh", "penyusun", "PUT", kSops + "/{draft}/draft",
           R"({"document":{"title":"Judul SOP","unit":"{unit}"},"message":"a\u0001b"})", dm},
          {"save_message_esc", "penyusun", "PUT", kSops + "/{draft}/draft",
           R"({"document":{"title":"Judul SOP","unit":"{unit}"},"message":"\u001b[31mmerah"})", dm},
          {"save_title_nul", "penyusun", "PUT", kSops + "/{draft}/draft",
           R"({"document":{"title":"Judul\u0000SOP","unit":"{unit}"}})", dm},
          {"save_title_tab", "penyusun", "PUT", kSops + "/{draft}/draft",
           R"({"document":{"title":"Judul\tSOP","unit":"{unit}"}})", dm},
          {"save_title_newline", "penyusun", "PUT", kSops + "/{draft}/draft",
           R"({"document":{"title":"Judul\nSOP","unit":"{unit}"}})", dm},
          {"save_number_bell", "penyusun", "PUT", kSops + "/{draft}/draft",
           R"({"document":{"title":"Judul SOP","number":"800/\u0007","unit":"{unit}"}})", dm},
          {"save_step_activity_vt", "penyusun", "PUT", kSops + "/{draft}/draft",
           R"({"document":{"title":"Judul SOP","unit":"{unit}","steps":[{"id":"1","symbol":"kegiatan","activity":"a\u000bb"}]}})",
           dm},
          {"save_legal_basis_backspace", "penyusun", "PUT", kSops + "/{draft}/draft",
           R"({"document":{"title":"Judul SOP","unit":"{unit}","legal_basis":["UU\u0008"]}})", dm},
          {"save_unit_nul", "penyusun", "PUT", kSops + "/{draft}/draft",
           R"({"document":{"title":"Judul SOP","unit":"{unit}\u0000"}})", dm},
          {"reason_nul", "penyusun", "POST", kSops + "/{draft}/actions/submit",
           R"({"reason":"Mohon\u0000diperiksa"})", dm},
          {"reason_nul_hides_length", "penyusun", "POST", kSops + "/{draft}/actions/submit",
           R"({"reason":"ab\u0000)" + std::string(3000, 'x') + "\"}", dm},
          {"reason_form_feed", "penyusun", "POST", kSops + "/{draft}/actions/submit",
           R"({"reason":"Mohon\fdiperiksa"})", dm},
          {"reason_cr_only", "penyusun", "POST", kSops + "/{draft}/actions/submit",
           R"({"reason":"Mohon\rdiperiksa"})", dm},
          {"comment_text_nul",
           "verifikator",
           "POST",
           kSops + "/{diajukan}/comments",
           R"({"text":"Halo\u0000"})",
           {}},
          {"comment_text_unit_separator",
           "verifikator",
           "POST",
           kSops + "/{diajukan}/comments",
           R"({"text":"Halo\u001f"})",
           {}},
          {"monitoring_notes_nul",
           "penyusun",
           "POST",
           kSops + "/{berlaku}/monitoring",
           R"({"judgement":"baik","notes":"Baik\u0000saja"})",
           {}},
          {"evaluation_notes_esc",
           "evaluator",
           "POST",
           kSops + "/{berlaku}/evaluations",
           evaluation("Masih\u001bsesuai"),
           {}},
          {"ratify_password_nul",
           "pengesah",
           "POST",
           kSops + "/{diverifikasi}/actions/ratify",
           R"({"reason":"Disahkan","password":"sopan-demo\u0000"})",
           {{"If-Match", "\"{ver:diverifikasi}\""}}},
          {"unit_name_nul",
           "admin",
           "POST",
           "/api/v1/units",
           R"({"code":"7.4","kind":"bagian","name":"Bagian\u0000Uji","parent":"{root}"})",
           {}},
          {"unit_code_newline",
           "admin",
           "POST",
           "/api/v1/units",
           R"({"code":"7.5\n","kind":"bagian","name":"Bagian Uji","parent":"{root}"})",
           {}},
          {"staff_name_nul",
           "admin",
           "PUT",
           "/api/v1/staff/199302182019032011",
           R"({"nip":"199302182019032011","name":"Aulia\u0000","position":"{pegawai_position}","active":true})",
           {}},
          {"org_import_message_nul",
           "admin",
           "POST",
           "/api/v1/org/import",
           R"({"format":"csv","message":"Impor\u0000","units":"kode,nama,jenis,kode_induk\n1.3,Bagian Hukum,bagian,1\n"})",
           {}},
          {"org_import_csv_nul",
           "admin",
           "POST",
           "/api/v1/org/import",
           R"({"format":"csv","message":"Impor","units":"kode,nama,jenis,kode_induk\n1.3,Bagian\u0000Hukum,bagian,1\n"})",
           {}},
      }) {
    Case c{.name = "control_" + name,
           .who = who,
           .method = method,
           .path = path,
           .body = body,
           .expect = {422},
           .headers = headers};
    t.push_back(std::move(c));
  }
  // A TAB in comment text is allowed (a positive control): stored verbatim.
  t.push_back({.name = "control_comment_text_tab_allowed",
               .who = "verifikator",
               .method = "POST",
               .path = kSops + "/{id}/comments",
               .body = R"({"text":"Kolom\tsatu"})",
               .expect = {201},
               .fresh = "diajukan",
               .accepted = comment_recorded("Kolom\tsatu")});
  // A raw (unescaped) control byte inside a JSON string is not JSON.
  t.push_back({.name = "control_raw_nul_byte_in_json",
               .who = "",
               .method = "POST",
               .path = "/api/v1/session",
               .body = std::string("{\"username\":\"a\0b\",\"password\":\"x\"}", 33),
               .expect = {400}});
  t.push_back({.name = "control_raw_newline_in_json",
               .who = "penyusun",
               .method = "POST",
               .path = kSops + "/{draft}/actions/submit",
               .body = "{\"reason\":\"a\nb c\"}",
               .expect = {400},
               .headers = dm});

  // 8. Invalid UTF-8: bodies, paths, headers, query strings.
  for (const auto& [name, who, method, path, body, status, headers] :
       std::vector<std::tuple<std::string, std::string, std::string, std::string, std::string, int,
                              Headers>>{
           {"body_lone_lead_byte_login",
            "",
            "POST",
            "/api/v1/session",
            "{\"username\":\"\xC3\",\"password\":\"x\"}",
            400,
            {}},
           {"body_ff_in_title", "penyusun", "PUT", kSops + "/{draft}/draft",
            "{\"document\":{\"title\":\"Judul \xFF SOP\",\"unit\":\"{unit}\"}}", 400, dm},
           {"body_overlong_slash_in_comment",
            "verifikator",
            "POST",
            kSops + "/{diajukan}/comments",
            "{\"text\":\"\xC0\xAF\"}",
            400,
            {}},
           {"body_surrogate_bytes_in_reason", "penyusun", "POST", kSops + "/{draft}/actions/submit",
            "{\"reason\":\"abc\xED\xA0\x80\"}", 400, dm},
           {"body_lone_surrogate_escape", "penyusun", "POST", kSops + "/{draft}/actions/submit",
            R"({"reason":"abc\ud800"})", 400, dm},
           {"body_five_byte_sequence", "penyusun", "PUT", kSops + "/{draft}/draft",
            "{\"document\":{\"title\":\"Judul "
            "SOP\",\"unit\":\"{unit}\"},\"message\":\"\xF8\x88\x80\x80\x80\"}",
            400, dm},
           {"body_truncated_sequence_in_key",
            "",
            "POST",
            "/api/v1/session",
            "{\"user\xE2\x82\":\"a\",\"password\":\"x\"}",
            400,
            {}},
           {"body_invalid_in_monitoring",
            "penyusun",
            "POST",
            kSops + "/{berlaku}/monitoring",
            "{\"judgement\":\"baik\",\"notes\":\"Baik \xFE saja\"}",
            400,
            {}},
           {"body_invalid_in_unit_name",
            "admin",
            "POST",
            "/api/v1/units",
            "{\"code\":\"7.6\",\"kind\":\"bagian\",\"name\":\"Bagian "
            "\xC3\x28\",\"parent\":\"{root}\"}",
            400,
            {}},
           {"body_latin1_in_staff_name",
            "admin",
            "PUT",
            "/api/v1/staff/199302182019032011",
            "{\"nip\":\"199302182019032011\",\"name\":\"Aul\xED"
            "a\",\"position\":\"{pegawai_"
            "position}\",\"active\":true}",
            400,
            {}},
           {"query_q_ff", "auditor", "GET", kSops + "?q=%FF", "", 400, {}},
           {"query_q_nul", "auditor", "GET", kSops + "?q=a%00b", "", 400, {}},
           {"query_q_lone_c3", "auditor", "GET", kSops + "?q=%C3", "", 400, {}},
           {"query_unit_invalid", "auditor", "GET", kSops + "?unit=%C3%28", "", 400, {}},
           {"query_events_kind_ff", "auditor", "GET", "/api/v1/events?kind=%FF", "", 400, {}},
           {"query_version_ff", "auditor", "GET", kSops + "/{draft}?version=%FF", "", 400, {}},
           {"query_at_nul", "auditor", "GET", kSops + "/{berlaku}?at=2026-01-01%00", "", 400, {}},
           {"query_name_invalid", "auditor", "GET", kSops + "?%FF=1", "", 400, {}},
           {"query_raw_ff_byte", "auditor", "GET", kSops + "?q=\xFF", "", 400, {}},
           {"header_if_match_ff",
            "penyusun",
            "PUT",
            kSops + "/{draft}/draft",
            draft_save,
            400,
            {{"If-Match", "\"\xFF\""}}},
           {"header_csrf_invalid",
            "penyusun",
            "PUT",
            kSops + "/{draft}/draft",
            draft_save,
            400,
            {{"If-Match", "\"{ver:draft}\""}, {"X-CSRF-Token", "\xC3\x28\xFF"}}},
           {"header_cookie_invalid",
            "",
            "PUT",
            kSops + "/{draft}/draft",
            draft_save,
            400,
            {{"If-Match", "\"{ver:draft}\""}, {"Cookie", "sopan_sesi=\xFF\xFE"}}},
           {"header_user_agent_invalid_on_denied",
            "pegawai",
            "PUT",
            kSops + "/{draft}/draft",
            draft_save,
            400,
            {{"If-Match", "\"{ver:draft}\""}, {"User-Agent", "Mozilla \xFF\xC3"}}},
           {"header_forwarded_for_invalid_on_failed_login",
            "",
            "POST",
            "/api/v1/session",
            R"({"username":"tamu.tak.dikenal","password":"salah-sandi"})",
            400,
            {{"X-Forwarded-For", "\xFF\xFE, 10.0.0.1"}}},
           {"header_content_type_invalid",
            "penyusun",
            "PUT",
            kSops + "/{draft}/draft",
            draft_save,
            400,
            {{"If-Match", "\"{ver:draft}\""}, {"Content-Type", "application/\xFFjson"}}},
       })
    t.push_back({.name = "utf8_" + name,
                 .who = who,
                 .method = method,
                 .path = path,
                 .body = body,
                 .expect = {status},
                 .headers = headers});
  // (A header value that is not UTF-8 text is refused before routing: 400 naming the header.)
  // Paths: an id that is not valid UTF-8 (or holds a NUL) names no document: 400 or 404.
  for (const auto& [name, who, method, path] :
       std::vector<std::tuple<std::string, std::string, std::string, std::string>>{
           {"path_c3", "auditor", "GET", kSops + "/%C3"},
           {"path_ff", "auditor", "GET", kSops + "/%FF"},
           {"path_nul", "auditor", "GET", kSops + "/%00"},
           {"path_nul_after_id", "auditor", "GET", kSops + "/{draft}%00/history"},
           {"path_raw_ff_byte", "auditor", "GET", kSops + "/\xFF\xFE"},
           {"path_ff_save", "penyusun", "PUT", kSops + "/%FF/draft"},
           {"path_c3_action", "penyusun", "POST", kSops + "/%C3/actions/submit"},
           {"path_ff_unit", "auditor", "GET", "/api/v1/units/%FF"},
           {"path_ff_staff", "auditor", "GET", "/api/v1/staff/%FF%FE"},
           {"path_encoded_slash", "auditor", "GET", kSops + "/%2F..%2F..%2Fetc%2Fpasswd"},
       })
    t.push_back({.name = "utf8_" + name,
                 .who = who,
                 .method = method,
                 .path = path,
                 .body = method == "GET" ? "" : draft_save,
                 .expect = {400, 404},
                 .headers = method == "GET" ? Headers{} : Headers{{"If-Match", "\"1\""}}});

  // 9. Unknown and made-up methods: 501 before routing, and no metric label from them.
  for (const auto& [name, method, path] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"foo_on_sops", "FOO", kSops},
           {"foo_on_healthz", "FOO", "/healthz"},
           {"brew_on_root", "BREW", "/"},
           {"lowercase_get", "get", kSops},
           {"getx", "GETX", "/api/v1/me"},
           {"long_made_up", "ZZZMETHODTOKEN" + std::string(200, 'Q'), kSops},
       })
    t.push_back({.name = "method_" + name,
                 .who = "auditor",
                 .method = method,
                 .path = path,
                 .expect = {501},
                 .also = metrics_without(method.substr(0, 12))});
  t.push_back({.name = "method_ten_kilobyte_token",
               .who = "auditor",
               .method = "X" + std::string(10 * 1024, 'M'),
               .path = kSops,
               .expect = {400, 413, 414, 431, 501},
               .also = metrics_without("XMMMMMMMMMM")});
  t.push_back({.name = "method_control_char",
               .who = "auditor",
               .method = "G\x01T",
               .path = kSops,
               .expect = {400, 501}});
  t.push_back({.name = "method_patch_unrouted",
               .who = "penyusun",
               .method = "PATCH",
               .path = kSops + "/{draft}/draft",
               .body = draft_save,
               .expect = {404, 405},
               .headers = dm});
  t.push_back({.name = "method_delete_sop",
               .who = "penyusun",
               .method = "DELETE",
               .path = kSops + "/{draft}",
               .expect = {404, 405}});
  t.push_back({.name = "method_trace",
               .who = "auditor",
               .method = "TRACE",
               .path = kSops,
               .expect = {405, 501}});

  // 10. Huge keys and strings, deep nesting (caps before any pattern or recursion).
  const std::string key100k(100 * 1024, 'k');
  const std::set<int> too_big = {400, 413, 422};
  for (const auto& [name, who, method, path, body, expect, headers] :
       std::vector<std::tuple<std::string, std::string, std::string, std::string, std::string,
                              std::set<int>, Headers>>{
           {"deep_array_login", "", "POST", "/api/v1/session", nested(10000, '['), {400}, {}},
           {"deep_object_login", "", "POST", "/api/v1/session", nested(10000, '{'), {400}, {}},
           {"deep_array_unclosed_login", "", "POST", "/api/v1/session", std::string(10000, '['),
            {400}, {}},
           {"deep_array_in_document", "penyusun", "PUT", kSops + "/{draft}/draft",
            "{\"document\":" + nested(10000, '[') + "}", {400}, dm},
           {"deep_object_in_document", "penyusun", "PUT", kSops + "/{draft}/draft",
            "{\"document\":{\"title\":\"Judul SOP\",\"unit\":\"{unit}\",\"x\":" +
                nested(10000, '{') + "}}",
            {400}, dm},
           {"deep_array_in_comment", "verifikator", "POST", kSops + "/{diajukan}/comments",
            "{\"text\":" + nested(10000, '[') + "}", {400}, {}},
           {"deep_array_unauthenticated_write", "", "POST", kSops, nested(10000, '['), {400, 401},
            {}},
           {"deep_array_render", "penyusun", "POST", "/api/v1/render/sop",
            "{\"document\":" + nested(10000, '[') + "}", {400}, {}},
           {"moderate_nesting_steps", "penyusun", "PUT", kSops + "/{draft}/draft",
            "{\"document\":{\"title\":\"Judul SOP\",\"unit\":\"{unit}\",\"steps\":" +
                nested(30, '[') + "}}",
            {400, 422}, dm},
           {"long_reason", "penyusun", "POST", kSops + "/{draft}/actions/submit",
            reason(std::string(200 * 1024, 'r')), {422}, dm},
           {"long_title", "penyusun", "PUT", kSops + "/{draft}/draft",
            js(json::object{{"document", sop_doc("{draft_number}", std::string(200 * 1024, 't'))}}),
            {422}, dm},
           {"long_message", "penyusun", "PUT", kSops + "/{draft}/draft",
            js(json::object{{"document", sop_doc("{draft_number}")},
                            {"message", std::string(200 * 1024, 'm')}}),
            {422}, dm},
           {"long_comment_text", "verifikator", "POST", kSops + "/{diajukan}/comments",
            js(json::object{{"text", std::string(200 * 1024, 'c')}}), {422}, {}},
           {"long_username_login", "", "POST", "/api/v1/session",
            js(json::object{{"username", std::string(200 * 1024, 'u')}, {"password", "x"}}), {422},
            {}},
           {"long_multibyte_anchor_pattern", "verifikator", "POST", kSops + "/{diajukan}/comments",
            js(json::object{{"text", "Halo"}, {"anchor", "/" + std::string(50 * 1024, 'a')}}),
            {422}, {}},
           {"long_key_in_document", "penyusun", "PUT", kSops + "/{draft}/draft",
            "{\"document\":{\"title\":\"Judul SOP\",\"unit\":\"{unit}\",\"" + key100k + "\":1}}",
            too_big, dm},
           {"long_key_in_comment", "verifikator", "POST", kSops + "/{diajukan}/comments",
            "{\"text\":\"Halo\",\"" + key100k + "\":1}", too_big, {}},
           {"long_key_unauthenticated_write", "", "POST", kSops, "{\"" + key100k + "\":1}",
            {400, 401, 413}, {}},
           {"many_keys", "penyusun", "PUT", kSops + "/{draft}/draft",
            [] {
              std::string s = "{\"document\":{\"title\":\"Judul SOP\",\"unit\":\"{unit}\"}";
              for (int i = 0; i < 40000; ++i) s += ",\"k" + std::to_string(i) + "\":1";
              return s + "}";
            }(),
            too_big, dm},
           {"long_if_match", "penyusun", "PUT", kSops + "/{draft}/draft", draft_save,
            {400, 431}, {{"If-Match", "\"" + std::string(100 * 1024, '1') + "\""}}},
           {"long_header_value", "auditor", "GET", kSops, "", {400, 431},
            {{"X-Hiasan", std::string(100 * 1024, 'h')}}},
           {"long_query", "auditor", "GET", kSops + "?q=" + std::string(100 * 1024, 'q'), "",
            {400, 414, 431}, {}},
       })
    t.push_back({.name = "huge_" + name,
                 .who = who,
                 .method = method,
                 .path = path,
                 .body = body,
                 .expect = expect,
                 .headers = headers});
  // Known crashers on the landed server (a recursive std::regex over input-sized text).
  t.push_back({.name = "crash_long_unknown_key_login",
               .who = "",
               .method = "POST",
               .path = "/api/v1/session",
               .body = "{\"username\":\"tamu\",\"password\":\"x\",\"" + key100k + "\":1}",
               .expect = too_big});
  t.push_back({.name = "crash_long_anchor",
               .who = "verifikator",
               .method = "POST",
               .path = kSops + "/{diajukan}/comments",
               .body = js(json::object{{"text", "Halo"}, {"anchor", std::string(200 * 1024, '/')}}),
               .expect = {422}});
  // Events that must stay readable: a 64-byte username cut inside a UTF-8 character, a denied
  // request whose path decodes to invalid UTF-8.
  t.push_back({.name = "event_username_cut_in_character",
               .who = "",
               .method = "POST",
               .path = "/api/v1/session",
               .body = js(json::object{{"username", std::string(63, 'a') + "\xC3\xA9"},
                                       {"password", "salah-sandi"}}),
               .expect = {401}});
  t.push_back({.name = "event_username_cut_in_emoji",
               .who = "",
               .method = "POST",
               .path = "/api/v1/session",
               .body = js(json::object{{"username", std::string(62, 'b') + "\xF0\x9F\x98\x80"},
                                       {"password", "salah-sandi"}}),
               .expect = {401}});
  t.push_back({.name = "event_denied_invalid_path_accounts",
               .who = "pegawai",
               .method = "GET",
               .path = "/api/v1/accounts/%FF%C3",
               .expect = {400, 403, 404}});
  t.push_back({.name = "event_denied_invalid_path_unit",
               .who = "pegawai",
               .method = "PUT",
               .path = "/api/v1/units/%C3%28",
               .body = "{}",
               .expect = {400, 403, 404}});
  t.push_back({.name = "event_denied_invalid_path_import",
               .who = "penyusun",
               .method = "POST",
               .path = "/api/v1/org/import?x=%FF",
               .body = "{}",
               .expect = {400, 403}});
  t.push_back({.name = "event_denied_path_sops_invalid",
               .who = "pegawai",
               .method = "POST",
               .path = kSops + "?%C3=%FF",
               .body = js(json::object{{"document", sop_doc("{number}")}}),
               .expect = {400, 403}});

  // The instansi's logo: only a PNG or JPEG, only from an admin of the whole instansi; a script
  // in any guise is refused and nothing is committed.
  const std::string logo = "/api/v1/instansi/logo";
  for (auto [name, type, body, status] :
       std::vector<std::tuple<std::string, std::string, std::string, int>>{
           {"logo_svg", "image/svg+xml",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>", 415},
           {"logo_svg_called_png", "image/png",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>", 422},
           {"logo_html_called_jpeg", "image/jpeg", "<html><script>alert(1)</script></html>", 422},
           {"logo_png_signature_then_script", "image/png",
            std::string("\x89PNG\r\n\x1a\n", 8) + "<script>alert(1)</script>", 422},
           {"logo_as_json", "application/json", "{\"logo\":\"data:image/svg+xml,<svg/>\"}", 415}})
    t.push_back({.name = name,
                 .who = "admin",
                 .method = "PUT",
                 .path = logo,
                 .body = body,
                 .expect = {status},
                 .headers = {{"Content-Type", type}}});
  t.push_back({.name = "logo_by_writer",
               .who = "penyusun",
               .method = "PUT",
               .path = logo,
               .body = std::string("\x89PNG\r\n\x1a\n", 8),
               .expect = {403},
               .headers = {{"Content-Type", "image/png"}}});
  t.push_back({.name = "logo_removed_by_writer",
               .who = "penyusun",
               .method = "DELETE",
               .path = logo,
               .expect = {403}});

  // Maps: hostile BPMN is refused at /bpmn and changes nothing; hostile names in a map reach
  // its BPMN beside it in git and its diagram as text, never as markup.
  {
    const std::string import = "/api/v1/maps/import/bpmn?unit={unit}";
    const std::string bpmn_ns = "xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"";
    auto wrapped = [&](const std::string& doctype, const std::string& name) {
      return "<?xml version=\"1.0\"?>" + doctype + "<bpmn:definitions " + bpmn_ns +
             "><bpmn:process id=\"P\"><bpmn:task id=\"T\" name=\"" + name +
             "\"/></bpmn:process></bpmn:definitions>";
    };
    std::string deep = "<bpmn:definitions " + bpmn_ns + ">";
    for (int i = 0; i < 20000; ++i) deep += "<x>";
    for (auto [variant, xml] : std::vector<std::pair<std::string, std::string>>{
             {"billion_laughs",
              wrapped("<!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;"
                      "&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d "
                      "\"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>",
                      "&d;")},
             {"xxe_file",
              wrapped("<!DOCTYPE l [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>", "&x;")},
             {"xxe_http",
              wrapped("<!DOCTYPE l [<!ENTITY x SYSTEM \"http://127.0.0.1:9/x\">]>", "&x;")},
             {"parameter_entity",
              wrapped("<!DOCTYPE l [<!ENTITY % p SYSTEM \"file:///etc/hostname\"> %p;]>", "x")},
             {"external_dtd", wrapped("<!DOCTYPE l SYSTEM \"file:///etc/passwd\">", "x")},
             {"deep", deep},
             {"wrong_namespace",
              "<definitions xmlns=\"http://example.com/bpmn\"><process id=\"P\"/></definitions>"},
             {"invalid_utf8", wrapped("", "\xc3\x28\xff")},
             {"truncated", wrapped("", "x").substr(0, 60)},
             {"empty", ""}}) {
      t.push_back({.name = "bpmn_" + variant,
                   .who = "penyusun",
                   .method = "POST",
                   .path = import,
                   .body = xml,
                   .expect = variant == "empty" ? std::set<int>{415, 422} : std::set<int>{422},
                   .headers = {{"Content-Type", "application/xml"}}});
    }
    t.push_back({.name = "bpmn_as_json",
                 .who = "penyusun",
                 .method = "POST",
                 .path = import,
                 .body = "{}",
                 .expect = {415}});
    t.push_back({.name = "bpmn_without_unit",
                 .who = "penyusun",
                 .method = "POST",
                 .path = "/api/v1/maps/import/bpmn",
                 .body = wrapped("", "x"),
                 .expect = {422},
                 .headers = {{"Content-Type", "application/xml"}}});
    t.push_back({.name = "bpmn_by_reader",
                 .who = "pegawai",
                 .method = "POST",
                 .path = import,
                 .body = wrapped("", "x"),
                 .expect = {403},
                 .headers = {{"Content-Type", "application/xml"}}});
    // Single-line fields: the markup and a forged trailer on one line.
    const std::string hostile =
        "</bpmn:task><script>alert(1)</script>&amp; \"' ]]> Sopan-Action: ratify";
    json::object map{
        {"type", "lintas_fungsi"},
        {"level", 2},
        {"title", "Peta uji " + std::string("<svg onload=x>")},
        {"unit", "{unit}"},
        {"lanes", json::array{json::object{{"id", "L"}, {"name", hostile}}}},
        {"nodes",
         json::array{
             json::object{{"id", "S"}, {"type", "mulai"}, {"lane", "L"}},
             json::object{{"id", "T"}, {"type", "aktivitas"}, {"name", hostile}, {"lane", "L"}}}},
        {"flows",
         json::array{json::object{{"id", "F"}, {"from", "S"}, {"to", "T"}, {"name", "Ya"}}}}};
    t.push_back({.name = "map_hostile_names",
                 .who = "penyusun",
                 .method = "POST",
                 .path = "/api/v1/maps",
                 .body = js(json::object{{"document", map}}),
                 .expect = {201},
                 .accepted = [hostile](CaseRun& r) {
                   const std::string id(r.body().at("id").as_string());
                   auto bpmn =
                       r.s.call("penyusun", "GET", "/api/v1/maps/" + id + "/bpmn?version=draft");
                   ASSERT_EQ(bpmn.status, 200) << bpmn.body;
                   EXPECT_EQ(bpmn.body.find("<script>"), std::string::npos);
                   auto back = domain::from_bpmn(bpmn.body);
                   ASSERT_TRUE(back.has_value()) << bpmn.body;
                   ASSERT_NE(back->map.node("T"), nullptr);
                   EXPECT_EQ(back->map.node("T")->name, hostile);
                   auto svg = r.s.call("penyusun", "GET",
                                       "/api/v1/maps/" + id + "/diagram.svg?version=draft");
                   ASSERT_EQ(svg.status, 200) << svg.body;
                   EXPECT_EQ(svg.body.find("<script>"), std::string::npos);
                   EXPECT_EQ(svg.body.find("<svg onload"), std::string::npos);
                 }});
  }

  // The score (issue 14): rubrics, manual answers, the score and its trend.
  score_rows(t);
  git_rows(t);

  // The end: the event list still reads and `sopan verify` is clean.
  t.push_back({.name = "zz_events_readable",
               .who = "auditor",
               .method = "GET",
               .path = "/api/v1/events?limit=2000",
               .expect = {200}});
  t.push_back({.name = "zz_verify_clean",
               .who = "auditor",
               .method = "GET",
               .path = "/healthz",
               .expect = {200},
               .accepted = [](CaseRun& r) {
                 std::string out;
                 EXPECT_EQ(r.s.proc->verify(&out), 0) << out;
                 EXPECT_NE(out.find("cocok"), std::string::npos) << out;
                 EXPECT_NE(out.find("utuh"), std::string::npos) << out;
               }});
  return t;
}

// ---- the runner ------------------------------------------------------------------------------

class HostileTest : public ::testing::TestWithParam<Case> {
 protected:
  static void SetUpTestSuite() { Suite::get().set_up(); }
  static void TearDownTestSuite() { Suite::get().tear_down(); }
};

TEST_P(HostileTest, Answers) {
  Suite& s = Suite::get();
  const Case& c = GetParam();
  ASSERT_TRUE(s.ready) << "suite set-up failed: " << s.setup_error;
  if (!s.healthy()) {
    std::string why;
    ASSERT_TRUE(s.revive(&why)) << "the server is down and does not start again:\n" << why;
  }
  s.vars["counter"] = std::to_string(++s.counter);
  s.vars["number"] = s.new_number();
  s.vars["draft_number"] = "";
  s.vars["auditor_csrf"] = s.sessions["auditor"].csrf;
  if (!s.vars.count("root")) {
    json::value units = s.call_json("auditor", "GET", "/api/v1/units");
    s.vars["root"] = std::string(units.at("root").as_string());
    json::value staff = s.call_json("admin", "GET", "/api/v1/staff/199302182019032011");
    s.vars["pegawai_position"] = std::string(staff.at("position").as_string());
  }
  // The ETag of the rubric the score cases write to, as it is now.
  for (const auto& [k, v] : c.headers)
    if (v.find("{rubric_etag}") != std::string::npos) {
      json::value rubric = s.call_json("admin", "GET", "/api/v1/rubrics/" + kRubricId);
      const json::value* etag =
          rubric.is_object() ? rubric.as_object().if_contains("etag") : nullptr;
      s.vars["rubric_etag"] = etag && etag->is_string() ? std::string(etag->as_string()) : "";
    }
  CaseRun r{s, c, {}, {}, {}, {}, {}};
  if (!c.fresh.empty()) {
    r.id = s.fresh_sop(c.fresh, c.fresh_by);
    ASSERT_FALSE(r.id.empty());
  }
  const std::string target = r.id.empty() ? s.vars["draft"] : r.id;
  // The document's own number, so a save of it is not refused for a taken number.
  json::object sum = s.summary(target);
  if (const json::value* n = sum.if_contains("number"); n && n->is_string())
    s.vars["draft_number"] = std::string(n->as_string());
  if (!r.id.empty()) s.vars["number"] = s.vars["draft_number"];
  r.history_before = s.history(target);
  r.status_before = s.status_of(target);
  r.before = s.snapshot();

  const std::string bytes = s.request_bytes(
      c.who, c.method, s.resolve(c.path, r.id), s.resolve(c.body, r.id),
      [&] {
        Headers h;
        for (const auto& [k, v] : c.headers) h.emplace_back(k, s.resolve(v, r.id));
        return h;
      }(),
      c.csrf);
  const auto sent = std::chrono::steady_clock::now();
  r.reply = s.raw(bytes);
  r.elapsed_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - sent)
          .count();

  EXPECT_TRUE(c.expect.count(r.reply.status))
      << c.method.substr(0, 40) << " " << c.path << " answered " << r.reply.status
      << (c.expected_note.empty() ? "" : " (a fixed server answers " + c.expected_note + ")")
      << ": " << r.reply.body.substr(0, 600);
  if (!c.pointer.empty() && r.reply.status >= 400 && r.reply.status < 500) {
    // A refusal names the field: the error's details hold its JSON pointer.
    const std::string want = s.resolve(c.pointer, r.id);
    json::value answer = r.body();
    const json::value* details = nullptr;
    if (answer.is_object())
      if (const json::value* e = answer.as_object().if_contains("error"); e && e->is_object())
        details = e->as_object().if_contains("details");
    bool named = false;
    if (details && details->is_array())
      for (const auto& d : details->as_array())
        if (const json::value* p = d.is_object() ? d.as_object().if_contains("path") : nullptr)
          named = named || (p->is_string() && p->as_string() == want);
    EXPECT_TRUE(named) << "the refusal does not name " << want << ": "
                       << r.reply.body.substr(0, 600);
  }
  const bool alive = s.healthy();
  EXPECT_TRUE(alive) << "the server died on this request";
  if (!alive) {
    std::string why;
    if (!s.revive(&why)) ADD_FAILURE() << "the server does not start again:\n" << why;
  }
  if (r.reply.status >= 200 && r.reply.status < 300) {
    if (c.accepted) c.accepted(r);
  } else if (r.reply.status >= 400 && r.reply.status < 500 && alive) {
    nothing_changed(r);
  } else if (alive) {
    nothing_changed(r);  // a 5xx or no answer: at least report what it left behind
  }
  if (c.also) c.also(r);
}

INSTANTIATE_TEST_SUITE_P(Table, HostileTest, ::testing::ValuesIn(table()), PrintCaseName);

}  // namespace
}  // namespace sopan
