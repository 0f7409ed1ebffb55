// What every part of the SOP form shares: the document and a way to change it, the findings to
// show in place, the comments, the organisation (for actors' names), and where the focus goes
// after a change that redraws rows (a step added, moved or removed).
import { createContext, type ComponentType } from "preact";
import { useContext } from "preact/hooks";
import type { Problem } from "../../../docs/kinds";
import { within } from "../../../docs/editor/pointer";
import type { Actor, Sop } from "./words";
import type { Org } from "./org";

export interface FormContext {
  doc: Sop;
  readOnly: boolean;
  /** Changes a copy of the document and hands it to the editor. */
  update: (fn: (draft: Sop) => void) => void;
  problems: Problem[];
  Notes: ComponentType<{ path: string; within?: boolean }>;
  org: Org | null;
  /** After the next redraw, focus the control with this data-key ("<step id>:activity"). */
  focusLater: (key: string) => void;
  /** Step ids whose details panel is open. */
  open: Set<string>;
  setOpen: (id: string, open: boolean) => void;
}

export const Form = createContext<FormContext | null>(null);
export const useForm = (): FormContext => useContext(Form)!;

/** The findings at exactly `path`. */
export const problemsAt = (ctx: FormContext, path: string): Problem[] => ctx.problems.filter((p) => p.path === path);
export const problemsWithin = (ctx: FormContext, path: string): Problem[] => ctx.problems.filter((p) => within(p.path, path));

/** An id for a finding's message, to describe its control by. */
export const errorId = (path: string): string => `salah${path.replace(/[^A-Za-z0-9]/g, "-")}`;

/** The messages for `path`, under its control. */
export function FieldError({ path }: { path: string }) {
  const here = problemsAt(useForm(), path);
  if (!here.length) return null;
  return <small class="field-error" id={errorId(path)}>{here.map((p) => p.message).join(" ")}</small>;
}

/** Attributes a control takes for the findings at `path`. */
export function invalidAttrs(ctx: FormContext, path: string): { "aria-invalid"?: "true"; "aria-describedby"?: string } {
  return problemsAt(ctx, path).length ? { "aria-invalid": "true", "aria-describedby": errorId(path) } : {};
}

export { freshId, linesOf, sameList, useTyped } from "../../../docs/editor/typed";

export type { Actor };
