// A new document starts with what it cannot do without: its title and the unit that issues it
// (one of the units where the person drafts, their own by default). The server checks both;
// its answer is shown at the field. Then the editor opens on the new draft.
import "./editor/editor.css";
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, getJson, send, type Unit } from "../api";
import { Link, Field } from "../app/ui";
import { navigate } from "../app/router";
import { Status, useLoad, useTitle } from "../app/screen";
import { me } from "../app/session";
import type { DocScreenProps } from "../screens/documents";
import { inDocument } from "./editor/session";

/** The open units where the person may draft: each penyusun grant's unit and those under it,
 * in the tree's order, indented by depth. */
function draftingUnits(units: Unit[]): { unit: Unit; depth: number }[] {
  const tops = new Set((me.value?.grants ?? []).filter((g) => g.role === "penyusun").map((g) => g.unit));
  const children = new Map<string, Unit[]>();
  for (const u of units) children.set(u.parent ?? "", [...(children.get(u.parent ?? "") ?? []), u]);
  const out: { unit: Unit; depth: number }[] = [];
  const walk = (parent: string, depth: number, inside: boolean) => {
    for (const u of children.get(parent) ?? []) {
      const mine = inside || tops.has(u.id);
      if (mine && !u.closed) out.push({ unit: u, depth });
      walk(u.id, mine ? depth + 1 : depth, mine);
    }
  };
  walk("", 0, false);
  return out;
}

export default function DocCreate({ kind }: DocScreenProps) {
  useTitle(`Buat ${kind.label} baru`);
  const parts = useLoad(() => kind.parts(), [kind]);
  const units = useLoad(() => getJson<{ items: Unit[] }>("/api/v1/units").then((r) => draftingUnits(r.items)), []);
  const [title, setTitle] = useState("");
  const [unit, setUnit] = useState("");
  const [choice, setChoice] = useState("");
  const [errors, setErrors] = useState<{ title?: string; unit?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  const titleRef = useRef<HTMLInputElement>(null);
  const unitRef = useRef<HTMLSelectElement>(null);

  const choices = units.data ?? [];
  // The form is all this screen is for: the title field takes the focus once it is there.
  const ready = choices.length > 0 && !!parts.data;
  useEffect(() => { if (ready) titleRef.current?.focus(); }, [ready]);
  const own = me.value?.unit?.id;
  const chosen = unit || (choices.some((c) => c.unit.id === own) ? own! : choices[0]?.unit.id ?? "");

  const create = async (ev: Event) => {
    ev.preventDefault();
    if (!parts.data) return;
    if (!title.trim()) {
      setErrors({ title: `Tulis nama ${kind.label} terlebih dahulu.` });
      titleRef.current?.focus();
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const r = await send<{ id: string }>("POST", `/api/v1/${kind.folder}`, {
        document: parts.data.editing.blank(title.trim(), chosen, choice || (parts.data.editing.choice?.options[0]?.[0] ?? "")),
        message: `Membuat konsep ${kind.label} "${title.trim()}"`,
      });
      navigate(`${kind.path}/${r.id}/sunting`);
    } catch (e) {
      setBusy(false);
      if (!(e instanceof ApiError)) {
        setErrors({ form: "Server tidak dapat dihubungi." });
        return;
      }
      const at = inDocument(e.details);
      const of = (path: string) => at.filter((d) => d.path === path).map((d) => d.message).join(" ") || undefined;
      const next = { title: of("/title"), unit: of("/unit") };
      setErrors({ ...next, form: next.title || next.unit ? undefined : e.message });
      (next.unit && !next.title ? unitRef.current : titleRef.current)?.focus();
    }
  };

  return (
    <div class="doc-create">
      <h2>{`Buat ${kind.label} baru`}</h2>
      <Status loading={units.loading || parts.loading} error={units.error || parts.error}>
        {!choices.length ? (
          <p class="notice bad" role="alert">
            Anda tidak memegang peran Penyusun pada unit mana pun; {kind.label} baru dibuat oleh penyusun unitnya.
          </p>
        ) : (
          <form class="card narrow-form" onSubmit={(ev) => void create(ev)} noValidate>
            <Field label={`Nama ${kind.label}`} hint={parts.data?.editing.titleHint} error={errors.title}>
              {(id, note) => (
                <input id={id} ref={titleRef} type="text" value={title} required autocomplete="off"
                  aria-describedby={note} aria-invalid={errors.title ? "true" : undefined}
                  onInput={(ev) => setTitle((ev.target as HTMLInputElement).value)} />
              )}
            </Field>
            <Field label="Unit yang menerbitkan" hint="Unit tempat Anda menjadi penyusun." error={errors.unit}>
              {(id, note) => (
                <select id={id} ref={unitRef} value={chosen} aria-describedby={note} aria-invalid={errors.unit ? "true" : undefined}
                  onChange={(ev) => setUnit((ev.target as HTMLSelectElement).value)}>
                  {choices.map(({ unit: u, depth }) => (
                    <option key={u.id} value={u.id}>{`${"\u00a0\u00a0".repeat(depth)}${u.name}`}</option>
                  ))}
                </select>
              )}
            </Field>
            {parts.data?.editing.choice && (
              <Field label={parts.data.editing.choice.label} hint={parts.data.editing.choice.hint}>
                {(id, note) => (
                  <select id={id} value={choice || parts.data!.editing.choice!.options[0]?.[0]} aria-describedby={note}
                    onChange={(ev) => setChoice((ev.target as HTMLSelectElement).value)}>
                    {parts.data!.editing.choice!.options.map(([v, label]) => <option key={v} value={v}>{label}</option>)}
                  </select>
                )}
              </Field>)}
            {errors.form && <p class="notice bad" role="alert">{errors.form}</p>}
            <button type="submit" disabled={busy}>{busy ? "Membuat…" : "Buat dan mulai menyusun"}</button>
            <Link href={kind.listPath}>Batal</Link>
          </form>
        )}
      </Status>
    </div>
  );
}
