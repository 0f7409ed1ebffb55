import { ApiError, getJson, send, type Me, type Unit } from "../api";
import { el, select, showError, statusBox } from "../dom";
import { stateBadges, statusLabels, type DueFlags } from "../status";

interface SopSummary extends DueFlags {
  id: string;
  unit: string;
  number: string;
  title: string;
  status: string;
  last_version: number;
  updated_at: number;
  updated_by: string;
}

/** SOPs per unit (its subtree), with status and text filters; penyusun start new drafts here. */
export async function renderSopList(target: HTMLElement, me: Me, go: (path: string) => void): Promise<void> {
  const notice = statusBox();
  target.replaceChildren(el("h2", {}, "Daftar SOP"), notice);
  let units: Unit[];
  try {
    units = (await getJson<{ items: Unit[] }>("/api/v1/units")).items;
  } catch (e) {
    showError(notice, e instanceof ApiError ? e.message : "Data tidak dapat dimuat.");
    return;
  }
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const writer = me.grants.find((g) => g.role === "penyusun");
  const unit = select([["", "Semua unit"], ...units.filter((u) => !u.closed)
    .map((u) => [u.id, `${"  ".repeat(u.depth ?? 0)}${u.name}`] as [string, string])], writer?.unit ?? "");
  unit.setAttribute("aria-label", "Unit");
  // "disahkan" is shown, not stored: such SOPs are filed as berlaku.
  const status = select([["", "Semua status"], ...statusLabels.filter(([c]) => c !== "disahkan")]);
  status.setAttribute("aria-label", "Status");
  const classification = select([["", "Semua klasifikasi"], ["administratif", "Administratif"],
    ["teknis", "Teknis"], ["mikro", "Mikro"], ["makro", "Makro"], ["final", "Final"], ["parsial", "Parsial"],
    ["generik", "Generik"], ["spesifik", "Spesifik"]]);
  classification.setAttribute("aria-label", "Klasifikasi");
  const q = el("input", { type: "search", placeholder: "Cari nomor, judul, kegiatan…", "aria-label": "Cari SOP" });
  const body = el("tbody");
  const create = el("button", { type: "button" }, "Buat SOP baru");
  create.hidden = !writer;
  target.append(el("div", { class: "filters" }, unit, status, classification, q, create),
    el("table", { class: "grid", "data-testid": "sop-table" },
      el("thead", {}, el("tr", {}, ...["Nomor", "Judul", "Unit", "Status", "Versi"].map((h) => el("th", { scope: "col" }, h)))),
      body));

  let timer = 0;
  async function load(): Promise<void> {
    const params = new URLSearchParams();
    if (unit.value) params.set("unit", unit.value);
    if (status.value) params.set("status", status.value);
    if (classification.value) params.set("classification", classification.value);
    if (q.value.trim()) params.set("q", q.value.trim());
    try {
      const r = await getJson<{ items: SopSummary[] }>(`/api/v1/sops?${params}`);
      body.replaceChildren();
      for (const s of r.items) {
        const link = el("a", { href: `/sop/${s.id}` }, s.title || "(tanpa judul)");
        link.addEventListener("click", (ev) => { ev.preventDefault(); go(`/sop/${s.id}`); });
        body.append(el("tr", {}, el("td", {}, s.number || "—"), el("td", {}, link),
          el("td", {}, unitName.get(s.unit) ?? "—"),
          el("td", {}, stateBadges(s)),
          el("td", {}, String(s.last_version))));
      }
      if (!r.items.length) body.append(el("tr", {}, el("td", { colspan: "5" }, "Belum ada SOP yang cocok.")));
    } catch (e) {
      showError(notice, e instanceof ApiError ? e.message : "Daftar tidak dapat dimuat.");
    }
  }
  for (const input of [unit, status, classification]) input.addEventListener("change", () => void load());
  q.addEventListener("input", () => { clearTimeout(timer); timer = window.setTimeout(() => void load(), 250); });
  create.addEventListener("click", async () => {
    try {
      const r = await send<{ id: string }>("POST", "/api/v1/sops", {
        document: { title: "SOP baru", unit: unit.value || writer!.unit }, message: "Membuat konsep SOP",
      });
      go(`/sop/${r.id}/sunting`);
    } catch (e) {
      if (e instanceof ApiError) showError(notice, e.message, e.details);
    }
  });
  await load();
}
