// A map's parts in words: "/processes/2/name" is "Proses 1.3 · Nama proses", "/nodes/4" is the
// activity by its name, a type or a category by its Indonesian name.
import type { Problem } from "../../docs/kinds";
import type { MapDoc, MapType } from "./types";

export const typeNames: Record<MapType, string> = {
  level0: "Peta proses bisnis level 0",
  dekomposisi: "Peta dekomposisi (level 1 dan seterusnya)",
  lintas_fungsi: "Peta lintas fungsi",
};
export const typeShort: Record<string, string> = { level0: "Level 0", dekomposisi: "Dekomposisi", lintas_fungsi: "Lintas fungsi" };

export const categoryNames: Record<string, string> = {
  manajemen: "Manajemen", utama: "Utama (inti)", pendukung: "Pendukung",
};

export const nodeTypeNames: Record<string, string> = {
  mulai: "Mulai", selesai: "Selesai", aktivitas: "Aktivitas", subproses: "Sub-proses",
  gerbang_xor: "Gerbang eksklusif", gerbang_paralel: "Gerbang paralel",
};

export const fieldNames: Record<string, string> = {
  type: "Jenis peta", level: "Level", number: "Kode proses", title: "Nama peta", unit: "Unit pemilik",
  description: "Uraian", parent: "Proses induk", dates: "Tanggal", ratified_by: "Disahkan oleh",
  stakeholders: "Pemangku kepentingan", inputs: "Masukan", outputs: "Keluaran", outcomes: "Hasil (outcome)",
  processes: "Proses", lanes: "Lajur", nodes: "Aktivitas dan gerbang", flows: "Alur",
};
const subFieldNames: Record<string, string> = {
  id: "Kode elemen", code: "Kode proses", name: "Nama", category: "Kategori", unit: "Unit", position: "Jabatan",
  type: "Jenis", lane: "Lajur", sops: "SOP yang merinci", map: "Peta yang merinci", from: "Dari", to: "Ke",
  waypoints: "Garis", process: "Proses", x: "Letak", y: "Letak", width: "Ukuran", height: "Ukuran",
};
const elementWords: Record<string, string> = { processes: "Proses", lanes: "Lajur", nodes: "Elemen", flows: "Alur" };

/** An element of a list in words: a process by its code, a lane or node by its name. */
function elementName(top: string, index: number, doc?: MapDoc): string {
  const list = doc ? (doc[top as keyof MapDoc] as { id: string; code?: string; name?: string; type?: string }[] | undefined) : undefined;
  const e = list?.[index];
  if (top === "processes") return `Proses ${e?.code || index + 1}`;
  if (top === "nodes" && e) return `${nodeTypeNames[e.type ?? ""] ?? "Elemen"} “${e.name || e.id}”`;
  if (e?.name) return `${elementWords[top]} “${e.name}”`;
  return `${elementWords[top] ?? fieldNames[top] ?? top} ${index + 1}`;
}

/** "/processes/2/name" → "Proses 1.3 · Nama"; "" → "Seluruh dokumen". */
export function anchorLabel(pointer: string, document?: Record<string, unknown>): string {
  if (!pointer) return "Seluruh dokumen";
  const [top, index, sub, ...rest] = pointer.split("/").slice(1);
  let label = fieldNames[top] ?? top;
  if (index !== undefined && /^\d+$/.test(index))
    label = top in elementWords ? elementName(top, Number(index), document as MapDoc | undefined) : `${label} butir ${Number(index) + 1}`;
  else if (index !== undefined) label += ` · ${subFieldNames[index] ?? index}`;
  if (sub !== undefined) label += ` · ${subFieldNames[sub] ?? sub}`;
  if (rest.length && !/^\d+$/.test(rest[0])) label += ` · ${rest.join(" · ")}`;
  return label;
}

/** A finding belongs to its element (a process, a lane, a node, a flow) or to its field. */
export function partOf(p: Problem): string | null {
  const [top, index] = p.path.split("/").slice(1);
  if (!top) return null;
  if (top in elementWords && index !== undefined && /^\d+$/.test(index)) return `/${top}/${index}`;
  return `/${top}`;
}

/** A comment whose element the version shown no longer has. */
export function missingAnchorNote(stable: string): string {
  const [top, key] = stable.split("/").slice(1);
  const code = key?.startsWith("@") ? ` (kode ${key.slice(1)})` : "";
  if (top === "processes") return `Proses yang dikomentari${code} sudah dihapus`;
  if (top === "nodes") return `Elemen yang dikomentari${code} sudah dihapus`;
  if (top === "lanes") return `Lajur yang dikomentari${code} sudah dihapus`;
  if (top === "flows") return `Alur yang dikomentari${code} sudah dihapus`;
  return "Bagian yang dikomentari sudah tidak ada";
}

/** The parts a comment may point to: the identity fields and each element. */
export function commentAnchors(document: Record<string, unknown>): [string, string][] {
  const doc = document as unknown as MapDoc;
  const fields = doc.type === "lintas_fungsi" ? ["title", "unit", "parent", "lanes", "nodes"]
    : doc.type === "level0" ? ["title", "unit", "stakeholders", "inputs", "outputs", "outcomes", "processes"]
      : ["title", "unit", "parent", "processes"];
  const elements = (top: "processes" | "lanes" | "nodes") =>
    (doc[top] ?? []).map((_, i): [string, string] => [`/${top}/${i}`, anchorLabel(`/${top}/${i}`, document).slice(0, 80)]);
  return [
    ...fields.map((f): [string, string] => [`/${f}`, fieldNames[f]]),
    ...elements("processes"), ...elements("lanes"),
    ...elements("nodes").filter(([p]) => ["aktivitas", "subproses"].includes(doc.nodes![Number(p.split("/")[2])].type)),
  ];
}

/** A map in a line: "1.2 Pelayanan Publik" (its code first, when it has one). */
export const mapName = (doc: { number?: string; title?: string }): string =>
  [doc.number, doc.title].filter(Boolean).join(" ");
