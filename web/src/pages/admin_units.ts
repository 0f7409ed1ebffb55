import { ApiError, getJson, send, type Position, type Unit } from "../api";
import { dayInput, el, field, select, showError, showOk, statusBox } from "../dom";
import { parseDay, typedDay } from "../dates";
import { newId } from "../ids";
import { eselons, positionKinds, unitKinds } from "../labels";

/** Add a unit with its positions, or change one (rename, move, positions, close). */
export async function renderAdminUnits(target: HTMLElement): Promise<void> {
  const notice = statusBox();
  target.replaceChildren(el("h2", {}, "Kelola Unit dan Jabatan"), notice);
  let units: Unit[] = [];
  async function loadUnits(): Promise<void> {
    units = (await getJson<{ items: Unit[] }>("/api/v1/units")).items;
  }
  try {
    await loadUnits();
  } catch (e) {
    showError(notice, e instanceof ApiError ? e.message : "Data unit tidak dapat dimuat.");
    return;
  }
  const unitOptions = (): [string, string][] =>
    units.filter((u) => !u.closed).map((u) => [u.id, `${"  ".repeat(u.depth ?? 0)}${u.code} ${u.name}`]);

  const which = select([["", "(unit baru)"], ...unitOptions()]);
  const parent = select(unitOptions());
  const code = el("input", { name: "code", required: true });
  const name = el("input", { name: "name", required: true, size: "50" });
  const kind = select(unitKinds, "seksi");
  const rows = el("tbody");
  const closeDate = dayInput("", { name: "closed_date" });
  const closeReason = el("input", { name: "closed_reason", size: "50" });
  let editing: Unit | null = null;

  function positionRow(p: Position | null, isHead: boolean): void {
    const n = rows.children.length + 1;
    const tr = el("tr");
    tr.dataset.id = p?.id ?? "";
    const pcode = el("input", { "aria-label": `Kode jabatan ${n}`, value: p?.code ?? "", size: "10" });
    const pname = el("input", { "aria-label": `Nama jabatan ${n}`, value: p?.name ?? "", size: "36" });
    const pkind = select(positionKinds, p?.kind ?? "pelaksana");
    pkind.setAttribute("aria-label", `Jenis jabatan ${n}`);
    const pesel = select(eselons, p?.eselon ?? "");
    pesel.setAttribute("aria-label", `Eselon jabatan ${n}`);
    const head = el("input", { type: "radio", name: "kepala", "aria-label": `Jabatan ${n} kepala unit`,
      checked: isHead });
    const remove = el("button", { type: "button", class: "secondary small" }, "Hapus");
    remove.setAttribute("aria-label", `Hapus jabatan ${n}`);
    remove.addEventListener("click", () => tr.remove());
    tr.append(...[pcode, pname, pkind, pesel, head, remove].map((c) => el("td", {}, c)));
    rows.append(tr);
  }

  function load(u: Unit | null): void {
    editing = u;
    parent.value = u?.parent ?? units[0]?.id ?? "";
    parent.disabled = !!u && !u.parent;
    code.value = u?.code ?? "";
    name.value = u?.name ?? "";
    kind.value = u?.kind ?? "seksi";
    closeDate.value = typedDay(u?.closed?.date ?? "");
    closeReason.value = u?.closed?.reason ?? "";
    closeBox.hidden = !u;
    rows.replaceChildren();
    for (const p of u?.positions ?? []) positionRow(p, p.id === u?.head_position);
  }

  which.addEventListener("change", () => load(units.find((u) => u.id === which.value) ?? null));
  const addPosition = el("button", { type: "button", class: "secondary" }, "Tambah jabatan");
  addPosition.addEventListener("click", () => {
    positionRow(null, rows.children.length === 0);
    (rows.lastElementChild?.querySelector("input") as HTMLInputElement | null)?.focus();
  });
  const closeBox = el("fieldset", { hidden: true },
    el("legend", {}, "Tutup unit (penggabungan, pemecahan, atau penghapusan)"),
    field("Tanggal ditutup", closeDate), field("Alasan", closeReason));
  const submit = el("button", { type: "submit" }, "Simpan unit");
  const form = el("form", { class: "card", "aria-label": "Formulir unit" },
    field("Unit yang disunting", which),
    field("Unit induk", parent), field("Kode unit", code, "Kode instansi, misalnya 2.16.2.1"),
    field("Nama unit", name), field("Jenis unit", kind),
    el("table", { class: "grid", tabindex: "0" }, el("caption", {}, "Jabatan di unit ini"),
      el("thead", {}, el("tr", {}, ...["Kode", "Nama jabatan", "Jenis", "Eselon", "Kepala", ""]
        .map((h) => el("th", { scope: "col" }, h)))), rows),
    addPosition, closeBox, submit);
  target.append(form);

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const positions: Position[] = [];
    let head: string | null = null;
    for (const tr of rows.querySelectorAll("tr")) {
      const [c, n, k, e, h] = [...tr.querySelectorAll("input, select")] as
        (HTMLInputElement & HTMLSelectElement)[];
      tr.dataset.id ||= newId();
      const p: Position = { id: tr.dataset.id, code: c.value.trim(), name: n.value.trim(), kind: k.value };
      if (e.value) p.eselon = e.value;
      if (h.checked) head = p.id!;
      positions.push(p);
    }
    const body: Record<string, unknown> = {
      code: code.value.trim(), name: name.value.trim(), kind: kind.value,
      parent: editing && !editing.parent ? null : parent.value, positions, head_position: head,
    };
    if (editing && closeDate.value.trim())
      body.closed = { date: parseDay(closeDate.value) || closeDate.value, reason: closeReason.value.trim(), successors: [] };
    submit.disabled = true;
    try {
      const saved = editing
        ? await send<Unit>("PUT", `/api/v1/units/${editing.id}`, body)
        : await send<Unit>("POST", "/api/v1/units", body);
      await loadUnits();
      which.replaceChildren(...[["", "(unit baru)"], ...unitOptions()].map(([v, t]) =>
        el("option", { value: v }, t)));
      parent.replaceChildren(...unitOptions().map(([v, t]) => el("option", { value: v }, t)));
      which.value = saved.id;
      load(units.find((u) => u.id === saved.id) ?? null);
      showOk(notice, `Unit "${saved.name}" tersimpan.`);
    } catch (e) {
      if (e instanceof ApiError) showError(notice, e.message, e.details);
      else showError(notice, "Terjadi kesalahan tak terduga.");
    } finally {
      submit.disabled = false;
    }
  });
  load(null);
}
