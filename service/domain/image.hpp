#pragma once
/// What an uploaded image is, read from its own bytes (never from what the sender says): PNG or
/// JPEG only — no SVG, which can carry script — with its width and height from the header. Pure,
/// no I/O, no decoding of the pixels.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sopan::domain {

struct ImageInfo {
  std::string_view media_type;  // "image/png" or "image/jpeg"
  std::string_view extension;   // "png" or "jpg"
  std::uint32_t width = 0;
  std::uint32_t height = 0;
};

/// The PNG (signature, IHDR first, IEND last) or baseline/progressive JPEG (SOI, a frame header
/// before the first scan) that `bytes` is; nullopt for anything else, a damaged or truncated
/// header included.
std::optional<ImageInfo> inspect_image(std::string_view bytes);

/// `bytes` as a `data:` URI of `media_type` (base64), for a page that must carry its images.
std::string data_uri(std::string_view media_type, std::string_view bytes);

}  // namespace sopan::domain
