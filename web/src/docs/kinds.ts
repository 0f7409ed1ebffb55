// A document kind as the browser app knows it: where its API and screens live and what it is
// called. The generic document screens (list, create, view with review and history, editor)
// take one of these; what only a kind has (a SOP's identity block, steps and flowchart) comes
// from its `parts`, loaded with the screen that needs it.
import type { ComponentType } from "preact";
import type { KindChangesProps, ListFilter } from "./review/types";

export interface KindParts {
  /** The kind's own fields on the read-only document (a SOP's identity block and flowchart). */
  Reading: ComponentType<{ id: string; document: Record<string, unknown>; draft: boolean; at: string }>;
  /** The kind's form in the editor. */
  Form: ComponentType<KindFormProps>;

  // Reading and review (the list, the document view and its review):
  /** The kind's own filters on the list (a SOP's classification): query parameters of its list route. */
  listFilters: ListFilter[];
  /** What changed between two versions in the kind's words (the diff route's answer), with a
   * comment place (docs/review/comments.tsx `CommentSpot`) on each changed part. */
  Changes: ComponentType<KindChangesProps>;
  /** The anchors (JSON pointers into the draft) that `Changes` gives a comment place for that diff;
   * threads on other anchors are listed beside it. */
  changeAnchors: (diff: unknown) => string[];
  /** Every part of a document a comment may point to, for the form that is not in place. */
  commentAnchors: (document: Record<string, unknown>) => [string, string][];
  /** "/steps/3/activity" → "Langkah 4 · Kegiatan"; "" → "Seluruh dokumen". */
  anchorLabel: (pointer: string) => string;
  /** A comment whose part the version shown no longer has: why, from its stored anchor. */
  missingAnchorNote: (stable: string) => string;
}

export interface KindFormProps {
  id: string;
  document: Record<string, unknown>;
  readOnly: boolean;
  /** Replaces the document being edited (the editor saves it). */
  change: (next: Record<string, unknown>) => void;
  /** Findings and refusals by JSON pointer into the document, in words. */
  problems: { path: string; message: string }[];
}

export interface DocKindUi {
  /** The API folder: /api/v1/<folder>. */
  folder: string;
  /** The app path: /sop, /sop/<id>, /sop/<id>/sunting. */
  path: string;
  /** "SOP": in titles, buttons and messages. */
  label: string;
  parts: () => Promise<KindParts>;
}

export const sopKind: DocKindUi = {
  folder: "sops",
  path: "/sop",
  label: "SOP",
  parts: () => import("../kinds/sop/parts").then((m) => m.parts),
};

export const kinds: DocKindUi[] = [sopKind];
