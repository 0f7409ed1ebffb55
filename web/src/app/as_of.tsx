// "As it was on D": one day picker in the header turns the whole app to the state of a past (or
// future) day. The day lives in the URL (`?at=YYYY-MM-DD`) and every in-app link and navigation
// keeps it (router.ts `keepingDay`), so a link, a reload or a new tab shows the same day. Every
// screen then says which day it shows, with the way back to today; a screen that can only show
// today says so, and the screens that write (editors, creation, administration) are not offered.
import { useState } from "preact/hooks";
import { parseDay } from "../dates";
import { formatDate } from "../format";
import { DateField } from "./date_field";
import { asOfDay, here, showDay } from "./router";
import { screenOf } from "./screens";
import { Link } from "./ui";

/** The screens whose every list, document, picture and figure follow `?at=` (the document
 * machine's timeline): the menu entries below them included, writing screens excepted. */
const showingTheDay = ["/", "/sop", "/peta", "/sop-saya", "/skor", "/audit"];

/** A screen that writes: creating or editing a document, and the administration. */
export function writesOnly(path: string): boolean {
  if (screenOf(path).screen.admin) return true;
  return /^\/(sop|peta)\/(baru|[^/]+\/sunting)$/.test(path);
}

/** The rubrics are read and kept as they stand today. */
const showsTheDay = (path: string): boolean =>
  showingTheDay.includes(screenOf(path).screen.path) && !path.startsWith("/skor/rubrik");

/** The current address without the day: the same screen today. */
function todayOf(): string {
  const query = new URLSearchParams(here.value.query);
  query.delete("at");
  const search = query.toString();
  return here.value.path + (search ? `?${search}` : "");
}

/** Above every screen while the app shows another day. */
export function AsOfBanner() {
  const day = asOfDay();
  const { path } = here.value;
  if (!day) return null;
  const back = <Link href={todayOf()} exact>Kembali ke hari ini</Link>;
  if (parseDay(day) !== day)
    return <p class="notice bad" role="alert" data-testid="at-banner">{`Tanggal "${day}" tidak dikenali. `}{back}</p>;
  return (
    <div class="notice at" role="status" data-testid="at-banner">
      <p>Menampilkan keadaan pada <strong>{formatDate(day)}</strong> — {back}</p>
      {!writesOnly(path) && !showsTheDay(path) &&
        <p data-testid="at-today-only">Halaman ini selalu menampilkan keadaan hari ini.</p>}
    </div>
  );
}

/** What a writing screen shows instead while the app shows another day. */
export function NotOnAnotherDay() {
  return (
    <>
      <h2>Tidak tersedia pada tampilan tanggal lampau</h2>
      <p class="notice" data-testid="not-on-day">Selama aplikasi menampilkan keadaan pada tanggal lain, tidak ada yang dapat
        dibuat atau diubah. <Link href={todayOf()} exact>Kembali ke hari ini</Link> untuk melanjutkan.</p>
    </>
  );
}

/** The header's day picker: closed, it says which day the app shows; open, a day is typed the
 * Indonesian way (DateField) and shown on "Tampilkan". */
export function AsOfPicker() {
  const day = asOfDay();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState(day);
  const [error, setError] = useState("");
  const close = () => { setOpen(false); setError(""); };
  return (
    <div class="as-of">
      <button type="button" class={`light as-of-toggle${day ? " on" : ""}`} aria-expanded={open} aria-controls="pilih-tanggal"
        data-testid="as-of-toggle" onClick={() => { setTyped(day); setOpen(!open); }}>
        {day ? `Keadaan pada ${parseDay(day) === day ? formatDate(day) : day}` : "Keadaan pada: hari ini"}
      </button>
      {open && (
        <form id="pilih-tanggal" class="as-of-panel" role="search" aria-label="Pilih tanggal"
          onKeyDown={(ev) => { if (ev.key === "Escape") close(); }}
          onSubmit={(ev) => {
            ev.preventDefault();
            if (!typed) { setError("Tulis tanggalnya, misalnya 17/08/2026."); return; }
            close();
            showDay(typed);
          }}>
          <DateField label="Tampilkan keadaan pada tanggal" value={typed} error={error} testId="as-of-day"
            onChange={(d) => { setTyped(d); setError(""); }} />
          <div class="as-of-buttons">
            <button type="submit">Tampilkan</button>
            {day && <button type="button" onClick={() => { close(); showDay(""); }}>Kembali ke hari ini</button>}
            <button type="button" class="secondary" onClick={close}>Batal</button>
          </div>
        </form>)}
    </div>
  );
}
