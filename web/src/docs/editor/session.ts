// One editing session of a draft: the document being edited, autosave with a state a person can
// read, undo, and what happens when the server refuses a save. A save that another save beat is
// a conflict (412): both versions are kept until the author chooses. A save the server refuses
// for good (409 under review, 403, 422) stops autosave and says why; it is never retried blindly.
// Only a server that cannot be reached is tried again, ever more slowly.
import { computed, signal, type Signal } from "@preact/signals";
import { ApiError, getJson, send } from "../../api";
import type { Problem } from "../kinds";

export type Doc = Record<string, unknown>;

/** GET /api/v1/<folder>/{id}[?version=draft] as the editor reads it. */
export interface DocRead {
  id: string;
  version: number;
  is_draft: boolean;
  status: string;
  actions: string[];
  may: { comment: boolean; read_drafts?: boolean };
  summary: { updated_by?: string };
  document: Doc;
}

interface Written {
  version: number;
  problems: Problem[];
}

export type SaveState =
  | { kind: "saved"; version: number; same: boolean }
  | { kind: "dirty" }
  | { kind: "saving" }
  | { kind: "retrying"; why: string; seconds: number }
  | { kind: "stopped"; why: string }
  /** The document does not fit the kind's format: saved again once the author changes it. */
  | { kind: "invalid"; why: string }
  | { kind: "conflict" };

export interface Conflict {
  theirs: Doc;
  version: number;
  by: string;
}

/** The ids of the document's lists in order: a change of it (a step added, moved, removed) is
 * an undo step of its own, never merged with the typing around it. */
function shape(doc: Doc): string {
  const out: string[] = [];
  for (const [key, value] of Object.entries(doc))
    if (Array.isArray(value)) out.push(key + ":" + value.map((e) => (e as { id?: string })?.id ?? "").join(","));
  return out.join(";");
}

/** A refused save's details point into the request ("/document/steps/3"): into the document. */
export const inDocument = (details: Problem[]): Problem[] =>
  details.map((d) => ({ ...d, path: d.path.replace(/^\/document(?=\/|$)/, "") }));

/** A message as a sentence of a longer text. */
const sentence = (t: string): string => (/[.!?]$/.test(t.trim()) ? t.trim() : `${t.trim()}.`);

export class DraftSession {
  readonly doc: Signal<Doc>;
  readonly version: Signal<number>;
  readonly state: Signal<SaveState>;
  /** The server's findings for the document as it was last checked, and refusals' details. */
  readonly problems = signal<Problem[]>([]);
  readonly refusal = signal<Problem[]>([]);
  readonly conflict = signal<Conflict | null>(null);
  private readonly undoStack = signal<string[]>([]);
  readonly canUndo = computed(() => this.undoStack.value.length > 0);

  private dirty = false;
  private inflight: Promise<void> | null = null;
  private timer = 0;
  private retryIn = 0;
  private last = { at: 0, focus: null as Element | null, shape: "" };
  private disposed = false;

  constructor(private readonly base: string, read: DocRead, private readonly message: string) {
    this.doc = signal(read.document);
    this.version = signal(read.version);
    this.state = signal<SaveState>({ kind: "saved", version: read.version, same: false });
  }

  /** The author changed the document: remembered for undo, saved shortly. */
  change(next: Doc): void {
    const now = Date.now();
    const focus = document.activeElement;
    const nextShape = shape(next);
    // A burst of typing in one field is one undo step; anything else is a step of its own.
    const burst = now - this.last.at < 1000 && focus === this.last.focus && nextShape === this.last.shape;
    if (!burst) this.pushUndo(JSON.stringify(this.doc.value));
    this.last = { at: now, focus, shape: nextShape };
    this.doc.value = next;
    this.touched();
  }

  undo(): void {
    const stack = this.undoStack.value;
    if (!stack.length) return;
    this.undoStack.value = stack.slice(0, -1);
    this.doc.value = JSON.parse(stack[stack.length - 1]) as Doc;
    this.last = { at: 0, focus: null, shape: "" };
    this.touched();
  }

  /** The findings of a check of `of` (the preview's), if it is still the document edited. */
  checked(problems: Problem[], of: Doc): void {
    if (of === this.doc.value) this.problems.value = inDocument(problems);
  }

  /** Saves now what is not saved yet (`again`: even when nothing changed, as a person asking to
   * save expects to see it saved); true once everything is saved. */
  async flush(again = false): Promise<boolean> {
    clearTimeout(this.timer);
    while (this.inflight) await this.inflight;
    if (again && this.state.value.kind === "saved") this.dirty = true;
    const kind = this.state.value.kind;
    if (this.dirty && kind !== "stopped" && kind !== "conflict" && kind !== "invalid") await this.save();
    return !this.dirty && this.state.value.kind === "saved";
  }

  /** After a refusal: the author asks to try again. */
  retry(): Promise<boolean> {
    this.state.value = { kind: "dirty" };
    return this.flush();
  }

  /** Keep my version: it is saved over theirs (theirs stays in the history). */
  keepMine(): void {
    const c = this.conflict.value;
    if (!c) return;
    this.version.value = c.version;
    this.conflict.value = null;
    this.state.value = { kind: "dirty" };
    void this.flush();
  }

  /** Take theirs: mine stays one undo away. */
  takeTheirs(): void {
    const c = this.conflict.value;
    if (!c) return;
    this.pushUndo(JSON.stringify(this.doc.value));
    this.doc.value = c.theirs;
    this.version.value = c.version;
    this.dirty = false;
    this.conflict.value = null;
    this.state.value = { kind: "saved", version: c.version, same: false };
  }

  /** The draft is thrown away: what is not saved yet is not sent. */
  abandon(): void {
    clearTimeout(this.timer);
    this.dirty = false;
  }

  /** The screen goes: what is not saved yet is still sent (its answer no longer shown). */
  dispose(): void {
    clearTimeout(this.timer);
    const pending = this.dirty && (this.state.value.kind === "dirty" || this.state.value.kind === "saving");
    if (pending) void this.save();
    this.disposed = true;
  }

  get unsaved(): boolean {
    return this.dirty;
  }

  private pushUndo(snapshot: string): void {
    this.undoStack.value = [...this.undoStack.value.slice(-199), snapshot];
  }

  private touched(): void {
    this.dirty = true;
    const kind = this.state.value.kind;
    if (kind === "stopped" || kind === "conflict") return;  // no save until the author decides
    if (kind !== "saving") this.state.value = { kind: "dirty" };
    this.schedule(1500);
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    if (!this.disposed) this.timer = window.setTimeout(() => void this.flush(), ms);
  }

  private async save(): Promise<void> {
    const doc = this.doc.value;
    this.dirty = false;
    if (!this.disposed) this.state.value = { kind: "saving" };
    const run = async () => {
      try {
        const r = await send<Written>("PUT", `${this.base}/draft`, { document: doc, message: this.message },
          { "If-Match": `"${this.version.value}"` });
        if (this.disposed) return;
        // A document equal to the saved one writes nothing: the server answers the same version.
        const same = r.version === this.version.value;
        this.version.value = r.version;
        this.retryIn = 0;
        this.refusal.value = [];
        if (doc === this.doc.value) this.problems.value = inDocument(r.problems);
        if (this.dirty) {
          this.state.value = { kind: "dirty" };
          this.schedule(1500);
        } else {
          this.state.value = { kind: "saved", version: r.version, same };
        }
      } catch (e) {
        this.dirty = true;
        if (!this.disposed) await this.refused(e);
      }
    };
    this.inflight = run();
    await this.inflight;
    this.inflight = null;
  }

  private async refused(e: unknown): Promise<void> {
    const err = e instanceof ApiError ? e : new ApiError(0, "unknown", "Server tidak dapat dihubungi.");
    if (err.status === 412) {
      // Someone saved first: show both, lose neither.
      this.state.value = { kind: "conflict" };
      try {
        const theirs = await getJson<DocRead>(`${this.base}?version=draft`);
        this.conflict.value = { theirs: theirs.document, version: theirs.version, by: theirs.summary.updated_by ?? "" };
      } catch (again) {
        this.state.value = { kind: "stopped", why: `Konsep ini telah disimpan orang lain, tetapi versi itu tidak dapat dibaca: ${again instanceof ApiError ? again.message : "server tidak menjawab"}.` };
      }
      return;
    }
    if (err.status === 0 || err.status === 429 || err.status >= 500) {
      // The server is away for a moment: try again later, each time waiting longer.
      this.retryIn = Math.min(60, this.retryIn ? this.retryIn * 2 : 5);
      this.state.value = { kind: "retrying", why: err.message, seconds: this.retryIn };
      this.schedule(this.retryIn * 1000);
      return;
    }
    if (err.status === 400 || err.status === 422) {
      this.refusal.value = inDocument(err.details.filter((d) => d.path.startsWith("/document")));
      this.state.value = { kind: "invalid", why: sentence(err.message) };
      return;
    }
    // The server says why (a draft under review, a right missing).
    const reason = [err.message || `Server menolak (${err.status}).`,
      ...err.details.filter((d) => !d.path.startsWith("/document")).map((d) => d.message)]
      .filter((t) => t.trim()).map(sentence).join(" ");
    this.refusal.value = inDocument(err.details.filter((d) => d.path.startsWith("/document")));
    this.state.value = { kind: "stopped", why: reason };
  }
}
