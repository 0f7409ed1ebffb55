#pragma once
/// The electronic signature (DESIGN §3): the signer re-enters the password within the request
/// (throttled like sign-in; a wrong one is refused and logged), and the record names the signer's
/// printed name, NIP, position, meaning and UTC time.
#include <boost/json/object.hpp>
#include <string>
#include <string_view>

#include "api/routes.hpp"
#include "domain/signature.hpp"

namespace sopan::api {

using domain::Signature;

/// The signed-in person's signature record for `meaning`, as of now (no password: for records
/// such as a verification, which the session alone attests).
[[nodiscard]] Signature signature_of(Context& ctx, const Request& req, std::string_view meaning);

/// Checks `/password` in `body` against the signer's account, then builds the signature.
[[nodiscard]] Result<Signature> sign(Context& ctx, const Request& req,
                                     const boost::json::object& body, std::string_view meaning);

}  // namespace sopan::api
