#pragma once
/// Personal access tokens: how a git client, which keeps no cookie, proves who it is (HTTP Basic
/// "username:token" under /git/). In RocksDB beside the accounts (`accounts`), never in git.
/// Only the SHA-256 of a token is stored: its value is shown once, when it is made. A revoked
/// token stays listed with its revocation time; nothing is ever erased. Thread-safe.
#include <boost/json/value.hpp>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "common/time.hpp"

namespace sopan::library {

class Ledger;

struct AccessToken {
  std::string id;  // a ULID
  std::string account_id;
  std::string name;        // what the person calls it ("Laptop audit 2026")
  std::string token_hash;  // SHA-256 (hex) of the value; never leaves the library
  TimeMs created_at = 0;
  std::optional<TimeMs> last_used_at;
  std::optional<TimeMs> revoked_at;

  bool live() const { return !revoked_at; }
  /// The stored form (with the hash; the last use is kept apart, see AccessTokens::use).
  boost::json::value to_stored_json() const;
  /// The API form: id, name, times as UTC text (null when not yet), never the hash.
  boost::json::value to_public_json() const;
  static Result<AccessToken> from_stored_json(const boost::json::value& v);
};

struct NewAccessToken {
  AccessToken token;
  std::string value;  // kAccessTokenPrefix + 64 hex digits (32 random bytes): shown once
};

inline constexpr std::string_view kAccessTokenPrefix = "sopan_";
/// Live tokens one person may hold at once (a laptop, a workstation, a script or two).
inline constexpr std::size_t kMaxLiveAccessTokens = 10;
/// A token's name, in characters.
inline constexpr std::size_t kMaxAccessTokenName = 60;

/// True for text shaped like a token value (the prefix and 64 lowercase hex digits).
bool looks_like_access_token(std::string_view value);

class AccessTokens {
 public:
  explicit AccessTokens(Ledger& ledger) : ledger_(ledger) {}
  AccessTokens(const AccessTokens&) = delete;
  AccessTokens& operator=(const AccessTokens&) = delete;

  /// Every token of `account_id`, live and revoked, newest first, with its last use.
  [[nodiscard]] Result<std::vector<AccessToken>> list(std::string_view account_id) const;
  /// A new token named `name` (trimmed; one line of 1..kMaxAccessTokenName characters, else
  /// kValidation naming /name; the name of another live token: kAlreadyExists naming /name;
  /// kMaxLiveAccessTokens live already: kConflict), written with the event `token.created`
  /// (the token's id and name, never its value) in one batch.
  [[nodiscard]] Result<NewAccessToken> create(const std::string& account_id, std::string_view name,
                                              const std::string& remote);
  /// Revokes token `token_id` of `account_id` (kNotFound when the account has none of that id),
  /// with the event `token.revoked`. A token revoked already is answered as it is, unchanged.
  [[nodiscard]] Result<AccessToken> revoke(const std::string& account_id, std::string_view token_id,
                                           const std::string& remote);
  /// The live token whose value is `value`; nullopt when malformed, unknown or revoked. Records
  /// the use (last_used_at, refreshed at most once a minute: a clone makes several requests).
  [[nodiscard]] Result<std::optional<AccessToken>> use(std::string_view value);

 private:
  Result<std::optional<AccessToken>> get(std::string_view account_id,
                                         std::string_view token_id) const;
  Result<std::optional<TimeMs>> last_used(std::string_view token_id) const;

  Ledger& ledger_;
  std::mutex mutex_;  // create and revoke: the count of live tokens, and no lost revocation
};

}  // namespace sopan::library
