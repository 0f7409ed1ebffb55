// The instansi timeline in Debian's Chromium, as the demo auditor: "Audit" in the menu opens it
// with the hash chain's state; filtering by a unit lists exactly what the API lists for that
// unit subtree (the rows are the API's own events, by seq), the filter stays in the URL across a
// reload, and older pages follow. Checked at the desk and on a phone.
import assert from "node:assert/strict";
import { test } from "node:test";
import { assertQuiet, checkBothSizes, serverAndBrowser, signIn, watchedPage } from "./support.mjs";

const env = serverAndBrowser({ name: "Pemerintah Kabupaten Contoh", demo: true });

/** The seqs of the rows shown, once the list has loaded. */
async function shownSeqs(page) {
  await page.getByTestId("events").waitFor();
  return page.getByTestId("event-row").evaluateAll((rows) => rows.map((r) => Number(r.dataset.seq)));
}

test("the auditor filters the instansi timeline by a unit and pages back", async () => {
  const page = await watchedPage(env.browser);
  await signIn(page, env.server.url, "auditor");
  await page.getByRole("navigation", { name: "Menu utama" }).getByRole("link", { name: "Audit" }).click();
  await page.getByRole("heading", { name: "Linimasa audit", level: 2 }).waitFor();
  const chain = page.getByTestId("chain-state");
  await chain.waitFor();
  assert.match(await chain.textContent(), /Rantai hash utuh/);
  const newest = await shownSeqs(page);
  assert.equal(newest.length, 50, "a page of 50 events");

  // The Dinas Kominfo and the units under it.
  const units = await page.evaluate(async () => (await (await fetch("/api/v1/units")).json()).items);
  const dinas = units.find((u) => u.code === "2.16");
  await page.getByTestId("filter-unit").selectOption(dinas.id);
  await page.waitForURL((u) => u.searchParams.get("unit") === dinas.id);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="event-row"]').length > 0);
  const shown = await shownSeqs(page);
  // Only the auditor's own reads happened since (they concern no unit): the same list.
  const api = await page.evaluate(async (unit) =>
    (await (await fetch(`/api/v1/events?unit=${unit}&limit=50`)).json()), dinas.id);
  assert.deepEqual(shown, api.items.map((e) => e.seq), "the rows are the API's events for the unit subtree");
  assert.ok(api.items.every((e) => e.shown?.unit), "every event listed for a unit concerns a unit");
  await checkBothSizes(page, "timeline by unit", { env, shots: "audit" });

  // The filter is in the URL: a reload shows the same list.
  await page.reload();
  await page.getByTestId("events").waitFor();
  assert.equal(await page.getByTestId("filter-unit").inputValue(), dinas.id);

  // Older pages follow without repeating a row.
  await page.getByTestId("filter-unit").selectOption("");
  await page.waitForURL((u) => !u.searchParams.get("unit"));
  const first = await shownSeqs(page);
  await page.getByTestId("events-older").click();
  await page.waitForURL((u) => u.searchParams.has("before"));
  await page.waitForFunction((min) => {
    const rows = [...document.querySelectorAll('[data-testid="event-row"]')].map((r) => Number(r.dataset.seq));
    return rows.length > 0 && Math.max(...rows) < min;
  }, Math.min(...first));
  const second = await shownSeqs(page);
  assert.ok(Math.max(...second) < Math.min(...first), "the older page starts below the first");
  assertQuiet(page);
});
