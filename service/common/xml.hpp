#pragma once
/// Escaping for text and attribute values in the HTML and SVG the server writes.
#include <string>
#include <string_view>

namespace sopan {
/// `text` escaped for XML text and attribute values (both quote kinds). The result is always
/// well-formed XML 1.0 character data: invalid UTF-8, C0 controls other than TAB, LF and CR,
/// and U+FFFE/U+FFFF become U+FFFD.
[[nodiscard]] std::string xml_escape(std::string_view text);
}  // namespace sopan
