// A SOP's flowchart as the server draws it (GET /api/v1/sops/{id}/flowchart.svg, one request per
// page, X-Total-Pages): our own SVG with its text escaped by the server, shown inline. A review
// marks the symbols of changed steps.
import { useEffect, useRef } from "preact/hooks";
import { withQuery } from "../../app/router";
import { Status, useLoad } from "../../app/screen";

/** The pages of a version's flowchart: "draft", a version number, or "" for the one in force. */
export async function flowchartPages(id: string, version: string, at = ""): Promise<string[]> {
  const page = (p: number) => withQuery(`/api/v1/sops/${id}/flowchart.svg`, { version, at, page: String(p) });
  const first = await fetch(page(1));
  if (!first.ok) throw new Error("Diagram alir tidak dapat dimuat.");
  const total = Number(first.headers.get("X-Total-Pages") ?? "1");
  const rest = await Promise.all(Array.from({ length: total - 1 }, (_, i) => fetch(page(i + 2)).then((r) => r.text())));
  return [await first.text(), ...rest];
}

/** The symbols of a page by step number: the server draws each step's row and symbol in one
 * `<g class="step" data-step="<id>" data-no="<n>">`. */
function symbolsByStep(svg: SVGSVGElement): Map<number, Element[]> {
  const out = new Map<number, Element[]>();
  for (const group of svg.querySelectorAll("g.step[data-no]")) {
    const no = Number(group.getAttribute("data-no"));
    out.set(no, [...(out.get(no) ?? []), ...group.querySelectorAll(".s")]);
  }
  return out;
}

/** The flowchart's pages, with a class added to the symbols of the given step numbers. */
export function FlowchartPages({ pages, marks, label }: {
  pages: string[]; marks?: Map<number, string>; label?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!marks?.size) return;
    for (const svg of ref.current!.querySelectorAll("svg")) {
      for (const [no, shapes] of symbolsByStep(svg)) {
        const cls = marks.get(no);
        if (cls) for (const s of shapes) s.classList.add("step-mark", cls);
      }
      // The page scrolls (inside its own box) to its first marked symbol when it is out of sight.
      const first = svg.querySelector(".step-mark");
      const box = svg.parentElement!;
      if (!first) continue;
      const at = first.getBoundingClientRect();
      const view = box.getBoundingClientRect();
      if (at.right > view.right || at.left < view.left) box.scrollLeft += at.left - view.left - (view.width - at.width) / 2;
      if (at.bottom > view.bottom || at.top < view.top) box.scrollTop += at.top - view.top - (view.height - at.height) / 2;
    }
  }, [pages, marks]);
  return (
    <div class="flowchart" data-testid="flowchart" ref={ref} aria-label={label}>
      {pages.map((svg, i) => <div class="flow-page" key={i} tabIndex={0} dangerouslySetInnerHTML={{ __html: svg }} />)}
    </div>
  );
}

export function Flowchart({ id, version, at }: { id: string; version: string; at: string }) {
  const pages = useLoad(() => flowchartPages(id, version, at), [id, version, at]);
  return (
    <Status loading={pages.loading} error={pages.error}>
      {pages.data && <FlowchartPages pages={pages.data} />}
    </Status>
  );
}
