// Coverage of a unit's processes by SOPs on a day (/peta/cakupan?unit=&at=, GET /api/v1/coverage;
// the day is the one the app shows, from the header's picker): the totals, then each gap grouped
// by its type, each linking to the document to fix it (a map element opens the map's editor, a
// SOP the SOP; on another day, where nothing is fixed, the map itself).
import { useState } from "preact/hooks";
import { getJson, type Unit } from "../../api";
import { here, navigate, withQuery } from "../../app/router";
import { Status, useLoad, useTitle } from "../../app/screen";
import { Link, Field } from "../../app/ui";
import { formatDate } from "../../format";
import { UnitOptions } from "./editor/fields";
import type { Coverage, CoverageItem } from "./types";
import "../../docs/view/view.css";
import "./map.css";

const groupNames: Record<string, string> = {
  aktivitas_tanpa_sop: "Aktivitas tanpa SOP yang berlaku",
  sop_tanpa_peta: "SOP yang tidak dirujuk aktivitas peta mana pun",
  jabatan_tanpa_sop: "Jabatan yang berperan di peta tetapi tidak di SOP mana pun",
  sop_dicabut: "Aktivitas yang merujuk SOP yang sudah dicabut",
  sop_digantikan: "Aktivitas yang merujuk SOP yang sudah digantikan",
  pelaksana_berbeda: "SOP yang pelaksananya tidak lagi sesuai dengan lajur aktivitasnya",
  proses_belum_dirinci: "Proses yang belum dirinci ke peta di bawahnya",
};
const totalNames: [string, string][] = [
  ["activities", "Aktivitas di peta lintas fungsi"], ["activities_with_sop", "… yang dirinci SOP berlaku"],
  ["sops", "SOP berlaku di unit"], ["sops_in_map", "… yang dirujuk aktivitas peta"],
  ["processes", "Proses di peta level 0 dan dekomposisi"], ["processes_detailed", "… yang sudah dirinci"],
  ["maps", "Peta berlaku"], ["drift", "Penyimpangan (SOP dicabut, digantikan, atau pelaksana berbeda)"],
];

/** Where a gap is fixed: a map element in the map's editor, a SOP on its page; on another day
 * (`past`), the map as it was then. */
function fixLink(item: CoverageItem, past: boolean): { href: string; label: string } {
  const d = item.document;
  const name = [d.number, d.title].filter(Boolean).join(" ") || d.id;
  // A map's own title often starts with "Peta" already ("Peta Proses Bisnis ...").
  if (d.kind === "map")
    return { href: past ? `/peta/${d.id}` : `/peta/${d.id}/sunting`, label: /^peta\b/i.test(d.title) ? name : `peta ${name}` };
  return { href: `/sop/${d.id}`, label: `SOP ${name}` };
}

function percent(part: number | undefined, whole: number | undefined): string {
  return whole ? ` (${Math.round((100 * (part ?? 0)) / whole)}%)` : "";
}

export default function CoverageScreen() {
  useTitle("Cakupan SOP pada peta proses");
  const query = here.value.query;
  const unit = query.get("unit") ?? "";
  const at = query.get("at") ?? "";
  const units = useLoad(() => getJson<{ items: Unit[] }>("/api/v1/units").then((r) => r.items), []);
  const data = useLoad(() => getJson<Coverage>(withQuery("/api/v1/coverage", { unit, at })), [unit, at]);
  const [pickedUnit, setPickedUnit] = useState(unit);
  const groups = new Map<string, CoverageItem[]>();
  for (const item of data.data?.items ?? []) groups.set(item.type, [...(groups.get(item.type) ?? []), item]);
  const t = data.data?.totals ?? {};
  return (
    <div class="coverage">
      <h2>Cakupan SOP pada peta proses</h2>
      <p class="hint">Aktivitas peta yang belum dirinci SOP, SOP yang belum masuk peta, dan penyimpangan di antara keduanya,
        untuk satu unit beserta unit di bawahnya, hari ini atau pada tanggal yang dipilih di kepala halaman.</p>
      <form class="cov-form" role="search" onSubmit={(ev) => {
        ev.preventDefault();
        navigate(withQuery("/peta/cakupan", { unit: pickedUnit }));
      }}>
        <Field label="Unit">
          {(id) => <select id={id} value={pickedUnit} onChange={(ev) => setPickedUnit((ev.target as HTMLSelectElement).value)}>
            <UnitOptions units={units.data ?? []} empty="Seluruh instansi" /></select>}
        </Field>
        <button type="submit">Tampilkan</button>
      </form>
      <Status loading={data.loading && !data.data} error={data.error}>
        {data.data && <>
          <p data-testid="coverage-scope">{`${units.data?.find((u) => u.id === data.data!.unit)?.name ?? "Seluruh instansi"}, pada ${formatDate(data.data.at)}.`}</p>
          <dl class="cov-totals" data-testid="coverage-totals">
            {totalNames.filter(([k]) => k in t).map(([k, label]) => (
              <div key={k} data-total={k}><dt>{label}</dt><dd>{`${t[k]}${k === "activities_with_sop" ? percent(t[k], t.activities)
                : k === "sops_in_map" ? percent(t[k], t.sops) : k === "processes_detailed" ? percent(t[k], t.processes) : ""}`}</dd></div>))}
          </dl>
          {!data.data.items.length && <p class="notice ok">Tidak ada celah: setiap aktivitas dirinci SOP yang berlaku dan setiap SOP masuk peta.</p>}
          {[...groups].map(([type, items]) => (
            <section key={type} class="cov-group" data-testid={`coverage-${type}`} aria-labelledby={`cov-${type}`}>
              <h3 id={`cov-${type}`}>{`${groupNames[type] ?? type} (${items.length})`}</h3>
              <ul class="cards">
                {items.map((item, i) => {
                  const fix = fixLink(item, !!at);
                  return (
                    <li key={i} data-testid="coverage-item">
                      <p>{item.message}</p>
                      <div class="meta">
                        <Link href={fix.href}>{item.document.kind === "map" && !at ? `Perbaiki di ${fix.label}` : `Buka ${fix.label}`}</Link>
                        {item.sop && item.document.kind === "map" && <>{" · "}<Link href={`/sop/${item.sop.id}`}>{`SOP ${[item.sop.number, item.sop.title].filter(Boolean).join(" ")}`}</Link></>}
                        {item.element && ` · ${item.element.name || item.element.id}`}
                        {item.position && ` · ${item.position.name}`}
                      </div>
                    </li>);
                })}
              </ul>
            </section>))}
        </>}
      </Status>
    </div>
  );
}
