// Dates as the Members page shows them: a <time datetime> when there is one, else the visible text
// ("Nov 20, 2026", "20 November 2026", "2026-11-20"). Relative texts ("3 days ago") are not dates.
import { dayNumber } from '../dates';
import { readTextAndFirst } from './dom';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_DAY_YEAR = /\b([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/i;
const DAY_MONTH_YEAR = /\b(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?,?\s+(\d{4})\b/i;
const ISO_IN_TEXT = /\b(\d{4})-(\d{2})-(\d{2})\b/;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function monthIndex(word: string): number {
  const w = word.toLowerCase();
  if (w === 'sept') return 8;
  return w.length >= 3 ? MONTHS.findIndex((month) => month.startsWith(w)) : -1;
}

function dateOf(year: number, month: number, day: number): string | null {
  const iso = `${year}-${pad(month + 1)}-${pad(day)}`;
  return dayNumber(iso) === null ? null : iso;
}

/** A calendar date `YYYY-MM-DD` from visible text; null when the text holds none. */
export function parseDateText(text: string): string | null {
  const iso = ISO_IN_TEXT.exec(text);
  if (iso) return dateOf(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3]));
  const mdy = MONTH_DAY_YEAR.exec(text);
  if (mdy) {
    const month = monthIndex(mdy[1] ?? '');
    if (month >= 0) return dateOf(Number(mdy[3]), month, Number(mdy[2]));
  }
  const dmy = DAY_MONTH_YEAR.exec(text);
  if (dmy) {
    const month = monthIndex(dmy[2] ?? '');
    if (month >= 0) return dateOf(Number(dmy[3]), month, Number(dmy[1]));
  }
  return null;
}

// A users table repeats a few hundred dates over thousands of rows: each is checked once. Only
// values as short as a date-time are kept, and only so many.
const parsedAttributes = new Map<string, string | null>();
const PARSED_LIMIT = 1000;
const PARSED_LENGTH = 40;

/** A machine-readable `datetime` value: an ISO date, or an ISO date-time with a valid date. */
export function parseDateTimeAttribute(value: string): string | null {
  const known = parsedAttributes.get(value);
  if (known !== undefined) return known;
  const parsed = parseDateTime(value);
  if (value.length > PARSED_LENGTH) return parsed;
  if (parsedAttributes.size >= PARSED_LIMIT) parsedAttributes.clear();
  parsedAttributes.set(value, parsed);
  return parsed;
}

function parseDateTime(value: string): string | null {
  const text = value.trim();
  if (ISO_DATE.test(text)) return dayNumber(text) === null ? null : text;
  const m = ISO_DATE_TIME.exec(text);
  if (!m || dayNumber(m[1] ?? '') === null) return null;
  return Number.isNaN(Date.parse(text.replace(' ', 'T'))) ? null : text;
}

export interface PageDate {
  /** The `datetime` as written (date or date-time), else the date read from the text. */
  value: string | null;
  /** The calendar date part, `YYYY-MM-DD`. */
  date: string | null;
  /** The visible text. */
  text: string;
}

/** Reads the date a table cell shows. */
export function readPageDate(cell: Element): PageDate {
  const { text, first } = readTextAndFirst(cell, 200, 'time');
  const time = cell.localName === 'time' ? cell : first;
  const attribute = time ? parseDateTimeAttribute(time.getAttribute('datetime') ?? '') : null;
  if (attribute) return { value: attribute, date: attribute.slice(0, 10), text };
  const date = parseDateText(text);
  return { value: date, date, text };
}
