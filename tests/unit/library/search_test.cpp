#include "library/search.hpp"

#include <gtest/gtest.h>

#include "library/document_library.hpp"
#include "support/temp_dir.hpp"

namespace sopan::library {
namespace {
using sopan::testing::IsOk;

const Actor kPenyusun{"Budi Santoso", "198501012010011001"};

TEST(SearchWordsTest, FoldsCaseAndSplitsOnPunctuation) {
  EXPECT_EQ(search::words("Surat MASUK/Keluar, 800/01/2026 (Bupati)"),
            (std::vector<std::string>{"surat", "masuk", "keluar", "800", "01", "2026", "bupati"}));
  EXPECT_EQ(search::words("a b"), std::vector<std::string>{});  // single letters are noise
}

class SearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_THAT(DocumentLibrary::init(dir_.path(), {"Kabupaten Uji", "uji.go.id", 420, {}}),
                IsOk());
    auto lib = DocumentLibrary::open(dir_.path());
    ASSERT_THAT(lib, IsOk());
    lib_ = std::move(*lib);
  }
  std::string create(const std::string& content) {
    std::string id;
    EXPECT_THAT(lib_->create(DocKind::kSop, content, kPenyusun, "buat", &id), IsOk());
    return id;
  }
  std::vector<std::string> ids(std::string_view q) {
    auto hits = search::query(lib_->store(), q);
    EXPECT_THAT(hits, IsOk());
    std::vector<std::string> out;
    for (const auto& h : *hits) out.push_back(h.id);
    return out;
  }
  sopan::testing::TempDir dir_;
  std::unique_ptr<DocumentLibrary> lib_;
};

TEST_F(SearchTest, PrefixesAllWordsRankedByField) {
  std::string surat = create(R"({"number":"800/01","title":"Pelayanan Surat Masuk","unit":"u",
    "steps":[{"id":"1","symbol":"kegiatan","activity":"Mencatat agenda surat"}]})");
  std::string cuti = create(R"({"number":"800/02","title":"Cuti Pegawai","unit":"u",
    "legal_basis":["Peraturan tentang surat cuti"]})");
  std::string izin = create(R"({"number":"503/07","title":"Izin Usaha Mikro","unit":"u"})");
  EXPECT_EQ(ids("SURAT"), (std::vector<std::string>{surat, cuti}));  // title beats legal basis
  EXPECT_EQ(ids("sur masuk"), std::vector<std::string>{surat});      // every word, as prefixes
  EXPECT_EQ(ids("800"), (std::vector<std::string>{surat, cuti}));
  EXPECT_EQ(ids("agenda"), std::vector<std::string>{surat});  // step text
  EXPECT_EQ(ids("izin cuti"), std::vector<std::string>{});
  EXPECT_EQ(ids("usaha"), std::vector<std::string>{izin});
}

TEST_F(SearchTest, ASaveReplacesTheOldWordsAndReindexAgrees) {
  std::string id = create(R"({"title":"Pengaduan Masyarakat","unit":"u"})");
  SaveRequest save{DocKind::kSop, id,           1, R"({"title":"Penanganan Keluhan","unit":"u"})",
                   kPenyusun,     "ganti judul"};
  ASSERT_THAT(lib_->save_draft(save), IsOk());
  EXPECT_EQ(ids("pengaduan"), std::vector<std::string>{});
  EXPECT_EQ(ids("keluhan"), std::vector<std::string>{id});
  lib_.reset();
  ASSERT_THAT(DocumentLibrary::reindex(dir_.path()), IsOk());
  auto report = DocumentLibrary::verify(dir_.path());
  ASSERT_THAT(report, IsOk());
  EXPECT_TRUE(report->index_matches);
  auto lib = DocumentLibrary::open(dir_.path());
  ASSERT_THAT(lib, IsOk());
  lib_ = std::move(*lib);
  EXPECT_EQ(ids("keluhan"), std::vector<std::string>{id});
  EXPECT_EQ(ids("pengaduan"), std::vector<std::string>{});
}

// A word in the title and in a step has the field mask 0x0A, the byte the stored term list once
// used as its separator: the list read back wrong, so a save that dropped the word left it
// searchable and verify reported the index as different from git.
TEST_F(SearchTest, AWordInTitleAndStepIsRemovedWhenTheSaveDropsIt) {
  std::string id = create(R"({"title":"Arsip Surat","unit":"u",
    "steps":[{"id":"1","symbol":"kegiatan","activity":"Menyimpan arsip"}]})");
  EXPECT_EQ(ids("arsip"), std::vector<std::string>{id});
  SaveRequest save{DocKind::kSop, id,           1, R"({"title":"Surat Keluar","unit":"u"})",
                   kPenyusun,     "tanpa arsip"};
  ASSERT_THAT(lib_->save_draft(save), IsOk());
  EXPECT_EQ(ids("arsip"), std::vector<std::string>{});
  EXPECT_EQ(ids("surat"), std::vector<std::string>{id});
  lib_.reset();
  auto report = DocumentLibrary::verify(dir_.path());
  ASSERT_THAT(report, IsOk());
  EXPECT_TRUE(report->index_matches);
}

// The two views a mask keeps: readers without draft rights search the version in force, drafters
// the newest content; the summary keeps the identity in force beside the draft's.
TEST_F(SearchTest, TheVersionInForceIsSearchedApartFromTheOpenRevision) {
  std::string id = create(R"({"number":"800/01","title":"Pengaduan Masyarakat","unit":"u"})");
  ASSERT_THAT(lib_->merge_draft({id, 1, kPenyusun, "Disahkan", {}}), IsOk());
  SaveRequest revision{
      DocKind::kSop, id,      2, R"({"number":"800/02","title":"Penanganan Keluhan","unit":"v"})",
      kPenyusun,     "revisi"};
  ASSERT_THAT(lib_->save_draft(revision, "revise"), IsOk());
  auto in_force = [&](std::string_view q) {
    auto hits =
        search::query(lib_->store(), q, [](const std::string&) { return search::View::kInForce; });
    EXPECT_THAT(hits, IsOk());
    std::vector<std::string> out;
    for (const auto& h : *hits) out.push_back(h.id);
    return out;
  };
  EXPECT_EQ(in_force("keluhan"), std::vector<std::string>{});
  EXPECT_EQ(in_force("800/02"), std::vector<std::string>{});
  EXPECT_EQ(in_force("pengaduan"), std::vector<std::string>{id});
  EXPECT_EQ(ids("keluhan"), std::vector<std::string>{id});
  EXPECT_EQ(ids("pengaduan"), std::vector<std::string>{});
  // A document never in force has no words in force.
  std::string draft = create(R"({"title":"Keluhan Rahasia","unit":"u"})");
  EXPECT_EQ(in_force("rahasia"), std::vector<std::string>{});
  EXPECT_EQ(ids("rahasia"), std::vector<std::string>{draft});

  auto s = lib_->summary(id);
  ASSERT_THAT(s, IsOk());
  EXPECT_EQ(s->title, "Penanganan Keluhan");
  EXPECT_EQ(s->unit, "v");
  EXPECT_EQ(s->status, "konsep");
  EXPECT_EQ(s->in_force_identity.title, "Pengaduan Masyarakat");
  EXPECT_EQ(s->in_force_identity.number, "800/01");
  EXPECT_EQ(s->in_force_identity.status, "berlaku");
  DocSummary reader = s->as_in_force();
  EXPECT_EQ(reader.title, "Pengaduan Masyarakat");
  EXPECT_EQ(reader.unit, "u");
  EXPECT_EQ(reader.status, "berlaku");
  EXPECT_FALSE(reader.draft);
  EXPECT_EQ(reader.last_version, 2u);
  // The JSON form keeps both (it is the stored row).
  auto back = DocSummary::from_json(s->to_json());
  ASSERT_THAT(back, IsOk());
  EXPECT_EQ(back->in_force_identity.title, "Pengaduan Masyarakat");
  EXPECT_EQ(back->in_force_identity.updated_at, s->in_force_identity.updated_at);

  // Discarding the revision: both views are the version in force again.
  ASSERT_THAT(lib_->discard_draft({id, 3, kPenyusun, "batal"}), IsOk());
  EXPECT_EQ(ids("pengaduan"), std::vector<std::string>{id});
  EXPECT_EQ(in_force("pengaduan"), std::vector<std::string>{id});
  EXPECT_EQ(ids("keluhan"), std::vector<std::string>{draft});
  lib_.reset();
  auto report = DocumentLibrary::verify(dir_.path());
  ASSERT_THAT(report, IsOk());
  EXPECT_TRUE(report->index_matches);
}

}  // namespace
}  // namespace sopan::library
