#include "library/access_tokens.hpp"

#include <algorithm>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "common/hash.hpp"
#include "common/ids.hpp"
#include "common/json.hpp"
#include "common/text.hpp"
#include "library/ledger.hpp"

namespace sopan::library {
namespace json = boost::json;
using index::Cf;

namespace {

/// accounts: "t/<account>/<token>" → the token, "th/<sha256>" → "<account>/<token>" (to find a
/// token by its value). sessions: "tu/<token>" → its last use, in ms: a row no one audits, like a
/// session's last-seen time, and written beside the writer thread.
std::string token_key(std::string_view account_id, std::string_view token_id) {
  return "t/" + std::string(account_id) + "/" + std::string(token_id);
}
std::string tokens_prefix(std::string_view account_id) {
  return "t/" + std::string(account_id) + "/";
}
std::string hash_key(std::string_view token_hash) { return "th/" + std::string(token_hash); }
std::string used_key(std::string_view token_id) { return "tu/" + std::string(token_id); }

/// A clone makes two or three requests: one write of the last use covers them.
constexpr TimeMs kUseResolutionMs = 60'000;

std::optional<TimeMs> time_field(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (!v || !v->is_int64()) return std::nullopt;
  return v->get_int64();
}

json::value utc_or_null(const std::optional<TimeMs>& t) {
  return t ? json::value(format_utc(*t)) : json::value(nullptr);
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

Status check_name(std::string_view name) {
  if (name.empty())
    return field_error(Errc::kValidation, "Nama token wajib diisi", "/name",
                       "Beri nama agar Anda mengenali token ini, misalnya \"Laptop audit\"");
  if (!text::is_valid_utf8(name) ||
      text::find_forbidden_control(name, text::Lines::kSingle) != std::string_view::npos)
    return field_error(Errc::kValidation, "Nama token tidak valid", "/name",
                       "Nama token satu baris teks tanpa karakter kendali");
  if (text::utf8_length(name) > kMaxAccessTokenName)
    return field_error(Errc::kValidation, "Nama token terlalu panjang", "/name",
                       "Paling banyak " + std::to_string(kMaxAccessTokenName) + " karakter");
  return {};
}

}  // namespace

bool looks_like_access_token(std::string_view value) {
  if (value.size() != kAccessTokenPrefix.size() + 64 || !value.starts_with(kAccessTokenPrefix))
    return false;
  value.remove_prefix(kAccessTokenPrefix.size());
  return std::all_of(value.begin(), value.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

json::value AccessToken::to_stored_json() const {
  json::object o{{"id", id},
                 {"account", account_id},
                 {"name", name},
                 {"hash", token_hash},
                 {"created_at", created_at}};
  if (revoked_at) o["revoked_at"] = *revoked_at;
  return o;
}

json::value AccessToken::to_public_json() const {
  return json::object{{"id", id},
                      {"name", name},
                      {"created_at", format_utc(created_at)},
                      {"last_used_at", utc_or_null(last_used_at)},
                      {"revoked_at", utc_or_null(revoked_at)},
                      {"active", live()}};
}

Result<AccessToken> AccessToken::from_stored_json(const json::value& v) {
  Error bad = make_error(Errc::kInternal, "Data token akses rusak di indeks");
  const json::object* o = v.if_object();
  if (!o) return bad;
  auto id = json_util::string_field(*o, "id");
  auto account = json_util::string_field(*o, "account");
  auto name = json_util::string_field(*o, "name");
  auto hash = json_util::string_field(*o, "hash");
  auto created = time_field(*o, "created_at");
  if (!id || !account || !name || !hash || !created) return bad;
  AccessToken t;
  t.id = *id;
  t.account_id = *account;
  t.name = *name;
  t.token_hash = *hash;
  t.created_at = *created;
  t.revoked_at = time_field(*o, "revoked_at");
  return t;
}

Result<std::optional<TimeMs>> AccessTokens::last_used(std::string_view token_id) const {
  auto raw = ledger_.store().get(Cf::kSessions, used_key(token_id));
  if (!raw) return raw.error();
  if (!*raw) return std::optional<TimeMs>();
  try {
    return std::optional<TimeMs>(std::stoll(**raw));
  } catch (const std::exception&) {
    return std::optional<TimeMs>();  // a damaged last-use row only loses that time
  }
}

Result<std::vector<AccessToken>> AccessTokens::list(std::string_view account_id) const {
  std::vector<AccessToken> out;
  std::optional<Error> bad;
  auto s = ledger_.store().scan(
      Cf::kAccounts, tokens_prefix(account_id), [&](std::string_view, std::string_view value) {
        auto v = json_util::parse(value);
        auto t = v ? AccessToken::from_stored_json(*v) : Result<AccessToken>(v.error());
        if (!t) {
          bad = t.error();
          return false;
        }
        out.push_back(std::move(*t));
        return true;
      });
  if (!s) return s.error();
  if (bad) return *bad;
  for (auto& t : out) {
    auto used = last_used(t.id);
    if (!used) return used.error();
    t.last_used_at = *used;
  }
  // ULIDs sort by creation time: newest first is the reverse of key order.
  std::reverse(out.begin(), out.end());
  return out;
}

Result<std::optional<AccessToken>> AccessTokens::get(std::string_view account_id,
                                                     std::string_view token_id) const {
  if (!is_valid_id(token_id)) return std::optional<AccessToken>();
  auto raw = ledger_.store().get(Cf::kAccounts, token_key(account_id, token_id));
  if (!raw) return raw.error();
  if (!*raw) return std::optional<AccessToken>();
  auto v = json_util::parse(**raw);
  if (!v) return make_error(Errc::kInternal, "Data token akses rusak di indeks");
  auto t = AccessToken::from_stored_json(*v);
  if (!t) return t.error();
  auto used = last_used(t->id);
  if (!used) return used.error();
  t->last_used_at = *used;
  return std::optional<AccessToken>(std::move(*t));
}

Result<NewAccessToken> AccessTokens::create(const std::string& account_id, std::string_view name,
                                            const std::string& remote) {
  name = trimmed(name);
  if (auto s = check_name(name); !s) return s.error();
  std::lock_guard lock(mutex_);
  auto existing = list(account_id);
  if (!existing) return existing.error();
  std::size_t live = 0;
  for (const auto& t : *existing) {
    if (!t.live()) continue;
    ++live;
    if (t.name == name)
      return field_error(Errc::kAlreadyExists, "Sudah ada token aktif dengan nama ini", "/name",
                         "Pilih nama lain, atau cabut token lama itu lebih dahulu");
  }
  if (live >= kMaxLiveAccessTokens)
    return make_error(Errc::kConflict, "Anda sudah memiliki " +
                                           std::to_string(kMaxLiveAccessTokens) +
                                           " token aktif; cabut token yang tidak dipakai lagi");
  NewAccessToken out;
  out.value = std::string(kAccessTokenPrefix) + random_hex(32);
  AccessToken& t = out.token;
  t.id = new_id();
  t.account_id = account_id;
  t.name = std::string(name);
  t.token_hash = sha256_hex(out.value);
  t.created_at = ledger_.clock().now();
  index::Batch rows;
  rows.put(Cf::kAccounts, token_key(account_id, t.id), json::serialize(t.to_stored_json()));
  rows.put(Cf::kAccounts, hash_key(t.token_hash), account_id + "/" + t.id);
  if (auto s = ledger_.write_rows(std::move(rows), {{"kind", "token.created"},
                                                    {"account", account_id},
                                                    {"token", t.id},
                                                    {"name", t.name},
                                                    {"remote", remote}});
      !s)
    return s.error();
  return out;
}

Result<AccessToken> AccessTokens::revoke(const std::string& account_id, std::string_view token_id,
                                         const std::string& remote) {
  std::lock_guard lock(mutex_);
  auto found = get(account_id, token_id);
  if (!found) return found.error();
  if (!*found) return make_error(Errc::kNotFound, "Token akses tidak ditemukan");
  AccessToken t = std::move(**found);
  if (!t.live()) return t;
  t.revoked_at = ledger_.clock().now();
  // The hash row stays: use() reads the token it points at and finds it revoked.
  index::Batch rows;
  rows.put(Cf::kAccounts, token_key(account_id, t.id), json::serialize(t.to_stored_json()));
  if (auto s = ledger_.write_rows(std::move(rows), {{"kind", "token.revoked"},
                                                    {"account", account_id},
                                                    {"token", t.id},
                                                    {"remote", remote}});
      !s)
    return s.error();
  return t;
}

Result<std::optional<AccessToken>> AccessTokens::use(std::string_view value) {
  if (!looks_like_access_token(value)) return std::optional<AccessToken>();
  auto owner = ledger_.store().get(Cf::kAccounts, hash_key(sha256_hex(value)));
  if (!owner) return owner.error();
  if (!*owner) return std::optional<AccessToken>();
  const std::string& ref = **owner;
  const auto slash = ref.find('/');
  if (slash == std::string::npos) return make_error(Errc::kInternal, "Data token akses rusak");
  auto t = get(std::string_view(ref).substr(0, slash), std::string_view(ref).substr(slash + 1));
  if (!t) return t.error();
  if (!*t || !(*t)->live()) return std::optional<AccessToken>();
  const TimeMs now = ledger_.clock().now();
  if (!(*t)->last_used_at || now - *(*t)->last_used_at >= kUseResolutionMs) {
    index::Batch rows;
    rows.put(Cf::kSessions, used_key((*t)->id), std::to_string(now));
    // Losing a last-use time in a crash loses nothing else: no sync.
    (void)ledger_.write_session_rows(std::move(rows), /*sync=*/false);
    (*t)->last_used_at = now;
  }
  return t;
}

}  // namespace sopan::library
