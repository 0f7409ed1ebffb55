#include "library/timeline.hpp"

#include "domain/workflow.hpp"

namespace sopan::library {

namespace {
std::string commit_day(const VersionRow& row, int offset) {
  return format_date(local_date(row.time, offset));
}
domain::Effect effect_of(const VersionRow& row) {
  const domain::Action* a = domain::action(row.action);
  return a ? a->effect : domain::Effect::kEdit;
}
}  // namespace

std::string effective_day(const VersionRow& row, int utc_offset_minutes) {
  return row.effective.empty() ? commit_day(row, utc_offset_minutes) : row.effective;
}

InForceAt in_force_at(const std::vector<VersionRow>& rows, std::string_view date,
                      int utc_offset_minutes) {
  InForceAt at;
  std::vector<VersionRow> pending;  // ratified, waiting for their effective day
  // Every pending ratification whose day has come by `day` takes effect, in ratification order.
  auto promote = [&](std::string_view day) {
    for (auto it = pending.begin(); it != pending.end();) {
      std::string effective = effective_day(*it, utc_offset_minutes);
      if (effective > day) {
        ++it;
        continue;
      }
      at.since = std::move(effective);
      at.version = std::move(*it);
      at.status = "berlaku";
      it = pending.erase(it);
    }
  };
  for (const auto& row : rows) {
    const std::string day = commit_day(row, utc_offset_minutes);
    if (!row.on_main || day > date) continue;
    promote(day);
    switch (effect_of(row)) {
      case domain::Effect::kMerge:
        pending.push_back(row);
        break;
      case domain::Effect::kMainStep:
        // The document ends: a ratification still waiting for its day never takes effect.
        pending.clear();
        at.status = std::string(domain::action(row.action)->status);
        at.since = day;
        break;
      default:
        break;
    }
  }
  promote(date);
  if (!pending.empty()) at.pending = pending.back();
  if (!at.version && at.pending) {
    at.status = "disahkan";
    at.since = commit_day(*at.pending, utc_offset_minutes);
  }
  return at;
}

std::vector<std::uint64_t> editions(const std::vector<VersionRow>& rows) {
  std::vector<std::uint64_t> out;
  out.reserve(rows.size());
  std::uint64_t ratified = 0;  // ratifications before the row
  for (const auto& row : rows) {
    if (row.on_main && effect_of(row) == domain::Effect::kMerge) {
      out.push_back(ratified++);  // the edition it makes
    } else if (row.on_main) {
      out.push_back(ratified > 0 ? ratified - 1 : 0);  // a step on the edition in force
    } else {
      out.push_back(ratified);  // a draft makes the next edition
    }
  }
  return out;
}

}  // namespace sopan::library
