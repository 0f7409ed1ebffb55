#include "domain/workflow.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <tuple>

#include "common/ids.hpp"
#include "domain/org.hpp"

namespace sopan::domain {
namespace {

const std::vector<std::string_view> kStates = {"konsep",  "diajukan",   "diverifikasi", "berlaku",
                                               "dicabut", "digantikan", "dibatalkan"};
const std::vector<std::string_view> kActions = {"submit",   "verify",    "request-changes",
                                                "recall",   "ratify",    "revise",
                                                "withdraw", "supersede", "discard"};

// The life cycle as DESIGN §3 writes it, independent of the table under test:
// (state, action) → (next state, roles allowed).
using Key = std::tuple<std::string_view, std::string_view>;
const std::map<Key, std::pair<std::string_view, std::set<Role>>> kExpected = {
    {{"konsep", "submit"}, {"diajukan", {Role::kPenyusun}}},
    // Discarding: "dibatalkan", or back to "berlaku" when a version is in force (the indexer).
    {{"konsep", "discard"}, {"dibatalkan", {Role::kPenyusun}}},
    {{"diajukan", "verify"}, {"diverifikasi", {Role::kVerifikator}}},
    {{"diajukan", "request-changes"}, {"konsep", {Role::kVerifikator}}},
    // The submitter takes it back (the library checks it is the same account).
    {{"diajukan", "recall"}, {"konsep", {Role::kPenyusun}}},
    {{"diverifikasi", "request-changes"}, {"konsep", {Role::kVerifikator, Role::kPengesah}}},
    {{"diverifikasi", "ratify"}, {"berlaku", {Role::kPengesah}}},
    {{"berlaku", "revise"}, {"konsep", {Role::kPenyusun}}},
    {{"berlaku", "withdraw"}, {"dicabut", {Role::kPengesah}}},
    {{"berlaku", "supersede"}, {"digantikan", {Role::kPengesah}}},
};

TEST(WorkflowTest, EveryStateActionRoleTripleMatchesTheDesign) {
  Unit root{new_id(), "0", "pemda", "Kabupaten", "", "", {}, std::nullopt};
  auto tree = OrgTree::build({root});
  ASSERT_TRUE(tree.has_value());
  for (auto state : kStates)
    for (auto action : kActions)
      for (Role role : kAllRoles) {
        auto it = kExpected.find({state, action});
        const bool allowed = it != kExpected.end() && it->second.second.count(role);
        const Principal p{"a", "u", "n", "", "", {{role, root.id}}, false};
        auto mine = actions_of(p, state, root.id, *tree);
        const bool listed = std::find(mine.begin(), mine.end(), action) != mine.end();
        EXPECT_EQ(listed, allowed) << state << " " << action << " " << role_name(role);
        auto t = transition(state, action);
        EXPECT_EQ(t.has_value(), it != kExpected.end()) << state << " " << action;
        if (t && it != kExpected.end()) {
          EXPECT_EQ(t->to, it->second.first);
        }
      }
}

TEST(WorkflowTest, TerminalStatesAllowNothing) {
  for (auto state : {"dicabut", "digantikan", "dibatalkan"})
    EXPECT_TRUE(allowed_actions(state).empty()) << state;
  EXPECT_EQ(allowed_actions("diverifikasi"),
            (std::vector<std::string_view>{"request-changes", "ratify"}));
}

TEST(WorkflowTest, ARecallTakesBackASubmissionOnTheDraftWithoutASignature) {
  const Action* recall = action("recall");
  ASSERT_NE(recall, nullptr);
  EXPECT_EQ(recall->effect, Effect::kReview);  // content unchanged, a commit on the draft
  EXPECT_EQ(recall->line, Line::kDraft);
  EXPECT_EQ(recall->status, "konsep");
  EXPECT_FALSE(recall->signs);
  EXPECT_TRUE(recall->workflow);
  EXPECT_FALSE(recall->independent);
  EXPECT_EQ(recall->takes_back, "submit");
  EXPECT_EQ(recall->label, "Pengajuan ditarik kembali");
  // Only a submission is taken back: nothing else names a step it undoes.
  for (const auto& a : actions())
    if (a.name != "recall") {
      EXPECT_TRUE(a.takes_back.empty()) << a.name;
    }
  // Served with the table.
  bool listed = false;
  const boost::json::object table = workflow_json();
  for (const auto& a : table.at("actions").as_array())
    listed = listed || (a.at("name") == "recall" && a.at("takes_back") == "submit");
  EXPECT_TRUE(listed);
  EXPECT_EQ(allowed_actions("diajukan"),
            (std::vector<std::string_view>{"verify", "request-changes", "recall"}));
}

}  // namespace
}  // namespace sopan::domain
