// schemas/openapi.yaml against the routes the server registers: an entry per route and a route
// per entry, the committed file as `sopan openapi` prints it, and the same document served.
#include "api/openapi.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "demo_server.hpp"
#include "sopan_process.hpp"

namespace sopan {
namespace {
using sopan::testing::HttpClient;

constexpr const char* kRegenerate =
    "schemas/openapi.yaml is stale: regenerate it with `build/dev/sopan openapi > "
    "schemas/openapi.yaml` (README, \"The API description\") and commit it";

std::string committed() {
  std::ifstream in(std::string(SOPAN_SOURCE_DIR) + "/schemas/openapi.yaml", std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class OpenApiTest : public sopan::testing::DemoServerTest {};

TEST_F(OpenApiTest, EveryRouteHasAnEntryAndEveryEntryARoute) {
  start();
  auto drift = api::openapi_drift(app_->server().routes());
  std::string report;
  for (const auto& r : drift.undocumented) report += "\n  route without an entry: " + r;
  for (const auto& r : drift.unrouted) report += "\n  entry without a route: " + r;
  EXPECT_TRUE(drift.empty()) << "service/api/openapi.cpp and the route table differ:" << report;
}

TEST_F(OpenApiTest, TheCommittedDocumentIsWhatSopanOpenapiPrints) {
  std::string printed;
  ASSERT_EQ(sopan::testing::run_program({SOPAN_BIN, "openapi"}, &printed), 0) << printed;
  const std::string file = committed();
  ASSERT_FALSE(file.empty()) << kRegenerate;
  if (printed != file) {
    // The first line that differs, to say where.
    std::istringstream a(file), b(printed);
    std::string la, lb;
    int line = 0;
    while (++line, std::getline(a, la) && std::getline(b, lb) && la == lb) {
    }
    ADD_FAILURE() << kRegenerate << "\nfirst difference at line " << line
                  << ":\n  committed: " << la << "\n  generated: " << lb;
  }
}

TEST_F(OpenApiTest, ServedPubliclyAsYaml) {
  start();
  HttpClient anonymous(port_);
  auto r = anonymous.request("GET", "/api/v1/openapi.yaml");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-type"), "application/yaml; charset=utf-8");
  EXPECT_EQ(r.header("x-content-type-options"), "nosniff");
  EXPECT_TRUE(r.body == app_->openapi());
  EXPECT_TRUE(r.body == committed()) << kRegenerate;
  EXPECT_EQ(anonymous.request("GET", "/api/v1/openapi.yaml?x=1").status, 400);
  EXPECT_EQ(anonymous.request("POST", "/api/v1/openapi.yaml", "{}").status, 405);
}

}  // namespace
}  // namespace sopan
