// The map kind's own parts of the generic document screens.
import type { KindParts } from "../../docs/kinds";
import { mapEditing } from "./editor/editing";
import { MapForm } from "./editor/form";
import { Reading } from "./reading";
import { changeAnchors, Changes } from "./review/changes";
import { anchorLabel, commentAnchors, missingAnchorNote, typeShort } from "./words";

export const parts: KindParts = {
  Reading,
  Form: MapForm,
  listFilters: [{
    param: "classification", label: "Jenis peta", all: "Semua jenis peta",
    options: Object.entries(typeShort),
  }],
  searchHint: "Cari kode, nama peta…",
  Changes,
  changeAnchors,
  commentAnchors,
  anchorLabel: (pointer) => anchorLabel(pointer),
  missingAnchorNote,
  editing: mapEditing,
};
