// Review and ratification from the document view, as three demo users, in Debian's Chromium.
import assert from "node:assert/strict";
import { test } from "node:test";
import { serverAndBrowser, signIn } from "./support.mjs";

const env = serverAndBrowser({ name: "Pemerintah Kabupaten Contoh", demo: true });

/** Opens the demo draft "Pengadaan Langsung Barang/Jasa" as `user` and takes `action`. */
async function act(user, label, fill = async () => {}) {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await signIn(page, env.server.url, user);
  await page.getByRole("link", { name: "SOP", exact: true }).click();
  await page.getByLabel("Cari SOP").fill("pengadaan langsung");
  await page.getByRole("link", { name: "Pengadaan Langsung Barang/Jasa" }).click();
  await page.getByRole("button", { name: label, exact: true }).click();
  const form = page.getByTestId("action-form");
  await form.getByLabel("Alasan / catatan").fill(`${label} oleh ${user}`);
  await fill(form);
  await form.getByRole("button", { name: label, exact: true }).click();
  return { page, context };
}

test("a draft is submitted, verified and ratified with a password from the document view", async () => {
  let { page, context } = await act("penyusun", "Ajukan");
  await page.locator(".badge.status-diajukan").waitFor();
  await context.close();
  // The verifikator finds it in their task list on the home page.
  ({ page, context } = await (async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await signIn(page, env.server.url, "verifikator");
    await page.getByTestId("tasks").getByRole("link", { name: /Pengadaan Langsung Barang\/Jasa/ }).click();
    await page.getByRole("button", { name: "Verifikasi", exact: true }).click();
    const form = page.getByTestId("action-form");
    await form.getByLabel("Alasan / catatan").fill("Sesuai format");
    await form.getByRole("button", { name: "Verifikasi", exact: true }).click();
    return { page, context };
  })());
  await page.locator(".badge", { hasText: "diverifikasi" }).waitFor();
  await context.close();
  // A wrong password is refused on the form; the right one signs.
  ({ page, context } = await act("pengesah", "Sahkan", (form) => form.getByLabel("Kata sandi (tanda tangan)").fill("bukan-sandi-9")));
  await page.getByTestId("action-form").getByText("Kata sandi salah").waitFor();
  await page.getByTestId("action-form").getByLabel("Kata sandi (tanda tangan)").fill("sopan-demo");
  await page.getByTestId("action-form").getByRole("button", { name: "Sahkan", exact: true }).click();
  await page.locator(".badge.status-berlaku").waitFor();
  const signature = await page.getByTestId("signature").textContent();
  assert.match(signature, /Disahkan secara elektronik oleh Drs\. H\. Sutarman, M\.Si\. \(NIP 197305141998031004\), Kepala Dinas Komunikasi dan Informatika/);
  await context.close();
});
