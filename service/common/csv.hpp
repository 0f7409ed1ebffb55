#pragma once
/// CSV as spreadsheets export it: RFC 4180 quoting, comma or semicolon (an Indonesian-locale
/// Excel writes semicolons) detected from the header line, an optional UTF-8 BOM, CRLF or LF.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace sopan::csv {

struct Row {
  std::size_t line = 0;  // line number in the file where the row starts (the header is line 1)
  std::vector<std::string> cells;
};

struct Table {
  std::vector<std::string> header;      // trimmed, lowercased
  std::vector<std::string> raw_header;  // trimmed, as written
  std::vector<Row> rows;                // blank lines skipped
};

/// Parses `text`; an unterminated quote or a file that is not UTF-8 is kInvalidArgument with a
/// detail at `pointer` naming the line.
[[nodiscard]] Result<Table> parse(std::string_view text, std::string_view pointer);

}  // namespace sopan::csv
