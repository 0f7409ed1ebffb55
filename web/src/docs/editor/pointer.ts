// JSON pointers that follow what they point at while the author edits. A finding or a comment
// names a part of the document by position ("/steps/3"); once a step is inserted above it, that
// position is another step. The stable form names an element of an array of objects with ids by
// its id instead ("/steps/@s4"), as the server stores comment anchors (domain/anchor.hpp).

type Json = unknown;

const tokens = (pointer: string): string[] =>
  pointer ? pointer.split("/").slice(1).map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~")) : [];

const idOf = (v: Json): string | undefined => {
  const id = v && typeof v === "object" && !Array.isArray(v) ? (v as { id?: unknown }).id : undefined;
  return typeof id === "string" && id ? id : undefined;
};

/** `pointer` with every position in an array of identified elements replaced by "@<id>". */
export function stableOf(doc: Json, pointer: string): string {
  let at: Json = doc;
  let out = "";
  for (const tok of tokens(pointer)) {
    if (Array.isArray(at)) {
      const item = at[Number(tok)];
      const id = idOf(item);
      const unique = id !== undefined && at.filter((e) => idOf(e) === id).length === 1;
      out += unique ? `/@${id}` : `/${tok}`;
      at = item;
    } else {
      out += `/${tok}`;
      at = at && typeof at === "object" ? (at as Record<string, Json>)[tok] : undefined;
    }
  }
  return out;
}

/** A stable form (or a plain pointer) as a pointer by position into `doc`; `missing` when what it
 * named is gone (then `pointer` is the part that is left). */
export function resolve(doc: Json, stable: string): { pointer: string; missing: boolean } {
  let at: Json = doc;
  let pointer = "";
  for (const tok of tokens(stable)) {
    if (Array.isArray(at)) {
      const n = tok.startsWith("@") ? at.findIndex((e) => idOf(e) === tok.slice(1)) : Number(tok);
      if (!(n >= 0 && n < at.length)) return { pointer, missing: true };
      pointer += `/${n}`;
      at = at[n];
    } else if (at && typeof at === "object") {
      pointer += `/${tok}`;
      at = (at as Record<string, Json>)[tok];
    } else {
      return { pointer, missing: true };
    }
  }
  return { pointer, missing: false };
}

/** Whether `path` is `part` or inside it. */
export const within = (path: string, part: string): boolean => path === part || path.startsWith(part + "/");
