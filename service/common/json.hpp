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

/// Parses `text`; malformed or too deeply nested input is Errc::kInvalidArgument.
[[nodiscard]] Result<boost::json::value> parse(std::string_view text);
/// Two-space indented JSON with a trailing newline; keys keep their order.
std::string pretty(const boost::json::value& v);
/// A string member of `o`, or nullopt when absent or not a string.
std::optional<std::string_view> string_field(const boost::json::object& o, std::string_view key);

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
