#include "domain/access.hpp"

#include "domain/org.hpp"

namespace sopan::domain {

namespace {

struct RoleName {
  Role role;
  std::string_view name;
};
constexpr RoleName kRoleNames[] = {
    {Role::kAdmin, "admin"},
    {Role::kPenyusun, "penyusun"},
    {Role::kVerifikator, "verifikator"},
    {Role::kPengesah, "pengesah"},
    {Role::kEvaluator, "evaluator"},
    {Role::kAuditor, "auditor"},
    {Role::kPegawai, "pegawai"},
};

/// The one table: which roles carry each permission, and whether the grant's subtree must hold
/// the unit concerned. Reading what is in force and the org directory is open to every role
/// anywhere in the instansi; everything else stays inside the grant's subtree.
struct Rule {
  Permission permission;
  bool unit_scoped;
  std::vector<Role> roles;
};
const Rule kRules[] = {
    {Permission::kOrgRead,
     false,
     {Role::kAdmin, Role::kPenyusun, Role::kVerifikator, Role::kPengesah, Role::kEvaluator,
      Role::kAuditor, Role::kPegawai}},
    {Permission::kOrgWrite, true, {Role::kAdmin}},
    {Permission::kAccountsManage, true, {Role::kAdmin}},
    {Permission::kEventsRead, true, {Role::kAdmin, Role::kAuditor}},
    {Permission::kAuditExport, true, {Role::kAdmin, Role::kAuditor}},
    {Permission::kDocReadInForce,
     false,
     {Role::kAdmin, Role::kPenyusun, Role::kVerifikator, Role::kPengesah, Role::kEvaluator,
      Role::kAuditor, Role::kPegawai}},
    {Permission::kDocReadDraft,
     true,
     {Role::kPenyusun, Role::kVerifikator, Role::kPengesah, Role::kEvaluator, Role::kAuditor}},
    {Permission::kDocWrite, true, {Role::kPenyusun}},
    {Permission::kDocAct, true, {Role::kPenyusun, Role::kVerifikator, Role::kPengesah}},
    // Everyone who works on a draft talks about it; the auditor only reads.
    {Permission::kDocComment,
     true,
     {Role::kPenyusun, Role::kVerifikator, Role::kPengesah, Role::kEvaluator}},
    // The unit's own team monitors its SOPs; the evaluation team may too.
    {Permission::kDocMonitor, true, {Role::kPenyusun, Role::kEvaluator}},
    {Permission::kDocEvaluate, true, {Role::kEvaluator}},
    {Permission::kScoreRead,
     false,
     {Role::kAdmin, Role::kPenyusun, Role::kVerifikator, Role::kPengesah, Role::kEvaluator,
      Role::kAuditor, Role::kPegawai}},
    // The evaluation team answers what the server cannot measure, and signs it.
    {Permission::kScoreAnswer, true, {Role::kEvaluator}},
    // A rubric is the instansi's yardstick: the admins of the whole instansi (its root) keep it.
    {Permission::kRubricWrite, true, {Role::kAdmin}},
    // A clone holds every unit's history, drafts included: only those who read the whole
    // instansi's record (a grant at its root; the route asks for the root unit).
    {Permission::kGitRead, true, {Role::kAdmin, Role::kAuditor}},
};

const Rule* rule_of(Permission p) {
  for (const auto& r : kRules)
    if (r.permission == p) return &r;
  return nullptr;
}

}  // namespace

std::string_view role_name(Role role) {
  for (const auto& r : kRoleNames)
    if (r.role == role) return r.name;
  return "?";
}

std::optional<Role> parse_role(std::string_view name) {
  for (const auto& r : kRoleNames)
    if (r.name == name) return r.role;
  return std::nullopt;
}

std::vector<Role> roles_for(Permission permission) {
  const Rule* r = rule_of(permission);
  return r ? r->roles : std::vector<Role>{};
}

bool is_unit_scoped(Permission permission) {
  const Rule* r = rule_of(permission);
  return r && r->unit_scoped;
}

bool holds(const Principal& principal, Role role, const std::string& unit, const OrgTree& org) {
  if (principal.must_change_password) return false;
  for (const auto& g : principal.grants)
    if (g.role == role && org.within(unit, g.unit)) return true;
  return false;
}

bool may(const Principal* principal, Permission permission, const std::optional<std::string>& unit,
         const OrgTree& org) {
  if (permission == Permission::kPublic) return true;
  if (!principal) return false;
  if (permission == Permission::kSelf) return true;
  // Until the temporary password is replaced, only kSelf routes (to change it) are open.
  if (principal->must_change_password) return false;
  const Rule* rule = rule_of(permission);
  if (!rule) return false;
  for (const auto& grant : principal->grants) {
    bool role_ok = false;
    for (Role r : rule->roles) role_ok = role_ok || r == grant.role;
    if (!role_ok) continue;
    if (!rule->unit_scoped || !unit) return true;
    if (org.within(*unit, grant.unit)) return true;
  }
  return false;
}

}  // namespace sopan::domain
