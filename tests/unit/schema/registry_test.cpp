#include "schema/registry.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <fstream>
#include <string>
#include <vector>

#include "support/temp_dir.hpp"

namespace sopan::schema {
namespace {
using sopan::testing::ErrcIs;
using sopan::testing::IsOk;
namespace json = boost::json;

/// A directory holding one schema, "x", with `text` as its content.
std::unique_ptr<sopan::testing::TempDir> write_schema(const std::string& text) {
  auto dir = std::make_unique<sopan::testing::TempDir>();
  std::ofstream(dir->path() / "x.schema.json") << text;
  return dir;
}

/// Every detail of a refusal as "path: message" ({"ok"} for no refusal).
std::vector<std::string> details_of(const Status& s) {
  if (s) return {"ok"};
  const Error e = s.error();  // a copy: result::error() returns by value
  std::vector<std::string> out;
  for (const auto& d : e.details.as_array())
    out.push_back(std::string(d.at("path").as_string()) + ": " +
                  std::string(d.at("message").as_string()));
  return out;
}

/// The first detail of a refusal as "path: message".
std::string first_detail(const Status& s) { return details_of(s).at(0); }

class RegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto r = Registry::load(std::string(SOPAN_SOURCE_DIR) + "/schemas");
    ASSERT_THAT(r, IsOk());
    registry_ = std::move(*r);
  }
  std::unique_ptr<Registry> registry_;
};

// Titles, numbers, names and labels are one line: a line break in a title would reach every
// list, log line and print header.
TEST_F(RegistryTest, SingleLineFieldsRefuseLineBreaks) {
  json::object doc{{"title", "Surat\nMasuk"}, {"unit", "U"}};
  EXPECT_EQ(first_detail(registry_->validate("sop", doc)),
            "/title: Harus satu baris (tanpa ganti baris atau tab)");
  doc["title"] = "Surat Masuk";
  doc["legal_basis"] = json::array{"Baris satu\nbaris dua"};  // lists may hold lines
  EXPECT_THAT(registry_->validate("sop", doc), IsOk());
}

TEST_F(RegistryTest, VeryLongUnknownKeyIsNamedWithoutRegex) {
  // valijson's message quotes the key; a std::regex over it used to overflow the stack.
  std::string key(200000, 'k');
  json::object body{{"username", "admin"}, {"password", "x"}, {key, 1}};
  auto s = registry_->validate("login.request", body);
  ASSERT_THAT(s, ErrcIs(Errc::kValidation));
  EXPECT_EQ(first_detail(s), "/" + key + ": Isian ini tidak dikenal");
}

TEST_F(RegistryTest, KeyWithQuotesIsNamedWhole) {
  json::object body{{"username", "admin"}, {"password", "x"}, {"it's 'x'", 1}};
  EXPECT_EQ(first_detail(registry_->validate("login.request", body)),
            "/it's 'x': Isian ini tidak dikenal");
  EXPECT_EQ(first_detail(registry_->validate("login.request", json::object{{"password", "x"}})),
            "/username: Wajib diisi");
}

TEST_F(RegistryTest, VeryLongAnchorIsRefusedBeforeThePatternRuns) {
  // "^(/[a-z_]+...)" recursed once per character in std::regex: a 1 MB anchor killed the process.
  json::object body{{"text", "Mohon diperbaiki"}, {"anchor", "/" + std::string(1 << 20, 'a')}};
  auto s = registry_->validate("comment.request", body);
  ASSERT_THAT(s, ErrcIs(Errc::kValidation));
  EXPECT_EQ(first_detail(s), "/anchor: Teks terlalu panjang (maksimal 120 karakter)");
}

TEST_F(RegistryTest, PatternWithoutMaxLengthSeesAtMostTheDefaultCap) {
  // reply_to has a pattern and no maxLength.
  json::object body{{"text", "Setuju"}, {"reply_to", std::string(100000, '0')}};
  EXPECT_EQ(first_detail(registry_->validate("comment.request", body)),
            "/reply_to: Teks terlalu panjang (maksimal 256 karakter)");
}

TEST_F(RegistryTest, MaxLengthCountsCharactersNotBytesAndDoesNotStopAtNul) {
  std::string e_acute = "\xC3\xA9";
  std::string sixty_four, sixty_five;
  for (int i = 0; i < 64; ++i) sixty_four += e_acute;
  sixty_five = sixty_four + e_acute;
  EXPECT_THAT(registry_->validate("login.request",
                                  json::object{{"username", sixty_four}, {"password", "x"}}),
              IsOk());
  EXPECT_EQ(first_detail(registry_->validate(
                "login.request", json::object{{"username", sixty_five}, {"password", "x"}})),
            "/username: Teks terlalu panjang (maksimal 64 karakter)");
  // valijson counted up to the first NUL only: "a\0" + 300 more characters passed maxLength 64.
  std::string with_nul = std::string("a") + '\0' + std::string(300, 'b');
  auto s =
      registry_->validate("login.request", json::object{{"username", with_nul}, {"password", "x"}});
  ASSERT_THAT(s, ErrcIs(Errc::kValidation));
  EXPECT_EQ(first_detail(s), "/username: Teks memuat karakter NUL");
}

TEST_F(RegistryTest, LengthChecksFollowRefsAndItemsWithThePrefix) {
  // sop.schema.json: steps[].id is a $ref to definitions/step_id (a pattern, no maxLength).
  json::object doc{{"title", "Cuti Tahunan"},
                   {"steps", json::array{json::object{{"id", std::string(5000, 'a')}}}}};
  auto s = registry_->validate("sop", doc, "/document");
  ASSERT_THAT(s, ErrcIs(Errc::kValidation));
  EXPECT_EQ(first_detail(s), "/document/steps/0/id: Teks terlalu panjang (maksimal 256 karakter)");
}

TEST_F(RegistryTest, MessagesKeepTheirNumbers) {
  std::string pointer;
  EXPECT_EQ(translate_message("String should be no more than 120 characters in length.", pointer),
            "Teks terlalu panjang (maksimal 120 karakter)");
  EXPECT_EQ(translate_message("Expected number less than or equal to 50.000000", pointer),
            "Angka maksimal 50");
  EXPECT_EQ(translate_message("Expected number greater than or equal to 1.500000", pointer),
            "Angka minimal 1.5");
  EXPECT_EQ(translate_message("Array should contain no more than 100 elements.", pointer),
            "Jumlah butir terlalu banyak (maksimal 100)");
  EXPECT_EQ(pointer, "");
  EXPECT_EQ(translate_message("Missing required property 'title'.", pointer), "Wajib diisi");
  EXPECT_EQ(pointer, "/title");
}

TEST(RegistryLoadTest, SchemaTheLengthCheckCannotFollowFailsToLoad) {
  sopan::testing::TempDir dir;
  std::ofstream(dir.path() / "x.schema.json")
      << R"({"type":"object","properties":{"a":{"anyOf":[{"type":"string","pattern":"^a+$"}]}}})";
  auto r = Registry::load(dir.path());
  ASSERT_THAT(r, ErrcIs(Errc::kInternal));
  EXPECT_NE(r.error().message.find("anyOf"), std::string::npos) << r.error().message;
}

TEST(RegistryLoadTest, PatternWithAHugeMaxLengthFailsToLoad) {
  sopan::testing::TempDir dir;
  std::ofstream(dir.path() / "x.schema.json")
      << R"({"type":"string","maxLength":100000,"pattern":"^a+$"})";
  EXPECT_THAT(Registry::load(dir.path()), ErrcIs(Errc::kInternal));
}

TEST_F(RegistryTest, SingleLineMeansNoTabEitherAtAnyDepth) {
  json::object doc{{"title", "Surat\tMasuk"}, {"unit", "U"}};
  EXPECT_EQ(first_detail(registry_->validate("sop", doc)),
            "/title: Harus satu baris (tanpa ganti baris atau tab)");
  // Inside arrays and nested objects, with the caller's prefix.
  json::object nested{
      {"title", "Surat Masuk"},
      {"unit", "U"},
      {"actors", json::array{json::object{{"id", "a"}, {"external", "Pemohon"}},
                             json::object{{"id", "b"}, {"external", "Pihak\nluar"}}}}};
  EXPECT_EQ(first_detail(registry_->validate("sop", nested, "/document")),
            "/document/actors/1/external: Harus satu baris (tanpa ganti baris atau tab)");
}

TEST_F(RegistryTest, EveryLengthProblemIsListedAndThePatternsWaitForThem) {
  // Two strings too long and a required member missing: the length check answers alone (with
  // both), valijson does not run until the lengths are right.
  json::object doc{{"title", std::string(301, 'a')},
                   {"steps", json::array{json::object{{"id", std::string(300, '1')}}}}};
  auto s = registry_->validate("sop", doc);
  ASSERT_THAT(s, ErrcIs(Errc::kValidation));
  EXPECT_EQ(details_of(s), (std::vector<std::string>{
                               "/title: Teks terlalu panjang (maksimal 300 karakter)",
                               "/steps/0/id: Teks terlalu panjang (maksimal 256 karakter)"}));
  doc["title"] = "Surat Masuk";
  doc["steps"] = json::array{json::object{{"id", "1 2"}}};
  EXPECT_EQ(details_of(registry_->validate("sop", doc)),
            (std::vector<std::string>{"/steps/0/id: Format tidak sesuai",
                                      "/steps/0/symbol: Wajib diisi", "/unit: Wajib diisi"}));
}

TEST_F(RegistryTest, BytesBeyondFourACharacterAreTooLongWithoutCounting) {
  // 65 four-byte characters: 260 bytes, within 4 × 64, so they are counted; 65 > 64.
  std::string emoji;
  for (int i = 0; i < 65; ++i) emoji += "\xF0\x9F\x98\x80";
  EXPECT_EQ(first_detail(registry_->validate("login.request",
                                             json::object{{"username", emoji}, {"password", "x"}})),
            "/username: Teks terlalu panjang (maksimal 64 karakter)");
  emoji.resize(64 * 4);
  EXPECT_THAT(
      registry_->validate("login.request", json::object{{"username", emoji}, {"password", "x"}}),
      IsOk());
}

TEST_F(RegistryTest, PointersEscapeTheirTokens) {
  // RFC 6901: '~' is "~0" and '/' is "~1", in names valijson reports and the length check alike.
  json::object body{{"username", "admin"}, {"password", "x"}, {"a/b~c", 1}};
  EXPECT_EQ(first_detail(registry_->validate("login.request", body)),
            "/a~1b~0c: Isian ini tidak dikenal");
  auto dir =
      write_schema(R"({"type":"object","additionalProperties":{"type":"string","maxLength":3}})");
  auto r = Registry::load(dir->path());
  ASSERT_THAT(r, IsOk());
  EXPECT_EQ(first_detail((*r)->validate("x", json::object{{"k/~", "panjang"}}, "/p")),
            "/p/k~1~0: Teks terlalu panjang (maksimal 3 karakter)");
}

TEST_F(RegistryTest, ValijsonProblemsNameTheirField) {
  json::object doc{
      {"title", "Surat Masuk"},
      {"unit", "U"},
      {"steps",
       json::array{json::object{{"id", "1"}, {"symbol", "mulai"}},
                   json::object{{"id", "2"}, {"symbol", "lingkaran"}},
                   json::object{{"id", "3"},
                                {"symbol", "kegiatan"},
                                {"duration", json::object{{"value", 0}, {"unit", "jam"}}}}}}};
  EXPECT_EQ(
      details_of(registry_->validate("sop", doc, "/document")),
      (std::vector<std::string>{"/document/steps/1/symbol: Nilai tidak termasuk pilihan",
                                "/document/steps/2/duration/value: Angka harus lebih dari 0"}));
  EXPECT_EQ(details_of(registry_->validate("sop", json::array{})),
            (std::vector<std::string>{": Jenis nilai tidak sesuai"}));
}

TEST_F(RegistryTest, AnUnknownSchemaIsTheCallersBug) {
  EXPECT_TRUE(registry_->has("sop"));
  EXPECT_TRUE(registry_->has("login.request"));
  EXPECT_FALSE(registry_->has("sop.schema"));
  EXPECT_FALSE(registry_->has("tidak-ada"));
  auto s = registry_->validate("tidak-ada", json::object{});
  ASSERT_THAT(s, ErrcIs(Errc::kInternal));
  EXPECT_EQ(s.error().message, "Skema tidak dikenal");
}

TEST(RegistryLoadTest, AMissingEmptyOrBrokenSchemaDirectoryFailsStartUp) {
  sopan::testing::TempDir dir;
  EXPECT_THAT(Registry::load(dir.path() / "tidak-ada"), ErrcIs(Errc::kInternal));
  EXPECT_THAT(Registry::load(dir.path()), ErrcIs(Errc::kInternal));    // no *.schema.json
  std::ofstream(dir.path() / "notes.json") << R"({"type":"string"})";  // not a schema file
  EXPECT_THAT(Registry::load(dir.path()), ErrcIs(Errc::kInternal));
  std::ofstream(dir.path() / "x.schema.json") << R"({"type":"string")";
  EXPECT_THAT(Registry::load(dir.path()), ErrcIs(Errc::kInternal));
}

TEST(RegistryLoadTest, ARefTheLengthCheckCannotFollowFailsToLoad) {
  for (const char* schema :
       {R"({"type":"object","properties":{"a":{"$ref":"other.json#/x"}}})",
        R"({"definitions":{"a":{"$ref":"#/definitions/b"},"b":{"$ref":"#/definitions/a"}},)"
        R"("properties":{"x":{"$ref":"#/definitions/a"}}})",
        R"({"properties":{"x":{"$ref":"#/definitions/none"}}})"}) {
    auto dir = write_schema(schema);
    auto r = Registry::load(dir->path());
    ASSERT_THAT(r, ErrcIs(Errc::kInternal)) << schema;
    EXPECT_NE(r.error().message.find("$ref"), std::string::npos) << r.error().message;
  }
}

TEST(RegistryLoadTest, SingleLineIsOursToSwitchOff) {
  auto dir = write_schema(
      R"({"type":"object","properties":{"one":{"type":"string","x-single-line":true},)"
      R"("many":{"type":"string","x-single-line":false},"odd":{"type":"string","x-single-line":1}}})");
  auto r = Registry::load(dir->path());
  ASSERT_THAT(r, IsOk());
  const std::string lines = "baris satu\nbaris dua\tdan tab";
  EXPECT_THAT((*r)->validate("x", json::object{{"many", lines}, {"odd", lines}}), IsOk());
  EXPECT_THAT((*r)->validate("x", json::object{{"one", lines}}), ErrcIs(Errc::kValidation));
  EXPECT_THAT((*r)->validate("x", json::object{{"one", "satu baris"}}), IsOk());
}

TEST(RegistryLoadTest, AFormatIsCappedLikeAPattern) {
  auto dir =
      write_schema(R"({"type":"object","properties":{"at":{"type":"string","format":"date-time"},)"
                   R"("day":{"type":"string","format":"date","maxLength":10}}})");
  auto r = Registry::load(dir->path());
  ASSERT_THAT(r, IsOk());
  EXPECT_EQ(first_detail((*r)->validate("x", json::object{{"at", std::string(100000, '9')}})),
            "/at: Teks terlalu panjang (maksimal 256 karakter)");
  EXPECT_EQ(first_detail((*r)->validate("x", json::object{{"day", "2025-01-011"}})),
            "/day: Teks terlalu panjang (maksimal 10 karakter)");
  EXPECT_THAT((*r)->validate("x", json::object{{"day", "2025-01-01"}}), IsOk());
  EXPECT_EQ(first_detail((*r)->validate("x", json::object{{"day", "2025-13-01"}})),
            "/day: Harus berupa tanggal (YYYY-MM-DD)");
}

}  // namespace
}  // namespace sopan::schema
