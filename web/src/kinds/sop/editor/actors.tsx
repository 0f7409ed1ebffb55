// The SOP's actors (pelaksana): positions from the whole organisation, found by typing, or
// parties outside it such as Pemohon. A stored position keeps its value and shows its name even
// when it belongs to another unit, or to one that has closed.
import { Combobox } from "../../../docs/editor/combobox";
import { FieldError, errorId, freshId, problemsAt, useForm } from "./context";
import { actorName, actorOptions, type ActorValue } from "./org";

export function Actors() {
  const ctx = useForm();
  const actors = ctx.doc.actors ?? [];
  const add = () => {
    const id = freshId(actors, "a");
    ctx.update((d) => { d.actors = [...(d.actors ?? []), { id }]; });
    ctx.focusLater(`actor:${id}`);
  };
  const remove = (i: number) => {
    const gone = actors[i].id;
    ctx.update((d) => {
      d.actors = (d.actors ?? []).filter((_, k) => k !== i);
      for (const s of d.steps ?? []) if (s.actor === gone) delete s.actor;
    });
    const next = actors[i + 1] ?? actors[i - 1];
    ctx.focusLater(next ? `actor:${next.id}` : "actor:add");
  };
  const pick = (i: number, value: ActorValue) => ctx.update((d) => {
    const a = d.actors![i];
    delete a.position;
    delete a.external;
    Object.assign(a, value);
  });
  return (
    <fieldset class="sf-section" id="bagian-pelaksana" tabIndex={-1}>
      <legend>Pelaksana</legend>
      <p class="hint">Jabatan dari seluruh organisasi (ketik nama jabatan atau unitnya), atau pihak luar seperti Pemohon.
        Pilih dengan ↓ lalu Enter.</p>
      <FieldError path="/actors" />
      <ctx.Notes path="/actors" />
      {actors.length > 0 && (
        <ol class="sf-actors">
          {actors.map((a, i) => {
            const path = `/actors/${i}`;
            const noted = [path, `${path}/position`].filter((p) => problemsAt(ctx, p).length > 0);
            return (
              <li key={a.id} data-part={path} data-path={path}>
                <span class="sf-code" aria-hidden="true">{i + 1}</span>
                <div class="sf-actor-pick">
                  <Combobox<ActorValue> label={`Pelaksana ${i + 1}`} shown={a.position || a.external !== undefined ? actorName(ctx.org, a, true) : ""}
                    search={(q) => actorOptions(ctx.org, ctx.doc.unit, q)} pick={(v) => pick(i, v)}
                    disabled={ctx.readOnly} invalid={noted.length > 0} path={`${path}/position`}
                    describedBy={noted.map(errorId).join(" ") || undefined}
                    inputRef={(el) => { if (el) el.dataset.key = `actor:${a.id}`; }} />
                  <FieldError path={path} />
                  <FieldError path={`${path}/position`} />
                </div>
                {!ctx.readOnly && (
                  <button type="button" class="small secondary" aria-label={`Hapus pelaksana ${i + 1}`} onClick={() => remove(i)}>Hapus</button>
                )}
                <div class="sf-actor-notes"><ctx.Notes path={path} within /></div>
              </li>
            );
          })}
        </ol>
      )}
      {!ctx.readOnly && <button type="button" class="secondary" data-key="actor:add" onClick={add}>Tambah pelaksana</button>}
    </fieldset>
  );
}
