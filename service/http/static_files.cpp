#include "http/static_files.hpp"

#include <fstream>
#include <sstream>

#include "common/hash.hpp"
#include "common/log.hpp"

namespace sopan::http {
namespace fs = std::filesystem;

std::string_view mime_type(std::string_view path) {
  auto dot = path.rfind('.');
  std::string_view ext = dot == std::string_view::npos ? "" : path.substr(dot);
  struct Entry {
    std::string_view ext, type;
  };
  static constexpr Entry kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".ttf", "font/ttf"},
      {".eot", "application/vnd.ms-fontobject"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json; charset=utf-8"},
      {".webmanifest", "application/manifest+json"},
  };
  for (const auto& e : kTypes)
    if (e.ext == ext) return e.type;
  return "application/octet-stream";
}

StaticFiles::StaticFiles(const fs::path& root) {
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    log::warn("static.missing", {{"root", root.string()}});
    return;
  }
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    std::string url = "/" + fs::relative(it->path(), root).generic_string();
    StaticFile f;
    f.content = text.str();
    f.content_type = std::string(mime_type(url));
    f.etag = "\"" + sha256_hex(f.content).substr(0, 32) + "\"";
    // Vite puts content-hashed names under /assets/: those never change.
    f.cache_control =
        url.starts_with("/assets/") ? "public, max-age=31536000, immutable" : "no-cache";
    files_.emplace(std::move(url), std::move(f));
  }
}

const StaticFile* StaticFiles::find(std::string_view path) const {
  if (path.find("..") != std::string_view::npos || path.find('\\') != std::string_view::npos)
    return nullptr;
  if (path == "/") path = "/index.html";
  if (auto it = files_.find(path); it != files_.end()) return &it->second;
  auto last_slash = path.rfind('/');
  if (path.substr(last_slash + 1).find('.') != std::string_view::npos) return nullptr;
  auto it = files_.find("/index.html");
  return it == files_.end() ? nullptr : &it->second;
}

}  // namespace sopan::http
