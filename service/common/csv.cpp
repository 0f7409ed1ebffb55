#include "common/csv.hpp"

#include <algorithm>
#include <cctype>

namespace sopan::csv {

namespace {

bool is_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80           ? 1
                    : (c >> 5) == 0x6  ? 2
                    : (c >> 4) == 0xe  ? 3
                    : (c >> 3) == 0x1e ? 4
                                       : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return false;
    i += n;
  }
  return true;
}

std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

}  // namespace

Result<Table> parse(std::string_view text, std::string_view pointer) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  if (!is_utf8(text))
    return field_error(Errc::kInvalidArgument, "Berkas CSV tidak valid", pointer,
                       "Berkas harus disimpan sebagai teks UTF-8 (CSV UTF-8)");
  // The separator is whichever of ';' and ',' appears more often in the header line.
  std::string_view first_line = text.substr(0, text.find('\n'));
  const char sep = std::count(first_line.begin(), first_line.end(), ';') >
                           std::count(first_line.begin(), first_line.end(), ',')
                       ? ';'
                       : ',';
  Table table;
  std::vector<std::string> cells;
  std::string cell;
  std::size_t line = 1, row_line = 1;
  bool quoted = false, any = false;
  auto end_row = [&] {
    cells.push_back(trim(cell));
    cell.clear();
    bool blank = std::all_of(cells.begin(), cells.end(), [](const auto& c) { return c.empty(); });
    if (!blank) {
      if (table.header.empty() && table.rows.empty() && !any) {
        table.raw_header = cells;
        for (auto& h : cells) {
          std::transform(h.begin(), h.end(), h.begin(),
                         [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
          table.header.push_back(std::move(h));
        }
        any = true;
      } else {
        table.rows.push_back({row_line, std::move(cells)});
      }
    }
    cells.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        cell += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == sep) {
      cells.push_back(trim(cell));
      cell.clear();
    } else if (c == '\r') {
      continue;
    } else if (c == '\n') {
      end_row();
      row_line = ++line;
    } else {
      cell += c;
    }
  }
  if (quoted)
    return field_error(Errc::kInvalidArgument, "Berkas CSV tidak valid", pointer,
                       "Tanda kutip pada baris " + std::to_string(row_line) + " tidak ditutup");
  if (!cell.empty() || !cells.empty()) end_row();
  if (table.header.empty())
    return field_error(Errc::kInvalidArgument, "Berkas CSV kosong", pointer,
                       "Baris pertama harus berisi nama kolom");
  return table;
}

}  // namespace sopan::csv
