import { ApiError, getJson, send, type Me } from "../api";
import { el, field, showError, statusBox } from "../dom";
import { formatDateTime } from "../format";
import { stateBadges, type DueFlags } from "../status";
import { anchorLabel, renderChanges, renderComments, renderRecords } from "./sop_review";

interface SopRead {
  id: string;
  version: number;
  actions: string[];
  is_draft: boolean;
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
interface Version { version: number; action: string; actor: string; signature?: string; time: string; message: string; commit: string }

const actionLabels: Record<string, string> = {
  submit: "Ajukan", verify: "Verifikasi", "request-changes": "Minta revisi", ratify: "Sahkan",
  revise: "Buat revisi", withdraw: "Cabut", supersede: "Nyatakan digantikan", discard: "Buang konsep",
};

/** Inline SVG pages of a document's flowchart (our own SVG, text escaped by the server). */
export async function flowchartPages(id: string, draft: boolean): Promise<HTMLElement> {
  const box = el("div", { class: "flowchart", "data-testid": "flowchart" });
  const version = draft ? "version=draft&" : "";
  const first = await fetch(`/api/v1/sops/${id}/flowchart.svg?${version}page=1`);
  if (!first.ok) return box;
  const total = Number(first.headers.get("X-Total-Pages") ?? "1");
  const pages = [await first.text()];
  for (let p = 2; p <= total; ++p)
    pages.push(await (await fetch(`/api/v1/sops/${id}/flowchart.svg?${version}page=${p}`)).text());
  for (const svg of pages) {
    const page = el("div", { class: "flow-page" });
    page.innerHTML = svg;
    box.append(page);
  }
  return box;
}

/** The read-only document: what is in force (or the draft for those who may read drafts). */
export async function renderSopView(target: HTMLElement, id: string, me: Me, go: (p: string) => void): Promise<void> {
  const notice = statusBox();
  target.replaceChildren(notice);
  let doc: SopRead;
  try {
    // Those who may read drafts see the open draft (what is under review); others what is in force.
    doc = await getJson<SopRead>(`/api/v1/sops/${id}?version=draft`).catch(async (e) => {
      if (e instanceof ApiError && (e.status === 404 || e.status === 403)) return getJson<SopRead>(`/api/v1/sops/${id}`);
      throw e;
    });
  } catch (e) {
    showError(notice, e instanceof ApiError ? e.message : "SOP tidak dapat dimuat.");
    return;
  }
  const d = doc.document;
  const writer = me.grants.some((g) => g.role === "penyusun");
  const actions = el("div", { class: "filters" });
  if (writer) {
    const edit = el("a", { href: `/sop/${id}/sunting`, class: "button" }, "Sunting konsep");
    edit.addEventListener("click", (ev) => { ev.preventDefault(); go(`/sop/${id}/sunting`); });
    actions.append(edit);
  }
  actions.append(el("a", { href: `/api/v1/sops/${id}/print${doc.is_draft ? "?version=draft" : ""}`,
    target: "_blank", class: "button secondary" }, "Cetak"));
  const actionBox = el("div", { "data-testid": "action-form" });
  for (const action of doc.actions ?? []) {
    if (action === "discard") continue;  // from the editor
    const b = el("button", { type: "button", class: action === "ratify" ? "" : "secondary" }, actionLabels[action] ?? action);
    b.addEventListener("click", () => openAction(action));
    actions.append(b);
  }
  function openAction(action: string): void {
    const reason = el("textarea", { rows: "2", required: true });
    const password = el("input", { type: "password", autocomplete: "current-password" });
    const effective = el("input", { type: "date" });
    const box = statusBox();
    const go2 = el("button", { type: "submit" }, actionLabels[action] ?? action);
    const cancel = el("button", { type: "button", class: "secondary" }, "Batal");
    cancel.addEventListener("click", () => actionBox.replaceChildren());
    const form = el("form", { class: "card", "aria-label": actionLabels[action] ?? action },
      el("h3", {}, actionLabels[action] ?? action), field("Alasan / catatan", reason));
    if (action === "ratify")
      form.append(el("p", {}, "Pengesahan adalah tanda tangan elektronik: nama, NIP, jabatan, waktu, dan makna ",
        el("strong", {}, "disahkan"), " dicatat pada dokumen dan riwayat git."),
        field("Kata sandi (tanda tangan)", password), field("Tanggal efektif (kosong = hari ini)", effective));
    form.append(box, go2, cancel);
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const body: Record<string, string> = { reason: reason.value };
      if (action === "ratify") {
        body.password = password.value;
        if (effective.value) body.effective_date = effective.value;
      }
      try {
        await send("POST", `/api/v1/sops/${id}/actions/${action}`, body, { "If-Match": `"${doc.version}"` });
        if (action === "revise") go(`/sop/${id}/sunting`);
        else void renderSopView(target, id, me, go);
      } catch (e) {
        if (e instanceof ApiError) showError(box, e.message, e.details);
      }
    });
    actionBox.replaceChildren(form);
    reason.focus();
  }
  const pending = doc.summary.status === "disahkan";
  // The badge describes the version on screen: a version in force stays "berlaku" while its
  // revision is drafted.
  const shown = doc.is_draft || ["dicabut", "digantikan", "disahkan"].includes(doc.summary.status)
    ? doc.summary : { ...doc.summary, status: "berlaku" };
  target.append(
    el("h2", { "data-testid": "sop-title" }, d.title),
    el("p", {}, `${d.number ?? "(belum bernomor)"} `, stateBadges(shown),
      doc.is_draft ? " · menampilkan konsep" : ` · versi ${doc.version}`,
      !doc.is_draft && doc.summary.draft ? " · revisi sedang disusun" : ""),
    doc.ratification && !doc.is_draft
      ? el("p", { class: "notice ok", "data-testid": "signature" },
        `Disahkan secara elektronik oleh ${doc.ratification.name} (NIP ${doc.ratification.nip}), ` +
        `${doc.ratification.position}; ${pending ? "berlaku mulai" : "berlaku sejak"} ${d.dates?.effective ?? "—"}`)
      : "",
    actions, actionBox);
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
      target.append(await renderRecords(id, doc.may, doc.summary, () => go(`/sop/${id}/sunting`)));
  } else {
    target.append(await flowchartPages(id, false));
    if (doc.summary.in_force)
      target.append(await renderRecords(id, doc.may, doc.summary, () => go(`/sop/${id}/sunting`)));
  }
  try {
    const h = await getJson<{ versions: Version[] }>(`/api/v1/sops/${id}/history`);
    const list = el("ol", { class: "history", reversed: true });
    for (const v of [...h.versions].reverse()) {
      const item = el("li", {}, `Versi ${v.version} · ${formatDateTime(v.time)} · ${v.actor}: ${v.message} `,
        el("code", {}, v.commit.slice(0, 10)));
      if (v.signature) {
        const [name, nip, position, meaning, time] = v.signature.split("; ");
        item.append(el("div", { class: "notice ok", "data-testid": "history-signature" },
          `Tanda tangan elektronik: ${name} (NIP ${nip}), ${position} — ${meaning}, ${formatDateTime(time)}`));
      }
      list.append(item);
    }
    target.append(el("h3", {}, "Riwayat"), list);
  } catch {
    // Readers without the right to see drafts get no history: the document is enough for them.
  }
}
