// What every screen shares: a life cycle (loads are cancelled and timers cleared when the screen
// goes), its title, and an adapter for the screens still written as DOM builders.
import { useEffect, useRef, useState } from "preact/hooks";
import type { ComponentChildren } from "preact";
import { ApiError } from "../api";

/** Sets the tab's title: "<what> — Sopan". */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} — Sopan` : "Sopan";
  }, [title]);
}

export interface Loaded<T> {
  data?: T;
  error: string;
  loading: boolean;
  reload: () => void;
}

/** Runs `load` when the screen appears and whenever `deps` change; an answer that arrives after
 * the screen went or the inputs changed is dropped (its request is aborted). `loading` is true
 * from the very render in which the inputs changed, so old data is never taken for the new. */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error: string; loading: boolean; round?: number }>(
    { error: "", loading: true });
  const [round, setRound] = useState(0);
  const started = useRef(-1);
  const inputs = useRef<unknown[]>([]);
  // Another input than the answer's: a new round starts with this render.
  if (deps.length !== inputs.current.length || deps.some((d, i) => !Object.is(d, inputs.current[i]))) {
    inputs.current = deps;
    started.current += 1;
  }
  const current = started.current + round;
  useEffect(() => {
    const abort = new AbortController();
    setState((s) => ({ ...s, loading: true, error: "" }));
    load(abort.signal).then(
      (data) => { if (!abort.signal.aborted) setState({ data, error: "", loading: false, round: current }); },
      (e: unknown) => {
        if (abort.signal.aborted) return;
        setState({ error: e instanceof ApiError ? e.message : "Data tidak dapat dimuat.", loading: false, round: current });
      });
    return () => abort.abort();
  }, [...deps, round]);
  const { round: answered, ...rest } = state;
  return { ...rest, loading: rest.loading || answered !== current, reload: () => setRound((r) => r + 1) };
}

/** A timer that is cleared when the screen goes (and when it is set again). */
export function useTimer(): (fn: () => void, ms: number) => void {
  const timer = useRef(0);
  useEffect(() => () => clearTimeout(timer.current), []);
  return (fn, ms) => {
    clearTimeout(timer.current);
    timer.current = window.setTimeout(fn, ms);
  };
}

/** A screen built by a DOM function, once per mount. It gets a signal that aborts when the screen goes, for its
 * listeners (`{ signal }`) and timers. */
export function DomScreen({ render }: { render: (target: HTMLElement, signal: AbortSignal) => unknown }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const abort = new AbortController();
    void render(ref.current!, abort.signal);
    return () => abort.abort();
  }, []);  // built once: a parent that wants it rebuilt gives it another key
  return <div ref={ref} />;
}

/** Loading and error states the same on every screen. */
export function Status({ loading, error, children }: { loading?: boolean; error?: string; children?: ComponentChildren }) {
  if (error) return <p class="notice bad" role="alert">{error}</p>;
  if (loading) return <p class="hint" role="status">Memuat…</p>;
  return <>{children}</>;
}
