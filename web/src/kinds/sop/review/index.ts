// The SOP kind's parts of the generic list, review and comments.
import type { KindParts } from "../../../docs/kinds";
import { Changes, changeAnchors } from "./changes";
import { anchorLabel, commentAnchors, missingAnchorNote } from "./words";

export const sopReview: Pick<KindParts, "listFilters" | "searchHint" | "Changes" | "changeAnchors" | "commentAnchors" | "anchorLabel" | "missingAnchorNote"> = {
  listFilters: [{
    param: "classification", label: "Klasifikasi", all: "Semua klasifikasi",
    options: [["administratif", "Administratif"], ["teknis", "Teknis"], ["mikro", "Mikro"], ["makro", "Makro"],
      ["final", "Final"], ["parsial", "Parsial"], ["generik", "Generik"], ["spesifik", "Spesifik"]],
  }],
  searchHint: "Cari nomor, judul, kegiatan…",
  Changes, changeAnchors, commentAnchors, anchorLabel, missingAnchorNote,
};
