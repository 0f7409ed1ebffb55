// The tatalaksana score over HTTP (issue 14, DOMAIN §4): the worked example of §4.4 reproduced
// on data made through the API and its gating variant; a ratification and an evaluation change
// today's score and leave yesterday's byte for byte; hostile rubrics and answers refused with
// nothing written; the exports in the LKE layout.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "common/time.hpp"
#include "demo_server.hpp"
#include "http_client.hpp"
#include "library/document_library.hpp"

namespace sopan {
namespace {
using sopan::testing::HttpClient;
using sopan::testing::HttpReply;
using sopan::testing::IsOk;
namespace json = boost::json;

constexpr std::string_view kRubric = "permenpanrb-14-2014";

class ScoreTest : public sopan::testing::DemoServerTest {
 protected:
  void SetUp() override {
    DemoServerTest::SetUp();
    start();
    admin = signed_in("admin");
    penyusun = signed_in("penyusun");
    verifikator = signed_in("verifikator");
    pengesah = signed_in("pengesah");
    evaluator = signed_in("evaluator");
  }

  static json::value parsed(const HttpReply& r) { return json::parse(r.body); }

  std::string new_unit(const std::string& code, const std::string& name, const std::string& kind,
                       const std::string& parent) {
    auto r =
        admin->request("POST", "/api/v1/units",
                       json::serialize(json::object{
                           {"code", code}, {"name", name}, {"kind", kind}, {"parent", parent}}));
    EXPECT_EQ(r.status, 201) << r.body;
    return std::string(parsed(r).at("id").as_string());
  }

  HttpReply answer(const std::string& rubric, const std::string& unit, json::object answers,
                   const std::string& password = "sopan-demo") {
    for (auto& [k, v] : answers) {
      auto& o = v.as_object();
      if (!o.contains("evidence"))
        o["evidence"] = "https://ppid.contoh.go.id/bukti/" + std::string(k);
    }
    return evaluator->request(
        "PUT", "/api/v1/answers/" + rubric + "/" + unit,
        json::serialize(json::object{{"answers", answers}, {"password", password}}));
  }

  HttpReply score(const std::string& query) {
    return evaluator->request("GET", "/api/v1/score?" + query);
  }
  json::object score_json(const std::string& query) {
    auto r = score(query);
    EXPECT_EQ(r.status, 200) << r.body;
    return parsed(r).as_object();
  }
  static const json::object& sub(const json::object& s, std::size_t i) {
    return s.at("areas").at(0).at("sub_indicators").at(i).as_object();
  }
  static std::string answers_of(const json::object& sub) {
    std::string out;
    for (const auto& item : sub.at("items").as_array())
      out += std::string(item.at("answer").as_string()) + " ";
    return out;
  }
  static double num(const json::value& v) { return v.to_number<double>(); }

  /// A unit of three sections made through the API as DOMAIN §4.4 needs it: two of the three
  /// have a map in force (B), every activity is detailed into a SOP in force (A), one SOP of
  /// three is monitored (C), none is evaluated (D).
  std::string worked_example_unit() {
    const std::string bidang = new_unit("2.16.9", "Bidang Uji Coba", "bidang", unit_id("2.16"));
    const std::string s1 = new_unit("2.16.9.1", "Seksi Uji Satu", "seksi", bidang);
    const std::string s2 = new_unit("2.16.9.2", "Seksi Uji Dua", "seksi", bidang);
    const std::string s3 = new_unit("2.16.9.3", "Seksi Uji Tiga", "seksi", bidang);
    std::vector<std::string> sops;
    int n = 0;
    for (const auto& u : {s1, s2, s3}) {
      const std::string k = std::to_string(++n);
      sops.push_back(in_force("sops", sopan::testing::minimal_sop("900." + k, "SOP Uji " + k, u)));
    }
    const std::string level0 =
        in_force("maps",
                 json::object{{"type", "level0"},
                              {"level", 0},
                              {"title", "Peta Proses Bidang Uji"},
                              {"stakeholders", json::array{"Masyarakat"}},
                              {"outputs", json::array{"Layanan selesai"}},
                              {"unit", s1},
                              {"processes", json::array{json::object{{"id", "P1"},
                                                                     {"code", "1"},
                                                                     {"name", "Layanan Uji"},
                                                                     {"category", "utama"},
                                                                     {"unit", s2}}}}});
    auto node = [](const char* id, const char* type, const char* name, int x, json::array sops) {
      json::object o{{"id", id},
                     {"type", type},
                     {"name", name},
                     {"lane", "Lane_Seksi"},
                     {"x", x},
                     {"y", 122},
                     {"width", type[0] == 'a' ? 120 : 36},
                     {"height", type[0] == 'a' ? 80 : 36}};
      if (!sops.empty()) o["sops"] = std::move(sops);
      return o;
    };
    in_force(
        "maps",
        json::object{
            {"type", "lintas_fungsi"},
            {"level", 1},
            {"number", "1"},
            {"title", "Layanan Uji"},
            {"unit", s2},
            {"parent", json::object{{"map", level0}, {"process", "P1"}}},
            {"lanes", json::array{json::object{{"id", "Lane_Seksi"},
                                               {"name", "Seksi Uji Dua"},
                                               {"unit", s2},
                                               {"x", 160},
                                               {"y", 80},
                                               {"width", 700},
                                               {"height", 170}}}},
            {"nodes", json::array{node("Start_1", "mulai", "Permohonan masuk", 220, {}),
                                  node("Task_1", "aktivitas", "Memproses permohonan", 360,
                                       json::array{json::value(sops[0])}),
                                  node("End_1", "selesai", "Permohonan selesai", 600, {})}},
            {"flows",
             json::array{json::object{{"id", "Flow_1"}, {"from", "Start_1"}, {"to", "Task_1"}},
                         json::object{{"id", "Flow_2"}, {"from", "Task_1"}, {"to", "End_1"}}}}});
    auto monitored = penyusun->request(
        "POST", "/api/v1/sops/" + sops[2] + "/monitoring",
        R"({"judgement":"baik","notes":"Berjalan sesuai SOP pada seluruh layanan."})");
    EXPECT_EQ(monitored.status, 201) << monitored.body;
    return bidang;
  }

  std::unique_ptr<HttpClient> admin, penyusun, verifikator, pengesah, evaluator;
};

TEST_F(ScoreTest, TheWorkedExampleOfDomain44ThroughTheApiAndItsGatingVariant) {
  const std::string unit = worked_example_unit();
  auto answered = answer(std::string(kRubric), unit,
                         {{"egov_a", {{"answer", "Ya"}}},
                          {"egov_b", {{"answer", "A"}}},
                          {"egov_c", {{"answer", "B"}}},
                          {"egov_d", {{"answer", "D"}}},
                          {"kip_a", {{"answer", "Ya"}}},
                          {"kip_b", {{"answer", "B"}}},
                          {"kip_c", {{"answer", "A"}}}});
  ASSERT_EQ(answered.status, 200) << answered.body;

  const auto s = score_json("rubric=" + std::string(kRubric) + "&unit=" + unit);
  EXPECT_EQ(answers_of(sub(s, 0)), "B A C D ");
  EXPECT_EQ(answers_of(sub(s, 1)), "Ya A B D ");
  EXPECT_EQ(answers_of(sub(s, 2)), "Ya B A ");
  EXPECT_DOUBLE_EQ(num(sub(s, 0).at("score")), 0.75);
  EXPECT_DOUBLE_EQ(num(sub(s, 1).at("score")), 1.335);
  EXPECT_DOUBLE_EQ(num(sub(s, 2).at("score")), 1.335);
  EXPECT_DOUBLE_EQ(num(s.at("score")), 3.42);
  EXPECT_DOUBLE_EQ(num(s.at("weight")), 5);
  EXPECT_DOUBLE_EQ(num(s.at("percent")), 68.4);
  // Every measured figure says why, and what is missing links to the document to fix.
  const auto& maps_item = sub(s, 0).at("items").at(0).as_object();
  EXPECT_EQ(maps_item.at("numerator").to_number<int>(), 2);
  EXPECT_EQ(maps_item.at("denominator").to_number<int>(), 3);
  EXPECT_EQ(maps_item.at("missing").at(0).at("title"), "Seksi Uji Tiga");
  const auto& monitored = sub(s, 0).at("items").at(2).as_object();
  EXPECT_EQ(monitored.at("missing_count").to_number<int>(), 2);
  EXPECT_EQ(monitored.at("missing").at(0).at("kind"), "sop");
  EXPECT_NE(std::string(sub(s, 1).at("items").at(0).at("answered_by").at("nip").as_string()), "");
  // The answers have a history, each commit signed by who answered.
  auto history = evaluator->request(
      "GET", "/api/v1/answers/" + std::string(kRubric) + "/" + unit + "/history");
  ASSERT_EQ(history.status, 200) << history.body;
  const json::value rows = parsed(history);
  ASSERT_EQ(rows.at("history").as_array().size(), 1u);
  EXPECT_EQ(rows.at("history").at(0).at("signature").at("meaning"), "menjawab butir penilaian");

  // The gating variant: a rubric (added by the admin, as data) where KIP b and c depend on a.
  auto read = admin->request("GET", "/api/v1/rubrics/" + std::string(kRubric));
  ASSERT_EQ(read.status, 200) << read.body;
  json::object rubric = parsed(read).at("rubric").as_object();
  rubric["id"] = "uji-gerbang";
  rubric["name"] = "PermenPAN-RB 14/2014 dengan gerbang KIP";
  for (auto& item : rubric["areas"]
                        .as_array()[0]
                        .as_object()["sub_indicators"]
                        .as_array()[2]
                        .as_object()["items"]
                        .as_array())
    if (item.at("id") != "kip_a") item.as_object()["gate"] = "kip_a";
  auto put = admin->request("PUT", "/api/v1/rubrics/uji-gerbang",
                            json::serialize(json::object{{"rubric", rubric}}));
  ASSERT_EQ(put.status, 201) << put.body;
  ASSERT_EQ(answer("uji-gerbang", unit,
                   {{"kip_a", {{"answer", "Tidak"}}},
                    {"kip_b", {{"answer", "B"}}},
                    {"kip_c", {{"answer", "A"}}}})
                .status,
            200);
  const auto gated = score_json("rubric=uji-gerbang&unit=" + unit);
  EXPECT_EQ(answers_of(sub(gated, 2)), "Tidak B A ");
  EXPECT_DOUBLE_EQ(num(sub(gated, 2).at("score")), 0);
  EXPECT_EQ(sub(gated, 2).at("items").at(1).at("source"), "gated");
  // The variant's own answers; the unit's answers to the shipped rubric are untouched.
  EXPECT_DOUBLE_EQ(num(score_json("rubric=" + std::string(kRubric) + "&unit=" + unit).at("score")),
                   3.42);
}

TEST_F(ScoreTest, ARatificationAndAnEvaluationChangeTodayAndLeaveYesterdayByteForByte) {
  const std::string today = app_->library().today();
  const std::string yesterday = format_date(local_date(
      app_->library().clock().now() - 86'400'000, app_->library().instansi().utc_offset_minutes));
  const std::string q = "rubric=" + std::string(kRubric);
  auto before_yesterday = score(q + "&at=" + yesterday);
  ASSERT_EQ(before_yesterday.status, 200) << before_yesterday.body;
  auto before_today = score(q);
  ASSERT_EQ(before_today.status, 200);

  // A SOP put in force and another evaluated (kept, signed), both today.
  in_force("sops", sopan::testing::minimal_sop("990.1", "SOP Baru Hari Ini", unit_id("2.16.2")));
  std::string evaluated;
  const json::value before = parsed(before_today);
  const json::value& before_d =
      before.at("areas").at(0).at("sub_indicators").at(0).at("items").at(3);
  for (const auto& item : before_d.at("missing").as_array())
    if (item.at("kind") == "sop") evaluated = std::string(item.at("id").as_string());
  ASSERT_FALSE(evaluated.empty());
  json::array criteria;
  for (int i = 0; i < 7; ++i) criteria.push_back(json::object{{"answer", "ya"}});
  auto evaluation = evaluator->request(
      "POST", "/api/v1/sops/" + evaluated + "/evaluations",
      json::serialize(json::object{{"criteria", criteria},
                                   {"outcome", "tetap"},
                                   {"notes", "SOP masih sesuai kebutuhan layanan."},
                                   {"password", "sopan-demo"}}));
  ASSERT_EQ(evaluation.status, 201) << evaluation.body;

  auto after_today = score(q);
  ASSERT_EQ(after_today.status, 200);
  EXPECT_NE(after_today.body, before_today.body);
  const json::value after = parsed(after_today);
  const json::value& d_before = before_d;
  const json::value& d_after = after.at("areas").at(0).at("sub_indicators").at(0).at("items").at(3);
  EXPECT_EQ(d_after.at("numerator").to_number<int>(),
            d_before.at("numerator").to_number<int>() + 1);
  EXPECT_EQ(d_after.at("denominator").to_number<int>(),
            d_before.at("denominator").to_number<int>() + 1);
  EXPECT_EQ(score(q + "&at=" + yesterday).body, before_yesterday.body);

  // Not the cache speaking: a restarted server computes yesterday's bytes again.
  app_.reset();
  start();
  evaluator = signed_in("evaluator");
  EXPECT_EQ(score(q + "&at=" + yesterday).body, before_yesterday.body);
  // The answer names the commit it was computed from: main at the end of that day.
  const std::string commit(parsed(before_yesterday).at("commit").as_string());
  EXPECT_EQ(git("cat-file -t " + commit), "commit\n");
}

TEST_F(ScoreTest, ADraftThatMovesASopToAnotherUnitChangesNoScoreUntilItIsInForce) {
  const std::string from = unit_id("2.16.2"), to = unit_id("2.16.3");
  const std::string id = in_force("sops", sopan::testing::minimal_sop("990.2", "SOP Pindah", from));
  const std::string q = "rubric=" + std::string(kRubric) + "&unit=" + from;
  auto before = score(q);
  ASSERT_EQ(before.status, 200);
  // A revision moves it, as a draft only: what was in force stays where it was.
  auto in_force_now = penyusun->request("GET", "/api/v1/sops/" + id);
  auto revised = act("sops", id, "revise", version_of(in_force_now), *penyusun);
  ASSERT_EQ(revised.status, 200) << revised.body;
  auto draft = penyusun->request("GET", "/api/v1/sops/" + id + "?version=draft");
  json::object doc = parsed(draft).at("document").as_object();
  doc["unit"] = to;
  auto saved = penyusun->request("PUT", "/api/v1/sops/" + id + "/draft",
                                 json::serialize(json::object{{"document", doc}}),
                                 {{"If-Match", "\"" + std::to_string(version_of(draft)) + "\""}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  auto after = score(q);
  ASSERT_EQ(after.status, 200);
  const json::value b = parsed(before), a = parsed(after);
  const json::value& monitored_before =
      b.at("areas").at(0).at("sub_indicators").at(0).at("items").at(2);
  const json::value& monitored_after =
      a.at("areas").at(0).at("sub_indicators").at(0).at("items").at(2);
  EXPECT_EQ(monitored_after.at("denominator"), monitored_before.at("denominator"));
  EXPECT_EQ(a.at("score"), b.at("score"));
}

TEST_F(ScoreTest, HostileRubricsAreRefusedWithPointersAndChangeNothing) {
  auto read = admin->request("GET", "/api/v1/rubrics/" + std::string(kRubric));
  ASSERT_EQ(read.status, 200);
  const std::string etag(parsed(read).at("etag").as_string());
  const json::object good = parsed(read).at("rubric").as_object();
  const std::string head = main_head();
  auto put = [&](const json::object& rubric, const std::string& if_match) {
    return admin->request("PUT", "/api/v1/rubrics/" + std::string(kRubric),
                          json::serialize(json::object{{"rubric", rubric}}),
                          {{"If-Match", "\"" + if_match + "\""}});
  };
  auto subs = [](json::object& r) -> json::array& {
    return r["areas"].as_array()[0].as_object()["sub_indicators"].as_array();
  };
  auto item = [&](json::object& r, std::size_t s, std::size_t i) -> json::object& {
    return subs(r)[s].as_object()["items"].as_array()[i].as_object();
  };
  struct Case {
    std::string name, pointer;
    std::function<void(json::object&)> spoil;
  };
  const std::vector<Case> cases = {
      {"weights that do not add up", "/rubric/areas/0/weight",
       [&](json::object& r) { subs(r)[0].as_object()["weight"] = 2.5; }},
      {"a gate on a missing item", "/rubric/areas/0/sub_indicators/2/items/1/gate",
       [&](json::object& r) { item(r, 2, 1)["gate"] = "tidak_ada"; }},
      {"a cycle of gates", "/rubric/areas/0/sub_indicators/2/items/0/gate",
       [&](json::object& r) {
         item(r, 2, 0)["gate"] = "kip_b";
         item(r, 2, 1)["gate"] = "kip_a";
       }},
      {"an unknown metric", "/rubric/areas/0/sub_indicators/0/items/0/metric",
       [&](json::object& r) { item(r, 0, 0)["metric"] = "skor_sempurna"; }},
      {"a huge file", "/rubric",
       [&](json::object& r) {
         // Within every schema limit and the server's body limit, beyond a rubric's 256 KB.
         for (std::size_t sub = 0; sub < 3; ++sub) {
           auto& items = subs(r)[sub].as_object()["items"].as_array();
           for (int i = 0; items.size() < 100; ++i) {
             json::object copy = items.back().as_object();
             copy["id"] = "isi_" + std::to_string(sub) + "_" + std::to_string(i);
             copy.erase("gate");
             copy["question"] = std::string(1900, 'x');
             items.push_back(copy);
           }
         }
       }},
  };
  for (const auto& c : cases) {
    json::object bad = good;
    c.spoil(bad);
    auto r = put(bad, etag);
    EXPECT_EQ(r.status, 422) << c.name << ": " << r.body;
    EXPECT_NE(r.body.find("\"" + c.pointer + "\""), std::string::npos) << c.name << ": " << r.body;
  }
  // A stale ETag, a non-admin, a path other than the id: refused too.
  EXPECT_EQ(put(good, "0123").status, 412);
  EXPECT_EQ(evaluator
                ->request("PUT", "/api/v1/rubrics/" + std::string(kRubric),
                          json::serialize(json::object{{"rubric", good}}))
                .status,
            403);
  EXPECT_EQ(main_head(), head);
  EXPECT_EQ(admin->request("GET", "/api/v1/rubrics/" + std::string(kRubric)).body, read.body);

  // A real edit is a commit on main, versioned like everything else.
  json::object edited = good;
  edited["description"] = "Diperbarui untuk evaluasi tahun ini";
  auto saved = put(edited, etag);
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_NE(main_head(), head);
  auto history = admin->request("GET", "/api/v1/rubrics/" + std::string(kRubric) + "/history");
  ASSERT_EQ(history.status, 200);
  EXPECT_EQ(parsed(history).at("history").as_array().size(), 2u);  // shipped, then edited

  // Beyond the server's body limit: refused before it is read (the connection ends with it).
  json::object huge = good;
  huge["description"] = std::string(2 * 1024 * 1024, 'x');
  const std::string edited_head = main_head();
  EXPECT_EQ(put(huge, std::string(parsed(saved).at("etag").as_string())).status, 413);
  EXPECT_EQ(main_head(), edited_head);
}

TEST_F(ScoreTest, HostileAnswersAreRefusedAndNothingTypedBecomesAFact) {
  const std::string root = app_->org().tree()->root();
  const std::string head = main_head();
  auto bad_link = answer(std::string(kRubric), root,
                         {{"egov_a", {{"answer", "Ya"}, {"evidence", "javascript:alert(1)"}}}});
  EXPECT_EQ(bad_link.status, 422);
  EXPECT_NE(bad_link.body.find("/answers/egov_a/evidence"), std::string::npos) << bad_link.body;
  auto measured = answer(std::string(kRubric), root, {{"sop_a", {{"answer", "A"}}}});
  EXPECT_EQ(measured.status, 422);
  EXPECT_NE(measured.body.find("/answers/sop_a"), std::string::npos);
  auto off_scale = answer(std::string(kRubric), root, {{"egov_b", {{"answer", "Z"}}}});
  EXPECT_EQ(off_scale.status, 422);
  EXPECT_NE(off_scale.body.find("/answers/egov_b/answer"), std::string::npos);
  auto unknown = answer(std::string(kRubric), root, {{"a/b~c", {{"answer", "Ya"}}}});
  EXPECT_EQ(unknown.status, 422);
  EXPECT_NE(unknown.body.find("/answers/a~1b~0c"), std::string::npos) << unknown.body;
  auto wrong_password =
      answer(std::string(kRubric), root, {{"egov_a", {{"answer", "Tidak"}}}}, "salah-sandi");
  EXPECT_EQ(wrong_password.status, 422);
  EXPECT_NE(wrong_password.body.find("/password"), std::string::npos) << wrong_password.body;
  EXPECT_EQ(main_head(), head);

  // A note and a reason that try to forge trailers stay text; the only facts are the server's.
  auto forged = evaluator->request(
      "PUT", "/api/v1/answers/" + std::string(kRubric) + "/" + root,
      json::serialize(json::object{
          {"answers",
           json::object{{"egov_a", json::object{{"answer", "Tidak"},
                                                {"evidence", "https://contoh.go.id/x"},
                                                {"note", "=HYPERLINK(\"http://jahat\")"}}}}},
          {"message", "ok\n\nSopan-Action: ratify\nSopan-Signature: Palsu; 1; x; disahkan; 2020"},
          {"password", "sopan-demo"}}));
  ASSERT_EQ(forged.status, 200) << forged.body;
  EXPECT_EQ(git("log -1 '--format=%(trailers:key=Sopan-Action,valueonly)' refs/heads/main"),
            "score.answer\n\n");
  const std::string signatures =
      git("log -1 '--format=%(trailers:key=Sopan-Signature,valueonly)' refs/heads/main");
  EXPECT_EQ(signatures.find("Palsu"), std::string::npos) << signatures;
  EXPECT_NE(signatures.find("menjawab butir penilaian"), std::string::npos) << signatures;
  // The CSV makes the typed formula inert; the XLSX writes it as a string.
  auto csv = score("rubric=" + std::string(kRubric) + "&format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.body.find(",=HYPERLINK"), std::string::npos);
  EXPECT_NE(csv.body.find("No,Komponen,Jawaban,Nilai,Bobot,Skor,Penjelasan,Bukti"),
            std::string::npos);
  app_.reset();
  auto report = library::DocumentLibrary::verify(dir_.path() / "data");
  ASSERT_THAT(report, IsOk());
  EXPECT_TRUE(report->clean());
}

TEST_F(ScoreTest, ExportsAreTheLkeLayoutAndTheSameBytesEachTime) {
  const std::string q = "rubric=" + std::string(kRubric);
  auto json1 = score(q), json2 = score(q);
  ASSERT_EQ(json1.status, 200);
  EXPECT_EQ(json1.body, json2.body);
  auto x1 = score(q + "&format=xlsx"), x2 = score(q + "&format=xlsx");
  ASSERT_EQ(x1.status, 200) << x1.body;
  EXPECT_EQ(x1.body.substr(0, 2), "PK");  // a zip: the OOXML container
  EXPECT_EQ(x1.body, x2.body);            // dated by the day scored, not by the clock
  EXPECT_GT(x1.body.size(), 2000u);
  auto csv = score(q + "&format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
  // One row per item: 4 SOP, 4 e-government, 3 KIP, each numbered "1.<sub>.<code>".
  for (const char* row : {"\r\n1.1.a,", "\r\n1.1.d,", "\r\n1.2.d,", "\r\n1.3.c,"})
    EXPECT_NE(csv.body.find(row), std::string::npos) << row;
  // The trend: 24 month ends, oldest first, today last; before the demo began, nothing.
  auto trend = evaluator->request("GET", "/api/v1/score/trend?" + q);
  ASSERT_EQ(trend.status, 200) << trend.body;
  const auto points = parsed(trend).at("points").as_array();
  ASSERT_EQ(points.size(), 24u);
  EXPECT_EQ(points.back().at("at").as_string(), app_->library().today());
  EXPECT_EQ(points.back().at("score"), parsed(json1).at("score"));
  std::set<double> percents;
  for (const auto& p : points)
    if (!p.at("percent").is_null()) percents.insert(p.at("percent").to_number<double>());
  EXPECT_GE(percents.size(), 3u);  // the demo story moves the score over its months
}

}  // namespace
}  // namespace sopan
