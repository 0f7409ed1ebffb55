// The few bpmn-js services the map screens use, typed as they use them (bpmn-js itself is loaded
// on demand: these are types only).

export interface BusinessObject {
  id: string;
  $type: string;
  name?: string;
  get: (name: string) => unknown;
}
export interface DiagramElement {
  id: string;
  type: string;
  businessObject: BusinessObject;
  labelTarget?: DiagramElement;
  waypoints?: unknown[];
}
export interface Canvas {
  zoom: (level?: number | "fit-viewport", center?: "auto") => number;
  addMarker: (element: string | DiagramElement, marker: string) => void;
  removeMarker: (element: string | DiagramElement, marker: string) => void;
  scrollToElement: (element: DiagramElement) => void;
  resized: () => void;
}
export interface EventBus {
  on: (event: string, priority: number | ((e: { element: DiagramElement; newSelection?: DiagramElement[] }) => unknown),
    fn?: (e: { element: DiagramElement; newSelection?: DiagramElement[] }) => unknown) => void;
}
export interface ElementRegistry {
  get: (id: string) => DiagramElement | undefined;
  filter: (fn: (e: DiagramElement) => boolean) => DiagramElement[];
}
export interface Modeling {
  updateProperties: (element: DiagramElement, props: Record<string, unknown>) => void;
  updateLabel: (element: DiagramElement, text: string) => void;
}
export interface Selection {
  select: (element: DiagramElement | null) => void;
  get: () => DiagramElement[];
}
export interface CommandStack { canUndo: () => boolean; canRedo: () => boolean; undo: () => void; redo: () => void }

/** A viewer or a modeler, as the screens drive it. */
export interface Diagram {
  importXML: (xml: string) => Promise<{ warnings: unknown[] }>;
  saveXML: (options?: { format?: boolean }) => Promise<{ xml?: string }>;
  get: <T>(name: string) => T;
  destroy: () => void;
}

/** The BPMN types a map's activity is (what SOPs detail). */
export const isActivity = (type: string): boolean =>
  type === "bpmn:Task" || type === "bpmn:SubProcess" || type === "bpmn:CallActivity" || type.endsWith("Task");

/** The SOP ids of an activity (`sopan:sops`, space-separated). */
export const sopsOf = (bo: BusinessObject): string[] =>
  String(bo.get("sopan:sops") ?? "").split(/\s+/).filter(Boolean);
