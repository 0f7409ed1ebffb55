// Placeholder until the generic list lands: the DOM-built SOP list.
import { DomScreen } from "../app/screen";
import { here, navigate } from "../app/router";
import { me } from "../app/session";
import { renderSopList } from "../pages/sop_list";
import type { DocScreenProps } from "../screens/documents";

export default function DocList(_: DocScreenProps) {
  return <DomScreen key={here.value.query.toString()} render={(t) => renderSopList(t, me.value!, navigate)} />;
}
