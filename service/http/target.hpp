#pragma once
/// Splits a request target into a decoded path and query parameters. Pure.
#include <optional>
#include <string>
#include <string_view>

#include "api/types.hpp"

namespace sopan::http {

struct Target {
  std::string path;  // percent-decoded, as routed
  api::StringMap query;
};

/// nullopt for a target that is not an origin-form path, has bad percent-encoding, or whose
/// decoded path or query holds invalid UTF-8, NUL or another control character.
std::optional<Target> parse_target(std::string_view target);
/// False for a header value with invalid UTF-8 or a control character other than TAB.
bool is_clean_header_value(std::string_view value);
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

}  // namespace sopan::http
