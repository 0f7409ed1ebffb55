// The identity of a map in its editor: its name, owner and description, and (read from the
// document, set when it was made from a process) its type, level, code and parent.
import type { Unit } from "../../../api";
import { Link } from "../../../app/ui";
import type { MapDoc } from "../types";
import { typeNames } from "../words";
import { MField, UnitOptions, type FieldContext } from "./fields";

export function Identity({ ctx, doc, units, update }: {
  ctx: FieldContext; doc: MapDoc; units: Unit[]; update: (fn: (d: MapDoc) => void) => void;
}) {
  return (
    <fieldset class="sf-section" id="bagian-identitas" tabIndex={-1}>
      <legend>Identitas peta</legend>
      <p class="hint" data-testid="map-kind">{`${typeNames[doc.type] ?? doc.type}` +
        (doc.level !== undefined ? ` · level ${doc.level}` : "") + (doc.number ? ` · kode ${doc.number}` : "")}
        {doc.parent?.map && <> · merinci proses di <Link href={`/peta/${doc.parent.map}`}>peta induknya</Link></>}</p>
      <MField ctx={ctx} label="Nama peta" path="/title">
        {(id, attrs) => <input id={id} type="text" value={doc.title ?? ""} readOnly={ctx.readOnly} {...attrs}
          onInput={(ev) => update((d) => { d.title = (ev.target as HTMLInputElement).value; })} />}
      </MField>
      <MField ctx={ctx} label="Unit pemilik" path="/unit">
        {(id, attrs) => <select id={id} value={doc.unit ?? ""} disabled={ctx.readOnly} {...attrs}
          onChange={(ev) => update((d) => { d.unit = (ev.target as HTMLSelectElement).value; })}>
          <UnitOptions units={units} /></select>}
      </MField>
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
