// The map as the server draws it (POST /api/v1/render/map), redrawn a moment after each change,
// with the rules' findings for the same document. A cross-functional map is drawn by the
// modeler itself; its preview is only the check.
import { useEffect, useState } from "preact/hooks";
import { ApiError, send } from "../../../api";
import { useTimer } from "../../../app/screen";
import type { Problem } from "../../../docs/kinds";
import { SvgPicture } from "../picture";
import type { MapDoc } from "../types";

export function Preview({ id, document, onChecked }: {
  id: string;
  document: Record<string, unknown>;
  onChecked: (problems: Problem[], of: Record<string, unknown>) => void;
}) {
  const [svg, setSvg] = useState<string | null>(null);
  const [error, setError] = useState("");
  const later = useTimer();
  const doc = document as unknown as MapDoc;
  useEffect(() => {
    let live = true;
    later(async () => {
      try {
        const r = await send<{ svg: string; problems: Problem[] }>("POST", "/api/v1/render/map", { document, id });
        if (!live) return;
        setSvg(r.svg);
        setError("");
        onChecked(r.problems, document);
      } catch (e) {
        if (!live) return;
        setError(e instanceof ApiError ? e.message : "Pratinjau tidak dapat digambar.");
        if (e instanceof ApiError && e.details.length) onChecked(e.details, document);
      }
    }, svg === null ? 0 : 500);
    return () => { live = false; };
  }, [document]);
  return (
    <div class="mf-preview" data-testid="preview">
      {error && <p class="notice bad">{error}</p>}
      {svg === null && !error && <p class="hint">Menggambar…</p>}
      {svg !== null && (doc.type === "lintas_fungsi"
        ? <p class="hint">Peta lintas fungsi digambar langsung di penyunting diagram.</p>
        : <SvgPicture svg={svg} label="Pratinjau peta" testId="preview-svg" />)}
    </div>
  );
}

/** A version in brief: its title and its processes or activities (to choose between two). */
export function Outline({ document }: { document: Record<string, unknown> }) {
  const doc = document as unknown as MapDoc;
  const items = doc.type === "lintas_fungsi"
    ? (doc.nodes ?? []).filter((n) => n.type === "aktivitas" || n.type === "subproses").map((n) => n.name || n.id)
    : (doc.processes ?? []).map((p) => [p.code, p.name].filter(Boolean).join(" ") || p.id);
  return (
    <div class="sf-outline">
      <p><strong>{doc.title}</strong></p>
      <ol>{items.map((t, i) => <li key={i}>{t}</li>)}</ol>
    </div>
  );
}
