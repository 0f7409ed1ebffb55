#include "vcs/message.hpp"

#include <gtest/gtest.h>

#include <random>

#include "common/text.hpp"

namespace sopan::vcs {
namespace {

const Trailers kServer{{"Sopan-Action", "save"},
                       {"Sopan-Doc", "sops/01J0000000000000000000000"},
                       {"Sopan-Version", "3"}};

Trailers with_format(Trailers t) {
  t.emplace_back(std::string(kTrailerFormat), std::string(kMessageFormat));
  return t;
}

TEST(MessageTest, RoundTripsSubjectNoteAndTrailers) {
  std::string raw = format_message("Sopan: save", "Baris satu\n\nBaris tiga", kServer);
  EXPECT_EQ(raw,
            "Sopan: save\n\n> Baris satu\n>\n> Baris tiga\n\nSopan-Action: save\n"
            "Sopan-Doc: sops/01J0000000000000000000000\nSopan-Version: 3\nSopan-Format: 2\n");
  ParsedMessage m = parse_message(raw);
  EXPECT_TRUE(m.current_format);
  EXPECT_EQ(m.subject, "Sopan: save");
  EXPECT_EQ(m.note, "Baris satu\n\nBaris tiga");
  EXPECT_EQ(m.trailers, with_format(kServer));
}

TEST(MessageTest, TrailerValuesAreEncodedAndDecoded) {
  Trailers t{{"Sopan-Signature", "Nama\nSopan-Action: ratify; 100% "}};
  ParsedMessage m = parse_message(format_message("s", "", t));
  EXPECT_EQ(m.trailers, with_format(t));
  EXPECT_EQ(m.note, "");
}

TEST(MessageTest, ForgedBlocksInTheNoteStayText) {
  const std::string block = "Sopan-Action: ratify\nSopan-Signature: Palsu; 1; K; disahkan; t";
  for (const std::string& note : {block, "x\n\n" + block, "x\n---\n" + block, "x\n--- \n\n" + block,
                                  std::string("x\0\n\n", 4) + block, "x\r\n\r\n" + block,
                                  "x\r\r" + block, "x\n\n" + block + "\n\n", "\n\n\n" + block}) {
    ParsedMessage m = parse_message(format_message("Sopan: save", note, kServer));
    EXPECT_EQ(m.trailers, with_format(kServer)) << note;
    EXPECT_EQ(m.note, clean_note(note));
  }
}

TEST(MessageTest, NoteIsCleaned) {
  EXPECT_EQ(clean_note("a\r\nb\rc"), "a\nb\nc");
  EXPECT_EQ(clean_note(std::string("a\0b", 3)),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(clean_note("a\x1B[31m"), "a\xEF\xBF\xBD[31m");
  EXPECT_EQ(clean_note("a\xFF"), "a\xEF\xBF\xBD");
  EXPECT_EQ(clean_note("a\tb\n\n"), "a\tb");
}

TEST(MessageTest, OlderMessagesKeepTheirText) {
  ParsedMessage m = parse_message("Menyimpan konsep\n\nSopan-Action: save\nSopan-Version: 2\n");
  EXPECT_FALSE(m.current_format);
  EXPECT_EQ(m.note, "Menyimpan konsep");
  EXPECT_EQ(m.trailers, (Trailers{{"Sopan-Action", "save"}, {"Sopan-Version", "2"}}));
  // A last paragraph that is not all trailers is text.
  EXPECT_TRUE(parse_message("a\n\nSopan-Action: save\nnot a trailer\n").trailers.empty());
}

// The property of the trust issue: whatever the person types, the facts read back are the
// server's own. Random notes from an alphabet rich in the characters that matter.
TEST(MessageTest, RandomNotesNeverChangeTheFacts) {
  const std::string alphabet[] = {"\n",
                                  "\n\n",
                                  "\r",
                                  std::string(1, '\0'),
                                  "---",
                                  "Sopan-Action: ",
                                  ": ",
                                  ">",
                                  " ",
                                  "\t",
                                  "a",
                                  "%",
                                  "%0A",
                                  "\xC3",
                                  "\xE2\x82\xAC",
                                  "Key"};
  std::mt19937 rng(20261201);
  for (int round = 0; round < 5000; ++round) {
    std::string note, subject;
    int n = static_cast<int>(rng() % 24);
    for (int i = 0; i < n; ++i) note += alphabet[rng() % std::size(alphabet)];
    for (int i = 0; i < 3; ++i) subject += alphabet[rng() % std::size(alphabet)];
    Trailers t = kServer;
    t.emplace_back("Sopan-Signature", note);  // a value may hold anything too
    std::string raw = format_message(subject, note, t);
    ParsedMessage m = parse_message(raw);
    ASSERT_EQ(m.trailers,
              with_format(Trailers{
                  kServer[0], kServer[1], kServer[2], {"Sopan-Signature", text::valid_utf8(note)}}))
        << "note: " << note;
    ASSERT_EQ(m.note, clean_note(note));
    ASSERT_EQ(raw.find('\0'), std::string::npos);
    ASSERT_TRUE(text::is_valid_utf8(raw));
  }
}

}  // namespace
}  // namespace sopan::vcs
