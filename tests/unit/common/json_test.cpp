#include "common/json.hpp"

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

namespace sopan::json_util {
namespace {
using sopan::testing::ErrcIs;
using sopan::testing::IsOk;

std::string first_detail(const Result<boost::json::value>& r) {
  if (r) return "ok";
  const Error e = r.error();  // a copy: result::error() returns by value
  const auto& d = e.details.as_array().at(0).as_object();
  return std::string(d.at("path").as_string()) + ": " + std::string(d.at("message").as_string());
}

TEST(JsonRequestTest, OrdinaryBodiesPass) {
  EXPECT_THAT(parse_request(R"({"title":"Cuti \u00e9","steps":[{"a":"x\ty\nz"}],"n":1})"), IsOk());
  // LF is the one line end: a CRLF file is refused (the web app sends files with LF).
  EXPECT_THAT(parse_request(R"({"csv":"kode;nama\n1;A\n"})"), IsOk());
  EXPECT_THAT(parse_request(R"({"csv":"kode;nama\r\n1;A\r\n"})"), ErrcIs(Errc::kValidation));
}

TEST(JsonRequestTest, ControlCharactersInStringsAreRefusedWithTheirPointer) {
  struct Case {
    const char* body;
    const char* detail;
  };
  const Case cases[] = {
      {R"({"title":"a\u0000b"})",
       "/title: Teks memuat karakter kendali U+0000 (karakter ke-2) yang tidak diizinkan"},
      {R"({"s":[{"x":"ok"},{"x":"\u001b[31m"}]})",
       "/s/1/x: Teks memuat karakter kendali U+001B (karakter ke-1) yang tidak diizinkan"},
      {R"({"m":"\u00e9\u007f"})",
       "/m: Teks memuat karakter kendali U+007F (karakter ke-2) yang tidak diizinkan"},
      {R"({"m":"a\rb"})",
       "/m: Teks memuat karakter kendali U+000D (karakter ke-2) yang tidak diizinkan"},
      {R"({"m":"a\r"})",
       "/m: Teks memuat karakter kendali U+000D (karakter ke-2) yang tidak diizinkan"},
      {R"({"a/b~":"\u000c"})",
       "/a~1b~0: Teks memuat karakter kendali U+000C (karakter ke-1) yang tidak diizinkan"},
      {R"(["\u0001"])",
       "/0: Teks memuat karakter kendali U+0001 (karakter ke-1) yang tidak diizinkan"},
      {R"({"k\u0000":1})",
       ": Nama isian memuat karakter kendali U+0000 (karakter ke-2) yang tidak diizinkan"},
  };
  for (const auto& c : cases) {
    auto r = parse_request(c.body);
    EXPECT_THAT(r, ErrcIs(Errc::kValidation)) << c.body;
    EXPECT_EQ(first_detail(r), c.detail) << c.body;
  }
}

TEST(JsonRequestTest, LongKeysAreRefusedAtParseTime) {
  std::string ok_key(kMaxKeyBytes, 'k'), long_key(kMaxKeyBytes + 1, 'k');
  EXPECT_THAT(parse_request("{\"" + ok_key + "\":1}"), IsOk());
  auto r = parse_request(R"({"document":{")" + long_key + "\":1}}");
  ASSERT_THAT(r, ErrcIs(Errc::kInvalidArgument));
  EXPECT_EQ(first_detail(r), "/document: Nama isian terlalu panjang (maksimal 256 bita)");
}

TEST(JsonRequestTest, InvalidUtf8AndDeepNestingAreMalformed) {
  EXPECT_THAT(parse_request("{\"title\":\"\xC3(\"}"), ErrcIs(Errc::kInvalidArgument));
  EXPECT_THAT(parse_request("{\"title\":\"\xED\xA0\x80\"}"), ErrcIs(Errc::kInvalidArgument));
  EXPECT_THAT(parse_request("{\"\xFF\":1}"), ErrcIs(Errc::kInvalidArgument));
  EXPECT_THAT(parse_request(std::string(kMaxDepth + 1, '[') + std::string(kMaxDepth + 1, ']')),
              ErrcIs(Errc::kInvalidArgument));
  EXPECT_THAT(parse_request(std::string(kMaxDepth, '[') + std::string(kMaxDepth, ']')), IsOk());
}

TEST(JsonRequestTest, StoredDocumentsAreNotHeldToRequestRules) {
  // parse() reads what the server itself wrote; only request bodies get the request rules.
  EXPECT_THAT(parse(R"({"m":"a\rb"})"), IsOk());
}

}  // namespace
}  // namespace sopan::json_util
