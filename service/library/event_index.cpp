#include "library/event_index.hpp"

#include <algorithm>

#include "common/json.hpp"
#include "common/log.hpp"
#include "index/keys.hpp"
#include "library/event_log.hpp"
#include "library/indexer.hpp"
#include "library/model.hpp"

namespace sopan::library {
namespace json = boost::json;
using index::Cf;

namespace {

/// The seq of the newest event whose facets catch_up_facets wrote, kept beside the facets (not in
/// `meta`, which a rebuild from git must reproduce): no facet key starts with a zero byte.
/// Renamed whenever the facets gain a kind ("-2": commits), so that start-up writes the new
/// rows of every older event once (the puts of the old ones are idempotent).
const std::string kFacetsThroughKey("\0through-2", 10);

std::string facet_prefix(Facet facet, std::string_view value) {
  std::string key;
  index::append_u8(key, static_cast<std::uint8_t>(facet));
  index::append_ordered(key, value);
  return key;
}

std::string facet_key(Facet facet, std::string_view value, std::uint64_t seq) {
  std::string key = facet_prefix(facet, value);
  index::append_u64(key, seq);
  return key;
}

/// The seq a facet row ends with.
std::uint64_t seq_of(std::string_view key) {
  std::uint64_t seq = 0;
  for (char c : key.substr(key.size() - 8)) seq = (seq << 8) | static_cast<unsigned char>(c);
  return seq;
}

/// One filter: the union of the rows of each of its values, walked down by seq.
class Stream {
 public:
  Stream(const index::Store& store, Facet facet, const std::vector<std::string>& values) {
    for (const auto& v : values) {
      std::string prefix = facet_prefix(facet, v);
      std::string upper = index::prefix_successor(prefix);
      cursors_.push_back({store.cursor(Cf::kEventFacets, prefix, std::move(upper)), prefix});
    }
  }
  /// The greatest seq <= `at` in any of the values (nullopt: none).
  Result<std::optional<std::uint64_t>> seek_le(std::uint64_t at) {
    std::optional<std::uint64_t> best;
    for (auto& [cursor, prefix] : cursors_) {
      std::string key = prefix;
      index::append_u64(key, at);
      if (cursor->seek_le(key)) {
        std::uint64_t seq = seq_of(cursor->key());
        if (!best || seq > *best) best = seq;
      } else if (auto s = cursor->status(); !s) {
        return s.error();
      }
    }
    return best;
  }

 private:
  std::vector<std::pair<std::unique_ptr<index::Cursor>, std::string>> cursors_;
};

}  // namespace

std::string username_person(std::string_view username) {
  return "username:" + std::string(username);
}

std::string nip_person(std::string_view nip) { return "nip:" + std::string(nip); }

std::vector<std::pair<Facet, std::string>> facets_of(const json::object& fields,
                                                     const DocUnitFn& doc_unit) {
  std::vector<std::pair<Facet, std::string>> out;
  auto text = [&](std::string_view name) { return json_util::string_field(fields, name); };
  if (auto kind = text("kind"); kind && !kind->empty()) {
    out.emplace_back(Facet::kKind, std::string(*kind));
    out.emplace_back(Facet::kCategory, std::string(kind->substr(0, kind->find('.'))));
  }
  // The person acting: a document write names the account as actor_account, a session event as
  // account; a failed login names only the username that was tried.
  if (auto a = text("actor_account"); a && !a->empty())
    out.emplace_back(Facet::kPerson, std::string(*a));
  else if (auto b = text("account"); b && !b->empty())
    out.emplace_back(Facet::kPerson, std::string(*b));
  else if (auto u = text("username"); u && !u->empty())
    out.emplace_back(Facet::kPerson, username_person(*u));
  // An org change names the person by NIP only.
  if (auto nip = text("nip"); nip && !nip->empty())
    out.emplace_back(Facet::kPerson, nip_person(*nip));
  std::optional<std::string> unit;
  if (auto u = text("unit"); u && !u->empty()) unit = std::string(*u);
  if (auto doc = text("doc")) {
    if (auto ref = parse_doc_trailer(*doc)) out.emplace_back(Facet::kDocKind, kind_name(ref->kind));
    if (!unit && doc_unit) unit = doc_unit(*doc);
  }
  if (unit) out.emplace_back(Facet::kUnit, std::move(*unit));
  if (auto commit = text("commit"); commit && !commit->empty())
    out.emplace_back(Facet::kCommit, std::string(*commit));
  return out;
}

Result<std::vector<std::uint64_t>> events_of_commit(const index::Reader& store,
                                                    std::string_view commit) {
  std::vector<std::uint64_t> seqs;
  auto s = store.scan(Cf::kEventFacets, facet_prefix(Facet::kCommit, commit),
                      [&](std::string_view key, std::string_view) {
                        seqs.push_back(seq_of(key));
                        return seqs.size() < 16;  // one write makes one commit
                      });
  if (!s) return s.error();
  return seqs;
}

void add_facets(index::Batch& batch, std::uint64_t seq, const json::object& fields,
                const DocUnitFn& doc_unit) {
  for (const auto& [facet, value] : facets_of(fields, doc_unit))
    batch.put(Cf::kEventFacets, facet_key(facet, value, seq), {});
}

Status catch_up_facets(index::Store& store) {
  auto through = store.get(Cf::kEventFacets, kFacetsThroughKey);
  if (!through) return through.error();
  std::uint64_t from = 1;
  if (*through) from = std::strtoull((*through)->c_str(), nullptr, 10) + 1;
  auto head = EventLog::load_head(store);
  if (!head) return head.error();
  if (head->seq < from) return {};
  DocUnitFn doc_unit = [&store](std::string_view doc) -> std::optional<std::string> {
    auto ref = parse_doc_trailer(doc);
    if (!ref) return std::nullopt;
    auto row = store.get(Cf::kDocs, index::doc_key(ref->id));
    if (!row || !*row) return std::nullopt;
    auto v = json_util::parse(**row);
    if (!v || !v->is_object()) return std::nullopt;
    auto unit = json_util::string_field(v->as_object(), "unit");
    return unit ? std::optional<std::string>(*unit) : std::nullopt;
  };
  // In batches, so a log of 100 000 events is indexed without one huge write.
  index::Batch batch;
  std::size_t in_batch = 0, written = 0;
  auto cursor = store.cursor(Cf::kEvents, index::event_key(from), {});
  for (bool more = cursor->seek_ge(index::event_key(from)); more; more = cursor->next()) {
    StoredEvent event = EventLog::decode(cursor->key(), cursor->value());
    if (event.fields) add_facets(batch, event.seq, *event.fields, doc_unit);
    if (++in_batch == 4096) {
      batch.put(Cf::kEventFacets, kFacetsThroughKey, std::to_string(event.seq));
      if (auto w = store.write(std::move(batch), /*sync=*/false); !w) return w;
      batch = {};
      written += in_batch;
      in_batch = 0;
    }
  }
  if (auto s = cursor->status(); !s) return s;
  batch.put(Cf::kEventFacets, kFacetsThroughKey, std::to_string(head->seq));
  if (auto w = store.write(std::move(batch)); !w) return w;
  written += in_batch;
  if (written > 0) log::info("events.facets_indexed", {{"events", written}});
  return {};
}

Result<EventPage> query_events(const index::Store& store, const EventQuery& query) {
  EventPage page;
  if (query.below <= query.lowest || query.limit == 0) return page;
  std::vector<Stream> streams;
  if (!query.kind_prefix.empty()) {
    std::string_view p = query.kind_prefix;
    streams.emplace_back(store, Facet::kCategory,
                         std::vector{std::string(p.substr(0, p.find('.')))});
  }
  for (const auto& [facet, values] : query.filters) {
    if (values.empty()) return page;  // a filter nothing can match
    streams.emplace_back(store, facet, values);
  }
  std::uint64_t at = query.below - 1;
  while (at >= query.lowest) {
    // Leapfrog: every filter must agree on `at`; one that cannot lowers it to its own next.
    bool agreed = true;
    for (auto& stream : streams) {
      auto next = stream.seek_le(at);
      if (!next) return next.error();
      if (!*next || **next < query.lowest) return page;
      if (**next < at) {
        at = **next;
        agreed = false;
        break;
      }
    }
    if (!agreed) continue;
    if (!query.kind_prefix.empty()) {
      auto value = store.get(Cf::kEvents, index::event_key(at));
      if (!value) return value.error();
      bool match = false;
      if (*value) {
        StoredEvent event = EventLog::decode(index::event_key(at), **value);
        match = event.fields && json_util::string_field(*event.fields, "kind")
                                    .value_or("")
                                    .starts_with(query.kind_prefix);
      }
      if (!match) {
        if (at == query.lowest) break;
        --at;
        continue;
      }
    }
    if (page.seqs.size() == query.limit) {
      page.next_below = page.seqs.back();
      return page;
    }
    page.seqs.push_back(at);
    if (at == query.lowest) break;
    --at;
  }
  return page;
}

Result<std::uint64_t> first_event_at(const index::Store& store, std::uint64_t head, TimeMs time) {
  const std::string wanted = format_utc_ms(time);
  std::uint64_t lo = 1, hi = head + 1;  // the answer is in [lo, hi]
  while (lo < hi) {
    std::uint64_t mid = lo + (hi - lo) / 2;
    auto value = store.get(Cf::kEvents, index::event_key(mid));
    if (!value) return value.error();
    std::string time_of_mid;
    if (*value) {
      StoredEvent event = EventLog::decode(index::event_key(mid), **value);
      if (event.fields)
        time_of_mid = std::string(json_util::string_field(*event.fields, "time").value_or(""));
    }
    if (time_of_mid < wanted)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

}  // namespace sopan::library
