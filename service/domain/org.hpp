#pragma once
/// The organisation tree: units of any depth with their positions (jabatan), as stored in git
/// under `org/units/<unit-id>.json`. `OrgTree` is an immutable, validated snapshot: readers share
/// it through a `shared_ptr<const OrgTree>`, writers build a new one.
#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace sopan::domain {

/// Unit kinds (DOMAIN §3) and position kinds, as stored (lowercase ASCII).
extern const std::vector<std::string_view> kUnitKinds;
extern const std::vector<std::string_view> kPositionKinds;
extern const std::vector<std::string_view> kEselons;

struct Position {
  std::string id;
  std::string code;  // the instansi's own code (SIMPEG kode jabatan), unique in the instansi
  std::string name;
  std::string kind;    // jpt, administrator, pengawas, pelaksana, fungsional, eksternal
  std::string eselon;  // "II.b" ...; empty where it does not apply
};

/// A reorganisation that ended a unit: its id stays, so history and old SOPs still resolve.
struct Closure {
  std::string date;  // YYYY-MM-DD
  std::string reason;
  std::vector<std::string> successors;  // units that took over its work (merge/split)
};

struct Unit {
  std::string id;
  std::string code;  // unique among units of the instansi
  std::string kind;
  std::string name;
  std::string parent;  // empty for the root (the instansi itself)
  std::string head_position;
  std::vector<Position> positions;
  std::optional<Closure> closed;

  boost::json::value to_json() const;
  /// Parses a unit file or an API body; errors name fields under `pointer`.
  static Result<Unit> from_json(const boost::json::value& v, std::string_view pointer = "");
  const Position* position(std::string_view id) const;
};

class OrgTree {
 public:
  /// Validates the whole tree: one root, parents exist and form no cycle, unit and position codes
  /// unique, ids unique, head position held by the unit, successors exist. Every problem is a
  /// detail of the one kValidation error.
  [[nodiscard]] static Result<OrgTree> build(std::vector<Unit> units);

  const Unit* unit(std::string_view id) const;
  const Unit* unit_by_code(std::string_view code) const;
  /// The unit that holds position `id`, if any.
  const Unit* unit_of_position(std::string_view position_id) const;
  const Position* position(std::string_view id) const;
  const Position* position_by_code(std::string_view code) const;
  const std::string& root() const { return root_; }
  /// True when `unit` is `ancestor` or lies below it.
  bool within(std::string_view unit, std::string_view ancestor) const;
  /// Direct children of `id`, by code.
  std::vector<const Unit*> children(std::string_view id) const;
  /// From the root down to `id` (names for breadcrumbs).
  std::vector<const Unit*> path_to(std::string_view id) const;
  const std::map<std::string, Unit, std::less<>>& units() const { return units_; }
  /// Every unit in tree order (parents before children), each with its depth.
  boost::json::array to_json() const;

 private:
  std::map<std::string, Unit, std::less<>> units_;
  std::map<std::string, std::string, std::less<>> unit_code_;      // code → unit id
  std::map<std::string, std::string, std::less<>> position_unit_;  // position id → unit id
  std::map<std::string, std::string, std::less<>> position_code_;  // code → position id
  std::multimap<std::string, std::string, std::less<>> children_;  // parent → child ids
  std::string root_;
};

/// The path of a unit's file in git.
std::string unit_path(std::string_view unit_id);
inline constexpr std::string_view kUnitsDir = "org/units";

}  // namespace sopan::domain
