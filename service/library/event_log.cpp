#include "library/event_log.hpp"

#include <boost/json/serialize.hpp>

#include "common/hash.hpp"
#include "common/json.hpp"
#include "common/log.hpp"
#include "common/text.hpp"
#include "common/time.hpp"
#include "index/keys.hpp"
#include "library/event_index.hpp"

namespace sopan::library {
namespace json = boost::json;
using index::Cf;

namespace {
const std::string kGenesis(64, '0');
constexpr std::string_view kPrevMember = ",\"prev\":\"";
constexpr std::string_view kHashMember = ",\"hash\":\"";
constexpr std::size_t kHashLength = 64;
// `,"hash":"<64>"}` and `,"prev":"<64>"` + that.
constexpr std::size_t kHashTail = kHashMember.size() + kHashLength + 2;
constexpr std::size_t kChainTail = kPrevMember.size() + kHashLength + 1 + kHashTail;
constexpr std::size_t kMaxKeyBytes = 128;

bool is_hash(std::string_view s) {
  if (s.size() != kHashLength) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

/// The chain members of a stored event, read from its raw bytes.
struct Tail {
  std::string_view prev, hash;
  std::string hashed;  // the bytes `hash` covers: the event without its hash member
};

std::optional<Tail> split_tail(std::string_view raw) {
  // At least `{"seq":1` before the tail: the object is never empty.
  if (raw.size() < kChainTail + 2 || raw.front() != '{' || !raw.ends_with("\"}")) return {};
  const std::size_t hash_at = raw.size() - kHashTail;
  const std::size_t prev_at = raw.size() - kChainTail;
  if (raw.substr(hash_at, kHashMember.size()) != kHashMember) return {};
  if (raw.substr(prev_at, kPrevMember.size()) != kPrevMember) return {};
  if (raw[hash_at - 1] != '"') return {};
  Tail t;
  t.prev = raw.substr(prev_at + kPrevMember.size(), kHashLength);
  t.hash = raw.substr(hash_at + kHashMember.size(), kHashLength);
  if (!is_hash(t.prev) || !is_hash(t.hash)) return {};
  t.hashed.reserve(hash_at + 1);
  t.hashed.append(raw.substr(0, hash_at));
  t.hashed.push_back('}');
  return t;
}

/// Every string valid UTF-8 and bounded, at any depth (event fields are built by the server, so
/// their depth is the server's, never the input's).
void make_storable(json::value& v) {
  if (auto* s = v.if_string()) {
    if (s->size() > EventLog::kMaxStringBytes || !text::is_valid_utf8(*s))
      *s = text::cut_utf8(*s, EventLog::kMaxStringBytes);
  } else if (auto* a = v.if_array()) {
    for (auto& e : *a) make_storable(e);
  } else if (auto* o = v.if_object()) {
    bool keys_ok = true;
    for (auto& kv : *o) {
      make_storable(kv.value());
      if (kv.key().size() > kMaxKeyBytes || !text::is_valid_utf8(kv.key())) keys_ok = false;
    }
    if (keys_ok) return;
    json::object fixed;
    for (auto& kv : *o) fixed[text::cut_utf8(kv.key(), kMaxKeyBytes)] = std::move(kv.value());
    *o = std::move(fixed);
  }
}

}  // namespace

std::string format_anchor(const EventHead& head) {
  return std::to_string(head.seq) + " " + head.hash;
}

std::optional<EventHead> parse_anchor(std::string_view text) {
  const std::size_t space = text.find(' ');
  if (space == std::string_view::npos || space == 0 || space > 20) return {};
  std::string_view digits = text.substr(0, space), hash = text.substr(space + 1);
  if (digits[0] == '0' || !is_hash(hash)) return {};
  std::uint64_t seq = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return {};
    const std::uint64_t d = static_cast<std::uint64_t>(c - '0');
    if (seq > (UINT64_MAX - d) / 10) return {};
    seq = seq * 10 + d;
  }
  return EventHead{seq, std::string(hash)};
}

std::optional<EventLink> read_link(std::string_view stored) {
  auto tail = split_tail(stored);
  if (!tail) return std::nullopt;
  const bool matches = sha256_hex(tail->hashed) == tail->hash;
  return EventLink{std::string(tail->prev), std::string(tail->hash), matches};
}

Result<EventHead> EventLog::load_head(const index::Store& store) {
  auto last = store.last(Cf::kEvents);
  if (!last) return last.error();
  if (!*last) return EventHead{0, kGenesis};
  const auto& [key, value] = **last;
  index::KeyReader reader(key);
  auto seq = reader.u64();
  if (!seq || !reader.done())
    return make_error(Errc::kInternal, "Kunci peristiwa audit terakhir rusak");
  if (auto tail = split_tail(value)) return EventHead{*seq, std::string(tail->hash)};
  // Not in the stored form (edited by hand): chain on from its bytes and let verify report it.
  log::warn("audit.head_unreadable", {{"seq", *seq}});
  return EventHead{*seq, sha256_hex(value)};
}

EventHead EventLog::append(index::Batch& batch, const EventHead& head, json::object fields,
                           TimeMs time) {
  json::object event;
  event["seq"] = head.seq + 1;
  event["time"] = format_utc_ms(time);
  for (auto& kv : fields) {
    const std::string_view k = kv.key();
    if (k == "seq" || k == "time" || k == "prev" || k == "hash") continue;
    event[k] = std::move(kv.value());
  }
  json::value v(std::move(event));
  make_storable(v);
  // Built as bytes, so the stored form holds by construction (see the header).
  std::string stored = json::serialize(v);
  stored.pop_back();  // '}'
  stored.append(kPrevMember).append(head.hash).append("\"}");
  std::string hash = sha256_hex(stored);
  stored.pop_back();
  stored.append(kHashMember).append(hash).append("\"}");
  add_facets(batch, head.seq + 1, v.as_object());
  batch.put(Cf::kEvents, index::event_key(head.seq + 1), std::move(stored));
  return EventHead{head.seq + 1, std::move(hash)};
}

StoredEvent EventLog::decode(std::string_view key, std::string_view value) {
  StoredEvent out;
  index::KeyReader reader(key);
  out.seq = reader.u64().value_or(0);
  auto v = json_util::parse(value);
  if (!v && !text::is_valid_utf8(value)) {
    v = json_util::parse(text::valid_utf8(value));
    out.repaired = static_cast<bool>(v);
  }
  if (!v || !v->is_object()) {
    out.problem = text::is_valid_utf8(value) ? "isi peristiwa bukan JSON yang utuh"
                                             : "isi peristiwa berisi UTF-8 tidak valid";
    return out;
  }
  out.fields = std::move(v->as_object());
  return out;
}

Result<ChainReport> EventLog::verify(const index::Store& store,
                                     const std::optional<EventHead>& anchor) {
  ChainReport report;
  report.head = {0, kGenesis};
  std::string prev = kGenesis;
  bool prev_known = true;  // false after an event whose hash cannot be read
  std::uint64_t expected = 1;
  std::optional<std::string> anchored_hash;
  auto note = [&](std::uint64_t seq, std::string reason) {
    if (report.problems.size() < ChainReport::kMaxProblems)
      report.problems.push_back({seq, std::move(reason)});
  };
  auto broken = [&](std::uint64_t seq, std::string reason) {
    if (report.intact) {
      report.first_bad_seq = seq;
      report.reason = reason;
    }
    report.intact = false;
    ++report.bad_events;
    note(seq, std::move(reason));
  };
  auto s = store.scan(Cf::kEvents, {}, [&](std::string_view key, std::string_view value) {
    ++report.events;
    index::KeyReader reader(key);
    auto seq = reader.u64();
    if (!seq || !reader.done()) {
      broken(expected, "kunci peristiwa rusak");
      prev_known = false;
      return true;
    }
    bool bad = false;
    if (*seq != expected) {
      broken(*seq, *seq > expected ? "peristiwa " + std::to_string(expected) + "–" +
                                         std::to_string(*seq - 1) + " hilang"
                                   : "urutan peristiwa terputus");
      bad = true;
    }
    expected = *seq + 1;
    auto tail = split_tail(value);
    if (!tail) {
      if (!bad) broken(*seq, "peristiwa tidak berbentuk baku; hash tidak dapat diperiksa");
      if (!decode(key, value).fields) ++report.unreadable;
      prev_known = false;
      report.head = {*seq, sha256_hex(value)};
      if (anchor && anchor->seq == *seq) anchored_hash = report.head.hash;
      return true;
    }
    if (!bad && prev_known && tail->prev != prev) {
      broken(*seq, "hash peristiwa sebelumnya tidak cocok");
      bad = true;
    }
    if (!bad && sha256_hex(tail->hashed) != tail->hash) {
      broken(*seq, "isi peristiwa telah diubah");
      bad = true;
    }
    StoredEvent event = decode(key, value);
    if (!event.fields || event.repaired) {
      ++report.unreadable;
      note(*seq, event.repaired ? "peristiwa berisi UTF-8 tidak valid (dibaca dengan penggantian)"
                                : "peristiwa tidak terbaca: " + event.problem);
    }
    if (!bad && event.fields) {
      const json::value* stored_seq = event.fields->if_contains("seq");
      if (!stored_seq || !stored_seq->is_number() || stored_seq->to_number<std::uint64_t>() != *seq)
        broken(*seq, "nomor peristiwa di isinya tidak sesuai urutan");
    }
    prev = std::string(tail->hash);
    prev_known = true;
    report.head = {*seq, prev};
    if (anchor && anchor->seq == *seq) anchored_hash = prev;
    return true;
  });
  if (!s) return s.error();
  if (anchor && anchor->seq > 0) {
    if (!anchored_hash)
      broken(anchor->seq, "peristiwa setelah jangkar git hilang (jangkar pada peristiwa " +
                              std::to_string(anchor->seq) + ", yang tersimpan hanya sampai " +
                              std::to_string(report.head.seq) + ")");
    else if (*anchored_hash != anchor->hash)
      broken(anchor->seq, "peristiwa pada jangkar git berbeda dari yang tercatat di git");
  }
  return report;
}

}  // namespace sopan::library
