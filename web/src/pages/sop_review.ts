// The review around a document: what changed since the version in force, comments anchored to
// fields and steps (with replies and resolution), and the monitoring and evaluation records.
import { ApiError, getJson, send, type Me } from "../api";
import { el, field, showError, statusBox } from "../dom";
import { formatDateTime } from "../format";

const fieldNames: Record<string, string> = {
  number: "Nomor SOP", title: "Nama SOP", unit: "Unit", classification: "Klasifikasi", dates: "Tanggal",
  ratified_by: "Disahkan oleh", legal_basis: "Dasar hukum", qualifications: "Kualifikasi pelaksana",
  related: "Keterkaitan", equipment: "Peralatan/perlengkapan", warning: "Peringatan",
  records: "Pencatatan dan pendataan", actors: "Pelaksana", steps: "Langkah",
};
const stepFieldNames: Record<string, string> = {
  id: "Kode", activity: "Kegiatan", actor: "Pelaksana", symbol: "Simbol", requirements: "Kelengkapan",
  duration: "Waktu", output: "Output", notes: "Keterangan", next: "Langkah berikutnya", exits: "Cabang keputusan",
};

/** "/steps/3/activity" → "Langkah 4 · Kegiatan"; "" → "Seluruh dokumen". */
export function anchorLabel(pointer: string): string {
  if (!pointer) return "Seluruh dokumen";
  const [top, index, sub, ...rest] = pointer.split("/").slice(1);
  let label = fieldNames[top] ?? top;
  if (index !== undefined) label = top === "steps" ? `Langkah ${Number(index) + 1}` : `${label} butir ${Number(index) + 1}`;
  if (sub !== undefined) label += ` · ${(top === "steps" ? stepFieldNames[sub] : undefined) ?? sub}`;
  if (rest.length) label += ` · ${rest.join(" · ")}`;
  return label;
}

/** Sends a change, then `after`; a refusal shows in `status` with the fields it names. */
async function submit(status: HTMLElement, method: string, path: string, body: unknown,
  after: () => void | Promise<void>): Promise<void> {
  try {
    await send(method, path, body);
  } catch (e) {
    if (e instanceof ApiError) showError(status, e.message, e.details);
    return;
  }
  await after();
}

function show(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

interface Change { path: string; kind: string; before: unknown; after: unknown }

/** What changed from the version in force (or the first version) to the open draft. */
export async function renderChanges(id: string, hasInForce: boolean): Promise<HTMLElement> {
  const box = el("section", { "data-testid": "changes" },
    el("h3", {}, hasInForce ? "Perubahan sejak versi yang berlaku" : "Perubahan sejak versi pertama"));
  try {
    const d = await getJson<{ from: number; to: number; changes: Change[] }>(
      `/api/v1/sops/${id}/diff${hasInForce ? "" : "?from=1&to=draft"}`);
    box.append(el("p", { class: "hint" }, `Versi ${d.from} → konsep versi ${d.to}: ${d.changes.length} perubahan.`));
    if (!d.changes.length) return box;
    const body = el("tbody");
    for (const c of d.changes)
      body.append(el("tr", { class: "change" },
        el("td", {}, anchorLabel(c.path)),
        el("td", {}, c.kind === "added" ? "" : el("del", {}, show(c.before))),
        el("td", {}, c.kind === "removed" ? "" : el("ins", {}, show(c.after)))));
    box.append(el("table", { class: "grid changes" },
      el("thead", {}, el("tr", {}, el("th", {}, "Bagian"), el("th", {}, "Sebelumnya"), el("th", {}, "Menjadi"))), body));
  } catch (e) {
    box.append(el("p", { class: "notice bad" }, e instanceof ApiError ? e.message : "Perubahan tidak dapat dimuat."));
  }
  return box;
}

interface Comment {
  id: string; thread: string; anchor: string; text: string; author: string; nip: string; time: string;
  draft_version: number; resolved: boolean; resolved_by: string; replies: number; current: boolean;
}

/** Comments on the document's drafts: the open draft's threads first, older ones below. */
export async function renderComments(id: string, me: Me, canComment: boolean,
  anchors: [string, string][]): Promise<HTMLElement> {
  const box = el("section", { "data-testid": "comments", "aria-label": "Komentar" });
  const reload = async () => box.replaceWith(await renderComments(id, me, canComment, anchors));
  let items: Comment[];
  try {
    items = (await getJson<{ items: Comment[] }>(`/api/v1/sops/${id}/comments`)).items;
  } catch {
    return box;  // readers without the right to see drafts
  }
  const roots = items.filter((c) => c.id === c.thread);
  const open = roots.filter((c) => c.current && !c.resolved).length;
  box.append(el("h3", {}, `Komentar (${open} terbuka)`));

  if (canComment) {
    const anchor = el("select");
    for (const [v, label] of anchors) anchor.append(el("option", { value: v }, label));
    const text = el("textarea", { rows: "3", required: true });
    const status = statusBox();
    const form = el("form", { class: "card", "data-testid": "new-comment" },
      field("Bagian yang dikomentari", anchor), field("Isi komentar", text), status, el("button", { type: "submit" }, "Kirim komentar"));
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      await submit(status, "POST", `/api/v1/sops/${id}/comments`, { text: text.value, ...(anchor.value ? { anchor: anchor.value } : {}) }, reload);
    });
    box.append(form);
  }

  for (const root of [...roots].sort((a, b) => Number(b.current) - Number(a.current))) {
    const thread = el("article", { class: `thread${root.resolved ? " resolved" : ""}`, "data-testid": "comment-thread" },
      el("div", { class: "meta" }, el("span", { class: "anchor" }, anchorLabel(root.anchor)),
        ` · ${root.author} · ${formatDateTime(root.time)} · konsep versi ${root.draft_version}`,
        root.resolved ? ` · diselesaikan oleh ${root.resolved_by}` : root.current ? " · terbuka" : " · konsep terdahulu"),
      el("p", {}, root.text));
    for (const r of items.filter((c) => c.thread === root.id && c.id !== root.id))
      thread.append(el("div", { class: "reply" }, el("div", { class: "meta" }, `${r.author} · ${formatDateTime(r.time)}`),
        el("p", {}, r.text)));
    if (canComment && root.current) {
      const status = statusBox();
      const tools = el("div", { class: "filters" });
      if (!root.resolved) {
        const reply = el("input", { type: "text", "aria-label": "Balasan", placeholder: "Tulis balasan…" });
        const send1 = el("button", { type: "button", class: "secondary" }, "Balas");
        send1.addEventListener("click", async () => {
          await submit(status, "POST", `/api/v1/sops/${id}/comments`, { text: reply.value, reply_to: root.id }, reload);
        });
        tools.append(reply, send1);
      }
      if (root.nip === me.nip) {
        const toggle = el("button", { type: "button", class: root.resolved ? "secondary" : "" },
          root.resolved ? "Buka lagi" : "Selesaikan");
        toggle.addEventListener("click", async () => {
          await submit(status, "PUT", `/api/v1/sops/${id}/comments/${root.id}`, { resolved: !root.resolved }, reload);
        });
        tools.append(toggle);
      }
      thread.append(tools, status);
    }
    box.append(thread);
  }
  if (!roots.length) box.append(el("p", { class: "hint" }, "Belum ada komentar."));
  return box;
}

interface RecordRow {
  id: string; kind: string; date: string; actor: string; time: string; signature: string; commit: string;
  content: {
    judgement?: string; notes: string; action?: string; outcome?: string;
    reviewer?: { initials: string }; criteria?: { criterion: string; answer: string; notes: string }[];
  };
}

/** Monitoring (every 6 months) and evaluation (7 criteria) of a SOP in force, with their forms. */
export async function renderRecords(id: string, may: { monitor: boolean; evaluate: boolean },
  due: { monitoring_due?: string; evaluation_due?: string }, onRevision: () => void): Promise<HTMLElement> {
  const box = el("section", { id: "catatan", "data-testid": "records" }, el("h3", {}, "Monitoring dan Evaluasi"));
  const reload = async () => box.replaceWith(await renderRecords(id, may, due, onRevision));
  let data: { monitoring: RecordRow[]; evaluations: RecordRow[]; criteria: string[] };
  try {
    data = await getJson(`/api/v1/sops/${id}/records`);
  } catch {
    return el("section");
  }
  box.append(el("p", { class: "hint" },
    `Monitoring berikutnya: ${due.monitoring_due || "—"} · evaluasi berikutnya: ${due.evaluation_due || "—"}`));

  const mBody = el("tbody");
  for (const r of data.monitoring)
    mBody.append(el("tr", {}, el("td", {}, r.date),
      el("td", {}, r.content.judgement === "baik" ? "Berjalan dengan baik" : "Tidak berjalan dengan baik"),
      el("td", {}, r.content.notes), el("td", {}, r.content.action || "—"), el("td", {}, r.content.reviewer?.initials ?? r.actor)));
  box.append(el("table", { class: "grid", "data-testid": "monitoring-table" },
    el("caption", {}, `Monitoring (${data.monitoring.length})`),
    el("thead", {}, el("tr", {}, ...["Tanggal", "Penilaian", "Catatan", "Tindakan", "Paraf"].map((h) => el("th", {}, h)))),
    mBody));

  const eBody = el("tbody");
  for (const r of data.evaluations) {
    const yes = r.content.criteria?.filter((c) => c.answer === "ya").length ?? 0;
    eBody.append(el("tr", {}, el("td", {}, r.date), el("td", {}, `${yes} dari ${r.content.criteria?.length ?? 0} Ya`),
      el("td", {}, r.content.outcome === "tetap" ? "Tetap berlaku" : "Direvisi"), el("td", {}, r.content.notes),
      el("td", {}, r.signature ? `Ditandatangani: ${r.signature.split(";")[0]}` : r.actor)));
  }
  box.append(el("table", { class: "grid", "data-testid": "evaluation-table" },
    el("caption", {}, `Evaluasi (${data.evaluations.length})`),
    el("thead", {}, el("tr", {}, ...["Tanggal", "Kriteria", "Tindak lanjut", "Catatan", "Oleh"].map((h) => el("th", {}, h)))),
    eBody));

  const today = new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Jakarta" });
  if (may.monitor) {
    const date = el("input", { type: "date", value: today, max: today });
    const good = el("input", { type: "radio", name: "judgement", value: "baik", checked: true, id: "m-baik" });
    const bad = el("input", { type: "radio", name: "judgement", value: "tidak_baik", id: "m-tidak" });
    const notes = el("textarea", { rows: "2", required: true });
    const action = el("textarea", { rows: "2" });
    const status = statusBox();
    const form = el("form", { class: "card", "data-testid": "monitoring-form" },
      field("Tanggal monitoring", date),
      el("fieldset", {}, el("legend", {}, "Penilaian"),
        el("label", { class: "check" }, good, " Berjalan dengan baik"),
        el("label", { class: "check" }, bad, " Tidak berjalan dengan baik")),
      field("Catatan", notes), field("Tindakan yang harus diambil", action), status,
      el("button", { type: "submit" }, "Simpan monitoring"));
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      await submit(status, "POST", `/api/v1/sops/${id}/monitoring`, {
          date: date.value, judgement: bad.checked ? "tidak_baik" : "baik", notes: notes.value, action: action.value }, reload);
    });
    box.append(el("details", {}, el("summary", { class: "button-like" }, "Catat monitoring"), form));
  }
  if (may.evaluate) {
    const date = el("input", { type: "date", value: today, max: today });
    const rows = el("tbody");
    const answers: { yes: HTMLInputElement; notes: HTMLInputElement }[] = [];
    data.criteria.forEach((c, i) => {
      const yes = el("input", { type: "checkbox", checked: true, "aria-label": `Ya: ${c}` });
      const notes = el("input", { type: "text", "aria-label": `Catatan: ${c}` });
      answers.push({ yes, notes });
      rows.append(el("tr", {}, el("td", {}, `${i + 1}. ${c}`), el("td", {}, el("label", {}, yes, " Ya")), el("td", {}, notes)));
    });
    const keep = el("input", { type: "radio", name: "outcome", value: "tetap", checked: true });
    const revise = el("input", { type: "radio", name: "outcome", value: "revisi" });
    const notes = el("textarea", { rows: "2", required: true });
    const password = el("input", { type: "password", autocomplete: "current-password" });
    const status = statusBox();
    const form = el("form", { class: "card", "data-testid": "evaluation-form" },
      field("Tanggal evaluasi", date),
      el("table", { class: "grid criteria" }, el("thead", {}, el("tr", {}, el("th", {}, "Kriteria"), el("th", {}, "Jawaban"), el("th", {}, "Catatan"))), rows),
      el("fieldset", {}, el("legend", {}, "Tindak lanjut"),
        el("label", { class: "check" }, keep, " Tetap berlaku (ditandatangani)"),
        el("label", { class: "check" }, revise, " Perlu revisi (membuka konsep revisi)")),
      field("Catatan", notes), field("Kata sandi (tanda tangan, untuk hasil tetap)", password), status,
      el("button", { type: "submit" }, "Simpan evaluasi"));
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      await submit(status, "POST", `/api/v1/sops/${id}/evaluations`, {
        date: date.value, outcome: keep.checked ? "tetap" : "revisi", notes: notes.value,
        criteria: answers.map((a) => ({ answer: a.yes.checked ? "ya" : "tidak", notes: a.notes.value })),
        ...(keep.checked ? { password: password.value } : {}),
      }, () => (revise.checked ? onRevision() : reload()));
    });
    box.append(el("details", {}, el("summary", { class: "button-like" }, "Catat evaluasi"), form));
  }
  return box;
}
