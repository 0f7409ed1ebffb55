#include "common/text.hpp"

#include <gtest/gtest.h>

namespace sopan::text {
namespace {

TEST(TextTest, ValidUtf8IsRecognised) {
  EXPECT_TRUE(is_valid_utf8("Kepala Dinas"));
  EXPECT_TRUE(is_valid_utf8("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"));  // é € 😀
  EXPECT_FALSE(is_valid_utf8("\xC3"));                                 // cut
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));                             // overlong
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));                         // surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));                     // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xFF"));
}

TEST(TextTest, InvalidBytesBecomeReplacementCharacters) {
  EXPECT_EQ(valid_utf8("a\xFF"
                       "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_TRUE(is_valid_utf8(valid_utf8("\xC3\xC3\xA9\xE2\x82")));
}

TEST(TextTest, CutNeverSplitsACharacter) {
  std::string s = "ab\xE2\x82\xAC";  // "ab€": 5 bytes
  EXPECT_EQ(cut_utf8(s, 5), s);
  EXPECT_EQ(cut_utf8(s, 4), "ab");
  EXPECT_EQ(cut_utf8(s, 3), "ab");
  EXPECT_EQ(cut_utf8(s, 2), "ab");
  for (std::size_t n = 0; n < 70; ++n)
    EXPECT_TRUE(is_valid_utf8(cut_utf8(std::string(63, 'x') + "\xC3\xA9\xC3\xA9", n)));
}

TEST(TextTest, LengthCountsCharacters) {
  EXPECT_EQ(utf8_length("ab\xE2\x82\xAC"), 3u);
  EXPECT_EQ(utf8_length(""), 0u);
}

TEST(TextTest, ControlCharactersAreFound) {
  EXPECT_EQ(find_forbidden_control("baik", Lines::kSingle), std::string_view::npos);
  EXPECT_EQ(find_forbidden_control("a\nb", Lines::kSingle), 1u);
  EXPECT_EQ(find_forbidden_control("a\nb\tc", Lines::kMulti), std::string_view::npos);
  EXPECT_EQ(find_forbidden_control(std::string_view("a\0b", 3), Lines::kMulti), 1u);
  EXPECT_EQ(find_forbidden_control("a\rb", Lines::kMulti), 1u);
  EXPECT_EQ(find_forbidden_control("a\x7F", Lines::kMulti), 1u);
  EXPECT_EQ(find_forbidden_control("\x1B[31m", Lines::kMulti), 0u);
}

}  // namespace
}  // namespace sopan::text
