#include "library/indexer.hpp"

#include <boost/json/serialize.hpp>

#include "common/ids.hpp"
#include "common/json.hpp"
#include "index/keys.hpp"

namespace sopan::library {
namespace json = boost::json;
using index::Cf;

namespace {
// The one table of what each action does to a document. The workflow issue adds its steps here.
constexpr ActionRule kRules[] = {
    {"create", false, "konsep"},
    {"save", false, "konsep"},
    {"merge", true, "berlaku"},
    {"revise", false, "konsep"},
    {"submit", false, "diajukan"},
    {"verify", false, "diverifikasi"},
    {"request-changes", false, "konsep"},
    {"ratify", true, "berlaku"},
    {"withdraw", true, "dicabut"},
    {"supersede", true, "digantikan"},
    // Discarding ends the draft; the document falls back to what is in force, if anything.
    {"discard", false, "dibatalkan", true},
};
}  // namespace

std::optional<ActionRule> action_rule(std::string_view action) {
  for (const auto& r : kRules)
    if (r.action == action) return r;
  return std::nullopt;
}

std::string doc_trailer(DocKind kind, std::string_view id) {
  return std::string(kind == DocKind::kSop ? "sops/" : "maps/") + std::string(id);
}

std::optional<DocRef> parse_doc_trailer(std::string_view value) {
  for (DocKind kind : {DocKind::kSop, DocKind::kMap}) {
    std::string prefix = doc_trailer(kind, "");
    if (value.starts_with(prefix) && is_valid_id(value.substr(prefix.size())))
      return DocRef{kind, std::string(value.substr(prefix.size()))};
  }
  return std::nullopt;
}

const DocSummary* Indexer::summary(const std::string& id) const {
  auto it = overlay_.find(id);
  return it == overlay_.end() ? nullptr : &it->second;
}

Result<DocSummary*> Indexer::load(const DocRef& doc) {
  if (auto it = overlay_.find(doc.id); it != overlay_.end()) return &it->second;
  auto stored = store_.get(Cf::kDocs, index::doc_key(doc.id));
  if (!stored) return stored.error();
  DocSummary s;
  if (*stored) {
    auto v = json_util::parse(**stored);
    if (!v) return make_error(Errc::kInternal, "Ringkasan dokumen rusak di indeks");
    auto parsed = DocSummary::from_json(*v);
    if (!parsed) return parsed.error();
    s = std::move(*parsed);
  } else {
    s.id = doc.id;
    s.kind = doc.kind;
  }
  return &overlay_.emplace(doc.id, std::move(s)).first->second;
}

Status Indexer::apply_doc(const vcs::CommitInfo& commit, const DocRef& doc, const ActionRule& rule,
                          std::uint64_t version, const std::string& content, index::Batch& batch) {
  auto loaded = load(doc);
  if (!loaded) return loaded.error();
  DocSummary& s = **loaded;
  const bool existed = s.last_version > 0;
  const std::string old_unit = s.unit, old_status = s.status;

  Head head{commit.id, version, commit.time};
  std::string latest = content;  // identity and search words come from the newest live content
  if (rule.on_main) {
    s.in_force = head;
    s.draft.reset();
    batch.put(Cf::kContent, index::content_key(doc.id, false), content);
    batch.del(Cf::kContent, index::content_key(doc.id, true));
    in_force_[doc.id] = content;
    s.status = std::string(rule.status);
  } else if (rule.closes_draft) {
    s.draft.reset();
    batch.del(Cf::kContent, index::content_key(doc.id, true));
    s.status = s.in_force ? "berlaku" : std::string(rule.status);
    // Back to what is in force; a document never in force keeps its last draft's identity (and
    // search words), so it stays findable as "dibatalkan".
    if (s.in_force) {
      if (auto it = in_force_.find(doc.id); it != in_force_.end()) {
        latest = it->second;
      } else {
        auto stored = store_.get(Cf::kContent, index::content_key(doc.id, false));
        if (!stored) return stored.error();
        latest = stored->value_or("");
      }
    }
  } else {
    s.draft = head;
    batch.put(Cf::kContent, index::content_key(doc.id, true), content);
    s.status = std::string(rule.status);
  }
  // Identity fields come from the newest live content (after a discard: what is in force); a file
  // that is not a JSON object (possible only for commits made outside Sopan) leaves them empty.
  auto parsed = json_util::parse(latest);
  const json::object* fields = parsed && parsed->is_object() ? &parsed->get_object() : nullptr;
  auto field = [&](std::string_view key) {
    auto v = fields ? json_util::string_field(*fields, key) : std::nullopt;
    return v ? std::string(*v) : std::string();
  };
  s.unit = field("unit");
  s.number = field("number");
  s.title = field("title");
  s.classification.clear();
  if (const json::value* c = fields ? fields->if_contains("classification") : nullptr;
      c && c->is_object())
    for (const auto& kv : c->get_object())
      if (kv.value().is_string()) s.classification.emplace_back(kv.value().get_string());

  s.last_version = std::max(s.last_version, version);
  s.updated_at = commit.time;
  s.updated_by = commit.author.name;

  VersionRow row{version,
                 commit.id,
                 std::string(rule.action),
                 commit.author.name,
                 commit.author.email,
                 commit.time,
                 commit.message,
                 rule.on_main};
  batch.put(Cf::kVersions, index::version_key(doc.id, version), json::serialize(row.to_json()));
  if (existed && old_unit != s.unit) batch.del(Cf::kByUnit, index::pair_key(old_unit, doc.id));
  if (existed && old_status != s.status)
    batch.del(Cf::kByStatus, index::pair_key(old_status, doc.id));
  batch.put(Cf::kByUnit, index::pair_key(s.unit, doc.id), "");
  batch.put(Cf::kByStatus, index::pair_key(s.status, doc.id), "");
  batch.put(Cf::kDocs, index::doc_key(doc.id), json::serialize(s.to_json()));

  // Search follows the latest content (the open draft, else what is in force).
  auto old_terms = terms_.find(doc.id);
  if (old_terms == terms_.end()) {
    auto stored = search::stored_terms(store_, doc.id);
    if (!stored) return stored.error();
    old_terms = terms_.emplace(doc.id, std::move(*stored)).first;
  }
  search::Terms new_terms = search::terms_of(latest);
  search::put_terms(batch, doc.id, old_terms->second, new_terms);
  old_terms->second = std::move(new_terms);
  return {};
}

}  // namespace sopan::library
