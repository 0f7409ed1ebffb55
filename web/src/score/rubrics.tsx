// The rubrics (/skor/rubrik, GET /api/v1/rubrics): each with its history (the commits that
// wrote it), a way to its document, to its score, and, for an admin, to a new rubric copied
// from it.
import { useState } from "preact/hooks";
import { getJson } from "../api";
import { asOfDay } from "../app/router";
import { Status, useLoad, useTitle } from "../app/screen";
import { isAdmin } from "../app/session";
import { Link } from "../app/ui";
import { formatDateTime, formatNumber } from "../format";
import type { RubricSummary, RubricVersion } from "./types";
import "../docs/view/view.css";
import "./score.css";

export const scopeNames: Record<string, string> = { instansi: "Instansi", unit: "Unit kerja (Zona Integritas)" };

/** The commits that wrote the rubric, newest first. `version` changes when it is written again. */
export function RubricHistory({ id, version }: { id: string; version?: string }) {
  const history = useLoad(() => getJson<{ history: RubricVersion[] }>(`/api/v1/rubrics/${encodeURIComponent(id)}/history`)
    .then((r) => r.history), [id, version]);
  return (
    <Status loading={history.loading && !history.data} error={history.error}>
      {history.data && !history.data.length && <p class="hint">Belum ada riwayat.</p>}
      <ol class="history-rows" data-testid="rubric-history">
        {(history.data ?? []).map((v) => (
          <li key={v.commit}>
            <div><strong>{v.author}</strong>{" · "}<time dateTime={v.time}>{formatDateTime(v.time)}</time></div>
            {v.message && <p class="note">{v.message}</p>}
            <div class="meta"><code>{v.commit.slice(0, 10)}</code></div>
          </li>))}
      </ol>
    </Status>
  );
}

/** The history behind a disclosure, loaded when first opened. */
function HistoryDisclosure({ id }: { id: string }) {
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(ev) => setOpen((ev.target as HTMLDetailsElement).open)}>
      <summary>Riwayat</summary>
      {open && <RubricHistory id={id} />}
    </details>
  );
}

export default function RubricList() {
  useTitle("Rubrik skor");
  const list = useLoad(() => getJson<{ rubrics: RubricSummary[] }>("/api/v1/rubrics").then((r) => r.rubrics), []);
  return (
    <div class="score-screen">
      <p class="crumbs"><Link href="/skor">Skor RB</Link> › Rubrik</p>
      <h2>Rubrik skor</h2>
      <p class="hint">Setiap rubrik adalah berkas JSON di git: area, sub-indikator dengan bobotnya, dan butir dengan skala
        jawabannya, diukur dari dokumen atau dijawab evaluator.{isAdmin.value && " Admin dapat menyunting rubrik dan membuat rubrik baru dari salinan."}</p>
      <Status loading={list.loading} error={list.error}>
        <ul class="cards rubric-list" data-testid="rubric-list">
          {(list.data ?? []).map((r) => (
            <li key={r.id} data-testid="rubric-row" data-rubric={r.id}>
              <p class="rubric-name"><Link href={`/skor/rubrik/${encodeURIComponent(r.id)}`}>{r.name}</Link></p>
              <p class="meta">{`${r.regulation} · cakupan ${scopeNames[r.scope] ?? r.scope} · bobot ${formatNumber(r.weight)} · `}
                <code>{r.id}</code></p>
              <p class="rubric-actions">
                <Link href={`/skor?rubric=${encodeURIComponent(r.id)}`}>Lihat skor</Link>
                {isAdmin.value && !asOfDay() && <>{" · "}<Link href={`/skor/rubrik/${encodeURIComponent(r.id)}`}>Sunting</Link>
                  {" · "}<Link href={`/skor/rubrik/baru?dari=${encodeURIComponent(r.id)}`}>Buat rubrik baru dari salinan</Link></>}
              </p>
              <HistoryDisclosure id={r.id} />
            </li>))}
        </ul>
      </Status>
    </div>
  );
}
