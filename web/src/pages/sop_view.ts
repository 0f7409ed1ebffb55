import { ApiError, getJson, send, type Me } from "../api";
import { atBanner, atForm, atOf, withAt } from "../at";
import { el, field, link, showError, statusBox } from "../dom";
import { formatDate, formatDateTime } from "../format";
import { actionOf, stateBadges, stateOf, type DueFlags } from "../status";
import { anchorLabel, renderChanges, renderComments, renderRecords } from "./sop_review";

interface SopRead {
  id: string;
  version: number;
  actions: string[];
  is_draft: boolean;
  status: string;  // of the version on screen, as of `as_of`
  as_of: string;
  pending: { version: number; effective: string } | null;  // ratified, in force from a later day
  // From the ratifying commit's signature record, never from the document's own fields.
  ratification: { name: string; nip: string; position: string; time: string } | null;
  may: { comment: boolean; monitor: boolean; evaluate: boolean };
  summary: DueFlags & { unit: string; effective_date: string; draft?: { version: number }; in_force?: { version: number } };
  document: {
    number?: string;
    title: string;
    unit: string;
    ratified_by?: { position: string; name: string; nip: string };
    dates?: { effective?: string };
    steps?: { activity?: string }[];
  };
}

/** Button texts for the actions (the table's labels say what happened, not what to do). */
const verbs: Record<string, string> = {
  submit: "Ajukan", verify: "Verifikasi", "request-changes": "Minta revisi", ratify: "Sahkan",
  revise: "Buat revisi", withdraw: "Cabut", supersede: "Nyatakan digantikan", discard: "Buang konsep",
};
const verb = (action: string): string => verbs[action] ?? actionOf(action)?.label ?? action;

/** Inline SVG pages of a document's flowchart (our own SVG, text escaped by the server). */
export async function flowchartPages(id: string, draft: boolean, at = ""): Promise<HTMLElement> {
  const box = el("div", { class: "flowchart", "data-testid": "flowchart" });
  const page = (p: number) => withAt(`/api/v1/sops/${id}/flowchart.svg?${draft ? "version=draft&" : ""}page=${p}`, at);
  const first = await fetch(page(1));
  if (!first.ok) return box;
  const total = Number(first.headers.get("X-Total-Pages") ?? "1");
  const pages = [await first.text()];
  for (let p = 2; p <= total; ++p) pages.push(await (await fetch(page(p))).text());
  for (const svg of pages) {
    const div = el("div", { class: "flow-page" });
    div.innerHTML = svg;
    box.append(div);
  }
  return box;
}

/** The read-only document: what is in force (or the draft for those who may read drafts), or
 * with `?at=` the version in force on that day. */
export async function renderSopView(target: HTMLElement, id: string, me: Me, go: (p: string) => void): Promise<void> {
  const at = atOf();
  const here = `/sop/${id}`;
  const notice = statusBox();
  const pickDay = atForm("Lihat versi yang berlaku pada tanggal", at, (day) => go(withAt(here, day)));
  target.replaceChildren(...(at ? [atBanner(at, here, go)] : []), notice);
  let doc: SopRead;
  try {
    // Those who may read drafts see the open draft (what is under review); others what is in force.
    doc = at ? await getJson<SopRead>(withAt(`/api/v1/sops/${id}`, at))
      : await getJson<SopRead>(`/api/v1/sops/${id}?version=draft`).catch(async (e) => {
        if (e instanceof ApiError && (e.status === 404 || e.status === 403)) return getJson<SopRead>(`/api/v1/sops/${id}`);
        throw e;
      });
  } catch (e) {
    showError(notice, e instanceof ApiError ? e.message : "SOP tidak dapat dimuat.");
    if (at) target.append(pickDay);  // before it was in force: another day may do
    return;
  }
  const d = doc.document;
  const writer = me.grants.some((g) => g.role === "penyusun");
  const actions = el("div", { class: "filters" });
  if (writer && !at) actions.append(link(`${here}/sunting`, "Sunting konsep", go, { class: "button" }));
  actions.append(el("a", { href: withAt(`/api/v1/sops/${id}/print${doc.is_draft ? "?version=draft" : ""}`, at),
    target: "_blank", class: "button secondary" }, "Cetak"));
  const actionBox = el("div", { "data-testid": "action-form" });
  for (const action of doc.actions ?? []) {
    if (action === "discard") continue;  // from the editor
    const b = el("button", { type: "button", class: actionOf(action)?.password ? "" : "secondary" }, verb(action));
    b.addEventListener("click", () => openAction(action));
    actions.append(b);
  }
  function openAction(action: string): void {
    const a = actionOf(action);
    const reason = el("textarea", { rows: "2", required: true });
    const password = el("input", { type: "password", autocomplete: "current-password" });
    const effective = el("input", { type: "date" });
    // A signature on the main line puts a version in force: it may name the day it starts.
    const dated = !!a?.signs && a.line === "main";
    const box = statusBox();
    const cancel = el("button", { type: "button", class: "secondary" }, "Batal");
    cancel.addEventListener("click", () => actionBox.replaceChildren());
    const form = el("form", { class: "card", "aria-label": verb(action) },
      el("h3", {}, verb(action)), field("Alasan / catatan", reason));
    if (a?.password)
      form.append(el("p", {}, "Tindakan ini adalah tanda tangan elektronik: nama, NIP, jabatan, waktu, dan makna ",
        el("strong", {}, a.meaning), " dicatat pada dokumen dan riwayat git."),
        field("Kata sandi (tanda tangan)", password));
    if (dated) form.append(field("Tanggal efektif (kosong = hari ini)", effective));
    form.append(box, el("button", { type: "submit" }, verb(action)), cancel);
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const body: Record<string, string> = { reason: reason.value };
      if (a?.password) body.password = password.value;
      if (dated && effective.value) body.effective_date = effective.value;
      try {
        await send("POST", `/api/v1/sops/${id}/actions/${action}`, body, { "If-Match": `"${doc.version}"` });
        // An action that opens a draft of a version in force (a revision) continues in the editor.
        if (!doc.is_draft && stateOf(a?.status ?? "")?.drafting) go(`${here}/sunting`);
        else void renderSopView(target, id, me, go);
      } catch (e) {
        if (e instanceof ApiError) showError(box, e.message, e.details);
      }
    });
    actionBox.replaceChildren(form);
    reason.focus();
  }
  const effectiveDay = d.dates?.effective;
  // The badge describes the version on screen; on a past day, without today's overdue marks.
  const shown = at ? { status: doc.status } : { ...doc.summary, status: doc.status };
  target.append(
    el("h2", { "data-testid": "sop-title" }, d.title),
    el("p", {}, `${d.number ?? "(belum bernomor)"} `, stateBadges(shown),
      doc.is_draft ? " · menampilkan konsep" : ` · versi ${doc.version}`,
      !doc.is_draft && !at && doc.summary.draft ? " · revisi sedang disusun" : ""),
    doc.pending
      ? el("p", { class: "notice ok", "data-testid": "pending" },
        `Revisi versi ${doc.pending.version} sudah disahkan, berlaku mulai ${formatDate(doc.pending.effective)}.`)
      : "",
    doc.ratification && !doc.is_draft
      ? el("p", { class: "notice ok", "data-testid": "signature" },
        `Disahkan secara elektronik oleh ${doc.ratification.name} (NIP ${doc.ratification.nip}), ` +
        `${doc.ratification.position}; ` + (effectiveDay
          ? `${effectiveDay > doc.as_of ? "berlaku mulai" : "berlaku sejak"} ${formatDate(effectiveDay)}` : "berlaku —"))
      : "",
    actions, pickDay, actionBox);
  if (doc.is_draft) {
    // The review screen: the draft and what changed on the left, the conversation on the right.
    const anchors: [string, string][] = [["", "Seluruh dokumen"],
      ...["/title", "/number", "/legal_basis", "/qualifications", "/equipment", "/warning", "/records", "/actors"]
        .map((p): [string, string] => [p, anchorLabel(p)]),
      ...(d.steps ?? []).map((st, i): [string, string] => [`/steps/${i}`, `Langkah ${i + 1}: ${st.activity ?? ""}`.slice(0, 80)])];
    const left = el("div", {}, await flowchartPages(id, true), await renderChanges(id, !!doc.summary.in_force,
      me.grants.some((g) => g.role === "verifikator" || g.role === "pengesah")));
    target.append(el("div", { class: "review" }, left, await renderComments(id, me, doc.may.comment, anchors)));
    if (doc.summary.in_force)  // a revision: the version in force is still monitored
      target.append(await renderRecords(id, doc.may, doc.summary, () => go(`${here}/sunting`)));
  } else {
    target.append(await flowchartPages(id, false, at));
    // Records are kept today; a past day shows the document as it was.
    if (doc.summary.in_force && !at)
      target.append(await renderRecords(id, doc.may, doc.summary, () => go(`${here}/sunting`)));
  }
  try {
    target.append(renderHistory((await getJson<{ versions: Version[] }>(`/api/v1/sops/${id}/history`)).versions));
  } catch {
    // Readers without the right to see drafts get no history: the document is enough for them.
  }
}

interface Version {
  version: number; action: string; label: string; edition: number; actor: string; position: string;
  time: string; message: string; commit: string; on_main: boolean; signature: string; effective: string;
}

/** The history by edition, newest first: "Revisi ke-2", "Revisi ke-1", "Edisi pertama". A draft's
 * rows belong to the edition its ratification will make; repeated saves show as one row. */
function renderHistory(versions: Version[]): HTMLElement {
  const box = el("section", { class: "history", "data-testid": "history" }, el("h3", {}, "Riwayat"));
  for (const edition of [...new Set(versions.map((v) => v.edition))].sort((a, b) => b - a)) {
    const rows = versions.filter((v) => v.edition === edition);
    const list = el("ol", { class: "history-rows" });
    let last: { row: Version; item: HTMLElement; count: number } | null = null;
    for (const v of rows) {
      const repeat = actionOf(v.action);
      if (last && last.row.action === v.action && last.row.actor === v.actor && repeat && !repeat.workflow && !repeat.signs) {
        last.item.querySelector(".count")!.textContent = ` (${++last.count} kali, terakhir ${formatDateTime(v.time)})`;
        continue;
      }
      const item = el("li", { "data-testid": "history-row" },
        el("div", {}, el("strong", {}, v.label), el("span", { class: "count" }), " · ", v.actor,
          v.position ? `, ${v.position}` : "", " · ", el("time", { datetime: v.time }, formatDateTime(v.time))),
        v.message ? el("p", { class: "note" }, v.message) : "",
        el("div", { class: "meta" }, `Versi ${v.version}`, v.effective ? ` · berlaku mulai ${formatDate(v.effective)}` : "",
          " · ", el("code", {}, v.commit.slice(0, 10))));
      if (v.signature) {
        const [name, nip, position, meaning, time] = v.signature.split("; ");
        item.append(el("div", { class: "notice ok", "data-testid": "history-signature" },
          `Tanda tangan elektronik: ${name} (NIP ${nip}), ${position} — ${meaning}, ${formatDateTime(time)}`));
      }
      last = { row: v, item, count: 1 };
      list.prepend(item);
    }
    const name = edition === 0 ? "Edisi pertama" : `Revisi ke-${edition}`;
    // Until a row reaches the main line the edition is still being drafted.
    box.append(el("section", { class: "edition", "data-testid": "history-edition" },
      el("h4", {}, name, rows.some((v) => v.on_main) ? "" : el("span", { class: "hint" }, " · sedang disusun")), list));
  }
  return box;
}
