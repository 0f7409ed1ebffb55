#pragma once
/// Where "now" comes from. The server reads the system clock; tests and the demo set their own,
/// so a story dated in 2025 is committed in 2025 and a test can stand on any day. The library and
/// the API take a Clock and never call now_ms() themselves.
#include <atomic>

#include "common/time.hpp"

namespace sopan {

class Clock {
 public:
  virtual ~Clock() = default;
  [[nodiscard]] virtual TimeMs now() const = 0;
  /// The system clock (shared, stateless).
  static const Clock& system();
};

/// A clock that stands still until it is set or advanced (thread-safe).
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimeMs start = 0) : now_(start) {}
  TimeMs now() const override { return now_.load(); }
  void set(TimeMs t) { now_.store(t); }
  void advance(TimeMs by) { now_.fetch_add(by); }

 private:
  std::atomic<TimeMs> now_;
};

}  // namespace sopan
