// The SOP kind's own parts of the generic document screens.
import type { KindParts } from "../../docs/kinds";

export const parts: KindParts = {
  Reading: () => null,
  Form: () => null,
};
