// A manual item's answer (PUT /api/v1/answers/{rubric}/{unit}): one of the item's options, the
// evidence link (required), a note, and the password, because the answer is signed like a
// ratification (docs/view/sign.tsx). The server's findings are shown beside their fields.
import { useState } from "preact/hooks";
import { ApiError, send } from "../api";
import { Field } from "../app/ui";
import { PasswordField, SignatureNote, SignDialog, type Problem } from "../docs/view/sign";
import { formatNumber } from "../format";
import type { AnswersRequest, ItemScore, RubricItem } from "./types";

type Part = "answer" | "evidence" | "note" | "password";

export function AnswerDialog({ rubric, unit, unitName, item, sub, detail, done, close }: {
  rubric: string;
  unit: string;
  unitName: string;
  item: ItemScore;
  /** The name of the item's sub-indicator (codes repeat across them). */
  sub: string;
  /** The item in the rubric (its options' texts and what evidence it wants). */
  detail?: RubricItem;
  done: () => void;
  close: () => void;
}) {
  // An answer given for this unit (not one it inherits from a unit above it) can be taken back.
  const own = item.source === "manual" && (item.answered_by?.unit ?? unit) === unit;
  const [answer, setAnswer] = useState(item.source === "manual" ? item.answer : "");
  const [evidence, setEvidence] = useState(item.evidence ?? "");
  const [note, setNote] = useState(item.note ?? "");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Partial<Record<Part, string>>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const removing = own && answer === "";
  const base = `/answers/${item.id}`;

  const submit = async (ev: Event) => {
    ev.preventDefault();
    const mine: Partial<Record<Part, string>> = {};
    if (!answer && !own) mine.answer = "Pilih salah satu jawaban.";
    if (answer && !evidence.trim()) mine.evidence = "Tautan bukti wajib diisi untuk setiap jawaban.";
    if (!password) mine.password = "Masukkan kata sandi Anda untuk menandatangani.";
    setErrors(mine);
    if (Object.keys(mine).length) {
      setProblem(null);
      return;
    }
    setBusy(true);
    try {
      const body: AnswersRequest = {
        answers: { [item.id]: { answer, evidence: answer ? evidence.trim() : "", note: answer ? note.trim() : "" } },
        password,
      };
      await send("PUT", `/api/v1/answers/${encodeURIComponent(rubric)}/${encodeURIComponent(unit)}`, body);
      done();
    } catch (e) {
      if (!(e instanceof ApiError)) {
        setProblem({ message: "Jawaban tidak dapat dikirim.", details: [] });
        return;
      }
      // A finding at one of the form's fields goes beside it; any other is listed in the box.
      const at: Partial<Record<Part, string>> = {};
      const rest: string[] = [];
      for (const d of e.details) {
        const part = d.path === "/password" ? "password"
          : (["answer", "evidence", "note"] as const).find((p) => d.path === `${base}/${p}`);
        if (part) at[part] = [at[part], d.message].filter(Boolean).join(" ");
        else rest.push(d.path ? `${d.path}: ${d.message}` : d.message);
      }
      setErrors(at);
      setProblem({ message: e.message, details: rest });
    } finally {
      setBusy(false);
    }
  };

  const optionText = (code: string) => detail?.options?.[code];
  return (
    <SignDialog title={`Jawab butir ${item.code}`} titleId="judul-jawab" testId="answer-form"
      submit={removing ? "Hapus jawaban" : "Simpan jawaban"} busy={busy} problem={problem} close={close} onSubmit={submit}>
      <p class="answer-question">{item.question}</p>
      <p class="hint">{`${sub} · untuk ${unitName}. Butir lain yang sudah dijawab tidak berubah.`}</p>
      <fieldset class="answer-options" aria-invalid={errors.answer ? "true" : undefined}
        aria-describedby={errors.answer ? "jawab-salah-answer" : undefined}>
        <legend>Jawaban</legend>
        {item.options.map((o) => (
          <label key={o.answer} class="check">
            <input type="radio" name="jawaban" value={o.answer} checked={answer === o.answer}
              onChange={() => setAnswer(o.answer)} />
            {" "}<strong>{o.answer}</strong>
            {(optionText(o.answer) || o.label) && ` — ${optionText(o.answer) || o.label}`}
            <span class="hint">{` (nilai ${formatNumber(o.value)})`}</span>
          </label>))}
        {own && (
          <label class="check">
            <input type="radio" name="jawaban" value="" checked={answer === ""} onChange={() => setAnswer("")} />
            {" "}Kosongkan jawaban (butir kembali belum dijawab)
          </label>)}
        {errors.answer && <small id="jawab-salah-answer" class="field-error">{errors.answer}</small>}
      </fieldset>
      {!removing && <>
        <Field label="Tautan bukti" error={errors.evidence} hint={detail?.guidance ?? "Alamat dokumen atau halaman yang membuktikan jawaban, misalnya https://…"}>
          {(id, describedBy) => <input id={id} type="url" inputMode="url" required value={evidence} aria-describedby={describedBy}
            aria-invalid={errors.evidence ? "true" : undefined} placeholder="https://"
            onInput={(ev) => setEvidence((ev.target as HTMLInputElement).value)} />}
        </Field>
        <Field label="Catatan (boleh kosong)" error={errors.note}>
          {(id, describedBy) => <textarea id={id} rows={2} value={note} aria-describedby={describedBy}
            aria-invalid={errors.note ? "true" : undefined}
            onInput={(ev) => setNote((ev.target as HTMLTextAreaElement).value)} />}
        </Field>
      </>}
      <SignatureNote meaning="menjawab butir penilaian" what="jawaban dan riwayat git" />
      <PasswordField value={password} onInput={setPassword} error={errors.password} />
    </SignDialog>
  );
}
