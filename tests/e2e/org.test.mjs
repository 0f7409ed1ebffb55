// Organisation screens against the real server with the demo instansi, in Debian's Chromium.
import assert from "node:assert/strict";
import { test } from "node:test";
import { serverAndBrowser, signIn } from "./support.mjs";

const env = serverAndBrowser({ name: "Pemerintah Kabupaten Contoh", demo: true });

test("the admin adds a seksi with two positions, imports staff, and sees them in the tree", async () => {
  const page = await env.browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await signIn(page, env.server.url, "admin");

  await page.getByRole("link", { name: "Kelola Unit" }).click();
  const units = await page.evaluate(() => fetch("/api/v1/units").then((r) => r.json()));
  const bidang = units.items.find((u) => u.code === "2.16.2");
  await page.getByLabel("Unit induk").selectOption(bidang.id);
  await page.getByLabel("Kode unit").fill("2.16.2.2");
  await page.getByLabel("Nama unit").fill("Seksi Keamanan Informasi");
  await page.getByLabel("Jenis unit").selectOption("seksi");
  await page.getByRole("button", { name: "Tambah jabatan" }).click();
  await page.getByLabel("Kode jabatan 1").fill("2.16.2.2-01");
  await page.getByLabel("Nama jabatan 1").fill("Kepala Seksi Keamanan Informasi");
  await page.getByLabel("Jenis jabatan 1").selectOption("pengawas");
  await page.getByLabel("Eselon jabatan 1").selectOption("IV.a");
  // Keyboard only for the second position: the button, then typing into the focused field.
  await page.getByRole("button", { name: "Tambah jabatan" }).focus();
  await page.keyboard.press("Enter");
  await page.keyboard.type("2.16.2.2-02");
  await page.getByLabel("Nama jabatan 2").fill("Sandiman Ahli Pertama");
  await page.getByLabel("Jenis jabatan 2").selectOption("fungsional");
  await page.getByRole("button", { name: "Simpan unit" }).click();
  await page.getByText('Unit "Seksi Keamanan Informasi" tersimpan.').waitFor();

  // A mistake first: the whole file is refused and the bad cell named.
  await page.getByRole("link", { name: "Impor" }).click();
  const bad = "nip,nama,kode_jabatan,aktif\n199105052015031002,Yoga Pratama,2.16.2.2-99,ya\n";
  await page.getByLabel("Berkas pegawai (CSV)").setInputFiles(
    { name: "pegawai.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
  await page.getByRole("button", { name: "Pratinjau perubahan" }).click();
  await page.getByTestId("error-details").getByText("/staff/2/kode_jabatan").waitFor();
  assert.equal(await page.getByRole("button", { name: "Terapkan impor" }).isDisabled(), true);

  const csv = "nip;nama;kode_jabatan;aktif\n" +
    "199105052015031002;Yoga Pratama, S.Kom.;2.16.2.2-01;ya\n" +
    "199607172020122005;Nadia Safitri, S.Tr.Kom.;2.16.2.2-02;ya\n";
  await page.getByLabel("Berkas pegawai (CSV)").setInputFiles(
    { name: "pegawai.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Pratinjau perubahan" }).click();
  await page.getByText("Pratinjau siap.").waitFor();
  await page.getByTestId("import-result").getByText(/pegawai, baris 2: ditambah/).waitFor();
  await page.getByRole("button", { name: "Terapkan impor" }).click();
  await page.getByText("Impor berhasil disimpan.").waitFor();

  await page.getByRole("link", { name: "Struktur Organisasi" }).click();
  await page.getByLabel("Cari").fill("Keamanan");
  await page.getByRole("button", { name: /Seksi Keamanan Informasi/ }).click();
  await page.getByTestId("unit-title").getByText("Seksi Keamanan Informasi").waitFor();
  const positions = page.getByTestId("unit-positions");
  await positions.getByText("Yoga Pratama, S.Kom.").waitFor();
  await positions.getByText("Nadia Safitri, S.Tr.Kom.").waitFor();
  assert.match(await positions.locator("tr", { hasText: "Kepala Seksi Keamanan" }).textContent(),
    /kepala/);
  assert.match(await page.locator(".crumbs").textContent(), /Dinas Komunikasi dan Informatika/);
  await page.getByRole("button", { name: "Lihat riwayat" }).click();
  await page.getByText(/Membentuk unit Seksi Keamanan Informasi/).waitFor();
  await page.screenshot({ path: env.server.dir + "/org.png", fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test("a pegawai is refused the admin screens", async () => {
  const page = await env.browser.newPage();
  await signIn(page, env.server.url, "pegawai");
  assert.equal(await page.getByRole("link", { name: "Kelola Unit" }).count(), 0);
  await page.getByRole("link", { name: "Struktur Organisasi" }).waitFor();
  for (const path of ["/admin/unit", "/admin/pegawai", "/admin/akun", "/admin/impor"]) {
    await page.goto(env.server.url + path);
    await page.getByRole("heading", { name: "Akses ditolak" }).waitFor();
  }
  // The server refuses too, whatever the page shows.
  const status = await page.evaluate(async () => {
    const me = await fetch("/api/v1/me").then((r) => r.json());
    const r = await fetch("/api/v1/accounts", { headers: { "X-CSRF-Token": me.csrf_token } });
    const w = await fetch("/api/v1/units", {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": me.csrf_token },
      body: JSON.stringify({ code: "X", name: "Seksi Liar", kind: "seksi", parent: me.unit.id }),
    });
    return [r.status, w.status];
  });
  assert.deepEqual(status, [403, 403]);
  await page.close();
});

test("a wrong password is answered on the form, in Indonesian", async () => {
  const page = await env.browser.newPage();
  await page.goto(env.server.url + "/");
  await page.getByLabel("Nama pengguna").fill("verifikator");
  await page.getByLabel("Kata sandi").fill("bukan-sandinya-1");
  await page.getByRole("button", { name: "Masuk" }).click();
  await page.getByText("Nama pengguna atau kata sandi salah").waitFor();
  await page.close();
});
