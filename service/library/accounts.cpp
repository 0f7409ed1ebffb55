#include "library/accounts.hpp"

#include <sodium.h>

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "common/hash.hpp"
#include "common/json.hpp"
#include "common/log.hpp"
#include "library/rows.hpp"

namespace sopan::library {
namespace json = boost::json;
using index::Cf;

namespace {

std::string account_key(std::string_view id) { return "a/" + std::string(id); }
std::string username_key(std::string_view username) { return "u/" + std::string(username); }
std::string session_key(std::string_view token_hash) { return "s/" + std::string(token_hash); }

/// Refreshing the idle clock on every request would cost a write each; once a minute suffices.
constexpr TimeMs kSeenResolutionMs = 60'000;

const std::string& dummy_hash() {
  // Verified against when the username is unknown, so both answers take as long.
  static const std::string h = hash_password("sopan-tidak-ada-akun-ini-0");
  return h;
}

Error wrong_credentials() {
  return make_error(Errc::kUnauthenticated, "Nama pengguna atau kata sandi salah");
}

Error throttled_error() {
  return make_error(Errc::kThrottled,
                    "Terlalu banyak percobaan yang gagal. Tunggu beberapa menit lalu coba lagi.");
}

std::optional<std::int64_t> int_field(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (!v || !v->is_int64()) return std::nullopt;
  return v->get_int64();
}

}  // namespace

std::string hash_password(std::string_view password) {
  init_crypto();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw std::runtime_error("crypto_pwhash_str: memori tidak cukup");
  return out;
}

bool password_matches(std::string_view hash, std::string_view password) {
  init_crypto();
  std::string h(hash);  // NUL-terminated copy
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

Status check_password_policy(std::string_view password, std::string_view pointer) {
  bool letter = false, other = false;
  for (char c : password) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
      letter = true;
    else
      other = true;
  }
  if (password.size() < 10 || password.size() > 200 || !letter || !other)
    return field_error(Errc::kValidation, "Kata sandi terlalu lemah", pointer,
                       "Paling sedikit 10 karakter, berisi huruf serta angka atau simbol");
  return {};
}

bool is_valid_username(std::string_view u) {
  if (u.size() < 3 || u.size() > 32) return false;
  for (char c : u)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
      return false;
  return true;
}

json::value Account::to_stored_json() const {
  json::value v = to_public_json();
  v.as_object()["password_hash"] = password_hash;
  return v;
}

json::value Account::to_public_json() const {
  json::array g;
  for (const auto& grant : grants)
    g.push_back(json::object{{"role", domain::role_name(grant.role)}, {"unit", grant.unit}});
  return json::object{{"id", id},
                      {"username", username},
                      {"name", name},
                      {"nip", nip},
                      {"must_change_password", must_change_password},
                      {"active", active},
                      {"grants", std::move(g)},
                      {"created_at", created_at},
                      {"updated_at", updated_at}};
}

Result<Account> Account::from_stored_json(const json::value& v) {
  const json::object* o = v.if_object();
  Error bad = make_error(Errc::kInternal, "Data akun rusak di indeks");
  if (!o) return bad;
  Account a;
  auto id = json_util::string_field(*o, "id");
  auto username = json_util::string_field(*o, "username");
  auto name = json_util::string_field(*o, "name");
  auto nip = json_util::string_field(*o, "nip");
  auto hash = json_util::string_field(*o, "password_hash");
  const json::value* must = o->if_contains("must_change_password");
  const json::value* active = o->if_contains("active");
  const json::value* grants = o->if_contains("grants");
  if (!id || !username || !name || !nip || !hash || !must || !must->is_bool() || !active ||
      !active->is_bool() || !grants || !grants->is_array())
    return bad;
  a.id = *id;
  a.username = *username;
  a.name = *name;
  a.nip = *nip;
  a.password_hash = *hash;
  a.must_change_password = must->get_bool();
  a.active = active->get_bool();
  for (const auto& g : grants->get_array()) {
    const json::object* go = g.if_object();
    if (!go) return bad;
    auto role = json_util::string_field(*go, "role");
    auto unit = json_util::string_field(*go, "unit");
    auto parsed = role ? domain::parse_role(*role) : std::nullopt;
    if (!parsed || !unit) return bad;
    a.grants.push_back({*parsed, std::string(*unit)});
  }
  a.created_at = int_field(*o, "created_at").value_or(0);
  a.updated_at = int_field(*o, "updated_at").value_or(0);
  return a;
}

Result<std::optional<Account>> Accounts::get(std::string_view id) const {
  auto raw = library_.store().get(Cf::kAccounts, account_key(id));
  if (!raw) return raw.error();
  if (!*raw) return std::optional<Account>();
  auto v = json_util::parse(**raw);
  if (!v) return make_error(Errc::kInternal, "Data akun rusak di indeks");
  auto a = Account::from_stored_json(*v);
  if (!a) return a.error();
  return std::optional<Account>(std::move(*a));
}

Result<std::optional<Account>> Accounts::by_username(std::string_view username) const {
  if (!is_valid_username(username)) return std::optional<Account>();
  auto id = library_.store().get(Cf::kAccounts, username_key(username));
  if (!id) return id.error();
  if (!*id) return std::optional<Account>();
  return get(**id);
}

Result<std::vector<Account>> Accounts::list() const {
  return read_rows<Account>(library_.store(), Cf::kAccounts, "a/",
                            [](std::string_view value) -> Result<Account> {
                              auto v = json_util::parse(value);
                              if (!v) return v.error();
                              return Account::from_stored_json(*v);
                            });
}

Status Accounts::put(const Account& account, json::object event) {
  auto existing = by_username(account.username);
  if (!existing) return existing.error();
  if (*existing && (*existing)->id != account.id)
    return field_error(Errc::kAlreadyExists, "Nama pengguna sudah dipakai", "/username",
                       "Pilih nama pengguna lain");
  auto previous = get(account.id);
  if (!previous) return previous.error();
  index::Batch rows;
  if (*previous && (*previous)->username != account.username)
    rows.del(Cf::kAccounts, username_key((*previous)->username));
  rows.put(Cf::kAccounts, account_key(account.id), json::serialize(account.to_stored_json()));
  rows.put(Cf::kAccounts, username_key(account.username), account.id);
  if (!account.active || (*previous && (*previous)->password_hash != account.password_hash)) {
    // A disabled account or a reset password ends the account's sessions.
    if (auto s = end_sessions(account.id, {}); !s) return s;
  }
  return library_.write_rows(std::move(rows), std::move(event));
}

bool Accounts::throttled(const std::string& account_key, const std::string& remote, TimeMs now) {
  std::lock_guard lock(throttle_mutex_);
  const TimeMs window =
      std::chrono::duration_cast<std::chrono::milliseconds>(throttle_limits_.window).count();
  auto recent = [&](std::map<std::string, Window>& m, const std::string& key) {
    auto it = m.find(key);
    if (it == m.end()) return 0;
    auto& f = it->second.failures;
    std::erase_if(f, [&](TimeMs t) { return now - t > window; });
    return static_cast<int>(f.size());
  };
  return recent(by_account_, account_key) >= throttle_limits_.per_account ||
         recent(by_address_, remote) >= throttle_limits_.per_address;
}

void Accounts::note_failure(const std::string& account_key, const std::string& remote, TimeMs now) {
  std::lock_guard lock(throttle_mutex_);
  by_account_[account_key].failures.push_back(now);
  by_address_[remote].failures.push_back(now);
}

Result<LoginResult> Accounts::login(std::string_view username, std::string_view password,
                                    const std::string& remote) {
  const TimeMs now = now_ms();
  const std::string key(username.substr(0, 64));
  if (throttled(key, remote, now)) {
    (void)library_.record_event(
        {{"kind", "login.throttled"}, {"username", key}, {"remote", remote}});
    log::warn("login.throttled", {{"username", key}, {"remote", remote}});
    return throttled_error();
  }
  auto account = by_username(username);
  if (!account) return account.error();
  const bool usable = *account && (*account)->active;
  const bool ok = password_matches(usable ? (*account)->password_hash : dummy_hash(), password);
  if (!usable || !ok) {
    note_failure(key, remote, now);
    (void)library_.record_event({{"kind", "login.failed"}, {"username", key}, {"remote", remote}});
    return wrong_credentials();
  }
  {
    std::lock_guard lock(throttle_mutex_);
    by_account_.erase(key);
  }
  LoginResult out;
  out.token = random_hex(32);
  out.csrf_token = random_hex(32);
  out.account = std::move(**account);
  index::Batch rows;
  rows.put(
      Cf::kSessions, session_key(sha256_hex(out.token)),
      json::serialize(json::object{
          {"account", out.account.id}, {"csrf", out.csrf_token}, {"created", now}, {"seen", now}}));
  auto s = library_.write_rows(std::move(rows), {{"kind", "login"},
                                                 {"account", out.account.id},
                                                 {"username", out.account.username},
                                                 {"remote", remote}});
  if (!s) return s.error();
  return out;
}

Status Accounts::reauthenticate(const Account& account, std::string_view password,
                                const std::string& remote) {
  const TimeMs now = now_ms();
  if (throttled(account.username, remote, now)) {
    (void)library_.record_event(
        {{"kind", "reauth.throttled"}, {"account", account.id}, {"remote", remote}});
    return throttled_error();
  }
  if (!password_matches(account.password_hash, password)) {
    note_failure(account.username, remote, now);
    (void)library_.record_event(
        {{"kind", "reauth.failed"}, {"account", account.id}, {"remote", remote}});
    // Not 401: the session is fine, only the signature was refused.
    return field_error(Errc::kValidation, "Kata sandi salah", "/password",
                       "Masukkan kembali kata sandi Anda");
  }
  return {};
}

Result<std::optional<SessionView>> Accounts::resolve(std::string_view token) {
  if (token.size() != 64) return std::optional<SessionView>();
  const std::string hash = sha256_hex(token);
  auto raw = library_.store().get(Cf::kSessions, session_key(hash));
  if (!raw) return raw.error();
  if (!*raw) return std::optional<SessionView>();
  auto v = json_util::parse(**raw);
  if (!v || !v->is_object()) return make_error(Errc::kInternal, "Data sesi rusak");
  json::object& o = v->as_object();
  auto account_id = json_util::string_field(o, "account");
  auto csrf = json_util::string_field(o, "csrf");
  auto created = int_field(o, "created");
  auto seen = int_field(o, "seen");
  if (!account_id || !csrf || !created || !seen)
    return make_error(Errc::kInternal, "Data sesi rusak");
  const TimeMs now = now_ms();
  const auto ms = [](std::chrono::seconds s) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(s).count();
  };
  auto account = get(*account_id);
  if (!account) return account.error();
  if (now - *created > ms(session_limits_.absolute) || now - *seen > ms(session_limits_.idle) ||
      !*account || !(*account)->active) {
    index::Batch rows;
    rows.del(Cf::kSessions, session_key(hash));
    (void)library_.store().write(std::move(rows), /*sync=*/false);
    return std::optional<SessionView>();
  }
  SessionView view{hash, std::string(*csrf), std::move(**account)};
  if (now - *seen > kSeenResolutionMs) {
    o["seen"] = now;
    index::Batch rows;
    rows.put(Cf::kSessions, session_key(hash), json::serialize(o));
    // Losing a refresh in a crash only shortens the session: no sync needed.
    (void)library_.store().write(std::move(rows), /*sync=*/false);
  }
  return std::optional<SessionView>(std::move(view));
}

Status Accounts::logout(std::string_view token_hash, const Account& account) {
  index::Batch rows;
  rows.del(Cf::kSessions, session_key(token_hash));
  return library_.write_rows(std::move(rows), {{"kind", "logout"}, {"account", account.id}});
}

Status Accounts::end_sessions(const std::string& account_id, std::string_view keep_hash) {
  index::Batch rows;
  auto s = library_.store().scan(Cf::kSessions, "s/", [&](std::string_view k, std::string_view v) {
    auto parsed = json_util::parse(v);
    if (!parsed || !parsed->is_object()) return true;
    auto owner = json_util::string_field(parsed->get_object(), "account");
    if (owner && *owner == account_id && k.substr(2) != keep_hash)
      rows.del(Cf::kSessions, std::string(k));
    return true;
  });
  if (!s) return s;
  if (rows.empty()) return {};
  return library_.store().write(std::move(rows));
}

Status Accounts::change_password(const Account& account, std::string_view current,
                                 std::string_view next, std::string_view keep_session) {
  if (!password_matches(account.password_hash, current))
    return field_error(Errc::kValidation, "Kata sandi lama salah", "/current_password",
                       "Masukkan kata sandi yang sedang berlaku");
  if (auto s = check_password_policy(next, "/new_password"); !s) return s;
  if (current == next)
    return field_error(Errc::kValidation, "Kata sandi baru sama dengan yang lama", "/new_password",
                       "Pilih kata sandi yang berbeda");
  Account updated = account;
  updated.password_hash = hash_password(next);
  updated.must_change_password = false;
  updated.updated_at = now_ms();
  if (auto s = end_sessions(account.id, keep_session); !s) return s;
  index::Batch rows;
  rows.put(Cf::kAccounts, account_key(account.id), json::serialize(updated.to_stored_json()));
  return library_.write_rows(std::move(rows),
                             {{"kind", "account.password_changed"}, {"account", account.id}});
}

}  // namespace sopan::library
