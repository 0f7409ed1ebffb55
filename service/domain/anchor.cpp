#include "domain/anchor.hpp"

#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <vector>

namespace sopan::domain {
namespace json = boost::json;

namespace {

/// The tokens of a non-empty pointer, still escaped ("~0", "~1"); nullopt unless it starts with
/// '/'.
std::optional<std::vector<std::string_view>> tokens(std::string_view pointer) {
  if (pointer.empty() || pointer.front() != '/') return std::nullopt;
  std::vector<std::string_view> out;
  for (std::size_t start = 1;;) {
    const std::size_t end = pointer.find('/', start);
    out.push_back(pointer.substr(start, end - start));
    if (end == std::string_view::npos) return out;
    start = end + 1;
  }
}

std::string unescape(std::string_view token) {
  std::string out;
  for (std::size_t i = 0; i < token.size(); ++i) {
    if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1'))
      out += token[++i] == '0' ? '~' : '/';
    else
      out += token[i];
  }
  return out;
}

/// An array index as RFC 6901 writes it ("0", or digits without a leading zero) below `size`.
std::optional<std::size_t> position(std::string_view token, std::size_t size) {
  if (token.empty() || token.size() > 9 || (token.size() > 1 && token.front() == '0'))
    return std::nullopt;
  std::size_t n = 0;
  for (char c : token) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<std::size_t>(c - '0');
  }
  if (n >= size) return std::nullopt;
  return n;
}

std::string_view id_of(const json::value& element) {
  const json::object* o = element.if_object();
  const json::value* id = o ? o->if_contains("id") : nullptr;
  return id && id->is_string() ? std::string_view(id->get_string()) : std::string_view();
}

bool is_id_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

/// The id of element `n` when it can stand for the element: of the id alphabet, and no other
/// element has it.
std::optional<std::string_view> stable_id(const json::array& a, std::size_t n) {
  const std::string_view id = id_of(a[n]);
  if (id.empty() || !std::all_of(id.begin(), id.end(), is_id_char)) return std::nullopt;
  if (std::count_if(a.begin(), a.end(), [&](const json::value& e) { return id_of(e) == id; }) != 1)
    return std::nullopt;
  return id;
}

}  // namespace

std::optional<std::string> stable_anchor(const json::value& doc, std::string_view pointer,
                                         std::span<const std::string_view> keyed) {
  if (pointer.empty()) return std::string();
  auto toks = tokens(pointer);
  if (!toks) return std::nullopt;
  const json::value* at = &doc;
  std::string plain, stable;  // the part walked so far: by position, and in the stable form
  for (std::size_t i = 0; i < toks->size(); ++i) {
    const std::string_view tok = (*toks)[i];
    std::string step = "/" + std::string(tok);
    if (const json::object* o = at->if_object()) {
      const json::value* member = o->if_contains(unescape(tok));
      if (!member && i + 1 < toks->size()) return std::nullopt;
      at = member;
    } else if (const json::array* a = at->if_array()) {
      auto n = position(tok, a->size());
      if (!n) return std::nullopt;
      const bool is_keyed = std::find(keyed.begin(), keyed.end(), plain) != keyed.end();
      if (auto id = is_keyed ? stable_id(*a, *n) : std::nullopt) step = "/@" + std::string(*id);
      at = &(*a)[*n];
    } else {
      return std::nullopt;
    }
    plain += "/" + std::string(tok);
    stable += step;
  }
  return stable;
}

ResolvedAnchor resolve_anchor(const json::value& doc, std::string_view stable) {
  ResolvedAnchor r;
  if (stable.empty()) return r;
  auto toks = tokens(stable);
  if (!toks) return {"", true};
  const json::value* at = &doc;
  for (std::size_t i = 0; i < toks->size(); ++i) {
    const std::string_view tok = (*toks)[i];
    if (const json::object* o = at->if_object()) {
      at = o->if_contains(unescape(tok));
      if (!at && i + 1 < toks->size()) return {std::move(r.pointer), true};
      r.pointer += "/" + std::string(tok);
    } else if (const json::array* a = at->if_array()) {
      std::optional<std::size_t> n;
      if (tok.size() > 1 && tok.front() == '@') {
        auto it = std::find_if(a->begin(), a->end(),
                               [&](const json::value& e) { return id_of(e) == tok.substr(1); });
        if (it != a->end()) n = static_cast<std::size_t>(it - a->begin());
      } else {
        n = position(tok, a->size());
      }
      if (!n) return {std::move(r.pointer), true};
      r.pointer += "/" + std::to_string(*n);
      at = &(*a)[*n];
    } else {
      return {std::move(r.pointer), true};
    }
  }
  return r;
}

}  // namespace sopan::domain
