// Signatures checkable on paper (issue 15 §6), in Debian's Chromium: the demo auditor sees the
// verification code under a SOP's signature, opens its print, and the QR code on the print, read
// by zbarimg from a screenshot, is the public page's address. That page, opened with no sign-in
// on a phone, shows the signer's name and position and the SHA-256 of the signed content, never
// the NIP; a mistyped code typed into its form is refused with a clear message.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { test } from "node:test";
import { assertQuiet, checkBothSizes, desk, phone, serverAndBrowser, signIn, watchedPage } from "./support.mjs";

const env = serverAndBrowser({ name: "Pemerintah Kabupaten Contoh", demo: true });

test("the QR code on a signed print opens the public page, which shows the signature without the NIP", async () => {
  const page = await watchedPage(env.browser, desk);
  await signIn(page, env.server.url, "auditor");
  const sop = await page.evaluate(async () => {
    const list = await (await fetch("/api/v1/sops?status=berlaku&limit=50")).json();
    for (const item of list.items) {
      const read = await (await fetch(`/api/v1/sops/${item.id}`)).json();
      if (read.ratification) return { id: item.id, ratification: read.ratification };
    }
    return null;
  });
  assert.ok(sop, "the demo has a signed SOP in force");
  const { code, url } = sop.ratification.verification;
  assert.match(code, /^SPN-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  assert.equal(url, `${env.server.url}/v/${code}`);

  // On the document's screen, under the signature.
  await page.goto(`${env.server.url}/sop/${sop.id}`);
  const shown = page.getByTestId("verification");
  await shown.waitFor();
  assert.match(await shown.textContent(), new RegExp(`Kode verifikasi ${code}`));
  assert.equal(await shown.getByRole("link", { name: "Periksa keaslian tanda tangan" }).getAttribute("href"), url);
  assertQuiet(page);

  // The print, at print resolution; the QR code read back from the picture.
  const sharp = await env.browser.newContext({ viewport: desk, deviceScaleFactor: 4 });
  const print = await sharp.newPage();
  await print.goto(`${env.server.url}/api/v1/sops/${sop.id}/print`);  // no session: the cookie is on the other context
  if ((await print.content()).includes("Sesi tidak ada")) {
    await sharp.addCookies(await page.context().cookies());
    await print.goto(`${env.server.url}/api/v1/sops/${sop.id}/print`);
  }
  const qr = print.locator("svg.qr").first();
  await qr.waitFor();
  assert.match(await print.locator(".verifikasi").first().textContent(), new RegExp(code));
  const picture = path.join(env.server.dir, "qr.png");
  await qr.screenshot({ path: picture });
  const read = spawnSync("zbarimg", ["--raw", "-q", picture], { encoding: "utf8" });
  assert.equal(read.status, 0, `zbarimg reads the QR code: ${read.stderr}`);
  assert.equal(read.stdout.trim(), url, "the QR code is the public page's address");
  await sharp.close();

  // The public page, on a phone, signed in as nobody.
  const visitor = await watchedPage(env.browser, phone);
  await visitor.goto(read.stdout.trim());
  await visitor.getByRole("heading", { name: "Verifikasi Tanda Tangan Elektronik" }).waitFor();
  const state = visitor.locator("[data-state]");
  assert.equal(await state.getAttribute("data-state"), "berlaku");
  assert.match(await state.textContent(), /Tanda tangan sah/);
  const text = await visitor.locator("main").textContent();
  assert.ok(text.includes(sop.ratification.name), "the signer's name is shown");
  assert.ok(text.includes(sop.ratification.position), "the signer's position is shown");
  assert.ok(!text.includes(sop.ratification.nip), "the NIP is not shown");
  assert.match(text, /SHA-256 isi yang ditandatangani\s*[0-9a-f]{64}/);
  await checkBothSizes(visitor, "verification page", { env, shots: "verify" });

  // A code with one symbol mistyped, typed into the page's form.
  const last = code.at(-1) === "0" ? "1" : "0";
  await visitor.getByLabel("Periksa kode lain").fill(code.slice(0, -1) + last);
  await visitor.getByRole("button", { name: "Periksa" }).click();
  await visitor.getByRole("heading", { name: "Kode verifikasi tidak valid" }).waitFor();
  assert.equal(await visitor.locator("[data-state]").getAttribute("data-state"), "tidak_dikenal");
  await checkBothSizes(visitor, "verification page refused", { env, shots: "verify" });
  // The refusal is a 404 page on purpose (the code names nothing), which the console reports.
  visitor.errors = visitor.errors.filter((e) => !(e.includes("status of 404") && e.includes("/v?kode=")));
  assertQuiet(visitor);
});
