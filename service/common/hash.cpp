#include "common/hash.hpp"

#include <sodium.h>

#include <mutex>
#include <stdexcept>
#include <vector>

namespace sopan {

void init_crypto() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium tidak dapat dimulai");
  });
}

std::string sha256_hex(std::string_view data) {
  init_crypto();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::string random_hex(std::size_t bytes) {
  init_crypto();
  std::vector<unsigned char> buf(bytes);
  randombytes_buf(buf.data(), buf.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), buf.data(), buf.size());
  hex.pop_back();
  return hex;
}

bool equal_constant_time(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace sopan

namespace sopan {

struct Sha256::State {
  crypto_hash_sha256_state s;
};

Sha256::Sha256() : state_(std::make_unique<State>()) {
  init_crypto();
  crypto_hash_sha256_init(&state_->s);
}

Sha256::~Sha256() = default;

void Sha256::update(std::string_view data) {
  crypto_hash_sha256_update(&state_->s, reinterpret_cast<const unsigned char*>(data.data()),
                            data.size());
}

std::string Sha256::hex() {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state_->s, digest);
  crypto_hash_sha256_init(&state_->s);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

}  // namespace sopan
