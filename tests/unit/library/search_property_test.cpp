// Search rows are an exact function of the document (issue 10, item 6): whatever a document said
// before, its rows after a change equal those of a document that only ever said the new thing.
// Random documents over a small alphabet make words collide across fields, so every field mask
// (0x0A, the old separator, included) turns up.
#include <gtest/gtest.h>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <map>
#include <random>

#include "index/keys.hpp"
#include "library/document_library.hpp"
#include "library/search.hpp"
#include "support/temp_dir.hpp"

namespace sopan::library {
namespace {
namespace json = boost::json;
using index::Cf;
using sopan::testing::IsOk;

const Actor kPenyusun{"Budi Santoso", "198501012010011001"};
const Actor kPengesah{"Dra. Sri Wahyuni", "197003031995032002"};

/// Text of 0-4 words drawn from a few short words (some cased, some single letters that are
/// not terms, some digits), joined by assorted separators.
std::string random_text(std::mt19937& rng) {
  static const char* const kWords[] = {"ab", "AB", "abc", "ba", "k", "kab", "7", "07", "ka", "b"};
  static const char* const kSeps[] = {" ", "/", "\n", ", ", "-"};
  std::string out;
  const int n = static_cast<int>(rng() % 5);
  for (int i = 0; i < n; ++i) {
    if (i > 0) out += kSeps[rng() % std::size(kSeps)];
    out += kWords[rng() % std::size(kWords)];
  }
  return out;
}

std::string random_doc(std::mt19937& rng) {
  json::object o{{"unit", "u"}};
  if (rng() % 4) o["number"] = random_text(rng);
  if (rng() % 4) o["title"] = random_text(rng);
  json::array legal, steps;
  for (int i = static_cast<int>(rng() % 3); i > 0; --i)
    legal.push_back(json::value(random_text(rng)));
  for (int i = static_cast<int>(rng() % 4); i > 0; --i)
    steps.push_back(json::object{
        {"id", std::to_string(i)}, {"symbol", "kegiatan"}, {"activity", random_text(rng)}});
  if (!legal.empty()) o["legal_basis"] = std::move(legal);
  if (!steps.empty()) o["steps"] = std::move(steps);
  return json::serialize(o);
}

/// The search rows of one document, with its id written as "<id>" so two documents compare.
std::map<std::string, std::string> rows_of(const index::Reader& store, const std::string& id) {
  std::map<std::string, std::string> out;
  EXPECT_THAT(store.scan(Cf::kSearch, {},
                         [&](std::string_view key, std::string_view value) {
                           if (key == index::search_doc_key(id)) {
                             out["d/<id>"] = std::string(value);
                           } else if (auto t = index::parse_search_term_key(key);
                                      t && t->doc_id == id) {
                             out[index::search_term_key(t->term, "<id>")] = std::string(value);
                           }
                           return true;
                         }),
              IsOk());
  return out;
}

class SearchPropertyTest : public ::testing::Test {
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
  void save(const std::string& id, std::uint64_t version, const std::string& content) {
    EXPECT_THAT(
        lib_->save_draft({DocKind::kSop, id, version, content, kPenyusun, "ubah"},
                         version == lib_->summary(id)->in_force->version ? "revise" : "save"),
        IsOk());
  }
  void ratify(const std::string& id, std::uint64_t version) {
    EXPECT_THAT(lib_->merge_draft({id, version, kPengesah, "Disahkan", {}}), IsOk());
  }
  std::map<std::string, std::string> rows(const std::string& id) {
    return rows_of(lib_->store(), id);
  }

  sopan::testing::TempDir dir_;
  std::unique_ptr<DocumentLibrary> lib_;
};

// Through the real write path: "create A, save B" leaves the rows of "create B"; with a version
// in force, "A in force, revision B" leaves the rows of "A in force, revision B" whatever
// draft came before, and ratifying B leaves the rows of "B ratified" from the start.
TEST_F(SearchPropertyTest, SaveAThenBGivesTheRowsOfBAlone) {
  std::mt19937 rng(20260611);
  for (int round = 0; round < 25; ++round) {
    const std::string a = random_doc(rng), b = random_doc(rng), c = random_doc(rng);
    SCOPED_TRACE("A = " + a + "\nB = " + b + "\nC = " + c);
    // Drafts only.
    std::string ab = create(a);
    save(ab, 1, b);
    std::string only_b = create(b);
    ASSERT_EQ(rows(ab), rows(only_b));

    // C in force, a revision A then B, against C in force and B as its first revision.
    std::string cab = create(c);
    ratify(cab, 1);
    save(cab, 2, a);
    save(cab, 3, b);
    std::string cb = create(c);
    ratify(cb, 1);
    save(cb, 2, b);
    ASSERT_EQ(rows(cab), rows(cb));

    // Ratifying B: the rows of a document that was B from the start and was ratified.
    ratify(cab, 4);
    ratify(only_b, 1);
    ASSERT_EQ(rows(cab), rows(only_b));
  }
  // And a rebuild from git agrees with every row written along the way.
  lib_.reset();
  auto report = DocumentLibrary::verify(dir_.path());
  ASSERT_THAT(report, IsOk());
  EXPECT_TRUE(report->index_matches)
      << (report->index_problems.empty() ? "" : report->index_problems[0]);
}

std::string random_term(std::mt19937& rng) {
  static const char kLetters[] = {'a', 'b', '0', '\xc3', '\xa9'};
  std::string t;
  for (std::size_t n = 2 + rng() % 3; t.size() < n;) t += kLetters[rng() % std::size(kLetters)];
  return t;
}

search::Terms random_terms(std::mt19937& rng) {
  search::Terms terms;
  for (int i = static_cast<int>(rng() % 8); i > 0; --i) {
    auto mask = static_cast<std::uint8_t>(1 + rng() % 255);
    terms[random_term(rng)] = mask;
  }
  return terms;
}

// The stored term list reads back as written for every mask, 0x0A and 0x00-free or not, and
// nothing but such a list is accepted.
TEST(SearchTermsEncodingTest, EveryMaskRoundTrips) {
  std::mt19937 rng(20260101);
  for (int mask = 1; mask < 256; ++mask) {
    search::Terms terms{{"ab", static_cast<std::uint8_t>(mask)},
                        {"abc", static_cast<std::uint8_t>(mask)},
                        {"b0", 0x0A}};
    auto back = search::parse_terms(search::encode_terms(terms));
    ASSERT_TRUE(back) << mask;
    EXPECT_EQ(*back, terms) << mask;
  }
  for (int i = 0; i < 2000; ++i) {
    search::Terms terms = random_terms(rng);
    std::string stored = search::encode_terms(terms);
    EXPECT_EQ(search::parse_terms(stored), terms);
    if (!stored.empty()) {
      EXPECT_EQ(search::parse_terms(stored.substr(0, stored.size() - 1)), std::nullopt);
    }
  }
  // The old newline-separated form, a zero mask, a term out of order, a term that is no word.
  EXPECT_EQ(search::parse_terms("\x02judul\n"), std::nullopt);
  EXPECT_EQ(search::parse_terms(std::string("\x00\x00\x00\x00\x02"
                                            "ab",
                                            7)),
            std::nullopt);
  EXPECT_EQ(
      search::parse_terms(search::encode_terms({{"bb", 1}}) + search::encode_terms({{"ab", 1}})),
      std::nullopt);
  EXPECT_EQ(search::parse_terms(search::encode_terms({{"a b", 1}})), std::nullopt);
}

// put_terms on a real store: replacing A's terms by B's leaves exactly the rows of B put alone.
TEST(SearchTermsEncodingTest, PutTermsReplacingAWithBEqualsB) {
  sopan::testing::TempDir dir;
  auto store = index::Store::open(dir.path() / "index");
  ASSERT_THAT(store, IsOk());
  std::mt19937 rng(7);
  for (int round = 0; round < 300; ++round) {
    const std::string replaced = "R" + std::to_string(round), fresh = "F" + std::to_string(round);
    search::Terms a = random_terms(rng), b = random_terms(rng);
    index::Batch first, second, alone;
    search::put_terms(first, replaced, {}, a);
    ASSERT_THAT((*store)->write(std::move(first)), IsOk());
    auto stored = search::stored_terms(**store, replaced);
    ASSERT_THAT(stored, IsOk());
    EXPECT_EQ(*stored, a);
    search::put_terms(second, replaced, *stored, b);
    search::put_terms(alone, fresh, {}, b);
    ASSERT_THAT((*store)->write(std::move(second)), IsOk());
    ASSERT_THAT((*store)->write(std::move(alone)), IsOk());
    ASSERT_EQ(rows_of(**store, replaced), rows_of(**store, fresh));
  }
}

}  // namespace
}  // namespace sopan::library
