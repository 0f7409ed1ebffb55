import { ApiError, getJson, send, type Me, type Unit } from "../api";
import { atBanner, atForm, atOf, withAt } from "../at";
import { el, link, select, showError, statusBox } from "../dom";
import { stateBadges, workflow, type DueFlags } from "../status";

interface SopSummary extends DueFlags {
  id: string;
  unit: string;
  number: string;
  title: string;
  status: string;  // on a past day: as of that day
  last_version: number;
  in_force?: { version: number } | null;
  updated_at: number;
  updated_by: string;
}

/** SOPs per unit (its subtree), with status and text filters, or as they stood on a past day
 * ("Berlaku pada tanggal"); penyusun start new drafts here. The filters live in the URL. */
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
  const url = new URLSearchParams(location.search);
  const at = atOf();
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const writer = me.grants.find((g) => g.role === "penyusun");
  const unit = select([["", "Semua unit"], ...units.filter((u) => !u.closed)
    .map((u) => [u.id, `${"  ".repeat(u.depth ?? 0)}${u.name}`] as [string, string])],
    url.get("unit") ?? writer?.unit ?? "");
  unit.setAttribute("aria-label", "Unit");
  const status = select([["", "Semua status"], ...workflow().states.filter((s) => !s.shown_only)
    .map((s): [string, string] => [s.code, s.label])], url.get("status") ?? "");
  status.setAttribute("aria-label", "Status");
  const classification = select([["", "Semua klasifikasi"], ["administratif", "Administratif"],
    ["teknis", "Teknis"], ["mikro", "Mikro"], ["makro", "Makro"], ["final", "Final"], ["parsial", "Parsial"],
    ["generik", "Generik"], ["spesifik", "Spesifik"]], url.get("classification") ?? "");
  classification.setAttribute("aria-label", "Klasifikasi");
  // The server searches only what is current: no words with a date.
  const q = el("input", { type: "search", "aria-label": "Cari SOP", disabled: !!at, value: at ? "" : url.get("q") ?? "",
    placeholder: at ? "Pencarian hanya untuk hari ini" : "Cari nomor, judul, kegiatan…" });
  const body = el("tbody");
  const create = el("button", { type: "button" }, "Buat SOP baru");
  create.hidden = !writer;

  /** The filters for a day ("" = today); "unit" is kept even empty: "Semua unit" is a choice. */
  const filters = (day: string): URLSearchParams => {
    const p = new URLSearchParams({ unit: unit.value });
    if (status.value) p.set("status", status.value);
    if (classification.value) p.set("classification", classification.value);
    if (day) p.set("at", day);
    else if (q.value.trim()) p.set("q", q.value.trim());
    return p;
  };
  const path = (day: string): string => `/sop?${filters(day)}`;
  // Another day is another screen (back returns to the one before); the filters refine this one.
  const day = atForm("Berlaku pada tanggal", at, (d) => go(path(d)));
  target.append(...(at ? [atBanner(at, path(""), go)] : []),
    el("div", { class: "filters" }, unit, status, classification, q, day, create),
    el("table", { class: "grid stack", "data-testid": "sop-table" },
      el("thead", {}, el("tr", {}, ...["Nomor", "Judul", "Unit", "Status", "Versi"].map((h) => el("th", { scope: "col" }, h)))),
      body));

  let timer = 0;
  let latest = 0;
  async function load(): Promise<void> {
    if (!body.isConnected) return;  // the screen was left while typing
    history.replaceState(null, "", path(at));
    const seq = ++latest;
    const params = filters(at);
    if (!unit.value) params.delete("unit");
    try {
      const r = await getJson<{ items: SopSummary[] }>(`/api/v1/sops?${params}`);
      if (seq !== latest) return;  // an answer to filters already changed
      body.replaceChildren();
      for (const s of r.items) {
        body.append(el("tr", {}, el("td", {}, s.number || "—"),
          el("td", {}, link(withAt(`/sop/${s.id}`, at), s.title || "(tanpa judul)", go)),
          el("td", { "data-label": "Unit" }, unitName.get(s.unit) ?? "—"),
          // On a past day the state is that day's; today's overdue marks do not apply.
          el("td", {}, stateBadges(at ? { status: s.status } : s)),
          el("td", { "data-label": "Versi" }, String(at ? s.in_force?.version ?? "—" : s.last_version))));
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
