import { sopKind } from "../docs/kinds";
import { documentScreen } from "./documents";

export default documentScreen(sopKind);
