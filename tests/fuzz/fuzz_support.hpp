#pragma once
/// Shared set-up of the fuzz targets: the demo instansi in a private temporary directory, opened
/// once per process (no server), and the repository's schemas. Logs go nowhere.
#include <memory>

#include "api/routes.hpp"
#include "app/app.hpp"
#include "schema/registry.hpp"

namespace sopan::fuzz {

/// The demo instansi (`sopan init --demo`), opened without a server. Aborts on failure.
app::App& demo_app();
/// schemas/*.schema.json of this source tree. Aborts on failure.
const schema::Registry& schemas();
/// The handlers' context over demo_app() and schemas().
api::Context& context();
/// Every API route, as the server serves them (the access guard around each handler).
const std::vector<api::Route>& routes();

}  // namespace sopan::fuzz
