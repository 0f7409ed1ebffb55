// The review around a document: what changed since the version in force, comments anchored to
// fields and steps (with replies and resolution), and the monitoring and evaluation records.
import { ApiError, getJson, send, type Me } from "../api";
import { el, field, select, showError, statusBox } from "../dom";
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

/** A comment whose step, actor or field the version shown no longer has: "/steps/@S4/activity"
 * (the stored anchor, by the step's code) → "Langkah yang dikomentari (kode S4) sudah dihapus". */
export function missingAnchorNote(stable: string): string {
  const [top, key] = stable.split("/").slice(1);
  const code = key?.startsWith("@") ? ` (kode ${key.slice(1)})` : "";
  if (top === "steps") return `Langkah yang dikomentari${code} sudah dihapus`;
  if (top === "actors") return `Pelaksana yang dikomentari${code} sudah dihapus`;
  return "Bagian yang dikomentari sudah tidak ada";
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
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

interface FieldChange {
  field: string; before: unknown; after: unknown;
  before_name?: string; after_name?: string; before_no?: number; after_no?: number;
}
interface DiffActor { id: string; position: string; external: string; name: string }
interface DiffStep { id: string; no: number; step: { activity?: string; symbol?: string }; actor_name: string }
interface SopDiff {
  from: number; to: number; empty: boolean;
  fields: FieldChange[];
  lists: { field: string; added: unknown[]; removed: unknown[] }[];
  actors: { added: DiffActor[]; removed: DiffActor[]; changed: { id: string; before: DiffActor; after: DiffActor }[] };
  steps: {
    added: DiffStep[]; removed: DiffStep[];
    moved: { id: string; from: number; to: number; activity: string }[];
    changed: { id: string; no: number; activity: string; changes: FieldChange[] }[];
  };
}

const subFieldNames: Record<string, string> = {
  "classification.nature": "Sifat", "classification.scope": "Cakupan", "classification.completeness": "Kelengkapan",
  "classification.applicability": "Keberlakuan", "dates.created": "Tanggal pembuatan", "dates.revised": "Tanggal revisi",
  "dates.effective": "Tanggal efektif", "ratified_by.position": "Jabatan", "ratified_by.name": "Nama", "ratified_by.nip": "NIP",
};

/** "dates.revised" → "Tanggal · Tanggal revisi". */
function fieldLabel(field: string): string {
  const top = field.split(".")[0];
  return field === top ? fieldNames[top] ?? top : `${fieldNames[top] ?? top} · ${subFieldNames[field] ?? field.slice(top.length + 1)}`;
}

/** One side of a changed field as a reader says it: names for ids, step numbers for targets. */
function shownValue(c: FieldChange, side: "before" | "after"): string {
  const value = c[side];
  const name = c[`${side}_name`];
  if (value === null) return "—";
  if (name) return name;
  if (c.field === "next") return c[`${side}_no`] ? `langkah no. ${c[`${side}_no`]}` : show(value);
  if (c.field === "duration") {
    const d = value as { value: number; unit: string };
    return `${d.value} ${d.unit}`;
  }
  if (c.field === "exits")
    return (value as { label: string; to: string; no: number }[])
      .map((e) => `${e.label || "—"} → ${e.no ? `no. ${e.no}` : e.to || "—"}`).join("; ");
  return show(value);
}

function actorName(a: DiffActor): string {
  return a.name || a.position || a.external || a.id;
}

function listItem(item: unknown): string {
  if (item && typeof item === "object" && "title" in item) {
    const r = item as { title: string; kind: string };
    return `${r.title} (${r.kind.replace("_", " ")})`;
  }
  return show(item);
}

/** The diff as table rows: [what, before, after]; an empty side is left blank. */
function diffRows(d: SopDiff): [string, string, string][] {
  const rows: [string, string, string][] = [];
  for (const c of d.fields) rows.push([fieldLabel(c.field), shownValue(c, "before"), shownValue(c, "after")]);
  for (const l of d.lists) {
    for (const item of l.removed) rows.push([`${fieldLabel(l.field)} · dihapus`, listItem(item), ""]);
    for (const item of l.added) rows.push([`${fieldLabel(l.field)} · ditambahkan`, "", listItem(item)]);
  }
  for (const a of d.actors.removed) rows.push(["Pelaksana dihapus", actorName(a), ""]);
  for (const a of d.actors.added) rows.push(["Pelaksana ditambahkan", "", actorName(a)]);
  for (const a of d.actors.changed) rows.push([`Pelaksana diubah (${a.id})`, actorName(a.before), actorName(a.after)]);
  const stepText = (s: DiffStep) => `${s.step.activity || s.step.symbol || s.id}${s.actor_name ? ` — ${s.actor_name}` : ""}`;
  for (const s of d.steps.added) rows.push([`Langkah ditambahkan (no. ${s.no})`, "", stepText(s)]);
  for (const s of d.steps.removed) rows.push([`Langkah dihapus (no. ${s.no})`, stepText(s), ""]);
  for (const m of d.steps.moved)
    rows.push([`Langkah dipindah (dari no. ${m.from} ke no. ${m.to}): ${m.activity || m.id}`, `no. ${m.from}`, `no. ${m.to}`]);
  for (const s of d.steps.changed) {
    // The activity is named once: in the label, unless it is what changed.
    const named = s.changes.some((c) => c.field === "activity") ? "" : `: ${s.activity}`;
    for (const c of s.changes)
      rows.push([`Langkah diubah (no. ${s.no}${named}) · ${stepFieldNames[c.field] ?? c.field}`,
        shownValue(c, "before"), shownValue(c, "after")]);
  }
  return rows;
}

/** What changed in the open draft: from the version in force (or the first version), or, for a
 * reviewer who asks, since the version they last reviewed. */
export async function renderChanges(id: string, hasInForce: boolean, reviewer: boolean): Promise<HTMLElement> {
  const base = hasInForce ? "Sejak versi yang berlaku" : "Sejak versi pertama";
  const heading = el("h3", {}, `Perubahan ${base.toLowerCase()}`);
  const result = el("div");
  const box = el("section", { "data-testid": "changes" }, heading);
  const load = async (since: string) => {
    try {
      const query = since ? `?from=${since}&to=draft` : hasInForce ? "" : "?from=1&to=draft";
      const d = await getJson<SopDiff>(`/api/v1/sops/${id}/diff${query}`);
      const rows = diffRows(d);
      result.replaceChildren(el("p", { class: "hint" }, `Versi ${d.from} → konsep versi ${d.to}: ${rows.length} perubahan.`));
      const body = el("tbody");
      for (const [what, before, after] of rows)
        body.append(el("tr", { class: "change" }, el("td", {}, what),
          el("td", {}, before ? el("del", {}, before) : ""), el("td", {}, after ? el("ins", {}, after) : "")));
      if (rows.length)
        result.append(el("table", { class: "grid changes" },
          el("thead", {}, el("tr", {}, el("th", {}, "Bagian"), el("th", {}, "Sebelumnya"), el("th", {}, "Menjadi"))), body));
    } catch (e) {
      result.replaceChildren(el("p", { class: "notice bad" }, e instanceof ApiError ? e.message : "Perubahan tidak dapat dimuat."));
    }
    // Once the rows are there, so the heading always names what is shown.
    heading.textContent = `Perubahan ${(since ? "Sejak pemeriksaan terakhir saya" : base).toLowerCase()}`;
  };
  if (reviewer) {
    const since = select([["", base], ["reviewed", "Sejak pemeriksaan terakhir saya"]]);
    since.addEventListener("change", () => void load(since.value));
    box.append(field("Tampilkan perubahan", since));
  }
  box.append(result);
  await load("");
  return box;
}

interface Comment {
  /** `anchor`: a JSON pointer into the version shown (the open draft, else the one in force),
   * by position; `anchor_stable`: as stored, by step or actor code, so it follows a step that
   * moves; `anchor_missing`: that step, actor or field is gone (`anchor` is then what is left). */
  id: string; thread: string; anchor: string; anchor_stable: string; anchor_missing: boolean;
  text: string; author: string; nip: string; time: string;
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
      root.anchor_missing
        ? el("p", { class: "notice at", "data-testid": "anchor-missing" }, missingAnchorNote(root.anchor_stable))
        : "",
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
