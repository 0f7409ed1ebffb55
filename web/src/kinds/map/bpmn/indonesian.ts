// bpmn-js in Indonesian: its tooltips, menus and messages through diagram-js's `translate`
// service; what is not listed here stays in English.

const words: Record<string, string> = {
  "Activate hand tool": "Geser kanvas",
  "Activate lasso tool": "Pilih beberapa elemen",
  "Activate create/remove space tool": "Tambah/kurangi ruang",
  "Activate global connect tool": "Hubungkan elemen",
  "Create start event": "Tambah peristiwa mulai",
  "Create end event": "Tambah peristiwa selesai",
  "Create gateway": "Tambah gerbang",
  "Create task": "Tambah aktivitas",
  "Create expanded sub-process": "Tambah sub-proses",
  "Create pool/participant": "Tambah kolam",
  "Add lane above": "Tambah lajur di atas",
  "Add lane below": "Tambah lajur di bawah",
  "Divide into two lanes": "Bagi menjadi dua lajur",
  "Divide into three lanes": "Bagi menjadi tiga lajur",
  "Append end event": "Sambung ke peristiwa selesai",
  "Append gateway": "Sambung ke gerbang",
  "Append task": "Sambung ke aktivitas",
  "Change element": "Ganti jenis elemen",
  "Connect to other element": "Hubungkan ke elemen lain",
  "Connect using sequence/message flow or association": "Hubungkan ke elemen lain",
  "Delete": "Hapus",
  "Task": "Aktivitas",
  "Sub-process (collapsed)": "Sub-proses (tertutup)",
  "Sub-process (expanded)": "Sub-proses (terbuka)",
  "Sub-process": "Sub-proses",
  "Exclusive gateway": "Gerbang eksklusif (XOR)",
  "Parallel gateway": "Gerbang paralel",
  "Start event": "Peristiwa mulai",
  "End event": "Peristiwa selesai",
  "Sequence flow": "Alur",
  "Default flow": "Alur bawaan",
  "Search in diagram": "Cari dalam diagram",
  "no parent for {element} in {parent}": "{element} tidak dapat diletakkan di {parent}",
};

export function translate(template: string, replacements?: Record<string, string>): string {
  const text = words[template] ?? template;
  return text.replace(/{([^}]+)}/g, (_, key: string) => replacements?.[key] ?? `{${key}}`);
}

export const translateModule = { translate: ["value", translate] };
