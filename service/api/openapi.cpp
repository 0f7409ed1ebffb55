#include "api/openapi.hpp"

#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <cctype>
#include <deque>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "api/routes.hpp"
#include "common/json.hpp"

namespace sopan::api {
namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

// ---------------------------------------------------------------------------------------------
// The side table: what the route table does not say. One entry per (method, pattern); the
// error answers follow from the route (see errors_of) and need listing only when they go beyond.

struct Param {
  std::string_view name, description;
};

struct Operation {
  std::string_view method, pattern, summary;
  /// The request body: a schema in schemas/ ("save-draft.request"), kAnyObject for a JSON object
  /// the domain parses without a schema file of its own, or empty for none.
  std::string_view body = {};
  std::vector<Param> query = {};
  int status = 200;
  /// The answer's media type; empty for none (204).
  std::string_view answer = "application/json";
  /// Error statuses beyond those the route implies (409, 412, 429).
  std::vector<int> also = {};
  bool if_match = false;
  /// A body that is not JSON: the media types it may have (sent as raw bytes).
  std::vector<std::string_view> raw_body = {};
};

constexpr std::string_view kAnyObject = "{}";

const Param kVersion{"version",
                     "Versi yang dibaca: `latest` (yang terbaru bagi pembaca: konsep terbuka bila "
                     "ia boleh membaca konsep, selain itu yang berlaku), `draft` atau nomor versi "
                     "(bawaan: yang berlaku)"};
const Param kAt{"at", "Keadaan yang berlaku pada tanggal ini (YYYY-MM-DD)"};
const Param kLimit{"limit", "Jumlah butir paling banyak"};

/// Text that lives as long as the table (the entries generated per document kind).
std::string_view keep(std::string text) {
  static std::deque<std::string> kept;
  return kept.emplace_back(std::move(text));
}

/// The routes every document kind has under /api/v1/<folder> (api/documents.cpp), in the kind's
/// words: `noun` "SOP" or "peta", `tags` what its `classification` filter takes.
std::vector<Operation> document_operations(std::string_view folder, std::string_view noun,
                                           std::string_view tags, bool records) {
  const std::string base = "/api/v1/" + std::string(folder);
  auto at = [&](std::string_view rest) { return keep(base + std::string(rest)); };
  auto words = [&](std::string_view before, std::string_view after = "") {
    return keep(std::string(before) + std::string(noun) + std::string(after));
  };
  std::vector<Operation> ops = {
      {.method = "GET",
       .pattern = at(""),
       .summary = words("Daftar dan pencarian "),
       .query = {{"unit", "Unit beserta sub-unitnya"},
                 {"status",
                  "konsep, diajukan, diverifikasi, berlaku, dicabut, digantikan, "
                  "dibatalkan"},
                 {"classification", tags},
                 {"q", "Kata yang dicari"},
                 {"position",
                  "Hanya dokumen yang pelaksananya jabatan ini (id jabatan, atau `me` untuk "
                  "jabatan pembaca); tiap butir membawa `position_steps`"},
                 kAt,
                 kLimit}},
      {.method = "POST",
       .pattern = at(""),
       .summary = words("Membuat konsep ", " baru"),
       .body = "save-draft.request",
       .status = 201,
       .also = {409}},
      {.method = "GET",
       .pattern = at("/{id}"),
       .summary = words("Satu ",
                        ": yang berlaku, konsepnya, versi tertentu, atau yang terbaru bagi "
                        "pembaca (version=latest); may.read_drafts: boleh membaca konsepnya"),
       .query = {kVersion, kAt}},
      {.method = "PUT",
       .pattern = at("/{id}/draft"),
       .summary = "Menyimpan konsep (If-Match: versi yang disunting)",
       .body = "save-draft.request",
       .also = {409, 412},
       .if_match = true},
      {.method = "GET", .pattern = at("/{id}/history"), .summary = words("Riwayat versi ")},
      {.method = "GET",
       .pattern = at("/{id}/links"),
       .summary = words("Dokumen yang dirujuk ", " ini dan yang merujuknya"),
       .query = {kVersion, kAt}},
      {.method = "POST",
       .pattern = at("/{id}/actions/{action}"),
       .summary = "Tindakan alur kerja: submit, verify, request-changes, recall (penyusun yang "
                  "mengajukan menarik kembali), ratify, revise, withdraw, supersede, discard",
       .body = "action.request",
       .also = {409, 412, 429},
       .if_match = true},
      {.method = "GET", .pattern = at("/{id}/comments"), .summary = words("Komentar atas konsep ")},
      {.method = "POST",
       .pattern = at("/{id}/comments"),
       .summary = "Menambah komentar atau balasan",
       .body = "comment.request",
       .status = 201},
      {.method = "PUT",
       .pattern = at("/{id}/comments/{comment}"),
       .summary = "Mengubah atau menuntaskan komentar",
       .body = "comment-update.request"},
      {.method = "GET",
       .pattern = at("/{id}/diff"),
       .summary = words("Perbedaan antara dua versi "),
       .query = {{"from", "Versi awal: `draft` atau nomor"},
                 {"to", "Versi akhir: `draft` atau nomor"}}},
  };
  if (records) {
    ops.push_back({.method = "GET",
                   .pattern = at("/{id}/records"),
                   .summary = words("Catatan monitoring dan evaluasi ")});
    ops.push_back({.method = "POST",
                   .pattern = at("/{id}/monitoring"),
                   .summary = words("Mencatat monitoring pelaksanaan "),
                   .body = "monitoring.request",
                   .status = 201,
                   .also = {409}});
    ops.push_back({.method = "POST",
                   .pattern = at("/{id}/evaluations"),
                   .summary = words("Mencatat evaluasi ",
                                    ": tetap (ditandatangani) atau revisi (membuka konsep)"),
                   .body = "evaluation.request",
                   .status = 201,
                   .also = {409}});
  }
  return ops;
}

const std::vector<Operation>& operations() {
  static const std::vector<Operation> table = [] {
    std::vector<Operation> t = {
        // The service
        {.method = "GET",
         .pattern = "/healthz",
         .summary = "Kesehatan layanan: indeks terbaca, komit yang dikarantina"},
        {.method = "GET",
         .pattern = "/metrics",
         .summary = "Metrik dalam format teks Prometheus",
         .answer = "text/plain; version=0.0.4"},
        {.method = "GET",
         .pattern = "/api/v1/openapi.yaml",
         .summary = "Dokumen OpenAPI ini",
         .answer = "application/yaml"},
        // Session
        {.method = "POST",
         .pattern = "/api/v1/session",
         .summary = "Masuk: membuat sesi (cookie HttpOnly) dan memberi token CSRF",
         .body = "login.request",
         .also = {429}},
        {.method = "DELETE",
         .pattern = "/api/v1/session",
         .summary = "Keluar: mengakhiri sesi ini",
         .status = 204,
         .answer = ""},
        {.method = "GET",
         .pattern = "/api/v1/me",
         .summary = "Orang yang sedang masuk: jabatan, unit, hak akses, token CSRF"},
        {.method = "PUT",
         .pattern = "/api/v1/me/password",
         .summary = "Mengganti kata sandi sendiri",
         .body = "password.request",
         .status = 204,
         .answer = ""},
        // Personal access tokens and read-only git (issue 15)
        {.method = "GET",
         .pattern = "/api/v1/me/tokens",
         .summary = "Token akses pribadi sendiri (aktif dan yang telah dicabut), alamat git, dan "
                    "apakah pemiliknya boleh membaca git (admin atau auditor seluruh instansi)"},
        {.method = "POST",
         .pattern = "/api/v1/me/tokens",
         .summary = "Membuat token akses pribadi untuk git; nilainya hanya ditampilkan sekali. "
                    "Kata sandi dimasukkan kembali",
         .body = "token.request",
         .status = 201,
         .also = {409, 429}},
        {.method = "DELETE",
         .pattern = "/api/v1/me/tokens/{id}",
         .summary = "Mencabut token akses pribadi sendiri (tetap tercantum sebagai dicabut)"},
        {.method = "GET",
         .pattern = "/git/{path...}",
         .summary = "git clone dan git fetch (smart HTTP, hanya baca) dari /git/sopan.git: "
                    "info/refs?service=git-upload-pack; dilayani git http-backend",
         .answer = "application/x-git-upload-pack-advertisement",
         .also = {400, 503}},
        {.method = "POST",
         .pattern = "/git/{path...}",
         .summary = "git-upload-pack dari /git/sopan.git (paket objek, dialirkan); "
                    "git-receive-pack (push) selalu ditolak 403",
         .answer = "application/x-git-upload-pack-result",
         .also = {400, 415, 503},
         .raw_body = {"application/x-git-upload-pack-request"}},
        // Signatures on paper
        {.method = "GET",
         .pattern = "/api/v1/verify/{code}",
         .summary = "Periksa kode verifikasi tanda tangan (SPN-XXXX-XXXX-XXXX) tanpa masuk: "
                    "penanda tangan (nama, jabatan; tanpa NIP), dokumen, waktu dan makna tanda "
                    "tangan, SHA-256 isi yang ditandatangani, dan keadaannya kini (berlaku, "
                    "akan_berlaku, versi_baru, dicabut, digantikan, tidak_berlaku, diubah)",
         .also = {404, 429}},
        {.method = "GET",
         .pattern = "/v/{code}",
         .summary =
             "Halaman verifikasi tanda tangan untuk kode QR pada cetakan (HTML, tanpa masuk)",
         .answer = "text/html; charset=utf-8",
         .also = {404, 429}},
        {.method = "GET",
         .pattern = "/v",
         .summary = "Formulir verifikasi: ketik kode (?kode=SPN-XXXX-XXXX-XXXX)",
         .query = {{"kode", "Kode verifikasi yang tercetak di bawah tanda tangan"}},
         .answer = "text/html; charset=utf-8",
         .also = {404, 429}},
        // The instansi
        {.method = "GET",
         .pattern = "/api/v1/instansi",
         .summary = "Instansi: nama dan logo (ada atau tidak, jenis, ukuran, ETag); tanpa masuk"},
        {.method = "GET",
         .pattern = "/api/v1/instansi/logo",
         .summary = "Logo instansi (PNG atau JPEG; ETag dan If-None-Match → 304); tanpa masuk",
         .query = {{"v",
                    "ETag logo, agar logo baru beralamat baru bagi tembolok peramban; diabaikan"}},
         .answer = "image/*",
         .also = {404}},
        {.method = "PUT",
         .pattern = "/api/v1/instansi/logo",
         .summary =
             "Memasang atau mengganti logo instansi: isi berkas PNG/JPEG apa adanya, paling "
             "besar 256 KiB, sisi 16–2048 piksel; SVG tidak diterima. Admin seluruh instansi",
         .raw_body = {"image/png", "image/jpeg"}},
        {.method = "DELETE",
         .pattern = "/api/v1/instansi/logo",
         .summary = "Menghapus logo instansi. Admin seluruh instansi",
         .also = {404}},
        // Organisation
        {.method = "GET",
         .pattern = "/api/v1/units",
         .summary = "Daftar unit organisasi dengan jabatannya",
         .query = {{"q", "Cari pada nama atau kode unit"}}},
        {.method = "POST",
         .pattern = "/api/v1/units",
         .summary = "Membentuk unit baru",
         .body = kAnyObject,
         .status = 201},
        {.method = "GET",
         .pattern = "/api/v1/units/{id}",
         .summary = "Satu unit dengan jabatannya"},
        {.method = "PUT",
         .pattern = "/api/v1/units/{id}",
         .summary = "Mengubah unit: nama, induk, jabatan, penutupan",
         .body = kAnyObject,
         .query = {{"message", "Alasan perubahan (pesan komit)"}}},
        {.method = "GET",
         .pattern = "/api/v1/units/{id}/history",
         .summary = "Riwayat perubahan unit"},
        {.method = "GET",
         .pattern = "/api/v1/staff",
         .summary = "Daftar pegawai",
         .query = {{"q", "Cari pada nama atau NIP"},
                   {"unit", "Hanya pegawai unit ini"},
                   {"active", "`true` atau `false`"},
                   kLimit}},
        {.method = "POST",
         .pattern = "/api/v1/staff",
         .summary = "Menambah pegawai",
         .body = kAnyObject,
         .status = 201,
         .also = {409}},
        {.method = "GET", .pattern = "/api/v1/staff/{nip}", .summary = "Satu pegawai"},
        {.method = "PUT",
         .pattern = "/api/v1/staff/{nip}",
         .summary = "Mengubah data pegawai",
         .body = kAnyObject},
        {.method = "POST",
         .pattern = "/api/v1/org/import",
         .summary = "Impor struktur organisasi dari CSV: semua atau tidak sama sekali",
         .body = "org-import.request"},
        // Accounts
        {.method = "GET",
         .pattern = "/api/v1/accounts",
         .summary = "Daftar akun dalam jangkauan admin"},
        {.method = "POST",
         .pattern = "/api/v1/accounts",
         .summary = "Membuat akun dengan hak aksesnya per unit",
         .body = "account.request",
         .status = 201,
         .also = {409}},
        {.method = "GET", .pattern = "/api/v1/accounts/{id}", .summary = "Satu akun"},
        {.method = "PUT",
         .pattern = "/api/v1/accounts/{id}",
         .summary = "Mengubah akun dan hak aksesnya",
         .body = "account.request",
         .also = {409}},
        // Audit
        {.method = "GET",
         .pattern = "/api/v1/events",
         .summary = "Linimasa instansi: log peristiwa audit berantai hash, terbaru dulu, dengan "
                    "keadaan rantainya",
         .query = {{"unit", "Unit beserta unit di bawahnya"},
                   {"actor", "Nama pengguna, NIP atau id akun pelaku"},
                   {"action", "Kategori (`doc`, `login`) atau jenis (`doc.ratify`) peristiwa"},
                   {"kind", "Awal jenis peristiwa, misalnya `login.` (bentuk lama)"},
                   {"doc_kind", "`sop` atau `map`"},
                   {"from", "Sejak tanggal (YYYY-MM-DD, kalender instansi)"},
                   {"to", "Sampai tanggal (YYYY-MM-DD, kalender instansi)"},
                   {"before", "Penanda halaman: nomor peristiwa dari `next_before`"},
                   {"chain", "`full`: periksa ulang seluruh rantai sekarang"},
                   kLimit}},
        {.method = "GET",
         .pattern = "/api/v1/audit/packet",
         .summary = "Paket audit (zip, dengan Content-Length) satu unit dan periode: dokumen yang "
                    "berlaku atau berubah beserta riwayat, perbedaan, isi dan cetakannya, tanda "
                    "tangan dan komit; peristiwa audit periode itu dengan rantai hash dan "
                    "jangkarnya; manifest.json dan SHA256SUMS (`sha256sum -c`, `sopan "
                    "verify-packet`). Satu penyusunan pada satu waktu (429 dengan Retry-After)",
         .query = {{"unit", "Unit beserta sub-unitnya (bawaan: seluruh instansi)"},
                   {"from",
                    "Awal periode, YYYY-MM-DD (bawaan: 1 Januari tahun `to`); paling "
                    "lama 10 tahun sebelum `to`"},
                   {"to", "Akhir periode, YYYY-MM-DD (bawaan: hari ini; tidak di masa depan)"}},
         .answer = "application/zip",
         .also = {404, 413, 429}},
        // Work
        {.method = "GET", .pattern = "/api/v1/tasks", .summary = "Pekerjaan yang menunggu saya"},
        {.method = "GET",
         .pattern = "/api/v1/workflow",
         .summary = "Tabel alur kerja: keadaan, tindakan dan peran yang boleh menjalankannya"},
    };
    for (auto&& ops :
         {document_operations("sops", "SOP",
                              "teknis, administratif, makro, mikro, final, parsial, "
                              "generik, spesifik",
                              true),
          document_operations("maps", "peta", "level0, dekomposisi, lintas_fungsi", false)})
      t.insert(t.end(), ops.begin(), ops.end());
    // What only a SOP has, and what only a map has.
    std::vector<Operation> own = {
        {.method = "GET",
         .pattern = "/api/v1/sops/{id}/flowchart.svg",
         .summary = "Diagram alir SOP sebagai SVG",
         .query = {kVersion, kAt, {"page", "Halaman diagram, mulai dari 1"}},
         .answer = "image/svg+xml"},
        {.method = "GET",
         .pattern = "/api/v1/sops/{id}/print",
         .summary = "Tampilan cetak SOP (HTML, A4 mendatar)",
         .query = {kVersion, kAt},
         .answer = "text/html"},
        {.method = "POST",
         .pattern = "/api/v1/render/sop",
         .summary = "Pratinjau diagram alir dari SOP yang sedang disunting",
         .body = "render-sop.request"},
        {.method = "POST",
         .pattern = "/api/v1/import/sop-steps",
         .summary = "Mengubah langkah SOP dari CSV menjadi JSON",
         .body = "sop-steps-import.request"},
        {.method = "GET",
         .pattern = "/api/v1/maps/{id}/bpmn",
         .summary = "Peta sebagai BPMN 2.0 (XML, dengan bpmndi dan tautan sopan:*)",
         .query = {kVersion, kAt},
         .answer = "application/xml"},
        {.method = "GET",
         .pattern = "/api/v1/maps/{id}/diagram.svg",
         .summary = "Gambar peta level 0 atau dekomposisi sebagai SVG (ringkasan untuk peta lintas "
                    "fungsi)",
         .query = {kVersion, kAt},
         .answer = "image/svg+xml"},
        {.method = "POST",
         .pattern = "/api/v1/maps/import/bpmn",
         .summary =
             "Membaca berkas BPMN 2.0 (Camunda Modeler, bpmn.io, Bizagi) menjadi peta lintas "
             "fungsi; unsupported: elemen yang tidak dapat disimpan. Tidak menyimpan apa pun",
         .query = {{"unit", "Unit pemilik peta yang akan menerima hasilnya"}},
         .raw_body = {"application/xml", "text/xml"}},
        {.method = "POST",
         .pattern = "/api/v1/render/map",
         .summary = "Pratinjau gambar dan aturan peta yang sedang disunting",
         .body = "render-map.request"},
        {.method = "GET",
         .pattern = "/api/v1/coverage",
         .summary = "Cakupan peta proses bisnis oleh SOP untuk satu unit pada satu tanggal: "
                    "aktivitas tanpa SOP, SOP tanpa peta, jabatan tanpa SOP, pergeseran",
         .query = {{"unit", "Unit beserta sub-unitnya (bawaan: seluruh instansi)"},
                   kAt,
                   {"type", "Hanya butir jenis ini (aktivitas_tanpa_sop, sop_tanpa_peta, ...)"},
                   {"limit", "Butir paling banyak (bawaan 500); counts menghitung semuanya"}}},
        // The score (issue 14): rubrics and manual answers on main, the score on any day.
        {.method = "GET",
         .pattern = "/api/v1/rubrics",
         .summary = "Rubrik penilaian yang ada pada tanggal itu (bawaan: hari ini)",
         .query = {kAt}},
        {.method = "GET",
         .pattern = "/api/v1/rubrics/{id}",
         .summary = "Satu rubrik (schemas/rubric.schema.json) dengan ETag-nya",
         .query = {kAt}},
        {.method = "PUT",
         .pattern = "/api/v1/rubrics/{id}",
         .summary = "Menambah (tanpa If-Match) atau mengubah rubrik (If-Match: ETag yang dibaca); "
                    "admin seluruh instansi",
         .body = "rubric.request",
         .also = {409, 412}},
        {.method = "GET",
         .pattern = "/api/v1/rubrics/{id}/history",
         .summary = "Riwayat perubahan rubrik (komit di main)"},
        {.method = "GET",
         .pattern = "/api/v1/answers/{rubric}/{unit}",
         .summary = "Jawaban manual unit atas butir rubrik yang tidak diukur server",
         .query = {kAt}},
        {.method = "PUT",
         .pattern = "/api/v1/answers/{rubric}/{unit}",
         .summary = "Menjawab butir manual dengan tautan bukti, ditandatangani dengan kata sandi",
         .body = "answers.request"},
        {.method = "GET",
         .pattern = "/api/v1/answers/{rubric}/{unit}/history",
         .summary = "Riwayat jawaban manual unit: setiap komit dengan tanda tangan penjawabnya"},
        {.method = "GET",
         .pattern = "/api/v1/score",
         .summary = "Skor rubrik untuk unit, sub-unitnya atau seluruh instansi pada tanggal itu, "
                    "dengan alasan setiap butir dan dokumen yang kurang; komit yang dihitung",
         .query = {{"rubric", "Rubrik (dari /api/v1/rubrics)"},
                   {"unit", "Unit (bawaan: seluruh instansi)"},
                   {"scope", "subtree (unit beserta sub-unitnya, bawaan) atau unit"},
                   kAt,
                   {"format", "json (bawaan), csv, atau xlsx (tata letak LKE)"}}},
        {.method = "GET",
         .pattern = "/api/v1/score/trend",
         .summary = "Skor pada akhir setiap bulan, yang terakhir hari ini",
         .query = {{"rubric", "Rubrik"},
                   {"unit", "Unit (bawaan: seluruh instansi)"},
                   {"scope", "subtree atau unit"},
                   {"months", "Jumlah bulan (1 sampai 60, bawaan 24)"}}},
    };
    t.insert(t.end(), own.begin(), own.end());
    return t;
  }();
  return table;
}

// ---------------------------------------------------------------------------------------------

std::string key_of(std::string_view method, std::string_view pattern) {
  return std::string(method) + " " + std::string(pattern);
}

std::string join_roles(const json::array& roles) {
  std::string out;
  for (const auto& r : roles) out += (out.empty() ? "" : ", ") + std::string(r.get_string());
  return out;
}

std::string_view status_text(int status) {
  switch (status) {
    case 200:
      return "Berhasil";
    case 201:
      return "Dibuat";
    case 204:
      return "Berhasil, tanpa isi";
    case 400:
      return "Permintaan tidak valid (parameter, isi JSON)";
    case 401:
      return "Belum masuk atau sesi berakhir";
    case 403:
      return "Tidak berwenang, atau token CSRF salah";
    case 404:
      return "Tidak ditemukan";
    case 409:
      return "Bertentangan dengan keadaan dokumen";
    case 412:
      return "Versi pada If-Match sudah usang";
    case 413:
      return "Isi permintaan terlalu besar";
    case 415:
      return "Isi permintaan harus JSON";
    case 422:
      return "Isi tidak memenuhi skema atau aturan";
    case 429:
      return "Terlalu banyak percobaan; lihat Retry-After";
    case 500:
      return "Kesalahan server (dengan nomor insiden)";
    case 503:
      return "Layanan sedang sibuk atau tidak tersedia; lihat Retry-After";
  }
  return "Jawaban";
}

/// A path parameter's segment: "{id}" → "id", "{rest...}" → "rest" (with `rest` set).
std::optional<std::string> path_param(std::string_view segment, bool* rest) {
  if (segment.size() < 3 || segment.front() != '{' || segment.back() != '}') return std::nullopt;
  segment = segment.substr(1, segment.size() - 2);
  *rest = segment.size() > 3 && segment.ends_with("...");
  if (*rest) segment.remove_suffix(3);
  return std::string(segment);
}

/// The error answers a route implies, plus those its entry adds.
std::vector<int> errors_of(const Route& route, const Operation* op, bool has_params) {
  std::set<int> out = {500};
  const bool api = route.pattern.starts_with("/api/");
  if (api) out.insert(400);  // every API handler refuses unknown query parameters
  if (route.permission && *route.permission != domain::Permission::kPublic) out.insert({401, 403});
  if (has_params) out.insert(404);
  if (op && (!op->body.empty() || !op->raw_body.empty())) out.insert({400, 413, 415, 422});
  if (op) out.insert(op->also.begin(), op->also.end());
  return {out.begin(), out.end()};
}

std::string_view tag_of(std::string_view pattern) {
  static const std::map<std::string_view, std::string_view> kTags = {
      {"session", "sesi"},        {"me", "sesi"},         {"units", "organisasi"},
      {"staff", "organisasi"},    {"org", "organisasi"},  {"accounts", "akun"},
      {"events", "audit"},        {"sops", "sop"},        {"render", "sop"},
      {"import", "sop"},          {"tasks", "pekerjaan"}, {"workflow", "pekerjaan"},
      {"openapi.yaml", "layanan"}};
  constexpr std::string_view kApi = "/api/v1/";
  if (pattern.starts_with("/git/")) return "git";
  if (!pattern.starts_with(kApi)) return "layanan";
  std::string_view area = pattern.substr(kApi.size());
  area = area.substr(0, area.find('/'));
  auto it = kTags.find(area);
  return it == kTags.end() ? area : it->second;
}

json::object media(std::string_view type, json::value schema) {
  return json::object{{std::string(type), json::object{{"schema", std::move(schema)}}}};
}

json::value ref(std::string_view name) {
  return json::object{{"$ref", "#/components/schemas/" + std::string(name)}};
}

json::object operation_json(const Route& route, const Operation* op,
                            const std::vector<std::string>& params) {
  json::object o;
  std::string id;
  for (char c : route.method + route.pattern)
    id += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '_';
  while (id.ends_with('_')) id.pop_back();
  o["operationId"] = id;
  o["tags"] = json::array{tag_of(route.pattern)};
  o["summary"] = op ? op->summary : "(belum dijelaskan di service/api/openapi.cpp)";
  const domain::Permission permission = route.permission.value_or(domain::Permission::kPublic);
  // Who may call it, as roles (the permissions' names are the code's, the roles the design's).
  if (permission != domain::Permission::kPublic) {
    json::array roles;
    for (auto role : domain::roles_for(permission))
      roles.push_back(json::value(domain::role_name(role)));
    if (roles.empty())
      o["description"] = "Siapa saja yang telah masuk.";
    else
      o["description"] = std::string(domain::is_unit_scoped(permission)
                                         ? "Peran (atas unit yang bersangkutan atau di atasnya): "
                                         : "Peran (atas unit mana pun): ") +
                         join_roles(roles) + ".";
    o["x-sopan-roles"] = std::move(roles);
  }
  const bool writes = route.method != "GET" && route.method != "HEAD";
  if (permission == domain::Permission::kPublic)
    o["security"] = json::array{};
  else if (route.credentials == Credentials::kAccessToken)
    o["security"] = json::array{json::object{{"token-git", json::array{}}}};
  else if (writes)
    o["security"] = json::array{json::object{{"sesi", json::array{}}, {"csrf", json::array{}}}};
  else
    o["security"] = json::array{json::object{{"sesi", json::array{}}}};

  json::array parameters;
  if (op)
    for (const auto& q : op->query)
      parameters.push_back(json::object{{"name", q.name},
                                        {"in", "query"},
                                        {"description", q.description},
                                        {"schema", json::object{{"type", "string"}}}});
  if (op && op->if_match)
    parameters.push_back(json::object{{"name", "If-Match"},
                                      {"in", "header"},
                                      {"required", true},
                                      {"description", "Versi yang terakhir dibaca, misalnya \"3\""},
                                      {"schema", json::object{{"type", "string"}}}});
  if (!parameters.empty()) o["parameters"] = std::move(parameters);

  if (op && !op->body.empty())
    o["requestBody"] = json::object{
        {"required", true},
        {"content", media("application/json", op->body == kAnyObject
                                                  ? json::value(json::object{{"type", "object"}})
                                                  : ref(op->body))}};
  if (op && !op->raw_body.empty()) {
    json::object content;
    for (auto type : op->raw_body)
      content[type] =
          json::object{{"schema", json::object{{"type", "string"}, {"format", "binary"}}}};
    o["requestBody"] = json::object{{"required", true}, {"content", std::move(content)}};
  }

  json::object responses;
  const int status = op ? op->status : 200;
  json::object ok{{"description", status_text(status)}};
  const std::string_view answer = op ? op->answer : "application/json";
  if (!answer.empty())
    ok["content"] =
        media(answer, answer == "application/json" ? json::value(json::object{{"type", "object"}})
                                                   : json::value(json::object{{"type", "string"}}));
  responses[std::to_string(status)] = std::move(ok);
  for (int e : errors_of(route, op, !params.empty()))
    responses[std::to_string(e)] =
        json::object{{"$ref", "#/components/responses/" + std::to_string(e)}};
  o["responses"] = std::move(responses);
  return o;
}

json::value error_schema() {
  json::object detail{{"type", "object"},
                      {"properties", json::object{{"path", json::object{{"type", "string"}}},
                                                  {"message", json::object{{"type", "string"}}}}}};
  json::object error{
      {"type", "object"},
      {"required", json::array{"code", "message"}},
      {"properties",
       json::object{
           {"code", json::object{{"type", "string"},
                                 {"description", "validation, not_found, conflict, … (Inggris)"}}},
           {"message", json::object{{"type", "string"}, {"description", "Bahasa Indonesia"}}},
           {"details", json::object{{"type", "array"}, {"items", std::move(detail)}}},
           {"incident", json::object{{"type", "string"},
                                     {"description", "Nomor insiden kesalahan server (500)"}}}}}};
  return json::object{{"type", "object"},
                      {"required", json::array{"error"}},
                      {"properties", json::object{{"error", std::move(error)}}}};
}

/// Points a schema's own references ("#/definitions/date") at where its definitions now live:
/// each is a component of its own ("sop.date"), since its `$id` cannot stay (a resolver would
/// take it for the base of every reference beneath, ours included), and code generators such as
/// the browser app's resolve only references to whole components.
void rebase_refs(json::value& v, const std::string& name) {
  static constexpr std::string_view kDefinitions = "#/definitions/";
  if (auto* o = v.if_object()) {
    if (auto* r = o->if_contains("$ref"); r && r->is_string()) {
      const std::string_view target = r->get_string();
      if (target.starts_with(kDefinitions))
        *r = "#/components/schemas/" + name + "." + std::string(target.substr(kDefinitions.size()));
      else if (target.starts_with("#/"))
        *r = "#/components/schemas/" + name + std::string(target.substr(1));
    }
    for (auto& [k, item] : *o) rebase_refs(item, name);
  } else if (auto* a = v.if_array()) {
    for (auto& item : *a) rebase_refs(item, name);
  }
}

/// Every `<name>.schema.json` in `dir` as name → schema, in name order, ready to embed under
/// components/schemas.
Result<std::map<std::string, json::value>> load_schemas(const fs::path& dir) {
  std::map<std::string, json::value> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string file = entry.path().filename().string();
    constexpr std::string_view kSuffix = ".schema.json";
    if (!file.ends_with(kSuffix)) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    auto v = json_util::parse(text.str());
    if (!in || !v) return make_error(Errc::kInternal, "Skema tidak terbaca: " + file);
    const std::string name = file.substr(0, file.size() - kSuffix.size());
    rebase_refs(*v, name);
    if (auto* o = v->if_object()) {
      o->erase("$id");
      if (auto* defs = o->if_contains("definitions"); defs && defs->is_object()) {
        for (auto& [def, schema] : defs->get_object())
          out.emplace(name + "." + std::string(def), std::move(schema));
        o->erase("definitions");
      }
    }
    out.emplace(name, std::move(*v));
  }
  if (ec) return make_error(Errc::kInternal, "Direktori skema tidak terbaca: " + dir.string());
  return out;
}

// ---------------------------------------------------------------------------------------------
// YAML out of a JSON value, in block style. Every string is double-quoted as JSON quotes it
// (JSON's escapes are YAML's), so no text can turn into a number, a boolean or a tag.

bool plain_key(std::string_view k) {
  static const std::set<std::string_view> kWords = {"y",   "n",    "yes",   "no",   "on",
                                                    "off", "true", "false", "null", "~"};
  if (k.empty() || kWords.contains(k)) return false;
  if (!std::isalpha(static_cast<unsigned char>(k[0])) && k[0] != '_') return false;
  return std::all_of(k.begin(), k.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  });
}

std::string yaml_key(std::string_view k) {
  return plain_key(k) ? std::string(k) : json::serialize(json::string(k));
}

bool is_block(const json::value& v) {
  return (v.is_object() && !v.get_object().empty()) || (v.is_array() && !v.get_array().empty());
}

std::string yaml_scalar(const json::value& v) {
  if (v.is_object()) return "{}";
  if (v.is_array()) return "[]";
  return json::serialize(v);
}

/// Writes `v` (a non-empty object or array) at `indent`; `first`, as wide, replaces the
/// indentation of its first line (an array item's "- ").
void emit(std::string& out, const json::value& v, std::size_t indent, std::string first) {
  const std::string pad(indent, ' ');
  bool head = true;
  auto line_start = [&] {
    out += head ? first : pad;
    head = false;
  };
  if (v.is_object()) {
    for (const auto& [k, item] : v.get_object()) {
      line_start();
      out += yaml_key(k) + ":";
      if (is_block(item)) {
        out += "\n";
        emit(out, item, indent + 2, std::string(indent + 2, ' '));
      } else {
        out += " " + yaml_scalar(item) + "\n";
      }
    }
    return;
  }
  for (const auto& item : v.get_array()) {
    const std::string dash = (head ? first : pad) + "- ";
    head = false;
    // An object's first key goes on the dash's line; an array inside an array on the next.
    if (item.is_object() && is_block(item)) {
      emit(out, item, indent + 2, dash);
    } else if (is_block(item)) {
      out += dash.substr(0, dash.size() - 1) + "\n";
      emit(out, item, indent + 2, std::string(indent + 2, ' '));
    } else {
      out += dash + yaml_scalar(item) + "\n";
    }
  }
}

}  // namespace

OpenApiDrift openapi_drift(const std::vector<Route>& routes) {
  std::set<std::string> routed, documented;
  for (const auto& r : routes) routed.insert(key_of(r.method, r.pattern));
  for (const auto& op : operations()) documented.insert(key_of(op.method, op.pattern));
  OpenApiDrift out;
  std::set_difference(routed.begin(), routed.end(), documented.begin(), documented.end(),
                      std::back_inserter(out.undocumented));
  std::set_difference(documented.begin(), documented.end(), routed.begin(), routed.end(),
                      std::back_inserter(out.unrouted));
  return out;
}

Result<std::string> openapi_yaml(const std::vector<Route>& routes, const fs::path& schemas_dir) {
  auto schemas = load_schemas(schemas_dir);
  if (!schemas) return schemas.error();
  std::map<std::string, const Operation*> ops;
  for (const auto& op : operations()) ops.emplace(key_of(op.method, op.pattern), &op);

  json::object paths;  // in the route table's order
  std::set<std::string> tags;
  for (const auto& route : routes) {
    auto it = ops.find(key_of(route.method, route.pattern));
    const Operation* op = it == ops.end() ? nullptr : it->second;
    if (op && !op->body.empty() && op->body != kAnyObject &&
        !schemas->contains(std::string(op->body)))
      return make_error(Errc::kInternal, "Skema " + std::string(op->body) + " tidak ada (" +
                                             key_of(route.method, route.pattern) + ")");
    // OpenAPI names a parameter once per segment: "{rest...}" becomes "{rest}", described as
    // holding slashes.
    std::string path;
    std::vector<std::string> params;
    json::array parameters;
    std::string_view rest = route.pattern;
    while (!rest.empty()) {
      rest.remove_prefix(1);
      auto segment = rest.substr(0, rest.find('/'));
      rest.remove_prefix(segment.size());
      bool prefix = false;
      if (auto name = path_param(segment, &prefix)) {
        path += "/{" + *name + "}";
        params.push_back(*name);
        json::object p{{"name", *name},
                       {"in", "path"},
                       {"required", true},
                       {"schema", json::object{{"type", "string"}}}};
        if (prefix)
          p["description"] = "Sisa alamat, boleh memuat '/'; tanpa segmen kosong, '.' atau '..'";
        parameters.push_back(std::move(p));
      } else {
        path += "/" + std::string(segment);
      }
    }
    json::value& slot = paths[path];
    if (!slot.is_object()) slot = json::object{};
    json::object& item = slot.get_object();
    if (!parameters.empty() && !item.contains("parameters"))
      item["parameters"] = std::move(parameters);
    std::string method = route.method;
    std::transform(method.begin(), method.end(), method.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    item[method] = operation_json(route, op, params);
    tags.insert(std::string(tag_of(route.pattern)));
  }
  json::array tag_list;
  for (const auto& t : tags) tag_list.push_back(json::object{{"name", t}});

  // Each error answer once, referred to by status.
  json::object error_responses;
  for (int e : {400, 401, 403, 404, 409, 412, 413, 415, 422, 429, 500, 503})
    error_responses[std::to_string(e)] = json::object{
        {"description", status_text(e)}, {"content", media("application/json", ref("Error"))}};
  json::object components_schemas{{"Error", error_schema()}};
  for (auto& [name, schema] : *schemas) components_schemas[name] = std::move(schema);

  json::object doc{
      {"openapi", "3.1.0"},
      {"info",
       json::object{
           {"title", "Sopan API"},
           {"version", SOPAN_VERSION},
           {"description",
            "API Sopan: SOP Administrasi Pemerintahan, riwayat git, alur kerja dan nilai "
            "tatalaksana. Dihasilkan oleh `sopan openapi` dari tabel rute server dan skema JSON "
            "di schemas/; jangan disunting dengan tangan."}}},
      {"tags", std::move(tag_list)},
      {"paths", std::move(paths)},
      {"components",
       json::object{
           {"securitySchemes",
            json::object{{"sesi", json::object{{"type", "apiKey"},
                                               {"in", "cookie"},
                                               {"name", std::string(kSessionCookie)}}},
                         {"csrf", json::object{{"type", "apiKey"},
                                               {"in", "header"},
                                               {"name", "X-CSRF-Token"},
                                               {"description",
                                                "Token dari POST /api/v1/session atau GET "
                                                "/api/v1/me; wajib pada setiap perubahan"}}},
                         {"token-git",
                          json::object{{"type", "http"},
                                       {"scheme", "basic"},
                                       {"description",
                                        "Nama pengguna dan token akses pribadi (POST "
                                        "/api/v1/me/tokens), bukan kata sandi; hanya di /git/"}}}}},
           {"responses", std::move(error_responses)},
           {"schemas", std::move(components_schemas)}}}};
  std::string out = "# Dihasilkan oleh `sopan openapi`; jangan disunting dengan tangan.\n";
  emit(out, doc, 0, "");
  return out;
}

Route openapi_route(std::shared_ptr<const std::string> document) {
  return {"GET",
          "/api/v1/openapi.yaml",
          [document = std::move(document)](Request& req) -> Reply {
            if (auto s = only_query_params(req, {}); !s) return s.error();
            Response r;
            r.content_type = "application/yaml; charset=utf-8";
            r.body = *document;
            return r;
          },
          index_only,
          domain::Permission::kPublic,
          {}};
}

}  // namespace sopan::api
