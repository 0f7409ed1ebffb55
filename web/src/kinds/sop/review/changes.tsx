// What changed in a SOP between two versions, as a reviewer reads it: each step that changed
// ("Langkah 4 · Kegiatan: before → after", added, removed, moved) with a comment place on it,
// the identity fields and actors that changed, and the flowchart before and after side by side
// with the changed steps' symbols marked.
import { getJson } from "../../../api";
import { Status, useLoad } from "../../../app/screen";
import { CommentSpot } from "../../../docs/review/comments";
import { toName, toRef, type KindChangesProps } from "../../../docs/review/types";
import type { SopDocument } from "../../../api";
import { FlowchartPages, flowchartPages } from "../reading_flowchart";
import { fieldNames, subFieldLabel, listItem, shownValue, stepFieldNames, type FieldChange } from "./words";
import "./review.css";

interface DiffActor { id: string; position: string; external: string; name: string }
interface DiffStep { id: string; no: number; step: { activity?: string; symbol?: string }; actor_name: string }
export interface SopDiff {
  from: number; to: number; empty: boolean;
  fields: FieldChange[];
  lists: { field: string; added: unknown[]; removed: unknown[] }[];
  actors: { added: DiffActor[]; removed: DiffActor[]; changed: { id: string; before: DiffActor; after: DiffActor }[] };
  steps: {
    added: DiffStep[]; removed: DiffStep[];
    moved: { id: string; from: number; to: number; activity: string }[];
    changed: { id: string; no: number; activity: string; changes: FieldChange[] }[];
  };
}

/** The signer and the effective day are written by the ratification, not by the author: a
 * revision clears them, which is no change to review. */
const filledAtRatification = (field: string): boolean => field.startsWith("ratified_by") || field === "dates.effective";

const actorName = (a: DiffActor): string => a.name || a.external || "(jabatan tidak dikenal)";

/** A line of a change: "what: before → after" (one side empty for an addition or a removal). */
function Line({ what, before, after }: { what: string; before?: string; after?: string }) {
  return (
    <li class="change-line">
      <span class="what">{`${what}: `}</span>
      {before !== undefined && <del>{before}</del>}
      {before !== undefined && after !== undefined && " → "}
      {after !== undefined && <ins>{after}</ins>}
    </li>
  );
}

interface StepCard {
  id: string;
  /** The step's number in the draft (0 for a removed one) and in the earlier version (0 for a new one). */
  no: number;
  before: number;
  kind: "added" | "removed" | "moved" | "changed";
  title: string;
  lines: { what: string; before?: string; after?: string }[];
}

const kindWords = { added: "baru", removed: "dihapus", moved: "dipindah", changed: "diubah" };

/** The steps that changed, in the draft's order (removed ones where they were). */
function stepCards(d: SopDiff, beforeNo: (id: string) => number): StepCard[] {
  const cards = new Map<string, StepCard>();
  for (const s of d.steps.added)
    cards.set(s.id, { id: s.id, no: s.no, before: 0, kind: "added", title: s.step.activity || "—", lines: [
      { what: `Langkah ${s.no} ditambahkan`, after: `${s.step.activity || "—"}${s.actor_name ? ` (${s.actor_name})` : ""}` }] });
  for (const s of d.steps.removed)
    cards.set(s.id, { id: s.id, no: 0, before: s.no, kind: "removed", title: s.step.activity || "—", lines: [
      { what: `Langkah ${s.no} versi ${d.from} dihapus`, before: `${s.step.activity || "—"}${s.actor_name ? ` (${s.actor_name})` : ""}` }] });
  for (const m of d.steps.moved)
    cards.set(m.id, { id: m.id, no: m.to, before: m.from, kind: "moved", title: m.activity || "—", lines: [
      { what: `Langkah ${m.to} · Urutan`, before: `langkah ${m.from}`, after: `langkah ${m.to}` }] });
  for (const s of d.steps.changed) {
    const card = cards.get(s.id) ?? { id: s.id, no: s.no, before: beforeNo(s.id), kind: "changed" as const, title: s.activity, lines: [] };
    card.lines.push(...s.changes.map((c) => ({
      what: `Langkah ${s.no} · ${stepFieldNames[c.field] ?? c.field}`, before: shownValue(c, "before"), after: shownValue(c, "after") })));
    cards.set(s.id, card);
  }
  return [...cards.values()].sort((a, b) => (a.no || a.before) - (b.no || b.before));
}

/** The places `Changes` gives a comment place for: each step in the draft that changed, and each
 * top-level field, list and the actors when they changed. */
export function changeAnchors(diff: unknown): string[] {
  const d = diff as SopDiff;
  const steps = [...d.steps.added.map((s) => s.no), ...d.steps.moved.map((m) => m.to), ...d.steps.changed.map((s) => s.no)]
    .map((no) => `/steps/${no - 1}`);
  const fields = [...d.fields.filter((f) => !filledAtRatification(f.field)).map((f) => f.field.split(".")[0]), ...d.lists.map((l) => l.field)].map((f) => `/${f}`);
  const actors = d.actors.added.length + d.actors.removed.length + d.actors.changed.length ? ["/actors"] : [];
  return [...new Set([...steps, ...fields, ...actors])];
}

export function Changes({ id, from, to, draft, diff }: KindChangesProps) {
  const d = diff as SopDiff;
  const after = toName({ to, draft });
  // The earlier version's steps by code, for the numbers they had there, and both flowcharts.
  const pictures = useLoad(async () => {
    const [before, beforePages, afterPages] = await Promise.all([
      getJson<{ document: SopDocument }>(`/api/v1/sops/${id}?version=${from}`),
      flowchartPages(id, String(from)), flowchartPages(id, toRef({ to, draft }))]);
    return { steps: before.document.steps ?? [], beforePages, afterPages };
  }, [id, from, to, draft]);
  const beforeNo = (step: string) => (pictures.data?.steps.findIndex((s) => s.id === step) ?? -1) + 1;
  const cards = stepCards(d, beforeNo);
  const byTop = new Map<string, FieldChange[]>();
  for (const f of d.fields.filter((f) => !filledAtRatification(f.field)))
    byTop.set(f.field.split(".")[0], [...(byTop.get(f.field.split(".")[0]) ?? []), f]);
  const actorLines = [
    ...d.actors.added.map((a) => ({ what: "Pelaksana ditambahkan", after: actorName(a) })),
    ...d.actors.removed.map((a) => ({ what: "Pelaksana dihapus", before: actorName(a) })),
    ...d.actors.changed.map((a) => ({ what: "Pelaksana diganti", before: actorName(a.before), after: actorName(a.after) })),
  ];
  const count = cards.length + byTop.size + d.lists.length + (actorLines.length ? 1 : 0);
  const marksAfter = new Map(cards.filter((c) => c.no).map((c) => [c.no, c.kind]));
  const marksBefore = new Map(cards.filter((c) => c.before && c.kind !== "added").map((c) => [c.before, c.kind]));
  return (
    <div class="sop-changes">
      <p class="change-count" data-testid="change-count">{d.empty || !count
        ? `Tidak ada perubahan antara versi ${from} dan ${after}.`
        : `Versi ${from} → ${after}: ${count} bagian berubah.`}</p>
      {cards.length > 0 && (
        <section aria-label="Langkah yang berubah">
          {cards.map((c) => (
            <article key={c.id} class={`change-card ${c.kind}`} data-testid="step-change">
              <h4>{c.no ? `Langkah ${c.no}` : `Langkah ${c.before} versi ${from}`}
                <span class={`change-kind ${c.kind}`}>{kindWords[c.kind]}</span></h4>
              <ul>{c.lines.map((l, i) => <Line key={i} {...l} />)}</ul>
              {c.no > 0 && <CommentSpot anchor={`/steps/${c.no - 1}`} label={`Langkah ${c.no}`} />}
            </article>))}
        </section>)}
      {[...byTop].map(([top, changes]) => (
        <article key={top} class="change-card field" data-testid="field-change">
          <h4>{fieldNames[top] ?? top}</h4>
          <ul>{changes.map((c) => <Line key={c.field} what={subFieldLabel(c.field)} before={shownValue(c, "before")} after={shownValue(c, "after")} />)}</ul>
          <CommentSpot anchor={`/${top}`} label={fieldNames[top] ?? top} />
        </article>))}
      {d.lists.map((l) => (
        <article key={l.field} class="change-card field" data-testid="field-change">
          <h4>{fieldNames[l.field] ?? l.field}</h4>
          <ul>
            {l.removed.map((x, i) => <Line key={`r${i}`} what="Dihapus" before={listItem(x)} />)}
            {l.added.map((x, i) => <Line key={`a${i}`} what="Ditambahkan" after={listItem(x)} />)}
          </ul>
          <CommentSpot anchor={`/${l.field}`} label={fieldNames[l.field] ?? l.field} />
        </article>))}
      {actorLines.length > 0 && (
        <article class="change-card field" data-testid="field-change">
          <h4>Pelaksana</h4>
          <ul>{actorLines.map((l, i) => <Line key={i} {...l} />)}</ul>
          <CommentSpot anchor="/actors" label="Pelaksana" />
        </article>)}
      <section class="before-after" aria-label="Diagram alir sebelum dan sesudah">
        <Status loading={pictures.loading} error={pictures.error}>
          {pictures.data && <>
            <figure data-testid="flowchart-before">
              <figcaption>{`Sebelum (versi ${from})`}</figcaption>
              <FlowchartPages pages={pictures.data.beforePages} marks={marksBefore} label={`Diagram alir versi ${from}`} />
            </figure>
            <figure data-testid="flowchart-after">
              <figcaption>{`Sesudah (${after})`}</figcaption>
              <FlowchartPages pages={pictures.data.afterPages} marks={marksAfter} label={`Diagram alir ${after}`} />
            </figure>
          </>}
        </Status>
        <p class="hint legend"><span class="key changed" /> diubah · <span class="key added" /> baru ·{" "}
          <span class="key moved" /> dipindah · <span class="key removed" /> dihapus</p>
      </section>
    </div>
  );
}
