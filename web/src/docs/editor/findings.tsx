// What the server's rules find in the draft, in the author's words. A part the author is still
// building is not judged yet: its findings wait in a neutral checklist ("before submitting")
// with those about the document as a whole, until the author has left that part or asks to
// submit. What is judged is shown in red beside its field and listed here, each a way to it.
import type { Problem } from "../kinds";

export interface Triaged {
  /** Shown in place and here as something to fix. */
  faults: Problem[];
  /** Still to do before submitting: neutral. */
  todo: Problem[];
}

export function Findings({ triaged, checked, label, reveal, asked, editable }: {
  triaged: Triaged;
  /** Whether a check has answered yet. */
  checked: boolean;
  label: (pointer: string) => string;
  reveal: (path: string) => void;
  /** The author asked to submit: everything is to fix now. */
  asked: boolean;
  editable: boolean;
}) {
  const { faults, todo } = triaged;
  const item = (p: Problem, i: number) => (
    <li key={`${p.path}-${p.code ?? ""}-${i}`}>
      <button type="button" class="ed-finding" onClick={() => reveal(p.path)}>
        <strong>{label(p.path)}</strong>: {p.message}
      </button>
    </li>
  );
  return (
    <section id="pemeriksaan" class="ed-side-part" data-testid="problems" aria-labelledby="pemeriksaan-judul">
      <h3 id="pemeriksaan-judul" tabIndex={-1}>Pemeriksaan</h3>
      <div aria-live="polite">
        {!checked ? <p class="hint">Memeriksa…</p>
          : !faults.length && !todo.length
            ? <p class="notice ok">{editable ? "Tidak ada temuan: konsep siap diajukan." : "Tidak ada temuan."}</p>
            : (
              <>
                {faults.length > 0 && (
                  <div class="ed-faults" data-testid="faults">
                    <p><strong>{asked ? `${faults.length} hal perlu diperbaiki sebelum diajukan:` : `Perlu diperbaiki (${faults.length}):`}</strong></p>
                    <ul>{faults.map(item)}</ul>
                  </div>
                )}
                {todo.length > 0 && (
                  <div class="ed-todo" data-testid="todo">
                    <p><strong>Sebelum diajukan ({todo.length}):</strong></p>
                    <ul>{todo.map(item)}</ul>
                  </div>
                )}
              </>
            )}
      </div>
    </section>
  );
}
