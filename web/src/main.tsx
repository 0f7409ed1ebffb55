import "./style.css";
import { render } from "preact";
import { probe, setCsrfToken, setUnauthenticatedHandler, type Me } from "./api";
import { loadInstansi } from "./app/instansi";
import { App } from "./app/shell";
import { me } from "./app/session";

setUnauthenticatedHandler(() => {
  me.value = null;
});

async function start(): Promise<void> {
  void loadInstansi();
  try {
    const person = await probe<Me>("/api/v1/me");
    setCsrfToken(person.csrf_token);
    me.value = person;
  } catch {
    me.value = null;
  }
  render(<App />, document.querySelector<HTMLDivElement>("#app")!);
}
void start();
