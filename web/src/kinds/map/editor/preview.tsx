// The map as the server draws it (POST /api/v1/render/map), redrawn a moment after each change,
// with the rules' findings for the same document. A cross-functional map is drawn by the
// modeler itself; its preview is only the check.
import type { Problem } from "../../../docs/kinds";
import { useLiveRender } from "../../../docs/editor/live";
import { SvgPicture } from "../picture";
import type { MapDoc } from "../types";

export function Preview({ id, document, onChecked }: {
  id: string;
  document: Record<string, unknown>;
  onChecked: (problems: Problem[], of: Record<string, unknown>) => void;
}) {
  const { answer, error } = useLiveRender<{ svg: string; problems: Problem[] }>("/api/v1/render/map", id, document, onChecked);
  const svg = answer?.svg ?? null;
  const doc = document as unknown as MapDoc;
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
