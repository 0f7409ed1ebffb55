#include "vcs/git_http.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "support/temp_dir.hpp"

namespace sopan::vcs {
namespace {
using sopan::testing::ErrcIs;
using sopan::testing::IsOk;
using Query = std::map<std::string, std::string, std::less<>>;

Result<GitHttpService> ask(std::string_view method, std::string_view path, Query query = {},
                           std::string raw = "") {
  if (raw.empty()) raw = "/git/" + std::string(path);
  return git_http_service(method, path, raw, query);
}

TEST(GitHttpService, ServesTheTwoRequestsOfAFetch) {
  auto refs = ask("GET", "sopan.git/info/refs", {{"service", "git-upload-pack"}});
  ASSERT_THAT(refs, IsOk());
  EXPECT_EQ(*refs, GitHttpService::kAdvertiseRefs);
  auto pack = ask("POST", "sopan.git/git-upload-pack");
  ASSERT_THAT(pack, IsOk());
  EXPECT_EQ(*pack, GitHttpService::kUploadPack);
}

TEST(GitHttpService, RefusesAPushWith403) {
  EXPECT_THAT(ask("GET", "sopan.git/info/refs", {{"service", "git-receive-pack"}}),
              ErrcIs(Errc::kPermissionDenied));
  EXPECT_THAT(ask("POST", "sopan.git/git-receive-pack"), ErrcIs(Errc::kPermissionDenied));
  EXPECT_THAT(ask("GET", "sopan.git/git-receive-pack"), ErrcIs(Errc::kPermissionDenied));
}

TEST(GitHttpService, AnythingElseIsNotFound) {
  for (const char* path :
       {"sopan.git", "sopan.git/", "sopan.git/HEAD", "sopan.git/objects/info/packs",
        "sopan.git/objects/ab/cdef0123456789", "sopan.git/info/refs/x", "sopan.git/config",
        "sopan.git/refs/heads/main", "lain.git/info/refs", "sopan/info/refs", "SOPAN.GIT/info/refs",
        "sopan.git.git/info/refs", "repo.git/info/refs", "sopan.git/git-upload-archive",
        "etc/passwd", "x/sopan.git/info/refs"})
    EXPECT_THAT(ask("GET", path, {{"service", "git-upload-pack"}}), ErrcIs(Errc::kNotFound))
        << path;
  // The dumb protocol's listing (no ?service=), and methods that do not fit.
  EXPECT_THAT(ask("GET", "sopan.git/info/refs"), ErrcIs(Errc::kNotFound));
  EXPECT_THAT(ask("GET", "sopan.git/info/refs", {{"service", "git-upload-archive"}}),
              ErrcIs(Errc::kNotFound));
  EXPECT_THAT(ask("POST", "sopan.git/info/refs", {{"service", "git-upload-pack"}}),
              ErrcIs(Errc::kNotFound));
  EXPECT_THAT(ask("GET", "sopan.git/git-upload-pack"), ErrcIs(Errc::kNotFound));
}

TEST(GitHttpService, RefusesEncodedPathsAndStrayParameters) {
  // As routed the path looks right; as sent it was encoded.
  for (const char* raw : {"/git/sopan.git%2Finfo%2Frefs", "/git/sopan%2egit/info/refs",
                          "/git/%73opan.git/info/refs", "/git/sopan.git/info/refs%00"})
    EXPECT_THAT(ask("GET", "sopan.git/info/refs", {{"service", "git-upload-pack"}}, raw),
                ErrcIs(Errc::kInvalidArgument))
        << raw;
  EXPECT_THAT(ask("GET", "sopan.git/info/refs", {{"service", "git-upload-pack"}, {"x", "1"}}),
              ErrcIs(Errc::kInvalidArgument));
  EXPECT_THAT(ask("POST", "sopan.git/git-upload-pack", {{"service", "git-upload-pack"}}),
              ErrcIs(Errc::kInvalidArgument));
}

TEST(GitHttpHeaders, TakeWhatGitSendsAndNothingOdd) {
  const GitHttpRequestHeaders fetch{"application/x-git-upload-pack-request", "gzip", "version=2"};
  EXPECT_THAT(check_git_http_headers(GitHttpService::kUploadPack, fetch), IsOk());
  EXPECT_THAT(check_git_http_headers(GitHttpService::kAdvertiseRefs, {"", "", "version=2"}),
              IsOk());
  EXPECT_THAT(check_git_http_headers(GitHttpService::kUploadPack,
                                     {"application/x-git-receive-pack-request", "", ""}),
              ErrcIs(Errc::kUnsupportedMediaType));
  EXPECT_THAT(check_git_http_headers(GitHttpService::kUploadPack, {"", "", ""}),
              ErrcIs(Errc::kUnsupportedMediaType));
  EXPECT_THAT(check_git_http_headers(GitHttpService::kUploadPack,
                                     {"application/x-git-upload-pack-request", "br", ""}),
              ErrcIs(Errc::kUnsupportedMediaType));
  for (std::string protocol : {std::string("version=2 x"), std::string("version=2\n"),
                               std::string("v;rm -rf"), std::string(300, 'a')})
    EXPECT_THAT(check_git_http_headers(GitHttpService::kAdvertiseRefs, {"", "", protocol}),
                ErrcIs(Errc::kInvalidArgument))
        << protocol;
}

bool has(const std::vector<std::string>& env, const std::string& entry) {
  return std::find(env.begin(), env.end(), entry) != env.end();
}

TEST(GitHttpBackendEnv, NamesOnlyTheRepositoryAndTurnsPushOff) {
  auto env = git_http_backend_env(GitHttpService::kAdvertiseRefs, {"", "", "version=2"}, 0,
                                  "/data/repo.git", "/usr/bin:/bin");
  EXPECT_TRUE(has(env, "GIT_PROJECT_ROOT=/data/repo.git"));
  EXPECT_TRUE(has(env, "PATH_INFO=/info/refs"));
  EXPECT_TRUE(has(env, "REQUEST_METHOD=GET"));
  EXPECT_TRUE(has(env, "QUERY_STRING=service=git-upload-pack"));
  EXPECT_TRUE(has(env, "HTTP_GIT_PROTOCOL=version=2"));
  EXPECT_TRUE(has(env, "GIT_HTTP_EXPORT_ALL=1"));
  EXPECT_TRUE(has(env, "GIT_CONFIG_NOSYSTEM=1"));
  // Each configuration key with its value, by index.
  auto config = [&](const std::string& key) -> std::string {
    for (const auto& e : env)
      if (e.starts_with("GIT_CONFIG_KEY_") && e.ends_with("=" + key)) {
        const std::string index = e.substr(15, e.find('=') - 15);
        for (const auto& v : env)
          if (v.starts_with("GIT_CONFIG_VALUE_" + index + "=")) return v.substr(v.find('=') + 1);
      }
    return "?";
  };
  EXPECT_EQ(config("http.uploadpack"), "true");
  EXPECT_EQ(config("http.receivepack"), "false");
  EXPECT_EQ(config("http.getanyfile"), "false");
  // No variable of the server's own environment, no user to authorise a push for.
  for (const auto& e : env) EXPECT_FALSE(e.starts_with("REMOTE_USER=")) << e;
  for (const auto& e : env) EXPECT_FALSE(e.starts_with("CONTENT_LENGTH=")) << e;

  auto post = git_http_backend_env(GitHttpService::kUploadPack,
                                   {"application/x-git-upload-pack-request", "gzip", ""}, 123,
                                   "/data/repo.git", "/usr/bin");
  EXPECT_TRUE(has(post, "PATH_INFO=/git-upload-pack"));
  EXPECT_TRUE(has(post, "REQUEST_METHOD=POST"));
  EXPECT_TRUE(has(post, "QUERY_STRING="));
  EXPECT_TRUE(has(post, "CONTENT_TYPE=application/x-git-upload-pack-request"));
  EXPECT_TRUE(has(post, "CONTENT_LENGTH=123"));
  EXPECT_TRUE(has(post, "HTTP_CONTENT_ENCODING=gzip"));
  for (const auto& e : post) EXPECT_FALSE(e.starts_with("HTTP_GIT_PROTOCOL=")) << e;
}

TEST(CgiHead, FindsWhereTheBodyStarts) {
  EXPECT_FALSE(cgi_body_start(""));
  EXPECT_FALSE(cgi_body_start("Content-Type: text/plain\r\n"));
  EXPECT_FALSE(cgi_body_start("Content-Type: text/plain\r\n\r"));
  EXPECT_EQ(cgi_body_start("Content-Type: a\r\n\r\nbody"), 19u);
  EXPECT_EQ(cgi_body_start("Content-Type: a\n\nbody"), 17u);
  EXPECT_EQ(cgi_body_start("\r\n"), std::nullopt);
}

TEST(CgiHead, ParsesWhatGitHttpBackendWrites) {
  const std::string head =
      "Expires: Fri, 01 Jan 1980 00:00:00 GMT\r\nPragma: no-cache\r\n"
      "Cache-Control: no-cache, max-age=0, must-revalidate\r\n"
      "Content-Type: application/x-git-upload-pack-advertisement\r\n\r\n";
  auto h = parse_cgi_head(head);
  ASSERT_THAT(h, IsOk());
  EXPECT_EQ(h->status, 200);
  EXPECT_EQ(h->content_type, "application/x-git-upload-pack-advertisement");
  ASSERT_EQ(h->headers.size(), 3u);
  EXPECT_EQ(h->headers[0].first, "Expires");
  EXPECT_EQ(h->headers[2].second, "no-cache, max-age=0, must-revalidate");

  // git's refusals: a Status line, no Content-Type.
  auto refused = parse_cgi_head("Status: 403 Forbidden\r\nPragma: no-cache\r\n\r\n");
  ASSERT_THAT(refused, IsOk());
  EXPECT_EQ(refused->status, 403);
  EXPECT_EQ(refused->content_type, "");
  auto bare = parse_cgi_head("Status: 404\nContent-Type:text/plain\n\n");
  ASSERT_THAT(bare, IsOk());
  EXPECT_EQ(bare->status, 404);
  EXPECT_EQ(bare->content_type, "text/plain");
}

TEST(CgiHead, PassesOnOnlyTheCacheFields) {
  auto h = parse_cgi_head(
      "Content-Type: text/plain\r\nSet-Cookie: sopan_sesi=x\r\nLocation: http://x/\r\n"
      "Content-Security-Policy: none\r\nPragma: no-cache\r\n\r\n");
  ASSERT_THAT(h, IsOk());
  ASSERT_EQ(h->headers.size(), 1u);
  EXPECT_EQ(h->headers[0].first, "Pragma");
}

TEST(CgiHead, RefusesMalformedHeads) {
  for (std::string head :
       {std::string("no colon\r\n\r\n"), std::string(": empty name\r\n\r\n"),
        std::string("Bad Name: x\r\n\r\n"), std::string("Status: abc\r\n\r\n"),
        std::string("Status: 42\r\n\r\n"), std::string("Status: 999 Nine\r\n\r\n"),
        std::string("Status: 2000\r\n\r\n"), std::string("Status: 099 Low\r\n\r\n"),
        std::string("Content-Type: a\x01b\r\n\r\n"), std::string("Content-Type: a\0b\r\n\r\n", 20)})
    EXPECT_THAT(parse_cgi_head(head), ErrcIs(Errc::kInternal)) << head;
}

}  // namespace
}  // namespace sopan::vcs
