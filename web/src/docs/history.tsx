// A document's history by edition, newest first: "Revisi ke-2", "Revisi ke-1", "Edisi pertama".
// A draft's rows belong to the edition its ratification will make; repeated saves by the same
// person show as one row.
import { formatDate, formatDateTime } from "../format";
import { actionOf } from "../status";
import type { HistoryRow } from "./view/types";

interface Shown { row: HistoryRow; count: number; last: string }

function rowsOf(rows: HistoryRow[]): Shown[] {
  const out: Shown[] = [];
  for (const v of rows) {
    const prev = out.at(-1);
    const a = actionOf(v.action);
    if (prev && prev.row.action === v.action && prev.row.actor === v.actor && a && !a.workflow && !a.signs) {
      prev.count++;
      prev.last = v.time;
      continue;
    }
    out.push({ row: v, count: 1, last: v.time });
  }
  return out.reverse();
}

function Row({ shown: { row: v, count, last } }: { shown: Shown }) {
  const [name, nip, position, meaning, time] = v.signature ? v.signature.split("; ") : [];
  return (
    <li data-testid="history-row">
      <div>
        <strong>{v.label}</strong>
        {count > 1 && <span class="count">{` (${count} kali, terakhir ${formatDateTime(last)})`}</span>}
        {` · ${v.actor}${v.position ? `, ${v.position}` : ""} · `}
        <time dateTime={v.time}>{formatDateTime(v.time)}</time>
      </div>
      {v.message && <p class="note">{v.message}</p>}
      <div class="meta">
        {`Versi ${v.version}`}{v.effective ? ` · berlaku mulai ${formatDate(v.effective)}` : ""}{" · "}
        <code>{v.commit.slice(0, 10)}</code>
      </div>
      {v.signature && (
        <div class="signed" data-testid="history-signature">
          {`Tanda tangan elektronik: ${name} (NIP ${nip}), ${position} — ${meaning}, ${formatDateTime(time)}`}
        </div>)}
    </li>
  );
}

export function History({ rows }: { rows: HistoryRow[] }) {
  const editions = [...new Set(rows.map((v) => v.edition))].sort((a, b) => b - a);
  return (
    <section class="history" data-testid="history" aria-labelledby="judul-riwayat">
      <h3 id="judul-riwayat">Riwayat</h3>
      {editions.map((edition) => {
        const of = rows.filter((v) => v.edition === edition);
        return (
          <section class="edition" data-testid="history-edition" key={edition}>
            {/* Until a row reaches the main line the edition is still being drafted. */}
            <h4>{edition === 0 ? "Edisi pertama" : `Revisi ke-${edition}`}
              {!of.some((v) => v.on_main) && <span class="hint"> · sedang disusun</span>}</h4>
            <ol class="history-rows">{rowsOf(of).map((s) => <Row key={s.row.commit} shown={s} />)}</ol>
          </section>);
      })}
    </section>
  );
}
