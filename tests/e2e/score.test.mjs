// The tatalaksana score in Debian's Chromium, on the demo instansi: the evaluator opens the
// instansi's dashboard from the menu, follows a document that "raises the score next" to its SOP
// and comes back, answers a manual item with its evidence (signed with the password) and sees the
// total change; the trend chart has a point for each of the last 24 months and shows the demo's
// story (not the same percent every month). The admin reads the rubrics and their history, and a
// wrong weight in the editor is refused with its pointer and line, and a copy becomes a new
// rubric. Every screen is checked at
// the desk and on a phone (no overflow, no serious axe finding).
import assert from "node:assert/strict";
import { test } from "node:test";
import { assertQuiet, checkBothSizes, desk, serverAndBrowser, signIn, watchedPage } from "./support.mjs";

const env = serverAndBrowser({ name: "Pemerintah Kabupaten Contoh", demo: true });

async function as(user, viewport = desk) {
  const page = await watchedPage(env.browser, viewport);
  await signIn(page, env.server.url, user);
  return page;
}

/** The total as the dashboard shows it, once the score has been (re)loaded. */
async function total(page) {
  const value = page.getByTestId("score-value");
  await value.waitFor();
  await page.locator('[data-testid="score-total"][aria-busy="false"]').waitFor();
  return (await value.textContent()).trim();
}

test("the evaluator follows a missing document, answers a manual item and sees the score change", async () => {
  const page = await as("evaluator");
  await page.getByRole("navigation", { name: "Menu utama" }).getByRole("link", { name: "Skor RB" }).click();
  await page.getByRole("heading", { name: "Skor Reformasi Birokrasi", level: 2 }).waitFor();
  // The instansi rubric first, for the whole instansi, today.
  assert.equal(await page.getByTestId("rubric-select").inputValue(), "permenpanrb-14-2014");
  const before = await total(page);
  assert.match(before, /^\d+(,\d+)? dari 5 \(\d+(,\d)? %\)$/, "the total in Indonesian numbers");
  await page.getByTestId("trend-chart").waitFor();
  await checkBothSizes(page, "dashboard", { env, shots: "score" });

  // What raises the score next: a SOP that is missing, opened on its own page.
  const next = page.getByTestId("score-next");
  const sop = next.locator('a[data-testid="missing-link"][href^="/sop/"]').first();
  const label = (await sop.textContent()).trim();
  await sop.click();
  await page.waitForURL(/\/sop\/[0-9A-Z]{26}$/);
  const title = (await page.getByTestId("sop-title").textContent()).trim();
  assert.ok(label.endsWith(title), `the link "${label}" opens its SOP ("${title}")`);
  await page.goBack();
  await page.waitForURL(/\/skor$/);
  assert.equal(await total(page), before, "back on the same dashboard");

  // The manual item that would gain most, answered with its best answer and evidence.
  const item = next.getByTestId("next-item").filter({ has: page.getByRole("button", { name: /jawab/i }) }).first();
  const id = await item.getAttribute("data-item");
  await item.getByRole("button", { name: /jawab/i }).click();
  const form = page.getByTestId("answer-form");
  await form.getByRole("radio").first().check();
  await form.getByLabel("Tautan bukti").fill("https://sukamaju.go.id/bukti/layanan-transaksional");
  await form.getByLabel(/^Catatan/).fill("Diperiksa bersama Diskominfo");
  await form.getByLabel("Kata sandi (tanda tangan)").fill("sopan-demo");
  await checkBothSizes(page, "answer form", { env, shots: "score" });
  await form.getByRole("button", { name: "Simpan jawaban" }).click();
  await page.getByTestId("answer-saved").waitFor();
  await page.waitForFunction((was) => {
    const box = document.querySelector('[data-testid="score-total"]');
    return box?.getAttribute("aria-busy") === "false" && box.querySelector('[data-testid="score-value"]')?.textContent?.trim() !== was;
  }, before);
  const after = await total(page);
  const number = (t) => Number(t.split(" ")[0].replace(",", "."));
  assert.ok(number(after) > number(before), `the score rises: ${before} → ${after}`);
  const answered = page.locator(`[data-testid="score-item"][data-item="${id}"]`);
  assert.equal(await answered.getByTestId("item-source").textContent(), "Jawaban manual");
  await answered.getByRole("link", { name: "https://sukamaju.go.id/bukti/layanan-transaksional" }).waitFor();
  assertQuiet(page);
});

test("the trend chart has the last 24 months and the demo's story in them", async () => {
  const page = await as("evaluator");
  await page.goto(env.server.url + "/skor");
  const chart = page.getByTestId("trend-chart");
  await chart.waitFor();
  const months = await chart.locator("g.trend-point").evaluateAll((gs) => gs.map((g) => g.getAttribute("data-at")));
  assert.equal(months.length, 24, "a point per month");
  // The last day of each month, oldest first, the last one today.
  const { at } = await (await page.request.get(`${env.server.url}/api/v1/score?rubric=permenpanrb-14-2014`)).json();
  assert.equal(months.at(-1), at);
  for (const day of months.slice(0, -1))
    assert.equal(new Date(`${day}T00:00:00Z`).getUTCDate(), new Date(Date.UTC(+day.slice(0, 4), +day.slice(5, 7), 0)).getUTCDate());
  // Each scored month has its point with a tooltip; the percent moves with the story.
  const tips = await chart.locator("g.trend-point circle title").allTextContents();
  assert.ok(tips.length >= 6, `the demo's months are scored (${tips.length})`);
  const percents = new Set(tips.map((t) => t.match(/\(([\d,]+ %)\)/)[1]));
  assert.ok(percents.size >= 3, `the percent is not the same every month: ${[...percents].join(", ")}`);
  assert.match(await chart.getAttribute("aria-label"), /^Tren skor 24 bulan.*naik dari/);
  assert.equal(await page.getByTestId("trend-table").locator("tbody tr").count(), 24, "the figures in a table for screen readers");
  assert.ok(await chart.locator("text.trend-month").count() >= 6, "months are named under the axis");
  await page.setViewportSize({ width: 375, height: 800 });
  // The chart redraws for its new width once the browser has laid it out again.
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="trend-chart"] text.trend-month').length < 24,
    null, { timeout: 5000 }).catch(() => {});
  assert.ok(await chart.locator("text.trend-month").count() < 24, "a phone names fewer months, not smaller ones");
  assertQuiet(page);
});

test("the admin reads the rubrics and their history, is shown a wrong weight's line, and copies a rubric", async () => {
  const page = await as("admin");
  await page.goto(env.server.url + "/skor/rubrik");
  const row = page.getByTestId("rubric-row").filter({ hasText: "PermenPAN-RB 14/2014" });
  await row.locator("summary", { hasText: "Riwayat" }).click();
  await row.getByTestId("rubric-history").locator("li").first().waitFor();
  await checkBothSizes(page, "rubrics", { env, shots: "score" });
  await row.getByRole("link", { name: "Sunting" }).click();
  await page.waitForURL(/\/skor\/rubrik\/permenpanrb-14-2014$/);
  const json = page.getByTestId("rubric-json");
  await json.waitFor();
  await page.getByTestId("rubric-outline").getByText("Penataan Tatalaksana — bobot 5").waitFor();
  await checkBothSizes(page, "rubric editor", { env, shots: "score" });

  const rubric = JSON.parse(await json.inputValue());
  rubric.areas[0].sub_indicators[0].weight = 2.5;
  await json.fill(JSON.stringify(rubric, null, 2));
  await page.getByTestId("rubric-outline").getByText(/Jumlah bobot sub-indikator/).waitFor();
  await page.getByTestId("rubric-message").fill("Bobot SOP dicoba 2,5");
  await page.getByRole("button", { name: "Simpan rubrik" }).click();
  const problem = page.getByTestId("rubric-problem");
  await problem.waitFor();
  const details = await problem.getByTestId("error-details").textContent();
  assert.match(details, /\/rubric\/areas\/0/, "the finding names its pointer");
  await problem.getByRole("button", { name: /^baris \d+$/ }).first().click();
  const line = await json.evaluate((ta) => ta.value.slice(0, ta.selectionStart).split("\n").length);
  assert.ok(line > 1, "the text area shows the finding's line");

  // A new rubric from a copy of the one in force (not of the refused text).
  await page.getByRole("link", { name: "Buat rubrik baru dari salinan" }).click();
  await page.waitForURL(/\/skor\/rubrik\/baru\?dari=permenpanrb-14-2014$/);
  const copy = JSON.parse(await json.inputValue());
  assert.equal(copy.id, "permenpanrb-14-2014-salinan");
  assert.equal(copy.areas[0].sub_indicators[0].weight, 1.5);
  await page.getByRole("button", { name: "Buat rubrik" }).click();
  await page.waitForURL(/\/skor\/rubrik\/permenpanrb-14-2014-salinan$/);
  await page.getByTestId("rubric-history").getByText("Salinan dari permenpanrb-14-2014").waitFor();
  page.errors = page.errors.filter((e) => !/status of 422/.test(e));
  assertQuiet(page);
});
