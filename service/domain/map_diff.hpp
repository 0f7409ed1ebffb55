#pragma once
/// What changed between two versions of a map, by element id (processes, lanes, nodes, flows)
/// and by field, for the map review: the browser marks added, removed and changed elements on
/// both diagrams (the older version's and the newer one's).
#include <boost/json/value.hpp>

#include "domain/diff.hpp"

namespace sopan::domain {

/// {"empty": bool,
///  "fields": [{path ("/title", "/parent/map"), field ("parent.map"), label, from, to}],
///  "lists": [{path, field, label, added: [...], removed: [...]}]  (stakeholders, inputs,
///           outputs, outcomes: items only in the new / only in the old version),
///  "elements": [{id, collection ("processes"|"lanes"|"nodes"|"flows"), change ("added"|
///           "removed"|"changed"), name, type (a node's type, a process's category, else ""),
///           fields: [{field, label, from, to}], moved: true (a changed element whose geometry
///           changed: x/y/width/height or a flow's waypoints, never listed in `fields`),
///           element: {...} (added and removed: the element as stored)}],
///  "summary": {added, removed, changed}}.
/// `from`/`to` are null where a field is absent or empty. Fields holding a unit or position id
/// carry `from_name`/`to_name` through `names` (domain/diff.hpp); a node's lane and a flow's
/// ends carry the lane's / element's name in that version. Elements are matched by id (an id a
/// draft repeats by its occurrence) and listed per collection: the newer version's order, then
/// the removed ones in the older order. Pure; malformed members count as empty.
boost::json::value diff_maps(const boost::json::value& from, const boost::json::value& to,
                             const DiffNames& names);

}  // namespace sopan::domain
