#include "library/search.hpp"

#include <algorithm>
#include <boost/json/object.hpp>

#include "common/json.hpp"

namespace sopan::library::search {
namespace json = boost::json;
using index::Cf;

namespace {

std::string term_key(std::string_view term, std::string_view doc) {
  std::string k = "t/";
  k += term;
  k += '\0';
  k += doc;
  return k;
}

std::string doc_key(std::string_view doc) { return "d/" + std::string(doc); }

int weight(std::uint8_t mask) {
  int w = 0;
  if (mask & kNumber) w = std::max(w, 8);
  if (mask & kTitle) w = std::max(w, 5);
  if (mask & kLegalBasis) w = std::max(w, 2);
  if (mask & kSteps) w = std::max(w, 1);
  return w;
}

}  // namespace

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

Terms terms_of(std::string_view content) {
  Terms terms;
  auto v = json_util::parse(content);
  if (!v || !v->is_object()) return terms;
  const json::object& o = v->get_object();
  auto add = [&](std::string_view text, Field f) {
    for (auto& w : words(text)) terms[w] |= f;
  };
  add(json_util::string_field(o, "number").value_or(""), kNumber);
  add(json_util::string_field(o, "title").value_or(""), kTitle);
  if (const json::value* legal = o.if_contains("legal_basis"); legal && legal->is_array())
    for (const auto& item : legal->get_array())
      if (item.is_string()) add(item.get_string(), kLegalBasis);
  if (const json::value* steps = o.if_contains("steps"); steps && steps->is_array())
    for (const auto& step : steps->get_array())
      if (step.is_object())
        add(json_util::string_field(step.get_object(), "activity").value_or(""), kSteps);
  return terms;
}

Terms parse_terms(std::string_view stored) {
  Terms terms;
  while (!stored.empty()) {
    auto end = stored.find('\n');
    std::string_view line = stored.substr(0, end);
    if (line.size() >= 2) terms[std::string(line.substr(1))] = static_cast<std::uint8_t>(line[0]);
    if (end == std::string_view::npos) break;
    stored.remove_prefix(end + 1);
  }
  return terms;
}

void put_terms(index::Batch& batch, std::string_view doc_id, const Terms& old_terms,
               const Terms& new_terms) {
  for (const auto& [term, mask] : old_terms)
    if (!new_terms.count(term)) batch.del(Cf::kSearch, term_key(term, doc_id));
  std::string stored;
  for (const auto& [term, mask] : new_terms) {
    batch.put(Cf::kSearch, term_key(term, doc_id), std::string(1, static_cast<char>(mask)));
    stored += static_cast<char>(mask);
    stored += term;
    stored += '\n';
  }
  if (new_terms.empty())
    batch.del(Cf::kSearch, doc_key(doc_id));
  else
    batch.put(Cf::kSearch, doc_key(doc_id), stored);
}

Result<Terms> stored_terms(const index::Store& store, std::string_view doc_id) {
  auto raw = store.get(Cf::kSearch, doc_key(doc_id));
  if (!raw) return raw.error();
  return *raw ? parse_terms(**raw) : Terms{};
}

Result<std::vector<Hit>> query(const index::Store& store, std::string_view q) {
  std::vector<std::string> query_words = words(q);
  std::map<std::string, std::pair<int, std::size_t>> docs;  // id → score, words matched
  for (std::size_t i = 0; i < query_words.size(); ++i) {
    std::map<std::string, int> best;  // this word's best weight per document
    auto s = store.scan(Cf::kSearch, "t/" + query_words[i],
                        [&](std::string_view key, std::string_view value) {
                          auto zero = key.find('\0');
                          if (zero == std::string_view::npos || value.empty()) return true;
                          std::string doc(key.substr(zero + 1));
                          int w = weight(static_cast<std::uint8_t>(value[0]));
                          // An exact word beats a prefix of a longer one.
                          if (key.substr(2, zero - 2) == query_words[i]) w *= 2;
                          best[doc] = std::max(best[doc], w);
                          return true;
                        });
    if (!s) return s.error();
    for (const auto& [doc, w] : best) {
      auto& entry = docs[doc];
      if (entry.second == i) {  // matched every word so far
        entry.first += w;
        entry.second = i + 1;
      }
    }
  }
  std::vector<Hit> hits;
  for (const auto& [id, entry] : docs)
    if (entry.second == query_words.size() && !query_words.empty())
      hits.push_back({id, entry.first});
  std::stable_sort(hits.begin(), hits.end(),
                   [](const Hit& a, const Hit& b) { return a.score > b.score; });
  return hits;
}

}  // namespace sopan::library::search
