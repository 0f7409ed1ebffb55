// Any text a person types, through commit-message building and reading: the facts read back are
// always exactly the server's own (vcs/message.hpp). The input is split at 0xFF bytes into the
// note, the subject and a value for one of the server's trailers (a signature may hold a name).
// A second pass reads the raw input itself as a message: reading never fails or crashes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "common/text.hpp"
#include "vcs/message.hpp"

namespace vcs = sopan::vcs;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    std::size_t cut = in.find('\xFF', start);
    parts.push_back(
        in.substr(start, cut == std::string_view::npos ? in.size() - start : cut - start));
    if (cut == std::string_view::npos) break;
    start = cut + 1;
  }
  const std::string_view note = parts[0];
  const std::string_view subject = parts.size() > 1 ? parts[1] : "Sopan: save";
  const std::string_view value = parts.size() > 2 ? parts[2] : "";

  const vcs::Trailers server{{"Sopan-Action", "save"},
                             {"Sopan-Doc", "sops/01J0000000000000000000000"},
                             {"Sopan-Version", "3"},
                             {"Sopan-Signature", std::string(value)}};
  const std::string raw = vcs::format_message(subject, note, server);
  const vcs::ParsedMessage parsed = vcs::parse_message(raw);

  vcs::Trailers expected = server;
  expected.back().second = sopan::text::valid_utf8(value);
  expected.emplace_back(std::string(vcs::kTrailerFormat), std::string(vcs::kMessageFormat));
  if (parsed.trailers != expected) std::abort();           // a fact changed or was added
  if (parsed.note != vcs::clean_note(note)) std::abort();  // the text did not come back
  if (!parsed.current_format) std::abort();
  if (raw.find('\0') != std::string::npos) std::abort();  // git would cut the message there
  if (!sopan::text::is_valid_utf8(raw)) std::abort();

  (void)vcs::parse_message(in);  // any bytes at all
  return 0;
}
