#pragma once
/// RocksDB behind a pimpl: one database per data directory, one column family per `Cf`.
/// Thread-safe (RocksDB is); writes are atomic batches, synced by default.
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace sopan::index {

enum class Cf {
  kDocs,      // doc-id → summary
  kVersions,  // doc-id + seq → version row
  kByUnit,    // unit-id + doc-id → ""
  kByStatus,  // status + doc-id → ""
  kByDue,     // due date + kind (monitoring/evaluasi) + doc-id → ""
  kSearch,    // term + doc-id → field mask (later issues)
  kContent,   // doc-id + main/draft → document JSON (serves reads without touching git)
  kEvents,    // seq → hash-chained audit event (not derived: never rebuilt)
  kAccounts,  // not derived
  kSessions,  // not derived
  kMeta,      // last indexed commit per ref, format version
  kStaff,     // NIP → staff record (not derived: staff never go to git)
  kComments,  // doc-id + comment-id → comment (review comments on drafts)
  kRecords,   // doc-id + record-id → monitoring or evaluation record
  /// facet + value + seq → "" (who, what, which unit, which kind of document): the timeline's
  /// filters, derived from `events` (rebuilt from them, never from git).
  kEventFacets,
  /// verification code → the signed content it names (library/model.hpp VerificationRow): kept
  /// when history is rewritten and the index rebuilt, so a code on paper whose record is gone from
  /// git says "tampered" instead of "unknown". Written by the indexer, never cleared.
  kVerifications,
  kCount
};

/// Column families rebuilt from git by `reindex` (all but events, accounts, sessions, staff, the
/// event facets, which are rebuilt from the events, and the verification codes, which only grow).
bool is_derived(Cf cf);
std::string_view cf_name(Cf cf);

/// Writes collected and applied atomically by Store::write.
class Batch {
 public:
  void put(Cf cf, std::string key, std::string value);
  void del(Cf cf, std::string key);
  bool empty() const { return ops_.empty(); }

 private:
  friend class Store;
  struct Op {
    Cf cf;
    bool is_delete;
    std::string key, value;
  };
  std::vector<Op> ops_;
};

/// Called per entry of a scan; return false to stop early.
using ScanFn = std::function<bool(std::string_view key, std::string_view value)>;

/// What reads see: the store as it is now, or one moment of it (a Snapshot).
class Reader {
 public:
  virtual ~Reader() = default;
  [[nodiscard]] virtual Result<std::optional<std::string>> get(Cf cf,
                                                               std::string_view key) const = 0;
  /// Every entry whose key starts with `prefix`, in key order (reverse order when `reverse`).
  [[nodiscard]] virtual Status scan(Cf cf, std::string_view prefix, const ScanFn& fn,
                                    bool reverse = false) const = 0;
};

class Store;

/// A position in one column family between two bounds, walked either way (downwards: newest first
/// for keys ending in a big-endian sequence number). Outlives no Store.
class Cursor {
 public:
  ~Cursor();
  Cursor(const Cursor&) = delete;
  Cursor& operator=(const Cursor&) = delete;
  /// Moves to the greatest key <= `key` within the bounds; false when there is none.
  bool seek_le(std::string_view key);
  /// Moves to the next smaller key; false when there is none.
  bool prev();
  /// Moves to the smallest key >= `key` within the bounds, and on upwards with next().
  bool seek_ge(std::string_view key);
  bool next();
  std::string_view key() const;
  std::string_view value() const;
  /// A RocksDB failure seen while moving (a false answer may mean "failed", not "none").
  [[nodiscard]] Status status() const;

 private:
  friend class Store;
  struct Impl;
  explicit Cursor(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// One consistent state of the whole store (a RocksDB snapshot): a read made of several gets
/// (a summary, then its content) never mixes version N with version N+1. Outlives no Store.
class Snapshot final : public Reader {
 public:
  ~Snapshot() override;
  Snapshot(const Snapshot&) = delete;
  Snapshot& operator=(const Snapshot&) = delete;
  [[nodiscard]] Result<std::optional<std::string>> get(Cf cf, std::string_view key) const override;
  [[nodiscard]] Status scan(Cf cf, std::string_view prefix, const ScanFn& fn,
                            bool reverse = false) const override;

 private:
  friend class Store;
  Snapshot(const Store& store, const void* snapshot) : store_(store), snapshot_(snapshot) {}
  const Store& store_;
  const void* snapshot_;  // rocksdb::Snapshot
};

class Store final : public Reader {
 public:
  enum class Mode { kReadWrite, kReadOnly };
  /// Opens (creating when absent in read-write mode) the database at `dir`.
  [[nodiscard]] static Result<std::unique_ptr<Store>> open(const std::filesystem::path& dir,
                                                           Mode mode = Mode::kReadWrite);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  [[nodiscard]] Result<std::optional<std::string>> get(Cf cf, std::string_view key) const override;
  [[nodiscard]] Status scan(Cf cf, std::string_view prefix, const ScanFn& fn,
                            bool reverse = false) const override;
  /// The store as it is at this moment, for reads that must agree with each other.
  [[nodiscard]] std::unique_ptr<Snapshot> snapshot() const;
  /// A cursor over the keys of `cf` in [lower, upper) (an empty `upper`: no upper bound).
  [[nodiscard]] std::unique_ptr<Cursor> cursor(Cf cf, std::string lower, std::string upper) const;
  /// The entry with the greatest key in `cf`, if any.
  [[nodiscard]] Result<std::optional<std::pair<std::string, std::string>>> last(Cf cf) const;
  [[nodiscard]] Status write(Batch batch, bool sync = true);
  /// Removes every entry of `cf` (used by reindex on derived families only).
  [[nodiscard]] Status clear(Cf cf);

 private:
  friend class Snapshot;
  struct Impl;
  explicit Store(std::unique_ptr<Impl> impl);
  Result<std::optional<std::string>> get_at(Cf cf, std::string_view key,
                                            const void* snapshot) const;
  Status scan_at(Cf cf, std::string_view prefix, const ScanFn& fn, bool reverse,
                 const void* snapshot) const;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sopan::index
