// The audit packet over HTTP (issue 15 §4), on the real demo server: a packet of the demo's
// Diskominfo for a period of the demo story verifies, and its files are what the API answers
// (history, diff, content and print on the day, the events as stored); any one byte changed,
// a file removed or added, fails `verify_packet`; stock `sha256sum -c` passes on the extracted
// files; the same request gives the same document files; a version in force on `from` and another
// on `to` are both there; hostile queries are refused with nothing written; one build at a time;
// nothing left on disk, however the client leaves.
#include "library/packet.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <fstream>
#include <random>
#include <set>
#include <thread>

#include "common/time.hpp"
#include "demo_server.hpp"
#include "http_client.hpp"
#include "index/store.hpp"
#include "library/document_library.hpp"
#include "support/zip_files.hpp"

namespace sopan {
namespace {
using sopan::testing::HttpClient;
using sopan::testing::HttpReply;
using sopan::testing::ZipEntries;
namespace json = boost::json;

constexpr std::string_view kFrom = "2026-01-01", kTo = "2026-10-31";

class PacketTest : public sopan::testing::DemoServerTest {
 protected:
  void SetUp() override {
    DemoServerTest::SetUp();
    start();
    auditor = signed_in("auditor");
    kominfo = unit_id("2.16");
  }

  std::string packet_path(std::string_view from, std::string_view to) const {
    return "/api/v1/audit/packet?unit=" + kominfo + "&from=" + std::string(from) +
           "&to=" + std::string(to);
  }

  /// The packet answered for `target`, saved to a file of the test's own.
  std::filesystem::path fetch(const std::string& target, HttpReply* reply_out = nullptr) {
    HttpReply r = auditor->request("GET", target);
    EXPECT_EQ(r.status, 200) << r.body;
    const auto file = dir_.path() / ("paket-" + std::to_string(++fetched) + ".zip");
    std::ofstream(file, std::ios::binary)
        .write(r.body.data(), static_cast<std::streamsize>(r.body.size()));
    if (reply_out) *reply_out = std::move(r);
    return file;
  }

  static const std::string& entry(const ZipEntries& entries, const std::string& name) {
    for (const auto& [n, b] : entries)
      if (n == name) return b;
    static const std::string none;
    ADD_FAILURE() << "no " << name << " in the packet";
    return none;
  }
  static bool has(const ZipEntries& entries, const std::string& name) {
    return std::any_of(entries.begin(), entries.end(),
                       [&](const auto& e) { return e.first == name; });
  }

  std::string body_of(const std::string& target) {
    HttpReply r = auditor->request("GET", target);
    EXPECT_EQ(r.status, 200) << target << " " << r.body;
    return r.body;
  }

  /// The newest event's seq: what a refused request must leave as it was.
  std::uint64_t event_head() {
    auto head = library::EventLog::load_head(app_->library().store_for_tests());
    EXPECT_TRUE(head.has_value());
    return head ? head->seq : 0;
  }

  /// Open descriptors of this process (the server runs in it) on a removed packet zip.
  static int open_deleted_zips() {
    int n = 0;
    for (const auto& e : std::filesystem::directory_iterator("/proc/self/fd")) {
      std::error_code ec;
      auto target = std::filesystem::read_symlink(e.path(), ec).string();
      if (!ec && target.find("paket.zip") != std::string::npos) ++n;
    }
    return n;
  }
  /// Staging folders left in DATA/tmp.
  std::size_t staging_left() const {
    std::size_t n = 0;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dir_.path() / "data" / "tmp", ec))
      n += e.path().filename().string().starts_with("packet-");
    return n;
  }

  std::unique_ptr<HttpClient> auditor;
  std::string kominfo;
  int fetched = 0;
};

TEST_F(PacketTest, APacketOfTheDemoUnitVerifiesAndItsFilesAreWhatTheApiSays) {
  HttpReply reply;
  const auto zip = fetch(packet_path(kFrom, kTo), &reply);
  EXPECT_EQ(reply.header("content-type"), "application/zip");
  EXPECT_EQ(reply.header("content-length"), std::to_string(reply.body.size()));
  EXPECT_EQ(reply.header("transfer-encoding"), "");
  EXPECT_NE(reply.header("content-disposition")
                .find("attachment; filename=\"paket-audit-2.16-2026-01-01-2026-10-31.zip\""),
            std::string::npos);
  const std::string manifest_sha = reply.header("x-manifest-sha256");
  ASSERT_EQ(manifest_sha.size(), 64u);

  library::PacketReport report = library::verify_packet(zip);
  ASSERT_TRUE(report.ok) << (report.problems.empty() ? "" : report.problems.front());
  EXPECT_EQ(report.manifest_sha256, manifest_sha);
  EXPECT_GT(report.events.events, 10u);          // the story's steps in 2026
  EXPECT_GE(report.events.anchors_checked, 1u);  // main's commits in the period anchor the slice

  // The server's record of the packet names it by its manifest.
  json::value recorded = json::parse(body_of("/api/v1/events?kind=audit.packet&limit=1"));
  ASSERT_EQ(recorded.at("count").as_int64(), 1);
  const json::object& ev = recorded.at("items").at(0).as_object();
  EXPECT_EQ(ev.at("manifest_sha256").as_string(), manifest_sha);
  EXPECT_EQ(ev.at("unit").as_string(), kominfo);
  EXPECT_EQ(ev.at("from").as_string(), kFrom);
  EXPECT_EQ(ev.at("to").as_string(), kTo);

  const ZipEntries entries = sopan::testing::read_zip(zip);
  json::object manifest = json::parse(entry(entries, "manifest.json")).as_object();
  EXPECT_EQ(manifest.at("format").as_string(), library::kPacketFormat);
  EXPECT_EQ(manifest.at("unit").at("code").as_string(), "2.16");
  EXPECT_EQ(manifest.at("generated_by").at("username").as_string(), "auditor");
  EXPECT_EQ(std::string(manifest.at("main_commit").as_string()) + "\n",
            git("rev-list -1 --first-parent --before=2026-10-31T23:59:59+07:00 refs/heads/main"));

  // Every SOP and map of the subtree in force on `to` is in it, with what the API answers.
  json::array docs = json::parse(entry(entries, "documents.json")).at("documents").as_array();
  std::set<std::string> in_packet;
  for (const auto& d : docs) in_packet.insert(std::string(d.at("id").as_string()));
  for (std::string folder : {"sops", "maps"}) {
    json::value list = json::parse(body_of("/api/v1/" + folder + "?unit=" + kominfo +
                                           "&at=" + std::string(kTo) + "&limit=1000"));
    std::size_t in_force = 0;
    for (const auto& item : list.at("items").as_array())
      if (item.at("status").as_string() == "berlaku") {
        ++in_force;
        EXPECT_TRUE(in_packet.count(std::string(item.at("id").as_string()))) << item;
      }
    EXPECT_GT(in_force, 0u) << folder;
  }
  std::size_t prints = 0, diagrams = 0, signed_docs = 0;
  for (const auto& value : docs) {
    const json::object& d = value.as_object();
    const std::string id(d.at("id").as_string());
    const std::string folder = d.at("kind").as_string() == "sop" ? "sops" : "maps";
    const std::string base = "/api/v1/" + folder + "/" + id;
    const std::string dir = "documents/" + folder + "/" + id + "/";
    EXPECT_EQ(entry(entries, dir + "history.json"), body_of(base + "/history")) << id;
    EXPECT_EQ(entry(entries, dir + "comments.json"), body_of(base + "/comments")) << id;
    if (folder == "sops") {
      EXPECT_EQ(entry(entries, dir + "records.json"), body_of(base + "/records"));
    }
    if (!d.at("at_to").at("version").is_null()) {
      const std::string day = "at-" + std::string(kTo);
      json::value read = json::parse(body_of(base + "?at=" + std::string(kTo)));
      EXPECT_EQ(json::parse(entry(entries, dir + day + ".json")), read.at("document")) << id;
      if (folder == "sops") {
        EXPECT_EQ(entry(entries, dir + day + ".print.html"),
                  body_of(base + "/print?at=" + std::string(kTo)));
        ++prints;
      } else {
        EXPECT_EQ(entry(entries, dir + day + ".diagram.svg"),
                  body_of(base + "/diagram.svg?at=" + std::string(kTo)));
        EXPECT_EQ(entry(entries, dir + day + ".bpmn"),
                  body_of(base + "/bpmn?at=" + std::string(kTo)));
        ++diagrams;
      }
    }
    if (!d.at("diff").is_null()) {
      EXPECT_EQ(entry(entries, dir + "diff.json"),
                body_of(base + "/diff?from=" + std::to_string(d.at("diff").at("from").as_int64()) +
                        "&to=" + std::to_string(d.at("diff").at("to").as_int64())));
    }
    // Every version's commit, as the history names it, and git holds it.
    json::array versions = json::parse(body_of(base + "/history")).at("versions").as_array();
    const std::string& commits = entry(entries, dir + "commits.txt");
    for (const auto& v : versions) {
      const std::string commit(v.at("commit").as_string());
      EXPECT_NE(commits.find(" " + commit + " "), std::string::npos) << id;
    }
    EXPECT_EQ(std::count(commits.begin(), commits.end(), '\n'),
              static_cast<std::ptrdiff_t>(versions.size()));
    json::array sigs =
        json::parse(entry(entries, dir + "signatures.json")).at("signatures").as_array();
    if (!sigs.empty()) ++signed_docs;
    for (const auto& s : sigs)
      EXPECT_EQ(git("cat-file -t " + std::string(s.at("commit").as_string())), "commit\n");
  }
  EXPECT_GT(prints, 0u);
  EXPECT_GT(diagrams, 0u);
  EXPECT_GT(signed_docs, 0u);

  // The event slice is the stored events of the period, byte for byte, without a gap.
  const std::string start = format_utc_ms(end_of_day_ms(*parse_date(kFrom), 420) + 1 - 86'400'000);
  const std::string end = format_utc_ms(end_of_day_ms(*parse_date(kTo), 420));
  std::string stored;
  ASSERT_TRUE(app_->library().store().scan(index::Cf::kEvents, {},
                                           [&](std::string_view, std::string_view v) {
                                             auto t = json::parse(v).at("time").as_string();
                                             if (t >= start && t <= end)
                                               stored.append(v).push_back('\n');
                                             return true;
                                           }));
  EXPECT_EQ(entry(entries, "events/events.jsonl"), stored);
  json::value chain = json::parse(entry(entries, "events/chain.json"));
  EXPECT_TRUE(chain.at("chain").at("intact").as_bool());
  EXPECT_TRUE(chain.at("slice").at("intact").as_bool());

  // Stock sha256sum over the extracted files: all OK; and it notices one changed byte.
  const auto out = dir_.path() / "terbuka";
  if (::system("command -v unzip >/dev/null 2>&1") == 0)
    ASSERT_EQ(::system(("unzip -q " + zip.string() + " -d " + out.string()).c_str()), 0);
  else
    sopan::testing::extract_zip(zip, out);
  EXPECT_EQ(::system(("cd " + out.string() + " && sha256sum -c --quiet SHA256SUMS").c_str()), 0);
  {
    std::fstream f(out / "documents.json", std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(3);
    f.put('#');
  }
  EXPECT_NE(
      ::system(
          ("cd " + out.string() + " && sha256sum -c --quiet SHA256SUMS >/dev/null 2>&1").c_str()),
      0);
  EXPECT_EQ(staging_left(), 0u);
  EXPECT_EQ(open_deleted_zips(), 0);
}

TEST_F(PacketTest, AnyByteChangedAnyFileRemovedOrOneAddedFailsVerification) {
  const auto zip = fetch(packet_path(kFrom, kTo));
  ASSERT_TRUE(library::verify_packet(zip).ok);
  const ZipEntries entries = sopan::testing::read_zip(zip);
  ASSERT_GT(entries.size(), 20u);
  const auto altered = dir_.path() / "diubah.zip";
  std::mt19937 random(2026);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto& [name, bytes] = entries[i];
    if (bytes.empty()) continue;
    ZipEntries changed = entries;
    const std::size_t at = std::uniform_int_distribution<std::size_t>(0, bytes.size() - 1)(random);
    changed[i].second[at] = static_cast<char>(changed[i].second[at] ^ 0x01);
    sopan::testing::write_zip(altered, changed);
    EXPECT_FALSE(library::verify_packet(altered).ok) << name << " byte " << at;

    ZipEntries fewer = entries;
    fewer.erase(fewer.begin() + static_cast<std::ptrdiff_t>(i));
    sopan::testing::write_zip(altered, fewer);
    EXPECT_FALSE(library::verify_packet(altered).ok) << "without " << name;
  }
  ZipEntries more = entries;
  more.emplace_back("documents/sops/catatan.txt", "Disisipkan setelah paket dibuat");
  sopan::testing::write_zip(altered, more);
  library::PacketReport r = library::verify_packet(altered);
  EXPECT_FALSE(r.ok);
  EXPECT_FALSE(r.problems.empty());
  // The untouched entries written back the same way still verify: the check is on the content.
  sopan::testing::write_zip(altered, entries);
  EXPECT_TRUE(library::verify_packet(altered).ok);
}

TEST_F(PacketTest, TheSameRequestOnTheSameDayGivesTheSameFiles) {
  const ZipEntries a = sopan::testing::read_zip(fetch(packet_path(kFrom, kTo)));
  const ZipEntries b = sopan::testing::read_zip(fetch(packet_path(kFrom, kTo)));
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].first, b[i].first);
    // The period ended before today: its events are fixed. What differs is when the manifest
    // was made (and the sums naming it), and the whole chain's state, grown by the first packet.
    if (a[i].first == "manifest.json" || a[i].first == "SHA256SUMS" ||
        a[i].first == "events/chain.json")
      continue;
    EXPECT_EQ(a[i].second, b[i].second) << a[i].first;
  }
  json::object ma = json::parse(entry(a, "manifest.json")).as_object();
  json::object mb = json::parse(entry(b, "manifest.json")).as_object();
  EXPECT_NE(ma.at("generated_at"), mb.at("generated_at"));
  for (json::object* m : {&ma, &mb}) {
    m->erase("generated_at");
    json::array& files = m->at("files").as_array();
    files.erase(
        std::remove_if(files.begin(), files.end(),
                       [](const json::value& f) { return f.at("path") == "events/chain.json"; }),
        files.end());
  }
  EXPECT_EQ(json::serialize(ma), json::serialize(mb));
}

TEST_F(PacketTest, AVersionInForceOnFromAndAnotherOnToAreBothInThePacket) {
  // The demo's open revision of the complaints SOP, taken through review and ratified today.
  auto penyusun = signed_in("penyusun"), verifikator = signed_in("verifikator"),
       pengesah = signed_in("pengesah");
  std::string id;
  std::uint64_t draft = 0, in_force = 0;
  library::ListFilter all;
  all.kind = library::DocKind::kSop;
  auto sops = app_->library().list(all);
  ASSERT_TRUE(sops.has_value());
  for (const auto& d : *sops)
    if (d.draft && d.in_force && app_->org().tree()->within(d.unit, kominfo)) {
      id = d.id;
      draft = d.draft->version;
      in_force = d.in_force->version;
    }
  ASSERT_FALSE(id.empty());
  auto act = [&](HttpClient& who, const std::string& action, std::uint64_t version,
                 json::object body) {
    HttpReply r =
        who.request("POST", "/api/v1/sops/" + id + "/actions/" + action, json::serialize(body),
                    {{"If-Match", "\"" + std::to_string(version) + "\""}});
    EXPECT_EQ(r.status, 200) << action << " " << r.body;
    return json::parse(r.body).at("version").to_number<std::uint64_t>();
  };
  auto v = act(*penyusun, "submit", draft, {{"reason", "Mohon diperiksa"}});
  v = act(*verifikator, "verify", v, {{"reason", "Sesuai format"}});
  const std::uint64_t ratified =
      act(*pengesah, "ratify", v, {{"reason", "Disahkan"}, {"password", "sopan-demo"}});

  // Defaults: from the first of this year, to today.
  const std::string today = app_->library().today();
  const std::string from = today.substr(0, 4) + "-01-01";
  const auto zip = fetch("/api/v1/audit/packet?unit=" + kominfo);
  ASSERT_TRUE(library::verify_packet(zip).ok);
  const ZipEntries entries = sopan::testing::read_zip(zip);
  json::object manifest = json::parse(entry(entries, "manifest.json")).as_object();
  EXPECT_EQ(manifest.at("period").at("from").as_string(), from);
  EXPECT_EQ(manifest.at("period").at("to").as_string(), today);
  const json::object* doc = nullptr;
  json::value listed = json::parse(entry(entries, "documents.json"));
  for (const auto& d : listed.at("documents").as_array())
    if (d.at("id").as_string() == id) doc = &d.as_object();
  ASSERT_NE(doc, nullptr);
  EXPECT_EQ(doc->at("at_from").at("version").to_number<std::uint64_t>(), in_force);
  EXPECT_EQ(doc->at("at_to").at("version").to_number<std::uint64_t>(), ratified);
  const std::string dir = "documents/sops/" + id + "/";
  const std::string base = "/api/v1/sops/" + id;
  EXPECT_EQ(entry(entries, dir + "at-" + from + ".print.html"),
            body_of(base + "/print?at=" + from));
  EXPECT_EQ(entry(entries, dir + "at-" + today + ".print.html"),
            body_of(base + "/print?at=" + today));
  EXPECT_NE(entry(entries, dir + "at-" + from + ".json"),
            entry(entries, dir + "at-" + today + ".json"));
  // The diff from the version in force on `from` to today's names the revised warning.
  json::value diff = json::parse(entry(entries, dir + "diff.json"));
  EXPECT_EQ(diff.at("from").to_number<std::uint64_t>(), in_force);
  EXPECT_EQ(diff.at("to").to_number<std::uint64_t>(), ratified);
  EXPECT_NE(json::serialize(diff).find("SP4N-LAPOR"), std::string::npos);
  // The ratification's signature record is there, as the commit carries it.
  const std::string sigs = entry(entries, dir + "signatures.json");
  EXPECT_NE(sigs.find("disahkan"), std::string::npos);
  EXPECT_NE(git("log -1 --format=%B refs/heads/main").find("Sopan-Signature"), std::string::npos);
}

TEST_F(PacketTest, HostileQueriesAreRefusedAndWriteNothing) {
  const std::uint64_t events_before = event_head();
  const std::string main_before = main_head();
  const std::string u = "unit=" + kominfo;
  struct Row {
    std::string query;
    int status;
    std::string pointer;
  };
  const std::vector<Row> rows = {
      {u + "&from=2026-02-30", 400, "/query/from"},
      {u + "&to=20261031", 400, "/query/to"},
      {u + "&to=%20", 400, "/query/to"},
      {u + "&to=2026-10-31%20", 400, "/query/to"},
      {u + "&from=%D9%A2%D9%A0%D9%A2%D9%A6-01-01&to=2026-10-31", 400, "/query/from"},
      {u + "&from=2026-10-31&to=2026-01-01", 400, "/query/from"},
      {u + "&from=2000-01-01&to=2026-10-31", 400, "/query/from"},
      {u + "&to=2999-01-01", 400, "/query/to"},
      {u + "&from=2026-01-01&to=" + std::string(4000, '1'), 400, "/query/to"},
      {"unit=01JTIDAKADA0000000000000000", 404, "/query/unit"},
      {"unit=", 400, "/query/unit"},
      {u + "&unit_code=2.16", 400, "/query/unit_code"},
      {u + "&at=2026-01-01", 400, "/query/at"},
  };
  for (const auto& row : rows) {
    HttpReply r = auditor->request("GET", "/api/v1/audit/packet?" + row.query);
    EXPECT_EQ(r.status, row.status) << row.query << " " << r.body;
    json::value body = json::parse(r.body);
    const json::object& error = body.at("error").as_object();
    EXPECT_FALSE(error.at("message").as_string().empty());
    EXPECT_EQ(error.at("details").at(0).at("path").as_string(), row.pointer) << row.query;
    EXPECT_EQ(r.header("content-type"), "application/json; charset=utf-8");
  }
  // Ten years exactly is allowed, one day more is not.
  EXPECT_EQ(auditor->request("GET", packet_path("2016-10-30", "2026-10-31")).status, 400);
  EXPECT_EQ(event_head(), events_before);  // not even an audit event
  EXPECT_EQ(main_head(), main_before);
  EXPECT_EQ(staging_left(), 0u);
  EXPECT_EQ(auditor->request("GET", packet_path("2016-10-31", "2026-10-31")).status, 200);
  EXPECT_EQ(event_head(), events_before + 1);  // the packet's own event

  // Only a grant over the whole instansi exports: the demo admin has one, the others not.
  EXPECT_EQ(signed_in("admin")->request("GET", packet_path(kFrom, kTo)).status, 200);
  for (std::string who : {"penyusun", "pengesah", "pegawai", "evaluator"})
    EXPECT_EQ(signed_in(who)->request("GET", packet_path(kFrom, kTo)).status, 403) << who;
  HttpClient anonymous(port_);
  EXPECT_EQ(anonymous.request("GET", packet_path(kFrom, kTo)).status, 401);
}

TEST_F(PacketTest, OneBuildAtATimeAndNothingLeftBehindHoweverTheClientLeaves) {
  // Several at once: each gets a whole packet or a 429 asking to wait, never a broken one.
  std::vector<std::thread> threads;
  std::vector<HttpReply> replies(4);
  std::vector<std::unique_ptr<HttpClient>> clients;
  for (std::size_t i = 0; i < replies.size(); ++i) clients.push_back(signed_in("auditor"));
  for (std::size_t i = 0; i < replies.size(); ++i)
    // The whole instansi over ten years: the longest build the demo has.
    threads.emplace_back([&, i] {
      replies[i] = clients[i]->request("GET", "/api/v1/audit/packet?from=2016-12-01&to=2026-11-30");
    });
  for (auto& t : threads) t.join();
  int built = 0;
  for (std::size_t i = 0; i < replies.size(); ++i) {
    const HttpReply& r = replies[i];
    ASSERT_TRUE(r.status == 200 || r.status == 429) << r.status << " " << r.body;
    if (r.status == 429) {
      EXPECT_EQ(r.header("retry-after"), "10");
      continue;
    }
    ++built;
    const auto file = dir_.path() / ("serentak-" + std::to_string(i) + ".zip");
    std::ofstream(file, std::ios::binary)
        .write(r.body.data(), static_cast<std::streamsize>(r.body.size()));
    EXPECT_TRUE(library::verify_packet(file).ok) << i;
  }
  EXPECT_GE(built, 1);
  RecordProperty("refused_busy", static_cast<int>(replies.size()) - built);

  // A client that goes before the packet is ready, and one that goes after its first bytes: once
  // each build is over, neither its zip nor its staging folder is left.
  auto packets_recorded = [&] {
    std::size_t n = 0;
    EXPECT_TRUE(app_->library().store().scan(
        index::Cf::kEvents, {}, [&](std::string_view, std::string_view v) {
          n += v.find(R"("kind":"audit.packet")") != std::string_view::npos;
          return true;
        }));
    return n;
  };
  auto settled = [&](std::size_t packets) {
    for (int i = 0; i < 400; ++i) {
      if (packets_recorded() >= packets && open_deleted_zips() == 0 && staging_left() == 0)
        return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  };
  HttpClient session(port_);
  ASSERT_EQ(session.login("auditor").status, 200);
  const std::string request =
      "GET /api/v1/audit/packet?from=2016-12-01&to=2026-11-30 HTTP/1.1\r\n"
      "Host: 127.0.0.1\r\nCookie: " +
      session.session_cookie() + "\r\n\r\n";
  for (bool reads_first_bytes : {false, true}) {
    const std::size_t before = packets_recorded();
    {
      int fd = ::socket(AF_INET, SOCK_STREAM, 0);
      ASSERT_GE(fd, 0);
      sockaddr_in addr{};
      addr.sin_family = AF_INET;
      addr.sin_port = htons(port_);
      addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
      ASSERT_EQ(::send(fd, request.data(), request.size(), 0),
                static_cast<ssize_t>(request.size()));
      if (reads_first_bytes) {
        char head[64];
        EXPECT_GT(::recv(fd, head, sizeof head, 0), 0);
        EXPECT_EQ(std::string(head, 15), "HTTP/1.1 200 OK");
      }
      ::close(fd);
    }
    EXPECT_TRUE(settled(before + 1)) << (reads_first_bytes ? "after its first bytes" : "at once");
  }
}

}  // namespace
}  // namespace sopan
