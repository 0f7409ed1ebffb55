#pragma once
/// The instansi's logo: one image file on main (`instansi/logo.png` or `instansi/logo.jpg`), so
/// its changes are commits an auditor reads like any other, held in memory for the screens and
/// the print view (a read never touches git). PNG or JPEG only (domain/image.hpp), never SVG.
/// Thread-safe: readers take an immutable snapshot; writes are serialised.
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "common/error.hpp"
#include "library/ledger.hpp"

namespace sopan::library {

struct Logo {
  std::string media_type;  // image/png, image/jpeg
  std::string path;        // its file on main
  std::string bytes;
  std::uint32_t width = 0, height = 0;
  std::string etag;    // "\"<sha256 prefix>\"": changes exactly when the bytes do
  std::string commit;  // the commit on main that put it there ("" when read at start-up)
};

/// What an upload may be.
struct LogoLimits {
  std::size_t max_bytes = 256 * 1024;
  std::uint32_t min_side = 16;
  std::uint32_t max_side = 2048;
};

class LogoLibrary {
 public:
  /// Reads the logo on main, if any. `ledger` must outlive this object.
  [[nodiscard]] static Result<std::unique_ptr<LogoLibrary>> open(Ledger& ledger);

  /// The logo now (nullptr when the instansi has none).
  std::shared_ptr<const Logo> current() const;

  /// Checks `bytes` (the declared `media_type` must be what the bytes are; size and sides within
  /// `limits`), then commits it to main in place of any earlier logo, with an audit event.
  /// kUnsupportedMediaType for a type other than PNG or JPEG, kTooLarge beyond the size,
  /// kValidation (pointer "/body") for bytes that are not that image or sides out of bounds;
  /// nothing is written then.
  [[nodiscard]] Result<std::shared_ptr<const Logo>> put(std::string bytes,
                                                        std::string_view media_type,
                                                        const Actor& actor,
                                                        const LogoLimits& limits = {});
  /// Removes the logo from main as a commit (kNotFound when there is none).
  [[nodiscard]] Result<std::string> remove(const Actor& actor);

 private:
  explicit LogoLibrary(Ledger& ledger) : ledger_(ledger) {}
  Ledger& ledger_;
  std::mutex write_mutex_;    // one put or remove at a time: main and the snapshot agree
  mutable std::mutex mutex_;  // guards current_
  std::shared_ptr<const Logo> current_;
};

/// The folder on main that holds the logo.
inline constexpr std::string_view kLogoFolder = "instansi";

}  // namespace sopan::library
