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
  /** The versions compared: `from` (a number) and `to` (the open draft's number). */
  from: number;
  to: number;
  /** GET /api/v1/<folder>/{id}/diff?from=&to=draft, as the kind's diff answers. */
  diff: unknown;
  /** The open draft (what `to` is). */
  document: Record<string, unknown>;
}
