// A SOP's parts in the words of the person who writes it: the server names them by JSON pointer
// and counts from 0 ("/steps/3/exits"); the author reads "Langkah 4 · Cabang keputusan".
import type { SopDocument } from "../../../api";
import type { Problem } from "../../../docs/kinds";
import { anchorLabel as reviewLabel, stepFieldNames } from "../review/words";

export type Sop = SopDocument;
export type Step = NonNullable<Sop["steps"]>[number];
export type Actor = NonNullable<Sop["actors"]>[number];

/** The words of a step's fields ("next" is "Langkah berikutnya"), as the review says them. */
export const stepFields = stepFieldNames;

/** A pointer in the review's words, with what only the document being edited knows: a branch by
 * its number and label, an outside party by its name. "/steps/3/exits/1/to" → "Langkah 4 ·
 * Cabang 2 (Tidak) · Tujuan". */
export function anchorLabel(pointer: string, document: Record<string, unknown>): string {
  const doc = document as Sop;
  const [top, index, sub, k, leaf] = pointer.split("/").slice(1);
  const n = Number(index);
  if (top === "steps" && sub === "exits" && k !== undefined && Number.isInteger(n)) {
    const exit = doc.steps?.[n]?.exits?.[Number(k)];
    const words = leaf === "to" ? " · Tujuan" : leaf === "label" ? " · Label" : "";
    return `Langkah ${n + 1} · Cabang ${Number(k) + 1}${exit?.label ? ` (${exit.label})` : ""}${words}`;
  }
  if (top === "actors" && Number.isInteger(n)) {
    const external = doc.actors?.[n]?.external;
    return `Pelaksana ${n + 1}${external ? ` (${external})` : ""}${sub === "position" ? " · Jabatan" : sub ? ` · ${sub}` : ""}`;
  }
  return reviewLabel(pointer);
}

/** Findings about the flow or the actors as a whole: they depend on every step, so they wait
 * until the author asks to submit, even when they name one step. */
const whole = new Set([
  "sop.flow.unreachable", "sop.flow.no_way_to_end", "sop.flow.falls_off_end", "sop.flow.start_count",
  "sop.flow.end_missing", "sop.actor.unused", "sop.teknis.one_actor",
]);

/** The part a finding is judged with: its step, its actor, or its own field. */
export function partOf(problem: Problem): string | null {
  if (problem.code && whole.has(problem.code)) return null;
  const [top, index] = problem.path.split("/").slice(1);
  if (!top) return null;
  if (top === "steps" || top === "actors") return index === undefined ? null : `/${top}/${index}`;
  // The classification's and the dates' fields are parts of their own.
  if ((top === "classification" || top === "dates") && index !== undefined) return `/${top}/${index}`;
  return `/${top}`;
}
