#pragma once
/// Comment anchors that follow what they point at. A review comment names a part of a document
/// as a JSON pointer ("/steps/3/activity"); stored as it is, it would point at another step once
/// one is inserted above. The stable form replaces the position of an element of a *keyed*
/// array (one whose elements carry an `id`, a SOP's "/steps" and "/actors") by "@<id>":
/// "/steps/3/activity" → "/steps/@S4/activity".
///
/// Why "@<id>" cannot be mistaken for a JSON pointer: an array is indexed by digits only
/// (RFC 6901), so a token starting with '@' never names an array element, and the ids put in
/// it are of the schema's alphabet [A-Za-z0-9_-], which has no '/', '~' or '@' (nothing to
/// escape). An element whose id is missing, outside that alphabet or shared with another element
/// of the array keeps its position. A pointer without a keyed array ("/legal_basis") is its own
/// stable form, so anchors stored before this form existed resolve as they always did.
///
/// Pure functions; the pointers and ids are plain ASCII JSON pointers.
#include <boost/json/value.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace sopan::domain {

/// The stable form of `pointer` in `doc`, `keyed` naming the keyed arrays by their pointer
/// ("/steps"). nullopt when `pointer` does not resolve in `doc`: a position past an array's end,
/// a member missing on the way, a step below a scalar. A missing *last* member of an object is
/// allowed (a reviewer asks for an empty field to be filled in). "" (the whole document) is "".
std::optional<std::string> stable_anchor(const boost::json::value& doc, std::string_view pointer,
                                         std::span<const std::string_view> keyed);

struct ResolvedAnchor {
  /// The current JSON pointer (positions only); when `missing`, the longest part that still
  /// resolves ("/steps" for a deleted step).
  std::string pointer;
  /// What the anchor named is gone: no element with the id, a position past the end.
  bool missing = false;
};

/// `stable` (a stable form, or a plain pointer) as a JSON pointer into `doc`.
ResolvedAnchor resolve_anchor(const boost::json::value& doc, std::string_view stable);

}  // namespace sopan::domain
