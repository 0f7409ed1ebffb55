import { ApiError, getJson, send, type Staff, type Unit } from "../api";
import { el, field, select, showError, showOk, statusBox } from "../dom";

/** Staff (kept in the index, never in git): add one, or change name, position, active. */
export async function renderAdminStaff(target: HTMLElement): Promise<void> {
  const notice = statusBox();
  target.replaceChildren(el("h2", {}, "Pegawai"), notice);
  let units: Unit[];
  let staff: Staff[];
  try {
    [units, staff] = await Promise.all([
      getJson<{ items: Unit[] }>("/api/v1/units").then((r) => r.items),
      getJson<{ items: Staff[] }>("/api/v1/staff?limit=5000").then((r) => r.items),
    ]);
  } catch (e) {
    showError(notice, e instanceof ApiError ? e.message : "Data pegawai tidak dapat dimuat.");
    return;
  }
  const positionOptions: [string, string][] = [["", "(tanpa jabatan)"]];
  for (const u of units)
    if (!u.closed) for (const p of u.positions) positionOptions.push([p.id!, `${p.name} — ${u.name}`]);

  const nip = el("input", { name: "nip", inputmode: "numeric", maxlength: "18", required: true });
  const name = el("input", { name: "name", required: true, size: "40" });
  const position = select(positionOptions);
  const active = el("input", { type: "checkbox", checked: true });
  let editing = false;
  const submit = el("button", { type: "submit" }, "Simpan pegawai");
  const reset = el("button", { type: "button", class: "secondary" }, "Pegawai baru");
  const form = el("form", { class: "card", "aria-label": "Formulir pegawai" },
    field("NIP (18 angka)", nip), field("Nama lengkap dengan gelar", name),
    field("Jabatan", position), el("label", { class: "check" }, active, " Aktif"), submit, reset);
  const search = el("input", { type: "search", "aria-label": "Cari pegawai", placeholder: "Cari nama atau NIP" });
  const table = el("tbody");
  target.append(form, el("div", { class: "filters" }, search),
    el("table", { class: "grid stack", "data-testid": "staff-table" },
      el("thead", {}, el("tr", {}, ...["NIP", "Nama", "Jabatan", "Unit", "Status", ""]
        .map((h) => el("th", { scope: "col" }, h)))), table));

  function fill(s: Staff | null): void {
    editing = !!s;
    nip.value = s?.nip ?? "";
    nip.readOnly = !!s;
    name.value = s?.name ?? "";
    position.value = s?.position ?? "";
    active.checked = s?.active ?? true;
    (s ? name : nip).focus();
  }
  reset.addEventListener("click", () => fill(null));

  function draw(): void {
    const q = search.value.trim().toLowerCase();
    table.replaceChildren();
    for (const s of staff) {
      if (q && !s.name.toLowerCase().includes(q) && !(s.nip ?? "").includes(q)) continue;
      const edit = el("button", { type: "button", class: "secondary small" }, "Ubah");
      edit.setAttribute("aria-label", `Ubah ${s.name}`);
      edit.addEventListener("click", () => fill(s));
      table.append(el("tr", {}, el("td", { "data-label": "NIP" }, s.nip ?? ""), el("td", {}, el("strong", {}, s.name)),
        el("td", { "data-label": "Jabatan" }, s.position_name ?? "—"), el("td", { "data-label": "Unit" }, s.unit_name ?? "—"),
        el("td", { "data-label": "Status" }, s.active ? "aktif" : "tidak aktif"), el("td", {}, edit)));
    }
  }
  search.addEventListener("input", draw);

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const body = { nip: nip.value.trim(), name: name.value.trim(),
      position: position.value || null, active: active.checked };
    submit.disabled = true;
    try {
      const saved = editing
        ? await send<Staff>("PUT", `/api/v1/staff/${body.nip}`, body)
        : await send<Staff>("POST", "/api/v1/staff", body);
      staff = (await getJson<{ items: Staff[] }>("/api/v1/staff?limit=5000")).items;
      draw();
      fill(null);
      showOk(notice, `Data ${saved.name} tersimpan.`);
    } catch (e) {
      if (e instanceof ApiError) showError(notice, e.message, e.details);
      else showError(notice, "Terjadi kesalahan tak terduga.");
    } finally {
      submit.disabled = false;
    }
  });
  draw();
}
