#pragma once
/// The audit packet as a file (issue 15 §4): staging its files on disk and writing them into one
/// zip (libzip), its manifest and SHA256SUMS, and checking a packet without the server (`sopan
/// verify-packet`). What goes into a packet is the API's (api/audit_packet.cpp): its files are the
/// API's own answers.
///
/// The layout that makes a packet checkable:
/// - `manifest.json` says what the packet is and lists every file ("files": path, size, sha256)
///   but itself and SHA256SUMS;
/// - `SHA256SUMS` lists every file but itself, manifest.json included, in the format
///   `sha256sum -c` reads, so that tool alone proves the files unaltered;
/// - the SHA-256 of manifest.json is recorded by the server in its `audit.packet` event, so a
///   packet whose manifest and sums were both rewritten can be told from the one it produced;
/// - `events/events.jsonl` holds the audit events of the period as stored (one per line), whose
///   hash chain is recomputed from those bytes alone (library/event_log.hpp), with the anchors git
///   holds for them in `events/anchors.json`.
#include <boost/json/object.hpp>
#include <cstdint>
#include <ctime>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "library/event_log.hpp"

namespace sopan::library {

inline constexpr std::string_view kPacketFormat = "sopan-audit-packet/1";
inline constexpr std::string_view kPacketManifest = "manifest.json";
inline constexpr std::string_view kPacketSums = "SHA256SUMS";
inline constexpr std::string_view kPacketEvents = "events/events.jsonl";
inline constexpr std::string_view kPacketAnchors = "events/anchors.json";
inline constexpr std::string_view kPacketChain = "events/chain.json";

struct PacketFile {
  std::string path;
  std::uint64_t size = 0;
  std::string sha256;  // lowercase hex
};

/// A name a packet may hold: relative, '/'-separated segments of letters, digits, '.', '_' and
/// '-', none empty, "." or "..", at most 255 bytes (nothing `sha256sum` would escape, nothing an
/// unzip could place outside its folder).
bool is_packet_path(std::string_view path);
/// "<sha256>  <path>\n" for each file, in the order given: what `sha256sum -c` reads.
std::string sha256sums(const std::vector<PacketFile>& files);
/// SHA256SUMS read back (sizes 0), in its order; kInvalidArgument naming the first line that is
/// not "<64 hex>  <path>" (or " *<path>") with a packet path.
[[nodiscard]] Result<std::vector<PacketFile>> parse_sha256sums(std::string_view text);

/// A file already removed from its folder, read once from start to end: its space is freed when
/// it is closed, however the process ends. Not thread-safe (one reader at a time).
class UnlinkedFile {
 public:
  /// Opens `path` for reading and removes its name at once.
  [[nodiscard]] static Result<std::shared_ptr<UnlinkedFile>> open(
      const std::filesystem::path& path);
  ~UnlinkedFile();
  UnlinkedFile(const UnlinkedFile&) = delete;
  UnlinkedFile& operator=(const UnlinkedFile&) = delete;
  std::uint64_t size() const { return size_; }
  /// Appends the next bytes (up to `max`) to `chunk`: true while more follow, false once the
  /// end is reached. kInternal when the file cannot be read or is not as long as it was.
  [[nodiscard]] Result<bool> read(std::string& chunk, std::size_t max);

 private:
  UnlinkedFile(int fd, std::uint64_t size) : fd_(fd), size_(size) {}
  int fd_ = -1;
  std::uint64_t size_ = 0;
  std::uint64_t read_ = 0;
};

struct FinishedPacket {
  std::shared_ptr<UnlinkedFile> zip;
  std::string manifest_sha256;
  std::size_t files = 0;  // in the zip, manifest.json and SHA256SUMS included
};

/// Builds a packet on disk, one file in memory at a time: each file is staged in a folder of its
/// own (removed with the writer, whatever happens), then the zip is written from the staged files.
/// Not thread-safe.
class PacketWriter {
 public:
  /// A writer staging under a new folder in `parent` (created when missing). `max_bytes` bounds
  /// the files' sizes added together (the zip is smaller: deflated).
  [[nodiscard]] static Result<std::unique_ptr<PacketWriter>> create(
      const std::filesystem::path& parent, std::uint64_t max_bytes);
  ~PacketWriter();
  PacketWriter(const PacketWriter&) = delete;
  PacketWriter& operator=(const PacketWriter&) = delete;

  /// Adds a file. kInvalidArgument for a name that is not is_packet_path, one already added or
  /// one of the two the writer makes itself; kTooLarge once the files pass `max_bytes`.
  [[nodiscard]] Status add(std::string_view path, std::string_view content);
  /// A file written in parts (the event slice), with add()'s refusals: open, append…, close.
  /// One such file at a time, and no add() in between.
  [[nodiscard]] Status open_file(std::string_view path);
  [[nodiscard]] Status append(std::string_view part);
  [[nodiscard]] Status close_file();

  const std::vector<PacketFile>& files() const { return files_; }
  std::uint64_t total_bytes() const { return total_; }

  /// Writes manifest.json (`manifest` with "files" set to every file added, by path), then
  /// SHA256SUMS, then the zip: every file in path order, deflated, dated `mtime`, mode 0644, so
  /// that the same files make the same archive. Answers the zip, open and already unlinked.
  [[nodiscard]] Result<FinishedPacket> finish(boost::json::object manifest, std::time_t mtime);

 private:
  explicit PacketWriter(std::filesystem::path dir, std::uint64_t max_bytes);
  Status check_new(std::string_view path) const;
  struct Open;
  std::filesystem::path dir_;
  std::uint64_t max_bytes_ = 0;
  std::uint64_t total_ = 0;
  std::vector<PacketFile> files_;
  std::vector<std::filesystem::path> staged_;  // beside files_
  std::unique_ptr<Open> open_;
};

/// The event slice of a packet checked from its bytes: every line in the stored form with the
/// hash it states, each line's `prev` the hash of the line before, seq numbers consecutive, and
/// every anchor whose seq falls inside the slice naming that event's hash.
struct EventSliceReport {
  bool intact = true;
  std::uint64_t events = 0;
  std::uint64_t first_seq = 0, last_seq = 0;
  std::string first_prev;  // the hash of the event before the slice, as its first line states it
  std::string last_hash;
  std::size_t anchors = 0;            // anchors given
  std::size_t anchors_checked = 0;    // those inside the slice, each matched
  std::vector<std::string> problems;  // Indonesian, the first kMaxProblems
  static constexpr std::size_t kMaxProblems = 20;
};

class EventSliceCheck {
 public:
  /// An anchor the slice must agree with where it covers anchor.seq.
  void expect(const EventHead& anchor);
  /// The next line of the slice: one stored event, without its newline.
  void add(std::string_view stored);
  [[nodiscard]] EventSliceReport finish();

 private:
  void problem(std::string text);
  EventSliceReport report_;
  std::vector<EventHead> anchors_;
  std::string previous_hash_;
  bool previous_known_ = false;
};

/// What `sopan verify-packet` found.
struct PacketReport {
  /// Complete and unaltered: every check below passed.
  bool ok = false;
  /// False when the file could not be opened as a zip at all (missing, not a zip, damaged).
  bool opened = false;
  std::vector<std::string> problems;  // Indonesian, the first kMaxProblems
  std::size_t problems_omitted = 0;   // beyond those
  std::string manifest_sha256;        // empty when the packet has no manifest.json
  boost::json::object manifest;       // its header (every member but "files"), when readable
  std::size_t files_listed = 0;       // in SHA256SUMS
  std::size_t files_checked = 0;      // present with the listed size and SHA-256
  EventSliceReport events;
  static constexpr std::size_t kMaxProblems = 50;
};

/// Checks the packet at `zip` (never throws; a file that is not a zip, or not a whole one, is a
/// report naming the problem): manifest.json and SHA256SUMS agree; every file they list is there
/// with that size and SHA-256; no file is there that they do not list; the event slice's chain
/// holds (EventSliceCheck) and agrees with events/chain.json. Reads one chunk at a time.
PacketReport verify_packet(const std::filesystem::path& zip);

}  // namespace sopan::library
