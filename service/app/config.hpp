#pragma once
/// The command line and environment of `sopan`: one subcommand plus flags, each flag with an
/// environment variable (flags win).
#include <filesystem>
#include <functional>
#include <string>

#include "api/doc_kinds.hpp"
#include "common/error.hpp"
#include "http/server.hpp"
#include "library/accounts.hpp"

namespace sopan::app {

struct Config {
  std::string command;  // "serve", "init", "verify", "reindex", "create-admin", "import-org",
                        // "openapi", "verify-packet", "help"
  std::filesystem::path data_dir;
  std::filesystem::path schemas_dir;
  http::ServerConfig server;
  std::string instansi_name = "Pemerintah Kabupaten Contoh";
  std::string email_domain = "contohkab.go.id";
  library::DuePeriods periods;  // init: monitoring and evaluation every so many months
  bool demo = false;
  std::filesystem::path demo_dir;
  library::SessionLimits sessions;
  library::ThrottleLimits throttle;
  std::string username;  // create-admin
  std::filesystem::path import_units, import_positions, import_staff;
  bool dry_run = false;
  std::filesystem::path packet_file;  // verify-packet FILE
  /// The address people reach the server by (api::Context::public_url); empty: the listen address.
  std::string public_url;
  /// Document kinds served beside the built-in ones (a test's own; their library descriptor
  /// registered with library::register_kind and their schema in `schemas_dir`).
  std::vector<api::KindApi> extra_kinds;
};

using GetEnv = std::function<const char*(const char*)>;

/// Errc::kInvalidArgument with an Indonesian message naming the bad flag.
[[nodiscard]] Result<Config> parse_command_line(int argc, const char* const* argv,
                                                const GetEnv& getenv);
std::string usage();

}  // namespace sopan::app
