// Verification codes (issue 15 §6): derived from the commit and the path, typed back however a
// person types them, and every one-symbol typo or swap of neighbours refused before any lookup.
#include "domain/verification.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "domain/qr.hpp"

namespace sopan::domain {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const std::string kCommit = "3f1c2a9b8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a";
const std::string kPath = "sops/ab/ab12cd34.json";

TEST(VerificationCode, IsDerivedFromCommitAndPathAndReadsBack) {
  const std::string key = verification_key(kCommit, kPath);
  ASSERT_EQ(key.size(), 12u);
  EXPECT_EQ(key, verification_key(kCommit, kPath));
  EXPECT_NE(key, verification_key(kCommit, "sops/ab/ab12cd35.json"));
  EXPECT_NE(key, verification_key("4" + kCommit.substr(1), kPath));
  const std::string code = format_verification_code(key);
  EXPECT_EQ(code, "SPN-" + key.substr(0, 4) + "-" + key.substr(4, 4) + "-" + key.substr(8, 4));
  EXPECT_EQ(parse_verification_code(code), key);
}

TEST(VerificationCode, AcceptsWhatAPersonTypes) {
  const std::string key = verification_key(kCommit, kPath);
  std::string lower;
  for (char c : key) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_EQ(parse_verification_code(lower), key);
  EXPECT_EQ(parse_verification_code("spn " + lower.substr(0, 6) + " " + lower.substr(6)), key);
  EXPECT_EQ(parse_verification_code(key), key);  // without the prefix
  std::string misread = key;
  for (char& c : misread) c = c == '0' ? 'O' : c == '1' ? 'l' : c;
  EXPECT_EQ(parse_verification_code(misread), key);
}

TEST(VerificationCode, RefusesEveryOneSymbolTypoAndEverySwapOfNeighbours) {
  int keys = 0;
  for (int n = 0; n < 50; ++n) {
    const std::string key = verification_key(kCommit, kPath + std::to_string(n));
    ++keys;
    for (std::size_t i = 0; i < key.size(); ++i) {
      for (char c : kAlphabet) {
        if (c == key[i]) continue;
        std::string typo = key;
        typo[i] = c;
        EXPECT_FALSE(parse_verification_code(typo)) << key << " → " << typo;
      }
      if (i + 1 < key.size() && key[i] != key[i + 1]) {
        std::string swapped = key;
        std::swap(swapped[i], swapped[i + 1]);
        EXPECT_FALSE(parse_verification_code(swapped)) << key << " → " << swapped;
      }
    }
  }
  EXPECT_EQ(keys, 50);
}

TEST(VerificationCode, RefusesWhatIsNoCode) {
  const std::string key = verification_key(kCommit, kPath);
  for (const std::string& bad :
       {std::string(), key.substr(0, 11), key + "0", "ABC-" + key, "SPN-" + key + "-0",
        key.substr(0, 11) + "U", key.substr(0, 10) + "ZZ", "SPN/" + key, std::string(65, 'A'),
        std::string("\0", 1) + key, "../../" + key, key.substr(0, 6) + "%" + key.substr(7)})
    EXPECT_FALSE(parse_verification_code(bad)) << bad;
}

TEST(QrSvg, IsOneSquareOfModulesWithItsQuietZoneAndAnEscapedLabel) {
  auto svg = qr_svg("http://127.0.0.1:8080/v/SPN-ABCD-EFGH-JK12", "<b>\"x\"</b>", 20);
  ASSERT_TRUE(svg);
  EXPECT_TRUE(svg->starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
  EXPECT_NE(svg->find("aria-label=\"&lt;b&gt;&quot;x&quot;&lt;/b&gt;\""), std::string::npos);
  EXPECT_EQ(svg->find("<b>"), std::string::npos);
  // A version-n symbol is 4n + 17 modules wide; with 4 modules of quiet zone on each side.
  const auto view = svg->find("viewBox=\"0 0 ");
  ASSERT_NE(view, std::string::npos);
  const int total = std::stoi(svg->substr(view + 13));
  EXPECT_EQ((total - 8 - 17) % 4, 0) << total;
  EXPECT_GE(total, 21 + 8);
  EXPECT_NE(svg->find("width=\"20mm\""), std::string::npos);
  EXPECT_EQ(*svg, *qr_svg("http://127.0.0.1:8080/v/SPN-ABCD-EFGH-JK12", "<b>\"x\"</b>", 20));
}

}  // namespace
}  // namespace sopan::domain
