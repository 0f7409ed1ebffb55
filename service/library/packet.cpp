#include "library/packet.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include <algorithm>
#include <boost/json/array.hpp>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <set>

#include "common/hash.hpp"
#include "common/json.hpp"
#include "common/log.hpp"

namespace sopan::library {
namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxPathBytes = 255;
/// manifest.json and SHA256SUMS are read whole: a packet of the largest size allowed lists some
/// hundred thousand files, a few tens of MiB.
constexpr std::uint64_t kMaxListBytes = 64ull << 20;
constexpr std::size_t kReadChunk = 256 * 1024;

bool is_hex64(std::string_view s) {
  if (s.size() != 64) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::string zip_error_text(int code) {
  zip_error_t e;
  zip_error_init_with_code(&e, code);
  std::string text = zip_error_strerror(&e);
  zip_error_fini(&e);
  return text;
}

Error io_error(std::string what, const fs::path& path) {
  // The path and errno go to the log; the answer stays clean (it is a 500 anyway).
  log::error("packet.io",
             {{"what", what}, {"path", path.string()}, {"error", std::strerror(errno)}});
  return make_error(Errc::kInternal, "Paket audit tidak dapat ditulis: " + what);
}

struct ZipCloser {
  void operator()(zip_t* z) const {
    if (z) zip_discard(z);
  }
};
using ZipPtr = std::unique_ptr<zip_t, ZipCloser>;

struct ZipFileCloser {
  void operator()(zip_file_t* f) const {
    if (f) zip_fclose(f);
  }
};

}  // namespace

bool is_packet_path(std::string_view path) {
  if (path.empty() || path.size() > kMaxPathBytes) return false;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view segment = path.substr(start, end - start);
    if (segment.empty() || segment == "." || segment == "..") return false;
    for (char c : segment)
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '.' || c == '_' || c == '-'))
        return false;
    start = end + 1;
  }
  return true;
}

std::string sha256sums(const std::vector<PacketFile>& files) {
  std::string out;
  for (const auto& f : files) out += f.sha256 + "  " + f.path + "\n";
  return out;
}

Result<std::vector<PacketFile>> parse_sha256sums(std::string_view text) {
  std::vector<PacketFile> out;
  std::size_t line_no = 0;
  while (!text.empty()) {
    ++line_no;
    std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    auto bad = [&] {
      return field_error(Errc::kInvalidArgument, "SHA256SUMS tidak dapat dibaca",
                         "/SHA256SUMS/" + std::to_string(line_no),
                         "Baris " + std::to_string(line_no) + " bukan \"<sha256>  <berkas>\"");
    };
    if (line.size() < 67 || !is_hex64(line.substr(0, 64)) || line[64] != ' ' ||
        (line[65] != ' ' && line[65] != '*'))
      return bad();
    std::string_view path = line.substr(66);
    if (!is_packet_path(path)) return bad();
    out.push_back({std::string(path), 0, std::string(line.substr(0, 64))});
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

Result<std::shared_ptr<UnlinkedFile>> UnlinkedFile::open(const fs::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return io_error("berkas sementara tidak dapat dibuka", path);
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    return io_error("berkas sementara tidak dapat dibaca", path);
  }
  // From here the open descriptor is the file's only name: nothing is left behind.
  if (::unlink(path.c_str()) != 0) {
    ::close(fd);
    return io_error("berkas sementara tidak dapat dihapus", path);
  }
  return std::shared_ptr<UnlinkedFile>(
      new UnlinkedFile(fd, static_cast<std::uint64_t>(st.st_size)));
}

UnlinkedFile::~UnlinkedFile() {
  if (fd_ >= 0) ::close(fd_);
}

Result<bool> UnlinkedFile::read(std::string& chunk, std::size_t max) {
  const std::uint64_t left = size_ - read_;
  const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(left, max));
  const std::size_t before = chunk.size();
  chunk.resize(before + want);
  std::size_t got = 0;
  while (got < want) {
    ssize_t n = ::read(fd_, chunk.data() + before + got, want - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      chunk.resize(before + got);
      return make_error(Errc::kInternal, "Berkas paket terputus saat dibaca");
    }
    got += static_cast<std::size_t>(n);
  }
  read_ += got;
  return read_ < size_;
}

// ---------------------------------------------------------------------------------------------

struct PacketWriter::Open {
  std::string path;
  fs::path staged;
  std::ofstream out;
  Sha256 sha;
  std::uint64_t size = 0;
};

PacketWriter::PacketWriter(fs::path dir, std::uint64_t max_bytes)
    : dir_(std::move(dir)), max_bytes_(max_bytes) {}

PacketWriter::~PacketWriter() {
  open_.reset();
  std::error_code ec;
  fs::remove_all(dir_, ec);
  if (ec) log::warn("packet.staging_left", {{"dir", dir_.string()}, {"error", ec.message()}});
}

Result<std::unique_ptr<PacketWriter>> PacketWriter::create(const fs::path& parent,
                                                           std::uint64_t max_bytes) {
  std::error_code ec;
  fs::create_directories(parent, ec);
  fs::path dir = parent / ("packet-" + random_hex(8));
  if (ec || !fs::create_directory(dir, ec) || ec)
    return io_error("folder sementara tidak dapat dibuat", dir);
  return std::unique_ptr<PacketWriter>(new PacketWriter(std::move(dir), max_bytes));
}

Status PacketWriter::check_new(std::string_view path) const {
  if (open_) return make_error(Errc::kInternal, "Berkas paket sebelumnya belum ditutup");
  if (!is_packet_path(path) || path == kPacketManifest || path == kPacketSums)
    return make_error(Errc::kInvalidArgument,
                      "Nama berkas paket tidak valid: " + std::string(path));
  for (const auto& f : files_)
    if (f.path == path)
      return make_error(Errc::kInvalidArgument, "Berkas paket ganda: " + std::string(path));
  return {};
}

Status PacketWriter::add(std::string_view path, std::string_view content) {
  if (auto s = open_file(path); !s) return s;
  if (auto s = append(content); !s) return s;
  return close_file();
}

Status PacketWriter::open_file(std::string_view path) {
  if (auto s = check_new(path); !s) return s;
  auto open = std::make_unique<Open>();
  open->path = std::string(path);
  open->staged = dir_ / ("f" + std::to_string(files_.size()));
  open->out.open(open->staged, std::ios::binary | std::ios::trunc);
  if (!open->out) return io_error("berkas sementara tidak dapat dibuat", open->staged);
  open_ = std::move(open);
  return {};
}

Status PacketWriter::append(std::string_view part) {
  if (!open_) return make_error(Errc::kInternal, "Tidak ada berkas paket yang terbuka");
  if (total_ + part.size() > max_bytes_)
    return make_error(Errc::kTooLarge, "Paket audit melebihi batas " +
                                           std::to_string(max_bytes_ >> 20) +
                                           " MiB; persempit unit atau periodenya");
  open_->out.write(part.data(), static_cast<std::streamsize>(part.size()));
  if (!open_->out) return io_error("berkas sementara tidak dapat ditulis", open_->staged);
  open_->sha.update(part);
  open_->size += part.size();
  total_ += part.size();
  return {};
}

Status PacketWriter::close_file() {
  if (!open_) return make_error(Errc::kInternal, "Tidak ada berkas paket yang terbuka");
  open_->out.close();
  if (!open_->out) return io_error("berkas sementara tidak dapat ditutup", open_->staged);
  files_.push_back({open_->path, open_->size, open_->sha.hex()});
  staged_.push_back(open_->staged);
  open_.reset();
  return {};
}

Result<FinishedPacket> PacketWriter::finish(json::object manifest, std::time_t mtime) {
  if (open_) return make_error(Errc::kInternal, "Berkas paket sebelumnya belum ditutup");
  std::vector<std::size_t> order(files_.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return files_[a].path < files_[b].path; });
  json::array listed;
  std::vector<PacketFile> sorted;
  for (std::size_t i : order) {
    const auto& f = files_[i];
    listed.push_back(json::object{{"path", f.path}, {"size", f.size}, {"sha256", f.sha256}});
    sorted.push_back(f);
  }
  manifest["files"] = std::move(listed);
  const std::string manifest_text = json_util::pretty(manifest);
  const std::string manifest_sha = sha256_hex(manifest_text);
  // The two the writer makes itself, staged like the others (SHA256SUMS lists the manifest).
  auto stage = [&](std::string_view path, const std::string& content) -> Status {
    fs::path staged = dir_ / ("f" + std::to_string(staged_.size()));
    std::ofstream out(staged, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.close();
    if (!out) return io_error("berkas sementara tidak dapat ditulis", staged);
    files_.push_back({std::string(path), content.size(), sha256_hex(content)});
    staged_.push_back(staged);
    order.push_back(files_.size() - 1);
    return {};
  };
  if (auto s = stage(kPacketManifest, manifest_text); !s) return s.error();
  sorted.push_back(files_.back());
  std::sort(sorted.begin(), sorted.end(),
            [](const PacketFile& a, const PacketFile& b) { return a.path < b.path; });
  if (auto s = stage(kPacketSums, sha256sums(sorted)); !s) return s.error();
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return files_[a].path < files_[b].path; });

  const fs::path zip_path = dir_ / "paket.zip";
  int err = 0;
  ZipPtr zip(zip_open(zip_path.c_str(), ZIP_CREATE | ZIP_EXCL, &err));
  if (!zip) {
    log::error("packet.zip_open", {{"error", zip_error_text(err)}});
    return make_error(Errc::kInternal, "Arsip paket audit tidak dapat dibuat");
  }
  auto failed = [&](std::string_view step) {
    log::error("packet.zip", {{"step", step}, {"error", zip_strerror(zip.get())}});
    return make_error(Errc::kInternal, "Arsip paket audit tidak dapat ditulis");
  };
  for (std::size_t i : order) {
    // libzip reads each staged file only while it writes the archive, one at a time.
    zip_source_t* source = zip_source_file(zip.get(), staged_[i].c_str(), 0, 0);
    if (!source) return failed("source");
    zip_int64_t index = zip_file_add(zip.get(), files_[i].path.c_str(), source, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(source);
      return failed("add");
    }
    const auto at = static_cast<zip_uint64_t>(index);
    if (zip_set_file_compression(zip.get(), at, ZIP_CM_DEFLATE, 6) != 0 ||
        zip_file_set_mtime(zip.get(), at, mtime, 0) != 0 ||
        zip_file_set_external_attributes(zip.get(), at, 0, ZIP_OPSYS_UNIX, 0100644u << 16) != 0)
      return failed("attributes");
  }
  if (zip_close(zip.get()) != 0) return failed("close");
  (void)zip.release();  // closed: zip_close freed it
  auto file = UnlinkedFile::open(zip_path);
  if (!file) return file.error();
  return FinishedPacket{std::move(*file), manifest_sha, files_.size()};
}

// ---------------------------------------------------------------------------------------------

void EventSliceCheck::expect(const EventHead& anchor) {
  anchors_.push_back(anchor);
  ++report_.anchors;
}

void EventSliceCheck::problem(std::string text) {
  report_.intact = false;
  if (report_.problems.size() < EventSliceReport::kMaxProblems)
    report_.problems.push_back(std::move(text));
}

void EventSliceCheck::add(std::string_view stored) {
  const std::uint64_t n = ++report_.events;
  const std::string where = "peristiwa baris " + std::to_string(n);
  auto link = read_link(stored);
  if (!link) {
    problem(where + ": tidak berbentuk baku; hash tidak dapat diperiksa");
    previous_known_ = false;
    return;
  }
  if (!link->hash_matches) problem(where + ": isinya tidak cocok dengan hash-nya (diubah)");
  if (n == 1) report_.first_prev = link->prev;
  if (previous_known_ && link->prev != previous_hash_)
    problem(where + ": hash peristiwa sebelumnya tidak cocok (rantai terputus)");
  std::optional<std::uint64_t> seq;
  if (auto v = json_util::parse(stored); v && v->is_object()) {
    const json::value* s = v->as_object().if_contains("seq");
    if (s && s->is_uint64())
      seq = s->get_uint64();
    else if (s && s->is_int64() && s->get_int64() > 0)
      seq = static_cast<std::uint64_t>(s->get_int64());
  }
  if (!seq) {
    problem(where + ": nomor peristiwa tidak terbaca");
  } else {
    if (n == 1)
      report_.first_seq = *seq;
    else if (*seq != report_.last_seq + 1)
      problem(where + ": nomor peristiwa " + std::to_string(*seq) + " tidak menyambung dari " +
              std::to_string(report_.last_seq));
    report_.last_seq = *seq;
    for (const auto& a : anchors_)
      if (a.seq == *seq) {
        if (a.hash == link->hash)
          ++report_.anchors_checked;
        else
          problem("jangkar git pada peristiwa " + std::to_string(*seq) +
                  " tidak cocok dengan hash peristiwa itu");
      }
  }
  previous_hash_ = link->hash;
  previous_known_ = true;
  report_.last_hash = link->hash;
}

EventSliceReport EventSliceCheck::finish() { return report_; }

// ---------------------------------------------------------------------------------------------

namespace {

struct Entry {
  zip_uint64_t index = 0;
  std::uint64_t size = 0;
};

/// Reads entry `e` in chunks, giving each to `visit`; false (with `why`) when it cannot be read
/// whole (a damaged archive: a CRC error, a truncated entry).
bool read_entry(zip_t* zip, const Entry& e, const std::function<void(std::string_view)>& visit,
                std::string& why) {
  std::unique_ptr<zip_file_t, ZipFileCloser> f(zip_fopen_index(zip, e.index, 0));
  if (!f) {
    why = zip_strerror(zip);
    return false;
  }
  std::string buf(kReadChunk, '\0');
  for (;;) {
    zip_int64_t n = zip_fread(f.get(), buf.data(), buf.size());
    if (n < 0) {
      why = zip_file_strerror(f.get());
      return false;
    }
    if (n == 0) break;
    visit(std::string_view(buf.data(), static_cast<std::size_t>(n)));
  }
  return true;
}

}  // namespace

PacketReport verify_packet(const fs::path& path) {
  PacketReport report;
  auto problem = [&](std::string text) {
    if (report.problems.size() < PacketReport::kMaxProblems)
      report.problems.push_back(std::move(text));
    else
      ++report.problems_omitted;
  };
  auto done = [&]() -> PacketReport {
    report.ok = report.problems.empty() && !report.problems_omitted && report.events.intact &&
                report.files_listed > 0 && report.files_checked == report.files_listed;
    return std::move(report);
  };
  int err = 0;
  ZipPtr zip(zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &err));
  if (!zip) {
    problem(err == ZIP_ER_NOENT || err == ZIP_ER_OPEN
                ? "Berkas tidak dapat dibuka: " + path.string()
                : "Berkas bukan arsip zip yang utuh (" + zip_error_text(err) + ")");
    return done();
  }
  report.opened = true;
  std::map<std::string, Entry, std::less<>> entries;
  const zip_int64_t count = zip_get_num_entries(zip.get(), 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(zip.get(), static_cast<zip_uint64_t>(i), 0, &st) != 0 ||
        !(st.valid & ZIP_STAT_NAME) || !(st.valid & ZIP_STAT_SIZE)) {
      problem("Entri ke-" + std::to_string(i + 1) + " arsip tidak terbaca");
      continue;
    }
    if (!entries.emplace(st.name, Entry{static_cast<zip_uint64_t>(i), st.size}).second)
      problem("Berkas ganda dalam arsip: " + std::string(st.name));
  }
  // The two lists, read whole (bounded).
  auto read_small = [&](std::string_view name, std::string& out) -> bool {
    auto it = entries.find(name);
    if (it == entries.end()) {
      problem("Berkas " + std::string(name) + " tidak ada dalam paket");
      return false;
    }
    if (it->second.size > kMaxListBytes) {
      problem("Berkas " + std::string(name) + " terlalu besar");
      return false;
    }
    std::string why;
    if (!read_entry(
            zip.get(), it->second, [&](std::string_view c) { out.append(c); }, why)) {
      problem("Berkas " + std::string(name) + " rusak dalam arsip (" + why + ")");
      return false;
    }
    return true;
  };
  std::string manifest_text, sums_text;
  const bool have_manifest = read_small(kPacketManifest, manifest_text);
  const bool have_sums = read_small(kPacketSums, sums_text);
  if (have_manifest) report.manifest_sha256 = sha256_hex(manifest_text);

  // What the manifest lists: path → (size, sha256).
  std::map<std::string, PacketFile, std::less<>> in_manifest;
  bool manifest_ok = false;
  if (have_manifest) {
    auto v = json_util::parse(manifest_text);
    const json::object* o = v && v->is_object() ? &v->as_object() : nullptr;
    const json::value* files = o ? o->if_contains("files") : nullptr;
    if (!o || json_util::string_field(*o, "format") != kPacketFormat || !files ||
        !files->is_array()) {
      problem("manifest.json bukan manifes paket audit Sopan (" + std::string(kPacketFormat) + ")");
    } else {
      manifest_ok = true;
      for (const auto& [k, val] : *o)
        if (k != "files") report.manifest.emplace(k, val);
      for (const auto& f : files->as_array()) {
        const json::object* fo = f.if_object();
        auto p = fo ? json_util::string_field(*fo, "path") : std::nullopt;
        auto h = fo ? json_util::string_field(*fo, "sha256") : std::nullopt;
        const json::value* size = fo ? fo->if_contains("size") : nullptr;
        if (!p || !h || !is_hex64(*h) || !size || !(size->is_uint64() || size->is_int64()) ||
            (size->is_int64() && size->get_int64() < 0)) {
          problem("manifest.json: daftar berkas tidak terbaca");
          manifest_ok = false;
          break;
        }
        const std::uint64_t n =
            size->is_uint64() ? size->get_uint64() : static_cast<std::uint64_t>(size->get_int64());
        if (!in_manifest.emplace(std::string(*p), PacketFile{std::string(*p), n, std::string(*h)})
                 .second)
          problem("manifest.json: berkas ganda " + std::string(*p));
      }
    }
  }
  std::vector<PacketFile> sums;
  bool sums_ok = false;
  if (have_sums) {
    auto parsed = parse_sha256sums(sums_text);
    if (!parsed) {
      problem("SHA256SUMS: " + parsed.error().message + " (" +
              std::string(parsed.error().details.at(0).at("message").as_string()) + ")");
    } else {
      sums = std::move(*parsed);
      sums_ok = true;
    }
  }
  // The files are checked against SHA256SUMS or, when it cannot be read, against the manifest
  // (and the manifest itself): one damaged list still lets the rest of the packet be told.
  if (!sums_ok && manifest_ok) {
    for (const auto& [p, f] : in_manifest) sums.push_back(f);
    sums.push_back({std::string(kPacketManifest), manifest_text.size(), report.manifest_sha256});
  }
  if (!sums_ok && !manifest_ok)
    problem("Tidak ada daftar berkas yang terbaca: isi paket tidak dapat diperiksa");
  report.files_listed = sums.size();

  // SHA256SUMS lists every file but itself; the manifest every file but itself and SHA256SUMS.
  std::set<std::string, std::less<>> listed;
  for (const auto& s : sums) {
    if (!listed.insert(s.path).second) problem("SHA256SUMS: berkas ganda " + s.path);
    if (!sums_ok) continue;
    if (s.path == kPacketSums) problem("SHA256SUMS mendaftar dirinya sendiri");
    if (s.path == kPacketManifest) {
      if (have_manifest && s.sha256 != report.manifest_sha256)
        problem("manifest.json tidak cocok dengan SHA256SUMS (diubah)");
      continue;
    }
    auto m = in_manifest.find(s.path);
    if (manifest_ok && m == in_manifest.end())
      problem("SHA256SUMS mendaftar " + s.path + " yang tidak ada di manifest.json");
    else if (m != in_manifest.end() && m->second.sha256 != s.sha256)
      problem("SHA-256 " + s.path + " berbeda antara manifest.json dan SHA256SUMS");
  }
  if (sums_ok && !listed.count(kPacketManifest))
    problem("SHA256SUMS tidak mendaftar manifest.json");
  for (const auto& [p, f] : in_manifest)
    if (sums_ok && !listed.count(p))
      problem("manifest.json mendaftar " + p + " yang tidak ada di SHA256SUMS");
  if (sums_ok || manifest_ok)
    for (const auto& [name, e] : entries)
      if (name != kPacketSums && !listed.count(name))
        problem("Berkas tidak terdaftar dalam paket: " + name);

  // The anchors first: the event slice is checked against them as it is read.
  EventSliceCheck chain;
  std::string anchors_text;
  if (entries.count(kPacketAnchors) && read_small(kPacketAnchors, anchors_text)) {
    auto v = json_util::parse(anchors_text);
    const json::value* items =
        v && v->is_object() ? v->as_object().if_contains("anchors") : nullptr;
    if (!items || !items->is_array()) {
      problem("events/anchors.json tidak terbaca");
    } else {
      for (const auto& a : items->as_array()) {
        const json::object* ao = a.if_object();
        const json::value* seq = ao ? ao->if_contains("seq") : nullptr;
        auto hash = ao ? json_util::string_field(*ao, "hash") : std::nullopt;
        if (!seq || !seq->is_number() || !hash) {
          problem("events/anchors.json: jangkar tidak terbaca");
          continue;
        }
        chain.expect({seq->to_number<std::uint64_t>(), std::string(*hash)});
      }
    }
  }

  // Every file listed: present, and its bytes what the list says.
  for (const auto& s : sums) {
    auto it = entries.find(s.path);
    if (it == entries.end()) {
      problem("Berkas hilang dari paket: " + s.path);
      continue;
    }
    Sha256 sha;
    std::uint64_t size = 0;
    const bool events = s.path == kPacketEvents;
    std::string line;  // the event slice's current line, across chunks
    std::string why;
    bool read = read_entry(
        zip.get(), it->second,
        [&](std::string_view chunk) {
          sha.update(chunk);
          size += chunk.size();
          if (!events) return;
          while (!chunk.empty()) {
            std::size_t nl = chunk.find('\n');
            line.append(chunk.substr(0, nl));
            if (nl == std::string_view::npos) break;
            chain.add(line);
            line.clear();
            chunk.remove_prefix(nl + 1);
          }
        },
        why);
    if (!read) {
      problem("Berkas " + s.path + " rusak dalam arsip (" + why + ")");
      continue;
    }
    if (events && !line.empty()) chain.add(line);
    const std::string digest = sha.hex();
    auto m = in_manifest.find(s.path);
    if (digest != s.sha256)
      problem("Isi " + s.path + " telah diubah (SHA-256 tidak cocok)");
    else if (m != in_manifest.end() && m->second.size != size)
      problem("Ukuran " + s.path + " tidak cocok dengan manifest.json");
    else if (s.path != kPacketManifest && m == in_manifest.end())
      continue;  // reported above
    else
      ++report.files_checked;
  }
  report.events = chain.finish();

  // The chain's summary in the packet must be what the slice itself says.
  std::string chain_text;
  if (entries.count(kPacketChain) && read_small(kPacketChain, chain_text)) {
    auto v = json_util::parse(chain_text);
    const json::object* slice = nullptr;
    if (v && v->is_object())
      if (const json::value* s = v->as_object().if_contains("slice")) slice = s->if_object();
    auto number = [&](std::string_view key) -> std::uint64_t {
      const json::value* n = slice ? slice->if_contains(key) : nullptr;
      return n && n->is_number() ? n->to_number<std::uint64_t>() : 0;
    };
    if (!slice)
      problem("events/chain.json tidak terbaca");
    else if (number("count") != report.events.events ||
             (report.events.events &&
              (number("first_seq") != report.events.first_seq ||
               number("last_seq") != report.events.last_seq ||
               json_util::string_field(*slice, "last_hash") != report.events.last_hash)))
      problem("events/chain.json tidak sesuai dengan isi events/events.jsonl");
  } else if (!entries.count(kPacketChain)) {
    problem("Berkas events/chain.json tidak ada dalam paket");
  }
  if (!entries.count(kPacketEvents)) problem("Berkas events/events.jsonl tidak ada dalam paket");
  return done();
}

}  // namespace sopan::library
