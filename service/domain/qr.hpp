#pragma once
/// A QR code as inline SVG (libqrencode): one path of dark modules on a white square with the
/// quiet zone the standard asks for, so it prints sharp at any size and a phone camera reads it.
#include <optional>
#include <string>
#include <string_view>

namespace sopan::domain {

/// The SVG of `text` in a QR code of error correction level M, `size_mm` wide; `label` is its
/// accessible name. nullopt when libqrencode cannot encode it (too long, out of memory).
std::optional<std::string> qr_svg(std::string_view text, std::string_view label, int size_mm);

}  // namespace sopan::domain
