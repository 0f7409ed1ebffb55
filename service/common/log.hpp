#pragma once
/// Structured logging: one JSON object per line on stderr. Thread-safe. Never pass secrets.
#include <boost/json/object.hpp>
#include <cstdio>
#include <string_view>

namespace sopan::log {

enum class Level { kDebug, kInfo, kWarn, kError };

void set_min_level(Level level);
/// Where lines go (stderr by default; tests capture them to check that no secret is logged).
void set_output(std::FILE* out);
void write(Level level, std::string_view event, boost::json::object fields = {});
inline void info(std::string_view event, boost::json::object fields = {}) {
  write(Level::kInfo, event, std::move(fields));
}
inline void warn(std::string_view event, boost::json::object fields = {}) {
  write(Level::kWarn, event, std::move(fields));
}
inline void error(std::string_view event, boost::json::object fields = {}) {
  write(Level::kError, event, std::move(fields));
}

}  // namespace sopan::log
