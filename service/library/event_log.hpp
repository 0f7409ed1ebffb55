#pragma once
/// The append-only, hash-chained audit log (column family `events`). Each event holds the
/// SHA-256 of the previous one, so editing or deleting any event breaks the chain from there on.
/// Not thread-safe: the caller serialises appends (the library's write lock).
#include <boost/json/object.hpp>
#include <cstdint>
#include <string>

#include "common/error.hpp"
#include "index/store.hpp"

namespace sopan::library {

struct EventHead {
  std::uint64_t seq = 0;  // seq of the last event; 0 = none yet
  std::string hash;       // its hash; the genesis "previous hash" is 64 zeros
};

struct ChainReport {
  bool intact = true;
  std::uint64_t events = 0;
  std::uint64_t first_bad_seq = 0;
  std::string reason;
};

class EventLog {
 public:
  [[nodiscard]] static Result<EventHead> load_head(const index::Store& store);
  /// Adds the event to `batch` and returns the head it will have once the batch is written.
  /// `fields` should hold at least "kind"; seq, time, prev and hash are filled in here.
  static EventHead append(index::Batch& batch, const EventHead& head, boost::json::object fields);
  /// Walks the whole chain.
  [[nodiscard]] static Result<ChainReport> verify(const index::Store& store);
};

}  // namespace sopan::library
