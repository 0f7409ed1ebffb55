#pragma once
/// Document ids: 26-character ULIDs (Crockford base32, 48-bit milliseconds + 80 random bits), so
/// ids sort by creation time and never reveal a name. Thread-safe.
#include <cstdint>
#include <string>
#include <string_view>

namespace sopan {

[[nodiscard]] std::string new_id();
/// ULID for a given time and random bytes (tests and deterministic fixtures).
[[nodiscard]] std::string make_id(std::uint64_t unix_ms, const std::uint8_t (&random)[10]);
[[nodiscard]] bool is_valid_id(std::string_view id);
/// Two lowercase hex characters taken from the id's random part: 256 shards keep git trees small.
/// Precondition: is_valid_id(id).
[[nodiscard]] std::string shard_of(std::string_view id);

}  // namespace sopan
