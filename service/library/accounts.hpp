#pragma once
/// Accounts, passwords and sessions, in RocksDB only (`accounts`, `sessions`): secrets never go
/// to git, to logs or into an API answer. Passwords are Argon2id hashes (libsodium); a session is
/// known by the SHA-256 of its token, so the database does not hold usable tokens either.
/// Thread-safe.
#include <boost/json/object.hpp>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "common/time.hpp"
#include "domain/access.hpp"
#include "library/document_library.hpp"

namespace sopan::library {

struct Account {
  std::string id;
  std::string username;
  std::string name;
  std::string nip;  // the staff member the account belongs to; empty for a bootstrap admin
  std::string password_hash;
  bool must_change_password = false;
  bool active = true;
  std::vector<domain::Grant> grants;
  TimeMs created_at = 0;
  TimeMs updated_at = 0;

  /// The stored form (with the hash).
  boost::json::value to_stored_json() const;
  /// The API form (never the hash).
  boost::json::value to_public_json() const;
  static Result<Account> from_stored_json(const boost::json::value& v);
};

struct SessionLimits {
  std::chrono::seconds idle{30 * 60};
  std::chrono::seconds absolute{12 * 3600};
};

struct ThrottleLimits {
  int per_account = 5;   // failures within `window` before the account is held
  int per_address = 20;  // failures within `window` before the address is held
  std::chrono::seconds window{15 * 60};
};

struct LoginResult {
  std::string token;  // goes only into the cookie
  std::string csrf_token;
  Account account;
};

struct SessionView {
  std::string token_hash;
  std::string csrf_token;
  Account account;
};

/// Argon2id (libsodium interactive limits).
[[nodiscard]] std::string hash_password(std::string_view password);
[[nodiscard]] bool password_matches(std::string_view hash, std::string_view password);
/// At least 10 characters with a letter and a digit or symbol; the error names `pointer`.
[[nodiscard]] Status check_password_policy(std::string_view password, std::string_view pointer);
[[nodiscard]] bool is_valid_username(std::string_view username);

class Accounts {
 public:
  Accounts(DocumentLibrary& library, SessionLimits sessions, ThrottleLimits throttle)
      : library_(library), session_limits_(sessions), throttle_limits_(throttle) {}

  [[nodiscard]] Result<std::optional<Account>> get(std::string_view id) const;
  [[nodiscard]] Result<std::optional<Account>> by_username(std::string_view username) const;
  [[nodiscard]] Result<std::vector<Account>> list() const;
  /// Creates or replaces `account` (its username must not belong to another account) and
  /// writes `event`, in one batch.
  [[nodiscard]] Status put(const Account& account, boost::json::object event);

  /// Checks the password; throttled per account and per address (kThrottled, with the event
  /// logged). Failures are logged without saying whether the username exists.
  [[nodiscard]] Result<LoginResult> login(std::string_view username, std::string_view password,
                                          const std::string& remote);
  /// Re-checks the password of a signed-in person (electronic signature), throttled like login.
  [[nodiscard]] Status reauthenticate(const Account& account, std::string_view password,
                                      const std::string& remote);
  /// The live session for `token`, or nullopt when unknown, expired (idle or absolute) or the
  /// account is disabled. Refreshes the idle clock.
  [[nodiscard]] Result<std::optional<SessionView>> resolve(std::string_view token);
  [[nodiscard]] Status logout(std::string_view token_hash, const Account& account);
  /// Changes a password after checking the current one; ends every other session of the account.
  [[nodiscard]] Status change_password(const Account& account, std::string_view current,
                                       std::string_view next, std::string_view keep_session);

 private:
  /// Failure counters in memory: a restart forgets them, which only shortens a lockout.
  struct Window {
    std::vector<TimeMs> failures;
  };
  bool throttled(const std::string& account_key, const std::string& remote, TimeMs now);
  void note_failure(const std::string& account_key, const std::string& remote, TimeMs now);
  Status end_sessions(const std::string& account_id, std::string_view keep_hash);

  DocumentLibrary& library_;
  SessionLimits session_limits_;
  ThrottleLimits throttle_limits_;
  std::mutex throttle_mutex_;
  std::map<std::string, Window> by_account_, by_address_;
};

}  // namespace sopan::library
