// Indonesian formatting of times, durations and numbers (a decimal comma: "3,42", "68,4 %").

export function formatDuration(totalSeconds: number): string {
  const days = Math.floor(totalSeconds / 86400);
  const hours = Math.floor((totalSeconds % 86400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const parts: string[] = [];
  if (days) parts.push(`${days} hari`);
  if (hours) parts.push(`${hours} jam`);
  if (minutes) parts.push(`${minutes} menit`);
  if (!days && !hours) parts.push(`${seconds} detik`);
  return parts.join(" ");
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return new Intl.DateTimeFormat("id-ID", {
    dateStyle: "long",
    timeStyle: "medium",
    timeZone: "Asia/Jakarta",
  }).format(date) + " WIB";
}

/** "2026-05-04" → "4 Mei 2026": a calendar day, the same in every time zone. */
export function formatDate(day: string): string {
  return new Intl.DateTimeFormat("id-ID", { dateStyle: "long", timeZone: "UTC" })
    .format(new Date(`${day}T00:00:00Z`));
}

/** 3.42 → "3,42", 1234.5 → "1.234,5": at most `digits` decimals, none written when they are 0. */
export function formatNumber(value: number, digits = 2): string {
  return new Intl.NumberFormat("id-ID", { maximumFractionDigits: digits }).format(value);
}

/** 68.4 (of 100) → "68,4 %". */
export const formatPercent = (value: number, digits = 1): string => `${formatNumber(value, digits)} %`;

/** "2025-05-31" → "Mei 2025" (`short`: "Mei"), the month of a calendar day. */
export function formatMonth(day: string, short = false): string {
  return new Intl.DateTimeFormat("id-ID", short ? { month: "short", timeZone: "UTC" } : { month: "long", year: "numeric", timeZone: "UTC" })
    .format(new Date(`${day.slice(0, 10)}T00:00:00Z`));
}
