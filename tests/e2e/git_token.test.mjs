// Git access tokens in Debian's Chromium, on the demo instansi: the auditor opens "Token git" from
// the header, makes a token (with the password), copies the token and the exact `git clone`
// command the screen shows, and stock git clones with them (child_process); the auditor revokes
// the token on the screen and the same clone is refused. A pegawai reads that git is not for
// them. The screen is checked at the desk and on a phone.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { assertQuiet, checkBothSizes, desk, serverAndBrowser, signIn, watchedPage } from "./support.mjs";

const env = serverAndBrowser({ name: "Pemerintah Kabupaten Contoh", demo: true });

async function as(user, viewport = desk) {
  const page = await watchedPage(env.browser, viewport);
  await signIn(page, env.server.url, user);
  return page;
}

/** Runs the command the screen shows, as a person would, git asking for the password: the
 * askpass program answers with `token` (no terminal, no configuration of this machine). */
function run(command, token, cwd) {
  const home = mkdtempSync(path.join(tmpdir(), "sopan-git-home-"));
  const askpass = path.join(home, "askpass.sh");
  writeFileSync(askpass, `#!/bin/sh\nprintf '%s\\n' '${token}'\n`);
  chmodSync(askpass, 0o700);
  const [program, ...args] = command.split(" ");
  assert.equal(program, "git");
  const result = spawnSync("git", args, {
    cwd,
    encoding: "utf8",
    timeout: 60000,
    env: { PATH: process.env.PATH, HOME: home, GIT_CONFIG_NOSYSTEM: "1", GIT_TERMINAL_PROMPT: "0", GIT_ASKPASS: askpass, LC_ALL: "C" },
  });
  rmSync(home, { recursive: true, force: true });
  return result;
}

test("the auditor makes a token, clones with it, revokes it, and the clone is refused", async () => {
  const page = await as("auditor");
  await page.getByRole("link", { name: "Token git" }).click();
  await page.waitForURL(/\/token-git$/);
  await page.getByRole("heading", { name: "Token Akses Git", level: 2 }).waitFor();
  await page.getByText("Hanya admin dan auditor seluruh instansi").waitFor();
  await page.getByText("Belum ada token.").waitFor();

  // The password is asked again; a wrong one is shown at its field.
  const form = page.getByTestId("token-form");
  await form.getByLabel("Nama token").fill("Laptop audit");
  await form.getByLabel("Kata sandi Anda").fill("salah-sekali");
  await form.getByRole("button", { name: "Buat token" }).click();
  await form.getByText("Kata sandi salah").first().waitFor();
  await form.getByLabel("Kata sandi Anda").fill("sopan-demo");
  await form.getByRole("button", { name: "Buat token" }).click();

  const created = page.getByTestId("token-created");
  await created.waitFor();
  const token = await created.getByTestId("token-value").inputValue();
  assert.match(token, /^sopan_[0-9a-f]{64}$/);
  const command = (await created.getByTestId("clone-command").textContent()).trim();
  const { host } = new URL(env.server.url);
  assert.equal(command, `git clone http://auditor@${host}/git/sopan.git`);
  const row = page.getByTestId("token-row").filter({ hasText: "Laptop audit" });
  await row.getByText("belum pernah dipakai").waitFor();
  await checkBothSizes(page, "token shown once", { env, shots: "git-token" });

  // Stock git with exactly that command.
  const work = mkdtempSync(path.join(tmpdir(), "sopan-git-clone-"));
  try {
    const cloned = run(command, token, work);
    assert.equal(cloned.status, 0, cloned.stderr);
    const log = spawnSync("git", ["-C", path.join(work, "sopan"), "log", "--format=%H %s", "main"], { encoding: "utf8" });
    assert.equal(log.status, 0, log.stderr);
    assert.ok(log.stdout.trim().split("\n").length > 10, "the clone holds the demo's history");

    // The screen shows the use once reloaded; the value is never shown again.
    await page.getByRole("button", { name: "Sudah saya simpan" }).click();
    await page.reload();
    await row.getByTestId("token-last-used").waitFor();
    assert.equal(await page.getByTestId("token-created").count(), 0);
    assert.ok(!(await page.content()).includes(token), "the token is not on the page any more");

    // Revoked on the screen: it stays listed as revoked, and git is refused.
    await row.getByRole("button", { name: "Cabut" }).click();
    await row.getByRole("button", { name: "Ya, cabut" }).click();
    await page.locator('[data-testid="token-row"][data-state="dicabut"]').filter({ hasText: "Laptop audit" }).waitFor();
    assert.equal(await row.getByText("Dicabut", { exact: true }).count(), 1);
    await checkBothSizes(page, "token revoked", { env });
    rmSync(path.join(work, "sopan"), { recursive: true, force: true });
    const refused = run(command, token, work);
    assert.notEqual(refused.status, 0);
    assert.match(refused.stderr, /Authentication failed/);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  // The wrong password's 422 is the answer the form shows, not a fault.
  page.errors = page.errors.filter((e) => !/status of 422/.test(e));
  assertQuiet(page);
  await page.context().close();
});

test("a pegawai reads that git tokens are for admins and auditors", async () => {
  const page = await as("pegawai");
  await page.goto(env.server.url + "/token-git");
  await page.getByRole("heading", { name: "Token Akses Git", level: 2 }).waitFor();
  await page.getByTestId("git-not-allowed").waitFor();
  await checkBothSizes(page, "token screen of a pegawai", { env });
  assertQuiet(page);
  await page.context().close();
});
