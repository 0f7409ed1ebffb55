// Review comments in the editor: the author reads each open thread beside the step or field it
// points at, and in one list, and answers it there (the review's own threads, docs/review). The
// anchors follow the part they name while the author moves steps around: each stored, stable
// anchor is resolved in the document being edited, not in the version last saved.
import "../review/review.css";
import type { ComponentChildren } from "preact";
import { useContext } from "preact/hooks";
import { Comments, Thread, about, rootsOf, type CommentsState } from "../review/comments";
import type { CommentRow } from "../view/types";
import { resolve } from "./pointer";

/** The comments with their anchors placed in `doc` (a part gone is `anchor_missing`). */
export function placed(items: CommentRow[], doc: unknown): CommentRow[] {
  return items.map((c) => {
    const at = resolve(doc, c.anchor_stable);
    return { ...c, anchor: at.missing ? c.anchor : at.pointer, anchor_missing: at.missing || c.anchor_missing };
  });
}

/** The open threads of the draft being edited. */
const openRoots = (c: CommentsState): CommentRow[] => rootsOf(c.items).filter((r) => r.current && !r.resolved);
export const openCount = (c: CommentsState): number => openRoots(c).length;

export function CommentsProvider({ value, children }: { value: CommentsState; children: ComponentChildren }) {
  return <Comments.Provider value={value}>{children}</Comments.Provider>;
}

/** The open threads pointing at `path` (or inside it, with `within`): what the form shows in place. */
export function Notes({ path, within }: { path: string; within?: boolean }) {
  const c = useContext(Comments);
  if (!c) return null;
  const here = openRoots(c).filter((r) => !r.anchor_missing && (within ? about(r.anchor, path) : r.anchor === path));
  if (!here.length) return null;
  return (
    <div class="ed-notes" role="group" aria-label="Komentar pemeriksa">
      {here.map((r) => <Thread key={r.id} root={r} />)}
    </div>
  );
}

/** Every thread of the open draft: the open ones with a way to their place (or in full when they
 * have none in the form), the closed ones folded. */
export function CommentList({ reveal }: { reveal: (path: string) => void }) {
  const c = useContext(Comments)!;
  const open = openRoots(c);
  const closed = rootsOf(c.items).filter((r) => r.current && r.resolved);
  return (
    <section id="komentar" class="ed-side-part" data-testid="editor-comments" aria-labelledby="komentar-judul">
      <h3 id="komentar-judul" tabIndex={-1}>Komentar pemeriksa ({open.length} terbuka)</h3>
      {!open.length && !closed.length && <p class="hint">Belum ada komentar pada konsep ini.</p>}
      <ul class="ed-comment-list">
        {open.map((r) => (
          <li key={r.id}>
            {r.anchor_missing || !r.anchor ? <Thread root={r} /> : (
              <>
                <p class="ed-comment-meta"><strong class="ed-anchor">{c.anchorLabel(r.anchor)}</strong> · {r.author}</p>
                <p class="ed-comment-text">{r.text}</p>
                <button type="button" class="small secondary" onClick={() => reveal(r.anchor)}>
                  Tunjukkan di formulir{r.replies ? ` (${r.replies} balasan)` : ""}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      {closed.length > 0 && (
        <details>
          <summary>{closed.length} komentar sudah diselesaikan</summary>
          {closed.map((r) => <Thread key={r.id} root={r} />)}
        </details>
      )}
    </section>
  );
}
