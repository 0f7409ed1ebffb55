#include "common/basic_auth.hpp"

#include <sodium.h>

#include <vector>

#include "common/hash.hpp"
#include "common/text.hpp"

namespace sopan {

namespace {
constexpr std::size_t kMaxEncoded = 1024;

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}
}  // namespace

std::optional<BasicCredentials> parse_basic_authorization(std::string_view header) {
  const auto space = header.find(' ');
  if (space == std::string_view::npos || !iequals(header.substr(0, space), "basic"))
    return std::nullopt;
  std::string_view encoded = header.substr(space + 1);
  while (encoded.starts_with(' ')) encoded.remove_prefix(1);
  while (encoded.ends_with(' ')) encoded.remove_suffix(1);
  if (encoded.empty() || encoded.size() > kMaxEncoded || encoded.size() % 4 != 0)
    return std::nullopt;
  init_crypto();
  std::vector<unsigned char> decoded(encoded.size());
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(decoded.data(), decoded.size(), encoded.data(), encoded.size(), nullptr,
                        &length, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != encoded.data() + encoded.size())
    return std::nullopt;
  std::string text(reinterpret_cast<const char*>(decoded.data()), length);
  if (!text::is_valid_utf8(text) ||
      text::find_forbidden_control(text, text::Lines::kSingle) != std::string::npos)
    return std::nullopt;
  const auto colon = text.find(':');
  if (colon == std::string::npos || colon == 0) return std::nullopt;
  return BasicCredentials{text.substr(0, colon), text.substr(colon + 1)};
}

std::string basic_authorization(std::string_view username, std::string_view password) {
  init_crypto();
  const std::string plain = std::string(username) + ":" + std::string(password);
  std::vector<char> out(sodium_base64_ENCODED_LEN(plain.size(), sodium_base64_VARIANT_ORIGINAL));
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(plain.data()),
                    plain.size(), sodium_base64_VARIANT_ORIGINAL);
  return "Basic " + std::string(out.data());
}

}  // namespace sopan
