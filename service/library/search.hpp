#pragma once
/// Full-text search over SOPs (column family `search`, derived from git like the rest of the
/// index): words of the number, title, legal basis and steps, case-folded, matched by prefix,
/// every query word required, ranked by the fields they hit.
///   "t/<term>\0<doc-id>" → field mask      "d/<doc-id>" → the doc's terms (to replace them)
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "index/store.hpp"

namespace sopan::library::search {

enum Field : std::uint8_t { kNumber = 1, kTitle = 2, kLegalBasis = 4, kSteps = 8 };
using Terms = std::map<std::string, std::uint8_t>;  // term → fields it occurs in

/// Case-folded words (ASCII folded; other UTF-8 letters kept), split on anything else.
std::vector<std::string> words(std::string_view text);
/// The terms of a document's JSON content (empty for content that is not a JSON object).
Terms terms_of(std::string_view content);
Terms parse_terms(std::string_view stored);
/// Replaces `old_terms` of `doc_id` with `new_terms` in `batch`.
void put_terms(index::Batch& batch, std::string_view doc_id, const Terms& old_terms,
               const Terms& new_terms);
[[nodiscard]] Result<Terms> stored_terms(const index::Store& store, std::string_view doc_id);

struct Hit {
  std::string id;
  int score = 0;
};
/// Documents matching every word of `query` (each as a prefix), best first.
[[nodiscard]] Result<std::vector<Hit>> query(const index::Store& store, std::string_view query);

}  // namespace sopan::library::search
