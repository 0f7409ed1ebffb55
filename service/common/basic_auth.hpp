#pragma once
/// HTTP Basic credentials (RFC 7617), read strictly: what a git client sends under /git/. Pure.
#include <optional>
#include <string>
#include <string_view>

namespace sopan {

struct BasicCredentials {
  std::string username;
  std::string password;  // under /git/: a personal access token
};

/// The credentials of an `Authorization` header value "Basic <base64 of user:password>" (the
/// scheme in any case, standard base64 with its padding). nullopt for another scheme, bad
/// base64, a value over 1 KiB, no ':' or an empty username, or decoded text that is not UTF-8
/// or holds a control character.
std::optional<BasicCredentials> parse_basic_authorization(std::string_view header);

/// "Basic <base64 of username:password>" (tests, and the git clone command shown on screen).
std::string basic_authorization(std::string_view username, std::string_view password);

}  // namespace sopan
