// The public check of a signature on paper (issue 15 §6): the code printed under a signature, or
// its QR code, opens /v/{code} (a page for a phone, no sign-in) or /api/v1/verify/{code} (the same
// facts as JSON). They show the signer's name and position, the document, the time and meaning
// of the signature and the SHA-256 of the signed content, never a NIP; and they say whether the
// record still holds: the signed file must still be in git with that digest, the document's
// history must still name that commit, and the version must still be the one in force.
#include <boost/json/object.hpp>
#include <memory>

#include "api/doc_kinds.hpp"
#include "api/routes.hpp"
#include "common/hash.hpp"
#include "common/json.hpp"
#include "common/xml.hpp"
#include "domain/signature.hpp"
#include "domain/verification.hpp"
#include "domain/workflow.hpp"
#include "index/keys.hpp"
#include "index/store.hpp"
#include "library/accounts.hpp"
#include "library/document_library.hpp"
#include "library/event_index.hpp"
#include "library/indexer.hpp"
#include "library/kinds.hpp"
#include "library/org_library.hpp"

namespace sopan::api {
namespace json = boost::json;
using domain::Permission;

/// Lookups that find nothing, per address: a code carries 50 bits, so guessing is hopeless, but a
/// scanner must not cost the store a read per guess either. As generous per address as sign-in
/// (one address may be a whole office behind NAT, or a proxy not named in --trusted-proxy).
struct VerifyState {
  library::Throttle misses{library::ThrottleLimits{.per_account = 1'000'000,
                                                   .per_address = 100,
                                                   .window = std::chrono::minutes(15),
                                                   .first_delay = std::chrono::seconds(1),
                                                   .max_delay = std::chrono::minutes(15),
                                                   .max_entries = 10'000}};
};
std::shared_ptr<VerifyState> make_verify_state() { return std::make_shared<VerifyState>(); }

std::string verification_url(const Context& ctx, std::string_view code) {
  return ctx.public_url + "/v/" + std::string(code);
}

namespace {

/// What a code names and what holds of it today.
struct Checked {
  library::VerificationRow row;
  /// "berlaku", "akan_berlaku", "versi_baru", "dicabut", "digantikan", "tidak_berlaku" or
  /// "diubah" (the record no longer holds: nothing else on the page is to be trusted).
  std::string state;
  std::string headline, explanation;
  bool genuine = true;                         // the signature record still holds
  bool in_force = false;                       // this version is the one in force today
  std::optional<library::VersionRow> current;  // the ratification in force today, when another
};

Checked tampered(library::VerificationRow row, std::string why) {
  Checked c;
  c.row = std::move(row);
  c.state = "diubah";
  c.genuine = false;
  c.headline = "PERINGATAN: catatan tanda tangan ini tidak lagi utuh";
  c.explanation = std::move(why) +
                  " Jangan gunakan dokumen ini sebagai dokumen sah; laporkan kepada Bagian "
                  "Organisasi dan Inspektorat.";
  return c;
}

/// Whether an audit event of a write to the document names the row's commit.
Result<bool> recorded_in_chain(const library::DocumentLibrary& lib,
                               const library::VerificationRow& row) {
  auto seqs = library::events_of_commit(lib.store(), row.commit);
  if (!seqs) return seqs.error();
  const library::KindDescriptor* kind = library::find_kind(library::DocKind{row.kind});
  if (!kind) return false;
  const std::string doc = library::doc_trailer(kind->kind, row.doc_id);
  for (std::uint64_t seq : *seqs) {
    auto stored = lib.store().get(index::Cf::kEvents, index::event_key(seq));
    if (!stored) return stored.error();
    if (!*stored) continue;
    auto event = json_util::parse(**stored);
    if (!event || !event->is_object()) continue;
    const auto& o = event->as_object();
    if (json_util::string_field(o, "doc") == std::optional<std::string_view>(doc) &&
        json_util::string_field(o, "commit") == std::optional<std::string_view>(row.commit))
      return true;
  }
  return false;
}

/// The checks, in order: git still holds the signed bytes, the history still names the commit
/// and its signature, the audit chain records the write that made it, then the document's state
/// today.
Result<Checked> check(Context& ctx, library::VerificationRow row) {
  auto& lib = ctx.library;
  auto content = lib.ledger().read_file(row.commit, row.path);
  if (!content && content.error().code == Errc::kUnavailable) return content.error();
  if (!content || !*content)
    return tampered(std::move(row),
                    "Isi yang ditandatangani tidak lagi ada dalam riwayat git: riwayat telah "
                    "diubah atau dihapus setelah penandatanganan.");
  if (sha256_hex(**content) != row.sha256)
    return tampered(std::move(row),
                    "Isi dokumen di riwayat tidak lagi sama dengan isi yang ditandatangani.");
  auto version = lib.version_row(row.doc_id, row.version);
  if (!version) return version.error();
  auto signer = *version ? domain::read_signature((*version)->signature) : std::nullopt;
  if (!*version || (*version)->commit != row.commit || !signer || signer->name != row.name ||
      signer->position != row.position || signer->meaning != row.meaning ||
      signer->time != row.signed_at)
    return tampered(std::move(row),
                    "Riwayat dokumen tidak lagi mencatat pengesahan ini: riwayat telah ditulis "
                    "ulang setelah penandatanganan.");
  // The commit must be one the server made: its write event, in the hash-chained log, names it.
  // A history rewritten and reindexed on disk has commits no event names.
  auto recorded = recorded_in_chain(lib, row);
  if (!recorded) return recorded.error();
  if (!*recorded)
    return tampered(std::move(row),
                    "Pengesahan ini tidak tercatat dalam rantai peristiwa audit: commit-nya tidak "
                    "dibuat oleh server ini.");

  Checked c;
  c.row = std::move(row);
  const std::string today = api::today(ctx);
  auto at = lib.at(c.row.doc_id, today);
  if (!at) return at.error();
  std::optional<library::VersionRow> in_force;  // the ratification in force today
  std::optional<std::uint64_t> now_ratified, pending_ratified;
  if (at->version) {
    auto v = ratifying_row(lib, c.row.doc_id, at->version->version);
    if (!v) return v.error();
    in_force = std::move(*v);
    if (in_force) now_ratified = in_force->version;
  }
  if (at->pending) pending_ratified = at->pending->version;
  const std::string effective = indonesian_date(c.row.effective);
  if (now_ratified == c.row.version && at->status == "berlaku") {
    c.state = "berlaku";
    c.in_force = true;
    c.headline = "Tanda tangan sah — dokumen ini berlaku";
    c.explanation =
        "Versi " + std::to_string(c.row.version) + " inilah yang berlaku sejak " + effective + ".";
    if (at->pending)
      c.explanation += " Versi " + std::to_string(at->pending->version) +
                       " telah disahkan dan berlaku mulai " +
                       indonesian_date(at->pending->effective) + ".";
  } else if (now_ratified == c.row.version && at->status == "dicabut") {
    c.state = "dicabut";
    c.headline = "Tanda tangan sah, tetapi dokumen ini telah DICABUT";
    c.explanation =
        "Dokumen ini dicabut sejak " + indonesian_date(at->since) + " dan tidak berlaku lagi.";
  } else if (now_ratified == c.row.version && at->status == "digantikan") {
    c.state = "digantikan";
    c.headline = "Tanda tangan sah, tetapi dokumen ini telah DIGANTIKAN";
    c.explanation = "Dokumen ini digantikan oleh dokumen lain sejak " + indonesian_date(at->since) +
                    " dan tidak berlaku lagi.";
  } else if (pending_ratified == c.row.version) {
    c.state = "akan_berlaku";
    c.headline = "Tanda tangan sah — dokumen ini berlaku mulai " + effective;
    c.explanation = "Versi ini telah disahkan dan mulai berlaku pada " + effective + ".";
  } else if (now_ratified && *now_ratified > c.row.version) {
    c.state = "versi_baru";
    c.headline = "Tanda tangan sah, tetapi sudah ada versi yang lebih baru";
    c.current = std::move(in_force);
    c.explanation = "Tanda tangan ini untuk versi " + std::to_string(c.row.version) +
                    ". Yang berlaku sekarang adalah versi " + std::to_string(*now_ratified) +
                    (c.current ? ", berlaku sejak " + indonesian_date(c.current->effective) : "") +
                    ". Gunakan versi yang berlaku.";
  } else {
    c.state = "tidak_berlaku";
    c.headline = "Tanda tangan sah, tetapi versi ini tidak berlaku";
    c.explanation = "Versi ini tidak berlaku pada " + indonesian_date(today) + ".";
  }
  return c;
}

std::string kind_label(std::string_view kind) {
  const library::KindDescriptor* k = library::find_kind(library::DocKind{kind});
  return std::string(k ? k->label : kind);
}

std::string unit_name(const Context& ctx, const std::string& unit) {
  const domain::Unit* u = ctx.org.tree()->unit(unit);
  return u ? u->name : "";
}

json::object to_json(const Context& ctx, const Checked& c) {
  const auto& r = c.row;
  json::object out{
      {"code", domain::format_verification_code(r.code)},
      {"state", c.state},
      {"genuine", c.genuine},
      {"in_force", c.in_force},
      {"headline", c.headline},
      {"explanation", c.explanation},
      {"document",
       {{"kind", r.kind},
        {"kind_label", kind_label(r.kind)},
        {"number", r.number},
        {"title", r.title},
        {"unit_name", unit_name(ctx, r.unit)},
        {"version", r.version},
        {"effective", r.effective}}},
      {"signature",
       {{"name", r.name}, {"position", r.position}, {"meaning", r.meaning}, {"time", r.signed_at}}},
      {"signed_content", {{"sha256", r.sha256}, {"commit", r.commit}, {"path", r.path}}},
      {"instansi", ctx.library.instansi().name},
      {"checked_at", format_utc(ctx.library.clock().now())}};
  if (c.current)
    out["current"] = {{"version", c.current->version}, {"effective", c.current->effective}};
  return out;
}

Error unknown_code(std::string_view typed) {
  return field_error(Errc::kNotFound, "Kode verifikasi tidak dikenal", "/path/code",
                     "Periksa kembali kode \"" + std::string(typed.substr(0, 40)) +
                         "\" pada dokumen: 12 huruf dan angka setelah SPN-");
}

/// The code looked up, through the miss throttle; kNotFound for a code that is not one (no store
/// read) or that names nothing.
Result<Checked> look_up(Context& ctx, const Request& req, std::string_view typed) {
  auto key = domain::parse_verification_code(typed);
  if (!key)
    return field_error(Errc::kNotFound, "Kode verifikasi tidak valid", "/path/code",
                       "Kode berbentuk SPN-XXXX-XXXX-XXXX (huruf dan angka); periksa kembali "
                       "setiap hurufnya");
  const TimeMs now = ctx.library.clock().now();
  auto ticket = ctx.verify->misses.reserve("miss:" + req.remote, req.remote, now);
  if (auto* refusal = std::get_if<library::Throttle::Refusal>(&ticket))
    return library::throttled_error(refusal->retry_after);
  auto row = ctx.library.verification(*key);
  if (!row) return row.error();
  if (!*row) {
    std::get<library::Throttle::Ticket>(ticket).failed(now);
    return unknown_code(typed);
  }
  return check(ctx, std::move(**row));
}

constexpr std::string_view kPageStyle = R"(<style>
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#f3f5f7}
main{max-width:42rem;margin:0 auto;padding:1rem}
.instansi{margin:0;color:#555;font-size:.9rem}
h1{font-size:1.35rem;margin:.2rem 0 1rem}
.state{border-radius:8px;padding:.8rem 1rem;margin-bottom:1rem;border:2px solid}
.state h2{font-size:1.1rem;margin:0 0 .3rem}.state p{margin:0}
.ok{background:#e8f5ec;border-color:#2e7d32}.warn{background:#fff6e0;border-color:#b26a00}
.bad{background:#fdecea;border-color:#c62828}
dl{background:#fff;border-radius:8px;padding:.6rem 1rem;margin:0 0 1rem;display:grid;grid-template-columns:minmax(8rem,auto) 1fr;gap:.35rem 1rem}
dt{color:#555}dd{margin:0;overflow-wrap:anywhere}
.hash{font-family:ui-monospace,monospace;font-size:.85rem;word-break:break-all}
details,form{background:#fff;border-radius:8px;padding:.6rem 1rem;margin-bottom:1rem}
code{font-family:ui-monospace,monospace;font-size:.85rem;word-break:break-all}
input{font:inherit;padding:.4rem;width:100%;box-sizing:border-box;margin:.3rem 0}
button{font:inherit;padding:.45rem 1rem;border-radius:6px;border:0;background:#1f4e79;color:#fff}
@media (max-width:30rem){dl{grid-template-columns:1fr}dt{font-weight:600;color:#1a1a1a}}
</style>)";

std::string row_html(std::string_view label, const std::string& value, bool hash = false) {
  return "<dt>" + std::string(label) + "</dt><dd" + (hash ? " class=\"hash\"" : "") + ">" +
         (value.empty() ? "—" : xml_escape(value)) + "</dd>";
}

/// The page around `body`; `form_code` fills the "check another code" field.
Response page(const Context& ctx, int status, const std::string& body, std::string_view form_code) {
  Response r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.body =
      "<!doctype html><html lang=\"id\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
      "content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" "
      "content=\"noindex\"><link rel=\"icon\" href=\"data:,\"><title>Verifikasi Tanda Tangan "
      "Elektronik</title>" +
      std::string(kPageStyle) + "</head><body><main><p class=\"instansi\">" +
      xml_escape(ctx.library.instansi().name) + "</p><h1>Verifikasi Tanda Tangan Elektronik</h1>" +
      body +
      "<form method=\"get\" action=\"/v\"><label for=\"kode\">Periksa kode lain</label><input "
      "id=\"kode\" name=\"kode\" autocomplete=\"off\" autocapitalize=\"characters\" "
      "placeholder=\"SPN-XXXX-XXXX-XXXX\" maxlength=\"40\" value=\"" +
      xml_escape(form_code) +
      "\"><button type=\"submit\">Periksa</button></form></main></body></html>\n";
  // The API's HTML policy, but the form may go to this page itself.
  r.headers.emplace_back("Content-Security-Policy",
                         "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
                         "base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

Response checked_page(const Context& ctx, const Checked& c) {
  const auto& r = c.row;
  const int offset = ctx.library.instansi().utc_offset_minutes;
  const std::string tone = !c.genuine                                ? "bad"
                           : c.in_force || c.state == "akan_berlaku" ? "ok"
                                                                     : "warn";
  std::string body = "<section class=\"state " + tone + "\" data-state=\"" + c.state + "\"><h2>" +
                     xml_escape(c.headline) + "</h2><p>" + xml_escape(c.explanation) +
                     "</p></section><dl>";
  const std::string code = domain::format_verification_code(r.code);
  body += row_html("Kode verifikasi", code);
  body += row_html("Dokumen", kind_label(r.kind) + (r.number.empty() ? "" : " " + r.number));
  body += row_html("Judul", r.title);
  body += row_html("Unit", unit_name(ctx, r.unit));
  body += row_html("Versi", std::to_string(r.version));
  body += row_html("Tanggal efektif", indonesian_date(r.effective));
  body += row_html("Ditandatangani oleh", r.name);
  body += row_html("Jabatan", r.position);
  body += row_html("Makna tanda tangan", r.meaning);
  body += row_html("Waktu tanda tangan", indonesian_time(r.signed_at, offset));
  body += row_html("SHA-256 isi yang ditandatangani", r.sha256, true);
  body +=
      "</dl><details><summary>Cara memeriksa sendiri</summary><p>Isi yang ditandatangani adalah "
      "berkas <code>" +
      xml_escape(r.path) + "</code> pada commit <code>" + xml_escape(r.commit) +
      "</code> di repositori git Sopan. Dengan salinan repositori (atau paket audit), "
      "jalankan:</p><p><code>git show " +
      xml_escape(r.commit) + ":" + xml_escape(r.path) +
      " | sha256sum</code></p><p>Hasilnya harus sama dengan SHA-256 di atas.</p></details>";
  return page(ctx, 200, body, "");
}

Response error_page(const Context& ctx, const Error& e, std::string_view typed) {
  const int status = e.code == Errc::kThrottled ? 429 : e.code == Errc::kNotFound ? 404 : 503;
  std::string hint;
  if (e.details.is_array())
    for (const auto& d : e.details.as_array())
      if (const auto* o = d.if_object();
          o && o->if_contains("message") && o->at("message").is_string())
        hint = std::string(o->at("message").get_string());
  Response r =
      page(ctx, status,
           "<section class=\"state bad\" data-state=\"tidak_dikenal\"><h2>" +
               xml_escape(e.message) + "</h2><p>" +
               xml_escape(hint.empty() ? std::string("Coba lagi nanti.") : hint) + "</p></section>",
           typed.substr(0, 40));
  if (e.code == Errc::kThrottled)
    if (auto wait = library::retry_after_of(e))
      r.headers.emplace_back("Retry-After", std::to_string(*wait));
  return r;
}

}  // namespace

std::vector<Route> verify_routes(Context& ctx) {
  auto api = [&ctx](Request& req) -> Reply {
    if (auto s = only_query_params(req, {}); !s) return s.error();
    auto checked = look_up(ctx, req, req.param("code"));
    if (!checked) return checked.error();
    Response r = Response::json(to_json(ctx, *checked));
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
  };
  auto html = [&ctx](Request& req) -> Reply {
    const std::string typed(req.param("code"));
    auto checked = look_up(ctx, req, typed);
    if (!checked) return error_page(ctx, checked.error(), typed);
    return checked_page(ctx, *checked);
  };
  // The form on the page: /v?kode=… (nothing typed: the form alone).
  auto form = [&ctx, html](Request& req) -> Reply {
    auto typed = req.query_param("kode");
    if (!typed || typed->empty())
      return page(ctx, 200,
                  "<p>Ketik kode verifikasi yang tercetak di bawah tanda tangan dokumen, atau "
                  "pindai kode QR-nya.</p>",
                  "");
    req.params["code"] = std::string(*typed);
    return html(req);
  };
  return {
      {"GET", "/api/v1/verify/{code}", api, {}, Permission::kPublic, {}},
      {"GET", "/v/{code}", html, {}, Permission::kPublic, {}},
      {"GET", "/v", form, {}, Permission::kPublic, {}},
  };
}

}  // namespace sopan::api
