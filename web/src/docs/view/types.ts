// What the document routes of every kind answer (GET /api/v1/<folder>, /{id}, /{id}/history,
// /{id}/comments, /{id}/records, /api/v1/tasks). The OpenAPI description types their requests;
// their answers are described here, as the screens read them.

/** A version in force or the open draft, as the summary names it. */
export interface VersionRef { version: number; commit: string; time: number }

/** A row of a list: the document's summary (of that day with `?at=`). */
export interface DocSummary {
  id: string;
  unit: string;
  number: string;
  title: string;
  /** The state of the newest version (on a past day: that day's). */
  status: string;
  last_version: number;
  draft?: VersionRef | null;
  in_force?: VersionRef | null;
  /** The version in force's own state, when a revision is being drafted beside it. */
  in_force_identity?: { status: string; title: string; number: string };
  updated_at: number;
  updated_by: string;
  effective_date?: string;
  monitoring_due?: string;
  evaluation_due?: string;
  monitoring_overdue?: boolean;
  evaluation_overdue?: boolean;
}

/** GET /api/v1/<folder>/{id}: one version and what the reader may do with it. */
export interface DocRead {
  id: string;
  version: number;
  /** Workflow actions the reader may take now. */
  actions: string[];
  is_draft: boolean;
  /** The state of the version on screen, as of `as_of` ("" for the open draft). */
  status: string;
  as_of: string;
  /** Ratified, in force from a later day. */
  pending: { version: number; effective: string } | null;
  /** From the ratifying commit's signature record, never from the document's own fields. */
  ratification: {
    name: string; nip: string; position: string; time: string;
    /** The code printed under the signature and its public page (/v/<code>). */
    verification: { code: string; url: string };
  } | null;
  may: { comment: boolean; monitor: boolean; evaluate: boolean; read_drafts: boolean };
  summary: DocSummary;
  document: Record<string, unknown> & { title?: string; number?: string; unit?: string };
}

/** A row of GET /api/v1/<folder>/{id}/history. */
export interface HistoryRow {
  version: number;
  action: string;
  label: string;
  edition: number;
  actor: string;
  position: string;
  time: string;
  message: string;
  commit: string;
  on_main: boolean;
  signature: string;
  effective: string;
  /** The signed-in account took this step. */
  mine?: boolean;
}

/** A comment or a reply (GET /api/v1/<folder>/{id}/comments). `anchor`: a JSON pointer into the
 * version shown (the open draft, else the one in force), by position; `anchor_stable`: as stored,
 * by step or actor code, so it follows a step that moves; `anchor_missing`: that part is gone. */
export interface CommentRow {
  id: string;
  thread: string;
  anchor: string;
  anchor_stable: string;
  anchor_missing: boolean;
  text: string;
  author: string;
  nip: string;
  time: string;
  draft_version: number;
  resolved: boolean;
  resolved_by: string;
  replies: number;
  /** On the open draft (older threads belong to drafts already closed). */
  current: boolean;
}

/** What waits for the signed-in person (GET /api/v1/tasks). */
export interface Task {
  kind: string;
  /** The document's kind ("sop", "map") and its API folder ("sops", "maps"). */
  document_kind?: string;
  folder?: string;
  label: string;
  id: string;
  number: string;
  title: string;
  status: string;
  unit_name: string;
  due?: string;
  overdue?: boolean;
}
