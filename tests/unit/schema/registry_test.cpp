#include "schema/registry.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <fstream>

#include "support/temp_dir.hpp"

namespace sopan::schema {
namespace {
using sopan::testing::ErrcIs;
using sopan::testing::IsOk;
namespace json = boost::json;

class RegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto r = Registry::load(std::string(SOPAN_SOURCE_DIR) + "/schemas");
    ASSERT_THAT(r, IsOk());
    registry_ = std::move(*r);
  }
  /// The first detail of a refusal as "path: message".
  static std::string first_detail(const Status& s) {
    if (s) return "ok";
    const Error e = s.error();  // a copy: result::error() returns by value
    const auto& d = e.details.as_array().at(0).as_object();
    return std::string(d.at("path").as_string()) + ": " + std::string(d.at("message").as_string());
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

}  // namespace
}  // namespace sopan::schema
