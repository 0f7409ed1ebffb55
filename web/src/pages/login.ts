import { ApiError, login, setCsrfToken, type Me } from "../api";
import { el, field, showError, statusBox } from "../dom";
import { renderHealth } from "./health";

/** The sign-in form; `done` receives the signed-in person. */
export function renderLogin(target: HTMLElement, done: (me: Me) => void): void {
  const username = el("input", { name: "username", autocomplete: "username", required: true });
  const password = el("input", {
    name: "password", type: "password", autocomplete: "current-password", required: true,
  });
  const notice = statusBox();
  const submit = el("button", { type: "submit" }, "Masuk");
  const form = el("form", { class: "card narrow", "aria-labelledby": "judul-masuk" },
    el("h2", { id: "judul-masuk" }, "Masuk ke Sopan"),
    field("Nama pengguna", username), field("Kata sandi", password), notice, submit);
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    submit.disabled = true;
    try {
      const me = await login(username.value.trim(), password.value);
      setCsrfToken(me.csrf_token);
      done(me);
    } catch (e) {
      showError(notice, e instanceof ApiError ? e.message : "Terjadi kesalahan tak terduga.");
      password.select();
    } finally {
      submit.disabled = false;
    }
  });
  const health = el("section", { class: "card" });
  target.replaceChildren(form, health);
  username.focus();
  void renderHealth(health);
}
