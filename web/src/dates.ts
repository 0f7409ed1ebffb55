// Calendar days typed and shown the Indonesian way, whatever the browser's language: a typed
// "4/5/2026", "04-05-2026", "4 Mei 2026" or "2026-05-04" is 4 May 2026, and a day is shown as
// "4 Mei 2026". A browser's own date picker would follow its language (mm/dd/yyyy on an English
// office PC), so date fields are text fields read by `parseDay`.

const months = ["januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september",
  "oktober", "november", "desember"];
const shortMonths = months.map((m) => m.slice(0, 3));

const pad = (n: number): string => String(n).padStart(2, "0");

function valid(y: number, m: number, d: number): string {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return "";
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days ? `${y}-${pad(m)}-${pad(d)}` : "";
}

/** "YYYY-MM-DD" for a typed day, "" for anything that is not one. */
export function parseDay(text: string): string {
  const t = text.trim().toLowerCase().replace(/\s+/g, " ");
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) return valid(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (m) return valid(+m[3], +m[2], +m[1]);
  m = /^(\d{1,2}) ([a-z]+)\.? (\d{4})$/.exec(t);
  if (m) {
    // A month's full name or its first three letters ("agt" is also August).
    const word = m[2] === "agt" ? "agu" : m[2];
    const month = months.indexOf(word) + 1 || (word.length === 3 ? shortMonths.indexOf(word) + 1 : 0);
    if (month) return valid(+m[3], month, +m[1]);
  }
  return "";
}

/** "2026-05-04" → "04/05/2026", the form a person types back. */
export const typedDay = (day: string): string => (day ? `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}` : "");

export const dayHint = "hh/bb/tttt, misalnya 17/08/2026";
