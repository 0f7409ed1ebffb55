#pragma once
/// The built web app (`web/dist`), loaded into memory at start-up. Only files found there can be
/// served, so no request path can reach outside the directory. Immutable after load.
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

namespace sopan::http {

struct StaticFile {
  std::string content;
  std::string content_type;
  std::string etag;
  std::string cache_control;
};

class StaticFiles {
 public:
  /// Loads every regular file under `root` (a missing root serves nothing).
  explicit StaticFiles(const std::filesystem::path& root);
  /// The file for a GET of `path`: an exact file, or index.html for an app route (a path whose
  /// last segment has no extension). nullptr when nothing fits or the path holds "..".
  const StaticFile* find(std::string_view path) const;
  std::size_t size() const { return files_.size(); }

 private:
  std::map<std::string, StaticFile, std::less<>> files_;  // "/assets/app.js" → file
};

std::string_view mime_type(std::string_view path);

}  // namespace sopan::http
