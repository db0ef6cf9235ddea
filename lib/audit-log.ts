// Mixpanel's own organization audit log (the CSV an admin exports), read and compared with Invite
// Guard's access log: what Mixpanel says happened to people Invite Guard knows is added to their
// records' history, and the grants Mixpanel shows for people Invite Guard has no record of are
// listed — the gaps an auditor asks about. Pure: no browser API, the time is passed in.
import { detectDelimiter, readCsvRecords } from './csv';
import { canonicalAddress, parseAddressList } from './email';
import { ORG_ROLE_LABELS, PROJECT_ROLE_LABELS, type OrgRole, type ProjectRole } from './roles';
import type { AccessRecord, EventType, HistoryEvent } from './records';

export interface AuditEvent {
  /** When it happened (ISO 8601, UTC). */
  at: string;
  /** The event name: one of AUDIT_EVENTS when recognized, else as the file writes it. */
  event: string;
  actor?: string;
  /** The email address the event concerns, lower-cased. */
  target: string;
  project?: string;
  detail?: string;
  /** 1-based line of the file where the row starts. */
  line: number;
}

export const AUDIT_EVENTS = [
  'invitation.sent',
  'invitation.accepted',
  'organization.user_added',
  'organization.user_removed',
  'project.user_added',
  'project.user_removed',
  'user.role_changed',
] as const;

/** Events by which Mixpanel gives someone access. */
const GRANTS = new Set<string>(['invitation.sent', 'organization.user_added', 'project.user_added']);

// ---------------------------------------------------------------------------------------------
// Reading the CSV

type Column = 'time' | 'event' | 'actor' | 'target' | 'project' | 'detail';

const HEADERS: Record<Column, string[]> = {
  time: ['time', 'timestamp', 'date', 'datetime', 'date time', 'time utc', 'timestamp utc', 'date utc', 'event time', 'created at', 'occurred at', 'when'],
  event: ['event', 'action', 'event name', 'event type', 'action type', 'activity'],
  actor: ['actor', 'user', 'performed by', 'actor email', 'actor name', 'changed by', 'initiated by', 'by'],
  target: ['target', 'target user', 'email', 'affected user', 'target email', 'target user email', 'affected user email', 'invitee', 'recipient'],
  project: ['project', 'project name'],
  detail: ['details', 'detail', 'role', 'new role', 'description', 'changes'],
};
const COLUMNS = Object.keys(HEADERS) as Column[];
const REQUIRED: [Column, string][] = [
  ['time', '"Time"'],
  ['event', '"Event"'],
  ['target', '"Target"'],
];
const MAX_ERRORS = 500;
// Years 0000 to 9999: what ISO 8601 (and so the message to the background) writes with four digits.
const FIRST_INSTANT = Date.parse('0000-01-01T00:00:00.000Z');
const LAST_INSTANT = Date.parse('9999-12-31T23:59:59.999Z');
const MAX_CHARS = 50_000_000;

function headerKey(text: string): string {
  return text.toLowerCase().replace(/[\s_\-.]+/g, ' ').replace(/[^\p{L}\p{N} ]/gu, '').trim();
}

function columnOf(text: string): Column | null {
  const key = headerKey(text);
  for (const column of COLUMNS) if (HEADERS[column].includes(key)) return column;
  return null;
}

const KNOWN_EVENTS = new Map<string, string>(AUDIT_EVENTS.map((name) => [name.replace(/[^a-z0-9]/g, ''), name]));

/** `Invitation Sent`, `invitation_sent`, `INVITATION.SENT` → `invitation.sent`; other names as written. */
function eventName(text: string): string {
  const trimmed = text.trim();
  return KNOWN_EVENTS.get(trimmed.toLowerCase().replace(/[^a-z0-9]/g, '')) ?? trimmed.slice(0, 100);
}

const ISO_LIKE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;
const HAS_ZONE = /(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})\s*$/i;

/** Milliseconds since the epoch of an audit log time; null when unreadable. Times without a zone are UTC. */
export function readAuditTime(text: string): number | null {
  const s = text.trim();
  if (!s) return null;
  if (/^\d{10}(?:\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
  if (/^\d{13}$/.test(s)) return Number(s);
  const m = ISO_LIKE.exec(s);
  if (m) {
    const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '', zone = 'Z'] = m;
    const month = Number(mo);
    const day = Number(d);
    const hour = Number(h);
    const minute = Number(mi);
    const second = Number(sec);
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
    let ms = Date.UTC(Number(y), month - 1, day, hour, minute, second, Number(`0.${frac || '0'}`) * 1000);
    if (new Date(ms).getUTCDate() !== day) return null; // 2026-02-30
    if (/^[+-]/.test(zone)) {
      const sign = zone.startsWith('-') ? -1 : 1;
      const digits = zone.slice(1).replace(':', '');
      ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0')) * 60_000;
    }
    return Math.round(ms);
  }
  // Other spellings ("Nov 23, 2026 10:00 AM", "11/23/2026 10:00"): read as UTC unless they say otherwise.
  const ms = Date.parse(HAS_ZONE.test(s) ? s : `${s} UTC`);
  return Number.isNaN(ms) ? null : ms;
}

function quote(text: string): string {
  const shown = text.length > 40 ? `${text.slice(0, 39)}…` : text;
  return `"${shown}"`;
}

function firstAddress(text: string): string | null {
  if (!text.includes('@')) return null;
  return parseAddressList(text).addresses[0]?.address ?? null;
}

function readAuditLog(input: string): { events: AuditEvent[]; errors: { line: number; message: string }[] } {
  const events: AuditEvent[] = [];
  const errors: { line: number; message: string }[] = [];
  const addError = (line: number, message: string) => {
    if (errors.length < MAX_ERRORS) errors.push({ line, message });
  };
  let text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (text.length > MAX_CHARS) {
    text = text.slice(0, MAX_CHARS);
    addError(0, `The file is larger than ${MAX_CHARS.toLocaleString('en-US')} characters: only the beginning was read.`);
  }
  const records = readCsvRecords(text, detectDelimiter(text)).filter((r) => r.fields.some((f) => f.trim() !== ''));
  const header = records[0];
  if (!header) {
    addError(0, 'The file has no rows.');
    return { events, errors };
  }
  // Every column of each kind, in the order of the file: the first with a value wins.
  const columns = new Map<Column, number[]>();
  const detailNames: string[] = [];
  header.fields.forEach((title, index) => {
    const column = columnOf(title);
    if (!column) return;
    columns.set(column, [...(columns.get(column) ?? []), index]);
    if (column === 'detail') detailNames[index] = title.trim();
  });
  const missing = REQUIRED.filter(([column]) => !columns.has(column)).map(([, name]) => name);
  if (missing.length) {
    addError(header.line, `The first row is not the audit log's header: no ${missing.join(', ')} column was found.`);
    return { events, errors };
  }
  const valueOf = (fields: string[], column: Column): string => {
    for (const index of columns.get(column) ?? []) {
      const value = fields[index]?.trim();
      if (value) return value;
    }
    return '';
  };

  for (let r = 1; r < records.length; r++) {
    const { line, fields, unclosedQuote } = records[r]!;
    if (unclosedQuote) addError(line, 'A quotation mark (") is not closed: the rest of the file was read as one value.');
    const timeText = valueOf(fields, 'time');
    const ms = readAuditTime(timeText);
    if (ms === null || !(ms >= FIRST_INSTANT && ms <= LAST_INSTANT)) {
      addError(line, timeText ? `Unreadable time ${quote(timeText)}.` : 'No time.');
      continue;
    }
    const event = eventName(valueOf(fields, 'event'));
    if (!event) {
      addError(line, 'No event name.');
      continue;
    }
    let target: string | null = null;
    for (const index of columns.get('target') ?? []) {
      target = firstAddress(fields[index] ?? '');
      if (target) break;
    }
    if (!target) {
      const shown = valueOf(fields, 'target');
      addError(line, shown ? `No email address in the target ${quote(shown)}.` : 'No target email address.');
      continue;
    }
    const out: AuditEvent = { at: new Date(ms).toISOString(), event, target, line };
    const actor = valueOf(fields, 'actor');
    if (actor) out.actor = actor.slice(0, 320);
    const project = valueOf(fields, 'project');
    if (project) out.project = project.slice(0, 200);
    const details: string[] = [];
    const detailColumns = columns.get('detail') ?? [];
    for (const index of detailColumns) {
      const value = fields[index]?.trim();
      if (!value) continue;
      details.push(detailColumns.length > 1 ? `${detailNames[index]}: ${value}` : value);
    }
    if (details.length) out.detail = details.join('; ').slice(0, 1000);
    events.push(out);
  }
  return { events, errors };
}

/**
 * Reads Mixpanel's audit log CSV. Columns are found by their header names, in any order and case
 * (Time/Timestamp/Date, Event/Action/Event Name, Actor/User/Performed By, Target/Target User/
 * Email/Affected User, and optionally Project and Details/Role/New Role). Unknown event names are
 * kept; rows without a readable time, event name or target email address are errors. Never throws.
 */
export function parseAuditLogCsv(text: string): { events: AuditEvent[]; errors: { line: number; message: string }[] } {
  if (typeof text !== 'string') return { events: [], errors: [{ line: 0, message: 'The file is not text.' }] };
  try {
    return readAuditLog(text);
  } catch {
    return { events: [], errors: [{ line: 0, message: 'Could not read the file as CSV.' }] };
  }
}

// ---------------------------------------------------------------------------------------------
// Reconciliation

export interface Reconciliation {
  /** Records the audit log changed, in the order given: new history events, and the fields they change. */
  updates: AccessRecord[];
  /** People Mixpanel granted access to (invited, added to the organization or a project) with no record. */
  undocumented: { email: string; events: string[]; firstSeen: string }[];
  /** Audit rows that concern nobody in the log and grant nothing. */
  unmatched: number;
}

export const AUDIT_DETAIL_PREFIX = "From Mixpanel's audit log: ";
/** How far an audit time may be from Invite Guard's own for the same moment (clocks, capture delay). */
const TOLERANCE_MS = 60 * 60 * 1000;

function ms(iso: string): number {
  const value = Date.parse(iso);
  return Number.isNaN(value) ? Number.NEGATIVE_INFINITY : value;
}

/** The fixed start of the detail of every history event made from this audit row. */
function auditPrefix(event: AuditEvent): string {
  return `${AUDIT_DETAIL_PREFIX}${event.event}${event.project ? ` in project ${event.project}` : ''}`;
}

/** Whether a history event made from this audit row is already there (reconciling is idempotent). */
function alreadyLogged(record: AccessRecord, event: AuditEvent): boolean {
  const prefix = auditPrefix(event);
  return record.history.some((h) => h.at === event.at && h.detail !== undefined && (h.detail === prefix || h.detail.startsWith(`${prefix} — `)));
}

function lastTime(record: AccessRecord, types: readonly EventType[], test?: (event: HistoryEvent) => boolean): number {
  let last = Number.NEGATIVE_INFINITY;
  for (const h of record.history) if (types.includes(h.type) && (!test || test(h))) last = Math.max(last, ms(h.at));
  return last;
}

const PROJECT_EVENTS = ['project.user_added', 'project.user_removed', 'user.role_changed'];

/** When the audit log last changed the person's grant on this project, as the history tells. */
function lastProjectChange(record: AccessRecord, project: string): number {
  const starts = PROJECT_EVENTS.map((name) => `${AUDIT_DETAIL_PREFIX}${name} in project ${project}`.toLowerCase());
  let last = Number.NEGATIVE_INFINITY;
  for (const h of record.history) {
    const detail = h.detail?.toLowerCase();
    if (!detail?.startsWith(AUDIT_DETAIL_PREFIX.toLowerCase())) continue;
    if (starts.some((start) => detail === start || detail.startsWith(`${start} — `))) last = Math.max(last, ms(h.at));
  }
  return last;
}

const ROLE_WORDS = /\b(billing[\s_-]*admin|owner|admin|member|analyst|consumer)\b/gi;

/** The role a detail names: the one after the last "→", "->" or " to " when there is one, else the first. */
function roleIn<T extends string>(detail: string | undefined, roles: readonly T[]): T | null {
  if (!detail) return null;
  const markers = [...detail.matchAll(/→|->|\bto\b/gi)];
  const after = markers.length ? detail.slice(markers[markers.length - 1]!.index! + markers[markers.length - 1]![0].length) : detail;
  for (const m of after.matchAll(ROLE_WORDS)) {
    const key = m[1]!.toLowerCase().replace(/[\s_]+/g, '-').replace(/-+/g, '-');
    if ((roles as readonly string[]).includes(key)) return key as T;
  }
  return null;
}

const ORG_ROLE_LIST = Object.keys(ORG_ROLE_LABELS) as OrgRole[];
const PROJECT_ROLE_LIST = Object.keys(PROJECT_ROLE_LABELS) as ProjectRole[];

function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** The record with one event made from an audit row, in its place in time, and the fields it changes. */
function withAuditEvent(
  record: AccessRecord,
  event: AuditEvent,
  type: EventType,
  said: string | undefined,
  changes: Partial<AccessRecord>,
  now: string,
): AccessRecord {
  const pieces = [said, event.detail && event.detail !== said ? `Mixpanel says: ${event.detail}` : undefined].filter(Boolean);
  const detail = `${auditPrefix(event)}${pieces.length ? ` — ${pieces.join('; ')}` : ''}`.slice(0, 2000);
  const entry: HistoryEvent = { at: event.at, type, detail };
  if (event.actor) entry.by = event.actor;
  const at = ms(event.at);
  let position = record.history.length;
  while (position > 0 && ms(record.history[position - 1]!.at) > at) position--;
  const history = [...record.history.slice(0, position), entry, ...record.history.slice(position)];
  return { ...record, ...changes, updatedAt: now, history };
}

/** What one audit row changes in a record; the same record when it says nothing new. */
function apply(record: AccessRecord, event: AuditEvent, now: string): AccessRecord {
  const at = ms(event.at);
  switch (event.event) {
    case 'invitation.sent': {
      const known = record.history.some((h) => (h.type === 'invited' || h.type === 'resent') && Math.abs(ms(h.at) - at) <= TOLERANCE_MS);
      if (known || alreadyLogged(record, event)) return record;
      return withAuditEvent(record, event, 'resent', 'Invitation sent again', {}, now);
    }
    case 'invitation.accepted':
    case 'organization.user_added': {
      const member = record.pageState === 'member' || (record.pageState === 'unknown' && record.acceptedAt !== undefined);
      if (member || alreadyLogged(record, event)) return record;
      // Removed (or revoked) since: this acceptance is old news.
      if (lastTime(record, ['removed', 'revoked']) >= at) return record;
      if (record.revokedAt && ms(record.revokedAt) >= at) return record;
      return withAuditEvent(record, event, 'accepted', 'Now a member of the organization', { pageState: 'member', acceptedAt: record.acceptedAt ?? event.at }, now);
    }
    case 'organization.user_removed': {
      if (record.pageState === 'absent' || record.revokedAt || alreadyLogged(record, event)) return record;
      // Seen as a member again since: this removal is old news.
      if (lastTime(record, ['accepted']) > at) return record;
      return withAuditEvent(record, event, 'removed', 'Removed from the organization', { pageState: 'absent' }, now);
    }
    case 'project.user_added': {
      const project = event.project;
      if (!project || record.projects.some((p) => sameName(p.name, project)) || alreadyLogged(record, event)) return record;
      if (lastProjectChange(record, project) > at) return record; // a later change to this grant is known
      const role = roleIn(event.detail, PROJECT_ROLE_LIST);
      if (!role || record.projects.length >= 500) return withAuditEvent(record, event, 'role-changed', `Added to project ${project} (role not given)`, {}, now);
      return withAuditEvent(record, event, 'role-changed', `Added to project ${project} as ${PROJECT_ROLE_LABELS[role]}`, { projects: [...record.projects, { name: project, role }] }, now);
    }
    case 'project.user_removed': {
      const project = event.project;
      if (!project || !record.projects.some((p) => sameName(p.name, project)) || alreadyLogged(record, event)) return record;
      if (lastProjectChange(record, project) > at) return record;
      const projects = record.projects.filter((p) => !sameName(p.name, project));
      return withAuditEvent(record, event, 'role-changed', `Removed from project ${project}`, { projects }, now);
    }
    case 'user.role_changed': {
      if (event.project) {
        const project = event.project;
        const grant = record.projects.find((p) => sameName(p.name, project));
        const role = roleIn(event.detail, PROJECT_ROLE_LIST);
        if ((grant && role === grant.role) || alreadyLogged(record, event)) return record;
        if (lastProjectChange(record, project) > at) return record;
        if (!grant || !role) return withAuditEvent(record, event, 'role-changed', undefined, {}, now);
        const projects = record.projects.map((p) => (p === grant ? { name: p.name, role } : p));
        const said = `Project role in ${grant.name} ${PROJECT_ROLE_LABELS[grant.role]} → ${PROJECT_ROLE_LABELS[role]}`;
        return withAuditEvent(record, event, 'role-changed', said, { projects }, now);
      }
      const role = roleIn(event.detail, ORG_ROLE_LIST);
      if (role === record.orgRole || alreadyLogged(record, event)) return record;
      // A later change of the org role is already known (from the page or the audit log): it stands.
      if (lastTime(record, ['role-changed'], (h) => h.detail?.includes('Org role ') ?? false) > at) return record;
      if (!role) return withAuditEvent(record, event, 'role-changed', undefined, {}, now);
      const said = `Org role ${ORG_ROLE_LABELS[record.orgRole]} → ${ORG_ROLE_LABELS[role]}`;
      return withAuditEvent(record, event, 'role-changed', said, { orgRole: role }, now);
    }
    default:
      return record;
  }
}

/**
 * Compares Mixpanel's audit log with the access log. Each audit row concerns the person's record
 * invited last before it (by canonical address); what it says that the record does not know yet
 * becomes a history event ("From Mixpanel's audit log: …", at the audit row's time, by its actor)
 * with the fields it changes: acceptance, removal, org or project roles. Nothing is overwritten
 * without an event, and a row already reflected adds nothing, so reconciling twice changes nothing
 * the second time. Grants for addresses without any record are listed as undocumented.
 */
export function reconcile(records: readonly AccessRecord[], events: readonly AuditEvent[], now: Date): Reconciliation {
  const nowIso = now.toISOString();
  const working = [...records];
  const invited = working.map((r) => ms(r.invitedAt));
  const byPerson = new Map<string, number[]>();
  working.forEach((record, index) => {
    const key = canonicalAddress(record.email);
    const list = byPerson.get(key);
    if (list) list.push(index);
    else byPerson.set(key, [index]);
  });
  const changed = new Set<number>();
  const undocumented = new Map<string, { email: string; events: string[]; firstSeen: string }>();
  let unmatched = 0;

  const ordered = events
    .map((event) => ({ event, at: ms(event.at) }))
    .filter((e) => Number.isFinite(e.at))
    .sort((a, b) => a.at - b.at || a.event.line - b.event.line);

  for (const { event, at } of ordered) {
    const key = canonicalAddress(event.target);
    const candidates = byPerson.get(key);
    if (!candidates) {
      if (GRANTS.has(event.event)) {
        const label = event.project ? `${event.event} (${event.project})` : event.event;
        const entry = undocumented.get(key);
        if (!entry) undocumented.set(key, { email: event.target, events: [label], firstSeen: event.at });
        else if (!entry.events.includes(label)) entry.events.push(label);
      } else unmatched++;
      continue;
    }
    // The record of the invitation this row follows: the last one sent before it.
    let chosen = -1;
    for (const index of candidates) {
      if (invited[index]! <= at + TOLERANCE_MS && (chosen < 0 || invited[index]! >= invited[chosen]!)) chosen = index;
    }
    if (chosen < 0) continue; // before Invite Guard recorded anything for this person
    const before = working[chosen]!;
    const after = apply(before, event, nowIso);
    if (after !== before) {
      working[chosen] = after;
      changed.add(chosen);
    }
  }

  return {
    updates: [...changed].sort((a, b) => a - b).map((index) => working[index]!),
    undocumented: [...undocumented.values()].sort((a, b) => (a.firstSeen < b.firstSeen ? -1 : a.firstSeen > b.firstSeen ? 1 : a.email < b.email ? -1 : 1)),
    unmatched,
  };
}
