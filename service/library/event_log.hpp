#pragma once
/// The append-only, hash-chained audit log (column family `events`). Each event holds the
/// SHA-256 of the previous one, so editing or deleting any event breaks the chain from there on;
/// an anchor (an EventHead written into git) makes truncating the newest events show too.
///
/// The stored form of an event is `{…,"prev":"<64 hex>","hash":"<64 hex>"}` with those two
/// members last, and `hash` = SHA-256 of the stored bytes without the `,"hash":"…"` member (the
/// bytes `{…,"prev":"…"}`). So the head and every link can be read from the raw bytes, without
/// parsing the JSON: one event that cannot be parsed neither stops start-up nor hides the rest of
/// the chain from `verify`. (This is byte-for-byte the form Sopan always wrote.)
/// Not thread-safe: the caller serialises appends (the library's write lock).
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "common/time.hpp"
#include "index/store.hpp"

namespace sopan::library {

/// The newest event, and the anchor value the library writes into git.
struct EventHead {
  std::uint64_t seq = 0;  // seq of the last event; 0 = none yet
  std::string hash;       // its hash; the genesis "previous hash" is 64 zeros
  bool operator==(const EventHead&) const = default;
};

/// "<seq> <hash>", e.g. for a `Sopan-Events` trailer; parse_anchor reads it back (nullopt when
/// it is not exactly that: a decimal seq ≥ 1, one space, 64 lowercase hex digits).
std::string format_anchor(const EventHead& head);
std::optional<EventHead> parse_anchor(std::string_view text);

/// The chain members of one stored event, read from its raw bytes alone (as `verify` reads
/// them), so a copy of the log (an audit packet's slice) can be checked without the server.
struct EventLink {
  std::string prev;           // the previous event's hash, as this event states it
  std::string hash;           // this event's hash, as it states it
  bool hash_matches = false;  // SHA-256 of its bytes without the hash member equals `hash`
};
/// nullopt when `stored` is not in the stored form.
std::optional<EventLink> read_link(std::string_view stored);

struct ChainProblem {
  std::uint64_t seq = 0;
  std::string reason;  // Indonesian
};

struct ChainReport {
  /// False when any event was changed, removed, reordered or not in the stored form, or the
  /// anchor does not match. Unreadable but unchanged events leave the chain intact.
  bool intact = true;
  std::uint64_t events = 0;            // events stored
  std::uint64_t bad_events = 0;        // events with a chain problem (each counted once)
  std::uint64_t unreadable = 0;        // events whose JSON cannot be parsed as stored
  std::uint64_t first_bad_seq = 0;     // of the first chain problem
  std::string reason;                  // of the first chain problem
  std::vector<ChainProblem> problems;  // the first kMaxProblems, chain and unreadable alike
  EventHead head;                      // the newest event as stored
  static constexpr std::size_t kMaxProblems = 20;
};

/// One stored event as the event list shows it.
struct StoredEvent {
  std::uint64_t seq = 0;                      // from the key
  std::optional<boost::json::object> fields;  // nullopt when it cannot be read at all
  bool repaired = false;  // stored with invalid UTF-8 (before 2025): read with U+FFFD
  std::string problem;    // why it cannot be read (Indonesian), when fields is nullopt
};

class EventLog {
 public:
  /// Longest string (bytes) an event keeps; longer ones are cut on a character boundary.
  static constexpr std::size_t kMaxStringBytes = 4096;

  /// The newest event. Reads seq from the key and the hash from the raw stored bytes; an event
  /// not in the stored form (hand-edited) gives the SHA-256 of its bytes and a logged warning,
  /// so start-up goes on and `verify` reports the break. Fails only when RocksDB does.
  [[nodiscard]] static Result<EventHead> load_head(const index::Store& store);
  /// Adds the event to `batch` and returns the head it will have once the batch is written.
  /// `fields` should hold at least "kind"; seq, time, prev and hash are the log's own (fields of
  /// those names are dropped). Every string (values and keys, at any depth) is made valid UTF-8
  /// and cut to kMaxStringBytes on a character boundary.
  static EventHead append(index::Batch& batch, const EventHead& head, boost::json::object fields,
                          TimeMs time);
  /// Walks the whole chain, reporting every problem and going on after each one. With `anchor`
  /// (the newest head recorded in git), the event at anchor->seq must exist with that hash:
  /// otherwise the newest events were removed or the chain rewritten. Fails only when RocksDB does.
  [[nodiscard]] static Result<ChainReport> verify(const index::Store& store,
                                                  const std::optional<EventHead>& anchor = {});
  /// Reads one stored event (never fails: an unreadable one says why).
  static StoredEvent decode(std::string_view key, std::string_view value);
};

}  // namespace sopan::library
