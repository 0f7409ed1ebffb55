// Indonesian names of the stored codes.

export const unitKinds: [string, string][] = [
  ["pemda", "Pemerintah Daerah"], ["setda", "Sekretariat Daerah"], ["setdprd", "Sekretariat DPRD"],
  ["inspektorat", "Inspektorat"], ["dinas", "Dinas"], ["badan", "Badan"],
  ["kecamatan", "Kecamatan"], ["kelurahan", "Kelurahan"], ["bagian", "Bagian"],
  ["bidang", "Bidang"], ["sekretariat", "Sekretariat"], ["subbagian", "Subbagian"],
  ["seksi", "Seksi"], ["subbidang", "Subbidang"], ["uptd", "UPTD"], ["lainnya", "Lainnya"],
];

export const positionKinds: [string, string][] = [
  ["jpt", "Jabatan Pimpinan Tinggi"], ["administrator", "Administrator"],
  ["pengawas", "Pengawas"], ["pelaksana", "Pelaksana"], ["fungsional", "Fungsional"],
  ["eksternal", "Pihak luar"],
];

export const eselons: [string, string][] = [
  ["", "—"], ["I.a", "I.a"], ["I.b", "I.b"], ["II.a", "II.a"], ["II.b", "II.b"],
  ["III.a", "III.a"], ["III.b", "III.b"], ["IV.a", "IV.a"], ["IV.b", "IV.b"], ["V.a", "V.a"],
];

export const roles: [string, string][] = [
  ["admin", "Admin"], ["penyusun", "Penyusun"], ["verifikator", "Verifikator"],
  ["pengesah", "Pengesah"], ["evaluator", "Evaluator"], ["auditor", "Auditor"],
  ["pegawai", "Pegawai"],
];

export function labelOf(table: [string, string][], code: string): string {
  return table.find(([c]) => c === code)?.[1] ?? code;
}
