#include "common/xml.hpp"

#include <gtest/gtest.h>

namespace sopan {
namespace {

TEST(XmlEscapeTest, MarkupCharactersAreEscaped) {
  EXPECT_EQ(xml_escape("a<b>&\"c'd"), "a&lt;b&gt;&amp;&quot;c&#39;d");
  EXPECT_EQ(xml_escape("Kepala Dinas \xC3\xA9"), "Kepala Dinas \xC3\xA9");
}

TEST(XmlEscapeTest, CharactersXmlForbidsBecomeReplacementCharacters) {
  const std::string r = "\xEF\xBF\xBD";
  EXPECT_EQ(xml_escape(std::string("a\0b", 3)), "a" + r + "b");
  EXPECT_EQ(xml_escape("a\x01\x08\x0B\x0C\x1B\x1F"
                       "b"),
            "a" + r + r + r + r + r + r + "b");
  EXPECT_EQ(xml_escape("tab\tlf\ncr\r"), "tab\tlf\ncr\r");   // allowed by XML 1.0
  EXPECT_EQ(xml_escape("\xEF\xBF\xBE\xEF\xBF\xBF"), r + r);  // U+FFFE, U+FFFF
  EXPECT_EQ(xml_escape("a\xFF"
                       "b\xC3"),
            "a" + r + "b" + r);  // invalid UTF-8
}

}  // namespace
}  // namespace sopan
