// The contract between the generic review (docs/review) and a kind's own parts.

/** A filter of the list that only a kind has: a query parameter of its list route. */
export interface ListFilter {
  param: string;
  label: string;
  /** The option that filters nothing ("Semua klasifikasi"). */
  all: string;
  options: [string, string][];
}

export interface KindChangesProps {
  id: string;
  /** The versions compared: `from` and `to` (numbers; `to` the open draft's in a review). */
  from: number;
  to: number;
  /** `to` is the open draft (a review), not a saved version (the compare screen). */
  draft: boolean;
  /** GET /api/v1/<folder>/{id}/diff?from=&to=, as the kind's diff answers. */
  diff: unknown;
  /** Version `to`'s document. */
  document: Record<string, unknown>;
}

/** How the changes name version `to`: "konsep versi 5" for the open draft, else "versi 5". */
export const toName = ({ to, draft }: { to: number; draft: boolean }): string => `${draft ? "konsep versi" : "versi"} ${to}`;
/** Which version of `to` the pictures are drawn from: "draft" or its number. */
export const toRef = ({ to, draft }: { to: number; draft: boolean }): string => (draft ? "draft" : String(to));
