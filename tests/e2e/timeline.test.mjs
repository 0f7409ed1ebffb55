// The workflow table and the timeline in Chromium, on the dated demo: every SOP ratified
// 2025-08-01, "Pelayanan Rujukan Pasien" withdrawn 2026-05-04, "Penanganan Pengaduan
// Masyarakat" under revision since 2026-03-02. The app names no state of its own (the source is
// checked against the served table), lists and documents as of a day, history by edition, a
// revision ratified for a later day, and a save that changes nothing.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { serverAndBrowser, signIn, sourceDir } from "./support.mjs";

const env = serverAndBrowser({ name: "Pemerintah Kabupaten Contoh", demo: true });
const withdrawn = "Pelayanan Rujukan Pasien";
const revised = "Penanganan Pengaduan Masyarakat";

async function as(user, viewport = { width: 1280, height: 900 }) {
  const context = await env.browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await signIn(page, env.server.url, user);
  return { page, context, errors };
}

const api = async (page, p) => (await page.request.get(env.server.url + p)).json();
const idOf = async (page, title) => (await api(page, "/api/v1/sops")).items.find((s) => s.title === title).id;
const row = (page, title) => page.getByTestId("sop-table").locator("tr", { hasText: title });
const banner = (page) => page.getByTestId("at-banner");

/** The whole app on `day`, from the header's picker. */
async function showDay(page, day) {
  await page.getByTestId("as-of-toggle").click();
  await page.getByLabel("Tampilkan keadaan pada tanggal").fill(day);
  await page.locator("#pilih-tanggal").getByRole("button", { name: "Tampilkan" }).click();
}

test("web/src names no state: badges and the status filter follow GET /api/v1/workflow", async () => {
  const { page, context, errors } = await as("auditor");
  const table = await api(page, "/api/v1/workflow");
  assert.ok(table.states.length >= 5 && table.actions.length && table.transitions.length);

  // No state code as a string literal or a CSS class anywhere in the app's source.
  const found = [];
  const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]);
  for (const file of walk(path.join(sourceDir, "web/src")).filter((f) => /\.(ts|css)$/.test(f))) {
    readFileSync(file, "utf8").split("\n").forEach((line, i) => {
      for (const { code } of table.states)
        if (new RegExp(`(["'\`])${code}\\1|status-${code}\\b`).test(line))
          found.push(`${path.relative(sourceDir, file)}:${i + 1}: ${code}`);
    });
  }
  assert.deepEqual(found, [], "state codes belong to the server's workflow table");

  // Every badge on the list of all SOPs shows the table's label for its state.
  const label = new Map(table.states.map((s) => [s.code, s.label]));
  await page.getByRole("link", { name: "SOP", exact: true }).click();
  await row(page, withdrawn).waitFor();
  const badges = await page.getByTestId("sop-table").getByTestId("status-badge").evaluateAll((all) =>
    all.map((b) => [b.dataset.status, b.textContent]));
  assert.equal(badges.length >= 12, true);
  for (const [code, text] of badges) {
    assert.ok(label.has(code), `${code} is a state of the table`);
    assert.equal(text.replace(/^Revisi: /, ""), label.get(code));
  }
  assert.ok(new Set(badges.map(([code]) => code)).size >= 3, "drafts, SOPs in force and a withdrawn one");
  // The status filter offers the states a document is filed under.
  assert.deepEqual(await page.getByLabel("Status").locator("option").allTextContents(),
    ["Semua status", ...table.states.filter((s) => !s.shown_only).map((s) => s.label)]);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the SOP list on a past day: in the URL, back and forward, and back to today", async () => {
  const { page, context, errors } = await as("auditor");
  await page.getByRole("link", { name: "SOP", exact: true }).click();
  await row(page, withdrawn).waitFor();
  assert.equal(await page.getByTestId("sop-table").locator("tbody tr").count(), 12);

  await showDay(page, "2026-01-01");
  await banner(page).getByText("Menampilkan keadaan pada 1 Januari 2026").waitFor();
  assert.match(page.url(), /[?&]at=2026-01-01/);
  // The rows are that day's once the list is no longer busy (the banner comes first).
  await page.locator('[data-testid="sop-table"][aria-busy="false"]').waitFor();
  assert.equal(await page.getByTestId("sop-table").locator("tbody tr").count(), 8, "only what had been ratified");
  assert.equal(await row(page, "Pengadaan Langsung Barang/Jasa").count(), 0);
  assert.equal(await row(page, withdrawn).getByTestId("status-badge").textContent(), "Berlaku");
  // Words search that day's numbers and titles, both kept in the URL.
  await page.getByLabel("Cari SOP").fill("rujukan");
  await page.waitForURL(/[?&]q=rujukan/);
  await page.getByTestId("sop-table").locator("tbody tr").nth(1).waitFor({ state: "detached" });
  assert.equal(await row(page, withdrawn).getByTestId("status-badge").textContent(), "Berlaku");
  assert.match(page.url(), /[?&]at=2026-01-01/);
  await page.getByLabel("Cari SOP").fill("");
  await page.waitForURL((u) => !u.search.includes("q="));
  await page.getByTestId("sop-table").locator("tbody tr").nth(7).waitFor();

  await showDay(page, "2026-05-04");
  await banner(page).getByText("4 Mei 2026").waitFor();
  assert.equal(await row(page, withdrawn).getByTestId("status-badge").textContent(), "Dicabut");
  assert.equal(await row(page, revised).getByTestId("status-badge").textContent(), "Berlaku");

  await page.goBack();
  await banner(page).getByText("1 Januari 2026").waitFor();
  await row(page, withdrawn).getByText("Berlaku", { exact: true }).waitFor();
  await page.goForward();
  await banner(page).getByText("4 Mei 2026").waitFor();

  await showDay(page, "2025-07-31");
  await page.getByText("Belum ada SOP yang cocok.").waitFor();

  await banner(page).getByRole("link", { name: "Kembali ke hari ini" }).click();
  await row(page, withdrawn).getByText("Dicabut", { exact: true }).waitFor();
  assert.equal(await banner(page).count(), 0);
  assert.doesNotMatch(page.url(), /at=/);
  assert.equal(await page.getByTestId("sop-table").locator("tbody tr").count(), 12);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a document as it stood on a day, with its flowchart and print", async () => {
  const { page, context, errors } = await as("auditor");
  await page.goto(env.server.url + "/sop?unit=&at=2026-01-01");
  await row(page, withdrawn).getByRole("link").click();
  await page.getByTestId("sop-title").waitFor();
  assert.match(page.url(), /\/sop\/[0-9A-Z]+\?at=2026-01-01$/);
  await banner(page).getByText("Menampilkan keadaan pada 1 Januari 2026").waitFor();
  assert.equal(await page.getByTestId("status-badge").textContent(), "Berlaku");
  await page.getByText("· versi 2").waitFor();
  await page.getByTestId("flowchart").locator("svg").first().waitFor();
  const print = await page.getByRole("link", { name: "Cetak" }).getAttribute("href");
  assert.match(print, /at=2026-01-01/);
  assert.match(await (await page.request.get(env.server.url + print)).text(), /Versi yang berlaku pada 1 Januari 2026/);

  await banner(page).getByRole("link", { name: "Kembali ke hari ini" }).click();
  await page.getByTestId("status-badge").getByText("Dicabut").waitFor();
  assert.equal(await banner(page).count(), 0);
  await page.getByText("· versi 3").waitFor();
  // Withdrawn: its signature is history, never shown as in force.
  const signature = page.getByTestId("signature");
  assert.match(await signature.locator("p").first().textContent(), /^Dicabut: tidak berlaku lagi\. Dahulu disahkan secara elektronik oleh .*, berlaku sejak 1 Agustus 2025\.$/);
  assert.match(await signature.getByTestId("ended-by").textContent(), /^Dicabut oleh .*, 4 Mei 2026 pukul/);
  assert.equal(await signature.getAttribute("class"), "notice ended");
  assert.doesNotMatch(await page.locator("main").textContent(), /\d{4}-\d{2}-\d{2}/, "every date spelled out");

  // Before it was ratified there was nothing in force: said so, and another day can be picked.
  await showDay(page, "2025-07-01");
  await page.getByText("Dokumen belum berlaku pada tanggal itu").waitFor();
  await banner(page).getByText("1 Juli 2025").waitFor();
  await showDay(page, "2026-05-03");
  await page.getByTestId("status-badge").getByText("Berlaku").waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("the history is grouped by edition, each row naming action, person, position, time and note", async () => {
  const { page, context, errors } = await as("auditor");
  await page.goto(env.server.url + `/sop/${await idOf(page, revised)}`);
  const editions = page.getByTestId("history-edition");
  await editions.first().waitFor();
  assert.deepEqual(await editions.locator("h4").allTextContents(), ["Revisi ke-1 · sedang disusun", "Edisi pertama"]);
  const opened = editions.nth(0).getByTestId("history-row");
  assert.equal(await opened.count(), 1);
  assert.match(await opened.textContent(), /^Revisi dibuka · Retno Widyaningsih, S\.T\., M\.T, Kepala Bidang Aplikasi Informatika · 2 Maret 2026 pukul \d\d\.\d\d\.\d\d WIB/);
  assert.match(await opened.textContent(), /Menambahkan kanal SP4N-LAPOR! sebagai sumber pengaduan/);
  const first = await editions.nth(1).getByTestId("history-row").locator("strong").allTextContents();
  assert.deepEqual(first, ["Disahkan", "Konsep dibuat"]);
  assert.match(await editions.nth(1).getByTestId("history-row").first().textContent(), /1 Agustus 2025.*berlaku mulai 1 Agustus 2025/s);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a save that changes nothing keeps the version, says so, and does not save again", async () => {
  const { page, context, errors } = await as("penyusun");
  const puts = [];
  page.on("request", (r) => { if (r.method() === "PUT") puts.push(r.url()); });
  await page.goto(env.server.url + `/sop/${await idOf(page, revised)}/sunting`);
  const state = page.getByTestId("save-state");
  await state.getByText("Tersimpan (versi 3)").waitFor();
  await page.getByRole("button", { name: "Simpan sekarang" }).click();
  await state.getByText("Tersimpan, tidak ada perubahan (versi 3)").waitFor();
  // Typed and taken back before the autosave: one save, nothing written.
  const title = page.getByLabel("Nama SOP");
  await title.fill(`${revised} x`);
  await title.fill(revised);
  await state.getByText("Belum tersimpan…").waitFor();
  await state.getByText("Tersimpan, tidak ada perubahan (versi 3)").waitFor({ timeout: 10000 });
  await page.waitForTimeout(3500);
  assert.equal(puts.length, 2);
  assert.equal(await page.getByText("Gagal menyimpan").count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a revision ratified for a later day is announced on the document and in force from then", async () => {
  // Today in WIB, and a day a month later.
  const later = new Date(Date.now() + 7 * 3600e3 + 30 * 86400e3).toISOString().slice(0, 10);
  const act = async (user, action, body) => {
    const context = await env.browser.newContext();
    const session = await (await context.request.post(env.server.url + "/api/v1/session",
      { data: { username: user, password: "sopan-demo" } })).json();
    const id = (await (await context.request.get(env.server.url + "/api/v1/sops")).json()).items
      .find((s) => s.title === revised).id;
    const { version } = await (await context.request.get(env.server.url + `/api/v1/sops/${id}?version=draft`)).json();
    const r = await context.request.post(env.server.url + `/api/v1/sops/${id}/actions/${action}`, {
      data: body, headers: { "X-CSRF-Token": session.csrf_token, "If-Match": `"${version}"` } });
    assert.equal(r.status(), 200, await r.text());
    await context.close();
  };
  await act("penyusun", "submit", { reason: "Mohon diverifikasi" });
  await act("verifikator", "verify", { reason: "Sesuai format" });
  await act("pengesah", "ratify", { reason: "Disahkan", password: "sopan-demo", effective_date: later });

  const { page, context, errors } = await as("auditor", { width: 390, height: 844 });
  await page.goto(env.server.url + `/sop/${await idOf(page, revised)}`);
  const day = new Intl.DateTimeFormat("id-ID", { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${later}T00:00:00Z`));
  await page.getByTestId("pending").getByText(`Revisi versi 6 sudah disahkan, berlaku mulai ${day}.`).waitFor();
  assert.equal(await page.getByTestId("status-badge").textContent(), "Berlaku");
  await page.getByText("· versi 2").waitFor();
  assert.equal(await page.getByTestId("history-edition").first().locator("h4").textContent(), "Revisi ke-1");
  // On that day the list shows the revision in force.
  await page.goto(env.server.url + `/sop?unit=&at=${later}`);
  await row(page, revised).getByText("6", { exact: true }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390, "fits a phone");
  assert.deepEqual(errors, []);
  await context.close();
});
