// Reading in Debian's Chromium, at a desk and on a phone, on the dated demo: the SOP list keeps
// every filter in the address (a reload shows the same list), the home page differs by role,
// and an evaluator records an evaluation whose criteria start unanswered.
import assert from "node:assert/strict";
import { test } from "node:test";
import { assertQuiet, checkScreen, desk, phone, serverAndBrowser, shot, signIn, watchedPage } from "./support.mjs";

const env = serverAndBrowser({ name: "Pemerintah Kabupaten Contoh", demo: true });
const rows = (page) => page.getByTestId("sop-table").locator("tbody tr");

for (const [size, viewport] of [["desk", desk], ["phone", phone]]) {
  test(`the SOP list keeps its filters in the address, and fits (${size})`, async () => {
    const page = await watchedPage(env.browser, viewport);
    await signIn(page, env.server.url, "auditor");
    await page.goto(env.server.url + "/sop");
    await rows(page).nth(11).waitFor();
    await checkScreen(page, `SOP list (${size})`);
    assert.equal(await page.getByRole("link", { name: "Buat SOP baru" }).count(), 0, "only a penyusun creates");

    await page.getByLabel("Status").selectOption({ label: "Berlaku" });
    await page.getByLabel("Klasifikasi").selectOption("administratif");
    await page.getByLabel("Cari SOP").fill("surat");
    await page.waitForURL(/q=surat/);
    await rows(page).filter({ hasText: "Pelayanan Surat Masuk" }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=sop-table] tbody tr").length < 12);
    const found = await rows(page).count();
    // Words of the number, title and steps; only administrative SOPs in force.
    assert.ok(found >= 2 && found < 8, `${found} SOPs`);
    assert.deepEqual([...new Set(await rows(page).getByTestId("status-badge").allTextContents())], ["Berlaku"]);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get("classification"), "administratif");
    assert.ok(url.searchParams.get("status"), "the state is in the address");
    // A reload (or a shared link) shows the same list with the same filters.
    await page.reload();
    await rows(page).nth(found - 1).waitFor();
    assert.equal(await rows(page).count(), found);
    assert.equal(await page.getByLabel("Cari SOP").inputValue(), "surat");
    assert.equal(await page.getByLabel("Klasifikasi").inputValue(), "administratif");
    await checkScreen(page, `filtered SOP list (${size})`);
    await shot(page, env, `reader-list-${size}`);
    assertQuiet(page);
    await page.context().close();
  });
}

test("home by role: the penyusun's drafts with the one sent back, and where to create", async () => {
  const page = await watchedPage(env.browser, phone);
  await signIn(page, env.server.url, "penyusun");
  const drafts = page.getByTestId("my-drafts");
  await drafts.getByTestId("sent-back").first().waitFor();
  assert.match(await drafts.getByTestId("sent-back").first().textContent(), /^Dikembalikan oleh .+, \d+ \w+ 20\d\d pukul/);
  assert.equal(await page.getByText("Status Server").count(), 0);
  await checkScreen(page, "penyusun's home (phone)");
  await page.setViewportSize(desk);
  await checkScreen(page, "penyusun's home (desk)");
  await shot(page, env, "reader-home-penyusun");
  await page.getByRole("link", { name: "SOP", exact: true }).click();
  assert.equal(await page.getByRole("link", { name: "Buat SOP baru" }).getAttribute("href"), "/sop/baru");
  assertQuiet(page);
  await page.context().close();
});

test("an evaluator answers every criterion: none starts ticked, and a missing answer is named", async () => {
  const page = await watchedPage(env.browser, desk);
  await signIn(page, env.server.url, "evaluator");
  const api = await (await page.request.get(env.server.url + "/api/v1/sops")).json();
  const id = api.items.find((s) => s.title === "Pelayanan Surat Masuk").id;
  await page.goto(env.server.url + `/sop/${id}`);
  const records = page.getByTestId("records");
  await records.getByTestId("evaluation-table").waitFor();
  const before = await records.getByTestId("evaluation-table").locator("tbody tr").count();
  await records.getByText("Catat evaluasi").click();
  const form = page.getByTestId("evaluation-form");
  assert.equal(await form.locator('input[type="radio"]:checked').count(), 0, "no answer is given for the evaluator");
  assert.match(await form.getByLabel("Tanggal evaluasi").inputValue(), /^\d\d\/\d\d\/20\d\d$/);
  for (const [size, viewport] of [["desk", desk], ["phone", phone]]) {
    await page.setViewportSize(viewport);
    await checkScreen(page, `evaluation form (${size})`);
  }
  await page.setViewportSize(desk);
  const criteria = form.locator("ol.criteria fieldset");
  assert.equal(await criteria.count(), 7);
  for (let i = 0; i < 6; ++i) await criteria.nth(i).getByLabel("Ya", { exact: true }).check();
  await form.getByLabel("Tetap berlaku (ditandatangani)").check();
  await form.getByLabel("Catatan", { exact: true }).fill("Masih sesuai dengan tata naskah dinas.");
  await form.getByLabel("Kata sandi (tanda tangan)").fill("sopan-demo");
  await form.getByRole("button", { name: "Simpan evaluasi" }).click();
  await form.getByText("Jawab setiap kriteria dengan Ya atau Tidak (belum: kriteria 7).").waitFor();
  await criteria.nth(6).getByLabel("Tidak", { exact: true }).check();
  await form.getByRole("button", { name: "Simpan evaluasi" }).click();
  await records.getByTestId("evaluation-table").locator("tbody tr").nth(before).waitFor();
  assert.match(await records.getByTestId("evaluation-table").locator("tbody tr").nth(before).textContent(), /6 dari 7 Ya.*Tetap berlaku/);
  assert.doesNotMatch(await records.textContent(), /\d{4}-\d{2}-\d{2}/, "dates spelled out");
  assertQuiet(page);
  await page.context().close();
});
