#pragma once
/// The short code printed under an electronic signature (issue 15 §6), which anyone can type or
/// scan on the public verification page. It is derived from the ratifying commit and the
/// document's path, so it names exactly one signed content and needs no secret: the code is an
/// address, not a proof (the page proves by reading the record).
///
/// Form: "SPN-" + 12 symbols of Crockford's base32 (no I, L, O, U) in groups of four: 50 bits of
/// SHA-256 over "<commit>\n<path>", then two check symbols (a weighted sum mod 1021, so any one
/// symbol mistyped and any two neighbours swapped are caught before the server looks anything up).
#include <optional>
#include <string>
#include <string_view>

namespace sopan::domain {

inline constexpr std::string_view kVerificationPrefix = "SPN";

/// The 12 symbols of the code of `commit`'s signature of the file at `path`.
std::string verification_key(std::string_view commit, std::string_view path);

/// "SPN-XXXX-XXXX-XXXX" from the 12 symbols.
std::string format_verification_code(std::string_view key);

/// The 12 symbols of a code as a person typed it: case, spaces and hyphens do not matter, the
/// prefix may be left out, and the letters read for digits (O for 0, I and L for 1) are taken as
/// those digits. nullopt when it is not 12 symbols of the alphabet with the right check symbol.
std::optional<std::string> parse_verification_code(std::string_view typed);

}  // namespace sopan::domain
