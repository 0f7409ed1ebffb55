import { ApiError, send, textOf } from "../api";
import { el, fileField, showError, showOk, statusBox } from "../dom";

interface Counts { added: number; changed: number; unchanged: number }
interface Plan {
  dry_run: boolean;
  units: Counts;
  positions: Counts;
  staff: Counts;
  changes: { file: string; row: string; change: string; code: string; name: string }[];
  ignored_columns: Record<string, string[]>;
}

const files: [key: string, label: string, columns: string][] = [
  ["units", "Berkas unit (CSV)", "kode, nama, jenis, kode_induk"],
  ["positions", "Berkas jabatan (CSV)", "kode, nama, jenis, eselon, kode_unit, kepala"],
  ["staff", "Berkas pegawai (CSV)", "nip, nama, kode_jabatan, aktif"],
];
const fileNames: Record<string, string> = { units: "unit", positions: "jabatan", staff: "pegawai" };

/** Import from the spreadsheets an HR system exports: preview first, then apply all or nothing. */
export function renderAdminImport(target: HTMLElement): void {
  const notice = statusBox();
  const inputs = new Map<string, HTMLInputElement>();
  const fields = files.map(([key, label, columns]) => {
    const input = el("input", { type: "file", accept: ".csv,text/csv", name: key });
    inputs.set(key, input);
    return fileField(label, input, `Kolom: ${columns}. Pemisah koma atau titik koma, UTF-8.`);
  });
  const preview = el("button", { type: "button" }, "Pratinjau perubahan");
  const apply = el("button", { type: "button", disabled: true }, "Terapkan impor");
  const result = el("section", { "data-testid": "import-result", "aria-live": "polite" });
  target.replaceChildren(
    el("h2", {}, "Impor Struktur Organisasi"),
    el("p", {}, "Impor semua atau tidak sama sekali: berkas yang berisi kesalahan ditolak seluruhnya, " +
      "dan setiap baris serta kolom yang salah disebutkan."),
    el("form", { class: "card", "aria-label": "Impor" }, ...fields, preview, apply), notice, result);

  async function body(dryRun: boolean): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = { dry_run: dryRun };
    for (const [key, input] of inputs) {
      const file = input.files?.[0];
      if (file) out[key] = await textOf(file);
    }
    return out;
  }

  function showPlan(plan: Plan): void {
    const counts = el("table", { class: "grid", tabindex: "0" },
      el("thead", {}, el("tr", {}, ...["", "Ditambah", "Diubah", "Tetap"].map((h) => el("th", {}, h)))),
      el("tbody", {}, ...([["Unit", plan.units], ["Jabatan", plan.positions], ["Pegawai", plan.staff]] as
        [string, Counts][]).map(([label, c]) => el("tr", {}, el("th", { scope: "row" }, label),
        el("td", {}, String(c.added)), el("td", {}, String(c.changed)), el("td", {}, String(c.unchanged))))));
    const changes = el("ul", { class: "changes" });
    for (const c of plan.changes)
      changes.append(el("li", {}, `${fileNames[c.file] ?? c.file}, ${c.row}: ${c.change} — ${c.code} ${c.name}`));
    result.replaceChildren(el("h3", {}, plan.dry_run ? "Pratinjau" : "Hasil impor"), counts, changes);
    for (const [file, cols] of Object.entries(plan.ignored_columns))
      result.append(el("p", { class: "hint" },
        `Kolom diabaikan di berkas ${fileNames[file] ?? file}: ${cols.join(", ")}`));
  }

  preview.addEventListener("click", async () => {
    apply.disabled = true;
    try {
      showPlan(await send<Plan>("POST", "/api/v1/org/import", await body(true)));
      showOk(notice, "Pratinjau siap. Periksa perubahan, lalu tekan Terapkan impor.");
      apply.disabled = false;
    } catch (e) {
      result.replaceChildren();
      if (e instanceof ApiError) showError(notice, e.message, e.details);
      else showError(notice, "Berkas tidak dapat dibaca.");
    }
  });
  apply.addEventListener("click", async () => {
    apply.disabled = true;
    try {
      showPlan(await send<Plan>("POST", "/api/v1/org/import", await body(false)));
      showOk(notice, "Impor berhasil disimpan.");
    } catch (e) {
      if (e instanceof ApiError) showError(notice, e.message, e.details);
      else showError(notice, "Berkas tidak dapat dibaca.");
    }
  });
}
