// A cross-functional map read with bpmn-js (its navigated viewer, loaded with this screen only):
// the diagram, and beside it every activity as a button (the keyboard's way in), each showing
// the SOPs that detail it with links to them; a sub-process another map details opens that map.
import { useEffect, useRef, useState } from "preact/hooks";
import { getJson } from "../../api";
import { withQuery } from "../../app/router";
import { Status, useLoad } from "../../app/screen";
import { Link } from "../../app/ui";
import { isActivity, sopsOf, type Canvas, type Diagram, type DiagramElement, type ElementRegistry, type EventBus } from "./bpmn/services";
import "./map.css";

/** The BPMN of a version: "draft", a number, "latest", or "" (with `at`, the one in force that day). */
export async function bpmnXml(id: string, version: string, at = "", signal?: AbortSignal): Promise<string> {
  const r = await fetch(withQuery(`/api/v1/maps/${id}/bpmn`, { version, at }), { signal, credentials: "same-origin" });
  if (!r.ok) throw new Error("Berkas BPMN peta tidak dapat dimuat.");
  return r.text();
}

export interface Activity { id: string; name: string; sops: string[]; map: string }

/** A document a map names (GET /api/v1/maps/{id}/links), as this reader may see it. */
export interface Linked { id: string; kind: string; number: string; title: string; status: string }

/** The documents a version of a map names, by id: only what this reader may see (a SOP still a
 * draft in another unit is not named, and asking for it would be refused). */
export async function linkedNames(id: string, version: string, at = "", signal?: AbortSignal): Promise<Map<string, Linked>> {
  const r = await getJson<{ links: Linked[] }>(withQuery(`/api/v1/maps/${id}/links`, { version, at }));
  if (signal?.aborted) return new Map();
  return new Map(r.links.map((l) => [l.id, l]));
}

/** "400.10/07/Diskominfo/2025 — Penanganan Pengaduan Masyarakat". */
export const linkedName = (l: { number?: string; title?: string }): string =>
  [l.number, l.title].filter(Boolean).join(" — ");

/** The zoom buttons every bpmn-js box has (the mouse wheel and dragging work too). */
export function ZoomTools({ diagram, label }: { diagram: () => Diagram | null; label: string }) {
  const zoom = (by: number | "fit") => {
    const canvas = diagram()?.get<Canvas>("canvas");
    if (!canvas) return;
    if (by === "fit") canvas.zoom("fit-viewport", "auto");
    else canvas.zoom(canvas.zoom() * by);
  };
  return (
    <div class="bpmn-tools" role="group" aria-label={`Perbesaran ${label}`}>
      <button type="button" class="small secondary" onClick={() => zoom(1.25)}>Perbesar</button>
      <button type="button" class="small secondary" onClick={() => zoom(0.8)}>Perkecil</button>
      <button type="button" class="small secondary" onClick={() => zoom("fit")}>Seluruh diagram</button>
    </div>
  );
}

/** bpmn-js's viewer on `xml`: marks (element id → added/removed/changed) and the picked
 * activity drawn, a click on an activity reported. */
export function BpmnView({ xml, marks, picked, pick, label, testId = "bpmn-view", onActivities }: {
  xml: string;
  marks?: Map<string, string>;
  picked?: string;
  pick?: (id: string) => void;
  label: string;
  testId?: string;
  onActivities?: (list: Activity[]) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const viewer = useRef<Diagram | null>(null);
  const [error, setError] = useState("");
  const [ready, setReady] = useState(0);
  const pickRef = useRef(pick);
  pickRef.current = pick;
  useEffect(() => {
    let live = true;
    let made: Diagram | null = null;
    let resize: ResizeObserver | null = null;
    setError("");
    import("./bpmn/viewer").then(async ({ createViewer }) => {
      if (!live) return;
      made = createViewer(box.current!) as unknown as Diagram;
      viewer.current = made;
      await made.importXML(xml);
      if (!live) return;
      made.get<Canvas>("canvas").zoom("fit-viewport", "auto");
      const registry = made.get<ElementRegistry>("elementRegistry");
      const activities = registry.filter((e) => isActivity(e.type) && !e.labelTarget).map((e): Activity => ({
        id: e.id, name: e.businessObject.name ?? "", sops: sopsOf(e.businessObject),
        map: String(e.businessObject.get("sopan:map") ?? ""),
      }));
      const canvas = made.get<Canvas>("canvas");
      for (const a of activities) {
        if (a.sops.length) canvas.addMarker(a.id, "has-sop");
        if (a.map) canvas.addMarker(a.id, "has-map");
      }
      // A box that changes size (a phone turned, the review stacked) shows the whole diagram again.
      let width = box.current!.clientWidth;
      resize = new ResizeObserver(() => {
        const now = box.current?.clientWidth ?? width;
        if (now < 20 || Math.abs(now - width) < 2) return;  // hidden or gone: nothing to fit
        width = now;
        canvas.resized();
        canvas.zoom("fit-viewport", "auto");
      });
      resize.observe(box.current!);
      made.get<EventBus>("eventBus").on("element.click", (e: { element: DiagramElement }) => {
        const el = e.element.labelTarget ?? e.element;
        if (isActivity(el.type)) pickRef.current?.(el.id);
      });
      onActivities?.(activities);
      setReady((r) => r + 1);
    }).catch((e: unknown) => {
      if (live) setError(`Diagram tidak dapat digambar: ${e instanceof Error ? e.message : String(e)}`);
    });
    return () => {
      live = false;
      resize?.disconnect();
      made?.destroy();
      viewer.current = null;
    };
  }, [xml]);
  // Marks and the picked activity, on the drawn diagram.
  useEffect(() => {
    const v = viewer.current;
    if (!v || !ready) return;
    const canvas = v.get<Canvas>("canvas");
    const registry = v.get<ElementRegistry>("elementRegistry");
    // A lane or the pool is marked by its border only: filled, it would hide what is in it.
    const big = (id: string) => /Lane|Participant/.test(registry.get(id)?.type ?? "");
    const set: [string, string][] = [...(marks ?? [])].flatMap(([id, kind]): [string, string][] =>
      big(id) ? [[id, `mark-${kind}`], [id, "mark-border"]] : [[id, `mark-${kind}`]]);
    if (picked) set.push([picked, "picked"]);
    for (const [id, cls] of set) if (registry.get(id)) canvas.addMarker(id, cls);
    return () => { for (const [id, cls] of set) if (registry.get(id)) canvas.removeMarker(id, cls); };
  }, [ready, marks, picked]);
  return (
    <figure class="bpmn-figure" data-testid={testId}>
      <figcaption class="vh">{label}</figcaption>
      <ZoomTools diagram={() => viewer.current} label={label} />
      <div class="bpmn-box" ref={box} data-ready={ready > 0 ? "yes" : undefined} />
      {error && <p class="notice bad" role="alert">{error}</p>}
    </figure>
  );
}

/** The SOPs that detail an activity, each a link to it (as far as this reader may see it). */
function SopLinks({ ids, names }: { ids: string[]; names: Map<string, Linked> }) {
  if (!ids.length) return <p class="hint">Belum ada SOP yang merinci aktivitas ini.</p>;
  return (
    <ul class="sop-links" data-testid="sop-links">
      {ids.map((id) => {
        const l = names.get(id);
        return (
          <li key={id}>{l
            ? <Link href={`/sop/${id}`}>{linkedName(l)}</Link>
            : <span class="hint">SOP yang belum berlaku (belum dapat Anda baca)</span>}</li>);
      })}
    </ul>
  );
}

/** A saved cross-functional map read: the diagram, its activities and their SOPs; `openMap`
 * opens a detailing map (the browser stays the browser, the view goes to the map's page). */
export function CrossMap({ id, version, at = "", openMap }: {
  id: string; version: string; at?: string; openMap: (map: string) => string;
}) {
  const xml = useLoad((signal) => bpmnXml(id, version, at, signal), [id, version, at]);
  const names = useLoad((signal) => linkedNames(id, version, at, signal), [id, version, at]);
  const [activities, setActivities] = useState<Activity[]>([]);
  const [picked, setPicked] = useState("");
  const pickedRef = useRef<HTMLLIElement>(null);
  useEffect(() => { pickedRef.current?.scrollIntoView?.({ block: "nearest" }); }, [picked]);
  return (
    <Status loading={xml.loading} error={xml.error}>
      {xml.data && <>
        <BpmnView xml={xml.data} picked={picked} pick={setPicked} label="Diagram peta lintas fungsi" onActivities={setActivities} />
        <p class="hint">Klik aktivitas pada diagram, atau pilih dari daftar, untuk melihat SOP yang merincinya.</p>
        <ul class="activity-list" data-testid="activities">
          {activities.map((a) => (
            <li key={a.id} class={a.id === picked ? "picked" : ""} ref={a.id === picked ? pickedRef : undefined}
              data-activity={a.id}>
              <button type="button" class="small secondary" aria-expanded={a.id === picked}
                onClick={() => setPicked(a.id === picked ? "" : a.id)}>{a.name || a.id}</button>
              <div class="meta">{a.sops.length ? `${a.sops.length} SOP` : "tanpa SOP"}{a.map ? " · dirinci ke peta lain" : ""}</div>
              {a.id === picked && <SopLinks ids={a.sops} names={names.data ?? new Map()} />}
              {a.id === picked && a.map && <p><Link href={openMap(a.map)}>Buka peta rincian</Link></p>}
            </li>))}
        </ul>
      </>}
    </Status>
  );
}
