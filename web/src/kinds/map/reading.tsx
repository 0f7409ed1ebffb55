// A map as its reader needs it: what kind of map it is, which process of which map it details,
// its owner, for level 0 the stakeholders, inputs, outputs and outcomes, its processes (each
// with the map that details it), and its diagram: the server's for level 0 and decomposition
// maps, bpmn-js for a cross-functional map, with the SOPs of each activity.
import { getJson } from "../../api";
import { navigate, withQuery } from "../../app/router";
import { Status, useLoad } from "../../app/screen";
import { Link } from "../../app/ui";
import type { DocRead } from "../../docs/view/types";
import { formatDate } from "../../format";
import { CrossMap } from "./cross_map";
import { loadMapOrg, type MapOrg } from "./org";
import { MapSvg } from "./picture";
import type { MapDoc } from "./types";
import { categoryNames, mapName, typeNames } from "./words";
import "./map.css";

function List({ items }: { items?: string[] }) {
  if (!items?.length) return <span class="hint">—</span>;
  return <ul>{items.map((x, i) => <li key={i}>{x}</li>)}</ul>;
}

/** The parent map and the process of it this map details. */
function ParentLink({ parent }: { parent: MapDoc["parent"] }) {
  const read = useLoad(async () => parent?.map ? getJson<DocRead>(`/api/v1/maps/${parent.map}?version=latest`) : null, [parent?.map]);
  if (!parent?.map) return <>—</>;
  const doc = read.data?.document as MapDoc | undefined;
  const process = doc?.processes?.find((p) => p.id === parent.process);
  return (
    <>
      <Link href={`/peta/${parent.map}`}>{doc ? mapName(doc) : "Peta induk"}</Link>
      {process && <>{`, proses ${[process.code, process.name].filter(Boolean).join(" ")}`}</>}
    </>
  );
}

function Identity({ doc, org, draft }: { doc: MapDoc; org: MapOrg; draft: boolean }) {
  const r = doc.ratified_by;
  return (
    <section class="map-identity" data-testid="identity" aria-labelledby="judul-identitas">
      <h3 id="judul-identitas">Identitas peta</h3>
      <dl>
        <div><dt>Jenis peta</dt><dd data-testid="map-type">{typeNames[doc.type] ?? doc.type}</dd></div>
        <div><dt>Level</dt><dd>{doc.level ?? (doc.type === "level0" ? 0 : "—")}</dd></div>
        <div><dt>Kode proses</dt><dd>{doc.number || "—"}</dd></div>
        <div><dt>Nama peta</dt><dd>{doc.title}</dd></div>
        <div><dt>Unit pemilik</dt><dd>{org.unit(doc.unit) || "—"}</dd></div>
        {doc.type !== "level0" && <div><dt>Merinci</dt><dd data-testid="map-parent"><ParentLink parent={doc.parent} /></dd></div>}
        <div><dt>Tanggal efektif</dt><dd>{doc.dates?.effective ? formatDate(doc.dates.effective) : "—"}</dd></div>
        <div><dt>Disahkan oleh</dt><dd>{r?.name ? <>{r.position}<br />{r.name}<br />{`NIP ${r.nip}`}</> : draft ? "Belum disahkan" : "—"}</dd></div>
        {doc.description && <div class="wide"><dt>Uraian</dt><dd>{doc.description}</dd></div>}
        {doc.type === "level0" && <>
          <div class="wide"><dt>Pemangku kepentingan</dt><dd><List items={doc.stakeholders} /></dd></div>
          <div class="wide"><dt>Masukan</dt><dd><List items={doc.inputs} /></dd></div>
          <div class="wide"><dt>Keluaran</dt><dd><List items={doc.outputs} /></dd></div>
          <div class="wide"><dt>Hasil (outcome)</dt><dd><List items={doc.outcomes} /></dd></div>
        </>}
      </dl>
    </section>
  );
}

/** The processes of a level-0 or decomposition map, each with its category and owner. */
export function ProcessTable({ doc, org }: { doc: MapDoc; org: MapOrg }) {
  const processes = doc.processes ?? [];
  return (
    <table class="grid stack" data-testid="process-table">
      <caption>{`Proses (${processes.length})`}</caption>
      <thead><tr><th scope="col">Kode</th><th scope="col">Nama proses</th><th scope="col">Kategori</th><th scope="col">Unit pemilik</th></tr></thead>
      <tbody>
        {processes.map((p) => (
          <tr key={p.id}>
            <td>{p.code || "—"}</td>
            <td>{p.name || "—"}</td>
            <td data-label="Kategori">{categoryNames[p.category ?? ""] ?? "—"}</td>
            <td data-label="Unit pemilik">{org.unit(p.unit) || "—"}</td>
          </tr>))}
      </tbody>
    </table>
  );
}

export function Reading({ id, document, draft, at, version: asked = "" }: {
  id: string; document: Record<string, unknown>; draft: boolean; at: string; version?: string;
}) {
  const org = useLoad(() => loadMapOrg(), []);
  const doc = document as unknown as MapDoc;
  const version = asked || (at ? "" : draft ? "draft" : "");
  const day = asked ? "" : at;  // a version is one version, whatever the day
  const open = (map: string) => navigate(withQuery(`/peta/${map}`, { at }));
  return (
    <Status loading={org.loading} error={org.error}>
      {org.data && <>
        <Identity doc={doc} org={org.data} draft={draft} />
        <section aria-labelledby="judul-diagram">
          <h3 id="judul-diagram">Diagram</h3>
          {doc.type === "lintas_fungsi"
            ? <CrossMap id={id} version={version} at={day} openMap={(m) => withQuery(`/peta/${m}`, { at })} />
            : <>
              <p class="hint">Proses yang sudah dirinci dapat diklik untuk membuka peta rinciannya.</p>
              <MapSvg id={id} version={version} at={day} open={open} label={`Diagram ${mapName(doc)}`} />
              <ProcessTable doc={doc} org={org.data} />
            </>}
        </section>
      </>}
    </Status>
  );
}
