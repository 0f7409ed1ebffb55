import "./style.css";
import { getJson, probe, send, setCsrfToken, setUnauthenticatedHandler, type Me } from "./api";
import { el, link } from "./dom";
import { labelOf, roles } from "./labels";
import { loadWorkflow, statusBadge, workflow } from "./status";
import { renderAdminAccounts } from "./pages/admin_accounts";
import { renderAdminImport } from "./pages/admin_import";
import { renderAdminStaff } from "./pages/admin_staff";
import { renderAdminUnits } from "./pages/admin_units";
import { renderHealth } from "./pages/health";
import { renderLogin } from "./pages/login";
import { renderOrg } from "./pages/org";
import { renderPassword } from "./pages/password";
import { renderSopEditor } from "./pages/sop_editor";
import { renderSopList } from "./pages/sop_list";
import { renderSopView } from "./pages/sop_view";

// The shell: sign-in, the navigation for the signed-in person's roles, and a small router over
// the History API (the server answers every app path with index.html).

let me: Me | null = null;
const app = document.querySelector<HTMLDivElement>("#app")!;
const main = el("main", { id: "konten", tabindex: "-1" });
const nav = el("nav", { class: "menu", "aria-label": "Menu utama" });
const who = el("div", { class: "who" });
app.replaceChildren(
  el("a", { href: "#konten", class: "skip" }, "Lompat ke konten"),
  el("header", { class: "top" },
    el("div", {}, el("h1", {}, "Sopan"),
      el("p", { class: "tagline" }, "SOP Administrasi Pemerintahan dan Peta Proses Bisnis")),
    who),
  nav,
  main,
  el("footer", {}, "Setiap perubahan tercatat sebagai komit git yang tidak dapat diubah."),
);

const isAdmin = () => !!me?.grants.some((g) => g.role === "admin");

interface Screen {
  path: string;
  title: string;
  admin: boolean;
  render: (target: HTMLElement, rest: string) => void | Promise<void>;
}
const screens: Screen[] = [
  { path: "/", title: "Beranda", admin: false, render: (t) => renderHome(t) },
  { path: "/sop", title: "SOP", admin: false, render: (t, rest) => renderSop(t, rest) },
  { path: "/organisasi", title: "Struktur Organisasi", admin: false, render: (t, rest) => renderOrg(t, rest) },
  { path: "/admin/unit", title: "Kelola Unit", admin: true, render: (t) => renderAdminUnits(t) },
  { path: "/admin/pegawai", title: "Pegawai", admin: true, render: (t) => renderAdminStaff(t) },
  { path: "/admin/akun", title: "Akun & Peran", admin: true, render: (t) => renderAdminAccounts(t) },
  { path: "/admin/impor", title: "Impor", admin: true, render: (t) => renderAdminImport(t) },
];

/** /sop (list), /sop/<id> (document), /sop/<id>/sunting (editor). */
function renderSop(target: HTMLElement, rest: string): Promise<void> {
  const [id, mode] = rest.split("/");
  if (!id) return renderSopList(target, me!, navigate);
  if (mode === "sunting") return renderSopEditor(target, id, navigate);
  return renderSopView(target, id, me!, navigate);
}

interface Task {
  kind: string; label: string; id: string; number: string; title: string; status: string; unit_name: string;
  due?: string; overdue?: boolean;
}
// Workflow tasks are named by the table's transitions (a task's kind is the action it waits for).
const otherTaskTitles: Record<string, string> = {
  comments: "Komentar yang menunggu tanggapan", monitoring: "Monitoring jatuh tempo", evaluation: "Evaluasi jatuh tempo",
};
const taskTitle = (kind: string): string =>
  workflow().transitions.find((t) => t.action === kind && t.task)?.task ?? otherTaskTitles[kind] ?? kind;

/** Home: what waits for me (drafts, submissions to verify, SOPs to ratify), my roles, the server. */
function renderHome(target: HTMLElement): void {
  const grants = el("ul", { "data-testid": "my-grants" });
  for (const g of me?.grants ?? []) grants.append(el("li", {}, `${labelOf(roles, g.role)} — ${g.unit_name}`));
  const tasks = el("section", { "data-testid": "tasks" }, el("h3", {}, "Tugas Saya"), el("p", { class: "hint" }, "Memuat…"));
  const health = el("section", { class: "card" });
  target.replaceChildren(
    el("h2", {}, `Selamat datang, ${me?.name}`),
    el("p", {}, me?.position ? `${me.position.name}, ${me.unit?.name}` : ""),
    tasks, el("h3", {}, "Peran Anda"), grants, health);
  void getJson<{ items: Task[] }>("/api/v1/tasks").then((r) => {
    tasks.replaceChildren(el("h3", {}, "Tugas Saya"));
    if (!r.items.length) tasks.append(el("p", {}, "Tidak ada yang menunggu Anda."));
    const groups = new Map<string, Task[]>();
    for (const t of r.items) groups.set(t.kind, [...(groups.get(t.kind) ?? []), t]);
    for (const [kind, items] of groups) {
      const list = el("ul", { "data-testid": `tasks-${kind}` });
      for (const t of items) {
        const path = t.kind === "submit" ? `/sop/${t.id}/sunting` : `/sop/${t.id}`;
        const item = el("li", {}, link(path, `${t.number || "(tanpa nomor)"} — ${t.title}`, navigate), " ",
          statusBadge(t.status), ` · ${t.unit_name}`);
        if (t.kind === "comments" || t.due) item.append(" · ", el("span", { class: t.overdue ? "badge overdue" : "" }, t.label));
        list.append(item);
      }
      tasks.append(el("h4", {}, `${taskTitle(kind)} (${items.length})`), list);
    }
  }).catch(() => tasks.replaceChildren(el("h3", {}, "Tugas Saya"), el("p", {}, "Daftar tugas tidak dapat dimuat.")));
  void renderHealth(health);
}

export function navigate(path: string): void {
  history.pushState(null, "", path);
  void route();
}

function drawChrome(): void {
  nav.replaceChildren();
  who.replaceChildren();
  if (!me) return;
  const list = el("ul");
  for (const s of screens) {
    if (s.admin && !isAdmin()) continue;
    list.append(el("li", {}, link(s.path, s.title, navigate)));
  }
  nav.append(list);
  const password = link("/ganti-sandi", "Ganti sandi", navigate);
  const logout = el("button", { type: "button", class: "light" }, "Keluar");
  logout.addEventListener("click", async () => {
    try {
      await send("DELETE", "/api/v1/session");
    } finally {
      me = null;
      navigate("/masuk");
    }
  });
  who.append(el("span", { "data-testid": "who" }, `${me.name} (${me.username})`), password, logout);
}

async function route(): Promise<void> {
  const path = location.pathname;
  drawChrome();
  for (const a of nav.querySelectorAll("a"))
    a.setAttribute("aria-current", a.getAttribute("href") === path ? "page" : "false");
  if (!me) {
    renderLogin(main, (signedIn) => {
      me = signedIn;
      navigate(path === "/masuk" ? "/" : path + location.search);
    });
    return;
  }
  if (me.must_change_password || path === "/ganti-sandi") {
    renderPassword(main, me.must_change_password, () => {
      if (me) me.must_change_password = false;
      navigate("/");
    });
    return;
  }
  try {
    await loadWorkflow();  // states, actions and their labels for every screen
  } catch {
    main.replaceChildren(el("p", { class: "notice bad", role: "alert" }, "Alur kerja tidak dapat dimuat dari server."));
    return;
  }
  const screen = screens.find((s) => path === s.path || (s.path !== "/" && path.startsWith(s.path + "/")))
    ?? screens[0];
  document.title = `${screen.title} — Sopan`;
  if (screen.admin && !isAdmin()) {
    main.replaceChildren(el("h2", {}, "Akses ditolak"),
      el("p", { class: "notice bad", role: "alert" },
        "Anda tidak berwenang membuka halaman ini. Halaman admin hanya untuk pemegang peran Admin."));
    return;
  }
  await screen.render(main, path.slice(screen.path.length + 1));
}

setUnauthenticatedHandler(() => {
  me = null;
  void route();
});
window.addEventListener("popstate", () => void route());

async function start(): Promise<void> {
  try {
    me = await probe<Me>("/api/v1/me");
    setCsrfToken(me.csrf_token);
  } catch {
    me = null;
  }
  await route();
}
void start();
