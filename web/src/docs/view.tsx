// A document as its readers see it: what is in force (or the open draft, for those who may read
// drafts), or with `?at=` the version in force on that day. Its state, the signature that put
// it in force (an ended document never looks in force), the workflow actions the reader may
// take, the kind's own reading (a SOP's identity block, steps and flowchart), the review of an
// open draft, monitoring and evaluation, and the history by edition.
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
import { AtBanner, DayPicker } from "./view/at";
import { StateBadges } from "./view/badges";
import { RecordsSection } from "./view/records";
import type { CommentRow, DocRead, HistoryRow } from "./view/types";
import "./view/view.css";

/** The newest version this reader may see (the server decides: the open draft for those who
 * may read drafts, else what is in force), or on a past day the version in force then. */
const readDoc = (api: string, at: string): Promise<DocRead> =>
  getJson<DocRead>(withQuery(api, at ? { at } : { version: "latest" }));

/** Whether the reader may read drafts, history and records. */
const readsDrafts = (read: DocRead): boolean => read.is_draft || read.may.read_drafts;

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
        {ended && <p data-testid="ended-by">{`${ended.label} oleh ${ended.actor}, ${formatDateTime(ended.time)}` +
          (ended.message ? `: “${ended.message}”` : "")}</p>}
      </div>);
  }
  // Ratified for a later day: announced, not yet in force.
  return (
    <p class={`notice ${phase === "pending" ? "pending" : "ok"}`} data-testid="signature">
      {`Disahkan secara elektronik oleh ${who}; ` + (effective
        ? `${effective > read.as_of ? "berlaku mulai" : "berlaku sejak"} ${formatDate(effective)}` : "berlaku —")}
    </p>);
}

export default function DocView({ kind, id }: DocScreenProps) {
  const at = here.value.query.get("at") ?? "";
  const self = `${kind.path}/${id}`;
  const api = `/api/v1/${kind.folder}/${id}`;
  const [acting, setActing] = useState("");
  const doc = useLoad(async () => {
    const [read, parts] = await Promise.all([readDoc(api, at), kind.parts()]);
    // Readers without the right to see drafts get no history: the document is enough for them.
    const history = readsDrafts(read) ? (await getJson<{ versions: HistoryRow[] }>(`${api}/history`)).versions : undefined;
    return { read, parts, history };
  }, [api, at]);
  const draft = doc.data?.read.is_draft && !at;
  const comments = useLoad(async () => draft ? (await getJson<{ items: CommentRow[] }>(`${api}/comments`)).items : [],
    [api, draft, doc.data?.read.version]);
  const read = doc.data?.read;
  const title = read ? [read.document.number, read.document.title].filter(Boolean).join(" ") : kind.label;
  useTitle(title);
  const pick = <DayPicker key={at} label="Lihat versi yang berlaku pada tanggal" at={at} show={(day) => navigate(withQuery(self, { at: day }))} />;
  if (!read || !doc.data)
    return (
      <>
        {at && <AtBanner at={at} today={self} />}
        <Status loading={doc.loading} error={doc.error} />
        {/* Before it was in force on that day: another day may do. */}
        {doc.error && at && pick}
      </>);
  const { parts, history } = doc.data;
  const { Reading } = parts;
  const d = read.document;
  // The badge describes the version on screen; on a past day, without today's overdue marks.
  const facts = at ? { status: read.status } : { ...read.summary, status: read.status };
  const actions = at ? [] : read.actions.filter((a) => a !== "discard");  // discarding is the editor's
  const opensDraft = (action: string) => !read.is_draft && !!stateOf(actionOf(action)?.status ?? "")?.drafting;
  return (
    <>
      {at && <AtBanner at={at} today={self} />}
      <div class="doc-head">
        <h2 data-testid="sop-title">{d.title}</h2>
        <p class="doc-meta">
          <span class="doc-number">{d.number || "(belum bernomor)"}</span>{" "}
          <StateBadges facts={facts} records={kind.records} />
          {read.is_draft ? " · menampilkan konsep" : ` · versi ${read.version}`}
          {!read.is_draft && !at && read.summary.draft ? " · revisi sedang disusun" : ""}
        </p>
      </div>
      {read.pending && (
        <p class="notice pending" data-testid="pending">
          {`Revisi versi ${read.pending.version} sudah disahkan, berlaku mulai ${formatDate(read.pending.effective)}.`}</p>)}
      <Signature read={read} history={history} />
      <div class="doc-actions">
        {read.is_draft && !at && hasRole("penyusun") && <Link class="button" href={`${self}/sunting`}>Sunting konsep</Link>}
        {actions.map((a) => (
          <button type="button" key={a} class={actionOf(a)?.password ? "primary" : ""} onClick={() => setActing(a)}>{verb(a)}</button>))}
        {kind.print && <a class="button secondary" target="_blank"
          href={withQuery(`${api}/print`, { version: read.is_draft ? "draft" : "", at })}>Cetak</a>}
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
      {pick}
      {/* An open draft is read as a review: what changed first, then the whole draft. */}
      {draft && history && (
        <Review kind={kind} parts={parts} read={read} history={history}
          comments={{ items: comments.data ?? [], reload: comments.reload }} />)}
      {draft && <h3 class="part-head">Isi konsep</h3>}
      <Reading id={id} document={d} draft={read.is_draft} at={at} />
      {/* Records are kept today; a past day shows the document as it was. */}
      {kind.records && read.summary.in_force && !at && history && <RecordsSection path={api} read={read} onRevision={() => navigate(`${self}/sunting`)} />}
      {history && <History rows={history} />}
    </>
  );
}
