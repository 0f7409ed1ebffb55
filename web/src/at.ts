// `?at=YYYY-MM-DD` in the URL: what was in force on that day. It goes from the SOP list to the
// document and on to the document's flowchart and print.
import { parseDay } from "./dates";
import { dayInput, el, link } from "./dom";
import { formatDate } from "./format";

/** The date of the current URL; "" for today. */
export const atOf = (): string => new URLSearchParams(location.search).get("at") ?? "";

export const withAt = (path: string, at: string): string =>
  at ? `${path}${path.includes("?") ? "&" : "?"}at=${at}` : path;

/** "Menampilkan versi yang berlaku pada …", with a link to the same screen today. */
export function atBanner(at: string, today: string, go: (path: string) => void): HTMLElement {
  return el("p", { class: "notice at", role: "status", "data-testid": "at-banner" },
    "Menampilkan versi yang berlaku pada ", el("strong", {}, formatDate(at)), ". ",
    link(today, "Kembali ke hari ini", go));
}

/** A date and "Tampilkan": the day is taken when asked for, not while it is being typed. */
export function atForm(label: string, at: string, show: (day: string) => void): HTMLFormElement {
  const day = dayInput(at, { required: true });
  const form = el("form", { class: "at-form", role: "search" },
    el("label", {}, label, " ", day), el("button", { type: "submit", class: "small" }, "Tampilkan"));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const picked = parseDay(day.value);
    day.setCustomValidity(picked ? "" : "Tanggal tidak dikenali; tulis hh/bb/tttt, misalnya 17/08/2026.");
    if (picked) show(picked);
    else day.reportValidity();
  });
  return form;
}
