// A rubric's document (/skor/rubrik/<id>; /skor/rubrik/baru?dari=<id> starts a new one from a
// copy): the JSON as typed, with the server's findings listed by pointer and line, a read-only
// outline of what it says (areas, sub-indicators, items, weights), and its history. An admin
// saves it (PUT /api/v1/rubrics/{id}, If-Match the version it was read at); others read it.
import { useMemo, useRef, useState } from "preact/hooks";
import { ApiError, getJson, send, type ApiErrorDetail } from "../api";
import { asOfDay, here, navigate, withQuery } from "../app/router";
import { Status, useLoad, useTitle } from "../app/screen";
import { isAdmin } from "../app/session";
import { Field, Link } from "../app/ui";
import { formatNumber } from "../format";
import { jsonLines, lineOf } from "./json_lines";
import { RubricHistory, scopeNames } from "./rubrics";
import type { Rubric, RubricItem, RubricRead } from "./types";
import "../docs/view/view.css";
import "./score.css";

const rubricPath = (id: string) => `/api/v1/rubrics/${encodeURIComponent(id)}`;

/** A new rubric when there is nothing to copy: one area, one sub-indicator, one manual item. */
const template: Rubric = {
  id: "rubrik-baru", name: "Rubrik baru", regulation: "", scope: "instansi", period_months: 12,
  scales: [{ id: "ya_tidak", answers: [{ answer: "Ya", value: 1 }, { answer: "Tidak", value: 0 }] }],
  areas: [{ id: "tatalaksana", name: "Penataan Tatalaksana", weight: 1, sub_indicators: [{
    id: "contoh", name: "Sub-indikator", weight: 1,
    items: [{ id: "contoh_a", code: "a", question: "Pertanyaan butir", scale: "ya_tidak" }] }] }],
};

/** Selects line `n` of the text area and scrolls it into view. */
function goToLine(area: HTMLTextAreaElement, n: number): void {
  const lines = area.value.split("\n");
  const start = lines.slice(0, n - 1).reduce((sum, l) => sum + l.length + 1, 0);
  area.focus();
  area.setSelectionRange(start, start + (lines[n - 1]?.length ?? 0));
  const height = parseFloat(getComputedStyle(area).lineHeight) || 18;
  area.scrollTop = Math.max(0, (n - 4) * height);
}

const list = <T,>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
const num = (v: unknown): number => (typeof v === "number" ? v : NaN);

/** What the rubric says, read-only, from the text as it stands (whatever parts it has). */
function Outline({ rubric }: { rubric: Partial<Rubric> }) {
  const all = list<{ items?: RubricItem[] }>(list<{ sub_indicators?: unknown }>(rubric.areas).flatMap((a) => list(a.sub_indicators)))
    .flatMap((s) => list<RubricItem>(s.items));
  const code = (id: string | undefined) => all.find((i) => i.id === id)?.code ?? id;
  return (
    <div class="rubric-outline" data-testid="rubric-outline">
      <p><strong>{rubric.name ?? "(tanpa nama)"}</strong></p>
      <p class="meta">{[rubric.regulation, rubric.scope && `cakupan ${scopeNames[rubric.scope] ?? rubric.scope}`,
        rubric.period_months && `periode ${rubric.period_months} bulan`].filter(Boolean).join(" · ")}</p>
      {rubric.description && <p class="hint">{rubric.description}</p>}
      {list<{ id: string; answers?: { answer: string; value: number }[] }>(rubric.scales).length > 0 && (
        <p class="meta">{"Skala: " + list<{ id: string; answers?: { answer: string; value: number }[] }>(rubric.scales)
          .map((s) => `${s.id} (${list<{ answer: string; value: number }>(s.answers).map((a) => `${a.answer} ${formatNumber(num(a.value))}`).join(", ")})`).join("; ")}</p>)}
      {list<Rubric["areas"][number]>(rubric.areas).map((a, ai) => {
        const subs = list<Rubric["areas"][number]["sub_indicators"][number]>(a.sub_indicators);
        const sum = subs.reduce((t, s) => t + num(s.weight), 0);
        return (
          <section key={`${a.id}${ai}`} class="outline-area">
            <h4>{`${a.name ?? a.id} — bobot ${formatNumber(num(a.weight))}`}</h4>
            {Math.abs(sum - num(a.weight)) > 1e-6 &&
              <p class="field-error">{`Jumlah bobot sub-indikator ${formatNumber(sum)}, tidak sama dengan bobot area.`}</p>}
            {subs.map((s, si) => (
              <div key={`${s.id}${si}`} class="outline-sub">
                <p><strong>{s.name ?? s.id}</strong>{` — bobot ${formatNumber(num(s.weight))}`}</p>
                <ul>
                  {list<RubricItem>(s.items).map((i, ii) => (
                    <li key={`${i.id}${ii}`}>
                      <span class="item-code">{`${i.code}.`}</span> {i.question}
                      <span class="meta">{` · ${i.scale}` + (i.metric ? ` · diukur: ${i.metric}` : " · dijawab evaluator") +
                        (i.gate ? ` · terkunci oleh butir ${code(i.gate)}` : "")}</span>
                    </li>))}
                </ul>
              </div>))}
          </section>);
      })}
    </div>
  );
}

function Editor({ id, creating, read }: { id: string; creating: boolean; read?: RubricRead }) {
  const start = useMemo(() => {
    if (!creating) return read!.rubric;
    const copy = structuredClone(read?.rubric ?? template);
    if (read) Object.assign(copy, { id: `${copy.id}-salinan`, name: `${copy.name} (salinan)` });
    return copy;
  }, []);
  const editable = isAdmin.value && !asOfDay();  // nothing is written while the app shows another day
  const [text, setText] = useState(() => JSON.stringify(start, null, 2));
  const [message, setMessage] = useState(creating && read ? `Salinan dari ${read.rubric.id}` : "");
  const [etag, setEtag] = useState(creating ? "" : read!.etag);
  const [problem, setProblem] = useState<{ message: string; details: ApiErrorDetail[]; stale?: boolean } | null>(null);
  const [saved, setSaved] = useState("");
  const [busy, setBusy] = useState(false);
  const [caret, setCaret] = useState(1);
  const area = useRef<HTMLTextAreaElement>(null);
  const parsed = useMemo(() => {
    const scan = jsonLines(text);
    let value: Partial<Rubric> | undefined;
    if (!scan.error) try { value = JSON.parse(text) as Partial<Rubric>; } catch { /* the scan says where */ }
    return { ...scan, value };
  }, [text]);

  const save = async (ev: Event) => {
    ev.preventDefault();
    setSaved("");
    if (parsed.error || !parsed.value || typeof parsed.value !== "object") {
      setProblem({ message: "Teks belum JSON yang sah; perbaiki dulu.", details: [] });
      return;
    }
    const target = creating ? String(parsed.value.id ?? "") : id;
    if (!creating && parsed.value.id !== id) {
      setProblem({ message: `Id rubrik tidak dapat diubah (tetap "${id}"). Untuk id lain, buat rubrik baru dari salinan.`,
        details: [{ path: "/rubric/id", message: "Id harus sama dengan rubrik yang disunting." }] });
      return;
    }
    if (!target) {
      setProblem({ message: "Rubrik baru memerlukan id.", details: [{ path: "/rubric/id", message: "Isi id rubrik." }] });
      return;
    }
    if (message.trim().length < 3) {
      setProblem({ message: "Tulis alasan perubahan (paling sedikit 3 huruf).", details: [{ path: "/message", message: "Alasan wajib diisi." }] });
      return;
    }
    setBusy(true);
    try {
      const r = await send<RubricRead>("PUT", rubricPath(target), { rubric: parsed.value, message: message.trim() },
        creating ? {} : { "If-Match": `"${etag}"` });
      setProblem(null);
      if (creating) {
        navigate(`/skor/rubrik/${encodeURIComponent(target)}`);
        return;
      }
      setEtag(r.etag);
      setMessage("");
      setSaved(`Rubrik tersimpan (komit ${r.commit.slice(0, 10)}).`);
    } catch (e) {
      if (!(e instanceof ApiError)) setProblem({ message: "Rubrik tidak dapat disimpan.", details: [] });
      else setProblem({ message: e.status === 409 && creating ? `Rubrik "${target}" sudah ada; pilih id lain.` : e.message,
        details: e.details, stale: e.status === 412 });
    } finally {
      setBusy(false);
    }
  };

  // The server's pointers are into the request: "/rubric/areas/0/weight" is the text's "/areas/0/weight".
  const findings = (problem?.details ?? []).map((d) => {
    const inText = d.path === "/rubric" || d.path.startsWith("/rubric/") ? d.path.slice("/rubric".length) : undefined;
    return { ...d, line: inText !== undefined ? lineOf(parsed.lines, inText) : undefined };
  });
  const messageError = findings.filter((f) => f.path === "/message").map((f) => f.message).join(" ");
  return (
    <form class="rubric-editor" onSubmit={save} noValidate>
      <div class="rubric-panes">
        <div class="rubric-json">
          <label for="rubrik-json">Dokumen rubrik (JSON)</label>
          <textarea id="rubrik-json" ref={area} class="json" rows={28} spellcheck={false} wrap="off" readOnly={!editable}
            value={text} data-testid="rubric-json" aria-describedby="rubrik-json-note"
            aria-invalid={parsed.error ? "true" : undefined}
            onInput={(ev) => setText((ev.target as HTMLTextAreaElement).value)}
            onKeyUp={(ev) => setCaret((ev.target as HTMLTextAreaElement).value.slice(0, (ev.target as HTMLTextAreaElement).selectionStart).split("\n").length)}
            onClick={(ev) => setCaret((ev.target as HTMLTextAreaElement).value.slice(0, (ev.target as HTMLTextAreaElement).selectionStart).split("\n").length)} />
          <small id="rubrik-json-note" class={parsed.error ? "field-error" : "hint"} data-testid="json-state">
            {parsed.error
              ? <>{`Bukan JSON yang sah di baris ${parsed.error.line}, kolom ${parsed.error.column}: ${parsed.error.message}. `}
                <button type="button" class="small link-like" onClick={() => goToLine(area.current!, parsed.error!.line)}>Ke baris itu</button></>
              : `JSON sah · kursor di baris ${caret}`}
          </small>
        </div>
        <section class="rubric-preview" aria-labelledby="judul-pratinjau" tabIndex={0}>
          <h3 id="judul-pratinjau">Pratinjau</h3>
          {parsed.value && typeof parsed.value === "object" ? <Outline rubric={parsed.value} />
            : <p class="hint">Pratinjau tampil kembali setelah teksnya JSON yang sah.</p>}
        </section>
      </div>
      {editable && (
        <Field label="Alasan perubahan" error={messageError}>
          {(fid, note) => <input id={fid} type="text" value={message} aria-describedby={note} aria-invalid={messageError ? "true" : undefined}
            onInput={(ev) => setMessage((ev.target as HTMLInputElement).value)} data-testid="rubric-message" />}
        </Field>)}
      {problem && (
        <div class="notice bad" role="alert" data-testid="rubric-problem">
          <p>{problem.message}</p>
          {problem.stale && <p>Rubrik ini telah diubah orang lain sejak Anda membukanya. Salin perubahan Anda, lalu{" "}
            <a href={location.pathname}>muat ulang</a>.</p>}
          {findings.length > 0 && (
            <ul data-testid="error-details">
              {findings.map((f, n) => (
                <li key={n}><code>{f.path || "/"}</code>{" — "}{f.message}
                  {f.line !== undefined && <>{" "}<button type="button" class="small link-like"
                    onClick={() => goToLine(area.current!, f.line!)}>{`baris ${f.line}`}</button></>}</li>))}
            </ul>)}
        </div>)}
      {saved && <p class="notice ok" role="status">{saved}</p>}
      {editable && (
        <div class="doc-actions">
          <button type="submit" disabled={busy}>{creating ? "Buat rubrik" : "Simpan rubrik"}</button>
          {!creating && <Link class="button secondary" href={withQuery("/skor/rubrik/baru", { dari: id })}>Buat rubrik baru dari salinan</Link>}
        </div>)}
      {!creating && (
        <section class="history" aria-labelledby="judul-riwayat-rubrik">
          <h3 id="judul-riwayat-rubrik">Riwayat</h3>
          <RubricHistory id={id} version={etag} />
        </section>)}
    </form>
  );
}

export default function RubricEditor({ id }: { id: string }) {
  const creating = id === "baru";
  const from = creating ? here.value.query.get("dari") ?? "" : id;
  useTitle(creating ? "Rubrik baru" : `Rubrik ${id}`);
  const read = useLoad(() => (from ? getJson<RubricRead>(rubricPath(from)) : Promise.resolve(undefined)), [from]);
  return (
    <div class="score-screen">
      <p class="crumbs"><Link href="/skor">Skor RB</Link> › <Link href="/skor/rubrik">Rubrik</Link></p>
      <h2>{creating ? "Rubrik baru" : read.data?.rubric.name ?? id}</h2>
      {creating && from && <p class="hint">{`Salinan dari ${from}. Ganti "id" dan "name", lalu buat.`}</p>}
      <Status loading={read.loading} error={read.error}>
        {(creating || read.data) && <Editor key={`${id}?${from}`} id={id} creating={creating} read={read.data} />}
      </Status>
    </div>
  );
}
