#include "http/target.hpp"

#include "common/text.hpp"

namespace sopan::http {

std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      int hi = hex(text[i + 1]), lo = hex(text[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      c = static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      c = ' ';
    }
    if (c == '\0') return std::nullopt;
    out.push_back(c);
  }
  return out;
}

namespace {
/// What a decoded path or query part may hold: valid UTF-8 without any control character (it is
/// routed, logged and may land in an audit event).
bool is_clean(std::string_view s) {
  return text::is_valid_utf8(s) &&
         text::find_forbidden_control(s, text::Lines::kSingle) == std::string_view::npos;
}
}  // namespace

bool is_clean_header_value(std::string_view value) {
  // HTTP allows TAB inside a value; the parser has already refused CR, LF and NUL.
  return text::is_valid_utf8(value) &&
         text::find_forbidden_control(value, text::Lines::kMulti) == std::string_view::npos;
}

std::optional<Target> parse_target(std::string_view target) {
  if (target.empty() || target.front() != '/') return std::nullopt;
  Target out;
  auto q = target.find('?');
  auto path = percent_decode(target.substr(0, q), /*plus_is_space=*/false);
  if (!path || !is_clean(*path)) return std::nullopt;
  out.path = std::move(*path);
  if (q == std::string_view::npos) return out;
  std::string_view query = target.substr(q + 1);
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    auto key = percent_decode(pair.substr(0, eq), true);
    auto value = percent_decode(eq == std::string_view::npos ? "" : pair.substr(eq + 1), true);
    if (!key || !value || !is_clean(*key) || !is_clean(*value)) return std::nullopt;
    out.query.insert_or_assign(std::move(*key), std::move(*value));
  }
  return out;
}

}  // namespace sopan::http
