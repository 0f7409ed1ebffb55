// A business-process map as the browser reads it (schemas/map.schema.json), and the answers of
// the map routes the screens read: the BPMN import, the preview, the diff and the coverage.
import type { MapDocument } from "../../api";

// The document is typed from the server's own schema (schemas/map.schema.json, npm run gen).
export type MapDoc = MapDocument;
export type MapType = MapDoc["type"];
export type MapProcess = NonNullable<MapDoc["processes"]>[number];
export type Category = NonNullable<MapProcess["category"]>;
export type MapLane = NonNullable<MapDoc["lanes"]>[number];
export type MapNode = NonNullable<MapDoc["nodes"]>[number];
export type NodeType = MapNode["type"];
export type MapFlow = NonNullable<MapDoc["flows"]>[number];

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
