#include "library/model.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "common/ids.hpp"

namespace sopan::library {
namespace json = boost::json;

std::string_view kind_name(DocKind kind) { return kind == DocKind::kSop ? "sop" : "map"; }

std::optional<DocKind> parse_kind(std::string_view name) {
  if (name == "sop") return DocKind::kSop;
  if (name == "map") return DocKind::kMap;
  return std::nullopt;
}

namespace {
std::string_view kind_dir(DocKind kind) { return kind == DocKind::kSop ? "sops" : "maps"; }
}  // namespace

std::string doc_path(DocKind kind, std::string_view id) {
  return std::string(kind_dir(kind)) + "/" + shard_of(id) + "/" + std::string(id) + ".json";
}

std::optional<DocRef> parse_doc_path(std::string_view path) {
  for (DocKind kind : {DocKind::kSop, DocKind::kMap}) {
    std::string dir = std::string(kind_dir(kind)) + "/";
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

json::value VersionRow::to_json() const {
  return json::object{{"version", version},  {"commit", commit},     {"action", action},
                      {"actor", actor_name}, {"email", actor_email}, {"time", time},
                      {"message", message},  {"on_main", on_main}};
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
  return r;
}

json::value DocSummary::to_json() const {
  return json::object{
      {"id", id},
      {"kind", kind_name(kind)},
      {"unit", unit},
      {"number", number},
      {"title", title},
      {"status", status},
      {"last_version", last_version},
      {"draft", head_to_json(draft)},
      {"in_force", head_to_json(in_force)},
      {"updated_at", updated_at},
      {"updated_by", updated_by},
      {"classification", json::array(classification.begin(), classification.end())}};
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
  s.last_version = lv->to_number<std::uint64_t>();
  s.updated_at = ua->to_number<TimeMs>();
  s.updated_by = str(*o, "updated_by");
  if (const json::value* c = o->if_contains("classification"); c && c->is_array())
    for (const auto& item : c->get_array())
      if (item.is_string()) s.classification.emplace_back(item.get_string());
  return s;
}

}  // namespace sopan::library
