#pragma once
/// Escaping for text and attribute values in the HTML and SVG the server writes.
#include <string>
#include <string_view>

namespace sopan {
[[nodiscard]] std::string xml_escape(std::string_view text);
}
