// The SOP editor against the real server (demo instansi) in Debian's Chromium.
import assert from "node:assert/strict";
import { test } from "node:test";
import { serverAndBrowser, signIn } from "./support.mjs";

const env = serverAndBrowser({ name: "Pemerintah Kabupaten Contoh", demo: true });

// [activity, actor (1-3), symbol, exits or next]; new steps get the ids s1, s2, ... in order.
const steps = [
  ["Mulai", 1, "mulai"],
  ["Menyerahkan surat ke bagian umum", 1, "kegiatan"],
  ["Menerima dan memeriksa kelengkapan surat", 2, "kegiatan"],
  ["Lengkap?", 2, "keputusan", { Ya: 5, Tidak: 2 }],
  ["Mencatat surat di buku agenda", 2, "kegiatan"],
  ["Mendisposisi surat", 3, "kegiatan"],
  ["Perlu tindak lanjut?", 3, "keputusan", { Ya: 8, Tidak: 11 }],
  ["Meneruskan surat ke bidang terkait", 2, "kegiatan"],
  ["Memantau tindak lanjut", 2, "kegiatan"],
  ["Menandatangani surat jawaban", 3, "kegiatan", 12],
  ["Mengarsipkan surat", 2, "kegiatan"],
  ["Selesai", 2, "selesai"],
];

test("a penyusun drafts a 12-step SOP with two decisions, fixes what the server reports, sees the flowchart, and a concurrent edit is shown without losing either text", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await signIn(page, env.server.url, "penyusun");
  await page.getByRole("link", { name: "SOP", exact: true }).click();
  await page.getByRole("button", { name: "Buat SOP baru" }).click();
  await page.getByRole("heading", { name: "Sunting SOP" }).waitFor();
  const problems = page.getByTestId("problems");
  await problems.getByText("Nomor SOP belum diisi").waitFor();

  await page.getByLabel("Nama SOP").fill("Pelayanan Surat Masuk");
  for (let i = 0; i < 3; ++i) await page.getByRole("button", { name: "Tambah pelaksana" }).click();
  await page.getByLabel("Jenis pelaksana 1").selectOption("external");
  await page.getByLabel("Nama pihak luar 1").fill("Pemohon");
  await page.getByLabel("Jabatan pelaksana 2").selectOption({ label: "Pengadministrasi Perkantoran (Subbagian Umum dan Kepegawaian)" });
  await page.getByLabel("Jabatan pelaksana 3").selectOption({ label: "Kepala Dinas Komunikasi dan Informatika (Dinas Komunikasi dan Informatika)" });

  for (const [i, [activity, actor, symbol]] of steps.entries()) {
    await page.getByRole("button", { name: "Tambah langkah" }).click();
    const n = i + 1;
    await page.getByLabel(`Kegiatan langkah ${n}`, { exact: true }).fill(activity);
    await page.getByLabel(`Pelaksana langkah ${n}`, { exact: true }).selectOption(`a${actor}`);
    await page.getByLabel(`Simbol langkah ${n}`, { exact: true }).selectOption(symbol);
  }
  // Wire the flow, leaving one exit for the server to point out.
  for (const [i, [, , symbol, flow]] of steps.entries()) {
    const n = i + 1;
    if (symbol === "keputusan") {
      const targets = Object.values(flow);
      for (const [k, to] of targets.entries()) {
        if (n === 7 && k === 1) continue;
        await page.getByLabel(`Tujuan cabang ${k + 1} langkah ${n}`).selectOption(`s${to}`);
      }
    } else if (typeof flow === "number") {
      await page.getByLabel(`Lanjut dari langkah ${n}`).selectOption(`s${flow}`);
    }
  }
  await problems.getByText("Pilih langkah tujuan cabang ini").waitFor();
  await problems.getByText("Nomor SOP belum diisi").waitFor();
  assert.equal(await page.getByLabel("Tujuan cabang 2 langkah 7").getAttribute("aria-invalid"), "true");

  // Fix both, by keyboard where it is natural.
  await page.getByLabel("Tujuan cabang 2 langkah 7").selectOption("s11");
  await page.getByLabel("Nomor SOP").fill("800/05/Diskominfo/2026");
  await problems.getByText("Tidak ada kesalahan: konsep siap diajukan.").waitFor();
  const preview = page.getByTestId("preview");
  await preview.locator(".flow-page svg").first().waitFor();
  assert.equal(await preview.locator(".flow-page").count(), 2);  // 10 steps per page
  assert.equal(await preview.locator("polygon").count() >= 2, true);  // the decisions
  await page.getByTestId("save-state").getByText(/^Tersimpan/).waitFor({ timeout: 10000 });
  const editorUrl = page.url();

  // Keyboard move and undo: Alt+↓ moves step 9 down, Urungkan puts it back.
  await page.getByLabel("Kegiatan langkah 9", { exact: true }).focus();
  await page.keyboard.press("Alt+ArrowDown");
  assert.equal(await page.getByLabel("Kegiatan langkah 10", { exact: true }).inputValue(), "Memantau tindak lanjut");
  await page.getByRole("button", { name: "Urungkan" }).click();
  assert.equal(await page.getByLabel("Kegiatan langkah 9", { exact: true }).inputValue(), "Memantau tindak lanjut");
  await page.getByTestId("save-state").getByText(/^Tersimpan/).waitFor({ timeout: 10000 });
  await page.screenshot({ path: (process.env.SOPAN_E2E_SHOTS ?? env.server.dir) + "/editor.png", fullPage: true });

  // Someone else (a second browser) saves the same draft first.
  const other = await env.browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page2 = await other.newPage();
  await signIn(page2, env.server.url, "penyusun");
  await page2.goto(editorUrl);
  await page2.getByLabel("Nama SOP").fill("Pelayanan Surat Masuk dan Keluar");
  await page2.getByTestId("save-state").getByText(/^Tersimpan/).waitFor({ timeout: 10000 });

  await page.getByLabel("Kegiatan langkah 2", { exact: true }).fill("Menyerahkan surat dan lampirannya");
  const conflict = page.getByTestId("conflict");
  await conflict.getByText(/telah disimpan oleh/).waitFor({ timeout: 10000 });
  await page.getByTestId("conflict-mine").getByText("Menyerahkan surat dan lampirannya").waitFor();
  await page.getByTestId("conflict-theirs").getByText("Pelayanan Surat Masuk dan Keluar").waitFor();
  await page.getByRole("button", { name: "Simpan versi saya" }).click();
  await page.getByTestId("save-state").getByText(/^Tersimpan/).waitFor({ timeout: 10000 });
  // Both texts are in the record: the other version in the history, mine as the draft.
  const id = editorUrl.split("/").at(-2);
  const history = await page.evaluate((id) => fetch(`/api/v1/sops/${id}/history`).then((r) => r.json()), id);
  const versions = history.versions.length;
  const theirs = await page.evaluate(([id, n]) => fetch(`/api/v1/sops/${id}?version=${n}`).then((r) => r.json()), [id, versions - 1]);
  assert.equal(theirs.document.title, "Pelayanan Surat Masuk dan Keluar");
  const mine = await page.evaluate((id) => fetch(`/api/v1/sops/${id}?version=draft`).then((r) => r.json()), id);
  assert.equal(mine.document.steps[1].activity, "Menyerahkan surat dan lampirannya");
  // The read-only document view shows the draft's flowchart to its author.
  await page.getByRole("link", { name: "Lihat dokumen" }).click();
  await page.getByTestId("sop-title").getByText("Pelayanan Surat Masuk").waitFor();
  await page.getByTestId("flowchart").locator(".flow-page svg").first().waitFor();
  assert.equal(await page.getByTestId("flowchart").locator(".flow-page").count(), 2);
  assert.deepEqual(errors, []);
  // A pegawai reads only what is in force: the demo SOPs in force are listed, the draft is not.
  const reader = await env.browser.newContext();
  const page3 = await reader.newPage();
  await signIn(page3, env.server.url, "pegawai");
  await page3.getByRole("link", { name: "SOP", exact: true }).click();
  const table = page3.getByTestId("sop-table");
  await table.getByText("000.2/01/Umum/2025").waitFor();
  assert.equal(await table.getByText("800/05/Diskominfo/2026").count(), 0);
  assert.equal(await table.getByText("konsep", { exact: true }).count(), 0);
  await reader.close();
  await other.close();
  await context.close();
});
