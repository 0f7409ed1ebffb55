// Two saves of one draft crossed: both versions side by side, and the author chooses which is
// kept. The other stays in the history (theirs) or one Urungkan away (mine): nothing is lost.
import type { ComponentType } from "preact";
import type { Conflict, Doc } from "./session";

export function ConflictChooser({ conflict, mine, Outline, keepMine, takeTheirs }: {
  conflict: Conflict;
  mine: Doc;
  Outline: ComponentType<{ document: Record<string, unknown> }>;
  keepMine: () => void;
  takeTheirs: () => void;
}) {
  return (
    <div class="notice bad ed-conflict" role="alertdialog" aria-labelledby="bentrok-judul" data-testid="conflict">
      <h3 id="bentrok-judul">Bentrok penyuntingan</h3>
      <p>
        Konsep ini telah disimpan oleh {conflict.by || "orang lain"} (versi {conflict.version}) setelah Anda mulai
        menyunting. Kedua versi ditampilkan; pilih yang disimpan. Versi server yang tidak dipilih tetap ada di
        riwayat; versi Anda yang tidak dipilih dapat dikembalikan dengan Urungkan.
      </p>
      <div class="ed-conflict-sides">
        <section data-testid="conflict-mine"><h4>Versi Anda</h4><Outline document={mine} /></section>
        <section data-testid="conflict-theirs"><h4>Versi di server (versi {conflict.version})</h4><Outline document={conflict.theirs} /></section>
      </div>
      <button type="button" onClick={keepMine}>Simpan versi saya</button>
      <button type="button" class="secondary" onClick={takeTheirs}>Pakai versi server</button>
    </div>
  );
}
