#include "common/clock.hpp"

namespace sopan {

namespace {
class SystemClock final : public Clock {
 public:
  TimeMs now() const override { return now_ms(); }
};
}  // namespace

const Clock& Clock::system() {
  static const SystemClock clock;
  return clock;
}

}  // namespace sopan
