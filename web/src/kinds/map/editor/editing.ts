// What the generic editor and the creation screen ask of the map kind.
import type { KindEditing } from "../../../docs/kinds";
import type { MapDoc, MapType } from "../types";
import { anchorLabel, partOf, typeNames } from "../words";
import { Outline, Preview } from "./preview";

/** A new map of a type: level 0 is the top (level 0, no code); the others get their parent and
 * code when they are made from a process ("Rinci ke peta baru"). */
export function blankMap(title: string, unit: string, type: string): MapDoc {
  const t = (type in typeNames ? type : "lintas_fungsi") as MapType;
  return t === "level0" ? { type: t, level: 0, title, unit } : { type: t, title, unit };
}

export const mapEditing: KindEditing = {
  blank: (title, unit, choice) => blankMap(title, unit, choice) as unknown as Record<string, unknown>,
  titleHint: 'Nama peta, misalnya "Pelayanan Perizinan Berusaha".',
  choice: {
    label: "Jenis peta",
    hint: "Peta dekomposisi dan lintas fungsi biasanya dibuat dari proses peta induknya (Rinci ke peta baru).",
    options: [["lintas_fungsi", typeNames.lintas_fungsi], ["dekomposisi", typeNames.dekomposisi], ["level0", typeNames.level0]],
  },
  ownUndo: (document) => (document as { type?: string }).type === "lintas_fungsi",
  previewTitle: "Pratinjau dan pemeriksaan peta",
  anchorLabel,
  partOf,
  Outline,
  Preview,
  sections: [["bagian-identitas", "Identitas"], ["bagian-isi", "Isi peta"]],
};
