#include "domain/qr.hpp"

#include <qrencode.h>

#include <memory>

#include "common/xml.hpp"

namespace sopan::domain {

std::optional<std::string> qr_svg(std::string_view text, std::string_view label, int size_mm) {
  const std::string data(text);
  // 8-bit mode keeps the URL exactly as given (the alphanumeric mode would upper-case it).
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString8bit(data.c_str(), 0, QR_ECLEVEL_M), &QRcode_free);
  if (!code) return std::nullopt;
  constexpr int kQuiet = 4;  // modules of white around the symbol (ISO/IEC 18004)
  const int width = code->width;
  const int total = width + 2 * kQuiet;
  std::string path;
  for (int y = 0; y < width; ++y) {
    // One horizontal run per stretch of dark modules keeps the path short.
    for (int x = 0; x < width;) {
      if (!(code->data[y * width + x] & 1)) {
        ++x;
        continue;
      }
      int run = 1;
      while (x + run < width && (code->data[y * width + x + run] & 1)) ++run;
      path += "M" + std::to_string(x + kQuiet) + " " + std::to_string(y + kQuiet) + "h" +
              std::to_string(run) + "v1h-" + std::to_string(run) + "z";
      x += run;
    }
  }
  const std::string view = std::to_string(total);
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" role=\"img\" aria-label=\"" +
         xml_escape(label) + "\" viewBox=\"0 0 " + view + " " + view + "\" width=\"" +
         std::to_string(size_mm) + "mm\" height=\"" + std::to_string(size_mm) +
         "mm\" shape-rendering=\"crispEdges\"><rect width=\"" + view + "\" height=\"" + view +
         "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
}

}  // namespace sopan::domain
