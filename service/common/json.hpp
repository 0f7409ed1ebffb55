#pragma once
/// JSON helpers over Boost.JSON: parsing without exceptions and with limits, a stable pretty
/// form for files in git (line diffs stay readable), and small field accessors.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace sopan::json_util {

constexpr std::size_t kMaxDepth = 32;
/// The longest member name a request body may use (bytes).
constexpr std::size_t kMaxKeyBytes = 256;

/// Parses `text`; malformed or too deeply nested input is Errc::kInvalidArgument.
[[nodiscard]] Result<boost::json::value> parse(std::string_view text);

/// Parses a request body a person sent: parse() (which also refuses invalid UTF-8), then
/// check_request_value(). Every problem names its field by JSON pointer.
[[nodiscard]] Result<boost::json::value> parse_request(std::string_view text);
/// The limits on what a person may send, for every member name and string of `v`:
/// - Errc::kInvalidArgument (400) for a member name longer than kMaxKeyBytes or nesting deeper
///   than kMaxDepth;
/// - Errc::kValidation (422) for NUL, a C0 control character or DEL in a name or a string.
///   TAB and LF are allowed everywhere (a field that must be one line says so in its schema);
///   CR is refused (clients send LF line ends; the web app converts files).
/// Iterative over the members; recursion only as deep as kMaxDepth.
[[nodiscard]] Status check_request_value(const boost::json::value& v);
/// Two-space indented JSON with a trailing newline; keys keep their order.
std::string pretty(const boost::json::value& v);
/// A string member of `o`, or nullopt when absent or not a string.
std::optional<std::string_view> string_field(const boost::json::object& o, std::string_view key);
/// A string member of `o`, or "" (for reading documents already valid against their schema).
std::string text_field(const boost::json::object& o, std::string_view key);
/// An object member of `o`, or nullptr.
const boost::json::object* object_field(const boost::json::object& o, std::string_view key);

/// A member name as one JSON pointer token (RFC 6901: "~" → "~0", "/" → "~1").
std::string escape_pointer_token(std::string_view token);

/// One difference between two JSON values, at a JSON pointer. `before` is null when the member
/// or element was added, `after` when it was removed.
struct Change {
  std::string path;
  std::string kind;  // "added", "removed", "changed"
  boost::json::value before, after;
};
/// The differences from `a` to `b`: objects member by member, arrays element by element (by
/// index), anything else compared whole. Members in `a`'s order, then those only in `b`.
std::vector<Change> diff(const boost::json::value& a, const boost::json::value& b);

}  // namespace sopan::json_util
