// Read-only git over HTTP (/git/sopan.git) with stock git against the real server: a clone with
// an auditor's personal access token holds every commit the API shows, main's head is the one
// the API answered, `git log` and `git show` read the signatures; a fetch brings a new save.
// Refused: a revoked token, a pegawai's token, a password, no credentials, a push. Path tricks
// never start git. Limits: concurrent processes, a process that hangs, a client that goes away;
// no process and no zombie is left behind.
#include "api/git_http.hpp"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "common/basic_auth.hpp"
#include "common/hash.hpp"
#include "common/log.hpp"
#include "demo_server.hpp"
#include "http_client.hpp"
#include "sopan_process.hpp"

namespace sopan {
namespace {
using sopan::testing::HttpClient;
using sopan::testing::HttpReply;
namespace json = boost::json;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

/// Processes whose parent is this (the server's) process, running or zombie.
std::set<pid_t> children() {
  std::set<pid_t> out;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream in(entry.path() / "stat");
    std::string line;
    if (!std::getline(in, line)) continue;
    const auto close = line.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(line.substr(close + 2));
    char state = 0;
    pid_t ppid = 0;
    rest >> state >> ppid;
    if (ppid == ::getpid()) out.insert(static_cast<pid_t>(std::stol(name)));
  }
  return out;
}

/// True once this process has no child left, within `wait`.
bool no_children_within(std::chrono::milliseconds wait) {
  const auto until = std::chrono::steady_clock::now() + wait;
  while (!children().empty()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(20ms);
  }
  return true;
}

class GitHttpTest : public sopan::testing::DemoServerTest {
 protected:
  void SetUp() override {
    DemoServerTest::SetUp();
    start();
    home_ = dir_.path() / "home";
    fs::create_directories(home_);
  }

  /// A new personal access token of demo user `username`, made on its own session.
  std::string token_for(const std::string& username, const std::string& name = "Laptop") {
    auto c = signed_in(username);
    HttpReply r =
        c->request("POST", "/api/v1/me/tokens",
                   json::serialize(json::object{{"name", name}, {"password", "sopan-demo"}}));
    EXPECT_EQ(r.status, 201) << r.body;
    if (r.status != 201) return "";
    return std::string(json::parse(r.body).at("value").as_string());
  }

  std::string url(const std::string& username, const std::string& token) const {
    return "http://" + username + ":" + token + "@127.0.0.1:" + std::to_string(port_) +
           "/git/sopan.git";
  }

  /// Stock git, with no configuration of this machine or user, never prompting.
  int git_cmd(std::vector<std::string> args, std::string* out = nullptr) {
    std::vector<std::string> argv = {"/usr/bin/env",
                                     "HOME=" + home_.string(),
                                     "GIT_CONFIG_NOSYSTEM=1",
                                     "GIT_TERMINAL_PROMPT=0",
                                     "GIT_ASKPASS=/bin/false",
                                     "LC_ALL=C",
                                     "git"};
    argv.insert(argv.end(), args.begin(), args.end());
    std::string local;
    const int rc = sopan::testing::run_program(argv, out ? out : &local);
    return rc;
  }
  std::string git_in(const fs::path& repo, const std::string& args) {
    std::string out;
    std::vector<std::string> argv = {"-C", repo.string()};
    std::istringstream words(args);
    for (std::string w; words >> w;) argv.push_back(w);
    EXPECT_EQ(git_cmd(argv, &out), 0) << args << ": " << out;
    return out;
  }

  HttpReply get_refs(const std::string& authorization) {
    HttpClient c(port_);
    std::map<std::string, std::string> headers;
    if (!authorization.empty()) headers["Authorization"] = authorization;
    return c.request("GET", "/git/sopan.git/info/refs?service=git-upload-pack", "", headers);
  }

  /// A SOP of Diskominfo taken through the workflow to ratified; answers the ratification.
  json::object ratified_sop(const std::string& number) {
    auto penyusun = signed_in("penyusun");
    auto verifikator = signed_in("verifikator");
    auto pengesah = signed_in("pengesah");
    auto doc = sopan::testing::minimal_sop(number, "Peminjaman Ruang Rapat", unit_id("2.16"));
    HttpReply created =
        penyusun->request("POST", "/api/v1/sops", json::serialize(json::object{{"document", doc}}));
    EXPECT_EQ(created.status, 201) << created.body;
    const std::string id(json::parse(created.body).at("id").as_string());
    auto version = json::parse(created.body).at("version").as_int64();
    auto act = [&](HttpClient& c, const std::string& action, json::object body) {
      HttpReply r =
          c.request("POST", "/api/v1/sops/" + id + "/actions/" + action, json::serialize(body),
                    {{"If-Match", "\"" + std::to_string(version) + "\""}});
      EXPECT_EQ(r.status, 200) << action << ": " << r.body;
      json::object o = json::parse(r.body).as_object();
      version = o.at("version").as_int64();
      return o;
    };
    act(*penyusun, "submit", {{"reason", "Mohon diperiksa"}});
    act(*verifikator, "verify", {{"reason", "Sesuai format"}});
    json::object ratified =
        act(*pengesah, "ratify", {{"reason", "Disahkan"}, {"password", "sopan-demo"}});
    ratified["id"] = id;
    return ratified;
  }

  /// Every commit the API's history rows name, over every SOP and map.
  std::set<std::string> api_commits() {
    auto auditor = signed_in("auditor");
    std::set<std::string> out;
    for (const char* folder : {"sops", "maps"}) {
      HttpReply list = auditor->request("GET", std::string("/api/v1/") + folder + "?limit=1000");
      EXPECT_EQ(list.status, 200) << list.body;
      const json::value listed = json::parse(list.body);
      for (const auto& item : listed.at("items").as_array()) {
        const std::string id(item.at("id").as_string());
        HttpReply h =
            auditor->request("GET", std::string("/api/v1/") + folder + "/" + id + "/history");
        EXPECT_EQ(h.status, 200) << h.body;
        const json::value history = json::parse(h.body);
        for (const auto& row : history.at("versions").as_array())
          out.emplace(row.at("commit").as_string());
      }
    }
    return out;
  }

  std::size_t events_of_kind(const std::string& kind) {
    auto auditor = signed_in("auditor");
    HttpReply r = auditor->request("GET", "/api/v1/events?limit=2000&kind=" + kind);
    EXPECT_EQ(r.status, 200) << r.body;
    std::size_t n = 0;
    const json::value events = json::parse(r.body);
    for (const auto& e : events.at("items").as_array())
      if (e.at("kind").as_string() == kind) ++n;
    return n;
  }

  std::string server_refs() { return git("for-each-ref --format='%(refname):%(objectname)'"); }

  /// The backend replaced by a shell script (to hold a process, or count the processes run).
  void use_backend_script(const std::string& body) {
    const fs::path script = dir_.path() / "backend.sh";
    {
      std::ofstream out(script);
      out << "#!/bin/sh\n" << body << "\n";
    }
    fs::permissions(script, fs::perms::owner_all);
    app_->context().git->backend = script;
  }

  fs::path home_;
};

TEST_F(GitHttpTest, ACloneHoldsEveryCommitTheApiShowsAndMainIsTheApisHead) {
  const std::string token = token_for("auditor");
  json::object ratified = ratified_sop("800/71/Diskominfo/2026");
  const std::string ratification(ratified.at("commit").as_string());
  ASSERT_EQ(main_head(), ratification + "\n");

  // A plain clone: main, the ratified book.
  const fs::path clone = dir_.path() / "clone";
  std::string out;
  ASSERT_EQ(git_cmd({"clone", "--quiet", url("auditor", token), clone.string()}, &out), 0) << out;
  EXPECT_EQ(git_in(clone, "rev-parse refs/remotes/origin/main"), ratification + "\n");
  EXPECT_EQ(git_in(clone, "rev-parse HEAD"), ratification + "\n");
  // A mirror also has the open drafts (refs/drafts/*): every commit of every history row.
  const fs::path mirror = dir_.path() / "mirror.git";
  ASSERT_EQ(git_cmd({"clone", "--quiet", "--mirror", url("auditor", token), mirror.string()}, &out),
            0)
      << out;
  EXPECT_EQ(git_in(mirror, "for-each-ref --format=%(refname):%(objectname)"), server_refs());
  const std::set<std::string> commits = api_commits();
  ASSERT_GT(commits.size(), 20u);
  for (const auto& c : commits) {
    EXPECT_EQ(git_cmd({"-C", mirror.string(), "cat-file", "-e", c + "^{commit}"}), 0) << c;
  }
  // `git log` on main reads the ratification first, with its signature trailer.
  const std::string log = git_in(clone, "log -1 --format=%H%n%(trailers:key=Sopan-Signature)");
  EXPECT_EQ(log.substr(0, 40), ratification);
  EXPECT_NE(log.find("Sopan-Signature: "), std::string::npos) << log;
  EXPECT_NE(log.find("; disahkan; "), std::string::npos) << log;
  const std::string shown = git_in(clone, "show --stat " + ratification);
  EXPECT_NE(shown.find("Sopan-Action: ratify"), std::string::npos) << shown;
  EXPECT_NE(shown.find("Sopan-Signature: "), std::string::npos) << shown;
  // The same story as the server's own repository tells.
  EXPECT_EQ(git_in(clone, "log --format=%H main"), git("log --format=%H main"));
}

TEST_F(GitHttpTest, AFetchBringsTheNewCommitsAndEachFetchIsOneEvent) {
  const std::string token = token_for("auditor");
  const fs::path mirror = dir_.path() / "mirror.git";
  std::string out;
  ASSERT_EQ(git_cmd({"clone", "--quiet", "--mirror", url("auditor", token), mirror.string()}, &out),
            0)
      << out;
  // One clone (protocol v2: the advertisement, then ls-refs and fetch) is one event.
  EXPECT_EQ(events_of_kind("git.fetch"), 1u);

  // A new save: a commit on a draft ref.
  auto penyusun = signed_in("penyusun");
  auto doc = sopan::testing::minimal_sop("800/72/Diskominfo/2026", "Layanan Baru", unit_id("2.16"));
  HttpReply created =
      penyusun->request("POST", "/api/v1/sops", json::serialize(json::object{{"document", doc}}));
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string commit(json::parse(created.body).at("commit").as_string());
  EXPECT_NE(git_cmd({"-C", mirror.string(), "cat-file", "-e", commit + "^{commit}"}), 0);
  ASSERT_EQ(git_cmd({"-C", mirror.string(), "fetch", "--quiet"}, &out), 0) << out;
  EXPECT_EQ(git_cmd({"-C", mirror.string(), "cat-file", "-e", commit + "^{commit}"}), 0);
  EXPECT_EQ(events_of_kind("git.fetch"), 2u);
  // Protocol v0 too (an older git): the same commit arrives.
  const fs::path v0 = dir_.path() / "v0.git";
  ASSERT_EQ(git_cmd({"-c", "protocol.version=0", "clone", "--quiet", "--mirror",
                     url("auditor", token), v0.string()},
                    &out),
            0)
      << out;
  EXPECT_EQ(git_cmd({"-C", v0.string(), "cat-file", "-e", commit + "^{commit}"}), 0);

  // The token's last use is shown; the event names the account, the token, the address.
  auto auditor = signed_in("auditor");
  HttpReply tokens = auditor->request("GET", "/api/v1/me/tokens");
  ASSERT_EQ(tokens.status, 200) << tokens.body;
  const json::value listed = json::parse(tokens.body);
  const auto& item = listed.at("items").at(0);
  EXPECT_TRUE(item.at("last_used_at").is_string()) << tokens.body;
  EXPECT_EQ(tokens.body.find(token), std::string::npos);
  HttpReply events = auditor->request("GET", "/api/v1/events?limit=5&kind=git.fetch");
  const json::value found = json::parse(events.body);
  const auto& e = found.at("items").at(0);
  EXPECT_EQ(e.at("token"), item.at("id"));
  EXPECT_EQ(e.at("remote"), "127.0.0.1");
  EXPECT_FALSE(e.at("account").as_string().empty());
  EXPECT_EQ(events.body.find(token), std::string::npos);
  EXPECT_TRUE(no_children_within(5s));
}

TEST_F(GitHttpTest, OnlyALiveTokenOfAnAuditorOrAdminIsAccepted) {
  const std::string auditor = token_for("auditor");
  const std::string admin = token_for("admin");
  const std::string pegawai = token_for("pegawai");
  const std::string penyusun = token_for("penyusun");
  const std::string revoked = token_for("auditor", "Lama");

  EXPECT_EQ(get_refs(basic_authorization("auditor", auditor)).status, 200);
  EXPECT_EQ(get_refs(basic_authorization("admin", admin)).status, 200);
  // Signed in, but no admin or auditor grant over the whole instansi.
  EXPECT_EQ(get_refs(basic_authorization("pegawai", pegawai)).status, 403);
  EXPECT_EQ(get_refs(basic_authorization("penyusun", penyusun)).status, 403);

  auto c = signed_in("auditor");
  HttpReply list = c->request("GET", "/api/v1/me/tokens");
  std::string revoked_id;
  const json::value listed = json::parse(list.body);
  for (const auto& t : listed.at("items").as_array())
    if (t.at("name") == "Lama") revoked_id = std::string(t.at("id").as_string());
  HttpReply revoke = c->request("DELETE", "/api/v1/me/tokens/" + revoked_id);
  ASSERT_EQ(revoke.status, 200) << revoke.body;
  EXPECT_TRUE(json::parse(revoke.body).at("token").at("revoked_at").is_string());
  // Still listed, as revoked.
  list = c->request("GET", "/api/v1/me/tokens");
  EXPECT_NE(list.body.find("\"revoked_at\":\""), std::string::npos) << list.body;

  const std::vector<std::pair<std::string, std::string>> refused = {
      {"no credentials", ""},
      {"revoked token", basic_authorization("auditor", revoked)},
      {"the password", basic_authorization("auditor", "sopan-demo")},
      {"another person's token", basic_authorization("admin", auditor)},
      {"an unknown user", basic_authorization("siapa", auditor)},
      {"a token one digit off", basic_authorization("auditor", auditor.substr(0, 69) + "x")},
      {"the token as a bearer", "Bearer " + auditor},
      {"not base64", "Basic " + auditor},
      {"the session cookie's scheme", "Cookie sopan_sesi=x"},
  };
  for (const auto& [what, authorization] : refused) {
    HttpReply r = get_refs(authorization);
    EXPECT_EQ(r.status, 401) << what << ": " << r.body;
    EXPECT_EQ(r.header("www-authenticate"), "Basic realm=\"Sopan\"") << what;
  }
  // A session cookie is no credential for git.
  HttpReply with_cookie = c->request("GET", "/git/sopan.git/info/refs?service=git-upload-pack");
  EXPECT_EQ(with_cookie.status, 401);

  // And stock git says so.
  std::string out;
  EXPECT_NE(git_cmd({"clone", url("auditor", revoked), (dir_.path() / "a").string()}, &out), 0);
  EXPECT_NE(out.find("Authentication failed"), std::string::npos) << out;
  EXPECT_NE(git_cmd({"clone", url("auditor", "sopan-demo"), (dir_.path() / "b").string()}, &out),
            0);
  out.clear();
  EXPECT_NE(git_cmd({"clone", url("pegawai", pegawai), (dir_.path() / "c").string()}, &out), 0);
  EXPECT_NE(out.find("403"), std::string::npos) << out;
  EXPECT_FALSE(fs::exists(dir_.path() / "c" / ".git"));
  // The pegawai's attempts are denials in the audit log.
  EXPECT_GE(events_of_kind("access.denied"), 2u);
}

TEST_F(GitHttpTest, APushIsRefusedAndTheRepositoryStaysAsItWas) {
  const std::string token = token_for("admin");
  const fs::path clone = dir_.path() / "clone";
  std::string out;
  ASSERT_EQ(git_cmd({"clone", "--quiet", url("admin", token), clone.string()}, &out), 0) << out;
  const std::string before = server_refs();
  {
    std::ofstream f(clone / "palsu.txt");
    f << "Sopan-Action: ratify\n";
  }
  ASSERT_EQ(git_cmd({"-C", clone.string(), "add", "palsu.txt"}), 0);
  ASSERT_EQ(git_cmd({"-C", clone.string(), "-c", "user.name=Palsu", "-c", "user.email=p@x",
                     "commit", "--quiet", "-m", "palsu"}),
            0);
  for (const char* target :
       {"HEAD:refs/heads/main", "HEAD:refs/heads/lain", "HEAD:refs/drafts/x"}) {
    out.clear();
    EXPECT_NE(git_cmd({"-C", clone.string(), "push", "origin", target}, &out), 0) << out;
    EXPECT_NE(out.find("403"), std::string::npos) << out;
  }
  HttpClient c(port_);
  HttpReply r = c.request("POST", "/git/sopan.git/git-receive-pack", "0000",
                          {{"Authorization", basic_authorization("admin", token)},
                           {"Content-Type", "application/x-git-receive-pack-request"}});
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(server_refs(), before);
  const std::string pushed = git_in(clone, "rev-parse HEAD").substr(0, 40);
  EXPECT_NE(git_cmd({"--git-dir", (dir_.path() / "data" / "repo.git").string(), "cat-file", "-e",
                     pushed}),
            0)
      << "the pushed commit reached the server";
}

TEST_F(GitHttpTest, PathTricksNeverStartGit) {
  const std::string token = token_for("auditor");
  const std::string auth = basic_authorization("auditor", token);
  const fs::path log = dir_.path() / "spawned.log";
  use_backend_script("echo x >> '" + log.string() + "'\nexec /usr/lib/git-core/git-http-backend");
  ASSERT_EQ(get_refs(auth).status, 200);
  ASSERT_TRUE(fs::exists(log));
  const auto spawned = fs::file_size(log);

  struct Trick {
    std::string method, target;
    int status;
  };
  const std::vector<Trick> tricks = {
      {"GET", "/git/sopan.git/info/refs", 404},  // the dumb protocol
      {"GET", "/git/sopan.git/HEAD", 404},
      {"GET", "/git/sopan.git/config", 404},
      {"GET", "/git/sopan.git/objects/info/packs", 404},
      {"GET", "/git/sopan.git/refs/heads/main", 404},
      {"GET", "/git/lain.git/info/refs?service=git-upload-pack", 404},
      {"GET", "/git/repo.git/info/refs?service=git-upload-pack", 404},
      {"GET", "/git/sopan.git/../repo.git/info/refs?service=git-upload-pack", 404},
      {"GET", "/git/sopan.git/%2e%2e/index/CURRENT", 404},
      {"GET", "/git/%2e%2e/sopan.lock", 404},
      {"GET", "/git/sopan.git%2Finfo%2Frefs?service=git-upload-pack", 400},
      {"GET", "/git/sopan.git/info%2frefs?service=git-upload-pack", 400},
      {"GET", "/git//etc/passwd", 404},
      {"GET", "/git/%2Fetc%2Fpasswd", 404},
      {"GET", "/git/sopan.git/info/refs%00?service=git-upload-pack", 400},
      {"GET", "/git/sopan.git/./info/refs?service=git-upload-pack", 404},
      {"GET", "/git/sopan.git/info/refs?service=git-upload-pack&x=1", 400},
      {"GET", "/git/sopan.git/info/refs?service=git-receive-pack", 403},
      {"GET", "/git/sopan.git/git-upload-pack", 404},
      {"POST", "/git/sopan.git/info/refs?service=git-upload-pack", 404},
      {"POST", "/git/sopan.git/git-receive-pack", 403},
      {"PUT", "/git/sopan.git/git-upload-pack", 405},
      {"DELETE", "/git/sopan.git", 405},
      {"GET", "/git", 404},
      {"GET", "/git/", 404},
  };
  for (const auto& t : tricks) {
    HttpClient c(port_);
    HttpReply r = c.request(
        t.method, t.target, t.method == "POST" ? "0000" : "",
        {{"Authorization", auth}, {"Content-Type", "application/x-git-upload-pack-request"}});
    EXPECT_EQ(r.status, t.status) << t.method << " " << t.target << ": " << r.body;
    // Never the web app.
    EXPECT_EQ(r.body.find("<html"), std::string::npos) << t.target;
  }
  // Odd headers on the real requests are refused before git runs, too.
  HttpClient c(port_);
  HttpReply bad_type = c.request("POST", "/git/sopan.git/git-upload-pack", "0000",
                                 {{"Authorization", auth}, {"Content-Type", "application/json"}});
  EXPECT_EQ(bad_type.status, 415) << bad_type.body;
  HttpReply bad_encoding = c.request("POST", "/git/sopan.git/git-upload-pack", "0000",
                                     {{"Authorization", auth},
                                      {"Content-Type", "application/x-git-upload-pack-request"},
                                      {"Content-Encoding", "br"}});
  EXPECT_EQ(bad_encoding.status, 415) << bad_encoding.body;
  HttpReply bad_protocol =
      c.request("GET", "/git/sopan.git/info/refs?service=git-upload-pack", "",
                {{"Authorization", auth}, {"Git-Protocol", "version=2;$(reboot)"}});
  EXPECT_EQ(bad_protocol.status, 400) << bad_protocol.body;
  EXPECT_EQ(fs::file_size(log), spawned) << "a refused request started git";
}

TEST_F(GitHttpTest, ProcessesAreBoundedAndOneThatHangsIsKilled) {
  const std::string token = token_for("auditor");
  const std::string auth = basic_authorization("auditor", token);
  // A backend that never answers.
  use_backend_script("exec sleep 60");
  app_->context().git->limits.max_processes = 1;
  app_->context().git->limits.idle_limit = 1s;

  auto first = std::async(std::launch::async, [&] { return get_refs(auth); });
  // While it runs, one more is turned away with a time to come back.
  HttpReply busy;
  for (int i = 0; i < 200; ++i) {
    std::this_thread::sleep_for(10ms);
    if (children().empty()) continue;
    busy = get_refs(auth);
    break;
  }
  EXPECT_EQ(busy.status, 503) << busy.body;
  EXPECT_EQ(busy.header("retry-after"), "10");
  HttpReply hung = first.get();
  EXPECT_EQ(hung.status, 503) << hung.body;
  EXPECT_TRUE(no_children_within(5s));
  // The slot is free again.
  use_backend_script("exec /usr/lib/git-core/git-http-backend");
  EXPECT_EQ(get_refs(auth).status, 200);
  EXPECT_TRUE(no_children_within(5s));
}

TEST_F(GitHttpTest, AStreamThatStallsOrWhoseClientLeavesEndsItsProcess) {
  const std::string token = token_for("auditor");
  const std::string auth = basic_authorization("auditor", token);
  app_->context().git->limits.idle_limit = 1s;
  // A head, some body, then silence: the answer is cut off, the process killed.
  use_backend_script(
      "printf 'Content-Type: application/x-git-upload-pack-advertisement\\r\\n\\r\\nabc'\n"
      "exec sleep 60");
  HttpReply cut = get_refs(auth);
  EXPECT_EQ(cut.status, 0) << "a stalled stream must not end cleanly";
  EXPECT_TRUE(no_children_within(5s));

  // Endless output to a client that reads the head and goes.
  use_backend_script(
      "printf 'Content-Type: application/x-git-upload-pack-advertisement\\r\\n\\r\\n'\n"
      "exec cat /dev/zero");
  {
    HttpClient c(port_);
    c.send_raw(
        "GET /git/sopan.git/info/refs?service=git-upload-pack HTTP/1.1\r\nHost: x\r\n"
        "Authorization: " +
        auth + "\r\n\r\n");
    std::this_thread::sleep_for(300ms);
    EXPECT_FALSE(children().empty());
  }  // the connection closes here, unread
  EXPECT_TRUE(no_children_within(10s));
  // The server goes on serving.
  use_backend_script("exec /usr/lib/git-core/git-http-backend");
  EXPECT_EQ(get_refs(auth).status, 200);
}

TEST_F(GitHttpTest, TokensAreMadeWithThePasswordAndNamedSensibly) {
  auto c = signed_in("auditor");
  auto post = [&](const json::object& body) {
    return c->request("POST", "/api/v1/me/tokens", json::serialize(body));
  };
  HttpReply wrong = post({{"name", "Laptop"}, {"password", "salah-sekali"}});
  EXPECT_EQ(wrong.status, 422) << wrong.body;
  EXPECT_NE(wrong.body.find("/password"), std::string::npos);
  EXPECT_EQ(post({{"name", "Laptop"}}).status, 422);
  EXPECT_EQ(post({{"name", std::string(61, 'a')}, {"password", "sopan-demo"}}).status, 422);
  EXPECT_EQ(post({{"name", "dua\nbaris"}, {"password", "sopan-demo"}}).status, 422);
  EXPECT_EQ(post({{"name", "   "}, {"password", "sopan-demo"}}).status, 422);
  EXPECT_EQ(post({{"name", "Laptop"}, {"password", "sopan-demo"}, {"x", 1}}).status, 422);
  HttpReply no_csrf =
      c->request("POST", "/api/v1/me/tokens", R"({"name":"Laptop","password":"sopan-demo"})",
                 {{"X-CSRF-Token", "salah"}});
  EXPECT_EQ(no_csrf.status, 403);
  HttpReply made = post({{"name", "Laptop"}, {"password", "sopan-demo"}});
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(made.header("cache-control"), "no-store");
  EXPECT_EQ(post({{"name", "Laptop"}, {"password", "sopan-demo"}}).status, 409);
  // Another person cannot revoke it, nor see it.
  const std::string id(json::parse(made.body).at("token").at("id").as_string());
  auto other = signed_in("admin");
  EXPECT_EQ(other->request("DELETE", "/api/v1/me/tokens/" + id).status, 404);
  EXPECT_EQ(json::parse(other->request("GET", "/api/v1/me/tokens").body).at("count"), 0);
  EXPECT_EQ(c->request("DELETE", "/api/v1/me/tokens/bukan-id").status, 404);
  // The list says who may use git.
  EXPECT_EQ(json::parse(c->request("GET", "/api/v1/me/tokens").body).at("may_use_git"), true);
  EXPECT_EQ(
      json::parse(signed_in("pegawai")->request("GET", "/api/v1/me/tokens").body).at("may_use_git"),
      false);
  EXPECT_EQ(events_of_kind("token.created"), 1u);
}

TEST_F(GitHttpTest, ATokenIsNeverInGitTheLogsOrALaterAnswer) {
  std::FILE* log_file = std::tmpfile();
  log::set_output(log_file);
  app_.reset();
  config_.server.access_log = true;
  start();
  const std::string token = token_for("auditor");
  std::string out;
  ASSERT_EQ(
      git_cmd({"clone", "--quiet", url("auditor", token), (dir_.path() / "c").string()}, &out), 0)
      << out;
  EXPECT_EQ(get_refs(basic_authorization("auditor", token + "x")).status, 401);
  auto auditor = signed_in("auditor");
  std::vector<std::string> answers = {auditor->request("GET", "/api/v1/me/tokens").body,
                                      auditor->request("GET", "/api/v1/events?limit=100").body};
  app_.reset();
  log::set_output(nullptr);
  std::string logs;
  std::rewind(log_file);
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, log_file)) > 0;) logs.append(buf, n);
  std::fclose(log_file);
  ASSERT_NE(logs.find("/git/sopan.git/info/refs"), std::string::npos);
  const std::string objects = git("cat-file --batch-all-objects --batch");
  ASSERT_NE(objects.find("Sopan-Action"), std::string::npos);
  // The secret part, and its hash.
  for (const std::string& secret : {token.substr(6), sha256_hex(token)}) {
    EXPECT_EQ(logs.find(secret), std::string::npos) << "in the logs";
    EXPECT_EQ(objects.find(secret), std::string::npos) << "in git";
    for (const auto& a : answers) EXPECT_EQ(a.find(secret), std::string::npos) << a;
  }
}

}  // namespace
}  // namespace sopan
