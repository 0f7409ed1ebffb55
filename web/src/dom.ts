// Small DOM helpers: the app builds its screens from plain elements.
import { dayHint, typedDay } from "./dates";

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false) continue;
    node.setAttribute(k, v === true ? "" : v);
  }
  node.append(...children);
  return node;
}

/// An in-app link: a real href (open in a new tab works), followed by the router on a click.
export function link(path: string, text: string, go: (path: string) => void,
  attrs: Record<string, string> = {}): HTMLAnchorElement {
  const a = el("a", { ...attrs, href: path }, text);
  a.addEventListener("click", (ev) => {
    ev.preventDefault();
    go(path);
  });
  return a;
}

/// A labelled form field; the input gets an id so the label is announced with it.
let fieldSeq = 0;
export function field(label: string, input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
  hint = ""): HTMLElement {
  const id = input.id || `f${++fieldSeq}`;
  input.id = id;
  const wrap = el("div", { class: "field" }, el("label", { for: id }, label), input);
  if (hint) wrap.append(el("small", { class: "hint" }, hint));
  return wrap;
}

export function select(options: [string, string][], value = ""): HTMLSelectElement {
  const s = el("select");
  for (const [v, text] of options) s.append(el("option", { value: v, selected: v === value }, text));
  return s;
}

/// A live region for results and errors of the current screen.
export function statusBox(): HTMLElement {
  return el("div", { class: "notice", role: "status", "aria-live": "polite" });
}

export function showError(box: HTMLElement, message: string, details: { path: string; message: string }[] = []): void {
  box.className = "notice bad";
  box.replaceChildren(el("p", {}, message));
  if (details.length) {
    const list = el("ul", { "data-testid": "error-details" });
    for (const d of details) list.append(el("li", {}, el("code", {}, d.path), " — ", d.message));
    box.append(list);
  }
}

export function showOk(box: HTMLElement, message: string): void {
  box.className = "notice ok";
  box.replaceChildren(el("p", {}, message));
}

/// A day typed the Indonesian way (dates.ts), independent of the browser's language; read it with
/// `parseDay(input.value)`.
export function dayInput(value = "", attrs: Record<string, string | boolean> = {}): HTMLInputElement {
  return el("input", { type: "text", inputmode: "numeric", autocomplete: "off", placeholder: "hh/bb/tttt",
    title: dayHint, value: typedDay(value), ...attrs });
}

/// The DOM-built screens' file field, the same as `FilePicker` (app/ui.tsx): an Indonesian
/// button and the chosen file's name instead of the browser's own "Choose File".
let fileSeq = 0;
export function fileField(label: string, input: HTMLInputElement, hint = ""): HTMLElement {
  const id = `file${++fileSeq}`;
  input.setAttribute("aria-labelledby", `${id}-label`);
  input.setAttribute("aria-describedby", `${id}-chosen`);
  const chosen = el("small", { id: `${id}-chosen`, class: "hint" }, "Belum ada berkas dipilih.");
  input.addEventListener("change", () => { chosen.textContent = input.files?.[0]?.name ?? "Belum ada berkas dipilih."; });
  const wrap = el("div", { class: "field" }, el("span", { id: `${id}-label`, class: "label" }, label),
    el("label", { class: "file-button" }, input, el("span", { "aria-hidden": "true" }, "Pilih berkas…")), chosen);
  if (hint) wrap.append(el("small", { class: "hint" }, hint));
  return wrap;
}
