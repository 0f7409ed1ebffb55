// A document as its readers see it: what is in force (or the open draft, for those who may read
// drafts), with `?at=` the version in force on that day, or with `?version=N` any saved version
// (opened from the history, under a banner that says whether it is the one in force). Its state,
// the signature that put it in force (an ended document never looks in force), the workflow
// actions the reader may take, the kind's own reading (a SOP's identity block, steps and
// flowchart), the review of an open draft (with the version in force one click away),
// monitoring and evaluation, and the history by edition.
import { useState } from "preact/hooks";
import { getJson } from "../api";
import { here, navigate, withQuery } from "../app/router";
import { Status, useLoad, useTitle } from "../app/screen";
import { hasRole } from "../app/session";
import { Link } from "../app/ui";
import { formatDate, formatDateTime } from "../format";
import { actionOf, phaseOf, stateOf } from "../status";
import type { DocScreenProps } from "../screens/documents";
import { History } from "./history";
import { Review } from "./review/review";
import { ActionDialog, verb } from "./view/actions";
import { StateBadges } from "./view/badges";
import { RecordsSection } from "./view/records";
import type { CommentRow, DocRead, HistoryRow } from "./view/types";
import "./view/view.css";

/** The newest version this reader may see (the server decides: the open draft for those who
 * may read drafts, else what is in force), a version asked for, or on a past day the version in
 * force then. */
const readDoc = (api: string, at: string, version: string): Promise<DocRead> =>
  getJson<DocRead>(withQuery(api, version ? { version } : at ? { at } : { version: "latest" }));

/** Above a version opened from the history: which version it is and where the one in force and
 * the open draft are. */
function VersionBanner({ read, self, at }: { read: DocRead; self: string; at: string }) {
  const inForce = read.summary.in_force?.version;
  const draft = read.summary.draft?.version;
  const what = read.version === inForce ? "versi yang berlaku"
    : read.version === draft ? "konsep yang sedang disusun, belum berlaku" : "bukan versi yang berlaku";
  return (
    <div class={`notice ${read.version === inForce ? "ok" : "at"} version-banner`} role="status" data-testid="version-banner">
      <p><strong>{`Versi ${read.version}`}</strong>{` — ${what}.`}</p>
      <p class="links">
        {/* On another day the way back is the version in force that day. */}
        {at && <Link href={self}>{`Lihat versi yang berlaku pada ${formatDate(at)}`}</Link>}
        {!at && inForce && read.version !== inForce &&
          <Link href={withQuery(self, { version: String(inForce) })} data-testid="to-in-force">{`Lihat versi yang berlaku (versi ${inForce})`}</Link>}
        {!at && draft && read.version !== draft && <Link href={self} data-testid="to-draft">{`Lihat konsep yang sedang disusun (versi ${draft})`}</Link>}
        {!at && !inForce && !draft && <Link href={self}>Lihat versi terbaru</Link>}
      </p>
    </div>);
}

/** Today's calendar day in WIB (the instansi's). */
const todayInWib = (): string => new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);

/** Whether the reader may read drafts, history and records. */
const readsDrafts = (read: DocRead): boolean => read.is_draft || read.may.read_drafts;

/** The code printed under the signature: anyone can check it on the public page. */
function Verification({ r }: { r: NonNullable<DocRead["ratification"]> }) {
  return (
    <p class="verification" data-testid="verification">
      {"Kode verifikasi "}<strong>{r.verification.code}</strong>{" · "}
      <a href={r.verification.url} target="_blank" rel="noopener">Periksa keaslian tanda tangan</a>
    </p>);
}

function Signature({ read, history }: { read: DocRead; history?: HistoryRow[] }) {
  const r = read.ratification;
  if (!r || read.is_draft) return null;
  const effective = read.summary.effective_date || (read.document.dates as { effective?: string } | undefined)?.effective;
  const who = `${r.name} (NIP ${r.nip}), ${r.position}`;
  const phase = phaseOf(read.status);
  if (phase === "ended") {  // withdrawn, superseded: the signature is history, not force
    // The step that ended it, for those who read the history.
    const ended = history?.filter((h) => h.on_main && actionOf(h.action)?.status === read.status).at(-1);
    return (
      <div class="notice ended" data-testid="signature">
        <p><strong>{`${stateOf(read.status)?.label ?? read.status}: tidak berlaku lagi.`}</strong>
          {` Dahulu disahkan secara elektronik oleh ${who}` + (effective ? `, berlaku sejak ${formatDate(effective)}.` : ".")}</p>
        <Verification r={r} />
        {ended && <p data-testid="ended-by">{`${ended.label} oleh ${ended.actor}, ${formatDateTime(ended.time)}` +
          (ended.message ? `: “${ended.message}”` : "")}</p>}
      </div>);
  }
  // Ratified for a later day: announced, not yet in force.
  return (
    <div class={`notice ${phase === "pending" ? "pending" : "ok"}`} data-testid="signature">
      <p>{`Disahkan secara elektronik oleh ${who}; ` + (effective
        ? `${effective > (read.as_of || todayInWib()) ? "berlaku mulai" : "berlaku sejak"} ${formatDate(effective)}` : "berlaku —")}</p>
      <Verification r={r} />
    </div>);
}

export default function DocView({ kind, id }: DocScreenProps) {
  const at = here.value.query.get("at") ?? "";
  const version = here.value.query.get("version") ?? "";
  const self = `${kind.path}/${id}`;
  const api = `/api/v1/${kind.folder}/${id}`;
  const [acting, setActing] = useState("");
  const doc = useLoad(async () => {
    const [read, parts] = await Promise.all([readDoc(api, at, version), kind.parts()]);
    // Readers without the right to see drafts get no history: the document is enough for them.
    const history = readsDrafts(read) ? (await getJson<{ versions: HistoryRow[] }>(`${api}/history`)).versions : undefined;
    return { read, parts, history };
  }, [api, at, version]);
  // Another version or another day is read, not worked on: no review, actions or records.
  const reading = !!(at || version);
  const draft = doc.data?.read.is_draft && !reading;
  const comments = useLoad(async () => draft ? (await getJson<{ items: CommentRow[] }>(`${api}/comments`)).items : [],
    [api, draft, doc.data?.read.version]);
  const read = doc.data?.read;
  const title = read ? [read.document.number, read.document.title].filter(Boolean).join(" ") : kind.label;
  useTitle(version ? `${title} (versi ${version})` : title);
  if (!read || !doc.data)
    return (
      <>
        <Status loading={doc.loading} error={doc.error} />
        {/* Before it was in force on that day: another day (the header's picker) may do. */}
        {doc.error && at && !version && <p class="hint">Pilih tanggal lain di kepala halaman, atau kembali ke hari ini.</p>}
      </>);
  const { parts, history } = doc.data;
  const { Reading } = parts;
  const d = read.document;
  // The badge describes the version on screen; on a past day or another version, without
  // today's overdue marks.
  const facts = reading ? { status: read.status } : { ...read.summary, status: read.status };
  const actions = reading ? [] : read.actions.filter((a) => a !== "discard");  // discarding is the editor's
  const inForce = read.summary.in_force?.version;
  // A version opened from the history that is not the one in force: its state and signature
  // are told by the banner and its history row, never as today's.
  const oldVersion = !!version && read.version !== inForce;
  const opensDraft = (action: string) => !read.is_draft && !!stateOf(actionOf(action)?.status ?? "")?.drafting;
  return (
    <>
      {version && <VersionBanner read={read} self={self} at={at} />}
      <div class="doc-head">
        <h2 data-testid="sop-title">{d.title}</h2>
        <p class="doc-meta">
          <span class="doc-number">{d.number || "(belum bernomor)"}</span>{" "}
          {!oldVersion && <StateBadges facts={facts} records={kind.records} />}
          {version ? ` · versi ${read.version}${read.is_draft ? " (konsep)" : ""}`
            : read.is_draft ? " · menampilkan konsep" : ` · versi ${read.version}`}
          {!read.is_draft && !reading && read.summary.draft ? " · revisi sedang disusun" : ""}
        </p>
      </div>
      {read.pending && !version && (
        <p class="notice pending" data-testid="pending">
          {`Revisi versi ${read.pending.version} sudah disahkan, berlaku mulai ${formatDate(read.pending.effective)}.`}</p>)}
      {!oldVersion && <Signature read={read} history={history} />}
      <div class="doc-actions">
        {read.is_draft && !reading && hasRole("penyusun") && <Link class="button" href={`${self}/sunting`}>Sunting konsep</Link>}
        {/* A revision is open: what is in force meanwhile, one click away. */}
        {read.is_draft && !reading && inForce && <Link class="button secondary" data-testid="see-in-force"
          href={withQuery(self, { version: String(inForce) })}>Lihat versi yang berlaku</Link>}
        {actions.map((a) => (
          <button type="button" key={a} class={actionOf(a)?.password ? "primary" : ""} onClick={() => setActing(a)}>{verb(a)}</button>))}
        {kind.print && <a class="button secondary" target="_blank"
          href={withQuery(`${api}/print`, version ? { version } : { version: read.is_draft ? "draft" : "", at })}>Cetak</a>}
      </div>
      {acting && (
        <ActionDialog action={acting} path={api} version={read.version} close={() => setActing("")}
          done={() => {
            const next = acting;
            setActing("");
            // An action that opens a draft of a version in force (a revision) continues in the editor.
            if (opensDraft(next)) navigate(`${self}/sunting`);
            else doc.reload();
          }} />)}
      {/* An open draft is read as a review: what changed first, then the whole draft. */}
      {draft && history && (
        <Review kind={kind} parts={parts} read={read} history={history}
          comments={{ items: comments.data ?? [], reload: comments.reload }} />)}
      {draft && <h3 class="part-head">Isi konsep</h3>}
      <Reading id={id} document={d} draft={read.is_draft} at={at} version={version ? String(read.version) : ""} />
      {/* Records are kept today; a past day shows the document as it was. */}
      {kind.records && read.summary.in_force && !reading && history && <RecordsSection path={api} read={read} onRevision={() => navigate(`${self}/sunting`)} />}
      {history && <History rows={history} self={self} current={read.version} at={at} />}
    </>
  );
}
