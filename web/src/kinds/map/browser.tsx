// The map browser (/peta): the instansi's level-0 map first, then down level by level
// (?peta=<id>, so back and forward retrace the way) to a cross-functional map and through its
// activities to the SOPs that detail them. A breadcrumb names the way: Level 0 › 1 Pelayanan
// Publik › 1.2 Perizinan › …; with ?at= every map is the version in force that day.
import { getJson } from "../../api";
import { here, navigate, withQuery } from "../../app/router";
import { Status, useLoad, useTitle } from "../../app/screen";
import { hasRole } from "../../app/session";
import { Link } from "../../app/ui";
import type { DocRead, DocSummary } from "../../docs/view/types";
import { CrossMap } from "./cross_map";
import { detailedIn, diagramSvg, SvgPicture } from "./picture";
import type { MapDoc } from "./types";
import { categoryNames } from "./words";
import { mapName, typeNames } from "./words";
import "../../docs/view/view.css";
import "./map.css";

interface Step { id: string; doc: MapDoc }

const readMap = (id: string, at: string): Promise<DocRead> =>
  getJson<DocRead>(withQuery(`/api/v1/maps/${id}`, at ? { at } : { version: "latest" }));

/** The map and the maps above it, from level 0 down (a parent that cannot be read ends the way). */
async function wayTo(id: string, at: string): Promise<Step[]> {
  const out: Step[] = [];
  const seen = new Set<string>();
  for (let at_id: string | undefined = id; at_id && !seen.has(at_id) && out.length < 12;) {
    seen.add(at_id);
    let read: DocRead;
    try {
      read = await readMap(at_id, at);
    } catch (e) {
      if (!out.length) throw e;
      break;
    }
    const doc = read.document as unknown as MapDoc;
    out.unshift({ id: at_id, doc });
    at_id = doc.parent?.map;
  }
  return out;
}

/** A level-0 or decomposition map: the server's drawing, and its processes as a list (the way
 * down on a phone, where the drawing is wider than the screen, and for a screen reader). */
function ProcessMap({ id, doc, at, go }: { id: string; doc: MapDoc; at: string; go: (map: string) => void }) {
  const svg = useLoad((signal) => diagramSvg(id, at ? "" : "latest", at, signal), [id, at]);
  const detailed = svg.data ? detailedIn(svg.data) : new Map<string, string>();
  return (
    <Status loading={svg.loading} error={svg.error}>
      {svg.data && <>
        <p class="hint">Klik (atau pilih dengan Tab lalu Enter) proses yang sudah dirinci untuk turun ke peta di bawahnya.</p>
        <SvgPicture svg={svg.data} open={go} label={`Diagram ${mapName(doc)}`} />
        <h4>Proses</h4>
        <ul class="cards process-list" data-testid="process-list">
          {(doc.processes ?? []).map((p) => {
            const child = detailed.get(p.id);
            const name = [p.code, p.name].filter(Boolean).join(" ") || p.id;
            return (
              <li key={p.id}>{child ? <Link href={withQuery("/peta", { peta: child, at })}>{name}</Link> : name}
                <div class="meta">{`${categoryNames[p.category ?? ""] ?? "—"} · ${child ? "dirinci ke peta di bawahnya" : "belum dirinci"}`}</div>
              </li>);
          })}
        </ul>
      </>}
    </Status>
  );
}

export default function MapBrowser() {
  useTitle("Peta Proses Bisnis");
  const query = here.value.query;
  const asked = query.get("peta") ?? "";
  const at = query.get("at") ?? "";
  const tops = useLoad(async () => asked ? [] : (await getJson<{ items: DocSummary[] }>(withQuery("/api/v1/maps", { classification: "level0", at }))).items,
    [asked, at]);
  const shown = asked || (tops.data?.length === 1 ? tops.data[0].id : "");
  const way = useLoad(async () => shown ? wayTo(shown, at) : [], [shown, at]);
  const go = (map: string) => navigate(withQuery("/peta", { peta: map, at }));
  const steps = way.data ?? [];
  const last = steps.at(-1);
  return (
    <div class="map-browser">
      <h2>Peta Proses Bisnis</h2>
      <p class="doc-actions">
        <Link href="/peta/daftar">Daftar semua peta</Link>
        <Link href="/peta/cakupan">Cakupan SOP pada peta</Link>
        {hasRole("penyusun") && !at && <Link class="button" href="/peta/baru">Buat peta baru</Link>}
      </p>
      <Status loading={!asked && tops.loading} error={tops.error}>
        {!asked && tops.data && tops.data.length === 0 && (
          <p class="notice" data-testid="no-level0">Belum ada peta proses bisnis level 0. Peta level 0 menggambarkan seluruh proses instansi:
            proses manajemen, proses utama dan proses pendukung.</p>)}
        {!asked && (tops.data?.length ?? 0) > 1 && (
          <section class="card" aria-labelledby="judul-level0">
            <h3 id="judul-level0">Peta level 0</h3>
            <ul class="cards">{tops.data!.map((m) => <li key={m.id}><Link href={withQuery("/peta", { peta: m.id, at })}>{m.title}</Link></li>)}</ul>
          </section>)}
      </Status>
      {shown && (
        <Status loading={way.loading} error={way.error}>
          {last && <>
            <nav class="crumbs-nav" aria-label="Jejak peta" data-testid="crumbs">
              <ol>{steps.map((s, i) => {
                const name = s.doc.type === "level0" ? "Level 0" : mapName(s.doc);
                return (
                  <li key={s.id}>{i === steps.length - 1
                    ? <span aria-current="page">{name}</span>
                    : <Link href={withQuery("/peta", { peta: s.id, at })}>{name}</Link>}</li>);
              })}</ol>
            </nav>
            <section class="browser-map" aria-labelledby="judul-peta" data-testid="browser-map" data-map={last.id}>
              <h3 id="judul-peta">{mapName(last.doc)}</h3>
              <p class="hint">{`${typeNames[last.doc.type] ?? last.doc.type}` + (last.doc.level !== undefined ? ` · level ${last.doc.level}` : "")}
                {" · "}<Link href={withQuery(`/peta/${last.id}`, { at })}>Halaman peta (riwayat dan pemeriksaan)</Link></p>
              {last.doc.type === "lintas_fungsi"
                ? <CrossMap key={last.id} id={last.id} version={at ? "" : "latest"} at={at} openMap={(m) => withQuery("/peta", { peta: m, at })} />
                : <ProcessMap key={last.id} id={last.id} doc={last.doc} at={at} go={go} />}
            </section>
          </>}
        </Status>)}
    </div>
  );
}
