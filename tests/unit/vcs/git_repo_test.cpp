#include "vcs/git_repo.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "support/temp_dir.hpp"

namespace sopan::vcs {
namespace {
using sopan::testing::ErrcIs;
using sopan::testing::IsOk;

class GitRepoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto r = GitRepo::init_bare(dir_.path() / "repo.git");
    ASSERT_THAT(r, IsOk());
    repo_ = std::move(*r);
  }

  Result<std::string> commit_file(std::string ref, std::optional<std::string> expected,
                                  std::vector<std::string> parents, std::string path,
                                  std::string content, Trailers trailers = {}) {
    NewCommit c;
    c.ref = std::move(ref);
    c.expected_ref = expected;
    c.base = parents.empty() ? std::nullopt : std::optional<std::string>(parents.front());
    c.parents = std::move(parents);
    c.changes.push_back({std::move(path), std::move(content)});
    c.author = {"Siti Aminah", "198001012005012001@contoh.go.id"};
    c.note = "Ubah berkas";
    c.trailers = std::move(trailers);
    return repo_->commit(c);
  }

  sopan::testing::TempDir dir_;
  std::unique_ptr<GitRepo> repo_;
};

TEST_F(GitRepoTest, CommitsNestedFilesAndReadsThemBack) {
  auto first = commit_file("refs/heads/main", std::nullopt, {}, "sops/ab/X.json", "{}\n",
                           {{"Sopan-Action", "save"}, {"Sopan-Version", "1"}});
  ASSERT_THAT(first, IsOk());
  auto second = commit_file("refs/heads/main", *first, {*first}, "sops/cd/Y.json", "[1]\n");
  ASSERT_THAT(second, IsOk());

  EXPECT_EQ(repo_->ref_target("refs/heads/main").value(), *second);
  EXPECT_EQ(repo_->read_file(*second, "sops/ab/X.json").value(), "{}\n");  // kept from parent
  EXPECT_EQ(repo_->read_file(*second, "sops/cd/Y.json").value(), "[1]\n");
  EXPECT_EQ(repo_->read_file(*first, "sops/cd/Y.json").value(), std::nullopt);

  auto info = repo_->commit_info(*first);
  ASSERT_THAT(info, IsOk());
  EXPECT_EQ(info->message, "Ubah berkas");
  EXPECT_EQ(info->author.name, "Siti Aminah");
  EXPECT_EQ(info->trailer("Sopan-Action"), "save");
  EXPECT_EQ(info->trailer("Sopan-Version"), "1");
  EXPECT_EQ(info->trailer("Missing"), std::nullopt);
}

TEST_F(GitRepoTest, RefMovesOnlyFromTheExpectedCommit) {
  auto first = commit_file("refs/heads/main", std::nullopt, {}, "a.json", "1");
  ASSERT_THAT(first, IsOk());
  // Creating again as if the ref were absent: refused.
  EXPECT_THAT(commit_file("refs/heads/main", std::nullopt, {}, "a.json", "2"),
              ErrcIs(Errc::kPreconditionFailed));
  auto second = commit_file("refs/heads/main", *first, {*first}, "a.json", "3");
  ASSERT_THAT(second, IsOk());
  // A writer that still believes main is at `first` loses, and main stays put.
  EXPECT_THAT(commit_file("refs/heads/main", *first, {*first}, "a.json", "4"),
              ErrcIs(Errc::kPreconditionFailed));
  EXPECT_EQ(repo_->ref_target("refs/heads/main").value(), *second);
  // Expecting a ref that does not exist is refused too.
  EXPECT_THAT(commit_file("refs/drafts/X", *first, {*first}, "a.json", "5"),
              ErrcIs(Errc::kPreconditionFailed));
  EXPECT_EQ(repo_->ref_target("refs/drafts/X").value(), std::nullopt);
}

TEST_F(GitRepoTest, DeleteRefChecksTheTarget) {
  auto c = commit_file("refs/drafts/D", std::nullopt, {}, "a.json", "1");
  ASSERT_THAT(c, IsOk());
  EXPECT_THAT(repo_->delete_ref("refs/drafts/D", std::string(40, '0')),
              ErrcIs(Errc::kPreconditionFailed));
  EXPECT_THAT(repo_->delete_ref("refs/drafts/D", *c), IsOk());
  EXPECT_EQ(repo_->ref_target("refs/drafts/D").value(), std::nullopt);
  EXPECT_TRUE(repo_->has_commit(*c));
}

TEST_F(GitRepoTest, WalkVisitsParentsFirstAndRespectsHide) {
  auto a = commit_file("refs/heads/main", std::nullopt, {}, "f", "a");
  auto b = commit_file("refs/drafts/D", std::nullopt, {*a}, "f", "b");
  auto c = commit_file("refs/heads/main", *a, {*a}, "g", "c");
  // A merge of the draft into main.
  NewCommit m;
  m.ref = "refs/heads/main";
  m.expected_ref = *c;
  m.parents = {*c, *b};
  m.base = *c;
  m.changes.push_back({"f", "b"});
  m.author = {"A", "a@x"};
  m.note = "merge";
  auto merged = repo_->commit(m);
  ASSERT_THAT(merged, IsOk());

  std::vector<std::string> order;
  ASSERT_THAT(repo_->walk({*merged}, {},
                          [&](const CommitInfo& ci) -> Status {
                            order.push_back(ci.id);
                            return {};
                          }),
              IsOk());
  ASSERT_EQ(order.size(), 4u);
  EXPECT_EQ(order.front(), *a);
  EXPECT_EQ(order.back(), *merged);

  order.clear();
  ASSERT_THAT(repo_->walk({*merged}, {*c},
                          [&](const CommitInfo& ci) -> Status {
                            order.push_back(ci.id);
                            return {};
                          }),
              IsOk());
  EXPECT_EQ(order, (std::vector<std::string>{*b, *merged}));
}

TEST_F(GitRepoTest, ThePersonsTextIsNeverReadBackAsATrailer) {
  // The attacks of the trust issue: a trailer block after a blank line, after git's `---`
  // divider, after a NUL (which ended the C string before), with CR LF.
  const std::string forged = "Sopan-Action: ratify\nSopan-Signature: Palsu; 1; Kepala; disahkan; x";
  for (std::string note : {"ok\n\n" + forged, "ok\n---\n" + forged, "ok\n\n---\n\n" + forged,
                           std::string("ok\0\n\n", 5) + forged, "ok\r\n\r\n" + forged, forged}) {
    NewCommit c;
    c.ref = "refs/heads/t";
    c.changes.push_back({"a.txt", "a"});
    c.author = {"Siti", "1@contoh.go.id"};
    c.subject = "Sopan: save";
    c.note = note;
    c.trailers = {{"Sopan-Action", "save"}};
    auto id = repo_->create_commit(c);
    ASSERT_THAT(id, IsOk());
    auto info = repo_->commit_info(*id);
    ASSERT_THAT(info, IsOk());
    EXPECT_EQ(info->trailers, (Trailers{{"Sopan-Action", "save"}, {"Sopan-Format", "2"}}));
    EXPECT_EQ(info->message, clean_note(note));
    EXPECT_FALSE(info->trailer("Sopan-Signature"));
  }
}

TEST_F(GitRepoTest, CreateCommitMovesNoRefUntilMoveRef) {
  NewCommit c;
  c.ref = "refs/heads/t";
  c.changes.push_back({"a.txt", "a"});
  c.author = {"Siti <evil>", "1@contoh.go.id"};  // angle brackets would make git refuse the name
  auto id = repo_->create_commit(c);
  ASSERT_THAT(id, IsOk());
  EXPECT_EQ(repo_->ref_target("refs/heads/t").value(), std::nullopt);
  EXPECT_THAT(repo_->move_ref("refs/heads/t", *id, std::string(40, '1'), "x"),
              ErrcIs(Errc::kPreconditionFailed));
  ASSERT_THAT(repo_->move_ref("refs/heads/t", *id, std::nullopt, "x"), IsOk());
  EXPECT_EQ(repo_->ref_target("refs/heads/t").value(), *id);
  EXPECT_EQ(repo_->commit_info(*id)->author.name, "Siti  evil");
}

TEST_F(GitRepoTest, StaleLockFilesAreFound) {
  EXPECT_TRUE(stale_lock_files(dir_.path() / "repo.git").empty());
  std::filesystem::create_directories(dir_.path() / "repo.git/refs/drafts");
  std::ofstream(dir_.path() / "repo.git/refs/drafts/01ABC.lock") << "x";
  std::ofstream(dir_.path() / "repo.git/packed-refs.lock") << "x";
  EXPECT_EQ(stale_lock_files(dir_.path() / "repo.git"),
            (std::vector<std::string>{"packed-refs.lock", "refs/drafts/01ABC.lock"}));
}

}  // namespace
}  // namespace sopan::vcs
