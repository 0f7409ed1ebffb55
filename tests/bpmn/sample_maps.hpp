#pragma once
/// Maps of every type with realistic content, shared by the BPMN unit tests and the sample
/// exporter the lint test runs (tests/bpmn/samples.cpp).
#include <boost/json/parse.hpp>
#include <string>
#include <string_view>

#include "domain/bpmn.hpp"
#include "domain/map.hpp"

namespace sopan::bpmn_samples {

inline domain::ProcessMap parse(std::string_view json) {
  return domain::ProcessMap::from_json(boost::json::parse(json));
}

inline constexpr std::string_view kLevel0Id = "01J8Z6QK4M7N2P5R8T1V3X6Y9A";
inline constexpr std::string_view kPerizinanId = "01J8Z6R0B3C6D9F2G5H8J1K4M7";
inline constexpr std::string_view kImbId = "01J8Z6S7N0P3Q6R9S2T5V8W1X4";

/// Level 0 of a kabupaten: three bands, stakeholders, inputs, outputs and outcomes.
inline domain::ProcessMap level0() {
  return parse(R"({
    "type": "level0", "level": 0, "title": "Peta Proses Bisnis Pemerintah Kabupaten Sukamaju",
    "unit": "pemkab",
    "stakeholders": ["Masyarakat", "Pelaku usaha", "DPRD", "Pemerintah Provinsi"],
    "inputs": ["Peraturan perundang-undangan", "Aspirasi masyarakat", "APBD"],
    "outputs": ["Layanan publik yang prima", "Kebijakan daerah"],
    "outcomes": ["Meningkatnya kesejahteraan masyarakat"],
    "processes": [
      {"id": "p1", "code": "1", "name": "Perencanaan Pembangunan Daerah", "category": "manajemen", "unit": "bappeda"},
      {"id": "p2", "code": "2", "name": "Pengawasan Internal", "category": "manajemen", "unit": "inspektorat"},
      {"id": "p3", "code": "3", "name": "Pelayanan Perizinan", "category": "utama", "unit": "dpmptsp"},
      {"id": "p4", "code": "4", "name": "Pelayanan Kesehatan", "category": "utama", "unit": "dinkes"},
      {"id": "p5", "code": "5", "name": "Pelayanan Pendidikan", "category": "utama", "unit": "disdik"},
      {"id": "p6", "code": "6", "name": "Pengelolaan Keuangan Daerah", "category": "pendukung", "unit": "bpkad"},
      {"id": "p7", "code": "7", "name": "Pengelolaan Kepegawaian", "category": "pendukung", "unit": "bkpsdm"}
    ]})");
}

/// The level-0 process each map details (the names an export is given).
inline std::string detailed_by(std::string_view process) {
  if (process == "p3") return std::string(kPerizinanId);
  if (process == "d4") return std::string(kImbId);
  return "";
}

/// Level 1: the licensing process, with flows that split, join and skip a step.
inline domain::ProcessMap decomposition() {
  return parse(R"({
    "type": "dekomposisi", "level": 1, "number": "3", "title": "Pelayanan Perizinan",
    "unit": "dpmptsp", "parent": {"map": "01J8Z6QK4M7N2P5R8T1V3X6Y9A", "process": "p3"},
    "processes": [
      {"id": "d1", "code": "3.1", "name": "Penerimaan Permohonan", "category": "utama"},
      {"id": "d2", "code": "3.2", "name": "Verifikasi Berkas", "category": "utama"},
      {"id": "d3", "code": "3.3", "name": "Peninjauan Lapangan", "category": "utama"},
      {"id": "d4", "code": "3.4", "name": "Penerbitan Izin", "category": "utama"},
      {"id": "d5", "code": "3.5", "name": "Pengelolaan Arsip Perizinan", "category": "pendukung"},
      {"id": "d6", "code": "3.6", "name": "Evaluasi Kepuasan Layanan", "category": "manajemen"}
    ],
    "flows": [
      {"id": "a1", "from": "d1", "to": "d2"},
      {"id": "a2", "from": "d2", "to": "d3", "name": "Perlu peninjauan"},
      {"id": "a3", "from": "d2", "to": "d4", "name": "Tanpa peninjauan"},
      {"id": "a4", "from": "d3", "to": "d4"},
      {"id": "a5", "from": "d4", "to": "d5"}
    ]})");
}

/// Level 2 with no flows yet (each band chained in order).
inline domain::ProcessMap decomposition_without_flows() {
  return parse(R"({
    "type": "dekomposisi", "level": 2, "number": "3.4", "title": "Penerbitan Izin",
    "unit": "dpmptsp", "parent": {"map": "01J8Z6R0B3C6D9F2G5H8J1K4M7", "process": "d4"},
    "processes": [
      {"id": "e1", "code": "3.4.1", "name": "Penyusunan Konsep Izin", "category": "utama"},
      {"id": "e2", "code": "3.4.2", "name": "Penandatanganan Izin", "category": "utama"},
      {"id": "e3", "code": "3.4.3", "name": "Pemantauan Masa Berlaku Izin", "category": "manajemen"}
    ]})");
}

/// A cross-functional map with no positions (the export lays it out), SOP links, a sub-process
/// detailed by another map, both gateway kinds and names full of XML special characters.
inline domain::ProcessMap cross_functional() {
  return parse(R"({
    "type": "lintas_fungsi", "level": 2, "number": "3.4", "title": "Pelayanan Izin Mendirikan Bangunan <PBG> & \"IMB\"",
    "unit": "dpmptsp",
    "lanes": [
      {"id": "pemohon", "name": "Pemohon"},
      {"id": "loket", "name": "Petugas Loket", "unit": "dpmptsp", "position": "pos-loket"},
      {"id": "teknis", "name": "Tim Teknis", "unit": "bidang-teknis"},
      {"id": "kadis", "name": "Kepala Dinas", "position": "pos-kadis"}
    ],
    "nodes": [
      {"id": "mulai", "type": "mulai", "name": "Permohonan diajukan", "lane": "pemohon"},
      {"id": "isi", "type": "aktivitas", "name": "Mengisi formulir permohonan", "lane": "pemohon"},
      {"id": "periksa", "type": "aktivitas", "name": "Memeriksa kelengkapan berkas & \"dokumen\" <wajib>", "lane": "loket", "sops": ["01J8Z6T1SOPLOKET000000000A", "01J8Z6T1SOPLOKET000000000B"]},
      {"id": "lengkap", "type": "gerbang_xor", "name": "Berkas lengkap?", "lane": "loket"},
      {"id": "kembali", "type": "aktivitas", "name": "Mengembalikan berkas kepada pemohon", "lane": "loket"},
      {"id": "ditolak", "type": "selesai", "name": "Permohonan dikembalikan", "lane": "pemohon"},
      {"id": "bagi", "type": "gerbang_paralel", "lane": "teknis"},
      {"id": "tinjau", "type": "aktivitas", "name": "Meninjau lokasi bangunan", "lane": "teknis", "sops": ["01J8Z6T1SOPTEKNIS00000000C"]},
      {"id": "retribusi", "type": "subproses", "name": "Menghitung retribusi", "lane": "teknis", "map": "01J8Z6V2RETRIBUSI000000000D"},
      {"id": "gabung", "type": "gerbang_paralel", "lane": "teknis"},
      {"id": "tandatangan", "type": "aktivitas", "name": "Menandatangani izin", "lane": "kadis"},
      {"id": "serah", "type": "aktivitas", "name": "Menyerahkan izin kepada pemohon", "lane": "loket"},
      {"id": "selesai", "type": "selesai", "name": "Izin diterima", "lane": "pemohon"}
    ],
    "flows": [
      {"id": "f1", "from": "mulai", "to": "isi"},
      {"id": "f2", "from": "isi", "to": "periksa"},
      {"id": "f3", "from": "periksa", "to": "lengkap"},
      {"id": "f4", "from": "lengkap", "to": "kembali", "name": "Tidak"},
      {"id": "f5", "from": "kembali", "to": "ditolak"},
      {"id": "f6", "from": "lengkap", "to": "bagi", "name": "Ya"},
      {"id": "f7", "from": "bagi", "to": "tinjau"},
      {"id": "f8", "from": "bagi", "to": "retribusi"},
      {"id": "f9", "from": "tinjau", "to": "gabung"},
      {"id": "f10", "from": "retribusi", "to": "gabung"},
      {"id": "f11", "from": "gabung", "to": "tandatangan"},
      {"id": "f12", "from": "tandatangan", "to": "serah"},
      {"id": "f13", "from": "serah", "to": "selesai"}
    ]})");
}

}  // namespace sopan::bpmn_samples
