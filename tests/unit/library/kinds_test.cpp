#include "library/kinds.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace sopan::library {
namespace {
namespace json = boost::json;

std::vector<Acting> acting(std::string_view doc) {
  return identity_of(*find_kind(DocKind::kSop), doc).acting;
}

TEST(KindsTest, ASopNamesThePositionsThatActAndTheirSteps) {
  // Two positions and an outside party; one position appears as two actors (merged), a step of
  // an unknown actor and one with none are nobody's.
  const auto got = acting(R"({
    "actors": [{"id": "k", "position": "POS-KEPALA"}, {"id": "p", "external": "Pemohon"},
               {"id": "s", "position": "POS-STAF"}, {"id": "s2", "position": "POS-STAF"},
               {"id": "x", "position": ""}],
    "steps": [{"id": "1", "actor": "p"}, {"id": "2", "actor": "s"}, {"id": "3", "actor": "k"},
              {"id": "4", "actor": "s2"}, {"id": "5", "actor": "hilang"}, {"id": "6"},
              {"id": "7", "actor": "s"}]})");
  const std::vector<Acting> want = {{"POS-KEPALA", {3}}, {"POS-STAF", {2, 4, 7}}};
  EXPECT_EQ(got, want);
}

TEST(KindsTest, APositionWithoutStepsStillActsAndOddContentNamesNoOne) {
  EXPECT_EQ(acting(R"({"actors": [{"id": "a", "position": "P"}], "steps": []})"),
            (std::vector<Acting>{{"P", {}}}));
  EXPECT_TRUE(acting(R"({"actors": "bukan larik", "steps": [{"actor": "a"}]})").empty());
  EXPECT_TRUE(acting(R"({"steps": [{"actor": "a"}]})").empty());
  EXPECT_TRUE(acting("[]").empty());
  // A kind that names no actors (a map) has none, whatever its content says.
  EXPECT_TRUE(
      identity_of(*find_kind(DocKind::kMap), R"({"actors": [{"id": "a", "position": "P"}]})")
          .acting.empty());
}

TEST(KindsTest, ActingSurvivesTheSummaryAndTheVersionRow) {
  DocSummary s;
  s.id = "01JAAAAAAAAAAAAAAAAAAAAAAA";
  s.acting = {{"P1", {1, 2}}, {"P2", {}}};
  s.in_force_identity.acting = {{"P1", {1}}};
  auto back = DocSummary::from_json(s.to_json());
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->acting, s.acting);
  EXPECT_EQ(back->as_in_force().acting, s.in_force_identity.acting);
  std::vector<std::uint32_t> steps;
  EXPECT_TRUE(back->acts("P1", &steps));
  EXPECT_EQ(steps, (std::vector<std::uint32_t>{1, 2}));
  EXPECT_FALSE(back->acts("P3"));

  VersionRow row;
  row.version = 3;
  row.acting = {{"P1", {4}}};
  row.account = "01JBBBBBBBBBBBBBBBBBBBBBBB";
  auto row_back = VersionRow::from_json(row.to_json());
  ASSERT_TRUE(row_back.has_value());
  EXPECT_EQ(row_back->acting, row.acting);
  EXPECT_EQ(row_back->account, row.account);
}

}  // namespace
}  // namespace sopan::library
