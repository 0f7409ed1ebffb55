// A SOP's parts and changes in words: "/steps/3/activity" is "Langkah 4 · Kegiatan", an actor is
// its position's name, a date is spelled out, a branch names the step it goes to.
import { formatDate } from "../../../format";

export const fieldNames: Record<string, string> = {
  number: "Nomor SOP", title: "Nama SOP", unit: "Unit", classification: "Klasifikasi", dates: "Tanggal",
  ratified_by: "Disahkan oleh", legal_basis: "Dasar hukum", qualifications: "Kualifikasi pelaksana",
  related: "Keterkaitan", equipment: "Peralatan/perlengkapan", warning: "Peringatan",
  records: "Pencatatan dan pendataan", actors: "Pelaksana", steps: "Langkah",
};
export const stepFieldNames: Record<string, string> = {
  id: "Kode", activity: "Kegiatan", actor: "Pelaksana", symbol: "Simbol", requirements: "Kelengkapan",
  duration: "Waktu", output: "Output", notes: "Keterangan", next: "Langkah berikutnya", exits: "Cabang keputusan",
};
const subFieldNames: Record<string, string> = {
  "classification.nature": "Sifat", "classification.scope": "Cakupan", "classification.completeness": "Kelengkapan",
  "classification.applicability": "Keberlakuan", "dates.created": "Tanggal pembuatan", "dates.revised": "Tanggal revisi",
  "dates.effective": "Tanggal efektif", "ratified_by.position": "Jabatan", "ratified_by.name": "Nama", "ratified_by.nip": "NIP",
};

/** "/steps/3/activity" → "Langkah 4 · Kegiatan"; "" → "Seluruh dokumen". */
export function anchorLabel(pointer: string): string {
  if (!pointer) return "Seluruh dokumen";
  const [top, index, sub, ...rest] = pointer.split("/").slice(1);
  let label = fieldNames[top] ?? top;
  if (index !== undefined && /^\d+$/.test(index))
    label = top === "steps" ? `Langkah ${Number(index) + 1}` : `${label} butir ${Number(index) + 1}`;
  else if (index !== undefined) label += ` · ${subFieldNames[`${top}.${index}`] ?? index}`;
  if (sub !== undefined) label += ` · ${(top === "steps" ? stepFieldNames[sub] : undefined) ?? sub}`;
  if (rest.length) label += ` · ${rest.join(" · ")}`;
  return label;
}

/** A comment whose step, actor or field the version shown no longer has: "/steps/@S4/activity"
 * (the stored anchor, by the step's code) → "Langkah yang dikomentari (kode S4) sudah dihapus". */
export function missingAnchorNote(stable: string): string {
  const [top, key] = stable.split("/").slice(1);
  const code = key?.startsWith("@") ? ` (kode ${key.slice(1)})` : "";
  if (top === "steps") return `Langkah yang dikomentari${code} sudah dihapus`;
  if (top === "actors") return `Pelaksana yang dikomentari${code} sudah dihapus`;
  return "Bagian yang dikomentari sudah tidak ada";
}

/** "dates.revised" → "Tanggal revisi", "warning" → "Peringatan": a field under its card's heading. */
export const subFieldLabel = (field: string): string => subFieldNames[field] ?? fieldNames[field] ?? field;

export interface FieldChange {
  field: string; before: unknown; after: unknown;
  before_name?: string; after_name?: string; before_no?: number; after_no?: number;
}

const classificationNames: Record<string, string> = {
  teknis: "Teknis", administratif: "Administratif", makro: "Makro", mikro: "Mikro", final: "Final",
  parsial: "Parsial", generik: "Generik", spesifik: "Spesifik",
};
const symbolNames: Record<string, string> = {
  mulai: "Mulai (kapsul)", selesai: "Selesai (kapsul)", kegiatan: "Kegiatan (kotak)", keputusan: "Keputusan (belah ketupat)",
};

function plain(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string") return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value) : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.map(plain).join("; ");
  if (typeof value === "object" && "title" in value) return String((value as { title: string }).title);
  return Object.values(value as Record<string, unknown>).map(plain).join(", ");
}

/** One side of a changed field as a reader says it: names for ids, step numbers for targets. */
export function shownValue(c: FieldChange, side: "before" | "after"): string {
  const value = c[side];
  const name = c[`${side}_name`];
  if (value === null || value === undefined || value === "") return "—";
  if (name) return name;
  if (c.field === "next") return c[`${side}_no`] ? `langkah ${c[`${side}_no`]}` : "—";
  if (c.field === "symbol") return symbolNames[String(value)] ?? plain(value);
  if (c.field.startsWith("classification.")) return classificationNames[String(value)] ?? plain(value);
  if (c.field === "duration") {
    const d = value as { value: number; unit: string };
    return `${d.value} ${d.unit}`;
  }
  if (c.field === "exits")
    return (value as { label: string; to: string; no?: number }[])
      .map((e) => `${e.label || "—"} → ${e.no ? `langkah ${e.no}` : "—"}`).join("; ");
  return plain(value);
}

export const listItem = (item: unknown): string => {
  if (item && typeof item === "object" && "title" in item) {
    const r = item as { title: string; kind: string };
    return `${r.title} (${r.kind.replace("_", " ")})`;
  }
  return plain(item);
};

/** The parts a comment may point to: the identity fields, the actors and each step. */
export function commentAnchors(document: Record<string, unknown>): [string, string][] {
  const steps = (document.steps as { activity?: string }[] | undefined) ?? [];
  return [
    ...["title", "number", "classification", "legal_basis", "qualifications", "related", "equipment", "warning", "records", "actors"]
      .map((f): [string, string] => [`/${f}`, fieldNames[f]]),
    ...steps.map((s, i): [string, string] => [`/steps/${i}`, `Langkah ${i + 1}: ${s.activity ?? ""}`.slice(0, 80)]),
  ];
}
