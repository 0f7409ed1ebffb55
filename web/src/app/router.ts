// The app's location as a signal: the path and the query (filters, `?at=`) both live in the URL,
// so a link, a reload or the back button shows the same screen with the same filters.
import { signal } from "@preact/signals";

export interface Location {
  path: string;
  query: URLSearchParams;
}

const read = (): Location => ({ path: location.pathname, query: new URLSearchParams(location.search) });

export const here = signal<Location>(read());

/** The day the whole app shows ("as it was on D", `?at=` in the URL), or "" for today. */
export const asOfDay = (): string => here.value.query.get("at") ?? "";

/** `to` with the current `?at=` added while the app shows another day: every in-app address
 * keeps the day unless it names one itself (the API's and the print's build theirs). */
export function keepingDay(to: string): string {
  const day = asOfDay();
  if (!day || !to.startsWith("/") || to.startsWith("/api/")) return to;
  const url = new URL(to, location.origin);
  if (url.searchParams.has("at")) return to;
  url.searchParams.set("at", day);
  return url.pathname + url.search + url.hash;
}

/** Opens another screen (a new history entry), on the day the app shows. */
export function navigate(to: string): void {
  navigateExactly(keepingDay(to));
}

/** Opens exactly `to`, leaving the day the app shows when `to` names none (back to today). */
export function navigateExactly(to: string): void {
  history.pushState(null, "", to);
  here.value = read();
}

/** The current screen shown on another day ("" : today), as a new history entry. */
export function showDay(day: string): void {
  const query = new URLSearchParams(location.search);
  if (day) query.set("at", day);
  else query.delete("at");
  const search = query.toString();
  navigateExactly(location.pathname + (search ? `?${search}` : ""));
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

/** Follows an in-app link with the router; a modified click (new tab) is left to the browser.
 * `to` is the link's own address (with the day already kept, see Link). */
export function followLink(ev: MouseEvent, to: string): void {
  if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
  ev.preventDefault();
  navigateExactly(to);
}
