// Lints BPMN files the way the "done" asks: each loads in bpmn-moddle with no warning
// and passes bpmnlint's recommended rules with no report (errors and warnings alike).
//   node tests/bpmn/lint.mjs <file.bpmn | directory>...   (a directory: its *.bpmn files)
// bpmn-moddle and bpmnlint resolve from web/node_modules (as tests/e2e/support.mjs resolves
// playwright-core), and so do the rules bpmnlint loads: its NodeResolver gets the same require.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const sourceDir = process.env.SOPAN_SOURCE_DIR ?? path.resolve(import.meta.dirname, "../..");
const require = createRequire(path.join(sourceDir, "web/package.json"));
let BpmnModdle, Linter, NodeResolver;
try {
  ({ BpmnModdle } = await import(require.resolve("bpmn-moddle")));
  ({ Linter } = require("bpmnlint"));
  NodeResolver = require("bpmnlint/lib/resolver/node-resolver");
} catch (e) {
  console.error(`bpmn-moddle dan bpmnlint tidak ditemukan di ${sourceDir}/web/node_modules ` +
                `(jalankan npm ci di web): ${e.message}`);
  process.exit(2);
}

const sopan = JSON.parse(
  readFileSync(path.join(sourceDir, "web/src/kinds/map/bpmn/sopan.json"), "utf8"));

const files = process.argv.slice(2).flatMap((arg) =>
  statSync(arg, { throwIfNoEntry: false })?.isDirectory()
    ? readdirSync(arg).filter((f) => f.endsWith(".bpmn")).sort().map((f) => path.join(arg, f))
    : [arg]);
if (files.length === 0) {
  console.error("pemakaian: node tests/bpmn/lint.mjs <berkas.bpmn>...");
  process.exit(2);
}

let failed = 0;
for (const file of files) {
  const problems = [];
  try {
    // With the app's own descriptor of the sopan namespace, so its attributes are typed.
    const { rootElement, warnings } = await new BpmnModdle({ sopan }).fromXML(readFileSync(file, "utf8"));
    for (const w of warnings) problems.push(`bpmn-moddle: ${w.message}`);
    // A linter per file: rules keep state between runs (no-duplicate-sequence-flows remembers
    // the flows it saw), so one shared linter reports a second file's flows as duplicates.
    const linter = new Linter({
      config: { extends: "bpmnlint:recommended" },
      resolver: new NodeResolver({ require }),
    });
    const reports = await linter.lint(rootElement);
    for (const [rule, items] of Object.entries(reports))
      for (const r of items) problems.push(`${r.category} ${rule}: ${r.id ?? "-"} ${r.message}`);
  } catch (e) {
    problems.push(`gagal dibaca: ${e.message}`);
  }
  if (problems.length) {
    failed++;
    console.log(`GAGAL ${file}`);
    for (const p of problems) console.log(`  ${p}`);
  } else {
    console.log(`ok    ${file}`);
  }
}
process.exit(failed ? 1 : 0);
