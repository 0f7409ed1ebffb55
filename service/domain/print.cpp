#include "domain/print.hpp"

#include "common/time.hpp"
#include "common/xml.hpp"

namespace sopan::domain {

namespace {

std::string or_dash(const std::string& s) { return s.empty() ? "—" : xml_escape(s); }

std::string list(const std::vector<std::string>& items) {
  if (items.empty()) return "—";
  std::string out = "<ol>";
  for (const auto& i : items) out += "<li>" + xml_escape(i) + "</li>";
  return out + "</ol>";
}

std::string related_kind(const std::string& k) {
  if (k == "prasyarat") return "prasyarat";
  if (k == "lanjutan") return "lanjutan";
  if (k == "bagian_dari") return "bagian dari";
  return "terkait";
}

/// "2026-02-01" → "1 Februari 2026"; "—" when empty.
std::string tanggal(const std::string& iso) {
  return iso.empty() ? "—" : xml_escape(indonesian_date(iso));
}

const char* kStyle = R"(<style>
@page { size: A4 landscape; margin: 10mm; }
* { box-sizing: border-box; }
body { margin: 0; font: 10pt "DejaVu Sans", Arial, sans-serif; color: #000; }
.page { position: relative; width: 277mm; height: 190mm; page-break-after: always; overflow: hidden; }
.page:last-child { page-break-after: auto; }
.watermark { position: absolute; top: 40%; left: 0; right: 0; text-align: center;
  font-size: 110pt; font-weight: bold; color: rgba(180, 0, 0, 0.13); transform: rotate(-20deg);
  pointer-events: none; }
.foot { position: absolute; bottom: 0; right: 0; font-size: 8pt; }
table.identitas { width: 100%; border-collapse: collapse; }
table.identitas td, table.identitas th { border: 1px solid #000; padding: 4px 6px; vertical-align: top; text-align: left; }
table.identitas th { width: 22%; font-weight: normal; }
.kop { text-align: center; width: 40%; }
.kop .logo { width: 60px; height: 60px; border: 1px solid #000; border-radius: 50%; margin: 6px auto; }
.kop img.logo { display: block; width: auto; max-width: 100%; height: 60px; border: 0; border-radius: 0; object-fit: contain; }
.kop strong { display: block; text-transform: uppercase; }
.pengesahan { margin-top: 6px; }
.verifikasi { display: flex; gap: 6px; align-items: center; margin-top: 4px; font-size: 7.5pt; }
.verifikasi svg.qr { flex: none; }
.verifikasi .url { overflow-wrap: anywhere; }
ol { margin: 0; padding-left: 1.2em; }
.flow svg { width: 100%; height: auto; max-height: 180mm; }
</style>)";

}  // namespace

std::string render_print_html(const PrintInput& in) {
  const Sop& s = in.sop;
  const std::size_t total = 1 + in.flowchart.size();
  auto page = [&](std::size_t n, const std::string& body) {
    std::string out = "<section class=\"page\">";
    if (!in.watermark.empty())
      out += "<div class=\"watermark\" aria-hidden=\"true\">" + xml_escape(in.watermark) + "</div>";
    out += body;
    if (!in.as_of.empty())
      out += "<div class=\"as-of\">Versi yang berlaku pada " + tanggal(in.as_of) +
             (in.status_label.empty() ? "" : " (" + xml_escape(in.status_label) + ")") + "</div>";
    out += "<div class=\"foot\">" + or_dash(s.number) + " · Halaman " + std::to_string(n) +
           " dari " + std::to_string(total) + "</div></section>";
    return out;
  };

  std::string unit_lines;
  for (const auto& u : in.unit_path) unit_lines += "<strong>" + xml_escape(u) + "</strong>";
  std::string ratified;
  if (s.ratified_name.empty()) {
    ratified = "<em>Belum disahkan</em>";
  } else {
    ratified =
        xml_escape(s.ratified_position) + "<div class=\"pengesahan\">Disahkan secara elektronik" +
        (in.signed_at.empty() ? "" : " pada " + xml_escape(in.signed_at)) + "</div><div>" +
        xml_escape(s.ratified_name) + "</div><div>NIP " + xml_escape(s.ratified_nip) + "</div>";
    // The QR is our own SVG of the server's own URL (qr.hpp): markup, but none a person wrote.
    if (!in.verification_code.empty())
      ratified += "<div class=\"verifikasi\">" + in.verification_qr +
                  "<div>Periksa keaslian: pindai kode QR atau buka <span class=\"url\">" +
                  xml_escape(in.verification_url) + "</span><br>Kode verifikasi <strong>" +
                  xml_escape(in.verification_code) + "</strong></div></div>";
  }
  // The logo's URI is the server's own base64 of a checked PNG or JPEG: no markup can come in.
  const std::string logo = in.logo.empty() ? "<div class=\"logo\"></div>"
                                           : "<img class=\"logo\" src=\"" + xml_escape(in.logo) +
                                                 "\" alt=\"Logo " + xml_escape(in.instansi) + "\">";
  std::string related;
  for (const auto& r : s.related)
    related += "<li>" + xml_escape(r.title) + " (" + related_kind(r.kind) + ")</li>";
  related = related.empty() ? "—" : "<ol>" + related + "</ol>";

  std::string identity = "<table class=\"identitas\"><tr><td class=\"kop\" rowspan=\"6\">" + logo +
                         "<strong>" + xml_escape(in.instansi) + "</strong>" + unit_lines +
                         "</td>"
                         "<th>Nomor SOP</th><td>" +
                         or_dash(s.number) +
                         "</td></tr>"
                         "<tr><th>Tanggal Pembuatan</th><td>" +
                         tanggal(s.created) +
                         "</td></tr>"
                         "<tr><th>Tanggal Revisi</th><td>" +
                         tanggal(s.revised) +
                         "</td></tr>"
                         "<tr><th>Tanggal Efektif</th><td>" +
                         tanggal(s.effective) +
                         "</td></tr>"
                         "<tr><th>Disahkan oleh</th><td>" +
                         ratified +
                         "</td></tr>"
                         "<tr><th>Nama SOP</th><td><strong>" +
                         xml_escape(s.title) +
                         "</strong></td></tr></table>"
                         "<table class=\"identitas\" style=\"margin-top:6px\">"
                         "<tr><th>Dasar Hukum</th><th>Kualifikasi Pelaksana</th></tr>"
                         "<tr><td>" +
                         list(s.legal_basis) + "</td><td>" + list(s.qualifications) +
                         "</td></tr>"
                         "<tr><th>Keterkaitan</th><th>Peralatan / Perlengkapan</th></tr>"
                         "<tr><td>" +
                         related + "</td><td>" + list(s.equipment) +
                         "</td></tr>"
                         "<tr><th>Peringatan</th><th>Pencatatan dan Pendataan</th></tr>"
                         "<tr><td>" +
                         or_dash(s.warning) + "</td><td>" + list(s.records) + "</td></tr></table>";

  std::string html = "<!doctype html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>" +
                     xml_escape(s.number.empty() ? s.title : s.number + " " + s.title) +
                     "</title>" + kStyle + "</head><body>";
  html += page(1, identity);
  for (std::size_t p = 0; p < in.flowchart.size(); ++p)
    html += page(p + 2, "<div class=\"flow\">" + in.flowchart[p] + "</div>");
  html += "</body></html>\n";
  return html;
}

}  // namespace sopan::domain
