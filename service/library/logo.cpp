#include "library/logo.hpp"

#include "common/hash.hpp"
#include "domain/image.hpp"
#include "library/indexer.hpp"

namespace sopan::library {

namespace {

constexpr std::string_view kLogoName = "logo.";
constexpr std::string_view kActionPut = "instansi.logo";
constexpr std::string_view kActionRemove = "instansi.logo.remove";

std::string logo_path(std::string_view extension) {
  return std::string(kLogoFolder) + "/" + std::string(kLogoName) + std::string(extension);
}

std::shared_ptr<const Logo> make_logo(std::string bytes, const domain::ImageInfo& info,
                                      std::string commit) {
  auto logo = std::make_shared<Logo>();
  logo->media_type = std::string(info.media_type);
  logo->path = logo_path(info.extension);
  logo->width = info.width;
  logo->height = info.height;
  logo->etag = "\"" + sha256_hex(bytes).substr(0, 32) + "\"";
  logo->bytes = std::move(bytes);
  logo->commit = std::move(commit);
  return logo;
}

std::string kib(std::size_t bytes) { return std::to_string((bytes + 1023) / 1024) + " KiB"; }

}  // namespace

Result<std::unique_ptr<LogoLibrary>> LogoLibrary::open(Ledger& ledger) {
  std::unique_ptr<LogoLibrary> lib(new LogoLibrary(ledger));
  auto files = ledger.list_main_files(kLogoFolder);
  if (!files) return files.error();
  for (auto& [name, content] : *files) {
    if (!name.starts_with(kLogoName)) continue;
    // A file put there by hand that is not an image we serve is left alone (and not served).
    auto info = domain::inspect_image(content);
    if (!info || logo_path(info->extension) != std::string(kLogoFolder) + "/" + name) continue;
    lib->current_ = make_logo(std::move(content), *info, "");
    break;
  }
  return lib;
}

std::shared_ptr<const Logo> LogoLibrary::current() const {
  std::lock_guard lock(mutex_);
  return current_;
}

Result<std::shared_ptr<const Logo>> LogoLibrary::put(std::string bytes, std::string_view media_type,
                                                     const Actor& actor, const LogoLimits& limits) {
  if (media_type != "image/png" && media_type != "image/jpeg")
    return field_error(Errc::kUnsupportedMediaType, "Logo harus berupa berkas PNG atau JPEG",
                       "/headers/Content-Type",
                       "Gunakan Content-Type: image/png atau image/jpeg (SVG tidak diterima)");
  if (bytes.size() > limits.max_bytes)
    return field_error(Errc::kTooLarge, "Berkas logo terlalu besar (" + kib(bytes.size()) + ")",
                       "/body", "Paling besar " + kib(limits.max_bytes));
  auto info = domain::inspect_image(bytes);
  if (!info || info->media_type != media_type)
    return field_error(Errc::kValidation,
                       std::string("Isi berkas bukan gambar ") +
                           (media_type == "image/png" ? "PNG" : "JPEG") + " yang utuh",
                       "/body", "Unggah berkas gambar asli, bukan berkas yang diganti namanya");
  const auto side_ok = [&](std::uint32_t v) {
    return v >= limits.min_side && v <= limits.max_side;
  };
  if (!side_ok(info->width) || !side_ok(info->height))
    return field_error(Errc::kValidation,
                       "Ukuran logo " + std::to_string(info->width) + "×" +
                           std::to_string(info->height) + " piksel di luar batas",
                       "/body",
                       "Lebar dan tinggi " + std::to_string(limits.min_side) + " sampai " +
                           std::to_string(limits.max_side) + " piksel");

  std::lock_guard write(write_mutex_);
  const auto before = current();
  const std::string path = logo_path(info->extension);
  std::vector<vcs::FileChange> changes{{path, bytes}};
  if (before && before->path != path) changes.push_back({before->path, std::nullopt});
  const std::string size = std::to_string(info->width) + "×" + std::to_string(info->height);
  auto commit = ledger_.commit_main(
      std::move(changes), actor,
      std::string(before ? "Logo instansi diganti" : "Logo instansi dipasang") + " (" +
          (info->extension == "png" ? "PNG" : "JPEG") + " " + size + ", " + kib(bytes.size()) + ")",
      {{std::string(kTrailerAction), std::string(kActionPut)}}, {},
      {{"kind", std::string(kActionPut)},
       {"path", path},
       {"media_type", std::string(info->media_type)},
       {"bytes", bytes.size()},
       {"width", info->width},
       {"height", info->height}});
  if (!commit) return commit.error();
  auto logo = make_logo(std::move(bytes), *info, *commit);
  std::lock_guard lock(mutex_);
  current_ = logo;
  return logo;
}

Result<std::string> LogoLibrary::remove(const Actor& actor) {
  std::lock_guard write(write_mutex_);
  const auto before = current();
  if (!before) return make_error(Errc::kNotFound, "Instansi belum memiliki logo");
  auto commit = ledger_.commit_main({{before->path, std::nullopt}}, actor, "Logo instansi dihapus",
                                    {{std::string(kTrailerAction), std::string(kActionRemove)}}, {},
                                    {{"kind", std::string(kActionRemove)}, {"path", before->path}});
  if (!commit) return commit.error();
  std::lock_guard lock(mutex_);
  current_.reset();
  return commit;
}

}  // namespace sopan::library
