// One read for "the newest I may see" (GET /api/v1/sops/{id}?version=latest): the open draft for
// those who may read the document's drafts, else the version in force; 404 only when there is
// neither for the reader. Every read says whether the reader may read drafts (`may.read_drafts`),
// so the screens never ask for one version and fall back to another (a 403 or 404 in the console).
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "demo_server.hpp"
#include "http_client.hpp"
#include "library/document_library.hpp"

namespace sopan {
namespace {
using sopan::testing::HttpClient;
using sopan::testing::HttpReply;
using sopan::testing::minimal_sop;
namespace json = boost::json;

constexpr TimeMs kDay = 86'400'000;

class LatestReadTest : public sopan::testing::DemoServerTest {
 protected:
  void SetUp() override {
    DemoServerTest::SetUp();
    start();
    penyusun = signed_in("penyusun");
    verifikator = signed_in("verifikator");
    pengesah = signed_in("pengesah");
    pegawai = signed_in("pegawai");
    auditor = signed_in("auditor");
  }

  /// The demo SOP titled `title`, as its penyusun finds it.
  std::string demo_sop(const std::string& title) {
    auto r = penyusun->request("GET", "/api/v1/sops?limit=1000");
    EXPECT_EQ(r.status, 200) << r.body;
    const json::value list = json::parse(r.body);
    for (const auto& item : list.at("items").as_array())
      if (item.at("title").as_string() == title) return std::string(item.at("id").as_string());
    ADD_FAILURE() << "no demo SOP " << title;
    return "";
  }
  std::string day(int offset) {
    const auto& lib = app_->library();
    return format_date(
        local_date(lib.clock().now() + offset * kDay, lib.instansi().utc_offset_minutes));
  }
  static int version_of(const HttpReply& r) {
    EXPECT_EQ(r.status / 100, 2) << r.body;
    return static_cast<int>(json::parse(r.body).at("version").to_number<int>());
  }
  int act(HttpClient& c, const std::string& id, const std::string& action, int version,
          json::object body = {}) {
    body["reason"] = "Uji versi terbaru";
    return version_of(c.request("POST", "/api/v1/sops/" + id + "/actions/" + action,
                                json::serialize(body),
                                {{"If-Match", "\"" + std::to_string(version) + "\""}}));
  }
  /// A new SOP of Diskominfo, ratified with effective date `effective`; its id.
  std::string ratified(const std::string& number, const std::string& effective) {
    auto created = penyusun->request(
        "POST", "/api/v1/sops",
        json::serialize(json::object{
            {"document", minimal_sop(number, "Peminjaman Ruang Rapat", unit_id("2.16"))}}));
    const std::string id(json::parse(created.body).at("id").as_string());
    const int submitted = act(*penyusun, id, "submit", version_of(created));
    const int verified = act(*verifikator, id, "verify", submitted);
    act(*pengesah, id, "ratify", verified,
        {{"password", "sopan-demo"}, {"effective_date", effective}});
    return id;
  }
  /// The denials recorded so far (GET /api/v1/events as the auditor).
  std::size_t denials() {
    auto r = auditor->request("GET", "/api/v1/events?kind=access.denied&limit=1000");
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body).at("items").as_array().size();
  }

  std::unique_ptr<HttpClient> penyusun, verifikator, pengesah, pegawai, auditor;
};

TEST_F(LatestReadTest, TheOpenDraftForThoseWhoMayReadDraftsElseTheVersionInForce) {
  // "Penanganan Pengaduan Masyarakat" is in force with a revision open.
  const std::string id = demo_sop("Penanganan Pengaduan Masyarakat");
  const std::string path = "/api/v1/sops/" + id;
  const json::value in_force = json::parse(penyusun->request("GET", path).body);
  const json::value draft = json::parse(penyusun->request("GET", path + "?version=draft").body);
  ASSERT_NE(in_force.at("version"), draft.at("version"));
  const std::size_t denied_before = denials();

  // The penyusun of Diskominfo gets the draft, and is told they read drafts.
  HttpReply writer = penyusun->request("GET", path + "?version=latest");
  ASSERT_EQ(writer.status, 200) << writer.body;
  const json::value w = json::parse(writer.body);
  EXPECT_EQ(w.at("is_draft"), true);
  EXPECT_EQ(w.at("version"), draft.at("version"));
  EXPECT_EQ(w.at("status"), "konsep");
  EXPECT_EQ(w.at("document"), draft.at("document"));
  EXPECT_EQ(w.at("may").at("read_drafts"), true);
  EXPECT_EQ(writer.header("etag"), "\"" + json::serialize(draft.at("version")) + "\"");

  // The pegawai gets the version in force, with no refusal on the way.
  HttpReply reader = pegawai->request("GET", path + "?version=latest");
  ASSERT_EQ(reader.status, 200) << reader.body;
  const json::value r = json::parse(reader.body);
  EXPECT_EQ(r.at("is_draft"), false);
  EXPECT_EQ(r.at("version"), in_force.at("version"));
  EXPECT_EQ(r.at("status"), "berlaku");
  EXPECT_EQ(r.at("document"), in_force.at("document"));
  EXPECT_EQ(r.at("may").at("read_drafts"), false);
  EXPECT_EQ(r.at("summary").at("title"), in_force.at("summary").at("title"));
  EXPECT_TRUE(r.at("summary").at("draft").is_null());
  EXPECT_EQ(reader.header("etag"), "\"" + json::serialize(in_force.at("version")) + "\"");
  // The same answer as the plain read, which says so too.
  const json::value plain = json::parse(pegawai->request("GET", path).body);
  EXPECT_EQ(plain.at("may").at("read_drafts"), false);
  EXPECT_EQ(plain.at("version"), r.at("version"));
  EXPECT_EQ(in_force.at("may").at("read_drafts"), true);
  EXPECT_EQ(draft.at("may").at("read_drafts"), true);
  // A read of another day says it as well.
  const json::value then = json::parse(pegawai->request("GET", path + "?at=" + day(0)).body);
  EXPECT_EQ(then.at("may").at("read_drafts"), false);

  // The flowchart and the print take the same selector.
  HttpReply svg = pegawai->request("GET", path + "/flowchart.svg?version=latest");
  EXPECT_EQ(svg.status, 200) << svg.body;
  EXPECT_EQ(svg.header("etag"), reader.header("etag"));
  HttpReply print = penyusun->request("GET", path + "/print?version=latest");
  EXPECT_EQ(print.status, 200) << print.body;
  EXPECT_NE(print.body.find("KONSEP"), std::string::npos);
  HttpReply print_in_force = pegawai->request("GET", path + "/print?version=latest");
  EXPECT_EQ(print_in_force.status, 200) << print_in_force.body;
  EXPECT_EQ(print_in_force.body.find(">KONSEP<"), std::string::npos);

  // Nothing of this was a refusal.
  EXPECT_EQ(denials(), denied_before);
  // With ?at= it is one or the other.
  EXPECT_EQ(pegawai->request("GET", path + "?version=latest&at=" + day(0)).status, 400);
  HttpReply bad = pegawai->request("GET", path + "?version=terbaru");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("latest"), std::string::npos) << bad.body;
}

TEST_F(LatestReadTest, ADraftNeverInForceIsTheDrafters_OthersFindNothing) {
  // "Pengadaan Langsung Barang/Jasa" (Diskominfo) is a draft that has never been in force.
  const std::string path = "/api/v1/sops/" + demo_sop("Pengadaan Langsung Barang/Jasa");
  HttpReply writer = penyusun->request("GET", path + "?version=latest");
  ASSERT_EQ(writer.status, 200) << writer.body;
  EXPECT_EQ(json::parse(writer.body).at("is_draft"), true);
  const std::size_t denied_before = denials();
  HttpReply reader = pegawai->request("GET", path + "?version=latest");
  EXPECT_EQ(reader.status, 404) << reader.body;
  EXPECT_EQ(denials(), denied_before);
}

TEST_F(LatestReadTest, ASopInForceWithoutADraftIsTheVersionInForceForItsEditor) {
  const std::string id = ratified("800/61/Diskominfo/2026", day(0));
  const std::string path = "/api/v1/sops/" + id;
  ASSERT_EQ(penyusun->request("GET", path + "?version=draft").status, 404);
  for (HttpClient* c : {penyusun.get(), pegawai.get()}) {
    HttpReply r = c->request("GET", path + "?version=latest");
    ASSERT_EQ(r.status, 200) << r.body;
    const json::value v = json::parse(r.body);
    EXPECT_EQ(v.at("is_draft"), false);
    EXPECT_EQ(v.at("status"), "berlaku");
    EXPECT_EQ(v.at("may").at("read_drafts"), c == penyusun.get());
    // What the editor needs to open a revision from it: the version (If-Match) and the action.
    EXPECT_EQ(r.header("etag"), "\"" + json::serialize(v.at("version")) + "\"");
    bool revise = false;
    for (const auto& a : v.at("actions").as_array()) revise = revise || a == "revise";
    EXPECT_EQ(revise, c == penyusun.get());
  }
}

TEST_F(LatestReadTest, RatifiedForALaterDayWithNothingInForceYet) {
  const std::string id = ratified("800/62/Diskominfo/2026", day(10));
  const std::string path = "/api/v1/sops/" + id;
  // Those who may read drafts see the ratified version, announced for its day.
  HttpReply writer = penyusun->request("GET", path + "?version=latest");
  ASSERT_EQ(writer.status, 200) << writer.body;
  const json::value w = json::parse(writer.body);
  EXPECT_EQ(w.at("is_draft"), false);
  EXPECT_EQ(w.at("status"), "disahkan");
  EXPECT_EQ(w.at("pending").at("version"), w.at("version"));
  EXPECT_EQ(w.at("pending").at("effective").as_string(), day(10));
  // Nothing is in force for the others yet.
  EXPECT_EQ(pegawai->request("GET", path + "?version=latest").status, 404);
  EXPECT_EQ(pegawai->request("GET", path).status, 404);
}

}  // namespace
}  // namespace sopan
