import { ApiError, getJson, send, type Account, type Staff, type Unit } from "../api";
import { el, field, select, showError, showOk, statusBox } from "../dom";
import { labelOf, roles } from "../labels";

/** Accounts tied to staff, with role grants per unit subtree and temporary passwords. */
export async function renderAdminAccounts(target: HTMLElement): Promise<void> {
  const notice = statusBox();
  target.replaceChildren(el("h2", {}, "Akun dan Peran"), notice);
  let units: Unit[], staff: Staff[], accounts: Account[];
  try {
    [units, staff, accounts] = await Promise.all([
      getJson<{ items: Unit[] }>("/api/v1/units").then((r) => r.items),
      getJson<{ items: Staff[] }>("/api/v1/staff?active=ya&limit=5000").then((r) => r.items),
      getJson<{ items: Account[] }>("/api/v1/accounts").then((r) => r.items),
    ]);
  } catch (e) {
    showError(notice, e instanceof ApiError ? e.message : "Data akun tidak dapat dimuat.");
    return;
  }
  const unitOptions: [string, string][] = units.filter((u) => !u.closed)
    .map((u) => [u.id, `${"  ".repeat(u.depth ?? 0)}${u.name}`]);

  const username = el("input", { name: "username", required: true, autocomplete: "off" });
  const person = select(staff.filter((s) => s.nip).map((s) => [s.nip ?? "", `${s.name} (${s.nip})`]));
  const temporary = el("input", { name: "temporary_password", type: "text", autocomplete: "off" });
  const active = el("input", { type: "checkbox", checked: true });
  const grants = el("tbody");
  let editing: Account | null = null;

  function grantRow(role = "pegawai", unit = units[0]?.id ?? ""): void {
    const n = grants.children.length + 1;
    const r = select(roles, role);
    r.setAttribute("aria-label", `Peran ${n}`);
    const u = select(unitOptions, unit);
    u.setAttribute("aria-label", `Unit peran ${n}`);
    const remove = el("button", { type: "button", class: "secondary small" }, "Hapus");
    const tr = el("tr", {}, el("td", {}, r), el("td", {}, u), el("td", {}, remove));
    remove.addEventListener("click", () => tr.remove());
    grants.append(tr);
  }
  const addGrant = el("button", { type: "button", class: "secondary" }, "Tambah peran");
  addGrant.addEventListener("click", () => grantRow());
  const submit = el("button", { type: "submit" }, "Simpan akun");
  const reset = el("button", { type: "button", class: "secondary" }, "Akun baru");
  const form = el("form", { class: "card", "aria-label": "Formulir akun" },
    field("Nama pengguna", username, "huruf kecil, angka, titik, garis bawah, tanda hubung"),
    field("Pegawai", person),
    field("Kata sandi sementara", temporary, "Wajib untuk akun baru; pengguna menggantinya saat masuk pertama"),
    el("label", { class: "check" }, active, " Aktif"),
    el("table", { class: "grid" }, el("caption", {}, "Peran (berlaku untuk unit dan seluruh unit di bawahnya)"),
      el("thead", {}, el("tr", {}, el("th", {}, "Peran"), el("th", {}, "Unit"), el("th", {}, ""))), grants),
    addGrant, submit, reset);
  const list = el("tbody");
  target.append(form, el("table", { class: "grid stack", "data-testid": "account-table" },
    el("thead", {}, el("tr", {}, ...["Pengguna", "Nama", "Peran", "Status", ""]
      .map((h) => el("th", { scope: "col" }, h)))), list));

  function fill(a: Account | null, focus = true): void {
    editing = a;
    username.value = a?.username ?? "";
    person.value = a?.nip ?? staff[0]?.nip ?? "";
    temporary.value = "";
    active.checked = a?.active ?? true;
    grants.replaceChildren();
    for (const g of a?.grants ?? []) grantRow(g.role, g.unit);
    if (!a) grantRow();
    if (focus) username.focus();
  }
  reset.addEventListener("click", () => fill(null));

  function draw(): void {
    list.replaceChildren();
    for (const a of accounts) {
      const edit = el("button", { type: "button", class: "secondary small" }, "Ubah");
      edit.setAttribute("aria-label", `Ubah akun ${a.username}`);
      edit.addEventListener("click", () => fill(a));
      list.append(el("tr", {}, el("td", {}, el("strong", {}, a.username)), el("td", { "data-label": "Nama" }, a.name),
        el("td", { "data-label": "Peran" }, a.grants.map((g) => `${labelOf(roles, g.role)} — ${g.unit_name}`).join("; ")),
        el("td", { "data-label": "Status" }, a.active ? (a.must_change_password ? "menunggu ganti sandi" : "aktif") : "nonaktif"),
        el("td", {}, edit)));
    }
  }

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const body: Record<string, unknown> = {
      username: username.value.trim(), nip: person.value, active: active.checked,
      grants: [...grants.querySelectorAll("tr")].map((tr) => {
        const [r, u] = tr.querySelectorAll("select");
        return { role: r.value, unit: u.value };
      }),
    };
    if (temporary.value) body.temporary_password = temporary.value;
    submit.disabled = true;
    try {
      const saved = editing
        ? await send<Account>("PUT", `/api/v1/accounts/${editing.id}`, body)
        : await send<Account>("POST", "/api/v1/accounts", body);
      accounts = (await getJson<{ items: Account[] }>("/api/v1/accounts")).items;
      draw();
      fill(null);
      showOk(notice, `Akun ${saved.username} tersimpan.`);
    } catch (e) {
      if (e instanceof ApiError) showError(notice, e.message, e.details);
      else showError(notice, "Terjadi kesalahan tak terduga.");
    } finally {
      submit.disabled = false;
    }
  });
  draw();
  fill(null, false);  // the screen's heading has the focus when it opens
}
