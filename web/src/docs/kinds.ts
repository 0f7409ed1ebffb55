// A document kind as the browser app knows it: where its API and screens live and what it is
// called. The generic document screens (list, create, view with review and history, editor)
// take one of these; what only a kind has (a SOP's identity block, steps and flowchart) comes
// from its `parts`, loaded with the screen that needs it.
import type { ComponentType } from "preact";
import type { KindChangesProps, ListFilter } from "./review/types";

export interface KindParts {
  /** The kind's own fields on the read-only document (a SOP's identity block and flowchart):
   * the open draft, a saved `version` (a number, opened from the history), or the version in
   * force (on day `at`, else today). */
  Reading: ComponentType<{ id: string; document: Record<string, unknown>; draft: boolean; at: string; version?: string }>;
  /** The kind's form in the editor. */
  Form: ComponentType<KindFormProps>;

  // Reading and review (the list, the document view and its review):
  /** The kind's own filters on the list (a SOP's classification): query parameters of its list route. */
  listFilters: ListFilter[];
  /** What the list's search field finds, as its placeholder ("Cari nomor, judul, kegiatan…"). */
  searchHint: string;
  /** What changed between two versions in the kind's words (the diff route's answer), with a
   * comment place (docs/review/comments.tsx `CommentSpot`) on each changed part. */
  Changes: ComponentType<KindChangesProps>;
  /** The anchors (JSON pointers into the draft) that `Changes` gives a comment place for that diff;
   * threads on other anchors are listed beside it. */
  changeAnchors: (diff: unknown, document: Record<string, unknown>) => string[];
  /** Every part of a document a comment may point to, for the form that is not in place. */
  commentAnchors: (document: Record<string, unknown>) => [string, string][];
  /** "/steps/3/activity" → "Langkah 4 · Kegiatan"; "" → "Seluruh dokumen". */
  anchorLabel: (pointer: string) => string;
  /** A comment whose part the version shown no longer has: why, from its stored anchor. */
  missingAnchorNote: (stable: string) => string;

  // --- The editor's (docs/editor.tsx) ---
  /** What else the generic editor and creation screen need to know of the kind. */
  editing: KindEditing;
}

// --- The editor's (docs/editor.tsx): what the generic editor asks of a kind ---

/** A finding of the kind's rules, or a refusal's detail: where (a JSON pointer) and what. */
export interface Problem {
  code?: string;
  path: string;
  message: string;
}

export interface KindEditing {
  /** The document a new one starts as, with the title and unit asked for first (and the
   * `choice`'s value, for a kind that asks one more thing). */
  blank: (title: string, unit: string, choice: string) => Record<string, unknown>;
  /** The title field's hint on the creation screen ('Nama prosedur, misalnya "…"'). */
  titleHint: string;
  /** One more thing a new document is created with (a map's type), or none. */
  choice?: { label: string; hint: string; options: [string, string][] };
  /** The form keeps its own undo (a diagram editor's): the editor's Urungkan and Ctrl+Z are
   * left to it for this document. */
  ownUndo?: (document: Record<string, unknown>) => boolean;
  /** The heading of the preview beside the form ("Pratinjau diagram alir"). */
  previewTitle: string;
  /** A pointer in words, the way the author counts: "/steps/3/exits" → "Langkah 4 · Cabang". */
  anchorLabel: (pointer: string, document: Record<string, unknown>) => string;
  /** The part of the document a finding belongs to (a step, an actor, a field), judged as one:
   * its findings are shown once the focus has left it. null: the document as a whole. */
  partOf: (problem: Problem) => string | null;
  /** A short outline of a version (for choosing between two in a conflict). */
  Outline: ComponentType<{ document: Record<string, unknown> }>;
  /** The live preview beside the form; it reports the server's findings for what it drew. */
  Preview: ComponentType<{ id: string; document: Record<string, unknown>; onChecked: (problems: Problem[], of: Record<string, unknown>) => void }>;
  /** Where the form's sections start, for the editor's "jump to" links: [element id, name]. */
  sections: [string, string][];
}

export interface KindFormProps {
  id: string;
  document: Record<string, unknown>;
  readOnly: boolean;
  /** Replaces the document being edited (the editor saves it). */
  change: (next: Record<string, unknown>) => void;
  /** Findings and refusals by JSON pointer into the document, in words. */
  problems: { path: string; message: string }[];

  // --- The editor's (docs/editor.tsx) ---
  /** The open review comments pointing at `path` (and below it with `within`), with reply:
   * the form places them beside the field or step (anchors follow a moved step). */
  Notes: ComponentType<{ path: string; within?: boolean }>;
  /** Show and focus the part at `path` (asked from the findings or the comments); `seq` grows. */
  reveal: { path: string; seq: number } | null;
}

export interface DocKindUi {
  /** The API folder: /api/v1/<folder>. */
  folder: string;
  /** The app path: /sop, /sop/<id>, /sop/<id>/sunting. */
  path: string;
  /** Where its list is (the path itself, unless the kind has a screen of its own there). */
  listPath: string;
  /** "SOP": in titles, buttons and messages. */
  label: string;
  /** It has a print view (/api/v1/<folder>/{id}/print). */
  print: boolean;
  /** It has monitoring and evaluation records (/api/v1/<folder>/{id}/records). */
  records: boolean;
  parts: () => Promise<KindParts>;
}

export const sopKind: DocKindUi = {
  folder: "sops",
  path: "/sop",
  listPath: "/sop",
  label: "SOP",
  print: true,
  records: true,
  parts: () => import("../kinds/sop/parts").then((m) => m.parts),
};

/** A business-process map (level 0, decomposition or cross-functional). Its list is at
 * /peta/daftar: /peta itself is the map browser (screens/maps.tsx). */
export const mapKind: DocKindUi = {
  folder: "maps",
  path: "/peta",
  listPath: "/peta/daftar",
  label: "Peta Proses Bisnis",
  print: false,
  records: false,
  parts: () => import("../kinds/map/parts").then((m) => m.parts),
};

export const kinds: DocKindUi[] = [sopKind, mapKind];

/** The kind a document of the API's `folder` (or "sop"/"map" as a summary names it) belongs to. */
export const kindOf = (name: string | undefined): DocKindUi =>
  kinds.find((k) => k.folder === name || k.folder === `${name}s`) ?? sopKind;
