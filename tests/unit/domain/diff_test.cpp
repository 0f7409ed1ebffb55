#include "domain/diff.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <map>

namespace sopan::domain {
namespace {
namespace json = boost::json;

/// Names the resolvers know: two units and two positions.
const std::map<std::string, std::string, std::less<>> kNames = {
    {"u-umum", "Bagian Umum"},
    {"u-kominfo", "Dinas Komunikasi dan Informatika"},
    {"j-staf", "Pengadministrasi Umum"},
    {"j-kepala", "Kepala Bagian Umum"}};

std::string name_of(std::string_view id) {
  auto it = kNames.find(id);
  return it == kNames.end() ? "" : it->second;
}

const DiffNames kResolver{name_of, name_of};

/// A SOP of six steps with a decision, three actors (an outside party and two positions).
json::value base() {
  return json::parse(R"({
    "number": "800/01/2026", "title": "Pelayanan Surat Masuk", "unit": "u-umum",
    "dates": {"created": "2026-01-10"},
    "legal_basis": ["Perda 1/2020", "Perbup 2/2021"],
    "actors": [{"id": "p", "external": "Pemohon"}, {"id": "s", "position": "j-staf"},
               {"id": "k", "position": "j-kepala"}],
    "steps": [
      {"id": "1", "symbol": "mulai", "actor": "p", "activity": "Mulai"},
      {"id": "2", "symbol": "kegiatan", "actor": "p", "activity": "Menyerahkan surat"},
      {"id": "3", "symbol": "keputusan", "actor": "s", "activity": "Lengkap?",
       "exits": [{"label": "Ya", "to": "4"}, {"label": "Tidak", "to": "2"}]},
      {"id": "4", "symbol": "kegiatan", "actor": "s", "activity": "Mencatat di agenda",
       "duration": {"value": 10, "unit": "menit"}},
      {"id": "5", "symbol": "kegiatan", "actor": "k", "activity": "Mendisposisi"},
      {"id": "6", "symbol": "selesai", "actor": "s", "activity": "Selesai"}
    ]})");
}

json::array& steps(json::value& doc) { return doc.at("steps").as_array(); }
json::object& step(json::value& doc, std::size_t i) { return steps(doc).at(i).as_object(); }

/// Counts of every kind of change, to assert "this and nothing else".
struct Counts {
  std::size_t fields = 0, lists = 0, actors_added = 0, actors_removed = 0, actors_changed = 0,
              added = 0, removed = 0, moved = 0, changed = 0;
  bool operator==(const Counts&) const = default;
};
Counts counts(const SopDiff& d) {
  return {d.fields.size(),         d.lists.size(),          d.actors_added.size(),
          d.actors_removed.size(), d.actors_changed.size(), d.steps_added.size(),
          d.steps_removed.size(),  d.steps_moved.size(),    d.steps_changed.size()};
}
void PrintTo(const Counts& c, std::ostream* os) {
  *os << "fields " << c.fields << " lists " << c.lists << " actors +" << c.actors_added << " -"
      << c.actors_removed << " ~" << c.actors_changed << " steps +" << c.added << " -" << c.removed
      << " moved " << c.moved << " ~" << c.changed;
}

TEST(SopDiffTest, IdenticalDocumentsHaveAnEmptyDiff) {
  const SopDiff d = diff_sops(base(), base(), kResolver);
  EXPECT_TRUE(d.empty());
  EXPECT_EQ(counts(d), Counts{});
  const json::value j = d.to_json();
  EXPECT_TRUE(j.at("empty").as_bool());
  EXPECT_TRUE(j.at("steps").at("added").as_array().empty());
}

TEST(SopDiffTest, AnEmptyValueIsTheSameAsNone) {
  json::value after = base();
  step(after, 1)["notes"] = "";
  after.as_object()["equipment"] = json::array{};
  after.as_object()["classification"] = json::object{};
  EXPECT_TRUE(diff_sops(base(), after, kResolver).empty());
}

TEST(SopDiffTest, InsertingAStepInTheMiddleListsOnlyThatStep) {
  json::value after = base();
  steps(after).emplace(
      steps(after).begin() + 2,
      json::object{
          {"id", "a7"}, {"symbol", "kegiatan"}, {"actor", "s"}, {"activity", "Memindai surat"}});
  const SopDiff d = diff_sops(base(), after, kResolver);
  Counts one_added;
  one_added.added = 1;
  EXPECT_EQ(counts(d), one_added);
  const StepEntry& added = d.steps_added.at(0);
  EXPECT_EQ(added.id, "a7");
  EXPECT_EQ(added.no, 3u);
  EXPECT_EQ(added.actor_name, "Pengadministrasi Umum");
  EXPECT_EQ(added.step.at("activity").as_string(), "Memindai surat");
}

TEST(SopDiffTest, RemovingAStepListsItAtItsOldNumber) {
  json::value after = base();
  steps(after).erase(steps(after).begin() + 4);
  const SopDiff d = diff_sops(base(), after, kResolver);
  Counts one_removed;
  one_removed.removed = 1;
  EXPECT_EQ(counts(d), one_removed);
  EXPECT_EQ(d.steps_removed.at(0).id, "5");
  EXPECT_EQ(d.steps_removed.at(0).no, 5u);
  EXPECT_EQ(d.steps_removed.at(0).actor_name, "Kepala Bagian Umum");
}

TEST(SopDiffTest, MovingAStepListsOnlyThatStepWithBothNumbers) {
  json::value after = base();
  json::value moved = steps(after).at(1);  // "Menyerahkan surat", no. 2 → no. 4
  steps(after).erase(steps(after).begin() + 1);
  steps(after).insert(steps(after).begin() + 3, moved);
  const SopDiff d = diff_sops(base(), after, kResolver);
  Counts one_moved;
  one_moved.moved = 1;
  ASSERT_EQ(counts(d), one_moved);
  EXPECT_EQ(d.steps_moved[0].id, "2");
  EXPECT_EQ(d.steps_moved[0].from, 2u);
  EXPECT_EQ(d.steps_moved[0].to, 4u);
  EXPECT_EQ(d.steps_moved[0].activity, "Menyerahkan surat");
}

TEST(SopDiffTest, AStepThatMovedAndChangedReportsBoth) {
  json::value after = base();
  json::value moved = steps(after).at(4);  // no. 5 → no. 2
  moved.as_object()["activity"] = "Mendisposisi surat";
  steps(after).erase(steps(after).begin() + 4);
  steps(after).insert(steps(after).begin() + 1, moved);
  const SopDiff d = diff_sops(base(), after, kResolver);
  ASSERT_EQ(d.steps_moved.size(), 1u);
  EXPECT_EQ(d.steps_moved[0].id, "5");
  EXPECT_EQ(d.steps_moved[0].from, 5u);
  EXPECT_EQ(d.steps_moved[0].to, 2u);
  ASSERT_EQ(d.steps_changed.size(), 1u);
  EXPECT_EQ(d.steps_changed[0].id, "5");
  EXPECT_EQ(d.steps_changed[0].no, 2u);
}

TEST(SopDiffTest, ChangedStepFieldsHaveBeforeAndAfter) {
  json::value after = base();
  step(after, 3)["activity"] = "Mencatat di buku agenda";
  step(after, 3)["duration"] = json::object{{"value", 1}, {"unit", "jam"}};
  step(after, 3)["actor"] = "k";
  step(after, 3)["output"] = "Agenda surat";
  step(after, 4)["next"] = "2";
  step(after, 2)["exits"].as_array()[1].as_object()["to"] = "1";
  const SopDiff d = diff_sops(base(), after, kResolver);
  ASSERT_EQ(d.steps_changed.size(), 3u);
  EXPECT_EQ(d.fields.size() + d.steps_added.size() + d.steps_moved.size(), 0u);

  const StepChange& decision = d.steps_changed[0];
  EXPECT_EQ(decision.id, "3");
  ASSERT_EQ(decision.changes.size(), 1u);
  EXPECT_EQ(decision.changes[0].field, "exits");
  // Each branch's target comes with its display number.
  EXPECT_EQ(decision.changes[0].before.at(1).at("no").as_uint64(), 2u);
  EXPECT_EQ(decision.changes[0].after.at(1).at("no").as_uint64(), 1u);

  const StepChange& c = d.steps_changed[1];
  EXPECT_EQ(c.id, "4");
  EXPECT_EQ(c.no, 4u);
  EXPECT_EQ(c.activity, "Mencatat di buku agenda");
  std::vector<std::string> fields;
  for (const auto& f : c.changes) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"activity", "actor", "duration", "output"}));
  EXPECT_EQ(c.changes[0].before, json::value("Mencatat di agenda"));
  EXPECT_EQ(c.changes[0].after, json::value("Mencatat di buku agenda"));
  EXPECT_EQ(c.changes[1].before, json::value("s"));
  EXPECT_EQ(c.changes[1].before_name, "Pengadministrasi Umum");
  EXPECT_EQ(c.changes[1].after_name, "Kepala Bagian Umum");
  EXPECT_EQ(c.changes[2].after.at("unit").as_string(), "jam");
  EXPECT_TRUE(c.changes[3].before.is_null());

  const FieldChange& next = d.steps_changed[2].changes.at(0);
  EXPECT_EQ(next.field, "next");
  EXPECT_TRUE(next.before.is_null());
  EXPECT_EQ(next.after, json::value("2"));
  EXPECT_EQ(next.after_no, 2u);
}

TEST(SopDiffTest, ActorsAddedRemovedAndChangedByIdWithNames) {
  json::value after = base();
  json::array& actors = after.at("actors").as_array();
  actors.erase(actors.begin());                    // Pemohon removed
  actors[0].as_object()["position"] = "j-kepala";  // s: staf → kepala
  actors.push_back(json::object{{"id", "m"}, {"external", "Masyarakat"}});
  const SopDiff d = diff_sops(base(), after, kResolver);
  ASSERT_EQ(d.actors_removed.size(), 1u);
  EXPECT_EQ(d.actors_removed[0].id, "p");
  EXPECT_EQ(d.actors_removed[0].name, "Pemohon");
  ASSERT_EQ(d.actors_added.size(), 1u);
  EXPECT_EQ(d.actors_added[0].name, "Masyarakat");
  ASSERT_EQ(d.actors_changed.size(), 1u);
  EXPECT_EQ(d.actors_changed[0].before.name, "Pengadministrasi Umum");
  EXPECT_EQ(d.actors_changed[0].after.name, "Kepala Bagian Umum");
  EXPECT_EQ(d.actors_changed[0].after.position, "j-kepala");
  // Steps name their actor by id: an actor's new position changes no step.
  EXPECT_TRUE(d.steps_changed.empty());
}

TEST(SopDiffTest, AUnitChangeShowsUnitNames) {
  json::value after = base();
  after.as_object()["unit"] = "u-kominfo";
  const SopDiff d = diff_sops(base(), after, kResolver);
  ASSERT_EQ(d.fields.size(), 1u);
  const FieldChange& unit = d.fields[0];
  EXPECT_EQ(unit.field, "unit");
  EXPECT_EQ(unit.before, json::value("u-umum"));
  EXPECT_EQ(unit.before_name, "Bagian Umum");
  EXPECT_EQ(unit.after_name, "Dinas Komunikasi dan Informatika");
  const json::value j = unit.to_json();
  EXPECT_EQ(j.at("after_name").as_string(), "Dinas Komunikasi dan Informatika");
  EXPECT_EQ(j.at("after").as_string(), "u-kominfo");
}

TEST(SopDiffTest, DocumentFieldsAndListsInSchemaOrder) {
  json::value after = base();
  json::object& o = after.as_object();
  o["title"] = "Pelayanan Surat Masuk dan Keluar";
  o["dates"].as_object()["revised"] = "2026-06-01";
  o["classification"] = json::object{{"nature", "administratif"}};
  o["legal_basis"] = json::array{"Perbup 2/2021", "Perbup 9/2025"};  // reordered, one swapped
  o["warning"] = "Surat tidak tercatat";
  o["related"] = json::array{json::object{{"title", "Surat Keluar"}, {"kind", "lanjutan"}}};
  const SopDiff d = diff_sops(base(), after, kResolver);
  std::vector<std::string> fields;
  for (const auto& f : d.fields) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"title", "classification.nature", "dates.revised",
                                              "warning"}));
  ASSERT_EQ(d.lists.size(), 2u);
  EXPECT_EQ(d.lists[0].field, "legal_basis");
  EXPECT_EQ(d.lists[0].added, (json::array{"Perbup 9/2025"}));
  EXPECT_EQ(d.lists[0].removed, (json::array{"Perda 1/2020"}));
  EXPECT_EQ(d.lists[1].field, "related");
  EXPECT_EQ(d.lists[1].added.size(), 1u);
  EXPECT_TRUE(d.lists[1].removed.empty());
  EXPECT_TRUE(d.steps_changed.empty());
}

TEST(SopDiffTest, RepeatedStepIdsAreMatchedByOccurrence) {
  json::value before = base(), after = base();
  step(before, 4)["id"] = "4";  // a draft may repeat an id until it is submitted
  step(after, 4)["id"] = "4";
  step(after, 4)["activity"] = "Mendisposisi surat";
  const SopDiff d = diff_sops(before, after, kResolver);
  ASSERT_EQ(d.steps_changed.size(), 1u);
  EXPECT_EQ(d.steps_changed[0].no, 5u);
  EXPECT_TRUE(d.steps_moved.empty());
}

TEST(SopDiffTest, JsonShape) {
  json::value after = base();
  steps(after).erase(steps(after).begin() + 4);
  step(after, 0)["activity"] = "Mulai layanan";
  const json::value j = diff_sops(base(), after, {}).to_json();
  EXPECT_FALSE(j.at("empty").as_bool());
  const json::value& removed = j.at("steps").at("removed").at(0);
  EXPECT_EQ(removed.at("id").as_string(), "5");
  EXPECT_EQ(removed.at("no").to_number<int>(), 5);
  EXPECT_EQ(removed.at("actor_name").as_string(), "");  // no resolver: the id stays
  EXPECT_EQ(removed.at("step").at("actor").as_string(), "k");
  const json::value& changed = j.at("steps").at("changed").at(0);
  EXPECT_EQ(changed.at("changes").at(0).at("field").as_string(), "activity");
  EXPECT_EQ(changed.at("changes").at(0).at("after").as_string(), "Mulai layanan");
  EXPECT_FALSE(changed.at("changes").at(0).as_object().contains("before_name"));
  EXPECT_TRUE(j.at("actors").at("added").as_array().empty());
}

}  // namespace
}  // namespace sopan::domain
