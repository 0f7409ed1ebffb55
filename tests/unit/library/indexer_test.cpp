#include "library/indexer.hpp"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <cstdio>
#include <map>
#include <memory>
#include <utility>

#include "domain/signature.hpp"
#include "index/keys.hpp"
#include "library/rows.hpp"
#include "support/temp_dir.hpp"
#include "vcs/message.hpp"

namespace sopan::library {
namespace {
using index::Cf;
using sopan::testing::ErrcIs;
using sopan::testing::IsOk;
namespace json = boost::json;

struct Person {
  std::string name, nip, position;
  vcs::Person git() const { return {name, nip + "@contoh.go.id"}; }
};
const Person kPenyusun{"Budi Santoso", "198001012005011001", "Analis Kebijakan"};
const Person kVerifikator{"Sri Wahyuni", "197902022006042002", "Kepala Bagian Organisasi"};
const Person kPengesah{"Hadi Prasetyo", "196803031990031003", "Kepala Dinas"};

constexpr TimeMs kJanuary10 = 1736467200000;  // 2025-01-10T00:00:00Z
constexpr TimeMs kMinute = 60'000;

/// A SOP file's content: the identity fields the indexer reads.
std::string sop(const std::string& title, const std::string& effective = "") {
  json::object o{{"number", "800/001/2025"}, {"title", title}, {"unit", "unit-a"}};
  if (!effective.empty()) o["dates"] = json::object{{"effective", effective}};
  return json::serialize(o);
}

/// The Sopan-Signature trailer of `who` signing with `meaning`.
vcs::Trailer signature(const Person& who, std::string meaning, TimeMs time) {
  return domain::Signature{who.name, who.nip, who.position, std::move(meaning), time}.trailer();
}

/// What one commit says: its action, version trailer, parents, author and further trailers.
struct Step {
  Step(std::string action, std::optional<std::string> version, std::vector<std::string> parents,
       Person author = kPenyusun, vcs::Trailers extra = {})
      : action(std::move(action)),
        version(std::move(version)),
        parents(std::move(parents)),
        author(std::move(author)),
        extra(std::move(extra)) {}
  std::string action;
  std::optional<std::string> version;  // the Sopan-Version trailer; nullopt = none
  std::vector<std::string> parents;
  Person author;
  vcs::Trailers extra;  // signature, comment, record
};

class IndexerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = index::Store::open(dir_.path() / "index");
    ASSERT_THAT(s, IsOk());
    store_ = std::move(*s);
  }

  /// A commit on `doc` made of `step`: the message written and read back in the server's
  /// format, so the trailers are exactly what a commit of ours carries.
  vcs::CommitInfo commit(const Step& step, const std::string& doc) {
    vcs::Trailers trailers{{std::string(kTrailerAction), step.action},
                           {std::string(kTrailerDoc), doc_trailer(DocKind::kSop, doc)}};
    if (step.version) trailers.emplace_back(std::string(kTrailerVersion), *step.version);
    trailers.emplace_back(std::string(kTrailerActorNip), step.author.nip);
    for (const auto& t : step.extra) trailers.push_back(t);
    auto parsed = vcs::parse_message(
        vcs::format_message(commit_subject(trailers), "Alasan " + step.action, trailers));
    vcs::CommitInfo c;
    c.id = next_commit_id();
    c.tree = std::string(40, 'e');
    c.parents = step.parents;
    c.author = step.author.git();
    c.time = (time_ += kMinute);
    c.subject = parsed.subject;
    c.message = parsed.note;
    c.trailers = parsed.trailers;
    c.current_format = parsed.current_format;
    EXPECT_EQ(c.trailer(vcs::kTrailerFormat), vcs::kMessageFormat);
    return c;
  }

  /// Applies one commit with a fresh Indexer, as one write does, and writes its rows (or, with
  /// `shared_`, into `shared_batch_` as a rebuild does). `files` are the files at that commit the
  /// indexer may read. A refusal must leave the batch empty.
  Status apply(const vcs::CommitInfo& c, bool on_main_line,
               const std::map<std::string, std::string>& files) {
    auto read = [&](const std::string& path) -> Result<std::string> {
      auto it = files.find(path);
      if (it == files.end()) return make_error(Errc::kNotFound, "no file " + path);
      return it->second;
    };
    if (shared_) return shared_->apply(c, on_main_line, read, shared_batch_);
    Indexer indexer(*store_, periods_);
    index::Batch batch;
    Status s = indexer.apply(c, on_main_line, read, batch);
    if (!s) {
      EXPECT_TRUE(batch.empty()) << "a refused commit left rows: " << s.error();
      return s;
    }
    EXPECT_THAT(store_->write(std::move(batch)), IsOk());
    return s;
  }

  /// Applies a document commit (the SOP file `content` at that commit); fails the test if refused.
  vcs::CommitInfo step(const Step& s, bool on_main_line, const std::string& content) {
    vcs::CommitInfo c = commit(s, id_);
    EXPECT_THAT(apply(c, on_main_line, {{doc_path(DocKind::kSop, id_), content}}), IsOk())
        << s.action;
    return c;
  }

  /// The summary as stored in the index.
  DocSummary summary() {
    auto row = read_row<DocSummary>(*store_, Cf::kDocs, index::doc_key(id_));
    EXPECT_THAT(row, IsOk());
    EXPECT_TRUE(row && *row) << "no summary for " << id_;
    return row && *row ? **row : DocSummary{};
  }
  std::string summary_json() { return json::serialize(summary().to_json()); }

  bool has(Cf cf, const std::string& key) {
    auto v = store_->get(cf, key);
    EXPECT_THAT(v, IsOk());
    return v && *v;
  }
  std::string version_action(std::uint64_t version) {
    auto row = read_row<VersionRow>(*store_, Cf::kVersions, index::version_key(id_, version));
    EXPECT_THAT(row, IsOk());
    return row && *row ? (*row)->action : "";
  }

  /// create → save → submit → verify → ratify: a SOP in force at version 5.
  void put_in_force() {
    draft_ = step({"create", "1", {main_}}, false, sop("Surat Masuk"));
    draft_ = step({"save", "2", {draft_.id}}, false, sop("Pelayanan Surat Masuk"));
    ratify_from(2);
  }
  /// submit → verify → ratify of the open draft at `version`.
  void ratify_from(std::uint64_t version) {
    const std::string content = sop("Pelayanan Surat Masuk", "2025-02-01");
    auto v = [&](std::uint64_t n) { return std::to_string(version + n); };
    draft_ = step({"submit", v(1), {draft_.id}}, false, content);
    draft_ = step({"verify",
                   v(2),
                   {draft_.id},
                   kVerifikator,
                   {signature(kVerifikator, "diverifikasi", time_)}},
                  false, content);
    main_ = step({"ratify",
                  v(3),
                  {main_, draft_.id},
                  kPengesah,
                  {signature(kPengesah, "disahkan", time_)}},
                 true, content)
                .id;
  }

  std::string next_commit_id() {
    char id[41];
    std::snprintf(id, sizeof id, "%040llx", ++commits_);
    return id;
  }

  sopan::testing::TempDir dir_;
  std::unique_ptr<index::Store> store_;
  DuePeriods periods_;  // 6 and 12 months
  std::string id_ = new_id();
  std::string main_ = std::string(40, 'a');  // main's head, as far as this document knows it
  vcs::CommitInfo draft_;                    // the open draft's newest commit
  TimeMs time_ = kJanuary10;
  unsigned long long commits_ = 0;
  std::unique_ptr<Indexer> shared_;  // one Indexer for every commit, as a rebuild has
  index::Batch shared_batch_;
};

TEST_F(IndexerTest, CreateSaveSubmitVerifyRatify) {
  auto c1 = step({"create", "1", {main_}}, false, sop("Surat Masuk"));
  DocSummary s = summary();
  EXPECT_EQ(s.status, "konsep");
  EXPECT_EQ(s.last_version, 1u);
  ASSERT_TRUE(s.draft);
  EXPECT_EQ(s.draft->commit, c1.id);
  EXPECT_EQ(s.draft_opened, 1u);
  EXPECT_FALSE(s.in_force);
  EXPECT_EQ(s.title, "Surat Masuk");
  EXPECT_EQ(s.unit, "unit-a");
  EXPECT_EQ(s.updated_by, kPenyusun.name);
  EXPECT_TRUE(has(Cf::kByStatus, index::pair_key("konsep", id_)));
  EXPECT_TRUE(has(Cf::kContent, index::content_key(id_, true)));
  EXPECT_FALSE(has(Cf::kContent, index::content_key(id_, false)));

  auto c2 = step({"save", "2", {c1.id}}, false, sop("Pelayanan Surat Masuk"));
  s = summary();
  EXPECT_EQ(s.status, "konsep");
  EXPECT_EQ(s.last_version, 2u);
  EXPECT_EQ(s.draft->commit, c2.id);
  EXPECT_EQ(s.draft->version, 2u);
  EXPECT_EQ(s.draft_opened, 1u);
  EXPECT_EQ(s.title, "Pelayanan Surat Masuk");

  const std::string content = sop("Pelayanan Surat Masuk", "2025-02-01");
  auto c3 = step({"submit", "3", {c2.id}}, false, content);
  EXPECT_EQ(summary().status, "diajukan");
  EXPECT_TRUE(has(Cf::kByStatus, index::pair_key("diajukan", id_)));
  EXPECT_FALSE(has(Cf::kByStatus, index::pair_key("konsep", id_)));

  auto c4 =
      step({"verify", "4", {c3.id}, kVerifikator, {signature(kVerifikator, "diverifikasi", time_)}},
           false, content);
  s = summary();
  EXPECT_EQ(s.status, "diverifikasi");
  EXPECT_EQ(s.draft->commit, c4.id);
  EXPECT_EQ(s.updated_by, kVerifikator.name);
  EXPECT_FALSE(s.in_force);

  auto c5 =
      step({"ratify", "5", {main_, c4.id}, kPengesah, {signature(kPengesah, "disahkan", time_)}},
           true, content);
  s = summary();
  EXPECT_EQ(s.status, "berlaku");
  EXPECT_EQ(s.last_version, 5u);
  EXPECT_FALSE(s.draft);
  ASSERT_TRUE(s.in_force);
  EXPECT_EQ(s.in_force->commit, c5.id);
  EXPECT_EQ(s.in_force->version, 5u);
  EXPECT_EQ(s.in_force_identity.status, "berlaku");
  EXPECT_EQ(s.in_force_identity.title, "Pelayanan Surat Masuk");
  EXPECT_EQ(s.in_force_identity.updated_by, kPengesah.name);
  EXPECT_EQ(s.effective_date, "2025-02-01");
  EXPECT_EQ(s.monitoring_due, "2025-08-01");
  EXPECT_EQ(s.evaluation_due, "2026-02-01");
  EXPECT_TRUE(has(Cf::kByDue, index::due_key("2025-08-01", "monitoring", id_)));
  EXPECT_TRUE(has(Cf::kContent, index::content_key(id_, false)));
  EXPECT_FALSE(has(Cf::kContent, index::content_key(id_, true)));
  EXPECT_TRUE(has(Cf::kByStatus, index::pair_key("berlaku", id_)));
  EXPECT_FALSE(has(Cf::kByStatus, index::pair_key("diverifikasi", id_)));

  const char* actions[] = {"create", "save", "submit", "verify", "ratify"};
  for (std::uint64_t v = 1; v <= 5; ++v) EXPECT_EQ(version_action(v), actions[v - 1]);
  auto ratified = read_row<VersionRow>(*store_, Cf::kVersions, index::version_key(id_, 5));
  ASSERT_TRUE(ratified && *ratified);
  EXPECT_TRUE((*ratified)->on_main);
  EXPECT_EQ((*ratified)->signature, signature(kPengesah, "disahkan", c5.time - kMinute).second);
  EXPECT_EQ((*ratified)->message, "Alasan ratify");
}

TEST_F(IndexerTest, OneIndexerOverTheWholeHistoryGivesTheSameSummary) {
  // The write path applies each commit with its own Indexer and writes it; a rebuild applies
  // the whole history with one Indexer into one batch. Both must arrive at the same summary.
  put_in_force();
  const DocSummary written = summary();
  const std::string first = id_;
  id_ = new_id();  // the same history again, for another document
  main_ = std::string(40, 'a');
  time_ = kJanuary10;
  shared_ = std::make_unique<Indexer>(*store_, periods_);
  put_in_force();
  ASSERT_TRUE(shared_->summary(id_));
  EXPECT_EQ(shared_->summary(id_)->status, "berlaku");
  EXPECT_FALSE(shared_->summary(first));              // never touched in this run
  EXPECT_FALSE(has(Cf::kDocs, index::doc_key(id_)));  // nothing written yet
  ASSERT_THAT(store_->write(std::exchange(shared_batch_, {})), IsOk());
  DocSummary rebuilt = summary();
  // Same facts; only the ids differ.
  for (DocSummary* s : {&rebuilt}) {
    s->id = written.id;
    s->draft = written.draft;
    s->in_force->commit = written.in_force->commit;
  }
  EXPECT_EQ(json::serialize(rebuilt.to_json()), json::serialize(written.to_json()));
}

TEST_F(IndexerTest, ChangesRequestedThenARevisionAndItsDiscard) {
  draft_ = step({"create", "1", {main_}}, false, sop("Surat Masuk"));
  draft_ = step({"submit", "2", {draft_.id}}, false, sop("Surat Masuk"));
  draft_ = step({"request-changes", "3", {draft_.id}, kVerifikator}, false, sop("Surat Masuk"));
  EXPECT_EQ(summary().status, "konsep");
  EXPECT_EQ(summary().draft_opened, 1u);  // the same draft goes on
  draft_ = step({"save", "4", {draft_.id}}, false, sop("Pelayanan Surat Masuk"));
  ratify_from(4);
  ASSERT_EQ(summary().status, "berlaku");
  ASSERT_EQ(summary().last_version, 7u);

  // A revision opens a new draft; the version in force stays.
  draft_ = step({"revise", "8", {main_}}, false, sop("Pelayanan Surat Masuk Elektronik"));
  DocSummary s = summary();
  EXPECT_EQ(s.status, "konsep");
  EXPECT_EQ(s.draft_opened, 8u);
  ASSERT_TRUE(s.in_force);
  EXPECT_EQ(s.in_force->version, 7u);
  EXPECT_EQ(s.in_force_identity.status, "berlaku");
  EXPECT_EQ(s.in_force_identity.title, "Pelayanan Surat Masuk");
  EXPECT_EQ(s.title, "Pelayanan Surat Masuk Elektronik");
  EXPECT_EQ(s.monitoring_due, "2025-08-01");  // the clock runs on during a revision
  EXPECT_TRUE(has(Cf::kContent, index::content_key(id_, true)));
  EXPECT_TRUE(has(Cf::kContent, index::content_key(id_, false)));

  // Discarding it falls back to the version in force, identity and all.
  step({"discard", "9", {draft_.id}}, false, sop("Pelayanan Surat Masuk Elektronik"));
  s = summary();
  EXPECT_EQ(s.status, "berlaku");
  EXPECT_FALSE(s.draft);
  EXPECT_EQ(s.in_force->version, 7u);
  EXPECT_EQ(s.last_version, 9u);
  EXPECT_EQ(s.title, "Pelayanan Surat Masuk");
  EXPECT_FALSE(has(Cf::kContent, index::content_key(id_, true)));
  EXPECT_EQ(version_action(9), "discard");
}

TEST_F(IndexerTest, ADraftNeverInForceIsDiscardedForGood) {
  draft_ = step({"create", "1", {main_}}, false, sop("Surat Masuk"));
  step({"discard", "2", {draft_.id}}, false, sop("Surat Masuk"));
  DocSummary s = summary();
  EXPECT_EQ(s.status, "dibatalkan");
  EXPECT_FALSE(s.draft);
  EXPECT_FALSE(s.in_force);
  EXPECT_EQ(s.title, "Surat Masuk");  // still findable by those who may read drafts
}

TEST_F(IndexerTest, AWithdrawnSopIsNoLongerDue) {
  put_in_force();
  ASSERT_EQ(summary().monitoring_due, "2025-08-01");
  main_ =
      step({"withdraw", "6", {main_}, kPengesah}, true, sop("Pelayanan Surat Masuk", "2025-02-01"))
          .id;
  DocSummary s = summary();
  EXPECT_EQ(s.status, "dicabut");
  EXPECT_EQ(s.in_force_identity.status, "dicabut");
  EXPECT_EQ(s.in_force->commit, main_);
  EXPECT_EQ(s.monitoring_due, "");
  EXPECT_EQ(s.evaluation_due, "");
  EXPECT_FALSE(has(Cf::kByDue, index::due_key("2025-08-01", "monitoring", id_)));
  EXPECT_TRUE(has(Cf::kByStatus, index::pair_key("dicabut", id_)));
}

TEST_F(IndexerTest, MonitoringRecordMovesTheDueDate) {
  put_in_force();
  const std::string record = new_id();
  auto c = commit(
      {"monitor", std::nullopt, {main_}, kPenyusun, {{std::string(kTrailerRecord), record}}}, id_);
  ASSERT_THAT(apply(c, true, {{record_path(id_, record), R"({"date":"2025-07-15"})"}}), IsOk());
  DocSummary s = summary();
  EXPECT_EQ(s.last_monitoring, "2025-07-15");
  EXPECT_EQ(s.monitoring_due, "2026-01-15");
  EXPECT_EQ(s.evaluation_due, "2026-02-01");
  EXPECT_EQ(s.last_version, 5u);  // a record is no new version of the SOP
  auto row = read_row<RecordRow>(*store_, Cf::kRecords, index::item_key(id_, record));
  ASSERT_TRUE(row && *row);
  EXPECT_EQ((*row)->kind, "monitoring");
  EXPECT_EQ((*row)->date, "2025-07-15");
}

TEST_F(IndexerTest, ACommentMovesTheDraftHeadButNotItsVersion) {
  draft_ = step({"create", "1", {main_}}, false, sop("Surat Masuk"));
  const std::string comment = new_id();
  auto c = commit({kActionComment.data(),
                   std::nullopt,
                   {draft_.id},
                   kVerifikator,
                   {{std::string(kTrailerComment), comment}}},
                  id_);
  ASSERT_THAT(apply(c, false, {}), IsOk());
  DocSummary s = summary();
  EXPECT_EQ(s.draft->commit, c.id);
  EXPECT_EQ(s.draft->version, 1u);
  EXPECT_EQ(s.last_version, 1u);
  auto row = read_row<Comment>(*store_, Cf::kComments, index::item_key(id_, comment));
  ASSERT_TRUE(row && *row);
  EXPECT_EQ((*row)->nip, kVerifikator.nip);
  EXPECT_EQ((*row)->text, "Alasan comment");
  // The next save continues from the comment.
  step({"save", "2", {c.id}}, false, sop("Surat Masuk"));
}

// ---- Refusals: each commit differs from one the indexer accepts in a single fact; it is refused
// (kInternal), writes nothing, and the good commit is still accepted afterwards.

class IndexerRefusalTest : public IndexerTest {
 protected:
  /// Expects `c` refused with the summary untouched.
  void expect_commit_refused(const vcs::CommitInfo& c, bool on_main_line,
                             const std::map<std::string, std::string>& files = {}) {
    const std::string before = summary_json();
    auto files_with_doc = files;
    files_with_doc.emplace(doc_path(DocKind::kSop, id_), sop("Lain"));
    Status s = apply(c, on_main_line, files_with_doc);
    EXPECT_THAT(s, ErrcIs(Errc::kInternal)) << c.subject;
    EXPECT_EQ(summary_json(), before) << c.subject;
  }
  void expect_refused(const Step& s, bool on_main_line) {
    expect_commit_refused(commit(s, id_), on_main_line);
  }
};

TEST_F(IndexerRefusalTest, AnActionOnTheWrongLine) {
  put_in_force();
  draft_ = step({"revise", "6", {main_}}, false, sop("Revisi"));
  expect_refused({"save", "7", {draft_.id}}, /*on_main_line=*/true);
  expect_refused({"submit", "7", {draft_.id}}, true);
  expect_refused({"ratify", "7", {main_, draft_.id}, kPengesah}, /*on_main_line=*/false);
  const std::string record = new_id();
  expect_commit_refused(
      commit({"monitor", std::nullopt, {main_}, kPenyusun, {{std::string(kTrailerRecord), record}}},
             id_),
      false, {{record_path(id_, record), R"({"date":"2025-07-15"})"}});
  expect_refused({kActionComment.data(),
                  std::nullopt,
                  {draft_.id},
                  kVerifikator,
                  {{std::string(kTrailerComment), new_id()}}},
                 true);
  step({"save", "7", {draft_.id}}, false, sop("Revisi"));
}

TEST_F(IndexerRefusalTest, AVersionOutOfTurn) {
  draft_ = step({"create", "1", {main_}}, false, sop("Surat Masuk"));
  for (std::optional<std::string> v :
       {std::optional<std::string>("3"), std::optional<std::string>("1"),
        std::optional<std::string>("0"), std::optional<std::string>("02x"),
        std::optional<std::string>(""), std::optional<std::string>()})
    expect_refused({"save", v, {draft_.id}}, false);
  // A second create of the same document, and a first commit that is no create.
  expect_refused({"create", "2", {main_}}, false);
  expect_refused({"create", "1", {main_}}, false);
  const std::string existing = id_;
  id_ = new_id();
  Indexer indexer(*store_, periods_);
  index::Batch batch;
  auto none = [](const std::string&) -> Result<std::string> { return sop("Baru"); };
  EXPECT_THAT(indexer.apply(commit({"save", "1", {main_}}, id_), false, none, batch),
              ErrcIs(Errc::kInternal));
  EXPECT_THAT(indexer.apply(commit({"create", "2", {main_}}, id_), false, none, batch),
              ErrcIs(Errc::kInternal));
  EXPECT_TRUE(batch.empty());
  EXPECT_FALSE(indexer.summary(id_));  // a refused commit creates no document
  id_ = existing;
  step({"save", "2", {draft_.id}}, false, sop("Surat Masuk"));
}

TEST_F(IndexerRefusalTest, ASignatureOnAnActionThatDoesNotSign) {
  draft_ = step({"create", "1", {main_}}, false, sop("Surat Masuk"));
  for (const char* action : {"save", "submit", "request-changes"})
    expect_refused({action, "2", {draft_.id}, kPenyusun, {signature(kPenyusun, "disahkan", time_)}},
                   false);
  draft_ = step({"submit", "2", {draft_.id}}, false, sop("Surat Masuk"));
  // verify signs: with a signature by its author it goes through.
  step({"verify", "3", {draft_.id}, kVerifikator, {signature(kVerifikator, "diverifikasi", time_)}},
       false, sop("Surat Masuk"));
}

TEST_F(IndexerRefusalTest, ASignatureNamingSomeoneElse) {
  draft_ = step({"create", "1", {main_}}, false, sop("Surat Masuk"));
  draft_ = step({"submit", "2", {draft_.id}}, false, sop("Surat Masuk"));
  draft_ = step({"verify", "3", {draft_.id}, kVerifikator}, false, sop("Surat Masuk"));
  const Step good{"ratify", "4", {main_, draft_.id}, kPengesah, {}};
  // Signed in another's name: the pengesah's commit carrying the verifikator's signature.
  Step other = good;
  other.extra = {signature(kVerifikator, "disahkan", time_)};
  expect_refused(other, true);
  // Two signatures, the second not the author's.
  other.extra = {signature(kPengesah, "disahkan", time_), signature(kPenyusun, "disahkan", time_)};
  expect_refused(other, true);
  // A signature whose fields cannot be read.
  other.extra = {{std::string(kTrailerSignature), kPengesah.name + "; " + kPengesah.nip}};
  expect_refused(other, true);
  // The Sopan-Actor-NIP trailer must name the commit's author too.
  vcs::CommitInfo c = commit(good, id_);
  c.author = kVerifikator.git();
  expect_commit_refused(c, true);
  Step signed_right = good;
  signed_right.extra = {signature(kPengesah, "disahkan", time_)};
  step(signed_right, true, sop("Surat Masuk"));
  EXPECT_EQ(summary().status, "berlaku");
}

TEST_F(IndexerRefusalTest, ACommentWithoutAnOpenDraft) {
  put_in_force();
  const vcs::Trailers trailer{{std::string(kTrailerComment), new_id()}};
  // In force, no draft open.
  expect_refused({kActionComment.data(), std::nullopt, {main_}, kVerifikator, trailer}, false);
  draft_ = step({"revise", "6", {main_}}, false, sop("Revisi"));
  // On a commit that is not the draft's head.
  expect_refused({kActionComment.data(), std::nullopt, {main_}, kVerifikator, trailer}, false);
  // A reply to a comment that does not exist, or without a comment id.
  expect_refused({kActionComment.data(),
                  std::nullopt,
                  {draft_.id},
                  kVerifikator,
                  {trailer[0], {std::string(kTrailerReplyTo), new_id()}}},
                 false);
  expect_refused({kActionComment.data(), std::nullopt, {draft_.id}, kVerifikator}, false);
  expect_refused({kActionResolve.data(), std::nullopt, {draft_.id}, kVerifikator, trailer}, false);
  ASSERT_THAT(
      apply(commit({kActionComment.data(), std::nullopt, {draft_.id}, kVerifikator, trailer}, id_),
            false, {}),
      IsOk());
}

TEST_F(IndexerRefusalTest, ARecordBeforeTheSopIsInForce) {
  draft_ = step({"create", "1", {main_}}, false, sop("Surat Masuk"));
  const std::string record = new_id();
  const std::map<std::string, std::string> files{
      {record_path(id_, record), R"({"date":"2025-07-15"})"}};
  for (auto action : {kActionMonitor, kActionEvaluate})
    expect_commit_refused(commit({action.data(),
                                  std::nullopt,
                                  {main_},
                                  kPenyusun,
                                  {{std::string(kTrailerRecord), record}}},
                                 id_),
                          true, files);
  // In force, it is accepted.
  ratify_from(1);
  ASSERT_THAT(apply(commit({kActionMonitor.data(),
                            std::nullopt,
                            {main_},
                            kPenyusun,
                            {{std::string(kTrailerRecord), record}}},
                           id_),
                    true, files),
              IsOk());
}

TEST_F(IndexerRefusalTest, StepsThatDoNotContinueTheOpenDraft) {
  draft_ = step({"create", "1", {main_}}, false, sop("Surat Masuk"));
  const std::string stale = draft_.id;
  draft_ = step({"save", "2", {draft_.id}}, false, sop("Surat Masuk"));
  expect_refused({"save", "3", {stale}}, false);    // a fork of the draft
  expect_refused({"submit", "3", {stale}}, false);  // a review step on an old head
  expect_refused({"discard", "3", {stale}}, false);
  // A ratification that does not merge the draft head.
  draft_ = step({"submit", "3", {draft_.id}}, false, sop("Surat Masuk"));
  draft_ = step({"verify", "4", {draft_.id}, kVerifikator}, false, sop("Surat Masuk"));
  expect_refused({"ratify", "5", {main_, stale}, kPengesah}, true);
  expect_refused({"ratify", "5", {main_}, kPengesah}, true);
  // Withdrawing what is not in force; an action Sopan does not know.
  expect_refused({"withdraw", "5", {main_}, kPengesah}, true);
  expect_refused({"publish", "5", {draft_.id}}, false);
  step({"ratify", "5", {main_, draft_.id}, kPengesah}, true, sop("Surat Masuk"));
}

TEST_F(IndexerRefusalTest, ADocumentTrailerThatNamesNoDocument) {
  vcs::CommitInfo c = commit({"create", "1", {main_}}, id_);
  for (auto& [k, v] : c.trailers)
    if (k == kTrailerDoc) v = "sops/../" + id_;
  Indexer indexer(*store_, periods_);
  index::Batch batch;
  auto read = [](const std::string&) -> Result<std::string> { return sop("x"); };
  EXPECT_THAT(indexer.apply(c, false, read, batch), ErrcIs(Errc::kInternal));
  EXPECT_TRUE(batch.empty());
  // Commits without Sopan trailers (not ours) are skipped, on main or not.
  vcs::CommitInfo plain;
  plain.id = next_commit_id();
  plain.parents = {main_};
  EXPECT_THAT(indexer.apply(plain, true, read, batch), IsOk());
  EXPECT_THAT(indexer.apply(plain, false, read, batch), IsOk());
  EXPECT_TRUE(batch.empty());
}

}  // namespace
}  // namespace sopan::library
