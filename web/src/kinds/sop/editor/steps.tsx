// The procedure table as one compact row per step (No, Kegiatan, Pelaksana, where the flow goes,
// copy, delete and the details button) with the rest of the step (symbol, branches, kelengkapan,
// waktu, output, keterangan) in a panel under its row. Made to be typed: Enter in a Kegiatan or
// Pelaksana starts the next step, Alt+Enter opens or closes the details, Esc closes them,
// Alt+↑/↓ moves the step. A branch can point at a step that is not written yet: "+ Langkah
// baru…" adds it at the end and points the branch at it.
import { useState } from "preact/hooks";
import { ApiError, send, textOf } from "../../../api";
import { FilePicker } from "../../../app/ui";
import { FieldError, errorId, freshId, invalidAttrs, problemsWithin, useForm, useTyped, type FormContext } from "./context";
import { actorName } from "./org";
import { stepFields, type Sop, type Step } from "./words";

const symbols: [Step["symbol"], string][] = [
  ["mulai", "Mulai"], ["kegiatan", "Kegiatan"], ["keputusan", "Keputusan"], ["selesai", "Selesai"],
];
const units = ["menit", "jam", "hari", "minggu", "bulan", "tahun"] as const;
type DurationUnit = (typeof units)[number];
const NEW = "+baru";

/** The step's number (1-based) by its code; 0 when there is none. */
const numberOf = (steps: Step[], id: string | undefined): number => (id ? steps.findIndex((s) => s.id === id) + 1 : 0);

/** Where the flow goes from step `i`, as the row shows it: "→ 3", "Ya → 5, Tidak → 2". */
export function flowText(steps: Step[], i: number): string {
  const s = steps[i];
  const to = (id: string | undefined) => numberOf(steps, id) || "?";
  if (s.symbol === "selesai") return "Selesai";
  if (s.symbol === "keputusan")
    return (s.exits ?? []).map((x) => `${x.label || "?"} → ${to(x.to)}`).join(", ") || "Belum bercabang";
  const next = s.next ? to(s.next) : i + 1 < steps.length ? i + 2 : "?";
  return `${s.symbol === "mulai" ? "Mulai, " : ""}→ ${next}`;
}

const short = (s: Step) => (s.activity ?? "").trim().slice(0, 40) || "(belum diisi)";

/** A new step done by `actor` (else by the first actor); the first of all is Mulai. */
function newStep(ctx: FormContext, actor: string | undefined, first: boolean): Step {
  const steps = ctx.doc.steps ?? [];
  const step: Step = { id: freshId(steps, "s"), symbol: first ? "mulai" : "kegiatan", activity: first ? "Mulai" : "" };
  const who = actor ?? ctx.doc.actors?.[0]?.id;
  if (who) step.actor = who;
  return step;
}

/** A step's target (its next step, or a branch's): the steps, and a new one at the end. */
function TargetSelect({ i, label, path, value, empty, set, dataKey, said }: {
  i: number; label: string; path: string; value: string | undefined; empty: string;
  set: (draft: Sop, to: string) => void; dataKey: string; said: (text: string) => void;
}) {
  const ctx = useForm();
  const steps = ctx.doc.steps ?? [];
  const known = !value || steps.some((s) => s.id === value);
  return (
    <select value={value ?? ""} aria-label={label} disabled={ctx.readOnly} data-path={path} data-key={dataKey}
      {...invalidAttrs(ctx, path)}
      onChange={(ev) => {
        const v = (ev.target as HTMLSelectElement).value;
        if (v !== NEW) {
          ctx.update((d) => set(d, v));
          return;
        }
        const fresh = newStep(ctx, steps[i].actor, false);
        ctx.update((d) => {
          d.steps = [...(d.steps ?? []), fresh];
          set(d, fresh.id);
        });
        said(`Langkah ${steps.length + 1} ditambahkan di akhir tabel sebagai tujuan ${label.toLowerCase()}.`);
        ctx.focusLater(dataKey);
      }}>
      <option value="">{empty}</option>
      {steps.map((s, k) => k === i ? null : <option key={s.id} value={s.id}>{`${k + 1}. ${short(s)}`}</option>)}
      {!known && <option value={value}>{`(langkah ${value} tidak ada)`}</option>}
      {!ctx.readOnly && <option value={NEW}>+ Langkah baru…</option>}
    </select>
  );
}

/** Lama and satuan of a step: kept as typed while it is not a number yet. */
function Duration({ i, n }: { i: number; n: number }) {
  const ctx = useForm();
  const d = ctx.doc.steps![i].duration;
  const path = `/steps/${i}/duration`;
  const [text, setText] = useTyped(d?.value, (v) => (v === undefined ? "" : String(v).replace(".", ",")),
    (t) => { const v = Number(t.replace(",", ".")); return t.trim() && v > 0 ? v : undefined; }, (a, b) => a === b);
  const unit: DurationUnit = d?.unit ?? "menit";
  const write = (value: string, u: DurationUnit) => ctx.update((doc) => {
    const s = doc.steps![i];
    const v = Number(value.replace(",", "."));
    if (value.trim() && v > 0) s.duration = { value: v, unit: u };
    else delete s.duration;
  });
  return (
    <div class="sf-field sf-duration" role="group" aria-labelledby={`waktu-${i}`}>
      <span class="sf-label" id={`waktu-${i}`}>Waktu<span class="vh"> langkah {n}</span></span>
      <span class="sf-duration-inputs">
        <input type="text" inputMode="decimal" value={text} readOnly={ctx.readOnly} aria-label={`Lama langkah ${n}`}
          data-path={path} {...invalidAttrs(ctx, path)}
          onInput={(ev) => { const t = (ev.target as HTMLInputElement).value; setText(t); write(t, unit); }} />
        <select value={unit} disabled={ctx.readOnly} aria-label={`Satuan waktu langkah ${n}`}
          onChange={(ev) => write(text, (ev.target as HTMLSelectElement).value as DurationUnit)}>
          {units.map((u) => <option key={u} value={u}>{u}</option>)}
        </select>
      </span>
      <FieldError path={path} />
    </div>
  );
}

function StepText({ i, n, name, label, multiline }: { i: number; n: number; name: "requirements" | "output" | "notes"; label: string; multiline?: boolean }) {
  const ctx = useForm();
  const path = `/steps/${i}/${name}`;
  const id = `langkah-${ctx.doc.steps![i].id}-${name}`;
  const props = {
    id, value: ctx.doc.steps![i][name] ?? "", readOnly: ctx.readOnly, "data-path": path, ...invalidAttrs(ctx, path),
    onInput: (ev: Event) => {
      const v = (ev.target as HTMLInputElement).value;
      ctx.update((d) => { if (v) d.steps![i][name] = v; else delete d.steps![i][name]; });
    },
  };
  return (
    <div class="sf-field">
      <label for={id}>{label}<span class="vh"> langkah {n}</span></label>
      {multiline ? <textarea rows={2} {...props} /> : <input type="text" {...props} />}
      <FieldError path={path} />
    </div>
  );
}

/** What the panel shows: the rest of the step's fields. */
const panelFields = ["symbol", "next", "exits", "exits/0/label", "exits/0/to", "exits/1/label", "exits/1/to",
  "requirements", "duration", "output", "notes"];

function Panel({ i, said }: { i: number; said: (text: string) => void }) {
  const ctx = useForm();
  const steps = ctx.doc.steps!;
  const s = steps[i];
  const n = i + 1;
  const at = `/steps/${i}`;
  const move = (to: number) => {
    if (to < 0 || to >= steps.length) return;
    ctx.update((d) => { const [x] = d.steps!.splice(i, 1); d.steps!.splice(to, 0, x); });
    // The same button again, unless the step has reached the end it moved to.
    const up = to < i ? to > 0 : to === steps.length - 1;
    ctx.focusLater(`${s.id}:${up ? "up" : "down"}`);
  };
  return (
    <div class="sf-panel" id={`rincian-${s.id}`} role="group" aria-label={`Rincian langkah ${n}`}>
      <div class="sf-panel-grid">
        <div class="sf-field">
          <label for={`simbol-${s.id}`}>Simbol<span class="vh"> langkah {n}</span></label>
          <select id={`simbol-${s.id}`} value={s.symbol} disabled={ctx.readOnly} data-path={`${at}/symbol`} data-key={`${s.id}:symbol`}
            {...invalidAttrs(ctx, `${at}/symbol`)}
            onChange={(ev) => {
              const v = (ev.target as HTMLSelectElement).value as Step["symbol"];
              ctx.update((d) => {
                const x = d.steps![i];
                x.symbol = v;
                if (v === "keputusan") {
                  delete x.next;
                  x.exits ??= [{ label: "Ya", to: "" }, { label: "Tidak", to: "" }];
                } else {
                  delete x.exits;
                }
                if (v === "selesai") delete x.next;
              });
            }}>
            {symbols.map(([v, label]) => <option key={v} value={v}>{label}</option>)}
          </select>
          <FieldError path={`${at}/symbol`} />
        </div>
        {s.symbol === "keputusan" ? (
          <fieldset class="sf-field sf-exits" data-path={`${at}/exits`}>
            <legend>Cabang keputusan<span class="vh"> langkah {n}</span></legend>
            {(s.exits ?? []).map((x, k) => (
              <div class="sf-exit" key={k}>
                <input type="text" value={x.label} readOnly={ctx.readOnly} aria-label={`Label cabang ${k + 1} langkah ${n}`}
                  data-path={`${at}/exits/${k}/label`} {...invalidAttrs(ctx, `${at}/exits/${k}/label`)}
                  onInput={(ev) => ctx.update((d) => { d.steps![i].exits![k].label = (ev.target as HTMLInputElement).value; })} />
                <span aria-hidden="true">→</span>
                <TargetSelect i={i} label={`Tujuan cabang ${k + 1} langkah ${n}`} path={`${at}/exits/${k}/to`} value={x.to}
                  empty="(pilih langkah)" dataKey={`${s.id}:exit${k}`} said={said}
                  set={(d, to) => { d.steps![i].exits![k].to = to; }} />
                <FieldError path={`${at}/exits/${k}/label`} />
                <FieldError path={`${at}/exits/${k}/to`} />
              </div>
            ))}
            <FieldError path={`${at}/exits`} />
          </fieldset>
        ) : s.symbol !== "selesai" ? (
          <div class="sf-field">
            <span class="sf-label" aria-hidden="true">Lanjut ke</span>
            <TargetSelect i={i} label={`Lanjut dari langkah ${n}`} path={`${at}/next`} value={s.next} dataKey={`${s.id}:next`} said={said}
              empty={i + 1 < steps.length ? `Langkah di bawahnya (${i + 2})` : "(belum ada langkah di bawahnya)"}
              set={(d, to) => { if (to) d.steps![i].next = to; else delete d.steps![i].next; }} />
            <FieldError path={`${at}/next`} />
          </div>
        ) : null}
        <StepText i={i} n={n} name="requirements" label="Kelengkapan" multiline />
        <Duration i={i} n={n} />
        <StepText i={i} n={n} name="output" label="Output" />
        <StepText i={i} n={n} name="notes" label="Keterangan" multiline />
      </div>
      {!ctx.readOnly && (
        <div class="sf-panel-tools">
          <button type="button" class="small secondary" data-key={`${s.id}:up`} disabled={i === 0} onClick={() => move(i - 1)}>
            Naikkan<span class="vh"> langkah {n}</span></button>
          <button type="button" class="small secondary" data-key={`${s.id}:down`} disabled={i + 1 === steps.length} onClick={() => move(i + 1)}>
            Turunkan<span class="vh"> langkah {n}</span></button>
        </div>
      )}
    </div>
  );
}

function Row({ i, said }: { i: number; said: (text: string) => void }) {
  const ctx = useForm();
  const steps = ctx.doc.steps!;
  const s = steps[i];
  const n = i + 1;
  const at = `/steps/${i}`;
  const open = ctx.open.has(s.id);
  const actors = ctx.doc.actors ?? [];
  const knownActor = !s.actor || actors.some((a) => a.id === s.actor);
  // What the row does not show at a field of its own: the step as a whole, and the panel's
  // fields while it is closed.
  const shownHere = new Set(["activity", "actor", ...(open ? panelFields : [])].map((f) => `${at}/${f}`));
  const elsewhere = problemsWithin(ctx, at).filter((p) => !shownHere.has(p.path));
  const duplicate = () => {
    const copy: Step = { ...JSON.parse(JSON.stringify(s)) as Step, id: freshId(steps, "s") };
    ctx.update((d) => { d.steps!.splice(i + 1, 0, copy); });
    ctx.focusLater(`${copy.id}:activity`);
  };
  const remove = () => {
    ctx.update((d) => {
      d.steps!.splice(i, 1);
      for (const o of d.steps!) {
        if (o.next === s.id) delete o.next;
        for (const x of o.exits ?? []) if (x.to === s.id) x.to = "";
      }
    });
    said(`Langkah ${n} dihapus. Urungkan untuk mengembalikannya.`);
    const near = steps[i + 1] ?? steps[i - 1];
    ctx.focusLater(near ? `${near.id}:activity` : "step:add");
  };
  const insertBelow = () => {
    const fresh = newStep(ctx, s.actor, false);
    ctx.update((d) => { d.steps!.splice(i + 1, 0, fresh); });
    ctx.focusLater(`${fresh.id}:activity`);
  };
  return (
    <li class={`sf-step${open ? " open" : ""}`} data-part={at} data-path={at}
      onKeyDown={(ev) => {
        if (ctx.readOnly && ev.key !== "Escape" && !(ev.key === "Enter" && ev.altKey)) return;
        if (ev.altKey && !ev.ctrlKey && !ev.metaKey && (ev.key === "ArrowUp" || ev.key === "ArrowDown")) {
          ev.preventDefault();
          const to = ev.key === "ArrowUp" ? i - 1 : i + 1;
          if (to < 0 || to >= steps.length) return;
          const key = (ev.target as HTMLElement).dataset.key;
          ctx.update((d) => { const [x] = d.steps!.splice(i, 1); d.steps!.splice(to, 0, x); });
          said(`Langkah ${n} dipindah menjadi langkah ${to + 1}.`);
          if (key) ctx.focusLater(key);
        } else if (ev.key === "Enter" && ev.altKey && !ev.ctrlKey && !ev.metaKey) {
          // The details from anywhere in the step: opened with the focus on its first field.
          ev.preventDefault();
          ctx.setOpen(s.id, !open);
          ctx.focusLater(open ? `${s.id}:activity` : `${s.id}:symbol`);
        } else if (ev.key === "Escape" && open) {
          ev.preventDefault();
          ctx.setOpen(s.id, false);
          ctx.focusLater(`${s.id}:toggle`);
        }
      }}>
      <div class="sf-row">
        <span class="sf-no">
          <span class={`sf-sym sf-sym-${s.symbol}`} aria-hidden="true" />
          {n}<span class="vh"> ({symbols.find(([v]) => v === s.symbol)?.[1]})</span>
        </span>
        <textarea class="sf-activity" rows={1} value={s.activity ?? ""} readOnly={ctx.readOnly} aria-label={`Kegiatan langkah ${n}`}
          data-path={`${at}/activity`} data-key={`${s.id}:activity`} {...invalidAttrs(ctx, `${at}/activity`)}
          onInput={(ev) => { const v = (ev.target as HTMLTextAreaElement).value; ctx.update((d) => { d.steps![i].activity = v; }); }}
          onKeyDown={(ev) => {
            if (ev.key !== "Enter" || ev.shiftKey || ev.altKey || ev.ctrlKey || ev.metaKey || ev.isComposing || ctx.readOnly) return;
            ev.preventDefault();
            insertBelow();
          }} />
        <select class="sf-actor" value={s.actor ?? ""} disabled={ctx.readOnly} aria-label={`Pelaksana langkah ${n}`}
          data-path={`${at}/actor`} data-key={`${s.id}:actor`} {...invalidAttrs(ctx, `${at}/actor`)}
          onKeyDown={(ev) => {
            if (ev.key !== "Enter" || ev.shiftKey || ev.altKey || ev.ctrlKey || ev.metaKey || ctx.readOnly) return;
            ev.preventDefault();
            insertBelow();
          }}
          onChange={(ev) => {
            const v = (ev.target as HTMLSelectElement).value;
            ctx.update((d) => { if (v) d.steps![i].actor = v; else delete d.steps![i].actor; });
          }}>
          <option value="">(pilih pelaksana)</option>
          {actors.map((a) => <option key={a.id} value={a.id}>{actorName(ctx.org, a)}</option>)}
          {!knownActor && <option value={s.actor}>{`(pelaksana ${s.actor} tidak ada)`}</option>}
        </select>
        <span class="sf-flow" data-testid="flow">{flowText(steps, i)}</span>
        <span class="sf-tools">
          {!ctx.readOnly && <>
            <button type="button" class="small secondary sf-icon" aria-label={`Duplikat langkah ${n}`} title="Duplikat"
              onClick={duplicate}>
              <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
                <rect x="1.5" y="4.5" width="9" height="10" rx="1" fill="none" stroke="currentColor" stroke-width="1.5" />
                <path d="M5.5 4.5v-3h9v10h-4" fill="none" stroke="currentColor" stroke-width="1.5" />
              </svg>
            </button>
            <button type="button" class="small danger sf-icon" aria-label={`Hapus langkah ${n}`} title="Hapus"
              onClick={remove}>
              <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
                <path d="M3 3l10 10M13 3L3 13" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" />
              </svg>
            </button>
          </>}
          <button type="button" class="sf-toggle small secondary" aria-expanded={open} aria-controls={`rincian-${s.id}`}
            aria-keyshortcuts="Alt+Enter" data-key={`${s.id}:toggle`} onClick={() => ctx.setOpen(s.id, !open)}>
            <span aria-hidden="true">{open ? "▾ " : "▸ "}</span>Rincian<span class="vh"> langkah {n}</span>
          </button>
        </span>
      </div>
      <FieldError path={`${at}/activity`} />
      <FieldError path={`${at}/actor`} />
      {elsewhere.length > 0 && (
        <ul class="sf-step-problems" id={errorId(at)}>
          {elsewhere.map((p, k) => {
            const field = p.path.slice(at.length + 1).split("/")[0];
            return <li key={k}>{field ? `${stepFields[field] ?? field}: ` : ""}{p.message}</li>;
          })}
        </ul>
      )}
      <ctx.Notes path={at} within />
      {open && <Panel i={i} said={said} />}
    </li>
  );
}

/** Impor langkah: actors and steps from a table laid out like the PermenPAN one (CSV), put in
 * place of the present ones (Urungkan brings them back). */
function ImportSteps({ said }: { said: (text: string) => void }) {
  const ctx = useForm();
  const [error, setError] = useState("");
  return (
    <div class="sf-import">
      <FilePicker label="Impor langkah dari CSV (kolom seperti tabel SOP)" accept=".csv,text/csv" error={error}
        onFile={async (file, input) => {
          setError("");
          try {
            const r = await send<{ actors: Sop["actors"]; steps: Sop["steps"] }>("POST", "/api/v1/import/sop-steps",
              { csv: await textOf(file), unit: ctx.doc.unit });
            ctx.update((d) => { d.actors = r.actors; d.steps = r.steps; });
            said(`${r.steps?.length ?? 0} langkah diimpor. Urungkan untuk mengembalikan langkah sebelumnya.`);
          } catch (e) {
            setError(e instanceof ApiError ? [e.message, ...e.details.map((d) => d.message)].join(" ") : "Berkas tidak dapat dibaca.");
          }
          input.value = "";
        }} />
    </div>
  );
}

export function Steps() {
  const ctx = useForm();
  const steps = ctx.doc.steps ?? [];
  const [news, setNews] = useState("");
  return (
    <section class="sf-section sf-steps-section" aria-labelledby="bagian-langkah">
      <h3 id="bagian-langkah" tabIndex={-1}>Langkah ({steps.length})</h3>
      {!ctx.readOnly && (
        <p class="hint" id="petunjuk-langkah">Enter di Kegiatan atau Pelaksana: langkah baru di bawahnya · Shift+Enter: baris baru ·
          Alt+Enter: buka atau tutup rincian · Esc: tutup rincian · Alt+↑/↓: pindahkan langkah.</p>
      )}
      <FieldError path="/steps" />
      <ctx.Notes path="/steps" />
      {steps.length > 0 && (
        <>
          <div class="sf-head" aria-hidden="true"><span>No</span><span>Kegiatan</span><span>Pelaksana</span><span>Alur</span><span /></div>
          <ol class="sf-steps" data-testid="steps" aria-describedby={ctx.readOnly ? undefined : "petunjuk-langkah"}>
            {steps.map((s, i) => <Row key={s.id} i={i} said={setNews} />)}
          </ol>
        </>
      )}
      {!steps.length && <p class="hint">Belum ada langkah. Langkah pertama adalah Mulai.</p>}
      {!ctx.readOnly && (
        <button type="button" class="secondary" data-key="step:add" onClick={() => {
          const fresh = newStep(ctx, steps.at(-1)?.actor, steps.length === 0);
          ctx.update((d) => { d.steps = [...(d.steps ?? []), fresh]; });
          ctx.focusLater(`${fresh.id}:activity`);
        }}>Tambah langkah</button>
      )}
      {!ctx.readOnly && <ImportSteps said={setNews} />}
      <p class="vh" role="status">{news}</p>
    </section>
  );
}
