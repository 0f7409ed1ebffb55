// The workflow as the server serves it (GET /api/v1/workflow): its states, actions and
// transitions. The app names no state of its own: badges, filters, action forms and task titles
// are read from this table, loaded once per session.
import { getJson } from "./api";
import { el } from "./dom";

export interface WorkflowState { code: string; label: string; drafting: boolean; shown_only: boolean }
export interface WorkflowAction {
  name: string; line: string; status: string; signs: boolean; workflow: boolean; label: string;
  independent: boolean; meaning: string; password: boolean;
  /** The action this one takes back (a recall takes back a submit), or "". */
  takes_back?: string;
}
export interface Transition { action: string; from: string; to: string; role: string; task: string }
export interface Workflow { states: WorkflowState[]; actions: WorkflowAction[]; transitions: Transition[] }

let table: Workflow = { states: [], actions: [], transitions: [] };
let loading: Promise<void> | null = null;

/** Loads the table (once; again after a failure). Any signed-in person may read it. */
export function loadWorkflow(): Promise<void> {
  loading ??= getJson<Workflow>("/api/v1/workflow").then((t) => { table = t; }, (e) => {
    loading = null;
    throw e;
  });
  return loading;
}

export const workflow = (): Workflow => table;
export const stateOf = (code: string): WorkflowState | undefined => table.states.find((s) => s.code === code);
export const actionOf = (name: string): WorkflowAction | undefined => table.actions.find((a) => a.name === name);

/** Where a state stands, for its colour: with the author, in review, ratified but not yet in
 * force, in force (it has ways out), or ended. */
export function phaseOf(code: string): string {
  const s = stateOf(code);
  if (!s) return "unknown";
  if (s.drafting)
    // The author's own ways on (not taking a submission back) mean the draft is with them.
    return table.transitions.some((t) => t.from === code && t.role === "penyusun" && !actionOf(t.action)?.takes_back)
      ? "drafting" : "review";
  if (s.shown_only) return "pending";
  return table.transitions.some((t) => t.from === code) ? "in-force" : "ended";
}

export function statusBadge(status: string, prefix = ""): HTMLElement {
  return el("span", { class: `badge phase-${phaseOf(status)} status-${status}`, "data-testid": "status-badge",
    "data-status": status }, prefix + (stateOf(status)?.label ?? status));
}
