#pragma once
/// The organisation: units and positions in git under `org/units/` (on main, so reorganisations
/// keep their history), staff in RocksDB (`staff`, never in git). Readers take an immutable
/// snapshot of the tree; writers are serialised and swap in a new, validated snapshot.
#include <boost/json/object.hpp>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "domain/org.hpp"
#include "library/ledger.hpp"

namespace sopan::library {

struct Staff {
  std::string nip;  // 18 digits
  std::string name;
  std::string position;  // position id, or empty when none is held
  bool active = true;

  boost::json::value to_json() const;
  static Result<Staff> from_json(const boost::json::value& v, std::string_view pointer = "");
};

/// One all-or-nothing change of the organisation: units to write (whole files) and staff rows.
struct OrgChange {
  std::vector<domain::Unit> units;
  std::vector<Staff> staff;
  std::string action;   // trailer Sopan-Action and event kind: "org.unit", "org.import", ...
  std::string message;  // the commit message (the person's reason)
};

class OrgLibrary {
 public:
  /// Loads the tree from main. `library` must outlive this object.
  [[nodiscard]] static Result<std::unique_ptr<OrgLibrary>> open(Ledger& library);

  std::shared_ptr<const domain::OrgTree> tree() const;
  /// The tree as main held it at `commit` (a git read: for a past day).
  [[nodiscard]] Result<std::shared_ptr<const domain::OrgTree>> tree_at(const std::string& commit);

  /// Validates the tree with `change` applied (staff positions must exist in it), then commits
  /// the unit files to main (when any changed) and writes the staff rows with one event.
  /// Nothing is written when validation fails.
  [[nodiscard]] Status apply(const OrgChange& change, const Actor& actor);

  [[nodiscard]] Result<std::optional<Staff>> staff(std::string_view nip) const;
  [[nodiscard]] Result<std::vector<Staff>> all_staff() const;
  /// The unit a staff member belongs to for access decisions: the unit of their position, or the
  /// root (the instansi's admins) when they hold none or it no longer exists. Unknown NIPs too.
  std::string unit_of_staff(std::string_view nip) const;
  /// The name of the position a staff member holds today, as printed under a signature;
  /// "(tanpa jabatan)" when they hold none.
  std::string position_name_of_staff(std::string_view nip) const;

  /// The commits on main that changed a unit's file, newest first.
  [[nodiscard]] Result<std::vector<vcs::CommitInfo>> unit_history(std::string_view unit_id);

  /// The first commit's file for the root unit of a new instansi.
  static vcs::FileChange root_unit_file(const std::string& instansi_name);

 private:
  explicit OrgLibrary(Ledger& library) : library_(library) {}
  Ledger& library_;
  mutable std::mutex mutex_;  // guards tree_ and serialises apply
  std::shared_ptr<const domain::OrgTree> tree_;
};

bool is_valid_nip(std::string_view nip);

}  // namespace sopan::library
