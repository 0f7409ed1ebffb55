#include "library/kinds.hpp"

#include <algorithm>
#include <stdexcept>

#include "common/ids.hpp"
#include "common/json.hpp"
#include "common/time.hpp"
#include "domain/bpmn.hpp"
#include "domain/map.hpp"
#include "library/search.hpp"

namespace sopan::library {
namespace json = boost::json;

namespace {
/// A cross-functional map's BPMN beside its JSON (DESIGN §2 "Maps"); the other map types have
/// none (their BPMN export is built on request, with the maps that detail them).
std::vector<std::pair<std::string, std::optional<std::string>>> map_files(
    std::string_view id, std::string_view content) {
  std::optional<std::string> bpmn;
  if (auto parsed = json_util::parse(content)) {
    const domain::ProcessMap map = domain::ProcessMap::from_json(*parsed);
    if (map.cross_functional()) bpmn = domain::to_bpmn(map, id);
  }
  return {{".bpmn", std::move(bpmn)}};
}

std::deque<KindDescriptor>& registry() {
  using search::Field;
  static std::deque<KindDescriptor> kinds = {
      {DocKind::kSop,
       "sops",
       "SOP",
       "/unit",
       "/number",
       "/title",
       "/classification",
       "/dates/effective",
       {{"/number", Field::kNumber},
        {"/title", Field::kTitle},
        {"/legal_basis/*", Field::kLegalBasis},
        {"/steps/*/activity", Field::kSteps}},
       {"/related/*/sop"},
       {"/actors", "id", "position", "/steps", "actor"},
       {"/steps", "/actors"},
       /*records=*/true},
      {DocKind::kMap,
       "maps",
       "Peta Proses Bisnis",
       "/unit",
       "/number",
       "/title",
       "/type",
       "/dates/effective",
       {{"/number", Field::kNumber},
        {"/title", Field::kTitle},
        {"/processes/*/name", Field::kSteps},
        {"/nodes/*/name", Field::kSteps}},
       {"/parent/map", "/nodes/*/sops/*", "/nodes/*/map"},
       // A lane held by a position is who acts; its nodes are the steps.
       {"/lanes", "id", "position", "/nodes", "lane"},
       {"/processes", "/lanes", "/nodes", "/flows"},
       /*records=*/false,
       map_files},
  };
  return kinds;
}

void collect(const json::value& v, std::string_view pointer, std::vector<std::string_view>& out) {
  if (pointer.empty()) {
    if (v.is_string()) out.push_back(v.get_string());
    return;
  }
  if (pointer.front() != '/') return;
  pointer.remove_prefix(1);
  const std::size_t cut = pointer.find('/');
  const std::string_view segment = pointer.substr(0, cut);
  const std::string_view rest = cut == std::string_view::npos ? "" : pointer.substr(cut);
  if (segment == "*") {
    if (const json::array* a = v.if_array())
      for (const auto& item : *a) collect(item, rest, out);
    if (const json::object* o = v.if_object())
      for (const auto& kv : *o) collect(kv.value(), rest, out);
  } else if (const json::object* o = v.if_object()) {
    if (const json::value* child = o->if_contains(segment)) collect(*child, rest, out);
  }
}
}  // namespace

const std::deque<KindDescriptor>& kinds() { return registry(); }

void register_kind(KindDescriptor kind) {
  if (find_kind(kind.kind) || kind_by_folder(kind.folder))
    throw std::logic_error("document kind registered twice: " + std::string(kind.kind.name));
  registry().push_back(std::move(kind));
}

const KindDescriptor* find_kind(DocKind kind) {
  for (const auto& k : registry())
    if (k.kind == kind) return &k;
  return nullptr;
}

const KindDescriptor* kind_by_folder(std::string_view folder) {
  for (const auto& k : registry())
    if (k.folder == folder) return &k;
  return nullptr;
}

std::vector<std::string_view> strings_at(const json::value& doc, std::string_view pointer) {
  std::vector<std::string_view> out;
  collect(doc, pointer, out);
  return out;
}

Identity identity_of(const KindDescriptor& kind, std::string_view content) {
  Identity id;
  auto parsed = json_util::parse(content);
  // A file that is not a JSON object (possible only for commits made outside Sopan) has none.
  if (!parsed || !parsed->is_object()) return id;
  auto first = [&](std::string_view pointer) {
    if (pointer.empty()) return std::string();
    auto found = strings_at(*parsed, pointer);
    return found.empty() ? std::string() : std::string(found.front());
  };
  id.unit = first(kind.unit);
  id.number = first(kind.number);
  id.title = first(kind.title);
  // Tags are an object's values (a SOP's classification) or one string (a map's type).
  if (!kind.tags.empty()) {
    for (auto tag : strings_at(*parsed, kind.tags)) id.tags.emplace_back(tag);
    for (auto tag : strings_at(*parsed, std::string(kind.tags) + "/*")) id.tags.emplace_back(tag);
  }
  for (auto pointer : kind.links)
    for (auto target : strings_at(*parsed, pointer))
      if (is_valid_id(target) &&
          std::find(id.links.begin(), id.links.end(), target) == id.links.end())
        id.links.emplace_back(target);
  id.effective = first(kind.effective);
  if (!parse_date(id.effective)) id.effective.clear();
  id.acting = acting_of(kind.actors, *parsed);
  return id;
}

std::vector<Acting> acting_of(const ActorFields& fields, const json::value& doc) {
  std::vector<Acting> out;
  if (fields.actors.empty()) return out;
  auto array_at = [&](std::string_view pointer) -> const json::array* {
    boost::system::error_code ec;
    const json::value* v = doc.find_pointer(pointer, ec);
    return v ? v->if_array() : nullptr;
  };
  auto member = [](const json::value& item, std::string_view key) -> std::string_view {
    const json::object* o = item.if_object();
    const json::value* v = o ? o->if_contains(key) : nullptr;
    return v && v->is_string() ? std::string_view(v->get_string()) : std::string_view();
  };
  const json::array* actors = array_at(fields.actors);
  if (!actors) return out;
  std::vector<std::pair<std::string_view, std::size_t>> by_key;  // actor key → index in `out`
  for (const auto& actor : *actors) {
    const std::string_view position = member(actor, fields.position);
    if (position.empty()) continue;  // an outside party, or not chosen yet
    auto it = std::find_if(out.begin(), out.end(),
                           [&](const Acting& a) { return a.position == position; });
    if (it == out.end()) it = out.insert(out.end(), Acting{std::string(position), {}});
    by_key.emplace_back(member(actor, fields.key), static_cast<std::size_t>(it - out.begin()));
  }
  if (const json::array* steps = array_at(fields.steps))
    for (std::size_t i = 0; i < steps->size(); ++i) {
      const std::string_view key = member((*steps)[i], fields.step_actor);
      if (key.empty()) continue;
      for (const auto& [actor_key, index] : by_key)
        if (actor_key == key) {
          auto& numbers = out[index].steps;
          const auto no = static_cast<std::uint32_t>(i + 1);
          if (numbers.empty() || numbers.back() != no) numbers.push_back(no);
        }
    }
  return out;
}

}  // namespace sopan::library
