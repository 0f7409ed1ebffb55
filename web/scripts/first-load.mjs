// Prints the JavaScript a first visit downloads (the entry script and the modules it preloads),
// gzipped, and fails the build past the budget: heavier screens must load on demand.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";

const budgetKb = 150;
const dist = new URL("../dist/", import.meta.url).pathname;
const html = readFileSync(join(dist, "index.html"), "utf8");
const files = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="\/([^"]+\.js)"/g)]
  .map((m) => m[1]);
let total = 0;
for (const file of files) {
  const size = gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
  total += size;
  console.log(`  ${file}: ${(size / 1024).toFixed(1)} KB gzip`);
}
const kb = total / 1024;
console.log(`build-web: JavaScript of the first load ${kb.toFixed(1)} KB gzip (budget ${budgetKb} KB, ` +
  `${((100 * kb) / budgetKb).toFixed(0)} %)`);
if (!files.length || kb > budgetKb) {
  console.error(files.length ? "build-web: over the first-load budget" : "build-web: no entry script in dist/index.html");
  process.exit(1);
}
