// Home, by role: the penyusun's drafts (and those sent back, with why), what waits for a
// verifikator or pengesah, the monitoring and evaluation due, SOP Saya and what changed lately
// in the reader's unit, and for admins the organisation's shortcuts and the server's health. On
// another day (`?at=`) SOP Saya and what changed are that day's; the tasks, which are today's
// work, are not shown.
import { getJson, type Health } from "../api";
import { asOfDay, withQuery } from "../app/router";
import { Status, useLoad, useTitle } from "../app/screen";
import { hasRole, isAdmin, me, unitOfRole } from "../app/session";
import { Link, StatusBadge } from "../app/ui";
import { kindOf } from "../docs/kinds";
import type { DocSummary, HistoryRow, Task } from "../docs/view/types";
import { formatDate, formatDateTime, formatDuration } from "../format";
import { labelOf, roles } from "../labels";
import { actionOf, stateOf, workflow } from "../status";
import { loadMyDocs, MyDocList } from "./my_docs";
import "../docs/view/view.css";

// Workflow tasks are named by the table's transitions (a task's kind is the action it waits for).
const otherTaskTitles: Record<string, string> = {
  comments: "Komentar yang menunggu tanggapan", monitoring: "Monitoring jatuh tempo", evaluation: "Evaluasi jatuh tempo",
};
const taskTitle = (kind: string): string =>
  workflow().transitions.find((t) => t.action === kind && t.task)?.task ?? otherTaskTitles[kind] ?? kind;
/** The author's own task: drafting (the action the author takes next). */
const drafting = (kind: string): boolean => workflow().transitions.some((t) => t.action === kind && t.task && t.role === "penyusun");
/** A reviewer's step that gives a draft back to its author (to a state where the author drafts). */
const sentBack = (row: HistoryRow): boolean => workflow().transitions.some((t) => t.action === row.action &&
  t.role !== "penyusun" && !!stateOf(t.from)?.drafting && workflow().transitions.some((u) => u.from === t.to && drafting(u.action)));
const workflowStep = (row: HistoryRow): boolean => !!actionOf(row.action)?.workflow;

interface Draft { task: Task; back?: HistoryRow }

/** My drafts, each with the reviewer's step that sent it back when that is its newest step. */
async function loadDrafts(tasks: Task[]): Promise<Draft[]> {
  return Promise.all(tasks.map(async (task) => {
    const { versions } = await getJson<{ versions: HistoryRow[] }>(`/api/v1/${kindOf(task.folder ?? task.document_kind).folder}/${task.id}/history`);
    const last = versions.filter(workflowStep).at(-1);
    return { task, back: last && sentBack(last) ? last : undefined };
  }));
}

function TaskItem({ t }: { t: Task }) {
  const editing = drafting(t.kind);
  return (
    <li>
      <Link href={`${kindOf(t.folder ?? t.document_kind).path}/${t.id}${editing ? "/sunting" : ""}`}>{`${t.number || "(tanpa nomor)"} — ${t.title}`}</Link>{" "}
      <StatusBadge status={t.status} />
      <div class="meta">{t.unit_name}
        {t.kind === "comments" && ` · ${t.label}`}
        {t.due && <> · <span class={t.overdue ? "badge overdue" : ""}>{`${t.overdue ? "Terlambat, jatuh tempo" : "Jatuh tempo"} ${formatDate(t.due)}`}</span></>}
      </div>
    </li>
  );
}

function Drafts({ tasks }: { tasks: Task[] }) {
  const drafts = useLoad(() => loadDrafts(tasks), [tasks]);
  return (
    <section class="card" data-testid="my-drafts" aria-labelledby="judul-konsep">
      <h3 id="judul-konsep">{`Konsep saya (${tasks.length})`}</h3>
      {!tasks.length && <p>Tidak ada konsep yang sedang Anda susun.</p>}
      <Status loading={drafts.loading} error={drafts.error}>
        <ul class="cards" data-testid="tasks-submit">
          {(drafts.data ?? []).map(({ task: t, back }) => (
            <li key={t.id} class={back ? "sent-back" : ""}>
              <Link href={`${kindOf(t.folder ?? t.document_kind).path}/${t.id}/sunting`}>{`${t.number || "(tanpa nomor)"} — ${t.title}`}</Link>{" "}
              <StatusBadge status={t.status} />
              {back && <p class="notice at" data-testid="sent-back">
                {`Dikembalikan oleh ${back.actor}, ${formatDateTime(back.time)}`}{back.message ? `: “${back.message}”` : ""}</p>}
              <div class="meta">{t.unit_name}</div>
            </li>))}
        </ul>
      </Status>
    </section>
  );
}

function Waiting({ tasks }: { tasks: Task[] }) {
  const groups = new Map<string, Task[]>();
  for (const t of tasks) groups.set(t.kind, [...(groups.get(t.kind) ?? []), t]);
  return (
    <section class="card" data-testid="tasks" aria-labelledby="judul-tugas">
      <h3 id="judul-tugas">Menunggu Anda</h3>
      {!tasks.length && <p>Tidak ada yang menunggu Anda.</p>}
      {[...groups].map(([kind, items]) => (
        <div key={kind}>
          <h4>{`${taskTitle(kind)} (${items.length})`}</h4>
          <ul class="cards" data-testid={`tasks-${kind}`}>{items.map((t) => <TaskItem key={`${t.kind}${t.id}`} t={t} />)}</ul>
        </div>))}
    </section>
  );
}

function Mine({ at }: { at: string }) {
  const docs = useLoad(() => loadMyDocs(at), [at]);
  return (
    <section class="card" aria-labelledby="judul-sop-saya">
      <h3 id="judul-sop-saya">SOP Saya</h3>
      <Status loading={docs.loading} error={docs.error}>
        {docs.data && (docs.data.length
          ? <><MyDocList docs={docs.data} limit={3} />
            <p><Link href="/sop-saya">{`Lihat semuanya (${docs.data.length})`}</Link></p></>
          : <p>Belum ada SOP yang menyebut jabatan Anda sebagai pelaksana.</p>)}
      </Status>
    </section>
  );
}

function Recent({ unit, at }: { unit: string; at: string }) {
  const list = useLoad(() => getJson<{ items: DocSummary[] }>(withQuery("/api/v1/sops", { unit, at })), [unit, at]);
  const recent = [...(list.data?.items ?? [])].sort((a, b) => b.updated_at - a.updated_at).slice(0, 5);
  return (
    <section class="card" data-testid="recent" aria-labelledby="judul-terbaru">
      <h3 id="judul-terbaru">Baru berubah di unit Anda</h3>
      <Status loading={list.loading} error={list.error}>
        {list.data && !recent.length && <p>Belum ada SOP di unit Anda.</p>}
        <ul class="cards">{recent.map((s) => (
          <li key={s.id}><Link href={`/sop/${s.id}`}>{s.title}</Link> <StatusBadge status={s.status} />
            <div class="meta">{`${s.number || "(belum bernomor)"} · diubah ${formatDateTime(new Date(s.updated_at).toISOString())} oleh ${s.updated_by}`}</div>
          </li>))}</ul>
      </Status>
    </section>
  );
}

/** The business-process maps: browsing them down to the SOPs for everyone, the coverage of
 * one's units for those who write, review or evaluate them, a new map for the penyusun. */
function Maps({ at }: { at: string }) {
  const unit = unitOfRole("penyusun") ?? unitOfRole("verifikator") ?? unitOfRole("evaluator") ?? unitOfRole("pengesah");
  return (
    <section class="card" data-testid="home-maps" aria-labelledby="judul-peta">
      <h3 id="judul-peta">Peta Proses Bisnis</h3>
      <ul class="shortcuts">
        <li><Link href="/peta">Jelajahi peta proses, dari level 0 sampai SOP</Link></li>
        {(unit || isAdmin.value || hasRole("auditor")) &&
          <li><Link href={unit ? `/peta/cakupan?unit=${unit}` : "/peta/cakupan"}>Cakupan SOP pada peta proses</Link></li>}
        {hasRole("penyusun") && !at && <li><Link href="/peta/baru">Buat peta proses baru</Link></li>}
      </ul>
    </section>
  );
}

function ServerHealth() {
  const health = useLoad(() => getJson<Health>("/healthz"), []);
  const h = health.data;
  return (
    <section class="card" aria-labelledby="judul-server">
      <h3 id="judul-server">Status Server</h3>
      <Status loading={health.loading} error={health.error}>
        {h && <>
          <p class={`status ${h.status === "ok" ? "ok" : "bad"}`} data-testid="health-status">
            {h.status === "ok" ? "Server berjalan normal" : "Server bermasalah"}</p>
          <dl class="details">
            <div class="row"><dt>Versi Sopan</dt><dd>{h.version}</dd></div>
            <div class="row"><dt>Waktu server</dt><dd>{formatDateTime(h.time)}</dd></div>
            <div class="row"><dt>Berjalan selama</dt><dd>{formatDuration(h.uptime_seconds)}</dd></div>
          </dl>
          <button type="button" class="secondary" onClick={health.reload}>Periksa lagi</button>
        </>}
      </Status>
    </section>
  );
}

export default function Home() {
  useTitle("Beranda");
  const person = me.value!;
  const at = asOfDay();
  const tasks = useLoad(async () => at ? { items: [] } : getJson<{ items: Task[] }>("/api/v1/tasks"), [at]);
  const items = tasks.data?.items ?? [];
  const mineToDraft = items.filter((t) => drafting(t.kind));
  const waiting = items.filter((t) => !drafting(t.kind));
  const readerUnit = unitOfRole("pegawai") ?? person.unit?.id;
  return (
    <>
      <h2>{`Selamat datang, ${person.name}`}</h2>
      {person.position && <p>{`${person.position.name}, ${person.unit?.name ?? ""}`}</p>}
      <p class="hint" data-testid="my-grants">{`Peran: ${person.grants.map((g) => `${labelOf(roles, g.role)} (${g.unit_name})`).join(", ")}`}</p>
      <div class="home-grid">
        {isAdmin.value && !at && (
          <section class="card" aria-labelledby="judul-admin">
            <h3 id="judul-admin">Pengelolaan</h3>
            <ul class="shortcuts">
              <li><Link href="/organisasi">Bagan unit dan jabatan</Link></li>
              <li><Link href="/admin/unit">Ubah unit dan jabatan</Link></li>
              <li><Link href="/admin/pegawai">Data pegawai</Link></li>
              <li><Link href="/admin/akun">Akun dan peran</Link></li>
              <li><Link href="/admin/impor">Unggah data organisasi (CSV)</Link></li>
            </ul>
          </section>)}
        {at
          ? <p class="notice card" data-testid="tasks-today-only">Tugas dan konsep Anda adalah pekerjaan hari ini: kembali ke hari ini untuk melihatnya.</p>
          : <Status loading={tasks.loading} error={tasks.error}>
            {hasRole("penyusun") && tasks.data && <Drafts tasks={mineToDraft} />}
            {(waiting.length > 0 || hasRole("verifikator") || hasRole("pengesah")) && <Waiting tasks={waiting} />}
          </Status>}
        {person.position && <Mine at={at} />}
        <Maps at={at} />
        {hasRole("pegawai") && readerUnit && <Recent unit={readerUnit} at={at} />}
        {isAdmin.value && <ServerHealth />}
      </div>
    </>
  );
}
