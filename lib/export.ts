// The access log leaving Invite Guard and coming back: CSV for spreadsheets and auditors, JSON for
// backups and moving between browsers, iCalendar for the end dates, and the import and merge of a
// JSON export. Pure: no browser API, the time is passed in.
import { accessRecordSchema, describeGrant, statusWithDaysLeft, historyEventSchema, type AccessRecord, type HistoryEvent } from './records';
import { addDays, calendarDate, daysFromToday } from './dates';
import { csvField, neutralizeFormula } from './csv';
import type { Policy } from './policy-rules';

export const EXPORT_FORMAT = 'invite-guard-access-log';
export const EXPORT_VERSION = 1;

// ---------------------------------------------------------------------------------------------
// CSV

export const CSV_HEADER = [
  'id',
  'email',
  'display name',
  'org role',
  'projects',
  'reason',
  'ticket',
  'approver',
  'ends on',
  'status',
  'invited at',
  'invited by',
  'accepted at',
  'revoked at',
  'region',
  'organization',
  'last event',
  'history',
] as const;

export interface CsvExportOptions {
  /** With a policy, the status column holds each record's status at this instant. */
  now?: Date;
  policy?: Policy;
  /** The admin's time zone for "today" in the status (the runtime's own by default). */
  timeZone?: string;
}

/** One history event in words: `2026-11-23T10:00:00.000Z invited by dana@acme.com: Member; …`. */
function describeEvent(event: HistoryEvent): string {
  // The parts typed by people are neutralized too, in case the cell is ever split on its separators.
  const by = event.by ? ` by ${neutralizeFormula(event.by)}` : '';
  const detail = event.detail ? `: ${neutralizeFormula(event.detail)}` : '';
  return `${event.at} ${event.type}${by}${detail}`;
}

function projectsCell(record: AccessRecord): string {
  return record.projects.map((p) => `${p.name} (${p.role})`).join('; ');
}

/** A cell as written: formula neutralized, then quoted when it needs to be. */
function cell(value: string): string {
  return value === '' ? value : csvField(neutralizeFormula(value));
}

/**
 * Joins many lines with CRLF (and a final CRLF) through chunks of a few hundred lines: large exports
 * then build a few big strings instead of keeping hundreds of thousands of small ones alive.
 */
class LineWriter {
  private readonly chunks: string[] = [];
  private lines: string[] = [];

  push(line: string): void {
    this.lines.push(line);
    if (this.lines.length === 512) this.flush();
  }

  private flush(): void {
    if (this.lines.length) this.chunks.push(this.lines.join('\r\n'));
    this.lines = [];
  }

  text(): string {
    this.flush();
    return this.chunks.length ? `${this.chunks.join('\r\n')}\r\n` : '';
  }
}

/**
 * The access log as CSV (RFC 4180, CRLF line ends, a header row first): one row per record, in the
 * order given. Every cell goes through `neutralizeFormula`, so no value runs as a spreadsheet
 * formula. The status column is filled only when both `now` and `policy` are given.
 */
export function toCsv(records: readonly AccessRecord[], options: CsvExportOptions = {}): string {
  const { now, policy, timeZone } = options;
  const out = new LineWriter();
  out.push(CSV_HEADER.map(cell).join(','));
  const cells = new Array<string>(CSV_HEADER.length);
  // The status as deriveStatus gives it, with today worked out once for all the records.
  const daysTo = now && policy ? daysFromToday(calendarDate(now, timeZone)) : null;
  for (let r = 0; r < records.length; r++) {
    const record = records[r]!;
    const history = record.history;
    const last = history[history.length - 1];
    cells[0] = cell(record.id);
    cells[1] = cell(record.email);
    cells[2] = cell(record.displayName ?? '');
    cells[3] = cell(record.orgRole);
    cells[4] = cell(projectsCell(record));
    cells[5] = cell(record.reason ?? '');
    cells[6] = cell(record.ticket ?? '');
    cells[7] = cell(record.approver ?? '');
    cells[8] = cell(record.endsOn ?? '');
    cells[9] = daysTo && policy ? cell(statusWithDaysLeft(record, policy, daysTo(record.endsOn))) : '';
    cells[10] = cell(record.invitedAt);
    cells[11] = cell(record.invitedBy ?? '');
    cells[12] = cell(record.acceptedAt ?? '');
    cells[13] = cell(record.revokedAt ?? '');
    cells[14] = cell(record.region);
    cells[15] = cell(record.organization);
    cells[16] = cell(last ? describeEvent(last) : '');
    cells[17] = cell(history.map(describeEvent).join(' | '));
    out.push(cells.join(','));
  }
  return out.text();
}

// ---------------------------------------------------------------------------------------------
// JSON

const RECORD_KEYS = Object.keys(accessRecordSchema.shape) as (keyof AccessRecord)[];
const EVENT_KEYS = Object.keys(historyEventSchema.shape) as (keyof HistoryEvent)[];

function pick<T extends object>(value: T, keys: readonly (keyof T)[]): T {
  const out: Partial<T> = {};
  for (const key of keys) if (value[key] !== undefined) out[key] = value[key];
  return out as T;
}

/** The record with its keys in the schema's order, so equal records serialize to equal text. */
function canonicalRecord(record: AccessRecord): AccessRecord {
  const out = pick(record, RECORD_KEYS);
  out.projects = record.projects.map((p) => ({ name: p.name, role: p.role }));
  out.history = record.history.map((e) => pick(e, EVENT_KEYS));
  return out;
}

function instant(iso: string): number {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
}

function byInvitedAtThenId(records: readonly AccessRecord[]): AccessRecord[] {
  const keyed = records.map((record) => ({ record, at: instant(record.invitedAt) }));
  keyed.sort((a, b) => {
    if (a.at !== b.at) return a.at < b.at ? -1 : 1;
    if (a.record.invitedAt !== b.record.invitedAt) return a.record.invitedAt < b.record.invitedAt ? -1 : 1;
    if (a.record.id !== b.record.id) return a.record.id < b.record.id ? -1 : 1;
    return 0;
  });
  return keyed.map((k) => k.record);
}

/**
 * The access log as a JSON export: every field and the full history of every record, sorted by
 * invitation time then id, keys in a fixed order, pretty-printed with 2 spaces. The same records
 * and `exportedAt` always give the same text.
 */
export function toJson(records: readonly AccessRecord[], exportedAt: Date): string {
  const document = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: exportedAt.toISOString(),
    records: byInvitedAtThenId(records).map(canonicalRecord),
  };
  return JSON.stringify(document, null, 2);
}

export interface ImportResult {
  ok: boolean;
  records: AccessRecord[];
  /** Records that are not valid: their position in the file, their id when readable, and why. */
  rejected: { index: number; id?: string; reason: string }[];
  /** Why the file as a whole cannot be read (ok: false). */
  error?: string;
}

const MAX_ISSUES_PER_RECORD = 5;

function issuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || 'record';
}

function failed(error: string): ImportResult {
  return { ok: false, records: [], rejected: [], error };
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 39)}…` : value}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return Array.isArray(value) ? 'a list' : 'an object';
}

/**
 * Reads a JSON export back. The file as a whole must be an Invite Guard access log export of a
 * supported version with a list of records, or the result is `ok: false` with the reason; then each
 * record is validated on its own: valid ones are returned, invalid ones listed in `rejected` with
 * the field and what is wrong with it. Never throws.
 */
export function parseExport(text: string): ImportResult {
  try {
    if (typeof text !== 'string') return failed('The file is not text.');
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    if (body.trim() === '') return failed('The file is empty.');
    let document: unknown;
    try {
      document = JSON.parse(body);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return failed(`The file is not valid JSON: ${detail}`);
    }
    if (typeof document !== 'object' || document === null || Array.isArray(document)) {
      return failed(`The file is not an Invite Guard access log export: expected an object with "format": "${EXPORT_FORMAT}".`);
    }
    const { format, version, records } = document as Record<string, unknown>;
    if (format !== EXPORT_FORMAT) {
      return failed(
        `The file is not an Invite Guard access log export: its format is ${describeValue(format)}, expected "${EXPORT_FORMAT}".`,
      );
    }
    if (version !== EXPORT_VERSION) {
      const newer = typeof version === 'number' && version > EXPORT_VERSION;
      return failed(
        `Unsupported export version ${describeValue(version)}: this version of Invite Guard reads version ${EXPORT_VERSION}` +
          (newer ? ' (the file was written by a newer Invite Guard; update the extension to import it).' : '.'),
      );
    }
    if (!Array.isArray(records)) {
      return failed(`The export has no list of records ("records" is ${describeValue(records)}).`);
    }
    const valid: AccessRecord[] = [];
    const rejected: ImportResult['rejected'] = [];
    for (let index = 0; index < records.length; index++) {
      const input: unknown = records[index];
      const result = accessRecordSchema.safeParse(input);
      if (result.success) {
        valid.push(result.data);
        continue;
      }
      const issues = result.error.issues;
      const said = issues.slice(0, MAX_ISSUES_PER_RECORD).map((issue) => `${issuePath(issue.path)}: ${issue.message}`);
      if (issues.length > MAX_ISSUES_PER_RECORD) said.push(`and ${issues.length - MAX_ISSUES_PER_RECORD} more problems`);
      const id = typeof input === 'object' && input !== null && typeof (input as { id?: unknown }).id === 'string' ? (input as { id: string }).id : undefined;
      rejected.push(id !== undefined && id !== '' ? { index, id, reason: said.join('; ') } : { index, reason: said.join('; ') });
    }
    return { ok: true, records: valid, rejected };
  } catch {
    return failed('Could not read the file.');
  }
}

// ---------------------------------------------------------------------------------------------
// Merging an import into the log

export interface MergeResult {
  records: AccessRecord[];
  added: number;
  updated: number;
  unchanged: number;
}

const HISTORY_LIMIT = 2000;

function eventKey(event: HistoryEvent): string {
  return `${event.at}\u0000${event.type}\u0000${event.detail ?? ''}`;
}

function sameFields<T extends object>(a: T, b: T, keys: readonly (keyof T)[]): boolean {
  for (const key of keys) if (a[key] !== b[key]) return false;
  return true;
}

/** Deep equality of two valid records (absent and undefined fields are the same). */
function sameRecord(a: AccessRecord, b: AccessRecord): boolean {
  if (a === b) return true;
  for (const key of RECORD_KEYS) {
    if (key === 'projects' || key === 'history') continue;
    if (a[key] !== b[key]) return false;
  }
  if (a.projects.length !== b.projects.length || a.history.length !== b.history.length) return false;
  for (let i = 0; i < a.projects.length; i++) if (!sameFields(a.projects[i]!, b.projects[i]!, ['name', 'role'])) return false;
  for (let i = 0; i < a.history.length; i++) if (!sameFields(a.history[i]!, b.history[i]!, EVENT_KEYS)) return false;
  return true;
}

/** One record from two copies of it: histories united, scalar fields from the later-updated copy. */
function mergeOne(existing: AccessRecord, incoming: AccessRecord): AccessRecord {
  const incomingIsLater = instant(incoming.updatedAt) > instant(existing.updatedAt);
  const winner = incomingIsLater ? incoming : existing;
  const other = incomingIsLater ? existing : incoming;
  const seen = new Set(existing.history.map(eventKey));
  const added: HistoryEvent[] = [];
  for (const event of incoming.history) {
    const key = eventKey(event);
    if (seen.has(key)) continue;
    seen.add(key);
    added.push(event);
  }
  let history = existing.history;
  if (added.length > 0) {
    const keyed = [...existing.history, ...added].map((event, order) => ({ event, at: instant(event.at), order }));
    keyed.sort((a, b) => (a.at !== b.at ? (a.at < b.at ? -1 : 1) : a.order - b.order));
    history = keyed.map((k) => k.event);
    // The schema keeps at most HISTORY_LIMIT events: the oldest go first.
    if (history.length > HISTORY_LIMIT) history = history.slice(history.length - HISTORY_LIMIT);
  }
  const merged: AccessRecord = { ...winner, history };
  // Acceptance and revocation are facts of the united history: the later copy not knowing them
  // does not undo them.
  if (merged.acceptedAt === undefined && other.acceptedAt !== undefined) merged.acceptedAt = other.acceptedAt;
  if (merged.revokedAt === undefined && other.revokedAt !== undefined) merged.revokedAt = other.revokedAt;
  return merged;
}

/**
 * Merges imported records into the log by id, never duplicating one: an unknown id is added; a
 * known id gets the union of both histories (events deduplicated by time, type and detail, sorted
 * by time) and the fields of whichever copy was updated later (the existing one on a tie), keeping
 * an acceptance or revocation either copy knows. Existing records keep their order; new ones follow
 * in import order. Each incoming record counts once: added, updated or unchanged.
 */
export function mergeRecords(existing: readonly AccessRecord[], incoming: readonly AccessRecord[]): MergeResult {
  const records = [...existing];
  const position = new Map<string, number>();
  records.forEach((record, index) => {
    if (!position.has(record.id)) position.set(record.id, index);
  });
  let added = 0;
  let updated = 0;
  let unchanged = 0;
  for (const record of incoming) {
    const at = position.get(record.id);
    if (at === undefined) {
      position.set(record.id, records.length);
      records.push(record);
      added++;
      continue;
    }
    const current = records[at]!;
    if (sameRecord(current, record)) {
      unchanged++;
      continue;
    }
    const merged = mergeOne(current, record);
    if (sameRecord(current, merged)) {
      unchanged++;
      continue;
    }
    records[at] = merged;
    updated++;
  }
  return { records, added, updated, unchanged };
}

// ---------------------------------------------------------------------------------------------
// iCalendar

export interface CalendarExportOptions {
  /** With a policy, one reminder per lead day of the policy; else one reminder 7 days before. */
  policy?: Policy;
  /** The admin's time zone for "today" (the runtime's own by default). */
  timeZone?: string;
}

const ICS_LINE_OCTETS = 75;

/** TEXT as RFC 5545 writes it: backslash, semicolon, comma and new lines escaped; other controls dropped. */
// eslint-disable-next-line no-control-regex
const ICS_SPECIAL = /[\\;,\x00-\x08\x0a-\x1f\x7f]/;

export function escapeIcsText(value: string): string {
  if (!ICS_SPECIAL.test(value)) return value;
  // eslint-disable-next-line no-control-regex
  return value.replace(/\r\n|[\\;,\r\n\x00-\x08\x0b-\x1f\x7f]/g, (ch) => {
    if (ch === '\\') return '\\\\';
    if (ch === ';') return '\\;';
    if (ch === ',') return '\\,';
    if (ch === '\r\n' || ch === '\r' || ch === '\n') return '\\n';
    return '';
  });
}

/** Folds a content line into lines of at most 75 octets of UTF-8, never inside a character. */
export function foldIcsLine(line: string): string {
  // A UTF-16 code unit is at most 3 octets of UTF-8.
  if (line.length * 3 <= ICS_LINE_OCTETS) return line;
  const pieces: string[] = [];
  let start = 0;
  let octets = 0;
  let limit = ICS_LINE_OCTETS;
  for (let i = 0; i < line.length; ) {
    const cp = line.codePointAt(i)!;
    const units = cp > 0xffff ? 2 : 1;
    const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (octets + size > limit) {
      pieces.push(line.slice(start, i));
      start = i;
      octets = 0;
      limit = ICS_LINE_OCTETS - 1; // the continuation's leading space counts
    }
    octets += size;
    i += units;
  }
  pieces.push(line.slice(start));
  return pieces.join('\r\n ');
}

function icsDate(isoDate: string): string {
  return isoDate.replace(/-/g, '');
}

function icsDateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

function trigger(days: number): string {
  return days === 0 ? 'PT0S' : `-P${days}D`;
}

function alarm(days: number, description: string): string[] {
  return ['BEGIN:VALARM', 'ACTION:DISPLAY', `DESCRIPTION:${escapeIcsText(description)}`, `TRIGGER:${trigger(days)}`, 'END:VALARM'];
}

function inDays(days: number): string {
  return days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`;
}

/** The first day of the quarter after the one `today` is in. */
function nextQuarterStart(today: string): string {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7)); // 1..12
  const next = Math.floor((month - 1) / 3) * 3 + 4; // 4, 7, 10 or 13
  return next > 12 ? `${String(year + 1).padStart(4, '0')}-01-01` : `${String(year).padStart(4, '0')}-${String(next).padStart(2, '0')}-01`;
}

function endDescription(record: AccessRecord): string {
  const lines = [
    `Temporary access of ${record.email} to ${record.organization} ends on ${record.endsOn}.`,
    `Roles: ${describeGrant(record.orgRole, record.projects)}`,
  ];
  if (record.reason) lines.push(`Reason: ${record.reason}`);
  if (record.ticket) lines.push(`Ticket: ${record.ticket}`);
  if (record.approver) lines.push(`Approver: ${record.approver}`);
  if (record.invitedBy) lines.push(`Invited by: ${record.invitedBy}`);
  return lines.join('\n');
}

/**
 * The upcoming end dates as an iCalendar file (RFC 5545): one all-day event per record whose access
 * has not been revoked or removed and ends today or later, with display reminders before it, and
 * one all-day event for the next quarterly access review (the first day of the next quarter).
 * Text escaped, lines folded at 75 octets, CRLF line ends. Events are in date order.
 */
export function toICalendar(records: readonly AccessRecord[], now: Date, options: CalendarExportOptions = {}): string {
  const today = calendarDate(now, options.timeZone);
  const stamp = icsDateTime(now);
  const leadDays = options.policy ? [...new Set(options.policy.reminderLeadDays)].sort((a, b) => b - a) : [7];
  const upcoming = records
    .filter((r) => r.endsOn !== undefined && r.endsOn >= today && !r.revokedAt && r.pageState !== 'absent')
    .sort((a, b) => (a.endsOn! !== b.endsOn! ? (a.endsOn! < b.endsOn! ? -1 : 1) : a.email < b.email ? -1 : a.email > b.email ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const out = new LineWriter();
  const write = (...lines: string[]) => writeAll(lines);
  const writeAll = (lines: readonly string[]) => {
    for (let i = 0; i < lines.length; i++) out.push(foldIcsLine(lines[i]!));
  };
  write(
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Invite Guard//Access log//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'X-WR-CALNAME:Invite Guard: access end dates',
  );
  for (const record of upcoming) {
    const endsOn = record.endsOn!;
    write(
      'BEGIN:VEVENT',
      `UID:${escapeIcsText(`${record.id}-ends@invite-guard`)}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${icsDate(endsOn)}`,
      `DTEND;VALUE=DATE:${icsDate(addDays(endsOn, 1))}`,
      `SUMMARY:${escapeIcsText(`Access ends: ${record.email}`)}`,
      `DESCRIPTION:${escapeIcsText(endDescription(record))}`,
      'TRANSP:TRANSPARENT',
    );
    for (const days of leadDays) writeAll(alarm(days, `Access of ${record.email} ends ${inDays(days)} (${endsOn}).`));
    write('END:VEVENT');
  }

  const review = nextQuarterStart(today);
  const open = records.filter((r) => !r.revokedAt && r.pageState !== 'absent');
  const temporary = open.filter((r) => r.endsOn !== undefined).length;
  write(
    'BEGIN:VEVENT',
    `UID:access-review-${review}@invite-guard`,
    `DTSTAMP:${stamp}`,
    `DTSTART;VALUE=DATE:${icsDate(review)}`,
    `DTEND;VALUE=DATE:${icsDate(addDays(review, 1))}`,
    `SUMMARY:${escapeIcsText('Quarterly access review: Mixpanel')}`,
    `DESCRIPTION:${escapeIcsText(
      `Review every Mixpanel member and pending invitation against Invite Guard's access log.\n` +
        `${open.length} records in the log are not revoked; ${temporary} of them have an end date.`,
    )}`,
    'TRANSP:TRANSPARENT',
    ...alarm(7, 'The quarterly access review is in 7 days.'),
    'END:VEVENT',
    'END:VCALENDAR',
  );
  return out.text();
}

// ---------------------------------------------------------------------------------------------
// File names

/** `invite-guard-access-log-acme-analytics-2026-11-23.csv`: the organization slugified, the UTC date of `now`. */
export function exportFileName(kind: 'csv' | 'json' | 'ics', organization: string, now: Date): string {
  const slug = organization
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  const date = Number.isNaN(now.getTime()) ? 'undated' : now.toISOString().slice(0, 10);
  return `${EXPORT_FORMAT}${slug ? `-${slug}` : ''}-${date}.${kind}`;
}
