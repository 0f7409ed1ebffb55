#include "app/commands.hpp"

#include <stdlib.h>

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <ostream>
#include <sstream>

#include "api/doc_kinds.hpp"
#include "api/openapi.hpp"
#include "api/routes.hpp"
#include "app/app.hpp"
#include "common/ids.hpp"
#include "common/json.hpp"
#include "domain/evaluation.hpp"
#include "domain/score.hpp"
#include "domain/sop.hpp"
#include "library/indexer.hpp"
#include "library/org_import.hpp"
#include "library/packet.hpp"

namespace sopan::app {
namespace json = boost::json;

namespace {

const library::Actor kSystemActor{"Sopan (baris perintah)", ""};

Result<std::string> read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return make_error(Errc::kNotFound, "Berkas tidak dapat dibaca: " + p.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void print_problems(const Error& e, std::ostream& out) {
  out << e.message << "\n";
  if (e.details.is_array())
    for (const auto& d : e.details.as_array())
      out << "  " << d.at("path").as_string().c_str() << ": " << d.at("message").as_string().c_str()
          << "\n";
}

Result<json::object> run_import(App& app, const library::ImportRequest& req) {
  return library::import_org(app.org(), req, kSystemActor, [](const std::string&) { return true; });
}

/// One demo account per role, each tied to a demo staff member (deploy/demo/pegawai.csv) and
/// granted over the unit (by code) where that role makes sense.
struct DemoAccount {
  std::string_view username, nip;
  domain::Role role;
  std::string_view unit_code;  // "" = the whole instansi
};
constexpr DemoAccount kDemoAccounts[] = {
    {"admin", "198203152006041003", domain::Role::kAdmin, ""},
    {"penyusun", "198507212010012015", domain::Role::kPenyusun, "2.16"},
    {"verifikator", "198004102005012008", domain::Role::kVerifikator, ""},
    {"pengesah", "197305141998031004", domain::Role::kPengesah, "2.16"},
    {"evaluator", "198811032011012009", domain::Role::kEvaluator, ""},
    {"auditor", "197909252003121002", domain::Role::kAuditor, ""},
    {"pegawai", "199302182019032011", domain::Role::kPegawai, "2.16"},
};

constexpr TimeMs kDayMs = 86'400'000;

/// `hour`:00 local time on `day`: when the demo's story has something happen.
TimeMs demo_time(Date day, int utc_offset_minutes, int hour) {
  return end_of_day_ms(day, utc_offset_minutes) + 1 - kDayMs + hour * 3'600'000LL;
}

/// The demo's story begins here: the instansi, its organisation and accounts.
constexpr Date kDemoStart{2025, 7, 1};

/// Who holds `position` (the first active staff member), for demo authors and signers.
std::optional<library::Staff> holder(App& app, const std::string& position) {
  auto staff = app.org().all_staff();
  if (!staff) return std::nullopt;
  for (const auto& s : *staff)
    if (s.active && s.position == position) return s;
  return std::nullopt;
}

/// One thing that happens in the demo's story, on its day: the story is told in the order of
/// its days across every SOP, so main's history reads forward in time as an auditor expects.
struct StoryStep {
  TimeMs when;
  std::function<Status()> run;
};

/// The demo's story of one SOP (its "history" list), told through the library calls the API
/// makes: monitoring and evaluation records, a revision, review steps with comments, a
/// withdrawal. "by" names a demo account, or "kepala_opd" for the head of the SOP's OPD. Each
/// step goes into `story` at 10:00 local on its day (a minute apart); `id` is filled in when the
/// SOP is created, earlier in the story.
Status tell_demo_history(App& app, ManualClock& clock, std::shared_ptr<const std::string> id_of,
                         const json::array& history, const library::Actor& opd_head,
                         std::vector<StoryStep>& story) {
  auto& lib = app.library();
  auto comment_ids = std::make_shared<std::vector<std::string>>();
  const int offset = lib.instansi().utc_offset_minutes;
  for (std::size_t i = 0; i < history.size(); ++i) {
    auto day = parse_date(json_util::string_field(history[i].as_object(), "date").value_or(""));
    if (!day) return make_error(Errc::kInternal, "Langkah riwayat demo tanpa tanggal");
    story.push_back(
        {demo_time(*day, offset, 10) + static_cast<TimeMs>(i) * 60'000,
         [&app, &lib, &clock, id_of, comment_ids, opd_head,
          e = history[i].as_object()]() -> Status {
           const std::string& id = *id_of;
           auto text = [&](std::string_view key) {
             return std::string(json_util::string_field(e, key).value_or(""));
           };
           library::Actor actor = opd_head;
           if (text("by") != "kepala_opd") {
             auto account = std::find_if(std::begin(kDemoAccounts), std::end(kDemoAccounts),
                                         [&](const auto& a) { return a.username == text("by"); });
             if (account == std::end(kDemoAccounts))
               return make_error(Errc::kInternal, "Akun demo tidak dikenal: " + text("by"));
             auto staff = app.org().staff(std::string(account->nip));
             if (!staff || !*staff) return make_error(Errc::kInternal, "Pegawai demo tidak ada");
             actor = {(*staff)->name, (*staff)->nip,
                      app.org().position_name_of_staff((*staff)->nip)};
           }
           auto summary = lib.summary(id);
           if (!summary) return summary.error();
           const std::uint64_t draft = summary->draft ? summary->draft->version : 0;
           const std::uint64_t in_force = summary->in_force ? summary->in_force->version : 0;
           const std::string action = text("action");
           Status done;
           auto revise = [&](const std::string& reason, const json::object& changes) -> Status {
             auto current = lib.read(id, {});
             if (!current) return current.error();
             auto doc = json_util::parse(domain::revision_of(current->content));
             if (!doc) return doc.error();
             for (const auto& kv : changes) doc->as_object()[kv.key()] = kv.value();
             return status_of(lib.save_draft(
                 {summary->kind, id, in_force, json_util::pretty(*doc), actor, reason}, "revise"));
           };
           if (action == "monitor" || action == "evaluate") {
             json::object record;
             if (action == "monitor") {
               record = domain::monitoring_record(text("date"), text("judgement") == "baik",
                                                  text("notes"), text("follow_up"),
                                                  {actor.name, actor.nip});
             } else {
               std::vector<domain::CriterionAnswer> answers;
               for (char c : text("answers")) answers.push_back({c == 'y', ""});
               const bool keep = text("outcome") == "tetap";
               std::optional<domain::Signature> signature;
               if (keep)
                 signature = domain::Signature{actor.name, actor.nip,
                                               app.org().position_name_of_staff(actor.nip),
                                               std::string(domain::kMeaningKept), clock.now()};
               record = domain::evaluation_record(text("date"), answers, keep, text("notes"),
                                                  {actor.name, actor.nip},
                                                  signature ? &*signature : nullptr);
               vcs::Trailers trailers;
               if (signature) trailers.push_back(signature->trailer());
               std::string message = domain::record_message(record);
               auto row = lib.add_record({id, library::kActionEvaluate, std::move(record), actor,
                                          message, std::move(trailers)});
               if (!row) return row.error();
               if (!keep) done = revise("Revisi hasil evaluasi " + text("date"), {});
               return done;
             }
             std::string message = domain::record_message(record);
             done = status_of(lib.add_record(
                 {id, library::kActionMonitor, std::move(record), actor, message, {}}));
           } else if (action == "revise") {
             done = revise(text("reason"), e.at("changes").as_object());
           } else if (action == "submit" || action == "request-changes" || action == "verify" ||
                      action == "recall") {
             done = status_of(lib.record_step({id, draft, action, actor, text("reason")}));
           } else if (action == "withdraw") {
             done = status_of(lib.record_main_step({id, in_force, action, actor, text("reason")}));
           } else if (action == "comment") {
             // The anchor as a reviewer points (a position in the draft); the library stores it
             // in the form that follows the step, as for every comment made through the API.
             library::CommentRequest c{
                 id, library::kActionComment, "", text("anchor"), text("text"), actor};
             if (const json::value* reply = e.if_contains("reply_to"))
               c.thread = comment_ids->at(static_cast<std::size_t>(reply->as_int64()));
             auto comment = lib.comment(c);
             if (!comment) return comment.error();
             comment_ids->push_back(comment->id);
           } else {
             return make_error(Errc::kInternal, "Langkah riwayat demo tidak dikenal: " + action);
           }
           return done;
         }});
  }
  return {};
}

/// The ids of the demo's documents by file name ("07-pengaduan"), filled in as the story
/// creates them; a map names its parent map and its SOPs as "@<file name>".
using DemoIds = std::map<std::string, std::shared_ptr<std::string>, std::less<>>;

/// The demo's codes in `v` as ids of the org tree: in every object, "unit_code" becomes "unit"
/// and "position_code" becomes "position" (an empty unit code is the instansi itself).
Status resolve_codes(json::value& v, const domain::OrgTree& tree) {
  if (json::array* a = v.if_array()) {
    for (auto& item : *a)
      if (auto s = resolve_codes(item, tree); !s) return s;
  } else if (json::object* o = v.if_object()) {
    for (auto& kv : *o)
      if (auto s = resolve_codes(kv.value(), tree); !s) return s;
    if (const json::value* code = o->if_contains("unit_code")) {
      const domain::Unit* u =
          code->as_string().empty() ? tree.unit(tree.root()) : tree.unit_by_code(code->as_string());
      if (!u) return make_error(Errc::kInternal, "Unit demo tidak ada: " + json::serialize(*code));
      (*o)["unit"] = u->id;
      o->erase("unit_code");
    }
    if (const json::value* code = o->if_contains("position_code")) {
      const domain::Position* p = tree.position_by_code(code->as_string());
      if (!p)
        return make_error(Errc::kInternal, "Jabatan demo tidak ada: " + json::serialize(*code));
      (*o)["position"] = p->id;
      o->erase("position_code");
    }
  }
  return {};
}

/// "@<file name>" strings in `v` as the ids of those demo documents (created earlier in the
/// story).
Status resolve_refs(json::value& v, const DemoIds& ids) {
  if (json::array* a = v.if_array()) {
    for (auto& item : *a)
      if (auto s = resolve_refs(item, ids); !s) return s;
  } else if (json::object* o = v.if_object()) {
    for (auto& kv : *o)
      if (auto s = resolve_refs(kv.value(), ids); !s) return s;
  } else if (json::string* text = v.if_string(); text && text->starts_with("@")) {
    auto it = ids.find(std::string_view(*text).substr(1));
    if (it == ids.end() || it->second->empty())
      return make_error(Errc::kInternal, "Dokumen demo belum ada: " + std::string(*text));
    v = *it->second;
  }
  return {};
}

/// The demo documents (deploy/demo/sop/*.json, deploy/demo/peta/*.json): units and positions
/// by code, other demo documents by file name; each created by the head of its unit, and those
/// marked "berlaku" ratified by the head of their OPD (for the instansi's own, the Sekretaris
/// Daerah). Each must pass every rule of its kind, so the demo shows finished documents; the
/// story is told in the order of its days across every document.
/// The demo's manual answers: each entry answered on its day by the demo evaluator, through the
/// same call PUT /api/v1/answers makes.
Status add_demo_answers(App& app, const std::filesystem::path& file,
                        std::vector<StoryStep>& story) {
  auto text = read_text(file);
  if (!text) return text.error();
  auto v = json_util::parse(*text);
  if (!v || !v->is_array()) return make_error(Errc::kInternal, "Jawaban demo rusak");
  const int offset = app.library().instansi().utc_offset_minutes;
  auto tree = app.org().tree();
  const DemoAccount& evaluator = kDemoAccounts[4];
  auto staff = app.org().staff(evaluator.nip);
  if (!staff || !*staff) return make_error(Errc::kInternal, "Evaluator demo tidak ada");
  const library::Actor actor{(*staff)->name, (*staff)->nip,
                             app.org().position_name_of_staff((*staff)->nip)};
  for (const auto& entry_v : v->as_array()) {
    const json::object entry = entry_v.as_object();
    const std::string_view code = entry.at("unit_code").as_string();
    const domain::Unit* unit = code.empty() ? tree->unit(tree->root()) : tree->unit_by_code(code);
    auto day = parse_date(entry.at("date").as_string());
    if (!unit || !day) return make_error(Errc::kInternal, "Jawaban demo: unit atau tanggal salah");
    story.push_back({demo_time(*day, offset, 10), [&app, entry, actor, unit_id = unit->id]() {
                       auto sign = [&]() -> Result<domain::Signature> {
                         return domain::Signature{actor.name, actor.nip, actor.position,
                                                  std::string(domain::kMeaningAnswered),
                                                  app.library().clock().now()};
                       };
                       return status_of(api::write_answers(
                           app.context(), std::string(entry.at("rubric").as_string()), unit_id,
                           entry.at("answers").as_object(), sign, actor, ""));
                     }});
  }
  return {};
}

Status create_demo_documents(App& app, ManualClock& clock, const std::filesystem::path& demo_dir,
                             std::ostream& out) {
  const int offset = app.library().instansi().utc_offset_minutes;
  auto tree = app.org().tree();
  auto ids = std::make_shared<DemoIds>();
  std::vector<StoryStep> story;
  std::map<std::string_view, std::pair<int, int>> counts;  // kind → (files, ratified)
  for (const auto& [kind_of_dir, folder] :
       {std::pair{library::DocKind::kSop, "sop"}, std::pair{library::DocKind::kMap, "peta"}}) {
    // A named copy: clang does not capture structured bindings in lambdas.
    const library::DocKind kind = kind_of_dir;
    const api::KindApi* kind_api = app.context().kind(kind);
    if (!kind_api) return make_error(Errc::kInternal, "Jenis dokumen demo tidak dikenal");
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(demo_dir / folder))
      if (e.path().extension() == ".json") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      auto text = read_text(file);
      if (!text) return text.error();
      auto v = json_util::parse(*text);
      if (!v || !v->is_object())
        return make_error(Errc::kInternal, "Dokumen demo rusak: " + file.string());
      json::object& o = v->as_object();
      const std::string name = file.stem().string();
      auto id = ids->emplace(name, std::make_shared<std::string>()).first->second;
      const std::string_view unit_code = o.at("unit_code").as_string();
      const domain::Unit* unit =
          unit_code.empty() ? tree->unit(tree->root()) : tree->unit_by_code(unit_code);
      if (!unit) return make_error(Errc::kInternal, "Unit demo tidak ada: " + file.string());
      json::value doc = o.at("document");
      if (auto s = resolve_codes(doc, *tree); !s)
        return make_error(Errc::kInternal, file.filename().string() + ": " + s.error().message);
      doc.as_object()["unit"] = unit->id;
      auto author_staff = holder(app, unit->head_position);
      library::Actor author =
          author_staff ? library::Actor{author_staff->name, author_staff->nip,
                                        app.org().position_name_of_staff(author_staff->nip)}
                       : kSystemActor;
      const std::string title(doc.at("title").as_string());
      // Drafted on its creation day; one put in force is drafted two weeks before it.
      const Date created = *parse_date(doc.at("dates").at("created").as_string());
      const bool ratified = o.at("state").as_string() == "berlaku";
      auto content = std::make_shared<std::string>();
      story.push_back(
          {demo_time(created, offset, 9) - (ratified ? 14 * kDayMs : 0),
           [&app, kind, kind_api, id, ids, author, title, name, doc, content]() mutable -> Status {
             if (auto s = resolve_refs(doc, *ids); !s) return s;
             *content = json_util::pretty(doc);
             auto rules = api::kind_rules(app.context(), *kind_api, "");
             if (rules.submission_problems)
               if (auto found = rules.submission_problems(*content); !found.empty())
                 return make_error(Errc::kInternal, "Dokumen demo " + name + ": " +
                                                        found.front().path + " " +
                                                        found.front().message);
             return status_of(app.library().create(kind, *content, author,
                                                   "Menyusun konsep " + title, id.get()));
           }});
      // The head of the OPD signs: the unit right below the instansi on this unit's path.
      const auto path = tree->path_to(unit->id);
      const domain::Unit* opd = path.size() > 1 ? path.at(1) : tree->unit_by_code("1");
      auto signer = opd ? holder(app, opd->head_position) : std::nullopt;
      if (!signer) return make_error(Errc::kInternal, "Kepala OPD demo tidak ada: " + name);
      library::Actor head{signer->name, signer->nip, app.org().position_name_of_staff(signer->nip)};
      ++counts[kind.name].first;
      if (ratified) {
        const std::string position = opd->position(opd->head_position)->name;
        const std::string date = std::string(doc.at("dates").at("created").as_string());
        const TimeMs signed_at = demo_time(created, offset, 14);
        domain::Signature signature{signer->name, signer->nip, position, "disahkan", signed_at};
        story.push_back(
            {signed_at, [&app, kind_api, id, head, title, signature, date, content]() -> Status {
               auto stamped = kind_api->stamp_ratification(*content, signature, date);
               if (!stamped) return stamped.error();
               return status_of(app.library().merge_draft(
                   {*id, 1, head, "Pengesahan " + title, {signature.trailer()}}, *stamped,
                   "ratify"));
             }});
        ++counts[kind.name].second;
      }
      if (const json::value* history = o.if_contains("history"))
        if (auto s = tell_demo_history(app, clock, id, history->as_array(), head, story); !s)
          return make_error(Errc::kInternal,
                            "Riwayat dokumen demo " + name + ": " + s.error().message);
    }
  }
  // The evaluator's signed answers to the items the server cannot measure
  // (deploy/demo/jawaban.json).
  if (auto s = add_demo_answers(app, demo_dir / "jawaban.json", story); !s) return s;
  // Told in the order of its days (a document's own steps keep theirs: they are dated in order).
  std::stable_sort(story.begin(), story.end(),
                   [](const StoryStep& a, const StoryStep& b) { return a.when < b.when; });
  for (auto& step : story) {
    clock.set(step.when);
    if (auto s = step.run(); !s)
      return make_error(Errc::kInternal, "Riwayat demo: " + s.error().message);
  }
  const auto [sops, sops_ratified] = counts[library::DocKind::kSop.name];
  const auto [maps, maps_ratified] = counts[library::DocKind::kMap.name];
  out << "SOP contoh: " << sops << " (" << sops_ratified << " disahkan, " << sops - sops_ratified
      << " konsep), dengan riwayat review, monitoring, evaluasi, revisi dan pencabutan\n"
      << "Peta proses bisnis contoh: " << maps << " (" << maps_ratified << " disahkan, "
      << maps - maps_ratified << " konsep): level 0, dekomposisi dan lintas fungsi\n";
  return {};
}

Status create_demo_accounts(App& app, std::ostream& out) {
  auto tree = app.org().tree();
  for (const auto& d : kDemoAccounts) {
    auto staff = app.org().staff(d.nip);
    if (!staff) return staff.error();
    if (!*staff)
      return make_error(Errc::kInternal, "Pegawai demo tidak ada: " + std::string(d.nip));
    const domain::Unit* unit =
        d.unit_code.empty() ? tree->unit(tree->root()) : tree->unit_by_code(d.unit_code);
    if (!unit)
      return make_error(Errc::kInternal, "Unit demo tidak ada: " + std::string(d.unit_code));
    library::Account a;
    a.id = new_id();
    a.username = d.username;
    a.nip = d.nip;
    a.name = (*staff)->name;
    a.password_hash = library::hash_password(kDemoPassword);
    a.grants = {{d.role, unit->id}};
    a.created_at = a.updated_at = app.library().clock().now();
    if (auto s = app.accounts().put(
            a, {{"kind", "account.create"}, {"account", a.id}, {"username", a.username}});
        !s)
      return s;
    out << "  " << d.username << " (" << domain::role_name(d.role) << ", " << unit->name << ")\n";
  }
  return {};
}

}  // namespace

Status init_instansi(const Config& config, std::ostream& out) {
  library::Instansi instansi;
  instansi.name = config.instansi_name;
  instansi.email_domain = config.email_domain;
  instansi.periods = config.periods;
  // The demo is committed on its story's days (from kDemoStart), so `?at=` shows each day's state.
  ManualClock demo_clock(demo_time(kDemoStart, instansi.utc_offset_minutes, 8));
  const Clock& clock = config.demo ? static_cast<const Clock&>(demo_clock) : Clock::system();
  if (auto s = library::DocumentLibrary::init(
          config.data_dir, instansi, {library::OrgLibrary::root_unit_file(config.instansi_name)},
          clock);
      !s)
    return s;
  out << "Instansi \"" << config.instansi_name << "\" dibuat di " << config.data_dir.string()
      << "\n";
  if (!config.demo) return {};
  auto app = App::open(config, /*with_server=*/false, demo_clock);
  if (!app) return app.error();
  library::ImportRequest req;
  for (auto [file, into] :
       {std::pair{"unit.csv", &req.units}, std::pair{"jabatan.csv", &req.positions},
        std::pair{"pegawai.csv", &req.staff}}) {
    auto text = read_text(config.demo_dir / file);
    if (!text) return text.error();
    into->csv = std::move(*text);
  }
  req.message = "Struktur organisasi instansi contoh";
  auto result = run_import(**app, req);
  if (!result) return result.error();
  out << "Instansi contoh: " << result->at("units").at("added").as_int64() << " unit, "
      << result->at("positions").at("added").as_int64() << " jabatan, "
      << result->at("staff").at("added").as_int64() << " pegawai\n";
  // The demo instansi's emblem (deploy/demo/logo.png), committed as an admin would upload it.
  auto logo = read_text(config.demo_dir / "logo.png");
  if (!logo) return logo.error();
  auto put = (*app)->library().logo().put(std::move(*logo), "image/png", kSystemActor);
  if (!put) return put.error();
  out << "Logo instansi: " << (*put)->width << "×" << (*put)->height << " piksel\n"
      << "Akun demo (kata sandi: " << kDemoPassword << "):\n";
  if (auto s = create_demo_accounts(**app, out); !s) return s;
  return create_demo_documents(**app, demo_clock, config.demo_dir, out);
}

Status create_admin(const Config& config, const std::string& password, std::ostream& out) {
  if (auto s = library::check_password_policy(password, "/password"); !s) return s;
  auto app = App::open(config, /*with_server=*/false);
  if (!app) return app.error();
  auto existing = (*app)->accounts().by_username(config.username);
  if (!existing) return existing.error();
  if (*existing) return make_error(Errc::kAlreadyExists, "Nama pengguna sudah dipakai");
  auto tree = (*app)->org().tree();
  library::Account a;
  a.id = new_id();
  a.username = config.username;
  a.name = "Administrator " + config.username;
  a.password_hash = library::hash_password(password);
  a.must_change_password = true;
  a.grants = {{domain::Role::kAdmin, tree->root()}};
  a.created_at = a.updated_at = (*app)->library().clock().now();
  if (auto s = (*app)->accounts().put(
          a, {{"kind", "account.create"}, {"account", a.id}, {"username", a.username}});
      !s)
    return s;
  out << "Akun admin \"" << a.username
      << "\" dibuat; kata sandi harus diganti saat masuk pertama\n";
  return {};
}

Status import_org_files(const Config& config, std::ostream& out) {
  auto app = App::open(config, /*with_server=*/false);
  if (!app) return app.error();
  library::ImportRequest req;
  req.dry_run = config.dry_run;
  for (auto [path, into] : {std::pair{&config.import_units, &req.units},
                            std::pair{&config.import_positions, &req.positions},
                            std::pair{&config.import_staff, &req.staff}}) {
    if (path->empty()) continue;
    auto text = read_text(*path);
    if (!text) return text.error();
    into->csv = std::move(*text);
  }
  auto result = run_import(**app, req);
  if (!result) {
    print_problems(result.error(), out);
    return make_error(result.error().code, "Impor dibatalkan; tidak ada yang diubah");
  }
  out << json_util::pretty(*result);
  return {};
}

Status print_openapi(const Config& config, std::ostream& out, std::ostream& err) {
  // The route table is built over a live App, so one is opened on a throwaway instansi.
  std::string dir = (std::filesystem::temp_directory_path() / "sopan-openapi-XXXXXX").string();
  if (!::mkdtemp(dir.data()))
    return make_error(Errc::kInternal, "Direktori sementara tidak dapat dibuat");
  struct Remove {
    std::filesystem::path path;
    ~Remove() {
      std::error_code ec;
      std::filesystem::remove_all(path, ec);
    }
  } remove{dir};
  Config c = config;
  c.data_dir = remove.path / "data";
  c.demo = false;
  std::ostringstream ignored;
  if (auto s = init_instansi(c, ignored); !s) return s;
  auto app = App::open(c);
  if (!app) return app.error();
  auto drift = api::openapi_drift((*app)->server().routes());
  for (const auto& r : drift.undocumented)
    err << "Rute tanpa entri di service/api/openapi.cpp: " << r << "\n";
  for (const auto& r : drift.unrouted)
    err << "Entri di service/api/openapi.cpp tanpa rute: " << r << "\n";
  if (!drift.empty())
    return make_error(
        Errc::kInternal,
        "Tabel OpenAPI tidak cocok dengan tabel rute; perbaiki service/api/openapi.cpp");
  out << (*app)->openapi();
  return {};
}

int verify_packet_file(const Config& config, std::ostream& out) {
  const library::PacketReport r = library::verify_packet(config.packet_file);
  out << "Paket audit: " << config.packet_file.string() << "\n";
  if (!r.opened) {
    for (const auto& p : r.problems) out << "TIDAK TERBACA: " << p << "\n";
    return 1;
  }
  auto text = [&](const json::object& o, std::string_view key) {
    return std::string(json_util::string_field(o, key).value_or("?"));
  };
  if (!r.manifest.empty()) {
    const json::object& m = r.manifest;
    const json::object* unit = json_util::object_field(m, "unit");
    const json::object* period = json_util::object_field(m, "period");
    const json::object* by = json_util::object_field(m, "generated_by");
    out << "Instansi: " << text(m, "instansi") << "\n";
    if (unit) out << "Unit: " << text(*unit, "name") << " (" << text(*unit, "code") << ")\n";
    if (period)
      out << "Periode: " << text(*period, "from") << " s.d. " << text(*period, "to") << "\n";
    out << "Dibuat: " << text(m, "generated_at");
    if (by) out << " oleh " << text(*by, "name") << " (" << text(*by, "username") << ")";
    out << "\nKomit main pada akhir periode: " << text(m, "main_commit") << "\n";
  }
  out << "Berkas: " << r.files_checked << " dari " << r.files_listed
      << " cocok dengan SHA256SUMS dan manifest.json\n";
  const auto& ev = r.events;
  if (ev.events)
    out << "Peristiwa audit: " << ev.events << " (nomor " << ev.first_seq << "–" << ev.last_seq
        << "), rantai hash " << (ev.intact ? "utuh" : "RUSAK")
        << "; jangkar git diperiksa: " << ev.anchors_checked << " dari " << ev.anchors << "\n";
  else
    out << "Peristiwa audit: tidak ada dalam periode ini\n";
  for (const auto& p : ev.problems) out << "  - " << p << "\n";
  if (!r.manifest_sha256.empty())
    out << "SHA-256 manifest.json: " << r.manifest_sha256 << "\n"
        << "  (bandingkan dengan manifest_sha256 peristiwa audit.packet di server)\n";
  if (r.ok) {
    out << "HASIL: UTUH — paket lengkap dan tidak diubah\n";
    return 0;
  }
  out << "HASIL: TIDAK UTUH\n";
  for (const auto& p : r.problems) out << "  - " << p << "\n";
  if (r.problems_omitted) out << "  … dan " << r.problems_omitted << " masalah lain\n";
  return 4;
}

}  // namespace sopan::app
