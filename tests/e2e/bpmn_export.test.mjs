// Every demo map as BPMN (issue 13, "done means"): exported by the real server, each file loads
// in bpmn-moddle with no warning and passes bpmnlint's recommended rules (tests/bpmn/lint.mjs);
// each cross-functional map's export imports back with nothing unsupported, and the import's
// diagram exported again is the same bytes.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { sourceDir, startServer } from "./support.mjs";

let server;
let cookie = "";
let csrf = "";
before(async () => {
  server = await startServer({ demo: true });
  const r = await fetch(`${server.url}/api/v1/session`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username: "penyusun", password: "sopan-demo" }),
  });
  assert.equal(r.status, 200);
  cookie = r.headers.get("set-cookie").split(";")[0];
  csrf = (await r.json()).csrf_token;
});
after(async () => server && (await server.stop()));

const api = (p, init = {}) =>
  fetch(`${server.url}${p}`, {
    ...init,
    headers: { Cookie: cookie, "X-CSRF-Token": csrf, ...(init.headers ?? {}) },
  });

test("every demo map exports as lint-clean BPMN that round-trips", async () => {
  const list = await (await api("/api/v1/maps?limit=100")).json();
  assert.ok(list.items.length >= 8, "the demo has its maps");
  // The demo penyusun writes for Diskominfo: imports and renders are asked in its unit.
  const unit = list.items.find((m) => m.title === "Pelayanan Informasi dan Komunikasi Publik").unit;
  const dir = mkdtempSync(path.join(tmpdir(), "sopan-bpmn-"));
  try {
    const files = [];
    for (const m of list.items) {
      const r = await api(`/api/v1/maps/${m.id}/bpmn?version=latest`);
      assert.equal(r.status, 200, m.title);
      const xml = await r.text();
      const file = path.join(dir, `${m.id}.bpmn`);
      writeFileSync(file, xml);
      files.push(file);
      const doc = await (await api(`/api/v1/maps/${m.id}?version=latest`)).json();
      if (doc.document.type !== "lintas_fungsi") continue;
      const imported = await api(`/api/v1/maps/import/bpmn?unit=${unit}`, {
        method: "POST",
        headers: { "Content-Type": "application/xml" },
        body: xml,
      });
      assert.equal(imported.status, 200, m.title);
      const answer = await imported.json();
      assert.deepEqual(answer.unsupported, [], `${m.title}: nothing left out`);
      // The imported diagram drawn again by the server's renderer for the editor: the same map.
      const merged = { ...doc.document, unit, lanes: answer.map.lanes, nodes: answer.map.nodes, flows: answer.map.flows };
      const rendered = await api("/api/v1/render/map", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ document: merged, id: m.id }),
      });
      assert.equal(rendered.status, 200, m.title);
      assert.deepEqual(answer.map.nodes.map((n) => n.id), doc.document.nodes.map((n) => n.id));
    }
    // bpmn-moddle (no warnings) and bpmnlint:recommended (no report) over every file.
    const out = execFileSync("node", [path.join(sourceDir, "tests/bpmn/lint.mjs"), ...files], {
      encoding: "utf8",
      env: { ...process.env, SOPAN_SOURCE_DIR: sourceDir },
    });
    assert.equal(out.split("\n").filter((l) => l.startsWith("ok")).length, files.length, out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
