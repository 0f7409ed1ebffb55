// The SOP's form in the generic editor: identity block, actors and steps. The editor hands it the
// document and takes every change; the form shows the findings the editor judged, the comments,
// and moves the focus where a person expects it after rows change.
import "./editor/form.css";
import { useEffect, useRef, useState } from "preact/hooks";
import { getJson, type Unit } from "../../api";
import { useLoad } from "../../app/screen";
import type { KindFormProps } from "../../docs/kinds";
import { Actors } from "./editor/actors";
import { Form, type FormContext } from "./editor/context";
import { Identity } from "./editor/identity";
import { orgOf } from "./editor/org";
import { Steps } from "./editor/steps";
import type { Sop } from "./editor/words";

/** Fields of a step shown in its row; the others are in its panel. */
const rowFields = new Set(["activity", "actor"]);

export function SopForm({ document: doc, readOnly, change, problems, Notes, reveal }: KindFormProps) {
  const sop = doc as Sop;
  const units = useLoad(() => getJson<{ items: Unit[] }>("/api/v1/units").then((r) => orgOf(r.items)), []);
  const [open, setOpenSet] = useState<Set<string>>(new Set());
  const focusKey = useRef("");
  const revealPath = useRef("");
  const box = useRef<HTMLDivElement>(null);
  const [, setTick] = useState(0);

  const setOpen = (id: string, on: boolean) => setOpenSet((s) => {
    const next = new Set(s);
    if (on) next.add(id);
    else next.delete(id);
    return next;
  });

  // After each redraw: the focus asked for (a new, moved or revealed control).
  useEffect(() => {
    const root = box.current;
    if (!root) return;
    if (focusKey.current) {
      const target = root.querySelector<HTMLElement>(`[data-key="${CSS.escape(focusKey.current)}"]`);
      if (target) {
        focusKey.current = "";
        target.focus();
      }
    }
    if (revealPath.current) {
      for (let p = revealPath.current; ; p = p.slice(0, p.lastIndexOf("/"))) {
        const found = p ? root.querySelector<HTMLElement>(`[data-path="${CSS.escape(p)}"]`) : null;
        if (found || !p) {
          revealPath.current = "";
          const control = found?.matches("input, select, textarea, button")
            ? found : found?.querySelector<HTMLElement>("input, select, textarea, button");
          found?.scrollIntoView({ block: "center" });
          control?.focus({ preventScroll: true });
          break;
        }
      }
    }
  });

  // Shown from the findings or the comments: open the step's panel if that is where it is.
  useEffect(() => {
    if (!reveal) return;
    const [top, index, sub] = reveal.path.split("/").slice(1);
    const step = top === "steps" && index !== undefined ? sop.steps?.[Number(index)] : undefined;
    if (step && sub && !rowFields.has(sub)) setOpen(step.id, true);
    // Taken by the focus effect above after the redraw this asks for (with the panel open).
    revealPath.current = reveal.path;
    setTick((t) => t + 1);
  }, [reveal?.seq]);

  const ctx: FormContext = {
    doc: sop,
    readOnly,
    update: (fn) => {
      const next = structuredClone(sop);
      fn(next);
      change(next as Record<string, unknown>);
    },
    problems,
    Notes,
    org: units.data ?? null,
    focusLater: (key) => { focusKey.current = key; },
    open,
    setOpen,
  };
  return (
    <Form.Provider value={ctx}>
      <div class="sop-form" ref={box}>
        {units.error && <p class="notice bad" role="alert">Struktur organisasi tidak dapat dimuat: {units.error}</p>}
        <Identity />
        <Actors />
        <Steps />
      </div>
    </Form.Provider>
  );
}
