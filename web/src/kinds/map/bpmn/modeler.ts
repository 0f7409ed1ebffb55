// The bpmn-js modeler (the bpmn.io editor, its watermark kept as its licence asks) with the
// sopan namespace, Indonesian tooltips and only the elements a cross-functional map holds;
// loaded only by the map editor.
import "bpmn-js/dist/assets/diagram-js.css";
import "bpmn-js/dist/assets/bpmn-js.css";
import "bpmn-js/dist/assets/bpmn-font/css/bpmn.css";
import "./bpmn.css";
import Modeler from "bpmn-js/lib/Modeler";
import sopan from "./sopan.json";
import { translateModule } from "./indonesian";
import { restrictModule } from "./restrict";

export function createModeler(container: HTMLElement): Modeler {
  return new Modeler({
    container,
    additionalModules: [translateModule, restrictModule],
    moddleExtensions: { sopan },
  });
}
