// The crash test (issue 10): 16 clients save, comment, submit, verify and ratify SOPs against the
// real `sopan serve` on a fresh demo data directory; the server gets `kill -9` at a random moment,
// is started again on the same directory, and then every acknowledged write must be there with
// its content, no document may be wedged (each accepts its next save or action), no `*.lock` may
// be left under repo.git, and `sopan verify` must be clean. Repeated for the given number of
// cycles.
//
//   sopan_crash_test [cycles=3] [clients=16]
// Exits non-zero on any loss, wedge, leftover lock or verify failure.
#include <atomic>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "http_client.hpp"
#include "sopan_process.hpp"
#include "support/demo_data.hpp"
#include "support/temp_dir.hpp"

namespace {
namespace json = boost::json;
using sopan::testing::HttpClient;
using sopan::testing::HttpReply;

struct Session {
  std::string cookie, csrf;
};

/// An acknowledged write: the server answered 2xx with this version of this document.
struct Ack {
  std::string id;
  std::uint64_t version = 0;
  std::string action;
  std::string content;  // the document as the client sent it (serialised), "" for a step
};

struct Doc {
  std::string id;
  std::uint64_t version = 0;
  std::string status;  // konsep, diajukan, diverifikasi, berlaku
  json::object content;
  int saves = 0;
};

/// The document without what ratification adds (ratified_by, dates.effective).
json::object comparable(json::object o) {
  o.erase("ratified_by");
  o.erase("dates");
  return o;
}

class Harness {
 public:
  Harness(sopan::testing::SopanProcess& proc, std::string unit)
      : proc_(proc), unit_(std::move(unit)) {}

  std::map<std::string, Session> sessions;

  HttpReply call(const std::string& who, const std::string& method, const std::string& target,
                 const std::string& body = "", std::map<std::string, std::string> headers = {}) {
    try {
      HttpClient c(proc_.port());
      c.set_timeout_ms(15000);
      auto s = sessions.find(who);
      if (s != sessions.end()) {
        headers["Cookie"] = s->second.cookie;
        if (method != "GET") headers["X-CSRF-Token"] = s->second.csrf;
      }
      return c.request(method, target, body, headers);
    } catch (const std::exception&) {
      return {};
    }
  }
  bool login(const std::string& who) {
    HttpReply r =
        call("", "POST", "/api/v1/session",
             json::serialize(json::object{{"username", who}, {"password", "sopan-demo"}}));
    if (r.status != 200) {
      std::cerr << "login " << who << ": " << r.status << " " << r.body << "\n";
      return false;
    }
    std::string set_cookie = r.header("set-cookie");
    sessions[who] = {set_cookie.substr(0, set_cookie.find(';')),
                     std::string(json::parse(r.body).at("csrf_token").as_string())};
    return true;
  }

  json::object new_doc(int client, int n) {
    const std::string tag = std::to_string(client) + "-" + std::to_string(n);
    return json::object{
        {"number", "800/" + tag + "/Krash/2026"},
        {"title", "Prosedur Uji Krash " + tag},
        {"unit", unit_},
        {"actors", json::array{json::object{{"id", "p"}, {"external", "Pemohon"}}}},
        {"steps", json::array{json::object{{"id", "1"}, {"symbol", "mulai"}, {"actor", "p"}},
                              json::object{{"id", "2"},
                                           {"symbol", "kegiatan"},
                                           {"actor", "p"},
                                           {"activity", "Langkah awal " + tag}},
                              json::object{{"id", "3"}, {"symbol", "selesai"}, {"actor", "p"}}}}};
  }

  /// The server's view of `d` (version, status, content of the newest version).
  bool resync(Doc& d) {
    HttpReply r = call("auditor", "GET", "/api/v1/sops/" + d.id + "?version=draft");
    if (r.status != 200) r = call("auditor", "GET", "/api/v1/sops/" + d.id);
    if (r.status != 200) return false;
    json::value v = json::parse(r.body);
    d.version = static_cast<std::uint64_t>(v.at("summary").at("last_version").to_number<double>());
    d.status = std::string(v.at("summary").at("status").as_string());
    d.content = comparable(v.at("document").as_object());
    return true;
  }

  void record(const Ack& a) {
    std::lock_guard lock(mu_);
    acks_.push_back(a);
  }
  void record_comment(const std::string& id, const std::string& comment, const std::string& text) {
    std::lock_guard lock(mu_);
    comments_.push_back({id, comment, text});
  }
  void track(const Doc& d) {
    std::lock_guard lock(mu_);
    docs_[d.id] = true;
  }

  /// One client's work until `stop`: its own documents through the whole workflow.
  void client(int index, std::atomic<bool>& stop, std::vector<Doc>& mine, unsigned seed) {
    std::mt19937 rng(seed);
    auto ok = [](const HttpReply& r) { return r.status >= 200 && r.status < 300; };
    auto version_of = [](const HttpReply& r) {
      return static_cast<std::uint64_t>(json::parse(r.body).at("version").to_number<double>());
    };
    int created = static_cast<int>(mine.size());
    while (!stop) {
      if (mine.empty() || mine.back().status == "berlaku" || mine.back().status == "dicabut") {
        Doc d;
        d.content = new_doc(index, ++created);
        HttpReply r = call("penyusun", "POST", "/api/v1/sops",
                           json::serialize(json::object{{"document", d.content}}));
        if (!ok(r)) {
          if (r.status == 0) return;
          continue;
        }
        d.id = std::string(json::parse(r.body).at("id").as_string());
        d.version = version_of(r);
        d.status = "konsep";
        record({d.id, d.version, "create", json::serialize(d.content)});
        track(d);
        mine.push_back(std::move(d));
        continue;
      }
      Doc& d = mine.back();
      const std::map<std::string, std::string> match{
          {"If-Match", "\"" + std::to_string(d.version) + "\""}};
      HttpReply r;
      std::string action;
      json::object next = d.content;
      if (d.status == "konsep") {
        const int pick = static_cast<int>(rng() % 4);
        if (pick == 0) {
          const std::string text = "Komentar " + std::to_string(rng());
          // The pengesah comments: the verifier's own open comments would hold verification.
          r = call("pengesah", "POST", "/api/v1/sops/" + d.id + "/comments",
                   json::serialize(json::object{{"text", text}, {"anchor", "/title"}}));
          if (ok(r)) {
            record_comment(d.id, std::string(json::parse(r.body).at("id").as_string()), text);
            continue;
          }
        } else if (pick == 1 && d.saves >= 2) {
          action = "submit";
          r = call("penyusun", "POST", "/api/v1/sops/" + d.id + "/actions/submit",
                   json::serialize(json::object{{"reason", "Mohon diperiksa"}}), match);
        } else {
          action = "save";
          next["steps"].as_array()[1].as_object()["activity"] =
              "Langkah ke-" + std::to_string(d.saves + 1) + " " + std::to_string(rng());
          r = call("penyusun", "PUT", "/api/v1/sops/" + d.id + "/draft",
                   json::serialize(json::object{{"document", next}, {"message", "Simpan"}}), match);
        }
      } else if (d.status == "diajukan") {
        action = "verify";
        r = call("verifikator", "POST", "/api/v1/sops/" + d.id + "/actions/verify",
                 json::serialize(json::object{{"reason", "Sesuai format"}}), match);
      } else if (d.status == "diverifikasi") {
        action = "ratify";
        r = call("pengesah", "POST", "/api/v1/sops/" + d.id + "/actions/ratify",
                 json::serialize(json::object{{"reason", "Disahkan"}, {"password", "sopan-demo"}}),
                 match);
      } else {
        return;
      }
      if (r.status == 0) return;  // the server is gone
      if (!ok(r)) {
        if (r.status == 409 || r.status == 412) resync(d);
        continue;
      }
      d.version = version_of(r);
      if (action == "save") {
        d.content = next;
        ++d.saves;
        record({d.id, d.version, "save", json::serialize(d.content)});
      } else {
        d.status = action == "submit"   ? "diajukan"
                   : action == "verify" ? "diverifikasi"
                                        : "berlaku";
        record({d.id, d.version, action, json::serialize(d.content)});
      }
    }
  }

  struct Figures {
    std::size_t acked = 0, comments = 0, lost = 0, wedged = 0, locks = 0, checked_docs = 0;
    bool verify_clean = true;
  };

  /// After a restart: every acknowledged write since `from` is there with its content; every
  /// document touched accepts its next step; no lock; verify clean.
  Figures check(std::size_t from_ack, std::size_t from_comment, std::vector<std::vector<Doc>>& docs,
                const std::filesystem::path& repo) {
    Figures f;
    std::vector<Ack> acks;
    std::vector<std::tuple<std::string, std::string, std::string>> comments;
    {
      std::lock_guard lock(mu_);
      acks.assign(acks_.begin() + static_cast<std::ptrdiff_t>(from_ack), acks_.end());
      comments.assign(comments_.begin() + static_cast<std::ptrdiff_t>(from_comment),
                      comments_.end());
    }
    for (const auto& a : acks) {
      ++f.acked;
      HttpReply r =
          call("auditor", "GET", "/api/v1/sops/" + a.id + "?version=" + std::to_string(a.version));
      bool same = false;
      if (r.status == 200) {
        json::value v = json::parse(r.body);
        same = comparable(v.at("document").as_object()) ==
               comparable(json::parse(a.content).as_object());
      }
      if (!same) {
        ++f.lost;
        std::cerr << "LOST " << a.action << " " << a.id << " v" << a.version << ": " << r.status
                  << " " << r.body.substr(0, 300) << "\n";
      }
    }
    std::map<std::string, std::set<std::string>> by_doc;
    for (const auto& [id, comment, text] : comments) by_doc[id].insert(comment);
    for (const auto& [id, wanted] : by_doc) {
      HttpReply r = call("auditor", "GET", "/api/v1/sops/" + id + "/comments");
      std::set<std::string> have;
      if (r.status == 200)
        for (const json::value list = json::parse(r.body);
             const auto& c : list.at("items").as_array())
          have.insert(std::string(c.at("id").as_string()));
      for (const auto& c : wanted) {
        ++f.comments;
        if (!have.count(c)) {
          ++f.lost;
          std::cerr << "LOST comment " << c << " on " << id << "\n";
        }
      }
    }
    // Not wedged: each client's current document takes its next step (with the server's version).
    for (auto& mine : docs) {
      if (mine.empty()) continue;
      Doc& d = mine.back();
      ++f.checked_docs;
      if (!resync(d)) {
        ++f.wedged;
        std::cerr << "WEDGED (unreadable) " << d.id << "\n";
        continue;
      }
      const std::map<std::string, std::string> match{
          {"If-Match", "\"" + std::to_string(d.version) + "\""}};
      HttpReply r;
      std::string action;
      if (d.status == "konsep") {
        action = "save";
        r = call(
            "penyusun", "PUT", "/api/v1/sops/" + d.id + "/draft",
            json::serialize(json::object{{"document", d.content}, {"message", "Setelah krash"}}),
            match);
      } else if (d.status == "diajukan") {
        action = "verify";
        r = call("verifikator", "POST", "/api/v1/sops/" + d.id + "/actions/verify",
                 json::serialize(json::object{{"reason", "Setelah krash"}}), match);
      } else if (d.status == "diverifikasi") {
        action = "ratify";
        r = call(
            "pengesah", "POST", "/api/v1/sops/" + d.id + "/actions/ratify",
            json::serialize(json::object{{"reason", "Setelah krash"}, {"password", "sopan-demo"}}),
            match);
      } else {
        action = "revise";
        r = call("penyusun", "POST", "/api/v1/sops/" + d.id + "/actions/revise",
                 json::serialize(json::object{{"reason", "Setelah krash"}}), match);
      }
      if (r.status < 200 || r.status >= 300) {
        ++f.wedged;
        std::cerr << "WEDGED " << d.id << " (" << d.status << " v" << d.version << ") " << action
                  << ": " << r.status << " " << r.body.substr(0, 300) << "\n";
        continue;
      }
      record({d.id,
              static_cast<std::uint64_t>(json::parse(r.body).at("version").to_number<double>()),
              action, json::serialize(d.content)});
      resync(d);
    }
    for (const auto& e : std::filesystem::recursive_directory_iterator(repo))
      if (e.path().extension() == ".lock") {
        ++f.locks;
        std::cerr << "LOCK left: " << e.path() << "\n";
      }
    std::string out;
    f.verify_clean = proc_.verify(&out) == 0;
    if (!f.verify_clean) std::cerr << "VERIFY: " << out << "\n";
    return f;
  }

  std::size_t ack_count() {
    std::lock_guard lock(mu_);
    return acks_.size();
  }
  std::size_t comment_count() {
    std::lock_guard lock(mu_);
    return comments_.size();
  }

 private:
  sopan::testing::SopanProcess& proc_;
  std::string unit_;
  std::mutex mu_;
  std::vector<Ack> acks_;
  std::vector<std::tuple<std::string, std::string, std::string>> comments_;
  std::map<std::string, bool> docs_;
};

}  // namespace

int main(int argc, char** argv) {
  const int cycles = argc > 1 ? std::atoi(argv[1]) : 3;
  const int clients = argc > 2 ? std::atoi(argv[2]) : 16;
  std::signal(SIGPIPE, SIG_IGN);
  sopan::testing::TempDir dir;
  const auto data = dir.path() / "data";
  {
    // init_demo reports through gtest assertions; outside a test they only print.
    sopan::testing::init_demo(data);
  }
  sopan::testing::SopanProcess proc(SOPAN_BIN, data, SOPAN_SOURCE_DIR, dir.path() / "server.log");
  std::string why;
  if (!proc.start(&why)) {
    std::cerr << "server did not start: " << why << "\n";
    return 2;
  }
  Harness h(proc, "");
  for (const char* u : {"penyusun", "verifikator", "pengesah", "auditor"})
    if (!h.login(u)) return 2;
  std::string unit;
  const json::value units = json::parse(h.call("auditor", "GET", "/api/v1/units").body);
  for (const auto& u : units.at("items").as_array())
    if (u.at("code") == "2.16") unit = std::string(u.at("id").as_string());
  Harness harness(proc, unit);
  harness.sessions = h.sessions;

  std::mt19937 rng(std::random_device{}());
  std::vector<std::vector<Harness::Figures>> all;
  Harness::Figures total;
  std::vector<std::vector<Doc>> docs(static_cast<std::size_t>(clients));
  std::size_t from_ack = 0, from_comment = 0;
  int failed_restarts = 0;
  const auto started = std::chrono::steady_clock::now();
  for (int cycle = 1; cycle <= cycles; ++cycle) {
    std::atomic<bool> stop{false};
    std::vector<std::thread> threads;
    for (int i = 0; i < clients; ++i)
      threads.emplace_back([&, i, seed = static_cast<unsigned>(rng())] {
        try {
          harness.client(i, stop, docs[static_cast<std::size_t>(i)], seed);
        } catch (const std::exception& e) {
          std::cerr << "client " << i << ": " << e.what() << "\n";
        }
      });
    std::this_thread::sleep_for(std::chrono::milliseconds(300 + rng() % 1200));
    proc.kill(SIGKILL);
    stop = true;
    for (auto& t : threads) t.join();
    if (!proc.start(&why)) {
      std::cerr << "cycle " << cycle << ": the server does not start again:\n" << why << "\n";
      ++failed_restarts;
      break;
    }
    // Sessions live in the index; sign in again if the restart lost them.
    if (harness.call("auditor", "GET", "/api/v1/me").status != 200)
      for (const char* u : {"penyusun", "verifikator", "pengesah", "auditor"}) harness.login(u);
    // Every acknowledged write so far on the last cycle, the new ones on the others.
    Harness::Figures f;
    try {
      f = harness.check(cycle == cycles ? 0 : from_ack, cycle == cycles ? 0 : from_comment, docs,
                        data / "repo.git");
    } catch (const std::exception& e) {
      std::cerr << "check: " << e.what() << "\n";
      f.verify_clean = false;
    }
    from_ack = harness.ack_count();
    from_comment = harness.comment_count();
    std::cout << "cycle " << cycle << ": acknowledged writes checked " << f.acked << ", comments "
              << f.comments << ", lost " << f.lost << ", wedged " << f.wedged << " of "
              << f.checked_docs << ", locks " << f.locks << ", verify "
              << (f.verify_clean ? "clean" : "NOT CLEAN") << std::endl;
    total.lost += f.lost;
    total.wedged += f.wedged;
    total.locks += f.locks;
    total.verify_clean = total.verify_clean && f.verify_clean;
  }
  proc.stop();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "crash test: " << cycles << " cycles, " << clients << " clients, "
            << harness.ack_count() << " acknowledged writes, " << harness.comment_count()
            << " acknowledged comments, lost " << total.lost << ", wedged " << total.wedged
            << ", leftover locks " << total.locks << ", verify "
            << (total.verify_clean ? "clean" : "NOT CLEAN") << ", failed restarts "
            << failed_restarts << " (" << seconds << " s)" << std::endl;
  const bool pass = total.lost == 0 && total.wedged == 0 && total.locks == 0 &&
                    total.verify_clean && failed_restarts == 0;
  if (!pass) std::cout << "server log tail:\n" << proc.log_tail(3000) << std::endl;
  return pass ? 0 : 1;
}
