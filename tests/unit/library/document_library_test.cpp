#include "library/document_library.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <fstream>
#include <map>
#include <thread>

#include "index/keys.hpp"
#include "library/indexer.hpp"
#include "library/search.hpp"
#include "support/temp_dir.hpp"

namespace sopan::library {
namespace {
using index::Cf;
using sopan::testing::ErrcIs;
using sopan::testing::IsOk;

using Snapshot = std::map<std::pair<int, std::string>, std::string>;

Snapshot derived_rows(const index::Reader& store) {
  Snapshot out;
  for (int i = 0; i < static_cast<int>(Cf::kCount); ++i) {
    if (!index::is_derived(static_cast<Cf>(i))) continue;
    EXPECT_THAT(store.scan(static_cast<Cf>(i), {},
                           [&](std::string_view k, std::string_view v) {
                             out[{i, std::string(k)}] = std::string(v);
                             return true;
                           }),
                IsOk());
  }
  return out;
}

std::string doc(std::string_view title, std::string_view unit = "UNIT-A") {
  return "{\n  \"title\": \"" + std::string(title) + "\",\n  \"unit\": \"" + std::string(unit) +
         "\"\n}\n";
}

const Actor kPenyusun{"Budi Santoso", "198501012010011001"};
const Actor kPengesah{"Dra. Sri Wahyuni", "197003031995032002"};

class DocumentLibraryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_THAT(DocumentLibrary::init(data(), {"Kabupaten Uji", "uji.go.id", 420, {}}), IsOk());
    reopen();
  }
  void reopen() {
    lib_.reset();
    auto lib = DocumentLibrary::open(data());
    ASSERT_THAT(lib, IsOk());
    lib_ = std::move(*lib);
  }
  std::filesystem::path data() const { return dir_.path() / "data"; }

  std::string create(std::string_view title, std::string_view unit = "UNIT-A") {
    std::string id;
    auto row = lib_->create(DocKind::kSop, doc(title, unit), kPenyusun, "Konsep awal", &id);
    EXPECT_THAT(row, IsOk());
    return id;
  }

  std::size_t event_count() {
    std::size_t n = 0;
    EXPECT_THAT(lib_->store().scan(Cf::kEvents, {}, [&](auto, auto) { return ++n, true; }), IsOk());
    return n;
  }

  sopan::testing::TempDir dir_;
  std::unique_ptr<DocumentLibrary> lib_;
};

// A ratification (merge) racing a draft save on the same version: one of them wins, the other
// is told the version moved (412) and nothing is half-written; retried on the new version, it
// goes through, so neither change is lost.
TEST_F(DocumentLibraryTest, RatificationRacingADraftSaveLosesNeither) {
  for (int round = 0; round < 20; ++round) {
    const std::string id = create("Perlombaan " + std::to_string(round));
    std::atomic<bool> go{false};
    Result<VersionRow> merged = make_error(Errc::kInternal, "belum"),
                       saved = make_error(Errc::kInternal, "belum");
    std::thread ratifier([&] {
      while (!go) std::this_thread::yield();
      merged = lib_->merge_draft({id, 1, kPengesah, "Disahkan", {}}, std::nullopt, "ratify");
    });
    std::thread writer([&] {
      while (!go) std::this_thread::yield();
      saved =
          lib_->save_draft({DocKind::kSop, id, 1, doc("Perubahan penyusun"), kPenyusun, "Ubah"});
    });
    go = true;
    ratifier.join();
    writer.join();
    ASSERT_NE(bool(merged), bool(saved)) << "exactly one wins round " << round;
    const Result<VersionRow>& lost = merged ? saved : merged;
    EXPECT_EQ(lost.error().code, Errc::kPreconditionFailed);
    // The loser retries on the version it is told about.
    auto s = lib_->summary(id);
    ASSERT_THAT(s, IsOk());
    if (merged) {
      // Ratified first: the penyusun's change becomes a revision of the version in force.
      ASSERT_THAT(lib_->save_draft({DocKind::kSop, id, s->in_force->version,
                                    doc("Perubahan penyusun"), kPenyusun, "Ubah"},
                                   "revise"),
                  IsOk());
      EXPECT_EQ(lib_->read(id, {})->content, doc("Perlombaan " + std::to_string(round)));
    } else {
      // Saved first: the ratification takes the newer draft.
      ASSERT_THAT(lib_->merge_draft({id, s->draft->version, kPengesah, "Disahkan", {}},
                                    std::nullopt, "ratify"),
                  IsOk());
      EXPECT_EQ(lib_->read(id, {})->content, doc("Perubahan penyusun"));
    }
    auto both = lib_->history(id);
    ASSERT_THAT(both, IsOk());
    EXPECT_TRUE(
        std::any_of(both->begin(), both->end(), [](auto& r) { return r.action == "ratify"; }));
    EXPECT_TRUE(std::any_of(both->begin(), both->end(),
                            [](auto& r) { return r.action == "save" || r.action == "revise"; }));
  }
  auto report = DocumentLibrary::verify(data());
  ASSERT_THAT(report, IsOk());
  EXPECT_TRUE(report->index_matches);
}

// Comments are commits on the draft that change neither the file nor its version; a discarded
// revision's comments stay in the record but are not the next draft's.
TEST_F(DocumentLibraryTest, CommentsBelongToTheDraftTheyWereMadeOn) {
  const std::string id = create("Surat Masuk");
  ASSERT_THAT(lib_->merge_draft({id, 1, kPengesah, "Disahkan", {}}), IsOk());
  ASSERT_THAT(
      lib_->save_draft({DocKind::kSop, id, 2, doc("Surat Masuk"), kPenyusun, "Revisi"}, "revise"),
      IsOk());
  auto comment = lib_->comment({id, kActionComment, "", "/title", "Judul kurang jelas", kPengesah});
  ASSERT_THAT(comment, IsOk());
  auto s = lib_->summary(id);
  EXPECT_EQ(s->draft->version, 3u);
  EXPECT_TRUE(s->in_open_draft(comment->draft_version));
  // The writer's save on version 3 still goes through after the comment.
  ASSERT_THAT(lib_->save_draft({DocKind::kSop, id, 3, doc("Surat Masuk Dinas"), kPenyusun, "Ubah"}),
              IsOk());
  ASSERT_THAT(lib_->discard_draft({id, 4, kPenyusun, "Batal"}), IsOk());
  EXPECT_EQ(lib_->comment({id, kActionReopen, comment->id, "", "", kPengesah}).error().code,
            Errc::kConflict);  // no draft open
  ASSERT_THAT(
      lib_->save_draft({DocKind::kSop, id, 2, doc("Surat Masuk"), kPenyusun, "Lagi"}, "revise"),
      IsOk());
  s = lib_->summary(id);
  EXPECT_FALSE(s->in_open_draft(comment->draft_version));
  EXPECT_EQ(lib_->comment({id, kActionResolve, comment->id, "", "", kPengesah}).error().code,
            Errc::kConflict);  // that thread closed with its draft
  EXPECT_EQ(lib_->comments(id)->size(), 1u);
  auto report = DocumentLibrary::verify(data());
  ASSERT_THAT(report, IsOk());
  EXPECT_TRUE(report->index_matches) << ::testing::PrintToString(report->index_problems);
}

TEST_F(DocumentLibraryTest, SaveReadMergeAndHistory) {
  std::string id = create("Surat Masuk");
  auto s = lib_->summary(id);
  ASSERT_THAT(s, IsOk());
  EXPECT_EQ(s->status, "konsep");
  EXPECT_EQ(s->title, "Surat Masuk");
  ASSERT_TRUE(s->draft);
  EXPECT_EQ(s->draft->version, 1u);
  EXPECT_FALSE(s->in_force);

  auto saved =
      lib_->save_draft({DocKind::kSop, id, 1, doc("Surat Masuk Dinas"), kPenyusun, "Judul"});
  ASSERT_THAT(saved, IsOk());
  EXPECT_EQ(saved->version, 2u);

  EXPECT_THAT(lib_->read(id, {}), ErrcIs(Errc::kNotFound));  // nothing in force yet
  auto draft = lib_->read(id, {ReadSelector::Kind::kDraft});
  ASSERT_THAT(draft, IsOk());
  EXPECT_EQ(draft->content, doc("Surat Masuk Dinas"));
  EXPECT_TRUE(draft->is_draft);

  const std::string signature = kPengesah.name + "; " + kPengesah.nip + "; Kepala; disahkan; t";
  auto merged = lib_->merge_draft({id, 2, kPengesah, "Disahkan", {{"Sopan-Signature", signature}}},
                                  std::nullopt, "ratify");
  ASSERT_THAT(merged, IsOk());
  EXPECT_EQ(merged->version, 3u);
  EXPECT_TRUE(merged->on_main);

  auto in_force = lib_->read(id, {});
  ASSERT_THAT(in_force, IsOk());
  EXPECT_EQ(in_force->content, doc("Surat Masuk Dinas"));
  EXPECT_EQ(in_force->version, 3u);
  EXPECT_THAT(lib_->read(id, {ReadSelector::Kind::kDraft}), ErrcIs(Errc::kNotFound));
  s = lib_->summary(id);
  EXPECT_EQ(s->status, "berlaku");
  EXPECT_FALSE(s->draft);

  // Any version, straight from git.
  auto v1 = lib_->read(id, {ReadSelector::Kind::kVersion, 1});
  ASSERT_THAT(v1, IsOk());
  EXPECT_EQ(v1->content, doc("Surat Masuk"));
  EXPECT_THAT(lib_->read(id, {ReadSelector::Kind::kVersion, 9}), ErrcIs(Errc::kNotFound));

  auto history = lib_->history(id);
  ASSERT_THAT(history, IsOk());
  ASSERT_EQ(history->size(), 3u);
  EXPECT_EQ((*history)[0].action, "create");
  EXPECT_EQ((*history)[1].action, "save");
  EXPECT_EQ((*history)[1].message, "Judul");
  EXPECT_EQ((*history)[2].action, "ratify");
  EXPECT_EQ((*history)[2].actor_name, kPengesah.name);
  EXPECT_EQ((*history)[2].actor_email, kPengesah.nip + "@uji.go.id");
}

TEST_F(DocumentLibraryTest, RevisionKeepsTheVersionInForceReadable) {
  std::string id = create("Cuti Pegawai");
  ASSERT_THAT(lib_->merge_draft({id, 1, kPengesah, "Disahkan", {}}), IsOk());
  // A revision starts from the version in force (2).
  EXPECT_THAT(lib_->save_draft({DocKind::kSop, id, 1, doc("x"), kPenyusun, "basi"}),
              ErrcIs(Errc::kPreconditionFailed));
  ASSERT_THAT(
      lib_->save_draft({DocKind::kSop, id, 2, doc("Cuti Pegawai (revisi)"), kPenyusun, "Revisi"}),
      IsOk());
  EXPECT_EQ(lib_->read(id, {})->content, doc("Cuti Pegawai"));
  EXPECT_EQ(lib_->read(id, {ReadSelector::Kind::kDraft})->content, doc("Cuti Pegawai (revisi)"));
  auto s = lib_->summary(id);
  EXPECT_EQ(s->status, "konsep");
  ASSERT_TRUE(s->in_force);
  EXPECT_EQ(s->in_force->version, 2u);
}

TEST_F(DocumentLibraryTest, ReadAtADateGivesWhatWasInForceThen) {
  std::string id = create("Perjalanan Dinas");
  const std::string today = lib_->today();
  const std::string yesterday =
      format_date(local_date(now_ms() - 86'400'000, lib_->instansi().utc_offset_minutes));
  EXPECT_THAT(lib_->read(id, {ReadSelector::Kind::kAt, 0, today}), ErrcIs(Errc::kNotFound));
  ASSERT_THAT(lib_->merge_draft({id, 1, kPengesah, "Disahkan", {}}), IsOk());
  auto at = lib_->read(id, {ReadSelector::Kind::kAt, 0, today});
  ASSERT_THAT(at, IsOk());
  EXPECT_EQ(at->content, doc("Perjalanan Dinas"));
  EXPECT_EQ(at->status, "berlaku");
  EXPECT_THAT(lib_->read(id, {ReadSelector::Kind::kAt, 0, yesterday}), ErrcIs(Errc::kNotFound));
}

TEST_F(DocumentLibraryTest, StaleVersionIsRefusedAndNothingIsWritten) {
  std::string id = create("Pengaduan");
  ASSERT_THAT(lib_->save_draft({DocKind::kSop, id, 1, doc("Pengaduan A"), kPenyusun, "A"}), IsOk());
  auto git = vcs::GitRepo::open(data() / "repo.git");
  auto ref_before = (*git)->ref_target(draft_ref(id)).value();
  auto rows_before = derived_rows(lib_->store());
  auto events_before = event_count();

  auto stale = lib_->save_draft({DocKind::kSop, id, 1, doc("Pengaduan B"), kPenyusun, "B"});
  ASSERT_THAT(stale, ErrcIs(Errc::kPreconditionFailed));
  EXPECT_NE(stale.error().message.find("versi terkini 2"), std::string::npos);
  EXPECT_EQ((*git)->ref_target(draft_ref(id)).value(), ref_before);
  EXPECT_EQ(derived_rows(lib_->store()), rows_before);
  EXPECT_EQ(event_count(), events_before);
  EXPECT_THAT(lib_->merge_draft({id, 1, kPengesah, "basi", {}}), ErrcIs(Errc::kPreconditionFailed));
  EXPECT_EQ(derived_rows(lib_->store()), rows_before);
}

TEST_F(DocumentLibraryTest, UnknownDocumentsAreNotFound) {
  EXPECT_THAT(lib_->summary("01J00000000000000000000000"), ErrcIs(Errc::kNotFound));
  EXPECT_THAT(lib_->summary("../../etc"), ErrcIs(Errc::kNotFound));
  EXPECT_THAT(
      lib_->save_draft({DocKind::kSop, "01J00000000000000000000000", 0, doc("x"), kPenyusun, ""}),
      ErrcIs(Errc::kNotFound));
  std::string id = create("Peta");
  EXPECT_THAT(lib_->save_draft({DocKind::kMap, id, 1, doc("x"), kPenyusun, ""}),
              ErrcIs(Errc::kNotFound));
}

TEST_F(DocumentLibraryTest, ListsByUnitAndStatus) {
  std::string a = create("A", "UNIT-A");
  std::string b = create("B", "UNIT-B");
  create("C", "UNIT-A");
  ASSERT_THAT(lib_->merge_draft({a, 1, kPengesah, "ok", {}}), IsOk());
  // Moving b to UNIT-A drops it from UNIT-B's index.
  ASSERT_THAT(lib_->save_draft({DocKind::kSop, b, 1, doc("B", "UNIT-A"), kPenyusun, "pindah"}),
              IsOk());
  EXPECT_EQ(lib_->list({std::nullopt, "UNIT-A", std::nullopt})->size(), 3u);
  EXPECT_EQ(lib_->list({std::nullopt, "UNIT-B", std::nullopt})->size(), 0u);
  auto berlaku = lib_->list({std::nullopt, std::nullopt, "berlaku"});
  ASSERT_EQ(berlaku->size(), 1u);
  EXPECT_EQ((*berlaku)[0].id, a);
  EXPECT_EQ(lib_->list({std::nullopt, "UNIT-A", "konsep"})->size(), 2u);
  EXPECT_EQ(lib_->list({})->size(), 3u);
  EXPECT_EQ(*lib_->count_documents(), 3u);
}

TEST_F(DocumentLibraryTest, CommitWithoutIndexRowIsIndexedAtStartUp) {
  std::string id = create("Surat Keluar");
  lib_.reset();
  {
    // A crash after the git commit and before the index batch: the commit exists, the index
    // does not know it.
    auto git = vcs::GitRepo::open(data() / "repo.git");
    ASSERT_THAT(git, IsOk());
    auto draft = (*git)->ref_target(draft_ref(id)).value();
    auto main = (*git)->ref_target(kMainRef).value();
    vcs::NewCommit c;
    c.ref = draft_ref(id);
    c.expected_ref = *draft;
    c.parents = {*draft};
    c.base = *main;
    c.changes.push_back({doc_path(DocKind::kSop, id), doc("Surat Keluar (pulih)")});
    c.author = {kPenyusun.name, kPenyusun.nip + "@uji.go.id"};
    c.note = "Disimpan sebelum crash";
    c.trailers = {{"Sopan-Action", "save"}, {"Sopan-Doc", "sops/" + id}, {"Sopan-Version", "2"}};
    ASSERT_THAT((*git)->commit(c), IsOk());
  }
  reopen();
  EXPECT_EQ(lib_->recovery().commits_indexed, 1u);
  auto s = lib_->summary(id);
  ASSERT_THAT(s, IsOk());
  EXPECT_EQ(s->draft->version, 2u);
  EXPECT_EQ(s->title, "Surat Keluar (pulih)");
  EXPECT_EQ(lib_->history(id)->back().message, "Disimpan sebelum crash");
  // Once recovered, the next save continues from there.
  EXPECT_THAT(lib_->save_draft({DocKind::kSop, id, 2, doc("Lanjut"), kPenyusun, "lanjut"}), IsOk());
  reopen();
  EXPECT_EQ(lib_->recovery().commits_indexed, 0u);
}

TEST_F(DocumentLibraryTest, MergeInterruptedBeforeDraftRefRemovalIsFinishedAtStartUp) {
  std::string id = create("Izin Usaha");
  lib_.reset();
  {
    auto git = vcs::GitRepo::open(data() / "repo.git");
    auto draft = (*git)->ref_target(draft_ref(id)).value();
    auto main = (*git)->ref_target(kMainRef).value();
    vcs::NewCommit c;
    c.ref = std::string(kMainRef);
    c.expected_ref = *main;
    c.parents = {*main, *draft};
    c.base = *main;
    c.changes.push_back({doc_path(DocKind::kSop, id), doc("Izin Usaha")});
    c.author = {kPengesah.name, kPengesah.nip + "@uji.go.id"};
    c.note = "Disahkan";
    c.trailers = {{"Sopan-Action", "merge"}, {"Sopan-Doc", "sops/" + id}, {"Sopan-Version", "2"}};
    ASSERT_THAT((*git)->commit(c), IsOk());
  }
  reopen();
  EXPECT_EQ(lib_->recovery().stale_refs_removed, 1u);
  auto git = vcs::GitRepo::open(data() / "repo.git");
  EXPECT_EQ((*git)->ref_target(draft_ref(id)).value(), std::nullopt);
  EXPECT_EQ(lib_->summary(id)->status, "berlaku");
  lib_.reset();
  auto report = DocumentLibrary::verify(data());
  ASSERT_THAT(report, IsOk());
  EXPECT_TRUE(report->index_matches);
}

TEST_F(DocumentLibraryTest, ReindexGivesTheSameIndex) {
  std::vector<std::string> ids;
  for (int i = 0; i < 12; ++i)
    ids.push_back(create("SOP " + std::to_string(i), i % 2 ? "U1" : "U2"));
  for (int i = 0; i < 12; i += 2)
    ASSERT_THAT(lib_->save_draft({DocKind::kSop, ids[i], 1, doc("SOP ubah", "U3"), kPenyusun, "u"}),
                IsOk());
  for (int i = 0; i < 12; i += 3)
    ASSERT_THAT(
        lib_->merge_draft({ids[i], lib_->summary(ids[i])->draft->version, kPengesah, "s", {}}),
        IsOk());
  ASSERT_THAT(lib_->save_draft({DocKind::kSop, ids[0], 3, doc("Revisi", "U3"), kPenyusun, "r"}),
              IsOk());
  Snapshot before = derived_rows(lib_->store());
  lib_.reset();

  ASSERT_THAT(DocumentLibrary::reindex(data()), IsOk());
  reopen();
  EXPECT_EQ(lib_->recovery().commits_indexed, 0u);
  EXPECT_EQ(derived_rows(lib_->store()), before);
  lib_.reset();
  auto report = DocumentLibrary::verify(data());
  ASSERT_THAT(report, IsOk());
  EXPECT_TRUE(report->index_matches);
  EXPECT_TRUE(report->events.intact);
  EXPECT_GT(report->events.events, 12u);
}

TEST_F(DocumentLibraryTest, VerifyDetectsAnIndexThatDiffersFromGit) {
  std::string id = create("Arsip");
  ASSERT_THAT(lib_->store_for_tests().write([&] {
    index::Batch b;
    b.del(Cf::kDocs, index::doc_key(id));
    return b;
  }()),
              IsOk());
  lib_.reset();
  auto report = DocumentLibrary::verify(data());
  ASSERT_THAT(report, IsOk());
  EXPECT_FALSE(report->index_matches);
  ASSERT_FALSE(report->index_problems.empty());
  EXPECT_NE(report->index_problems[0].find("docs"), std::string::npos);
  EXPECT_TRUE(report->events.intact);
}

// An index written by an older Sopan (another format) is rebuilt from git when opened.
TEST_F(DocumentLibraryTest, AnIndexOfAnotherFormatIsRebuiltOnOpen) {
  std::string id = create("Arsip");
  ASSERT_THAT(lib_->store_for_tests().write([&] {
    index::Batch b;
    b.put(Cf::kMeta, "format", "1");
    b.del(Cf::kDocs, index::doc_key(id));
    return b;
  }()),
              IsOk());
  reopen();
  EXPECT_THAT(lib_->summary(id), IsOk());
  auto format = lib_->store().get(Cf::kMeta, "format");
  ASSERT_THAT(format, IsOk());
  EXPECT_NE(format->value_or("1"), "1");
  lib_.reset();
  auto report = DocumentLibrary::verify(data());
  ASSERT_THAT(report, IsOk());
  EXPECT_TRUE(report->index_matches);
}

TEST_F(DocumentLibraryTest, VerifyDetectsATamperedEvent) {
  create("Rapat");
  ASSERT_THAT(lib_->record_event({{"kind", "login"}, {"actor", "admin"}}), IsOk());
  ASSERT_THAT(lib_->record_event({{"kind", "login"}, {"actor", "pegawai"}}), IsOk());
  // Rewrite event 2 as an inspector would fear: same shape, different actor.
  auto raw = lib_->store().get(Cf::kEvents, index::event_key(2));
  ASSERT_TRUE(raw.has_value() && raw->has_value());
  auto v = boost::json::parse(**raw).as_object();
  v["actor"] = "orang lain";
  ASSERT_THAT(lib_->store_for_tests().write([&] {
    index::Batch b;
    b.put(Cf::kEvents, index::event_key(2), boost::json::serialize(v));
    return b;
  }()),
              IsOk());
  lib_.reset();
  auto report = DocumentLibrary::verify(data());
  ASSERT_THAT(report, IsOk());
  EXPECT_FALSE(report->events.intact);
  EXPECT_EQ(report->events.first_bad_seq, 2u);
  EXPECT_TRUE(report->index_matches);
}

TEST_F(DocumentLibraryTest, VerifyDetectsADeletedEvent) {
  create("Rapat");
  ASSERT_THAT(lib_->record_event({{"kind", "login"}}), IsOk());
  ASSERT_THAT(lib_->record_event({{"kind", "login"}}), IsOk());
  ASSERT_THAT(lib_->store_for_tests().write([&] {
    index::Batch b;
    b.del(Cf::kEvents, index::event_key(3));
    return b;
  }()),
              IsOk());
  lib_.reset();
  auto report = DocumentLibrary::verify(data());
  EXPECT_FALSE(report->events.intact);
  EXPECT_EQ(report->events.first_bad_seq, 4u);
}

TEST(DocumentLibraryInitTest, RefusesToInitialiseTwiceAndOpensOnlyInitialised) {
  sopan::testing::TempDir dir;
  EXPECT_THAT(DocumentLibrary::open(dir.path() / "none"), ErrcIs(Errc::kNotFound));
  ASSERT_THAT(DocumentLibrary::init(dir.path(), {"A", "a.go.id", 420, {}}), IsOk());
  EXPECT_THAT(DocumentLibrary::init(dir.path(), {"A", "a.go.id", 420, {}}),
              ErrcIs(Errc::kAlreadyExists));
  auto lib = DocumentLibrary::open(dir.path());
  ASSERT_THAT(lib, IsOk());
  EXPECT_EQ((*lib)->instansi().name, "A");
}

namespace sopan::library {
namespace {

TEST_F(DocumentLibraryTest, DiscardEndsTheDraftAndKeepsItsHistory) {
  std::string id = create("Surat Masuk");
  ASSERT_THAT(lib_->merge_draft({id, 1, kPengesah, "Disahkan", {}}), IsOk());
  SaveRequest revision{DocKind::kSop, id,      2, doc("Surat Masuk Revisi", "UNIT-A"),
                       kPenyusun,     "Revisi"};
  ASSERT_THAT(lib_->save_draft(revision), IsOk());
  EXPECT_THAT(lib_->discard_draft({id, 2, kPenyusun, "basi"}),
              ErrcIs(Errc::kPreconditionFailed));  // the draft is at version 3
  auto row = lib_->discard_draft({id, 3, kPenyusun, "Revisi tidak dilanjutkan"});
  ASSERT_THAT(row, IsOk());
  EXPECT_EQ(row->version, 4u);

  auto s = lib_->summary(id);
  ASSERT_THAT(s, IsOk());
  EXPECT_FALSE(s->draft);
  EXPECT_EQ(s->status, "berlaku");
  EXPECT_EQ(s->title, "Surat Masuk");  // back to what is in force
  EXPECT_THAT(lib_->read(id, {ReadSelector::Kind::kDraft}), ErrcIs(Errc::kNotFound));
  auto history = lib_->history(id);
  ASSERT_THAT(history, IsOk());
  ASSERT_EQ(history->size(), 4u);
  EXPECT_EQ(history->back().action, "discard");
  // The discarded text is still readable, by version.
  auto old = lib_->read(id, {ReadSelector::Kind::kVersion, 3});
  ASSERT_THAT(old, IsOk());
  EXPECT_NE(old->content.find("Surat Masuk Revisi"), std::string::npos);
  EXPECT_EQ(search::query(lib_->store(), "revisi")->size(), 0u);
  EXPECT_EQ(search::query(lib_->store(), "surat")->size(), 1u);

  // A document that never came into force is "dibatalkan"; a rebuild agrees with all of it.
  std::string other = create("Cuti Pegawai");
  ASSERT_THAT(lib_->discard_draft({other, 1, kPenyusun, "Tidak jadi"}), IsOk());
  EXPECT_EQ(lib_->summary(other)->status, "dibatalkan");
  lib_.reset();
  ASSERT_THAT(DocumentLibrary::reindex(data()), IsOk());
  auto report = DocumentLibrary::verify(data());
  ASSERT_THAT(report, IsOk());
  EXPECT_TRUE(report->index_matches);
  reopen();
  EXPECT_EQ(lib_->summary(other)->status, "dibatalkan");
  EXPECT_EQ(lib_->history(id)->size(), 4u);
}

}  // namespace
}  // namespace sopan::library

namespace trust {

/// Writes a commit straight into git, as someone with write access to the repository (or a
/// Sopan of an older format) could: the library must cope with whatever it finds there.
std::string commit_by_hand(const std::filesystem::path& data, const std::string& ref,
                           const std::vector<std::string>& parents, vcs::FileChange change,
                           vcs::Trailers trailers, const Actor& actor) {
  auto git = vcs::GitRepo::open(data / "repo.git");
  EXPECT_THAT(git, IsOk());
  auto current = (*git)->ref_target(ref).value();
  vcs::NewCommit c;
  c.ref = ref;
  c.expected_ref = current;
  c.parents = parents;
  c.base = parents.front();
  c.changes.push_back(std::move(change));
  c.author = {actor.name, actor.nip + "@uji.go.id"};
  c.subject = "tangan";
  c.trailers = std::move(trailers);
  c.trailers.push_back({"Sopan-Actor-NIP", actor.nip});
  auto id = (*git)->commit(c);
  EXPECT_THAT(id, IsOk());
  return id ? *id : std::string();
}

}  // namespace trust

// A commit whose facts do not hold (here: a signature on a plain save, and a version out of turn)
// is quarantined: start-up, reindex and verify go on; the draft ref is moved aside, never
// deleted; the document accepts its next save.
TEST_F(DocumentLibraryTest, ACommitTheIndexerRefusesIsQuarantinedNotFatal) {
  std::string id = create("Surat Keluar");
  lib_.reset();
  std::string forged;
  {
    auto git = vcs::GitRepo::open(data() / "repo.git");
    auto draft = (*git)->ref_target(draft_ref(id)).value();
    auto main = (*git)->ref_target(kMainRef).value();
    git->reset();
    forged = trust::commit_by_hand(
        data(), draft_ref(id), {*draft, *main}, {doc_path(DocKind::kSop, id), doc("Palsu")},
        {{"Sopan-Action", "save"},
         {"Sopan-Doc", "sops/" + id},
         {"Sopan-Version", "2"},
         {"Sopan-Signature", kPenyusun.name + "; " + kPenyusun.nip + "; K; disahkan; t"}},
        kPenyusun);
  }
  reopen();
  EXPECT_EQ(lib_->recovery().refs_quarantined, 1u);
  auto quarantined = lib_->quarantined();
  ASSERT_THAT(quarantined, IsOk());
  ASSERT_EQ(quarantined->size(), 1u);
  EXPECT_EQ(quarantined->front().commit, forged);
  EXPECT_EQ(quarantined->front().reason, "Tanda tangan pada aksi yang tidak menandatangani");
  EXPECT_EQ(lib_->summary(id)->title, "Surat Keluar");
  // The next save goes on from what the index knows (not wedged at 412).
  ASSERT_THAT(lib_->save_draft({DocKind::kSop, id, 1, doc("Lanjut"), kPenyusun, "lanjut"}), IsOk());
  lib_.reset();
  auto git = vcs::GitRepo::open(data() / "repo.git");
  EXPECT_EQ((*git)->ref_target("refs/quarantine/" + id + "/" + forged).value(), forged);
  git->reset();
  auto report = DocumentLibrary::verify(data());
  ASSERT_THAT(report, IsOk());
  EXPECT_TRUE(report->index_matches);
  EXPECT_FALSE(report->clean());  // the quarantined commit is reported until someone looks
  ASSERT_EQ(report->quarantined.size(), 1u);
  ASSERT_THAT(DocumentLibrary::reindex(data()), IsOk());
  reopen();
  EXPECT_EQ(lib_->summary(id)->title, "Lanjut");
}

// A message naming a document that does not exist used to stop start-up, reindex and verify for
// the whole instansi.
TEST_F(DocumentLibraryTest, ACommitForAnUnknownDocumentDoesNotStopTheInstansi) {
  std::string id = create("Surat Masuk");
  lib_.reset();
  {
    auto git = vcs::GitRepo::open(data() / "repo.git");
    auto main = (*git)->ref_target(kMainRef).value();
    git->reset();
    trust::commit_by_hand(data(), std::string(kMainRef), {*main},
                          {"records/00/x.json", "{\"date\":\"2026-01-01\"}"},
                          {{"Sopan-Action", "monitor"},
                           {"Sopan-Doc", "sops/01J00000000000000000000000"},
                           {"Sopan-Record", "01J00000000000000000000001"}},
                          kPenyusun);
  }
  reopen();
  EXPECT_EQ(lib_->quarantined()->size(), 1u);
  EXPECT_THAT(lib_->save_draft({DocKind::kSop, id, 1, doc("Lanjut"), kPenyusun, "x"}), IsOk());
  lib_.reset();
  ASSERT_THAT(DocumentLibrary::reindex(data()), IsOk());
  auto report = DocumentLibrary::verify(data());
  ASSERT_THAT(report, IsOk());
  EXPECT_TRUE(report->index_matches);
  EXPECT_EQ(report->quarantined.size(), 1u);
}

// The indexer checks the commit before the ref moves: a write it refuses publishes nothing.
TEST_F(DocumentLibraryTest, AWriteTheIndexerRefusesLeavesGitAndTheIndexAsTheyWere) {
  std::string id = create("Cuti");
  auto before = derived_rows(lib_->store());
  const std::size_t events = event_count();
  auto refused = lib_->record_step(
      {id, 1, "submit", kPenyusun, "x", {{"Sopan-Signature", "A; 1; K; disahkan; t"}}});
  EXPECT_THAT(refused, ErrcIs(Errc::kInternal));
  EXPECT_EQ(derived_rows(lib_->store()), before);
  EXPECT_EQ(event_count(), events);
  lib_.reset();
  auto git = vcs::GitRepo::open(data() / "repo.git");
  auto draft = (*git)->ref_target(draft_ref(id)).value();
  EXPECT_EQ((*git)->commit_info(*draft)->trailer("Sopan-Action"), "create");
}

// A kill while libgit2 held a ref lock left refs/drafts/<id>.lock: that SOP answered 503 for
// ever. Start-up (which holds the data directory exclusively) removes it.
TEST_F(DocumentLibraryTest, StaleGitLockFilesAreRemovedAtStartUp) {
  std::string id = create("Izin");
  lib_.reset();
  std::ofstream(data() / "repo.git" / (draft_ref(id) + ".lock")) << "x";
  ASSERT_EQ(DocumentLibrary::verify(data())->lock_files.size(), 1u);
  reopen();
  ASSERT_EQ(lib_->recovery().lock_files_removed.size(), 1u);
  EXPECT_THAT(lib_->save_draft({DocKind::kSop, id, 1, doc("Izin 2"), kPenyusun, "x"}), IsOk());
}

TEST_F(DocumentLibraryTest, TheDataDirectoryIsHeldByOneProcessAndPrivate) {
  EXPECT_THAT(DocumentLibrary::open(data()), ErrcIs(Errc::kUnavailable));
  auto perms = std::filesystem::status(data()).permissions();
  EXPECT_EQ(perms & std::filesystem::perms::all, std::filesystem::perms::owner_all);
}

// Deleting the newest audit events shows against the anchor git holds.
TEST_F(DocumentLibraryTest, TruncatingTheEventChainIsDetectedByTheAnchorInGit) {
  std::string id = create("Pengaduan");
  ASSERT_THAT(lib_->merge_draft({id, 1, kPengesah, "Sah", {}}), IsOk());
  ASSERT_THAT(lib_->record_event({{"kind", "uji"}}), IsOk());
  lib_.reset();
  auto clean = DocumentLibrary::verify(data());
  ASSERT_THAT(clean, IsOk());
  ASSERT_TRUE(clean->anchor);
  EXPECT_TRUE(clean->clean());
  {
    auto store = index::Store::open(data() / "index");
    ASSERT_THAT(store, IsOk());
    index::Batch cut;
    for (std::uint64_t seq = clean->anchor->seq; seq <= clean->events.events; ++seq)
      cut.del(Cf::kEvents, index::event_key(seq));
    ASSERT_THAT((*store)->write(std::move(cut)), IsOk());
  }
  auto report = DocumentLibrary::verify(data());
  ASSERT_THAT(report, IsOk());
  // What is left is a whole chain, but git remembers more of it.
  EXPECT_FALSE(report->events.intact);
  EXPECT_FALSE(report->clean());
}
// A rebuild killed half-way (here: after clearing the summaries) leaves an index without its
// format row, so the next open rebuilds again instead of taking the draft refs for unknown ones.
TEST_F(DocumentLibraryTest, ARebuildKilledHalfWayIsRedoneAtTheNextOpen) {
  std::string id = create("Arsip");
  ASSERT_THAT(lib_->save_draft({DocKind::kSop, id, 1, doc("Arsip 2"), kPenyusun, "x"}), IsOk());
  lib_.reset();
  {
    auto store = index::Store::open(data() / "index");
    ASSERT_THAT(store, IsOk());
    index::Batch half;
    half.del(Cf::kMeta, "format");  // what rebuild_index writes first
    ASSERT_THAT((*store)->write(std::move(half)), IsOk());
    ASSERT_THAT((*store)->clear(Cf::kDocs), IsOk());
  }
  reopen();
  EXPECT_EQ(lib_->recovery().refs_quarantined, 0u);
  EXPECT_EQ(lib_->summary(id)->draft->version, 2u);
  EXPECT_THAT(lib_->save_draft({DocKind::kSop, id, 2, doc("Arsip 3"), kPenyusun, "x"}), IsOk());
}
}  // namespace
}  // namespace sopan::library
