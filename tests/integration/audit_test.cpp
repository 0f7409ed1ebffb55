// The audit log over real HTTP and real restarts: whatever a request carries, every stored
// event can be read, the event list answers, verify passes and the server starts again. Also the
// personal data of the staff directory per role, and one account per NIP.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <set>

#include "common/hash.hpp"
#include "common/text.hpp"
#include "demo_server.hpp"
#include "http_client.hpp"
#include "index/keys.hpp"
#include "index/store.hpp"
#include "library/accounts.hpp"
#include "library/document_library.hpp"
#include "library/event_log.hpp"
#include "library/org_library.hpp"

namespace sopan {
namespace {
using sopan::testing::HttpClient;
using sopan::testing::IsOk;
namespace json = boost::json;

class AuditTest : public sopan::testing::DemoServerTest {
 protected:
  std::filesystem::path data() { return dir_.path() / "data"; }

  /// Every event as the auditor's list shows it (newest first).
  json::array events(HttpClient& auditor, const std::string& query = "") {
    auto r = auditor.request("GET", "/api/v1/events?limit=2000" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    if (r.status != 200) return {};
    return json::parse(r.body).at("items").as_array();
  }

  library::ChainReport verify() {
    auto report = library::DocumentLibrary::verify(data());
    EXPECT_THAT(report, IsOk());
    return report ? report->events : library::ChainReport{};
  }

  /// Appends `value` as the next stored event, behind the server's back (it must be stopped).
  void put_next_event(const std::function<std::string(std::uint64_t, const std::string&)>& make) {
    auto store = index::Store::open(data() / "index");
    ASSERT_THAT(store, IsOk());
    auto head = library::EventLog::load_head(**store);
    ASSERT_THAT(head, IsOk());
    index::Batch b;
    b.put(index::Cf::kEvents, index::event_key(head->seq + 1), make(head->seq + 1, head->hash));
    ASSERT_THAT((*store)->write(std::move(b)), IsOk());
  }
};

/// "a" and 40 × "é": 81 bytes, 41 characters (within the schema's 64); byte 64 splits an "é".
std::string username_split_at_64() {
  std::string u = "a";
  for (int i = 0; i < 40; ++i) u += "\xC3\xA9";
  return u;
}

TEST_F(AuditTest, ASignInWhoseNameIsCutInsideACharacterKeepsTheLogReadable) {
  start();
  HttpClient c(port_);
  EXPECT_EQ(c.login(username_split_at_64(), "salah-sekali-1").status, 401);
  HttpClient auditor(port_);
  ASSERT_EQ(auditor.login("auditor").status, 200);
  bool found = false;
  for (const auto& e : events(auditor, "&kind=login.failed")) {
    const auto& name = e.at("username").as_string();
    EXPECT_TRUE(text::is_valid_utf8(name));
    if (name.starts_with("a\xC3\xA9")) {
      found = true;
      EXPECT_LE(name.size(), 64u);
    }
  }
  EXPECT_TRUE(found);
  // The server starts again and the chain is whole and readable.
  app_.reset();
  start();
  library::ChainReport chain = verify();
  EXPECT_TRUE(chain.intact) << chain.reason;
  EXPECT_EQ(chain.unreadable, 0u);
}

TEST_F(AuditTest, ADeniedRequestWhosePathIsInvalidUtf8IsLoggedReadably) {
  start();
  auto pegawai = signed_in("pegawai");
  auto sops = pegawai->request("GET", "/api/v1/sops");
  ASSERT_EQ(sops.status, 200);
  const std::string id(json::parse(sops.body).at("items").at(0).at("id").as_string());
  // The comment id decodes to the bytes C3 28: not UTF-8. Such a path is refused before routing
  // (400), and whatever is logged of it stays readable.
  auto denied = pegawai->request("PUT", "/api/v1/sops/" + id + "/comments/%C3%28", "{}");
  EXPECT_EQ(denied.status, 400) << denied.body;
  auto auditor = signed_in("auditor");
  auto listed = auditor->request("GET", "/api/v1/events?limit=50");
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_TRUE(text::is_valid_utf8(listed.body));
  app_.reset();
  start();
  EXPECT_TRUE(verify().intact);
}

TEST_F(AuditTest, UnreadableEventsAreListedAndNeverStopStartUp) {
  start();
  app_.reset();
  // An event as the old code stored it (a username cut inside "é"), then plain garbage.
  put_next_event([](std::uint64_t seq, const std::string& prev) {
    json::object o{{"seq", seq},
                   {"time", "2025-01-01T00:00:00.000Z"},
                   {"kind", "login.failed"},
                   {"username", "budi\xC3"},
                   {"prev", prev}};
    std::string hash = sha256_hex(json::serialize(o));
    o["hash"] = hash;
    return json::serialize(o);
  });
  put_next_event([](std::uint64_t, const std::string&) { return std::string("{\"seq\":"); });
  start();  // before: "Peristiwa audit terakhir rusak", and no server
  auto auditor = signed_in("auditor");
  auto r = auditor->request("GET", "/api/v1/events?limit=2000");
  ASSERT_EQ(r.status, 200) << r.body;  // before: 500
  json::value answer = json::parse(r.body);
  EXPECT_EQ(answer.at("unreadable"), 1);
  int unreadable = 0, repaired = 0;
  for (const auto& e : answer.at("items").as_array()) {
    const auto& o = e.as_object();
    if (o.contains("unreadable")) {
      ++unreadable;
      EXPECT_FALSE(o.at("problem").as_string().empty());
    }
    if (o.contains("repaired")) {
      ++repaired;
      EXPECT_EQ(o.at("username"), "budi\xEF\xBF\xBD");
    }
  }
  EXPECT_EQ(unreadable, 1);
  EXPECT_EQ(repaired, 1);
  // Verify names both and checks the events after them.
  library::ChainReport chain = verify();
  EXPECT_FALSE(chain.intact);  // the garbage one is not in the stored form
  EXPECT_EQ(chain.bad_events, 1u);
  EXPECT_EQ(chain.unreadable, 2u);
  EXPECT_GT(chain.head.seq, chain.first_bad_seq);
  std::set<std::uint64_t> named;
  for (const auto& p : chain.problems) named.insert(p.seq);
  EXPECT_EQ(named.size(), 2u);
  EXPECT_TRUE(named.count(chain.first_bad_seq));
}

// ---------------------------------------------------------------------------------------------
// Personal data: who sees NIPs in the staff directory.

TEST_F(AuditTest, StaffNipsOnlyForThoseWhoManageOrSign) {
  start();
  auto tree = app_->org().tree();
  const std::string kominfo = tree->unit_by_code("2.16")->id;
  auto staff = app_->org().all_staff();
  ASSERT_THAT(staff, IsOk());
  std::size_t in_kominfo = 0;
  for (const auto& s : *staff)
    if (const domain::Unit* u = tree->unit_of_position(s.position);
        u && tree->within(u->id, kominfo))
      ++in_kominfo;
  ASSERT_GT(in_kominfo, 0u);
  ASSERT_LT(in_kominfo, staff->size());

  // The demo accounts: admin, verifikator, evaluator, auditor over the whole instansi;
  // penyusun, pengesah, pegawai over Diskominfo (2.16).
  const std::map<std::string, std::size_t> nips_seen = {{"admin", staff->size()},
                                                        {"verifikator", staff->size()},
                                                        {"pengesah", in_kominfo},
                                                        {"penyusun", 1},
                                                        {"evaluator", 1},
                                                        {"auditor", 1},
                                                        {"pegawai", 1}};  // 1: their own
  for (const auto& [role, expected] : nips_seen) {
    auto c = signed_in(role);
    auto r = c->request("GET", "/api/v1/staff?limit=5000");
    ASSERT_EQ(r.status, 200) << role;
    const json::value answer = json::parse(r.body);
    const auto& items = answer.at("items").as_array();
    EXPECT_EQ(items.size(), staff->size()) << role;  // everyone sees names and positions
    std::size_t with_nip = 0;
    for (const auto& item : items) {
      EXPECT_TRUE(item.as_object().contains("name"));
      EXPECT_TRUE(item.as_object().contains("position"));
      if (item.as_object().contains("nip")) ++with_nip;
    }
    EXPECT_EQ(with_nip, expected) << role;
  }
}

TEST_F(AuditTest, AHiddenNipCanNeitherBeSearchedNorLookedUp) {
  start();
  const std::string other = "198203152006041003";  // the demo admin's NIP
  auto pegawai = signed_in("pegawai");
  auto search = pegawai->request("GET", "/api/v1/staff?q=" + other.substr(0, 12));
  ASSERT_EQ(search.status, 200);
  EXPECT_EQ(json::parse(search.body).at("count"), 0);
  auto one = pegawai->request("GET", "/api/v1/staff/" + other);
  EXPECT_EQ(one.status, 404);
  EXPECT_EQ(json::parse(one.body).at("error").at("code"), "not_found");
  // Their own record, and the admin's view of the same NIP.
  EXPECT_EQ(pegawai->request("GET", "/api/v1/staff/199302182019032011").status, 200);
  auto admin = signed_in("admin");
  auto found = admin->request("GET", "/api/v1/staff/" + other);
  ASSERT_EQ(found.status, 200);
  EXPECT_EQ(json::parse(found.body).at("nip").as_string(), other);
  auto admin_search = admin->request("GET", "/api/v1/staff?q=" + other.substr(0, 12));
  EXPECT_EQ(json::parse(admin_search.body).at("count"), 1);
}

// ---------------------------------------------------------------------------------------------
// One account per NIP.

std::string account_body(const std::string& username, const std::string& nip,
                         const std::string& unit) {
  return json::serialize(
      json::object{{"username", username},
                   {"nip", nip},
                   {"temporary_password", "sementara-123"},
                   {"grants", json::array{json::object{{"role", "penyusun"}, {"unit", unit}}}}});
}

TEST_F(AuditTest, OneAccountPerNip) {
  start();
  const std::string root = app_->org().tree()->root();
  const std::string pegawai_nip = "199302182019032011";  // has the demo account "pegawai"
  std::string free_nip;
  auto accounts = app_->accounts().list();
  ASSERT_THAT(accounts, IsOk());
  std::set<std::string> taken;
  for (const auto& a : *accounts) taken.insert(a.nip);
  for (const auto& s : *app_->org().all_staff())
    if (s.active && !taken.count(s.nip)) free_nip = s.nip;
  ASSERT_FALSE(free_nip.empty());

  auto admin = signed_in("admin");
  auto second =
      admin->request("POST", "/api/v1/accounts", account_body("pegawai.dua", pegawai_nip, root));
  EXPECT_EQ(second.status, 409) << second.body;
  json::value e = json::parse(second.body).at("error");
  EXPECT_EQ(e.at("code"), "already_exists");
  EXPECT_EQ(e.at("details").at(0).at("path"), "/nip");
  EXPECT_FALSE(app_->accounts().by_username("pegawai.dua")->has_value());

  auto created =
      admin->request("POST", "/api/v1/accounts", account_body("baru.satu", free_nip, root));
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id(json::parse(created.body).at("id").as_string());
  // Moving the new account onto a NIP that has one is refused too.
  auto moved =
      admin->request("PUT", "/api/v1/accounts/" + id, account_body("baru.satu", pegawai_nip, root));
  EXPECT_EQ(moved.status, 409) << moved.body;
  EXPECT_EQ(json::parse(moved.body).at("error").at("details").at(0).at("path"), "/nip");
  EXPECT_EQ(app_->accounts().get(id)->value().nip, free_nip);
  // Editing it in place is fine.
  EXPECT_EQ(
      admin->request("PUT", "/api/v1/accounts/" + id, account_body("baru.dua", free_nip, root))
          .status,
      200);

  // The instansi may allow exceptions.
  app_->accounts().allow_shared_nip(true);
  EXPECT_EQ(
      admin->request("POST", "/api/v1/accounts", account_body("pegawai.dua", pegawai_nip, root))
          .status,
      201);
}

TEST_F(AuditTest, ANipSharedBeforeTheRuleCanBeSortedOut) {
  start();
  const std::string root = app_->org().tree()->root();
  const std::string pegawai_nip = "199302182019032011";
  // Two accounts for one NIP, as a data directory from before the rule may hold.
  library::Account twin;
  twin.id = "01JTWIN0000000000000000000";
  twin.username = "pegawai.lama";
  twin.nip = pegawai_nip;
  twin.name = "Akun lama";
  twin.password_hash = library::hash_password("sandi-lama-123");
  twin.grants = {{domain::Role::kPegawai, root}};
  ASSERT_THAT(app_->accounts().put(twin, {{"kind", "test.account"}}), IsOk());
  auto admin = signed_in("admin");
  auto body = [&](bool active) {
    return json::serialize(
        json::object{{"username", "pegawai.lama"},
                     {"nip", pegawai_nip},
                     {"active", active},
                     {"grants", json::array{json::object{{"role", "pegawai"}, {"unit", root}}}}});
  };
  // Both active: an edit that keeps it so is refused; switching the twin off goes through.
  EXPECT_EQ(admin->request("PUT", "/api/v1/accounts/" + twin.id, body(true)).status, 409);
  EXPECT_EQ(admin->request("PUT", "/api/v1/accounts/" + twin.id, body(false)).status, 200);
  EXPECT_FALSE(app_->accounts().get(twin.id)->value().active);
}

}  // namespace
}  // namespace sopan
