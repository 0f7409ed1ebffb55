// Placeholder until the generic document view lands: the DOM-built SOP view.
import { DomScreen } from "../app/screen";
import { here, navigate } from "../app/router";
import { me } from "../app/session";
import { renderSopView } from "../pages/sop_view";
import type { DocScreenProps } from "../screens/documents";

export default function DocView({ id }: DocScreenProps) {
  return <DomScreen key={here.value.query.toString()} render={(t) => renderSopView(t, id, me.value!, navigate)} />;
}
