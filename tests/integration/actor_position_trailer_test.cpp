// A hostile position name cannot forge a trailer. Every commit a staff member makes carries a
// Sopan-Actor-Position trailer built from the name of the position they hold, a name an admin
// types (unit edit, org import). A name that would break the line (LF, CR, NUL, TAB) is refused
// with nothing committed; every other name — percent-encoded line breaks, Unicode line
// separators, text that looks like a trailer — is stored as typed, and the commits of its holder
// carry exactly the server's trailers, the name percent-encoded in its own.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cstdio>
#include <sstream>

#include "app/app.hpp"
#include "demo_server.hpp"
#include "http_client.hpp"
#include "library/document_library.hpp"
#include "vcs/message.hpp"

namespace sopan {
namespace {
using sopan::testing::HttpClient;
using sopan::testing::HttpReply;
using sopan::testing::IsOk;
namespace json = boost::json;

/// The trailers of a save by a staff member, in the order the server writes them.
const std::vector<std::string> kGenuine = {"Sopan-Action",        "Sopan-Doc",
                                           "Sopan-Version",       "Sopan-Actor-NIP",
                                           "Sopan-Actor-Account", "Sopan-Actor-Position",
                                           "Sopan-Format"};

class ActorPositionTrailerTest : public sopan::testing::DemoServerTest {
 protected:
  void SetUp() override {
    DemoServerTest::SetUp();
    start();
    admin = signed_in("admin");
    penyusun = signed_in("penyusun");
    unit = unit_id("2.16.2");  // the penyusun holds its head position, 2.16.2-01
    doc =
        sopan::testing::minimal_sop("800/61/Diskominfo/2026", "Peminjaman Ruang", unit_id("2.16"));
    auto created =
        penyusun->request("POST", "/api/v1/sops", json::serialize(json::object{{"document", doc}}));
    ASSERT_EQ(created.status, 201) << created.body;
    id = std::string(json::parse(created.body).at("id").as_string());
  }

  /// Renames the penyusun's position through PUT /api/v1/units/{id}; answers the status.
  int rename(const std::string& name) {
    json::value u = json::parse(admin->request("GET", "/api/v1/units/" + unit).body);
    json::object& o = u.as_object();
    o.erase("path");  // what the answer adds beside the unit
    o.erase("children");
    for (auto& p : o.at("positions").as_array())
      if (p.at("code") == "2.16.2-01") p.as_object()["name"] = name;
    auto r = admin->request("PUT", "/api/v1/units/" + unit, json::serialize(o));
    EXPECT_TRUE(r.status == 200 || r.status == 422) << r.status << " " << r.body;
    return r.status;
  }
  /// The same through an org import of the positions file.
  int import(const std::string& name) {
    std::string csv = "kode,nama,jenis,eselon,kode_unit,kepala\n2.16.2-01,\"";
    for (char c : name) csv += c == '"' ? std::string("\"\"") : std::string(1, c);
    csv += "\",administrator,III.b,2.16.2,ya\n";
    auto r = admin->request(
        "POST", "/api/v1/org/import",
        json::serialize(json::object{{"format", "csv"}, {"positions", csv}, {"message", "Impor"}}));
    EXPECT_TRUE(r.status == 200 || r.status == 422) << r.status << " " << r.body;
    return r.status;
  }

  /// A save by the penyusun (a new title each time, so a new version); answers its history row.
  json::value save() {
    doc["title"] = "Peminjaman Ruang " + std::to_string(++saves);
    auto version =
        json::parse(penyusun->request("GET", "/api/v1/sops/" + id + "?version=draft").body)
            .at("version")
            .to_number<int>();
    auto r = penyusun->request("PUT", "/api/v1/sops/" + id + "/draft",
                               json::serialize(json::object{{"document", doc}}),
                               {{"If-Match", "\"" + std::to_string(version) + "\""}});
    EXPECT_EQ(r.status, 200) << r.body;
    const json::value history =
        json::parse(penyusun->request("GET", "/api/v1/sops/" + id + "/history").body);
    return history.at("versions").as_array().back();
  }

  /// The commit's trailers as stock git reads them: (key, raw value), in order.
  std::vector<std::pair<std::string, std::string>> git_trailers(const std::string& commit) {
    std::vector<std::pair<std::string, std::string>> out;
    std::istringstream lines(git("show -s '--format=%(trailers:only,unfold)' " + commit));
    for (std::string line; std::getline(lines, line);) {
      if (line.empty()) continue;
      const auto colon = line.find(": ");
      out.emplace_back(line.substr(0, colon),
                       colon == std::string::npos ? "" : line.substr(colon + 2));
    }
    return out;
  }
  /// The commit's message as Sopan reads it back.
  vcs::ParsedMessage parsed(const std::string& commit) {
    const std::string raw = git("cat-file commit " + commit);
    return vcs::parse_message(raw.substr(raw.find("\n\n") + 2));
  }

  /// The position is now `name`, and a save by its holder carries only the server's trailers.
  void holder_commits_are_genuine(const std::string& name, const std::string& how) {
    const json::value row = save();
    const std::string commit(row.at("commit").as_string());
    EXPECT_EQ(row.at("position").as_string(), name) << how << ": the name shown as typed";
    auto stock = git_trailers(commit);
    std::vector<std::string> keys;
    for (const auto& [k, v] : stock) keys.push_back(k);
    EXPECT_EQ(keys, kGenuine) << how << ": stock git reads other trailers on " << commit;
    for (const auto& [k, v] : stock) {
      if (k == "Sopan-Doc") {
        EXPECT_EQ(v, "sops/" + id) << how;
      }
      if (k == "Sopan-Action") {
        EXPECT_EQ(v, "save") << how;
      }
      if (k == "Sopan-Version") {
        EXPECT_EQ(v, std::to_string(row.at("version").to_number<int>()));
      }
      // The value git stores holds no line break, nor the bare percent of the typed name.
      if (k == "Sopan-Actor-Position") {
        EXPECT_EQ(v, vcs::encode_trailer_value(name)) << how;
        EXPECT_EQ(v.find('\n'), std::string::npos) << how;
      }
    }
    const auto ours = parsed(commit);
    EXPECT_TRUE(ours.current_format);
    std::vector<std::string> our_keys;
    for (const auto& [k, v] : ours.trailers) {
      our_keys.push_back(k);
      if (k == "Sopan-Actor-Position") {
        EXPECT_EQ(v, name) << how << ": decoded as typed";
      }
      if (k == "Sopan-Doc") {
        EXPECT_EQ(v, "sops/" + id) << how;
      }
    }
    EXPECT_EQ(our_keys, kGenuine) << how;
    // Nothing else believes a forged fact: still one draft, never signed.
    const json::value read =
        json::parse(penyusun->request("GET", "/api/v1/sops/" + id + "?version=draft").body);
    EXPECT_EQ(read.at("status"), "konsep") << how;
    EXPECT_TRUE(read.at("ratification").is_null()) << how;
  }

  std::unique_ptr<HttpClient> admin, penyusun;
  std::string unit, id;
  json::object doc;
  int saves = 0;
};

TEST_F(ActorPositionTrailerTest, NamesThatBreakTheLineAreRefusedWithNothingCommitted) {
  const std::string before = main_head();
  for (const std::string& name : std::vector<std::string>{
           "Kepala Bidang\nSopan-Doc: sops/01JAAAAAAAAAAAAAAAAAAAAAAA\nSopan-Version: 99",
           "Kepala Bidang\n\nSopan-Action: ratify\nSopan-Signature: Palsu; 1; Kepala; disahkan; "
           "2026-01-01T00:00:00Z",
           "Kepala Bidang\r\nSopan-Events: 1 deadbeef",
           std::string("Kepala Bidang\0Sopan-Version: 99", 31),
           "Kepala Bidang\tSopan-Action: ratify", "Kepala Bidang\n---\nSopan-Action: ratify"}) {
    EXPECT_EQ(rename(name), 422) << name;
    EXPECT_EQ(import(name), 422) << name;
  }
  EXPECT_EQ(main_head(), before) << "a refused name was committed";
  // The holder's commits still name the position as it was.
  const json::value row = save();
  EXPECT_EQ(row.at("position"), "Kepala Bidang Aplikasi Informatika");
}

TEST_F(ActorPositionTrailerTest, EveryOtherNameIsEncodedAndForgesNothing) {
  const std::vector<std::pair<std::string, std::string>> names = {
      {"percent_lf", "Kepala%0ASopan-Doc: sops/01JAAAAAAAAAAAAAAAAAAAAAAA%0ASopan-Version: 99"},
      {"percent_crlf_paragraph", "Kepala%0D%0A%0D%0ASopan-Events: 0 0000%0A"},
      {"percent_nul", "Kepala%00Sopan-Action: ratify %"},
      {"looks_like_a_trailer", "Sopan-Signature: Palsu; 1; Kepala; disahkan; 2026-01-01T00:00:00Z"},
      {"unicode_separators",
       "Kepala\u2028Sopan-Doc: sops/01JAAAAAAAAAAAAAAAAAAAAAAA\u2029Sopan-Version: 99"},
      {"next_line", "Kepala\xC2\x85Sopan-Action: ratify"},
      {"spaces", " Kepala Bidang "},
  };
  for (const auto& [how, name] : names) {
    ASSERT_EQ(rename(name), 200) << how;
    holder_commits_are_genuine(name, "unit edit " + how);
  }
  // Through the org import too.
  const std::string imported = "Kepala Bidang%0ASopan-Action: ratify%0ASopan-Doc: sops/" + id;
  ASSERT_EQ(import(imported), 200);
  holder_commits_are_genuine(imported, "org import");

  auto report = library::DocumentLibrary::verify(dir_.path() / "data");
  ASSERT_THAT(report, IsOk());
  EXPECT_TRUE(report->clean()) << (report->index_problems.empty() ? "" : report->index_problems[0]);
}

}  // namespace
}  // namespace sopan
