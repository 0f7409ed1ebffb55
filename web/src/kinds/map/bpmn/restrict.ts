// The modeler offers only what a cross-functional map holds (lanes, start and end events,
// activities, collapsed sub-processes, exclusive and parallel gateways, flows): the palette's
// and the context pad's other entries are taken away. A BPMN file from another tool may still
// bring other elements; the import lists them (never drops them silently).

const paletteGone = ["create.intermediate-event", "create.data-object", "create.data-store", "create.group",
  "create.participant-expanded", "create.subprocess-expanded"];
const padGone = ["append.intermediate-event", "append.text-annotation", "connect.association",
  "append.compensation-activity", "append.receive-task", "append.message-intermediate-event",
  "append.timer-intermediate-event", "append.condition-intermediate-event", "append.signal-intermediate-event"];

type Entries = Record<string, unknown>;
interface Registry { registerProvider: (priority: number, provider: object) => void }

function without(gone: string[]) {
  return () => (entries: Entries) => {
    for (const key of gone) delete entries[key];
    return entries;
  };
}

class RestrictPalette {
  static $inject = ["palette"];
  constructor(palette: Registry) { palette.registerProvider(500, { getPaletteEntries: without(paletteGone) }); }
}

class RestrictContextPad {
  static $inject = ["contextPad"];
  constructor(contextPad: Registry) { contextPad.registerProvider(500, { getContextPadEntries: without(padGone) }); }
}

export const restrictModule = {
  __init__: ["restrictPalette", "restrictContextPad"],
  restrictPalette: ["type", RestrictPalette],
  restrictContextPad: ["type", RestrictContextPad],
};
