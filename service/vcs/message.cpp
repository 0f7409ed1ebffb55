#include "vcs/message.hpp"

#include "common/text.hpp"

namespace sopan::vcs {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
constexpr std::size_t kMaxSubjectBytes = 200;

bool is_key_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

std::string clean_key(std::string_view key) {
  std::string out(key);
  for (char& c : out)
    if (!is_key_char(c)) c = '-';
  if (out.empty()) out = "-";
  return out;
}

/// A trailer line is `Key: value` with a key of [A-Za-z0-9-]+.
bool split_trailer(std::string_view line, std::string_view& key, std::string_view& value) {
  std::size_t colon = line.find(": ");
  if (colon == std::string_view::npos || colon == 0) return false;
  for (char c : line.substr(0, colon))
    if (!is_key_char(c)) return false;
  key = line.substr(0, colon);
  value = line.substr(colon + 2);
  return true;
}

std::vector<std::string_view> split_lines(std::string_view s) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t end = s.find('\n', start);
    if (end == std::string_view::npos) end = s.size();
    lines.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

std::string clean_note(std::string_view note) {
  std::string valid = text::valid_utf8(note);
  std::string out;
  out.reserve(valid.size());
  for (std::size_t i = 0; i < valid.size(); ++i) {
    const auto c = static_cast<unsigned char>(valid[i]);
    if (c == '\r') {
      out += '\n';
      if (i + 1 < valid.size() && valid[i + 1] == '\n') ++i;
    } else if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) {
      out += kReplacement;
    } else {
      out += static_cast<char>(c);
    }
  }
  // Trailing blank lines and spaces carry nothing and would not survive git's own cleanup.
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ' || out.back() == '\t'))
    out.pop_back();
  return out;
}

std::string encode_trailer_value(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string valid = text::valid_utf8(value);
  std::string out;
  out.reserve(valid.size());
  for (char ch : valid) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '%' || c < 0x20 || c == 0x7F) {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    } else {
      out += ch;
    }
  }
  // Tools trim a value's leading and trailing space; keep the value's own.
  if (!out.empty() && out.back() == ' ') {
    out.pop_back();
    out += "%20";
  }
  if (!out.empty() && out.front() == ' ') out.replace(0, 1, "%20");
  return out;
}

std::string decode_trailer_value(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '%' && i + 2 < value.size()) {
      int hi = hex_value(value[i + 1]), lo = hex_value(value[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += value[i];
  }
  return out;
}

std::string format_message(std::string_view subject, std::string_view note,
                           const Trailers& trailers) {
  std::string out = text::cut_utf8(subject, kMaxSubjectBytes);
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.empty()) out = "Sopan";
  out += "\n";
  if (std::string cleaned = clean_note(note); !cleaned.empty()) {
    out += "\n";
    for (std::string_view line : split_lines(cleaned)) {
      out += line.empty() ? ">" : "> ";
      out += line;
      out += "\n";
    }
  }
  out += "\n";
  for (const auto& [key, value] : trailers) {
    if (key == kTrailerFormat) continue;
    out += clean_key(key) + ": " + encode_trailer_value(value) + "\n";
  }
  out += std::string(kTrailerFormat) + ": " + std::string(kMessageFormat) + "\n";
  return out;
}

ParsedMessage parse_message(std::string_view raw) {
  ParsedMessage out;
  std::string_view body = raw;
  while (!body.empty() && body.back() == '\n') body.remove_suffix(1);

  // The trailer block: the last paragraph, read only when every line of it is a trailer.
  std::size_t cut = body.rfind("\n\n");
  if (cut != std::string_view::npos) {
    Trailers trailers;
    bool all = true;
    for (std::string_view line : split_lines(body.substr(cut + 2))) {
      std::string_view key, value;
      if (!split_trailer(line, key, value)) {
        all = false;
        break;
      }
      trailers.emplace_back(std::string(key), decode_trailer_value(value));
    }
    if (all && !trailers.empty()) {
      out.trailers = std::move(trailers);
      body = body.substr(0, cut);
    }
  }
  for (const auto& [key, value] : out.trailers)
    if (key == kTrailerFormat && value == kMessageFormat) out.current_format = true;

  std::size_t eol = body.find('\n');
  out.subject = std::string(body.substr(0, eol));
  std::string_view rest = eol == std::string_view::npos ? std::string_view() : body.substr(eol + 1);
  while (!rest.empty() && rest.front() == '\n') rest.remove_prefix(1);
  if (!out.current_format) {
    // Before format 2 the person's text was the message itself, subject included.
    out.note = std::string(body);
    return out;
  }
  bool first = true;
  for (std::string_view line : rest.empty() ? std::vector<std::string_view>() : split_lines(rest)) {
    if (!first) out.note += '\n';
    first = false;
    if (line.starts_with("> "))
      out.note += line.substr(2);
    else if (line.starts_with(">"))
      out.note += line.substr(1);
    else
      out.note += line;  // not written by format_message; kept, never read as a fact
  }
  return out;
}

}  // namespace sopan::vcs
