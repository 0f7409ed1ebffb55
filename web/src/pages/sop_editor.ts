import { ApiError, getJson, send, textOf, type Unit } from "../api";
import { el, field, select, showError, statusBox } from "../dom";
import { statusBadge } from "../status";

// The SOP editor for unit heads: identity form, actors, the step table (add, move by keyboard,
// buttons or drag, duplicate, delete, decisions wired by picking targets), a live flowchart from
// the server's renderer, the server's rule findings inline, autosave with a visible state,
// conflict handling that loses nothing, and undo within the session.

interface Exit { label: string; to: string }
interface Step {
  id: string;
  symbol: string;
  activity?: string;
  actor?: string;
  requirements?: string;
  duration?: { value: number; unit: string };
  output?: string;
  notes?: string;
  next?: string;
  exits?: Exit[];
}
interface Actor { id: string; position?: string; external?: string }
interface SopDoc {
  number?: string;
  title: string;
  unit: string;
  classification?: Record<string, string>;
  dates?: Record<string, string>;
  legal_basis?: string[];
  qualifications?: string[];
  equipment?: string[];
  warning?: string;
  records?: string[];
  actors?: Actor[];
  steps?: Step[];
  [key: string]: unknown;
}
interface Problem { code?: string; path: string; message: string }
interface Read { version: number; is_draft: boolean; status: string; document: SopDoc; summary: { updated_by: string } }

const symbols: [string, string][] = [
  ["mulai", "Mulai"], ["kegiatan", "Kegiatan"], ["keputusan", "Keputusan"], ["selesai", "Selesai"],
];
const durationUnits: [string, string][] = [
  ["menit", "menit"], ["jam", "jam"], ["hari", "hari"], ["minggu", "minggu"], ["bulan", "bulan"], ["tahun", "tahun"],
];

const clone = (d: SopDoc): SopDoc => JSON.parse(JSON.stringify(d)) as SopDoc;

export async function renderSopEditor(target: HTMLElement, id: string, go: (p: string) => void): Promise<void> {
  const notice = statusBox();
  target.replaceChildren(notice);
  let doc: SopDoc;
  let version: number;
  let status: string;
  let units: Unit[];
  try {
    const read = await getJson<Read>(`/api/v1/sops/${id}?version=draft`).catch(async (e) => {
      // No open draft: a revision starts from the version in force.
      if (e instanceof ApiError && e.status === 404) return getJson<Read>(`/api/v1/sops/${id}`);
      throw e;
    });
    doc = read.document;
    version = read.version;
    status = read.status;
    units = (await getJson<{ items: Unit[] }>("/api/v1/units")).items;
  } catch (e) {
    showError(notice, e instanceof ApiError ? e.message : "Konsep tidak dapat dimuat.");
    return;
  }
  doc.actors ??= [];
  doc.steps ??= [];

  // Positions of the SOP's unit and everything below it: the actors to choose from.
  const byId = new Map(units.map((u) => [u.id, u]));
  const within = (u: Unit): boolean => {
    for (let at: Unit | undefined = u; at; at = at.parent ? byId.get(at.parent) : undefined)
      if (at.id === doc.unit) return true;
    return false;
  };
  const positionOptions = (): [string, string][] => units.filter((u) => !u.closed && within(u))
    .flatMap((u) => u.positions.map((p) => [p.id!, `${p.name} (${u.name})`] as [string, string]));

  // --- state: undo, dirty, autosave ---
  const undo: string[] = [];
  let lastSnapshot = 0;
  let dirty = false;
  let saving = false;
  let saveTimer = 0;
  let previewTimer = 0;
  const state = el("span", { class: "save-state", role: "status", "data-testid": "save-state" }, `Tersimpan (versi ${version})`);
  const undoButton = el("button", { type: "button", class: "secondary", disabled: true }, "Urungkan");
  const problemsBox = el("div", { class: "problems", "data-testid": "problems", "aria-live": "polite" });
  const preview = el("div", { class: "flowchart preview", "data-testid": "preview" });
  const conflictBox = el("div", { "data-testid": "conflict" });

  function snapshot(): void {
    const now = Date.now();
    // One undo step per burst of typing, not per key.
    if (now - lastSnapshot > 800) undo.push(JSON.stringify(doc));
    lastSnapshot = now;
    if (undo.length > 200) undo.shift();
    undoButton.disabled = undo.length === 0;
  }
  function changed(structural: boolean): void {
    dirty = true;
    state.textContent = "Belum tersimpan…";
    state.className = "save-state unsaved";
    if (structural) drawSteps();
    clearTimeout(saveTimer);
    saveTimer = window.setTimeout(() => void save(), 1500);
    clearTimeout(previewTimer);
    previewTimer = window.setTimeout(() => void renderPreview(), 400);
  }
  function edit(structural: boolean, fn: () => void): void {
    snapshot();
    fn();
    changed(structural);
  }
  undoButton.addEventListener("click", () => doUndo());
  function doUndo(): void {
    const last = undo.pop();
    if (!last) return;
    doc = JSON.parse(last) as SopDoc;
    undoButton.disabled = undo.length === 0;
    drawAll();
    changed(false);
  }

  async function save(): Promise<void> {
    if (saving || !dirty) return;
    saving = true;
    dirty = false;
    state.textContent = "Menyimpan…";
    try {
      const r = await send<{ version: number; problems: Problem[] }>("PUT", `/api/v1/sops/${id}/draft`,
        { document: doc, message: "Simpan otomatis dari penyunting" }, { "If-Match": `"${version}"` });
      // A document equal to the saved one writes nothing: the server answers the same version.
      const same = r.version === version;
      version = r.version;
      if (!dirty) {
        state.textContent = same ? `Tersimpan, tidak ada perubahan (versi ${version})` : `Tersimpan (versi ${version})`;
        state.className = "save-state saved";
      }
      showProblems(r.problems);
    } catch (e) {
      dirty = true;
      if (e instanceof ApiError && e.status === 412) await conflict();
      else if (e instanceof ApiError) {
        state.textContent = "Gagal menyimpan";
        state.className = "save-state unsaved";
        showProblems(e.details.map((d) => ({ path: d.path.replace(/^\/document/, ""), message: d.message })), e.message);
      }
    } finally {
      saving = false;
      if (dirty && !conflictBox.childElementCount) {
        clearTimeout(saveTimer);
        saveTimer = window.setTimeout(() => void save(), 1500);
      }
    }
  }

  /** Someone else saved first: show both versions and let the author choose; nothing is lost. */
  async function conflict(): Promise<void> {
    clearTimeout(saveTimer);
    const theirs = await getJson<Read>(`/api/v1/sops/${id}?version=draft`);
    state.textContent = "Bentrok dengan simpanan lain";
    state.className = "save-state unsaved";
    const summary = (d: SopDoc): HTMLElement => el("div", {},
      el("p", {}, el("strong", {}, d.title)),
      el("ol", {}, ...(d.steps ?? []).map((s) => el("li", {}, s.activity ?? ""))));
    const mine = el("button", { type: "button" }, "Simpan versi saya");
    const server = el("button", { type: "button", class: "secondary" }, "Pakai versi server");
    mine.addEventListener("click", () => {
      version = theirs.version;
      conflictBox.replaceChildren();
      dirty = true;
      void save();
    });
    server.addEventListener("click", () => {
      undo.push(JSON.stringify(doc));  // mine stays one Urungkan away
      undoButton.disabled = false;
      doc = theirs.document;
      doc.actors ??= [];
      doc.steps ??= [];
      version = theirs.version;
      dirty = false;
      conflictBox.replaceChildren();
      state.textContent = `Tersimpan (versi ${version})`;
      drawAll();
      void renderPreview();
    });
    conflictBox.replaceChildren(el("div", { class: "notice bad conflict", role: "alertdialog", "aria-label": "Bentrok penyuntingan" },
      el("p", {}, `Konsep ini telah disimpan oleh ${theirs.summary.updated_by} (versi ${theirs.version}) ` +
        "setelah Anda mulai menyunting. Kedua versi ditampilkan; pilih yang disimpan. Versi yang tidak dipilih " +
        "tetap dapat dikembalikan dengan Urungkan atau ada di riwayat."),
      el("div", { class: "split2" },
        el("section", { "data-testid": "conflict-mine" }, el("h4", {}, "Versi Anda"), summary(doc)),
        el("section", { "data-testid": "conflict-theirs" }, el("h4", {}, `Versi di server (versi ${theirs.version})`), summary(theirs.document))),
      mine, server));
  }

  async function renderPreview(): Promise<void> {
    try {
      const r = await send<{ pages: string[]; problems: Problem[] }>("POST", "/api/v1/render/sop", { document: doc });
      preview.replaceChildren(...r.pages.map((svg) => {
        const page = el("div", { class: "flow-page" });
        page.innerHTML = svg;
        return page;
      }));
      showProblems(r.problems);
    } catch (e) {
      if (e instanceof ApiError)
        showProblems(e.details.map((d) => ({ path: d.path.replace(/^\/document/, ""), message: d.message })), e.message);
    }
  }

  function showProblems(problems: Problem[], heading = ""): void {
    for (const bad of form.querySelectorAll("[aria-invalid]")) bad.removeAttribute("aria-invalid");
    for (const m of form.querySelectorAll(".field-error")) m.remove();
    problemsBox.replaceChildren();
    if (!problems.length && !heading) {
      problemsBox.append(el("p", { class: "notice ok" }, "Tidak ada kesalahan: konsep siap diajukan."));
      return;
    }
    const list = el("ul");
    for (const p of problems) {
      // The field itself, else the closest enclosing part (a step row, the actor list).
      let target: Element | null = null;
      for (let path = p.path; path && !target; path = path.slice(0, path.lastIndexOf("/")))
        target = form.querySelector(`[data-path="${path}"]`);
      const item = el("li", {}, el("code", {}, p.path || "/"), " ", p.message);
      if (target) {
        target.setAttribute("aria-invalid", "true");
        target.insertAdjacentElement("afterend", el("small", { class: "field-error" }, p.message));
        item.addEventListener("click", () => (target as HTMLElement).focus());
      }
      list.append(item);
    }
    problemsBox.append(el("p", {}, heading || `${problems.length} hal perlu diperbaiki sebelum diajukan:`), list);
  }

  // --- the form ---
  const form = el("div", { class: "editor-form" });
  const identity = el("fieldset", {}, el("legend", {}, "Identitas SOP"));
  const actorsBox = el("fieldset", {}, el("legend", {}, "Pelaksana"));
  const stepsBody = el("tbody");
  const stepsTable = el("table", { class: "grid steps", "data-testid": "steps" },
    el("thead", {}, el("tr", {}, ...["No", "Kegiatan", "Pelaksana", "Simbol", "Kelengkapan", "Waktu", "Output",
      "Keterangan", "Lanjut ke", ""].map((h) => el("th", { scope: "col" }, h)))), stepsBody);
  const addStep = el("button", { type: "button", class: "secondary" }, "Tambah langkah");
  const importFile = el("input", { type: "file", accept: ".csv,text/csv" });
  form.append(identity, actorsBox, el("h3", {}, "Langkah"), stepsTable, addStep,
    field("Impor langkah dari CSV (urutan kolom tabel SOP)", importFile));

  function text(label: string, path: string, get: () => string | undefined, set: (v: string) => void,
    multiline = false): HTMLElement {
    const input = multiline ? el("textarea", { rows: "3", "data-path": path }) : el("input", { "data-path": path });
    input.value = get() ?? "";
    input.addEventListener("input", () => edit(false, () => set(input.value)));
    const wrap = el("div", { class: "field" }, el("label", {}, label, input));
    return wrap;
  }
  const lines = (v: string) => v.split("\n").map((s) => s.trim()).filter(Boolean);

  function drawIdentity(): void {
    identity.replaceChildren(el("legend", {}, "Identitas SOP"),
      text("Nomor SOP", "/number", () => doc.number, (v) => { doc.number = v; }),
      text("Nama SOP", "/title", () => doc.title, (v) => { doc.title = v; }),
      classification("Sifat", "nature", [["", "—"], ["administratif", "Administratif"], ["teknis", "Teknis"]]),
      classification("Cakupan", "scope", [["", "—"], ["mikro", "Mikro"], ["makro", "Makro"]]),
      classification("Kelengkapan", "completeness", [["", "—"], ["final", "Final"], ["parsial", "Parsial"]]),
      classification("Keberlakuan", "applicability", [["", "—"], ["spesifik", "Spesifik"], ["generik", "Generik"]]),
      date("Tanggal pembuatan", "created"), date("Tanggal revisi", "revised"),
      text("Dasar hukum (satu per baris)", "/legal_basis", () => doc.legal_basis?.join("\n"), (v) => { doc.legal_basis = lines(v); }, true),
      text("Kualifikasi pelaksana (satu per baris)", "/qualifications", () => doc.qualifications?.join("\n"), (v) => { doc.qualifications = lines(v); }, true),
      relatedEditor(),
      text("Peralatan / perlengkapan (satu per baris)", "/equipment", () => doc.equipment?.join("\n"), (v) => { doc.equipment = lines(v); }, true),
      text("Peringatan", "/warning", () => doc.warning, (v) => { doc.warning = v; }, true),
      text("Pencatatan dan pendataan (satu per baris)", "/records", () => doc.records?.join("\n"), (v) => { doc.records = lines(v); }, true));
  }
  /** Keterkaitan: related SOPs by title, each with its kind. */
  function relatedEditor(): HTMLElement {
    const box = el("div", { class: "field", "data-path": "/related" }, el("span", { class: "label" }, "Keterkaitan"));
    const list = el("ul", { class: "actors" });
    const draw = () => {
      list.replaceChildren();
      (doc.related as { title: string; kind: string }[] | undefined ?? []).forEach((r, i) => {
        const title = el("input", { value: r.title, size: "40", "aria-label": `Judul SOP terkait ${i + 1}`, "data-path": `/related/${i}/title` });
        title.addEventListener("input", () => edit(false, () => { r.title = title.value; }));
        const kind = select([["prasyarat", "Prasyarat"], ["lanjutan", "Lanjutan"], ["terkait", "Terkait"], ["bagian_dari", "Bagian dari"]], r.kind);
        kind.setAttribute("aria-label", `Jenis keterkaitan ${i + 1}`);
        kind.addEventListener("change", () => edit(false, () => { r.kind = kind.value; }));
        const remove = el("button", { type: "button", class: "secondary small", "aria-label": `Hapus SOP terkait ${i + 1}` }, "Hapus");
        remove.addEventListener("click", () => edit(false, () => { (doc.related as unknown[]).splice(i, 1); draw(); }));
        list.append(el("li", {}, title, kind, remove));
      });
    };
    const add = el("button", { type: "button", class: "secondary" }, "Tambah SOP terkait");
    add.addEventListener("click", () => edit(false, () => {
      doc.related = [...((doc.related as unknown[]) ?? []), { title: "SOP terkait", kind: "terkait" }];
      draw();
    }));
    draw();
    box.append(list, add);
    return box;
  }

  function classification(label: string, key: string, options: [string, string][]): HTMLElement {
    const s = select(options, doc.classification?.[key] ?? "");
    s.dataset.path = `/classification/${key}`;
    s.addEventListener("change", () => edit(false, () => {
      doc.classification ??= {};
      if (s.value) doc.classification[key] = s.value;
      else delete doc.classification[key];
    }));
    return field(label, s);
  }
  function date(label: string, key: string): HTMLElement {
    const d = el("input", { type: "date", "data-path": `/dates/${key}` });
    d.value = doc.dates?.[key] ?? "";
    d.addEventListener("change", () => edit(false, () => {
      doc.dates ??= {};
      if (d.value) doc.dates[key] = d.value;
      else delete doc.dates[key];
    }));
    return field(label, d);
  }

  function drawActors(): void {
    const list = el("ul", { class: "actors", "data-path": "/actors" });
    doc.actors!.forEach((a, i) => {
      const kind = select([["position", "Jabatan"], ["external", "Pihak luar"]], a.external !== undefined ? "external" : "position");
      kind.setAttribute("aria-label", `Jenis pelaksana ${i + 1}`);
      const position = select([["", "(pilih jabatan)"], ...positionOptions()], a.position ?? "");
      position.setAttribute("aria-label", `Jabatan pelaksana ${i + 1}`);
      position.dataset.path = `/actors/${i}/position`;
      const external = el("input", { "aria-label": `Nama pihak luar ${i + 1}`, value: a.external ?? "", "data-path": `/actors/${i}` });
      position.hidden = kind.value !== "position";
      external.hidden = kind.value !== "external";
      kind.addEventListener("change", () => edit(false, () => {
        if (kind.value === "external") { delete a.position; a.external = external.value || "Pemohon"; external.value = a.external; }
        else { delete a.external; a.position = position.value; }
        position.hidden = kind.value !== "position";
        external.hidden = kind.value !== "external";
        drawSteps();
      }));
      position.addEventListener("change", () => edit(true, () => { a.position = position.value; }));
      external.addEventListener("input", () => edit(false, () => { a.external = external.value; }));
      const remove = el("button", { type: "button", class: "secondary small", "aria-label": `Hapus pelaksana ${i + 1}` }, "Hapus");
      remove.addEventListener("click", () => edit(true, () => {
        doc.actors!.splice(i, 1);
        for (const s of doc.steps!) if (s.actor === a.id) delete s.actor;
        drawActors();
      }));
      list.append(el("li", { "data-path": `/actors/${i}` }, el("span", { class: "code" }, a.id), " ", kind, position, external, remove));
    });
    const add = el("button", { type: "button", class: "secondary" }, "Tambah pelaksana");
    add.addEventListener("click", () => edit(true, () => {
      let n = doc.actors!.length + 1;
      while (doc.actors!.some((a) => a.id === `a${n}`)) ++n;
      doc.actors!.push({ id: `a${n}`, position: "" });
      drawActors();
    }));
    actorsBox.replaceChildren(el("legend", {}, "Pelaksana"), list, add);
  }

  function actorName(a: Actor): string {
    if (a.external !== undefined) return a.external || "(pihak luar)";
    return positionOptions().find(([pid]) => pid === a.position)?.[1] ?? "(pilih jabatan)";
  }
  function newStepId(): string {
    let n = doc.steps!.length + 1;
    while (doc.steps!.some((s) => s.id === `s${n}`)) ++n;
    return `s${n}`;
  }
  function move(i: number, to: number): void {
    if (to < 0 || to >= doc.steps!.length) return;
    edit(true, () => {
      const [s] = doc.steps!.splice(i, 1);
      doc.steps!.splice(to, 0, s);
    });
    (stepsBody.children[to]?.querySelector("textarea") as HTMLElement | null)?.focus();
  }

  let dragFrom = -1;
  function drawSteps(): void {
    const steps = doc.steps!;
    const focusedPath = (document.activeElement as HTMLElement | null)?.dataset?.path;
    stepsBody.replaceChildren();
    const targetOptions = (self: string): [string, string][] =>
      steps.filter((s) => s.id !== self).map((s) => [s.id, `${steps.indexOf(s) + 1}. ${(s.activity ?? "").slice(0, 30)}`]);
    steps.forEach((s, i) => {
      const at = `/steps/${i}`;
      const activity = el("textarea", { rows: "2", "aria-label": `Kegiatan langkah ${i + 1}`, "data-path": `${at}/activity` });
      activity.value = s.activity ?? "";
      activity.addEventListener("input", () => edit(false, () => { s.activity = activity.value; }));
      const actor = select([["", "(pelaksana)"], ...doc.actors!.map((a) => [a.id, actorName(a)] as [string, string])], s.actor ?? "");
      actor.setAttribute("aria-label", `Pelaksana langkah ${i + 1}`);
      actor.dataset.path = `${at}/actor`;
      actor.addEventListener("change", () => edit(false, () => { s.actor = actor.value; }));
      const symbol = select(symbols, s.symbol);
      symbol.setAttribute("aria-label", `Simbol langkah ${i + 1}`);
      symbol.addEventListener("change", () => edit(true, () => {
        s.symbol = symbol.value;
        if (s.symbol === "keputusan") { delete s.next; s.exits ??= [{ label: "Ya", to: "" }, { label: "Tidak", to: "" }]; }
        else delete s.exits;
        if (s.symbol === "selesai") delete s.next;
      }));
      const small = (label: string, key: "requirements" | "output" | "notes") => {
        const input = el("textarea", { rows: "2", "aria-label": `${label} langkah ${i + 1}`, "data-path": `${at}/${key}` });
        input.value = s[key] ?? "";
        input.addEventListener("input", () => edit(false, () => { s[key] = input.value || undefined; }));
        return input;
      };
      const amount = el("input", { type: "number", min: "0", step: "any", "aria-label": `Lama langkah ${i + 1}`, "data-path": `${at}/duration`, size: "4" });
      amount.value = s.duration ? String(s.duration.value) : "";
      const unit = select(durationUnits, s.duration?.unit ?? "menit");
      unit.setAttribute("aria-label", `Satuan waktu langkah ${i + 1}`);
      const setDuration = () => edit(false, () => {
        const v = Number(amount.value);
        if (amount.value && v > 0) s.duration = { value: v, unit: unit.value };
        else delete s.duration;
      });
      amount.addEventListener("input", setDuration);
      unit.addEventListener("change", setDuration);

      const flow = el("div", { class: "flow-cell" });
      if (s.symbol === "keputusan") {
        (s.exits ?? []).forEach((x, k) => {
          const label = el("input", { value: x.label, size: "6", "aria-label": `Label cabang ${k + 1} langkah ${i + 1}`, "data-path": `${at}/exits/${k}/label` });
          label.addEventListener("input", () => edit(false, () => { x.label = label.value; }));
          const to = select([["", "(ke langkah)"], ...targetOptions(s.id)], x.to);
          to.setAttribute("aria-label", `Tujuan cabang ${k + 1} langkah ${i + 1}`);
          to.dataset.path = `${at}/exits/${k}/to`;
          to.addEventListener("change", () => edit(false, () => { x.to = to.value; }));
          flow.append(el("div", {}, label, " → ", to));
        });
        flow.dataset.path = `${at}/exits`;
      } else if (s.symbol !== "selesai") {
        const next = select([["", "(langkah berikutnya)"], ...targetOptions(s.id)], s.next ?? "");
        next.setAttribute("aria-label", `Lanjut dari langkah ${i + 1}`);
        next.dataset.path = `${at}/next`;
        next.addEventListener("change", () => edit(false, () => { if (next.value) s.next = next.value; else delete s.next; }));
        flow.append(next);
      }
      const button = (label: string, aria: string, fn: () => void) => {
        const b = el("button", { type: "button", class: "secondary small", "aria-label": `${aria} langkah ${i + 1}` }, label);
        b.addEventListener("click", fn);
        return b;
      };
      const tools = el("div", { class: "row-tools" },
        button("↑", "Naikkan", () => move(i, i - 1)), button("↓", "Turunkan", () => move(i, i + 1)),
        button("Duplikat", "Duplikat", () => edit(true, () => steps.splice(i + 1, 0, { ...clone({ steps: [s] } as SopDoc).steps![0], id: newStepId() }))),
        button("Hapus", "Hapus", () => edit(true, () => {
          steps.splice(i, 1);
          for (const o of steps) {
            if (o.next === s.id) delete o.next;
            for (const x of o.exits ?? []) if (x.to === s.id) x.to = "";
          }
        })));
      const row = el("tr", { draggable: "true", "data-path": at },
        el("td", { class: "no" }, String(i + 1)), el("td", {}, activity), el("td", {}, actor), el("td", {}, symbol),
        el("td", {}, small("Kelengkapan", "requirements")), el("td", {}, amount, unit), el("td", {}, small("Output", "output")),
        el("td", {}, small("Keterangan", "notes")), el("td", {}, flow), el("td", {}, tools));
      // Keyboard: Alt+↑ / Alt+↓ move the row the focus is in.
      row.addEventListener("keydown", (ev) => {
        if (ev.altKey && (ev.key === "ArrowUp" || ev.key === "ArrowDown")) {
          ev.preventDefault();
          move(i, ev.key === "ArrowUp" ? i - 1 : i + 1);
        }
      });
      row.addEventListener("dragstart", () => { dragFrom = i; });
      row.addEventListener("dragover", (ev) => ev.preventDefault());
      row.addEventListener("drop", (ev) => { ev.preventDefault(); if (dragFrom >= 0) move(dragFrom, i); dragFrom = -1; });
      stepsBody.append(row);
    });
    if (focusedPath) (form.querySelector(`[data-path="${focusedPath}"]`) as HTMLElement | null)?.focus();
  }

  addStep.addEventListener("click", () => {
    edit(true, () => {
      const steps = doc.steps!;
      const symbol = steps.length === 0 ? "mulai" : "kegiatan";
      steps.push({ id: newStepId(), symbol, actor: doc.actors![0]?.id, activity: symbol === "mulai" ? "Mulai" : "" });
    });
    (stepsBody.lastElementChild?.querySelector("textarea") as HTMLElement | null)?.focus();
  });
  importFile.addEventListener("change", async () => {
    const file = importFile.files?.[0];
    if (!file) return;
    try {
      const r = await send<{ actors: Actor[]; steps: Step[] }>("POST", "/api/v1/import/sop-steps", { csv: await textOf(file), unit: doc.unit });
      edit(true, () => { doc.actors = r.actors; doc.steps = r.steps; });
      drawActors();
    } catch (e) {
      if (e instanceof ApiError) showProblems(e.details, e.message);
    }
    importFile.value = "";
  });

  function drawAll(): void {
    drawIdentity();
    drawActors();
    drawSteps();
  }

  document.addEventListener("keydown", function onKey(ev) {
    if (!target.isConnected || !form.isConnected) {
      document.removeEventListener("keydown", onKey);
      return;
    }
    if ((ev.ctrlKey || ev.metaKey) && ev.key === "z" && !(ev.target instanceof HTMLInputElement || ev.target instanceof HTMLTextAreaElement)) {
      ev.preventDefault();
      doUndo();
    }
  });
  window.addEventListener("beforeunload", (ev) => { if (dirty) ev.preventDefault(); });

  const view = el("a", { href: `/sop/${id}` }, "Lihat dokumen");
  view.addEventListener("click", async (ev) => { ev.preventDefault(); await save(); go(`/sop/${id}`); });
  // Discarding ends the draft; its versions stay in the history.
  const discard = el("button", { type: "button", class: "secondary" }, "Buang konsep");
  const discardBox = el("div");
  discard.addEventListener("click", () => {
    const reason = el("input", { size: "50", "aria-label": "Alasan membuang konsep" });
    const confirm = el("button", { type: "button" }, "Ya, buang konsep");
    const cancel = el("button", { type: "button", class: "secondary" }, "Batal");
    cancel.addEventListener("click", () => discardBox.replaceChildren());
    confirm.addEventListener("click", async () => {
      clearTimeout(saveTimer);
      try {
        await send("POST", `/api/v1/sops/${id}/actions/discard`, { reason: reason.value }, { "If-Match": `"${version}"` });
        dirty = false;
        go(`/sop/${id}`);
      } catch (e) {
        if (e instanceof ApiError) showError(notice, e.message, e.details);
      }
    });
    discardBox.replaceChildren(el("div", { class: "notice", role: "group", "aria-label": "Buang konsep" },
      el("p", {}, "Konsep dibuang dan tidak dapat disunting lagi; semua versinya tetap ada di riwayat."),
      reason, " ", confirm, cancel));
    reason.focus();
  });
  const saveNow = el("button", { type: "button" }, "Simpan sekarang");
  saveNow.addEventListener("click", () => { clearTimeout(saveTimer); dirty = true; void save(); });
  target.replaceChildren(
    el("div", { class: "editor-head" }, el("h2", {}, "Sunting SOP"), statusBadge(status), state, saveNow, undoButton, discard, view),
    discardBox, notice, conflictBox,
    el("div", { class: "editor" }, form, el("aside", { class: "editor-side" }, el("h3", {}, "Pemeriksaan"), problemsBox,
      el("h3", {}, "Diagram alir"), preview)));
  drawAll();
  void renderPreview();
}
