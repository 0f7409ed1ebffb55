// The app's location as a signal: the path and the query (filters, `?at=`) both live in the URL,
// so a link, a reload or the back button shows the same screen with the same filters.
import { signal } from "@preact/signals";

export interface Location {
  path: string;
  query: URLSearchParams;
}

const read = (): Location => ({ path: location.pathname, query: new URLSearchParams(location.search) });

export const here = signal<Location>(read());

/** Opens another screen (a new history entry). */
export function navigate(to: string): void {
  history.pushState(null, "", to);
  here.value = read();
}

/** Changes the current screen's filters without a new history entry or a new screen. */
export function setQuery(params: Record<string, string | undefined>): void {
  const query = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === "") query.delete(k);
    else query.set(k, v);
  }
  const search = query.toString();
  history.replaceState(null, "", location.pathname + (search ? `?${search}` : ""));
  here.value = read();
}

/** A path with a query built from the given values (empty ones left out). */
export function withQuery(path: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) query.set(k, v);
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}

window.addEventListener("popstate", () => {
  here.value = read();
});

/** Follows an in-app link with the router; a modified click (new tab) is left to the browser. */
export function followLink(ev: MouseEvent, to: string): void {
  if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
  ev.preventDefault();
  navigate(to);
}
