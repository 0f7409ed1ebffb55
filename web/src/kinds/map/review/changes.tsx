// What changed in a map between two versions (GET /api/v1/maps/{id}/diff), as a reviewer reads
// it: each added, removed or changed element in words with a comment place on it, the identity
// fields that changed, and both diagrams side by side (stacked on a phone) with the elements
// marked: bpmn-js markers on a cross-functional map, the server's process groups otherwise.
import { Status, useLoad } from "../../../app/screen";
import { formatDate } from "../../../format";
import { CommentSpot } from "../../../docs/review/comments";
import { toName, toRef, type KindChangesProps } from "../../../docs/review/types";
import "../../sop/review/review.css";
import { bpmnXml, BpmnView } from "../cross_map";
import { MapSvg } from "../picture";
import type { MapDiff, MapDiffElement, MapDiffField, MapDoc } from "../types";
import { fieldNames, nodeTypeNames } from "../words";

const changeWords: Record<string, string> = { added: "baru", removed: "dihapus", changed: "diubah", moved: "dipindah" };
const collectionWords: Record<string, string> = { processes: "Proses", lanes: "Lajur", nodes: "Elemen", flows: "Alur" };

function shown(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);  // a day, spelled out
  if (Array.isArray(value)) return value.map(shown).join(", ") || "—";
  if (typeof value === "object") return Object.values(value as Record<string, unknown>).map(shown).join(", ");
  return String(value);
}

/** One side of a changed field: the name of the unit, position, lane or element it points to. */
const side = (f: MapDiffField, which: "from" | "to"): string => f[`${which}_name`] || shown(f[which]);

/** The draft's index of an element (for its comment place), or -1 when the draft has none. */
const indexIn = (doc: MapDoc, e: { collection: string; id: string }): number =>
  ((doc[e.collection as keyof MapDoc] as { id: string }[] | undefined) ?? []).findIndex((x) => x.id === e.id);

/** An element in words: "Aktivitas “Verifikasi berkas”", a flow by what it joins ("Alur
 * “Mulai” → “Verifikasi berkas”"), an element without a name as such. */
function elementTitle(e: MapDiffElement, doc: MapDoc): string {
  const what = e.collection === "nodes" ? nodeTypeNames[e.type] ?? "Elemen" : collectionWords[e.collection] ?? e.collection;
  if (e.name) return `${what} “${e.name}”`;
  if (e.collection === "flows") {
    const flow = (doc.flows ?? []).find((f) => f.id === e.id) ?? (e as { element?: { from?: string; to?: string } }).element;
    const node = (id?: string) => {
      const n = (doc.nodes ?? []).find((x) => x.id === id);
      return n ? `“${n.name || nodeTypeNames[n.type] || n.id}”` : "…";
    };
    if (flow?.from || flow?.to) return `${what} ${node(flow.from)} → ${node(flow.to)}`;
  }
  return `${what} (tanpa nama)`;
}

export function changeAnchors(diff: unknown, document: Record<string, unknown>): string[] {
  const d = diff as MapDiff;
  const doc = document as unknown as MapDoc;
  const elements = d.elements.filter((e) => e.change !== "removed").map((e) => [e.collection, indexIn(doc, e)] as const)
    .filter(([, i]) => i >= 0).map(([c, i]) => `/${c}/${i}`);
  const fields = [...d.fields, ...(d.lists ?? [])].map((f) => `/${f.path.replace(/^\//, "").split("/")[0]}`);
  return [...new Set([...elements, ...fields])];
}

export function Changes({ id, from, to, draft, diff, document }: KindChangesProps) {
  const d = diff as MapDiff;
  const doc = document as unknown as MapDoc;
  const cross = doc.type === "lintas_fungsi";
  // Only moved or resized: marked apart (dashed), so what really changed stands out.
  const mark = (e: MapDiffElement): string => (e.change === "changed" && !e.fields.length && e.moved ? "moved" : e.change);
  const before = new Map(d.elements.filter((e) => e.change !== "added").map((e) => [e.id, mark(e)]));
  const after = new Map(d.elements.filter((e) => e.change !== "removed").map((e) => [e.id, mark(e)]));
  const shownTo = toName({ to, draft });
  const toVersion = toRef({ to, draft });
  const xml = useLoad(async (signal) => cross
    ? Promise.all([bpmnXml(id, String(from), "", signal), bpmnXml(id, toVersion, "", signal)]) : null, [id, from, to, toVersion, cross]);
  const lists = d.lists ?? [];
  const count = d.elements.length + d.fields.length + lists.length;
  return (
    <div class="sop-changes map-changes">
      <p class="change-count" data-testid="change-count">{!count
        ? `Tidak ada perubahan antara versi ${from} dan ${shownTo}.`
        : `Versi ${from} → ${shownTo}: ${d.summary.added} elemen baru, ${d.summary.removed} dihapus, ${d.summary.changed} diubah` +
          (d.fields.length + lists.length ? `; ${d.fields.length + lists.length} isian identitas berubah.` : ".")}</p>
      {d.elements.length > 0 && (
        <section aria-label="Elemen yang berubah">
          {d.elements.map((e) => {
            const i = indexIn(doc, e);
            return (
              <article key={`${e.collection}:${e.id}`} class={`change-card ${mark(e)}`} data-testid="element-change" data-element={e.id}>
                <h4>{elementTitle(e, doc)}<span class={`change-kind ${mark(e)}`}>{changeWords[mark(e)]}</span></h4>
                {(e.fields.length > 0 || e.moved) && (
                  <ul>{e.fields.map((f) => (
                    <li key={f.field} class="change-line"><span class="what">{`${f.label || f.field}: `}</span>
                      <del>{side(f, "from")}</del>{" → "}<ins>{side(f, "to")}</ins></li>))}
                  {e.moved && <li class="change-line">Letak atau ukurannya di diagram berubah.</li>}</ul>)}
                {e.change !== "removed" && i >= 0 && <CommentSpot anchor={`/${e.collection}/${i}`} label={elementTitle(e, doc)} />}
              </article>);
          })}
        </section>)}
      {d.fields.map((f) => {
        const top = f.path.replace(/^\//, "").split("/")[0];
        return (
          <article key={f.path} class="change-card field" data-testid="field-change">
            <h4>{f.label || fieldNames[top] || top}</h4>
            <ul><li class="change-line"><del>{side(f, "from")}</del>{" → "}<ins>{side(f, "to")}</ins></li></ul>
            <CommentSpot anchor={`/${top}`} label={fieldNames[top] ?? top} />
          </article>);
      })}
      {lists.map((l) => {
        const top = l.path.replace(/^\//, "").split("/")[0];
        return (
          <article key={l.path} class="change-card field" data-testid="field-change">
            <h4>{l.label || fieldNames[top] || top}</h4>
            <ul>
              {l.removed.map((x, i) => <li key={`r${i}`} class="change-line"><span class="what">Dihapus: </span><del>{x}</del></li>)}
              {l.added.map((x, i) => <li key={`a${i}`} class="change-line"><span class="what">Ditambahkan: </span><ins>{x}</ins></li>)}
            </ul>
            <CommentSpot anchor={`/${top}`} label={fieldNames[top] ?? top} />
          </article>);
      })}
      <section class="before-after" aria-label="Diagram sebelum dan sesudah">
        {cross ? (
          <Status loading={xml.loading} error={xml.error}>
            {xml.data && <>
              <div data-testid="diagram-before"><p class="caption"><strong>{`Sebelum (versi ${from})`}</strong></p>
                <BpmnView xml={xml.data[0]} marks={before} label={`Diagram versi ${from}`} testId="bpmn-before" /></div>
              <div data-testid="diagram-after"><p class="caption"><strong>{`Sesudah (${shownTo})`}</strong></p>
                <BpmnView xml={xml.data[1]} marks={after} label={`Diagram ${shownTo}`} testId="bpmn-after" /></div>
            </>}
          </Status>
        ) : <>
          <div data-testid="diagram-before"><p class="caption"><strong>{`Sebelum (versi ${from})`}</strong></p>
            <MapSvg id={id} version={String(from)} marks={before} label={`Diagram versi ${from}`} testId="svg-before" /></div>
          <div data-testid="diagram-after"><p class="caption"><strong>{`Sesudah (${shownTo})`}</strong></p>
            <MapSvg id={id} version={toVersion} marks={after} label={`Diagram ${shownTo}`} testId="svg-after" /></div>
        </>}
        <p class="hint legend"><span class="key changed" /> diubah · <span class="key added" /> baru · <span class="key removed" /> dihapus ·{" "}
          <span class="key moved" /> dipindah atau diubah ukurannya</p>
      </section>
    </div>
  );
}
