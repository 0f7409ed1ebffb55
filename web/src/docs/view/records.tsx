// Monitoring (every 6 months) and evaluation (the criteria, each answered Ya or Tidak) of a
// document in force, with their forms for those who may record them. Every criterion starts
// unanswered: the evaluator answers each one.
import { useState } from "preact/hooks";
import { ApiError, getJson, send } from "../../api";
import { DateField } from "../../app/date_field";
import { Status, useLoad } from "../../app/screen";
import { Field } from "../../app/ui";
import { formatDate } from "../../format";
import { PasswordField } from "./sign";
import type { DocRead } from "./types";

interface RecordRow {
  id: string; date: string; actor: string; signature: string;
  content: {
    judgement?: string; notes: string; action?: string; outcome?: string;
    reviewer?: { initials: string }; criteria?: { criterion: string; answer: string; notes: string }[];
  };
}
interface Records { monitoring: RecordRow[]; evaluations: RecordRow[]; criteria: string[] }

const today = (): string => new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Jakarta" });

function useSend(path: string, done: () => void) {
  const [problem, setProblem] = useState("");
  const [busy, setBusy] = useState(false);
  const run = async (body: unknown) => {
    setBusy(true);
    try {
      await send("POST", path, body);
      setProblem("");
      done();
    } catch (e) {
      setProblem(e instanceof ApiError ? [e.message, ...e.details.map((d) => d.message)].join(" ") : "Catatan tidak dapat disimpan.");
    } finally {
      setBusy(false);
    }
  };
  return { problem, setProblem, busy, run };
}

function MonitoringForm({ path, done }: { path: string; done: () => void }) {
  const [date, setDate] = useState(today());
  const [judgement, setJudgement] = useState("");
  const [notes, setNotes] = useState("");
  const [action, setAction] = useState("");
  const s = useSend(`${path}/monitoring`, done);
  return (
    <form class="card" data-testid="monitoring-form" noValidate onSubmit={(ev) => {
      ev.preventDefault();
      if (!judgement) return s.setProblem("Pilih penilaiannya: berjalan dengan baik atau tidak.");
      void s.run({ date, judgement, notes, action });
    }}>
      <DateField label="Tanggal monitoring" value={date} onChange={setDate} />
      <fieldset>
        <legend>Penilaian</legend>
        {([["baik", "Berjalan dengan baik"], ["tidak_baik", "Tidak berjalan dengan baik"]] as const).map(([v, label]) => (
          <label class="check" key={v}><input type="radio" name="judgement" value={v} checked={judgement === v}
            onChange={() => setJudgement(v)} /> {label}</label>))}
      </fieldset>
      <Field label="Catatan">{(id) => <textarea id={id} rows={2} value={notes}
        onInput={(ev) => setNotes((ev.target as HTMLTextAreaElement).value)} />}</Field>
      <Field label="Tindakan yang harus diambil">{(id) => <textarea id={id} rows={2} value={action}
        onInput={(ev) => setAction((ev.target as HTMLTextAreaElement).value)} />}</Field>
      {s.problem && <p class="notice bad" role="alert">{s.problem}</p>}
      <button type="submit" disabled={s.busy}>Simpan monitoring</button>
    </form>
  );
}

function EvaluationForm({ path, criteria, done }: { path: string; criteria: string[]; done: (revise: boolean) => void }) {
  const [date, setDate] = useState(today());
  const [answers, setAnswers] = useState<string[]>(criteria.map(() => ""));
  const [criteriaNotes, setCriteriaNotes] = useState<string[]>(criteria.map(() => ""));
  const [outcome, setOutcome] = useState("");
  const [notes, setNotes] = useState("");
  const [password, setPassword] = useState("");
  const s = useSend(`${path}/evaluations`, () => done(outcome === "revisi"));
  const set = (list: string[], i: number, v: string) => list.map((x, j) => (j === i ? v : x));
  return (
    <form class="card" data-testid="evaluation-form" noValidate onSubmit={(ev) => {
      ev.preventDefault();
      const open = answers.map((a, i) => (a ? 0 : i + 1)).filter(Boolean);
      if (open.length) return s.setProblem(`Jawab setiap kriteria dengan Ya atau Tidak (belum: kriteria ${open.join(", ")}).`);
      if (!outcome) return s.setProblem("Pilih tindak lanjutnya.");
      void s.run({
        date, outcome, notes, criteria: answers.map((answer, i) => ({ answer, notes: criteriaNotes[i] })),
        ...(outcome === "tetap" ? { password } : {}),
      });
    }}>
      <DateField label="Tanggal evaluasi" value={date} onChange={setDate} />
      <ol class="criteria">
        {criteria.map((c, i) => (
          <li key={c}>
            <fieldset>
              <legend>{c}</legend>
              {([["ya", "Ya"], ["tidak", "Tidak"]] as const).map(([v, label]) => (
                <label class="check inline" key={v}><input type="radio" name={`kriteria-${i}`} value={v}
                  checked={answers[i] === v} onChange={() => setAnswers(set(answers, i, v))} /> {label}</label>))}
              <input type="text" aria-label={`Catatan: ${c}`} placeholder="Catatan (tidak wajib)" value={criteriaNotes[i]}
                onInput={(ev) => setCriteriaNotes(set(criteriaNotes, i, (ev.target as HTMLInputElement).value))} />
            </fieldset>
          </li>))}
      </ol>
      <fieldset>
        <legend>Tindak lanjut</legend>
        <label class="check"><input type="radio" name="outcome" value="tetap" checked={outcome === "tetap"}
          onChange={() => setOutcome("tetap")} /> Tetap berlaku (ditandatangani)</label>
        <label class="check"><input type="radio" name="outcome" value="revisi" checked={outcome === "revisi"}
          onChange={() => setOutcome("revisi")} /> Perlu revisi (membuka konsep revisi)</label>
      </fieldset>
      <Field label="Catatan">{(id) => <textarea id={id} rows={2} value={notes}
        onInput={(ev) => setNotes((ev.target as HTMLTextAreaElement).value)} />}</Field>
      {outcome === "tetap" && (
        <PasswordField value={password} onInput={setPassword} />)}
      {s.problem && <p class="notice bad" role="alert">{s.problem}</p>}
      <button type="submit" disabled={s.busy}>Simpan evaluasi</button>
    </form>
  );
}

export function RecordsSection({ path, read, onRevision }: { path: string; read: DocRead; onRevision: () => void }) {
  const records = useLoad(() => getJson<Records>(`${path}/records`), [path]);
  const due = read.summary;
  return (
    <section class="records" id="catatan" data-testid="records" aria-labelledby="judul-catatan">
      <h3 id="judul-catatan">Monitoring dan Evaluasi</h3>
      <p class="hint">
        {`Monitoring berikutnya: ${due.monitoring_due ? formatDate(due.monitoring_due) : "—"} · ` +
          `evaluasi berikutnya: ${due.evaluation_due ? formatDate(due.evaluation_due) : "—"}`}</p>
      <Status loading={records.loading} error={records.error}>
        {records.data && <>
          <table class="grid stack" data-testid="monitoring-table">
            <caption>{`Monitoring (${records.data.monitoring.length})`}</caption>
            <thead><tr><th scope="col">Tanggal</th><th scope="col">Penilaian</th><th scope="col">Catatan</th>
              <th scope="col">Tindakan</th><th scope="col">Paraf</th></tr></thead>
            <tbody>{records.data.monitoring.map((r) => (
              <tr key={r.id}><td>{formatDate(r.date)}</td>
                <td>{r.content.judgement === "baik" ? "Berjalan dengan baik" : "Tidak berjalan dengan baik"}</td>
                <td data-label="Catatan">{r.content.notes}</td><td data-label="Tindakan">{r.content.action || "—"}</td>
                <td data-label="Paraf">{r.content.reviewer?.initials ?? r.actor}</td></tr>))}</tbody>
          </table>
          <table class="grid stack" data-testid="evaluation-table">
            <caption>{`Evaluasi (${records.data.evaluations.length})`}</caption>
            <thead><tr><th scope="col">Tanggal</th><th scope="col">Kriteria</th><th scope="col">Tindak lanjut</th>
              <th scope="col">Catatan</th><th scope="col">Oleh</th></tr></thead>
            <tbody>{records.data.evaluations.map((r) => {
              const yes = r.content.criteria?.filter((c) => c.answer === "ya").length ?? 0;
              return (
                <tr key={r.id}><td>{formatDate(r.date)}</td>
                  <td data-label="Kriteria">{`${yes} dari ${r.content.criteria?.length ?? 0} Ya`}</td>
                  <td data-label="Tindak lanjut">{r.content.outcome === "tetap" ? "Tetap berlaku" : "Direvisi"}</td>
                  <td data-label="Catatan">{r.content.notes}</td>
                  <td data-label="Oleh">{r.signature ? `Ditandatangani: ${r.signature.split(";")[0]}` : r.actor}</td></tr>);
            })}</tbody>
          </table>
          {read.may.monitor && (
            <details><summary class="button-like">Catat monitoring</summary>
              <MonitoringForm path={path} done={records.reload} /></details>)}
          {read.may.evaluate && (
            <details><summary class="button-like">Catat evaluasi</summary>
              <EvaluationForm path={path} criteria={records.data.criteria}
                done={(revise) => (revise ? onRevision() : records.reload())} /></details>)}
        </>}
      </Status>
    </section>
  );
}
