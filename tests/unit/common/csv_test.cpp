#include "common/csv.hpp"

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

namespace sopan::csv {
namespace {
using sopan::testing::ErrcIs;
using sopan::testing::IsOk;

TEST(CsvTest, CommaFileWithQuotesAndBlankLines) {
  auto t =
      parse("NIP,Nama,aktif\n1,\"Budi, S.E.\",ya\n\n2,\"Kata \"\"kutip\"\"\nbaris\",tidak\n", "/f");
  ASSERT_THAT(t, IsOk());
  EXPECT_EQ(t->header, (std::vector<std::string>{"nip", "nama", "aktif"}));
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[0].line, 2u);
  EXPECT_EQ(t->rows[0].cells[1], "Budi, S.E.");
  EXPECT_EQ(t->rows[1].line, 4u);  // the blank line 3 is skipped, but counted
  EXPECT_EQ(t->rows[1].cells[1], "Kata \"kutip\"\nbaris");
}

TEST(CsvTest, SemicolonsCrLfAndBomAsExcelSavesThem) {
  auto t = parse("\xEF\xBB\xBFkode;nama\r\n1.1; Bagian Organisasi \r\n", "/f");
  ASSERT_THAT(t, IsOk());
  EXPECT_EQ(t->header, (std::vector<std::string>{"kode", "nama"}));
  EXPECT_EQ(t->rows[0].cells, (std::vector<std::string>{"1.1", "Bagian Organisasi"}));
}

TEST(CsvTest, BrokenFilesAreRefusedWithThePlace) {
  EXPECT_THAT(parse("a,b\n1,\"tidak ditutup\n", "/f"), ErrcIs(Errc::kInvalidArgument));
  EXPECT_THAT(parse("a,b\n\xff\xfe,1\n", "/f"), ErrcIs(Errc::kInvalidArgument));
  EXPECT_THAT(parse("\n\n", "/f"), ErrcIs(Errc::kInvalidArgument));
  auto e = parse("a\n\"x\n", "/units");
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().details.at(0).at("path"), "/units");
}

}  // namespace
}  // namespace sopan::csv
