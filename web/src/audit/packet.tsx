// "Paket Audit" (/audit/paket?unit=&from=&to=, GET /api/v1/audit/packet): the auditor picks a unit
// and a period, downloads one zip with the progress on screen (bytes received of the size the
// server announces), saves it, and reads how to check it: `sha256sum -c SHA256SUMS` alone, or
// `sopan verify-packet`, and the manifest's SHA-256 to compare with the server's record.
import { useEffect, useRef, useState } from "preact/hooks";
import { getJson, type ApiErrorDetail, type Unit } from "../api";
import { DateField } from "../app/date_field";
import { parseDay } from "../dates";
import { here, setQuery, withQuery } from "../app/router";
import { Status, useLoad, useTitle } from "../app/screen";
import { formatDate, formatNumber } from "../format";
import { UnitOptions } from "../kinds/map/editor/fields";
import "./packet.css";

/** "1,2 MB", "340 KB", "12 B". */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${formatNumber(n / (1024 * 1024), 1)} MB`;
  if (n >= 1024) return `${formatNumber(n / 1024, 0)} KB`;
  return `${n} B`;
}

/** The file name of a Content-Disposition header, or the fallback. */
function fileNameOf(disposition: string | null, fallback: string): string {
  const m = /filename="([^"]+)"/.exec(disposition ?? "");
  return m ? m[1] : fallback;
}

type Phase = "idle" | "building" | "receiving" | "done" | "failed";

interface Download {
  phase: Phase;
  received: number;
  /** From Content-Length; 0 while unknown. */
  total: number;
  fileName: string;
  manifestSha: string;
  /** An object URL of the saved zip (released when the screen goes or a new one comes). */
  url: string;
  error: string;
  details: ApiErrorDetail[];
}

const idle: Download = { phase: "idle", received: 0, total: 0, fileName: "", manifestSha: "", url: "", error: "", details: [] };

/** Saves a Blob under `name` the way a download link does. */
function save(url: string, name: string): void {
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.rel = "noopener";
  document.body.append(a);
  a.click();
  a.remove();
}

function Progress({ d }: { d: Download }) {
  if (d.phase === "building")
    return (
      <div class="packet-progress" data-testid="packet-progress" data-phase="building">
        <progress aria-label="Menyusun paket" />
        <p role="status">Server sedang menyusun paket (dokumen, riwayat, peristiwa audit)…</p>
      </div>);
  const percent = d.total ? Math.min(100, Math.round((d.received / d.total) * 100)) : 0;
  return (
    <div class="packet-progress" data-testid="packet-progress" data-phase={d.phase}>
      <progress aria-label="Unduhan paket" max={d.total || undefined} value={d.total ? d.received : undefined}
        data-testid="packet-progress-bar" />
      <p role="status" data-testid="packet-progress-text">
        {d.total
          ? `${formatBytes(d.received)} dari ${formatBytes(d.total)} (${percent} %)`
          : `${formatBytes(d.received)} diterima`}
        {d.phase === "done" && " — selesai"}
      </p>
    </div>);
}

function HowToCheck({ fileName, manifestSha }: { fileName: string; manifestSha: string }) {
  const name = fileName || "paket-audit.zip";
  const folder = name.replace(/\.zip$/, "");
  return (
    <section class="card packet-check" aria-labelledby="judul-periksa" data-testid="packet-check">
      <h3 id="judul-periksa">Cara memeriksa paket</h3>
      <p>Paket berisi <code>manifest.json</code> (isi paket, periode, pembuat, SHA-256 setiap berkas) dan{" "}
        <code>SHA256SUMS</code>. Setiap berkas yang diubah, dihapus atau ditambahkan akan ketahuan.</p>
      <h4>Dengan <code>sha256sum</code> saja (tanpa Sopan)</h4>
      <pre class="packet-command"><code>{`unzip ${name} -d ${folder}\ncd ${folder}\nsha256sum -c SHA256SUMS`}</code></pre>
      <p>Setiap baris harus berakhir dengan <strong>OK</strong>.</p>
      <h4>Dengan Sopan (juga memeriksa rantai hash peristiwa audit)</h4>
      <pre class="packet-command"><code>{`sopan verify-packet ${name}`}</code></pre>
      <p>Kode keluar 0 berarti paket lengkap dan tidak diubah.</p>
      {manifestSha && <>
        <h4>SHA-256 manifest.json paket ini</h4>
        <p class="packet-sha" data-testid="packet-manifest-sha"><code>{manifestSha}</code></p>
        <p class="hint">Server mencatatnya dalam peristiwa audit <code>audit.packet</code>. Bila SHA-256 manifest.json
          sebuah salinan paket berbeda dari catatan itu, salinan tersebut bukan paket yang dibuat server.</p>
      </>}
    </section>);
}

export default function PacketScreen() {
  useTitle("Paket Audit");
  const query = here.value.query;
  const unit = query.get("unit") ?? "";
  const [from, setFrom] = useState(query.get("from") ?? "");
  const [to, setTo] = useState(query.get("to") ?? "");
  const units = useLoad(async () => (await getJson<{ items: Unit[] }>("/api/v1/units")).items, []);
  const [d, setD] = useState<Download>(idle);
  const abort = useRef<AbortController | null>(null);
  const url = useRef("");
  // The screen owns its request and its object URL: both go with it.
  useEffect(() => () => {
    abort.current?.abort();
    if (url.current) URL.revokeObjectURL(url.current);
  }, []);

  const [unreadable, setUnreadable] = useState({ from: false, to: false });
  const busy = d.phase === "building" || d.phase === "receiving";
  const fieldError = (name: string) => d.details.find((x) => x.path === `/query/${name}`)?.message;

  async function download(): Promise<void> {
    if (unreadable.from || unreadable.to) {
      setD({ ...idle, phase: "failed", error: "Perbaiki tanggal yang belum dikenali terlebih dahulu." });
      return;
    }
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    if (url.current) URL.revokeObjectURL(url.current);
    url.current = "";
    setQuery({ unit, from, to });
    setD({ ...idle, phase: "building" });
    try {
      const response = await fetch(withQuery("/api/v1/audit/packet", { unit, from, to }),
        { credentials: "same-origin", signal: controller.signal });
      if (!response.ok) {
        const body = await response.json().catch(() => null) as
          { error?: { message: string; details?: ApiErrorDetail[] } } | null;
        const wait = response.headers.get("Retry-After");
        setD({ ...idle, phase: "failed",
          error: (body?.error?.message ?? `Server menjawab ${response.status}.`) +
            (wait ? ` Coba lagi dalam ${wait} detik.` : ""),
          details: body?.error?.details ?? [] });
        return;
      }
      const total = Number(response.headers.get("Content-Length") ?? 0);
      const fileName = fileNameOf(response.headers.get("Content-Disposition"), "paket-audit.zip");
      const manifestSha = response.headers.get("X-Manifest-SHA256") ?? "";
      const reader = response.body!.getReader();
      const chunks: Uint8Array[] = [];
      let received = 0;
      setD({ ...idle, phase: "receiving", total, fileName, manifestSha });
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        received += value.byteLength;
        setD((s) => ({ ...s, received }));
      }
      if (total && received !== total) throw new Error("short");
      const blob = new Blob(chunks as BlobPart[], { type: "application/zip" });
      url.current = URL.createObjectURL(blob);
      setD({ ...idle, phase: "done", received, total: total || received, fileName, manifestSha, url: url.current });
      save(url.current, fileName);
    } catch {
      if (controller.signal.aborted) return;
      setD((s) => ({ ...idle, phase: "failed", fileName: s.fileName,
        error: "Unduhan terputus sebelum selesai; paket tidak disimpan. Silakan unduh ulang." }));
    }
  }

  const list = units.data ?? [];
  const unitName = list.find((u) => u.id === unit)?.name;
  return (
    <div class="packet-screen">
      <h2>Paket Audit</h2>
      <p class="hint">Satu berkas zip untuk satu unit (beserta unit di bawahnya) dan satu periode: dokumen yang berlaku atau
        berubah dengan riwayat, perbedaan, cetakan dan tanda tangannya, peristiwa audit periode itu dengan rantai hash-nya,
        serta manifest dan SHA256SUMS untuk membuktikan paket lengkap dan tidak diubah.</p>
      <Status loading={units.loading && !units.data} error={units.error}>
        <form class="card packet-form" data-testid="packet-form" onSubmit={(ev) => { ev.preventDefault(); void download(); }}>
          <label class="packet-choice">
            <span>Unit</span>
            <select value={unit} data-testid="packet-unit" disabled={busy}
              onChange={(ev) => setQuery({ unit: (ev.target as HTMLSelectElement).value })}>
              <UnitOptions units={list} empty="Seluruh instansi" />
            </select>
            {fieldError("unit") && <small class="field-error">{fieldError("unit")}</small>}
          </label>
          {/* DateField answers "" for an empty field and for text that is no day alike: what was
              typed is read here, so a day that is not one is never sent as "the default". */}
          <div class="packet-dates" onInput={(ev) => {
            const input = ev.target as HTMLInputElement;
            const name = input.dataset.testid === "packet-from" ? "from" : "to";
            setUnreadable((u) => ({ ...u, [name]: !!input.value.trim() && !parseDay(input.value) }));
          }}>
            <DateField label="Dari tanggal" value={from} onChange={setFrom} testId="packet-from" error={fieldError("from")} />
            <DateField label="Sampai tanggal" value={to} onChange={setTo} testId="packet-to" error={fieldError("to")} />
          </div>
          <p class="hint">{`Kosongkan "Sampai tanggal" untuk hari ini, dan "Dari tanggal" untuk 1 Januari tahun itu. ` +
            `Periode paling panjang 10 tahun.`}</p>
          <p class="packet-summary">
            {`${unitName ?? "Seluruh instansi"}, ${from ? formatDate(from) : "awal tahun"} s.d. ${to ? formatDate(to) : "hari ini"}`}
          </p>
          <button type="submit" data-testid="packet-download" disabled={busy}>
            {busy ? "Sedang mengunduh…" : "Unduh paket audit"}</button>
        </form>
      </Status>
      {d.phase !== "idle" && d.phase !== "failed" && <Progress d={d} />}
      {d.phase === "failed" && <p class="notice bad" role="alert" data-testid="packet-error">{d.error}</p>}
      {d.phase === "done" && (
        <p class="notice ok" role="status" data-testid="packet-done">
          {`Paket ${d.fileName} (${formatBytes(d.total)}) tersimpan. `}
          <a href={d.url} download={d.fileName} data-testid="packet-save-again">Simpan lagi</a>
        </p>)}
      <HowToCheck fileName={d.fileName} manifestSha={d.manifestSha} />
    </div>
  );
}
