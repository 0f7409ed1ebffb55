// One SOP's whole review in Debian's Chromium, as the demo users who do each step: submitted,
// sent back with a comment, fixed, verified once the comment is closed, ratified with a password,
// then revised while pegawai keep reading the version in force.
import assert from "node:assert/strict";
import { test } from "node:test";
import { assertQuiet, serverAndBrowser, signIn, watchedPage } from "./support.mjs";

const env = serverAndBrowser({ name: "Pemerintah Kabupaten Contoh", demo: true });
const title = "Pengadaan Langsung Barang/Jasa";

/** A fresh signed-in page for `user`, on the home page. */
async function as(user) {
  const page = await watchedPage(env.browser, { width: 1400, height: 1000 });
  await signIn(page, env.server.url, user);
  return { page, context: page.context() };
}


/** Saves the open draft after `change(document)`, as the penyusun does in the editor. */
async function editDraft(page, change, message) {
  const api = (p) => env.server.url + p;
  const id = (await (await page.request.get(api("/api/v1/sops"))).json()).items.find((s) => s.title === title).id;
  const { version, document } = await (await page.request.get(api(`/api/v1/sops/${id}?version=draft`))).json();
  change(document);
  const { csrf_token } = await (await page.request.get(api("/api/v1/me"))).json();
  const r = await page.request.put(api(`/api/v1/sops/${id}/draft`), {
    data: { document, message }, headers: { "X-CSRF-Token": csrf_token, "If-Match": `"${version}"` } });
  assert.equal(r.status(), 200, await r.text());
}

/** Opens the demo SOP from the SOP list. */
async function openSop(page) {
  await page.getByRole("link", { name: "SOP", exact: true }).click();
  await page.getByLabel("Cari SOP").fill("pengadaan langsung");
  await page.getByRole("link", { name: title }).click();
  await page.getByTestId("sop-title").waitFor();
}

/** Takes a workflow action from the document view's buttons, in its dialog. */
async function act(page, label, reason, fill = async () => {}) {
  await page.getByRole("button", { name: label, exact: true }).click();
  const form = page.getByTestId("action-form");
  await form.getByLabel("Alasan / catatan").fill(reason);
  await fill(form);
  await form.getByRole("button", { name: label, exact: true }).click();
}
const thisSop = new RegExp(title.replace("/", "\\/"));

test("draft → submit → sent back with a comment → fix → verify → ratify → revision", async () => {
  // The penyusun submits.
  let { page, context } = await as("penyusun");
  await openSop(page);
  await act(page, "Ajukan", "Mohon diverifikasi");
  await page.locator(".badge.status-diajukan").waitFor();
  assertQuiet(page);
  await context.close();

  // The verifikator finds it under "Menunggu Anda", comments on step 2 and sends it back.
  ({ page, context } = await as("verifikator"));
  await page.getByTestId("tasks-verify").getByRole("link", { name: thisSop }).click();
  const newComment = page.getByTestId("new-comment");
  await newComment.getByLabel("Bagian yang dikomentari").selectOption("/steps/1");  // "Langkah 2: …"
  await newComment.getByLabel("Isi komentar").fill("Sebutkan batas nilai pengadaan langsung.");
  await newComment.getByRole("button", { name: "Kirim komentar" }).click();
  await page.getByTestId("comment-thread").getByText("Sebutkan batas nilai pengadaan langsung.").waitFor();
  assert.match(await page.getByTestId("comment-thread").first().textContent(), /Langkah 2/);
  await act(page, "Minta revisi", "Lengkapi sesuai komentar");
  await page.locator(".badge.status-konsep").waitFor();
  assertQuiet(page);
  await context.close();

  // The penyusun sees the comment waiting, answers it, fixes the draft and submits again.
  ({ page, context } = await as("penyusun"));
  await page.getByTestId("sent-back").getByText(/Dikembalikan oleh Hj\. Nurul Hasanah.*Lengkapi sesuai komentar/).waitFor();
  await page.getByTestId("tasks-comments").getByRole("link", { name: thisSop }).click();
  const thread = page.getByTestId("comment-thread").first();
  await thread.getByLabel("Balasan").fill("Batas nilai sudah dicantumkan pada langkah 2.");
  await thread.getByRole("button", { name: "Balas" }).click();
  await page.getByText("Batas nilai sudah dicantumkan pada langkah 2.").waitFor();
  // Only the comment's author closes it.
  assert.equal(await page.getByTestId("comment-thread").first().getByRole("button", { name: "Selesaikan" }).count(), 0);
  await editDraft(page, (d) => { d.steps[1].activity = "Menyusun HPS dan spesifikasi (nilai paling banyak Rp200 juta)"; },
    "Batas nilai pengadaan langsung");
  await openSop(page);
  await act(page, "Ajukan", "Sudah diperbaiki");
  await page.locator(".badge.status-diajukan").waitFor();
  assertQuiet(page);
  await context.close();

  // The verifikator reads what changed since they sent it back (only the fix, by default),
  // cannot verify while their comment is open, closes it, and verifies.
  ({ page, context } = await as("verifikator"));
  await page.getByTestId("tasks-verify").getByRole("link", { name: thisSop }).click();
  const changes = page.getByTestId("changes");
  await changes.getByTestId("step-change").getByText("Rp200 juta").waitFor();
  assert.match(await changes.getByLabel("Tampilkan perubahan").locator("option:checked").textContent(),
    /^Sejak pemeriksaan terakhir saya/);
  assert.equal(await changes.getByTestId("step-change").count(), 1);
  assert.match(await changes.getByTestId("step-change").locator(".change-line").textContent(), /^Langkah 2 · Kegiatan: /);
  await act(page, "Verifikasi", "Sesuai format");
  await page.getByTestId("action-form").getByText(/komentar Anda yang belum diselesaikan/).waitFor();
  await page.getByTestId("action-form").getByRole("button", { name: "Batal" }).click();
  await page.getByTestId("comment-thread").first().getByRole("button", { name: "Selesaikan" }).click();
  await page.getByTestId("open-comments").getByText("Komentar terbuka: 0").waitFor();
  await act(page, "Verifikasi", "Sesuai format");
  await page.locator(".badge.status-diverifikasi").waitFor();
  await context.close();

  // The pengesah signs: a wrong password is refused, the right one ratifies.
  ({ page, context } = await as("pengesah"));
  await page.getByTestId("tasks-ratify").getByRole("link", { name: thisSop }).click();
  await act(page, "Sahkan", "Disahkan", (form) => form.getByLabel("Kata sandi (tanda tangan)").fill("bukan-sandi-9"));
  await page.getByTestId("action-form").getByText("Kata sandi salah").waitFor();
  await page.getByTestId("action-form").getByLabel("Kata sandi (tanda tangan)").fill("sopan-demo");
  await page.getByTestId("action-form").getByRole("button", { name: "Sahkan", exact: true }).click();
  await page.locator(".badge.status-berlaku").waitFor();
  assert.match(await page.getByTestId("signature").textContent(),
    /Disahkan secara elektronik oleh Drs\. H\. Sutarman, M\.Si\. \(NIP 197305141998031004\), Kepala Dinas Komunikasi dan Informatika/);
  await context.close();

  // The penyusun opens a revision (the editor opens on it) and changes the title.
  ({ page, context } = await as("penyusun"));
  await openSop(page);
  await act(page, "Buat revisi", "Penyesuaian Perpres pengadaan terbaru");
  await page.waitForURL(/\/sop\/[0-9A-Z]+\/sunting$/);
  await editDraft(page, (d) => { d.title = `${title} (Revisi)`; }, "Judul revisi");
  await context.close();

  // Pegawai still read the version in force, and its signature (from the ratifying commit).
  ({ page, context } = await as("pegawai"));
  await openSop(page);
  assert.equal(await page.getByTestId("sop-title").textContent(), title);
  await page.locator(".badge.status-berlaku").waitFor();
  await page.getByTestId("signature").waitFor();
  // Without draft rights the open revision is not theirs to see (trust issue, item 7).
  assert.equal(await page.getByText("revisi sedang disusun").count(), 0);
  assertQuiet(page);
  await context.close();
});

test("a comment on a step follows the step when one is inserted above, and notes when it is deleted", async () => {
  const { page, context } = await as("penyusun");
  // The demo draft "Pelayanan Permohonan Informasi Publik" waits for the penyusun.
  const other = "Pelayanan Permohonan Informasi Publik";
  await page.getByTestId("tasks-comments").getByRole("link", { name: other }).click();
  await page.getByTestId("new-comment").waitFor();
  const view = page.url();
  const newComment = page.getByTestId("new-comment");
  await newComment.getByLabel("Bagian yang dikomentari").selectOption("/steps/2");  // "Langkah 3: …", step "3"
  await newComment.getByLabel("Isi komentar").fill("Sebutkan nomor register permohonan.");
  await newComment.getByRole("button", { name: "Kirim komentar" }).click();
  const thread = page.getByTestId("comment-thread").filter({ hasText: "Sebutkan nomor register permohonan." });
  await thread.waitFor();
  assert.match(await thread.locator(".anchor").textContent(), /^Langkah 3$/);

  /** One edit of the draft (as the editor saves it), then the review screen again. */
  const id = view.match(/\/sop\/([0-9A-Z]+)/)[1];
  const edit = async (change) => {
    const { version, document } = await (await page.request.get(`${env.server.url}/api/v1/sops/${id}?version=draft`)).json();
    change(document.steps);
    const { csrf_token } = await (await page.request.get(`${env.server.url}/api/v1/me`)).json();
    const r = await page.request.put(`${env.server.url}/api/v1/sops/${id}/draft`, {
      data: { document }, headers: { "X-CSRF-Token": csrf_token, "If-Match": `"${version}"` } });
    assert.equal(r.status(), 200, await r.text());
    await page.goto(view);
    await thread.waitFor();
  };
  // A step inserted above (a copy of step 2): the comment is now on "Langkah 4", the same step.
  await edit((steps) => steps.splice(2, 0, { ...steps[1], id: "2b" }));
  assert.match(await thread.locator(".anchor").textContent(), /^Langkah 4$/);
  assert.equal(await thread.getByTestId("anchor-missing").count(), 0);
  // The step deleted: the thread says so.
  await edit((steps) => steps.splice(3, 1));
  assert.equal(await thread.getByTestId("anchor-missing").textContent(), "Langkah yang dikomentari (kode 3) sudah dihapus");
  assertQuiet(page);
  await context.close();
});
