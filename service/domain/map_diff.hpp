#pragma once
/// What changed between two versions of a map, by element id (processes, lanes, nodes, flows)
/// and by field, for the map review: the browser marks added, removed and changed elements on
/// both diagrams (the older version's and the newer one's).
#include <boost/json/value.hpp>

#include "domain/diff.hpp"

namespace sopan::domain {

/// {"fields": [{path, label, from, to}], "elements": [{id, collection ("processes"|"lanes"|
/// "nodes"|"flows"), change ("added"|"removed"|"changed"), name, type, fields: [{field, label,
/// from, to}]}], "summary": {added, removed, changed}}. Names of units and positions through
/// `names` (domain/diff.hpp).
boost::json::value diff_maps(const boost::json::value& from, const boost::json::value& to,
                             const DiffNames& names);

}  // namespace sopan::domain
