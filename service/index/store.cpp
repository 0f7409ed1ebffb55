#include "index/store.hpp"

#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>

#include <chrono>
#include <thread>

#include "common/log.hpp"
#include "index/keys.hpp"

namespace sopan::index {
namespace {

constexpr std::string_view kCfNames[] = {"docs",     "versions", "by_unit",      "by_status",
                                         "by_due",   "search",   "content",      "events",
                                         "accounts", "sessions", "meta",         "staff",
                                         "comments", "records",  "event_facets", "verifications"};
static_assert(std::size(kCfNames) == static_cast<std::size_t>(Cf::kCount));

Error to_error(const rocksdb::Status& s, std::string_view op) {
  log::error("rocksdb", {{"op", op}, {"status", s.ToString()}});
  if (s.IsBusy() || s.IsTimedOut() || s.IsTryAgain() || s.IsIOError())
    return make_error(Errc::kUnavailable, "Penyimpanan indeks sedang tidak tersedia");
  return make_error(Errc::kInternal, "Kesalahan pada penyimpanan indeks");
}

}  // namespace

bool is_derived(Cf cf) {
  return cf != Cf::kEvents && cf != Cf::kAccounts && cf != Cf::kSessions && cf != Cf::kStaff &&
         cf != Cf::kEventFacets && cf != Cf::kVerifications && cf != Cf::kCount;
}

std::string_view cf_name(Cf cf) { return kCfNames[static_cast<int>(cf)]; }

void Batch::put(Cf cf, std::string key, std::string value) {
  ops_.push_back({cf, false, std::move(key), std::move(value)});
}
void Batch::del(Cf cf, std::string key) { ops_.push_back({cf, true, std::move(key), {}}); }

struct Store::Impl {
  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;  // index = Cf
  bool read_only = false;

  rocksdb::ColumnFamilyHandle* handle(Cf cf) const { return handles[static_cast<int>(cf)]; }

  ~Impl() {
    if (!db) return;
    for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
    if (!read_only) db->Close();
  }
};

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;

Result<std::unique_ptr<Store>> Store::open(const std::filesystem::path& dir, Mode mode) {
  rocksdb::Options options;
  options.create_if_missing = true;
  options.create_missing_column_families = true;
  options.IncreaseParallelism(2);
  options.keep_log_file_num = 3;
  options.max_manifest_file_size = 64 << 20;
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = rocksdb::NewLRUCache(64 << 20);
  rocksdb::ColumnFamilyOptions cf_options(options);
  cf_options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));

  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  descriptors.emplace_back(rocksdb::kDefaultColumnFamilyName, cf_options);
  for (auto name : kCfNames) descriptors.emplace_back(std::string(name), cf_options);

  auto impl = std::make_unique<Impl>();
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s;
  if (mode == Mode::kReadOnly) {
    impl->read_only = true;
    // Read-only beside a running server: a compaction may delete a file between reading the
    // manifest and opening the file. That is a race, not damage: try again on a newer manifest.
    for (int attempt = 0; attempt < 10; ++attempt) {
      s = rocksdb::DB::OpenForReadOnly(options, dir.string(), descriptors, &handles, &raw);
      if (s.ok() || s.ToString().find("No such file") == std::string::npos) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20 * (attempt + 1)));
    }
  } else {
    s = rocksdb::DB::Open(options, dir.string(), descriptors, &handles, &raw);
  }
  if (!s.ok()) {
    log::error("rocksdb.open", {{"dir", dir.string()}, {"status", s.ToString()}});
    if (s.IsIOError() && s.ToString().find("lock") != std::string::npos)
      return make_error(Errc::kUnavailable,
                        "Indeks sedang dipakai proses lain (hentikan server terlebih dahulu)");
    return make_error(Errc::kUnavailable, "Indeks tidak dapat dibuka: " + s.ToString());
  }
  impl->db.reset(raw);
  // handles[0] is the default family, which Sopan does not use.
  raw->DestroyColumnFamilyHandle(handles[0]);
  impl->handles.assign(handles.begin() + 1, handles.end());
  return std::unique_ptr<Store>(new Store(std::move(impl)));
}

Result<std::optional<std::string>> Store::get(Cf cf, std::string_view key) const {
  return get_at(cf, key, nullptr);
}

Status Store::scan(Cf cf, std::string_view prefix, const ScanFn& fn, bool reverse) const {
  return scan_at(cf, prefix, fn, reverse, nullptr);
}

Result<std::optional<std::string>> Store::get_at(Cf cf, std::string_view key,
                                                 const void* snapshot) const {
  rocksdb::ReadOptions ro;
  ro.snapshot = static_cast<const rocksdb::Snapshot*>(snapshot);
  std::string value;
  auto s = impl_->db->Get(ro, impl_->handle(cf), rocksdb::Slice(key), &value);
  if (s.IsNotFound()) return std::optional<std::string>();
  if (!s.ok()) return to_error(s, "get");
  return std::optional<std::string>(std::move(value));
}

Status Store::scan_at(Cf cf, std::string_view prefix, const ScanFn& fn, bool reverse,
                      const void* snapshot) const {
  rocksdb::ReadOptions ro;
  ro.snapshot = static_cast<const rocksdb::Snapshot*>(snapshot);
  std::string upper = prefix_successor(prefix);
  rocksdb::Slice lower_slice(prefix), upper_slice(upper);
  if (!prefix.empty()) ro.iterate_lower_bound = &lower_slice;
  if (!upper.empty()) ro.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> it(impl_->db->NewIterator(ro, impl_->handle(cf)));
  if (reverse) {
    for (it->SeekToLast(); it->Valid(); it->Prev())
      if (!fn(it->key().ToStringView(), it->value().ToStringView())) break;
  } else {
    for (it->SeekToFirst(); it->Valid(); it->Next())
      if (!fn(it->key().ToStringView(), it->value().ToStringView())) break;
  }
  if (!it->status().ok()) return to_error(it->status(), "scan");
  return {};
}

struct Cursor::Impl {
  std::string lower, upper;  // the slices below point into these
  rocksdb::Slice lower_slice, upper_slice;
  std::unique_ptr<rocksdb::Iterator> it;
};

Cursor::Cursor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Cursor::~Cursor() = default;

bool Cursor::seek_le(std::string_view key) {
  impl_->it->SeekForPrev(rocksdb::Slice(key));
  return impl_->it->Valid();
}

bool Cursor::seek_ge(std::string_view key) {
  impl_->it->Seek(rocksdb::Slice(key));
  return impl_->it->Valid();
}

bool Cursor::next() {
  impl_->it->Next();
  return impl_->it->Valid();
}

bool Cursor::prev() {
  impl_->it->Prev();
  return impl_->it->Valid();
}

std::string_view Cursor::key() const { return impl_->it->key().ToStringView(); }
std::string_view Cursor::value() const { return impl_->it->value().ToStringView(); }

Status Cursor::status() const {
  if (!impl_->it->status().ok()) return to_error(impl_->it->status(), "cursor");
  return {};
}

std::unique_ptr<Cursor> Store::cursor(Cf cf, std::string lower, std::string upper) const {
  auto impl = std::make_unique<Cursor::Impl>();
  impl->lower = std::move(lower);
  impl->upper = std::move(upper);
  impl->lower_slice = rocksdb::Slice(impl->lower);
  impl->upper_slice = rocksdb::Slice(impl->upper);
  rocksdb::ReadOptions ro;
  ro.iterate_lower_bound = &impl->lower_slice;
  if (!impl->upper.empty()) ro.iterate_upper_bound = &impl->upper_slice;
  impl->it.reset(impl_->db->NewIterator(ro, impl_->handle(cf)));
  return std::unique_ptr<Cursor>(new Cursor(std::move(impl)));
}

std::unique_ptr<Snapshot> Store::snapshot() const {
  return std::unique_ptr<Snapshot>(new Snapshot(*this, impl_->db->GetSnapshot()));
}

Snapshot::~Snapshot() {
  store_.impl_->db->ReleaseSnapshot(static_cast<const rocksdb::Snapshot*>(snapshot_));
}

Result<std::optional<std::string>> Snapshot::get(Cf cf, std::string_view key) const {
  return store_.get_at(cf, key, snapshot_);
}

Status Snapshot::scan(Cf cf, std::string_view prefix, const ScanFn& fn, bool reverse) const {
  return store_.scan_at(cf, prefix, fn, reverse, snapshot_);
}

Result<std::optional<std::pair<std::string, std::string>>> Store::last(Cf cf) const {
  std::optional<std::pair<std::string, std::string>> out;
  auto s = scan(
      cf, {},
      [&](std::string_view k, std::string_view v) {
        out.emplace(std::string(k), std::string(v));
        return false;
      },
      /*reverse=*/true);
  if (!s) return s.error();
  return out;
}

Status Store::write(Batch batch, bool sync) {
  rocksdb::WriteBatch wb;
  for (auto& op : batch.ops_) {
    auto s = op.is_delete ? wb.Delete(impl_->handle(op.cf), op.key)
                          : wb.Put(impl_->handle(op.cf), op.key, op.value);
    if (!s.ok()) return to_error(s, "batch");
  }
  rocksdb::WriteOptions wo;
  wo.sync = sync;
  auto s = impl_->db->Write(wo, &wb);
  if (!s.ok()) return to_error(s, "write");
  return {};
}

Status Store::clear(Cf cf) {
  std::unique_ptr<rocksdb::Iterator> it(
      impl_->db->NewIterator(rocksdb::ReadOptions(), impl_->handle(cf)));
  it->SeekToFirst();
  if (!it->Valid()) return {};
  std::string first = it->key().ToString();
  it->SeekToLast();
  std::string end = prefix_successor(it->key().ToString());
  rocksdb::WriteBatch wb;
  // DeleteRange over [first, last] plus the last key itself when its successor is empty.
  if (end.empty()) {
    wb.DeleteRange(impl_->handle(cf), first, it->key());
    wb.Delete(impl_->handle(cf), it->key());
  } else {
    wb.DeleteRange(impl_->handle(cf), first, end);
  }
  rocksdb::WriteOptions wo;
  wo.sync = true;
  auto s = impl_->db->Write(wo, &wb);
  if (!s.ok()) return to_error(s, "clear");
  return {};
}

}  // namespace sopan::index
