#pragma once
/// UTF-8 and control-character checks for any text a person can type. Pure functions, no I/O.
/// Every string that is stored (git, index, events, logs) passes through one of these, so a
/// stored string is always valid UTF-8 and never holds a character that ends or splits a record.
#include <cstddef>
#include <string>
#include <string_view>

namespace sopan::text {

/// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view s);
/// `s` with every ill-formed sequence replaced by U+FFFD.
std::string valid_utf8(std::string_view s);
/// At most `max_bytes` of `valid_utf8(s)`, cut on a character boundary.
std::string cut_utf8(std::string_view s, std::size_t max_bytes);
/// Number of code points of well-formed UTF-8 `s` (an ill-formed byte counts as one).
std::size_t utf8_length(std::string_view s);

enum class Lines { kSingle, kMulti };
/// The first forbidden control character in `s`: NUL, C0 controls and DEL, except LF and TAB
/// when `lines` is kMulti (CR is always forbidden: LF is the one line end). npos when none.
std::size_t find_forbidden_control(std::string_view s, Lines lines);

}  // namespace sopan::text
