// The review of an open draft, like a code review: what changed, by default since the version
// the signed-in reviewer last verified or sent back (found in the history by their own rows),
// or since the version in force, or since any version; the kind shows the changes in its own
// words with a comment place on each, and the threads on other parts are listed beside them.
import { useMemo } from "preact/hooks";
import { getJson } from "../../api";
import { here, setQuery } from "../../app/router";
import { Status, useLoad } from "../../app/screen";
import { actionOf, stateOf, workflow } from "../../status";
import type { DocKindUi, KindParts } from "../kinds";
import type { CommentRow, DocRead, HistoryRow } from "../view/types";
import { about, Comments, NewComment, rootsOf, Thread, type CommentsState } from "./comments";
import "./review.css";

/** A step a reviewer takes on a draft under review (verify, send back, ratify): an action whose
 * transition leaves a drafting state and is not the author's. */
const reviewStep = (action: string): boolean =>
  workflow().transitions.some((t) => t.action === action && t.role !== "penyusun" && !!stateOf(t.from)?.drafting);

export interface Range { value: number; label: string }

/** The ranges a reader may pick, the first being the default: since my last review, since the
 * version in force, since each earlier version. */
export function rangesOf(read: DocRead, history: HistoryRow[]): Range[] {
  const to = read.version;
  const ranges: Range[] = [];
  const mine = history.filter((h) => h.mine && reviewStep(h.action) && h.version < to).at(-1);
  if (mine) ranges.push({ value: mine.version, label: `Sejak pemeriksaan terakhir saya (versi ${mine.version})` });
  const inForce = read.summary.in_force?.version;
  if (inForce && inForce < to) ranges.push({ value: inForce, label: `Sejak versi yang berlaku (versi ${inForce})` });
  // The versions a step of the workflow made (not every autosave).
  const steps = history.filter((h) => actionOf(h.action)?.workflow).map((h) => h.version);
  const versions = [...new Set([1, ...steps])].filter((v) => v < to).sort((a, b) => b - a);
  for (const v of versions) ranges.push({ value: v, label: `Sejak versi ${v}` });
  return ranges;
}

export function Review({ kind, parts, read, history, comments }: {
  kind: DocKindUi; parts: KindParts; read: DocRead; history: HistoryRow[];
  comments: { items: CommentRow[]; reload: () => void };
}) {
  const ranges = useMemo(() => rangesOf(read, history), [read, history]);
  const asked = Number(here.value.query.get("sejak") ?? "");
  const from = ranges.some((r) => r.value === asked) ? asked : ranges[0]?.value;
  const diff = useLoad(async () => from === undefined ? null
    : getJson<unknown>(`/api/v1/${kind.folder}/${read.id}/diff?from=${from}&to=draft`), [read.id, read.version, from]);
  const state: CommentsState = {
    path: `/api/v1/${kind.folder}/${read.id}/comments`, items: comments.items, canComment: read.may.comment,
    reload: comments.reload, anchorLabel: parts.anchorLabel, missingAnchorNote: parts.missingAnchorNote,
  };
  const shown = diff.data ? parts.changeAnchors(diff.data, read.document) : [];
  const roots = rootsOf(comments.items);
  const whole = roots.filter((r) => r.current && r.anchor === "");
  const elsewhere = roots.filter((r) => r.current && r.anchor !== "" && !shown.some((a) => about(r.anchor, a)));
  const older = roots.filter((r) => !r.current);
  const open = roots.filter((r) => r.current && !r.resolved).length;
  const { Changes } = parts;
  return (
    <Comments.Provider value={state}>
      <section class="review-section" data-testid="changes" aria-labelledby="judul-perubahan">
        <div class="review-head">
          <h3 id="judul-perubahan">Perubahan</h3>
          {ranges.length > 0 && (
            <label class="range">
              <span>Tampilkan perubahan</span>
              <select value={String(from)} onChange={(ev) => setQuery({ sejak: (ev.target as HTMLSelectElement).value })}>
                {ranges.map((r) => <option key={r.label} value={String(r.value)}>{r.label}</option>)}
              </select>
            </label>)}
          <span class="hint" data-testid="open-comments">{`Komentar terbuka: ${open}`}</span>
        </div>
        {from === undefined
          ? <p class="hint">Ini versi pertama: belum ada versi sebelumnya untuk dibandingkan.</p>
          : <Status loading={diff.loading} error={diff.error}>
            {diff.data != null && <Changes id={read.id} from={from} to={read.version} draft diff={diff.data} document={read.document} />}
          </Status>}
      </section>
      <section class="review-section" data-testid="comments" aria-labelledby="judul-komentar">
        <h3 id="judul-komentar">Komentar lain</h3>
        <p class="hint">Komentar pada seluruh dokumen dan pada bagian yang tidak berubah dalam rentang ini.</p>
        {whole.map((t) => <Thread key={t.id} root={t} />)}
        {elsewhere.map((t) => <Thread key={t.id} root={t} />)}
        {read.may.comment && <NewComment anchor="" label="Seluruh dokumen" anchors={parts.commentAnchors(read.document)} />}
        {older.length > 0 && (
          <details class="older">
            <summary>{`Komentar pada konsep terdahulu (${older.length})`}</summary>
            {older.map((t) => <Thread key={t.id} root={t} />)}
          </details>)}
      </section>
    </Comments.Provider>
  );
}
