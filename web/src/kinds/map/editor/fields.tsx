// Labelled fields of the map forms, each a part of its own (its findings are judged once the
// focus has left it), with its findings and its reviewers' comments under it.
import type { ComponentChildren, ComponentType } from "preact";
import { useId } from "preact/hooks";
import { linesOf, sameList, useTyped } from "../../../docs/editor/typed";
import type { Problem } from "../../../docs/kinds";
import type { Unit } from "../../../api";

export interface FieldContext {
  problems: Problem[];
  Notes: ComponentType<{ path: string; within?: boolean }>;
  readOnly: boolean;
}

export const errorId = (path: string): string => `salah${path.replace(/[^A-Za-z0-9]/g, "-")}`;
export const problemsAt = (ctx: FieldContext, path: string): Problem[] => ctx.problems.filter((p) => p.path === path);

export function FieldError({ ctx, path }: { ctx: FieldContext; path: string }) {
  const here = problemsAt(ctx, path);
  if (!here.length) return null;
  return <small class="field-error" id={errorId(path)}>{here.map((p) => p.message).join(" ")}</small>;
}

/** What a control takes for the findings at `path`. */
export function invalid(ctx: FieldContext, path: string, hint?: string): { "aria-invalid"?: "true"; "aria-describedby"?: string; "data-path": string } {
  const bad = problemsAt(ctx, path).length > 0;
  const describedBy = [bad ? errorId(path) : "", hint ?? ""].filter(Boolean).join(" ") || undefined;
  return { ...(bad ? { "aria-invalid": "true" } : {}), "aria-describedby": describedBy, "data-path": path };
}

/** A label, the control (given its id and its attributes), a hint, the findings and the comments. */
export function MField({ ctx, label, path, hint, children }: {
  ctx: FieldContext; label: string; path: string; hint?: string;
  children: (id: string, attrs: ReturnType<typeof invalid>) => ComponentChildren;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div class="mf-field" data-part={path}>
      <label for={id}>{label}</label>
      {children(id, invalid(ctx, path, hintId))}
      {hint && <small class="hint" id={hintId}>{hint}</small>}
      <FieldError ctx={ctx} path={path} />
      <ctx.Notes path={path} />
    </div>
  );
}

/** A list of short texts typed one a line; the typed text is kept while it reads the same. */
export function LinesField({ ctx, label, path, value, set }: {
  ctx: FieldContext; label: string; path: string; value: string[] | undefined; set: (v: string[] | undefined) => void;
}) {
  const [text, setText] = useTyped(value, (v) => (v ?? []).join("\n"), linesOf, sameList);
  return (
    <MField ctx={ctx} label={label} path={path} hint="Satu butir per baris.">
      {(id, attrs) => (
        <textarea id={id} rows={3} value={text} readOnly={ctx.readOnly} {...attrs}
          onInput={(ev) => {
            const t = (ev.target as HTMLTextAreaElement).value;
            setText(t);
            const next = linesOf(t);
            set(next.length ? next : undefined);
          }} />)}
    </MField>
  );
}

/** The open units in the tree's order, indented by depth, for a unit select. */
export function UnitOptions({ units, empty = "—" }: { units: Unit[]; empty?: string }) {
  return (
    <>
      <option value="">{empty}</option>
      {units.filter((u) => !u.closed).map((u) => (
        <option key={u.id} value={u.id}>{"\u00a0\u00a0".repeat(u.depth ?? 0) + u.name}</option>))}
    </>
  );
}

export { freshId } from "../../../docs/editor/typed";
