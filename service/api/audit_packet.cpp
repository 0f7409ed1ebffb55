// The audit packet (issue 15 §4): GET /api/v1/audit/packet?unit=&from=&to= answers one zip for a
// unit subtree and a period. For every document of the subtree (every kind, through the kind
// table) in force at `to`, or in force or changed during the period: its history, the structural
// diff since `from`, its content and renderings on `to` (and on `from` when another version was
// in force then), its signature records and commit ids. Then the audit events of the period as
// stored, the anchors git holds for them and the chain's state; and the manifest with SHA256SUMS
// (library/packet.hpp). The document files are the API's own answers (the same handlers, asked
// as the person who asked for the packet), so a packet says exactly what the screens say.
//
// Needs kAuditExport at the root: the event slice covers the whole instansi, and a slice cut to
// one unit's events could no longer be checked link by link.
#include <algorithm>
#include <atomic>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <filesystem>
#include <limits>
#include <map>

#include "api/doc_kinds.hpp"
#include "api/routes.hpp"
#include "common/json.hpp"
#include "domain/org.hpp"
#include "domain/signature.hpp"
#include "index/store.hpp"
#include "library/document_library.hpp"
#include "library/org_library.hpp"
#include "library/packet.hpp"
#include "library/timeline.hpp"

namespace sopan::api {
namespace json = boost::json;
using domain::Permission;

namespace {

constexpr TimeMs kDayMs = 86'400'000;
/// The longest period a packet covers.
constexpr int kMaxPeriodMonths = 10 * 12;
/// The files of one packet together (the zip is smaller): beyond it, a narrower unit or period.
constexpr std::uint64_t kMaxPacketBytes = 2ull << 30;
constexpr std::size_t kStreamChunk = 256 * 1024;
/// What a busy server asks the next client to wait (seconds).
constexpr int kRetryAfterSeconds = 10;

/// What a packet is asked for, checked.
struct PacketQuery {
  const domain::Unit* unit = nullptr;
  std::string from, to;  // local days, YYYY-MM-DD
  TimeMs start = 0;      // the first millisecond of `from`
  TimeMs end = 0;        // the last millisecond of `to`
};

Error bad_day(std::string_view name, std::string message) {
  return field_error(Errc::kInvalidArgument, std::move(message), "/query/" + std::string(name),
                     "Isi dengan tanggal YYYY-MM-DD yang ada, misalnya 2026-06-30");
}

/// The query of a packet request: unit (default the whole instansi), to (default today, never
/// later), from (default 1 January of to's year, never after to, at most ten years before it).
Result<PacketQuery> packet_query(const Context& ctx, const Request& req,
                                 std::shared_ptr<const domain::OrgTree>& tree) {
  if (auto s = only_query_params(req, {"unit", "from", "to"}); !s) return s.error();
  PacketQuery q;
  const int offset = ctx.library.instansi().utc_offset_minutes;
  const std::string today = api::today(ctx);
  q.to = std::string(req.query_param("to").value_or(today));
  auto to = parse_date(q.to);
  if (!to) return bad_day("to", "Tanggal akhir (to) tidak valid");
  if (q.to > today)
    return field_error(Errc::kInvalidArgument, "Tanggal akhir (to) di masa depan", "/query/to",
                       "Paling akhir hari ini, " + today);
  q.from = req.query_param("from") ? std::string(*req.query_param("from"))
                                   : format_date({to->year, 1, 1});
  auto from = parse_date(q.from);
  if (!from) return bad_day("from", "Tanggal awal (from) tidak valid");
  if (q.from > q.to)
    return field_error(Errc::kInvalidArgument, "Tanggal awal (from) sesudah tanggal akhir (to)",
                       "/query/from", "Isi tanggal awal pada atau sebelum " + q.to);
  if (q.from < format_date(add_months(*to, -kMaxPeriodMonths)))
    return field_error(Errc::kInvalidArgument, "Periode paket audit terlalu panjang", "/query/from",
                       "Paling panjang 10 tahun: tanggal awal paling awal " +
                           format_date(add_months(*to, -kMaxPeriodMonths)));
  tree = ctx.org.tree();
  auto unit = req.query_param("unit");
  if (unit && unit->empty())
    return field_error(Errc::kInvalidArgument, "Parameter unit kosong", "/query/unit",
                       "Isi dengan id unit, atau hilangkan untuk seluruh instansi");
  q.unit = tree->unit(unit ? *unit : std::string_view(tree->root()));
  if (!q.unit)
    return field_error(Errc::kNotFound, "Unit tidak ditemukan", "/query/unit",
                       "Pilih unit dari struktur organisasi");
  q.start = end_of_day_ms(*from, offset) + 1 - kDayMs;
  q.end = end_of_day_ms(*to, offset);
  return q;
}

/// The GET handlers of one kind's document routes, unwrapped (no access guard: the packet's own
/// permission was checked, and they are asked as the packet's requester).
struct KindHandlers {
  const KindApi* kind = nullptr;
  std::map<std::string, Handler, std::less<>> by_suffix;  // "/history", "/print", ...
  const Handler* find(std::string_view suffix) const {
    auto it = by_suffix.find(suffix);
    return it == by_suffix.end() ? nullptr : &it->second;
  }
};

/// Renderings of a version on a day, by route suffix, as the packet names their files.
struct Rendering {
  std::string_view suffix, extension;
};
constexpr Rendering kRenderings[] = {
    {"/print", ".print.html"}, {"/diagram.svg", ".diagram.svg"}, {"/bpmn", ".bpmn"}};

struct PacketState {
  std::vector<KindHandlers> kinds;
  std::atomic<bool> building{false};
};

/// What `handler` answers `who` for GET `path`: the body of its 200 answer.
Result<std::string> ask(const Handler& handler, const Request& who, std::string path,
                        std::string_view id, StringMap query = {}) {
  Request sub;
  sub.method = "GET";
  sub.path = std::move(path);
  sub.params.emplace("id", std::string(id));
  sub.query = std::move(query);
  sub.remote = who.remote;
  sub.principal = who.principal;
  sub.session_hash = who.session_hash;
  sub.csrf_token = who.csrf_token;
  sub.actor = who.actor;
  Reply reply = handler(sub);
  while (reply && reply->continue_on_pool) reply = std::exchange(reply->continue_on_pool, {})();
  if (!reply) return reply.error();
  if (reply->status != 200 || reply->stream)
    return make_error(Errc::kInternal, "Jawaban " + sub.path + " tidak dapat dimasukkan ke paket");
  return std::move(reply->body);
}

/// The time a stored event states, read from its raw bytes ("" when it cannot be read).
std::string event_time(std::string_view key, std::string_view value) {
  library::StoredEvent e = library::EventLog::decode(key, value);
  return e.fields ? std::string(json_util::string_field(*e.fields, "time").value_or("")) : "";
}

json::value state_json(const library::InForceAt& s, std::string_view day) {
  return json::object{{"date", day},
                      {"status", s.status},
                      {"since", s.since},
                      {"version", s.version ? json::value(s.version->version) : nullptr},
                      {"commit", s.version ? json::value(s.version->commit) : nullptr}};
}

class PacketBuilder {
 public:
  PacketBuilder(Context& ctx, const PacketState& state, const Request& req, const PacketQuery& q,
                std::shared_ptr<const domain::OrgTree> tree, library::PacketWriter& out)
      : ctx_(ctx), state_(state), req_(req), q_(q), tree_(std::move(tree)), out_(out) {}

  Status documents() {
    auto& lib = ctx_.library;
    const int offset = lib.instansi().utc_offset_minutes;
    json::array index;
    for (const auto& kind : state_.kinds) {
      library::ListFilter all;
      all.kind = kind.kind->kind->kind;
      all.limit = std::numeric_limits<std::size_t>::max();
      auto docs = lib.list(all);
      if (!docs) return docs.error();
      for (const auto& d : *docs) {
        auto rows = lib.history(d.id);
        if (!rows) return rows.error();
        const auto at_to = library::in_force_at(*rows, q_.to, offset);
        const auto at_from = library::in_force_at(*rows, q_.from, offset);
        if (!concerns(d, *rows, at_from, at_to)) continue;
        auto entry = document(kind, d, *rows, at_from, at_to);
        if (!entry) return entry.error();
        index.push_back(std::move(*entry));
        ++documents_;
      }
    }
    return out_.add("documents.json", json_util::pretty(json::object{
                                          {"from", q_.from}, {"to", q_.to}, {"documents", index}}));
  }

  Status events() {
    const std::string first = format_utc_ms(q_.start), last = format_utc_ms(q_.end);
    // Git's anchors for the period; the slice is checked against those inside it as it is read.
    auto anchors = ctx_.library.ledger().event_anchors(q_.start, q_.end);
    if (!anchors) return anchors.error();
    library::EventSliceCheck slice;
    for (const auto& a : *anchors) slice.expect(a.head);
    bool started = false;
    // The contiguous run of events from the first of the period to the last before one dated
    // after it: a slice without gaps, so every link in it can be checked.
    if (auto s = out_.open_file(library::kPacketEvents); !s) return s;
    Status failed;
    auto take = [&](std::string_view key, std::string_view value) {
      const std::string time = event_time(key, value);
      if (!started) {
        if (time.empty() || time < first) return true;
        started = true;
      }
      if (!time.empty() && time > last) return false;
      std::string line(value);
      line.push_back('\n');
      if (failed = out_.append(line); !failed) return false;
      slice.add(value);
      return true;
    };
    auto scanned = ctx_.library.store().scan(index::Cf::kEvents, {}, take);
    if (!scanned) return scanned.error();
    if (!failed) return failed;
    if (auto s = out_.close_file(); !s) return s;
    slice_ = slice.finish();
    json::array listed;
    for (const auto& a : *anchors) {
      const bool inside =
          slice_.events && a.head.seq >= slice_.first_seq && a.head.seq <= slice_.last_seq;
      listed.push_back(json::object{{"commit", a.commit},
                                    {"ref", a.ref},
                                    {"time", format_utc(a.time)},
                                    {"seq", a.head.seq},
                                    {"hash", a.head.hash},
                                    {"in_slice", inside}});
    }
    if (auto s = out_.add(library::kPacketAnchors,
                          json_util::pretty(json::object{{"anchors", std::move(listed)}}));
        !s)
      return s;
    auto whole = ctx_.library.ledger().verify_events();
    if (!whole) return whole.error();
    json::array problems;
    for (const auto& p : slice_.problems) problems.push_back(json::value(p));
    json::array chain_problems;
    for (const auto& p : whole->problems)
      chain_problems.push_back(json::object{{"seq", p.seq}, {"reason", p.reason}});
    json::object chain{
        {"slice",
         {{"count", slice_.events},
          {"first_seq", slice_.first_seq},
          {"last_seq", slice_.last_seq},
          {"first_prev", slice_.first_prev},
          {"last_hash", slice_.last_hash},
          {"anchors_checked", slice_.anchors_checked},
          {"intact", slice_.intact},
          {"problems", std::move(problems)}}},
        {"chain",
         {{"intact", whole->intact},
          {"events", whole->events},
          {"bad_events", whole->bad_events},
          {"unreadable", whole->unreadable},
          {"first_bad_seq", whole->first_bad_seq},
          {"reason", whole->reason},
          {"problems", std::move(chain_problems)},
          {"head", {{"seq", whole->head.seq}, {"hash", whole->head.hash}}}}},
        {"how",
         "Setiap baris events.jsonl adalah satu peristiwa persis seperti tersimpan. hash = "
         "SHA-256 dari baris itu tanpa anggota ,\"hash\":\"…\" di ujungnya; prev = hash baris "
         "sebelumnya. Jangkar di anchors.json (trailer Sopan-Events di git) yang in_slice harus "
         "sama dengan hash peristiwa bernomor seq itu."}};
    return out_.add(library::kPacketChain, json_util::pretty(chain));
  }

  std::size_t documents_count() const { return documents_; }
  const library::EventSliceReport& slice() const { return slice_; }

 private:
  /// In the subtree (by any unit the document had: now, in force now, on either day) and in
  /// force on `to`, or in force on `from`, or changed during the period.
  bool concerns(const library::DocSummary& d, const std::vector<library::VersionRow>& rows,
                const library::InForceAt& at_from, const library::InForceAt& at_to) const {
    auto inside = [&](const std::string& unit) {
      return !unit.empty() && tree_->within(unit, q_.unit->id);
    };
    if (!inside(d.unit) && !inside(d.in_force_identity.unit) &&
        !(at_to.version && inside(at_to.version->unit)) &&
        !(at_from.version && inside(at_from.version->unit)))
      return false;
    if (at_to.status == "berlaku" || at_from.status == "berlaku") return true;
    return std::any_of(rows.begin(), rows.end(), [&](const library::VersionRow& r) {
      return r.time >= q_.start && r.time <= q_.end;
    });
  }

  Result<json::value> document(const KindHandlers& kind, const library::DocSummary& d,
                               const std::vector<library::VersionRow>& rows,
                               const library::InForceAt& at_from, const library::InForceAt& at_to) {
    const std::string base = kind.kind->collection() + "/" + d.id;
    const std::string dir = "documents/" + std::string(kind.kind->kind->folder) + "/" + d.id + "/";
    json::array files;
    auto put = [&](const std::string& name, std::string_view content) -> Status {
      if (auto s = out_.add(dir + name, content); !s) return s;
      files.push_back(json::value(dir + name));
      return {};
    };
    // As GET …/history, …/comments, …/records answer them.
    for (std::string_view part : {"/history", "/comments", "/records"})
      if (const Handler* h = kind.find(part)) {
        auto body = ask(*h, req_, base + std::string(part), d.id);
        if (!body) return body.error();
        if (auto s = put(std::string(part.substr(1)) + ".json", *body); !s) return s.error();
      }
    // The version on `to` (and on `from` when another): its content and its renderings, as
    // GET …?at=, …/print?at= answer them.
    auto on_day = [&](const std::string& day) -> Status {
      auto doc = ctx_.library.read(d.id, {library::ReadSelector::Kind::kAt, 0, day});
      if (!doc) return doc.error();
      if (auto s = put("at-" + day + ".json", doc->content); !s) return s;
      for (const auto& r : kRenderings)
        if (const Handler* h = kind.find(r.suffix)) {
          auto body = ask(*h, req_, base + std::string(r.suffix), d.id, {{"at", day}});
          if (!body) return body.error();
          if (auto s = put("at-" + day + std::string(r.extension), *body); !s) return s;
        }
      return {};
    };
    if (at_to.version)
      if (auto s = on_day(q_.to); !s) return s.error();
    if (at_from.version && (!at_to.version || at_from.version->version != at_to.version->version))
      if (auto s = on_day(q_.from); !s) return s.error();
    // What changed from the version in force on `from` (or the first) to the one on `to` (or
    // the last written by then), as GET …/diff?from=&to= answers it.
    std::uint64_t diff_to = at_to.version ? at_to.version->version : 0;
    if (!diff_to)
      for (const auto& r : rows)
        if (r.time <= q_.end) diff_to = std::max(diff_to, r.version);
    const std::uint64_t diff_from = at_from.version ? at_from.version->version : 1;
    json::value diff = nullptr;
    if (const Handler* h = kind.find("/diff"); h && diff_to) {
      auto body = ask(*h, req_, base + "/diff", d.id,
                      {{"from", std::to_string(std::min(diff_from, diff_to))},
                       {"to", std::to_string(diff_to)}});
      if (!body) return body.error();
      if (auto s = put("diff.json", *body); !s) return s.error();
      diff = json::object{{"from", std::min(diff_from, diff_to)}, {"to", diff_to}};
    }
    // Who signed what, from the commits' signature records; and every commit, for `git show`.
    json::array signatures;
    std::string commits;
    for (const auto& r : rows) {
      commits += std::to_string(r.version) + " " + r.commit + " " + r.action + " " +
                 format_utc(r.time) + (r.on_main ? " main" : " konsep") + "\n";
      if (r.signature.empty()) continue;
      auto s = domain::read_signature(r.signature);
      signatures.push_back(
          json::object{{"version", r.version},
                       {"action", r.action},
                       {"commit", r.commit},
                       {"trailer", "Sopan-Signature: " + r.signature},
                       {"signer", s ? json::value(json::object{{"name", s->name},
                                                               {"nip", s->nip},
                                                               {"position", s->position},
                                                               {"meaning", s->meaning},
                                                               {"time", s->time}})
                                    : json::value(nullptr)}});
    }
    if (auto s = put("signatures.json",
                     json_util::pretty(json::object{{"signatures", std::move(signatures)}}));
        !s)
      return s.error();
    if (auto s = put("commits.txt", commits); !s) return s.error();
    const library::VersionRow* shown = at_to.version ? &*at_to.version : nullptr;
    const domain::Unit* unit = tree_->unit(shown ? shown->unit : d.unit);
    return json::value(json::object{{"id", d.id},
                                    {"kind", library::kind_name(d.kind)},
                                    {"number", shown ? shown->number : d.number},
                                    {"title", shown ? shown->title : d.title},
                                    {"unit", unit ? unit->id : d.unit},
                                    {"unit_name", unit ? unit->name : ""},
                                    {"at_from", state_json(at_from, q_.from)},
                                    {"at_to", state_json(at_to, q_.to)},
                                    {"diff", std::move(diff)},
                                    {"files", std::move(files)}});
  }

  Context& ctx_;
  const PacketState& state_;
  const Request& req_;
  const PacketQuery& q_;
  std::shared_ptr<const domain::OrgTree> tree_;
  library::PacketWriter& out_;
  std::size_t documents_ = 0;
  library::EventSliceReport slice_;
};

/// Letters, digits, '.' and '-' of `text` (a unit code in a file name).
std::string file_safe(std::string_view text) {
  std::string out;
  for (char c : text)
    out.push_back((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                          c == '.' || c == '-'
                      ? c
                      : '-');
  return out;
}

constexpr std::string_view kReadme =
    "Paket audit Sopan\n"
    "=================\n\n"
    "Isi: dokumen unit dan periode yang disebut manifest.json (riwayat, perbedaan, isi dan\n"
    "tampilan cetak pada tanggal akhir dan awal, tanda tangan, komit git), peristiwa audit\n"
    "periode itu persis seperti tersimpan (events/events.jsonl) dengan jangkarnya di git.\n\n"
    "Memeriksa keutuhan tanpa Sopan (setelah diekstrak):\n"
    "    sha256sum -c SHA256SUMS\n"
    "Semua baris harus \"OK\". Lalu bandingkan SHA-256 manifest.json\n"
    "    sha256sum manifest.json\n"
    "dengan peristiwa audit.packet di server (manifest_sha256), yang dicatat saat paket dibuat.\n\n"
    "Memeriksa dengan Sopan (tanpa ekstrak; juga rantai hash peristiwa):\n"
    "    sopan verify-packet paket.zip\n";

}  // namespace

std::vector<Route> packet_routes(Context& ctx) {
  auto state = std::make_shared<PacketState>();
  for (const auto& kind : ctx.kinds) {
    KindHandlers handlers{&kind, {}};
    const std::string prefix = kind.collection() + "/{id}";
    for (auto& r : document_routes(ctx, kind))
      if (r.method == "GET" && r.pattern.starts_with(prefix))
        handlers.by_suffix.emplace(r.pattern.substr(prefix.size()), std::move(r.handler));
    state->kinds.push_back(std::move(handlers));
  }

  auto root = [&ctx](const Request&) -> Result<std::optional<std::string>> {
    return std::optional<std::string>(ctx.org.tree()->root());
  };

  auto packet = [&ctx, state](Request& req) -> Reply {
    std::shared_ptr<const domain::OrgTree> tree;
    auto q = packet_query(ctx, req, tree);
    if (!q) return q.error();
    // One build at a time: it is long and heavy on git and disk.
    bool idle = false;
    if (!state->building.compare_exchange_strong(idle, true)) {
      Error busy =
          make_error(Errc::kThrottled, "Paket audit lain sedang disusun; coba lagi sebentar lagi");
      busy.details = json::array{
          json::object{{"path", ""},
                       {"message", "Tunggu " + std::to_string(kRetryAfterSeconds) + " detik"},
                       {"retry_after", kRetryAfterSeconds}}};
      return busy;
    }
    struct Release {
      std::atomic<bool>& flag;
      ~Release() { flag = false; }
    } release{state->building};

    auto& lib = ctx.library;
    const std::filesystem::path scratch = lib.ledger().data_dir() / "tmp";
    {
      // Staging folders a crash left behind (only one build runs, and the data directory is
      // this process's alone).
      std::error_code ec;
      for (const auto& e : std::filesystem::directory_iterator(scratch, ec))
        if (e.path().filename().string().starts_with("packet-"))
          std::filesystem::remove_all(e.path(), ec);
    }
    auto writer = library::PacketWriter::create(scratch, kMaxPacketBytes);
    if (!writer) return writer.error();
    PacketBuilder build(ctx, *state, req, *q, tree, **writer);
    if (auto s = build.documents(); !s) return s.error();
    if (auto s = build.events(); !s) return s.error();
    if (auto s = (*writer)->add("README.txt", kReadme); !s) return s.error();
    auto main_at_to = lib.ledger().main_on(q->to);
    if (!main_at_to) return main_at_to.error();
    auto main_head = lib.ledger().main_head();
    if (!main_head) return main_head.error();
    const domain::Principal& who = *req.principal;
    const auto& slice = build.slice();
    json::object manifest{
        {"format", library::kPacketFormat},
        {"instansi", lib.instansi().name},
        {"unit", {{"id", q->unit->id}, {"code", q->unit->code}, {"name", q->unit->name}}},
        {"period",
         {{"from", q->from},
          {"to", q->to},
          {"utc_offset_minutes", lib.instansi().utc_offset_minutes}}},
        {"generated_at", format_utc_ms(lib.clock().now())},
        {"generated_by",
         {{"account", who.account_id},
          {"username", who.username},
          {"name", who.name},
          {"nip", who.nip}}},
        {"main_commit", main_at_to->value_or("")},
        {"main_head", *main_head},
        {"documents", build.documents_count()},
        {"events",
         {{"count", slice.events}, {"first_seq", slice.first_seq}, {"last_seq", slice.last_seq}}}};
    // Noon UTC of `to`: the same day in any time zone an unzip shows it in.
    auto to_day = parse_date(q->to);
    const std::time_t mtime =
        static_cast<std::time_t>((end_of_day_ms(*to_day, 0) + 1 - kDayMs / 2) / 1000);
    auto finished = (*writer)->finish(std::move(manifest), mtime);
    if (!finished) return finished.error();
    // A packet leaves the server only once its manifest is on record.
    if (auto s = lib.record_event({{"kind", "audit.packet"},
                                   {"account", who.account_id},
                                   {"username", who.username},
                                   {"unit", q->unit->id},
                                   {"from", q->from},
                                   {"to", q->to},
                                   {"manifest_sha256", finished->manifest_sha256},
                                   {"bytes", finished->zip->size()},
                                   {"files", finished->files},
                                   {"documents", build.documents_count()}});
        !s)
      return s.error();
    Response r;
    r.content_type = "application/zip";
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"paket-audit-" +
                                                      file_safe(q->unit->code) + "-" + q->from +
                                                      "-" + q->to + ".zip\"");
    r.headers.emplace_back("Cache-Control", "no-store");
    r.headers.emplace_back("X-Manifest-SHA256", finished->manifest_sha256);
    r.stream_length = finished->zip->size();
    // The zip is already nameless: it goes when the last chunk is sent or the client leaves.
    r.stream = [zip = finished->zip](std::string& chunk) -> Result<bool> {
      return zip->read(chunk, kStreamChunk);
    };
    return r;
  };

  return {{"GET", "/api/v1/audit/packet", packet, always_blocks, Permission::kAuditExport, root}};
}

}  // namespace sopan::api
