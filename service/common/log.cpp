#include "common/log.hpp"

#include <atomic>
#include <boost/json/serialize.hpp>
#include <cstdio>
#include <mutex>

#include "common/time.hpp"

namespace sopan::log {
namespace {
std::atomic<Level> g_min_level{Level::kInfo};
std::mutex g_mutex;

std::string_view level_name(Level level) {
  switch (level) {
    case Level::kDebug:
      return "debug";
    case Level::kInfo:
      return "info";
    case Level::kWarn:
      return "warn";
    case Level::kError:
      return "error";
  }
  return "info";
}
std::FILE* g_output = stderr;  // guarded by g_mutex
}  // namespace

void set_min_level(Level level) { g_min_level = level; }

void set_output(std::FILE* out) {
  std::lock_guard lock(g_mutex);
  g_output = out ? out : stderr;
}

void write(Level level, std::string_view event, boost::json::object fields) {
  if (level < g_min_level.load(std::memory_order_relaxed)) return;
  boost::json::object line;
  line["time"] = format_utc_ms(now_ms());
  line["level"] = level_name(level);
  line["event"] = event;
  for (auto& kv : fields) line[kv.key()] = std::move(kv.value());
  std::string text = boost::json::serialize(line);
  text.push_back('\n');
  std::lock_guard lock(g_mutex);
  std::fwrite(text.data(), 1, text.size(), g_output);
  std::fflush(g_output);
}

}  // namespace sopan::log
