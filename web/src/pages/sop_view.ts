import { ApiError, getJson, type Me } from "../api";
import { el, showError, statusBox } from "../dom";
import { formatDateTime } from "../format";

interface SopRead {
  id: string;
  version: number;
  is_draft: boolean;
  summary: { status: string; unit: string; draft?: { version: number }; in_force?: { version: number } };
  document: { number?: string; title: string; unit: string };
}
interface Version { version: number; action: string; actor_name: string; time: string; message: string; commit: string }

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
    doc = await getJson<SopRead>(`/api/v1/sops/${id}`).catch(async (e) => {
      if (e instanceof ApiError && e.status === 404) return getJson<SopRead>(`/api/v1/sops/${id}?version=draft`);
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
  target.append(
    el("h2", { "data-testid": "sop-title" }, d.title),
    el("p", {}, `${d.number ?? "(belum bernomor)"} · `,
      el("span", { class: `badge status-${doc.summary.status}` }, doc.summary.status),
      doc.is_draft ? " · menampilkan konsep" : ` · versi ${doc.version}`),
    actions);
  target.append(await flowchartPages(id, doc.is_draft));
  try {
    const h = await getJson<{ versions: Version[] }>(`/api/v1/sops/${id}/history`);
    const list = el("ol", { class: "history", reversed: true });
    for (const v of [...h.versions].reverse())
      list.append(el("li", {}, `Versi ${v.version} · ${formatDateTime(v.time)} · ${v.actor_name}: ${v.message} `,
        el("code", {}, v.commit.slice(0, 10))));
    target.append(el("h3", {}, "Riwayat"), list);
  } catch {
    // Readers without the right to see drafts get no history: the document is enough for them.
  }
}
