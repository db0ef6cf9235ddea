// Access records: what Invite Guard keeps for each grant, why it was given, until when, and
// everything that happened to it since. Pure: every change returns a new record with a new event.
import { z } from 'zod';
import { calendarDate, dayNumber, daysBetween } from './dates';
import { ORG_ROLES, ORG_ROLE_LABELS, PROJECT_ROLES, type OrgRole } from './roles';
import { EVENT_TYPES, PAGE_STATES, REGIONS, type EventType, type PageState, type RecordStatus, type Region } from './record-vocabulary';
import type { Policy } from './policy-rules';
import type { InviteNote, ProjectGrant } from './checks/types';

export const orgRoleSchema = z.enum(ORG_ROLES);
export const projectRoleSchema = z.enum(PROJECT_ROLES);

export * from './record-vocabulary';

const isoDateTime = z.iso.datetime({ offset: true, error: 'must be a date and time (ISO 8601)' });
/** A real calendar date written YYYY-MM-DD. */
export const isoDateSchema = z.string().refine((s) => dayNumber(s) !== null, 'must be a calendar date (YYYY-MM-DD)');
const isoDate = isoDateSchema;
const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);

export const historyEventSchema = z.object({
  at: isoDateTime,
  type: z.enum(EVENT_TYPES),
  /** What changed, in words: "Org role Member → Admin", "End date 2027-01-31 → 2027-03-31". */
  detail: text(2000).optional(),
  /** The admin who did it, when known. */
  by: text(320).optional(),
});
export type HistoryEvent = z.output<typeof historyEventSchema>;

export const projectGrantSchema = z.object({ name: text(200), role: projectRoleSchema });

export const accessRecordSchema = z.object({
  id: text(200).min(1),
  /** The invited address, lower-cased. */
  email: text(320).min(3),
  displayName: text(200).optional(),
  orgRole: orgRoleSchema,
  projects: z.array(projectGrantSchema).max(500),
  reason: text(2000).optional(),
  /** Ticket, approval ID or SOW reference. */
  ticket: text(200).optional(),
  approver: text(320).optional(),
  /** Last day of temporary access; absent for permanent access. */
  endsOn: isoDate.optional(),
  /** The signed-in admin who sent the invitation, when the page showed it. */
  invitedBy: text(320).optional(),
  invitedAt: isoDateTime,
  region: z.enum(REGIONS),
  /** The organization's name as the page shows it. */
  organization: text(200).min(1),
  pageState: z.enum(PAGE_STATES),
  pageSeenAt: isoDateTime.optional(),
  acceptedAt: isoDateTime.optional(),
  revokedAt: isoDateTime.optional(),
  /** No reminders for this grant before this day (the admin snoozed them). */
  snoozedUntil: isoDate.optional(),
  updatedAt: isoDateTime,
  history: z.array(historyEventSchema).max(2000),
});
export type AccessRecord = z.output<typeof accessRecordSchema>;

export interface NewRecordInput {
  id: string;
  email: string;
  displayName?: string;
  orgRole: OrgRole;
  projects: ProjectGrant[];
  note: InviteNote;
  invitedBy?: string;
  region: Region;
  organization: string;
}

function cleanText(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The record of an invitation just sent. */
export function newRecord(input: NewRecordInput, now: Date): AccessRecord {
  const at = now.toISOString();
  return withoutUndefined({
    id: input.id,
    email: input.email.trim().toLowerCase(),
    displayName: cleanText(input.displayName),
    orgRole: input.orgRole,
    projects: input.projects.map((p) => ({ name: p.name, role: p.role })),
    reason: cleanText(input.note.reason),
    ticket: cleanText(input.note.ticket),
    approver: cleanText(input.note.approver),
    endsOn: cleanText(input.note.endsOn),
    invitedBy: cleanText(input.invitedBy),
    invitedAt: at,
    region: input.region,
    organization: input.organization,
    pageState: 'pending' as const,
    updatedAt: at,
    history: [withoutUndefined({ at, type: 'invited' as const, by: cleanText(input.invitedBy), detail: describeGrant(input.orgRole, input.projects) })],
  });
}

export function describeGrant(orgRole: OrgRole, projects: readonly ProjectGrant[]): string {
  const list = projects.length ? projects.map((p) => `${p.name} (${p.role})`).join(', ') : 'no projects';
  return `${ORG_ROLE_LABELS[orgRole]}; ${list}`;
}

const NOTE_FIELDS = [
  ['reason', 'Reason'],
  ['ticket', 'Ticket'],
  ['approver', 'Approver'],
  ['endsOn', 'End date'],
] as const;

function addEvent(record: AccessRecord, event: HistoryEvent, changes: Partial<AccessRecord>): AccessRecord {
  return withoutUndefined({ ...record, ...changes, updatedAt: event.at, history: [...record.history, withoutUndefined(event)] });
}

/**
 * Writes a new note over the old one. Nothing is silently overwritten: the event says what each
 * field was and became. Returns the record unchanged when nothing changed.
 */
export function editNote(record: AccessRecord, note: InviteNote, now: Date, by?: string): AccessRecord {
  const changes: Partial<AccessRecord> = {};
  const said: string[] = [];
  for (const [field, label] of NOTE_FIELDS) {
    const before = record[field];
    const after = cleanText(note[field]);
    if (before === after) continue;
    changes[field] = after;
    said.push(`${label}: ${before ?? '(none)'} → ${after ?? '(none)'}`);
  }
  if (said.length === 0) return record;
  const type: EventType = Object.keys(changes).length === 1 && 'endsOn' in changes && changes.endsOn ? 'extended' : 'note-edited';
  const event = { at: now.toISOString(), type, detail: said.join('; '), by: cleanText(by) };
  // Fields cleared in the note are removed from the record, and said so in the event.
  const next = addEvent(record, event, changes);
  for (const [field] of NOTE_FIELDS) if (field in changes && changes[field] === undefined) delete next[field];
  return next;
}

export interface PageObservation {
  state: Exclude<PageState, 'unknown'>;
  /** The org role the member table shows, when it shows one. */
  orgRole?: OrgRole;
}

/**
 * What the Members page shows now, compared with what the record knew: an invitation accepted, a
 * role changed, a member removed. Returns the record unchanged when nothing is new.
 */
export function observe(record: AccessRecord, seen: PageObservation, now: Date): AccessRecord {
  const at = now.toISOString();
  let next = record;
  if (seen.state === 'member' && record.pageState !== 'member') {
    next = addEvent(next, { at, type: 'accepted', detail: 'Now in the member list' }, { pageState: 'member', acceptedAt: record.acceptedAt ?? at });
  } else if (seen.state === 'absent' && record.pageState === 'member') {
    next = addEvent(next, { at, type: 'removed', detail: 'No longer in the member list' }, { pageState: 'absent' });
  } else if (seen.state === 'pending' && record.pageState === 'unknown') {
    next = { ...next, pageState: 'pending' };
  } else if (seen.state === 'absent' && record.pageState === 'pending') {
    next = { ...next, pageState: 'absent' };
  }
  if (seen.state === 'member' && seen.orgRole && seen.orgRole !== next.orgRole) {
    const detail = `Org role ${ORG_ROLE_LABELS[next.orgRole]} → ${ORG_ROLE_LABELS[seen.orgRole]}`;
    next = addEvent(next, { at, type: 'role-changed', detail }, { orgRole: seen.orgRole });
  }
  if (next === record) return record;
  return { ...next, pageSeenAt: at };
}

/** Access taken away in Mixpanel, as the admin reports it. */
export function revoke(record: AccessRecord, now: Date, by?: string, detail?: string): AccessRecord {
  if (record.revokedAt) return record;
  const at = now.toISOString();
  return addEvent(record, { at, type: 'revoked', by: cleanText(by), detail: cleanText(detail) }, { revokedAt: at });
}

/** Holds this record's reminders until a day (YYYY-MM-DD); they come back then if still due. */
export function snooze(record: AccessRecord, until: string, now: Date, by?: string): AccessRecord {
  return addEvent(record, { at: now.toISOString(), type: 'snoozed', detail: `Reminders snoozed until ${until}`, by: cleanText(by) }, { snoozedUntil: until });
}

/** Records that a reminder was raised for this record. */
export function remind(record: AccessRecord, now: Date, detail: string): AccessRecord {
  return addEvent(record, { at: now.toISOString(), type: 'reminded', detail }, {});
}

/** Days from the admin's today to the record's end date; null for permanent access. */
export function daysLeft(record: AccessRecord, now: Date, timeZone?: string): number | null {
  if (!record.endsOn) return null;
  return daysBetween(calendarDate(now, timeZone), record.endsOn);
}

/**
 * The record's status now: revoked (by the admin, or removed from the member list); expired once
 * its end date has passed or its invitation disappeared unaccepted; pending until the page shows
 * the person as a member; expiring within the policy's first reminder lead time; else active.
 */
export function deriveStatus(record: AccessRecord, policy: Policy, now: Date, timeZone?: string): RecordStatus {
  return statusWithDaysLeft(record, policy, daysLeft(record, now, timeZone));
}

/** deriveStatus, given the days left (daysLeft): for callers that already know them, e.g. for many records. */
export function statusWithDaysLeft(record: AccessRecord, policy: Policy, left: number | null): RecordStatus {
  if (record.revokedAt) return 'revoked';
  // Gone from the page: a member removed in Mixpanel, or an invitation deleted or run out.
  if (record.pageState === 'absent') return record.acceptedAt ? 'revoked' : 'expired';
  if (left !== null && left < 0) return 'expired';
  if (record.pageState === 'pending' || (record.pageState === 'unknown' && !record.acceptedAt)) return 'pending';
  const lead = Math.max(0, ...policy.reminderLeadDays);
  if (left !== null && left <= lead) return 'expiring';
  return 'active';
}

export type RecordParse = { ok: true; record: AccessRecord } | { ok: false; error: string };

/** Validates a record from storage, a message or an import. */
export function parseRecord(input: unknown): RecordParse {
  const result = accessRecordSchema.safeParse(input);
  if (result.success) return { ok: true, record: result.data };
  const issue = result.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'record';
  return { ok: false, error: `${where}: ${issue?.message ?? 'invalid'}` };
}
