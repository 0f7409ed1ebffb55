#pragma once
/// Full-text search over documents (column family `search`, derived from git like the rest of the
/// index): words of the fields each kind's descriptor names (a SOP's number, title, legal basis
/// and steps), case-folded, matched by prefix,
/// every query word required, ranked by the fields they hit. Keys in index/keys.hpp:
///   "t/<term>\0<doc-id>" → mask (1 byte)
///   "d/<doc-id>"         → the doc's terms, to replace them: per term, its mask (1 byte) then the
///                          term length-prefixed (index::append_prefixed), in term order
/// A mask keeps two views of a document apart: the fields a term occurs in in the newest content
/// (the open draft, else what is in force) in its low four bits, and in the version in force in
/// its high four. Readers without draft rights search the second only (DESIGN §3).
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "index/store.hpp"

namespace sopan::library {
struct KindDescriptor;
}

namespace sopan::library::search {

/// Where a term was found, for ranking: the identity fields, and two kinds of body text.
enum Field : std::uint8_t { kNumber = 1, kTitle = 2, kLegalBasis = 4, kSteps = 8 };
inline constexpr int kInForceShift = 4;
using Terms = std::map<std::string, std::uint8_t>;  // term → mask (both views)

/// Which content a search looks at for one document.
enum class View { kNewest, kInForce };
/// The Field bits of `mask` in `view`.
std::uint8_t fields_in(std::uint8_t mask, View view);

/// Case-folded words (ASCII folded; other UTF-8 letters kept), split on anything else.
std::vector<std::string> words(std::string_view text);
/// The terms of a document's JSON content in the fields its kind searches, Field bits only (empty
/// for content that is not a JSON object).
Terms terms_of(const KindDescriptor& kind, std::string_view content);
/// The terms of a document whose newest content is `newest` and whose version in force is
/// `in_force` (nullopt when none is).
Terms document_terms(const KindDescriptor& kind, std::string_view newest,
                     std::optional<std::string_view> in_force);

/// The stored form of "d/<doc-id>" and back; nullopt for anything encode_terms cannot produce.
std::string encode_terms(const Terms& terms);
std::optional<Terms> parse_terms(std::string_view stored);
/// Replaces `old_terms` of `doc_id` with `new_terms` in `batch`.
void put_terms(index::Batch& batch, std::string_view doc_id, const Terms& old_terms,
               const Terms& new_terms);
/// kInternal when the stored list is malformed.
[[nodiscard]] Result<Terms> stored_terms(const index::Reader& store, std::string_view doc_id);

struct Hit {
  std::string id;
  int score = 0;
};
/// Documents matching every word of `query` (each as a prefix), best first. `view_of(doc_id)`
/// says which view of each candidate counts; it is called once per candidate.
[[nodiscard]] Result<std::vector<Hit>> query(
    const index::Reader& store, std::string_view query,
    const std::function<View(const std::string& doc_id)>& view_of);
/// Every document in its newest view (the view of those who may read every draft).
[[nodiscard]] Result<std::vector<Hit>> query(const index::Reader& store, std::string_view query);

}  // namespace sopan::library::search
