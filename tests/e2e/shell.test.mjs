// The shell every screen lives in, at a desk and on a phone: the tab's title and the focus follow
// navigation, the menu folds away on a phone, filters stay in the address, and the screens not
// specific to documents (sign-in, organisation, admin) fit the viewport and pass axe-core.
import assert from "node:assert/strict";
import { test } from "node:test";
import path from "node:path";
import { assertQuiet, checkScreen, desk, phone, serverAndBrowser, shot, signIn, sourceDir, watchedPage } from "./support.mjs";

const env = serverAndBrowser({ demo: true });

for (const [size, viewport] of [["desk", desk], ["phone", phone]]) {
  test(`sign-in, organisation and admin screens fit and pass axe-core (${size})`, async () => {
    const page = await watchedPage(env.browser, viewport);
    await page.goto(env.server.url + "/");
    await page.getByText("Server berjalan normal").waitFor();
    await checkScreen(page, `sign-in (${size})`);
    await signIn(page, env.server.url, "admin");
    await checkScreen(page, `home (${size})`);
    const open = async (name, heading) => {
      if (size === "phone") {
        const menu = page.getByRole("button", { name: "Menu" });
        assert.equal(await menu.getAttribute("aria-expanded"), "false");
        await menu.click();
      }
      await page.getByRole("navigation", { name: "Menu utama" }).getByRole("link", { name, exact: true }).click();
      const h = page.getByRole("heading", { level: 2, name: heading }).first();
      await h.waitFor();
      // The focus moves to the new screen's heading and the tab is named after the screen.
      assert.equal(await page.evaluate(() => document.activeElement?.tagName), "H2", `${name}: focus on the heading`);
      assert.match(await page.title(), new RegExp(`^${name} — Sopan$`));
      if (size === "phone")
        assert.equal(await page.getByRole("navigation", { name: "Menu utama" }).isVisible(), false, "the menu folds after a choice");
      await shot(page, env, `shell-${size}-${name.replace(/\W+/g, "-")}`);
      await checkScreen(page, `${name} (${size})`);
    };
    await open("Struktur Organisasi", /Struktur Organisasi/);
    await open("Kelola Unit", /Unit/);
    await open("Pegawai", /Pegawai/);
    await open("Akun & Peran", /Akun/);
    await open("Impor", /Impor/);
    assertQuiet(page);
    await page.context().close();
  });
}

test("the admin replaces the instansi's logo; every screen's header shows it, the sign-in screen too", async () => {
  const page = await watchedPage(env.browser, desk);
  await page.goto(env.server.url + "/");
  const logo = page.getByTestId("instansi-logo");
  await logo.waitFor();
  assert.ok(await logo.evaluate((img) => img.complete && img.naturalWidth > 0), "the demo's logo is drawn on the sign-in screen");
  await signIn(page, env.server.url, "admin");
  await page.getByRole("navigation", { name: "Menu utama" }).getByRole("link", { name: "Instansi" }).click();
  await page.getByRole("heading", { level: 2, name: "Instansi" }).waitFor();
  await checkScreen(page, "Instansi");
  await page.getByRole("button", { name: "Hapus logo" }).click();
  await page.getByText("Logo dihapus").waitFor();
  assert.equal(await logo.count(), 0, "no logo, no image");
  // A file that is not an image is refused by the server with its reason; nothing changes.
  await page.getByLabel("Unggah logo").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: Buffer.from("bukan gambar") });
  await page.locator(".notice.bad").getByText(/PNG/).waitFor();
  assert.equal(await logo.count(), 0);
  // Chromium logs the refused upload's 422 itself: the refusal asked for, not a fault.
  page.errors = page.errors.filter((e) => !(e.includes("422") && e.endsWith("/api/v1/instansi/logo)")));
  await page.getByLabel("Unggah logo").setInputFiles(path.join(sourceDir, "deploy/demo/logo.png"));
  await page.getByText("Logo disimpan").waitFor();
  await logo.waitFor();
  assert.ok(await logo.evaluate((img) => img.complete && img.naturalWidth > 0));
  const instansi = await page.evaluate(async () => (await fetch("/api/v1/instansi")).json());
  assert.equal(instansi.logo, true);
  assertQuiet(page);
  await page.context().close();
});

test("filters stay in the address: a reload and the back button show the same list", async () => {
  const page = await watchedPage(env.browser, desk);
  await signIn(page, env.server.url, "pegawai");
  await page.goto(env.server.url + "/sop?q=KTP");
  await page.getByRole("heading", { level: 2 }).first().waitFor();
  assert.match(page.url(), /q=KTP/);
  await page.reload();
  assert.match(page.url(), /q=KTP/);
  await page.goBack();
  assertQuiet(page);
  await page.context().close();
});
