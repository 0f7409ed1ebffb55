// A business-process map as the browser reads it (schemas/map.schema.json), and the answers of
// the map routes the screens read: the BPMN import, the preview, the diff and the coverage.

export type MapType = "level0" | "dekomposisi" | "lintas_fungsi";
export type Category = "manajemen" | "utama" | "pendukung";
export type NodeType = "mulai" | "selesai" | "aktivitas" | "subproses" | "gerbang_xor" | "gerbang_paralel";

export interface MapProcess { id: string; code?: string; name?: string; category?: Category; unit?: string }
export interface Box { x?: number; y?: number; width?: number; height?: number }
export interface MapLane extends Box { id: string; name?: string; unit?: string; position?: string }
export interface MapNode extends Box {
  id: string; type: NodeType; name?: string; lane?: string; sops?: string[]; map?: string;
}
export interface MapFlow { id: string; from?: string; to?: string; name?: string; waypoints?: { x: number; y: number }[] }

export interface MapDoc {
  type: MapType;
  level?: number;
  number?: string;
  title: string;
  unit: string;
  description?: string;
  parent?: { map?: string; process?: string };
  dates?: { created?: string; effective?: string };
  ratified_by?: { position?: string; name?: string; nip?: string };
  stakeholders?: string[];
  inputs?: string[];
  outputs?: string[];
  outcomes?: string[];
  processes?: MapProcess[];
  lanes?: MapLane[];
  nodes?: MapNode[];
  flows?: MapFlow[];
}

/** POST /api/v1/maps/import/bpmn. */
export interface BpmnImport {
  map: Pick<MapDoc, "type" | "title" | "lanes" | "nodes" | "flows">;
  unsupported: { element: string; id: string; name: string; message: string }[];
}

/** GET /api/v1/maps/{id}/diff (domain/map_diff.hpp): null where a field is empty; unit,
 * position, lane and element ids carry their names. */
export interface MapDiffField {
  field: string; label: string; from: unknown; to: unknown; from_name?: string; to_name?: string;
}
export interface MapDiffElement {
  id: string;
  collection: "processes" | "lanes" | "nodes" | "flows";
  change: "added" | "removed" | "changed";
  name: string;
  type: string;
  fields: MapDiffField[];
  /** Its place or size changed (never listed in `fields`). */
  moved?: boolean;
}
export interface MapDiff {
  empty: boolean;
  fields: (MapDiffField & { path: string })[];
  lists: { path: string; field: string; label: string; added: string[]; removed: string[] }[];
  elements: MapDiffElement[];
  summary: { added: number; removed: number; changed: number };
}

/** GET /api/v1/coverage. */
export interface CoverageDoc { kind: string; id: string; number: string; title: string; unit: string }
export interface CoverageItem {
  type: string;
  message: string;
  document: CoverageDoc;
  element?: { id: string; name: string };
  sop?: { id: string; number: string; title: string };
  position?: { id: string; name: string };
}
export interface Coverage {
  unit: string;
  at: string;
  totals: Record<string, number>;
  items: CoverageItem[];
}
