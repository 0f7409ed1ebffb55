#include "library/packet.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <fstream>
#include <random>

#include "common/hash.hpp"
#include "common/json.hpp"
#include "index/keys.hpp"
#include "index/store.hpp"
#include "support/temp_dir.hpp"
#include "support/zip_files.hpp"

namespace sopan::library {
namespace {
using sopan::testing::ErrcIs;
using sopan::testing::IsOk;
using sopan::testing::ZipEntries;
namespace json = boost::json;

TEST(Sha256Test, InPartsIsTheDigestOfTheWhole) {
  const std::string text = "Paket audit Sopan: setiap bita dihitung.";
  for (std::size_t cut = 0; cut <= text.size(); cut += 7) {
    Sha256 sha;
    sha.update(std::string_view(text).substr(0, cut));
    sha.update(std::string_view(text).substr(cut));
    EXPECT_EQ(sha.hex(), sha256_hex(text));
  }
  Sha256 empty;
  EXPECT_EQ(empty.hex(), sha256_hex(""));
}

TEST(PacketPathTest, OnlyPlainRelativeNames) {
  for (std::string_view ok : {"manifest.json", "documents/sops/01J/at-2026-06-30.print.html",
                              "events/events.jsonl", "README.txt"})
    EXPECT_TRUE(is_packet_path(ok)) << ok;
  for (std::string_view bad : {"", "/etc/passwd", "../x", "a/../b", "a//b", "a/", "./a", "a b",
                               "a\\b", "a\nb", "dokumen\xc3\xa9", "a\tb"})
    EXPECT_FALSE(is_packet_path(bad)) << bad;
  EXPECT_FALSE(is_packet_path(std::string(256, 'a')));
}

TEST(Sha256SumsTest, ReadsBackWhatItWritesAndRefusesAnythingElse) {
  std::vector<PacketFile> files = {{"a.txt", 3, sha256_hex("abc")},
                                   {"dir/b.json", 2, sha256_hex("{}")}};
  const std::string text = sha256sums(files);
  EXPECT_EQ(text, sha256_hex("abc") + "  a.txt\n" + sha256_hex("{}") + "  dir/b.json\n");
  auto back = parse_sha256sums(text);
  ASSERT_THAT(back, IsOk());
  ASSERT_EQ(back->size(), 2u);
  EXPECT_EQ((*back)[1].path, "dir/b.json");
  EXPECT_EQ((*back)[1].sha256, files[1].sha256);
  // The binary-mode marker sha256sum also writes.
  EXPECT_THAT(parse_sha256sums(sha256_hex("abc") + " *a.txt\n"), IsOk());
  const std::string h = sha256_hex("abc");
  for (const std::string& bad :
       {h + " a.txt\n", h.substr(1) + "  a.txt\n", h + "  ../a\n", std::string("\n"), h + "  \n",
        std::string(64, 'G') + "  a.txt\n", h + "  a.txt\nsampah\n"})
    EXPECT_THAT(parse_sha256sums(bad), ErrcIs(Errc::kInvalidArgument)) << bad;
}

/// Real events, as the log stores them (index::Store + EventLog::append), read back raw.
std::vector<std::string> stored_events(const std::filesystem::path& dir, int n) {
  auto store = index::Store::open(dir / "index");
  EXPECT_THAT(store, IsOk());
  EventHead head{0, std::string(64, '0')};
  for (int i = 0; i < n; ++i) {
    index::Batch b;
    head = EventLog::append(b, head, {{"kind", "uji"}, {"n", i}}, 1'770'000'000'000 + i);
    EXPECT_THAT((*store)->write(std::move(b)), IsOk());
  }
  std::vector<std::string> out;
  EXPECT_THAT((*store)->scan(index::Cf::kEvents, {},
                             [&](std::string_view, std::string_view v) {
                               out.emplace_back(v);
                               return true;
                             }),
              IsOk());
  return out;
}

class PacketTest : public ::testing::Test {
 protected:
  void SetUp() override { events_ = stored_events(dir_.path(), 12); }

  /// A packet of a few files and the 12 events, with an anchor on event 5; written to `zip`.
  std::string build(const std::filesystem::path& zip, std::uint64_t max_bytes = 1 << 20) {
    auto w = PacketWriter::create(dir_.path() / "tmp", max_bytes);
    EXPECT_THAT(w, IsOk());
    EXPECT_THAT((*w)->add("documents.json", R"({"documents":[]})"), IsOk());
    EXPECT_THAT((*w)->add("documents/sops/x/history.json", R"({"versions":[1,2]})"), IsOk());
    EXPECT_THAT((*w)->add("documents/sops/x/at-2026-06-30.print.html", "<p>SOP</p>"), IsOk());
    EXPECT_THAT((*w)->add("README.txt", ""), IsOk());  // an empty file is a file too
    EXPECT_THAT((*w)->open_file(kPacketEvents), IsOk());
    for (const auto& e : events_) EXPECT_THAT((*w)->append(e + "\n"), IsOk());
    EXPECT_THAT((*w)->close_file(), IsOk());
    const std::string hash5 = read_link(events_[4])->hash;
    EXPECT_THAT(
        (*w)->add(kPacketAnchors,
                  json::serialize(json::object{
                      {"anchors", json::array{json::object{{"seq", 5}, {"hash", hash5}}}}})),
        IsOk());
    EXPECT_THAT((*w)->add(kPacketChain, json::serialize(json::object{
                                            {"slice",
                                             {{"count", 12},
                                              {"first_seq", 1},
                                              {"last_seq", 12},
                                              {"last_hash", read_link(events_.back())->hash}}}})),
                IsOk());
    auto done = (*w)->finish({{"format", kPacketFormat}, {"instansi", "Uji"}}, 1'782'800'000);
    EXPECT_THAT(done, IsOk());
    if (!done) return "";
    std::string bytes;
    while (true) {
      auto more = done->zip->read(bytes, 1000);
      EXPECT_THAT(more, IsOk());
      if (!more || !*more) break;
    }
    EXPECT_EQ(bytes.size(), done->zip->size());
    std::ofstream(zip, std::ios::binary)
        .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    EXPECT_EQ(done->files, 9u);
    return done->manifest_sha256;
  }

  static std::string content_of(const ZipEntries& entries, std::string_view name) {
    for (const auto& [n, b] : entries)
      if (n == name) return b;
    ADD_FAILURE() << "no " << name;
    return "";
  }

  sopan::testing::TempDir dir_;
  std::vector<std::string> events_;
};

TEST_F(PacketTest, AFreshPacketVerifiesAndTheSameFilesMakeTheSameArchive) {
  const auto a = dir_.path() / "a.zip", b = dir_.path() / "b.zip";
  const std::string manifest_sha = build(a);
  PacketReport r = verify_packet(a);
  EXPECT_TRUE(r.ok) << (r.problems.empty() ? "" : r.problems.front());
  EXPECT_TRUE(r.opened);
  EXPECT_EQ(r.files_listed, 8u);  // all but SHA256SUMS
  EXPECT_EQ(r.files_checked, 8u);
  EXPECT_EQ(r.manifest_sha256, manifest_sha);
  EXPECT_EQ(json_util::string_field(r.manifest, "instansi"), "Uji");
  EXPECT_EQ(r.events.events, 12u);
  EXPECT_EQ(r.events.first_seq, 1u);
  EXPECT_EQ(r.events.last_seq, 12u);
  EXPECT_EQ(r.events.anchors_checked, 1u);
  EXPECT_TRUE(r.events.intact);

  // Sorted names, the manifest's SHA-256 the digest of its bytes; nothing left on disk.
  const ZipEntries entries = sopan::testing::read_zip(a);
  std::vector<std::string> names;
  for (const auto& [n, bytes] : entries) names.push_back(n);
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  EXPECT_EQ(sha256_hex(content_of(entries, kPacketManifest)), manifest_sha);
  EXPECT_TRUE(std::filesystem::is_empty(dir_.path() / "tmp"));
  const std::string sums = content_of(entries, kPacketSums);
  EXPECT_NE(sums.find(manifest_sha + "  manifest.json\n"), std::string::npos);
  auto manifest = json::parse(content_of(entries, kPacketManifest)).as_object();
  EXPECT_EQ(manifest.at("files").as_array().size(), 7u);  // neither itself nor SHA256SUMS

  EXPECT_EQ(build(b), manifest_sha);
  std::ifstream fa(a, std::ios::binary), fb(b, std::ios::binary);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(fa), {}),
            std::string(std::istreambuf_iterator<char>(fb), {}));
}

TEST_F(PacketTest, AnyByteChangedAnyFileRemovedOrAddedIsFound) {
  const auto zip = dir_.path() / "p.zip", altered = dir_.path() / "q.zip";
  build(zip);
  const ZipEntries entries = sopan::testing::read_zip(zip);
  std::mt19937 random(15);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (entries[i].second.empty()) continue;
    for (int round = 0; round < 3; ++round) {
      ZipEntries changed = entries;
      std::string& bytes = changed[i].second;
      const std::size_t at =
          std::uniform_int_distribution<std::size_t>(0, bytes.size() - 1)(random);
      bytes[at] = static_cast<char>(bytes[at] ^ (1 << (round % 7)));
      sopan::testing::write_zip(altered, changed);
      PacketReport r = verify_packet(altered);
      EXPECT_FALSE(r.ok) << entries[i].first << " byte " << at;
      EXPECT_FALSE(r.problems.empty() && r.events.problems.empty()) << entries[i].first;
    }
    ZipEntries fewer = entries;
    fewer.erase(fewer.begin() + static_cast<std::ptrdiff_t>(i));
    sopan::testing::write_zip(altered, fewer);
    EXPECT_FALSE(verify_packet(altered).ok) << "without " << entries[i].first;
  }
  // An empty file removed, and one added (listed nowhere, or a directory).
  for (const std::string extra : {"tambahan.txt", "documents/sops/x/", "README.txt.bak"}) {
    ZipEntries more = entries;
    more.emplace_back(extra, "disisipkan");
    sopan::testing::write_zip(altered, more);
    PacketReport r = verify_packet(altered);
    EXPECT_FALSE(r.ok) << extra;
  }
}

TEST_F(PacketTest, AnEventRewrittenWithNewSumsBreaksTheChain) {
  // Someone who rewrites an event and the lists after it still cannot hide it from the chain.
  const auto zip = dir_.path() / "p.zip", altered = dir_.path() / "q.zip";
  build(zip);
  ZipEntries entries = sopan::testing::read_zip(zip);
  auto resign = [&](ZipEntries e) {
    json::object manifest = json::parse(content_of(e, kPacketManifest)).as_object();
    std::vector<PacketFile> listed;
    json::array files;
    for (const auto& [n, b] : e)
      if (n != kPacketManifest && n != kPacketSums) {
        files.push_back(json::object{{"path", n}, {"size", b.size()}, {"sha256", sha256_hex(b)}});
        listed.push_back({n, b.size(), sha256_hex(b)});
      }
    manifest["files"] = std::move(files);
    std::string m = json::serialize(manifest);
    listed.push_back({std::string(kPacketManifest), m.size(), sha256_hex(m)});
    std::sort(listed.begin(), listed.end(),
              [](const PacketFile& a, const PacketFile& b) { return a.path < b.path; });
    for (auto& [n, b] : e) {
      if (n == kPacketManifest) b = m;
      if (n == kPacketSums) b = sha256sums(listed);
    }
    return e;
  };
  // The untouched packet re-signed still verifies: the test's re-signing is sound.
  sopan::testing::write_zip(altered, resign(entries));
  EXPECT_TRUE(verify_packet(altered).ok);

  auto with_events = [&](const std::vector<std::string>& lines) {
    ZipEntries e = entries;
    std::string text;
    for (const auto& l : lines) text += l + "\n";
    for (auto& [n, b] : e)
      if (n == kPacketEvents) b = text;
    return resign(e);
  };
  std::vector<std::string> edited = events_;
  edited[6].replace(edited[6].find("\"uji\""), 5, "\"ubah\"");
  sopan::testing::write_zip(altered, with_events(edited));
  PacketReport r = verify_packet(altered);
  EXPECT_FALSE(r.ok);
  EXPECT_FALSE(r.events.intact);

  std::vector<std::string> removed = events_;
  removed.erase(removed.begin() + 6);
  sopan::testing::write_zip(altered, with_events(removed));
  EXPECT_FALSE(verify_packet(altered).events.intact);
}

TEST(EventSliceCheckTest, AnAnchorThatDisagreesBreaksTheSlice) {
  sopan::testing::TempDir dir;
  auto events = stored_events(dir.path(), 4);
  EventSliceCheck good;
  good.expect({2, read_link(events[1])->hash});
  good.expect({9, std::string(64, 'a')});  // outside the slice: not checked
  for (const auto& e : events) good.add(e);
  auto ok = good.finish();
  EXPECT_TRUE(ok.intact);
  EXPECT_EQ(ok.anchors, 2u);
  EXPECT_EQ(ok.anchors_checked, 1u);
  EXPECT_EQ(ok.first_prev, std::string(64, '0'));

  EventSliceCheck bad;
  bad.expect({3, read_link(events[1])->hash});
  for (const auto& e : events) bad.add(e);
  EXPECT_FALSE(bad.finish().intact);

  EventSliceCheck not_stored;
  not_stored.add("{\"seq\":1}");
  EXPECT_FALSE(not_stored.finish().intact);
}

TEST_F(PacketTest, ACorruptOrForeignFileIsAClearReportNeverACrash) {
  const auto zip = dir_.path() / "p.zip", other = dir_.path() / "x.zip";
  build(zip);
  std::ifstream in(zip, std::ios::binary);
  const std::string bytes(std::istreambuf_iterator<char>(in), {});
  auto write = [&](const std::string& b) {
    std::ofstream(other, std::ios::binary | std::ios::trunc)
        .write(b.data(), static_cast<std::streamsize>(b.size()));
  };
  for (std::size_t cut : {std::size_t(0), std::size_t(10), bytes.size() / 2, bytes.size() - 1}) {
    write(bytes.substr(0, cut));
    PacketReport r = verify_packet(other);
    EXPECT_FALSE(r.ok) << cut;
    EXPECT_FALSE(r.problems.empty()) << cut;
  }
  std::mt19937 random(7);
  for (int i = 0; i < 40; ++i) {
    std::string damaged = bytes;
    for (int k = 0; k < 8; ++k)
      damaged[std::uniform_int_distribution<std::size_t>(0, damaged.size() - 1)(random)] ^= 0x5a;
    write(damaged);
    EXPECT_FALSE(verify_packet(other).ok) << i;
  }
  write("bukan zip sama sekali");
  PacketReport r = verify_packet(other);
  EXPECT_FALSE(r.opened);
  EXPECT_FALSE(r.problems.empty());
  EXPECT_FALSE(verify_packet(dir_.path() / "tidak-ada.zip").opened);
}

TEST_F(PacketTest, TheWriterRefusesOddNamesTwiceTheSameAndTooMuch) {
  auto w = PacketWriter::create(dir_.path() / "tmp", 100);
  ASSERT_THAT(w, IsOk());
  EXPECT_THAT((*w)->add("../keluar", "x"), ErrcIs(Errc::kInvalidArgument));
  EXPECT_THAT((*w)->add(kPacketManifest, "x"), ErrcIs(Errc::kInvalidArgument));
  EXPECT_THAT((*w)->add(kPacketSums, "x"), ErrcIs(Errc::kInvalidArgument));
  EXPECT_THAT((*w)->add("a.txt", std::string(60, 'a')), IsOk());
  EXPECT_THAT((*w)->add("a.txt", "b"), ErrcIs(Errc::kInvalidArgument));
  EXPECT_THAT((*w)->add("b.txt", std::string(60, 'b')), ErrcIs(Errc::kTooLarge));
  w->reset();
  EXPECT_TRUE(std::filesystem::is_empty(dir_.path() / "tmp"));  // staging removed with it
}

}  // namespace
}  // namespace sopan::library
