import { useCallback } from "preact/hooks";
import { DomScreen } from "../app/screen";
import type { ScreenProps } from "../app/screens";
import { navigate } from "../app/router";
import { me } from "../app/session";
import { renderSopEditor } from "../pages/sop_editor";
import { renderSopList } from "../pages/sop_list";
import { renderSopView } from "../pages/sop_view";

/** /sop (list), /sop/<id> (document), /sop/<id>/sunting (editor). */
export default function Sop({ rest }: ScreenProps) {
  const render = useCallback((target: HTMLElement) => {
    const [id, mode] = rest.split("/");
    if (!id) return renderSopList(target, me.value!, navigate);
    if (mode === "sunting") return renderSopEditor(target, id, navigate);
    return renderSopView(target, id, me.value!, navigate);
  }, [rest]);
  return <DomScreen render={render} />;
}
