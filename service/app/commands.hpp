#pragma once
/// The administrative subcommands of `sopan` (everything but serve, verify and reindex).
#include <iosfwd>
#include <string>

#include "app/config.hpp"
#include "common/error.hpp"

namespace sopan::app {

/// `sopan init`: a new instansi with its root unit; with `--demo`, the demo organisation from
/// `config.demo_dir` and one account per role (password `kDemoPassword`), through the same
/// import and account code the API uses.
[[nodiscard]] Status init_instansi(const Config& config, std::ostream& out);
/// `sopan create-admin`: an admin over the whole instansi; the password must be changed at first
/// sign-in.
[[nodiscard]] Status create_admin(const Config& config, const std::string& password,
                                  std::ostream& out);
/// `sopan import-org`: the CSV files named by the config, all or nothing.
[[nodiscard]] Status import_org_files(const Config& config, std::ostream& out);

/// `sopan openapi`: the OpenAPI document of the routes the server registers (api/openapi.hpp)
/// on `out`, built over a throwaway instansi in a temporary directory. Fails, naming them on
/// `err`, while a route has no side-table entry or an entry no route.
[[nodiscard]] Status print_openapi(const Config& config, std::ostream& out, std::ostream& err);

/// `sopan verify-packet FILE`: checks an audit packet (library::verify_packet) and prints what it
/// found, in Indonesian, with the SHA-256 of its manifest. Answers the exit code: 0 complete and
/// unaltered, 4 incomplete or altered, 1 not readable as a zip.
int verify_packet_file(const Config& config, std::ostream& out);

inline constexpr std::string_view kDemoPassword = "sopan-demo";

}  // namespace sopan::app
