import { ApiError, send } from "../api";
import { el, field, showError, showOk, statusBox } from "../dom";

/** Change one's own password; required after an admin set a temporary one. */
export function renderPassword(target: HTMLElement, forced: boolean, done: () => void): void {
  const current = el("input", { type: "password", autocomplete: "current-password", required: true });
  const next = el("input", { type: "password", autocomplete: "new-password", required: true });
  const again = el("input", { type: "password", autocomplete: "new-password", required: true });
  const notice = statusBox();
  const form = el("form", { class: "card narrow", "aria-label": "Ganti kata sandi" },
    el("h2", {}, "Ganti Kata Sandi"),
    forced ? el("p", { class: "notice" }, "Kata sandi Anda masih sementara. Ganti dahulu sebelum melanjutkan.") : "",
    field("Kata sandi saat ini", current),
    field("Kata sandi baru", next, "Paling sedikit 10 karakter, berisi huruf serta angka atau simbol"),
    field("Ulangi kata sandi baru", again), notice,
    el("button", { type: "submit" }, "Simpan kata sandi"));
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    if (next.value !== again.value) {
      showError(notice, "Kedua isian kata sandi baru tidak sama.");
      return;
    }
    try {
      await send("PUT", "/api/v1/me/password", { current_password: current.value, new_password: next.value });
      showOk(notice, "Kata sandi telah diganti.");
      done();
    } catch (e) {
      if (e instanceof ApiError) showError(notice, e.message, e.details);
      else showError(notice, "Terjadi kesalahan tak terduga.");
    }
  });
  target.replaceChildren(form);
  current.focus();
}
