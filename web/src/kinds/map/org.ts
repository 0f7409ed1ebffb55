// Names of units, positions and maps for a map's reader and author, loaded once per page.
import { getJson, type Unit } from "../../api";

export interface MapOrg {
  units: Unit[];
  unit: (id: string | undefined) => string;
  position: (id: string | undefined) => { name: string; unit: string } | undefined;
}

let loading: Promise<MapOrg> | null = null;

export function loadMapOrg(): Promise<MapOrg> {
  loading ??= getJson<{ items: Unit[] }>("/api/v1/units").then((r) => {
    const units = new Map(r.items.map((u) => [u.id, u]));
    const positions = new Map(r.items.flatMap((u) => u.positions.map((p) => [p.id ?? "", { name: p.name, unit: u.name }] as const)));
    return {
      units: r.items,
      unit: (id) => (id ? units.get(id)?.name ?? "" : ""),
      position: (id) => (id ? positions.get(id) : undefined),
    };
  }, (e) => {
    loading = null;
    throw e;
  });
  return loading;
}
