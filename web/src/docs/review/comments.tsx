// Comments anchored in place: each changed part of a review has a comment place (`CommentSpot`)
// that shows the open draft's threads on that part, with replies and resolution, and a form
// anchored to it. The threads of the document come from one request, shared by every place.
import { createContext } from "preact";
import { useContext, useState } from "preact/hooks";
import { ApiError, send } from "../../api";
import { me } from "../../app/session";
import { formatDateTime } from "../../format";
import type { CommentRow } from "../view/types";

export interface CommentsState {
  /** The comments route: /api/v1/<folder>/{id}/comments. */
  path: string;
  items: CommentRow[];
  canComment: boolean;
  reload: () => void;
  anchorLabel: (pointer: string) => string;
  missingAnchorNote: (stable: string) => string;
}

export const Comments = createContext<CommentsState | null>(null);

/** A thread is about `anchor` when it points there or inside it ("/steps/3/activity" is about
 * "/steps/3"); the whole document ("") only holds its own. */
export const about = (comment: string, anchor: string): boolean =>
  comment === anchor || (anchor !== "" && comment.startsWith(anchor + "/"));

export const rootsOf = (items: CommentRow[]): CommentRow[] => items.filter((c) => c.id === c.thread);

/** Sends a change; a refusal is returned in words (with the fields it names). */
async function post(method: string, path: string, body: unknown): Promise<string> {
  try {
    await send(method, path, body);
    return "";
  } catch (e) {
    if (!(e instanceof ApiError)) return "Komentar tidak dapat dikirim.";
    return [e.message, ...e.details.map((d) => d.message)].join(" ");
  }
}

export function Thread({ root }: { root: CommentRow }) {
  const c = useContext(Comments)!;
  const [reply, setReply] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const replies = c.items.filter((r) => r.thread === root.id && r.id !== root.id);
  const run = async (method: string, path: string, body: unknown) => {
    setBusy(true);
    const problem = await post(method, path, body);
    setBusy(false);
    setError(problem);
    if (!problem) {
      setReply("");
      c.reload();
    }
  };
  const state = root.resolved ? `diselesaikan oleh ${root.resolved_by}` : root.current ? "terbuka" : "konsep terdahulu";
  return (
    <article class={`thread${root.resolved ? " resolved" : ""}`} data-testid="comment-thread">
      <div class="meta">
        <span class="anchor">{c.anchorLabel(root.anchor)}</span>
        {` · ${root.author} · ${formatDateTime(root.time)} · konsep versi ${root.draft_version} · ${state}`}
      </div>
      {root.anchor_missing && <p class="notice at" data-testid="anchor-missing">{c.missingAnchorNote(root.anchor_stable)}</p>}
      <p class="text">{root.text}</p>
      {replies.map((r) => (
        <div class="reply" key={r.id}>
          <div class="meta">{`${r.author} · ${formatDateTime(r.time)}`}</div>
          <p class="text">{r.text}</p>
        </div>))}
      {c.canComment && root.current && (
        <form class="thread-tools" onSubmit={(ev) => {
          ev.preventDefault();
          if (reply.trim()) void run("POST", c.path, { text: reply, reply_to: root.id });
        }}>
          {!root.resolved && <>
            <input type="text" aria-label="Balasan" placeholder="Tulis balasan…" value={reply}
              onInput={(ev) => setReply((ev.target as HTMLInputElement).value)} />
            <button type="submit" class="secondary" disabled={busy}>Balas</button>
          </>}
          {root.nip === me.value?.nip && (
            <button type="button" class={root.resolved ? "secondary" : ""} disabled={busy}
              onClick={() => void run("PUT", `${c.path}/${root.id}`, { resolved: !root.resolved })}>
              {root.resolved ? "Buka lagi" : "Selesaikan"}</button>)}
        </form>)}
      {error && <p class="notice bad" role="alert">{error}</p>}
    </article>
  );
}

/** A new comment: in place (anchored to `anchor`), or with the part picked from `anchors`. */
export function NewComment({ anchor, label, anchors, close }: {
  anchor: string; label: string; anchors?: [string, string][]; close?: () => void;
}) {
  const c = useContext(Comments)!;
  const [text, setText] = useState("");
  const [picked, setPicked] = useState(anchor);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  return (
    <form class="new-comment" data-testid={anchors ? "new-comment" : "comment-form"} onSubmit={async (ev) => {
      ev.preventDefault();
      if (!text.trim()) { setError("Tulis isi komentarnya."); return; }
      setBusy(true);
      const problem = await post("POST", c.path, { text, ...(picked ? { anchor: picked } : {}) });
      setBusy(false);
      setError(problem);
      if (problem) return;
      setText("");
      close?.();
      c.reload();
    }}>
      {anchors && <h4>Komentar baru</h4>}
      {anchors && (
        <label>
          <span>Bagian yang dikomentari</span>
          <select value={picked} onChange={(ev) => setPicked((ev.target as HTMLSelectElement).value)}>
            <option value={anchor}>{label}</option>
            {anchors.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
          </select>
        </label>)}
      <label>
        <span>{anchors ? "Isi komentar" : `Komentar pada ${label}`}</span>
        <textarea rows={3} value={text} ref={(t) => { if (!anchors) t?.focus(); }} aria-invalid={error ? "true" : undefined}
          onInput={(ev) => setText((ev.target as HTMLTextAreaElement).value)} />
      </label>
      {error && <p class="notice bad" role="alert">{error}</p>}
      <button type="submit" disabled={busy}>Kirim komentar</button>
      {close && <button type="button" class="secondary" onClick={close}>Batal</button>}
    </form>
  );
}

/** The open draft's threads on a part, and a way to start one there. */
export function CommentSpot({ anchor, label }: { anchor: string; label: string }) {
  const c = useContext(Comments);
  const [writing, setWriting] = useState(false);
  if (!c) return null;
  const threads = rootsOf(c.items).filter((r) => r.current && about(r.anchor, anchor));
  if (!threads.length && !c.canComment) return null;
  return (
    <div class="comment-spot" data-testid="comment-spot" data-anchor={anchor}>
      {threads.map((t) => <Thread key={t.id} root={t} />)}
      {c.canComment && (writing
        ? <NewComment anchor={anchor} label={label} close={() => setWriting(false)} />
        : <button type="button" class="small secondary comment-button" aria-label={`Komentari ${label}`}
          onClick={() => setWriting(true)}>Komentari</button>)}
    </div>
  );
}
