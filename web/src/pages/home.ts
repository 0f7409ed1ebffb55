import { getJson } from "../api";
import { el, link } from "../dom";
import { labelOf, roles } from "../labels";
import { statusBadge, workflow } from "../status";
import { navigate } from "../app/router";
import { me } from "../app/session";
import { renderHealth } from "./health";

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
export function renderHome(target: HTMLElement): void {
  const grants = el("ul", { "data-testid": "my-grants" });
  for (const g of me.value?.grants ?? []) grants.append(el("li", {}, `${labelOf(roles, g.role)} — ${g.unit_name}`));
  const tasks = el("section", { "data-testid": "tasks" }, el("h3", {}, "Tugas Saya"), el("p", { class: "hint" }, "Memuat…"));
  const health = el("section", { class: "card" });
  target.replaceChildren(
    el("h2", {}, `Selamat datang, ${me.value?.name}`),
    el("p", {}, me.value?.position ? `${me.value.position.name}, ${me.value.unit?.name}` : ""),
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

