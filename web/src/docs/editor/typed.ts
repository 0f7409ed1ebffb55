// What every kind's form needs for typed values: text read back differently from how it is typed
// (a list a line each), and fresh element ids.
import { useEffect, useState } from "preact/hooks";

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
