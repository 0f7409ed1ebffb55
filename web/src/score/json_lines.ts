// Where a JSON pointer's value stands in a JSON text, by line, so a finding of the server
// ("/areas/0/weight") points at the line a person edits; and where a text stops being JSON.
// One pass over the text with the grammar of RFC 8259; no value is built.

export interface JsonLines {
  /** Pointer → the 1-based line its value starts on ("" is the whole document). */
  lines: Map<string, number>;
  /** The first place the text is not JSON, when it is not. */
  error?: { line: number; column: number; message: string };
}

const escape = (token: string): string => token.replace(/~/g, "~0").replace(/\//g, "~1");

export function jsonLines(text: string): JsonLines {
  const lines = new Map<string, number>();
  let i = 0;
  let line = 1;
  let lineStart = 0;
  class Stop extends Error {}
  const fail = (message: string): never => {
    throw new Stop(message);
  };
  const space = () => {
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === "\n") { line++; lineStart = i + 1; } else if (c !== " " && c !== "\t" && c !== "\r") break;
    }
  };
  const expect = (c: string, what: string) => {
    space();
    if (text[i] !== c) fail(`diharapkan ${what}`);
    i++;
  };
  const string = (): string => {
    if (text[i] !== '"') fail("diharapkan teks dalam tanda petik");
    const start = ++i;
    for (; i < text.length && text[i] !== '"'; i++) {
      if (text[i] === "\n") fail("teks tidak ditutup tanda petik di baris yang sama");
      if (text[i] === "\\") i++;
    }
    if (i >= text.length) fail("teks tidak ditutup tanda petik");
    const raw = text.slice(start, i++);
    try {
      return JSON.parse(`"${raw}"`) as string;
    } catch {
      return fail("urutan escape tidak sah dalam teks");
    }
  };
  const value = (pointer: string, depth: number) => {
    if (depth > 200) fail("terlalu dalam");
    space();
    lines.set(pointer, line);
    const c = text[i];
    if (c === "{") {
      i++;
      space();
      if (text[i] === "}") { i++; return; }
      for (;;) {
        space();
        const key = string();
        expect(":", "titik dua setelah nama");
        value(`${pointer}/${escape(key)}`, depth + 1);
        space();
        if (text[i] === ",") { i++; continue; }
        if (text[i] === "}") { i++; return; }
        fail("diharapkan koma atau kurung kurawal tutup");
      }
    }
    if (c === "[") {
      i++;
      space();
      if (text[i] === "]") { i++; return; }
      for (let n = 0; ; n++) {
        value(`${pointer}/${n}`, depth + 1);
        space();
        if (text[i] === ",") { i++; continue; }
        if (text[i] === "]") { i++; return; }
        fail("diharapkan koma atau kurung siku tutup");
      }
    }
    if (c === '"') { string(); return; }
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 64));
    if (!m) fail("diharapkan nilai (teks, angka, true, false, null, objek, atau larik)");
    i += m![0].length;
  };
  try {
    value("", 0);
    space();
    if (i < text.length) fail("ada teks setelah akhir dokumen");
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    return { lines, error: { line, column: i - lineStart + 1, message: e.message } };
  }
  return { lines, error: undefined };
}

/** The line of `pointer`, or of the nearest part above it that the text has (a finding about a
 * missing member points at its object). */
export function lineOf(lines: Map<string, number>, pointer: string): number | undefined {
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf("/"))) {
    const n = lines.get(p);
    if (n !== undefined) return n;
    if (!p) return undefined;
  }
}
