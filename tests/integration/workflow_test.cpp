// One SOP through review and ratification by three demo users over HTTP, then a revision while
// the ratified version stays in force for everyone else.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cstdio>

#include "app/app.hpp"
#include "demo_server.hpp"
#include "http_client.hpp"
#include "library/document_library.hpp"

namespace sopan {
namespace {
using sopan::testing::HttpClient;
using sopan::testing::HttpReply;
using sopan::testing::IsOk;
namespace json = boost::json;

class WorkflowTest : public sopan::testing::DemoServerTest {
 protected:
  void SetUp() override {
    DemoServerTest::SetUp();
    start();
  }
  static HttpReply act(HttpClient& c, const std::string& id, const std::string& action, int version,
                       json::object body) {
    return c.request("POST", "/api/v1/sops/" + id + "/actions/" + action, json::serialize(body),
                     {{"If-Match", "\"" + std::to_string(version) + "\""}});
  }
  /// The task of `kind` on document `id` in `c`'s task list; null when there is none.
  static json::value task(HttpClient& c, const std::string& id, std::string_view kind) {
    const json::value t = json::parse(c.request("GET", "/api/v1/tasks").body);
    for (const auto& item : t.at("items").as_array())
      if (item.at("id").as_string() == id && item.at("kind").as_string() == kind) return item;
    return nullptr;
  }
  static bool has_task(HttpClient& c, const std::string& id, std::string_view kind) {
    return !task(c, id, kind).is_null();
  }
  /// A demo SOP by title.
  static std::string demo_sop(HttpClient& c, std::string_view title) {
    const json::value list = json::parse(c.request("GET", "/api/v1/sops?limit=1000").body);
    for (const auto& item : list.at("items").as_array())
      if (item.at("title").as_string() == title) return std::string(item.at("id").as_string());
    ADD_FAILURE() << "no demo SOP " << title;
    return "";
  }
  /// `sopan verify` on the data directory while the server runs: index, chain and nothing
  /// quarantined.
  void lib_verify_is_clean() {
    auto report = library::DocumentLibrary::verify(dir_.path() / "data");
    ASSERT_THAT(report, IsOk());
    EXPECT_TRUE(report->clean()) << (report->index_problems.empty() ? ""
                                                                    : report->index_problems[0]);
  }
  static std::string status(HttpClient& c, const std::string& id) {
    const json::value list = json::parse(c.request("GET", "/api/v1/sops?limit=1000").body);
    for (const auto& item : list.at("items").as_array())
      if (item.at("id").as_string() == id) return std::string(item.at("status").as_string());
    return "";
  }
};

TEST_F(WorkflowTest, DraftSubmitSendBackFixVerifyRatifyThenRevise) {
  auto penyusun = signed_in("penyusun");
  auto verifikator = signed_in("verifikator");
  auto pengesah = signed_in("pengesah");
  const std::string unit = unit_id("2.16");
  json::object doc =
      sopan::testing::minimal_sop("800/99/Diskominfo/2026", "Peminjaman Ruang Rapat", unit);
  auto created =
      penyusun->request("POST", "/api/v1/sops", json::serialize(json::object{{"document", doc}}));
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id(json::parse(created.body).at("id").as_string());
  const json::object why{{"reason", "Mohon diperiksa"}};

  ASSERT_EQ(act(*penyusun, id, "submit", 1, why).status, 200);
  EXPECT_EQ(status(*penyusun, id), "diajukan");
  // Now it waits for the verifikator, not for the penyusun or the pengesah.
  auto has_task = [&](HttpClient& c, std::string_view kind) {
    return WorkflowTest::has_task(c, id, kind);
  };
  EXPECT_TRUE(has_task(*verifikator, "verify"));
  EXPECT_FALSE(has_task(*penyusun, "submit"));
  EXPECT_FALSE(has_task(*pengesah, "ratify"));
  // Frozen while under review; the reviewer's action in the wrong state is named.
  auto frozen =
      penyusun->request("PUT", "/api/v1/sops/" + id + "/draft",
                        json::serialize(json::object{{"document", doc}}), {{"If-Match", "\"2\""}});
  EXPECT_EQ(frozen.status, 409);
  auto early = act(*pengesah, id, "ratify", 2, {{"reason", "x!!"}, {"password", "sopan-demo"}});
  EXPECT_EQ(early.status, 409);
  EXPECT_NE(early.body.find("verify"), std::string::npos) << early.body;
  // The penyusun may not verify their own draft.
  EXPECT_EQ(act(*penyusun, id, "verify", 2, why).status, 403);

  ASSERT_EQ(
      act(*verifikator, id, "request-changes", 2, {{"reason", "Lengkapi dasar hukum"}}).status,
      200);
  EXPECT_EQ(status(*penyusun, id), "konsep");
  doc["legal_basis"] = json::array{"Peraturan Bupati Contoh Nomor 3 Tahun 2024"};
  ASSERT_EQ(penyusun
                ->request("PUT", "/api/v1/sops/" + id + "/draft",
                          json::serialize(json::object{{"document", doc}}), {{"If-Match", "\"3\""}})
                .status,
            200);
  ASSERT_EQ(act(*penyusun, id, "submit", 4, why).status, 200);
  ASSERT_EQ(act(*verifikator, id, "verify", 5, {{"reason", "Sesuai format"}}).status, 200);
  EXPECT_EQ(status(*penyusun, id), "diverifikasi");
  EXPECT_TRUE(has_task(*pengesah, "ratify"));

  // A wrong password does not ratify, and is logged.
  auto wrong =
      act(*pengesah, id, "ratify", 6, {{"reason", "Disahkan"}, {"password", "salah-sandi-1"}});
  EXPECT_EQ(wrong.status, 422);
  EXPECT_NE(wrong.body.find("/password"), std::string::npos);
  EXPECT_EQ(status(*penyusun, id), "diverifikasi");
  // Today in the instansi's zone (WIB): a fixed date here failed once the clock passed it.
  const std::string today = format_date(local_date(now_ms(), 420));
  auto ok = act(*pengesah, id, "ratify", 6,
                {{"reason", "Disahkan"}, {"password", "sopan-demo"}, {"effective_date", today}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  auto pegawai = signed_in("pegawai");
  const json::value in_force = json::parse(pegawai->request("GET", "/api/v1/sops/" + id).body);
  EXPECT_EQ(in_force.at("document").at("ratified_by").at("name"), "Drs. H. Sutarman, M.Si.");
  EXPECT_EQ(in_force.at("document").at("dates").at("effective").as_string(), today);
  auto auditor = signed_in("auditor");
  const json::value failed =
      json::parse(auditor->request("GET", "/api/v1/events?kind=reauth.failed").body);
  EXPECT_EQ(failed.at("count"), 1);

  // A revision: the penyusun drafts, everyone else still reads version 7.
  ASSERT_EQ(act(*penyusun, id, "revise", 7, {{"reason", "Revisi tahunan"}}).status, 200);
  doc["title"] = "Peminjaman Ruang Rapat dan Aula";
  ASSERT_EQ(penyusun
                ->request("PUT", "/api/v1/sops/" + id + "/draft",
                          json::serialize(json::object{{"document", doc}}), {{"If-Match", "\"8\""}})
                .status,
            200);
  const json::value still = json::parse(pegawai->request("GET", "/api/v1/sops/" + id).body);
  EXPECT_EQ(still.at("document").at("title"), "Peminjaman Ruang Rapat");
  EXPECT_EQ(still.at("version"), 7);

  // Ratified with an effective date ten days ahead: the new version waits (the summary names it
  // as pending), and until then version 7 stays in force and everyone reads it.
  ASSERT_EQ(act(*penyusun, id, "submit", 9, why).status, 200);
  ASSERT_EQ(act(*verifikator, id, "verify", 10, {{"reason", "Sesuai format"}}).status, 200);
  const std::string ahead = format_date(local_date(now_ms() + 10 * 86'400'000LL, 420));
  ASSERT_EQ(act(*pengesah, id, "ratify", 11,
                {{"reason", "Disahkan"}, {"password", "sopan-demo"}, {"effective_date", ahead}})
                .status,
            200);
  const json::value pending = json::parse(pegawai->request("GET", "/api/v1/sops/" + id).body);
  EXPECT_EQ(pending.at("summary").at("status"), "berlaku");
  EXPECT_EQ(pending.at("status"), "berlaku");
  EXPECT_EQ(pending.at("pending").at("version"), 12);
  EXPECT_EQ(pending.at("pending").at("effective").as_string(), ahead);
  EXPECT_EQ(pending.at("version"), 7);
  EXPECT_EQ(pending.at("document").at("title"), "Peminjaman Ruang Rapat");
  const json::value next =
      json::parse(pegawai->request("GET", "/api/v1/sops/" + id + "?at=" + ahead).body);
  EXPECT_EQ(next.at("document").at("title"), "Peminjaman Ruang Rapat dan Aula");
  // The verification is recorded with its meaning; the history shows both signatures.
  const json::value versions =
      json::parse(verifikator->request("GET", "/api/v1/sops/" + id + "/history").body);
  EXPECT_NE(json::serialize(versions).find("; diverifikasi; "), std::string::npos);
  EXPECT_NE(json::serialize(versions).find("; disahkan; "), std::string::npos);

  // Stock git reads the story: the ratification on main carries the signature.
  const std::string message = git("log -1 --format=%B main");
  EXPECT_NE(message.find("Sopan-Action: ratify"), std::string::npos) << message;
  EXPECT_NE(message.find("Sopan-Signature: Drs. H. Sutarman, M.Si.; 197305141998031004; Kepala "
                         "Dinas Komunikasi dan Informatika; disahkan;"),
            std::string::npos)
      << message;
}

TEST_F(WorkflowTest, CommentsHoldVerificationUntilTheirAuthorResolvesThem) {
  auto penyusun = signed_in("penyusun");
  auto verifikator = signed_in("verifikator");
  // The demo story: "Pelayanan Permohonan Informasi Publik" was sent back with two comments, and
  // the penyusun answered the first.
  const std::string id = demo_sop(*penyusun, "Pelayanan Permohonan Informasi Publik");
  json::value comments =
      json::parse(penyusun->request("GET", "/api/v1/sops/" + id + "/comments").body);
  ASSERT_EQ(comments.at("items").as_array().size(), 3u);
  const std::string first(comments.at("items").at(0).at("id").as_string());
  const std::string second(comments.at("items").at(1).at("id").as_string());
  EXPECT_EQ(comments.at("items").at(0).at("anchor"), "/legal_basis");
  EXPECT_EQ(comments.at("items").at(0).at("replies"), 1);
  EXPECT_EQ(comments.at("items").at(2).at("thread").as_string(), first);
  // It is the penyusun's turn on the second thread, the verifikator's on the first.
  EXPECT_TRUE(has_task(*penyusun, id, "comments"));
  EXPECT_TRUE(has_task(*verifikator, id, "comments"));

  // Comments change no content: the draft's version stays what the editor holds.
  json::value draft =
      json::parse(penyusun->request("GET", "/api/v1/sops/" + id + "?version=draft").body);
  const int version = static_cast<int>(draft.at("version").as_int64());
  json::object doc = draft.at("document").as_object();
  doc["legal_basis"].as_array().push_back(
      "Peraturan Komisi Informasi Nomor 1 Tahun 2021 tentang Standar Layanan Informasi Publik");
  auto saved = penyusun->request("PUT", "/api/v1/sops/" + id + "/draft",
                                 json::serialize(json::object{{"document", doc}}),
                                 {{"If-Match", "\"" + std::to_string(version) + "\""}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  auto reply = penyusun->request(
      "POST", "/api/v1/sops/" + id + "/comments",
      R"({"text":"Perpanjangan 7 hari kerja sudah dicantumkan.","reply_to":")" + second + "\"}");
  ASSERT_EQ(reply.status, 201) << reply.body;
  // Only a comment's author closes it.
  EXPECT_EQ(
      penyusun->request("PUT", "/api/v1/sops/" + id + "/comments/" + second, R"({"resolved":true})")
          .status,
      403);
  // Bad input names the field.
  auto bad_version = penyusun->request("GET", "/api/v1/sops/" + id + "/diff?from=kemarin");
  EXPECT_EQ(bad_version.status, 400);
  EXPECT_NE(bad_version.body.find("/query/from"), std::string::npos) << bad_version.body;
  const json::value changed =
      json::parse(penyusun->request("GET", "/api/v1/sops/" + id + "/diff?from=1&to=draft").body);
  ASSERT_EQ(changed.at("lists").as_array().size(), 1u) << json::serialize(changed);
  EXPECT_EQ(changed.at("lists").at(0).at("field").as_string(), "legal_basis");
  EXPECT_EQ(changed.at("lists").at(0).at("added").as_array().size(), 1u);
  auto empty = verifikator->request("POST", "/api/v1/sops/" + id + "/comments", R"({"text":"  "})");
  EXPECT_EQ(empty.status, 422);
  EXPECT_NE(empty.body.find("/text"), std::string::npos) << empty.body;

  ASSERT_EQ(act(*penyusun, id, "submit", version + 1, {{"reason", "Sudah diperbaiki"}}).status,
            200);
  auto held = act(*verifikator, id, "verify", version + 2, {{"reason", "Sesuai format"}});
  EXPECT_EQ(held.status, 409);
  EXPECT_NE(held.body.find("/comments/" + first), std::string::npos) << held.body;
  EXPECT_NE(held.body.find("/comments/" + second), std::string::npos) << held.body;
  for (const auto& c : {first, second})
    ASSERT_EQ(
        verifikator->request("PUT", "/api/v1/sops/" + id + "/comments/" + c, R"({"resolved":true})")
            .status,
        200);
  EXPECT_FALSE(has_task(*penyusun, id, "comments"));
  auto verified = act(*verifikator, id, "verify", version + 2, {{"reason", "Sesuai format"}});
  EXPECT_EQ(verified.status, 200) << verified.body;

  // Stock git tells the review: the comments are commits on the draft ref.
  const std::string log = git("log --format=%an%n%B refs/drafts/" + id);
  EXPECT_NE(log.find("Sopan-Action: comment"), std::string::npos);
  EXPECT_NE(log.find("Sopan-Anchor: /steps/@4"), std::string::npos);  // the demo's, by step id
  EXPECT_NE(log.find("Sopan-Action: resolve-comment"), std::string::npos);
  EXPECT_NE(log.find("Perpanjangan 7 hari kerja sudah dicantumkan."), std::string::npos);
  // And the index is what a rebuild from git gives.
  auto report = library::DocumentLibrary::verify(dir_.path() / "data");
  ASSERT_THAT(report, IsOk());
  EXPECT_TRUE(report->index_matches) << report->index_problems.front();
}

TEST_F(WorkflowTest, MonitoringAndEvaluationRecordsMoveDueDatesAndOpenRevisions) {
  auto penyusun = signed_in("penyusun");
  auto evaluator = signed_in("evaluator");
  auto pegawai = signed_in("pegawai");
  // Demo: "Penanganan Pengaduan Masyarakat" (Diskominfo) in force since 2025-08-01, monitored
  // 2026-02-05, so the next monitoring was due 2026-08-05: overdue.
  const std::string id = demo_sop(*penyusun, "Penanganan Pengaduan Masyarakat");
  auto summary = [&] {
    return json::parse(penyusun->request("GET", "/api/v1/sops/" + id).body).at("summary");
  };
  EXPECT_EQ(summary().at("monitoring_due"), "2026-08-05");
  EXPECT_EQ(summary().at("monitoring_overdue"), true);
  // Its label says the day as people write it; `due` keeps it for machines.
  const json::value due = task(*penyusun, id, "monitoring");
  ASSERT_TRUE(due.is_object());
  EXPECT_EQ(due.at("label"), "Monitoring terlambat, jatuh tempo 5 Agustus 2026");
  EXPECT_EQ(due.at("due"), "2026-08-05");
  EXPECT_EQ(due.at("overdue"), true);
  EXPECT_TRUE(has_task(*evaluator, id, "evaluation"));
  EXPECT_FALSE(has_task(*pegawai, id, "monitoring"));

  auto future = penyusun->request("POST", "/api/v1/sops/" + id + "/monitoring",
                                  R"({"date":"2999-01-01","judgement":"baik","notes":"Baik"})");
  EXPECT_EQ(future.status, 422);
  EXPECT_NE(future.body.find("/date"), std::string::npos);
  auto monitored = penyusun->request(
      "POST", "/api/v1/sops/" + id + "/monitoring",
      R"({"date":"2026-11-20","judgement":"baik","notes":"Semua pengaduan dijawab tepat waktu."})");
  ASSERT_EQ(monitored.status, 201) << monitored.body;
  EXPECT_EQ(summary().at("monitoring_due"), "2027-05-20");
  EXPECT_FALSE(has_task(*penyusun, id, "monitoring"));
  const json::value record = json::parse(monitored.body);
  // The record is a file under records/ on main.
  EXPECT_NE(
      git("ls-tree -r --name-only main records/").find(std::string(record.at("id").as_string())),
      std::string::npos);

  // Evaluation: a wrong password writes nothing; the right one signs "tetap".
  json::array criteria;
  for (int i = 0; i < 7; ++i) criteria.push_back(json::object{{"answer", i == 2 ? "tidak" : "ya"}});
  json::object body{{"date", "2026-11-21"},
                    {"criteria", criteria},
                    {"outcome", "tetap"},
                    {"notes", "Masih sesuai"},
                    {"password", "salah-sandi-9"}};
  const std::string before = git("rev-parse main");
  EXPECT_EQ(evaluator->request("POST", "/api/v1/sops/" + id + "/evaluations", json::serialize(body))
                .status,
            422);
  EXPECT_EQ(git("rev-parse main"), before);
  body["password"] = "sopan-demo";
  auto kept =
      evaluator->request("POST", "/api/v1/sops/" + id + "/evaluations", json::serialize(body));
  ASSERT_EQ(kept.status, 201) << kept.body;
  EXPECT_EQ(summary().at("evaluation_due"), "2027-11-21");
  EXPECT_NE(git("log -1 --format=%B main").find("; dievaluasi, tetap berlaku; "),
            std::string::npos);

  // The demo already opened a revision of this SOP; "revisi" needs none open.
  body["outcome"] = "revisi";
  body.erase("password");
  auto refused =
      evaluator->request("POST", "/api/v1/sops/" + id + "/evaluations", json::serialize(body));
  EXPECT_EQ(refused.status, 409);
  const std::string surat = demo_sop(*penyusun, "Pelayanan Surat Masuk");
  auto revise =
      evaluator->request("POST", "/api/v1/sops/" + surat + "/evaluations", json::serialize(body));
  ASSERT_EQ(revise.status, 201) << revise.body;
  auto after = json::parse(pegawai->request("GET", "/api/v1/sops/" + surat).body);
  // The pegawai may not read drafts: the revision opened by the evaluation is not shown to them.
  EXPECT_EQ(after.at("summary").at("status"), "berlaku");

  EXPECT_EQ(after.at("is_draft"), false);  // pegawai still read the version in force
  const json::value records =
      json::parse(evaluator->request("GET", "/api/v1/sops/" + surat + "/records").body);
  EXPECT_EQ(records.at("monitoring").as_array().size(), 2u);
  EXPECT_EQ(records.at("evaluations").as_array().size(), 2u);
  EXPECT_EQ(records.at("criteria").as_array().size(), 7u);
  auto report = library::DocumentLibrary::verify(dir_.path() / "data");
  ASSERT_THAT(report, IsOk());
  EXPECT_TRUE(report->index_matches) << report->index_problems.front();
}

/// A SOP of Diskominfo written by `writer`, with `message` as the save's reason.
std::string draft_of(HttpClient& writer, const std::string& unit, const std::string& title,
                     const std::string& message, json::object extra = {}) {
  json::object doc = sopan::testing::minimal_sop(
      "800/" + std::to_string(std::hash<std::string>{}(title) % 100000) + "/Uji/2026", title, unit);
  for (auto& kv : extra) doc[kv.key()] = kv.value();
  auto created =
      writer.request("POST", "/api/v1/sops",
                     json::serialize(json::object{{"document", doc}, {"message", message}}));
  EXPECT_EQ(created.status, 201) << created.body;
  return created.status == 201 ? std::string(json::parse(created.body).at("id").as_string()) : "";
}

// The trust issue's first finding: a trailer block typed into a save message or an action
// reason made an unratified draft read as in force, with a forged signature.
TEST_F(WorkflowTest, TrailersTypedIntoMessagesAndReasonsStayText) {
  auto penyusun = signed_in("penyusun");
  const std::string unit = app_->org().tree()->unit_by_code("2.16")->id;
  const std::string forged =
      "Alasan\n\nSopan-Action: ratify\nSopan-Version: 9\n"
      "Sopan-Signature: Palsu; 198507212010012015; Kepala; disahkan; 2026-01-01T00:00:00Z";
  const std::string id = draft_of(*penyusun, unit, "Uji Pemalsuan", "x\n---\n" + forged);
  ASSERT_FALSE(id.empty());
  auto submitted = act(*penyusun, id, "submit", 1, {{"reason", "\n\n" + forged}});
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  auto read = json::parse(penyusun->request("GET", "/api/v1/sops/" + id + "?version=draft").body);
  ASSERT_TRUE(read.as_object().contains("ratification")) << read;
  EXPECT_EQ(read.at("summary").at("status"), "diajukan");
  EXPECT_TRUE(read.at("ratification").is_null());
  auto history = json::parse(penyusun->request("GET", "/api/v1/sops/" + id + "/history").body);
  const auto& items = history.at("versions").as_array();
  ASSERT_EQ(items.size(), 2u) << history;
  EXPECT_EQ(items[0].at("action"), "create");
  EXPECT_EQ(items[0].at("message").as_string(), "x\n---\n" + forged);  // shown back as typed
  EXPECT_EQ(items[1].at("action"), "submit");
  for (const auto& row : items) EXPECT_EQ(row.as_object().at("signature"), "") << row;
  // Stock git reads only the server's trailers.
  const std::string trailers = git("log -1 '--format=%(trailers)' refs/drafts/" + id);
  EXPECT_NE(trailers.find("Sopan-Action: submit\n"), std::string::npos) << trailers;
  EXPECT_EQ(trailers.find("Sopan-Signature"), std::string::npos) << trailers;
  EXPECT_EQ(trailers.find("ratify"), std::string::npos) << trailers;
  EXPECT_EQ(status(*penyusun, id), "diajukan");
  lib_verify_is_clean();
}

// The drafter cannot sign: `ratified_by` and `dates.effective` are the ratification's to write.
TEST_F(WorkflowTest, ADraftCannotCarryItsOwnRatification) {
  auto penyusun = signed_in("penyusun");
  const std::string unit = app_->org().tree()->unit_by_code("2.16")->id;
  json::object forged{
      {"ratified_by",
       json::object{{"name", "Palsu"}, {"nip", "197305141998031004"}, {"position", "Kepala"}}},
      {"dates", json::object{{"effective", "2026-01-01"}}}};
  json::object doc{{"title", "Tanda Tangan Sendiri"}, {"unit", unit}};
  for (auto& kv : forged) doc[kv.key()] = kv.value();
  auto created =
      penyusun->request("POST", "/api/v1/sops", json::serialize(json::object{{"document", doc}}));
  ASSERT_EQ(created.status, 201) << created.body;
  const json::value answer = json::parse(created.body);
  const std::string id(answer.at("id").as_string());
  ASSERT_EQ(answer.at("notes").as_array().size(), 2u) << answer;
  EXPECT_EQ(answer.at("notes").at(0).at("path"), "/document/ratified_by");
  EXPECT_EQ(answer.at("notes").at(1).at("path"), "/document/dates/effective");
  auto read = json::parse(penyusun->request("GET", "/api/v1/sops/" + id + "?version=draft").body);
  EXPECT_FALSE(read.at("document").as_object().contains("ratified_by"));
  auto print = penyusun->request("GET", "/api/v1/sops/" + id + "/print?version=draft");
  ASSERT_EQ(print.status, 200);
  EXPECT_EQ(print.body.find("Disahkan secara elektronik"), std::string::npos);
  EXPECT_NE(print.body.find("Belum disahkan"), std::string::npos);
}

// Separation of duties: an account that wrote the draft neither verifies nor ratifies it.
TEST_F(WorkflowTest, WhoeverWroteTheDraftCannotVerifyOrRatifyIt) {
  auto admin = signed_in("admin");
  const std::string unit = app_->org().tree()->unit_by_code("2.16")->id;
  const std::string root = app_->org().tree()->root();
  auto accounts = json::parse(admin->request("GET", "/api/v1/accounts").body);
  std::string verifier_id;
  for (const auto& a : accounts.at("items").as_array())
    if (a.at("username") == "verifikator") verifier_id = std::string(a.at("id").as_string());
  ASSERT_FALSE(verifier_id.empty());
  auto granted = admin->request(
      "PUT", "/api/v1/accounts/" + verifier_id,
      json::serialize(json::object{
          {"username", "verifikator"},
          {"nip", "198004102005012008"},
          {"grants", json::array{json::object{{"role", "verifikator"}, {"unit", root}},
                                 json::object{{"role", "penyusun"}, {"unit", unit}}}}}));
  ASSERT_EQ(granted.status, 200) << granted.body;
  auto both = signed_in("verifikator");
  const std::string id = draft_of(*both, unit, "Dua Peran", "Konsep");
  ASSERT_EQ(act(*both, id, "submit", 1, {{"reason", "Ajukan"}}).status, 200);
  auto refused = act(*both, id, "verify", 2, {{"reason", "Sudah saya periksa sendiri"}});
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(json::parse(refused.body).at("error").at("code"), "permission_denied");
  EXPECT_EQ(status(*both, id), "diajukan");
}
}  // namespace
}  // namespace sopan
