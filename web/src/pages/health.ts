import { ApiError, getJson, type Health } from "../api";
import { el } from "../dom";
import { formatDateTime, formatDuration } from "../format";

function row(label: string, value: string, testId: string): HTMLElement {
  return el("div", { class: "row" }, el("dt", {}, label), el("dd", { "data-testid": testId }, value));
}

/** The server's health: shown beside the sign-in form and on the home page. */
export async function renderHealth(target: HTMLElement): Promise<void> {
  const status = el("p", { class: "status loading", role: "status", "aria-live": "polite" },
    "Memeriksa server…");
  const details = el("dl", { class: "details" });
  const retry = el("button", { type: "button", class: "secondary" }, "Periksa lagi");
  retry.addEventListener("click", () => void load());
  target.replaceChildren(el("h2", {}, "Status Server"), status, details, retry);

  async function load(): Promise<void> {
    status.className = "status loading";
    status.textContent = "Memeriksa server…";
    try {
      const health = await getJson<Health>("/healthz");
      status.className = health.status === "ok" ? "status ok" : "status bad";
      status.textContent = health.status === "ok" ? "Server berjalan normal" : "Server bermasalah";
      status.dataset.testid = "health-status";
      details.replaceChildren(
        row("Instansi", health.instansi, "health-instansi"),
        row("Versi Sopan", health.version, "health-version"),
        row("Format indeks", health.index_format, "health-index"),
        row("Waktu server", formatDateTime(health.time), "health-time"),
        row("Berjalan selama", formatDuration(health.uptime_seconds), "health-uptime"),
      );
      document.title = `Sopan — ${health.instansi}`;
    } catch (e) {
      status.className = "status bad";
      status.textContent = e instanceof ApiError ? e.message : "Terjadi kesalahan tak terduga.";
      details.replaceChildren();
    }
  }
  await load();
}
