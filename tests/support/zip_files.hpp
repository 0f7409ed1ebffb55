#pragma once
/// Test support: zip archives as plain lists of (name, bytes), read and written with libzip, so a
/// test can open an audit packet, alter it (a byte, a file more or less) and write it back.
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace sopan::testing {

using ZipEntries = std::vector<std::pair<std::string, std::string>>;

/// Every entry of the archive at `path`, in archive order; fails the test when it cannot be read.
ZipEntries read_zip(const std::filesystem::path& path);
/// Writes `entries` as a new archive at `path` (replacing it), in the order given.
void write_zip(const std::filesystem::path& path, const ZipEntries& entries);
/// Extracts every entry under `dir` (created), as `unzip` would.
void extract_zip(const std::filesystem::path& path, const std::filesystem::path& dir);

}  // namespace sopan::testing
