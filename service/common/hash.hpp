#pragma once
/// SHA-256 (libsodium) as lowercase hex. Thread-safe.
#include <string>
#include <string_view>

namespace sopan {
[[nodiscard]] std::string sha256_hex(std::string_view data);
}
