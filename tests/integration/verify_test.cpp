// Signatures checkable on paper (issue 15 §6), on the real demo server: a signed print carries
// the verification code and its QR code; the public page and API, with no sign-in, show the
// signer's name and position, the document, the time, meaning and SHA-256 of the signed content
// (what stock git computes), never a NIP; a newer version and a withdrawal say so on the old code;
// history rewritten on disk and reindexed makes the old code say "diubah", and the forged
// commit's code too (no audit event names it); unknown or malformed
// codes get a clear 404, a scanner is throttled, and nothing is written by any of it.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <regex>

#include "common/hash.hpp"
#include "demo_server.hpp"
#include "domain/verification.hpp"
#include "http_client.hpp"
#include "sopan_process.hpp"

namespace sopan {
namespace {
using sopan::testing::HttpClient;
using sopan::testing::HttpReply;
namespace json = boost::json;

class VerifyTest : public sopan::testing::DemoServerTest {
 protected:
  void SetUp() override {
    DemoServerTest::SetUp();
    start();
    auditor = signed_in("auditor");
    anonymous = std::make_unique<HttpClient>(port_);
  }

  json::object read(const std::string& id) {
    auto r = auditor->request("GET", "/api/v1/sops/" + id);
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body).as_object();
  }
  std::string code_of(const std::string& id) {
    return std::string(read(id).at("ratification").at("verification").at("code").as_string());
  }
  json::object verify(const std::string& code) {
    auto r = anonymous->request("GET", "/api/v1/verify/" + code);
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body).as_object();
  }
  std::uint64_t event_count() {
    auto r = auditor->request("GET", "/api/v1/events?limit=1");
    return json::parse(r.body).at("chain").at("head_seq").to_number<std::uint64_t>();
  }
  /// Revised, submitted, verified and ratified again (a new title): the new version.
  void ratify_again(const std::string& id, const std::string& title) {
    auto penyusun = signed_in("penyusun");
    auto verifikator = signed_in("verifikator");
    auto pengesah = signed_in("pengesah");
    auto revised = act("sops", id, "revise",
                       json::parse(auditor->request("GET", "/api/v1/sops/" + id).body)
                           .at("version")
                           .to_number<std::uint64_t>(),
                       *penyusun);
    ASSERT_EQ(revised.status, 200) << revised.body;
    auto draft = penyusun->request("GET", "/api/v1/sops/" + id + "?version=draft");
    json::object doc = json::parse(draft.body).at("document").as_object();
    doc["title"] = title;
    auto saved = penyusun->request("PUT", "/api/v1/sops/" + id + "/draft",
                                   json::serialize(json::object{{"document", doc}}),
                                   {{"If-Match", "\"" + std::to_string(version_of(draft)) + "\""}});
    ASSERT_EQ(saved.status, 200) << saved.body;
    auto submitted = act("sops", id, "submit", version_of(saved), *penyusun);
    ASSERT_EQ(submitted.status, 200) << submitted.body;
    auto verified = act("sops", id, "verify", version_of(submitted), *verifikator);
    ASSERT_EQ(verified.status, 200) << verified.body;
    auto ratified =
        act("sops", id, "ratify", version_of(verified), *pengesah, {{"password", "sopan-demo"}});
    ASSERT_EQ(ratified.status, 200) << ratified.body;
  }

  std::unique_ptr<HttpClient> auditor, anonymous;
};

TEST_F(VerifyTest, ASignedPrintCarriesTheCodeAndItsPageShowsTheSignatureWithoutTheNip) {
  const std::string id = in_force(
      "sops",
      sopan::testing::minimal_sop("800/91/VER/2026", "SOP Uji Verifikasi", unit_id("2.16")));
  const json::object doc = read(id);
  const json::object& ratification = doc.at("ratification").as_object();
  const std::string code(ratification.at("verification").at("code").as_string());
  const std::string nip(ratification.at("nip").as_string());
  ASSERT_EQ(nip.size(), 18u);
  EXPECT_TRUE(std::regex_match(code, std::regex("SPN-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")))
      << code;
  const std::string url = "http://127.0.0.1:" + std::to_string(port_) + "/v/" + code;
  EXPECT_EQ(ratification.at("verification").at("url").as_string(), url);

  // The print: the code, the address and the QR code under the signature.
  auto print = auditor->request("GET", "/api/v1/sops/" + id + "/print");
  ASSERT_EQ(print.status, 200);
  EXPECT_NE(print.body.find(code), std::string::npos);
  EXPECT_NE(print.body.find(url), std::string::npos);
  EXPECT_NE(print.body.find("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\""),
            std::string::npos);

  // The public answer, with no session at all.
  auto answer = anonymous->request("GET", "/api/v1/verify/" + code);
  ASSERT_EQ(answer.status, 200) << answer.body;
  EXPECT_EQ(answer.body.find(nip), std::string::npos) << answer.body;
  EXPECT_EQ(answer.body.find("\"nip\""), std::string::npos);
  const json::object v = json::parse(answer.body).as_object();
  EXPECT_EQ(v.at("state"), "berlaku");
  EXPECT_EQ(v.at("genuine"), true);
  EXPECT_EQ(v.at("in_force"), true);
  EXPECT_EQ(v.at("code").as_string(), code);
  EXPECT_EQ(v.at("signature").at("name"), ratification.at("name"));
  EXPECT_EQ(v.at("signature").at("position"), ratification.at("position"));
  EXPECT_EQ(v.at("signature").at("time"), ratification.at("time"));
  EXPECT_EQ(v.at("signature").at("meaning"), "disahkan");
  EXPECT_EQ(v.at("document").at("title"), "SOP Uji Verifikasi");
  EXPECT_EQ(v.at("document").at("number"), "800/91/VER/2026");
  EXPECT_EQ(v.at("document").at("version"), doc.at("version"));
  // The digest is what stock git computes of the file in the ratifying commit.
  const json::object& signed_content = v.at("signed_content").as_object();
  EXPECT_EQ(signed_content.at("commit"), doc.at("commit"));
  const std::string file = git("show " + std::string(signed_content.at("commit").as_string()) +
                               ":" + std::string(signed_content.at("path").as_string()));
  EXPECT_EQ(signed_content.at("sha256").as_string(), sha256_hex(file));

  // The page for a phone, however the code is typed.
  std::string typed;
  for (char c : code)
    if (c != '-') typed += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const std::string& target : {"/v/" + code, "/v/" + typed, "/v?kode=" + typed}) {
    auto page = anonymous->request("GET", target);
    ASSERT_EQ(page.status, 200) << target;
    EXPECT_TRUE(page.header("content-type").starts_with("text/html")) << target;
    EXPECT_NE(page.body.find("data-state=\"berlaku\""), std::string::npos) << target;
    EXPECT_NE(page.body.find(std::string(ratification.at("name").as_string())), std::string::npos);
    EXPECT_NE(page.body.find(std::string(signed_content.at("sha256").as_string())),
              std::string::npos);
    EXPECT_EQ(page.body.find(nip), std::string::npos) << target;
  }
}

TEST_F(VerifyTest, ANewerVersionAndAWithdrawalSaySoOnTheOldCode) {
  const std::string id = in_force(
      "sops", sopan::testing::minimal_sop("800/92/VER/2026", "SOP Versi Pertama", unit_id("2.16")));
  const std::string first = code_of(id);
  ratify_again(id, "SOP Versi Kedua");
  const std::string second = code_of(id);
  ASSERT_NE(first, second);

  json::object old = verify(first);
  EXPECT_EQ(old.at("state"), "versi_baru") << old;
  EXPECT_EQ(old.at("genuine"), true);
  EXPECT_EQ(old.at("in_force"), false);
  EXPECT_EQ(old.at("document").at("title"), "SOP Versi Pertama");
  EXPECT_EQ(old.at("current").at("version"), read(id).at("version"));
  EXPECT_EQ(verify(second).at("state"), "berlaku");

  auto pengesah = signed_in("pengesah");
  auto withdrawn = act("sops", id, "withdraw", read(id).at("version").to_number<std::uint64_t>(),
                       *pengesah, {{"reason", "Tidak dipakai lagi"}});
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  const json::object now = verify(second);
  EXPECT_EQ(now.at("state"), "dicabut") << now;
  EXPECT_EQ(now.at("in_force"), false);
  auto page = anonymous->request("GET", "/v/" + second);
  EXPECT_NE(page.body.find("DICABUT"), std::string::npos);
  EXPECT_EQ(verify(first).at("state"), "versi_baru");
}

TEST_F(VerifyTest, HistoryRewrittenOnDiskAndReindexedMakesTheOldAndTheForgedCodeSayTampered) {
  const std::string id =
      in_force("sops", sopan::testing::minimal_sop("800/93/VER/2026", "SOP Asli", unit_id("2.16")));
  const json::object doc = read(id);
  const std::string code = code_of(id);
  const std::string commit(doc.at("commit").as_string());
  ASSERT_EQ(main_head().substr(0, 40), commit) << "the ratification is main's last commit";
  const std::string path = std::string(verify(code).at("signed_content").at("path").as_string());

  // Someone with the disk: the same commit with another title in the file, main moved onto it.
  app_.reset();
  const auto repo = (dir_.path() / "data" / "repo.git").string();
  const std::string script =
      "set -e; export GIT_DIR='" + repo + "' GIT_INDEX_FILE='" + (dir_.path() / "idx").string() +
      "'; c=" + commit +
      "; eval \"$(git log -1 --format='export GIT_AUTHOR_NAME=\"%an\" GIT_AUTHOR_EMAIL=\"%ae\" "
      "GIT_AUTHOR_DATE=\"%aI\" GIT_COMMITTER_NAME=\"%cn\" GIT_COMMITTER_EMAIL=\"%ce\" "
      "GIT_COMMITTER_DATE=\"%cI\"' $c)\"; git read-tree $c; b=$(git show $c:" +
      path +
      " | sed 's/SOP Asli/SOP Palsu/' | git hash-object -w --stdin); git update-index --cacheinfo "
      "100644,$b," +
      path +
      "; t=$(git write-tree); n=$(git cat-file commit $c | sed '1,/^$/d' | git commit-tree $t " +
      "$(git log -1 --format='%P' $c | sed 's/\\([0-9a-f]\\{40\\}\\)/-p \\1/g')); git update-ref "
      "refs/heads/main $n $c";
  std::string out;
  ASSERT_EQ(testing::run_program({"bash", "-c", script}, &out), 0) << script << "\n" << out;
  ASSERT_NE(main_head().substr(0, 40), commit);
  ASSERT_EQ(testing::run_program({SOPAN_BIN, "reindex", "--data", (dir_.path() / "data").string(),
                                  "--schemas", std::string(SOPAN_SOURCE_DIR) + "/schemas"},
                                 &out),
            0)
      << out;
  start();
  auditor = signed_in("auditor");
  anonymous = std::make_unique<HttpClient>(port_);
  EXPECT_EQ(read(id).at("summary").at("title"), "SOP Palsu");

  const json::object v = verify(code);
  EXPECT_EQ(v.at("state"), "diubah") << v;
  EXPECT_EQ(v.at("genuine"), false);
  EXPECT_EQ(v.at("document").at("title"), "SOP Asli");  // what was signed, as recorded then
  auto page = anonymous->request("GET", "/v/" + code);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("data-state=\"diubah\""), std::string::npos);
  EXPECT_NE(page.body.find("PERINGATAN"), std::string::npos);

  // The forged commit's own code (what a forged print would carry) names no write of the
  // server's in the audit chain: it says "diubah" too.
  const std::string forged = code_of(id);
  ASSERT_NE(forged, code);
  const json::object f = verify(forged);
  EXPECT_EQ(f.at("state"), "diubah") << f;
  EXPECT_NE(std::string(f.at("explanation").as_string()).find("rantai peristiwa audit"),
            std::string::npos);
}

TEST_F(VerifyTest, UnknownMalformedAndHostileCodesAreRefusedAndWriteNothing) {
  const std::string id = in_force(
      "sops", sopan::testing::minimal_sop("800/94/VER/2026", "SOP Uji Kode", unit_id("2.16")));
  const std::string code = code_of(id);
  const std::uint64_t events = event_count();
  const std::string head = main_head();
  for (const std::string& bad :
       {std::string("SPN-0000-0000-0000"), code.substr(0, code.size() - 1),
        code.substr(0, code.size() - 1) + (code.back() == '0' ? "1" : "0"), std::string(300, 'A'),
        std::string("..%2F..%2Fetc%2Fpasswd"), std::string("%3Cscript%3E"),
        std::string("SPN-%C3%A9%C3%A9-0000-0000")}) {
    auto r = anonymous->request("GET", "/api/v1/verify/" + bad);
    EXPECT_EQ(r.status, 404) << bad << " " << r.body;
    // Either no route takes it ("../..": another path) or the route names the code as the fault.
    const json::value answer = json::parse(r.body);
    const json::object& error = answer.at("error").as_object();
    if (bad.find("%2F") == std::string::npos) {
      EXPECT_EQ(error.at("details").at(0).at("path"), "/path/code") << bad << " " << r.body;
    }
    auto page = anonymous->request("GET", "/v/" + bad);
    EXPECT_EQ(page.status, 404) << bad;
    EXPECT_EQ(page.body.find("<script>"), std::string::npos) << bad;
  }
  // A NUL in the path never reaches the route: the server refuses the address itself.
  EXPECT_EQ(anonymous->request("GET", "/api/v1/verify/%00").status, 400);
  EXPECT_EQ(anonymous->request("GET", "/v/%00").status, 400);
  auto form = anonymous->request("GET", "/v?kode=%3Cscript%3Ealert(1)%3C/script%3E");
  EXPECT_EQ(form.status, 404);
  EXPECT_EQ(form.body.find("<script>"), std::string::npos);
  EXPECT_NE(form.body.find("&lt;script&gt;"), std::string::npos);
  EXPECT_EQ(anonymous->request("GET", "/api/v1/verify/" + code + "?x=1").status, 400);
  EXPECT_EQ(anonymous->request("POST", "/api/v1/verify/" + code, "{}").status, 405);
  EXPECT_EQ(event_count(), events + 1);  // the first count's own audit.read, nothing else
  EXPECT_EQ(main_head(), head);
}

TEST_F(VerifyTest, AScannerOfWellFormedCodesIsThrottledWhileRealCodesStillAnswerElsewhere) {
  const std::string id = in_force(
      "sops", sopan::testing::minimal_sop("800/95/VER/2026", "SOP Uji Batas", unit_id("2.16")));
  const std::string code = code_of(id);
  // Well-formed codes that name nothing: 10 random data symbols with their check symbols.
  int refused = 0, missed = 0;
  for (int n = 0; n < 140 && refused == 0; ++n) {
    const std::string key =
        domain::verification_key(std::string(40, "0123456789abcdef"[n % 16]), std::to_string(n));
    auto r = anonymous->request("GET", "/api/v1/verify/" + key);
    if (r.status == 404) ++missed;
    if (r.status == 429) {
      ++refused;
      EXPECT_FALSE(r.header("retry-after").empty());
    }
  }
  EXPECT_EQ(missed, 100);
  EXPECT_EQ(refused, 1);
  // The address is slowed down, also for a real code, until the delay has passed.
  EXPECT_EQ(anonymous->request("GET", "/api/v1/verify/" + code).status, 429);
}

}  // namespace
}  // namespace sopan
