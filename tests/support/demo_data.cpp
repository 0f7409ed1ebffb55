#include "support/demo_data.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "app/commands.hpp"

namespace sopan::testing {

app::Config test_config(const std::filesystem::path& data_dir) {
  app::Config c;
  c.data_dir = data_dir;
  c.schemas_dir = std::string(SOPAN_SOURCE_DIR) + "/schemas";
  c.demo_dir = std::string(SOPAN_SOURCE_DIR) + "/deploy/demo";
  c.server.port = 0;
  c.server.threads = 2;
  c.server.access_log = false;
  c.server.web_root = std::string(SOPAN_SOURCE_DIR) + "/web/dist";
  return c;
}

void init_demo(const std::filesystem::path& data_dir) {
  app::Config c = test_config(data_dir);
  c.demo = true;
  std::ostringstream out;
  auto s = app::init_instansi(c, out);
  ASSERT_TRUE(s.has_value()) << s.error().message;
}

}  // namespace sopan::testing
