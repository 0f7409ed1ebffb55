// The instansi timeline (GET /api/v1/events): every change and audit event, newest first, filtered
// by unit subtree, person, action, kind of document and period, paged by a cursor, with the hash
// chain's state. The filters walk the event facets (library/event_index.hpp), so a page costs
// what it shows, not the length of the log.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <mutex>

#include "api/routes.hpp"
#include "common/json.hpp"
#include "index/keys.hpp"
#include "index/store.hpp"
#include "library/accounts.hpp"
#include "library/document_library.hpp"
#include "library/event_index.hpp"
#include "library/event_log.hpp"
#include "library/indexer.hpp"
#include "library/org_library.hpp"

namespace sopan::api {
namespace json = boost::json;
using domain::Permission;
using library::Facet;

/// The chain's state as last checked in full. A check reads every event (≈ 0.3 s at 100 000), so
/// it is repeated only when the log grew and the last one is a minute old, or when asked.
struct ChainWatch {
  std::mutex mutex;
  std::optional<library::ChainReport> report;
  TimeMs checked_at = 0;
};
std::shared_ptr<ChainWatch> make_chain_watch() { return std::make_shared<ChainWatch>(); }

namespace {

constexpr TimeMs kChainRecheckMs = 60'000;
constexpr std::size_t kMaxFilterText = 100;

Error query_error(std::string_view name, std::string message, std::string detail) {
  return field_error(Errc::kInvalidArgument, std::move(message), "/query/" + std::string(name),
                     std::move(detail));
}

Result<json::object> chain_state(Context& ctx, bool full) {
  ChainWatch& watch = *ctx.chain_watch;
  std::lock_guard lock(watch.mutex);
  auto head = library::EventLog::load_head(ctx.library.ledger().index());
  if (!head) return head.error();
  const TimeMs now = ctx.library.clock().now();
  bool stale = !watch.report ||
               (watch.report->head.seq != head->seq && now - watch.checked_at >= kChainRecheckMs);
  if (full || stale) {
    auto report = ctx.library.ledger().verify_events();
    if (!report) return report.error();
    watch.report = std::move(*report);
    watch.checked_at = now;
  }
  const library::ChainReport& r = *watch.report;
  json::object out{{"intact", r.intact},
                   {"events", r.events},
                   {"checked_at", format_utc(watch.checked_at)},
                   {"checked_through", r.head.seq},
                   {"head_seq", head->seq},
                   {"head_hash", head->hash}};
  if (!r.intact) {
    out["first_bad_seq"] = r.first_bad_seq;
    out["reason"] = r.reason;
  }
  if (r.unreadable) out["unreadable"] = r.unreadable;
  return out;
}

}  // namespace

std::vector<Route> event_routes(Context& ctx) {
  // The audit log spans the whole instansi: reading it needs a grant at the root.
  auto root = [&ctx](const Request&) -> Result<std::optional<std::string>> {
    return std::optional<std::string>(ctx.org.tree()->root());
  };

  auto list = [&ctx](Request& req) -> Reply {
    if (auto s = only_query_params(req, {"unit", "actor", "action", "kind", "doc_kind", "from",
                                         "to", "before", "limit", "chain"});
        !s)
      return s.error();
    const int offset = ctx.library.instansi().utc_offset_minutes;
    const auto& store = ctx.library.ledger().index();
    auto head = library::EventLog::load_head(store);
    if (!head) return head.error();
    library::EventQuery query;
    query.below = head->seq + 1;

    std::optional<Date> from, to;
    for (auto [name, day] : {std::pair{"from", &from}, std::pair{"to", &to}}) {
      auto text = req.query_param(name);
      if (!text) continue;
      *day = parse_date(*text);
      if (!*day) return query_error(name, "Tanggal tidak valid", "Harus berupa tanggal YYYY-MM-DD");
    }
    if (from && to && format_date(*to) < format_date(*from))
      return query_error("to", "Rentang tanggal terbalik",
                         "Tanggal akhir tidak boleh sebelum tanggal awal");
    if (from) {
      // The first event of the local day `from`: the one after the previous day's end.
      Date before_from = local_date(end_of_day_ms(*from, offset) - 86'400'000, offset);
      auto lowest =
          library::first_event_at(store, head->seq, end_of_day_ms(before_from, offset) + 1);
      if (!lowest) return lowest.error();
      query.lowest = *lowest;
    }
    if (to) {
      auto below = library::first_event_at(store, head->seq, end_of_day_ms(*to, offset) + 1);
      if (!below) return below.error();
      query.below = std::min(query.below, *below);
    }
    if (auto before = req.query_param("before")) {
      std::uint64_t seq = 0;
      bool digits = !before->empty() && before->size() <= 18;
      for (char c : *before) digits = digits && c >= '0' && c <= '9';
      if (digits) seq = std::stoull(std::string(*before));
      if (!digits || seq == 0)
        return query_error("before", "Penanda halaman tidak valid",
                           "Harus berupa nomor peristiwa, bilangan bulat dari 1");
      query.below = std::min(query.below, seq);
    }
    auto limit = limit_param(req, 200, 2000);
    if (!limit) return limit.error();
    query.limit = *limit;

    if (auto unit = req.query_param("unit")) {
      auto tree = ctx.org.tree();
      if (!tree->unit(*unit))
        return query_error("unit", "Unit tidak ditemukan", "Pilih unit dari struktur organisasi");
      std::vector<std::string> units;
      for (const auto& [id, u] : tree->units())
        if (tree->within(id, *unit)) units.push_back(id);
      query.filters.push_back({Facet::kUnit, std::move(units)});
    }
    if (auto actor = req.query_param("actor")) {
      if (actor->empty() || actor->size() > kMaxFilterText)
        return query_error("actor", "Pengguna tidak valid",
                           "Tulis nama pengguna, NIP atau id akun (paling banyak 100 karakter)");
      // A person by username or account id; failed logins name only the username tried.
      // A NIP names the person in every event that carries one (org changes carry no account).
      std::vector<std::string> values{std::string(*actor), library::username_person(*actor),
                                      library::nip_person(*actor)};
      auto account = ctx.accounts.by_username(*actor);
      if (!account) return account.error();
      if (*account) {
        values.push_back((*account)->id);
        if (!(*account)->nip.empty()) values.push_back(library::nip_person((*account)->nip));
      }
      query.filters.push_back({Facet::kPerson, std::move(values)});
    }
    if (auto action = req.query_param("action")) {
      bool ok = !action->empty() && action->size() <= 64;
      for (char c : *action)
        ok = ok &&
             ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-');
      if (!ok)
        return query_error("action", "Jenis peristiwa tidak valid",
                           "Misalnya doc, doc.ratify, login.failed (huruf kecil, angka, titik)");
      // "doc" is a category (every doc.* event); "doc.ratify" one kind.
      Facet facet = action->find('.') == std::string_view::npos ? Facet::kCategory : Facet::kKind;
      query.filters.push_back({facet, {std::string(*action)}});
    }
    if (auto kind = req.query_param("kind")) {
      if (kind->empty() || kind->size() > 64)
        return query_error("kind", "Jenis peristiwa tidak valid",
                           "Awal jenis peristiwa, misalnya login.");
      query.kind_prefix = std::string(*kind);
    }
    if (auto kind = req.query_param("doc_kind")) {
      if (*kind != "sop" && *kind != "map")
        return query_error("doc_kind", "Jenis dokumen tidak dikenal", "Pilih sop atau map");
      query.filters.push_back({Facet::kDocKind, {std::string(*kind)}});
    }
    auto chain_param = req.query_param("chain");
    if (chain_param && *chain_param != "full")
      return query_error("chain", "Pemeriksaan rantai tidak dikenal",
                         "Hanya chain=full (periksa ulang seluruh rantai)");

    auto page = library::query_events(store, query);
    if (!page) return page.error();
    auto tree = ctx.org.tree();
    json::array items;
    std::size_t unreadable = 0;
    for (std::uint64_t seq : page->seqs) {
      auto value = store.get(index::Cf::kEvents, index::event_key(seq));
      if (!value) return value.error();
      if (!*value) continue;
      // An event that cannot be read is listed as such (the chain's check says more), never a
      // 500: one bad record must not hide the rest of the log from an auditor.
      library::StoredEvent event = library::EventLog::decode(index::event_key(seq), **value);
      if (!event.fields) {
        ++unreadable;
        items.push_back(
            json::object{{"seq", event.seq}, {"unreadable", true}, {"problem", event.problem}});
        continue;
      }
      json::object item = std::move(*event.fields);
      if (event.repaired) item["repaired"] = true;
      // What the screen shows beside the stored facts: names for the ids (marked as looked up now).
      json::object shown;
      auto facets =
          library::facets_of(item, [&](std::string_view doc) -> std::optional<std::string> {
            auto ref = library::parse_doc_trailer(doc);
            if (!ref) return std::nullopt;
            auto summary = ctx.library.summary(ref->id);
            if (!summary) return std::nullopt;
            return summary->unit;
          });
      for (const auto& [facet, v] : facets)
        if (facet == Facet::kUnit) {
          shown["unit"] = v;
          const domain::Unit* u = tree->unit(v);
          shown["unit_name"] = u ? u->name : "";
        }
      if (auto doc = json_util::string_field(item, "doc"))
        if (auto ref = library::parse_doc_trailer(*doc))
          if (auto summary = ctx.library.summary(ref->id)) {
            shown["doc_kind"] = library::kind_name(ref->kind);
            shown["doc_id"] = ref->id;
            shown["doc_number"] = summary->number;
            shown["doc_title"] = summary->title;
          }
      std::string account(json_util::string_field(item, "actor_account")
                              .value_or(json_util::string_field(item, "account").value_or("")));
      if (!account.empty())
        if (auto a = ctx.accounts.get(account); a && *a) shown["username"] = (*a)->username;
      item["shown"] = std::move(shown);
      items.push_back(std::move(item));
    }
    auto chain = chain_state(ctx, chain_param.has_value());
    if (!chain) return chain.error();
    (void)ctx.library.record_event(
        {{"kind", "audit.read"}, {"account", req.principal->account_id}, {"count", items.size()}});
    std::size_t n = items.size();
    json::object answer{{"items", std::move(items)}, {"count", n}, {"chain", std::move(*chain)}};
    if (page->next_below) answer["next_before"] = *page->next_below;
    if (unreadable) answer["unreadable"] = unreadable;
    return Response::json(answer);
  };

  return {{"GET", "/api/v1/events", list, {}, Permission::kEventsRead, root}};
}

}  // namespace sopan::api
