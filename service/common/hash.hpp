#pragma once
/// Hashing and randomness (libsodium). Thread-safe.
#include <cstddef>
#include <string>
#include <string_view>

namespace sopan {
/// Initialises libsodium once; every function here calls it. Throws when the library cannot start.
void init_crypto();
[[nodiscard]] std::string sha256_hex(std::string_view data);
/// `bytes` random bytes from the system's CSPRNG, as lowercase hex.
[[nodiscard]] std::string random_hex(std::size_t bytes);
/// Compares in time independent of where the strings differ (tokens, CSRF).
[[nodiscard]] bool equal_constant_time(std::string_view a, std::string_view b);
}  // namespace sopan
