#include "library/model.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "common/ids.hpp"
#include "library/kinds.hpp"

namespace sopan::library {
namespace json = boost::json;

std::string_view kind_name(DocKind kind) { return kind.name; }

std::optional<DocKind> parse_kind(std::string_view name) {
  const KindDescriptor* k = find_kind(DocKind{name});
  if (!k) return std::nullopt;
  return k->kind;
}

std::string doc_path(DocKind kind, std::string_view id) {
  return std::string(find_kind(kind)->folder) + "/" + shard_of(id) + "/" + std::string(id) +
         ".json";
}

std::optional<DocRef> parse_doc_path(std::string_view path) {
  for (const auto& k : kinds()) {
    const DocKind kind = k.kind;
    std::string dir = std::string(k.folder) + "/";
    if (!path.starts_with(dir)) continue;
    std::string_view rest = path.substr(dir.size());
    // "<shard>/<id>.json"
    if (rest.size() != 2 + 1 + 26 + 5 || rest[2] != '/' || !rest.ends_with(".json")) return {};
    std::string_view id = rest.substr(3, 26);
    if (!is_valid_id(id) || shard_of(id) != rest.substr(0, 2)) return {};
    return DocRef{kind, std::string(id)};
  }
  return std::nullopt;
}

std::string record_path(std::string_view doc_id, std::string_view record_id) {
  return "records/" + shard_of(doc_id) + "/" + std::string(doc_id) + "/" + std::string(record_id) +
         ".json";
}

std::string draft_ref(std::string_view id) { return "refs/drafts/" + std::string(id); }

namespace {
Error corrupt(std::string_view what) {
  return make_error(Errc::kInternal, "Data indeks rusak: " + std::string(what));
}

json::value head_to_json(const std::optional<Head>& h) {
  if (!h) return nullptr;
  return json::object{{"commit", h->commit}, {"version", h->version}, {"time", h->time}};
}

bool head_from_json(const json::value& v, std::optional<Head>& out) {
  if (v.is_null()) return true;
  const auto* o = v.if_object();
  if (!o) return false;
  auto* c = o->if_contains("commit");
  auto* ver = o->if_contains("version");
  auto* t = o->if_contains("time");
  if (!c || !c->is_string() || !ver || !ver->is_number() || !t || !t->is_number()) return false;
  out = Head{std::string(c->get_string()), ver->to_number<std::uint64_t>(), t->to_number<TimeMs>()};
  return true;
}

std::string str(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}
}  // namespace

json::value to_json(const std::vector<Acting>& acting) {
  json::array out;
  for (const auto& a : acting)
    out.push_back(json::object{{"position", a.position},
                               {"steps", json::array(a.steps.begin(), a.steps.end())}});
  return out;
}

std::vector<Acting> acting_from_json(const json::value* v) {
  std::vector<Acting> out;
  if (!v || !v->is_array()) return out;
  for (const auto& item : v->get_array()) {
    const json::object* o = item.if_object();
    if (!o) continue;
    Acting a;
    a.position = str(*o, "position");
    if (const json::value* steps = o->if_contains("steps"); steps && steps->is_array())
      for (const auto& n : steps->get_array())
        if (n.is_number()) a.steps.push_back(n.to_number<std::uint32_t>());
    out.push_back(std::move(a));
  }
  return out;
}

bool DocSummary::acts(std::string_view position, std::vector<std::uint32_t>* steps) const {
  for (const auto& a : acting)
    if (a.position == position) {
      if (steps) *steps = a.steps;
      return true;
    }
  return false;
}

json::value VersionRow::to_json() const {
  return json::object{{"version", version},     {"commit", commit},
                      {"action", action},       {"actor", actor_name},
                      {"email", actor_email},   {"time", time},
                      {"message", message},     {"on_main", on_main},
                      {"signature", signature}, {"position", position},
                      {"effective", effective}, {"unit", unit},
                      {"number", number},       {"title", title},
                      {"account", account},     {"acting", sopan::library::to_json(acting)}};
}

Result<VersionRow> VersionRow::from_json(const json::value& v) {
  const auto* o = v.if_object();
  if (!o) return corrupt("versi");
  VersionRow r;
  auto* ver = o->if_contains("version");
  auto* t = o->if_contains("time");
  auto* m = o->if_contains("on_main");
  if (!ver || !ver->is_number() || !t || !t->is_number() || !m || !m->is_bool())
    return corrupt("versi");
  r.version = ver->to_number<std::uint64_t>();
  r.time = t->to_number<TimeMs>();
  r.on_main = m->get_bool();
  r.commit = str(*o, "commit");
  r.action = str(*o, "action");
  r.actor_name = str(*o, "actor");
  r.actor_email = str(*o, "email");
  r.message = str(*o, "message");
  r.signature = str(*o, "signature");
  r.position = str(*o, "position");
  r.effective = str(*o, "effective");
  r.unit = str(*o, "unit");
  r.number = str(*o, "number");
  r.title = str(*o, "title");
  r.account = str(*o, "account");
  r.acting = acting_from_json(o->if_contains("acting"));
  return r;
}

json::value VerificationRow::to_json() const {
  return json::object{{"code", code},       {"commit", commit},       {"path", path},
                      {"doc", doc_id},      {"kind", kind},           {"version", version},
                      {"sha256", sha256},   {"name", name},           {"position", position},
                      {"meaning", meaning}, {"signed_at", signed_at}, {"effective", effective},
                      {"unit", unit},       {"number", number},       {"title", title}};
}

Result<VerificationRow> VerificationRow::from_json(const json::value& v) {
  const auto* o = v.if_object();
  const auto* ver = o ? o->if_contains("version") : nullptr;
  if (!ver || !ver->is_number()) return corrupt("kode verifikasi");
  VerificationRow r;
  r.version = ver->to_number<std::uint64_t>();
  r.code = str(*o, "code");
  r.commit = str(*o, "commit");
  r.path = str(*o, "path");
  r.doc_id = str(*o, "doc");
  r.kind = str(*o, "kind");
  r.sha256 = str(*o, "sha256");
  r.name = str(*o, "name");
  r.position = str(*o, "position");
  r.meaning = str(*o, "meaning");
  r.signed_at = str(*o, "signed_at");
  r.effective = str(*o, "effective");
  r.unit = str(*o, "unit");
  r.number = str(*o, "number");
  r.title = str(*o, "title");
  return r;
}

json::value DocSummary::to_json() const {
  const InForceIdentity& f = in_force_identity;
  json::object identity{
      {"unit", f.unit},
      {"number", f.number},
      {"title", f.title},
      {"classification", json::array(f.classification.begin(), f.classification.end())},
      {"status", f.status},
      {"updated_at", f.updated_at},
      {"updated_by", f.updated_by},
      {"acting", sopan::library::to_json(f.acting)}};
  return json::object{{"id", id},
                      {"kind", kind_name(kind)},
                      {"unit", unit},
                      {"number", number},
                      {"title", title},
                      {"status", status},
                      {"last_version", last_version},
                      {"draft", head_to_json(draft)},
                      {"draft_opened", draft_opened},
                      {"in_force", head_to_json(in_force)},
                      {"updated_at", updated_at},
                      {"updated_by", updated_by},
                      {"classification", json::array(classification.begin(), classification.end())},
                      {"effective_date", effective_date},
                      {"last_monitoring", last_monitoring},
                      {"last_evaluation", last_evaluation},
                      {"monitoring_due", monitoring_due},
                      {"evaluation_due", evaluation_due},
                      {"in_force_identity", std::move(identity)},
                      {"links", json::array(links.begin(), links.end())},
                      {"acting", sopan::library::to_json(acting)}};
}

DocSummary DocSummary::as_in_force() const {
  DocSummary s = *this;
  const InForceIdentity& f = in_force_identity;
  s.unit = f.unit;
  s.number = f.number;
  s.title = f.title;
  s.classification = f.classification;
  s.status = f.status;
  s.updated_at = f.updated_at;
  s.updated_by = f.updated_by;
  s.acting = f.acting;
  s.draft.reset();
  s.draft_opened = 0;
  s.last_version = in_force ? in_force->version : 0;
  return s;
}

Result<DocSummary> DocSummary::from_json(const json::value& v) {
  const auto* o = v.if_object();
  if (!o) return corrupt("ringkasan");
  DocSummary s;
  s.id = str(*o, "id");
  auto kind = parse_kind(str(*o, "kind"));
  auto* lv = o->if_contains("last_version");
  auto* ua = o->if_contains("updated_at");
  auto* d = o->if_contains("draft");
  auto* f = o->if_contains("in_force");
  if (!kind || !lv || !lv->is_number() || !ua || !ua->is_number() || !d || !f ||
      !head_from_json(*d, s.draft) || !head_from_json(*f, s.in_force))
    return corrupt("ringkasan");
  s.kind = *kind;
  s.unit = str(*o, "unit");
  s.number = str(*o, "number");
  s.title = str(*o, "title");
  s.status = str(*o, "status");
  if (const json::value* opened = o->if_contains("draft_opened"); opened && opened->is_number())
    s.draft_opened = opened->to_number<std::uint64_t>();
  s.last_version = lv->to_number<std::uint64_t>();
  s.updated_at = ua->to_number<TimeMs>();
  s.updated_by = str(*o, "updated_by");
  if (const json::value* c = o->if_contains("classification"); c && c->is_array())
    for (const auto& item : c->get_array())
      if (item.is_string()) s.classification.emplace_back(item.get_string());
  s.effective_date = str(*o, "effective_date");
  s.last_monitoring = str(*o, "last_monitoring");
  s.last_evaluation = str(*o, "last_evaluation");
  s.monitoring_due = str(*o, "monitoring_due");
  s.evaluation_due = str(*o, "evaluation_due");
  if (const json::value* l = o->if_contains("links"); l && l->is_array())
    for (const auto& item : l->get_array())
      if (item.is_string()) s.links.emplace_back(item.get_string());
  if (const json::value* f = o->if_contains("in_force_identity"); f && f->is_object()) {
    const json::object& fo = f->get_object();
    s.in_force_identity.unit = str(fo, "unit");
    s.in_force_identity.number = str(fo, "number");
    s.in_force_identity.title = str(fo, "title");
    s.in_force_identity.status = str(fo, "status");
    s.in_force_identity.updated_by = str(fo, "updated_by");
    if (const json::value* t = fo.if_contains("updated_at"); t && t->is_number())
      s.in_force_identity.updated_at = t->to_number<TimeMs>();
    if (const json::value* c = fo.if_contains("classification"); c && c->is_array())
      for (const auto& item : c->get_array())
        if (item.is_string()) s.in_force_identity.classification.emplace_back(item.get_string());
    s.in_force_identity.acting = acting_from_json(fo.if_contains("acting"));
  }
  s.acting = acting_from_json(o->if_contains("acting"));
  return s;
}

json::value Comment::to_json() const {
  return json::object{{"id", id},
                      {"thread", thread},
                      {"anchor", anchor},
                      {"text", text},
                      {"author", author},
                      {"nip", nip},
                      {"time", time},
                      {"draft_version", draft_version},
                      {"commit", commit},
                      {"resolved", resolved},
                      {"resolved_by", resolved_by},
                      {"resolved_at", resolved_at},
                      {"last_nip", last_nip},
                      {"replies", replies}};
}

Result<Comment> Comment::from_json(const json::value& v) {
  const auto* o = v.if_object();
  if (!o) return corrupt("komentar");
  auto* t = o->if_contains("time");
  auto* dv = o->if_contains("draft_version");
  auto* r = o->if_contains("resolved");
  auto* ra = o->if_contains("resolved_at");
  auto* n = o->if_contains("replies");
  if (!t || !t->is_number() || !dv || !dv->is_number() || !r || !r->is_bool() || !ra ||
      !ra->is_number() || !n || !n->is_number())
    return corrupt("komentar");
  Comment c;
  c.id = str(*o, "id");
  c.thread = str(*o, "thread");
  c.anchor = str(*o, "anchor");
  c.text = str(*o, "text");
  c.author = str(*o, "author");
  c.nip = str(*o, "nip");
  c.time = t->to_number<TimeMs>();
  c.draft_version = dv->to_number<std::uint64_t>();
  c.commit = str(*o, "commit");
  c.resolved = r->get_bool();
  c.resolved_by = str(*o, "resolved_by");
  c.resolved_at = ra->to_number<TimeMs>();
  c.last_nip = str(*o, "last_nip");
  c.replies = n->to_number<std::size_t>();
  return c;
}

json::value RecordRow::to_json() const {
  return json::object{{"id", id},           {"kind", kind},          {"date", date},
                      {"content", content}, {"commit", commit},      {"actor", actor},
                      {"time", time},       {"signature", signature}};
}

Result<RecordRow> RecordRow::from_json(const json::value& v) {
  const auto* o = v.if_object();
  if (!o) return corrupt("catatan");
  auto* t = o->if_contains("time");
  auto* c = o->if_contains("content");
  if (!t || !t->is_number() || !c) return corrupt("catatan");
  RecordRow r;
  r.id = str(*o, "id");
  r.kind = str(*o, "kind");
  r.date = str(*o, "date");
  r.content = *c;
  r.commit = str(*o, "commit");
  r.actor = str(*o, "actor");
  r.time = t->to_number<TimeMs>();
  r.signature = str(*o, "signature");
  return r;
}

}  // namespace sopan::library
