#include "common/ids.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <mutex>
#include <random>

namespace sopan {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

int decode_char(char c) {
  auto pos = kAlphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

}  // namespace

std::string make_id(std::uint64_t unix_ms, const std::uint8_t (&random)[10]) {
  // 128 bits: 48 time bits then 80 random bits, written 5 bits at a time from the top
  // (the first character carries only 3 bits).
  std::array<std::uint8_t, 16> bytes{};
  for (int i = 0; i < 6; ++i) bytes[i] = static_cast<std::uint8_t>(unix_ms >> (8 * (5 - i)));
  for (int i = 0; i < 10; ++i) bytes[6 + i] = random[i];
  std::string out(26, '0');
  for (int c = 0; c < 26; ++c) {
    int bit = 128 - 5 * (25 - c) - 5;  // first bit index (from the top) of this character
    unsigned value = 0;
    for (int b = 0; b < 5; ++b) {
      int idx = bit + b;
      value <<= 1;
      if (idx >= 0) value |= (bytes[idx / 8] >> (7 - idx % 8)) & 1u;
    }
    out[c] = kAlphabet[value];
  }
  return out;
}

std::string new_id() {
  // Monotonic within this process (the ULID spec's rule): an id made in the same millisecond as
  // the one before, or after the clock stepped back, is that one plus one, so ids made one after
  // the other always sort in that order (lists shown "newest first" by id depend on it).
  static std::mutex mutex;
  static std::uint64_t last_ms = 0;
  static std::uint8_t last[10] = {};
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::uint8_t random[10];
  std::uint64_t a = rng(), b = rng();
  for (int i = 0; i < 8; ++i) random[i] = static_cast<std::uint8_t>(a >> (8 * i));
  random[8] = static_cast<std::uint8_t>(b);
  random[9] = static_cast<std::uint8_t>(b >> 8);
  auto ms = static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                           std::chrono::system_clock::now().time_since_epoch())
                                           .count());
  std::lock_guard lock(mutex);
  if (ms <= last_ms) {
    ms = last_ms;
    std::copy(std::begin(last), std::end(last), random);
    // random[9] is the least significant byte (make_id writes random[0] first).
    for (int i = 9; i >= 0 && ++random[i] == 0; --i) {
    }
  }
  last_ms = ms;
  std::copy(std::begin(random), std::end(random), last);
  return make_id(ms, random);
}

bool is_valid_id(std::string_view id) {
  if (id.size() != 26 || decode_char(id[0]) > 7) return false;
  for (char c : id)
    if (decode_char(c) < 0) return false;
  return true;
}

std::string shard_of(std::string_view id) {
  // The last two characters hold the lowest 10 random bits; keep 8 of them.
  unsigned v = (static_cast<unsigned>(decode_char(id[24])) << 5 | decode_char(id[25])) & 0xff;
  constexpr std::string_view kHex = "0123456789abcdef";
  return {kHex[v >> 4], kHex[v & 15]};
}

}  // namespace sopan
