// Review and reading in Debian's Chromium, at a desk and on a phone, on the demo's revision of
// "Penanganan Pengaduan Masyarakat": the author submits, the verifikator sends it back, the
// author changes one step and submits again; the verifikator's review shows by default only what
// changed since they sent it back, and they comment on that step in place; the pengesah ratifies
// from a phone; the pegawai whose position acts in it finds it under "SOP Saya".
import assert from "node:assert/strict";
import { test } from "node:test";
import { assertQuiet, checkBothSizes, checkScreen, desk, phone, serverAndBrowser, shot, signIn, watchedPage } from "./support.mjs";

const env = serverAndBrowser({ name: "Pemerintah Kabupaten Contoh", demo: true });
const title = "Penanganan Pengaduan Masyarakat";
const changed = "Menugaskan perangkat daerah terkait untuk menindaklanjuti paling lambat 1 hari kerja";

/** A signed-in API client for a demo user (the browser's own session is not shared). */
async function client(user) {
  const context = await env.browser.newContext();
  const r = await context.request.post(env.server.url + "/api/v1/session", { data: { username: user, password: "sopan-demo" } });
  const { csrf_token } = await r.json();
  const call = async (method, p, data, headers = {}) => {
    const res = await context.request.fetch(env.server.url + p,
      { method, data, headers: { "X-CSRF-Token": csrf_token, ...headers } });
    assert.ok(res.ok(), `${method} ${p}: ${res.status()} ${await res.text()}`);
    return res.json();
  };
  return {
    get: (p) => call("GET", p),
    /** A workflow action on the open draft, at its current version. */
    act: async (id, action, body) => {
      const { version } = await call("GET", `/api/v1/sops/${id}?version=draft`);
      return call("POST", `/api/v1/sops/${id}/actions/${action}`, body, { "If-Match": `"${version}"` });
    },
    /** Saves the open draft after `change(document)`. */
    edit: async (id, change, message) => {
      const { version, document } = await call("GET", `/api/v1/sops/${id}?version=draft`);
      change(document);
      return call("PUT", `/api/v1/sops/${id}/draft`, { document, message }, { "If-Match": `"${version}"` });
    },
    close: () => context.close(),
  };
}

let id = "";

test("a verifikator sees only the step changed since their last review and comments on it in place", async () => {
  // The author gives step 3 (the pegawai's, a Pranata Humas) to the Pranata Komputer and
  // submits; the verifikator sends it back; the author rewrites step 6 and submits again.
  const author = await client("penyusun");
  const position = (await author.get("/api/v1/units")).items.flatMap((u) => u.positions)
    .find((p) => p.name === "Pranata Komputer Ahli Pertama").id;
  id = (await author.get("/api/v1/sops")).items.find((s) => s.title === title).id;
  await author.edit(id, (d) => {
    d.actors.push({ id: "a5", position });
    d.steps[2].actor = "a5";
  }, "Pencatatan oleh pranata komputer");
  await author.act(id, "submit", { reason: "Mohon diverifikasi" });
  const verifier = await client("verifikator");
  await verifier.act(id, "request-changes", { reason: "Tegaskan batas waktu penugasan" });
  await author.edit(id, (d) => { d.steps[5].activity = changed; }, "Batas waktu penugasan");
  await author.act(id, "submit", { reason: "Sudah diperbaiki" });
  await author.close();

  const page = await watchedPage(env.browser, desk);
  await signIn(page, env.server.url, "verifikator");
  await checkBothSizes(page, "verifikator's home");
  await page.getByTestId("tasks-verify").getByRole("link", { name: new RegExp(title) }).click();
  const changes = page.getByTestId("changes");
  await changes.getByTestId("step-change").first().waitFor();
  // Since the version they sent back: only step 6, in words.
  assert.match(await changes.getByLabel("Tampilkan perubahan").locator("option:checked").textContent(),
    /^Sejak pemeriksaan terakhir saya/);
  assert.equal(await changes.getByTestId("step-change").count(), 1);
  assert.equal(await changes.getByTestId("field-change").count(), 0);
  const step = changes.getByTestId("step-change");
  assert.match(await step.locator("h4").textContent(), /^Langkah 6/);
  assert.equal(await step.locator(".change-line").textContent(),
    `Langkah 6 · Kegiatan: Menugaskan perangkat daerah terkait untuk menindaklanjuti → ${changed}`);
  // The flowchart after marks that step's symbol, the one before the same step as it was.
  await page.getByTestId("flowchart-after").locator("svg").first().waitFor();
  assert.equal(await page.getByTestId("flowchart-after").locator(".step-mark.changed").count(), 1);
  assert.equal(await page.getByTestId("flowchart-before").locator(".step-mark.changed").count(), 1);
  await shot(page, env, "review-desk-since-mine");

  // A comment on that step, written and shown in place.
  await step.getByRole("button", { name: "Komentari Langkah 6" }).click();
  await step.getByLabel("Komentar pada Langkah 6").fill("Sebutkan siapa yang menugaskan.");
  await step.getByRole("button", { name: "Kirim komentar" }).click();
  const thread = step.getByTestId("comment-thread");
  await thread.getByText("Sebutkan siapa yang menugaskan.").waitFor();
  assert.match(await thread.locator(".anchor").textContent(), /^Langkah 6$/);
  await page.getByTestId("open-comments").getByText("Komentar terbuka: 1").waitFor();
  await checkBothSizes(page, "review since my last review");

  // Since the version in force: step 3's new actor (by name) and the warning too.
  await changes.getByLabel("Tampilkan perubahan").selectOption({ label: "Sejak versi yang berlaku (versi 2)" });
  await changes.getByTestId("step-change").nth(1).waitFor();
  assert.match(page.url(), /[?&]sejak=2/);
  const lines = await changes.getByTestId("step-change").locator(".change-line").allTextContents();
  assert.deepEqual(lines.map((l) => l.split(":")[0]), ["Langkah 3 · Pelaksana", "Langkah 6 · Kegiatan"]);
  assert.match(lines[0], /: Pranata Hubungan Masyarakat Ahli Muda → Pranata Komputer Ahli Pertama$/);
  await changes.getByTestId("field-change").filter({ hasText: "Peringatan" }).waitFor();
  assert.doesNotMatch(await changes.textContent(), /"|\/steps\/|a5/, "no JSON, pointers or codes");
  await checkBothSizes(page, "review since the version in force");

  // The verifikator closes their comment and verifies.
  await page.getByTestId("comment-thread").getByRole("button", { name: "Selesaikan" }).click();
  await page.getByTestId("open-comments").getByText("Komentar terbuka: 0").waitFor();
  await page.getByRole("button", { name: "Verifikasi", exact: true }).click();
  const dialog = page.getByTestId("action-form");
  await dialog.getByLabel("Alasan / catatan").fill("Sesuai format");
  await dialog.getByRole("button", { name: "Verifikasi", exact: true }).click();
  await page.locator(".badge").getByText("Revisi: Diverifikasi").waitFor();
  assertQuiet(page);
  await page.context().close();
});

test("a pengesah ratifies on a phone, with the password, and the SOP shows as in force", async () => {
  const page = await watchedPage(env.browser, phone);
  await signIn(page, env.server.url, "pengesah");
  await page.getByTestId("tasks-ratify").getByRole("link", { name: new RegExp(title) }).click();
  await page.getByTestId("changes").waitFor();
  await checkBothSizes(page, "pengesah's review");
  await page.getByRole("button", { name: "Sahkan", exact: true }).click();
  const dialog = page.getByTestId("action-form");
  await dialog.getByLabel("Alasan / catatan").fill("Disahkan");
  await dialog.getByLabel("Kata sandi (tanda tangan)").fill("sopan-demo");
  await checkScreen(page, "ratification dialog (phone)");
  await shot(page, env, "ratify-phone-dialog");
  const box = await page.locator("dialog.action-dialog").boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= phone.width, "the dialog fits the phone");
  await dialog.getByRole("button", { name: "Sahkan", exact: true }).click();
  await page.getByTestId("signature").waitFor();
  assert.equal(await page.locator("dialog[open]").count(), 0);
  assert.equal(await page.getByTestId("status-badge").first().textContent(), "Berlaku");
  assert.match(await page.getByTestId("signature").locator("p").first().textContent(),
    /^Disahkan secara elektronik oleh Drs\. H\. Sutarman, M\.Si\. \(NIP 197305141998031004\), Kepala Dinas Komunikasi dan Informatika; berlaku sejak \d+ \w+ 20\d\d$/);
  assert.match(await page.getByTestId("verification").textContent(), /^Kode verifikasi SPN(-[0-9A-Z]{4}){3} · Periksa keaslian tanda tangan$/);
  assert.match(await page.getByTestId("id-ratified").textContent(), /Kepala Dinas Komunikasi dan Informatika/);
  assert.match(await page.locator(".doc-meta").textContent(), / · versi \d+$/);
  await checkBothSizes(page, "ratified SOP");
  await shot(page, env, "ratified-phone");
  assertQuiet(page);
  await page.context().close();
});

test("a pegawai finds the SOP under SOP Saya, with the step where their position acts", async () => {
  for (const viewport of [desk, phone]) {
    const page = await watchedPage(env.browser, viewport);
    await signIn(page, env.server.url, "pegawai");
    // Home: SOP Saya in brief, what changed in their unit, and no server status.
    const card = page.getByTestId("my-doc").filter({ hasText: title });
    await card.waitFor();
    assert.equal(await page.getByText("Status Server").count(), 0);
    await page.getByTestId("recent").getByRole("link", { name: title }).waitFor();
    await checkScreen(page, `pegawai's home (${viewport.width})`);
    if (viewport === phone) await page.getByRole("button", { name: "Menu" }).click();
    await page.getByRole("navigation", { name: "Menu utama" }).getByRole("link", { name: "SOP Saya" }).click();
    const mine = page.getByTestId("my-docs").getByTestId("my-doc").filter({ hasText: title });
    await mine.waitFor();
    // Step 3 went to the Pranata Komputer in the ratified revision; her other steps stay hers.
    assert.match(await mine.textContent(), /Anda berperan pada langkah 5 \(Meneruskan [^)]*\), 8 \([^)]*\), 9 \([^)]*\)\./);
    await checkScreen(page, `SOP Saya (${viewport.width})`);
    await mine.getByRole("link", { name: title }).click();
    // The whole identity block, the steps with actors by name, the flowchart.
    const identity = page.getByTestId("identity");
    await identity.waitFor();
    assert.match(await page.getByTestId("id-legal").textContent(), /Undang-Undang Nomor 25 Tahun 2009/);
    for (const label of ["Kualifikasi pelaksana", "Peralatan / perlengkapan", "Peringatan", "Pencatatan dan pendataan", "Keterkaitan"])
      await identity.getByText(label, { exact: true }).waitFor();
    assert.match(await page.getByTestId("steps-table").locator("tbody tr").nth(2).textContent(), /Pranata Komputer Ahli Pertama/);
    await page.getByTestId("flowchart").locator("svg").first().waitFor();
    assert.equal(await page.getByTestId("history").count(), 0, "a pegawai reads the document, not its drafts' history");
    await checkScreen(page, `SOP read by a pegawai (${viewport.width})`);
    await shot(page, env, `pegawai-sop-${viewport.width}`);
    assertQuiet(page);
    await page.context().close();
  }
});
