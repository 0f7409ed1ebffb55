#pragma once
/// Hashing and randomness (libsodium). Thread-safe.
#include <cstddef>
#include <memory>
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

/// SHA-256 of data given in parts (a file read chunk by chunk): the same digest as sha256_hex of
/// the parts joined. One object per digest, used by one thread at a time.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(std::string_view data);
  /// The digest as lowercase hex; the object then starts over.
  [[nodiscard]] std::string hex();

 private:
  struct State;
  std::unique_ptr<State> state_;
};
}  // namespace sopan
