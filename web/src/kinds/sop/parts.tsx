// The SOP kind's own parts of the generic document screens.
import type { KindParts } from "../../docs/kinds";
import { Reading } from "./reading";
import { sopReview } from "./review";

export const parts: KindParts = {
  Reading,
  Form: () => null,
  ...sopReview,
};
