// The audit packet in Debian's Chromium, as the demo auditor: open /audit/paket, choose Diskominfo
// and a period of the demo story, download it with the progress on screen until it is complete,
// save the zip, and run `sopan verify-packet` on the saved file (exit 0, the same manifest SHA-256
// the screen shows). A reversed period is refused on the form with the field named. The screen is
// checked at the desk and on a phone.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { test } from "node:test";
import { assertQuiet, checkBothSizes, desk, serverAndBrowser, signIn, sourceDir, watchedPage } from "./support.mjs";

const env = serverAndBrowser({ name: "Pemerintah Kabupaten Contoh", demo: true });
const sopanBin = process.env.SOPAN_BIN ?? path.join(sourceDir, "build/dev/sopan");

async function packetScreen() {
  const page = await watchedPage(env.browser, desk);
  await signIn(page, env.server.url, "auditor");
  await page.goto(env.server.url + "/audit/paket");
  await page.getByRole("heading", { name: "Paket Audit", level: 2 }).waitFor();
  await page.getByTestId("packet-form").waitFor();
  const kominfo = await page.evaluate(async () =>
    (await (await fetch("/api/v1/units")).json()).items.find((u) => u.code === "2.16").id);
  await page.getByTestId("packet-unit").selectOption(kominfo);
  return { page, kominfo };
}

test("the auditor downloads a packet of Diskominfo, sees it arrive, and it verifies", async () => {
  const { page, kominfo } = await packetScreen();
  await page.getByTestId("packet-from").fill("01/01/2026");
  await page.getByTestId("packet-to").fill("31/10/2026");
  await page.getByText("1 Januari 2026 s.d. 31 Oktober 2026").waitFor();
  await checkBothSizes(page, "packet form", { env, shots: "packet" });

  const downloaded = page.waitForEvent("download");
  await page.getByTestId("packet-download").click();
  await page.getByTestId("packet-progress").waitFor();
  const download = await downloaded;
  await page.getByTestId("packet-done").waitFor();
  // The bar and the figures say the whole packet arrived: received = the announced size.
  const bar = page.getByTestId("packet-progress-bar");
  const [value, max] = await bar.evaluate((el) => [el.value, el.max]);
  assert.ok(max > 1000, `the size was announced (${max} bytes)`);
  assert.equal(value, max, "the bar is full");
  assert.match(await page.getByTestId("packet-progress-text").textContent(), /dari .* \(100 %\) — selesai$/);
  assert.equal(new URL(page.url()).searchParams.get("unit"), kominfo, "the choice is in the address");

  assert.equal(download.suggestedFilename(), "paket-audit-2.16-2026-01-01-2026-10-31.zip");
  const file = path.join(env.server.dir, download.suggestedFilename());
  await download.saveAs(file);
  const verified = spawnSync(sopanBin, ["verify-packet", file], { encoding: "utf8" });
  assert.equal(verified.status, 0, verified.stdout + verified.stderr);
  assert.match(verified.stdout, /HASIL: UTUH/);
  const sha = (await page.getByTestId("packet-manifest-sha").textContent()).trim();
  assert.match(sha, /^[0-9a-f]{64}$/);
  assert.ok(verified.stdout.includes(`SHA-256 manifest.json: ${sha}`), "the screen and the check name the same manifest");
  // How to check it, in Indonesian, with the packet's own name.
  const how = page.getByTestId("packet-check");
  assert.match(await how.textContent(), /sha256sum -c SHA256SUMS/);
  assert.match(await how.textContent(), /sopan verify-packet paket-audit-2\.16-2026-01-01-2026-10-31\.zip/);
  await checkBothSizes(page, "packet downloaded", { env, shots: "packet" });
  assertQuiet(page);
});

test("a reversed period is refused on the form, naming the field, and nothing is saved", async () => {
  const { page } = await packetScreen();
  await page.getByTestId("packet-from").fill("31/10/2026");
  await page.getByTestId("packet-to").fill("01/01/2026");
  let downloads = 0;
  page.on("download", () => { downloads += 1; });
  await page.getByTestId("packet-download").click();
  const error = page.getByTestId("packet-error");
  await error.waitFor();
  assert.match(await error.textContent(), /Tanggal awal \(from\) sesudah tanggal akhir/);
  await page.locator(".field-error", { hasText: "Isi tanggal awal pada atau sebelum 2026-01-01" }).waitFor();
  // A day that is no day is never sent as "the default".
  await page.getByTestId("packet-from").fill("31/02/2026");
  await page.getByTestId("packet-download").click();
  await page.getByTestId("packet-error").filter({ hasText: "Perbaiki tanggal" }).waitFor();
  assert.equal(downloads, 0);
  // The page's own 400 is the only console line: the form said why.
  page.errors = page.errors.filter((e) => !e.includes("/api/v1/audit/packet"));
  assertQuiet(page);
});
