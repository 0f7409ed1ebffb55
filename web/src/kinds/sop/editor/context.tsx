// What every part of the SOP form shares: the document and a way to change it, the findings to
// show in place, the comments, the organisation (for actors' names), and where the focus goes
// after a change that redraws rows (a step added, moved or removed).
import { createContext, type ComponentType } from "preact";
import { useContext, useEffect, useState } from "preact/hooks";
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

/** Text that is typed and read back differently (a list a line each, a number): the typed
 * text is kept while it reads as the stored value, so a new empty line or "0," stays. */
export function useTyped<T>(value: T, show: (v: T) => string, read: (text: string) => T, same: (a: T, b: T) => boolean) {
  const [text, setText] = useState(show(value));
  useEffect(() => {
    if (!same(read(text), value)) setText(show(value));
  }, [value]);
  return [text, setText] as const;
}

export const linesOf = (text: string): string[] => text.split("\n").map((s) => s.trim()).filter(Boolean);
export const sameList = (a: string[] | undefined, b: string[] | undefined): boolean =>
  JSON.stringify(a ?? []) === JSON.stringify(b ?? []);

/** A new code for a list's element: the prefix and the first free number from its count. */
export function freshId(taken: { id: string }[], prefix: string): string {
  let n = taken.length + 1;
  while (taken.some((e) => e.id === `${prefix}${n}`)) ++n;
  return `${prefix}${n}`;
}

export type { Actor };
