// The SOP editor against the real server (demo instansi) in Debian's Chromium: what an open draft
// shows (actors of other units by name, its own number not taken for a duplicate, reviewers'
// comments beside their field and step, findings in words only once a step is done), and what
// happens to a save that is beaten (412: both versions, neither lost) or refused (409: autosave
// stops and says why), and discarding (back to the list). Screens checked at 1366 and 390 px.
import assert from "node:assert/strict";
import { test } from "node:test";
import { assertQuiet, checkBothSizes, desk, serverAndBrowser, signIn, watchedPage } from "./support.mjs";

const env = serverAndBrowser({ name: "Pemerintah Kabupaten Contoh", demo: true });

/** The API with a page's session. */
async function api(page, method, path, body, headers = {}) {
  return page.evaluate(async ([method, path, body, headers]) => {
    const me = await (await fetch("/api/v1/me")).json();
    const r = await fetch(path, {
      method, body: body === undefined ? undefined : JSON.stringify(body),
      headers: { "Content-Type": "application/json", "X-CSRF-Token": me.csrf_token, ...headers },
    });
    return { status: r.status, body: await r.json() };
  }, [method, path, body, headers]);
}
/** Waits (bounded) until a field shows `value`. */
async function shows(locator, value) {
  await locator.waitFor();
  await locator.page().waitForFunction(([el, v]) => el.value === v, [await locator.elementHandle(), value], { timeout: 5000 })
    .catch(() => {});
  assert.equal(await locator.inputValue(), value);
}
const idOf = async (page, title) =>
  (await api(page, "GET", `/api/v1/sops?q=${encodeURIComponent(title)}`)).body.items.find((s) => s.title === title).id;

test("an open draft: actors of other units keep their name, its own number is no duplicate, comments sit beside their step, findings wait until a step is done", async () => {
  const page = await watchedPage(env.browser, desk);
  await signIn(page, env.server.url, "penyusun");
  // A Sekretariat's SOP whose third actor is the head of the Dinas above it.
  await page.goto(env.server.url + `/sop/${await idOf(page, "Pengadaan Langsung Barang/Jasa")}/sunting`);
  const state = page.getByTestId("save-state");
  await state.getByText(/^Tersimpan \(versi \d+\)$/).waitFor();
  const head = page.getByRole("combobox", { name: "Pelaksana 3", exact: true });
  await shows(head, "Kepala Dinas Komunikasi dan Informatika — Dinas Komunikasi dan Informatika");
  assert.equal(await page.getByLabel("Pelaksana langkah 7", { exact: true }).locator("option:checked").textContent(),
    "Kepala Dinas Komunikasi dan Informatika");
  // Touched and left without choosing: nothing changes.
  await head.click();
  await page.keyboard.type("sekretaris");
  await page.getByRole("listbox", { name: "Pilihan Pelaksana 3" }).getByRole("option").first().waitFor();
  await page.keyboard.press("Tab");
  await shows(head, "Kepala Dinas Komunikasi dan Informatika — Dinas Komunikasi dan Informatika");
  // The live check knows the draft's own number.
  const problems = page.getByTestId("problems");
  await problems.getByText("Tidak ada temuan: konsep siap diajukan.").waitFor();
  await page.getByTestId("preview").locator(".sf-preview-page svg").first().waitFor();
  assert.equal(await page.getByText(/sudah dipakai/).count(), 0);
  assert.match(await state.textContent(), /^Tersimpan \(versi \d+\)$/);
  await checkBothSizes(page, "draft", { env, shots: "editor" });

  // A step added at the end: its findings wait in the checklist while it is being written…
  await page.getByRole("button", { name: "Tambah langkah" }).click();
  const activity = page.getByLabel("Kegiatan langkah 10", { exact: true });
  await activity.and(page.locator(":focus")).waitFor();
  const todo = page.getByTestId("todo");
  await todo.getByRole("button", { name: /^Langkah 10 · Kegiatan: / }).waitFor();
  assert.equal(await page.getByTestId("faults").count(), 0);
  assert.equal(await activity.getAttribute("aria-invalid"), null);
  // …and show beside it, in words, once the focus has left it.
  await page.getByLabel("Nama SOP").focus();
  const faults = page.getByTestId("faults");
  await faults.getByRole("button", { name: "Langkah 10 · Kegiatan: Uraian kegiatan belum diisi" }).waitFor();
  assert.equal(await activity.getAttribute("aria-invalid"), "true");
  assert.equal(await page.getByTestId("steps").locator("li").nth(9).locator(".field-error").first().textContent(), "Uraian kegiatan belum diisi");
  // The flow's findings stay in the checklist until the author asks to submit.
  await todo.getByRole("button", { name: "Langkah 10: Langkah ini tidak dapat dicapai dari mulai" }).waitFor();
  await page.getByRole("button", { name: "Ajukan untuk diverifikasi…" }).click();
  await faults.getByText(/hal perlu diperbaiki sebelum diajukan/).waitFor();
  await faults.getByRole("button", { name: "Langkah 10: Langkah ini tidak dapat dicapai dari mulai" }).waitFor();
  assert.equal(await page.getByTestId("todo").count(), 0);
  assert.equal(await page.getByTestId("submit-panel").count(), 0);
  await checkBothSizes(page, "draft-findings", { env, shots: "editor" });
  // A finding leads to its field.
  await faults.getByRole("button", { name: /Langkah 10 · Kegiatan/ }).click();
  await activity.and(page.locator(":focus")).waitFor();
  // Undone, the step is gone again.
  await state.getByText(/^Tersimpan/).waitFor({ timeout: 10000 });
  await page.getByRole("button", { name: "Urungkan" }).click();
  await activity.waitFor({ state: "detached" });
  await problems.getByText("Tidak ada temuan: konsep siap diajukan.").waitFor();

  // A draft with comments from its review: beside the field and the step, and in the list.
  await page.goto(env.server.url + `/sop/${await idOf(page, "Pelayanan Permohonan Informasi Publik")}/sunting`);
  await state.getByText(/^Tersimpan/).waitFor();
  const legal = page.locator('[data-part="/legal_basis"]').getByTestId("comment-thread");
  await legal.getByText(/Peraturan Komisi Informasi Nomor 1 Tahun 2021/).waitFor();
  await legal.getByText("Baik, akan kami tambahkan pada konsep berikutnya.").waitFor();
  const step4 = page.getByTestId("steps").locator("li").nth(3).getByTestId("comment-thread");
  await step4.getByText(/paling lama 10 hari kerja/).waitFor();
  const list = page.getByTestId("editor-comments");
  await list.getByText("Komentar pemeriksa (2 terbuka)").waitFor();
  assert.deepEqual(await list.locator(".ed-anchor").allTextContents(), ["Dasar hukum", "Langkah 4"]);
  // The author answers one where it is; only its writer may close it.
  await step4.getByLabel("Balasan", { exact: true }).fill("Jangka waktu ditambahkan pada kolom waktu.");
  await step4.getByRole("button", { name: "Balas" }).click();
  await step4.getByText("Jangka waktu ditambahkan pada kolom waktu.").waitFor();
  assert.equal(await step4.getByRole("button", { name: "Selesaikan" }).count(), 0);
  await checkBothSizes(page, "draft-comments", { env, shots: "editor" });
  assertQuiet(page);
  await page.context().close();
});

test("a save beaten by another shows both versions and loses neither; a save refused stops autosave and says why; steps come in from a CSV; discarding lands on the list", async () => {
  const page = await watchedPage(env.browser, desk);
  await signIn(page, env.server.url, "penyusun");
  const puts = [];
  page.on("request", (r) => { if (r.method() === "PUT") puts.push(r.url()); });
  // A complete draft of its own, ready to be submitted.
  const units = (await api(page, "GET", "/api/v1/units")).body.items;
  const unit = units.find((u) => u.name === "Seksi Pengembangan Aplikasi");
  const created = await api(page, "POST", "/api/v1/sops", {
    document: {
      number: "800/21/Aptika/2026", title: "Pemeliharaan Aplikasi", unit: unit.id,
      actors: [{ id: "a1", position: unit.positions[0].id }],
      steps: [
        { id: "s1", symbol: "mulai", actor: "a1", activity: "Mulai" },
        { id: "s2", symbol: "kegiatan", actor: "a1", activity: "Memperbarui aplikasi" },
        { id: "s3", symbol: "selesai", actor: "a1", activity: "Selesai" },
      ],
    },
  });
  assert.equal(created.status, 201);
  const id = created.body.id;
  const editor = env.server.url + `/sop/${id}/sunting`;
  await page.goto(editor);
  const state = page.getByTestId("save-state");
  await state.getByText("Tersimpan (versi 1)").waitFor();

  // Someone else saves first.
  const other = await watchedPage(env.browser, desk);
  await signIn(other, env.server.url, "penyusun");
  await other.goto(editor);
  await other.getByLabel("Nama SOP").fill("Pemeliharaan dan Pembaruan Aplikasi");
  await other.getByTestId("save-state").getByText("Tersimpan (versi 2)").waitFor({ timeout: 10000 });
  await other.context().close();

  await page.getByLabel("Kegiatan langkah 2", { exact: true }).fill("Memperbarui dan menguji aplikasi");
  const conflict = page.getByTestId("conflict");
  await conflict.getByText(/telah disimpan oleh/).waitFor({ timeout: 10000 });
  await page.getByTestId("conflict-mine").getByText("Memperbarui dan menguji aplikasi").waitFor();
  await page.getByTestId("conflict-theirs").getByText("Pemeliharaan dan Pembaruan Aplikasi").waitFor();
  await checkBothSizes(page, "conflict", { env, shots: "editor" });
  await page.getByRole("button", { name: "Simpan versi saya" }).click();
  await state.getByText("Tersimpan (versi 3)").waitFor({ timeout: 10000 });
  // Both are in the record: theirs as version 2, mine as the draft.
  assert.equal((await api(page, "GET", `/api/v1/sops/${id}?version=2`)).body.document.title, "Pemeliharaan dan Pembaruan Aplikasi");
  assert.equal((await api(page, "GET", `/api/v1/sops/${id}?version=draft`)).body.document.steps[1].activity, "Memperbarui dan menguji aplikasi");

  // Submitted elsewhere while this editor is open: the next save is refused, once.
  assert.equal((await api(page, "POST", `/api/v1/sops/${id}/actions/submit`, { reason: "Diajukan dari tempat lain" },
    { "If-Match": '"3"' })).status, 200);
  const before = puts.length;
  await page.getByLabel("Kegiatan langkah 2", { exact: true }).fill("Memperbarui, menguji dan memasang aplikasi");
  const stopped = page.getByTestId("save-stopped");
  await stopped.getByText(/penyimpanan otomatis dihentikan/).waitFor({ timeout: 10000 });
  await stopped.getByText(/sedang dalam pemeriksaan/).waitFor();
  await page.waitForTimeout(3500);
  assert.equal(puts.length - before, 1, "a refused save is not tried again by itself");
  await checkBothSizes(page, "refused", { env, shots: "editor" });
  // Shown as it is now: read-only, and the submitter may take it back.
  await page.getByRole("button", { name: "Muat ulang dari server" }).click();
  await page.getByTestId("read-only").getByRole("button", { name: "Tarik kembali pengajuan" }).click();
  await page.getByTestId("editor-news").waitFor();

  // Steps imported from a table laid out like the PermenPAN one replace the present ones.
  await page.getByLabel("Impor langkah dari CSV (kolom seperti tabel SOP)").setInputFiles({
    name: "langkah.csv", mimeType: "text/csv",
    buffer: Buffer.from("No,Kegiatan,Pemohon,Kelengkapan,Waktu,Output,Keterangan\n1,Mulai,mulai,,,,\n" +
      "2,Menyerahkan berkas,x,Berkas,10 menit,Tanda terima,\n3,Selesai,selesai,,,,\n"),
  });
  await page.waitForFunction(() => document.querySelector('[data-path="/steps/1/activity"]')?.value === "Menyerahkan berkas");
  assert.equal(await page.getByRole("combobox", { name: "Pelaksana 1", exact: true }).inputValue(), "Pemohon");

  // Discarded with a reason: the list, not an error.
  await page.getByRole("button", { name: "Buang konsep…" }).click();
  await page.getByLabel("Alasan membuang konsep").fill("Digabung dengan SOP pemeliharaan yang lain");
  await page.getByRole("button", { name: "Ya, buang konsep" }).click();
  await page.waitForURL(env.server.url + "/sop");
  // The 412 and the 409 are what this test is about; nothing else may show in the console.
  page.errors = page.errors.filter((e) => !/status of (412|409)/.test(e));
  assertQuiet(page);
  await page.context().close();
});
