// The organisation as the SOP form needs it: every position of every unit, searchable by the
// words of its name and its unit's, the SOP's own unit and those under it first. An actor may be
// any position (the Kepala Dinas acts in a Sekretariat's SOP) or a party outside the organisation.
import type { Unit } from "../../../api";
import type { ComboOption } from "../../../docs/editor/combobox";
import type { Actor } from "./words";

export interface PositionEntry {
  id: string;
  name: string;
  unit: Unit;
  /** Lower-case words of the position and its unit, for searching. */
  words: string;
  /** Position in the tree (depth first), for a stable order. */
  order: number;
}

export interface Org {
  units: Map<string, Unit>;
  positions: Map<string, PositionEntry>;
  list: PositionEntry[];
}

export function orgOf(units: Unit[]): Org {
  const byId = new Map(units.map((u) => [u.id, u]));
  const children = new Map<string, Unit[]>();
  for (const u of units) {
    const key = u.parent ?? "";
    children.set(key, [...(children.get(key) ?? []), u]);
  }
  const list: PositionEntry[] = [];
  const walk = (parent: string) => {
    for (const u of children.get(parent) ?? []) {
      if (!u.closed)
        for (const p of u.positions)
          if (p.id) list.push({ id: p.id, name: p.name, unit: u, words: `${p.name} ${u.name} ${u.code}`.toLowerCase(), order: list.length });
      walk(u.id);
    }
  };
  walk("");
  // Positions of closed units are not offered, but an actor that has one keeps its name.
  const positions = new Map(list.map((p) => [p.id, p]));
  for (const u of units)
    for (const p of u.positions)
      if (p.id && !positions.has(p.id)) positions.set(p.id, { id: p.id, name: p.name, unit: u, words: "", order: -1 });
  return { units: byId, positions, list };
}

/** Whether `unit` is `top` or below it. */
export function inside(org: Org, unit: string, top: string): boolean {
  for (let at = org.units.get(unit); at; at = at.parent ? org.units.get(at.parent) : undefined)
    if (at.id === top) return true;
  return false;
}

/** An actor in words: the outside party's name, or the position's name (with its unit). */
export function actorName(org: Org | null, a: Actor, withUnit = false): string {
  if (a.external !== undefined) return a.external || "(pihak luar tanpa nama)";
  if (!a.position) return "(belum dipilih)";
  const p = org?.positions.get(a.position);
  if (!p) return org ? `Jabatan tidak dikenal (${a.position})` : "Memuat nama jabatan…";
  return withUnit ? `${p.name} — ${p.unit.name}${p.unit.closed ? " (unit ditutup)" : ""}` : p.name;
}

export type ActorValue = { position: string } | { external: string };

const commonParties = ["Pemohon", "Masyarakat"];

/** The choices for what is typed in an actor's field: matching positions (the SOP's unit and
 * those under it first), then the typed words as an outside party. */
export function actorOptions(org: Org | null, sopUnit: string, query: string): ComboOption<ActorValue>[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const typed = query.trim();
  const out: ComboOption<ActorValue>[] = [];
  if (org) {
    const hits = org.list.filter((p) => words.every((w) => p.words.includes(w)));
    const own = (p: PositionEntry) => (inside(org, p.unit.id, sopUnit) ? 0 : 1);
    hits.sort((a, b) => own(a) - own(b) || a.order - b.order);
    for (const p of hits.slice(0, 40))
      out.push({ key: p.id, label: p.name, detail: p.unit.name, value: { position: p.id } });
  }
  const parties = typed ? [typed] : commonParties;
  for (const name of parties)
    out.push({ key: `luar:${name}`, label: `Pihak luar: ${name}`, detail: "bukan jabatan di organisasi", value: { external: name } });
  return out;
}
