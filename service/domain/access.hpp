#pragma once
/// Who may do what (DESIGN §3): roles granted per unit subtree, and the one pure function that
/// decides every request. Deny by default.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sopan::domain {

class OrgTree;

enum class Role { kAdmin, kPenyusun, kVerifikator, kPengesah, kEvaluator, kAuditor, kPegawai };
inline constexpr Role kAllRoles[] = {Role::kAdmin,    Role::kPenyusun,  Role::kVerifikator,
                                     Role::kPengesah, Role::kEvaluator, Role::kAuditor,
                                     Role::kPegawai};

std::string_view role_name(Role role);  // "admin", "penyusun", ...
std::optional<Role> parse_role(std::string_view name);

/// A role over the subtree rooted at `unit`.
struct Grant {
  Role role;
  std::string unit;
};

/// The signed-in person, resolved from the session for each request.
struct Principal {
  std::string account_id;
  std::string username;
  std::string name;
  std::string nip;
  std::string position;  // position id held; filled only where a handler needs it (/me)
  std::vector<Grant> grants;
  bool must_change_password = false;
};

/// What a route does, from the point of view of access.
enum class Permission {
  kPublic,          // no session needed: health, login
  kSelf,            // any signed-in person, about themselves: me, logout, password change
  kOrgRead,         // read units, positions, staff
  kOrgWrite,        // change units, positions, staff; import
  kAccountsManage,  // accounts and role grants
  kEventsRead,      // the audit log
  kAuditExport,     // the audit packet (a zip of documents, histories and the event slice)
  // Documents of every kind (SOPs, maps): one set of permissions, the kind is data.
  kDocReadInForce,  // documents in force
  kDocReadDraft,    // drafts, history
  kDocWrite,        // create and save drafts
  kDocAct,          // workflow actions; the action's own role is checked with `holds`
  kDocComment,      // comment on drafts, reply, resolve one's own comments
  kDocMonitor,      // monitoring records of SOPs in force
  kDocEvaluate,     // evaluation records (a signed "tetap", or "revisi" opening a draft)
  // The reform evaluation's score (issue 14).
  kScoreRead,    // scores, rubrics and manual answers
  kScoreAnswer,  // signed manual answers of a unit to a rubric
  kRubricWrite,  // add or edit a rubric
  // The auditor's workspace (issue 15).
  kGitRead,  // clone and fetch the whole repository over HTTP (/git/), with an access token
};

/// True when `principal` may exercise `permission` on `unit` (the unit the request concerns).
/// Without a unit (`nullopt`) the question is "anywhere": does any grant allow it at all.
/// A null principal may only do kPublic things. Pure: reads only its arguments.
bool may(const Principal* principal, Permission permission, const std::optional<std::string>& unit,
         const OrgTree& org);

/// True when `principal` holds `role` over `unit` (a grant on the unit or above it), with no
/// temporary password pending.
bool holds(const Principal& principal, Role role, const std::string& unit, const OrgTree& org);

/// The roles that carry `permission` (an empty list for kPublic and kSelf, which need no role).
std::vector<Role> roles_for(Permission permission);
/// True when the permission is decided per unit subtree; false when any grant anywhere suffices.
bool is_unit_scoped(Permission permission);

}  // namespace sopan::domain
