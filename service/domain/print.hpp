#pragma once
/// The print view of a SOP (DESIGN §5): HTML for A4 landscape with the identity block, the
/// flowchart pages, the ratification block, page numbers "Halaman x dari y", and a KONSEP
/// watermark on drafts or DICABUT on withdrawn SOPs. The browser prints it (or Chromium's
/// --print-to-pdf); nothing is rasterised, so all text stays text.
#include <string>
#include <vector>

#include "domain/sop.hpp"

namespace sopan::domain {

struct PrintInput {
  const Sop& sop;
  std::string instansi;                // "Pemerintah Kabupaten Contoh"
  std::vector<std::string> unit_path;  // from the OPD down to the issuing unit
  std::vector<std::string> flowchart;  // one SVG per page (render_svg)
  std::string watermark;               // "", "KONSEP", "DICABUT" or "DIGANTIKAN"
  std::string signed_at;               // when the ratification was signed, in the instansi's zone
  /// A print of a past (or future) day: "YYYY-MM-DD" and the document's state label on it; every
  /// page then says "Versi yang berlaku pada <tanggal> (<status>)".
  std::string as_of;
  std::string status_label;
  /// The instansi's logo as a data: URI (the page carries it: a saved or printed page keeps it,
  /// and the page's policy loads nothing from elsewhere); empty: the plain placeholder.
  std::string logo = {};
  /// A signed version: its verification code, the public page's address, and that address as a
  /// QR code (inline SVG, domain/qr.hpp), printed under the signature.
  std::string verification_code = {};
  std::string verification_url = {};
  std::string verification_qr = {};
};

std::string render_print_html(const PrintInput& in);

}  // namespace sopan::domain
