// Calendar dates as `YYYY-MM-DD` strings. The core never reads the clock: `now` is passed in, and
// "today" is the calendar date where the admin is (the runtime's time zone unless one is given).

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** The calendar date of an instant, in the given IANA time zone or the runtime's own. */
export function calendarDate(now: Date, timeZone?: string): string {
  if (timeZone) {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
    const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
    return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
  }
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${String(y).padStart(4, '0')}-${m}-${d}`;
}

/** Days since 1970-01-01 for a real calendar date written `YYYY-MM-DD`; null for anything else. */
export function dayNumber(isoDate: string): number | null {
  const m = ISO_DATE.exec(isoDate);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  // Rejects 2026-02-30 and friends, which Date would roll over into March.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return Math.round(ms / DAY_MS);
}

/** Whole days from one calendar date to another (negative when `to` is earlier); null if unreadable. */
export function daysBetween(from: string, to: string): number | null {
  const a = dayNumber(from);
  const b = dayNumber(to);
  return a === null || b === null ? null : b - a;
}

/**
 * daysBetween(today, date) for many dates against one today, as a list of records asks it: today is
 * read once, and each distinct date once (records share a few end dates). No date (permanent access)
 * is null, as an unreadable one is.
 */
export function daysFromToday(today: string): (date: string | undefined) => number | null {
  const base = dayNumber(today);
  const seen = new Map<string, number | null>();
  return (date) => {
    if (date === undefined) return null;
    let n = seen.get(date);
    if (n === undefined) {
      n = dayNumber(date);
      seen.set(date, n);
    }
    return base === null || n === null ? null : n - base;
  };
}

/** The calendar date `days` after a date. */
export function addDays(isoDate: string, days: number): string {
  const n = dayNumber(isoDate);
  if (n === null) throw new RangeError(`Not a calendar date: ${isoDate}`);
  return new Date((n + days) * DAY_MS).toISOString().slice(0, 10);
}
