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
  kCount
};

/// Column families rebuilt from git by `reindex` (all but events, accounts, sessions, staff).
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

class Store {
 public:
  enum class Mode { kReadWrite, kReadOnly };
  /// Opens (creating when absent in read-write mode) the database at `dir`.
  [[nodiscard]] static Result<std::unique_ptr<Store>> open(const std::filesystem::path& dir,
                                                           Mode mode = Mode::kReadWrite);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  [[nodiscard]] Result<std::optional<std::string>> get(Cf cf, std::string_view key) const;
  /// Every entry whose key starts with `prefix`, in key order (reverse order when `reverse`).
  [[nodiscard]] Status scan(Cf cf, std::string_view prefix, const ScanFn& fn,
                            bool reverse = false) const;
  /// The entry with the greatest key in `cf`, if any.
  [[nodiscard]] Result<std::optional<std::pair<std::string, std::string>>> last(Cf cf) const;
  [[nodiscard]] Status write(Batch batch, bool sync = true);
  /// Removes every entry of `cf` (used by reindex on derived families only).
  [[nodiscard]] Status clear(Cf cf);

 private:
  struct Impl;
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sopan::index
