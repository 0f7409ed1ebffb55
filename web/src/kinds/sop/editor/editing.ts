// What the generic editor and the creation screen ask of the SOP kind.
import type { KindEditing } from "../../../docs/kinds";
import { Outline, Preview } from "./preview";
import { anchorLabel, partOf } from "./words";

export const sopEditing: KindEditing = {
  blank: (title, unit) => ({ title, unit, actors: [], steps: [] }),
  titleHint: 'Nama prosedur, misalnya "Pelayanan Surat Masuk".',
  previewTitle: "Pratinjau diagram alir",
  anchorLabel,
  partOf,
  Outline,
  Preview,
  sections: [["bagian-identitas", "Identitas"], ["bagian-pelaksana", "Pelaksana"], ["bagian-langkah", "Langkah"]],
};
