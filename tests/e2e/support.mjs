// Helpers for browser tests: a real `sopan` server on a free loopback port with a fresh data
// directory, and Debian's Chromium driven by playwright-core (never a downloaded browser).
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before } from "node:test";

export const sourceDir = process.env.SOPAN_SOURCE_DIR ?? path.resolve(import.meta.dirname, "../..");
const sopanBin = process.env.SOPAN_BIN ?? path.join(sourceDir, "build/dev/sopan");
// playwright-core is a dependency of the web app; resolve it from there.
const require = createRequire(path.join(sourceDir, "web/package.json"));
const { chromium } = require("playwright-core");

/// `demo: true` gives the demo instansi with its accounts (password "sopan-demo").
export async function startServer({ name = "Pemerintah Kabupaten Uji", demo = false } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), "sopan-e2e-"));
  const data = path.join(dir, "data");
  execFileSync(sopanBin, ["init", "--data", data, "--name", name, ...(demo ? ["--demo"] : []),
    "--demo-dir", path.join(sourceDir, "deploy/demo")]);
  const child = spawn(
    sopanBin,
    ["serve", "--data", data, "--port", "0", "--web", path.join(sourceDir, "web/dist"),
      "--schemas", path.join(sourceDir, "schemas")],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  const port = await new Promise((resolve, reject) => {
    let buffer = "";
    const timer = setTimeout(() => reject(new Error("server did not start: " + buffer)), 15000);
    child.stderr.on("data", (chunk) => {
      buffer += chunk;
      for (const line of buffer.split("\n")) {
        if (!line.includes('"http.listening"')) continue;
        clearTimeout(timer);
        resolve(JSON.parse(line).port);
      }
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}: ${buffer}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    dir,
    async stop() {
      const exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
      child.kill("SIGTERM");
      const code = await exited;
      rmSync(dir, { recursive: true, force: true });
      return code;
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
}

/// Signs in through the login form and waits for the home page.
export async function signIn(page, url, username, password = "sopan-demo") {
  await page.goto(url + "/");
  await page.getByLabel("Nama pengguna").fill(username);
  await page.getByLabel("Kata sandi").fill(password);
  await page.getByRole("button", { name: "Masuk" }).click();
  await page.getByRole("heading", { name: /^Selamat datang/ }).waitFor();
}

/// Registers the hooks every test file needs: a server (options as for startServer) and Chromium
/// before its tests, both closed after them; the server must stop cleanly on SIGTERM.
/// `env.server` and `env.browser` are set once the tests run.
export function serverAndBrowser(options) {
  const env = {};
  before(async () => {
    env.server = await startServer(options);
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    if (env.server) assert.equal(await env.server.stop(), 0, "server stops cleanly on SIGTERM");
  });
  return env;
}

export const desk = { width: 1366, height: 768 };
// SOPAN_PHONE_WIDTH=360 runs every phone check at the narrowest phone the app supports.
export const phone = { width: Number(process.env.SOPAN_PHONE_WIDTH ?? 390), height: 844 };

/// A page that records every console error and uncaught exception; `assertQuiet(page)` fails the
/// test on any of them.
export async function watchedPage(browser, viewport = desk) {
  // An English browser on purpose: the app's dates must not follow the browser's language.
  // bypassCSP lets checkScreen add axe-core to a page whose CSP allows only our own scripts.
  const context = await browser.newContext({ viewport, locale: "en-US", timezoneId: "Asia/Jakarta", bypassCSP: true });
  const page = await context.newPage();
  page.errors = [];
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    // Asking who is signed in answers 401 before sign-in: that is the question, not a fault.
    if (m.location().url.endsWith("/api/v1/me") && m.text().includes("401")) return;
    page.errors.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on("pageerror", (e) => page.errors.push(`pageerror: ${e.message}`));
  return page;
}

export function assertQuiet(page) {
  assert.deepEqual(page.errors, [], "the console shows no error");
}

/// What every screen must pass at every size: nothing wider than the viewport (unless inside
/// its own scrolling box), and no serious or critical axe-core violation.
export async function checkScreen(page, what) {
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const clipped = (el) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === "auto" || o === "scroll" || o === "hidden" || o === "clip") return true;
      }
      return false;
    };
    const out = [];
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (!r.width || !r.height) continue;
      if ((r.right > width + 1 || r.left < -1) && !clipped(el))
        out.push(`${el.tagName.toLowerCase()}${el.className ? "." + String(el.className).replace(/ /g, ".") : ""}` +
          ` [${Math.round(r.left)}..${Math.round(r.right)}] "${(el.textContent ?? "").trim().slice(0, 40)}"`);
    }
    return { out: out.slice(0, 8), scroll: document.documentElement.scrollWidth, width };
  });
  assert.deepEqual(overflow.out, [], `${what}: no element overflows the viewport horizontally`);
  assert.ok(overflow.scroll <= overflow.width, `${what}: the page does not scroll sideways (${overflow.scroll} > ${overflow.width})`);
  await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  const violations = await page.evaluate(async () =>
    (await window.axe.run(document, { resultTypes: ["violations"] })).violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`));
  assert.deepEqual(violations, [], `${what}: axe-core finds no serious or critical violation`);
}

/// checkScreen at the desk and the phone size, back at the page's own size after; with `shots`
/// (a name prefix) a screenshot of each is kept too.
export async function checkBothSizes(page, what, { env, shots } = {}) {
  const own = page.viewportSize();
  for (const [size, viewport] of [["desk", desk], ["phone", phone]]) {
    await page.setViewportSize(viewport);
    await checkScreen(page, `${what} (${size})`);
    if (shots) await shot(page, env, `${shots}-${what.replace(/\W+/g, "-")}-${size}`);
  }
  await page.setViewportSize(own);
}

/// A full-page screenshot, kept in $SOPAN_SHOTS when set (to look at), else beside the server's
/// data (removed with it).
export async function shot(page, env, name) {
  const dir = process.env.SOPAN_SHOTS ?? env.server.dir;
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}
