#include "domain/sop_csv.hpp"

#include <gtest/gtest.h>

#include <set>

#include "common/ids.hpp"
#include "domain/org.hpp"
#include "domain/sop.hpp"

namespace sopan::domain {
namespace {
namespace json = boost::json;

class SopCsvTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Unit root{new_id(), "0", "pemda", "Kabupaten", "", "", {}, std::nullopt};
    Unit dinas{new_id(), "2", "dinas", "Dinas Uji", root.id, "", {}, std::nullopt};
    position = new_id();
    dinas.positions = {{position, "2-01", "Pengadministrasi Umum", "pelaksana", ""}};
    unit = dinas.id;
    auto t = OrgTree::build({root, dinas});
    ASSERT_TRUE(t.has_value());
    tree = std::move(*t);
  }
  std::string unit, position;
  OrgTree tree;
};

TEST_F(SopCsvTest, ThePermenpanTableBecomesActorsAndSteps) {
  // As a spreadsheet in an Indonesian locale saves it: semicolons, decimal comma.
  const std::string csv =
      "No;Kegiatan;Pemohon;Pengadministrasi "
      "Umum;Kelengkapan;Waktu;Output;Keterangan;Lanjut;Cabang\n"
      "1;Mulai;mulai;;;;;;;\n"
      "2;Menyerahkan berkas;x;;Formulir;5 menit;Berkas;;;\n"
      "3;Memeriksa berkas;;kegiatan;;0,5 jam;;;;\n"
      "4;Lengkap?;;keputusan;;;;;;\"Ya=6; Tidak=5\"\n"
      "5;Mengembalikan berkas;;x;;;;Dengan catatan;2;\n"
      "6;Selesai;;selesai;;;;;;\n";
  auto fragment = steps_from_csv(csv, tree, unit);
  ASSERT_TRUE(fragment.has_value()) << fragment.error().message;
  const auto& actors = fragment->at("actors").as_array();
  ASSERT_EQ(actors.size(), 2u);
  EXPECT_EQ(actors[0].at("external"), "Pemohon");
  EXPECT_EQ(actors[1].at("position").as_string(), position);  // matched by name
  const auto& steps = fragment->at("steps").as_array();
  ASSERT_EQ(steps.size(), 6u);
  EXPECT_EQ(steps[2].at("duration").at("value").as_double(), 0.5);
  EXPECT_EQ(steps[3].at("exits").at(1).at("to"), "5");
  EXPECT_EQ(steps[4].at("next"), "2");

  json::value doc = json::object{
      {"number", "1"}, {"title", "Uji"}, {"unit", unit}, {"actors", actors}, {"steps", steps}};
  SopContext ctx{tree, [](const std::string&) { return false; }};
  EXPECT_TRUE(check_sop(Sop::from_json(doc), ctx).empty());
}

TEST_F(SopCsvTest, EveryBadCellIsNamedAndNothingIsReturned) {
  const std::string csv =
      "No,Kegiatan,Pemohon,Petugas,Kelengkapan,Waktu,Output,Keterangan,Lanjut\n"
      "1,Mulai,mulai,x,,,,,\n"
      "2,Memeriksa,,kotak,,sebentar,,,\n"
      "3,Selesai,,,,,,,9\n";
  auto r = steps_from_csv(csv, tree, unit);
  ASSERT_FALSE(r.has_value());
  std::set<std::string> paths;
  const Error e = r.error();
  for (const auto& d : e.details.as_array()) paths.insert(std::string(d.at("path").as_string()));
  EXPECT_EQ(paths, (std::set<std::string>{"/csv/2/petugas", "/csv/3/petugas", "/csv/3/waktu",
                                          "/csv/4/kegiatan", "/csv/4/lanjut"}));
  EXPECT_FALSE(steps_from_csv("a,b\n1,2\n", tree, unit).has_value());
}

}  // namespace
}  // namespace sopan::domain
