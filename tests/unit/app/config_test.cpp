// The command line's --public-url (printed into every QR code): what may mislead a reader of the
// paper, or break the JSON it goes into, is refused with the flag named; nothing crashes.
#include "app/config.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sopan::app {
namespace {

Result<Config> with_public_url(const std::string& value) {
  const std::string flag = "--public-url=" + value;
  const char* argv[] = {"sopan", "serve", "--data", "/tmp/x", flag.c_str()};
  return parse_command_line(5, argv, [](const char*) -> const char* { return nullptr; });
}

TEST(ConfigTest, APublicUrlIsAPlainHttpAddress) {
  for (const auto& [given, kept] : std::vector<std::pair<std::string, std::string>>{
           {"https://sopan.contohkab.go.id", "https://sopan.contohkab.go.id"},
           {"https://sopan.contohkab.go.id/", "https://sopan.contohkab.go.id"},
           {"http://10.1.2.3:8080", "http://10.1.2.3:8080"},
           {"https://portal.contohkab.go.id/sopan", "https://portal.contohkab.go.id/sopan"},
           {"http://[fd00::1]:8080", "http://[fd00::1]:8080"}}) {
    auto c = with_public_url(given);
    ASSERT_TRUE(c) << given << ": " << c.error().message;
    EXPECT_EQ(c->public_url, kept);
  }
}

TEST(ConfigTest, AMisleadingOrBrokenPublicUrlIsRefusedWithTheFlagNamed) {
  for (const std::string& bad : std::vector<std::string>{"",
                                                         "/",
                                                         "//",
                                                         "sopan.contohkab.go.id",
                                                         "javascript:alert(1)",
                                                         "ftp://sopan.go.id",
                                                         "https://",
                                                         "https://:80",
                                                         "https://sopan.go.id@evil.example",
                                                         "http://x\\evil.com",
                                                         "https://sopan.go.id/?a=1",
                                                         "https://sopan.go.id/#x",
                                                         "https://sopan.go.id/a b",
                                                         "https://sopan.go.id/\"",
                                                         "https://sopan.go.id:99999",
                                                         "https://sopan.go.id:",
                                                         "https://sopan.go.id:0",
                                                         "https://x\xc3(/",
                                                         "https://-x.go.id",
                                                         "http://[fd00::1",
                                                         "http://[zz::1]",
                                                         "https://sopan.go.id/\n",
                                                         "https://" + std::string(200, 'a')}) {
    auto c = with_public_url(bad);
    ASSERT_FALSE(c) << bad;
    EXPECT_EQ(c.error().code, Errc::kInvalidArgument);
    EXPECT_EQ(c.error().details.at(0).at("path"), "/args/public-url") << bad;
  }
}

}  // namespace
}  // namespace sopan::app
