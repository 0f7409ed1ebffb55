// The identity of a map in its editor: its name, owner and description, and (read from the
// document, set when it was made from a process) its type, level, code and parent.
import { getJson, type Unit } from "../../../api";
import { useLoad } from "../../../app/screen";
import { Link } from "../../../app/ui";
import type { DocRead, DocSummary } from "../../../docs/view/types";
import type { MapDoc } from "../types";
import { mapName, typeNames } from "../words";
import { MField, UnitOptions, type FieldContext } from "./fields";

/** The process of a parent map this map details: the map (a level-0 or decomposition map),
 * then one of its processes; the map's level and code follow from them. */
function ParentPicker({ self, ctx, doc, update }: { self: string; ctx: FieldContext; doc: MapDoc; update: (fn: (d: MapDoc) => void) => void }) {
  const parents = useLoad(async () => {
    const [top, middle] = await Promise.all(["level0", "dekomposisi"].map((type) =>
      getJson<{ items: DocSummary[] }>(`/api/v1/maps?classification=${type}`).then((r) => r.items)));
    return [...top, ...middle];
  }, []);
  const parentMap = doc.parent?.map ?? "";
  const parent = useLoad(async () => parentMap
    ? (await getJson<DocRead>(`/api/v1/maps/${parentMap}?version=latest`)).document as unknown as MapDoc : null, [parentMap]);
  const processes = parent.data?.processes ?? [];
  const pick = (process: string) => update((d) => {
    const p = processes.find((x) => x.id === process);
    d.parent = { map: parentMap, ...(process ? { process } : {}) };
    d.level = (parent.data?.level ?? 0) + 1;
    if (p?.code) d.number = p.code;
  });
  return (
    <>
      <MField ctx={ctx} label="Peta induk" path="/parent/map" hint="Peta level 0 atau dekomposisi yang salah satu prosesnya dirinci peta ini.">
        {(id, attrs) => <select id={id} value={parentMap} disabled={ctx.readOnly} {...attrs}
          onChange={(ev) => update((d) => {
            const map = (ev.target as HTMLSelectElement).value;
            if (map) d.parent = { map };
            else delete d.parent;
          })}>
          <option value="">—</option>
          {(parents.data ?? []).filter((m) => m.id !== self).map((m) => <option key={m.id} value={m.id}>{mapName(m) || m.id}</option>)}
        </select>}
      </MField>
      {parentMap && (
        <MField ctx={ctx} label="Proses yang dirinci" path="/parent/process">
          {(id, attrs) => <select id={id} value={doc.parent?.process ?? ""} disabled={ctx.readOnly || !processes.length} {...attrs}
            onChange={(ev) => pick((ev.target as HTMLSelectElement).value)}>
            <option value="">—</option>
            {processes.map((p) => <option key={p.id} value={p.id}>{[p.code, p.name].filter(Boolean).join(" ") || p.id}</option>)}
          </select>}
        </MField>)}
    </>
  );
}

export function Identity({ id, ctx, doc, units, update }: {
  id: string; ctx: FieldContext; doc: MapDoc; units: Unit[]; update: (fn: (d: MapDoc) => void) => void;
}) {
  return (
    <fieldset class="sf-section" id="bagian-identitas" tabIndex={-1}>
      <legend>Identitas peta</legend>
      <p class="hint" data-testid="map-kind">{`${typeNames[doc.type] ?? doc.type}` +
        (doc.level !== undefined ? ` · level ${doc.level}` : "") + (doc.number ? ` · kode ${doc.number}` : "")}
        {doc.parent?.map && <> · <Link href={`/peta/${doc.parent.map}`}>buka peta induknya</Link></>}</p>
      <MField ctx={ctx} label="Nama peta" path="/title">
        {(id, attrs) => <input id={id} type="text" value={doc.title ?? ""} readOnly={ctx.readOnly} {...attrs}
          onInput={(ev) => update((d) => { d.title = (ev.target as HTMLInputElement).value; })} />}
      </MField>
      <MField ctx={ctx} label="Unit pemilik" path="/unit">
        {(id, attrs) => <select id={id} value={doc.unit ?? ""} disabled={ctx.readOnly} {...attrs}
          onChange={(ev) => update((d) => { d.unit = (ev.target as HTMLSelectElement).value; })}>
          <UnitOptions units={units} /></select>}
      </MField>
      {doc.type !== "level0" && <ParentPicker self={id} ctx={ctx} doc={doc} update={update} />}
      {doc.type !== "level0" && (
        <MField ctx={ctx} label="Kode proses" path="/number" hint="Kode proses induk yang dirinci peta ini, misalnya 1.2.">
          {(id, attrs) => <input id={id} type="text" value={doc.number ?? ""} readOnly={ctx.readOnly} {...attrs}
            onInput={(ev) => update((d) => { const v = (ev.target as HTMLInputElement).value; if (v) d.number = v; else delete d.number; })} />}
        </MField>)}
      <MField ctx={ctx} label="Uraian (boleh kosong)" path="/description">
        {(id, attrs) => <textarea id={id} rows={2} value={doc.description ?? ""} readOnly={ctx.readOnly} {...attrs}
          onInput={(ev) => update((d) => { const v = (ev.target as HTMLTextAreaElement).value; if (v) d.description = v; else delete d.description; })} />}
      </MField>
    </fieldset>
  );
}
