#include "domain/image.hpp"

#include <gtest/gtest.h>

#include <string>

namespace sopan::domain {
namespace {

std::string be32(std::uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
          static_cast<char>(v)};
}

/// A PNG's structure (signature, IHDR, one IDAT, IEND); the pixels are not looked at.
std::string png(std::uint32_t w, std::uint32_t h) {
  std::string out("\x89PNG\r\n\x1a\n", 8);
  out += be32(13) + "IHDR" + be32(w) + be32(h) + std::string("\x08\x06\0\0\0", 5) + "CRC!";
  out += be32(4) + "IDAT" + "abcd" + "CRC!";
  out += std::string("\0\0\0\0IEND\xae\x42\x60\x82", 12);
  return out;
}

/// A JPEG's structure: SOI, an APP0 segment, the frame header `sof` with the size, a scan, EOI.
std::string jpeg(std::uint16_t w, std::uint16_t h, unsigned char sof = 0xC0) {
  std::string out("\xFF\xD8", 2);
  out += std::string("\xFF\xE0\x00\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0", 18);
  out += std::string("\xFF", 1) + static_cast<char>(sof) + std::string("\x00\x0B\x08", 3) +
         static_cast<char>(h >> 8) + static_cast<char>(h) + static_cast<char>(w >> 8) +
         static_cast<char>(w) + std::string("\x01\x01\x11\x00", 4);
  out += std::string("\xFF\xDA\x00\x08\x01\x01\x00\x00\x3F\x00", 10) + "data";
  out += std::string("\xFF\xD9", 2);
  return out;
}

TEST(ImageTest, PngAndJpegAreKnownByTheirBytesWithTheirSize) {
  auto p = inspect_image(png(160, 90));
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->media_type, "image/png");
  EXPECT_EQ(p->extension, "png");
  EXPECT_EQ(p->width, 160u);
  EXPECT_EQ(p->height, 90u);
  auto j = inspect_image(jpeg(640, 480));
  ASSERT_TRUE(j.has_value());
  EXPECT_EQ(j->media_type, "image/jpeg");
  EXPECT_EQ(j->extension, "jpg");
  EXPECT_EQ(j->width, 640u);
  EXPECT_EQ(j->height, 480u);
  // A progressive JPEG states its size in SOF2.
  auto progressive = inspect_image(jpeg(32, 48, 0xC2));
  ASSERT_TRUE(progressive.has_value());
  EXPECT_EQ(progressive->width, 32u);
}

TEST(ImageTest, AnythingElseIsRefused) {
  EXPECT_FALSE(inspect_image(""));
  EXPECT_FALSE(inspect_image("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>1</script></svg>"));
  EXPECT_FALSE(inspect_image("GIF89a\x10\0\x10\0"));
  EXPECT_FALSE(inspect_image(std::string("\x89PNG\r\n\x1a\n", 8) + "rest"));  // signature only
  std::string cut = png(16, 16);
  cut.resize(cut.size() - 12);  // no IEND: truncated
  EXPECT_FALSE(inspect_image(cut));
  std::string not_ihdr = png(16, 16);
  not_ihdr.replace(12, 4, "IDAT");
  EXPECT_FALSE(inspect_image(not_ihdr));
  EXPECT_FALSE(inspect_image(png(0, 16)));
  EXPECT_FALSE(inspect_image(png(0x80000000u, 16)));
  EXPECT_FALSE(inspect_image(jpeg(0, 16)));
  // A scan before any frame header, or the end before one: no size, no image.
  std::string scan_first("\xFF\xD8\xFF\xDA\x00\x08\x01\x01\x00\x00\x3F\x00", 12);
  EXPECT_FALSE(inspect_image(scan_first));
  std::string no_frame("\xFF\xD8\xFF\xE0\x00\x04\0\0", 8);
  EXPECT_FALSE(inspect_image(no_frame));
  // A segment whose length runs past the end.
  std::string overrun("\xFF\xD8\xFF\xE0\x7F\xFF\0\0", 8);
  EXPECT_FALSE(inspect_image(overrun));
}

TEST(ImageTest, DataUrisAreBase64) {
  EXPECT_EQ(data_uri("image/png", ""), "data:image/png;base64,");
  EXPECT_EQ(data_uri("image/png", "M"), "data:image/png;base64,TQ==");
  EXPECT_EQ(data_uri("image/png", "Ma"), "data:image/png;base64,TWE=");
  EXPECT_EQ(data_uri("image/jpeg", "Man"), "data:image/jpeg;base64,TWFu");
  EXPECT_EQ(data_uri("image/png", std::string("\xFF\xFE\x00", 3)), "data:image/png;base64,//4A");
}

}  // namespace
}  // namespace sopan::domain
