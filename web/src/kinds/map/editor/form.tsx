// The map's form in the generic editor: the identity, then a form of processes for level 0 and
// decomposition maps, or the bpmn-js modeler for a cross-functional map.
import "../map.css";
import "../../sop/editor/form.css";
import { useEffect, useRef } from "preact/hooks";
import { Status, useLoad } from "../../../app/screen";
import type { KindFormProps } from "../../../docs/kinds";
import { loadMapOrg } from "../org";
import type { MapDoc } from "../types";
import { CrossForm } from "./cross";
import type { FieldContext } from "./fields";
import { Identity } from "./identity";
import { ProcessForm } from "./processes";

export function MapForm(props: KindFormProps) {
  const { id, document, readOnly, change, problems, Notes, reveal } = props;
  const doc = document as unknown as MapDoc;
  const org = useLoad(() => loadMapOrg(), []);
  const box = useRef<HTMLDivElement>(null);
  const ctx: FieldContext = { problems, Notes, readOnly };
  const update = (fn: (d: MapDoc) => void) => {
    const next = structuredClone(doc);
    fn(next);
    change(next as unknown as Record<string, unknown>);
  };
  // Shown from the findings or the comments: the field (or the row) at that pointer.
  useEffect(() => {
    if (!reveal || doc.type === "lintas_fungsi") return;
    for (let p = reveal.path; p; p = p.slice(0, p.lastIndexOf("/"))) {
      const found = box.current?.querySelector<HTMLElement>(`[data-path="${CSS.escape(p)}"]`);
      if (!found) continue;
      const control = found.matches("input, select, textarea") ? found : found.querySelector<HTMLElement>("input, select, textarea, button");
      found.scrollIntoView({ block: "center" });
      control?.focus({ preventScroll: true });
      break;
    }
  }, [reveal?.seq]);
  return (
    <div class="sop-form map-forms" ref={box}>
      <Status loading={org.loading} error={org.error}>
        {org.data && <>
          <Identity id={id} ctx={ctx} doc={doc} units={org.data.units} update={update} />
          {doc.type === "lintas_fungsi"
            ? <CrossForm {...props} units={org.data.units} />
            : <ProcessForm id={id} ctx={ctx} doc={doc} units={org.data.units} update={update} />}
        </>}
      </Status>
    </div>
  );
}
