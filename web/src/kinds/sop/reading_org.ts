// Names of units and positions for a SOP's reader: an actor is a position, named by its id.
import { getJson, type Unit } from "../../api";

export interface Org {
  unit: (id: string) => string;
  position: (id: string) => string;
}

let loading: Promise<Org> | null = null;

/** The organisation as of now, loaded once per page (again after a failure). */
export function loadOrg(): Promise<Org> {
  loading ??= getJson<{ items: Unit[] }>("/api/v1/units").then((r) => {
    const units = new Map(r.items.map((u) => [u.id, u.name]));
    const positions = new Map(r.items.flatMap((u) => u.positions.map((p) => [p.id ?? "", p.name] as const)));
    return { unit: (id) => units.get(id) ?? "", position: (id) => positions.get(id) ?? "" };
  }, (e) => {
    loading = null;
    throw e;
  });
  return loading;
}

export interface Actor { id: string; position?: string; external?: string }

export const actorName = (org: Org, a: Actor | undefined): string =>
  !a ? "" : a.external || (a.position ? org.position(a.position) || "(jabatan tidak dikenal)" : "");
