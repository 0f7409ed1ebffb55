// A modal dialog that ends in an electronic signature: its form, the server's problem, and the
// password field the signer re-enters. The workflow actions (actions.tsx) and the score's
// manual answers (score/answer.tsx) sign the same way. The dialog fits a phone.
import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { Field } from "../../app/ui";

export interface Problem { message: string; details: string[] }

export function SignDialog({ title, titleId, testId, submit, busy, problem, close, onSubmit, children }: {
  title: string;
  titleId: string;
  testId: string;
  /** The submit button's text. */
  submit: string;
  busy: boolean;
  problem: Problem | null;
  close: () => void;
  onSubmit: (ev: Event) => void;
  children: ComponentChildren;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current!;
    d.showModal();
    return () => d.close();
  }, []);
  return (
    <dialog ref={ref} class="action-dialog" aria-labelledby={titleId} onCancel={(ev) => { ev.preventDefault(); close(); }}>
      <form data-testid={testId} onSubmit={onSubmit} noValidate>
        <h3 id={titleId}>{title}</h3>
        {children}
        {problem && (
          <div class="notice bad" role="alert">
            <p>{problem.message}</p>
            {problem.details.length > 0 && <ul data-testid="error-details">{problem.details.map((d) => <li key={d}>{d}</li>)}</ul>}
          </div>)}
        <div class="dialog-buttons">
          <button type="submit" disabled={busy}>{submit}</button>
          <button type="button" class="secondary" onClick={close}>Batal</button>
        </div>
      </form>
    </dialog>
  );
}

/** What a signature records, said before the password is asked for. */
export function SignatureNote({ meaning, what = "dokumen dan riwayat git" }: { meaning: string; what?: string }) {
  return <p>Tindakan ini adalah tanda tangan elektronik: nama, NIP, jabatan, waktu, dan makna{" "}
    <strong>{meaning}</strong> dicatat pada {what}.</p>;
}

export function PasswordField({ value, onInput, error }: { value: string; onInput: (v: string) => void; error?: string }) {
  return (
    <Field label="Kata sandi (tanda tangan)" error={error}>
      {(id, note) => <input id={id} type="password" autocomplete="current-password" aria-describedby={note}
        aria-invalid={error ? "true" : undefined}
        value={value} onInput={(ev) => onInput((ev.target as HTMLInputElement).value)} />}
    </Field>
  );
}
