// The person's own personal access tokens for git (/token-git; GET, POST and DELETE
// /api/v1/me/tokens): make one (its value is shown once, with the exact `git clone` command for
// this server), see when each was made and last used, revoke one. Revoked tokens stay listed.
// Only admins and auditors of the whole instansi can use a token; the screen says so to the rest.
import { useRef, useState } from "preact/hooks";
import { ApiError, getJson, send } from "../api";
import { Status, useLoad, useTitle } from "../app/screen";
import { Field } from "../app/ui";
import { formatDateTime } from "../format";
import "../docs/view/view.css";
import "./tokens.css";

interface AccessToken {
  id: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  active: boolean;
}

interface TokenList {
  items: AccessToken[];
  count: number;
  active: number;
  max_active: number;
  /** "/git/sopan.git" */
  git_path: string;
  username: string;
  may_use_git: boolean;
}

interface Created {
  token: AccessToken;
  value: string;
}

/** The clone URL of this server, with the person's username (git then asks for the token). */
export function cloneUrl(username: string, gitPath: string): string {
  return `${location.protocol}//${encodeURIComponent(username)}@${location.host}${gitPath}`;
}

/** Copies `text`: the clipboard API where the page is a secure context, else the selected field. */
async function copy(text: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch { /* falls back below */ }
  if (!field) return false;
  field.select();
  return document.execCommand("copy");
}

function CopyButton({ text, label, field }: { text: string; label: string; field?: () => HTMLInputElement | null }) {
  const [state, setState] = useState<"" | "ok" | "failed">("");
  return (
    <>
      <button type="button" class="secondary" aria-label={label}
        onClick={() => void copy(text, field?.() ?? null).then((ok) => setState(ok ? "ok" : "failed"))}>Salin</button>
      <span role="status" class="hint">{state === "ok" ? "Tersalin." : state === "failed" ? "Tidak dapat menyalin; pilih lalu salin sendiri." : ""}</span>
    </>
  );
}

/** The new token, once: its value, and the command that uses it. */
function ShownOnce({ created, url, close }: { created: Created; url: string; close: () => void }) {
  const valueField = useRef<HTMLInputElement>(null);
  const command = `git clone ${url}`;
  return (
    <section class="card token-once" aria-labelledby="token-baru" data-testid="token-created">
      <h3 id="token-baru">{`Token "${created.token.name}" dibuat`}</h3>
      <p><strong>Salin token ini sekarang.</strong> Token hanya ditampilkan sekali; server hanya menyimpan sidiknya.
        Bila hilang, cabut lalu buat token baru.</p>
      <div class="copy-row">
        <input readOnly aria-label="Token akses" value={created.value} data-testid="token-value"
          ref={valueField} onFocus={(ev) => (ev.target as HTMLInputElement).select()} />
        <CopyButton text={created.value} label="Salin token" field={() => valueField.current} />
      </div>
      <p>Salin riwayat seluruh dokumen dengan git:</p>
      <div class="copy-row">
        <pre data-testid="clone-command">{command}</pre>
        <CopyButton text={command} label="Salin perintah git clone" />
      </div>
      <p class="hint">Saat git meminta kata sandi (<em>Password for …</em>), tempelkan token, bukan kata sandi Anda.
        Kemudian <code>git fetch</code> di folder itu mengambil perubahan terbaru. Git hanya dapat membaca: tidak ada yang
        dapat diubah lewat git.</p>
      <button type="button" onClick={close}>Sudah saya simpan</button>
    </section>
  );
}

function CreateForm({ done, full }: { done: (c: Created) => void; full: boolean }) {
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<{ name?: string; password?: string }>({});
  const [problem, setProblem] = useState("");
  const [busy, setBusy] = useState(false);
  const submit = async (ev: Event) => {
    ev.preventDefault();
    const mine: { name?: string; password?: string } = {};
    if (!name.trim()) mine.name = "Beri nama agar Anda mengenali token ini, misalnya \"Laptop audit\".";
    if (!password) mine.password = "Masukkan kata sandi Anda.";
    setErrors(mine);
    setProblem("");
    if (mine.name || mine.password) return;
    setBusy(true);
    try {
      const created = await send<Created>("POST", "/api/v1/me/tokens", { name: name.trim(), password });
      setName("");
      setPassword("");
      done(created);
    } catch (e) {
      if (!(e instanceof ApiError)) { setProblem("Token tidak dapat dibuat."); return; }
      const at: { name?: string; password?: string } = {};
      for (const d of e.details) {
        if (d.path === "/name") at.name = d.message;
        else if (d.path === "/password") at.password = d.message;
      }
      setErrors(at);
      setProblem(e.message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="token-form" data-testid="token-form" onSubmit={submit} noValidate>
      <Field label="Nama token" error={errors.name} hint="Misalnya nama komputer yang memakainya">
        {(id, describedBy) => <input id={id} maxLength={60} value={name} aria-describedby={describedBy}
          aria-invalid={errors.name ? "true" : undefined} autocomplete="off"
          onInput={(ev) => setName((ev.target as HTMLInputElement).value)} />}
      </Field>
      <Field label="Kata sandi Anda" error={errors.password} hint="Token berlaku sampai dicabut, maka kata sandi diminta lagi">
        {(id, describedBy) => <input id={id} type="password" autocomplete="current-password" value={password}
          aria-describedby={describedBy} aria-invalid={errors.password ? "true" : undefined}
          onInput={(ev) => setPassword((ev.target as HTMLInputElement).value)} />}
      </Field>
      <button type="submit" disabled={busy || full}>Buat token</button>
      {problem && <p class="notice bad" role="alert">{problem}</p>}
    </form>
  );
}

function TokenRow({ token, revoked }: { token: AccessToken; revoked: () => void }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState("");
  const revoke = async () => {
    setBusy(true);
    setProblem("");
    try {
      await send("DELETE", `/api/v1/me/tokens/${encodeURIComponent(token.id)}`);
      setAsking(false);
      revoked();
    } catch (e) {
      setProblem(e instanceof ApiError ? e.message : "Token tidak dapat dicabut.");
    } finally {
      setBusy(false);
    }
  };
  return (
    <li class={token.active ? "active" : "revoked"} data-testid="token-row" data-token={token.id}
      data-state={token.active ? "aktif" : "dicabut"}>
      <p class="token-name">{token.name}
        <span class={`badge ${token.active ? "active" : "revoked"}`}>{token.active ? "Aktif" : "Dicabut"}</span></p>
      <p class="meta">{"Dibuat "}<time dateTime={token.created_at}>{formatDateTime(token.created_at)}</time>
        {" · "}{token.last_used_at
          ? <>{"terakhir dipakai "}<time dateTime={token.last_used_at} data-testid="token-last-used">{formatDateTime(token.last_used_at)}</time></>
          : "belum pernah dipakai"}
        {token.revoked_at && <>{" · dicabut "}<time dateTime={token.revoked_at}>{formatDateTime(token.revoked_at)}</time></>}
      </p>
      {token.active && !asking && <button type="button" class="secondary" onClick={() => setAsking(true)}>Cabut</button>}
      {token.active && asking && (
        <div class="confirm" role="group" aria-label={`Cabut token ${token.name}`}>
          <span>Git yang memakai token ini akan ditolak. Cabut?</span>
          <button type="button" disabled={busy} onClick={() => void revoke()}>Ya, cabut</button>
          <button type="button" class="secondary" onClick={() => setAsking(false)}>Batal</button>
        </div>)}
      {problem && <p class="notice bad" role="alert">{problem}</p>}
    </li>
  );
}

export default function AccessTokens() {
  useTitle("Token Akses Git");
  const list = useLoad(() => getJson<TokenList>("/api/v1/me/tokens"), []);
  const [created, setCreated] = useState<Created | null>(null);
  const data = list.data;
  return (
    <div class="tokens-screen">
      <h2>Token Akses Git</h2>
      <p>Dengan token akses pribadi, <code>git clone</code> dan <code>git fetch</code> menyalin seluruh riwayat dokumen
        dari server ini: setiap komit, dengan tanda tangan pengesahannya, dapat dibaca dengan <code>git log</code>,{" "}
        <code>git show</code> dan <code>git blame</code>. Token menggantikan kata sandi di git; kata sandi Anda tidak
        pernah diterima git.</p>
      <p class="notice at">Hanya <strong>admin</strong> dan <strong>auditor</strong> seluruh instansi yang dapat memakai
        token untuk git.</p>
      <Status loading={list.loading && !data} error={list.error}>
        {data && !data.may_use_git && (
          <p class="notice bad" data-testid="git-not-allowed">Akun Anda tidak memegang peran admin atau auditor atas seluruh
            instansi: git akan menolak token Anda.</p>)}
        {created && data && <ShownOnce created={created} url={cloneUrl(data.username, data.git_path)} close={() => setCreated(null)} />}
        <section class="card">
          <h3>Buat token</h3>
          {data && data.active >= data.max_active && (
            <p class="hint">{`Anda sudah memiliki ${data.max_active} token aktif; cabut yang tidak dipakai lagi.`}</p>)}
          <CreateForm full={!!data && data.active >= data.max_active} done={(c) => { setCreated(c); list.reload(); }} />
        </section>
        <section>
          <h3>Token Anda</h3>
          {data && !data.items.length && <p class="hint">Belum ada token.</p>}
          <ul class="cards token-list" data-testid="token-list">
            {(data?.items ?? []).map((t) => <TokenRow key={t.id} token={t} revoked={list.reload} />)}
          </ul>
        </section>
      </Status>
    </div>
  );
}
