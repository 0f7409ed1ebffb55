// The admin's instansi screen: the logo shown on every screen and on printed SOPs. Uploading and
// removing it are commits on main, like every other change.
import { useState } from "preact/hooks";
import { ApiError, send } from "../api";
import { instansi, loadInstansi, logoSrc } from "../app/instansi";
import { useTitle } from "../app/screen";
import { FilePicker } from "../app/ui";

const maxBytes = 256 * 1024;

export default function AdminInstansi() {
  useTitle("Instansi");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const current = instansi.value;

  async function upload(file: File): Promise<void> {
    if (!["image/png", "image/jpeg"].includes(file.type)) {
      setMessage({ ok: false, text: "Logo harus berkas PNG atau JPEG." });
      return;
    }
    if (file.size > maxBytes) {
      setMessage({ ok: false, text: "Logo paling besar 256 KiB." });
      return;
    }
    setBusy(true);
    try {
      // The raw file: the server reads its type and size from the bytes themselves.
      await send("PUT", "/api/v1/instansi/logo", file);
      await loadInstansi();
      setMessage({ ok: true, text: "Logo disimpan sebagai komit baru." });
    } catch (e) {
      setMessage({ ok: false, text: e instanceof ApiError ? e.message : "Server tidak dapat dihubungi." });
    } finally {
      setBusy(false);
    }
  }

  async function remove(): Promise<void> {
    setBusy(true);
    try {
      await send("DELETE", "/api/v1/instansi/logo");
      await loadInstansi();
      setMessage({ ok: true, text: "Logo dihapus; riwayatnya tetap ada di git." });
    } catch (e) {
      setMessage({ ok: false, text: e instanceof ApiError ? e.message : "Server tidak dapat dihubungi." });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h2>Instansi</h2>
      <p>{current?.name}</p>
      <section class="card">
        <h3>Logo</h3>
        {current?.logo
          ? <img class="logo-preview" src={logoSrc(current)} alt={`Logo ${current.name}`} data-testid="logo-preview" />
          : <p class="hint">Belum ada logo.</p>}
        <p class="hint">Tampil di kepala setiap layar dan pada cetakan SOP. PNG atau JPEG, paling besar 256 KiB.</p>
        <FilePicker label="Unggah logo" accept="image/png,image/jpeg" disabled={busy}
          onFile={(file, input) => void upload(file).finally(() => { input.value = ""; })} />
        {current?.logo && <button type="button" class="secondary" disabled={busy} onClick={() => void remove()}>Hapus logo</button>}
        {message && <p class={`notice ${message.ok ? "ok" : "bad"}`} role="status">{message.text}</p>}
      </section>
    </>
  );
}
