// The SOP kind's own parts of the generic document screens.
import type { KindParts } from "../../docs/kinds";
import { Reading } from "./reading";
import { sopReview } from "./review";
import { SopForm } from "./form";
import { sopEditing } from "./editor/editing";

export const parts: KindParts = {
  Reading,
  Form: SopForm,
  ...sopReview,
  editing: sopEditing,
};
