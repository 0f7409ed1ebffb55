#include "support/zip_files.hpp"

#include <gtest/gtest.h>
#include <zip.h>

#include <cstdlib>
#include <cstring>
#include <fstream>

namespace sopan::testing {

ZipEntries read_zip(const std::filesystem::path& path) {
  ZipEntries out;
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &err);
  EXPECT_NE(z, nullptr) << path << " error " << err;
  if (!z) return out;
  const zip_int64_t n = zip_get_num_entries(z, 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    EXPECT_EQ(zip_stat_index(z, static_cast<zip_uint64_t>(i), 0, &st), 0);
    std::string bytes(st.size, '\0');
    zip_file_t* f = zip_fopen_index(z, static_cast<zip_uint64_t>(i), 0);
    EXPECT_NE(f, nullptr);
    if (!f) continue;
    EXPECT_EQ(zip_fread(f, bytes.data(), bytes.size()), static_cast<zip_int64_t>(bytes.size()));
    zip_fclose(f);
    out.emplace_back(st.name, std::move(bytes));
  }
  zip_discard(z);
  return out;
}

void write_zip(const std::filesystem::path& path, const ZipEntries& entries) {
  std::filesystem::remove(path);
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_EXCL, &err);
  ASSERT_NE(z, nullptr) << path << " error " << err;
  for (const auto& [name, bytes] : entries) {
    // The buffer must outlive zip_close: libzip copies only when told to free it, so copy it.
    void* copy = std::malloc(bytes.size() ? bytes.size() : 1);
    std::memcpy(copy, bytes.data(), bytes.size());
    zip_source_t* src = zip_source_buffer(z, copy, bytes.size(), /*freep=*/1);
    ASSERT_NE(src, nullptr);
    ASSERT_GE(zip_file_add(z, name.c_str(), src, ZIP_FL_ENC_UTF_8), 0) << zip_strerror(z);
  }
  ASSERT_EQ(zip_close(z), 0) << zip_strerror(z);
}

void extract_zip(const std::filesystem::path& path, const std::filesystem::path& dir) {
  for (const auto& [name, bytes] : read_zip(path)) {
    const auto target = dir / name;
    std::filesystem::create_directories(target.parent_path());
    std::ofstream out(target, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
}

}  // namespace sopan::testing
