// A day typed the Indonesian way (see dates.ts), with the day it was read as spelled out under
// it, so "04/05/2026" is seen to be 4 Mei 2026 before it is sent.
import { useEffect, useState } from "preact/hooks";
import { dayHint, parseDay, typedDay } from "../dates";
import { formatDate } from "../format";
import { Field } from "./ui";

export function DateField({ label, value, onChange, error, required, testId }: {
  label: string;
  /** "YYYY-MM-DD" or "". */
  value: string;
  /** The day, or "" when the field is empty or not a day (then `error` says so). */
  onChange: (day: string) => void;
  error?: string;
  required?: boolean;
  testId?: string;
}) {
  const [text, setText] = useState(typedDay(value));
  useEffect(() => {
    if (parseDay(text) !== value) setText(typedDay(value));
  }, [value]);
  const day = parseDay(text);
  const own = text.trim() && !day ? "Tanggal tidak dikenali; tulis hh/bb/tttt, misalnya 17/08/2026." : "";
  return (
    <Field label={label} error={error || own} hint={day ? formatDate(day) : dayHint}>
      {(id, note) => (
        <input id={id} type="text" inputMode="numeric" autocomplete="off" value={text} required={required}
          aria-describedby={note} aria-invalid={error || own ? "true" : undefined} data-testid={testId}
          placeholder="hh/bb/tttt"
          onInput={(ev) => {
            const next = (ev.target as HTMLInputElement).value;
            setText(next);
            onChange(parseDay(next));
          }} />
      )}
    </Field>
  );
}
