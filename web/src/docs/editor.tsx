// The editor of a draft, for every kind: the kind's form, autosave with a visible state, undo,
// conflicts that lose nothing, the server's findings in words (judged only once a part is done),
// the reviewers' comments beside what they point at, submitting, discarding with a reason, and
// a draft under review shown read-only with a way for its submitter to take it back.
import "./editor/editor.css";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { ApiError, getJson, send } from "../api";
import { navigate } from "../app/router";
import { Status, useLoad, useTitle } from "../app/screen";
import { Link, StatusBadge } from "../app/ui";
import { actionOf, stateOf, workflow } from "../status";
import type { DocScreenProps } from "../screens/documents";
import type { DocKindUi, KindParts } from "./kinds";
import { CommentList, CommentsProvider, Notes, openCount, placed } from "./editor/comments";
import type { CommentsState } from "./review/comments";
import type { CommentRow } from "./view/types";
import { ConflictChooser } from "./editor/conflict";
import { Findings, type Triaged } from "./editor/findings";
import { DraftSession, inDocument, type DocRead, type SaveState } from "./editor/session";
import { stableOf } from "./editor/pointer";

const base = (kind: DocKindUi, id: string) => `/api/v1/${kind.folder}/${id}`;

/** The open draft; without one (a document in force), the version in force, which a save revises. */
const readDraft = (kind: DocKindUi, id: string): Promise<DocRead> =>
  getJson<DocRead>(`${base(kind, id)}?version=latest`);

export default function DocEditor({ kind, id }: DocScreenProps) {
  const [round, setRound] = useState(0);
  const [news, setNews] = useState("");
  const parts = useLoad(() => kind.parts(), [kind]);
  const read = useLoad(() => readDraft(kind, id), [id, round]);
  useTitle(read.data ? `Sunting ${String(read.data.document.number ?? "")} ${String(read.data.document.title ?? "")}`.replace(/\s+/g, " ") : `Sunting ${kind.label}`);
  if (!parts.data || !read.data || read.loading) {
    return (
      <>
        <h2>{`Sunting ${kind.label}`}</h2>
        <Status loading error={parts.error || read.error} />
      </>
    );
  }
  return <Editor key={round} kind={kind} parts={parts.data} read={read.data} news={news}
    reload={(what = "") => { setNews(what); setRound((r) => r + 1); }} />;
}

function saveText(s: SaveState): string {
  switch (s.kind) {
    case "saved": return s.same ? `Tersimpan, tidak ada perubahan (versi ${s.version})` : `Tersimpan (versi ${s.version})`;
    case "dirty": return "Belum tersimpan…";
    case "saving": return "Menyimpan…";
    case "retrying": return `${s.why} Dicoba lagi dalam ${s.seconds} detik.`;
    case "stopped": return "Tidak tersimpan";
    case "invalid": return `Tidak tersimpan: ${s.why} Perbaiki yang ditandai; konsep disimpan lagi begitu diubah.`;
    case "conflict": return "Bentrok dengan simpanan lain";
  }
}

/** Sends a workflow action on the draft (its reason becomes the history's note). */
async function act(kind: DocKindUi, id: string, action: string, reason: string, version: number): Promise<void> {
  await send("POST", `${base(kind, id)}/actions/${action}`, { reason }, { "If-Match": `"${version}"` });
}

function Editor({ kind, parts, read, news, reload }: {
  kind: DocKindUi; parts: KindParts; read: DocRead;
  /** What the last action did, said once the editor shows its result. */
  news: string;
  reload: (news?: string) => void;
}) {
  const { Form, editing } = parts;
  const api = base(kind, read.id);
  const session = useMemo(() => new DraftSession(api, read, "Disimpan dari penyunting"), []);
  useEffect(() => () => session.dispose(), []);
  const doc = session.doc.value;

  // Who may change what: the server lists this reader's actions; a draft is written in the state
  // a save leaves it in, and a document in force is revised by saving a new draft of it.
  const mayDraft = workflow().transitions.some((t) => t.role === "penyusun" && t.from === read.status && read.actions.includes(t.action));
  const editable = mayDraft && (!read.is_draft || read.status === actionOf("save")?.status);
  // A form with its own undo (a diagram editor) takes Ctrl+Z itself.
  const ownUndo = () => !!editing.ownUndo?.(session.doc.value);
  const may = (action: string) => read.actions.includes(action);

  // Parts that were there when the editor opened, and those the author has worked on and left:
  // their findings are judged; the rest wait in the checklist.
  const initial = useMemo(() => {
    const out = new Set<string>();
    for (const [key, value] of Object.entries(read.document))
      if (Array.isArray(value)) for (const e of value) if ((e as { id?: string })?.id) out.add(`/${key}/@${(e as { id: string }).id}`);
    return out;
  }, []);
  const [left, setLeft] = useState<Set<string>>(new Set());
  const [asked, setAsked] = useState(false);
  const [checked, setChecked] = useState(false);
  const [reveal, setReveal] = useState<{ path: string; seq: number } | null>(null);
  const show = (path: string) => setReveal((r) => ({ path, seq: (r?.seq ?? 0) + 1 }));

  const refusal = session.refusal.value;
  const triaged: Triaged = { faults: [...refusal], todo: [] };
  for (const p of session.problems.value) {
    const part = editing.partOf(p);
    const judged = asked || (part !== null && (left.has(stableOf(doc, part)) || initial.has(stableOf(doc, part))));
    (judged ? triaged.faults : triaged.todo).push(p);
  }
  const label = (pointer: string) => editing.anchorLabel(pointer, doc);

  // Comments of the open draft, placed in the document as it is being edited.
  const [commentRound, setCommentRound] = useState(0);
  // The review's comments are for those who may read drafts (others are refused them).
  const comments = useLoad(async () => read.may.read_drafts === false ? { items: [] }
    : getJson<{ items: CommentRow[] }>(`${api}/comments`), [commentRound]);
  const notes: CommentsState = {
    path: `${api}/comments`, items: placed(comments.data?.items ?? [], doc), canComment: read.may.comment,
    reload: () => setCommentRound((r) => r + 1), anchorLabel: label, missingAnchorNote: parts.missingAnchorNote,
  };

  // Keyboard: Ctrl+Z undoes outside a text field (inside, the field's own undo), Ctrl+S saves.
  useEffect(() => {
    const onKey = (ev: KeyboardEvent) => {
      if (!(ev.ctrlKey || ev.metaKey) || ev.altKey) return;
      const inText = ev.target instanceof HTMLInputElement || ev.target instanceof HTMLTextAreaElement;
      if (ev.key === "z" && !ev.shiftKey && !inText && editable && !ownUndo()) { ev.preventDefault(); session.undo(); }
      if (ev.key === "s" && editable) { ev.preventDefault(); void session.flush(true); }
    };
    const onLeave = (ev: BeforeUnloadEvent) => { if (session.unsaved) ev.preventDefault(); };
    // Back to this tab (from the review, an e-mail): the reviewers' newest comments.
    const onShow = () => { if (document.visibilityState === "visible") setCommentRound((r) => r + 1); };
    document.addEventListener("visibilitychange", onShow);
    document.addEventListener("keydown", onKey);
    window.addEventListener("beforeunload", onLeave);
    return () => {
      document.removeEventListener("keydown", onKey);
      window.removeEventListener("beforeunload", onLeave);
      document.removeEventListener("visibilitychange", onShow);
    };
  }, []);

  const [panel, setPanel] = useState<"" | "submit" | "discard">("");
  const [note, setNote] = useState("");
  const [actionError, setActionError] = useState<{ message: string; field?: string }>({ message: "" });
  const [busy, setBusy] = useState(false);
  const panelRef = useRef<HTMLDivElement>(null);
  const newsRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => { newsRef.current?.focus(); }, []);
  useEffect(() => { panelRef.current?.querySelector<HTMLElement>("textarea, input")?.focus(); }, [panel]);

  const run = async (action: string, reason: string, after: () => void) => {
    setBusy(true);
    setActionError({ message: "" });
    try {
      await act(kind, read.id, action, reason, session.version.value);
      after();
    } catch (e) {
      if (e instanceof ApiError) {
        const reasonDetail = e.details.find((d) => d.path === "/reason");
        session.refusal.value = inDocument(e.details.filter((d) => d.path.startsWith("/document")));
        setActionError({ message: e.message, field: reasonDetail?.message });
      } else {
        setActionError({ message: "Server tidak dapat dihubungi." });
      }
    } finally {
      setBusy(false);
    }
  };

  const askSubmit = async () => {
    setActionError({ message: "" });
    const saved = await session.flush();
    // From now on every finding counts: the author wants to be done.
    setAsked(true);
    if (!saved || session.problems.value.length || session.refusal.value.length) {
      setPanel("");
      document.getElementById("pemeriksaan-judul")?.focus();
    } else {
      setPanel("submit");
    }
  };

  const state = session.state.value;
  const title = String(doc.title ?? "");
  const status = stateOf(read.status);
  return (
    <CommentsProvider value={notes}>
      <div class="doc-editor">
        <div class="ed-head">
          <h2>{`Sunting ${kind.label}`}<span class="ed-title">{title ? ` · ${title}` : ""}</span></h2>
          <div class="ed-state">
            <StatusBadge status={read.status} />
            {editable && (
              <span class={`ed-save ed-save-${state.kind}`} role="status" data-testid="save-state">{saveText(state)}</span>
            )}
          </div>
          <div class="ed-tools">
            {editable && <>
              {!ownUndo() && <button type="button" class="secondary" disabled={!session.canUndo.value} onClick={() => session.undo()}
                aria-keyshortcuts="Control+Z">Urungkan</button>}
              <button type="button" class="secondary" onClick={() => void session.flush(true)} aria-keyshortcuts="Control+S">Simpan sekarang</button>
              {may("submit") && <button type="button" onClick={() => void askSubmit()}>Ajukan…</button>}
              {may("discard") && <button type="button" class="secondary" onClick={() => { setPanel("discard"); setNote(""); }}>Buang konsep…</button>}
            </>}
            <a href={`${kind.path}/${read.id}`} class="button secondary" onClick={(ev) => {
              if (ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
              ev.preventDefault();
              // What is typed is saved before the document is shown; a save that failed keeps the
              // author here, with the reason on the screen.
              void session.flush().then((saved) => { if (saved) navigate(`${kind.path}/${read.id}`); });
            }}>Lihat dokumen</a>
          </div>
        </div>

        {news && <p class="notice ok" role="status" tabIndex={-1} ref={newsRef} data-testid="editor-news">{news}</p>}
        {!editable && (
          <div class="notice ed-readonly" role="status" data-testid="read-only">
            {status?.drafting ? (
              <p><strong>Konsep ini sedang diperiksa ({status.label}).</strong> Selama pemeriksaan konsep tidak dapat
                diubah; isinya ditampilkan hanya untuk dibaca.{" "}
                {may("recall") ? "Tarik kembali pengajuan untuk menyuntingnya lagi." : "Konsep dapat disunting lagi bila pemeriksa mengembalikannya."}</p>
            ) : (
              <p><strong>{kind.label} ini berstatus {status?.label ?? read.status}</strong> dan tidak dapat Anda sunting;
                isinya ditampilkan hanya untuk dibaca.</p>
            )}
            {may("recall") && (
              <form class="ed-recall" onSubmit={(ev) => {
                ev.preventDefault();
                void run("recall", note.trim() || "Pengajuan ditarik kembali untuk disunting lagi",
                  () => reload("Pengajuan ditarik kembali; konsep dapat disunting lagi."));
              }}>
                <label for="alasan-tarik">Alasan (boleh kosong)</label>
                <input id="alasan-tarik" type="text" value={note} onInput={(ev) => setNote((ev.target as HTMLInputElement).value)} />
                <button type="submit" disabled={busy}>Tarik kembali pengajuan</button>
              </form>
            )}
            {actionError.message && <p class="field-error" role="alert">{actionError.message}{actionError.field ? `: ${actionError.field}` : ""}</p>}
          </div>
        )}

        {state.kind === "stopped" && (
          <div class="notice bad" role="alert" data-testid="save-stopped">
            <p><strong>Perubahan terakhir tidak tersimpan; penyimpanan otomatis dihentikan.</strong> {state.why}</p>
            <p>Perubahan Anda masih ada di layar ini.</p>
            <button type="button" onClick={() => session.retry()}>Coba simpan lagi</button>
            <button type="button" class="secondary" onClick={() => reload()}>Muat ulang dari server</button>
          </div>
        )}
        {session.conflict.value && (
          <ConflictChooser conflict={session.conflict.value} mine={doc} Outline={editing.Outline}
            keepMine={() => session.keepMine()} takeTheirs={() => session.takeTheirs()} />
        )}

        {panel === "submit" && (
          <div class="notice ed-panel" ref={panelRef} role="group" aria-labelledby="ajukan-judul" data-testid="submit-panel">
            <h3 id="ajukan-judul">Ajukan untuk diverifikasi</h3>
            <p>Selama pemeriksaan konsep tidak dapat diubah. Anda dapat menariknya kembali selama belum diverifikasi.</p>
            <form onSubmit={async (ev) => {
              ev.preventDefault();
              // What was typed since asking is part of what is submitted.
              if (!(await session.flush())) return;
              void run("submit", note.trim() || "Diajukan untuk diverifikasi",
                () => reload("Konsep diajukan untuk diverifikasi."));
            }}>
              <label for="catatan-ajukan">Catatan untuk pemeriksa (boleh kosong)</label>
              <textarea id="catatan-ajukan" rows={2} value={note} onInput={(ev) => setNote((ev.target as HTMLTextAreaElement).value)} />
              {actionError.message && <p class="field-error" role="alert">{actionError.message}{actionError.field ? `: ${actionError.field}` : ""}</p>}
              <button type="submit" disabled={busy}>Ajukan sekarang</button>
              <button type="button" class="secondary" onClick={() => setPanel("")}>Batal</button>
            </form>
          </div>
        )}
        {panel === "discard" && (
          <div class="notice ed-panel" ref={panelRef} role="group" aria-labelledby="buang-judul" data-testid="discard-panel">
            <h3 id="buang-judul">Buang konsep</h3>
            <p>Konsep dibuang dan tidak dapat disunting lagi; semua versinya tetap ada di riwayat.</p>
            <form onSubmit={(ev) => {
              ev.preventDefault();
              void run("discard", note, () => {
                session.abandon();
                navigate(kind.listPath);
              });
            }}>
              <label for="alasan-buang">Alasan membuang konsep</label>
              <input id="alasan-buang" type="text" required value={note} aria-invalid={actionError.field ? "true" : undefined}
                aria-describedby={actionError.message ? "alasan-buang-salah" : undefined}
                onInput={(ev) => setNote((ev.target as HTMLInputElement).value)} />
              {actionError.message && <p id="alasan-buang-salah" class="field-error" role="alert">{actionError.message}{actionError.field ? `: ${actionError.field}` : ""}</p>}
              <button type="submit" disabled={busy}>Ya, buang konsep</button>
              <button type="button" class="secondary" onClick={() => setPanel("")}>Batal</button>
            </form>
          </div>
        )}

        <nav class="ed-jump" aria-label="Bagian penyunting">
          {[...editing.sections, ["pemeriksaan-judul", "Pemeriksaan"], ["komentar-judul", `Komentar (${openCount(notes)})`], ["pratinjau-judul", "Pratinjau"]].map(([to, name]) => (
            <a key={to} href={`#${to}`} onClick={(ev) => {
              ev.preventDefault();
              const target = document.getElementById(to);
              if (!target) return;
              if (target.tabIndex < 0 && !target.hasAttribute("tabindex")) target.tabIndex = -1;
              target.focus();
            }}>{name}</a>
          ))}
        </nav>

        <div class="ed-body">
          <div class="ed-form" onFocusOut={(ev) => {
            const from = (ev.target as Element).closest?.("[data-part]");
            if (!from || (ev.relatedTarget instanceof Node && from.contains(ev.relatedTarget))) return;
            const part = stableOf(session.doc.value, from.getAttribute("data-part")!);
            setLeft((s) => (s.has(part) ? s : new Set(s).add(part)));
          }}>
            <Form id={read.id} document={doc} readOnly={!editable} change={(next) => session.change(next)}
              problems={triaged.faults} Notes={Notes} reveal={reveal} />
            {editable && may("submit") && (
              <p class="ed-foot">
                <button type="button" onClick={() => void askSubmit()}>Ajukan untuk diverifikasi…</button>
                <span class="hint">Konsep disimpan otomatis; setelah diajukan, konsep hanya dapat dibaca sampai dikembalikan atau Anda menariknya kembali.</span>
              </p>
            )}
          </div>
          <aside class="ed-side" aria-label="Pemeriksaan, komentar dan pratinjau">
            <Findings triaged={triaged} checked={checked || !mayDraft} label={label} reveal={show} asked={asked} editable={editable} />
            <CommentList reveal={show} />
            <section class="ed-side-part" aria-labelledby="pratinjau-judul">
              <h3 id="pratinjau-judul" tabIndex={-1}>{editing.previewTitle}</h3>
              {mayDraft ? (
                <editing.Preview id={read.id} document={doc} onChecked={(problems, of) => {
                  session.checked(problems, of);
                  setChecked(true);
                }} />
              ) : <p class="hint">Diagramnya ada di <Link href={`${kind.path}/${read.id}`}>halaman dokumen</Link>.</p>}
            </section>
          </aside>
        </div>
      </div>
    </CommentsProvider>
  );
}
