// bpmn-js's navigated viewer (pan and zoom, no editing) with the sopan namespace, loaded only by
// the map screens that show a cross-functional map; its styles and font are bundled with it.
import "bpmn-js/dist/assets/diagram-js.css";
import "bpmn-js/dist/assets/bpmn-js.css";
import "bpmn-js/dist/assets/bpmn-font/css/bpmn.css";
import "./bpmn.css";
import NavigatedViewer from "bpmn-js/lib/NavigatedViewer";
import sopan from "./sopan.json";
import { translateModule } from "./indonesian";

export function createViewer(container: HTMLElement): NavigatedViewer {
  return new NavigatedViewer({ container, additionalModules: [translateModule], moddleExtensions: { sopan } });
}
