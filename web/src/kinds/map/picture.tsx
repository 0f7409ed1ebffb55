// A level-0 or decomposition map as the server draws it (GET /api/v1/maps/{id}/diagram.svg, or
// the editor's preview): our own SVG with its text escaped by the server, shown inline so each
// process (`<g class="process" data-process data-map>`) can be opened: a process another map
// details is a link, by mouse and by keyboard. A review or a comparison marks the elements that
// changed: every drawn element's group names it (data-process, data-node, data-flow, data-lane).
import { useEffect, useRef } from "preact/hooks";
import { withQuery } from "../../app/router";
import { Status, useLoad } from "../../app/screen";
import "./map.css";

/** The SVG of a version: "draft", a number, or "" (with `at`, the one in force that day). */
export async function diagramSvg(id: string, version: string, at = "", signal?: AbortSignal): Promise<string> {
  const r = await fetch(withQuery(`/api/v1/maps/${id}/diagram.svg`, { version, at }), { signal, credentials: "same-origin" });
  if (!r.ok) throw new Error("Diagram peta tidak dapat dimuat.");
  return r.text();
}

/** Which processes a drawing shows as detailed: process id → the detailing map's id (each
 * detailed process's group carries data-map). */
export function detailedIn(svg: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of svg.matchAll(/<g\b[^>]*\bclass="process"[^>]*>/g)) {
    const process = /data-process="([^"]*)"/.exec(m[0])?.[1];
    const map = /data-map="([^"]*)"/.exec(m[0])?.[1];
    if (process && map) out.set(process, map);
  }
  return out;
}

export function SvgPicture({ svg, marks, open, label, testId = "map-svg" }: {
  svg: string;
  /** Element id → "added" | "removed" | "changed". */
  marks?: Map<string, string>;
  /** Opens the map that details a process (its id); without it nothing is a link. */
  open?: (map: string) => void;
  label: string;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = ref.current!;
    const svgEl = root.querySelector("svg");
    if (svgEl) {
      svgEl.setAttribute("role", "group");
      svgEl.setAttribute("aria-label", label);
    }
    const off: (() => void)[] = [];
    for (const g of root.querySelectorAll<SVGGElement>("g[data-process], g[data-node], g[data-flow], g[data-lane]")) {
      const element = g.dataset.process ?? g.dataset.node ?? g.dataset.flow ?? g.dataset.lane ?? "";
      const cls = marks?.get(element);
      if (cls) g.classList.add("process-mark", `mark-${cls}`);
    }
    for (const g of root.querySelectorAll<SVGGElement>("g.process")) {
      const map = g.getAttribute("data-map");
      if (!map || !open) continue;
      // A link named by its own text (the process's code and name), as it is seen.
      g.setAttribute("tabindex", "0");
      g.setAttribute("role", "link");
      g.classList.add("drill");
      const go = () => open(map);
      const key = (ev: KeyboardEvent) => {
        if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); go(); }
      };
      g.addEventListener("click", go);
      g.addEventListener("keydown", key);
      off.push(() => { g.removeEventListener("click", go); g.removeEventListener("keydown", key); });
    }
    return () => off.forEach((f) => f());
  }, [svg, marks, open]);
  // The box scrolls a wide diagram: it takes the focus, so the keyboard scrolls it too.
  return <div class="map-svg" tabIndex={0} data-testid={testId} ref={ref} dangerouslySetInnerHTML={{ __html: svg }} />;
}

/** A saved version's diagram, loaded. */
export function MapSvg({ id, version, at = "", marks, open, label, testId }: {
  id: string; version: string; at?: string; marks?: Map<string, string>; open?: (map: string) => void;
  label: string; testId?: string;
}) {
  const svg = useLoad((signal) => diagramSvg(id, version, at, signal), [id, version, at]);
  return (
    <Status loading={svg.loading} error={svg.error}>
      {svg.data && <SvgPicture svg={svg.data} marks={marks} open={open} label={label} testId={testId} />}
    </Status>
  );
}
