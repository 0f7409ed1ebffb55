#include "domain/sop.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <set>

#include "common/ids.hpp"
#include "domain/org.hpp"

namespace sopan::domain {
namespace {
namespace json = boost::json;

/// A unit with three positions, and a valid SOP: 12 steps, two decisions, three actors (two
/// positions and the outside party Pemohon).
class SopRulesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Unit root;
    root.id = new_id();
    root.code = "0";
    root.kind = "pemda";
    root.name = "Kabupaten";
    Unit dinas{new_id(), "2", "dinas", "Dinas Uji", root.id, "", {}, std::nullopt};
    kepala = new_id();
    staf = new_id();
    dinas.positions = {{kepala, "2-01", "Kepala Dinas", "jpt", "II.b"},
                       {staf, "2-02", "Pengadministrasi Umum", "pelaksana", ""}};
    unit = dinas.id;
    auto t = OrgTree::build({root, dinas});
    ASSERT_TRUE(t.has_value());
    tree = std::move(*t);
    doc = json::parse(R"({
      "number": "800/01/2026", "title": "Pelayanan Surat Masuk", "unit": ")" +
                      unit + R"(",
      "classification": {"nature": "administratif"},
      "dates": {"created": "2026-01-10", "effective": "2026-02-01"},
      "actors": [{"id": "p", "external": "Pemohon"}, {"id": "s", "position": ")" +
                      staf + R"("},
                 {"id": "k", "position": ")" +
                      kepala + R"("}],
      "steps": [
        {"id": "1", "symbol": "mulai", "actor": "p", "activity": "Mulai"},
        {"id": "2", "symbol": "kegiatan", "actor": "p", "activity": "Menyerahkan surat"},
        {"id": "3", "symbol": "kegiatan", "actor": "s", "activity": "Menerima dan memeriksa"},
        {"id": "4", "symbol": "keputusan", "actor": "s", "activity": "Lengkap?",
         "exits": [{"label": "Ya", "to": "5"}, {"label": "Tidak", "to": "2"}]},
        {"id": "5", "symbol": "kegiatan", "actor": "s", "activity": "Mencatat di agenda",
         "duration": {"value": 10, "unit": "menit"}},
        {"id": "6", "symbol": "kegiatan", "actor": "k", "activity": "Mendisposisi"},
        {"id": "7", "symbol": "keputusan", "actor": "k", "activity": "Perlu tindak lanjut?",
         "exits": [{"label": "Ya", "to": "8"}, {"label": "Tidak", "to": "11"}]},
        {"id": "8", "symbol": "kegiatan", "actor": "s", "activity": "Meneruskan ke bidang"},
        {"id": "9", "symbol": "kegiatan", "actor": "s", "activity": "Memantau tindak lanjut"},
        {"id": "10", "symbol": "kegiatan", "actor": "k", "activity": "Menandatangani jawaban",
         "next": "12"},
        {"id": "11", "symbol": "kegiatan", "actor": "s", "activity": "Mengarsipkan surat"},
        {"id": "12", "symbol": "selesai", "actor": "s", "activity": "Selesai"}
      ]})");
  }

  /// The codes and paths the rules report for `d`.
  std::set<std::pair<std::string, std::string>> check(const json::value& d,
                                                      std::string taken = "") {
    SopContext ctx{tree, [taken](const std::string& n) { return n == taken; }};
    std::set<std::pair<std::string, std::string>> out;
    for (const auto& f : check_sop(Sop::from_json(d), ctx)) {
      EXPECT_FALSE(f.message.empty()) << f.code;
      out.emplace(f.code, f.path);
    }
    return out;
  }
  json::object& step(json::value& d, std::size_t i) {
    return d.at("steps").as_array()[i].as_object();
  }

  std::string unit, kepala, staf;
  OrgTree tree;
  json::value doc;
};

using Found = std::set<std::pair<std::string, std::string>>;

TEST_F(SopRulesTest, AValidSopHasNoFindings) { EXPECT_EQ(check(doc), Found{}); }

TEST_F(SopRulesTest, EachRuleBrokenOnce) {
  {
    json::value d = doc;
    d.at("actors").as_array()[1].as_object()["position"] = new_id();
    EXPECT_EQ(check(d), (Found{{"sop.actor.position_unknown", "/actors/1/position"}}));
  }
  {
    json::value d = doc;
    d.at("actors").as_array().push_back(json::object{{"id", "x"}, {"external", "Masyarakat"}});
    EXPECT_EQ(check(d), (Found{{"sop.actor.unused", "/actors/3"}}));
  }
  {
    json::value d = doc;
    step(d, 0)["symbol"] = "kegiatan";
    EXPECT_TRUE(check(d).count({"sop.flow.start_count", "/steps"}));
  }
  {
    json::value d = doc;
    step(d, 11)["symbol"] = "kegiatan";  // no end left
    EXPECT_TRUE(check(d).count({"sop.flow.end_missing", "/steps"}));
  }
  {
    json::value d = doc;
    step(d, 3)["exits"].as_array().pop_back();
    EXPECT_EQ(check(d), (Found{{"sop.flow.decision_exits", "/steps/3/exits"}}));
  }
  {
    json::value d = doc;
    step(d, 3)["exits"].as_array()[1].as_object()["to"] = "99";
    EXPECT_EQ(check(d), (Found{{"sop.flow.target_unknown", "/steps/3/exits/1/to"}}));
  }
  {
    json::value d = doc;
    step(d, 5)["next"] = "6";
    EXPECT_TRUE(check(d).count({"sop.flow.self_loop", "/steps/5/next"}));
  }
  {
    json::value d = doc;
    step(d, 9)["next"] = "9";  // 10 loops back to 9: steps 9-10 never reach the end; 11 unreached
    auto found = check(d);
    EXPECT_TRUE(found.count({"sop.flow.no_way_to_end", "/steps/8"}));
    EXPECT_TRUE(found.count({"sop.flow.unreachable", "/steps/11"}) == 0);  // 11 via decision 7
  }
  {
    json::value d = doc;
    step(d, 6)["exits"].as_array()[1].as_object()["to"] = "8";  // nothing leads to 11 any more
    EXPECT_EQ(check(d), (Found{{"sop.flow.unreachable", "/steps/10"}}));
  }
  {
    json::value d = doc;  // an exit not wired yet: saved as a draft, reported
    step(d, 6)["exits"].as_array()[1].as_object()["to"] = "";
    auto found = check(d);
    EXPECT_TRUE(found.count({"sop.flow.exit_target_missing", "/steps/6/exits/1/to"}));
  }
  EXPECT_EQ(check(doc, "800/01/2026"), (Found{{"sop.number.duplicate", "/number"}}));
  {
    json::value d = doc;
    d.at("dates").as_object()["effective"] = "2025-12-31";
    EXPECT_EQ(check(d), (Found{{"sop.dates.order", "/dates/effective"}}));
  }
  {
    json::value d = doc;
    d.at("classification").as_object()["nature"] = "teknis";
    EXPECT_EQ(check(d), (Found{{"sop.teknis.one_actor", "/actors"}}));
  }
  {
    json::value d = doc;
    step(d, 4)["actor"] = "zz";
    EXPECT_EQ(check(d), (Found{{"sop.step.actor_unknown", "/steps/4/actor"}}));
  }
  {
    json::value d = doc;
    step(d, 11)["next"] = "1";
    EXPECT_EQ(check(d), (Found{{"sop.flow.end_has_next", "/steps/11/next"}}));
  }
}

TEST_F(SopRulesTest, AnIncompleteDraftListsWhatIsMissing) {
  json::value d = json::parse(R"({"title": "Konsep awal", "unit": ")" + unit + R"("})");
  EXPECT_EQ(check(d), (Found{{"sop.number.missing", "/number"},
                             {"sop.flow.start_count", "/steps"},
                             {"sop.flow.end_missing", "/steps"}}));
}

}  // namespace
}  // namespace sopan::domain
