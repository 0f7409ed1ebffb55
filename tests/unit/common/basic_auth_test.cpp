#include "common/basic_auth.hpp"

#include <gtest/gtest.h>

namespace sopan {
namespace {

TEST(BasicAuth, ReadsWhatGitSends) {
  // "auditor:sopan_abc" as git's libcurl encodes it.
  auto c = parse_basic_authorization("Basic YXVkaXRvcjpzb3Bhbl9hYmM=");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->username, "auditor");
  EXPECT_EQ(c->password, "sopan_abc");
  // The scheme in any case; the password may hold ':'.
  auto d = parse_basic_authorization(basic_authorization("a", "b:c").replace(0, 5, "bAsIc"));
  ASSERT_TRUE(d);
  EXPECT_EQ(d->username, "a");
  EXPECT_EQ(d->password, "b:c");
}

TEST(BasicAuth, RoundTrips) {
  for (std::string password : {"", "x", "xy", "xyz", "sopan_0123456789abcdef", "kata sandi é"}) {
    auto c = parse_basic_authorization(basic_authorization("auditor", password));
    ASSERT_TRUE(c) << password;
    EXPECT_EQ(c->username, "auditor");
    EXPECT_EQ(c->password, password);
  }
}

TEST(BasicAuth, RefusesEverythingElse) {
  const std::string huge = "Basic " + std::string(2048, 'Q');
  for (std::string header : {"", "Basic", "Basic ", "Bearer YXVkaXRvcjp4", "YXVkaXRvcjp4",
                             "Basic YXVkaXRvcjp4=", "Basic YXVkaXRvcjp4===", "Basic YXVka XRvcjp4",
                             "Basic !!!!", "Basic YXVkaXRvcg==",
                             "Basic OnNlY3JldA==",      // ":secret": no username
                             "Basic YQB4OnNlY3JldA==",  // "a\0x:secret": NUL
                             "Basic YQp4OnNlY3JldA==",  // "a\nx:secret": a line break
                             "Basic /w==",              // 0xFF: not UTF-8
                             huge.c_str()})
    EXPECT_FALSE(parse_basic_authorization(header)) << header.substr(0, 60);
}

}  // namespace
}  // namespace sopan
