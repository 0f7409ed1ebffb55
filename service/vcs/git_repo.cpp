#include "vcs/git_repo.hpp"

#include <git2.h>

#include <algorithm>
#include <mutex>

#include "common/log.hpp"
#include "common/text.hpp"

namespace sopan::vcs {
namespace {

template <class T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
template <class T, void (*Free)(T*)>
using Ptr = std::unique_ptr<T, Deleter<T, Free>>;

using RepoPtr = Ptr<git_repository, git_repository_free>;
using CommitPtr = Ptr<git_commit, git_commit_free>;
using TreePtr = Ptr<git_tree, git_tree_free>;
using EntryPtr = Ptr<git_tree_entry, git_tree_entry_free>;
using BlobPtr = Ptr<git_blob, git_blob_free>;
using RefPtr = Ptr<git_reference, git_reference_free>;
using SigPtr = Ptr<git_signature, git_signature_free>;
using WalkPtr = Ptr<git_revwalk, git_revwalk_free>;
using BuilderPtr = Ptr<git_treebuilder, git_treebuilder_free>;

void ensure_libgit2() {
  static std::once_flag once;
  std::call_once(once, [] {
    git_libgit2_init();
    // Durability: objects and refs are fsynced before a commit is reported (DESIGN §2).
    git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
  });
}

/// Maps a libgit2 failure to our error, logging libgit2's own text (which may be absent).
Error to_error(int rc, std::string_view op) {
  const ::git_error* e = git_error_last();
  log::error("git", {{"op", op}, {"rc", rc}, {"message", e && e->message ? e->message : ""}});
  switch (rc) {
    case GIT_ENOTFOUND:
      return make_error(Errc::kNotFound, "Objek tidak ditemukan di repositori");
    case GIT_EMODIFIED:
    case GIT_EEXISTS:
      return make_error(Errc::kPreconditionFailed, "Dokumen telah diubah oleh pihak lain");
    case GIT_ELOCKED:
      return make_error(Errc::kUnavailable, "Repositori sedang terkunci, coba lagi");
    default:
      return make_error(Errc::kInternal, "Kesalahan pada repositori git");
  }
}

std::string to_hex(const git_oid* oid) {
  char buf[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buf, sizeof buf, oid);
  return buf;
}

Result<git_oid> parse_oid(std::string_view hex) {
  git_oid oid;
  if (hex.size() != GIT_OID_HEXSZ || git_oid_fromstrn(&oid, hex.data(), hex.size()) != 0)
    return make_error(Errc::kInvalidArgument, "Versi tidak valid");
  return oid;
}

/// What git's signature format cannot hold (angle brackets end the name, newlines the header).
std::string clean_person_field(std::string_view v, std::string_view fallback) {
  std::string out = text::valid_utf8(v);
  for (char& c : out)
    if (c == '<' || c == '>' || static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
  while (!out.empty() && out.back() == ' ') out.pop_back();
  while (!out.empty() && out.front() == ' ') out.erase(out.begin());
  return out.empty() ? std::string(fallback) : out;
}

}  // namespace

std::optional<std::string_view> CommitInfo::trailer(std::string_view key) const {
  for (const auto& [k, v] : trailers)
    if (k == key) return std::string_view(v);
  return std::nullopt;
}

struct GitRepo::Impl {
  RepoPtr repo;

  Result<CommitPtr> lookup_commit(std::string_view id) {
    auto oid = parse_oid(id);
    if (!oid) return oid.error();
    git_commit* c = nullptr;
    if (int rc = git_commit_lookup(&c, repo.get(), &*oid); rc != 0)
      return to_error(rc, "commit_lookup");
    return CommitPtr(c);
  }

  Result<TreePtr> tree_of(std::string_view commit_id) {
    auto c = lookup_commit(commit_id);
    if (!c) return c.error();
    git_tree* t = nullptr;
    if (int rc = git_commit_tree(&t, c->get()); rc != 0) return to_error(rc, "commit_tree");
    return TreePtr(t);
  }

  Result<TreePtr> empty_tree() {
    git_treebuilder* b = nullptr;
    if (int rc = git_treebuilder_new(&b, repo.get(), nullptr); rc != 0)
      return to_error(rc, "treebuilder");
    BuilderPtr builder(b);
    git_oid oid;
    if (int rc = git_treebuilder_write(&oid, builder.get()); rc != 0)
      return to_error(rc, "treebuilder_write");
    git_tree* t = nullptr;
    if (int rc = git_tree_lookup(&t, repo.get(), &oid); rc != 0) return to_error(rc, "tree");
    return TreePtr(t);
  }

  Result<std::optional<EntryPtr>> entry(std::string_view commit_id, std::string_view path) {
    auto tree = tree_of(commit_id);
    if (!tree) return tree.error();
    git_tree_entry* e = nullptr;
    int rc = git_tree_entry_bypath(&e, tree->get(), std::string(path).c_str());
    if (rc == GIT_ENOTFOUND) return std::optional<EntryPtr>();
    if (rc != 0) return to_error(rc, "entry_bypath");
    return std::optional<EntryPtr>(EntryPtr(e));
  }

  CommitInfo info(git_commit* c) {
    CommitInfo out;
    out.id = to_hex(git_commit_id(c));
    out.tree = to_hex(git_commit_tree_id(c));
    for (unsigned i = 0; i < git_commit_parentcount(c); ++i)
      out.parents.push_back(to_hex(git_commit_parent_id(c, i)));
    const git_signature* a = git_commit_author(c);
    out.author = {a->name ? a->name : "", a->email ? a->email : ""};
    out.time = static_cast<TimeMs>(a->when.time) * 1000;
    // Our own reader, not git_message_trailers: it knows which part the person wrote.
    ParsedMessage parsed = parse_message(git_commit_message(c) ? git_commit_message(c) : "");
    out.subject = std::move(parsed.subject);
    out.message = std::move(parsed.note);
    out.trailers = std::move(parsed.trailers);
    out.current_format = parsed.current_format;
    return out;
  }
};

GitRepo::GitRepo(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
GitRepo::~GitRepo() = default;

Result<std::unique_ptr<GitRepo>> GitRepo::init_bare(const std::filesystem::path& path) {
  ensure_libgit2();
  if (std::filesystem::exists(path / "HEAD"))
    return make_error(Errc::kAlreadyExists, "Repositori sudah ada di " + path.string());
  git_repository* r = nullptr;
  if (int rc = git_repository_init(&r, path.c_str(), /*is_bare=*/1); rc != 0)
    return to_error(rc, "init");
  auto impl = std::make_unique<Impl>();
  impl->repo.reset(r);
  // HEAD names main so stock `git log` in the bare repository shows the ratified book.
  git_repository_set_head(r, "refs/heads/main");
  return std::unique_ptr<GitRepo>(new GitRepo(std::move(impl)));
}

Result<std::unique_ptr<GitRepo>> GitRepo::open(const std::filesystem::path& path) {
  ensure_libgit2();
  git_repository* r = nullptr;
  if (int rc = git_repository_open_bare(&r, path.c_str()); rc != 0) {
    to_error(rc, "open");
    return make_error(Errc::kNotFound, "Repositori tidak ditemukan di " + path.string());
  }
  auto impl = std::make_unique<Impl>();
  impl->repo.reset(r);
  return std::unique_ptr<GitRepo>(new GitRepo(std::move(impl)));
}

Result<std::string> GitRepo::commit(const NewCommit& c) {
  auto id = create_commit(c);
  if (!id) return id.error();
  if (auto s = move_ref(c.ref, *id, c.expected_ref, c.subject); !s) return s.error();
  return id;
}

Result<std::string> GitRepo::create_commit(const NewCommit& c) {
  git_repository* repo = impl_->repo.get();
  Result<TreePtr> base = c.base ? impl_->tree_of(*c.base) : impl_->empty_tree();
  if (!base) return base.error();

  std::vector<git_oid> blob_ids(c.changes.size());
  std::vector<git_tree_update> updates(c.changes.size());
  for (std::size_t i = 0; i < c.changes.size(); ++i) {
    const auto& ch = c.changes[i];
    updates[i].path = ch.path.c_str();
    updates[i].filemode = GIT_FILEMODE_BLOB;
    if (ch.content) {
      if (int rc = git_blob_create_from_buffer(&blob_ids[i], repo, ch.content->data(),
                                               ch.content->size());
          rc != 0)
        return to_error(rc, "blob");
      updates[i].action = GIT_TREE_UPDATE_UPSERT;
      updates[i].id = blob_ids[i];
    } else {
      updates[i].action = GIT_TREE_UPDATE_REMOVE;
    }
  }
  git_oid tree_id;
  if (int rc = git_tree_create_updated(&tree_id, repo, base->get(), updates.size(), updates.data());
      rc != 0)
    return to_error(rc, "tree_update");
  git_tree* t = nullptr;
  if (int rc = git_tree_lookup(&t, repo, &tree_id); rc != 0) return to_error(rc, "tree");
  TreePtr tree(t);

  std::vector<CommitPtr> parents;
  std::vector<const git_commit*> parent_ptrs;
  for (const auto& p : c.parents) {
    auto pc = impl_->lookup_commit(p);
    if (!pc) return pc.error();
    parent_ptrs.push_back(pc->get());
    parents.push_back(std::move(*pc));
  }

  git_time_t when = (c.time ? c.time : now_ms()) / 1000;
  git_signature *author_raw = nullptr, *committer_raw = nullptr;
  const std::string name = clean_person_field(c.author.name, "Tanpa Nama");
  const std::string email = clean_person_field(c.author.email, "tanpa-email");
  if (int rc = git_signature_new(&author_raw, name.c_str(), email.c_str(), when, 0); rc != 0)
    return to_error(rc, "signature");
  SigPtr author(author_raw);
  if (int rc = git_signature_new(&committer_raw, "Sopan", "server@sopan.local", when, 0); rc != 0)
    return to_error(rc, "signature");
  SigPtr committer(committer_raw);

  std::string message = format_message(c.subject, c.note, c.trailers);
  git_oid commit_id;
  if (int rc =
          git_commit_create(&commit_id, repo, nullptr, author.get(), committer.get(), "UTF-8",
                            message.c_str(), tree.get(), parent_ptrs.size(), parent_ptrs.data());
      rc != 0)
    return to_error(rc, "commit_create");
  return to_hex(&commit_id);
}

Status GitRepo::move_ref(std::string_view ref_name, std::string_view target,
                         const std::optional<std::string>& expected, std::string_view log_message) {
  auto target_oid = parse_oid(target);
  if (!target_oid) return target_oid.error();
  // The ref moves only from the value the caller read: a lost race is a conflict, never an
  // overwrite. A commit left behind by a lost race is unreachable and harmless.
  git_reference* ref = nullptr;
  int rc;
  const std::string name(ref_name);
  const std::string log = "sopan: " + text::cut_utf8(log_message, 72);
  if (expected) {
    auto expected_oid = parse_oid(*expected);
    if (!expected_oid) return expected_oid.error();
    rc = git_reference_create_matching(&ref, impl_->repo.get(), name.c_str(), &*target_oid, 1,
                                       &*expected_oid, log.c_str());
    if (rc == GIT_ENOTFOUND) rc = GIT_EMODIFIED;
  } else {
    rc = git_reference_create(&ref, impl_->repo.get(), name.c_str(), &*target_oid, 0, log.c_str());
  }
  if (rc != 0) return to_error(rc, "ref_update");
  git_reference_free(ref);
  return {};
}

Status GitRepo::delete_ref(std::string_view ref_name, std::string_view expected) {
  git_reference* r = nullptr;
  int rc = git_reference_lookup(&r, impl_->repo.get(), std::string(ref_name).c_str());
  if (rc == GIT_ENOTFOUND)
    return make_error(Errc::kPreconditionFailed, "Ref sudah tidak ada: " + std::string(ref_name));
  if (rc != 0) return to_error(rc, "ref_lookup");
  RefPtr ref(r);
  const git_oid* target = git_reference_target(r);
  if (!target || to_hex(target) != expected)
    return make_error(Errc::kPreconditionFailed, "Dokumen telah diubah oleh pihak lain");
  if (int rc2 = git_reference_delete(r); rc2 != 0) return to_error(rc2, "ref_delete");
  return {};
}

Result<std::optional<std::string>> GitRepo::ref_target(std::string_view ref_name) {
  git_oid oid;
  int rc = git_reference_name_to_id(&oid, impl_->repo.get(), std::string(ref_name).c_str());
  if (rc == GIT_ENOTFOUND) return std::optional<std::string>();
  if (rc != 0) return to_error(rc, "ref_target");
  return std::optional<std::string>(to_hex(&oid));
}

Result<std::vector<std::pair<std::string, std::string>>> GitRepo::list_refs() {
  git_strarray names{};
  if (int rc = git_reference_list(&names, impl_->repo.get()); rc != 0)
    return to_error(rc, "ref_list");
  std::vector<std::pair<std::string, std::string>> out;
  for (size_t i = 0; i < names.count; ++i) {
    git_oid oid;
    if (git_reference_name_to_id(&oid, impl_->repo.get(), names.strings[i]) == 0)
      out.emplace_back(names.strings[i], to_hex(&oid));
  }
  git_strarray_dispose(&names);
  std::sort(out.begin(), out.end());
  return out;
}

Result<CommitInfo> GitRepo::commit_info(std::string_view commit_id) {
  auto c = impl_->lookup_commit(commit_id);
  if (!c) return c.error();
  return impl_->info(c->get());
}

Result<std::optional<std::string>> GitRepo::blob_id(std::string_view commit_id,
                                                    std::string_view path) {
  auto e = impl_->entry(commit_id, path);
  if (!e) return e.error();
  if (!*e) return std::optional<std::string>();
  return std::optional<std::string>(to_hex(git_tree_entry_id((*e)->get())));
}

Result<std::optional<std::string>> GitRepo::read_file(std::string_view commit_id,
                                                      std::string_view path) {
  auto e = impl_->entry(commit_id, path);
  if (!e) return e.error();
  if (!*e) return std::optional<std::string>();
  git_blob* b = nullptr;
  if (int rc = git_blob_lookup(&b, impl_->repo.get(), git_tree_entry_id((*e)->get())); rc != 0)
    return to_error(rc, "blob_lookup");
  BlobPtr blob(b);
  auto* data = static_cast<const char*>(git_blob_rawcontent(b));
  return std::optional<std::string>(std::string(data, git_blob_rawsize(b)));
}

Result<std::vector<std::pair<std::string, std::string>>> GitRepo::list_files(
    std::string_view commit_id, std::string_view dir) {
  std::vector<std::pair<std::string, std::string>> out;
  auto e = impl_->entry(commit_id, dir);
  if (!e) return e.error();
  if (!*e || git_tree_entry_type((*e)->get()) != GIT_OBJECT_TREE) return out;
  git_tree* t = nullptr;
  if (int rc = git_tree_lookup(&t, impl_->repo.get(), git_tree_entry_id((*e)->get())); rc != 0)
    return to_error(rc, "tree_lookup");
  TreePtr tree(t);
  for (size_t i = 0; i < git_tree_entrycount(t); ++i) {
    const git_tree_entry* entry = git_tree_entry_byindex(t, i);
    if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB) continue;
    git_blob* b = nullptr;
    if (int rc = git_blob_lookup(&b, impl_->repo.get(), git_tree_entry_id(entry)); rc != 0)
      return to_error(rc, "blob_lookup");
    BlobPtr blob(b);
    out.emplace_back(
        git_tree_entry_name(entry),
        std::string(static_cast<const char*>(git_blob_rawcontent(b)), git_blob_rawsize(b)));
  }
  return out;
}

Status GitRepo::walk(const std::vector<std::string>& tips, const std::vector<std::string>& hide,
                     const std::function<Status(const CommitInfo&)>& visit) {
  git_revwalk* w = nullptr;
  if (int rc = git_revwalk_new(&w, impl_->repo.get()); rc != 0) return to_error(rc, "revwalk");
  WalkPtr walker(w);
  git_revwalk_sorting(w, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
  for (const auto& t : tips) {
    auto oid = parse_oid(t);
    if (!oid) return oid.error();
    if (int rc = git_revwalk_push(w, &*oid); rc != 0) return to_error(rc, "revwalk_push");
  }
  for (const auto& h : hide) {
    auto oid = parse_oid(h);
    // A hidden commit that no longer exists hides nothing; that is not an error.
    if (oid && has_commit(h)) git_revwalk_hide(w, &*oid);
  }
  git_oid oid;
  int rc;
  while ((rc = git_revwalk_next(&oid, w)) == 0) {
    git_commit* c = nullptr;
    if (int rc2 = git_commit_lookup(&c, impl_->repo.get(), &oid); rc2 != 0)
      return to_error(rc2, "walk_lookup");
    CommitPtr commit(c);
    if (auto s = visit(impl_->info(c)); !s) return s;
  }
  if (rc != GIT_ITEROVER) return to_error(rc, "revwalk_next");
  return {};
}

bool GitRepo::has_commit(std::string_view commit_id) {
  auto oid = parse_oid(commit_id);
  if (!oid) return false;
  git_commit* c = nullptr;
  if (git_commit_lookup(&c, impl_->repo.get(), &*oid) != 0) return false;
  git_commit_free(c);
  return true;
}

std::vector<std::string> stale_lock_files(const std::filesystem::path& repo_path) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const char* top : {"HEAD.lock", "config.lock", "packed-refs.lock", "index.lock"})
    if (std::filesystem::exists(repo_path / top, ec)) out.emplace_back(top);
  for (auto it = std::filesystem::recursive_directory_iterator(repo_path / "refs", ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec) && it->path().extension() == ".lock")
      out.push_back(std::filesystem::relative(it->path(), repo_path, ec).string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace sopan::vcs
