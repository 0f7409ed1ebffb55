#pragma once
/// What is in force on a day (DESIGN §4 `?at=`), from a document's history rows alone: a version
/// ratified on day R with effective date E is in force from E (not from R); a withdrawal or a
/// supersession ends it on the day it is committed. Pure; the index holds every row it reads.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "library/model.hpp"

namespace sopan::library {

struct InForceAt {
  /// The version in force on the day, or for a document withdrawn or superseded by then, the
  /// last version that was (its content is what the print of that day shows). nullopt: none yet.
  std::optional<VersionRow> version;
  /// "berlaku", "dicabut", "digantikan", "disahkan" (ratified, in force from a later day, nothing
  /// in force before it), or "" (nothing ratified by that day).
  std::string status;
  std::string since;  // the day the status began ("YYYY-MM-DD")
  /// A version ratified by the day that takes effect after it (nullopt: none).
  std::optional<VersionRow> pending;
};

/// The day a row takes effect: its effective date, or the local day of its commit.
std::string effective_day(const VersionRow& row, int utc_offset_minutes);

/// The state of a document on `date` ("YYYY-MM-DD"), from its history rows in version order.
InForceAt in_force_at(const std::vector<VersionRow>& rows, std::string_view date,
                      int utc_offset_minutes);

/// The edition (revisi ke-N, from 0 for the first) each row belongs to: the count of
/// ratifications before it; a draft row belongs to the edition its ratification will make.
std::vector<std::uint64_t> editions(const std::vector<VersionRow>& rows);

}  // namespace sopan::library
