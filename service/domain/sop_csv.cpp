#include "domain/sop_csv.hpp"

#include <algorithm>
#include <boost/json/array.hpp>
#include <charconv>
#include <map>

#include "common/csv.hpp"
#include "domain/org.hpp"

namespace sopan::domain {
namespace json = boost::json;

namespace {

const std::vector<std::string_view> kTrailing = {"kelengkapan", "waktu", "output", "keterangan"};
const std::vector<std::string_view> kUnits = {"menit", "jam", "hari", "minggu", "bulan", "tahun"};

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

}  // namespace

Result<json::object> steps_from_csv(std::string_view text, const OrgTree& org,
                                    std::string_view unit_id) {
  auto table = csv::parse(text, "/csv");
  if (!table) return table.error();
  const auto& h = table->header;
  Problems problems;
  // Columns: No, Kegiatan, actors..., the four Mutu Baku/Keterangan columns, optional extras.
  auto col = [&](std::string_view name) -> std::optional<std::size_t> {
    for (std::size_t i = 0; i < h.size(); ++i)
      if (h[i] == name) return i;
    return std::nullopt;
  };
  auto req = col("kelengkapan");
  if (h.size() < 7 || h[0] != "no" || h[1] != "kegiatan" || !req || *req < 3 ||
      *req + 4 > h.size() || h[*req + 1] != "waktu" || h[*req + 2] != "output" ||
      h[*req + 3] != "keterangan")
    return field_error(Errc::kValidation, "Susunan kolom tidak sesuai tabel SOP", "/csv/1",
                       "Baris judul harus: No, Kegiatan, satu kolom per pelaksana, Kelengkapan, "
                       "Waktu, Output, Keterangan (boleh ditambah Lanjut dan Cabang)");
  const std::size_t first_actor = 2, end_actor = *req;
  auto lanjut = col("lanjut");
  auto cabang = col("cabang");

  // Positions of the unit's subtree by lower-cased name, to turn headings into positions.
  std::map<std::string, std::string> positions;
  for (const auto& [id, u] : org.units())
    if (!u.closed && (unit_id.empty() || org.within(id, unit_id)))
      for (const auto& p : u.positions) positions.emplace(lower(p.name), p.id);
  json::array actors;
  for (std::size_t a = first_actor; a < end_actor; ++a) {
    const std::string& heading = table->raw_header[a];
    json::object actor{{"id", "a" + std::to_string(a - first_actor + 1)}};
    if (auto it = positions.find(h[a]); it != positions.end())
      actor["position"] = it->second;
    else
      actor["external"] =
          heading.empty() ? "Pelaksana " + std::to_string(a - first_actor + 1) : heading;
    actors.push_back(std::move(actor));
  }

  json::array steps;
  std::map<std::string, std::string> id_of_no;  // the No column → step id
  for (const auto& row : table->rows) {
    auto cell = [&](std::size_t i) { return i < row.cells.size() ? row.cells[i] : std::string(); };
    id_of_no[cell(0)] = std::to_string(steps.size() + 1);
    steps.push_back(json::object{});
  }
  for (std::size_t r = 0; r < table->rows.size(); ++r) {
    const auto& row = table->rows[r];
    auto cell = [&](std::size_t i) { return i < row.cells.size() ? row.cells[i] : std::string(); };
    const std::string at = "/csv/" + std::to_string(row.line) + "/";
    json::object step{{"id", std::to_string(r + 1)}, {"activity", cell(1)}};
    std::string symbol, actor;
    for (std::size_t a = first_actor; a < end_actor; ++a) {
      std::string mark = lower(cell(a));
      if (mark.empty()) continue;
      if (!actor.empty()) {
        problems.add(at + h[a], "Setiap langkah hanya dilakukan satu pelaksana");
        continue;
      }
      actor = "a" + std::to_string(a - first_actor + 1);
      symbol = mark == "x" || mark == "v" ? "kegiatan" : mark;
      if (symbol != "mulai" && symbol != "kegiatan" && symbol != "keputusan" && symbol != "selesai")
        problems.add(at + h[a], "Isi dengan mulai, kegiatan, keputusan, selesai atau x");
    }
    if (actor.empty()) problems.add(at + "kegiatan", "Tandai kolom pelaksana langkah ini");
    step["actor"] = actor;
    step["symbol"] = symbol.empty() ? "kegiatan" : symbol;
    if (!cell(*req).empty()) step["requirements"] = cell(*req);
    if (std::string w = cell(*req + 1); !w.empty()) {
      double value = 0;
      auto space = w.find(' ');
      std::string number = w.substr(0, space),
                  unit = space == std::string::npos ? "" : lower(w.substr(space + 1));
      for (char& c : number)
        if (c == ',') c = '.';
      auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
      if (ec != std::errc() || end != number.data() + number.size() || value <= 0 ||
          std::find(kUnits.begin(), kUnits.end(), unit) == kUnits.end())
        problems.add(at + "waktu",
                     "Tulis lama dan satuannya, misalnya \"10 menit\" atau \"2 hari\"");
      else
        step["duration"] = json::object{{"value", value}, {"unit", unit}};
    }
    if (!cell(*req + 2).empty()) step["output"] = cell(*req + 2);
    if (!cell(*req + 3).empty()) step["notes"] = cell(*req + 3);
    auto target = [&](const std::string& no, const std::string& column) -> std::string {
      auto it = id_of_no.find(no);
      if (it == id_of_no.end()) {
        problems.add(at + column, "Langkah nomor " + no + " tidak ada");
        return {};
      }
      return it->second;
    };
    if (lanjut && !cell(*lanjut).empty()) step["next"] = target(cell(*lanjut), "lanjut");
    if (cabang && !cell(*cabang).empty()) {
      json::array exits;
      std::string spec = cell(*cabang);
      std::size_t pos = 0;
      while (pos <= spec.size()) {
        auto end = spec.find_first_of(";,", pos);
        std::string part =
            spec.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
        auto eq = part.find('=');
        auto trim = [](std::string s) {
          auto b = s.find_first_not_of(' '), e = s.find_last_not_of(' ');
          return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
        };
        if (eq == std::string::npos || trim(part.substr(0, eq)).empty())
          problems.add(at + "cabang", "Tulis cabang sebagai \"Ya=5; Tidak=2\"");
        else
          exits.push_back(json::object{{"label", trim(part.substr(0, eq))},
                                       {"to", target(trim(part.substr(eq + 1)), "cabang")}});
        if (end == std::string::npos) break;
        pos = end + 1;
      }
      step["exits"] = std::move(exits);
    }
    steps[r] = std::move(step);
  }
  if (table->rows.empty()) problems.add("/csv/2", "Berkas tidak berisi langkah");
  if (!problems.empty())
    return problems.to_error("Berkas langkah berisi " + std::to_string(problems.size()) +
                             " kesalahan; tidak ada yang diimpor");
  return json::object{{"actors", std::move(actors)}, {"steps", std::move(steps)}};
}

}  // namespace sopan::domain
