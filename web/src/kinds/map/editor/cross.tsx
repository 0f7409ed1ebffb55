// A cross-functional map edited with the bpmn-js modeler. The modeler is loaded from the draft's
// BPMN (GET /api/v1/maps/{id}/bpmn?version=draft); a moment after each change its XML goes to
// the server's import (POST /api/v1/maps/import/bpmn, which writes nothing) and the lanes, nodes
// and flows it reads replace the document's, which the generic editor then saves. What the map
// kind does not hold is listed for the author, never dropped silently. A BPMN file from another
// tool (Camunda, bpmn.io, Bizagi) can be imported the same way, and the draft downloaded.
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, send, textOf, type Unit } from "../../../api";
import { withQuery } from "../../../app/router";
import { useTimer } from "../../../app/screen";
import { FilePicker } from "../../../app/ui";
import type { KindFormProps } from "../../../docs/kinds";
import type { Canvas, CommandStack, Diagram, DiagramElement, ElementRegistry, EventBus, Modeling, Selection } from "../bpmn/services";
import { bpmnXml, CrossMap, linkedName, linkedNames, ZoomTools } from "../cross_map";
import type { BpmnImport, MapDoc } from "../types";
import { FieldError, type FieldContext } from "./fields";
import { ElementPanel, type Names } from "./panel";

const drawn = ["lanes", "nodes", "flows"] as const;

/** The draft's BPMN, or the version in force's when there is no draft yet (a revision): the
 * newest the author may see, asked once (no failed request for a draft that is not there). */
const draftXml = (id: string): Promise<string> => bpmnXml(id, "latest");

const refusal = (e: unknown): string =>
  e instanceof ApiError ? [e.message, ...e.details.map((d) => d.message)].join(" ") : "Server tidak dapat dihubungi.";

/** What bpmn-js throws on a file it cannot read, in words. */
const unreadable = (e: unknown): string => `Berkas tidak dapat dibaca sebagai BPMN: ${e instanceof Error ? e.message : String(e)}`;

export function CrossForm({ id, document, readOnly, change, problems, Notes, reveal, units }: KindFormProps & { units: Unit[] }) {
  const doc = document as unknown as MapDoc;
  const ctx: FieldContext = { problems, Notes, readOnly };
  const docRef = useRef(document);
  docRef.current = document;
  // The document as this form last made it: any other is someone else's (a conflict's choice),
  // and the diagram is read again from the saved draft.
  const emitted = useRef(document);
  const [round, setRound] = useState(0);
  const box = useRef<HTMLDivElement>(null);
  const modeler = useRef<Diagram | null>(null);
  const [failed, setFailed] = useState("");
  const [ready, setReady] = useState(false);
  const [unsupported, setUnsupported] = useState<BpmnImport["unsupported"]>([]);
  const [syncError, setSyncError] = useState("");
  const [news, setNews] = useState("");
  const [selected, setSelected] = useState<DiagramElement | null>(null);
  const [, setTick] = useState(0);
  const later = useTimer();
  const seq = useRef(0);
  // Names of the SOPs and maps the draft names, and of those found while linking.
  const known = useRef(new Map<string, string>());
  const [, setKnownRound] = useState(0);
  useEffect(() => {
    if (readOnly) return;
    void linkedNames(id, "latest").then((m) => {
      for (const [k, l] of m) known.current.set(k, linkedName(l));
      setKnownRound((r) => r + 1);
    }, () => {});
  }, [id, readOnly]);
  const names: Names = { get: (k) => known.current.get(k), add: (k, name) => { known.current.set(k, name); } };

  useEffect(() => {
    if (document === emitted.current) return;
    emitted.current = document;
    setRound((r) => r + 1);
  }, [document]);

  /** The modeler's XML read by the server; its lanes, nodes and flows into the document (not
   * when only `looking`: the diagram as loaded, whose unsupported elements are listed). */
  const sync = async (looking = false): Promise<void> => {
    const m = modeler.current;
    if (!m) return;
    const mine = ++seq.current;
    const { xml = "" } = await m.saveXML();
    try {
      const r = await send<BpmnImport>("POST", withQuery("/api/v1/maps/import/bpmn", { unit: String(docRef.current.unit ?? "") }),
        new Blob([xml], { type: "application/xml" }));
      if (mine !== seq.current) return;  // a newer change is on its way
      setUnsupported(r.unsupported);
      setSyncError("");
      if (looking) return;
      const current = docRef.current;
      const next: Record<string, unknown> = { ...current };
      for (const key of drawn) {
        const value = r.map[key];
        if (value?.length) next[key] = value;
        else delete next[key];
      }
      if (drawn.every((k) => JSON.stringify(current[k]) === JSON.stringify(next[k]))) return;
      emitted.current = next;
      change(next);
    } catch (e) {
      if (mine === seq.current) setSyncError(refusal(e));
    }
  };

  useEffect(() => {
    if (readOnly) return;
    let live = true;
    let made: Diagram | null = null;
    let resize: ResizeObserver | null = null;
    setReady(false);
    setFailed("");
    Promise.all([import("../bpmn/modeler"), draftXml(id)]).then(async ([{ createModeler }, xml]) => {
      if (!live) return;
      made = createModeler(box.current!) as unknown as Diagram;
      modeler.current = made;
      await made.importXML(xml);
      if (!live) return;
      const canvas = made.get<Canvas>("canvas");
      canvas.zoom("fit-viewport", "auto");
      // The canvas follows its box (a phone turned, the side panel moved under it).
      resize = new ResizeObserver(() => { if ((box.current?.clientWidth ?? 0) >= 20) canvas.resized(); });
      resize.observe(box.current!);
      const bus = made.get<EventBus>("eventBus");
      bus.on("commandStack.changed", () => {
        setTick((t) => t + 1);
        later(() => void sync(), 600);
      });
      bus.on("selection.changed", (e) => {
        const sel = e.newSelection ?? [];
        setSelected(sel.length === 1 ? sel[0].labelTarget ?? sel[0] : null);
      });
      setReady(true);
      // What the server reads of the diagram as it was loaded: opening the editor saves nothing.
      void sync(true);
    }).catch((e: unknown) => { if (live) setFailed(e instanceof ApiError || e instanceof Error ? e.message : String(e)); });
    return () => {
      live = false;
      resize?.disconnect();
      made?.destroy();
      modeler.current = null;
      setSelected(null);
    };
  }, [round, readOnly]);

  // Shown from the findings or the comments: the element selected and brought into sight.
  useEffect(() => {
    const m = modeler.current;
    if (!reveal || !m) return;
    const [top, index] = reveal.path.split("/").slice(1);
    const list = top === "lanes" || top === "nodes" || top === "flows" ? doc[top] ?? [] : [];
    const target = list[Number(index)];
    const el = target ? m.get<ElementRegistry>("elementRegistry").get(target.id) : undefined;
    if (el) {
      m.get<Selection>("selection").select(el);
      m.get<Canvas>("canvas").scrollToElement(el);
      globalThis.document.getElementById("panel-judul")?.focus();
    } else {
      globalThis.document.getElementById("bagian-isi")?.focus();
    }
  }, [reveal?.seq]);

  const importFile = async (file: File, input: HTMLInputElement) => {
    const m = modeler.current;
    if (!m) return;
    setNews("");
    const text = await textOf(file);
    try {
      // The server reads it first: a hostile or broken file is refused before the canvas shows it.
      const r = await send<BpmnImport>("POST", withQuery("/api/v1/maps/import/bpmn", { unit: doc.unit }),
        new Blob([text], { type: "application/xml" }));
      try {
        await m.importXML(text);
      } catch (e) {
        setSyncError(unreadable(e));
        return;
      }
      m.get<Canvas>("canvas").zoom("fit-viewport", "auto");
      setUnsupported(r.unsupported);
      setSyncError("");
      setNews(`Berkas ${file.name} diimpor: ${r.map.lanes?.length ?? 0} lajur, ${r.map.nodes?.length ?? 0} elemen, ${r.map.flows?.length ?? 0} alur.`);
      await sync();
    } catch (e) {
      setSyncError(`Berkas ${file.name} tidak dapat diimpor: ${refusal(e)}`);
    } finally {
      input.value = "";
    }
  };

  if (readOnly)
    return (
      <fieldset class="sf-section" id="bagian-isi" tabIndex={-1}>
        <legend>Diagram peta lintas fungsi</legend>
        <CrossMap id={id} version="latest" openMap={(m) => `/peta/${m}`} />
      </fieldset>);

  const m = ready ? modeler.current : null;
  const stack = m?.get<CommandStack>("commandStack");
  return (
    <fieldset class="sf-section" id="bagian-isi" tabIndex={-1}>
      <legend>Diagram peta lintas fungsi</legend>
      <p class="hint">Tambah lajur dari menu kolam, aktivitas dan gerbang dari palet di kiri; klik elemen untuk menautkan SOP
        atau memilih unit/jabatan lajur. Setiap perubahan disimpan otomatis.</p>
      <FieldError ctx={ctx} path="/lanes" />
      <FieldError ctx={ctx} path="/nodes" />
      <div class="bpmn-tools">
        <button type="button" class="small secondary" disabled={!stack?.canUndo()} onClick={() => stack?.undo()}>Urungkan</button>
        <button type="button" class="small secondary" disabled={!stack?.canRedo()} onClick={() => stack?.redo()}>Ulangi</button>
        <a class="button secondary small" href={`/api/v1/maps/${id}/bpmn?version=latest`} download={`${doc.title || "peta"}.bpmn`}>Unduh BPMN</a>
      </div>
      <ZoomTools diagram={() => modeler.current} label="diagram" />
      <div class="cross-grid">
        <div class="bpmn-box modeler" ref={box} data-testid="modeler" data-ready={ready ? "yes" : undefined} />
        {failed && <p class="notice bad" role="alert">{`Penyunting diagram tidak dapat dimuat: ${failed}`}</p>}
        {!ready && !failed && <p class="hint" role="status">Memuat penyunting diagram…</p>}
        {syncError && <p class="notice bad" role="alert" data-testid="sync-error">{syncError}</p>}
        {news && <p class="notice ok" role="status">{news}</p>}
        {unsupported.length > 0 && (
          <div class="notice unsupported" role="status" data-testid="unsupported">
            <p><strong>{`${unsupported.length} elemen tidak didukung peta lintas fungsi dan tidak ikut tersimpan:`}</strong></p>
            <ul>{unsupported.map((u, i) => <li key={`${u.id}${i}`}>{`${u.name || u.id || u.element} (${u.element}): ${u.message}`}</li>)}</ul>
            <p>Ganti atau hapus elemen ini di diagram.</p>
          </div>)}
        <section class="map-panel" aria-labelledby="panel-judul" data-testid="element-panel">
          <h3 id="panel-judul" tabIndex={-1}>{selected ? `Elemen terpilih: ${selected.businessObject.name || selected.id}` : "Elemen terpilih"}</h3>
          <ElementPanel ctx={ctx} element={selected} modeling={m?.get<Modeling>("modeling") ?? null} doc={doc} units={units} names={names} />
        </section>
        <FilePicker label="Impor BPMN (Camunda, bpmn.io, Bizagi)" accept=".bpmn,.xml,application/xml,text/xml"
          onFile={(file, input) => void importFile(file, input)} />
      </div>
    </fieldset>
  );
}
