#include "common/xml.hpp"

#include "common/text.hpp"

namespace sopan {

std::string xml_escape(std::string_view text) {
  // XML 1.0 allows no C0 control other than TAB, LF and CR, nor U+FFFE/U+FFFF, and a document
  // with one is not XML at all (the SVG would not show): such characters become U+FFFD, as do
  // the bytes of invalid UTF-8.
  constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  const std::string valid = text::valid_utf8(text);
  std::string out;
  out.reserve(valid.size());
  for (std::size_t i = 0; i < valid.size(); ++i) {
    const char c = valid[i];
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        if (u < 0x20 && c != '\t' && c != '\n' && c != '\r') {
          out += kReplacement;
        } else if (u == 0xEF && i + 2 < valid.size() && valid[i + 1] == '\xBF' &&
                   (valid[i + 2] == '\xBE' || valid[i + 2] == '\xBF')) {
          out += kReplacement;
          i += 2;
        } else {
          out += c;
        }
    }
  }
  return out;
}

}  // namespace sopan
