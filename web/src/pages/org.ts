import { ApiError, getJson, type Staff, type Unit } from "../api";
import { el, select, showError, statusBox } from "../dom";
import { formatDateTime } from "../format";
import { eselons, labelOf, positionKinds, unitKinds } from "../labels";

interface UnitDetail extends Unit {
  path: { id: string; name: string }[];
  children: { id: string; code: string; name: string }[];
}
interface Version {
  commit: string;
  time: string;
  author: string;
  action: string;
  message: string;
}

/** The org tree (every role may read it): units, their positions, and the staff holding them. */
export async function renderOrg(target: HTMLElement, selectedId = ""): Promise<void> {
  const notice = statusBox();
  target.replaceChildren(el("h2", {}, "Struktur Organisasi"), notice);
  let units: Unit[];
  let staff: Staff[];
  try {
    [units, staff] = await Promise.all([
      getJson<{ items: Unit[] }>("/api/v1/units").then((r) => r.items),
      getJson<{ items: Staff[] }>("/api/v1/staff?limit=5000").then((r) => r.items),
    ]);
  } catch (e) {
    showError(notice, e instanceof ApiError ? e.message : "Data organisasi tidak dapat dimuat.");
    return;
  }

  const search = el("input", { type: "search", placeholder: "nama atau kode unit, nama pegawai" });
  search.id = "cari-unit";
  const kind = select([["", "Semua jenis unit"], ...unitKinds]);
  kind.id = "jenis-unit";
  kind.setAttribute("aria-label", "Saring jenis unit");
  const tree = el("ul", { class: "tree", "aria-label": "Daftar unit", "data-testid": "org-tree" });
  const detail = el("section", { class: "unit-detail", "aria-live": "polite" });
  const counter = el("p", { class: "hint" });
  target.append(
    el("div", { class: "filters" },
      el("label", { for: "cari-unit" }, "Cari"), search, kind, counter),
    el("div", { class: "split" }, tree, detail),
  );

  const staffByUnit = new Map<string, Staff[]>();
  for (const s of staff) {
    if (!s.unit) continue;
    staffByUnit.set(s.unit, [...(staffByUnit.get(s.unit) ?? []), s]);
  }

  function draw(): void {
    const q = search.value.trim().toLowerCase();
    tree.replaceChildren();
    let shown = 0;
    for (const u of units) {
      const people = staffByUnit.get(u.id) ?? [];
      const match = !q || u.name.toLowerCase().includes(q) || u.code.toLowerCase().includes(q) ||
        people.some((s) => s.name.toLowerCase().includes(q) || (s.nip ?? "").includes(q));
      if (!match || (kind.value && u.kind !== kind.value)) continue;
      ++shown;
      const button = el("button", {
        type: "button", class: "unit-link", "aria-current": u.id === selectedId ? "true" : false,
      }, el("span", { class: "code" }, u.code), " ", u.name);
      if (u.closed) button.append(el("span", { class: "badge" }, "ditutup"));
      button.addEventListener("click", () => {
        selectedId = u.id;
        history.replaceState(null, "", `/organisasi/${u.id}`);
        draw();
        void showUnit(u.id);
      });
      const item = el("li", { style: `padding-left: ${(q ? 0 : u.depth ?? 0) * 1.1}rem` }, button);
      tree.append(item);
    }
    counter.textContent = `${shown} unit ditampilkan`;
  }

  async function showUnit(id: string): Promise<void> {
    detail.replaceChildren(el("p", { class: "hint" }, "Memuat…"));
    let u: UnitDetail;
    try {
      u = await getJson<UnitDetail>(`/api/v1/units/${id}`);
    } catch (e) {
      detail.replaceChildren(el("p", {}, e instanceof ApiError ? e.message : "Gagal memuat unit."));
      return;
    }
    const people = staffByUnit.get(id) ?? [];
    const positions = el("table", { class: "grid", tabindex: "0", "data-testid": "unit-positions" },
      el("caption", {}, "Jabatan"),
      el("thead", {}, el("tr", {}, ...["Kode", "Nama jabatan", "Jenis", "Eselon", "Pemegang"]
        .map((h) => el("th", { scope: "col" }, h)))));
    const body = el("tbody");
    for (const p of u.positions) {
      const holders = people.filter((s) => s.position === p.id && s.active).map((s) => s.name);
      body.append(el("tr", {},
        el("td", {}, p.code),
        el("td", {}, p.name, p.id === u.head_position ? el("span", { class: "badge" }, "kepala") : ""),
        el("td", {}, labelOf(positionKinds, p.kind)),
        el("td", {}, p.eselon ? labelOf(eselons, p.eselon) : "—"),
        el("td", {}, holders.join(", ") || "lowong")));
    }
    positions.append(body);
    const staffList = el("ul", { "data-testid": "unit-staff" });
    for (const s of people)
      staffList.append(el("li", {}, `${s.name}${s.nip ? ` — NIP ${s.nip}` : ""} — ${s.position_name ?? ""}`,
        s.active ? "" : el("span", { class: "badge" }, "tidak aktif")));
    const historyBox = el("div");
    const historyButton = el("button", { type: "button", class: "secondary" }, "Lihat riwayat");
    historyButton.addEventListener("click", async () => {
      try {
        const h = await getJson<{ versions: Version[] }>(`/api/v1/units/${id}/history`);
        const list = el("ol", { class: "history" });
        for (const v of h.versions)
          list.append(el("li", {}, `${formatDateTime(v.time)} — ${v.author}: ${v.message} `,
            el("code", {}, v.commit.slice(0, 10))));
        historyBox.replaceChildren(el("h4", {}, "Riwayat perubahan (git)"), list);
      } catch (e) {
        historyBox.replaceChildren(el("p", {}, e instanceof ApiError ? e.message : "Gagal."));
      }
    });
    detail.replaceChildren(
      el("nav", { class: "crumbs", "aria-label": "Letak unit" }, u.path.map((p) => p.name).join(" › ")),
      el("h3", { "data-testid": "unit-title" }, u.name),
      el("p", {}, `Kode ${u.code} · ${labelOf(unitKinds, u.kind)}`,
        u.closed ? ` · ditutup ${u.closed.date}: ${u.closed.reason}` : ""),
      positions,
      el("h4", {}, `Pegawai (${people.length})`),
      people.length ? staffList : el("p", { class: "hint" }, "Belum ada pegawai."),
      historyButton, historyBox,
    );
  }

  search.addEventListener("input", draw);
  kind.addEventListener("change", draw);
  draw();
  if (selectedId) void showUnit(selectedId);
}
