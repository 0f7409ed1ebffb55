// The web skeleton, loaded from the real server in Chromium.
import assert from "node:assert/strict";
import { test } from "node:test";
import { serverAndBrowser } from "./support.mjs";

const env = serverAndBrowser({ name: "Pemerintah Kabupaten Uji" });

test("the sign-in page shows the server's health in Bahasa Indonesia", async () => {
  const page = await env.browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(env.server.url + "/");
  await page.getByText("Server berjalan normal").waitFor();
  assert.equal(await page.getByTestId("health-instansi").textContent(), "Pemerintah Kabupaten Uji");
  assert.match(await page.getByTestId("health-time").textContent(), /WIB$/);
  assert.equal(await page.locator("html").getAttribute("lang"), "id");
  assert.equal(await page.title(), "Sopan — Pemerintah Kabupaten Uji");
  // Keyboard: the form is ready to type into; before it come the home link and, first in tab
  // order, the skip link.
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("name")), "username");
  await page.keyboard.press("Shift+Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Sopan");
  await page.keyboard.press("Shift+Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Lompat ke konten");
  await page.screenshot({ path: env.server.dir + "/health.png" });
  assert.deepEqual(errors, []);
  await page.close();
});

test("an app route is answered with the app, assets are cached for good", async () => {
  const page = await env.browser.newPage();
  const assetHeaders = [];
  page.on("response", (r) => {
    if (r.url().includes("/assets/")) assetHeaders.push(r.headers()["cache-control"]);
  });
  const response = await page.goto(env.server.url + "/sop/01J0000000000000000000000A/sunting");
  assert.equal(response.status(), 200);
  await page.getByText("Server berjalan normal").waitFor();
  assert.ok(assetHeaders.length > 0);
  for (const h of assetHeaders) assert.equal(h, "public, max-age=31536000, immutable");
  await page.close();
});

test("an unreachable server is reported, and retry recovers", async () => {
  const page = await env.browser.newPage();
  let fail = true;
  await page.route("**/healthz", (route) => (fail ? route.abort() : route.continue()));
  await page.goto(env.server.url + "/");
  await page.getByText("Server tidak dapat dihubungi.").waitFor();
  fail = false;
  await page.getByRole("button", { name: "Periksa lagi" }).click();
  await page.getByText("Server berjalan normal").waitFor();
  await page.close();
});
