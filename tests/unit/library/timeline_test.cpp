// The timeline (what is in force on a day) and the workflow as the library takes it, on a real
// repository and index, with a clock the test sets: effective dates ahead, withdrawals and
// supersessions, unchanged saves, editions, and the indexer's statuses against the one table.
#include "library/timeline.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "common/json.hpp"
#include "domain/workflow.hpp"
#include "library/document_library.hpp"
#include "support/temp_dir.hpp"
#include "vcs/git_repo.hpp"

namespace sopan::library {
namespace {
namespace json = boost::json;
using sopan::testing::ErrcIs;
using sopan::testing::IsOk;

constexpr int kWib = 420;
constexpr TimeMs kDay = 86'400'000;

/// 10:00 WIB on `date`.
TimeMs at_ten(std::string_view date) {
  return end_of_day_ms(*parse_date(date), kWib) + 1 - kDay + 10 * 3'600'000LL;
}

const Actor kPenyusun{"Budi Santoso", "198501012010011001", "Kepala Subbagian Umum"};
const Actor kVerifikator{"Rina Marlina", "198707072012022007", "Analis Organisasi"};
const Actor kPengesah{"Dra. Sri Wahyuni", "197003031995032002", "Sekretaris Daerah"};

std::string doc(std::string_view title) {
  return "{\n  \"title\": \"" + std::string(title) + "\",\n  \"unit\": \"UNIT-A\"\n}\n";
}

/// The rules of a kind with nothing to check: content passes as is, ratification stamps the
/// effective date so the timeline can read it.
KindRules plain_rules() {
  KindRules rules;
  rules.stamp_ratification = [](const std::string& content, const domain::Signature&,
                                const std::string& effective) -> Result<std::string> {
    auto v = json_util::parse(content);
    if (!v) return v.error();
    v->as_object()["dates"] = json::object{{"effective", effective}};
    return json_util::pretty(*v);
  };
  return rules;
}

class TimelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    clock_.set(at_ten("2025-07-01"));
    ASSERT_THAT(DocumentLibrary::init(data(), {"Kabupaten Uji", "uji.go.id", kWib, {}}, {}, clock_),
                IsOk());
    auto lib = DocumentLibrary::open(data(), clock_);
    ASSERT_THAT(lib, IsOk());
    lib_ = std::move(*lib);
  }
  std::filesystem::path data() const { return dir_.path() / "data"; }

  /// Takes `action` on `id` at the version the index holds now, on `date`.
  Result<VersionRow> act(const std::string& id, std::string_view action, std::string_view date,
                         const Actor& actor, std::string effective = {}) {
    clock_.set(at_ten(date));
    auto s = lib_->summary(id);
    EXPECT_THAT(s, IsOk());
    ActRequest req;
    req.id = id;
    req.action = std::string(action);
    req.expected_version = s->draft ? s->draft->version : s->in_force ? s->in_force->version : 0;
    req.actor = actor;
    req.reason = "Uji " + std::string(action);
    req.effective_date = std::move(effective);
    const domain::Action* a = domain::action(action);
    if (a && a->signs)
      req.signature = domain::Signature{actor.name, actor.nip, actor.position,
                                        std::string(a->meaning), clock_.now()};
    return lib_->act(req, plain_rules());
  }

  /// Creates a document on `date` and takes it through review to ratification on `ratified`.
  std::string ratified(std::string_view title, std::string_view date, std::string_view ratified,
                       std::string effective = {}) {
    clock_.set(at_ten(date));
    std::string id;
    EXPECT_THAT(lib_->create(DocKind::kSop, doc(title), kPenyusun, "Konsep", &id), IsOk());
    EXPECT_THAT(act(id, "submit", date, kPenyusun), IsOk());
    EXPECT_THAT(act(id, "verify", date, kVerifikator), IsOk());
    EXPECT_THAT(act(id, "ratify", ratified, kPengesah, std::move(effective)), IsOk());
    return id;
  }

  std::string status_on(const std::string& id, std::string_view date) {
    auto state = lib_->at(id, date);
    EXPECT_THAT(state, IsOk());
    return state ? state->status : "?";
  }

  std::string title_on(const std::string& id, std::string_view date) {
    auto d = lib_->read(id, {ReadSelector::Kind::kAt, 0, std::string(date)});
    if (!d) return "(" + d.error().message + ")";
    auto v = json::parse(d->content);
    return std::string(v.at("title").as_string());
  }

  ManualClock clock_;
  sopan::testing::TempDir dir_;
  std::unique_ptr<DocumentLibrary> lib_;
};

TEST_F(TimelineTest, AVersionIsInForceFromItsEffectiveDateNotFromItsRatification) {
  const std::string id = ratified("Cuti", "2025-08-01", "2025-08-04", "2025-08-15");
  EXPECT_EQ(status_on(id, "2025-08-03"), "");
  EXPECT_EQ(status_on(id, "2025-08-04"), "disahkan");  // signed, not yet in force
  EXPECT_THAT(lib_->read(id, {ReadSelector::Kind::kAt, 0, "2025-08-14"}), ErrcIs(Errc::kNotFound));
  EXPECT_EQ(status_on(id, "2025-08-15"), "berlaku");
  EXPECT_EQ(title_on(id, "2025-08-15"), "Cuti");

  // Read on the 10th (the clock's today), the plain read agrees with ?at= of that day.
  clock_.set(at_ten("2025-08-10"));
  EXPECT_THAT(lib_->read(id, {}), ErrcIs(Errc::kNotFound));
  clock_.set(at_ten("2025-08-20"));
  auto plain = lib_->read(id, {});
  ASSERT_THAT(plain, IsOk());
  EXPECT_EQ(plain->status, "berlaku");
  EXPECT_EQ(plain->content, lib_->read(id, {ReadSelector::Kind::kAt, 0, "2025-08-20"})->content);
}

TEST_F(TimelineTest, ARevisionWaitingForItsDayLeavesTheOldVersionInForce) {
  const std::string id = ratified("Cuti", "2025-08-01", "2025-08-01");
  ASSERT_THAT(act(id, "revise", "2026-01-05", kPenyusun), IsOk());
  auto s = lib_->summary(id);
  ASSERT_THAT(lib_->save_draft({DocKind::kSop, id, s->draft->version, doc("Cuti (revisi)"),
                                kPenyusun, "Ubah judul"}),
              IsOk());
  ASSERT_THAT(act(id, "submit", "2026-01-06", kPenyusun), IsOk());
  ASSERT_THAT(act(id, "verify", "2026-01-07", kVerifikator), IsOk());
  ASSERT_THAT(act(id, "ratify", "2026-01-08", kPengesah, "2026-02-01"), IsOk());

  // Between ratification and its day, the first edition stays in force; the plain read says so
  // and names the waiting revision.
  clock_.set(at_ten("2026-01-20"));
  auto plain = lib_->read(id, {});
  ASSERT_THAT(plain, IsOk());
  EXPECT_EQ(json::parse(plain->content).at("title"), "Cuti");
  EXPECT_EQ(plain->status, "berlaku");
  EXPECT_GT(plain->pending_version, plain->version);
  EXPECT_EQ(plain->pending_effective, "2026-02-01");
  EXPECT_EQ(title_on(id, "2026-01-20"), "Cuti");
  EXPECT_EQ(title_on(id, "2026-02-01"), "Cuti (revisi)");
  EXPECT_EQ(title_on(id, "2025-12-31"), "Cuti");

  // Editions: the first draft and its ratification are edition 0, the revision's rows 1.
  auto rows = lib_->history(id);
  ASSERT_THAT(rows, IsOk());
  auto editions = library::editions(*rows);
  ASSERT_EQ(editions.size(), rows->size());
  EXPECT_EQ(editions.front(), 0u);
  EXPECT_EQ(editions[3], 0u);  // the first ratification
  EXPECT_EQ(editions.back(), 1u);
  EXPECT_EQ(rows->back().action, "ratify");
  EXPECT_EQ(rows->back().effective, "2026-02-01");
  EXPECT_EQ(rows->back().title, "Cuti (revisi)");
  EXPECT_EQ(rows->back().position, "Sekretaris Daerah");
}

TEST_F(TimelineTest, WithdrawalAndSupersessionEndTheVersionOnTheirDay) {
  const std::string withdrawn = ratified("Surat Masuk", "2025-08-01", "2025-08-01");
  const std::string superseded = ratified("Surat Keluar", "2025-08-01", "2025-08-01");
  ASSERT_THAT(act(withdrawn, "withdraw", "2026-05-04", kPengesah), IsOk());
  ASSERT_THAT(act(superseded, "supersede", "2026-06-10", kPengesah), IsOk());

  // An ended document stays ended: no new draft brings it back (nor a revision).
  EXPECT_THAT(lib_->save_draft({DocKind::kSop, withdrawn, lib_->summary(withdrawn)->last_version,
                                doc("Surat Masuk lagi"), kPenyusun, "Hidupkan lagi"}),
              ErrcIs(Errc::kConflict));
  EXPECT_THAT(act(withdrawn, "revise", "2026-05-05", kPenyusun), ErrcIs(Errc::kConflict));
  EXPECT_EQ(lib_->summary(withdrawn)->status, "dicabut");
  EXPECT_EQ(status_on(withdrawn, "2026-05-03"), "berlaku");
  EXPECT_EQ(status_on(withdrawn, "2026-05-04"), "dicabut");
  EXPECT_EQ(status_on(superseded, "2026-06-09"), "berlaku");
  EXPECT_EQ(status_on(superseded, "2026-06-10"), "digantikan");
  // The withdrawn version is still what the print of that day shows, with its status.
  auto then = lib_->read(withdrawn, {ReadSelector::Kind::kAt, 0, "2026-05-20"});
  ASSERT_THAT(then, IsOk());
  EXPECT_EQ(then->status, "dicabut");
  EXPECT_EQ(then->as_of, "2026-05-20");

  // The instansi's list of a day is the same timeline, document by document.
  auto summary = lib_->summary(withdrawn);
  ASSERT_THAT(summary, IsOk());
  auto before = lib_->summary_at(*summary, "2025-07-15");
  ASSERT_THAT(before, IsOk());
  EXPECT_FALSE(before->has_value());
  auto after = lib_->summary_at(*summary, "2026-05-04");
  ASSERT_THAT(after, IsOk());
  ASSERT_TRUE(after->has_value());
  EXPECT_EQ((*after)->status, "dicabut");
  EXPECT_EQ((*after)->title, "Surat Masuk");
  EXPECT_FALSE((*after)->draft);
}

TEST_F(TimelineTest, CommitsAndEventsAreDatedByTheClock) {
  const std::string id = ratified("Cuti", "2025-08-01", "2025-08-04");
  auto rows = lib_->history(id);
  ASSERT_THAT(rows, IsOk());
  EXPECT_EQ(format_date(local_date(rows->front().time, kWib)), "2025-08-01");
  EXPECT_EQ(format_date(local_date(rows->back().time, kWib)), "2025-08-04");
  auto git = vcs::GitRepo::open(data() / "repo.git");
  ASSERT_THAT(git, IsOk());
  auto main = (*git)->ref_target(std::string(kMainRef));
  ASSERT_THAT(main, IsOk());
  auto info = (*git)->commit_info(**main);
  ASSERT_THAT(info, IsOk());
  EXPECT_EQ(info->time / 1000, at_ten("2025-08-04") / 1000);
}

TEST_F(TimelineTest, AnUnchangedSaveWritesNoCommit) {
  clock_.set(at_ten("2025-08-01"));
  std::string id;
  ASSERT_THAT(lib_->create(DocKind::kSop, doc("Cuti"), kPenyusun, "Konsep", &id), IsOk());
  auto git = vcs::GitRepo::open(data() / "repo.git");
  ASSERT_THAT(git, IsOk());
  auto head = (*git)->ref_target(draft_ref(id));
  ASSERT_THAT(head, IsOk());
  auto same = lib_->save_draft({DocKind::kSop, id, 1, doc("Cuti"), kPenyusun, "Simpan otomatis"});
  ASSERT_THAT(same, IsOk());
  EXPECT_EQ(same->version, 1u);
  EXPECT_EQ(same->action, "create");
  EXPECT_EQ(*(*git)->ref_target(draft_ref(id)), *head);
  EXPECT_EQ(lib_->history(id)->size(), 1u);
  // A real change is a new version.
  auto changed = lib_->save_draft({DocKind::kSop, id, 1, doc("Cuti Pegawai"), kPenyusun, "Ubah"});
  ASSERT_THAT(changed, IsOk());
  EXPECT_EQ(changed->version, 2u);
}

// The indexer's status after each workflow action is the table's `to`: one source.
TEST_F(TimelineTest, EveryTransitionLeavesTheStatusTheTableNames) {
  std::set<std::string_view> seen;
  auto check = [&](const std::string& id, std::string_view action, const Actor& actor) {
    ASSERT_THAT(act(id, action, "2025-09-01", actor), IsOk()) << action;
    auto s = lib_->summary(id);
    ASSERT_THAT(s, IsOk());
    const domain::Action* a = domain::action(action);
    const bool back_to_force = a->effect == domain::Effect::kDiscard && s->in_force;
    EXPECT_EQ(s->status, back_to_force ? "berlaku" : std::string(a->status)) << action;
    EXPECT_TRUE(domain::transition(s->status, "x") == std::nullopt);
    seen.insert(action);
  };
  for (std::string_view ending : {"withdraw", "supersede", "discard"}) {
    clock_.set(at_ten("2025-09-01"));
    std::string id;
    ASSERT_THAT(lib_->create(DocKind::kSop, doc("Uji"), kPenyusun, "Konsep", &id), IsOk());
    check(id, "submit", kPenyusun);
    check(id, "recall", kPenyusun);
    check(id, "submit", kPenyusun);
    check(id, "request-changes", kVerifikator);
    check(id, "submit", kPenyusun);
    check(id, "verify", kVerifikator);
    check(id, "request-changes", kPengesah);
    check(id, "submit", kPenyusun);
    check(id, "verify", kVerifikator);
    check(id, "ratify", kPengesah);
    if (ending == "discard") check(id, "revise", kPenyusun);
    check(id, ending, ending == "discard" ? kPenyusun : kPengesah);
  }
  for (const auto& t : domain::transitions()) EXPECT_TRUE(seen.count(t.action)) << t.action;
}

TEST_F(TimelineTest, TheWorkflowRefusesWhatTheStateDoesNotAllow) {
  const std::string id = ratified("Cuti", "2025-08-01", "2025-08-01");
  EXPECT_THAT(act(id, "submit", "2025-08-02", kPenyusun), ErrcIs(Errc::kConflict));
  EXPECT_THAT(act(id, "terbang", "2025-08-02", kPenyusun), ErrcIs(Errc::kNotFound));
  ASSERT_THAT(act(id, "revise", "2025-08-03", kPenyusun), IsOk());
  ASSERT_THAT(act(id, "submit", "2025-08-03", kPenyusun), IsOk());
  // Only the submitter takes a submission back (these actors name no account: by NIP).
  EXPECT_THAT(act(id, "recall", "2025-08-03", kVerifikator), ErrcIs(Errc::kPermissionDenied));
  // Whoever drafted the revision does not verify it.
  EXPECT_THAT(act(id, "verify", "2025-08-03", kPenyusun), ErrcIs(Errc::kPermissionDenied));
  // A ratification may not take effect before the day it is signed.
  ASSERT_THAT(act(id, "verify", "2025-08-04", kVerifikator), IsOk());
  EXPECT_THAT(act(id, "ratify", "2025-08-05", kPengesah, "2025-08-01"), ErrcIs(Errc::kValidation));
}

}  // namespace
}  // namespace sopan::library
