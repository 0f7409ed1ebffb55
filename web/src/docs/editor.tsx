// Placeholder until the generic editor lands: the DOM-built SOP editor.
import { DomScreen } from "../app/screen";
import { navigate } from "../app/router";
import { renderSopEditor } from "../pages/sop_editor";
import type { DocScreenProps } from "../screens/documents";

export default function DocEditor({ id }: DocScreenProps) {
  return <DomScreen render={(t) => renderSopEditor(t, id, navigate)} />;
}
