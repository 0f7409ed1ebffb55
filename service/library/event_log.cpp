#include "library/event_log.hpp"

#include <boost/json/serialize.hpp>

#include "common/hash.hpp"
#include "common/json.hpp"
#include "common/time.hpp"
#include "index/keys.hpp"

namespace sopan::library {
namespace json = boost::json;
using index::Cf;

namespace {
const std::string kGenesis(64, '0');

/// The hash covers the event as serialised without its own "hash" member.
std::string event_hash(const json::object& without_hash) {
  return sha256_hex(json::serialize(without_hash));
}
}  // namespace

Result<EventHead> EventLog::load_head(const index::Store& store) {
  auto last = store.last(Cf::kEvents);
  if (!last) return last.error();
  if (!*last) return EventHead{0, kGenesis};
  auto v = json_util::parse((*last)->second);
  if (!v || !v->is_object()) return make_error(Errc::kInternal, "Peristiwa audit terakhir rusak");
  const auto& o = v->get_object();
  auto hash = json_util::string_field(o, "hash");
  auto* seq = o.if_contains("seq");
  if (!hash || !seq || !seq->is_number())
    return make_error(Errc::kInternal, "Peristiwa audit terakhir rusak");
  return EventHead{seq->to_number<std::uint64_t>(), std::string(*hash)};
}

EventHead EventLog::append(index::Batch& batch, const EventHead& head, json::object fields) {
  json::object event;
  event["seq"] = head.seq + 1;
  event["time"] = format_utc_ms(now_ms());
  for (auto& kv : fields) event[kv.key()] = std::move(kv.value());
  event["prev"] = head.hash;
  std::string hash = event_hash(event);
  event["hash"] = hash;
  batch.put(Cf::kEvents, index::event_key(head.seq + 1), json::serialize(event));
  return EventHead{head.seq + 1, std::move(hash)};
}

Result<ChainReport> EventLog::verify(const index::Store& store) {
  ChainReport report;
  std::string prev = kGenesis;
  std::uint64_t expected_seq = 1;
  auto fail = [&](std::uint64_t seq, std::string reason) {
    report.intact = false;
    report.first_bad_seq = seq;
    report.reason = std::move(reason);
    return false;
  };
  auto s = store.scan(Cf::kEvents, {}, [&](std::string_view key, std::string_view value) {
    index::KeyReader reader(key);
    auto key_seq = reader.u64();
    auto v = json_util::parse(value);
    if (!key_seq || !v || !v->is_object()) return fail(expected_seq, "peristiwa tidak terbaca");
    json::object o = v->get_object();
    auto hash = json_util::string_field(o, "hash");
    auto stored_prev = json_util::string_field(o, "prev");
    auto* seq = o.if_contains("seq");
    if (!hash || !stored_prev || !seq || !seq->is_number())
      return fail(*key_seq, "isian peristiwa hilang");
    if (*key_seq != expected_seq || seq->to_number<std::uint64_t>() != expected_seq)
      return fail(*key_seq, "urutan peristiwa terputus");
    if (*stored_prev != prev) return fail(*key_seq, "hash peristiwa sebelumnya tidak cocok");
    std::string stored_hash(*hash);
    o.erase("hash");
    if (event_hash(o) != stored_hash) return fail(*key_seq, "isi peristiwa telah diubah");
    prev = stored_hash;
    ++expected_seq;
    ++report.events;
    return true;
  });
  if (!s) return s.error();
  return report;
}

}  // namespace sopan::library
