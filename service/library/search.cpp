#include "library/search.hpp"

#include <algorithm>
#include <boost/json/object.hpp>

#include "common/json.hpp"
#include "index/keys.hpp"
#include "library/kinds.hpp"

namespace sopan::library::search {
namespace json = boost::json;
using index::Cf;

namespace {

int weight(std::uint8_t fields) {
  int w = 0;
  if (fields & kNumber) w = std::max(w, 8);
  if (fields & kTitle) w = std::max(w, 5);
  if (fields & kLegalBasis) w = std::max(w, 2);
  if (fields & kSteps) w = std::max(w, 1);
  return w;
}

constexpr std::uint8_t kFieldBits = kNumber | kTitle | kLegalBasis | kSteps;

}  // namespace

std::uint8_t fields_in(std::uint8_t mask, View view) {
  return view == View::kNewest ? mask & kFieldBits : (mask >> kInForceShift) & kFieldBits;
}

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  auto flush = [&] {
    if (word.size() >= 2 || (!word.empty() && word[0] >= '0' && word[0] <= '9'))
      out.push_back(word);
    word.clear();
  };
  for (unsigned char c : text) {
    if (c >= 'A' && c <= 'Z')
      word += static_cast<char>(c - 'A' + 'a');
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80)
      word += static_cast<char>(c);
    else
      flush();
  }
  flush();
  return out;
}

Terms terms_of(const KindDescriptor& kind, std::string_view content) {
  Terms terms;
  auto v = json_util::parse(content);
  if (!v || !v->is_object()) return terms;
  for (const auto& searched : kind.searched)
    for (auto text : strings_at(*v, searched.pointer))
      for (auto& w : words(text)) terms[w] |= searched.field;
  return terms;
}

Terms document_terms(const KindDescriptor& kind, std::string_view newest,
                     std::optional<std::string_view> in_force) {
  Terms terms = terms_of(kind, newest);
  if (in_force)
    for (const auto& [term, fields] : terms_of(kind, *in_force))
      terms[term] |= static_cast<std::uint8_t>(fields << kInForceShift);
  return terms;
}

std::string encode_terms(const Terms& terms) {
  std::string out;
  for (const auto& [term, mask] : terms) {
    index::append_u8(out, mask);
    index::append_prefixed(out, term);
  }
  return out;
}

std::optional<Terms> parse_terms(std::string_view stored) {
  Terms terms;
  index::KeyReader reader(stored);
  while (!reader.done()) {
    auto mask = reader.u8();
    auto term = mask ? reader.prefixed() : std::nullopt;
    // What encode_terms writes: a mask with some field, a word, each term once and in order.
    if (!term || *mask == 0 || words(*term) != std::vector<std::string>{*term} ||
        (!terms.empty() && terms.rbegin()->first >= *term))
      return std::nullopt;
    terms.emplace_hint(terms.end(), std::move(*term), *mask);
  }
  return terms;
}

void put_terms(index::Batch& batch, std::string_view doc_id, const Terms& old_terms,
               const Terms& new_terms) {
  for (const auto& [term, mask] : old_terms)
    if (!new_terms.count(term)) batch.del(Cf::kSearch, index::search_term_key(term, doc_id));
  for (const auto& [term, mask] : new_terms) {
    std::string value;
    index::append_u8(value, mask);
    batch.put(Cf::kSearch, index::search_term_key(term, doc_id), value);
  }
  if (new_terms.empty())
    batch.del(Cf::kSearch, index::search_doc_key(doc_id));
  else
    batch.put(Cf::kSearch, index::search_doc_key(doc_id), encode_terms(new_terms));
}

Result<Terms> stored_terms(const index::Reader& store, std::string_view doc_id) {
  auto raw = store.get(Cf::kSearch, index::search_doc_key(doc_id));
  if (!raw) return raw.error();
  if (!*raw) return Terms{};
  auto terms = parse_terms(**raw);
  if (!terms)
    return make_error(Errc::kInternal,
                      "Daftar kata pencarian dokumen " + std::string(doc_id) + " rusak di indeks");
  return std::move(*terms);
}

Result<std::vector<Hit>> query(const index::Reader& store, std::string_view q) {
  return query(store, q, [](const std::string&) { return View::kNewest; });
}

Result<std::vector<Hit>> query(const index::Reader& store, std::string_view q,
                               const std::function<View(const std::string& doc_id)>& view_of) {
  const std::vector<std::string> query_words = words(q);
  if (query_words.empty()) return std::vector<Hit>{};
  struct Tally {
    int score[2] = {0, 0};
    std::size_t matched[2] = {0, 0};  // words matched so far, per view
  };
  std::map<std::string, Tally> docs;
  for (std::size_t i = 0; i < query_words.size(); ++i) {
    std::map<std::string, std::pair<int, int>> best;  // this word's best weight per view
    auto s = store.scan(
        Cf::kSearch, index::search_term_prefix(query_words[i]),
        [&](std::string_view key, std::string_view value) {
          auto parsed = index::parse_search_term_key(key);
          if (!parsed || value.size() != 1) return true;
          auto mask = static_cast<std::uint8_t>(value[0]);
          // An exact word beats a prefix of a longer one.
          const int factor = parsed->term == query_words[i] ? 2 : 1;
          auto& b = best[parsed->doc_id];
          b.first = std::max(b.first, factor * weight(fields_in(mask, View::kNewest)));
          b.second = std::max(b.second, factor * weight(fields_in(mask, View::kInForce)));
          return true;
        });
    if (!s) return s.error();
    for (const auto& [doc, w] : best) {
      if (i > 0 && !docs.count(doc)) continue;  // missed an earlier word in both views
      Tally& t = docs[doc];
      for (int v = 0; v < 2; ++v) {
        const int wv = v == 0 ? w.first : w.second;
        if (wv > 0 && t.matched[v] == i) {  // matched every word so far
          t.score[v] += wv;
          t.matched[v] = i + 1;
        }
      }
    }
  }
  std::vector<Hit> hits;
  for (const auto& [id, t] : docs) {
    if (t.matched[0] != query_words.size() && t.matched[1] != query_words.size()) continue;
    const int v = view_of(id) == View::kNewest ? 0 : 1;
    if (t.matched[v] == query_words.size()) hits.push_back({id, t.score[v]});
  }
  std::stable_sort(hits.begin(), hits.end(),
                   [](const Hit& a, const Hit& b) { return a.score > b.score; });
  return hits;
}

}  // namespace sopan::library::search
