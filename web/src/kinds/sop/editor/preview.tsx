// The flowchart as the server draws it (its one renderer), redrawn a moment after each change,
// with the rules' findings for the same document. The document's id goes along so its own
// number is not taken for another SOP's.
import type { Problem } from "../../../docs/kinds";
import { useLiveRender } from "../../../docs/editor/live";
import type { Sop } from "./words";

export function Preview({ id, document, onChecked }: {
  id: string;
  document: Record<string, unknown>;
  onChecked: (problems: Problem[], of: Record<string, unknown>) => void;
}) {
  const { answer, error } = useLiveRender<{ pages: string[]; problems: Problem[] }>("/api/v1/render/sop", id, document, onChecked);
  const pages = answer?.pages ?? null;
  return (
    <div class="sf-preview" data-testid="preview">
      {error && <p class="notice bad">{error}</p>}
      {pages === null && !error && <p class="hint">Menggambar…</p>}
      {pages?.map((svg, i) => (
        <div class="sf-preview-page" key={i} role="img" aria-label={`Diagram alir halaman ${i + 1} dari ${pages.length}`}
          dangerouslySetInnerHTML={{ __html: svg }} />
      ))}
    </div>
  );
}

/** A version in brief: its title and its steps' activities (to choose between two). */
export function Outline({ document }: { document: Record<string, unknown> }) {
  const sop = document as Sop;
  return (
    <div class="sf-outline">
      <p><strong>{sop.title}</strong></p>
      <ol>{(sop.steps ?? []).map((s) => <li key={s.id}>{s.activity || "(belum diisi)"}</li>)}</ol>
    </div>
  );
}
