// The instansi timeline (/audit?unit=&actor=&action=&doc_kind=&from=&to=&before=, GET
// /api/v1/events): every change and audit event, newest first, filtered and paged in the URL,
// with the state of the hash chain that makes a removed or edited event show.
import { getJson, type Unit } from "../api";
import { DateField } from "../app/date_field";
import { asOfDay, here, setQuery, withQuery } from "../app/router";
import { Status, useLoad, useTitle } from "../app/screen";
import { Link } from "../app/ui";
import { formatDateTime } from "../format";
import { UnitOptions } from "../kinds/map/editor/fields";
import { actionOf, loadWorkflow } from "../status";
import type { AuditEvent, ChainState, EventPage } from "./types";
import "./audit.css";

const kindNames: Record<string, string> = {
  login: "Masuk", "login.failed": "Gagal masuk", "login.throttled": "Masuk dibatasi", logout: "Keluar",
  "reauth.failed": "Kata sandi tanda tangan salah", "reauth.throttled": "Tanda tangan dibatasi",
  "access.denied": "Akses ditolak", "audit.read": "Membaca log audit", "audit.packet": "Mengunduh paket audit",
  "account.create": "Akun dibuat", "account.update": "Akun diubah", "account.password_changed": "Kata sandi diganti",
  "instansi.init": "Instansi dibuat", "index.rebuilt": "Indeks dibangun ulang", "index.recovered": "Indeks dipulihkan",
  "rubric.save": "Rubrik disimpan", "rubric.seed": "Rubrik bawaan dipasang", "score.answer": "Jawaban penilaian",
  "token.created": "Token git dibuat", "token.revoked": "Token git dicabut", "git.fetch": "Salinan git diambil",
};

/** The filter choices for "Peristiwa": categories first, then each workflow action. */
function actionChoices(): [string, string][] {
  return [
    ["", "Semua peristiwa"], ["doc", "Semua perubahan dokumen"],
    ...["save", "submit", "verify", "request-changes", "ratify", "revise", "withdraw", "supersede", "evaluate", "monitor"]
      .map((a): [string, string] => [`doc.${a}`, `Dokumen: ${actionOf(a)?.label ?? a}`]),
    ["login", "Masuk dan gagal masuk"], ["access", "Akses ditolak"], ["account", "Perubahan akun"],
    ["audit", "Pembacaan dan ekspor audit"], ["rubric", "Rubrik skor"], ["score", "Jawaban penilaian"],
    ["token", "Token git"], ["git", "Pengambilan git"], ["org", "Perubahan organisasi"], ["instansi", "Instansi"],
  ];
}

export function eventLabel(kind: string | undefined): string {
  if (!kind) return "(tanpa jenis)";
  if (kind.startsWith("doc.")) {
    const a = actionOf(kind.slice(4));
    return a ? a.label : kind;
  }
  return kindNames[kind] ?? kind;
}

function ChainPanel({ chain, recheck, checking }: { chain: ChainState; recheck: () => void; checking: boolean }) {
  return (
    <section class={`chain ${chain.intact ? "intact" : "broken"}`} data-testid="chain-state" aria-live="polite">
      <h3>{chain.intact ? "Rantai hash utuh" : "Rantai hash RUSAK"}</h3>
      {chain.intact
        ? <p>{`${chain.events.toLocaleString("id-ID")} peristiwa saling terkait oleh hash SHA-256 dan cocok dengan jangkar di git; `}
          {`diperiksa ${formatDateTime(chain.checked_at)} sampai peristiwa #${chain.checked_through}.`}</p>
        : <p>{`Mulai peristiwa #${chain.first_bad_seq}: ${chain.reason}. Catatan sejak titik itu tidak dapat dipercaya.`}</p>}
      <p class="meta">{`Peristiwa terbaru #${chain.head_seq} · hash `}<code>{chain.head_hash.slice(0, 16)}</code>
        {chain.unreadable ? ` · ${chain.unreadable} peristiwa tidak terbaca` : ""}</p>
      <button type="button" disabled={checking} onClick={recheck} data-testid="chain-recheck">
        {checking ? "Memeriksa…" : "Periksa ulang seluruh rantai"}</button>
    </section>
  );
}

function What({ e }: { e: AuditEvent }) {
  const s = e.shown ?? {};
  if (s.doc_id) {
    const base = s.doc_kind === "map" ? "/peta" : "/sop";
    const href = e.version ? withQuery(`${base}/${s.doc_id}`, { version: String(e.version) }) : `${base}/${s.doc_id}`;
    return <Link href={href}>{[s.doc_number, s.doc_title].filter(Boolean).join(" · ") || s.doc_id}
      {e.version ? ` (versi ${e.version})` : ""}</Link>;
  }
  return <span>{e.username ?? e.remote ?? ""}</span>;
}

function Row({ e }: { e: AuditEvent }) {
  if (e.unreadable)
    return (<tr class="unreadable" data-testid="event-row"><td>{`#${e.seq}`}</td><td colSpan={4}>{`Peristiwa tidak terbaca: ${e.problem}`}</td></tr>);
  const s = e.shown ?? {};
  const person = [e.actor, s.username && `(${s.username})`].filter(Boolean).join(" ") || e.username || "—";
  return (
    <tr data-testid="event-row" data-kind={e.kind} data-seq={e.seq}>
      <td><time dateTime={e.time}>{e.time ? formatDateTime(e.time) : ""}</time><div class="meta">{`#${e.seq}`}</div></td>
      <td><strong>{eventLabel(e.kind)}</strong><div class="meta"><code>{e.kind}</code></div></td>
      <td>{person}</td>
      <td><What e={e} />{s.unit_name && <div class="meta">{s.unit_name}</div>}</td>
      <td class="hashes">{e.commit && <div>{"commit "}<code>{e.commit.slice(0, 10)}</code></div>}
        {e.hash && <div title={e.hash}>{"hash "}<code>{e.hash.slice(0, 10)}</code></div>}</td>
    </tr>
  );
}

export default function Timeline() {
  useTitle("Linimasa audit");
  const query = here.value.query;
  const filters = {
    unit: query.get("unit") ?? "", actor: query.get("actor") ?? "", action: query.get("action") ?? "",
    doc_kind: query.get("doc_kind") ?? "", from: query.get("from") ?? "", to: query.get("to") ?? "",
  };
  const before = query.get("before") ?? "";
  // With the app set to a day, the timeline ends with that day (unless a later end is chosen).
  const upTo = filters.to || asOfDay();
  const full = query.get("chain") ?? "";
  const units = useLoad(() => Promise.all([loadWorkflow(), getJson<{ items: Unit[] }>("/api/v1/units")])
    .then(([, r]) => r.items), []);
  const page = useLoad(() => getJson<EventPage>(withQuery("/api/v1/events",
    { ...filters, to: upTo, before, limit: "50", chain: full })), [...Object.values(filters), upTo, before, full]);
  // A change of filter starts again from the newest event.
  const filter = (k: string, v: string) => setQuery({ [k]: v, before: undefined, chain: undefined });
  return (
    <div class="audit-screen">
      <h2>Linimasa audit</h2>
      <p class="hint">Setiap perubahan dokumen, tanda tangan, masuk-keluar, akses yang ditolak dan ekspor, dari yang terbaru.
        Catatan ini hanya bertambah: tidak ada yang dapat mengubah atau menghapusnya tanpa terlihat pada rantai hash.</p>
      <p class="audit-links"><Link href="/audit/paket">Unduh paket audit</Link>{" · "}<Link href="/token-git">Token akses git</Link></p>
      <form class="filters" onSubmit={(ev) => ev.preventDefault()} aria-label="Saring peristiwa">
        <label><span>Unit (dengan unit di bawahnya)</span>
          <select value={filters.unit} data-testid="filter-unit" onChange={(ev) => filter("unit", (ev.target as HTMLSelectElement).value)}>
            <UnitOptions units={units.data ?? []} empty="Seluruh instansi" /></select></label>
        <label><span>Pengguna</span>
          <input type="text" value={filters.actor} placeholder="nama pengguna" data-testid="filter-actor" maxLength={100}
            onChange={(ev) => filter("actor", (ev.target as HTMLInputElement).value.trim())} /></label>
        <label><span>Peristiwa</span>
          <select value={filters.action} data-testid="filter-action" onChange={(ev) => filter("action", (ev.target as HTMLSelectElement).value)}>
            {actionChoices().map(([v, l]) => <option key={v} value={v}>{l}</option>)}</select></label>
        <label><span>Jenis dokumen</span>
          <select value={filters.doc_kind} data-testid="filter-doc-kind" onChange={(ev) => filter("doc_kind", (ev.target as HTMLSelectElement).value)}>
            <option value="">Semua</option><option value="sop">SOP</option><option value="map">Peta proses</option></select></label>
        <DateField label="Dari tanggal" value={filters.from} testId="filter-from" onChange={(d) => d !== filters.from && filter("from", d)} />
        <DateField label="Sampai tanggal" value={filters.to} testId="filter-to" onChange={(d) => d !== filters.to && filter("to", d)} />
      </form>
      <Status loading={page.loading && !page.data} error={page.error}>
        {page.data && <>
          <ChainPanel chain={page.data.chain} checking={page.loading} recheck={() => setQuery({ chain: "full" })} />
          {page.data.items.length === 0
            ? <p class="hint" data-testid="events-empty">Tidak ada peristiwa yang cocok dengan saringan ini.</p>
            : <div class="table-wrap"><table class="events" data-testid="events">
              <thead><tr><th>Waktu</th><th>Peristiwa</th><th>Pengguna</th><th>Dokumen / unit</th><th>Catatan git</th></tr></thead>
              <tbody>{page.data.items.map((e) => <Row key={e.seq} e={e} />)}</tbody></table></div>}
          <p class="pager">
            {before && <button type="button" class="light" onClick={() => setQuery({ before: undefined })}>« Terbaru</button>}
            {page.data.next_before && <button type="button" data-testid="events-older"
              onClick={() => setQuery({ before: String(page.data!.next_before) })}>Lebih lama »</button>}
          </p>
        </>}
      </Status>
    </div>
  );
}
