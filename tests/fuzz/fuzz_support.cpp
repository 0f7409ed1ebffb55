#include "fuzz_support.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <system_error>

#include "app/commands.hpp"
#include "app/config.hpp"
#include "common/log.hpp"

namespace sopan::fuzz {
namespace {

std::filesystem::path& data_root() {
  static std::filesystem::path root;
  return root;
}

void remove_data_root() {
  std::error_code ec;
  if (!data_root().empty()) std::filesystem::remove_all(data_root(), ec);
}

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "fuzz set-up failed: %s\n", what.c_str());
  std::abort();
}

}  // namespace

app::App& demo_app() {
  static std::unique_ptr<app::App> app = [] {
    static std::FILE* devnull = std::fopen("/dev/null", "w");
    log::set_output(devnull);
    std::string tmpl = (std::filesystem::temp_directory_path() / "sopan-fuzz-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) fail("mkdtemp");
    data_root() = tmpl;
    std::atexit(remove_data_root);
    app::Config c;
    c.data_dir = data_root() / "data";
    c.schemas_dir = std::string(SOPAN_SOURCE_DIR) + "/schemas";
    c.demo_dir = std::string(SOPAN_SOURCE_DIR) + "/deploy/demo";
    c.server.port = 0;
    c.server.access_log = false;
    c.demo = true;
    std::ostringstream out;
    if (auto s = app::init_instansi(c, out); !s) fail("init: " + s.error().message);
    c.demo = false;
    auto opened = app::App::open(c, /*with_server=*/false);
    if (!opened) fail("open: " + opened.error().message);
    return std::move(*opened);
  }();
  return *app;
}

const schema::Registry& schemas() {
  static std::unique_ptr<schema::Registry> registry = [] {
    auto r = schema::Registry::load(std::string(SOPAN_SOURCE_DIR) + "/schemas");
    if (!r) fail("schemas: " + r.error().message);
    return std::move(*r);
  }();
  return *registry;
}

api::Context& context() {
  static api::Context ctx{demo_app().library(), demo_app().org(), demo_app().accounts(), schemas()};
  return ctx;
}

const std::vector<api::Route>& routes() {
  static std::vector<api::Route> all = api::all_routes(context());
  return all;
}

}  // namespace sopan::fuzz
