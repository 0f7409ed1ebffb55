#include "http/error_response.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cstdio>
#include <string>

#include "common/log.hpp"

namespace sopan::http {
namespace {
namespace json = boost::json;

struct Row {
  Errc code;
  int status;
  std::string_view name;
};
// DESIGN §4: 400 malformed, 401 no session, 403 denied, 404, 409 wrong state, 412 stale
// If-Match, 413 too large, 415 not JSON, 422 fails schema or rules, 429 throttled, 500, 503.
constexpr Row kTable[] = {
    {Errc::kInvalidArgument, 400, "invalid_argument"},
    {Errc::kValidation, 422, "validation"},
    {Errc::kNotFound, 404, "not_found"},
    {Errc::kAlreadyExists, 409, "already_exists"},
    {Errc::kConflict, 409, "conflict"},
    {Errc::kPreconditionFailed, 412, "precondition_failed"},
    {Errc::kUnauthenticated, 401, "unauthenticated"},
    {Errc::kPermissionDenied, 403, "permission_denied"},
    {Errc::kTooLarge, 413, "too_large"},
    {Errc::kUnsupportedMediaType, 415, "unsupported_media_type"},
    {Errc::kThrottled, 429, "throttled"},
    {Errc::kUnavailable, 503, "unavailable"},
    {Errc::kInternal, 500, "internal"},
};

/// The `error` member of a response body (and checks the body is a JSON object holding only it).
json::object error_of(const api::Response& r) {
  EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
  json::value body = json::parse(r.body);
  EXPECT_EQ(body.as_object().size(), 1u) << r.body;
  return body.at("error").as_object();
}

/// The value of header `name`, or nullptr.
const std::string* header(const api::Response& r, std::string_view name) {
  for (const auto& [k, v] : r.headers)
    if (k == name) return &v;
  return nullptr;
}

json::array details(std::string path, std::string message) {
  return json::array{json::object{{"path", std::move(path)}, {"message", std::move(message)}}};
}

TEST(ErrorResponseTest, EveryErrcHasItsStatusAndCode) {
  // One row per enumerator, in declaration order (a new Errc needs a row here).
  for (std::size_t i = 0; i < std::size(kTable); ++i)
    ASSERT_EQ(static_cast<std::size_t>(kTable[i].code), i) << kTable[i].name;
  ASSERT_EQ(static_cast<std::size_t>(Errc::kInternal) + 1, std::size(kTable));
  for (const Row& row : kTable) {
    EXPECT_EQ(status_of(row.code), row.status) << row.name;
    EXPECT_EQ(errc_code(row.code), row.name);
    api::Response r = error_response(make_error(row.code, "Pesan"));
    EXPECT_EQ(r.status, row.status) << row.name;
    EXPECT_EQ(error_of(r).at("code").as_string(), row.name);
  }
}

TEST(ErrorResponseTest, TheBodyCarriesCodeMessageAndDetails) {
  Error e = make_error(Errc::kValidation, "Isian tidak memenuhi ketentuan");
  e.details = details("/steps/3/next_no", "Langkah tidak ada");
  api::Response r = error_response(e);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(
      json::parse(r.body),
      json::parse(R"({"error":{"code":"validation","message":"Isian tidak memenuhi ketentuan",)"
                  R"("details":[{"path":"/steps/3/next_no","message":"Langkah tidak ada"}]}})"));
  EXPECT_FALSE(header(r, "Retry-After"));
  // Without details (null, or anything but an array) there is no details member.
  for (json::value d : {json::value(), json::value("teks"), json::value(json::object{})}) {
    e.details = d;
    json::object error = error_of(error_response(e));
    EXPECT_FALSE(error.contains("details")) << json::serialize(d);
    EXPECT_EQ(error.size(), 2u);
  }
  // The message is passed through as written, Indonesian and all.
  EXPECT_EQ(error_of(error_response(make_error(Errc::kNotFound, "SOP tidak ditemukan: \"é\"")))
                .at("message")
                .as_string(),
            "SOP tidak ditemukan: \"é\"");
}

TEST(ErrorResponseTest, AThrottleSaysWhenToComeBack) {
  Error e = make_error(Errc::kThrottled, "Terlalu banyak percobaan");
  e.details = json::array{json::object{{"path", ""}, {"message", "Tunggu"}},
                          json::object{{"path", ""}, {"retry_after", 30L}},
                          json::object{{"retry_after", 99L}}};
  api::Response r = error_response(e);
  EXPECT_EQ(r.status, 429);
  ASSERT_TRUE(header(r, "Retry-After"));
  EXPECT_EQ(*header(r, "Retry-After"), "30");  // the first one given
  EXPECT_EQ(error_of(r).at("details").as_array().size(), 3u);
  // No wait named (or not as a whole number): no header, still 429.
  for (json::value d : {json::value(), json::value(details("", "Tunggu")),
                        json::value(json::array{json::object{{"retry_after", "30"}}})}) {
    e.details = d;
    r = error_response(e);
    EXPECT_EQ(r.status, 429);
    EXPECT_FALSE(header(r, "Retry-After")) << json::serialize(d);
  }
  // Only a throttle gets the header.
  Error busy = make_error(Errc::kUnavailable, "Sibuk");
  busy.details = json::array{json::object{{"retry_after", 5L}}};
  EXPECT_FALSE(header(error_response(busy), "Retry-After"));
}

TEST(ErrorResponseTest, A401ThatNamesItsChallengeSendsIt) {
  Error e = make_error(Errc::kUnauthenticated, "Masuk dengan token");
  e.details = json::array{json::object{{"path", "/headers/Authorization"},
                                       {"message", "Token"},
                                       {"challenge", "Basic realm=\"Sopan\""}}};
  api::Response r = error_response(e);
  EXPECT_EQ(r.status, 401);
  ASSERT_TRUE(header(r, "WWW-Authenticate"));
  EXPECT_EQ(*header(r, "WWW-Authenticate"), "Basic realm=\"Sopan\"");
  // The session's 401 names none: a browser must not pop up a password dialog.
  EXPECT_FALSE(
      header(error_response(make_error(Errc::kUnauthenticated, "Sesi")), "WWW-Authenticate"));
  // Only a 401 carries one.
  e.code = Errc::kPermissionDenied;
  EXPECT_FALSE(header(error_response(e), "WWW-Authenticate"));
}

TEST(ErrorResponseTest, AnInternalErrorShowsAnIncidentIdAndLogsTheDetail) {
  std::FILE* log_file = std::tmpfile();
  ASSERT_TRUE(log_file);
  log::set_output(log_file);
  Error e = make_error(Errc::kInternal, "rocksdb: Corruption: block checksum mismatch /data/x.sst");
  e.details = details("/data/index/000012.sst", "IO error: /data/index/000012.sst");
  api::Response r = error_response(e);
  api::Response again = error_response(e);
  log::set_output(nullptr);

  EXPECT_EQ(r.status, 500);
  json::object error = error_of(r);
  EXPECT_EQ(error.at("code").as_string(), "internal");
  const std::string incident(error.at("incident").as_string());
  EXPECT_FALSE(incident.empty());
  EXPECT_EQ(error.at("message").as_string(),
            "Terjadi kesalahan pada server (insiden " + incident + ")");
  EXPECT_FALSE(error.contains("details"));  // details of an internal error stay inside too
  EXPECT_EQ(r.body.find("rocksdb"), std::string::npos) << r.body;
  EXPECT_EQ(r.body.find(".sst"), std::string::npos) << r.body;
  EXPECT_NE(error_of(again).at("incident"), error.at("incident"));  // one id per incident

  // The log holds the detail under the id the client was shown.
  std::string logged;
  std::rewind(log_file);
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, log_file)) > 0;) logged.append(buf, n);
  std::fclose(log_file);
  auto line_start = logged.find(incident);
  ASSERT_NE(line_start, std::string::npos) << logged;
  line_start = logged.rfind('\n', line_start);
  line_start = line_start == std::string::npos ? 0 : line_start + 1;
  json::value line = json::parse(logged.substr(line_start, logged.find('\n', line_start)));
  EXPECT_EQ(line.at("incident").as_string(), incident);
  EXPECT_EQ(line.at("message").as_string(), e.message);
}

TEST(ErrorResponseTest, TheHttpLayersOwnFailuresKeepTheSameShape) {
  api::Response r = error_response(405, "method_not_allowed", "Metode DELETE tidak didukung");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(json::parse(r.body), json::parse(R"({"error":{"code":"method_not_allowed",)"
                                             R"("message":"Metode DELETE tidak didukung"}})"));
  EXPECT_TRUE(r.headers.empty());
  EXPECT_EQ(error_response(431, "header_too_large", "x").status, 431);
}

}  // namespace
}  // namespace sopan::http
