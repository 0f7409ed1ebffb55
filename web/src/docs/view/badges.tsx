// The state of a document as badges: the version in force and its revision side by side, and
// "monitoring/evaluasi terlambat", every label read from the workflow table.
import { StatusBadge } from "../../app/ui";
import { formatDate } from "../../format";
import { stateOf } from "../../status";

export interface BadgeFacts {
  status: string;
  in_force?: unknown;
  in_force_identity?: { status: string };
  monitoring_due?: string;
  evaluation_due?: string;
  monitoring_overdue?: boolean;
  evaluation_overdue?: boolean;
}

/** `records`: the kind is monitored and evaluated (a map is not: no "terlambat" for it). */
export function StateBadges({ facts, records = true }: { facts: BadgeFacts; records?: boolean }) {
  const inForce = facts.in_force_identity?.status;
  const revision = !!facts.in_force && !!inForce && !!stateOf(facts.status)?.drafting;
  return (
    <span class="badges">
      {revision && <StatusBadge status={inForce} />}
      <StatusBadge status={facts.status} prefix={revision ? "Revisi: " : ""} />
      {records && facts.monitoring_overdue && facts.monitoring_due &&
        <span class="badge overdue" title={`Jatuh tempo ${formatDate(facts.monitoring_due)}`}>Monitoring terlambat</span>}
      {records && facts.evaluation_overdue && facts.evaluation_due &&
        <span class="badge overdue" title={`Jatuh tempo ${formatDate(facts.evaluation_due)}`}>Evaluasi terlambat</span>}
    </span>
  );
}
