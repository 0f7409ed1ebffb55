// A document's history by edition, newest first: "Revisi ke-2", "Revisi ke-1", "Edisi pertama".
// A draft's rows belong to the edition its ratification will make; repeated saves by the same
// person show as one row. Every row names its action, person, position, time, reason and
// signature, and opens the version it made (`?version=N`); any two versions are compared on
// the compare screen (<path>/<id>/banding?dari=&ke=). On another day (`?at=`) the history ends
// with that day.
import { useState } from "preact/hooks";
import { navigate, withQuery } from "../app/router";
import { Link } from "../app/ui";
import { formatDate, formatDateTime } from "../format";
import { actionOf } from "../status";
import type { HistoryRow } from "./view/types";

interface Shown { row: HistoryRow; versions: number[]; last: string }

function rowsOf(rows: HistoryRow[]): Shown[] {
  const out: Shown[] = [];
  for (const v of rows) {
    const prev = out.at(-1);
    const a = actionOf(v.action);
    if (prev && prev.row.action === v.action && prev.row.actor === v.actor && a && !a.workflow && !a.signs) {
      prev.versions.push(v.version);
      prev.last = v.time;
      continue;
    }
    out.push({ row: v, versions: [v.version], last: v.time });
  }
  return out.reverse();
}

/** The calendar day (WIB, the instansi's) of a UTC time. */
const dayInWib = (iso: string): string => new Date(Date.parse(iso) + 7 * 3600e3).toISOString().slice(0, 10);

/** The rows made by the end of `day` (all of them for ""). */
export const historyUntil = (rows: HistoryRow[], day: string): HistoryRow[] =>
  day ? rows.filter((r) => dayInWib(r.time) <= day) : rows;

/** The versions a comparison may pick, each named by the step that made it. */
export const versionChoices = (rows: HistoryRow[]): [number, string][] => {
  const by = new Map<number, HistoryRow>();
  for (const r of rows) by.set(r.version, r);  // a version's last row names it (a review keeps the content)
  return [...by.values()].sort((a, b) => b.version - a.version)
    .map((r) => [r.version, `Versi ${r.version} · ${r.label} · ${formatDate(dayInWib(r.time))}`]);
};

function Row({ shown: { row: v, versions, last }, self, current }: { shown: Shown; self: string; current: number }) {
  const [name, nip, position, meaning, time] = v.signature ? v.signature.split("; ") : [];
  const count = versions.length;
  return (
    <li data-testid="history-row" data-version={v.version} class={versions.includes(current) ? "current" : ""}>
      <div>
        <strong>{v.label}</strong>
        {count > 1 && <span class="count">{` (${count} kali, terakhir ${formatDateTime(last)})`}</span>}
        {` · ${v.actor}${v.position ? `, ${v.position}` : ""} · `}
        <time dateTime={v.time}>{formatDateTime(v.time)}</time>
      </div>
      {v.message && <p class="note">{v.message}</p>}
      <div class="meta">
        {count > 1 ? "Versi " : ""}
        {versions.map((n, i) => (
          <span key={n}>{i > 0 && ", "}
            {n === current
              ? <span aria-current="true">{count > 1 ? `${n} (ditampilkan)` : `Versi ${n} (ditampilkan)`}</span>
              : <Link href={withQuery(self, { version: String(n) })} data-testid="open-version"
                aria-label={`Buka versi ${n}`}>{count > 1 ? String(n) : `Versi ${n}`}</Link>}
          </span>))}
        {v.effective ? ` · berlaku mulai ${formatDate(v.effective)}` : ""}{" · "}
        <code>{v.commit.slice(0, 10)}</code>
      </div>
      {v.signature && (
        <div class="signed" data-testid="history-signature">
          {`Tanda tangan elektronik: ${name} (NIP ${nip}), ${position} — ${meaning}, ${formatDateTime(time)}`}
        </div>)}
    </li>
  );
}

/** Two versions picked, opened on the compare screen. */
function CompareForm({ rows, self, current }: { rows: HistoryRow[]; self: string; current: number }) {
  const choices = versionChoices(rows);
  const newest = choices[0]?.[0] ?? 1;
  const [from, setFrom] = useState(String(current !== newest ? current : Math.min(...choices.map(([n]) => n))));
  const [to, setTo] = useState(String(newest));
  if (choices.length < 2) return null;
  const pick = (label: string, value: string, set: (v: string) => void) => (
    <label class="range">
      <span>{label}</span>
      <select value={value} onChange={(ev) => set((ev.target as HTMLSelectElement).value)}>
        {choices.map(([n, text]) => <option key={n} value={String(n)}>{text}</option>)}
      </select>
    </label>);
  return (
    <form class="compare-form" data-testid="compare-form" onSubmit={(ev) => {
      ev.preventDefault();
      navigate(withQuery(`${self}/banding`, { dari: from, ke: to }));
    }}>
      {pick("Bandingkan versi", from, setFrom)}
      {pick("dengan versi", to, setTo)}
      <button type="submit" disabled={from === to}>Bandingkan</button>
    </form>
  );
}

export function History({ rows: all, self, current, at = "" }: {
  rows: HistoryRow[];
  /** The document's address (/sop/<id>): its versions open there. */
  self: string;
  /** The version on screen. */
  current: number;
  /** The day the app shows: the history until then. */
  at?: string;
}) {
  const rows = historyUntil(all, at);
  const editions = [...new Set(rows.map((v) => v.edition))].sort((a, b) => b - a);
  return (
    <section class="history" data-testid="history" aria-labelledby="judul-riwayat">
      <h3 id="judul-riwayat">Riwayat</h3>
      {at && <p class="hint">{`Riwayat sampai ${formatDate(at)}.`}</p>}
      <CompareForm rows={rows} self={self} current={current} />
      {editions.map((edition) => {
        const of = rows.filter((v) => v.edition === edition);
        return (
          <section class="edition" data-testid="history-edition" key={edition}>
            {/* Until a row reaches the main line the edition is still being drafted. */}
            <h4>{edition === 0 ? "Edisi pertama" : `Revisi ke-${edition}`}
              {!of.some((v) => v.on_main) && <span class="hint"> · sedang disusun</span>}</h4>
            <ol class="history-rows">{rowsOf(of).map((s) => <Row key={s.row.commit} shown={s} self={self} current={current} />)}</ol>
          </section>);
      })}
    </section>
  );
}
