// The auditor's workspace in Debian's Chromium, on the dated demo (every SOP ratified 2025-08-01,
// "Pelayanan Rujukan Pasien" withdrawn 2026-05-04, "Penanganan Pengaduan Masyarakat" under
// revision since 2026-03-02): a SOP's history, one version opened, two versions compared side by
// side (the diff, both flowcharts, the changed step marked; on a phone the sides stack), the
// whole app switched to a day of the story from the header and kept there across screens, and
// every attempt to write refused — on screen (no write buttons) and over the API (403, nothing
// changed). Facts are read from the API's own answers, never written here.
import assert from "node:assert/strict";
import { test } from "node:test";
import { assertQuiet, checkScreen, desk, phone, serverAndBrowser, shot, signIn, watchedPage } from "./support.mjs";

const env = serverAndBrowser({ name: "Pemerintah Kabupaten Contoh", demo: true });
const revised = "Penanganan Pengaduan Masyarakat";
const day = "2026-01-01";
const dayWords = "1 Januari 2026";

/** A signed-in API client for a demo user; `call` answers status and body, whatever the status. */
async function client(user) {
  const context = await env.browser.newContext();
  const r = await context.request.post(env.server.url + "/api/v1/session", { data: { username: user, password: "sopan-demo" } });
  assert.equal(r.status(), 200, await r.text());
  const session = await r.json();
  const call = async (method, p, data, headers = {}) => {
    const res = await context.request.fetch(env.server.url + p,
      { method, data, headers: { "X-CSRF-Token": session.csrf_token, ...headers } });
    const text = await res.text();
    return { status: res.status(), body: text ? JSON.parse(text) : null, text };
  };
  const get = async (p) => {
    const res = await call("GET", p);
    assert.equal(res.status, 200, `GET ${p}: ${res.text}`);
    return res.body;
  };
  return { call, get, session, close: () => context.close() };
}

const sopId = async (c, title) => (await c.get("/api/v1/sops?limit=100")).items.find((s) => s.title === title).id;

let id = "";
let changedStep = 0;

test("setup: the author changes one step of the open revision", async () => {
  const author = await client("penyusun");
  id = await sopId(author, revised);
  const { version, document } = await author.get(`/api/v1/sops/${id}?version=draft`);
  changedStep = 2;
  document.steps[changedStep - 1].activity = "Mencatat pengaduan dari SP4N-LAPOR! dan kanal lain ke dalam register";
  const saved = await author.call("PUT", `/api/v1/sops/${id}/draft`, { document, message: "Kanal pengaduan di langkah pencatatan" },
    { "If-Match": `"${version}"` });
  assert.equal(saved.status, 200, saved.text);
  await author.close();
});

test("the auditor opens a SOP's history, version 1, and compares it with the current one", async () => {
  const api = await client("auditor");
  const { versions } = await api.get(`/api/v1/sops/${id}/history`);
  const summary = (await api.get(`/api/v1/sops/${id}?version=latest`)).summary;
  const newest = Math.max(...versions.map((v) => v.version));
  const inForce = summary.in_force.version;
  assert.ok(newest > inForce && inForce > 1, "a revision open over a version in force");

  const page = await watchedPage(env.browser, desk);
  await signIn(page, env.server.url, "auditor");
  await page.goto(env.server.url + `/sop/${id}`);
  const history = page.getByTestId("history");
  await history.getByTestId("history-row").first().waitFor();
  // Every row the API has is on screen (repeated saves share a row, each version a link).
  const shownVersions = await history.locator("[data-testid=history-row] .meta").evaluateAll((all) =>
    all.flatMap((m) => [...m.textContent.matchAll(/\d+/g)].map((x) => Number(x[0]))));
  for (const v of versions) assert.ok(shownVersions.includes(v.version), `version ${v.version} listed`);
  // Each signed row shows its signature, as the API records it.
  assert.equal(await history.getByTestId("history-signature").count(), versions.filter((v) => v.signature).length);
  // The revision is open: the version in force is one click away.
  await page.getByTestId("see-in-force").click();
  await page.waitForURL(new RegExp(`/sop/${id}\\?version=${inForce}$`));
  await page.getByTestId("version-banner").getByText(`Versi ${inForce} — versi yang berlaku.`).waitFor();
  await page.goBack();

  // Version 1 from its history row.
  await history.getByRole("link", { name: "Buka versi 1", exact: true }).click();
  await page.waitForURL(new RegExp(`/sop/${id}\\?version=1$`));
  const banner = page.getByTestId("version-banner");
  await banner.getByText("Versi 1 — bukan versi yang berlaku.").waitFor();
  await page.getByText("· versi 1 (konsep)").waitFor();
  assert.equal(await banner.getByTestId("to-in-force").textContent(), `Lihat versi yang berlaku (versi ${inForce})`);
  assert.equal(await banner.getByTestId("to-draft").textContent(), `Lihat konsep yang sedang disusun (versi ${newest})`);
  const v1 = await api.get(`/api/v1/sops/${id}?version=1`);
  await page.getByTestId("steps-table").locator("tbody tr").nth(v1.document.steps.length - 1).waitFor();
  assert.equal(await page.getByTestId("steps-table").locator("tbody tr").count(), v1.document.steps.length);
  await page.getByTestId("flowchart").locator("svg").first().waitFor();
  assert.match(await page.getByRole("link", { name: "Cetak" }).getAttribute("href"), /version=1/);
  // No action on an old version.
  assert.equal(await page.locator(".doc-actions button").count(), 0);

  // Compare version 1 with the newest from the history's picker.
  await history.getByLabel("Bandingkan versi").selectOption("1");
  await history.getByLabel("dengan versi").selectOption(String(newest));
  await history.getByRole("button", { name: "Bandingkan" }).click();
  await page.waitForURL(new RegExp(`/sop/${id}/banding\\?dari=1&ke=${newest}$`));
  await page.getByTestId("compare-title").getByText(`Bandingkan versi 1 dan ${newest}`).waitFor();
  const diff = await api.get(`/api/v1/sops/${id}/diff?from=1&to=${newest}`);
  const changes = page.getByTestId("changes");
  await changes.getByTestId("change-count").waitFor();
  // The cards are the diff's: one per step that changed, one per field group, list and actors.
  const stepIds = new Set([...diff.steps.added, ...diff.steps.removed, ...diff.steps.moved, ...diff.steps.changed].map((s) => s.id));
  assert.equal(await changes.getByTestId("step-change").count(), stepIds.size);
  assert.ok(diff.steps.changed.some((s) => s.no === changedStep), "the author's step is in the diff");
  const card = changes.getByTestId("step-change").filter({ hasText: `Langkah ${changedStep} · Kegiatan` });
  await card.getByText("Mencatat pengaduan dari SP4N-LAPOR!", { exact: false }).waitFor();
  assert.ok(await changes.getByTestId("field-change").filter({ hasText: "Peringatan" }).count() >= 1,
    "the revision's warning is listed");
  // Both flowcharts, the changed step's symbols marked on both sides.
  const before = page.getByTestId("flowchart-before"), after = page.getByTestId("flowchart-after");
  await before.locator("svg").first().waitFor();
  await after.locator("svg").first().waitFor();
  assert.equal(await before.getByText("Sebelum (versi 1)").count(), 1);
  assert.equal(await after.getByText(`Sesudah (versi ${newest})`).count(), 1);
  const marked = (side) => side.locator("g.step[data-no] .step-mark.changed").evaluateAll((all) =>
    [...new Set(all.map((s) => Number(s.closest("g.step").getAttribute("data-no"))))]);
  assert.ok((await marked(after)).includes(changedStep), "the changed step is marked after");
  assert.ok((await marked(before)).includes(changedStep), "and before");
  assert.deepEqual(await changes.getByTestId("comment-spot").count(), 0, "no comment place for a reader");
  await checkScreen(page, "compare (desk)");
  // Side by side at a desk.
  const [b, a] = [await before.boundingBox(), await after.boundingBox()];
  assert.ok(Math.abs(b.y - a.y) < 2 && a.x > b.x + b.width - 1, "side by side at a desk");
  await shot(page, env, "auditor-compare-desk");

  // On a phone the two sides stack and nothing overflows.
  await page.setViewportSize(phone);
  await checkScreen(page, "compare (phone)");
  const [pb, pa] = [await before.boundingBox(), await after.boundingBox()];
  assert.ok(pa.y >= pb.y + pb.height - 1, "stacked on a phone");
  await shot(page, env, "auditor-compare-phone");
  await page.setViewportSize(desk);

  // Another pair from the compare screen itself; the older is always shown first.
  await page.getByTestId("compare-dari").selectOption(String(newest));
  await page.getByTestId("compare-ke").selectOption(String(inForce));
  await page.getByTestId("compare-title").getByText(`Bandingkan versi ${inForce} dan ${newest}`).waitFor();
  await before.getByText(`Sebelum (versi ${inForce})`).waitFor();
  // A version the document never had is said so, in words.
  await page.goto(env.server.url + `/sop/${id}/banding?dari=1&ke=999`);
  await page.getByRole("alert").getByText("Versi 999 tidak ada dalam riwayat dokumen ini.").waitFor();
  assertQuiet(page);
  await page.context().close();
  await api.close();
});

test("a map's two versions compared: the element changed in words and marked on both BPMN diagrams", async () => {
  const author = await client("penyusun");
  const map = (await author.get("/api/v1/maps?limit=100")).items.find((m) => m.title === "Pengembangan Aplikasi Layanan").id;
  const { version, document } = await author.get(`/api/v1/maps/${map}?version=draft`);
  const node = document.nodes.find((n) => n.type === "aktivitas");
  node.name = `${node.name} dan risikonya`;
  const saved = await author.call("PUT", `/api/v1/maps/${map}/draft`, { document }, { "If-Match": `"${version}"` });
  assert.equal(saved.status, 200, saved.text);
  await author.close();

  const api = await client("auditor");
  const to = saved.body.version;
  const diff = await api.get(`/api/v1/maps/${map}/diff?from=${version}&to=${to}`);
  const page = await watchedPage(env.browser, desk);
  await signIn(page, env.server.url, "auditor");
  await page.goto(env.server.url + `/peta/${map}`);
  const history = page.getByTestId("history");
  await history.getByLabel("Bandingkan versi").selectOption(String(version));
  await history.getByLabel("dengan versi").selectOption(String(to));
  await history.getByRole("button", { name: "Bandingkan" }).click();
  await page.waitForURL(new RegExp(`/peta/${map}/banding\\?dari=${version}&ke=${to}$`));
  const cards = page.getByTestId("element-change");
  await cards.first().waitFor();
  assert.deepEqual(await cards.evaluateAll((all) => all.map((c) => c.dataset.element)), diff.elements.map((e) => e.id));
  assert.ok(diff.elements.some((e) => e.id === node.id && e.change === "changed"));
  for (const side of ["bpmn-before", "bpmn-after"])
    await page.getByTestId(side).locator(`.djs-element.mark-changed[data-element-id="${node.id}"]`).waitFor();
  await checkScreen(page, "map compare (desk)");
  assertQuiet(page);
  await page.context().close();
  await api.close();
});

test("the whole app on a day of the story, from the header, kept across screens", async () => {
  const api = await client("auditor");
  const today = (await api.get("/api/v1/sops?limit=100")).items;
  const then = (await api.get(`/api/v1/sops?limit=100&at=${day}`)).items;
  const thenTitles = new Set(then.map((s) => s.title));
  const notYet = today.filter((s) => !thenTitles.has(s.title));
  assert.ok(notYet.length > 0 && then.length > 0, "some SOPs were not yet in force that day");

  const page = await watchedPage(env.browser, desk);
  await signIn(page, env.server.url, "auditor");
  await page.getByRole("link", { name: "SOP", exact: true }).click();
  await page.getByTestId("sop-table").locator("tbody tr").nth(today.length - 1).waitFor();

  // The header's picker: a day typed the Indonesian way.
  await page.getByTestId("as-of-toggle").click();
  await page.getByLabel("Tampilkan keadaan pada tanggal").fill("01/01/2026");
  await page.locator("#pilih-tanggal").getByRole("button", { name: "Tampilkan" }).click();
  const banner = page.getByTestId("at-banner");
  await banner.getByText(`Menampilkan keadaan pada ${dayWords}`).waitFor();
  assert.match(page.url(), new RegExp(`[?&]at=${day}`));
  assert.equal(await page.getByTestId("as-of-toggle").textContent(), `Keadaan pada ${dayWords}`);
  await page.locator('[data-testid="sop-table"][aria-busy="false"]').waitFor();
  const titles = await page.getByTestId("sop-table").locator("tbody td.title").allTextContents();
  assert.deepEqual(titles.sort(), then.map((s) => s.title).sort(), "the list is the API's for that day");
  for (const s of notYet) assert.ok(!titles.includes(s.title), `${s.title} was not in force yet`);
  // Each row's state is that day's.
  for (const s of then) {
    const badge = page.getByTestId("sop-table").locator("tr", { hasText: s.title }).getByTestId("status-badge").last();
    assert.equal(await badge.getAttribute("data-status"), s.status);
  }
  assert.equal(await page.getByRole("link", { name: /^Buat SOP baru/ }).count(), 0);

  // A document from the list: the version in force that day, with its print of that day.
  const withdrawn = then.find((s) => s.title === "Pelayanan Rujukan Pasien");
  await page.getByTestId("sop-table").getByRole("link", { name: withdrawn.title }).click();
  await page.waitForURL(new RegExp(`/sop/${withdrawn.id}\\?at=${day}$`));
  const read = await api.get(`/api/v1/sops/${withdrawn.id}?at=${day}`);
  await page.getByText(`· versi ${read.version}`).waitFor();
  assert.equal(await page.getByTestId("status-badge").getAttribute("data-status"), read.status);
  assert.match(await page.getByRole("link", { name: "Cetak" }).getAttribute("href"), new RegExp(`at=${day}`));
  await banner.getByText(`Menampilkan keadaan pada ${dayWords}`).waitFor();
  // Its history ends with that day: the withdrawal (later) is not in it.
  const laterRows = (await api.get(`/api/v1/sops/${withdrawn.id}/history`)).versions.filter((v) => v.time.slice(0, 10) > day);
  assert.ok(laterRows.length > 0);
  assert.equal(await page.getByTestId("history-row").count(),
    await page.getByTestId("history-row").filter({ hasNotText: laterRows[0].label }).count());

  // Other screens keep the day: maps, the score, home, SOP Saya.
  await page.getByRole("navigation", { name: "Menu utama" }).getByRole("link", { name: "Peta Proses" }).click();
  await page.waitForURL(new RegExp(`/peta\\?at=${day}$`));
  await page.getByTestId("browser-map").waitFor();
  await banner.getByText(`Menampilkan keadaan pada ${dayWords}`).waitFor();
  await page.getByRole("link", { name: "Cakupan SOP pada peta" }).click();
  await page.waitForURL(new RegExp(`/peta/cakupan\\?at=${day}$`));
  await page.getByTestId("coverage-scope").getByText(`pada ${dayWords}.`).waitFor();

  await page.getByRole("navigation", { name: "Menu utama" }).getByRole("link", { name: "Skor RB" }).click();
  await page.waitForURL(new RegExp(`/skor\\?at=${day}$`));
  // The score of that day, counted from main as it stood then (its commit, not today's).
  const { rubrics } = await api.get(`/api/v1/rubrics?at=${day}`);
  const rubric = (rubrics.find((r) => r.scope === "instansi") ?? rubrics[0]).id;
  const score = await api.get(`/api/v1/score?rubric=${rubric}&at=${day}`);
  const now = await api.get(`/api/v1/score?rubric=${rubric}`);
  assert.notEqual(score.commit, now.commit);
  await page.getByTestId("score-total").getByText(`pada ${dayWords}`, { exact: false }).waitFor();
  assert.equal(await page.getByTestId("score-total").locator("code").textContent(), score.commit.slice(0, 10));

  await page.getByRole("navigation", { name: "Menu utama" }).getByRole("link", { name: "Beranda" }).click();
  await page.waitForURL(new RegExp(`/\\?at=${day}$`));
  await page.getByTestId("tasks-today-only").waitFor();
  // The organisation is today's, and the screen says so.
  await page.getByRole("navigation", { name: "Menu utama" }).getByRole("link", { name: "Struktur Organisasi" }).click();
  await page.waitForURL(new RegExp(`/organisasi\\?at=${day}$`));
  await page.getByTestId("at-today-only").getByText("Halaman ini selalu menampilkan keadaan hari ini.").waitFor();
  // A reload keeps the day; a writing screen is not offered on it.
  await page.goto(env.server.url + `/sop/${id}/sunting?at=${day}`);
  await page.getByTestId("not-on-day").waitFor();
  assert.equal(await page.getByLabel("Nama SOP").count(), 0, "no editor");
  await checkScreen(page, "not on another day");

  // Back to today from the banner: the same screen, no day.
  await page.goto(env.server.url + `/sop?at=${day}`);
  await banner.getByRole("link", { name: "Kembali ke hari ini" }).click();
  await page.waitForURL((u) => u.pathname === "/sop" && !u.search.includes("at="));
  assert.equal(await banner.count(), 0);
  await page.getByTestId("sop-table").locator("tbody tr").nth(today.length - 1).waitFor();
  assert.equal(await page.getByTestId("as-of-toggle").textContent(), "Keadaan pada: hari ini");
  // On a phone the picker fits too.
  await page.setViewportSize(phone);
  await page.getByTestId("as-of-toggle").click();
  await page.getByLabel("Tampilkan keadaan pada tanggal").waitFor();
  await checkScreen(page, "day picker (phone)");
  await shot(page, env, "auditor-day-picker-phone");
  assertQuiet(page);
  await page.context().close();
  await api.close();
});

test("every attempt of the auditor to write is refused and changes nothing", async () => {
  const auditor = await client("auditor");
  const admin = await client("admin");
  const draftRead = await auditor.get(`/api/v1/sops/${id}?version=draft`);
  const historyBefore = (await auditor.get(`/api/v1/sops/${id}/history`)).versions.length;
  const commentsBefore = (await auditor.get(`/api/v1/sops/${id}/comments`)).items.length;
  const unit = (await auditor.get("/api/v1/units")).items[0];
  const unitBefore = await auditor.get(`/api/v1/units/${unit.id}`);
  const me = await auditor.get("/api/v1/me");
  const accountBefore = await admin.get(`/api/v1/accounts/${me.account_id}`);
  const ifMatch = { "If-Match": `"${draftRead.version}"` };

  // On screen: no write buttons, on a draft under revision nor on the list.
  const page = await watchedPage(env.browser, desk);
  await signIn(page, env.server.url, "auditor");
  await page.goto(env.server.url + `/sop/${id}`);
  await page.getByTestId("history").waitFor();
  assert.equal(await page.locator(".doc-actions button").count(), 0, "no workflow action");
  assert.equal(await page.getByRole("link", { name: "Sunting konsep" }).count(), 0);
  assert.equal(await page.getByRole("button", { name: /komentar/i }).count(), 0, "no comment form");
  await page.goto(env.server.url + "/sop");
  await page.getByTestId("sop-table").waitFor();
  assert.equal(await page.getByRole("link", { name: /^Buat SOP baru/ }).count(), 0);
  await page.goto(env.server.url + "/peta");
  await page.getByTestId("browser-map").waitFor();
  assert.equal(await page.getByRole("link", { name: "Buat peta baru" }).count(), 0);
  assertQuiet(page);
  await page.context().close();

  // Over the API, with the auditor's own session and CSRF token: each 403.
  const attempts = [
    ["PUT", `/api/v1/sops/${id}/draft`, { document: draftRead.document, message: "Perubahan oleh auditor" }, ifMatch],
    ["POST", `/api/v1/sops/${id}/actions/submit`, { reason: "Diajukan auditor" }, ifMatch],
    ["POST", `/api/v1/sops/${id}/comments`, { text: "Komentar auditor" }, {}],
    ["PUT", `/api/v1/units/${unit.id}`, { ...unitBefore, name: `${unitBefore.name} (diubah)` }, {}],
    ["PUT", `/api/v1/accounts/${me.account_id}`, { ...accountBefore, grants: [...accountBefore.grants, { role: "admin", unit: unit.id }] }, {}],
  ];
  for (const [method, p, data, headers] of attempts) {
    const r = await auditor.call(method, p, data, headers);
    assert.equal(r.status, 403, `${method} ${p}: ${r.text}`);
    assert.ok(r.body?.error?.message, `${method} ${p} says why`);
  }
  // Nothing changed.
  assert.equal((await auditor.get(`/api/v1/sops/${id}/history`)).versions.length, historyBefore);
  assert.equal((await auditor.get(`/api/v1/sops/${id}?version=draft`)).version, draftRead.version);
  assert.equal((await auditor.get(`/api/v1/sops/${id}/comments`)).items.length, commentsBefore);
  assert.deepEqual(await auditor.get(`/api/v1/units/${unit.id}`), unitBefore);
  assert.deepEqual(await admin.get(`/api/v1/accounts/${me.account_id}`), accountBefore);
  await auditor.close();
  await admin.close();
});
