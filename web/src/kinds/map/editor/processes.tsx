// The form of a level-0 or decomposition map: its identity, for level 0 the stakeholders,
// inputs, outputs and outcomes, its processes (code, name, category, owner), each either opened
// in the map that details it or detailed into a new map made here with its parent set, and
// (decomposition) the flows between its processes.
import { useState } from "preact/hooks";
import { ApiError, send } from "../../../api";
import { navigate } from "../../../app/router";
import { Status, useLoad } from "../../../app/screen";
import { Link } from "../../../app/ui";
import { detailedIn, diagramSvg } from "../picture";
import type { MapDoc, MapProcess } from "../types";
import { categoryNames, typeNames } from "../words";
import { FieldError, freshId, invalid, LinesField, UnitOptions, type FieldContext } from "./fields";
import type { Unit } from "../../../api";

/** Which processes a saved map already details, from the server's drawing of it. */
const detailedBy = async (id: string, signal: AbortSignal): Promise<Map<string, string>> =>
  detailedIn(await diagramSvg(id, "latest", "", signal).catch(() => ""));

/** "Rinci ke peta baru": the new map's type, name and owner, made with its parent set. */
function DetailPanel({ id, doc, process, units, close }: {
  id: string; doc: MapDoc; process: MapProcess; units: Unit[]; close: () => void;
}) {
  const [type, setType] = useState<"dekomposisi" | "lintas_fungsi">((doc.level ?? 0) >= 1 ? "lintas_fungsi" : "dekomposisi");
  const [title, setTitle] = useState(process.name ?? "");
  const [unit, setUnit] = useState(process.unit || doc.unit);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const make = async (ev: Event) => {
    ev.preventDefault();
    setBusy(true);
    setError("");
    const child: MapDoc = {
      type, title: title.trim(), unit, level: (doc.level ?? 0) + 1,
      ...(process.code ? { number: process.code } : {}), parent: { map: id, process: process.id },
    };
    try {
      const r = await send<{ id: string }>("POST", "/api/v1/maps", { document: child, message: `Merinci proses ${process.code ?? ""} "${process.name ?? ""}"` });
      navigate(`/peta/${r.id}/sunting`);
    } catch (e) {
      setBusy(false);
      setError(e instanceof ApiError ? [e.message, ...e.details.map((d) => d.message)].join(" ") : "Server tidak dapat dihubungi.");
    }
  };
  return (
    <form class="notice ed-panel" data-testid="detail-panel" onSubmit={(ev) => void make(ev)} aria-labelledby="rinci-judul">
      <h3 id="rinci-judul">{`Rinci proses ${[process.code, process.name].filter(Boolean).join(" ")} ke peta baru`}</h3>
      <label for="rinci-jenis">Jenis peta</label>
      <select id="rinci-jenis" value={type} onChange={(ev) => setType((ev.target as HTMLSelectElement).value as typeof type)}>
        <option value="dekomposisi">{typeNames.dekomposisi}</option>
        <option value="lintas_fungsi">{typeNames.lintas_fungsi}</option>
      </select>
      <label for="rinci-nama">Nama peta</label>
      <input id="rinci-nama" type="text" value={title} required onInput={(ev) => setTitle((ev.target as HTMLInputElement).value)} />
      <label for="rinci-unit">Unit pemilik</label>
      <select id="rinci-unit" value={unit} onChange={(ev) => setUnit((ev.target as HTMLSelectElement).value)}><UnitOptions units={units} /></select>
      {error && <p class="field-error" role="alert">{error}</p>}
      <p class="hint">Konsep peta ini disimpan dahulu, lalu peta baru dibuka di penyunting.</p>
      <button type="submit" disabled={busy || title.trim().length < 3}>{busy ? "Membuat…" : "Buat peta rincian"}</button>
      <button type="button" class="secondary" onClick={close}>Batal</button>
    </form>
  );
}

export function ProcessForm({ id, ctx, doc, units, update }: {
  id: string; ctx: FieldContext; doc: MapDoc; units: Unit[]; update: (fn: (d: MapDoc) => void) => void;
}) {
  const detailed = useLoad((signal) => detailedBy(id, signal), [id]);
  const [detailing, setDetailing] = useState("");
  const processes = doc.processes ?? [];
  const flows = doc.flows ?? [];
  const setProcess = (i: number, fn: (p: MapProcess) => void) => update((d) => { fn(d.processes![i]); });
  const add = () => update((d) => {
    const list = d.processes ?? [];
    const pid = freshId(list, "P");
    const code = `${d.number ? `${d.number}.` : ""}${list.length + 1}`;
    d.processes = [...list, { id: pid, code, name: "", category: "utama", unit: d.unit }];
  });
  const remove = (i: number) => update((d) => {
    const gone = d.processes![i].id;
    d.processes = d.processes!.filter((_, k) => k !== i);
    if (d.flows) d.flows = d.flows.filter((f) => f.from !== gone && f.to !== gone);
  });
  const process = processes.find((p) => p.id === detailing);
  const procName = (p: MapProcess) => [p.code, p.name].filter(Boolean).join(" ") || p.id;
  return (
    <>
      {doc.type === "level0" && (
        <fieldset class="sf-section">
          <legend>Lingkup instansi</legend>
          <div class="mf-lists">
            <LinesField ctx={ctx} label="Pemangku kepentingan" path="/stakeholders" value={doc.stakeholders}
              set={(v) => update((d) => { if (v) d.stakeholders = v; else delete d.stakeholders; })} />
            <LinesField ctx={ctx} label="Masukan" path="/inputs" value={doc.inputs}
              set={(v) => update((d) => { if (v) d.inputs = v; else delete d.inputs; })} />
            <LinesField ctx={ctx} label="Keluaran" path="/outputs" value={doc.outputs}
              set={(v) => update((d) => { if (v) d.outputs = v; else delete d.outputs; })} />
            <LinesField ctx={ctx} label="Hasil (outcome)" path="/outcomes" value={doc.outcomes}
              set={(v) => update((d) => { if (v) d.outcomes = v; else delete d.outcomes; })} />
          </div>
        </fieldset>)}
      <fieldset class="sf-section" id="bagian-isi" tabIndex={-1}>
        <legend>Proses</legend>
        <p class="hint">{doc.type === "level0"
          ? "Kelompok proses dalam tiga lajur: manajemen di atas, proses utama sebagai rantai, pendukung di bawah."
          : `Kode setiap proses diturunkan dari kode peta ini${doc.number ? ` (${doc.number}.1, ${doc.number}.2, …)` : ""}.`}</p>
        <FieldError ctx={ctx} path="/processes" />
        <table class="grid stack process-rows" data-testid="process-rows">
          <thead><tr><th scope="col" class="c-code">Kode</th><th scope="col">Nama proses</th><th scope="col" class="c-category">Kategori</th>
            <th scope="col" class="c-unit">Unit pemilik</th><th scope="col" class="c-detail">Rincian</th></tr></thead>
          <tbody>
            {processes.map((p, i) => {
              const path = `/processes/${i}`;
              const child = detailed.data?.get(p.id);
              return (
                <tr key={p.id} data-part={path} data-path={path}>
                  <td><input type="text" aria-label={`Kode proses ${i + 1}`} value={p.code ?? ""} readOnly={ctx.readOnly}
                    {...invalid(ctx, `${path}/code`)} onInput={(ev) => setProcess(i, (x) => { x.code = (ev.target as HTMLInputElement).value; })} />
                    <FieldError ctx={ctx} path={`${path}/code`} /></td>
                  <td><input type="text" aria-label={`Nama proses ${i + 1}`} value={p.name ?? ""} readOnly={ctx.readOnly}
                    {...invalid(ctx, `${path}/name`)} onInput={(ev) => setProcess(i, (x) => { x.name = (ev.target as HTMLInputElement).value; })} />
                    <FieldError ctx={ctx} path={`${path}/name`} /><FieldError ctx={ctx} path={path} /></td>
                  <td><select aria-label={`Kategori proses ${i + 1}`} value={p.category ?? ""} disabled={ctx.readOnly}
                    {...invalid(ctx, `${path}/category`)}
                    onChange={(ev) => setProcess(i, (x) => { x.category = (ev.target as HTMLSelectElement).value as MapProcess["category"]; })}>
                    {Object.entries(categoryNames).map(([v, label]) => <option key={v} value={v}>{label}</option>)}
                  </select></td>
                  <td><select aria-label={`Unit pemilik proses ${i + 1}`} value={p.unit ?? ""} disabled={ctx.readOnly}
                    {...invalid(ctx, `${path}/unit`)}
                    onChange={(ev) => setProcess(i, (x) => { const v = (ev.target as HTMLSelectElement).value; if (v) x.unit = v; else delete x.unit; })}>
                    <UnitOptions units={units} /></select>
                    <FieldError ctx={ctx} path={`${path}/unit`} /></td>
                  <td><div class="pf-actions">
                    {child ? <Link class="button secondary" href={`/peta/${child}${ctx.readOnly ? "" : "/sunting"}`}>Buka peta rincian</Link>
                      : !ctx.readOnly && <button type="button" class="small secondary" disabled={!p.name}
                        onClick={() => setDetailing(p.id)}>Rinci ke peta baru</button>}
                    {!ctx.readOnly && <button type="button" class="small secondary" aria-label={`Hapus proses ${i + 1}`} onClick={() => remove(i)}>Hapus</button>}
                  </div><ctx.Notes path={path} within /></td>
                </tr>);
            })}
          </tbody>
        </table>
        <Status error={detailed.error} />
        {!ctx.readOnly && <button type="button" class="secondary" onClick={add}>Tambah proses</button>}
        {process && <DetailPanel id={id} doc={doc} process={process} units={units} close={() => setDetailing("")} />}
      </fieldset>
      {doc.type === "dekomposisi" && (
        <fieldset class="sf-section">
          <legend>Alur antarproses</legend>
          <FieldError ctx={ctx} path="/flows" />
          {flows.length > 0 && (
            <table class="grid stack" data-testid="flow-rows">
              <thead><tr><th scope="col">Dari</th><th scope="col">Ke</th><th scope="col">Label</th><th scope="col"><span class="vh">Hapus</span></th></tr></thead>
              <tbody>{flows.map((f, i) => {
                const path = `/flows/${i}`;
                const set = (fn: (x: typeof f) => void) => update((d) => { fn(d.flows![i]); });
                return (
                  <tr key={f.id} data-part={path} data-path={path}>
                    <td><select aria-label={`Alur ${i + 1} dari`} value={f.from ?? ""} disabled={ctx.readOnly} {...invalid(ctx, `${path}/from`)}
                      onChange={(ev) => set((x) => { x.from = (ev.target as HTMLSelectElement).value; })}>
                      <option value="">—</option>{processes.map((p) => <option key={p.id} value={p.id}>{procName(p)}</option>)}</select>
                      <FieldError ctx={ctx} path={`${path}/from`} /></td>
                    <td><select aria-label={`Alur ${i + 1} ke`} value={f.to ?? ""} disabled={ctx.readOnly} {...invalid(ctx, `${path}/to`)}
                      onChange={(ev) => set((x) => { x.to = (ev.target as HTMLSelectElement).value; })}>
                      <option value="">—</option>{processes.map((p) => <option key={p.id} value={p.id}>{procName(p)}</option>)}</select>
                      <FieldError ctx={ctx} path={`${path}/to`} /></td>
                    <td><input type="text" aria-label={`Label alur ${i + 1}`} value={f.name ?? ""} readOnly={ctx.readOnly}
                      onInput={(ev) => set((x) => { const v = (ev.target as HTMLInputElement).value; if (v) x.name = v; else delete x.name; })} /></td>
                    <td>{!ctx.readOnly && <button type="button" class="small secondary" aria-label={`Hapus alur ${i + 1}`}
                      onClick={() => update((d) => { d.flows = d.flows!.filter((_, k) => k !== i); })}>Hapus</button>}</td>
                  </tr>);
              })}</tbody>
            </table>)}
          {!ctx.readOnly && processes.length > 1 && (
            <button type="button" class="secondary" onClick={() => update((d) => {
              const list = d.flows ?? [];
              d.flows = [...list, { id: freshId(list, "F"), from: processes[0].id, to: processes[1].id }];
            })}>Tambah alur</button>)}
        </fieldset>)}
    </>
  );
}
