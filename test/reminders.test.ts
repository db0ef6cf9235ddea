import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dueReminders, needsAttention, type Reminder, type ReminderKind } from '../lib/reminders';
import { editNote, newRecord, revoke, type AccessRecord } from '../lib/records';
import { parsePolicy, type Policy, type PolicyInput } from '../lib/policy';
import { ORG_ROLES, PROJECT_ROLES } from '../lib/roles';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAY = 24 * HOUR;

function policyOf(input: PolicyInput = {}): Policy {
  const result = parsePolicy(input);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('; '));
  return result.policy;
}

const POLICY = policyOf();
const INVITED = new Date('2026-06-01T09:00:00Z');

/** A pending invitation, as newRecord makes it. */
function invitation(fields: Partial<AccessRecord> = {}, invitedAt: Date = INVITED): AccessRecord {
  const record = newRecord(
    {
      id: fields.id ?? 'r1',
      email: fields.email ?? 'jane@acme.com',
      orgRole: 'member',
      projects: [{ name: 'Staging', role: 'analyst' }],
      note: { reason: 'Quarterly audit' },
      region: 'us',
      organization: 'Acme',
    },
    invitedAt,
  );
  return { ...record, ...fields };
}

/** An accepted invitation: the page shows the person as a member. */
function member(fields: Partial<AccessRecord> = {}, invitedAt: Date = INVITED): AccessRecord {
  return invitation({ pageState: 'member', acceptedAt: new Date(invitedAt.getTime() + HOUR).toISOString(), ...fields }, invitedAt);
}

function due(records: AccessRecord[], now: Date | string, options: { timeZone?: string; sent?: string[]; policy?: Policy } = {}): Reminder[] {
  const at = typeof now === 'string' ? new Date(now) : now;
  const opts = options.timeZone ? { timeZone: options.timeZone } : {};
  return dueReminders(records, options.sent ?? [], options.policy ?? POLICY, at, opts);
}

const keys = (reminders: Reminder[]) => reminders.map((r) => r.key);
const kinds = (reminders: Reminder[]) => reminders.map((r) => r.kind);
/** Only the quarterly reviews: the pending admin in the review tests has reminders of its own. */
const reviews = (reminders: Reminder[]) => reminders.filter((r) => r.kind === 'access-review');

/** Checks at every step from `from` to `to`, remembering what was raised; returns what each step raised. */
function simulate(
  records: AccessRecord[],
  from: string,
  to: string,
  stepMs: number,
  options: { timeZone?: string; policy?: Policy } = {},
): Array<{ at: string; raised: Reminder[] }> {
  const sent = new Set<string>();
  const log: Array<{ at: string; raised: Reminder[] }> = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += stepMs) {
    const raised = dueReminders(records, sent, options.policy ?? POLICY, new Date(t), options.timeZone ? { timeZone: options.timeZone } : {});
    for (const r of raised) sent.add(r.key);
    if (raised.length) log.push({ at: new Date(t).toISOString(), raised });
  }
  return log;
}

describe('access-ending', () => {
  const now = '2026-11-16T12:00:00Z';

  it('is due on the last day itself (lead 0)', () => {
    const reminders = due([member({ endsOn: '2026-11-16' })], now);
    expect(reminders).toEqual([
      {
        key: 'r1:ending:2026-11-16:0',
        kind: 'access-ending',
        recordId: 'r1',
        recordIds: ['r1'],
        email: 'jane@acme.com',
        region: 'us',
        organization: 'Acme',
        title: 'Access ends today',
        message: 'Access for jane@acme.com ends today (2026-11-16 is its last day) — review or extend',
        dueAt: '2026-11-16T00:00:00.000Z',
      },
    ]);
  });

  it('is due the day before (lead 1)', () => {
    const [r] = due([member({ endsOn: '2026-11-17' })], now);
    expect(r?.key).toBe('r1:ending:2026-11-17:1');
    expect(r?.title).toBe('Access ends tomorrow');
    expect(r?.dueAt).toBe('2026-11-16T00:00:00.000Z');
  });

  it('is due exactly 7 and 14 days before, with the example wording', () => {
    const [seven] = due([member({ endsOn: '2026-11-23', email: 'jane@agency.io' })], now);
    expect(seven?.key).toBe('r1:ending:2026-11-23:7');
    expect(seven?.title).toBe('Access ends in 7 days');
    expect(seven?.message).toBe('Access for jane@agency.io ends in 7 days (2026-11-23) — review or extend');
    expect(keys(due([member({ endsOn: '2026-11-30' })], now))).toEqual(['r1:ending:2026-11-30:14']);
  });

  it('is not due 15 days before, nor for permanent access', () => {
    expect(due([member({ endsOn: '2026-12-01' })], now)).toEqual([]);
    expect(due([member()], now)).toEqual([]);
  });

  it('between stages, raises the stage whose day has come (not the next one), titled with the real days left', () => {
    const [r] = due([member({ endsOn: '2026-11-26' })], now); // 10 days left: the 14-day stage
    expect(r?.key).toBe('r1:ending:2026-11-26:14');
    expect(r?.title).toBe('Access ends in 10 days');
    expect(r?.dueAt).toBe('2026-11-12T00:00:00.000Z');
    // Once the 14-day stage was raised, nothing until the 7-day stage's day.
    expect(due([member({ endsOn: '2026-11-26' })], now, { sent: ['r1:ending:2026-11-26:14'] })).toEqual([]);
  });

  it('is raised for pending and unknown people, not for people no longer on the page', () => {
    expect(kinds(due([invitation({ endsOn: '2026-11-23' }, new Date('2026-11-15T09:00:00Z'))], now))).toEqual(['access-ending']);
    expect(kinds(due([member({ endsOn: '2026-11-23', pageState: 'unknown', acceptedAt: undefined })], now))).toEqual(['access-ending']);
    expect(due([member({ endsOn: '2026-11-23', pageState: 'absent' })], now)).toEqual([]);
  });

  it('is never due before the invitation was sent', () => {
    // Invited 3 days before the end: the 7-day stage's day came before the invitation did.
    const [r] = due([member({ endsOn: '2026-11-19' }, new Date('2026-11-16T08:30:00Z'))], now);
    expect(r?.key).toBe('r1:ending:2026-11-19:7');
    expect(r?.dueAt).toBe('2026-11-16T08:30:00.000Z');
  });

  it('raises each stage once on its own day when checked daily, then the ended reminder', () => {
    const log = simulate([member({ endsOn: '2026-11-30' })], '2026-11-01T09:00:00Z', '2026-12-31T09:00:00Z', DAY);
    expect(log.map((l) => [l.at.slice(0, 10), keys(l.raised)])).toEqual([
      ['2026-11-16', ['r1:ending:2026-11-30:14']],
      ['2026-11-23', ['r1:ending:2026-11-30:7']],
      ['2026-11-29', ['r1:ending:2026-11-30:1']],
      ['2026-11-30', ['r1:ending:2026-11-30:0']],
      ['2026-12-01', ['r1:ended:2026-11-30']],
    ]);
  });

  it('with custom lead times [30, 3], reminds 30 and 3 days before only', () => {
    const policy = policyOf({ reminderLeadDays: [3, 30] });
    const log = simulate([member({ endsOn: '2026-12-31' })], '2026-11-01T09:00:00Z', '2026-12-31T09:00:00Z', DAY, { policy });
    expect(log.map((l) => [l.at.slice(0, 10), keys(l.raised)])).toEqual([
      ['2026-12-01', ['r1:ending:2026-12-31:30']],
      ['2026-12-28', ['r1:ending:2026-12-31:3']],
    ]);
    expect(due([member({ endsOn: '2026-12-31' })], '2026-11-30T23:59:00Z', { policy })).toEqual([]);
    // On the last day, the latest stage is still the 3-day one: no stage 0 in this policy.
    expect(keys(due([member({ endsOn: '2026-12-31' })], '2026-12-31T12:00:00Z', { policy }))).toEqual(['r1:ending:2026-12-31:3']);
  });

  it('restarts after the end date is extended', () => {
    const before = member({ endsOn: '2026-11-23' });
    const sent = keys(due([before], now));
    expect(sent).toEqual(['r1:ending:2026-11-23:7']);
    const extended = editNote(before, { reason: 'Quarterly audit', endsOn: '2026-12-23' }, new Date(now));
    expect(extended.endsOn).toBe('2026-12-23');
    expect(due([extended], now, { sent })).toEqual([]); // 37 days left: nothing yet
    expect(keys(due([extended], '2026-12-09T10:00:00Z', { sent }))).toEqual(['r1:ending:2026-12-23:14']);
    // Extended by only a few days: the new date's current stage at once.
    const nudged = editNote(before, { reason: 'Quarterly audit', endsOn: '2026-11-28' }, new Date(now));
    expect(keys(due([nudged], now, { sent }))).toEqual(['r1:ending:2026-11-28:14']);
  });
});

describe('access-ended-still-present', () => {
  const now = '2026-12-02T12:00:00Z';

  it('is due the day after the end date while the page shows a member', () => {
    expect(due([member({ endsOn: '2026-12-01' })], now)).toEqual([
      {
        key: 'r1:ended:2026-12-01',
        kind: 'access-ended-still-present',
        recordId: 'r1',
        recordIds: ['r1'],
        email: 'jane@acme.com',
        region: 'us',
        organization: 'Acme',
        title: 'Access ended, still a member',
        message: 'Access for jane@acme.com ended on 2026-12-01 but they are still a member — remove them in Mixpanel or extend',
        dueAt: '2026-12-02T00:00:00.000Z',
      },
    ]);
  });

  it('counts an unknown page state as present only when the invitation was accepted', () => {
    expect(kinds(due([member({ endsOn: '2026-11-20', pageState: 'unknown' })], now))).toEqual(['access-ended-still-present']);
    expect(due([member({ endsOn: '2026-11-20', pageState: 'unknown', acceptedAt: undefined })], now)).toEqual([]);
  });

  it('is not due once the person is gone from the page', () => {
    expect(due([member({ endsOn: '2026-11-20', pageState: 'absent' })], now)).toEqual([]);
  });

  it('tells to delete, not resend, a still-pending invitation whose access has ended', () => {
    const [r] = due([invitation({ endsOn: '2026-11-20' }, new Date('2026-11-18T09:00:00Z'))], now);
    expect(r?.kind).toBe('invite-expired');
    expect(r?.message).toContain('access ended on 2026-11-20 — delete the invitation');
    expect(r?.message).not.toContain('send a new one');
  });
});

describe('revoked records', () => {
  it('get no reminder of any kind, and do not count for the review or the badge', () => {
    const now = new Date('2026-12-02T12:00:00Z');
    const records = [
      revoke(member({ id: 'a', endsOn: '2026-12-02', orgRole: 'admin' }, new Date('2026-01-10T00:00:00Z')), now),
      revoke(member({ id: 'b', endsOn: '2026-11-20' }), now),
      revoke(invitation({ id: 'c' }, new Date('2026-11-20T00:00:00Z')), now),
      revoke(invitation({ id: 'd' }, new Date('2026-11-28T00:00:00Z')), now),
    ];
    expect(due(records, now)).toEqual([]);
    expect(needsAttention(records, POLICY, now)).toEqual([]);
  });
});

describe('pending invitations', () => {
  const sentAt = new Date('2026-11-10T09:00:00Z');
  const pending = invitation({}, sentAt);
  const at = (ms: number) => new Date(sentAt.getTime() + ms);

  it('needs a follow-up at 72 hours, not at 71 h 59 min', () => {
    expect(due([pending], at(72 * HOUR - MINUTE))).toEqual([]);
    const [r] = due([pending], at(72 * HOUR));
    expect(r).toMatchObject({ key: 'r1:follow-up', kind: 'invite-follow-up', recordId: 'r1', dueAt: '2026-11-13T09:00:00.000Z' });
    expect(r?.message).toContain('jane@acme.com');
    expect(r?.message).toContain('sent 2026-11-10');
  });

  it('is expiring 23 hours before its expiry, still only a follow-up 25 hours before', () => {
    const expires = 7 * DAY;
    expect(kinds(due([pending], at(expires - 25 * HOUR)))).toEqual(['invite-follow-up']);
    const [r] = due([pending], at(expires - 23 * HOUR));
    expect(r).toMatchObject({ key: 'r1:invite-expiring', kind: 'invite-expiring', dueAt: '2026-11-16T09:00:00.000Z' });
    expect(r?.message).toContain('resend');
    expect(kinds(due([pending], at(expires - 1)))).toEqual(['invite-expiring']);
  });

  it('is expired once the policy lifetime has passed: delete and resend', () => {
    const [r] = due([pending], at(7 * DAY));
    expect(r).toMatchObject({ key: 'r1:invite-expired', kind: 'invite-expired', title: 'Invitation expired', dueAt: '2026-11-17T09:00:00.000Z' });
    expect(r?.message).toBe('The invitation to jane@acme.com (sent 2026-11-10) has expired (invitations last 7 days) — delete it and send a new one in Mixpanel');
  });

  it('follows the policy lifetime', () => {
    const policy = policyOf({ inviteExpiryDays: 14 });
    expect(kinds(due([pending], at(7 * DAY), { policy }))).toEqual(['invite-follow-up']);
    expect(kinds(due([pending], at(13 * DAY + HOUR), { policy }))).toEqual(['invite-expiring']);
    expect(kinds(due([pending], at(14 * DAY), { policy }))).toEqual(['invite-expired']);
    // A 3-day lifetime ends when the follow-up would come: only the expiry is raised.
    expect(kinds(due([pending], at(72 * HOUR), { policy: policyOf({ inviteExpiryDays: 3 }) }))).toEqual(['invite-expired']);
    // A 1-day invitation is never "expiring" from the moment it is sent.
    const oneDay = policyOf({ inviteExpiryDays: 1 });
    expect(due([pending], at(MINUTE), { policy: oneDay })).toEqual([]);
    expect(due([pending], at(23 * HOUR), { policy: oneDay })).toEqual([]);
    expect(kinds(due([pending], at(24 * HOUR), { policy: oneDay }))).toEqual(['invite-expired']);
  });

  it('raises follow-up, expiring and expired in turn when checked hourly', () => {
    const log = simulate([pending], sentAt.toISOString(), at(30 * DAY).toISOString(), HOUR);
    expect(log.map((l) => [l.at, keys(l.raised)])).toEqual([
      ['2026-11-13T09:00:00.000Z', ['r1:follow-up']],
      ['2026-11-16T09:00:00.000Z', ['r1:invite-expiring']],
      ['2026-11-17T09:00:00.000Z', ['r1:invite-expired']],
    ]);
  });

  it('once a later stage was raised, never raises an earlier one', () => {
    expect(due([pending], at(7 * DAY + HOUR), { sent: ['r1:invite-expired'] })).toEqual([]);
    expect(due([pending], at(6 * DAY + HOUR), { sent: ['r1:invite-expiring'] })).toEqual([]);
  });

  it('is not raised for accepted, absent or unknown invitations', () => {
    for (const pageState of ['member', 'absent', 'unknown'] as const) {
      expect(due([invitation({ pageState }, sentAt)], at(30 * DAY))).toEqual([]);
    }
  });

  it('starts afresh after the invitation is resent', () => {
    const resentAt = at(8 * DAY).toISOString();
    const resent = { ...pending, history: [...pending.history, { at: resentAt, type: 'resent' as const }] };
    const sent = ['r1:follow-up', 'r1:invite-expiring', 'r1:invite-expired'];
    expect(due([resent], at(8 * DAY + 71 * HOUR), { sent })).toEqual([]);
    expect(keys(due([resent], at(8 * DAY + 72 * HOUR), { sent }))).toEqual([`r1:follow-up:${resentAt}`]);
    expect(keys(due([resent], at(15 * DAY), { sent }))).toEqual([`r1:invite-expired:${resentAt}`]);
  });
});

describe('dates', () => {
  it('handles a leap day as the end date', () => {
    const record = member({ endsOn: '2028-02-29' }, new Date('2027-12-01T00:00:00Z'));
    expect(keys(due([record], '2028-02-15T10:00:00Z'))).toEqual(['r1:ending:2028-02-29:14']);
    expect(keys(due([record], '2028-02-22T10:00:00Z'))).toEqual(['r1:ending:2028-02-29:7']);
    expect(keys(due([record], '2028-02-28T10:00:00Z'))).toEqual(['r1:ending:2028-02-29:1']);
    expect(keys(due([record], '2028-02-29T10:00:00Z'))).toEqual(['r1:ending:2028-02-29:0']);
    const [ended] = due([record], '2028-03-01T10:00:00Z');
    expect(ended).toMatchObject({ key: 'r1:ended:2028-02-29', dueAt: '2028-03-01T00:00:00.000Z' });
    expect(ended?.message).toContain('ended on 2028-02-29');
  });

  it('counts across a leap day', () => {
    const record = member({ endsOn: '2028-03-01' }, new Date('2027-12-01T00:00:00Z'));
    expect(keys(due([record], '2028-02-29T10:00:00Z'))).toEqual(['r1:ending:2028-03-01:1']);
    expect(keys(due([record], '2028-02-23T10:00:00Z'))).toEqual(['r1:ending:2028-03-01:7']);
    expect(due([record], '2028-02-15T10:00:00Z')).toEqual([]); // 15 days
  });

  it('counts across a year boundary', () => {
    const record = member({ endsOn: '2027-01-03' });
    expect(keys(due([record], '2026-12-20T10:00:00Z'))).toEqual(['r1:ending:2027-01-03:14']);
    expect(keys(due([record], '2026-12-27T10:00:00Z'))).toEqual(['r1:ending:2027-01-03:7']);
    expect(due([record], '2026-12-19T10:00:00Z')).toEqual([]);
    expect(keys(due([record], '2027-01-04T00:00:00Z'))).toEqual(['r1:ended:2027-01-03']);
  });

  it("uses the admin's calendar day: already tomorrow in Tokyo, still today in Los Angeles", () => {
    const instant = '2026-11-23T23:30:00Z'; // Tokyo 2026-11-24 08:30, Los Angeles 2026-11-23 15:30
    const endsTomorrowUtc = member({ endsOn: '2026-11-25' });
    const tokyo = due([endsTomorrowUtc], instant, { timeZone: 'Asia/Tokyo' });
    const la = due([endsTomorrowUtc], instant, { timeZone: 'America/Los_Angeles' });
    expect(keys(tokyo)).toEqual(['r1:ending:2026-11-25:1']);
    expect(tokyo[0]?.title).toBe('Access ends tomorrow');
    expect(tokyo[0]?.dueAt).toBe('2026-11-23T15:00:00.000Z'); // midnight in Tokyo
    expect(keys(la)).toEqual(['r1:ending:2026-11-25:7']);
    expect(la[0]?.title).toBe('Access ends in 2 days');
    expect(la[0]?.dueAt).toBe('2026-11-18T08:00:00.000Z'); // midnight in Los Angeles (UTC-8)

    const endsToday = member({ endsOn: '2026-11-24' });
    expect(keys(due([endsToday], instant, { timeZone: 'Asia/Tokyo' }))).toEqual(['r1:ending:2026-11-24:0']);
    expect(keys(due([endsToday], instant, { timeZone: 'America/Los_Angeles' }))).toEqual(['r1:ending:2026-11-24:1']);
    // Without a zone, the runtime's (UTC in these tests).
    expect(keys(due([endsToday], instant))).toEqual(['r1:ending:2026-11-24:1']);
  });

  it('starts the day at local midnight in half-hour zones and across daylight saving time', () => {
    const kolkata = due([member({ endsOn: '2026-11-24' })], '2026-11-23T18:30:00Z', { timeZone: 'Asia/Kolkata' });
    expect(kolkata[0]).toMatchObject({ key: 'r1:ending:2026-11-24:0', dueAt: '2026-11-23T18:30:00.000Z' });
    expect(due([member({ endsOn: '2026-11-24' })], '2026-11-23T18:29:00Z', { timeZone: 'Asia/Kolkata' })[0]?.key).toBe('r1:ending:2026-11-24:1');
    // New York: UTC-4 in summer, UTC-5 in winter.
    expect(due([member({ endsOn: '2026-07-15' })], '2026-07-15T12:00:00Z', { timeZone: 'America/New_York' })[0]?.dueAt).toBe('2026-07-15T04:00:00.000Z');
    expect(due([member({ endsOn: '2026-12-15' })], '2026-12-15T12:00:00Z', { timeZone: 'America/New_York' })[0]?.dueAt).toBe('2026-12-15T05:00:00.000Z');
  });
});

describe('a browser closed for a month', () => {
  it('raises only the latest stage of each rule, once', () => {
    const records = [
      member({ id: 'ending', endsOn: '2026-12-18' }), // checked 2026-11-01 (47 days), then 2026-12-17 (1 day)
      member({ id: 'ended', endsOn: '2026-12-10' }),
      member({ id: 'gone', endsOn: '2026-12-10', pageState: 'absent' }),
      invitation({ id: 'pending' }, new Date('2026-10-31T09:00:00Z')),
    ];
    expect(due(records, '2026-11-01T09:00:00Z')).toEqual([]);
    const later = due(records, '2026-12-17T09:00:00Z');
    expect(keys(later)).toEqual(['pending:invite-expired', 'ended:ended:2026-12-10', 'ending:ending:2026-12-18:1']);
    expect(due(records, '2026-12-17T09:00:00Z', { sent: keys(later) })).toEqual([]);
    expect(due(records, '2026-12-17T21:00:00Z', { sent: keys(later) })).toEqual([]);
    // The next day brings the next stage of the ending record, and nothing else.
    expect(keys(due(records, '2026-12-18T09:00:00Z', { sent: keys(later) }))).toEqual(['ending:ending:2026-12-18:0']);
  });

  it('never raises more than one reminder per record and rule per check, nor one before its day (weekly checks)', () => {
    const record = member({ endsOn: '2026-12-31' });
    const log = simulate([record], '2026-11-01T09:00:00Z', '2027-01-31T09:00:00Z', 7 * DAY);
    for (const { raised } of log) expect(raised).toHaveLength(1);
    expect(log.map((l) => [l.at.slice(0, 10), keys(l.raised)])).toEqual([
      ['2026-12-20', ['r1:ending:2026-12-31:14']], // 11 days left
      ['2026-12-27', ['r1:ending:2026-12-31:7']], // 4 days left
      ['2027-01-03', ['r1:ended:2026-12-31']],
    ]);
  });
});

describe('already sent', () => {
  it('returns nothing when the same call is repeated with the keys it returned', () => {
    const records = [
      member({ id: 'a', endsOn: '2026-11-20' }),
      member({ id: 'b', endsOn: '2026-11-10' }),
      invitation({ id: 'c' }, new Date('2026-11-12T00:00:00Z')),
      member({ id: 'd', orgRole: 'admin' }),
    ];
    const now = '2026-11-16T12:00:00Z';
    const first = due(records, now);
    expect(kinds(first).sort()).toEqual(['access-ended-still-present', 'access-ending', 'access-review', 'invite-follow-up']);
    expect(due(records, now, { sent: keys(first) })).toEqual([]);
    expect(dueReminders(records, new Set(keys(first)), POLICY, new Date(now))).toEqual([]);
  });

  it('sorts by due time, then key', () => {
    const records = [
      member({ id: 'z', endsOn: '2026-11-16' }),
      member({ id: 'a', endsOn: '2026-11-16' }),
      member({ id: 'm', endsOn: '2026-11-25' }), // 14-day stage, due 2026-11-11
      invitation({ id: 'p' }, new Date('2026-11-12T10:00:00Z')), // follow-up due 2026-11-15T10:00
    ];
    const reminders = due(records, '2026-11-16T12:00:00Z');
    expect(keys(reminders)).toEqual(['m:ending:2026-11-25:14', 'p:follow-up', 'a:ending:2026-11-16:0', 'z:ending:2026-11-16:0']);
    expect(keys(due([...records].reverse(), '2026-11-16T12:00:00Z'))).toEqual(keys(reminders));
  });
});

describe('access-review', () => {
  const q3 = new Date('2026-08-01T10:00:00Z');
  const reviewed = [
    member({ id: 'org-admin', email: 'raj@acme.com', orgRole: 'admin' }, q3),
    member({ id: 'billing', email: 'priya@acme.com', orgRole: 'billing-admin' }, q3),
    member({ id: 'prod-owner', email: 'li@acme.com', projects: [{ name: 'Prod EU', role: 'owner' }] }, q3),
    member({ id: 'personal', email: 'marco.rossi@gmail.com' }, q3),
    invitation({ id: 'pending-admin', email: 'new.admin@acme.com', orgRole: 'admin' }, q3),
  ];
  const notReviewed = [
    member({ id: 'internal', email: 'jane@acme.com' }, q3),
    member({ id: 'prod-analyst', email: 'sam@acme.com', projects: [{ name: 'Production', role: 'analyst' }] }, q3),
    member({ id: 'product-admin', email: 'kim@acme.com', projects: [{ name: 'Product analytics', role: 'admin' }] }, q3),
    member({ id: 'absent-admin', email: 'old@acme.com', orgRole: 'admin', pageState: 'absent' }, q3),
    revoke(member({ id: 'revoked-admin', email: 'gone@acme.com', orgRole: 'owner' }, q3), new Date('2026-09-01T00:00:00Z')),
  ];
  const all = [...notReviewed, ...reviewed];

  it('is due on the first day of a quarter, not before, as one reminder for everyone concerned', () => {
    expect(reviews(due(all, '2026-09-30T23:59:59.999Z'))).toEqual([]);
    expect(reviews(due(all, '2026-10-01T00:00:00Z'))).toEqual([
      {
        key: 'review:2026-Q4',
        kind: 'access-review',
        recordIds: ['billing', 'org-admin', 'pending-admin', 'personal', 'prod-owner'],
        title: 'Quarterly access review (2026 Q4)',
        message:
          'Quarterly access review: 5 people with elevated or outside access — confirm each still needs it, and remove or downgrade the rest in Mixpanel',
        dueAt: '2026-10-01T00:00:00.000Z',
      },
    ]);
    expect(keys(reviews(due(all, '2026-12-31T23:00:00Z')))).toEqual(['review:2026-Q4']);
    expect(reviews(due(all, '2026-12-31T23:00:00Z', { sent: ['review:2026-Q4'] }))).toEqual([]);
    expect(keys(reviews(due(all, '2027-01-01T00:00:00Z', { sent: ['review:2026-Q4'] })))).toEqual(['review:2027-Q1']);
  });

  it('is not raised for an internal member-role person alone', () => {
    expect(due(notReviewed, '2026-10-01T10:00:00Z')).toEqual([]);
  });

  it('includes addresses outside the allowed domains when there are any', () => {
    const outsider = member({ id: 'agency', email: 'tom@brightlane-agency.io' }, q3);
    const sub = member({ id: 'sub', email: 'ops@eu.acme.com' }, q3);
    expect(reviews(due([outsider, sub], '2026-10-01T10:00:00Z'))).toEqual([]);
    const policy = policyOf({ allowedDomains: ['acme.com'] });
    const [r] = reviews(due([outsider, sub], '2026-10-01T10:00:00Z', { policy }));
    expect(r?.recordIds).toEqual(['agency']);
    expect(r?.message).toContain('1 person with elevated or outside access');
  });

  it('holds a snoozed record\'s reminders until the snooze ends, then raises the latest stage', () => {
    const ending = { ...member({ id: 'snz', email: 'tom@brightlane-agency.io' }, q3), endsOn: '2026-10-10', snoozedUntil: '2026-10-06' };
    expect(due([ending], '2026-10-05T10:00:00Z').filter((r) => r.kind !== 'access-review')).toEqual([]);
    expect(due([ending], '2026-10-06T10:00:00Z').filter((r) => r.kind !== 'access-review').map((r) => r.key)).toEqual(['snz:ending:2026-10-10:7']);
  });

  it('counts SSO domains as the organization\'s own', () => {
    const sso = member({ id: 'sso', email: 'lee@acme-sso.com' }, q3);
    expect(reviews(due([sso], '2026-10-01T10:00:00Z', { policy: policyOf({ allowedDomains: ['acme.com'], ssoDomains: ['acme-sso.com'] }) }))).toEqual([]);
    expect(reviews(due([sso], '2026-10-01T10:00:00Z', { policy: policyOf({ allowedDomains: ['acme.com'] }) }))).toHaveLength(1);
  });

  it('counts a person with several records once', () => {
    const records = [
      member({ id: 'x1', email: 'raj@acme.com', orgRole: 'admin' }, q3),
      member({ id: 'x2', email: 'Raj@acme.com', projects: [{ name: 'prod', role: 'admin' }] }, q3),
    ];
    const [r] = reviews(due(records, '2026-10-01T10:00:00Z'));
    expect(r?.recordIds).toEqual(['x1', 'x2']);
    expect(r?.message).toContain('1 person with');
  });

  it('waits for the next quarter for records invited during the current one', () => {
    const during = member({ id: 'late', email: 'late@acme.com', orgRole: 'admin' }, new Date('2026-10-05T10:00:00Z'));
    expect(reviews(due([during], '2026-11-01T10:00:00Z'))).toEqual([]);
    expect(reviews(due([...reviewed, during], '2026-11-01T10:00:00Z'))[0]?.recordIds).not.toContain('late');
    expect(reviews(due([during], '2027-01-01T00:00:00Z'))[0]?.recordIds).toEqual(['late']);
  });

  it('after a whole quarter closed, raises only the current quarter', () => {
    expect(keys(reviews(due(reviewed, '2027-02-10T10:00:00Z', { sent: ['review:2026-Q3'] })))).toEqual(['review:2027-Q1']);
  });

  it("starts the quarter in the admin's zone", () => {
    const instant = '2026-09-30T20:00:00Z'; // 2026-10-01 05:00 in Tokyo
    expect(reviews(due(reviewed, instant, { timeZone: 'Asia/Tokyo' }))[0]).toMatchObject({ key: 'review:2026-Q4', dueAt: '2026-09-30T15:00:00.000Z' });
    expect(reviews(due(reviewed, instant, { timeZone: 'America/Los_Angeles' }))).toEqual([]);
  });
});

describe('needsAttention', () => {
  const now = new Date('2026-11-16T12:00:00Z');
  const flagged = [
    member({ id: 'ending-14', endsOn: '2026-11-30' }),
    member({ id: 'ending-0', endsOn: '2026-11-16' }),
    invitation({ id: 'ending-pending', endsOn: '2026-11-20' }, new Date('2026-11-15T10:00:00Z')),
    member({ id: 'ended-present', endsOn: '2026-11-10' }),
    invitation({ id: 'pending-72h' }, new Date(now.getTime() - 72 * HOUR)),
    invitation({ id: 'expired' }, new Date('2026-10-01T00:00:00Z')),
  ];
  const calm = [
    member({ id: 'ending-15', endsOn: '2026-12-01' }),
    member({ id: 'permanent' }),
    member({ id: 'ended-absent', endsOn: '2026-11-10', pageState: 'absent' }),
    invitation({ id: 'pending-71h' }, new Date(now.getTime() - 71 * HOUR)),
    revoke(member({ id: 'revoked', endsOn: '2026-11-16' }), now),
    member({ id: 'admin', orgRole: 'admin' }, new Date('2025-01-01T00:00:00Z')), // only the review
  ];

  it('flags what needs the admin now, in the order given, whatever was already reminded', () => {
    const records = [calm[0]!, ...flagged, ...calm.slice(1)];
    expect(needsAttention(records, POLICY, now).map((r) => r.id)).toEqual(flagged.map((r) => r.id));
  });

  it('uses the first lead time of the policy', () => {
    const policy = policyOf({ reminderLeadDays: [30, 3] });
    expect(needsAttention([member({ endsOn: '2026-12-16' })], policy, now)).toHaveLength(1);
    expect(needsAttention([member({ endsOn: '2026-12-17' })], policy, now)).toHaveLength(0);
  });

  it("uses the admin's zone", () => {
    const record = member({ endsOn: '2026-11-30' });
    const instant = new Date('2026-11-15T23:30:00Z');
    expect(needsAttention([record], POLICY, instant, { timeZone: 'Asia/Tokyo' })).toHaveLength(1);
    expect(needsAttention([record], POLICY, instant, { timeZone: 'America/Los_Angeles' })).toHaveLength(0);
  });
});

describe('properties', () => {
  const MIN = Date.parse('2025-01-01T00:00:00Z');
  const MAX = Date.parse('2029-12-31T00:00:00Z');
  const instant = fc.integer({ min: MIN, max: MAX }).map((ms) => new Date(ms));
  const day = fc.integer({ min: MIN, max: MAX }).map((ms) => new Date(ms).toISOString().slice(0, 10));

  const recordArb = fc
    .record({
      id: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
      email: fc.constantFrom('jane@acme.com', 'tom@agency.io', 'x@gmail.com', 'ops@eu.acme.com'),
      orgRole: fc.constantFrom(...ORG_ROLES),
      projects: fc.array(fc.record({ name: fc.constantFrom('Prod', 'Staging', 'Product analytics'), role: fc.constantFrom(...PROJECT_ROLES) }), { maxLength: 3 }),
      endsOn: fc.option(day, { nil: undefined }),
      invitedBefore: fc.integer({ min: 0, max: 400 * DAY }),
      pageState: fc.constantFrom('pending', 'member', 'absent', 'unknown'),
      accepted: fc.boolean(),
      revoked: fc.boolean(),
      resentAfter: fc.option(fc.integer({ min: 0, max: 30 * DAY }), { nil: undefined }),
    })
    .map((g) => (now: Date): AccessRecord => {
      const invitedAt = new Date(now.getTime() - g.invitedBefore);
      let record = invitation({ id: g.id, email: g.email, orgRole: g.orgRole, projects: g.projects, endsOn: g.endsOn, pageState: g.pageState }, invitedAt);
      if (g.accepted) record = { ...record, acceptedAt: invitedAt.toISOString() };
      if (g.revoked) record = { ...record, revokedAt: now.toISOString() };
      if (g.resentAfter !== undefined && g.resentAfter <= g.invitedBefore) {
        record = { ...record, history: [...record.history, { at: new Date(invitedAt.getTime() + g.resentAfter).toISOString(), type: 'resent' }] };
      }
      return record;
    });

  const policyArb = fc
    .record({
      reminderLeadDays: fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 5 }),
      inviteExpiryDays: fc.integer({ min: 1, max: 30 }),
      allowedDomains: fc.constantFrom<string[]>([], ['acme.com']),
    })
    .map((input) => policyOf(input));

  it('never raises a key twice, nor again once sent, nor before it is due', () => {
    fc.assert(
      fc.property(
        fc.array(recordArb, { maxLength: 8 }),
        instant,
        policyArb,
        fc.array(fc.constantFrom('a:follow-up', 'b:invite-expired', 'review:2027-Q1', 'c:ending:2027-01-01:7'), { maxLength: 3 }),
        fc.constantFrom(undefined, 'Asia/Tokyo', 'America/Los_Angeles', 'Asia/Kolkata'),
        (makers, now, policy, sent, timeZone) => {
          const records = makers.map((make) => make(now));
          const options = timeZone ? { timeZone } : {};
          const first = dueReminders(records, sent, policy, now, options);
          const firstKeys = keys(first);
          expect(new Set(firstKeys).size).toBe(firstKeys.length);
          for (const r of first) {
            expect(sent).not.toContain(r.key);
            expect(Date.parse(r.dueAt)).toBeLessThanOrEqual(now.getTime());
          }
          const again = dueReminders(records, new Set([...sent, ...firstKeys]), policy, now, options);
          expect(again).toEqual([]);
          // Deterministic: the same inputs give the same answer, in the same order.
          expect(dueReminders(records, sent, policy, now, options)).toEqual(first);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('flags every record that has a reminder due, review aside', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 8 }), instant, policyArb, (makers, now, policy) => {
        const records = makers.map((make) => make(now));
        const flagged = new Set(needsAttention(records, policy, now));
        for (const r of dueReminders(records, [], policy, now)) {
          if (r.kind === 'access-review') continue;
          expect(records.some((rec) => rec.id === r.recordId && flagged.has(rec))).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});

// Keeps the kinds list honest: every kind appears somewhere above.
const _everyKind: Record<ReminderKind, true> = {
  'access-ending': true,
  'access-ended-still-present': true,
  'invite-follow-up': true,
  'invite-expiring': true,
  'invite-expired': true,
  'access-review': true,
};
void _everyKind;
