// The side panel of the cross-functional map editor, for the element selected on the canvas:
// an activity's name and the SOPs that detail it (found by their words, GET /api/v1/sops?q=),
// a sub-process's detailing map, a lane's unit or position from the org tree. Every change goes
// through bpmn-js's modeling (updateProperties / updateLabel), so it lands in the BPMN XML, on
// the modeler's undo stack, and from there in the document.
import { useRef, useState } from "preact/hooks";
import { getJson, type Unit } from "../../../api";
import { useTimer } from "../../../app/screen";
import { Link } from "../../../app/ui";
import { Combobox, type ComboOption } from "../../../docs/editor/combobox";
import type { DocSummary } from "../../../docs/view/types";
import { orgOf } from "../../sop/editor/org";
import { isActivity, sopsOf, type DiagramElement, type Modeling } from "../bpmn/services";
import { linkedName } from "../cross_map";
import type { MapDoc } from "../types";
import { FieldError, type FieldContext } from "./fields";

/** Options found on the server for what is typed, asked a moment after the typing stops. */
function useRemoteOptions<T>(find: (q: string) => Promise<ComboOption<T>[]>): (q: string) => ComboOption<T>[] {
  const [hits, setHits] = useState<{ q: string; items: ComboOption<T>[] }>({ q: "\u0000", items: [] });
  const asked = useRef("\u0000");
  const later = useTimer();
  return (q) => {
    if (asked.current !== q) {
      asked.current = q;
      later(() => { void find(q).then((items) => { if (asked.current === q) setHits({ q, items }); }, () => {}); }, 200);
    }
    return hits.items;
  };
}

const sopOption = (s: DocSummary): ComboOption<string> =>
  ({ key: s.id, label: s.title || "(tanpa judul)", detail: s.number || "(belum bernomor)", value: s.id });

/** Names of the documents the map names, kept as the author links more (id → "number — title"). */
export type Names = { get: (id: string) => string | undefined; add: (id: string, name: string) => void };

function SopPanel({ ctx, element, modeling, names }: { ctx: FieldContext; element: DiagramElement; modeling: Modeling; names: Names }) {
  const ids = sopsOf(element.businessObject);
  const name = { get: (id: string) => names.get(id) ?? "SOP yang tidak dapat Anda baca" };
  const search = useRemoteOptions((q) => getJson<{ items: DocSummary[] }>(`/api/v1/sops${q.trim() ? `?q=${encodeURIComponent(q.trim())}` : ""}`)
    .then((r) => {
      const items = r.items.filter((s) => !ids.includes(s.id)).slice(0, 20);
      for (const s of items) names.add(s.id, linkedName(s));
      return items.map(sopOption);
    }));
  const set = (next: string[]) => modeling.updateProperties(element, { "sopan:sops": next.length ? next.join(" ") : undefined });
  return (
    <div data-testid="sop-panel">
      <h4>SOP yang merinci aktivitas ini</h4>
      {!ids.length && <p class="hint">Belum ada SOP yang ditautkan.</p>}
      <ul data-testid="linked-sops">
        {ids.map((id) => (
          <li key={id}><Link href={`/sop/${id}`} target="_blank">{name.get(id)}</Link>
            {!ctx.readOnly && <button type="button" class="small secondary" aria-label={`Lepas ${name.get(id)}`}
              onClick={() => set(ids.filter((x) => x !== id))}>Lepas</button>}</li>))}
      </ul>
      {!ctx.readOnly && ids.length < 10 && <>
        <p class="mf-label" aria-hidden="true">Tautkan SOP</p>
        <Combobox<string> label="Tautkan SOP" shown="" search={search} pick={(id) => set([...ids, id])} testId="sop-search" />
        <small class="hint">Ketik nomor atau judul SOP, pilih dengan ↓ lalu Enter.</small>
      </>}
    </div>
  );
}

function MapLink({ ctx, element, modeling, names }: { ctx: FieldContext; element: DiagramElement; modeling: Modeling; names: Names }) {
  const map = String(element.businessObject.get("sopan:map") ?? "");
  const title = { data: map ? names.get(map) ?? "Peta yang tidak dapat Anda baca" : "" };
  const search = useRemoteOptions((q) => getJson<{ items: DocSummary[] }>(`/api/v1/maps${q.trim() ? `?q=${encodeURIComponent(q.trim())}` : ""}`)
    .then((r) => {
      const items = r.items.slice(0, 20);
      for (const s of items) names.add(s.id, linkedName(s));
      return items.map(sopOption);
    }));
  return (
    <div>
      <h4>Peta yang merinci sub-proses ini</h4>
      {map ? <p><Link href={`/peta/${map}`} target="_blank">{title.data}</Link>
        {!ctx.readOnly && <button type="button" class="small secondary" onClick={() => modeling.updateProperties(element, { "sopan:map": undefined })}>Lepas</button>}</p>
        : <p class="hint">Belum dirinci ke peta lain.</p>}
      {!ctx.readOnly && <>
        <p class="mf-label" aria-hidden="true">Pilih peta rincian</p>
        <Combobox<string> label="Pilih peta rincian" shown="" search={search}
          pick={(id) => modeling.updateProperties(element, { "sopan:map": id })} />
      </>}
    </div>
  );
}

type LaneValue = { unit: string; name: string } | { position: string; name: string } | { external: true };

function LanePanel({ ctx, element, modeling, units }: { ctx: FieldContext; element: DiagramElement; modeling: Modeling; units: Unit[] }) {
  const org = orgOf(units);
  const bo = element.businessObject;
  const unit = String(bo.get("sopan:unit") ?? "");
  const position = String(bo.get("sopan:position") ?? "");
  const shown = position ? (org.positions.get(position) ? `${org.positions.get(position)!.name} — ${org.positions.get(position)!.unit.name}` : `Jabatan tidak dikenal (${position})`)
    : unit ? `Unit: ${org.units.get(unit)?.name ?? `tidak dikenal (${unit})`}` : "";
  const oldName = position ? org.positions.get(position)?.name : unit ? org.units.get(unit)?.name : undefined;
  const search = (q: string): ComboOption<LaneValue>[] => {
    const words = q.toLowerCase().split(/\s+/).filter(Boolean);
    const out: ComboOption<LaneValue>[] = [];
    for (const u of units)
      if (!u.closed && words.every((w) => `${u.name} ${u.code}`.toLowerCase().includes(w)))
        out.push({ key: `u:${u.id}`, label: `Unit: ${u.name}`, detail: "seluruh unit", value: { unit: u.id, name: u.name } });
    for (const p of org.list.filter((p) => words.every((w) => p.words.includes(w))))
      out.push({ key: `p:${p.id}`, label: p.name, detail: p.unit.name, value: { position: p.id, name: p.name } });
    return [...out.slice(0, 40), { key: "luar", label: "Pihak luar", detail: "bukan unit atau jabatan di organisasi", value: { external: true } }];
  };
  const pick = (v: LaneValue) => {
    // The lane keeps a name the author gave it; one that only named the old choice follows the new.
    const keep = bo.name && bo.name !== oldName;
    if ("external" in v) modeling.updateProperties(element, { "sopan:unit": undefined, "sopan:position": undefined });
    else modeling.updateProperties(element, {
      "sopan:unit": "unit" in v ? v.unit : undefined, "sopan:position": "position" in v ? v.position : undefined,
      ...(keep ? {} : { name: v.name }),
    });
  };
  return (
    <div data-testid="lane-panel">
      <h4>Pemilik lajur</h4>
      <p class="mf-label" aria-hidden="true">Unit atau jabatan</p>
      <Combobox<LaneValue> label="Unit atau jabatan lajur" shown={shown} search={search} pick={pick} disabled={ctx.readOnly} testId="lane-owner" />
      <small class="hint">Ketik nama unit atau jabatan, pilih dengan ↓ lalu Enter; atau pihak luar (mis. Pemohon).</small>
    </div>
  );
}

export function ElementPanel({ ctx, element, modeling, doc, units, names }: {
  ctx: FieldContext; element: DiagramElement | null; modeling: Modeling | null; doc: MapDoc; units: Unit[]; names: Names;
}) {
  if (!element || !modeling)
    return <p class="hint">Pilih aktivitas pada diagram untuk menautkan SOP, atau lajur untuk memilih unit atau jabatannya.</p>;
  const bo = element.businessObject;
  const lane = element.type === "bpmn:Lane";
  const list = lane ? doc.lanes ?? [] : doc.nodes ?? [];
  const index = list.findIndex((e) => e.id === element.id);
  const path = index >= 0 ? `/${lane ? "lanes" : "nodes"}/${index}` : "";
  const activity = isActivity(element.type);
  const known = lane || activity || /Event$|Gateway$|^bpmn:SequenceFlow$|^bpmn:Participant$/.test(element.type);
  return (
    <div data-part={path || undefined} data-path={path || undefined}>
      <label class="mf-field">
        <span>{lane ? "Nama lajur" : "Nama elemen"}</span>
        <input type="text" value={bo.name ?? ""} readOnly={ctx.readOnly} data-testid="element-name"
          onInput={(ev) => modeling.updateLabel(element, (ev.target as HTMLInputElement).value)} />
      </label>
      {!known && <p class="notice unsupported">Elemen jenis ini tidak didukung peta lintas fungsi dan tidak disimpan.</p>}
      {path && <>
        <FieldError ctx={ctx} path={path} />
        {ctx.problems.filter((p) => p.path.startsWith(`${path}/`)).map((p) => <small key={p.path + p.message} class="field-error">{p.message}</small>)}
      </>}
      {activity && <SopPanel ctx={ctx} element={element} modeling={modeling} names={names} />}
      {element.type === "bpmn:SubProcess" && <MapLink ctx={ctx} element={element} modeling={modeling} names={names} />}
      {lane && <LanePanel ctx={ctx} element={element} modeling={modeling} units={units} />}
      {path && <ctx.Notes path={path} within />}
    </div>
  );
}
