// A unit head writes a SOP with the keyboard only, against the real server (demo instansi) in
// Debian's Chromium: creation asks for the title and unit first; ten steps with a decision whose
// "Ya" branch points at a step written afterwards; actors from the whole organisation and an
// outside party; submitted, shown read-only, taken back, edited again; a verifikator's comment
// seen beside its step in the editor and answered there. Every screen is checked at 1366×768
// and 390×844 (nothing wider than the screen, no serious axe-core finding).
import assert from "node:assert/strict";
import { test } from "node:test";
import { assertQuiet, checkBothSizes, desk, serverAndBrowser, signIn, watchedPage } from "./support.mjs";

const env = serverAndBrowser({ name: "Pemerintah Kabupaten Contoh", demo: true });

/** Waits (bounded) until `read()` gives `value`, then asserts it: the screen redraws just after a key. */
async function settles(read, value, what) {
  for (let i = 0; i < 50 && JSON.stringify(await read()) !== JSON.stringify(value); ++i) await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(await read(), value, what);
}
const shows = (locator, value) => settles(() => locator.inputValue(), value, String(locator));

/** Waits for the focus to be on `locator` (it moves after the screen has redrawn). */
const focused = (locator) => locator.and(locator.page().locator(":focus")).waitFor({ timeout: 5000 });

const key = (page) => async (...keys) => {
  for (const k of keys) await page.keyboard.press(k);
};

/** The API with a page's session (its CSRF token from /api/v1/me). */
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

// [activity, actor (1-4) or 0 to keep the one above]; step 4 is the decision, step 10 the end.
const steps = [
  ["Mulai", 0],
  ["Mengajukan permohonan pengembangan aplikasi", 0],
  ["Memeriksa kelengkapan permohonan", 2],
  ["Permohonan lengkap?", 0],
  ["Menganalisis kebutuhan aplikasi", 0],
  ["Menyetujui rencana pengembangan", 3],
  ["Mengembangkan dan menguji aplikasi", 2],
  ["Menandatangani berita acara serah terima", 4],
  ["Menyerahkan aplikasi kepada pemohon", 2],
  ["Selesai", 1],
];

test("a penyusun writes a 10-step SOP with a decision by keyboard, submits it, sees it read-only, takes it back and edits again; a verifikator's comment shows beside its step", async () => {
  const page = await watchedPage(env.browser, desk);
  const press = key(page);
  await signIn(page, env.server.url, "penyusun");
  // From here on, the keyboard only.
  await page.goto(env.server.url + "/sop/baru");
  const title = page.getByLabel("Nama SOP");
  await title.waitFor();
  await checkBothSizes(page, "create", { env, shots: "author" });
  await focused(title);
  // Nothing is created without a title.
  await press("Enter");
  await page.getByText("Tulis nama SOP terlebih dahulu.").waitFor();
  assert.equal(await title.getAttribute("aria-invalid"), "true");
  await focused(title);
  await page.keyboard.type("Pelayanan Pengembangan Aplikasi");
  assert.equal(await page.getByLabel("Unit yang menerbitkan").locator("option:checked").textContent().then((t) => t.trim()),
    "Bidang Aplikasi Informatika", "the penyusun's own unit is the default");
  await press("Enter");

  // The editor, on the new draft.
  await page.getByTestId("save-state").getByText("Tersimpan (versi 1)").waitFor();
  const editorUrl = page.url();
  assert.match(editorUrl, /\/sop\/[0-9A-Z]{26}\/sunting$/);
  assert.equal(await page.title(), "Sunting Pelayanan Pengembangan Aplikasi — Sopan");

  // Actors: typed and picked from the whole organisation, and an outside party.
  await page.getByRole("link", { name: "Pelaksana", exact: true }).focus();
  await press("Enter", "Tab", "Enter");  // to the actors, "Tambah pelaksana"
  const actors = [
    ["Pemohon", "Pemohon"],
    ["pengelola sistem", "Pengelola Sistem Informasi — Seksi Pengembangan Aplikasi"],
    ["kepala seksi pengembangan", "Kepala Seksi Pengembangan Aplikasi — Seksi Pengembangan Aplikasi"],
    // The head of the Dinas, a unit above the SOP's own.
    ["kepala dinas komunikasi", "Kepala Dinas Komunikasi dan Informatika — Dinas Komunikasi dan Informatika"],
  ];
  for (const [i, [words, shown]] of actors.entries()) {
    if (i > 0) await press("Tab", "Tab", "Enter");  // past "Hapus" to "Tambah pelaksana"
    const field = page.getByRole("combobox", { name: `Pelaksana ${i + 1}`, exact: true });
    await focused(field);
    if (i === 3) {
      // Words of no position offer only an outside party; Esc gives up and keeps the field as it was.
      await page.keyboard.type("kepala dinas kominfo");
      const options = page.getByRole("listbox", { name: "Pilihan Pelaksana 4" }).getByRole("option");
      assert.equal(await options.count(), 1);
      assert.match(await options.textContent(), /^Pihak luar: kepala dinas kominfo/);
      await press("Escape");
      await shows(field, "");
    }
    await page.keyboard.type(words);
    await press("Enter");
    await shows(field, shown);
  }

  // Steps: "Tambah langkah" starts with Mulai; Enter in a Kegiatan adds the next step.
  await page.getByRole("link", { name: "Langkah", exact: true }).focus();
  await press("Enter");
  await press("Tab", "Enter");  // "Tambah langkah"
  for (const [i, [activity, actor]] of steps.entries()) {
    const no = i + 1;
    const activityField = page.getByLabel(`Kegiatan langkah ${no}`, { exact: true });
    await activityField.and(page.locator(":focus")).waitFor({ timeout: 3000 }).catch(async (e) => {
          console.log(await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 300)), page.errors);
      throw e;
    });
    if (i > 0) await page.keyboard.type(activity);
    if (actor) {
      await press("Tab");
      const select = page.getByLabel(`Pelaksana langkah ${no}`, { exact: true });
      for (let k = 0; k < 4 && (await select.inputValue()) !== `a${actor}`; ++k)
        await press((await select.inputValue()) < `a${actor}` ? "ArrowDown" : "ArrowUp");
      assert.equal(await select.inputValue(), `a${actor}`);
      await press("Shift+Tab");
    }
    if (no === 4) {
      // The decision: its details (Alt+Enter), the symbol, "Ya" to a step not written yet.
      await press("Alt+Enter");
      await focused(page.getByLabel("Simbol langkah 4"));
      await press("ArrowDown");  // Kegiatan → Keputusan
      await press("Tab", "Tab");  // Label cabang 1 (Ya), Tujuan cabang 1
      await focused(page.getByLabel("Tujuan cabang 1 langkah 4"));
      await page.keyboard.type("+");  // "+ Langkah baru…"
      await shows(page.getByLabel("Kegiatan langkah 5", { exact: true }), "");
      await focused(page.getByLabel("Tujuan cabang 1 langkah 4"));
      await press("Tab", "Tab");  // Label cabang 2 (Tidak), Tujuan cabang 2
      await focused(page.getByLabel("Tujuan cabang 2 langkah 4"));
      await page.keyboard.type("2");
      await checkBothSizes(page, "editor-decision", { env, shots: "author" });
      await press("Escape");  // the details close, the focus on their button
      await focused(page.getByRole("button", { name: "Rincian langkah 4" }));
      await press("Tab");  // on to the new step 5
      continue;
    }
    if (no === steps.length) {
      await press("Alt+Enter");
      await focused(page.getByLabel("Simbol langkah 10"));
      await page.keyboard.type("S");  // Simbol: Selesai
      await press("Escape");
      break;
    }
    await press("Enter");
  }
  await settles(() => page.getByTestId("flow").allTextContents(),
    ["Mulai, → 2", "→ 3", "→ 4", "Ya → 5, Tidak → 2", "→ 6", "→ 7", "→ 8", "→ 9", "→ 10", "Selesai"], "where each step goes");

  // Alt+↑ moves a step, and Alt+↓ puts it back.
  await page.getByLabel("Kegiatan langkah 9", { exact: true }).focus();
  await press("Alt+ArrowUp");
  await shows(page.getByLabel("Kegiatan langkah 8", { exact: true }), "Menyerahkan aplikasi kepada pemohon");
  await focused(page.getByLabel("Kegiatan langkah 8", { exact: true }));
  await press("Alt+ArrowDown");
  await shows(page.getByLabel("Kegiatan langkah 9", { exact: true }), "Menyerahkan aplikasi kepada pemohon");

  // The number, then everything is saved and checked.
  await page.getByRole("link", { name: "Identitas", exact: true }).focus();
  await press("Enter", "Tab");
  await page.keyboard.type("800/12/Aptika/2026");
  await page.getByTestId("save-state").getByText(/^Tersimpan/).waitFor({ timeout: 10000 });
  const problems = page.getByTestId("problems");
  await problems.getByText("Tidak ada temuan: konsep siap diajukan.").waitFor({ timeout: 10000 });
  await checkBothSizes(page, "editor", { env, shots: "author" });

  // Submit from the end of the form.
  await page.getByRole("button", { name: "Ajukan untuk diverifikasi…" }).focus();
  await press("Enter");
  await focused(page.getByLabel("Catatan untuk pemeriksa (boleh kosong)"));
  await page.keyboard.type("Mohon diverifikasi");
  await press("Tab", "Enter");
  const readOnly = page.getByTestId("read-only");
  await readOnly.getByText(/sedang diperiksa/).waitFor();
  assert.equal(await page.getByLabel("Kegiatan langkah 3", { exact: true }).getAttribute("readonly"), "");
  assert.equal(await page.getByRole("button", { name: "Ajukan untuk diverifikasi…" }).count(), 0);
  assert.equal(await page.getByTestId("save-state").count(), 0);
  await checkBothSizes(page, "editor-read-only", { env, shots: "author" });

  // A verifikator comments on step 3 of the submitted draft (through the API, with their session).
  const id = editorUrl.split("/").at(-2);
  const reviewer = await env.browser.newContext();
  const signedIn = await reviewer.request.post(env.server.url + "/api/v1/session",
    { data: { username: "verifikator", password: "sopan-demo" } });
  const csrf = (await signedIn.json()).csrf_token;
  const comment = await reviewer.request.post(env.server.url + `/api/v1/sops/${id}/comments`, {
    headers: { "X-CSRF-Token": csrf },
    data: { text: "Sebutkan dokumen apa saja yang diperiksa.", anchor: "/steps/2/activity" },
  });
  assert.equal(comment.status(), 201);
  await reviewer.close();

  // The author sees it beside step 3 and in the list, and answers it there.
  await page.reload();
  const inPlace = page.getByTestId("steps").locator("li").nth(2).getByTestId("comment-thread");
  await inPlace.getByText("Sebutkan dokumen apa saja yang diperiksa.").waitFor();
  const listed = page.getByTestId("editor-comments");
  await listed.getByText("Komentar pemeriksa (1 terbuka)").waitFor();
  assert.match(await listed.locator(".ed-anchor").first().textContent(), /^Langkah 3 · Kegiatan$/);
  await checkBothSizes(page, "editor-comment", { env, shots: "author" });
  await page.getByRole("link", { name: "Komentar (1)" }).focus();
  await press("Enter", "Tab", "Enter");  // the list, "Tunjukkan di formulir": to step 3's Kegiatan
  await focused(page.getByLabel("Kegiatan langkah 3", { exact: true }));
  await press("Tab", "Tab");  // past the details button to the answer
  await page.keyboard.type("Formulir permohonan dan surat pengantar; ditambahkan pada kelengkapan.");
  await press("Enter");
  await inPlace.getByText("Formulir permohonan dan surat pengantar; ditambahkan pada kelengkapan.").waitFor();

  // Taken back: the draft is the author's again.
  await page.getByRole("button", { name: "Tarik kembali pengajuan" }).focus();
  await press("Enter");
  await page.getByTestId("editor-news").getByText("Pengajuan ditarik kembali; konsep dapat disunting lagi.").waitFor();
  await page.getByTestId("save-state").waitFor();
  assert.equal(await page.getByTestId("read-only").count(), 0);
  const activity3 = page.getByLabel("Kegiatan langkah 3", { exact: true });
  assert.equal(await activity3.getAttribute("readonly"), null);
  // The comment is still there to be answered by the change, and follows its step when it moves.
  await inPlace.getByText("Sebutkan dokumen apa saja yang diperiksa.").waitFor();
  await page.getByLabel("Kegiatan langkah 3", { exact: true }).focus();
  await press("Alt+ArrowDown");
  await page.getByTestId("steps").locator("li").nth(3).getByText("Sebutkan dokumen apa saja yang diperiksa.").waitFor();
  assert.equal(await listed.locator(".ed-anchor").first().textContent(), "Langkah 4 · Kegiatan");
  await press("Alt+ArrowUp");
  await inPlace.getByText("Sebutkan dokumen apa saja yang diperiksa.").waitFor();
  await activity3.focus();
  await press("End");
  await page.keyboard.type(" (formulir dan surat pengantar)");
  await page.getByTestId("save-state").getByText(/^Tersimpan \(versi \d+\)$/).waitFor({ timeout: 10000 });
  const draft = await api(page, "GET", `/api/v1/sops/${id}?version=draft`);
  assert.equal(draft.body.status, "konsep");
  assert.equal(draft.body.document.steps[2].activity, "Memeriksa kelengkapan permohonan (formulir dan surat pengantar)");
  assert.deepEqual(draft.body.document.steps[3].exits, [{ label: "Ya", to: draft.body.document.steps[4].id }, { label: "Tidak", to: draft.body.document.steps[1].id }]);
  await checkBothSizes(page, "editor-recalled", { env, shots: "author" });
  assertQuiet(page);
  await page.context().close();
});
