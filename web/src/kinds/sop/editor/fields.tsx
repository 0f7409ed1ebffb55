// Labelled fields of the SOP form, each a part of its own (its findings are judged once the
// focus has left it) with its findings and its reviewers' comments under it.
import { useId } from "preact/hooks";
import type { Sop } from "./words";
import { FieldError, invalidAttrs, linesOf, sameList, useForm, useTyped } from "./context";

interface Common {
  label: string;
  /** The JSON pointer of the value; also the part it is judged as. */
  path: string;
  hint?: string;
  wide?: boolean;
}

function Shell({ label, path, hint, wide, children }: Common & { children: (id: string, describedBy?: string) => preact.ComponentChildren }) {
  const ctx = useForm();
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const attrs = invalidAttrs(ctx, path);
  const describedBy = [attrs["aria-describedby"], hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div class={`sf-field${wide ? " wide" : ""}`} data-part={path}>
      <label for={id}>{label}</label>
      {children(id, describedBy)}
      {hint && <small class="hint" id={hintId}>{hint}</small>}
      <FieldError path={path} />
      <ctx.Notes path={path} />
    </div>
  );
}

export function TextField({ value, set, multiline, ...common }: Common & {
  value: string | undefined;
  set: (draft: Sop, value: string | undefined) => void;
  multiline?: boolean;
}) {
  const ctx = useForm();
  const onInput = (ev: Event) => {
    const v = (ev.target as HTMLInputElement).value;
    ctx.update((d) => set(d, v === "" ? undefined : v));
  };
  return (
    <Shell {...common}>
      {(id, describedBy) => multiline
        ? <textarea id={id} rows={3} value={value ?? ""} readOnly={ctx.readOnly} data-path={common.path}
          aria-invalid={invalidAttrs(ctx, common.path)["aria-invalid"]} aria-describedby={describedBy} onInput={onInput} />
        : <input id={id} type="text" value={value ?? ""} readOnly={ctx.readOnly} data-path={common.path}
          aria-invalid={invalidAttrs(ctx, common.path)["aria-invalid"]} aria-describedby={describedBy} onInput={onInput} />}
    </Shell>
  );
}

/** A list of short texts, one a line. */
export function ListField({ value, set, ...common }: Common & {
  value: string[] | undefined;
  set: (draft: Sop, value: string[] | undefined) => void;
}) {
  const ctx = useForm();
  const [text, setText] = useTyped(value, (v) => (v ?? []).join("\n"), linesOf, sameList);
  return (
    <Shell {...common} hint={common.hint ?? "Satu butir per baris."}>
      {(id, describedBy) => (
        <textarea id={id} rows={3} value={text} readOnly={ctx.readOnly} data-path={common.path}
          aria-invalid={invalidAttrs(ctx, common.path)["aria-invalid"]} aria-describedby={describedBy}
          onInput={(ev) => {
            const t = (ev.target as HTMLTextAreaElement).value;
            setText(t);
            const lines = linesOf(t);
            ctx.update((d) => set(d, lines.length ? lines : undefined));
          }} />
      )}
    </Shell>
  );
}

export function ChoiceField({ value, set, options, ...common }: Common & {
  value: string | undefined;
  set: (draft: Sop, value: string | undefined) => void;
  options: [string, string][];
}) {
  const ctx = useForm();
  return (
    <Shell {...common}>
      {(id, describedBy) => (
        <select id={id} value={value ?? ""} disabled={ctx.readOnly} data-path={common.path}
          aria-invalid={invalidAttrs(ctx, common.path)["aria-invalid"]} aria-describedby={describedBy}
          onChange={(ev) => {
            const v = (ev.target as HTMLSelectElement).value;
            ctx.update((d) => set(d, v || undefined));
          }}>
          <option value="">—</option>
          {options.map(([v, label]) => <option key={v} value={v}>{label}</option>)}
        </select>
      )}
    </Shell>
  );
}
