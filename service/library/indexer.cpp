#include "library/indexer.hpp"

#include <boost/json/serialize.hpp>

#include "common/hash.hpp"
#include "common/ids.hpp"
#include "common/json.hpp"
#include "common/time.hpp"
#include "domain/signature.hpp"
#include "domain/verification.hpp"
#include "index/keys.hpp"
#include "library/kinds.hpp"
#include "library/rows.hpp"

namespace sopan::library {
namespace json = boost::json;
using index::Cf;

std::optional<std::uint64_t> version_of(const vcs::CommitInfo& commit) {
  auto text = commit.trailer(kTrailerVersion);
  if (!text || text->empty() || text->size() > 18) return std::nullopt;
  std::uint64_t version = 0;
  for (char c : *text) {
    if (c < '0' || c > '9') return std::nullopt;
    version = version * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (version == 0) return std::nullopt;
  return version;
}

std::string main_day_key(TimeMs time, int utc_offset_minutes) {
  return std::string(kMainDayPrefix) + format_date(local_date(time, utc_offset_minutes));
}

std::string commit_subject(const vcs::Trailers& trailers) {
  std::string action, doc, version, item;
  for (const auto& [k, v] : trailers) {
    if (k == kTrailerAction && action.empty()) action = v;
    if (k == kTrailerDoc && doc.empty()) doc = v;
    if (k == kTrailerVersion && version.empty()) version = v;
    if ((k == kTrailerComment || k == kTrailerRecord) && item.empty()) item = v;
  }
  std::string out = "Sopan: " + (action.empty() ? std::string("perubahan") : action);
  if (!doc.empty()) out += " " + doc;
  if (!version.empty()) out += " versi " + version;
  if (!item.empty()) out += " (" + item + ")";
  return out;
}

std::string doc_trailer(DocKind kind, std::string_view id) {
  return std::string(find_kind(kind)->folder) + "/" + std::string(id);
}

std::optional<DocRef> parse_doc_trailer(std::string_view value) {
  const std::size_t slash = value.find('/');
  const KindDescriptor* k =
      slash == std::string_view::npos ? nullptr : kind_by_folder(value.substr(0, slash));
  if (!k || !is_valid_id(value.substr(slash + 1))) return std::nullopt;
  return DocRef{k->kind, std::string(value.substr(slash + 1))};
}

const DocSummary* Indexer::summary(const std::string& id) const {
  auto it = overlay_.find(id);
  return it == overlay_.end() ? nullptr : &it->second;
}

Result<DocSummary*> Indexer::load(const DocRef& doc) {
  if (auto it = overlay_.find(doc.id); it != overlay_.end()) return &it->second;
  auto stored = read_row<DocSummary>(store_, Cf::kDocs, index::doc_key(doc.id));
  if (!stored) return stored.error();
  DocSummary s;
  if (*stored) {
    s = std::move(**stored);
  } else {
    s.id = doc.id;
    s.kind = doc.kind;
  }
  return &overlay_.emplace(doc.id, std::move(s)).first->second;
}

namespace {
Error refused(std::string reason) { return make_error(Errc::kInternal, std::move(reason)); }
}  // namespace

Status Indexer::check(const vcs::CommitInfo& commit, bool on_main_line, std::string_view action,
                      const std::optional<DocRef>& doc) {
  const auto nip = commit.trailer(kTrailerActorNip);
  if (nip && commit.author.email.substr(0, commit.author.email.find('@')) != *nip)
    return refused("NIP pelaku tidak sama dengan penulis komit");
  for (const auto& [key, value] : commit.trailers) {
    if (key != kTrailerSignature) continue;
    const domain::Action* signing = domain::action(action);
    // A manual answer of a rubric is signed too (api/score.cpp), outside the workflow.
    if (action != kActionAnswer && (!signing || !signing->signs))
      return refused("Tanda tangan pada aksi yang tidak menandatangani");
    auto signer = domain::read_signature(value);
    if (!signer || !nip || signer->nip != *nip)
      return refused("Tanda tangan tidak menyebut penulis komit");
  }
  if (!doc) {
    // Not a document commit (the instansi, org changes): only main carries them.
    if (!action.empty() && !on_main_line) return refused("Komit organisasi di luar main");
    return {};
  }
  if (action.empty()) return refused("Komit dokumen tanpa aksi");

  // Peek at the summary without creating one for a document that does not exist; one that does
  // goes into the overlay, where `load` (called next when the commit is applied) finds it.
  const DocSummary* s = nullptr;
  if (auto it = overlay_.find(doc->id); it != overlay_.end()) {
    s = &it->second;
  } else {
    auto row = read_row<DocSummary>(store_, Cf::kDocs, index::doc_key(doc->id));
    if (!row) return row.error();
    if (*row) s = &overlay_.emplace(doc->id, std::move(**row)).first->second;
  }
  const bool exists = s && s->last_version > 0;
  if (exists && s->kind != doc->kind) return refused("Jenis dokumen berubah");
  auto first_parent = [&]() -> std::string_view {
    return commit.parents.empty() ? std::string_view() : std::string_view(commit.parents.front());
  };
  const bool on_open_draft = exists && s->draft && first_parent() == s->draft->commit;

  const domain::Action* rule = domain::action(action);
  if (!rule) return refused("Aksi tidak dikenal: " + std::string(action));
  using domain::Effect;
  if (rule->effect == Effect::kComment) {
    if (on_main_line) return refused("Komentar di main");
    if (!on_open_draft) return refused("Komentar tanpa konsep terbuka");
    auto id = commit.trailer(kTrailerComment);
    if (!id || !is_valid_id(*id)) return refused("Trailer komentar rusak");
    auto thread = action == kActionComment ? commit.trailer(kTrailerReplyTo) : id;
    if (thread && *thread != *id) {
      if (!is_valid_id(*thread)) return refused("Trailer balasan rusak");
      std::string key = index::item_key(doc->id, *thread);
      if (!comments_.count(key)) {
        auto root = store_.get(Cf::kComments, key);
        if (!root) return root.error();
        if (!*root) return refused("Komentar yang dirujuk tidak ada");
      }
    }
    return {};
  }
  if (rule->effect == Effect::kRecord) {
    if (!on_main_line) return refused("Catatan di luar main");
    if (!exists || !s->in_force) return refused("Catatan untuk dokumen yang belum berlaku");
    auto id = commit.trailer(kTrailerRecord);
    if (!id || !is_valid_id(*id)) return refused("Trailer catatan rusak");
    return {};
  }
  const bool on_main = rule->line == domain::Line::kMain;
  if (on_main != on_main_line)
    return refused(on_main ? "Aksi main di luar garis main" : "Aksi konsep di main");
  auto version = version_of(commit);
  if (!version) return refused("Trailer versi hilang atau rusak");
  if (rule->effect == Effect::kCreate ? exists || *version != 1
                                      : !exists || *version != s->last_version + 1)
    return refused("Versi tidak berurutan");
  switch (rule->effect) {
    case Effect::kMerge:
      if (!s->draft || commit.parents.size() != 2 || commit.parents[1] != s->draft->commit)
        return refused("Pengesahan tanpa konsep yang digabung");
      break;
    case Effect::kMainStep:
      if (!s->in_force || s->draft) return refused("Aksi pada dokumen yang tidak berlaku");
      break;
    case Effect::kDiscard:
      if (!on_open_draft) return refused("Pembatalan tanpa konsep terbuka");
      break;
    case Effect::kReview:
      if (!on_open_draft) return refused("Langkah pemeriksaan tanpa konsep terbuka");
      break;
    case Effect::kEdit:
      if (s->draft && !on_open_draft)
        return refused("Komit konsep tidak melanjutkan konsep terbuka");
      // Only a version in force is revised: a withdrawn or superseded document has ended.
      if (!s->draft && s->status != "berlaku") return refused("Konsep pada dokumen yang berakhir");
      break;
    default:
      break;
  }
  return {};
}

void Indexer::put_verification(const VersionRow& ratified, const DocRef& doc,
                               const KindDescriptor& kind, const std::string& content,
                               index::Batch& batch) {
  auto signer = domain::read_signature(ratified.signature);
  if (!signer) return;  // check() refuses a merge whose signature does not read
  VerificationRow v;
  v.path = doc_path(doc.kind, doc.id);
  v.code = domain::verification_key(ratified.commit, v.path);
  v.commit = ratified.commit;
  v.doc_id = doc.id;
  v.kind = std::string(kind.kind.name);
  v.version = ratified.version;
  v.sha256 = sha256_hex(content);
  v.name = signer->name;
  v.position = signer->position;
  v.meaning = signer->meaning;
  v.signed_at = signer->time;
  v.effective = ratified.effective;
  v.unit = ratified.unit;
  v.number = ratified.number;
  v.title = ratified.title;
  batch.put(Cf::kVerifications, v.code, json::serialize(v.to_json()));
}

Status Indexer::apply_doc(const vcs::CommitInfo& commit, const DocRef& doc,
                          const domain::Action& rule, std::uint64_t version,
                          const std::string& content, index::Batch& batch) {
  auto loaded = load(doc);
  if (!loaded) return loaded.error();
  DocSummary& s = **loaded;
  const bool existed = s.last_version > 0;
  const std::string old_unit = s.unit, old_status = s.status;

  Head head{commit.id, version, commit.time};
  // The content in force after this commit (nullopt while nothing is): readers without draft
  // rights see the document as this version states it, and search only its words.
  const bool on_main = rule.line == domain::Line::kMain;
  const bool closes_draft = rule.effect == domain::Effect::kDiscard;
  const KindDescriptor* known_kind = find_kind(doc.kind);
  if (!known_kind) return make_error(Errc::kInternal, "Jenis dokumen tidak dikenal");
  const KindDescriptor& kind = *known_kind;
  std::optional<std::string> in_force;
  if (on_main) {
    in_force = content;
  } else if (s.in_force) {
    if (auto it = in_force_.find(doc.id); it != in_force_.end()) {
      in_force = it->second;
    } else {
      auto stored = store_.get(Cf::kContent, index::content_key(doc.id, false));
      if (!stored) return stored.error();
      in_force = stored->value_or("");
    }
  }
  std::string latest = content;  // identity and search words come from the newest live content
  if (on_main) {
    s.in_force = head;
    s.draft.reset();
    batch.put(Cf::kContent, index::content_key(doc.id, false), content);
    batch.del(Cf::kContent, index::content_key(doc.id, true));
    in_force_[doc.id] = content;
    s.status = std::string(rule.status);
    s.effective_date = identity_of(kind, content).effective;
  } else if (closes_draft) {
    s.draft.reset();
    batch.del(Cf::kContent, index::content_key(doc.id, true));
    // Back to the state of what is on main (berlaku), or "dibatalkan" when nothing ever was.
    s.status = s.in_force ? s.in_force_identity.status : std::string(rule.status);
    // Back to what is in force; a document never in force keeps its last draft's identity (and
    // search words), so it stays findable as "dibatalkan" (by those who may read drafts).
    if (in_force) latest = *in_force;
  } else {
    if (!s.draft) s.draft_opened = version;
    s.draft = head;
    batch.put(Cf::kContent, index::content_key(doc.id, true), content);
    s.status = std::string(rule.status);
  }
  // Identity fields come from the content a view shows, as the kind's descriptor names them.
  auto set_identity = [&](const std::string& text, std::string& unit, std::string& number,
                          std::string& title, std::vector<std::string>& tags) {
    Identity id = identity_of(kind, text);
    unit = std::move(id.unit);
    number = std::move(id.number);
    title = std::move(id.title);
    tags = std::move(id.tags);
  };
  set_identity(latest, s.unit, s.number, s.title, s.classification);
  {
    Identity newest = identity_of(kind, latest);
    s.links = std::move(newest.links);
    s.acting = std::move(newest.acting);
  }
  if (on_main) {
    InForceIdentity& f = s.in_force_identity;
    set_identity(content, f.unit, f.number, f.title, f.classification);
    f.acting = identity_of(kind, content).acting;
    f.status = std::string(rule.status);
    f.updated_at = commit.time;
    f.updated_by = commit.author.name;
  }

  s.last_version = std::max(s.last_version, version);
  s.updated_at = commit.time;
  s.updated_by = commit.author.name;

  VersionRow row;
  row.version = version;
  row.commit = commit.id;
  row.action = std::string(rule.name);
  row.actor_name = commit.author.name;
  row.actor_email = commit.author.email;
  row.time = commit.time;
  row.message = commit.message;
  row.on_main = on_main;
  row.signature = std::string(commit.trailer(kTrailerSignature).value_or(""));
  row.position = std::string(commit.trailer(kTrailerActorPosition).value_or(""));
  if (auto account = commit.trailer(kTrailerActorAccount); account && is_valid_id(*account))
    row.account = std::string(*account);
  if (rule.effect == domain::Effect::kMerge) row.effective = s.effective_date;
  if (rule.effect == domain::Effect::kMerge) {
    row.unit = s.in_force_identity.unit;
    row.number = s.in_force_identity.number;
    row.title = s.in_force_identity.title;
    row.acting = s.in_force_identity.acting;
  }
  batch.put(Cf::kVersions, index::version_key(doc.id, version), json::serialize(row.to_json()));
  if (rule.effect == domain::Effect::kMerge && !row.signature.empty())
    put_verification(row, doc, kind, content, batch);
  if (existed && old_unit != s.unit) batch.del(Cf::kByUnit, index::pair_key(old_unit, doc.id));
  if (existed && old_status != s.status)
    batch.del(Cf::kByStatus, index::pair_key(old_status, doc.id));
  batch.put(Cf::kByUnit, index::pair_key(s.unit, doc.id), "");
  batch.put(Cf::kByStatus, index::pair_key(s.status, doc.id), "");
  update_dues(s, batch);
  batch.put(Cf::kDocs, index::doc_key(doc.id), json::serialize(s.to_json()));

  // Search keeps both views: the newest content and the version in force (search.hpp).
  auto old_terms = terms_.find(doc.id);
  if (old_terms == terms_.end()) {
    auto stored = search::stored_terms(store_, doc.id);
    if (!stored) return stored.error();
    old_terms = terms_.emplace(doc.id, std::move(*stored)).first;
  }
  search::Terms new_terms = search::document_terms(
      kind, latest, in_force ? std::optional<std::string_view>(*in_force) : std::nullopt);
  search::put_terms(batch, doc.id, old_terms->second, new_terms);
  old_terms->second = std::move(new_terms);
  return {};
}

void Indexer::update_dues(DocSummary& s, index::Batch& batch) const {
  std::string monitoring, evaluation;
  // Due only while a version is in force (a revision in progress does not stop the clock), and
  // only for a kind that keeps monitoring and evaluation records.
  const KindDescriptor* kind = find_kind(s.kind);
  const bool in_force =
      kind && kind->records && s.in_force && s.status != "dicabut" && s.status != "digantikan";
  if (in_force) {
    std::string start =
        s.effective_date.empty() ? format_utc(s.in_force->time).substr(0, 10) : s.effective_date;
    auto next = [&](const std::string& last, int months) {
      auto base = parse_date(std::max(start, last));
      return base ? format_date(add_months(*base, months)) : std::string();
    };
    monitoring = next(s.last_monitoring, periods_.monitoring_months);
    evaluation = next(s.last_evaluation, periods_.evaluation_months);
  }
  auto move = [&](std::string& stored, const std::string& now, std::string_view what) {
    if (stored == now) return;
    if (!stored.empty()) batch.del(Cf::kByDue, index::due_key(stored, what, s.id));
    if (!now.empty()) batch.put(Cf::kByDue, index::due_key(now, what, s.id), "");
    stored = now;
  };
  move(s.monitoring_due, monitoring, "monitoring");
  move(s.evaluation_due, evaluation, "evaluasi");
}

Result<Comment*> Indexer::load_comment(const std::string& doc_id, const std::string& comment_id) {
  std::string key = index::item_key(doc_id, comment_id);
  if (auto it = comments_.find(key); it != comments_.end()) return &it->second;
  auto stored = read_row<Comment>(store_, Cf::kComments, key);
  if (!stored) return stored.error();
  if (!*stored)
    return make_error(Errc::kInternal, "Komentar " + comment_id + " tidak ada di indeks");
  return &comments_.emplace(std::move(key), std::move(**stored)).first->second;
}

Status Indexer::apply_comment(const vcs::CommitInfo& commit, const DocRef& doc,
                              std::string_view action, index::Batch& batch) {
  auto id = commit.trailer(kTrailerComment);
  if (!id || !is_valid_id(*id))
    return make_error(Errc::kInternal, "Trailer komentar rusak: " + commit.id);
  auto loaded = load(doc);
  if (!loaded) return loaded.error();
  DocSummary& s = **loaded;
  if (!s.draft) return make_error(Errc::kInternal, "Komentar tanpa konsep terbuka: " + commit.id);
  if (action != kActionComment || commit.trailer(kTrailerReplyTo)) {
    // Load the thread first, so a failure changes nothing.
    auto root = load_comment(doc.id, std::string(commit.trailer(kTrailerReplyTo).value_or(*id)));
    if (!root) return root.error();
  }
  // The comment is the draft's newest commit; the content and its version are unchanged.
  s.draft->commit = commit.id;
  batch.put(Cf::kDocs, index::doc_key(doc.id), json::serialize(s.to_json()));
  const std::string nip(commit.trailer(kTrailerActorNip).value_or(""));

  auto store = [&](const Comment& c) {
    batch.put(Cf::kComments, index::item_key(doc.id, c.id), json::serialize(c.to_json()));
  };
  if (action == kActionComment) {
    Comment c;
    c.id = std::string(*id);
    c.thread = std::string(commit.trailer(kTrailerReplyTo).value_or(*id));
    c.anchor = std::string(commit.trailer(kTrailerAnchor).value_or(""));
    c.text = commit.message;
    c.author = commit.author.name;
    c.nip = nip;
    c.time = commit.time;
    c.draft_version = s.draft->version;
    c.commit = commit.id;
    c.last_nip = nip;
    if (c.thread != c.id) {
      auto root = load_comment(doc.id, c.thread);
      if (!root) return root.error();
      (*root)->replies += 1;
      (*root)->last_nip = nip;
      c.anchor = (*root)->anchor;
      store(**root);
    }
    std::string key = index::item_key(doc.id, c.id);
    store(comments_.insert_or_assign(std::move(key), std::move(c)).first->second);
    return {};
  }
  auto root = load_comment(doc.id, std::string(*id));
  if (!root) return root.error();
  Comment& c = **root;
  c.resolved = action == kActionResolve;
  c.resolved_by = c.resolved ? commit.author.name : "";
  c.resolved_at = c.resolved ? commit.time : 0;
  store(c);
  return {};
}

Status Indexer::apply_record(const vcs::CommitInfo& commit, const DocRef& doc,
                             std::string_view action, std::string_view record_id,
                             const std::string& content, index::Batch& batch) {
  auto parsed = json_util::parse(content);
  if (!parsed || !parsed->is_object())
    return make_error(Errc::kInternal, "Berkas catatan rusak di komit " + commit.id);
  RecordRow row;
  row.id = std::string(record_id);
  row.kind = action == kActionMonitor ? "monitoring" : "evaluasi";
  auto date = json_util::string_field(parsed->get_object(), "date");
  if (!date || !parse_date(*date))
    return make_error(Errc::kInternal, "Tanggal catatan rusak di komit " + commit.id);
  row.date = std::string(*date);
  row.content = std::move(*parsed);
  row.commit = commit.id;
  row.actor = commit.author.name;
  row.time = commit.time;
  row.signature = std::string(commit.trailer(kTrailerSignature).value_or(""));
  batch.put(Cf::kRecords, index::item_key(doc.id, record_id), json::serialize(row.to_json()));

  auto loaded = load(doc);
  if (!loaded) return loaded.error();
  DocSummary& s = **loaded;
  std::string& last = action == kActionMonitor ? s.last_monitoring : s.last_evaluation;
  last = std::max(last, row.date);
  update_dues(s, batch);
  batch.put(Cf::kDocs, index::doc_key(doc.id), json::serialize(s.to_json()));
  return {};
}

}  // namespace sopan::library
