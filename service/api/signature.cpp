#include "api/signature.hpp"

#include "common/json.hpp"
#include "library/accounts.hpp"
#include "library/document_library.hpp"
#include "library/org_library.hpp"

namespace sopan::api {
namespace json = boost::json;

Signature signature_of(Context& ctx, const Request& req, std::string_view meaning) {
  return {req.principal->name, req.principal->nip,
          ctx.org.position_name_of_staff(req.principal->nip), std::string(meaning),
          ctx.library.clock().now()};
}

Result<Signature> sign(Context& ctx, const Request& req, const json::object& body,
                       std::string_view meaning) {
  auto password = json_util::string_field(body, "password");
  if (!password || password->empty())
    return field_error(Errc::kValidation, "Kata sandi wajib untuk tanda tangan elektronik",
                       "/password",
                       "Masukkan kembali kata sandi Anda sebagai tanda tangan elektronik");
  auto account = ctx.accounts.get(req.principal->account_id);
  if (!account) return account.error();
  if (!*account) return make_error(Errc::kUnauthenticated, "Akun tidak ditemukan");
  if (auto s = ctx.accounts.reauthenticate(**account, *password, req.remote); !s) return s.error();
  return signature_of(ctx, req, meaning);
}

}  // namespace sopan::api
