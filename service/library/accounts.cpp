#include "library/accounts.hpp"

#include <sodium.h>

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "common/hash.hpp"
#include "common/json.hpp"
#include "common/log.hpp"
#include "common/text.hpp"
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

std::optional<std::int64_t> int_field(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (!v || !v->is_int64()) return std::nullopt;
  return v->get_int64();
}

}  // namespace

Error throttled_error(std::chrono::seconds wait) {
  const long n = static_cast<long>(wait.count());
  std::string when =
      n < 120 ? std::to_string(n) + " detik" : std::to_string((n + 59) / 60) + " menit";
  Error e = make_error(Errc::kThrottled,
                       "Terlalu banyak percobaan yang gagal. Coba lagi dalam " + when + ".");
  e.details = json::array{json::object{
      {"path", ""}, {"message", "Tunggu " + when + " sebelum mencoba lagi"}, {"retry_after", n}}};
  return e;
}

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

Status Accounts::put(const Account& account, json::object event, AccountPutRules rules) {
  std::lock_guard lock(put_mutex_);
  auto existing = by_username(account.username);
  if (!existing) return existing.error();
  if (*existing && (*existing)->id != account.id)
    return field_error(Errc::kAlreadyExists, "Nama pengguna sudah dipakai", "/username",
                       "Pilih nama pengguna lain");
  auto previous = get(account.id);
  if (!previous) return previous.error();
  if (rules.one_per_nip && !allow_shared_nip_ && !account.nip.empty()) {
    auto all = list();
    if (!all) return all.error();
    const bool nip_is_new = !*previous || (*previous)->nip != account.nip;
    for (const auto& other : *all) {
      if (other.id == account.id || other.nip != account.nip) continue;
      // A NIP shared before this rule can still be sorted out: an edit that leaves at most
      // one of the accounts active goes through.
      if (nip_is_new || (account.active && other.active))
        return field_error(Errc::kAlreadyExists, "Pegawai dengan NIP ini sudah memiliki akun",
                           "/nip",
                           "Satu pegawai hanya boleh memiliki satu akun; ubah akun " +
                               other.username + " yang sudah ada");
    }
  }
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

Throttle::Ticket::Ticket(Ticket&& other) noexcept
    : owner_(std::exchange(other.owner_, nullptr)),
      account_(std::move(other.account_)),
      address_(std::move(other.address_)) {}

Throttle::Ticket::~Ticket() {
  if (owner_) owner_->end(*this, End::kReleased, 0);
}

void Throttle::Ticket::failed(TimeMs now) {
  if (owner_) std::exchange(owner_, nullptr)->end(*this, End::kFailed, now);
}

void Throttle::Ticket::succeeded() {
  if (owner_) std::exchange(owner_, nullptr)->end(*this, End::kSucceeded, 0);
}

TimeMs Throttle::delay_ms(int over) const {
  const TimeMs first =
      std::chrono::duration_cast<std::chrono::milliseconds>(limits_.first_delay).count();
  const TimeMs max =
      std::chrono::duration_cast<std::chrono::milliseconds>(limits_.max_delay).count();
  TimeMs d = first;
  for (int i = 0; i < over && d < max; ++i) d *= 2;
  return std::min(d, max);
}

TimeMs Throttle::wait_ms(Entry& e, int limit, TimeMs now) const {
  const TimeMs window =
      std::chrono::duration_cast<std::chrono::milliseconds>(limits_.window).count();
  if (e.in_flight == 0 && e.failures > 0 && now - std::max(e.last_failure, e.next_allowed) > window)
    e = Entry{0, 0, 0, 0, e.last_seen, 0, -1};
  if (e.failures + e.in_flight < limit) return 0;
  // At the limit one attempt runs at a time, and only once the delay has passed.
  if (e.in_flight > 0) return std::max<TimeMs>(1000, delay_ms(e.failures + e.in_flight - limit));
  return std::max<TimeMs>(0, e.next_allowed - now);
}

Throttle::Entry& Throttle::entry(Table& table, const std::string& key, TimeMs now) {
  auto it = table.find(key);
  if (it != table.end()) return it->second;
  if (table.size() >= limits_.max_entries) {
    // Full: drop what has nothing to remember, else the idle entry seen longest ago. Only under
    // a spray of made-up names or addresses, each already paying a password check.
    const TimeMs window =
        std::chrono::duration_cast<std::chrono::milliseconds>(limits_.window).count();
    std::erase_if(table, [&](const auto& kv) {
      const Entry& e = kv.second;
      return e.in_flight == 0 &&
             (e.failures == 0 || now - std::max(e.last_failure, e.next_allowed) > window);
    });
    if (table.size() >= limits_.max_entries) {
      auto oldest = table.end();
      for (auto i = table.begin(); i != table.end(); ++i)
        if (i->second.in_flight == 0 &&
            (oldest == table.end() || i->second.last_seen < oldest->second.last_seen))
          oldest = i;
      if (oldest != table.end()) table.erase(oldest);
    }
  }
  return table.emplace(key, Entry{}).first->second;
}

std::variant<Throttle::Ticket, Throttle::Refusal> Throttle::reserve(const std::string& account,
                                                                    const std::string& address,
                                                                    TimeMs now) {
  std::lock_guard lock(mutex_);
  Entry& by_address = entry(by_address_, address, now);
  by_address.last_seen = now;
  const TimeMs address_wait = wait_ms(by_address, limits_.per_address, now);
  // A held address adds no account entries (a spray of made-up names leaves no trace in memory).
  Entry* by_account = nullptr;
  TimeMs account_wait = 0;
  if (address_wait == 0) {
    by_account = &entry(by_account_, account, now);
    by_account->last_seen = now;
    account_wait = wait_ms(*by_account, limits_.per_account, now);
    if (account_wait == 0) {
      ++by_address.in_flight;
      ++by_account->in_flight;
      return Ticket(this, account, address);
    }
  }
  ++refused_;
  Refusal r;
  r.by_address = address_wait > 0;
  Entry& held = r.by_address ? by_address : *by_account;
  r.retry_after = std::chrono::seconds((std::max(address_wait, account_wait) + 999) / 1000);
  ++held.refused;
  const TimeMs window =
      std::chrono::duration_cast<std::chrono::milliseconds>(limits_.window).count();
  if (held.reported_at < 0 || now - held.reported_at >= window) {
    r.report = true;
    r.refused = std::exchange(held.refused, 0);
    held.reported_at = now;
  }
  return r;
}

void Throttle::end(const Ticket& t, End how, TimeMs now) {
  std::lock_guard lock(mutex_);
  auto settle = [&](Table& table, const std::string& key, int limit, bool reset) {
    auto it = table.find(key);
    if (it == table.end()) return;
    Entry& e = it->second;
    if (e.in_flight > 0) --e.in_flight;
    if (how == End::kFailed) {
      ++e.failures;
      e.last_failure = now;
      if (e.failures >= limit) e.next_allowed = now + delay_ms(e.failures - limit);
    } else if (reset) {
      e.failures = 0;
      e.next_allowed = 0;
      e.reported_at = -1;
      e.refused = 0;
    }
    if (e.in_flight == 0 && e.failures == 0) table.erase(it);
  };
  settle(by_account_, t.account_, limits_.per_account, how == End::kSucceeded);
  settle(by_address_, t.address_, limits_.per_address, false);
}

Throttle::Stats Throttle::stats() const {
  std::lock_guard lock(mutex_);
  return {refused_, by_account_.size(), by_address_.size()};
}

std::optional<long> retry_after_of(const Error& error) {
  if (error.code != Errc::kThrottled || !error.details.is_array()) return std::nullopt;
  for (const auto& d : error.details.get_array())
    if (const auto* o = d.if_object())
      if (const auto* r = o->if_contains("retry_after"); r && r->is_int64()) return r->get_int64();
  return std::nullopt;
}

Result<LoginResult> Accounts::login(std::string_view username, std::string_view password,
                                    const std::string& remote) {
  const TimeMs now = library_.clock().now();
  // The key (and the event) keeps at most 64 bytes of whatever was typed, cut on a character.
  const std::string key = text::cut_utf8(username, 64);
  auto reserved = throttle_.reserve(key, remote, now);
  if (auto* refusal = std::get_if<Throttle::Refusal>(&reserved)) {
    // Counted in memory; written once per throttled key and window, not once per attempt.
    if (refusal->report) {
      json::object event{{"kind", "login.throttled"},
                         {"username", key},
                         {"remote", remote},
                         {"held", refusal->by_address ? "alamat" : "akun"},
                         {"refused", refusal->refused}};
      log::warn("login.throttled", event);
      (void)library_.record_event(std::move(event));
    }
    return throttled_error(refusal->retry_after);
  }
  auto& ticket = std::get<Throttle::Ticket>(reserved);
  auto account = by_username(username);
  if (!account) return account.error();
  const bool usable = *account && (*account)->active;
  const bool ok = password_matches(usable ? (*account)->password_hash : dummy_hash(), password);
  if (!usable || !ok) {
    ticket.failed(library_.clock().now());
    (void)library_.record_event({{"kind", "login.failed"}, {"username", key}, {"remote", remote}});
    return wrong_credentials();
  }
  ticket.succeeded();
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
  auto reserved = throttle_.reserve(account.username, remote, library_.clock().now());
  if (auto* refusal = std::get_if<Throttle::Refusal>(&reserved)) {
    if (refusal->report)
      (void)library_.record_event({{"kind", "reauth.throttled"},
                                   {"account", account.id},
                                   {"remote", remote},
                                   {"held", refusal->by_address ? "alamat" : "akun"},
                                   {"refused", refusal->refused}});
    return throttled_error(refusal->retry_after);
  }
  auto& ticket = std::get<Throttle::Ticket>(reserved);
  if (!password_matches(account.password_hash, password)) {
    ticket.failed(library_.clock().now());
    (void)library_.record_event(
        {{"kind", "reauth.failed"}, {"account", account.id}, {"remote", remote}});
    // Not 401: the session is fine, only the signature was refused.
    return field_error(Errc::kValidation, "Kata sandi salah", "/password",
                       "Masukkan kembali kata sandi Anda");
  }
  ticket.succeeded();
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
  const TimeMs now = library_.clock().now();
  const auto ms = [](std::chrono::seconds s) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(s).count();
  };
  auto account = get(*account_id);
  if (!account) return account.error();
  if (now - *created > ms(session_limits_.absolute) || now - *seen > ms(session_limits_.idle) ||
      !*account || !(*account)->active) {
    index::Batch rows;
    rows.del(Cf::kSessions, session_key(hash));
    (void)library_.write_session_rows(std::move(rows), /*sync=*/false);
    return std::optional<SessionView>();
  }
  SessionView view{hash, std::string(*csrf), std::move(**account)};
  if (now - *seen > kSeenResolutionMs) {
    o["seen"] = now;
    index::Batch rows;
    rows.put(Cf::kSessions, session_key(hash), json::serialize(o));
    // Losing a refresh in a crash only shortens the session: no sync needed.
    (void)library_.write_session_rows(std::move(rows), /*sync=*/false);
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
  return library_.write_session_rows(std::move(rows), /*sync=*/true);
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
  updated.updated_at = library_.clock().now();
  if (auto s = end_sessions(account.id, keep_session); !s) return s;
  index::Batch rows;
  rows.put(Cf::kAccounts, account_key(account.id), json::serialize(updated.to_stored_json()));
  return library_.write_rows(std::move(rows),
                             {{"kind", "account.password_changed"}, {"account", account.id}});
}

}  // namespace sopan::library
