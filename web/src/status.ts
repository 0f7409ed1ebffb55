// The workflow as the server serves it (GET /api/v1/workflow): its states, actions and
// transitions. The app names no state of its own: badges, filters, action forms and task titles
// are read from this table, loaded once per session.
import { getJson } from "./api";
import { el } from "./dom";

export interface WorkflowState { code: string; label: string; drafting: boolean; shown_only: boolean }
export interface WorkflowAction {
  name: string; line: string; status: string; signs: boolean; workflow: boolean; label: string;
  independent: boolean; meaning: string; password: boolean;
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
const isDrafting = (code: string): boolean => !!stateOf(code)?.drafting;

/** Where a state stands, for its colour: with the author, in review, ratified but not yet in
 * force, in force (it has ways out), or ended. */
export function phaseOf(code: string): string {
  const s = stateOf(code);
  if (!s) return "unknown";
  if (s.drafting)
    return table.transitions.some((t) => t.from === code && t.role === "penyusun") ? "drafting" : "review";
  if (s.shown_only) return "pending";
  return table.transitions.some((t) => t.from === code) ? "in-force" : "ended";
}

export interface DueFlags {
  status: string;
  in_force?: unknown;  // a version in force exists (the status may be a revision's)
  in_force_identity?: { status: string };  // that version's own state
  monitoring_due?: string;
  evaluation_due?: string;
  monitoring_overdue?: boolean;
  evaluation_overdue?: boolean;
}

export function statusBadge(status: string, prefix = ""): HTMLElement {
  return el("span", { class: `badge phase-${phaseOf(status)} status-${status}`, "data-testid": "status-badge",
    "data-status": status }, prefix + (stateOf(status)?.label ?? status));
}

/** The state (a SOP in force under revision shows both), plus "monitoring/evaluasi terlambat". */
export function stateBadges(s: DueFlags): HTMLElement {
  const box = el("span", { class: "badges" });
  const inForce = s.in_force_identity?.status;
  if (s.in_force && inForce && isDrafting(s.status)) box.append(statusBadge(inForce), statusBadge(s.status, "Revisi: "));
  else box.append(statusBadge(s.status));
  if (s.monitoring_overdue)
    box.append(el("span", { class: "badge overdue", title: `Jatuh tempo ${s.monitoring_due}` }, "Monitoring terlambat"));
  if (s.evaluation_overdue)
    box.append(el("span", { class: "badge overdue", title: `Jatuh tempo ${s.evaluation_due}` }, "Evaluasi terlambat"));
  return box;
}
