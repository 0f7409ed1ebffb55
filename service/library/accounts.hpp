#pragma once
/// Accounts, passwords and sessions, in RocksDB only (`accounts`, `sessions`): secrets never go
/// to git, to logs or into an API answer. Passwords are Argon2id hashes (libsodium); a session is
/// known by the SHA-256 of its token, so the database does not hold usable tokens either.
/// Thread-safe.
#include <atomic>
#include <boost/json/object.hpp>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "common/error.hpp"
#include "common/time.hpp"
#include "domain/access.hpp"
#include "library/access_tokens.hpp"
#include "library/ledger.hpp"

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

/// Failed sign-ins (and signature re-authentications) per account and per address. Up to the
/// limit, attempts run freely; after it, each further attempt waits first_delay, then twice as
/// long after each further failure, up to max_delay, so an office that mistypes waits seconds,
/// while a guesser is slowed to one try per max_delay. A key forgets its failures once `window`
/// has passed after its last failure and delay.
struct ThrottleLimits {
  int per_account = 5;
  int per_address = 100;  // much higher: one NAT address or proxy may be a whole office
  std::chrono::seconds window{15 * 60};
  std::chrono::seconds first_delay{1};
  std::chrono::seconds max_delay{15 * 60};
  std::size_t max_entries = 10'000;  // per table; the oldest idle entries go first
};

/// The throttle tables, in memory only: a restart forgets them, which only shortens a delay.
/// Attempts are reserved before the password is checked, and a reserved attempt counts as a
/// failure until it ends, so parallel guesses cannot run more checks than the limit allows.
/// Thread-safe.
class Throttle {
 public:
  explicit Throttle(ThrottleLimits limits) : limits_(limits) {}
  Throttle(const Throttle&) = delete;
  Throttle& operator=(const Throttle&) = delete;

  /// A reserved attempt. Ends with failed() or succeeded(); destroyed unended it is released
  /// (counts as neither). Must not outlive the Throttle.
  class Ticket {
   public:
    Ticket(Ticket&& other) noexcept;
    Ticket& operator=(Ticket&&) = delete;
    ~Ticket();
    void failed(TimeMs now);
    /// Resets the account's failures (not the address's: one good password must not clear an
    /// address that is guessing at other accounts).
    void succeeded();

   private:
    friend class Throttle;
    Ticket(Throttle* owner, std::string account, std::string address)
        : owner_(owner), account_(std::move(account)), address_(std::move(address)) {}
    Throttle* owner_;
    std::string account_, address_;
  };

  struct Refusal {
    std::chrono::seconds retry_after{1};
    bool by_address = false;
    /// True once per throttled key and window: the caller writes one audit event then, with
    /// `refused` (the attempts refused since the previous report, this one included).
    bool report = false;
    std::uint64_t refused = 0;
  };

  [[nodiscard]] std::variant<Ticket, Refusal> reserve(const std::string& account,
                                                      const std::string& address, TimeMs now);

  struct Stats {
    std::uint64_t refused = 0;  // attempts refused since start
    std::size_t accounts = 0, addresses = 0;
  };
  Stats stats() const;

 private:
  struct Entry {
    int failures = 0;
    int in_flight = 0;
    TimeMs last_failure = 0;
    TimeMs next_allowed = 0;
    TimeMs last_seen = 0;
    std::uint64_t refused = 0;  // since the last report
    TimeMs reported_at = -1;    // -1: not reported in this episode
  };
  using Table = std::map<std::string, Entry, std::less<>>;
  enum class End { kFailed, kSucceeded, kReleased };

  TimeMs delay_ms(int over) const;
  /// How long an attempt must wait (0 = it may run now); forgets stale failures first.
  TimeMs wait_ms(Entry& e, int limit, TimeMs now) const;
  Entry& entry(Table& table, const std::string& key, TimeMs now);
  void end(const Ticket& t, End how, TimeMs now);

  ThrottleLimits limits_;
  mutable std::mutex mutex_;
  Table by_account_, by_address_;
  std::uint64_t refused_ = 0;
};

/// kThrottled: "try again in <wait>", with the seconds for Retry-After (http/error_response).
Error throttled_error(std::chrono::seconds wait);
/// The seconds a kThrottled error asks the client to wait (its Retry-After), if it says.
std::optional<long> retry_after_of(const Error& error);

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

struct AccountPutRules {
  /// One account per NIP (separation of duties: one person, one set of hands): refuses
  /// (kAlreadyExists, pointer /nip) a new account, or a NIP change, for a NIP another account
  /// holds, and an edit that would leave two active accounts with one NIP. Off in put()'s
  /// default for tools and tests; the API turns it on. Lifted by allow_shared_nip(true).
  bool one_per_nip = false;
};

class Accounts {
 public:
  Accounts(Ledger& library, SessionLimits sessions, ThrottleLimits throttle)
      : library_(library), session_limits_(sessions), throttle_(throttle), tokens_(library) {}

  [[nodiscard]] Result<std::optional<Account>> get(std::string_view id) const;
  [[nodiscard]] Result<std::optional<Account>> by_username(std::string_view username) const;
  [[nodiscard]] Result<std::vector<Account>> list() const;
  /// Creates or replaces `account` (its username must not belong to another account) and
  /// writes `event`, in one batch. Puts are serialised, so two racing creates cannot both pass
  /// the uniqueness checks.
  [[nodiscard]] Status put(const Account& account, boost::json::object event,
                           AccountPutRules rules = {});
  /// The personal access tokens of every account (git over HTTP).
  AccessTokens& tokens() { return tokens_; }
  /// Refused attempts and table sizes (for /metrics).
  Throttle::Stats throttle_stats() const { return throttle_.stats(); }
  /// The instansi's exception to one account per NIP (off unless the instansi allows it).
  void allow_shared_nip(bool allow) { allow_shared_nip_ = allow; }
  bool allows_shared_nip() const { return allow_shared_nip_; }

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
  Status end_sessions(const std::string& account_id, std::string_view keep_hash);

  Ledger& library_;
  SessionLimits session_limits_;
  Throttle throttle_;
  std::mutex put_mutex_;
  std::atomic<bool> allow_shared_nip_{false};
  AccessTokens tokens_;
};

}  // namespace sopan::library
