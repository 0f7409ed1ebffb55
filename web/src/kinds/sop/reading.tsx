// A SOP as its reader needs it: the whole identity block (Bagian Identitas), the procedure table
// with its actors by name, and the flowchart.
import { Status, useLoad } from "../../app/screen";
import { Link } from "../../app/ui";
import { formatDate } from "../../format";
import type { SopDocument } from "../../api";
import { Flowchart } from "./reading_flowchart";
import { actorName, loadOrg, type Org } from "./reading_org";
import "./reading.css";

type Step = NonNullable<SopDocument["steps"]>[number];

const classificationNames: Record<string, string> = {
  teknis: "Teknis", administratif: "Administratif", makro: "Makro", mikro: "Mikro", final: "Final",
  parsial: "Parsial", generik: "Generik", spesifik: "Spesifik",
};
export const relationNames: Record<string, string> = {
  prasyarat: "Prasyarat", lanjutan: "Lanjutan", terkait: "Terkait", bagian_dari: "Bagian dari",
};

function List({ items }: { items?: string[] }) {
  if (!items?.length) return <span class="empty">—</span>;
  return <ul>{items.map((x, i) => <li key={i}>{x}</li>)}</ul>;
}

function Identity({ doc, org, draft }: { doc: SopDocument; org: Org; draft: boolean }) {
  const c = doc.classification ?? {};
  const kinds = [c.nature, c.scope, c.completeness, c.applicability].filter(Boolean).map((k) => classificationNames[k!]);
  const day = (d?: string) => (d ? formatDate(d) : "—");
  const r = doc.ratified_by;
  return (
    <section class="identity" data-testid="identity" aria-labelledby="judul-identitas">
      <h3 id="judul-identitas">Identitas SOP</h3>
      <dl>
        <div><dt>Nomor SOP</dt><dd data-testid="id-number">{doc.number || "—"}</dd></div>
        <div><dt>Nama SOP</dt><dd>{doc.title}</dd></div>
        <div><dt>Unit</dt><dd>{org.unit(doc.unit) || "—"}</dd></div>
        <div><dt>Klasifikasi</dt><dd>{kinds.length ? kinds.join(", ") : "—"}</dd></div>
        <div><dt>Tanggal pembuatan</dt><dd>{day(doc.dates?.created)}</dd></div>
        <div><dt>Tanggal revisi</dt><dd>{day(doc.dates?.revised)}</dd></div>
        <div><dt>Tanggal efektif</dt><dd>{day(doc.dates?.effective)}</dd></div>
        <div><dt>Disahkan oleh</dt><dd data-testid="id-ratified">{r?.name
          ? <>{r.position}<br />{r.name}<br />{`NIP ${r.nip}`}</>
          : draft ? "Belum disahkan" : "—"}</dd></div>
        <div class="wide"><dt>Dasar hukum</dt><dd data-testid="id-legal"><List items={doc.legal_basis} /></dd></div>
        <div class="wide"><dt>Kualifikasi pelaksana</dt><dd><List items={doc.qualifications} /></dd></div>
        <div class="wide"><dt>Keterkaitan</dt><dd data-testid="id-related">{doc.related?.length
          ? <ul>{doc.related.map((x, i) => (
            <li key={i}>{`${relationNames[x.kind] ?? x.kind}: `}
              {x.sop ? <Link href={`/sop/${x.sop}`}>{x.title}</Link> : x.title}</li>))}</ul>
          : <span class="empty">—</span>}</dd></div>
        <div class="wide"><dt>Peralatan / perlengkapan</dt><dd><List items={doc.equipment} /></dd></div>
        <div class="wide"><dt>Peringatan</dt><dd>{doc.warning || "—"}</dd></div>
        <div class="wide"><dt>Pencatatan dan pendataan</dt><dd><List items={doc.records} /></dd></div>
      </dl>
    </section>
  );
}

/** "Ya → langkah 6; Tidak → langkah 5", or "lanjut ke langkah 9" when the next step is not the one below. */
function flowNote(step: Step, index: number, numberOf: Map<string, number>): string {
  const no = (to: string) => (numberOf.has(to) ? `langkah ${numberOf.get(to)}` : "—");
  if (step.exits?.length) return step.exits.map((e) => `${e.label || "—"} → ${no(e.to)}`).join("; ");
  if (step.next && numberOf.get(step.next) !== index + 2) return `lanjut ke ${no(step.next)}`;
  return "";
}

function Steps({ doc, org }: { doc: SopDocument; org: Org }) {
  const steps = doc.steps ?? [];
  const numberOf = new Map(steps.map((s, i) => [s.id, i + 1]));
  const actors = new Map((doc.actors ?? []).map((a) => [a.id, a]));
  return (
    <section class="steps-read" aria-labelledby="judul-langkah">
      <h3 id="judul-langkah">{`Langkah (${steps.length})`}</h3>
      <table class="grid stack sop-steps" data-testid="steps-table">
        <thead><tr><th scope="col">No</th><th scope="col">Kegiatan</th><th scope="col">Pelaksana</th>
          <th scope="col">Kelengkapan</th><th scope="col">Waktu</th><th scope="col">Output</th><th scope="col">Keterangan</th></tr></thead>
        <tbody>
          {steps.map((s, i) => {
            const flow = flowNote(s, i, numberOf);
            return (
              <tr key={s.id} data-step={s.id}>
                <td class="no">{i + 1}</td>
                <td class="activity">{s.activity || "—"}{flow && <div class="flow-note">{flow}</div>}</td>
                <td data-label="Pelaksana">{actorName(org, actors.get(s.actor ?? "")) || "—"}</td>
                <td data-label="Kelengkapan">{s.requirements || "—"}</td>
                <td data-label="Waktu">{s.duration ? `${s.duration.value} ${s.duration.unit}` : "—"}</td>
                <td data-label="Output">{s.output || "—"}</td>
                <td data-label="Keterangan">{s.notes || "—"}</td>
              </tr>);
          })}
        </tbody>
      </table>
    </section>
  );
}

export function Reading({ id, document, draft, at, version = "" }: {
  id: string; document: Record<string, unknown>; draft: boolean; at: string; version?: string;
}) {
  const org = useLoad(() => loadOrg(), []);
  const doc = document as unknown as SopDocument;
  return (
    <Status loading={org.loading} error={org.error}>
      {org.data && <>
        <Identity doc={doc} org={org.data} draft={draft} />
        <Steps doc={doc} org={org.data} />
        <section aria-labelledby="judul-diagram">
          <h3 id="judul-diagram">Diagram alir</h3>
          <Flowchart id={id} version={version || (draft ? "draft" : "")} at={version ? "" : at} />
        </section>
      </>}
    </Status>
  );
}
