#include "library/document_library.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <map>
#include <random>
#include <set>
#include <span>
#include <tuple>

#include "common/ids.hpp"
#include "common/json.hpp"
#include "common/log.hpp"
#include "domain/anchor.hpp"
#include "domain/workflow.hpp"
#include "index/keys.hpp"
#include "library/indexer.hpp"
#include "library/kinds.hpp"
#include "library/rows.hpp"

namespace sopan::library {
namespace fs = std::filesystem;
namespace json = boost::json;
using index::Cf;

DocumentLibrary::~DocumentLibrary() = default;

Result<std::unique_ptr<DocumentLibrary>> DocumentLibrary::open(const fs::path& data_dir,
                                                               const Clock& clock) {
  auto ledger = Ledger::open(data_dir, clock);
  if (!ledger) return ledger.error();
  std::unique_ptr<DocumentLibrary> lib(new DocumentLibrary());
  lib->ledger_ = std::move(*ledger);
  auto logo = LogoLibrary::open(*lib->ledger_);
  if (!logo) return logo.error();
  lib->logo_ = std::move(*logo);
  return lib;
}

namespace {

Error not_found(std::string_view id) {
  return make_error(Errc::kNotFound, "Dokumen " + std::string(id) + " tidak ditemukan");
}

Error stale(std::uint64_t expected, std::uint64_t current) {
  Error e = make_error(Errc::kPreconditionFailed,
                       "Dokumen telah diubah oleh pihak lain: Anda menyunting versi " +
                           std::to_string(expected) + ", versi terkini " + std::to_string(current));
  e.details =
      json::array{json::object{{"path", "/headers/If-Match"},
                               {"message", "Versi terkini adalah " + std::to_string(current)},
                               {"current_version", current}}};
  return e;
}

}  // namespace

Result<vcs::CommitInfo> DocumentLibrary::commit_then_index(
    vcs::NewCommit commit, const Actor& actor, const std::string& path, const std::string& content,
    const std::optional<std::string>& remove_ref, json::object event) {
  return ledger_->publish(
      std::move(commit), actor,
      [&](const std::string& wanted) -> Result<std::string> {
        if (wanted != path) return make_error(Errc::kInternal, "Berkas tak terduga: " + wanted);
        return content;
      },
      {}, remove_ref, std::move(event));
}

Result<VersionRow> DocumentLibrary::commit_and_index(const DocRef& doc, vcs::NewCommit commit,
                                                     const std::string& content,
                                                     std::string_view action, std::uint64_t version,
                                                     const Actor& actor,
                                                     const std::optional<std::string>& remove_ref) {
  commit.trailers.insert(commit.trailers.begin(),
                         {{std::string(kTrailerAction), std::string(action)},
                          {std::string(kTrailerDoc), doc_trailer(doc.kind, doc.id)},
                          {std::string(kTrailerVersion), std::to_string(version)}});
  json::object event{{"kind", "doc." + std::string(action)},
                     {"doc", doc_trailer(doc.kind, doc.id)},
                     {"version", version}};
  // The unit the version states, so the timeline finds the event under it (event_index.hpp).
  if (auto parsed = json_util::parse(content); parsed && parsed->is_object())
    if (auto unit = json_util::string_field(parsed->as_object(), "unit")) event["unit"] = *unit;
  auto info = commit_then_index(std::move(commit), actor, doc_path(doc.kind, doc.id), content,
                                remove_ref, std::move(event));
  if (!info) return info.error();
  // The row as the indexer wrote it, so the answer and a later history read are the same.
  auto row = version_row(doc.id, version);
  if (!row) return row.error();
  if (!*row) return make_error(Errc::kInternal, "Versi tidak terindeks");
  return std::move(**row);
}

Result<std::vector<vcs::FileChange>> DocumentLibrary::document_files(const DocRef& doc,
                                                                     const std::string& content,
                                                                     const std::string& base) {
  std::vector<vcs::FileChange> files{{doc_path(doc.kind, doc.id), content}};
  const KindDescriptor* kind = find_kind(doc.kind);
  if (!kind || !kind->beside) return files;
  std::string stem = files.front().path;
  stem.resize(stem.size() - std::string_view(".json").size());
  for (auto& [suffix, derived] : kind->beside(doc.id, content)) {
    std::string path = stem + suffix;
    if (!derived) {
      // git refuses to remove what a tree does not hold.
      auto present = ledger_->git().read_file(base, path);
      if (!present) return present.error();
      if (!*present) continue;
    }
    files.push_back({std::move(path), std::move(derived)});
  }
  return files;
}

Result<VersionRow> DocumentLibrary::create(DocKind kind, std::string content, const Actor& actor,
                                           std::string message, std::string* new_id) {
  return ledger_->write([&]() -> Result<VersionRow> {
    DocRef doc{kind, sopan::new_id()};
    auto main = ledger_->git().ref_target(kMainRef);
    if (!main) return main.error();
    vcs::NewCommit c;
    c.ref = draft_ref(doc.id);
    c.parents = {**main};
    c.base = **main;
    auto files = document_files(doc, content, **main);
    if (!files) return files.error();
    c.changes.insert(c.changes.end(), files->begin(), files->end());
    c.note = std::move(message);
    auto row = commit_and_index(doc, std::move(c), content, "create", 1, actor, std::nullopt);
    if (row && new_id) *new_id = doc.id;
    return row;
  });
}

Result<VersionRow> DocumentLibrary::save_draft(const SaveRequest& req, std::string_view action) {
  return ledger_->write([&]() -> Result<VersionRow> {
    auto s = summary(req.id);
    if (!s) return s.error();
    if (s->kind != req.kind) return not_found(req.id);
    const std::uint64_t current =
        s->draft ? s->draft->version : (s->in_force ? s->in_force->version : 0);
    if (req.expected_version != current) return stale(req.expected_version, current);
    // A new draft only revises a version in force: a withdrawn, superseded or discarded document
    // has ended (the workflow has no way back from those states).
    if (!s->draft && s->status != "berlaku")
      return make_error(Errc::kConflict,
                        "Dokumen berstatus " + s->status + " tidak dapat disunting lagi");
    auto main = ledger_->git().ref_target(kMainRef);
    if (!main) return main.error();
    if (s->draft && action == "save") {
      // Nothing changed (an autosave, a second click): no new version, the head answers.
      auto stored = ledger_->store().get(Cf::kContent, index::content_key(req.id, true));
      if (!stored) return stored.error();
      if (*stored && **stored == req.content) {
        auto head = version_row(req.id, s->draft->version);
        if (!head) return head.error();
        if (*head) return std::move(**head);
      }
    }
    vcs::NewCommit c;
    c.ref = draft_ref(req.id);
    if (s->draft) c.expected_ref = s->draft->commit;
    // The draft carries main's current tree with this one document changed, so
    // `git diff main refs/drafts/<id>` shows only this document.
    c.parents = {s->draft ? s->draft->commit : **main};
    c.base = **main;
    auto files = document_files({req.kind, req.id}, req.content, **main);
    if (!files) return files.error();
    c.changes.insert(c.changes.end(), files->begin(), files->end());
    c.note = req.message;
    return commit_and_index({req.kind, req.id}, std::move(c), req.content, action,
                            s->last_version + 1, req.actor, std::nullopt);
  });
}

Result<std::pair<DocSummary, std::string>> DocumentLibrary::open_draft(
    const std::string& id, std::uint64_t expected_version) const {
  auto s = summary(id);
  if (!s) return s.error();
  if (!s->draft)
    return make_error(Errc::kConflict, "Dokumen " + id + " tidak memiliki konsep terbuka");
  if (expected_version != s->draft->version) return stale(expected_version, s->draft->version);
  auto content = ledger_->store().get(Cf::kContent, index::content_key(id, true));
  if (!content) return content.error();
  if (!*content) return make_error(Errc::kInternal, "Isi konsep hilang dari indeks");
  return std::pair{std::move(*s), std::move(**content)};
}

Result<VersionRow> DocumentLibrary::merge_draft(const MergeRequest& req,
                                                const std::optional<std::string>& replacement,
                                                std::string_view action) {
  return ledger_->write([&]() -> Result<VersionRow> {
    auto draft = open_draft(req.id, req.expected_version);
    if (!draft) return draft.error();
    auto& [s, content] = *draft;
    auto base = ledger_->next_on_main();
    if (!base) return base.error();
    vcs::NewCommit c = std::move(*base);
    c.parents.push_back(s.draft->commit);
    const std::string& file = replacement ? *replacement : content;
    auto files = document_files({s.kind, req.id}, file, *c.base);
    if (!files) return files.error();
    c.changes.insert(c.changes.end(), files->begin(), files->end());
    c.note = req.message;
    c.trailers = req.extra_trailers;
    return commit_and_index({s.kind, req.id}, std::move(c), file, action, s.last_version + 1,
                            req.actor, draft_ref(req.id));
  });
}

Result<VersionRow> DocumentLibrary::discard_draft(const DiscardRequest& req) {
  return ledger_->write([&]() -> Result<VersionRow> {
    auto draft = open_draft(req.id, req.expected_version);
    if (!draft) return draft.error();
    auto& [s, content] = *draft;
    const std::uint64_t version = s.last_version + 1;
    // The closing commit goes on an archive ref of its own; the draft ref then goes away.
    vcs::NewCommit c;
    c.ref = std::string(kDiscardedPrefix) + req.id + "/" + std::to_string(version);
    c.parents = {s.draft->commit};
    c.base = s.draft->commit;
    c.note = req.message;
    return commit_and_index({s.kind, req.id}, std::move(c), content, "discard", version, req.actor,
                            draft_ref(req.id));
  });
}

Result<VersionRow> DocumentLibrary::record_step(const StepRequest& req) {
  return ledger_->write([&]() -> Result<VersionRow> {
    auto draft = open_draft(req.id, req.expected_version);
    if (!draft) return draft.error();
    auto& [s, content] = *draft;
    vcs::NewCommit c;
    c.ref = draft_ref(req.id);
    c.expected_ref = s.draft->commit;
    c.parents = {s.draft->commit};
    c.base = s.draft->commit;  // no change to the tree: the step is in the message and trailers
    c.note = req.message;
    c.trailers = req.extra_trailers;
    return commit_and_index({s.kind, req.id}, std::move(c), content, req.action, s.last_version + 1,
                            req.actor, std::nullopt);
  });
}

Result<VersionRow> DocumentLibrary::record_main_step(const StepRequest& req) {
  return ledger_->write([&]() -> Result<VersionRow> {
    auto s = summary(req.id);
    if (!s) return s.error();
    if (!s->in_force) return make_error(Errc::kConflict, "Dokumen belum pernah berlaku");
    if (s->draft)
      return make_error(Errc::kConflict, "Dokumen sedang memiliki konsep terbuka; selesaikan dulu");
    if (req.expected_version != s->in_force->version)
      return stale(req.expected_version, s->in_force->version);
    auto content = ledger_->store().get(Cf::kContent, index::content_key(req.id, false));
    if (!content) return content.error();
    if (!*content) return make_error(Errc::kInternal, "Isi dokumen hilang dari indeks");
    auto base = ledger_->next_on_main();
    if (!base) return base.error();
    vcs::NewCommit c = std::move(*base);
    c.note = req.message;
    return commit_and_index({s->kind, req.id}, std::move(c), **content, req.action,
                            s->last_version + 1, req.actor, std::nullopt);
  });
}

namespace {
/// The first `max_bytes` of `text` (never cutting a UTF-8 character), with "…" when cut.
std::string excerpt(const std::string& text, std::size_t max_bytes = 80) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "…";
}
}  // namespace

Result<std::vector<DocSummary>> DocumentLibrary::linked_from(std::string_view id) const {
  ListFilter filter;
  filter.matches = [id](const DocSummary& s) {
    return std::find(s.links.begin(), s.links.end(), id) != s.links.end();
  };
  filter.limit = std::numeric_limits<std::size_t>::max();
  return list(filter);
}

Status DocumentLibrary::not_an_author_of_the_draft(const DocSummary& summary,
                                                   const std::string& nip) const {
  if (nip.empty()) return {};
  auto rows = history(summary.id);
  if (!rows) return rows.error();
  const std::string email_prefix = nip + "@";
  for (const auto& row : *rows) {
    if (row.version < summary.draft_opened || row.on_main) continue;
    const domain::Action* a = domain::action(row.action);
    const bool authored =
        a && (a->effect == domain::Effect::kCreate || a->effect == domain::Effect::kEdit);
    if (authored && row.actor_email.starts_with(email_prefix))
      return make_error(Errc::kPermissionDenied,
                        "Anda ikut menyusun konsep ini (versi " + std::to_string(row.version) +
                            "); verifikasi dan pengesahan harus dilakukan orang lain");
  }
  return {};
}

Status DocumentLibrary::no_open_comments_by(const DocSummary& summary,
                                            const std::string& nip) const {
  auto all = comments(summary.id);
  if (!all) return all.error();
  // Anchors are stored in their stable form (domain/anchor.hpp): name them as the draft has them.
  auto draft = ledger_->store().get(Cf::kContent, index::content_key(summary.id, true));
  if (!draft) return draft.error();
  auto draft_doc = json_util::parse(draft->value_or("{}"));
  json::array open;
  for (const auto& c : *all)
    if (c.id == c.thread && !c.resolved && c.nip == nip && summary.in_open_draft(c.draft_version)) {
      const std::string where = c.anchor.empty() ? "dokumen"
                                : draft_doc ? domain::resolve_anchor(*draft_doc, c.anchor).pointer
                                            : c.anchor;
      open.push_back(json::object{
          {"path", "/comments/" + c.id},
          {"message", "Komentar Anda pada " + where + " belum diselesaikan: " + excerpt(c.text)}});
    }
  if (open.empty()) return {};
  Error e = make_error(Errc::kConflict, "Masih ada " + std::to_string(open.size()) +
                                            " komentar Anda yang belum diselesaikan");
  e.details = std::move(open);
  return e;
}

Status DocumentLibrary::allows(const DocSummary& summary, std::string_view name) {
  const domain::Action* action = domain::action(name);
  if (!action || !action->workflow) {
    std::string known;
    for (const auto& a : domain::actions())
      if (a.workflow) known += (known.empty() ? "" : ", ") + std::string(a.name);
    return field_error(Errc::kNotFound, "Tindakan tidak dikenal", "/params/action",
                       "Tindakan: " + known);
  }
  if (domain::transition(summary.status, name)) return {};
  std::string allowed;
  for (auto a : domain::allowed_actions(summary.status))
    allowed += (allowed.empty() ? "" : ", ") + std::string(a);
  return field_error(
      Errc::kConflict,
      "Tindakan " + std::string(name) + " tidak dapat dilakukan pada status " + summary.status,
      "/params/action",
      allowed.empty() ? "Tidak ada tindakan lagi untuk status ini"
                      : "Yang dapat dilakukan: " + allowed);
}

Status DocumentLibrary::may_take_back(const DocSummary& summary, std::string_view name,
                                      const Actor& actor) const {
  const domain::Action* action = domain::action(name);
  if (!action || action->takes_back.empty()) return {};
  auto rows = history(summary.id);
  if (!rows) return rows.error();
  const VersionRow* taken = nullptr;
  for (const auto& row : *rows)
    if (summary.in_open_draft(row.version) && !row.on_main && row.action == action->takes_back)
      taken = &row;
  if (!taken)
    return field_error(Errc::kConflict, "Tidak ada pengajuan terbuka yang dapat ditarik kembali",
                       "/params/action", "Konsep ini belum diajukan");
  // The account that took the step; a commit that names none (the command line, older data)
  // is matched by the person's NIP.
  const bool same = !taken->account.empty()
                        ? taken->account == actor.account
                        : !actor.nip.empty() && taken->actor_email.starts_with(actor.nip + "@");
  if (same) return {};
  return field_error(
      Errc::kPermissionDenied,
      "Hanya yang mengajukan konsep ini (" + taken->actor_name +
          ") yang dapat menarik kembali pengajuannya",
      "/params/action",
      "Minta " + taken->actor_name + " menariknya, atau tunggu verifikator mengembalikannya");
}

Result<VersionRow> DocumentLibrary::act(const ActRequest& req, const KindRules& rules) {
  auto s = summary(req.id);
  if (!s) return s.error();
  if (auto ok = allows(*s, req.action); !ok) return ok.error();
  const domain::Action* action = domain::action(req.action);
  if (action->independent)
    if (auto ok = not_an_author_of_the_draft(*s, req.actor.nip); !ok) return ok.error();
  if (auto ok = may_take_back(*s, req.action, req.actor); !ok) return ok.error();
  if (action->signs != req.signature.has_value() ||
      (req.signature && req.signature->nip != req.actor.nip))
    return make_error(Errc::kInternal, "Tanda tangan tidak sesuai dengan tindakan");
  vcs::Trailers signed_by;
  if (req.signature) signed_by.push_back(req.signature->trailer());

  switch (action->effect) {
    case domain::Effect::kReview: {
      if (req.action == "verify")
        if (auto ok = no_open_comments_by(*s, req.actor.nip); !ok) return ok.error();
      if (req.action == "submit" && rules.submission_problems) {
        auto draft = read(req.id, {ReadSelector::Kind::kDraft});
        if (!draft) return draft.error();
        auto problems = rules.submission_problems(draft->content);
        if (!problems.empty()) {
          Error e = make_error(Errc::kValidation,
                               "Konsep belum dapat diajukan: " + std::to_string(problems.size()) +
                                   " hal perlu diperbaiki");
          e.details = domain::to_json(problems);
          return e;
        }
      }
      return record_step(
          {req.id, req.expected_version, req.action, req.actor, req.reason, std::move(signed_by)});
    }
    case domain::Effect::kMainStep:
      return record_main_step({req.id, req.expected_version, req.action, req.actor, req.reason});
    case domain::Effect::kDiscard:
      return discard_draft({req.id, req.expected_version, req.actor, req.reason});
    case domain::Effect::kEdit: {
      auto in_force = read(req.id, {});
      if (!in_force) return in_force.error();
      std::string content =
          rules.revision_of ? rules.revision_of(in_force->content) : in_force->content;
      return save_draft(
          {s->kind, req.id, req.expected_version, std::move(content), req.actor, req.reason},
          req.action);
    }
    case domain::Effect::kMerge: {
      const std::string signed_on =
          format_date(local_date(req.signature->time, ledger_->instansi().utc_offset_minutes));
      const std::string effective = req.effective_date.empty() ? signed_on : req.effective_date;
      if (!parse_date(effective))
        return field_error(Errc::kValidation, "Tanggal efektif tidak valid", "/effective_date",
                           "Harus berupa tanggal YYYY-MM-DD");
      if (effective < signed_on)
        return field_error(Errc::kValidation, "Tanggal efektif tidak boleh sebelum hari ini",
                           "/effective_date",
                           "Pilih hari ini (" + signed_on + ") atau tanggal kemudian");
      auto draft = read(req.id, {ReadSelector::Kind::kDraft});
      if (!draft) return draft.error();
      std::optional<std::string> stamped;
      if (rules.stamp_ratification) {
        auto content = rules.stamp_ratification(draft->content, *req.signature, effective);
        if (!content) return content.error();
        stamped = std::move(*content);
      }
      return merge_draft(
          {req.id, req.expected_version, req.actor, req.reason, std::move(signed_by)}, stamped,
          req.action);
    }
    default:
      return make_error(Errc::kInternal, "Tindakan tanpa aturan: " + req.action);
  }
}

struct ItemKind {
  std::string_view trailer;    // Sopan-Comment, Sopan-Record
  std::string_view event_key;  // "comment", "record"
  Cf cf;
  std::string_view missing;  // the error when the row is not there after indexing
};
namespace {
const ItemKind kCommentItem{kTrailerComment, "comment", Cf::kComments, "Komentar tidak terindeks"};
const ItemKind kRecordItem{kTrailerRecord, "record", Cf::kRecords, "Catatan tidak terindeks"};
}  // namespace

template <class Row>
Result<Row> DocumentLibrary::commit_item(const DocRef& doc, vcs::NewCommit commit,
                                         std::string_view action, const ItemKind& kind,
                                         const std::string& item_id, const std::string& path,
                                         const std::string& content, const Actor& actor) {
  commit.trailers.insert(commit.trailers.begin(),
                         {{std::string(kTrailerAction), std::string(action)},
                          {std::string(kTrailerDoc), doc_trailer(doc.kind, doc.id)},
                          {std::string(kind.trailer), item_id}});
  json::object event{{"kind", "doc." + std::string(action)},
                     {"doc", doc_trailer(doc.kind, doc.id)},
                     {kind.event_key, item_id}};
  if (auto summary = this->summary(doc.id)) event["unit"] = summary->unit;
  auto info =
      commit_then_index(std::move(commit), actor, path, content, std::nullopt, std::move(event));
  if (!info) return info.error();
  auto row = read_row<Row>(ledger_->store(), kind.cf, index::item_key(doc.id, item_id));
  if (!row) return row.error();
  if (!*row) return make_error(Errc::kInternal, std::string(kind.missing));
  return std::move(**row);
}

Result<Comment> DocumentLibrary::comment(const CommentRequest& req) {
  return ledger_->write([&]() -> Result<Comment> {
    auto s = summary(req.id);
    if (!s) return s.error();
    if (!s->draft)
      return make_error(Errc::kConflict, "Komentar hanya dapat diberikan pada konsep yang terbuka");
    std::string comment_id = req.action == kActionComment ? sopan::new_id() : req.thread;
    if (!req.thread.empty()) {
      auto found =
          read_row<Comment>(ledger_->store(), Cf::kComments, index::item_key(req.id, req.thread));
      if (!found) return found.error();
      const auto& root = *found;
      if (!root || root->thread != root->id)
        return make_error(Errc::kNotFound, "Komentar " + req.thread + " tidak ditemukan");
      // Replies and resolutions belong to the current draft's threads only.
      if (!s->in_open_draft(root->draft_version))
        return make_error(Errc::kConflict,
                          "Komentar itu milik konsep sebelumnya dan sudah ditutup");
      if (req.action == kActionResolve && root->resolved)
        return make_error(Errc::kConflict, "Komentar sudah diselesaikan");
      if (req.action == kActionReopen && !root->resolved)
        return make_error(Errc::kConflict, "Komentar belum diselesaikan");
    }
    // The reviewer points by position in the draft they read; what is stored follows the
    // element (the draft read under the writer's lock is the one the comment lands on).
    std::string anchor;
    if (req.action == kActionComment && req.thread.empty() && !req.anchor.empty()) {
      auto content = ledger_->store().get(Cf::kContent, index::content_key(req.id, true));
      if (!content) return content.error();
      auto draft = json_util::parse(content->value_or(""));
      if (!draft) return make_error(Errc::kInternal, "Isi konsep tidak dapat dibaca");
      const KindDescriptor* kind = find_kind(s->kind);
      auto stable =
          domain::stable_anchor(*draft, req.anchor,
                                kind ? std::span<const std::string_view>(kind->keyed_arrays)
                                     : std::span<const std::string_view>());
      if (!stable)
        return field_error(Errc::kValidation, "Bagian yang dikomentari tidak ada di konsep",
                           "/anchor", "Pilih bagian yang ada, misalnya langkah yang masih ada");
      anchor = std::move(*stable);
    }
    vcs::NewCommit c;
    c.ref = draft_ref(req.id);
    c.expected_ref = s->draft->commit;
    c.parents = {s->draft->commit};
    c.base = s->draft->commit;  // no file changes: the comment is the message, its facts trailers
    c.note = req.action == kActionComment ? req.text
                                          : (req.action == kActionResolve ? "Komentar diselesaikan"
                                                                          : "Komentar dibuka lagi");
    if (req.action == kActionComment && !req.thread.empty())
      c.trailers.push_back({std::string(kTrailerReplyTo), req.thread});
    if (!anchor.empty()) c.trailers.push_back({std::string(kTrailerAnchor), anchor});
    return commit_item<Comment>({s->kind, req.id}, std::move(c), req.action, kCommentItem,
                                comment_id, "", "", req.actor);
  });
}

Result<std::vector<Comment>> DocumentLibrary::comments(std::string_view id) const {
  if (!is_valid_id(id)) return not_found(id);
  return read_rows<Comment>(ledger_->store(), Cf::kComments, index::items_prefix(id));
}

Result<RecordRow> DocumentLibrary::add_record(const RecordRequest& req) {
  return ledger_->write([&]() -> Result<RecordRow> {
    auto s = summary(req.id);
    if (!s) return s.error();
    if (!s->in_force || s->status == "dicabut" || s->status == "digantikan")
      return make_error(
          Errc::kConflict,
          "Monitoring dan evaluasi hanya untuk SOP yang berlaku (status " + s->status + ")");
    const std::string record_id = sopan::new_id();
    json::object record = req.record;
    record["id"] = record_id;
    record["sop"] = req.id;
    record["sop_version"] = s->in_force->version;
    const std::string path = record_path(req.id, record_id);
    const std::string content = json_util::pretty(record);
    auto base = ledger_->next_on_main();
    if (!base) return base.error();
    vcs::NewCommit c = std::move(*base);
    c.changes.push_back({path, content});
    c.note = req.message;
    c.trailers = req.extra_trailers;
    return commit_item<RecordRow>({s->kind, req.id}, std::move(c), req.action, kRecordItem,
                                  record_id, path, content, req.actor);
  });
}

Result<std::vector<RecordRow>> DocumentLibrary::records(std::string_view id) const {
  if (!is_valid_id(id)) return not_found(id);
  return read_rows<RecordRow>(ledger_->store(), Cf::kRecords, index::items_prefix(id));
}

Result<std::vector<DueItem>> DocumentLibrary::due_until(std::string_view date) const {
  std::vector<DueItem> out;
  auto s = ledger_->store().scan(Cf::kByDue, {}, [&](std::string_view key, std::string_view) {
    if (key.size() < 10 || key.substr(0, 10) > date) return false;  // keys sort by date
    index::KeyReader reader(key.substr(10));
    auto what = reader.prefixed();
    auto doc = reader.prefixed();
    if (what && doc) out.push_back({std::string(key.substr(0, 10)), *what, *doc});
    return true;
  });
  if (!s) return s.error();
  return out;
}

Result<DocSummary> DocumentLibrary::summary(std::string_view id) const {
  return summary_in(ledger_->store(), id);
}

Result<DocSummary> DocumentLibrary::summary_in(const index::Reader& view, std::string_view id) {
  if (!is_valid_id(id)) return not_found(id);
  auto row = read_row<DocSummary>(view, Cf::kDocs, index::doc_key(id));
  if (!row) return row.error();
  if (!*row) return not_found(id);
  return std::move(**row);
}

Result<Document> DocumentLibrary::read(std::string_view id, const ReadSelector& selector) {
  // One moment of the index: the summary, the content and the history rows agree (never version
  // N's head with version N+1's text).
  const auto view = ledger_->snapshot();
  auto s = summary_in(*view, id);
  if (!s) return s.error();
  Document doc;
  doc.summary = std::move(*s);
  const DocSummary& sum = doc.summary;
  const std::string now = today();
  // The newest is the open draft, else what is in force (below, with what is ratified for later).
  const bool latest = selector.kind == ReadSelector::Kind::kLatest;
  const ReadSelector::Kind kind =
      latest ? (sum.draft ? ReadSelector::Kind::kDraft : ReadSelector::Kind::kInForce)
             : selector.kind;

  // The index holds the open draft and the newest version in force: the plain read answers from
  // it unless that version's effective day is still ahead (then the timeline decides, as for
  // any other day).
  const bool draft = kind == ReadSelector::Kind::kDraft;
  if (draft ||
      (kind == ReadSelector::Kind::kInForce && (!sum.in_force || sum.effective_date <= now))) {
    const auto& head = draft ? sum.draft : sum.in_force;
    if (!head)
      return make_error(Errc::kNotFound, draft    ? "Dokumen tidak memiliki konsep terbuka"
                                         : latest ? "Dokumen tidak memiliki konsep terbuka dan "
                                                    "belum pernah disahkan"
                                                  : "Dokumen belum pernah berlaku");
    auto content = view->get(Cf::kContent, index::content_key(id, draft));
    if (!content) return content.error();
    if (!*content) return make_error(Errc::kInternal, "Isi dokumen hilang dari indeks");
    doc.content = std::move(**content);
    doc.version = head->version;
    doc.commit = head->commit;
    doc.is_draft = draft;
    doc.status = draft ? sum.status : sum.in_force_identity.status;
    if (!draft) doc.as_of = now;
    return doc;
  }

  // Older versions are read from git: rare, and git is where they live.
  std::optional<VersionRow> row;
  if (kind == ReadSelector::Kind::kVersion) {
    auto found =
        read_row<VersionRow>(*view, Cf::kVersions, index::version_key(id, selector.version));
    if (!found) return found.error();
    if (!*found)
      return make_error(Errc::kNotFound, "Versi " + std::to_string(selector.version) +
                                             " tidak ada untuk dokumen ini");
    row = std::move(**found);
    doc.status =
        row->on_main
            ? std::string(domain::action(row->action) ? domain::action(row->action)->status : "")
            : "konsep";
  } else {
    const std::string date = kind == ReadSelector::Kind::kAt ? selector.date : now;
    auto rows = history_in(*view, id);
    if (!rows) return rows.error();
    auto state = in_force_at(*rows, date, ledger_->instansi().utc_offset_minutes);
    // Ratified, in force only from a later day and nothing before it: the newest there is.
    if (latest && !state.version && state.pending) state.version = state.pending;
    if (!state.version)
      return make_error(
          Errc::kNotFound,
          state.pending
              ? "Dokumen sudah disahkan tetapi belum berlaku "
                "pada tanggal itu (berlaku mulai " +
                    effective_day(*state.pending, ledger_->instansi().utc_offset_minutes) + ")"
              : "Dokumen belum berlaku pada tanggal itu");
    row = std::move(state.version);
    doc.status = state.status;
    doc.as_of = date;
    if (state.pending) {
      doc.pending_version = state.pending->version;
      doc.pending_effective = effective_day(*state.pending, ledger_->instansi().utc_offset_minutes);
    }
  }
  auto content = ledger_->read_file(row->commit, doc_path(sum.kind, sum.id));
  if (!content) return content.error();
  if (!*content)
    return make_error(Errc::kInternal, "Berkas dokumen hilang di komit " + row->commit);
  doc.content = std::move(**content);
  doc.version = row->version;
  doc.commit = row->commit;
  doc.is_draft = !row->on_main;
  return doc;
}

Result<InForceAt> DocumentLibrary::at(std::string_view id, std::string_view date) const {
  auto rows = history(id);
  if (!rows) return rows.error();
  return in_force_at(*rows, date, ledger_->instansi().utc_offset_minutes);
}

Result<std::optional<DocSummary>> DocumentLibrary::summary_at(const DocSummary& summary,
                                                              std::string_view date) const {
  auto state = at(summary.id, date);
  if (!state) return state.error();
  if (state->status.empty()) return std::optional<DocSummary>();
  DocSummary s = summary.in_force ? summary.as_in_force() : summary;
  s.draft.reset();
  s.status = state->status;
  const std::optional<VersionRow>& shown = state->version ? state->version : state->pending;
  if (shown) {
    s.in_force = Head{shown->commit, shown->version, shown->time};
    if (!shown->unit.empty()) s.unit = shown->unit;
    s.number = shown->number;
    s.title = shown->title;
    s.acting = shown->acting;
    s.effective_date = effective_day(*shown, ledger_->instansi().utc_offset_minutes);
  }
  // Monitoring and evaluation due dates are today's business, not the past day's.
  s.monitoring_due.clear();
  s.evaluation_due.clear();
  return std::optional<DocSummary>(std::move(s));
}

Result<std::vector<VersionRow>> DocumentLibrary::history(std::string_view id) const {
  return history_in(ledger_->store(), id);
}

Result<std::vector<VersionRow>> DocumentLibrary::history_in(const index::Reader& view,
                                                            std::string_view id) {
  if (!is_valid_id(id)) return not_found(id);
  auto rows = read_rows<VersionRow>(view, Cf::kVersions, index::versions_prefix(id));
  if (rows && rows->empty()) return not_found(id);
  return rows;
}

Result<std::optional<VersionRow>> DocumentLibrary::version_row(std::string_view id,
                                                               std::uint64_t version) const {
  if (!is_valid_id(id)) return not_found(id);
  return read_row<VersionRow>(ledger_->store(), Cf::kVersions, index::version_key(id, version));
}

Result<std::optional<VerificationRow>> DocumentLibrary::verification(std::string_view key) const {
  return read_row<VerificationRow>(ledger_->store(), Cf::kVerifications, std::string(key));
}

Result<std::vector<DocSummary>> DocumentLibrary::list(const ListFilter& filter) const {
  std::vector<DocSummary> out;
  std::optional<Error> bad;
  auto keep = [&](const DocSummary& s) {
    return (!filter.kind || s.kind == *filter.kind) && (!filter.unit || s.unit == *filter.unit) &&
           (!filter.status || s.status == *filter.status) && (!filter.matches || filter.matches(s));
  };
  auto add_id = [&](std::string_view doc_id) {
    auto s = summary(doc_id);
    if (!s) {
      bad = s.error();
      return false;
    }
    if (keep(*s)) out.push_back(std::move(*s));
    return out.size() < filter.limit;
  };
  Status s;
  if (filter.unit || filter.status) {
    // Walk the narrower secondary index; the other filters are checked on each summary.
    Cf cf = filter.unit ? Cf::kByUnit : Cf::kByStatus;
    std::string group = filter.unit ? *filter.unit : *filter.status;
    s = ledger_->store().scan(cf, index::pair_prefix(group),
                              [&](std::string_view key, std::string_view) {
                                index::KeyReader reader(key);
                                reader.prefixed();
                                auto doc_id = reader.prefixed();
                                return doc_id ? add_id(*doc_id) : true;
                              });
  } else {
    s = ledger_->store().scan(Cf::kDocs, {}, [&](std::string_view, std::string_view value) {
      auto v = json_util::parse(value);
      auto sum = v ? DocSummary::from_json(*v) : Result<DocSummary>(v.error());
      if (!sum) {
        bad = sum.error();
        return false;
      }
      if (keep(*sum)) out.push_back(std::move(*sum));
      return out.size() < filter.limit;
    });
  }
  if (!s) return s.error();
  if (bad) return *bad;
  return out;
}

Result<std::size_t> DocumentLibrary::count_documents() const {
  std::size_t n = 0;
  auto s = ledger_->store().scan(Cf::kDocs, {}, [&](std::string_view, std::string_view) {
    ++n;
    return true;
  });
  if (!s) return s.error();
  return n;
}

}  // namespace sopan::library
