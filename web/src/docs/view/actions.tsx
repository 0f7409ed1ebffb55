// The workflow actions the reader may take on the document now (from the server's answer),
// each in a dialog (sign.tsx): a reason, the password for an electronic signature and, when a
// signature puts a version in force, the day it starts (typed the Indonesian way).
import { useState } from "preact/hooks";
import { ApiError, send } from "../../api";
import { DateField } from "../../app/date_field";
import { Field } from "../../app/ui";
import { actionOf } from "../../status";
import { PasswordField, SignatureNote, SignDialog, type Problem } from "./sign";

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
  const [reason, setReason] = useState("");
  const [password, setPassword] = useState("");
  const [effective, setEffective] = useState("");
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
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
    <SignDialog title={verb(action)} titleId="judul-tindakan" testId="action-form" submit={verb(action)} busy={busy}
      problem={problem} close={close} onSubmit={submit}>
      {a?.password && <SignatureNote meaning={a.meaning} />}
      <Field label="Alasan / catatan">
        {(id, note) => <textarea id={id} rows={3} aria-describedby={note} value={reason}
          onInput={(ev) => setReason((ev.target as HTMLTextAreaElement).value)} />}
      </Field>
      {a?.password && <PasswordField value={password} onInput={setPassword} />}
      {dated && <DateField label="Tanggal efektif (kosong = hari ini)" value={effective} onChange={setEffective} />}
    </SignDialog>
  );
}
