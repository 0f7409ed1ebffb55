// The shell every screen lives in, at a desk and on a phone: the tab's title and the focus follow
// navigation, the menu folds away on a phone, filters stay in the address, and the screens not
// specific to documents (sign-in, organisation, admin) fit the viewport and pass axe-core.
import assert from "node:assert/strict";
import { test } from "node:test";
import { assertQuiet, checkScreen, desk, phone, serverAndBrowser, shot, signIn, watchedPage } from "./support.mjs";

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
