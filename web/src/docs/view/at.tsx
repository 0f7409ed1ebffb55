// `?at=YYYY-MM-DD`: a screen as it stood on a day. The banner says which day, with a way back
// to today; the picker takes a typed Indonesian day (DateField) when asked, not while typing.
import { useState } from "preact/hooks";
import { DateField } from "../../app/date_field";
import { Link } from "../../app/ui";
import { formatDate } from "../../format";

export function AtBanner({ at, today }: { at: string; today: string }) {
  return (
    <p class="notice at" role="status" data-testid="at-banner">
      Menampilkan versi yang berlaku pada <strong>{formatDate(at)}</strong>. <Link href={today}>Kembali ke hari ini</Link>
    </p>
  );
}

export function DayPicker({ label, at, show }: { label: string; at: string; show: (day: string) => void }) {
  const [day, setDay] = useState(at);
  const [error, setError] = useState("");
  return (
    <form class="at-form" role="search" onSubmit={(ev) => {
      ev.preventDefault();
      if (day) show(day);
      else setError("Tulis tanggalnya, misalnya 17/08/2026.");
    }}>
      <DateField label={label} value={day} error={error} onChange={(d) => { setDay(d); setError(""); }} />
      <button type="submit" class="small">Tampilkan</button>
    </form>
  );
}
