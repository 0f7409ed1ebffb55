#pragma once
/// The commit message format: the one place that decides how a person's text and the server's
/// facts share a commit message. Pure functions, no libgit2 (fuzzed in tests/fuzz).
///
///     <subject: one line the server builds from its own facts>
///
///     > <the person's text, every line quoted>
///     > ...
///
///     Sopan-Action: save
///     Sopan-Doc: sops/01J...
///     Sopan-Format: 2
///
/// Why this cannot be forged: the trailer block is the last paragraph and is read only when every
/// line of it is a `Key: value` trailer; every line of the person's text starts with '>' (an empty
/// one is a lone '>'), so it can never be a trailer line, never be an empty line that starts a new
/// paragraph, and never be git's `---` patch divider. Control characters in the text become
/// U+FFFD and trailer values are percent-encoded, so no text ends a line or the message (NUL)
/// early. Stock git reads the same trailers (`git log --format='%(trailers)'`).
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sopan::vcs {

using Trailer = std::pair<std::string, std::string>;
using Trailers = std::vector<Trailer>;

/// The trailer every message in this format ends with.
inline constexpr std::string_view kTrailerFormat = "Sopan-Format";
inline constexpr std::string_view kMessageFormat = "2";

struct ParsedMessage {
  std::string subject;
  /// The person's text as they typed it (after the cleaning `format_message` applies).
  std::string note;
  Trailers trailers;  // decoded values, in order; empty when the last paragraph is not all trailers
  /// True for messages written in this format; older messages (before format 2) carry their
  /// text unquoted, and `note` is then everything but the trailer block.
  bool current_format = false;
};

/// Builds a message. `subject` is made one line (controls become spaces); `note` keeps its lines
/// (CR LF and CR become LF; NUL and other controls but TAB become U+FFFD; invalid UTF-8 becomes
/// U+FFFD); trailer keys must be [A-Za-z0-9-]+ (other characters become '-'); values are
/// percent-encoded (%, controls, DEL) and decoded by `parse_message`. The format trailer is added.
std::string format_message(std::string_view subject, std::string_view note,
                           const Trailers& trailers);
/// Reads any message (total: never fails, whatever the bytes).
ParsedMessage parse_message(std::string_view raw);

/// The note as `format_message` stores it, so callers can compare what they will read back.
std::string clean_note(std::string_view note);
/// Percent-encoding of a trailer value, and back (a malformed escape is kept as is).
std::string encode_trailer_value(std::string_view value);
std::string decode_trailer_value(std::string_view value);

}  // namespace sopan::vcs
