#include "api/coverage.hpp"

#include "api/routes.hpp"
#include "common/json.hpp"
#include "domain/map.hpp"
#include "library/document_library.hpp"
#include "library/kinds.hpp"

namespace sopan::api {

using library::DocKind;

std::optional<domain::ProcessMap> parse_map(const std::string& content) {
  auto parsed = json_util::parse(content);
  if (!parsed || !parsed->is_object()) return std::nullopt;
  return domain::ProcessMap::from_json(*parsed);
}

namespace {

domain::CoverageDoc coverage_doc(const library::DocSummary& s, std::string number,
                                 std::string title, std::string unit) {
  return {std::string(library::kind_name(s.kind)), s.id, std::move(number), std::move(title),
          std::move(unit)};
}

}  // namespace

Result<DayInForce> gather_in_force(Context& ctx,
                                   const std::function<bool(std::string_view unit)>& in_scope,
                                   const std::string& date) {
  const bool today = date == ctx.library.today();
  DayInForce day;
  std::set<std::string, std::less<>> linked;
  library::ListFilter filter;
  filter.kind = DocKind::kMap;
  filter.limit = SIZE_MAX;
  filter.matches = [&](const library::DocSummary& s) { return in_scope(s.unit); };
  auto summaries = ctx.library.list(filter);
  if (!summaries) return summaries.error();
  for (const auto& s : *summaries) {
    if (!s.in_force) continue;
    // Today the index holds the content in force; a past day's is read from git.
    auto doc = today ? ctx.library.read(s.id, {library::ReadSelector::Kind::kInForce})
                     : ctx.library.read(s.id, {library::ReadSelector::Kind::kAt, 0, date});
    if (!doc || doc->status != "berlaku") continue;
    auto m = parse_map(doc->content);
    if (!m) continue;
    if (!m->parent_map.empty()) day.detailed.insert({m->parent_map, m->parent_process});
    for (const auto& n : m->nodes) linked.insert(n.sops.begin(), n.sops.end());
    // The map's identity fields, from the content already parsed.
    day.maps.push_back({coverage_doc(s, m->number, m->title, m->unit), std::move(*m)});
  }
  filter.kind = DocKind::kSop;
  filter.matches = [&](const library::DocSummary& s) {
    return in_scope(s.unit) || linked.contains(s.id);
  };
  auto sop_summaries = ctx.library.list(filter);
  if (!sop_summaries) return sop_summaries.error();
  for (const auto& s : *sop_summaries) {
    if (!s.in_force) continue;
    // The history rows carry the identity of each version put in force: no git read.
    auto state = ctx.library.at(s.id, date);
    if (!state) return state.error();
    // Linked but never in force by then: the activity has no SOP in force.
    if (!state->version) continue;
    const library::VersionRow& v = *state->version;
    const bool in_subtree = in_scope(s.unit);
    domain::CoverageSop sop{
        coverage_doc(s, v.number, v.title, v.unit), state->status, {}, in_subtree};
    for (const auto& acting : v.acting) sop.positions.push_back(acting.position);
    if (in_subtree && state->status == "berlaku") day.in_force.push_back({sop.doc, *state});
    day.sops.push_back(std::move(sop));
  }
  return day;
}

}  // namespace sopan::api
