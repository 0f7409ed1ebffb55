#include "index/keys.hpp"

namespace sopan::index {

void append_u8(std::string& key, std::uint8_t value) { key.push_back(static_cast<char>(value)); }

void append_u64(std::string& key, std::uint64_t value) {
  for (int shift = 56; shift >= 0; shift -= 8) key.push_back(static_cast<char>(value >> shift));
}

void append_prefixed(std::string& key, std::string_view value) {
  auto n = static_cast<std::uint32_t>(value.size());
  for (int shift = 24; shift >= 0; shift -= 8) key.push_back(static_cast<char>(n >> shift));
  key.append(value);
}

void append_ordered(std::string& key, std::string_view value) {
  for (char c : value) {
    key.push_back(c);
    if (c == '\0') key.push_back('\xff');
  }
  key.push_back('\0');
  key.push_back('\x01');
}

std::optional<std::uint8_t> KeyReader::u8() {
  if (rest_.empty()) return std::nullopt;
  auto v = static_cast<std::uint8_t>(rest_[0]);
  rest_.remove_prefix(1);
  return v;
}

std::optional<std::uint64_t> KeyReader::u64() {
  if (rest_.size() < 8) {
    rest_ = {};
    return std::nullopt;
  }
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = v << 8 | static_cast<unsigned char>(rest_[i]);
  rest_.remove_prefix(8);
  return v;
}

std::optional<std::string> KeyReader::prefixed() {
  if (rest_.size() < 4) {
    rest_ = {};
    return std::nullopt;
  }
  std::uint32_t n = 0;
  for (int i = 0; i < 4; ++i) n = n << 8 | static_cast<unsigned char>(rest_[i]);
  if (rest_.size() - 4 < n) {
    rest_ = {};
    return std::nullopt;
  }
  std::string out(rest_.substr(4, n));
  rest_.remove_prefix(4 + n);
  return out;
}

std::optional<std::string> KeyReader::ordered() {
  std::string out;
  for (std::size_t i = 0; i + 1 < rest_.size(); ++i) {
    if (rest_[i] != '\0') {
      out.push_back(rest_[i]);
      continue;
    }
    char next = rest_[i + 1];
    if (next == '\xff') {
      out.push_back('\0');
      ++i;
    } else if (next == '\x01') {
      rest_.remove_prefix(i + 2);
      return out;
    } else {
      break;
    }
  }
  rest_ = {};
  return std::nullopt;
}

std::string prefix_successor(std::string_view prefix) {
  std::string out(prefix);
  while (!out.empty()) {
    if (static_cast<unsigned char>(out.back()) != 0xff) {
      out.back() = static_cast<char>(static_cast<unsigned char>(out.back()) + 1);
      return out;
    }
    out.pop_back();
  }
  return out;
}

std::string doc_key(std::string_view doc_id) {
  std::string k;
  append_prefixed(k, doc_id);
  return k;
}

std::string versions_prefix(std::string_view doc_id) { return doc_key(doc_id); }

std::string version_key(std::string_view doc_id, std::uint64_t version) {
  std::string k = versions_prefix(doc_id);
  append_u64(k, version);
  return k;
}

std::string pair_prefix(std::string_view group) {
  std::string k;
  append_prefixed(k, group);
  return k;
}

std::string pair_key(std::string_view group, std::string_view doc_id) {
  std::string k = pair_prefix(group);
  append_prefixed(k, doc_id);
  return k;
}

std::string content_key(std::string_view doc_id, bool draft) {
  std::string k = doc_key(doc_id);
  k.push_back(draft ? '\x01' : '\x00');
  return k;
}

std::string event_key(std::uint64_t seq) {
  std::string k;
  append_u64(k, seq);
  return k;
}

std::string items_prefix(std::string_view doc_id) { return doc_key(doc_id); }

std::string item_key(std::string_view doc_id, std::string_view item_id) {
  std::string k = items_prefix(doc_id);
  append_prefixed(k, item_id);
  return k;
}

std::string due_key(std::string_view date, std::string_view what, std::string_view doc_id) {
  // Plain bytes first so a scan up to a date is a range scan; the rest keeps exact boundaries.
  std::string k(date);
  append_prefixed(k, what);
  append_prefixed(k, doc_id);
  return k;
}

std::string search_term_prefix(std::string_view term) { return "t/" + std::string(term); }

std::string search_term_key(std::string_view term, std::string_view doc_id) {
  std::string k = search_term_prefix(term);
  k.push_back('\0');
  k.append(doc_id);
  return k;
}

std::string search_doc_key(std::string_view doc_id) { return "d/" + std::string(doc_id); }

std::optional<SearchTermKey> parse_search_term_key(std::string_view key) {
  if (!key.starts_with("t/")) return std::nullopt;
  key.remove_prefix(2);
  auto zero = key.find('\0');
  if (zero == std::string_view::npos || zero == 0 || zero + 1 == key.size()) return std::nullopt;
  return SearchTermKey{std::string(key.substr(0, zero)), std::string(key.substr(zero + 1))};
}

}  // namespace sopan::index
