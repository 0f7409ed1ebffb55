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

Result<const std::vector<library::VersionRow>*> history_of(Context& ctx, IndexMemo& memo,
                                                           const std::string& id) {
  if (auto it = memo.histories.find(id); it != memo.histories.end()) return &it->second;
  auto rows = ctx.library.history(id);
  if (!rows) return rows.error();
  return &memo.histories.emplace(id, std::move(*rows)).first->second;
}

Result<const std::vector<library::RecordRow>*> records_of(Context& ctx, IndexMemo& memo,
                                                          const std::string& id) {
  if (auto it = memo.records.find(id); it != memo.records.end()) return &it->second;
  auto rows = ctx.library.records(id);
  if (!rows) return rows.error();
  return &memo.records.emplace(id, std::move(*rows)).first->second;
}

namespace {

/// Every summary of `kind`, listed once per memo.
Result<const std::vector<library::DocSummary>*> summaries_of(
    Context& ctx, std::optional<std::vector<library::DocSummary>>& slot, DocKind kind) {
  if (!slot) {
    library::ListFilter filter;
    filter.kind = kind;
    filter.limit = SIZE_MAX;
    auto list = ctx.library.list(filter);
    if (!list) return list.error();
    slot = std::move(*list);
  }
  return &*slot;
}

/// The version of `id` in force on `date` (its history rows and the instansi's calendar).
Result<library::InForceAt> state_on(Context& ctx, IndexMemo& memo, const std::string& id,
                                    const std::string& date) {
  auto rows = history_of(ctx, memo, id);
  if (!rows) return rows.error();
  return library::in_force_at(**rows, date, ctx.library.instansi().utc_offset_minutes);
}

}  // namespace

Result<DayInForce> gather_in_force(Context& ctx,
                                   const std::function<bool(std::string_view unit)>& in_scope,
                                   const std::string& date, IndexMemo& memo) {
  DayInForce day;
  std::set<std::string, std::less<>> linked;
  auto maps = summaries_of(ctx, memo.maps, DocKind::kMap);
  if (!maps) return maps.error();
  for (const auto& s : **maps) {
    if (!s.in_force) continue;
    auto state = state_on(ctx, memo, s.id, date);
    if (!state) return state.error();
    if (!state->version || state->status != "berlaku") continue;
    // A version's content never changes: read (from git) and parsed once per memo.
    const std::string& commit = state->version->commit;
    auto parsed = memo.parsed.find(commit);
    if (parsed == memo.parsed.end()) {
      std::optional<domain::ProcessMap> m;
      if (commit == s.in_force->commit) {
        // The version in force now: the index holds its content.
        auto doc = ctx.library.read(s.id, {library::ReadSelector::Kind::kInForce});
        if (doc) m = parse_map(doc->content);
      } else {
        auto content =
            ctx.library.ledger().read_file(commit, library::doc_path(DocKind::kMap, s.id));
        if (!content) return content.error();
        if (*content) m = parse_map(**content);
      }
      parsed = memo.parsed.emplace(commit, std::move(m)).first;
    }
    if (!parsed->second) continue;
    const domain::ProcessMap& m = *parsed->second;
    // In scope by the unit the version in force that day names, never by a later draft's.
    if (!in_scope(m.unit)) continue;
    if (!m.parent_map.empty()) day.detailed.insert({m.parent_map, m.parent_process});
    for (const auto& n : m.nodes) linked.insert(n.sops.begin(), n.sops.end());
    // The map's identity fields, from the content already parsed.
    day.maps.push_back({coverage_doc(s, m.number, m.title, m.unit), m});
  }
  auto sops = summaries_of(ctx, memo.sops, DocKind::kSop);
  if (!sops) return sops.error();
  for (const auto& s : **sops) {
    if (!s.in_force) continue;
    // The history rows carry the identity of each version put in force: no git read.
    auto state = state_on(ctx, memo, s.id, date);
    if (!state) return state.error();
    // Linked but never in force by then: the activity has no SOP in force.
    if (!state->version) continue;
    const library::VersionRow& v = *state->version;
    // In scope by the unit of the version in force that day, never by a later draft's.
    const bool in_subtree = in_scope(v.unit);
    if (!in_subtree && !linked.contains(s.id)) continue;
    domain::CoverageSop sop{
        coverage_doc(s, v.number, v.title, v.unit), state->status, {}, in_subtree};
    for (const auto& acting : v.acting) sop.positions.push_back(acting.position);
    if (in_subtree && state->status == "berlaku") day.in_force.push_back({sop.doc, *state});
    day.sops.push_back(std::move(sop));
  }
  return day;
}

}  // namespace sopan::api
