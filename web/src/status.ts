// Document states and the badges that show them on every screen.
import { el } from "./dom";

export const statusLabels: [string, string][] = [
  ["konsep", "Konsep"], ["diajukan", "Diajukan"], ["diverifikasi", "Diverifikasi"],
  ["disahkan", "Disahkan, belum berlaku"], ["berlaku", "Berlaku"], ["dicabut", "Dicabut"],
  ["digantikan", "Digantikan"], ["dibatalkan", "Dibatalkan"],
];

export interface DueFlags {
  status: string;
  in_force?: unknown;  // a version in force exists (the status may be a revision's)
  monitoring_due?: string;
  evaluation_due?: string;
  monitoring_overdue?: boolean;
  evaluation_overdue?: boolean;
}

export function statusBadge(status: string): HTMLElement {
  const label = statusLabels.find(([c]) => c === status)?.[1] ?? status;
  return el("span", { class: `badge status-${status}`, "data-testid": "status-badge" }, label);
}

const drafting = ["konsep", "diajukan", "diverifikasi"];

/** The state (a SOP in force under revision shows both), plus "monitoring/evaluasi terlambat". */
export function stateBadges(s: DueFlags): HTMLElement {
  const box = el("span", { class: "badges" });
  if (s.in_force && drafting.includes(s.status))
    box.append(statusBadge("berlaku"), el("span", { class: `badge status-${s.status}` }, `Revisi: ${s.status}`));
  else box.append(statusBadge(s.status));
  if (s.monitoring_overdue)
    box.append(el("span", { class: "badge overdue", title: `Jatuh tempo ${s.monitoring_due}` }, "Monitoring terlambat"));
  if (s.evaluation_overdue)
    box.append(el("span", { class: "badge overdue", title: `Jatuh tempo ${s.evaluation_due}` }, "Evaluasi terlambat"));
  return box;
}
