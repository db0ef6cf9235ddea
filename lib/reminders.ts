// Which reminders are due at a given moment. Pure: the clock (`now`) and the admin's time zone are
// passed in, and the caller keeps the keys of the reminders already raised. Every reminder has a
// stable key, so the same reminder is never raised twice; when several stages of one rule were
// missed (the browser was closed for weeks), only the latest stage is raised, once.
import { addressParts, canonicalAddress, toAsciiDomain } from './email';
import { addDays, calendarDate, dayNumber, daysBetween, daysFromToday } from './dates';
import { domainInList, productionMatcher, type Policy } from './policy-rules';
import type { AccessRecord, PageState, Region } from './records';
import { isElevatedOrgRole, isElevatedProjectRole } from './roles';

export const REMINDER_KINDS = [
  'access-ending',
  'access-ended-still-present',
  'invite-follow-up',
  'invite-expiring',
  'invite-expired',
  'access-review',
] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export interface Reminder {
  /** Stable and unique: the same reminder always has the same key, so it is never raised twice. */
  key: string;
  kind: ReminderKind;
  /** Absent for the quarterly review, which covers several records. */
  recordId?: string;
  /** The records concerned: one, or several for the review. */
  recordIds: string[];
  email?: string;
  region?: Region;
  organization?: string;
  /** Short: "Access ends in 7 days". */
  title: string;
  /** What to do: "Access for jane@agency.io ends in 7 days (2026-11-30) — review or extend". */
  message: string;
  /** ISO date-time (UTC) when it became due. */
  dueAt: string;
}

export interface ReminderOptions {
  /** IANA zone of the admin, for "today"; the runtime's own zone when absent. */
  timeZone?: string;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
/** The runbook: "Follow up if still pending after 72 hours". */
export const FOLLOW_UP_HOURS = 72;
/** An invitation "expiring" is one that expires within this many hours. */
export const EXPIRING_WINDOW_HOURS = 24;

/** Page states of someone who is, or will be once they accept, a member. */
const IS_OR_WILL_BE_MEMBER: ReadonlySet<PageState> = new Set<PageState>(['member', 'pending', 'unknown']);

/** Snoozed by the admin: its reminders wait until the day the snooze ends. */
function isSnoozed(record: AccessRecord, today: string): boolean {
  return record.snoozedUntil !== undefined && record.snoozedUntil > today;
}

/** Whether the page last showed the person as a member. */
function stillPresent(record: AccessRecord): boolean {
  return record.pageState === 'member' || (record.pageState === 'unknown' && Boolean(record.acceptedAt));
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function inDays(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  return `in ${plural(days, 'day')}`;
}

/**
 * The first instant (ms) of a calendar date in the zone: the first minute whose calendar date is
 * that date. Found by bisection, so days that start at 01:00 (a daylight-saving gap) are right too.
 */
function startOfDay(date: string, timeZone: string | undefined): number {
  const day = dayNumber(date);
  if (day === null) throw new RangeError(`Not a calendar date: ${date}`);
  const utcMidnight = day * 24 * HOUR_MS;
  // Every zone is within a day of UTC: lo is still the day before, hi already the day itself or later.
  let lo = utcMidnight - 26 * HOUR_MS;
  let hi = utcMidnight + 26 * HOUR_MS;
  while (hi - lo > MINUTE_MS) {
    const mid = lo + Math.floor((hi - lo) / (2 * MINUTE_MS)) * MINUTE_MS;
    if (calendarDate(new Date(mid), timeZone) >= date) hi = mid;
    else lo = mid;
  }
  return hi;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Days from today to the record's end date; null for permanent access or an unreadable date. */
function leftFrom(record: AccessRecord, today: string): number | null {
  return record.endsOn ? daysBetween(today, record.endsOn) : null;
}

// ---------------------------------------------------------------------------------------------
// Temporary access: ending, and ended while the person is still a member.

type EndStage =
  | { kind: 'access-ending'; lead: number; left: number; endsOn: string }
  | { kind: 'access-ended-still-present'; left: number; endsOn: string };

/** The latest stage of the end-date rules reached today, whatever was sent already. */
function endStage(record: AccessRecord, policy: Policy, today: string): EndStage | null {
  const left = leftFrom(record, today);
  if (left === null || !record.endsOn) return null;
  if (left < 0) {
    return stillPresent(record) ? { kind: 'access-ended-still-present', left, endsOn: record.endsOn } : null;
  }
  if (!IS_OR_WILL_BE_MEMBER.has(record.pageState)) return null;
  // The stages whose day has come are the lead times >= left; the most recent is the smallest.
  let lead: number | null = null;
  for (const l of policy.reminderLeadDays) if (l >= left && (lead === null || l < lead)) lead = l;
  return lead === null ? null : { kind: 'access-ending', lead, left, endsOn: record.endsOn };
}

function endReminder(record: AccessRecord, stage: EndStage): Omit<Reminder, 'dueAt'> & { dueDay: string } {
  const base = recordFields(record);
  if (stage.kind === 'access-ending') {
    const when = inDays(stage.left);
    return {
      ...base,
      key: `${record.id}:ending:${stage.endsOn}:${stage.lead}`,
      kind: 'access-ending',
      title: `Access ends ${when}`,
      message:
        stage.left === 0
          ? `Access for ${record.email} ends today (${stage.endsOn} is its last day) — review or extend`
          : `Access for ${record.email} ends ${when} (${stage.endsOn}) — review or extend`,
      dueDay: addDays(stage.endsOn, -stage.lead),
    };
  }
  return {
    ...base,
    key: `${record.id}:ended:${stage.endsOn}`,
    kind: 'access-ended-still-present',
    title: 'Access ended, still a member',
    message: `Access for ${record.email} ended on ${stage.endsOn} but they are still a member — remove them in Mixpanel or extend`,
    dueDay: addDays(stage.endsOn, 1),
  };
}

// ---------------------------------------------------------------------------------------------
// Pending invitations: follow up, expiring, expired — one ladder, only its latest stage raised.

type InviteStageKind = 'invite-follow-up' | 'invite-expiring' | 'invite-expired';

interface InviteStage {
  kind: InviteStageKind;
  dueMs: number;
  sentMs: number;
  /** Set when the invitation was resent: the resend's time, which starts the ladder afresh. */
  resentAt?: string;
}

/** When the current invitation was sent: the last resend, else the original invitation. */
function invitationSent(record: AccessRecord): { sentMs: number; resentAt?: string } | null {
  const invitedMs = Date.parse(record.invitedAt);
  if (Number.isNaN(invitedMs)) return null;
  let sentMs = invitedMs;
  let resentAt: string | undefined;
  for (const event of record.history) {
    if (event.type !== 'resent') continue;
    const at = Date.parse(event.at);
    if (!Number.isNaN(at) && at > sentMs) {
      sentMs = at;
      resentAt = event.at;
    }
  }
  return resentAt === undefined ? { sentMs } : { sentMs, resentAt };
}

/** The latest stage of the invitation ladder reached at `nowMs`, whatever was sent already. */
function inviteStage(record: AccessRecord, policy: Policy, nowMs: number): InviteStage | null {
  if (record.pageState !== 'pending') return null;
  const sent = invitationSent(record);
  if (!sent) return null;
  const expiresMs = sent.sentMs + policy.inviteExpiryDays * 24 * HOUR_MS;
  // Most severe first, so a tie (e.g. a 3-day lifetime: follow-up and expiry both at 72 h) keeps it.
  const stages: Array<{ kind: InviteStageKind; dueMs: number }> = [
    { kind: 'invite-expired', dueMs: expiresMs },
    { kind: 'invite-follow-up', dueMs: sent.sentMs + FOLLOW_UP_HOURS * HOUR_MS },
  ];
  const expiringMs = expiresMs - EXPIRING_WINDOW_HOURS * HOUR_MS;
  // A one-day invitation is "expiring" from the moment it is sent: no point saying so.
  if (expiringMs > sent.sentMs) stages.splice(1, 0, { kind: 'invite-expiring', dueMs: expiringMs });
  let best: { kind: InviteStageKind; dueMs: number } | null = null;
  for (const stage of stages) if (stage.dueMs <= nowMs && (best === null || stage.dueMs > best.dueMs)) best = stage;
  if (!best) return null;
  return sent.resentAt === undefined ? { ...best, sentMs: sent.sentMs } : { ...best, sentMs: sent.sentMs, resentAt: sent.resentAt };
}

const INVITE_KEY_SUFFIX: Record<InviteStageKind, string> = {
  'invite-follow-up': 'follow-up',
  'invite-expiring': 'invite-expiring',
  'invite-expired': 'invite-expired',
};

function inviteReminder(record: AccessRecord, stage: InviteStage, policy: Policy, today: string, timeZone: string | undefined): Reminder {
  const base = recordFields(record);
  const sentOn = calendarDate(new Date(stage.sentMs), timeZone);
  const key = `${record.id}:${INVITE_KEY_SUFFIX[stage.kind]}${stage.resentAt === undefined ? '' : `:${stage.resentAt}`}`;
  const dueAt = iso(stage.dueMs);
  // An invitation for access whose end date has passed should be deleted, not resent.
  const left = leftFrom(record, today);
  const ended = left !== null && left < 0 ? record.endsOn : undefined;
  const lifetime = plural(policy.inviteExpiryDays, 'day');
  switch (stage.kind) {
    case 'invite-follow-up': {
      const pendingDays = Math.floor(FOLLOW_UP_HOURS / 24);
      return {
        ...base,
        key,
        kind: stage.kind,
        title: 'Invitation still pending',
        message: ended
          ? `The invitation to ${record.email} (sent ${sentOn}) is still pending but access ended on ${ended} — delete the invitation in Mixpanel`
          : `The invitation to ${record.email} (sent ${sentOn}) has been pending for ${pendingDays} days or more — follow up with them, or resend it in Mixpanel`,
        dueAt,
      };
    }
    case 'invite-expiring':
      return {
        ...base,
        key,
        kind: stage.kind,
        title: 'Invitation expires within a day',
        message: ended
          ? `The invitation to ${record.email} (sent ${sentOn}) expires within ${EXPIRING_WINDOW_HOURS} hours but access ended on ${ended} — delete the invitation in Mixpanel`
          : `The invitation to ${record.email} (sent ${sentOn}) expires within ${EXPIRING_WINDOW_HOURS} hours — resend it in Mixpanel`,
        dueAt,
      };
    case 'invite-expired':
      return {
        ...base,
        key,
        kind: stage.kind,
        title: 'Invitation expired',
        message: ended
          ? `The invitation to ${record.email} (sent ${sentOn}) has expired and access ended on ${ended} — delete the invitation in Mixpanel`
          : `The invitation to ${record.email} (sent ${sentOn}) has expired (invitations last ${lifetime}) — delete it and send a new one in Mixpanel`,
        dueAt,
      };
  }
}

// ---------------------------------------------------------------------------------------------
// The quarterly access review of everyone with elevated or outside access.

interface Quarter {
  key: string;
  /** The quarter's first day, `YYYY-MM-01`. */
  start: string;
  label: string;
}

function quarterOf(today: string): Quarter {
  const year = today.slice(0, 4);
  const month = Number(today.slice(5, 7));
  const n = Math.floor((month - 1) / 3) + 1;
  const firstMonth = String((n - 1) * 3 + 1).padStart(2, '0');
  return { key: `review:${year}-Q${n}`, start: `${year}-${firstMonth}-01`, label: `${year} Q${n}` };
}

function emailDomain(email: string): string {
  const domain = addressParts(canonicalAddress(email)).domain;
  const ascii = toAsciiDomain(domain);
  return ascii.startsWith('!') ? domain : ascii;
}

/** Whether the record's access is elevated or goes outside the organization. */
function needsReview(record: AccessRecord, policy: Policy, isProduction: (name: string) => boolean): boolean {
  if (record.revokedAt || !IS_OR_WILL_BE_MEMBER.has(record.pageState)) return false;
  if (isElevatedOrgRole(record.orgRole)) return true;
  if (record.projects.some((p) => isElevatedProjectRole(p.role) && isProduction(p.name))) return true;
  const domain = emailDomain(record.email);
  if (domainInList(domain, policy.personalDomains)) return true;
  // SSO-claimed domains are the organization's own, as the checks count them.
  return policy.allowedDomains.length > 0 && !domainInList(domain, [...policy.allowedDomains, ...policy.ssoDomains]);
}

function reviewReminder(records: readonly AccessRecord[], policy: Policy, today: string, timeZone: string | undefined): Reminder | null {
  const quarter = quarterOf(today);
  const startMs = startOfDay(quarter.start, timeZone);
  const isProduction = productionMatcher(policy);
  const ids = new Set<string>();
  const people = new Set<string>();
  for (const record of records) {
    const invitedMs = Date.parse(record.invitedAt);
    if (Number.isNaN(invitedMs) || invitedMs >= startMs) continue;
    if (!needsReview(record, policy, isProduction)) continue;
    ids.add(record.id);
    people.add(canonicalAddress(record.email));
  }
  if (ids.size === 0) return null;
  const count = people.size === 1 ? '1 person' : `${people.size} people`;
  return {
    key: quarter.key,
    kind: 'access-review',
    recordIds: [...ids].sort(),
    title: `Quarterly access review (${quarter.label})`,
    message: `Quarterly access review: ${count} with elevated or outside access — confirm each still needs it, and remove or downgrade the rest in Mixpanel`,
    dueAt: iso(startMs),
  };
}

// ---------------------------------------------------------------------------------------------

function recordFields(record: AccessRecord): Pick<Reminder, 'recordId' | 'recordIds' | 'email' | 'region' | 'organization'> {
  return {
    recordId: record.id,
    recordIds: [record.id],
    email: record.email,
    region: record.region,
    organization: record.organization,
  };
}

function isSet(value: ReadonlySet<string> | readonly string[]): value is ReadonlySet<string> {
  return value instanceof Set;
}

function byDueThenKey(a: Reminder, b: Reminder): number {
  if (a.dueAt !== b.dueAt) return a.dueAt < b.dueAt ? -1 : 1;
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  return 0;
}

/**
 * The reminders due at `now` that were not raised yet (their keys are not in `alreadySent`), sorted
 * by when they became due, then by key. Revoked records get none. For each rule only its latest
 * stage reached is considered: a stage missed while the browser was closed is never raised late,
 * and an earlier stage is never raised after a later one was.
 */
export function dueReminders(
  records: readonly AccessRecord[],
  alreadySent: ReadonlySet<string> | readonly string[],
  policy: Policy,
  now: Date,
  options: ReminderOptions = {},
): Reminder[] {
  const { timeZone } = options;
  const sent: ReadonlySet<string> = isSet(alreadySent) ? alreadySent : new Set(alreadySent);
  const today = calendarDate(now, timeZone);
  const nowMs = now.getTime();
  const out = new Map<string, Reminder>();
  const add = (reminder: Reminder) => {
    if (!sent.has(reminder.key) && !out.has(reminder.key)) out.set(reminder.key, reminder);
  };

  for (const record of records) {
    if (record.revokedAt || isSnoozed(record, today)) continue;
    const end = endStage(record, policy, today);
    if (end) {
      const { dueDay, ...reminder } = endReminder(record, end);
      if (!sent.has(reminder.key) && !out.has(reminder.key)) {
        // Due from the start of the stage's day, or from the invitation when that came later.
        const invitedMs = Date.parse(record.invitedAt);
        const dueMs = Math.max(startOfDay(dueDay, timeZone), Number.isNaN(invitedMs) ? -Infinity : invitedMs);
        add({ ...reminder, dueAt: iso(dueMs) });
      }
    }
    const invite = inviteStage(record, policy, nowMs);
    if (invite) add(inviteReminder(record, invite, policy, today, timeZone));
  }

  const review = reviewReminder(records, policy, today, timeZone);
  if (review) add(review);

  return [...out.values()].sort(byDueThenKey);
}

/**
 * The records to count on the toolbar badge: access ending within the policy's first reminder lead
 * time (as `deriveStatus` calls "expiring"), ended while the person is still a member, or an
 * invitation pending past its follow-up time, expiring or expired. Revoked records never count.
 * Whether a reminder was already raised does not matter: the record still needs attention.
 */
export function needsAttention(
  records: readonly AccessRecord[],
  policy: Policy,
  now: Date,
  options: ReminderOptions = {},
): AccessRecord[] {
  const today = calendarDate(now, options.timeZone);
  const daysTo = daysFromToday(today);
  return records.filter((record) => recordNeedsAttention(record, policy, now, today, daysTo(record.endsOn)));
}

/**
 * needsAttention for one record, given today (calendarDate of now) and its days left from today
 * (null for permanent access): for callers that already know them, e.g. for many records.
 */
export function recordNeedsAttention(record: AccessRecord, policy: Policy, now: Date, today: string, left: number | null): boolean {
  if (record.revokedAt || isSnoozed(record, today)) return false;
  if (left !== null && left >= 0 && left <= Math.max(0, ...policy.reminderLeadDays) && IS_OR_WILL_BE_MEMBER.has(record.pageState)) return true;
  if (left !== null && left < 0 && stillPresent(record)) return true;
  return inviteStage(record, policy, now.getTime()) !== null;
}
