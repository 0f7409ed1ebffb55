#include "domain/verification.hpp"

#include <array>
#include <cstdint>

#include "common/hash.hpp"

namespace sopan::domain {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr std::size_t kDataSymbols = 10;
constexpr std::size_t kSymbols = kDataSymbols + 2;

int symbol_value(char c) {
  if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  if (c == 'O') c = '0';
  if (c == 'I' || c == 'L') c = '1';
  auto at = kAlphabet.find(c);
  return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

/// A weighted sum mod the prime 1021, written as two symbols: a mistyped symbol changes the sum by
/// (its weight × a difference of at most 31), never a multiple of 1021, and a swap of two
/// different neighbours by their difference (the weights differ by one), so both are caught.
std::string check_symbols(std::string_view data) {
  unsigned sum = 0;
  for (std::size_t i = 0; i < data.size(); ++i)
    sum += static_cast<unsigned>(i + 1) * static_cast<unsigned>(symbol_value(data[i]));
  sum %= 1021;
  return {kAlphabet[sum / 32], kAlphabet[sum % 32]};
}

}  // namespace

std::string verification_key(std::string_view commit, std::string_view path) {
  std::string input(commit);
  input += '\n';
  input += path;
  const std::string digest = sha256_hex(input);
  // The first 13 hex digits are 52 bits; the code keeps 50 of them (10 symbols of 5 bits).
  std::uint64_t bits = std::stoull(digest.substr(0, 13), nullptr, 16) >> 2;
  std::string key(kDataSymbols, '0');
  for (std::size_t i = kDataSymbols; i-- > 0; bits >>= 5) key[i] = kAlphabet[bits & 31];
  key += check_symbols(key);
  return key;
}

std::string format_verification_code(std::string_view key) {
  std::string out(kVerificationPrefix);
  for (std::size_t i = 0; i < key.size(); ++i) {
    if (i % 4 == 0) out += '-';
    out += key[i];
  }
  return out;
}

std::optional<std::string> parse_verification_code(std::string_view typed) {
  if (typed.size() > 64) return std::nullopt;
  std::string symbols;
  for (char c : typed) {
    if (c == '-' || c == ' ') continue;
    symbols += c;
  }
  if (symbols.size() == kSymbols + kVerificationPrefix.size()) {
    for (std::size_t i = 0; i < kVerificationPrefix.size(); ++i)
      if ((symbols[i] & ~0x20) != kVerificationPrefix[i]) return std::nullopt;
    symbols.erase(0, kVerificationPrefix.size());
  }
  if (symbols.size() != kSymbols) return std::nullopt;
  for (char& c : symbols) {
    int v = symbol_value(c);
    if (v < 0) return std::nullopt;
    c = kAlphabet[static_cast<std::size_t>(v)];
  }
  if (check_symbols(std::string_view(symbols).substr(0, kDataSymbols)) !=
      std::string_view(symbols).substr(kDataSymbols))
    return std::nullopt;
  return symbols;
}

}  // namespace sopan::domain
