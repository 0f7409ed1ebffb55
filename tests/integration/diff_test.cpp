// The review diff over HTTP: steps matched by id (an inserted step is one addition, not a
// renumbering), "since the version I last reviewed" for a verifier, and between any two saved
// versions exactly the changes made between them, for a SOP and for a map (the auditor's compare
// screen reads the same answer).
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "demo_server.hpp"
#include "http_client.hpp"

namespace sopan {
namespace {
using sopan::testing::HttpClient;
using sopan::testing::HttpReply;
namespace json = boost::json;

class DiffTest : public sopan::testing::DemoServerTest {
 protected:
  void SetUp() override {
    DemoServerTest::SetUp();
    start();
    penyusun = signed_in("penyusun");
    verifikator = signed_in("verifikator");
    doc = sopan::testing::minimal_sop("800/77/Diskominfo/2026", "Peminjaman Proyektor",
                                      unit_id("2.16"));
    auto created =
        penyusun->request("POST", "/api/v1/sops", json::serialize(json::object{{"document", doc}}));
    ASSERT_EQ(created.status, 201) << created.body;
    id = std::string(json::parse(created.body).at("id").as_string());
  }

  /// Saves `doc` as the draft over `version`; answers the new version.
  int save(int version) {
    auto saved = penyusun->request("PUT", "/api/v1/sops/" + id + "/draft",
                                   json::serialize(json::object{{"document", doc}}),
                                   {{"If-Match", "\"" + std::to_string(version) + "\""}});
    EXPECT_EQ(saved.status, 200) << saved.body;
    return static_cast<int>(json::parse(saved.body).at("version").to_number<int>());
  }
  int act(HttpClient& c, const std::string& action, int version) {
    auto r = c.request("POST", "/api/v1/sops/" + id + "/actions/" + action,
                       R"({"reason":"Uji perbandingan"})",
                       {{"If-Match", "\"" + std::to_string(version) + "\""}});
    EXPECT_EQ(r.status, 200) << r.body;
    return static_cast<int>(json::parse(r.body).at("version").to_number<int>());
  }
  HttpReply diff(HttpClient& c, const std::string& query) {
    return c.request("GET", "/api/v1/sops/" + id + "/diff?" + query);
  }
  json::array& steps() { return doc["steps"].as_array(); }

  std::unique_ptr<HttpClient> penyusun, verifikator;
  json::object doc;
  std::string id;
};

/// The number of entries under each of `d`'s kinds of change, as one line to compare.
std::string shape(const json::value& d) {
  std::string out;
  for (const char* k : {"fields", "lists"})
    out += std::string(k) + "=" + std::to_string(d.at(k).as_array().size()) + " ";
  for (const char* group : {"actors", "steps"})
    for (const auto& m : d.at(group).as_object())
      out += std::string(group) + "." + std::string(m.key()) + "=" +
             std::to_string(m.value().as_array().size()) + " ";
  return out;
}

TEST_F(DiffTest, AStepInsertedInTheMiddleIsTheOnlyChange) {
  steps().emplace(steps().begin() + 1, json::object{{"id", "siapkan"},
                                                    {"symbol", "kegiatan"},
                                                    {"actor", "p"},
                                                    {"activity", "Menyiapkan surat permohonan"}});
  ASSERT_EQ(save(1), 2);
  auto reply = diff(*penyusun, "from=1&to=2");
  ASSERT_EQ(reply.status, 200) << reply.body;
  const json::value d = json::parse(reply.body);
  EXPECT_EQ(d.at("from").to_number<int>(), 1);
  EXPECT_EQ(d.at("to").to_number<int>(), 2);
  EXPECT_FALSE(d.at("empty").as_bool());
  EXPECT_EQ(shape(d),
            "fields=0 lists=0 actors.added=0 actors.removed=0 actors.changed=0 steps.added=1 "
            "steps.removed=0 steps.moved=0 steps.changed=0 ");
  const json::value& added = d.at("steps").at("added").at(0);
  EXPECT_EQ(added.at("id").as_string(), "siapkan");
  EXPECT_EQ(added.at("no").to_number<int>(), 2);
  EXPECT_EQ(added.at("actor_name").as_string(), "Peminjam");

  // The same version on both sides: nothing.
  EXPECT_TRUE(json::parse(diff(*penyusun, "from=2&to=draft").body).at("empty").as_bool());
  // The existing errors stay: a bad version names its parameter.
  auto bad = diff(*penyusun, "from=kemarin");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("/query/from"), std::string::npos) << bad.body;
}

TEST_F(DiffTest, SinceTheVersionIReviewed) {
  // Never reviewed: 404, in Indonesian, naming the parameter.
  auto never = diff(*verifikator, "from=reviewed");
  EXPECT_EQ(never.status, 404) << never.body;
  EXPECT_NE(never.body.find("belum pernah memeriksa"), std::string::npos) << never.body;
  EXPECT_NE(never.body.find("/query/from"), std::string::npos) << never.body;

  const int submitted = act(*penyusun, "submit", 1);
  const int sent_back = act(*verifikator, "request-changes", submitted);
  steps()[1].as_object()["activity"] = "Mengisi formulir peminjaman proyektor";
  const int fixed = save(sent_back);

  auto reply = diff(*verifikator, "from=reviewed");
  ASSERT_EQ(reply.status, 200) << reply.body;
  const json::value d = json::parse(reply.body);
  EXPECT_EQ(d.at("from").to_number<int>(), sent_back);
  EXPECT_EQ(d.at("to").to_number<int>(), fixed);
  EXPECT_EQ(shape(d),
            "fields=0 lists=0 actors.added=0 actors.removed=0 actors.changed=0 steps.added=0 "
            "steps.removed=0 steps.moved=0 steps.changed=1 ");
  const json::value& change = d.at("steps").at("changed").at(0).at("changes").at(0);
  EXPECT_EQ(change.at("field").as_string(), "activity");
  EXPECT_EQ(change.at("before").as_string(), "Mengisi formulir peminjaman");
  EXPECT_EQ(change.at("after").as_string(), "Mengisi formulir peminjaman proyektor");

  // A comment on the fixed draft is a review of that version too.
  ASSERT_EQ(verifikator
                ->request("POST", "/api/v1/sops/" + id + "/comments",
                          R"({"text":"Sudah sesuai, tinggal diajukan."})")
                .status,
            201);
  const json::value after_comment = json::parse(diff(*verifikator, "from=reviewed").body);
  EXPECT_EQ(after_comment.at("from").to_number<int>(), fixed);
  EXPECT_TRUE(after_comment.at("empty").as_bool());
  // The writer reviewed nothing.
  EXPECT_EQ(diff(*penyusun, "from=reviewed").status, 404);
}

/// The names of the changed fields (or list fields) of a diff, in order.
std::vector<std::string> names_of(const json::value& d, const char* group) {
  std::vector<std::string> out;
  for (const auto& f : d.at(group).as_array()) out.emplace_back(f.at("field").as_string());
  return out;
}

TEST_F(DiffTest, ADiffOfTwoVersionsListsExactlyTheChangesMade) {
  // Version by version, one known set of edits each.
  steps()[1].as_object()["activity"] = "Mengisi formulir peminjaman proyektor";
  ASSERT_EQ(save(1), 2);
  steps().emplace(steps().begin() + 2, json::object{{"id", "cek"},
                                                    {"symbol", "kegiatan"},
                                                    {"actor", "p"},
                                                    {"activity", "Memeriksa ketersediaan"}});
  ASSERT_EQ(save(2), 3);
  doc["legal_basis"] = json::array{"Peraturan Bupati Nomor 1 Tahun 2026"};
  doc["warning"] = "Proyektor dikembalikan pada hari yang sama";
  ASSERT_EQ(save(3), 4);
  steps().erase(steps().begin() + 2);  // the check step again taken out
  doc["title"] = "Peminjaman Proyektor Rapat";
  ASSERT_EQ(save(4), 5);

  auto auditor = signed_in("auditor");
  auto exactly = [&](const std::string& query) {
    auto reply = diff(*auditor, query);
    EXPECT_EQ(reply.status, 200) << reply.body;
    // The read-only auditor gets the writer's answer, byte for byte.
    EXPECT_EQ(reply.body, diff(*penyusun, query).body);
    return json::parse(reply.body);
  };

  // 1 → 5: the step added in 3 and taken out in 5 is no change; everything else is, once.
  const json::value whole = exactly("from=1&to=5");
  EXPECT_EQ(shape(whole),
            "fields=2 lists=1 actors.added=0 actors.removed=0 actors.changed=0 steps.added=0 "
            "steps.removed=0 steps.moved=0 steps.changed=1 ");
  EXPECT_EQ(names_of(whole, "fields"), (std::vector<std::string>{"title", "warning"}));
  const json::value& legal = whole.at("lists").at(0);
  EXPECT_EQ(legal.at("field").as_string(), "legal_basis");
  EXPECT_EQ(json::serialize(legal.at("added")), R"(["Peraturan Bupati Nomor 1 Tahun 2026"])");
  EXPECT_TRUE(legal.at("removed").as_array().empty());
  const json::value& step = whole.at("steps").at("changed").at(0);
  EXPECT_EQ(step.at("id").as_string(), "2");
  ASSERT_EQ(step.at("changes").as_array().size(), 1u) << json::serialize(step);
  EXPECT_EQ(step.at("changes").at(0).at("field").as_string(), "activity");

  // 2 → 3: the inserted step alone.
  const json::value inserted = exactly("from=2&to=3");
  EXPECT_EQ(shape(inserted),
            "fields=0 lists=0 actors.added=0 actors.removed=0 actors.changed=0 steps.added=1 "
            "steps.removed=0 steps.moved=0 steps.changed=0 ");
  EXPECT_EQ(inserted.at("steps").at("added").at(0).at("id").as_string(), "cek");

  // 3 → 5: the step taken out, the two fields and the list.
  const json::value later = exactly("from=3&to=5");
  EXPECT_EQ(shape(later),
            "fields=2 lists=1 actors.added=0 actors.removed=0 actors.changed=0 steps.added=0 "
            "steps.removed=1 steps.moved=0 steps.changed=0 ");
  EXPECT_EQ(later.at("steps").at("removed").at(0).at("id").as_string(), "cek");

  // Backwards, 4 → 2: each change undone, nothing more.
  const json::value back = exactly("from=4&to=2");
  EXPECT_EQ(shape(back),
            "fields=1 lists=1 actors.added=0 actors.removed=0 actors.changed=0 steps.added=0 "
            "steps.removed=1 steps.moved=0 steps.changed=0 ");
  EXPECT_EQ(names_of(back, "fields"), (std::vector<std::string>{"warning"}));
  EXPECT_TRUE(back.at("lists").at(0).at("added").as_array().empty());
  EXPECT_EQ(back.at("lists").at(0).at("removed").as_array().size(), 1u);

  // A version with itself: empty.
  EXPECT_TRUE(exactly("from=3&to=3").at("empty").as_bool());
}

TEST_F(DiffTest, AMapDiffOfTwoVersionsListsExactlyTheChangesMade) {
  // The demo's draft cross-functional map, edited in three saves.
  std::string map;
  {
    const json::value list = json::parse(penyusun->request("GET", "/api/v1/maps?limit=100").body);
    for (const auto& m : list.at("items").as_array())
      if (m.at("title").as_string() == "Pengembangan Aplikasi Layanan")
        map = std::string(m.at("id").as_string());
  }
  ASSERT_FALSE(map.empty());
  auto read = penyusun->request("GET", "/api/v1/maps/" + map + "?version=draft");
  ASSERT_EQ(read.status, 200) << read.body;
  json::object m = json::parse(read.body).at("document").as_object();
  const int first = json::parse(read.body).at("version").to_number<int>();
  auto save_map = [&](int version) {
    auto r = penyusun->request("PUT", "/api/v1/maps/" + map + "/draft",
                               json::serialize(json::object{{"document", m}}),
                               {{"If-Match", "\"" + std::to_string(version) + "\""}});
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body).at("version").to_number<int>();
  };
  auto node = [&](const char* id) -> json::object& {
    for (auto& n : m["nodes"].as_array())
      if (n.at("id").as_string() == id) return n.as_object();
    throw std::runtime_error(id);
  };
  node("Task_Analisis")["name"] = "Menganalisis kebutuhan dan risiko aplikasi";
  const int renamed = save_map(first);
  m["nodes"].as_array().push_back(json::object{{"id", "Task_Uji"},
                                               {"type", "aktivitas"},
                                               {"name", "Menguji purwarupa"},
                                               {"lane", "Lane_Pranata"},
                                               {"x", 540},
                                               {"y", 295},
                                               {"width", 120},
                                               {"height", 80}});
  m["flows"].as_array().push_back(
      json::object{{"id", "Flow_3"}, {"from", "Task_Analisis"}, {"to", "Task_Uji"}});
  const int added = save_map(renamed);
  node("Start_Usul")["x"] = 212;  // moved only
  m["description"] = "Dari usulan sampai rancangan aplikasi disetujui";
  const int last = save_map(added);

  auto auditor = signed_in("auditor");
  auto exactly = [&](int from, int to) {
    auto reply =
        auditor->request("GET", "/api/v1/maps/" + map + "/diff?from=" + std::to_string(from) +
                                    "&to=" + std::to_string(to));
    EXPECT_EQ(reply.status, 200) << reply.body;
    return json::parse(reply.body);
  };
  // Every element change as "collection/id:change[:fields][:moved]".
  auto elements = [](const json::value& d) {
    std::vector<std::string> out;
    for (const auto& e : d.at("elements").as_array()) {
      std::string line = std::string(e.at("collection").as_string()) + "/" +
                         std::string(e.at("id").as_string()) + ":" +
                         std::string(e.at("change").as_string());
      for (const auto& f : e.at("fields").as_array())
        line += ":" + std::string(f.at("field").as_string());
      if (e.as_object().contains("moved") && e.at("moved").as_bool()) line += ":moved";
      out.push_back(line);
    }
    std::sort(out.begin(), out.end());
    return out;
  };

  const json::value whole = exactly(first, last);
  EXPECT_EQ(elements(whole),
            (std::vector<std::string>{"flows/Flow_3:added", "nodes/Start_Usul:changed:moved",
                                      "nodes/Task_Analisis:changed:name", "nodes/Task_Uji:added"}));
  std::vector<std::string> fields;
  for (const auto& f : whole.at("fields").as_array()) fields.emplace_back(f.at("path").as_string());
  EXPECT_EQ(fields, (std::vector<std::string>{"/description"}));
  EXPECT_TRUE(whole.at("lists").as_array().empty());
  EXPECT_EQ(whole.at("summary").at("added").to_number<int>(), 2);
  EXPECT_EQ(whole.at("summary").at("changed").to_number<int>(), 2);
  EXPECT_EQ(whole.at("summary").at("removed").to_number<int>(), 0);

  // One save's worth: the node and the flow it added, nothing else.
  const json::value one = exactly(renamed, added);
  EXPECT_EQ(elements(one),
            (std::vector<std::string>{"flows/Flow_3:added", "nodes/Task_Uji:added"}));
  EXPECT_TRUE(one.at("fields").as_array().empty());
  // Backwards the same two are removed.
  EXPECT_EQ(elements(exactly(added, renamed)),
            (std::vector<std::string>{"flows/Flow_3:removed", "nodes/Task_Uji:removed"}));
  EXPECT_TRUE(exactly(last, last).at("empty").as_bool());
}

}  // namespace
}  // namespace sopan
