#pragma once
/// Key encoding for the RocksDB index: pure functions, no I/O.
/// - integers are big-endian, so byte order equals numeric order;
/// - `append_prefixed` writes a u32 length then the bytes (exact component boundaries; used where
///   keys are only grouped, e.g. all versions of one document);
/// - `append_ordered` escapes 0x00 as 0x00 0xFF and ends with 0x00 0x01, so byte order equals
///   string order and one string is never a prefix-match of a longer one by accident.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sopan::index {

void append_u8(std::string& key, std::uint8_t value);
void append_u64(std::string& key, std::uint64_t value);
void append_prefixed(std::string& key, std::string_view value);
void append_ordered(std::string& key, std::string_view value);

/// Reads components back in the order they were appended; every read returns nullopt on a
/// truncated or malformed key and leaves the reader unusable.
class KeyReader {
 public:
  explicit KeyReader(std::string_view key) : rest_(key) {}
  std::optional<std::uint8_t> u8();
  std::optional<std::uint64_t> u64();
  std::optional<std::string> prefixed();
  std::optional<std::string> ordered();
  bool done() const { return rest_.empty(); }

 private:
  std::string_view rest_;
};

/// The smallest key greater than every key starting with `prefix` (the iterate_upper_bound of a
/// prefix scan); empty when no such key exists (prefix of all 0xFF).
std::string prefix_successor(std::string_view prefix);

// Keys of each column family, built from the functions above.
std::string doc_key(std::string_view doc_id);
std::string version_key(std::string_view doc_id, std::uint64_t version);
std::string versions_prefix(std::string_view doc_id);
std::string pair_key(std::string_view group, std::string_view doc_id);  // by_unit, by_status
std::string pair_prefix(std::string_view group);
std::string content_key(std::string_view doc_id, bool draft);
std::string event_key(std::uint64_t seq);
/// comments and records: doc-id + item id (ids are ULIDs, so a document's items sort by time).
std::string item_key(std::string_view doc_id, std::string_view item_id);
std::string items_prefix(std::string_view doc_id);
/// by_due: "YYYY-MM-DD" + what is due ("monitoring" or "evaluasi") + doc-id.
std::string due_key(std::string_view date, std::string_view what, std::string_view doc_id);

/// search: "t/" + term + 0x00 + doc-id → field mask, and "d/" + doc-id → the doc's terms. A term
/// is a word of library::search::words (bytes 0-9, a-z and >= 0x80, never 0x00), so the first 0x00
/// ends it and a scan of "t/" + a word's prefix finds exactly the terms starting with it.
std::string search_term_prefix(std::string_view term);
std::string search_term_key(std::string_view term, std::string_view doc_id);
std::string search_doc_key(std::string_view doc_id);
struct SearchTermKey {
  std::string term;
  std::string doc_id;
};
/// Inverse of search_term_key; nullopt for any other key (no "t/", no 0x00, an empty part).
std::optional<SearchTermKey> parse_search_term_key(std::string_view key);

}  // namespace sopan::index
