// The instansi's logo over HTTP: read by anyone (the sign-in screen shows it) with an ETag that
// answers 304; uploaded and removed only by an admin over the whole instansi, each as a commit on
// main with an audit event; anything but a real PNG or JPEG within the limits is refused with
// nothing committed; the print view carries it; `sopan verify` stays clean.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "app/app.hpp"
#include "common/ids.hpp"
#include "demo_server.hpp"
#include "http_client.hpp"
#include "library/accounts.hpp"
#include "library/document_library.hpp"

namespace sopan {
namespace {
using sopan::testing::HttpClient;
using sopan::testing::HttpReply;
using sopan::testing::IsOk;
namespace json = boost::json;

std::string be32(std::uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
          static_cast<char>(v)};
}
/// A PNG's structure with `padding` bytes of image data (never decoded by the server).
std::string png(std::uint32_t w, std::uint32_t h, std::size_t padding = 4) {
  std::string out("\x89PNG\r\n\x1a\n", 8);
  out += be32(13) + "IHDR" + be32(w) + be32(h) + std::string("\x08\x06\0\0\0", 5) + "CRC!";
  out += be32(static_cast<std::uint32_t>(padding)) + "IDAT" + std::string(padding, 'x') + "CRC!";
  out += std::string("\0\0\0\0IEND\xae\x42\x60\x82", 12);
  return out;
}
/// A JPEG's structure: SOI, the frame header with the size, a scan, EOI.
std::string jpeg(std::uint16_t w, std::uint16_t h) {
  std::string out("\xFF\xD8\xFF\xC0\x00\x0B\x08", 7);
  out += {static_cast<char>(h >> 8), static_cast<char>(h), static_cast<char>(w >> 8),
          static_cast<char>(w)};
  out += std::string("\x01\x01\x11\x00", 4);
  out += std::string("\xFF\xDA\x00\x08\x01\x01\x00\x00\x3F\x00", 10) + "data";
  out += std::string("\xFF\xD9", 2);
  return out;
}

class LogoTest : public sopan::testing::DemoServerTest {
 protected:
  void SetUp() override {
    DemoServerTest::SetUp();
    start();
    admin = signed_in("admin");
    anonymous = std::make_unique<HttpClient>(port_);
  }

  HttpReply upload(HttpClient& c, const std::string& bytes, const std::string& type) {
    return c.request("PUT", "/api/v1/instansi/logo", bytes, {{"Content-Type", type}});
  }
  json::value instansi() {
    auto r = anonymous->request("GET", "/api/v1/instansi");
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body);
  }
  std::string demo_logo() {
    std::ifstream in(config_.demo_dir / "logo.png", std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  void verify_is_clean() {
    auto report = library::DocumentLibrary::verify(dir_.path() / "data");
    ASSERT_THAT(report, IsOk());
    EXPECT_TRUE(report->clean()) << (report->index_problems.empty() ? ""
                                                                    : report->index_problems[0]);
  }

  std::unique_ptr<HttpClient> admin, anonymous;
};

TEST_F(LogoTest, EveryVisitorReadsTheLogoWithAnETag) {
  // The demo instansi has one, known before anyone signs in.
  const json::value info = instansi();
  EXPECT_EQ(info.at("logo"), true);
  EXPECT_EQ(info.at("logo_url"), "/api/v1/instansi/logo");
  EXPECT_EQ(info.at("logo_type"), "image/png");
  EXPECT_EQ(info.at("logo_width"), 128);
  EXPECT_EQ(info.at("logo_height"), 128);
  EXPECT_FALSE(info.at("name").as_string().empty());
  const std::string etag(info.at("logo_etag").as_string());

  auto logo = anonymous->request("GET", "/api/v1/instansi/logo");
  ASSERT_EQ(logo.status, 200);
  EXPECT_EQ(logo.body, demo_logo());
  EXPECT_EQ(logo.header("content-type"), "image/png");
  EXPECT_EQ(logo.header("etag"), etag);
  EXPECT_EQ(logo.header("x-content-type-options"), "nosniff");
  EXPECT_EQ(logo.header("content-security-policy"),
            "default-src 'none'; frame-ancestors 'none'; sandbox");
  EXPECT_EQ(logo.header("cache-control"), "public, no-cache");
  // Revalidation: unchanged is 304 without a body, also weak or in a list; another tag is 200.
  for (const std::string& tag : {etag, "W/" + etag, "\"lain\", " + etag}) {
    auto same = anonymous->request("GET", "/api/v1/instansi/logo", "", {{"If-None-Match", tag}});
    EXPECT_EQ(same.status, 304) << tag;
    EXPECT_TRUE(same.body.empty());
    EXPECT_EQ(same.header("etag"), etag);
  }
  EXPECT_EQ(anonymous->request("GET", "/api/v1/instansi/logo", "", {{"If-None-Match", "\"lain\""}})
                .status,
            200);
  EXPECT_EQ(anonymous->request("GET", "/api/v1/instansi/logo?ukuran=besar").status, 400);

  // The print view carries it in the page itself, under a policy that allows only that.
  auto penyusun = signed_in("penyusun");
  const json::value list =
      json::parse(penyusun->request("GET", "/api/v1/sops?status=berlaku&limit=1").body);
  const std::string id(list.at("items").at(0).at("id").as_string());
  auto print = penyusun->request("GET", "/api/v1/sops/" + id + "/print");
  ASSERT_EQ(print.status, 200) << print.body;
  EXPECT_NE(print.body.find("<img class=\"logo\" src=\"data:image/png;base64,iVBORw0KGgo"),
            std::string::npos);
  EXPECT_NE(print.header("content-security-policy").find("img-src data:"), std::string::npos);
}

TEST_F(LogoTest, OnlyAnAdminOfTheWholeInstansiChangesItAndBadFilesChangeNothing) {
  const std::string before = main_head();
  // Nobody signed in, a writer, an admin of one unit only: refused.
  EXPECT_EQ(upload(*anonymous, png(64, 64), "image/png").status, 401);
  auto penyusun = signed_in("penyusun");
  EXPECT_EQ(upload(*penyusun, png(64, 64), "image/png").status, 403);
  EXPECT_EQ(penyusun->request("DELETE", "/api/v1/instansi/logo").status, 403);
  library::Account unit_admin;
  unit_admin.id = new_id();
  unit_admin.username = "admin-kominfo";
  unit_admin.nip = "199302182019032011";
  unit_admin.name = "Admin Kominfo";
  unit_admin.password_hash = library::hash_password("sandi-uji-123");
  unit_admin.grants = {{domain::Role::kAdmin, unit_id("2.16")}};
  ASSERT_THAT(app_->accounts().put(unit_admin, {{"kind", "test.account"}}), IsOk());
  HttpClient kominfo(port_);
  ASSERT_EQ(kominfo.login("admin-kominfo", "sandi-uji-123").status, 200);
  EXPECT_EQ(upload(kominfo, png(64, 64), "image/png").status, 403);

  // What an admin may not upload, each with its Indonesian reason and pointer.
  struct Bad {
    std::string name, bytes, type;
    int status;
    std::string pointer;
  };
  const std::vector<Bad> bad = {
      {"svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
       "image/svg+xml", 415, "/headers/Content-Type"},
      {"json", "{}", "application/json", 415, "/headers/Content-Type"},
      {"fake_png", "GIF89a" + std::string(100, 'x'), "image/png", 422, "/body"},
      {"html_as_png", "<html><script>alert(1)</script></html>", "image/png", 422, "/body"},
      {"jpeg_called_png", jpeg(64, 64), "image/png", 422, "/body"},
      {"truncated_png", png(64, 64).substr(0, 40), "image/png", 422, "/body"},
      {"too_wide", png(4096, 64), "image/png", 422, "/body"},
      {"too_small", png(8, 8), "image/png", 422, "/body"},
      {"oversized", png(64, 64, 300 * 1024), "image/png", 413, "/body"},
      {"empty", "", "image/png", 422, "/body"},
  };
  for (const auto& b : bad) {
    auto r = upload(*admin, b.bytes, b.type);
    EXPECT_EQ(r.status, b.status) << b.name << " " << r.body;
    EXPECT_NE(r.body.find(b.pointer), std::string::npos) << b.name << " " << r.body;
  }
  auto svg = upload(*admin, "<svg/>", "image/svg+xml");
  EXPECT_NE(svg.body.find("SVG tidak diterima"), std::string::npos) << svg.body;
  auto fake = upload(*admin, "GIF89a" + std::string(100, 'x'), "image/png");
  EXPECT_NE(fake.body.find("bukan gambar PNG"), std::string::npos) << fake.body;
  EXPECT_EQ(main_head(), before) << "a refused upload committed something";
  EXPECT_EQ(instansi().at("logo_type"), "image/png");
}

TEST_F(LogoTest, UploadReplaceAndDeleteAreCommitsOnMain) {
  const std::string old_etag(instansi().at("logo_etag").as_string());
  // A JPEG replaces the PNG in one commit: the new file in, the old one out.
  auto put = upload(*admin, jpeg(200, 100), "image/jpeg; charset=binary");
  ASSERT_EQ(put.status, 200) << put.body;
  const json::value answer = json::parse(put.body);
  EXPECT_EQ(answer.at("logo"), true);
  EXPECT_EQ(answer.at("logo_type"), "image/jpeg");
  EXPECT_EQ(answer.at("logo_width"), 200);
  EXPECT_EQ(answer.at("logo_height"), 100);
  const std::string commit(answer.at("commit").as_string());
  EXPECT_EQ(main_head(), commit + "\n");
  const std::string files = git("ls-tree --name-only " + commit + " instansi/");
  EXPECT_EQ(files, "instansi/logo.jpg\n");
  EXPECT_EQ(git("show " + commit + ":instansi/logo.jpg"), jpeg(200, 100));
  const std::string trailers = git("show -s '--format=%(trailers)' " + commit);
  EXPECT_NE(trailers.find("Sopan-Action: instansi.logo\n"), std::string::npos) << trailers;
  EXPECT_NE(git("show -s --format=%B " + commit).find("Logo instansi diganti"), std::string::npos);

  // Served as what it now is; the old tag no longer matches.
  auto logo = anonymous->request("GET", "/api/v1/instansi/logo", "", {{"If-None-Match", old_etag}});
  ASSERT_EQ(logo.status, 200);
  EXPECT_EQ(logo.header("content-type"), "image/jpeg");
  EXPECT_EQ(logo.body, jpeg(200, 100));
  EXPECT_NE(logo.header("etag"), old_etag);
  EXPECT_EQ(logo.header("etag"), answer.at("logo_etag").as_string());

  // Audited.
  const json::value events =
      json::parse(admin->request("GET", "/api/v1/events?kind=instansi.logo").body);
  bool audited = false;
  for (const auto& e : events.at("items").as_array())
    audited = audited || (e.at("kind") == "instansi.logo" && e.at("commit").as_string() == commit &&
                          e.at("media_type") == "image/jpeg");
  EXPECT_TRUE(audited) << json::serialize(events);

  // A restarted server reads it back from git.
  app_.reset();
  start();
  anonymous = std::make_unique<HttpClient>(port_);
  admin = signed_in("admin");
  EXPECT_EQ(anonymous->request("GET", "/api/v1/instansi/logo").body, jpeg(200, 100));

  // Removed as a commit; then there is none.
  auto removed = admin->request("DELETE", "/api/v1/instansi/logo");
  ASSERT_EQ(removed.status, 200) << removed.body;
  const json::value after = json::parse(removed.body);
  EXPECT_EQ(after.at("logo"), false);
  EXPECT_TRUE(after.at("logo_url").is_null());
  EXPECT_EQ(main_head(), std::string(after.at("commit").as_string()) + "\n");
  EXPECT_EQ(git("ls-tree --name-only refs/heads/main instansi/"), "");
  EXPECT_EQ(instansi().at("logo"), false);
  auto gone = anonymous->request("GET", "/api/v1/instansi/logo");
  EXPECT_EQ(gone.status, 404);
  EXPECT_NE(gone.body.find("belum memiliki logo"), std::string::npos) << gone.body;
  EXPECT_EQ(admin->request("DELETE", "/api/v1/instansi/logo").status, 404);
  // The print view falls back to its placeholder.
  auto penyusun = signed_in("penyusun");
  const json::value list =
      json::parse(penyusun->request("GET", "/api/v1/sops?status=berlaku&limit=1").body);
  const std::string id(list.at("items").at(0).at("id").as_string());
  auto print = penyusun->request("GET", "/api/v1/sops/" + id + "/print");
  EXPECT_EQ(print.body.find("data:image"), std::string::npos);
  EXPECT_NE(print.body.find("<div class=\"logo\"></div>"), std::string::npos);

  verify_is_clean();
}

}  // namespace
}  // namespace sopan
