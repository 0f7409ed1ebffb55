// Document states and the badges that show them on every screen.
import { el } from "./dom";

export const statusLabels: [string, string][] = [
  ["konsep", "Konsep"], ["diajukan", "Diajukan"], ["diverifikasi", "Diverifikasi"],
  ["disahkan", "Disahkan, belum berlaku"], ["berlaku", "Berlaku"], ["dicabut", "Dicabut"],
  ["digantikan", "Digantikan"], ["dibatalkan", "Dibatalkan"],
];

export interface DueFlags {
  status: string;
  monitoring_due?: string;
  evaluation_due?: string;
  monitoring_overdue?: boolean;
  evaluation_overdue?: boolean;
}

export function statusBadge(status: string): HTMLElement {
  const label = statusLabels.find(([c]) => c === status)?.[1] ?? status;
  return el("span", { class: `badge status-${status}`, "data-testid": "status-badge" }, label);
}

/** The state, plus "monitoring/evaluasi terlambat" when a SOP in force is overdue. */
export function stateBadges(s: DueFlags): HTMLElement {
  const box = el("span", { class: "badges" }, statusBadge(s.status));
  if (s.monitoring_overdue)
    box.append(el("span", { class: "badge overdue", title: `Jatuh tempo ${s.monitoring_due}` }, "Monitoring terlambat"));
  if (s.evaluation_overdue)
    box.append(el("span", { class: "badge overdue", title: `Jatuh tempo ${s.evaluation_due}` }, "Evaluasi terlambat"));
  return box;
}
