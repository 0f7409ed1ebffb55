#include "domain/access.hpp"

#include <gtest/gtest.h>

#include "common/ids.hpp"
#include "domain/org.hpp"

namespace sopan::domain {
namespace {

Unit make_unit(std::string id, std::string code, std::string parent) {
  Unit u;
  u.id = std::move(id);
  u.code = std::move(code);
  u.kind = parent.empty() ? "pemda" : "dinas";
  u.name = "Unit " + u.code;
  u.parent = std::move(parent);
  return u;
}

class AccessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto t = OrgTree::build({make_unit(root, "0", ""), make_unit(dinas, "2", root),
                             make_unit(seksi, "2.1", dinas), make_unit(other, "3", root)});
    ASSERT_TRUE(t.has_value());
    tree = std::move(*t);
  }
  Principal with(Role role, const std::string& unit) {
    return {"a", "u", "n", "", "", {{role, unit}}, false};
  }

  std::string root = new_id(), dinas = new_id(), seksi = new_id(), other = new_id();
  OrgTree tree;
};

TEST_F(AccessTest, GrantsReachTheirWholeSubtreeAndNothingElse) {
  Principal admin = with(Role::kAdmin, dinas);
  EXPECT_TRUE(may(&admin, Permission::kOrgWrite, dinas, tree));
  EXPECT_TRUE(may(&admin, Permission::kOrgWrite, seksi, tree));
  EXPECT_FALSE(may(&admin, Permission::kOrgWrite, other, tree));
  EXPECT_FALSE(may(&admin, Permission::kOrgWrite, root, tree));
  EXPECT_TRUE(may(&admin, Permission::kOrgWrite, std::nullopt, tree));  // "anywhere"
  EXPECT_FALSE(may(&admin, Permission::kDocWrite, seksi, tree));        // not a penyusun
}

TEST_F(AccessTest, DenyByDefault) {
  EXPECT_FALSE(may(nullptr, Permission::kOrgRead, std::nullopt, tree));
  EXPECT_TRUE(may(nullptr, Permission::kPublic, std::nullopt, tree));
  Principal nobody{"a", "u", "n", "", "", {}, false};
  for (auto p : {Permission::kOrgRead, Permission::kOrgWrite, Permission::kAccountsManage,
                 Permission::kEventsRead, Permission::kAuditExport, Permission::kDocReadInForce,
                 Permission::kDocReadDraft, Permission::kDocWrite})
    EXPECT_FALSE(may(&nobody, p, root, tree));
  EXPECT_TRUE(may(&nobody, Permission::kSelf, std::nullopt, tree));
  Principal unknown_unit = with(Role::kAdmin, new_id());
  EXPECT_FALSE(may(&unknown_unit, Permission::kOrgWrite, seksi, tree));
}

TEST_F(AccessTest, TheAuditPacketIsExportedByAdminsAndAuditorsOfTheSubtree) {
  for (Role role : kAllRoles) {
    Principal at_root = with(role, root), at_dinas = with(role, dinas);
    const bool exports = role == Role::kAdmin || role == Role::kAuditor;
    EXPECT_EQ(may(&at_root, Permission::kAuditExport, root, tree), exports) << role_name(role);
    // The route asks at the root (its event slice is the whole instansi's): a grant below fails.
    EXPECT_FALSE(may(&at_dinas, Permission::kAuditExport, root, tree)) << role_name(role);
  }
}

TEST_F(AccessTest, ATemporaryPasswordOpensOnlyTheSelfRoutes) {
  Principal p = with(Role::kAdmin, root);
  p.must_change_password = true;
  EXPECT_TRUE(may(&p, Permission::kSelf, std::nullopt, tree));
  EXPECT_FALSE(may(&p, Permission::kOrgRead, std::nullopt, tree));
}

TEST(OrgTreeTest, RefusesCyclesDuplicateCodesAndMissingParents) {
  std::string a = new_id(), b = new_id(), c = new_id(), r = new_id();
  auto cycle = OrgTree::build({make_unit(r, "0", ""), make_unit(a, "1", b), make_unit(b, "2", a)});
  ASSERT_FALSE(cycle.has_value());
  EXPECT_EQ(cycle.error().code, Errc::kValidation);
  auto dup = OrgTree::build({make_unit(r, "0", ""), make_unit(a, "1", r), make_unit(b, "1", r)});
  ASSERT_FALSE(dup.has_value());
  EXPECT_EQ(dup.error().details.at(0).at("path").as_string(), "/units/" + b + "/code");
  auto orphan = OrgTree::build({make_unit(r, "0", ""), make_unit(c, "1", new_id())});
  EXPECT_FALSE(orphan.has_value());
}

}  // namespace
}  // namespace sopan::domain
