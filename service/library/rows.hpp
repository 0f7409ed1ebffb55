#pragma once
/// The index's JSON rows read back into the library's value types: one by key, or all under a
/// prefix in key order. A row that does not parse is an internal error (the index is derived; a
/// rebuild from git mends it).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "common/json.hpp"
#include "index/store.hpp"

namespace sopan::library {

namespace detail {
template <class Row>
Result<Row> parse_row(std::string_view text, index::Cf cf) {
  auto v = json_util::parse(text);
  if (!v)
    return make_error(Errc::kInternal,
                      "Baris " + std::string(index::cf_name(cf)) + " rusak di indeks");
  return Row::from_json(*v);
}
}  // namespace detail

/// The row at `key` of `cf`; nullopt when there is none.
template <class Row>
Result<std::optional<Row>> read_row(const index::Reader& store, index::Cf cf,
                                    const std::string& key) {
  auto raw = store.get(cf, key);
  if (!raw) return raw.error();
  if (!*raw) return std::optional<Row>();
  auto row = detail::parse_row<Row>(**raw, cf);
  if (!row) return row.error();
  return std::optional<Row>(std::move(*row));
}

/// Every row of `cf` under `prefix`, in key order; `parse` turns one stored value into a row.
template <class Row, class Parse>
Result<std::vector<Row>> read_rows(const index::Reader& store, index::Cf cf,
                                   std::string_view prefix, Parse&& parse) {
  std::vector<Row> rows;
  std::optional<Error> bad;
  auto s = store.scan(cf, prefix, [&](std::string_view, std::string_view value) {
    Result<Row> row = parse(value);
    if (!row) {
      bad = row.error();
      return false;
    }
    rows.push_back(std::move(*row));
    return true;
  });
  if (!s) return s.error();
  if (bad) return *bad;
  return rows;
}

template <class Row>
Result<std::vector<Row>> read_rows(const index::Reader& store, index::Cf cf,
                                   std::string_view prefix) {
  return read_rows<Row>(store, cf, prefix,
                        [cf](std::string_view v) { return detail::parse_row<Row>(v, cf); });
}

}  // namespace sopan::library
