// The workflow actions the reader may take on the document now (from the server's answer),
// each in a dialog: a reason, the password for an electronic signature and, when a signature
// puts a version in force, the day it starts (typed the Indonesian way). The dialog fits a phone.
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, send } from "../../api";
import { DateField } from "../../app/date_field";
import { Field } from "../../app/ui";
import { actionOf } from "../../status";

/** Button texts for the actions (the table's labels say what happened, not what to do). */
const verbs: Record<string, string> = {
  submit: "Ajukan", recall: "Tarik kembali pengajuan", verify: "Verifikasi", "request-changes": "Minta revisi",
  ratify: "Sahkan", revise: "Buat revisi", withdraw: "Cabut", supersede: "Nyatakan digantikan", discard: "Buang konsep",
};
export const verb = (action: string): string => verbs[action] ?? actionOf(action)?.label ?? action;

export function ActionDialog({ action, path, version, done, close }: {
  action: string;
  /** /api/v1/<folder>/{id} */
  path: string;
  version: number;
  done: () => void;
  close: () => void;
}) {
  const a = actionOf(action);
  // A signature on the main line puts a version in force: it may name the day it starts.
  const dated = !!a?.signs && a.line === "main";
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState("");
  const [password, setPassword] = useState("");
  const [effective, setEffective] = useState("");
  const [problem, setProblem] = useState<{ message: string; details: string[] } | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const d = ref.current!;
    d.showModal();
    return () => d.close();
  }, []);
  const submit = async (ev: Event) => {
    ev.preventDefault();
    if (reason.trim().length < 3) {
      setProblem({ message: "Tulis alasan atau catatan (paling sedikit 3 huruf).", details: [] });
      return;
    }
    if (a?.password && !password) {
      setProblem({ message: "Masukkan kata sandi Anda untuk menandatangani.", details: [] });
      return;
    }
    setBusy(true);
    try {
      await send("POST", `${path}/actions/${action}`, {
        reason, ...(a?.password ? { password } : {}), ...(dated && effective ? { effective_date: effective } : {}),
      }, { "If-Match": `"${version}"` });
      done();
    } catch (e) {
      setProblem(e instanceof ApiError
        ? { message: e.message, details: e.details.map((d) => d.message) }
        : { message: "Tindakan tidak dapat dikirim.", details: [] });
    } finally {
      setBusy(false);
    }
  };
  return (
    <dialog ref={ref} class="action-dialog" aria-labelledby="judul-tindakan" onCancel={(ev) => { ev.preventDefault(); close(); }}>
      <form data-testid="action-form" onSubmit={submit} noValidate>
        <h3 id="judul-tindakan">{verb(action)}</h3>
        {a?.password && (
          <p>Tindakan ini adalah tanda tangan elektronik: nama, NIP, jabatan, waktu, dan makna{" "}
            <strong>{a.meaning}</strong> dicatat pada dokumen dan riwayat git.</p>)}
        <Field label="Alasan / catatan">
          {(id, note) => <textarea id={id} rows={3} aria-describedby={note} value={reason}
            onInput={(ev) => setReason((ev.target as HTMLTextAreaElement).value)} />}
        </Field>
        {a?.password && (
          <Field label="Kata sandi (tanda tangan)">
            {(id, note) => <input id={id} type="password" autocomplete="current-password" aria-describedby={note}
              value={password} onInput={(ev) => setPassword((ev.target as HTMLInputElement).value)} />}
          </Field>)}
        {dated && <DateField label="Tanggal efektif (kosong = hari ini)" value={effective} onChange={setEffective} />}
        {problem && (
          <div class="notice bad" role="alert">
            <p>{problem.message}</p>
            {problem.details.length > 0 && <ul data-testid="error-details">{problem.details.map((d) => <li key={d}>{d}</li>)}</ul>}
          </div>)}
        <div class="dialog-buttons">
          <button type="submit" disabled={busy}>{verb(action)}</button>
          <button type="button" class="secondary" onClick={close}>Batal</button>
        </div>
      </form>
    </dialog>
  );
}
