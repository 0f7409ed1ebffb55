// One SOP's whole review in Debian's Chromium, as the demo users who do each step: submitted,
// sent back with a comment, fixed, verified once the comment is closed, ratified with a password,
// then revised while pegawai keep reading the version in force.
import assert from "node:assert/strict";
import { test } from "node:test";
import { serverAndBrowser, signIn } from "./support.mjs";

const env = serverAndBrowser({ name: "Pemerintah Kabupaten Contoh", demo: true });
const title = "Pengadaan Langsung Barang/Jasa";

/** A fresh signed-in page for `user`, on the home page. */
async function as(user) {
  const context = await env.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await signIn(page, env.server.url, user);
  return { page, context, errors };
}

/** Opens the demo SOP from the SOP list. */
async function openSop(page) {
  await page.getByRole("link", { name: "SOP", exact: true }).click();
  await page.getByLabel("Cari SOP").fill("pengadaan langsung");
  await page.getByRole("link", { name: title }).click();
  await page.getByTestId("sop-title").waitFor();
}

/** Takes a workflow action from the document view's buttons. */
async function act(page, label, reason, fill = async () => {}) {
  await page.getByRole("button", { name: label, exact: true }).click();
  const form = page.getByTestId("action-form");
  await form.getByLabel("Alasan / catatan").fill(reason);
  await fill(form);
  await form.getByRole("button", { name: label, exact: true }).click();
}

test("draft → submit → sent back with a comment → fix → verify → ratify → revision", async () => {
  // The penyusun submits.
  let { page, context, errors } = await as("penyusun");
  await openSop(page);
  await act(page, "Ajukan", "Mohon diverifikasi");
  await page.locator(".badge.status-diajukan").waitFor();
  await context.close();

  // The verifikator finds it in "Tugas Saya", comments on step 2 and sends it back.
  ({ page, context } = await as("verifikator"));
  await page.getByTestId("tasks-verify").getByRole("link", { name: new RegExp(title.replace("/", "\\/")) }).click();
  const newComment = page.getByTestId("new-comment");
  await newComment.getByLabel("Bagian yang dikomentari").selectOption({ index: 10 });  // "Langkah 2: …"
  await newComment.getByLabel("Isi komentar").fill("Sebutkan batas nilai pengadaan langsung.");
  await newComment.getByRole("button", { name: "Kirim komentar" }).click();
  await page.getByTestId("comment-thread").getByText("Sebutkan batas nilai pengadaan langsung.").waitFor();
  assert.match(await page.getByTestId("comment-thread").first().textContent(), /Langkah 2/);
  await act(page, "Minta revisi", "Lengkapi sesuai komentar");
  await page.locator(".badge.status-konsep").waitFor();
  await context.close();

  // The penyusun sees the comment waiting, answers it, fixes the draft and submits again.
  ({ page, context, errors } = await as("penyusun"));
  await page.getByTestId("tasks-comments").getByRole("link", { name: new RegExp(title.replace("/", "\\/")) }).click();
  const thread = page.getByTestId("comment-thread").first();
  await thread.getByLabel("Balasan").fill("Batas nilai sudah dicantumkan pada langkah 2.");
  await thread.getByRole("button", { name: "Balas" }).click();
  await page.getByText("Batas nilai sudah dicantumkan pada langkah 2.").waitFor();
  // Only the comment's author closes it.
  assert.equal(await page.getByTestId("comment-thread").first().getByRole("button", { name: "Selesaikan" }).count(), 0);
  await page.getByRole("link", { name: "Sunting konsep" }).click();
  await page.getByLabel("Kegiatan langkah 2", { exact: true }).fill("Menyusun HPS dan spesifikasi (nilai paling banyak Rp200 juta)");
  await page.getByTestId("save-state").getByText(/^Tersimpan/).waitFor({ timeout: 10000 });
  await openSop(page);
  await act(page, "Ajukan", "Sudah diperbaiki");
  await page.locator(".badge.status-diajukan").waitFor();
  await context.close();

  // The verifikator reads what changed, cannot verify while the comment is open, closes it,
  // and verifies.
  ({ page, context } = await as("verifikator"));
  await page.getByTestId("tasks-verify").getByRole("link", { name: new RegExp(title.replace("/", "\\/")) }).click();
  await page.getByTestId("changes").getByText("Rp200 juta").waitFor();
  // Since the version they sent back: only the fix.
  await page.getByTestId("changes").getByLabel("Tampilkan perubahan").selectOption("reviewed");
  await page.getByTestId("changes").getByText(/^Perubahan sejak pemeriksaan terakhir saya$/).waitFor();
  assert.match(await page.getByTestId("changes").locator("tbody").textContent(), /^Langkah diubah \(no\. 2\) · Kegiatan/);
  assert.equal(await page.getByTestId("changes").locator("tbody tr").count(), 1);
  await act(page, "Verifikasi", "Sesuai format");
  await page.getByTestId("action-form").getByText(/komentar Anda yang belum diselesaikan/).waitFor();
  await page.getByTestId("comment-thread").first().getByRole("button", { name: "Selesaikan" }).click();
  await page.getByText("Komentar (0 terbuka)").waitFor();
  await page.getByTestId("action-form").getByRole("button", { name: "Verifikasi", exact: true }).click();
  await page.locator(".badge.status-diverifikasi").waitFor();
  await context.close();

  // The pengesah signs: a wrong password is refused, the right one ratifies.
  ({ page, context } = await as("pengesah"));
  await page.getByTestId("tasks-ratify").getByRole("link", { name: new RegExp(title.replace("/", "\\/")) }).click();
  await act(page, "Sahkan", "Disahkan", (form) => form.getByLabel("Kata sandi (tanda tangan)").fill("bukan-sandi-9"));
  await page.getByTestId("action-form").getByText("Kata sandi salah").waitFor();
  await page.getByTestId("action-form").getByLabel("Kata sandi (tanda tangan)").fill("sopan-demo");
  await page.getByTestId("action-form").getByRole("button", { name: "Sahkan", exact: true }).click();
  await page.locator(".badge.status-berlaku").waitFor();
  assert.match(await page.getByTestId("signature").textContent(),
    /Disahkan secara elektronik oleh Drs\. H\. Sutarman, M\.Si\. \(NIP 197305141998031004\), Kepala Dinas Komunikasi dan Informatika/);
  await context.close();

  // The penyusun opens a revision and changes the title.
  ({ page, context, errors } = await as("penyusun"));
  await openSop(page);
  await act(page, "Buat revisi", "Penyesuaian Perpres pengadaan terbaru");
  await page.getByLabel("Nama SOP").fill(`${title} (Revisi)`);
  await page.getByTestId("save-state").getByText(/^Tersimpan/).waitFor({ timeout: 10000 });
  assert.deepEqual(errors, []);
  await context.close();

  // Pegawai still read the version in force, and its signature (from the ratifying commit).
  ({ page, context } = await as("pegawai"));
  await openSop(page);
  assert.equal(await page.getByTestId("sop-title").textContent(), title);
  await page.locator(".badge.status-berlaku").waitFor();
  await page.getByTestId("signature").waitFor();
  // Without draft rights the open revision is not theirs to see (trust issue, item 7).
  assert.equal(await page.getByText("revisi sedang disusun").count(), 0);
  await context.close();
});

test("a comment on a step follows the step when one is inserted above, and notes when it is deleted", async () => {
  const { page, context, errors } = await as("penyusun");
  // The demo draft "Pelayanan Permohonan Informasi Publik" waits for the penyusun.
  await page.getByTestId("tasks-comments").getByRole("link", { name: "Pelayanan Permohonan Informasi Publik" }).click();
  await page.getByTestId("new-comment").waitFor();
  const view = page.url();
  const newComment = page.getByTestId("new-comment");
  await newComment.getByLabel("Bagian yang dikomentari").selectOption("/steps/2");  // "Langkah 3: …", step "3"
  await newComment.getByLabel("Isi komentar").fill("Sebutkan nomor register permohonan.");
  await newComment.getByRole("button", { name: "Kirim komentar" }).click();
  const thread = page.getByTestId("comment-thread").filter({ hasText: "Sebutkan nomor register permohonan." });
  await thread.waitFor();
  assert.match(await thread.locator(".anchor").textContent(), /^Langkah 3$/);

  /** One edit in the editor, autosaved, then back to the review screen. */
  const edit = async (fn) => {
    await page.getByRole("link", { name: "Sunting konsep" }).click();
    const before = Number((await page.getByTestId("save-state").textContent()).match(/versi (\d+)/)[1]);
    await fn();
    await page.getByTestId("save-state").getByText(`Tersimpan (versi ${before + 1})`).waitFor({ timeout: 10000 });
    await page.goto(view);
    await thread.waitFor();
  };
  // A step inserted above (a copy of step 2): the comment is now on "Langkah 4", the same step.
  await edit(() => page.getByRole("button", { name: "Duplikat langkah 2", exact: true }).click());
  assert.match(await thread.locator(".anchor").textContent(), /^Langkah 4$/);
  assert.equal(await thread.getByTestId("anchor-missing").count(), 0);
  // The step deleted: the thread says so.
  await edit(() => page.getByRole("button", { name: "Hapus langkah 4", exact: true }).click());
  assert.equal(await thread.getByTestId("anchor-missing").textContent(), "Langkah yang dikomentari (kode 3) sudah dihapus");
  assert.deepEqual(errors, []);
  await context.close();
});
