// The score dashboard (/skor?rubric=&unit=&scope=&at=, GET /api/v1/score): the total, what
// raises the score next (the items that would gain most, with the documents they miss, each a
// link), the trend of the last 24 months, and every area, sub-indicator and item with its
// answer, why, and evidence. Those who may answer a manual item do it here, signed.
import { useState } from "preact/hooks";
import { getJson, type Unit } from "../api";
import { here, setQuery, withQuery } from "../app/router";
import { Status, useLoad, useTitle } from "../app/screen";
import { isAdmin } from "../app/session";
import { Link } from "../app/ui";
import { formatDate, formatDateTime, formatNumber, formatPercent } from "../format";
import { UnitOptions } from "../kinds/map/editor/fields";
import { AnswerDialog } from "./answer";
import { TrendChart } from "./trend";
import type { ItemScore, MissingDoc, RubricItem, RubricRead, RubricSummary, Score, TrendPoint } from "./types";
import "../docs/view/view.css";
import "./score.css";

const sourceNames: Record<string, string> = {
  metric: "Terukur", manual: "Jawaban manual", unanswered: "Belum dijawab", gated: "Terkunci",
};

/** "3,42 dari 5 (68,4 %)". */
export const scoreText = (score: number, weight: number, percent: number): string =>
  `${formatNumber(score)} dari ${formatNumber(weight)} (${formatPercent(percent)})`;

/** A bar of a percent, beside the figure that says it (the bar itself is not read). */
function Bar({ percent }: { percent: number }) {
  return <span class="score-bar" aria-hidden="true"><span style={{ width: `${Math.min(Math.max(percent, 0), 100)}%` }} /></span>;
}

/** Where a missing document is made or fixed: a SOP or a map on its page, a unit in the org chart. */
function missingLink(d: MissingDoc): { href: string; label: string } {
  const name = [d.number, d.title].filter(Boolean).join(" ") || d.id;
  if (d.kind === "map") return { href: `/peta/${d.id}`, label: /^peta\b/i.test(d.title) ? name : `Peta ${name}` };
  if (d.kind === "unit") return { href: `/organisasi/${d.id}`, label: d.title || d.id };
  return { href: `/sop/${d.id}`, label: `SOP ${name}` };
}

function MissingList({ docs, total, unitName }: { docs: MissingDoc[]; total: number; unitName: (id: string) => string }) {
  return (
    <ul class="missing-list" data-testid="missing-list">
      {docs.map((d) => {
        const to = missingLink(d);
        const unit = d.kind !== "unit" && d.unit ? unitName(d.unit) : "";
        return (
          <li key={`${d.kind}${d.id}`}>
            <Link href={to.href} data-testid="missing-link">{to.label}</Link>
            <div class="meta">{[unit, d.reason].filter(Boolean).join(" · ")}</div>
          </li>);
      })}
      {total > docs.length && <li class="hint">{`… dan ${total - docs.length} lainnya`}</li>}
    </ul>
  );
}

const missingTotal = (item: ItemScore): number => item.missing_count ?? item.missing?.length ?? 0;

interface ItemContext {
  /** The unit scored. */
  unit: string;
  detail: (id: string) => RubricItem | undefined;
  unitName: (id: string) => string;
  /** The item's answer form, or undefined when the reader may not answer it here. */
  answer?: (item: ItemScore, sub: string) => void;
}

function sourceLabel(item: ItemScore, ctx: ItemContext): string {
  if (item.source !== "gated") return sourceNames[item.source] ?? item.source;
  const gate = ctx.detail(ctx.detail(item.id)?.gate ?? "");
  return gate ? `Terkunci oleh butir ${gate.code}` : sourceNames.gated;
}

/** Scrolls to an item of the details and moves the focus there. */
function showItem(ev: Event, id: string): void {
  ev.preventDefault();
  const el = document.getElementById(`butir-${id}`);
  el?.scrollIntoView({ block: "start" });
  el?.focus({ preventScroll: true });
}

function ItemRow({ item, sub, ctx }: { item: ItemScore; sub: string; ctx: ItemContext }) {
  const manual = !item.metric;
  const missing = missingTotal(item);
  return (
    <li class={`score-item source-${item.source}`} id={`butir-${item.id}`} tabIndex={-1} data-testid="score-item" data-item={item.id}>
      <p class="item-question"><span class="item-code">{`${item.code}.`}</span> {item.question}</p>
      <div class="item-answer">
        <span class={`badge answer${item.answer ? "" : " none"}`} data-testid="item-answer">{item.answer || "—"}</span>
        <span>{`nilai ${formatNumber(item.value)}`}</span>
        <span class={`badge source source-${item.source}`} data-testid="item-source">{sourceLabel(item, ctx)}</span>
      </div>
      {item.why && <p class="why">{item.why}</p>}
      {item.denominator !== undefined && (
        <p class="meta" data-testid="item-measure">{`${formatNumber(item.numerator ?? 0)} dari ${formatNumber(item.denominator)}` +
          (item.percent !== undefined ? ` (${formatPercent(item.percent)})` : "")}</p>)}
      {manual && item.evidence && (
        <p class="meta">Bukti: <a href={item.evidence} target="_blank" rel="noopener noreferrer" class="evidence">{item.evidence}</a></p>)}
      {manual && item.note && <p class="meta">{`Catatan: ${item.note}`}</p>}
      {manual && item.answered_by && (
        <p class="meta">{`Ditandatangani ${item.answered_by.name}${item.answered_by.position ? `, ${item.answered_by.position}` : ""}` +
          `, ${formatDateTime(item.answered_by.time)}` +
          (item.answered_by.unit && item.answered_by.unit !== ctx.unit ? ` · jawaban ${ctx.unitName(item.answered_by.unit)}, berlaku juga di sini` : "")}</p>)}
      {manual && !item.answered_by && ctx.detail(item.id)?.guidance && <p class="hint">{ctx.detail(item.id)!.guidance}</p>}
      {manual && ctx.answer && (
        <button type="button" class="small" data-testid="answer-button" onClick={() => ctx.answer!(item, sub)}>
          {item.source === "manual" ? "Ubah jawaban" : "Jawab"}</button>)}
      {missing > 0 && (
        <details class="missing">
          <summary>{`Dokumen yang kurang (${missing})`}</summary>
          <MissingList docs={item.missing ?? []} total={missing} unitName={ctx.unitName} />
        </details>)}
    </li>
  );
}

/** The items that would raise the score most, each with the first documents it misses. */
function NextSteps({ score, ctx }: { score: Score; ctx: ItemContext }) {
  const [all, setAll] = useState(false);
  const items = score.areas.flatMap((a) => a.sub_indicators.flatMap((sub) => sub.items.map((item) => ({ item, sub: sub.name }))))
    .filter(({ item }) => item.gain > 0)
    .map((row, order) => ({ ...row, order }))
    .sort((a, b) => b.item.gain - a.item.gain || a.order - b.order);
  const shown = all ? items : items.slice(0, 5);
  return (
    <section class="card score-next" data-testid="score-next" aria-labelledby="judul-berikutnya">
      <h3 id="judul-berikutnya">Yang menaikkan skor berikutnya</h3>
      {!items.length && <p class="notice ok">Setiap butir sudah mendapat nilai tertinggi.</p>}
      <ol class="cards">
        {shown.map(({ item, sub }) => {
          const best = item.options[0];
          return (
            <li key={item.id} data-testid="next-item" data-item={item.id}>
              <p class="next-head">
                <strong class="gain">{`+${formatNumber(item.gain, 3)} poin`}</strong>{" "}
                <a href={`#butir-${item.id}`} onClick={(ev) => showItem(ev, item.id)}>{`${item.code}. ${item.question}`}</a>
              </p>
              <p class="meta">{[sub, sourceLabel(item, ctx), item.answer && `sekarang ${item.answer}`,
                best && `tertinggi ${best.answer}`].filter(Boolean).join(" · ")}</p>
              {(item.missing?.length ?? 0) > 0 &&
                <MissingList docs={item.missing!.slice(0, 3)} total={missingTotal(item)} unitName={ctx.unitName} />}
              {!item.metric && ctx.answer && (
                <button type="button" class="small" onClick={() => ctx.answer!(item, sub)}>
                  {item.source === "manual" ? "Ubah jawaban" : "Jawab"}</button>)}
            </li>);
        })}
      </ol>
      {items.length > 5 && (
        <button type="button" class="secondary small" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? "Tampilkan 5 teratas saja" : `Tampilkan semua (${items.length})`}</button>)}
    </section>
  );
}

export default function ScoreDashboard() {
  useTitle("Skor Reformasi Birokrasi");
  const query = here.value.query;
  const at = query.get("at") ?? "";
  const unit = query.get("unit") ?? "";
  const scope = query.get("scope") === "unit" ? "unit" : "subtree";
  const setup = useLoad(async () => {
    const [rubrics, units] = await Promise.all([
      getJson<{ rubrics: RubricSummary[] }>(withQuery("/api/v1/rubrics", { at })).then((r) => r.rubrics),
      getJson<{ items: Unit[] }>("/api/v1/units").then((r) => r.items)]);
    return { rubrics, units };
  }, [at]);
  const rubrics = setup.data?.rubrics ?? [];
  const rubric = query.get("rubric") || (rubrics.find((r) => r.scope === "instansi") ?? rubrics[0])?.id || "";
  const params = { rubric, unit, scope: scope === "unit" ? "unit" : "", at };
  const score = useLoad(async () => (rubric ? getJson<Score>(withQuery("/api/v1/score", params)) : undefined),
    [rubric, unit, scope, at]);
  const trend = useLoad(async () => (rubric
    ? getJson<{ points: TrendPoint[] }>(withQuery("/api/v1/score/trend", { ...params, at: "", months: "24" })).then((r) => r.points)
    : []), [rubric, unit, scope]);
  const detail = useLoad(async () => (rubric
    ? getJson<RubricRead>(withQuery(`/api/v1/rubrics/${encodeURIComponent(rubric)}`, { at })).catch(() => undefined)
    : undefined), [rubric, at]);
  const [answering, setAnswering] = useState<{ item: ItemScore; sub: string } | null>(null);
  const [saved, setSaved] = useState("");

  const units = setup.data?.units ?? [];
  const names = new Map(units.map((u) => [u.id, u.name]));
  const items = new Map((detail.data?.rubric.areas ?? []).flatMap((a) => a.sub_indicators.flatMap((s) => s.items.map((i) => [i.id, i] as const))));
  const s = score.data;
  // The server says who may answer (an evaluator over the unit); answers are given for today.
  const mayAnswer = !!s?.may?.answer && !at;
  const ctx: ItemContext = {
    unit: s?.unit.id ?? "",
    detail: (id) => items.get(id),
    unitName: (id) => names.get(id) ?? id,
    answer: mayAnswer ? (item, sub) => { setSaved(""); setAnswering({ item, sub }); } : undefined,
  };

  return (
    <div class="score-screen">
      <h2>Skor Reformasi Birokrasi</h2>
      <p class="hint">Area Penataan Tatalaksana, dihitung dari peta proses dan SOP yang berlaku serta jawaban evaluator.</p>
      <Status loading={setup.loading && !setup.data} error={setup.error}>
        <div class="filters score-filters">
          <label class="score-choice">
            <span>Rubrik</span>
            <select value={rubric} data-testid="rubric-select" onChange={(ev) => setQuery({ rubric: (ev.target as HTMLSelectElement).value })}>
              {rubrics.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
            </select>
          </label>
          <label class="score-choice">
            <span>Unit</span>
            <select value={unit} data-testid="unit-select" onChange={(ev) => setQuery({ unit: (ev.target as HTMLSelectElement).value })}>
              <UnitOptions units={units} empty="Seluruh instansi" />
            </select>
          </label>
          <label class="score-choice">
            <span>Cakupan</span>
            <select value={scope} data-testid="scope-select"
              onChange={(ev) => setQuery({ scope: (ev.target as HTMLSelectElement).value === "unit" ? "unit" : undefined })}>
              <option value="subtree">Unit beserta unit di bawahnya</option>
              <option value="unit">Hanya unit ini</option>
            </select>
          </label>
        </div>
        {!rubrics.length && <p class="notice bad">Belum ada rubrik.</p>}
      </Status>
      {saved && <p class="notice ok" role="status" data-testid="answer-saved">{saved}</p>}
      <Status loading={score.loading && !s} error={score.error}>
        {s && <>
          <section class="card score-total" data-testid="score-total" aria-labelledby="judul-skor" aria-busy={score.loading}>
            <h3 id="judul-skor">{s.rubric.name}</h3>
            <p class="score-big" data-testid="score-value">{scoreText(s.score, s.weight, s.percent)}</p>
            <Bar percent={s.percent} />
            <p class="meta">{`${s.unit.name}${s.scope === "subtree" ? " beserta unit di bawahnya" : " saja"}, pada ${formatDate(s.at)}`}
              {" · "}<span title="Dihitung dari komit ini">komit <code>{s.commit.slice(0, 10)}</code></span></p>
            <p class="score-links">
              <a href={withQuery("/api/v1/score", { ...params, format: "xlsx" })} download>Unduh LKE (XLSX)</a>
              {" · "}<a href={withQuery("/api/v1/score", { ...params, format: "csv" })} download>CSV</a>
              {" · "}<Link href="/skor/rubrik">{isAdmin.value ? "Kelola rubrik" : "Lihat rubrik"}</Link>
            </p>
          </section>
          <NextSteps score={s} ctx={ctx} />
          <section class="card score-trend" aria-labelledby="judul-tren">
            <h3 id="judul-tren">Tren 24 bulan terakhir</h3>
            <Status loading={trend.loading && !trend.data} error={trend.error}>
              {trend.data && <TrendChart points={trend.data} />}
            </Status>
          </section>
          <section class="score-areas" aria-labelledby="judul-rincian">
            <h3 id="judul-rincian">Rincian per area dan butir</h3>
            {at && s.may?.answer &&
              <p class="hint">Jawaban manual diberikan untuk hari ini: kembali ke hari ini untuk menjawab atau mengubahnya.</p>}
            {s.areas.map((a) => (
              <section key={a.id} class="score-area" data-testid="score-area" aria-labelledby={`area-${a.id}`}>
                <h4 id={`area-${a.id}`}>{a.name}</h4>
                <p class="figure">{scoreText(a.score, a.weight, a.percent)} <Bar percent={a.percent} /></p>
                {a.sub_indicators.map((sub) => (
                  <section key={sub.id} class="score-sub" data-testid="score-sub" aria-labelledby={`sub-${a.id}-${sub.id}`}>
                    <h5 id={`sub-${a.id}-${sub.id}`}>{sub.name}</h5>
                    <p class="figure">{`${scoreText(sub.score, sub.weight, sub.percent)} · bobot ${formatNumber(sub.weight)}`}
                      {" "}<Bar percent={sub.percent} /></p>
                    <ul class="score-items">{sub.items.map((item) => <ItemRow key={item.id} item={item} sub={sub.name} ctx={ctx} />)}</ul>
                  </section>))}
              </section>))}
          </section>
        </>}
      </Status>
      {answering && s && (
        <AnswerDialog rubric={s.rubric.id} unit={s.unit.id} unitName={s.unit.name} item={answering.item} sub={answering.sub}
          detail={items.get(answering.item.id)}
          close={() => setAnswering(null)}
          done={() => {
            setSaved(`Jawaban butir ${answering.item.code} (${answering.sub}) tersimpan dan ditandatangani; skor dihitung ulang.`);
            setAnswering(null);
            score.reload();
            trend.reload();
          }} />)}
    </div>
  );
}
