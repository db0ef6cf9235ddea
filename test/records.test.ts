import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deriveStatus, editNote, newRecord, observe, parseRecord, remind, revoke, daysLeft, type AccessRecord } from '../lib/records';
import { defaultPolicy, parsePolicy } from '../lib/policy';

const NOW = new Date('2026-11-23T10:00:00Z');
const later = (hours: number) => new Date(NOW.getTime() + hours * 3_600_000);
const policy = defaultPolicy();

function record(overrides: Partial<Parameters<typeof newRecord>[0]> = {}): AccessRecord {
  return newRecord(
    {
      id: 'r1',
      email: ' Ops@Brightlane-Agency.io ',
      displayName: 'Ops Team',
      orgRole: 'member',
      projects: [{ name: 'Production', role: 'analyst' }],
      note: { reason: '  Q1 tracking plan ', ticket: 'SOW-7', endsOn: '2027-01-31' },
      invitedBy: 'dana.whitfield@acme.com',
      region: 'eu',
      organization: 'Acme Analytics',
      ...overrides,
    },
    NOW,
  );
}

describe('newRecord', () => {
  it('records who, what, why, until when and where, with an "invited" event', () => {
    const r = record();
    expect(r).toMatchObject({
      id: 'r1',
      email: 'ops@brightlane-agency.io',
      reason: 'Q1 tracking plan',
      ticket: 'SOW-7',
      endsOn: '2027-01-31',
      invitedBy: 'dana.whitfield@acme.com',
      invitedAt: NOW.toISOString(),
      region: 'eu',
      organization: 'Acme Analytics',
      pageState: 'pending',
    });
    expect(r.history).toEqual([{ at: NOW.toISOString(), type: 'invited', by: 'dana.whitfield@acme.com', detail: 'Member; Production (analyst)' }]);
    expect(parseRecord(r).ok).toBe(true);
  });

  it('leaves out empty note fields instead of storing blanks', () => {
    const r = record({ note: { reason: '  ', approver: '' } });
    expect('reason' in r).toBe(false);
    expect('approver' in r).toBe(false);
    expect('endsOn' in r).toBe(false);
  });
});

describe('editNote', () => {
  it('says what each field was and became', () => {
    const r = editNote(record(), { reason: 'Q1 and Q2 tracking plan', ticket: 'SOW-7', endsOn: '2027-01-31', approver: 'cfo@acme.com' }, later(1), 'raj.patel@acme.com');
    expect(r.reason).toBe('Q1 and Q2 tracking plan');
    expect(r.approver).toBe('cfo@acme.com');
    const event = r.history.at(-1)!;
    expect(event).toMatchObject({ type: 'note-edited', by: 'raj.patel@acme.com' });
    expect(event.detail).toBe('Reason: Q1 tracking plan → Q1 and Q2 tracking plan; Approver: (none) → cfo@acme.com');
  });

  it('calls a new end date alone an extension', () => {
    const r = editNote(record(), { reason: 'Q1 tracking plan', ticket: 'SOW-7', endsOn: '2027-03-31' }, later(1));
    expect(r.history.at(-1)).toMatchObject({ type: 'extended', detail: 'End date: 2027-01-31 → 2027-03-31' });
  });

  it('removes a cleared field, and says so', () => {
    const r = editNote(record(), { reason: 'Q1 tracking plan', ticket: 'SOW-7' }, later(1));
    expect('endsOn' in r).toBe(false);
    expect(r.history.at(-1)!.detail).toBe('End date: 2027-01-31 → (none)');
    expect(parseRecord(r).ok).toBe(true);
  });

  it('changes nothing when nothing changed', () => {
    const r = record();
    expect(editNote(r, { reason: 'Q1 tracking plan ', ticket: 'SOW-7', endsOn: '2027-01-31' }, later(1))).toBe(r);
  });
});

describe('observe', () => {
  it('notes an invitation accepted, once', () => {
    const r = observe(record(), { state: 'member', orgRole: 'member' }, later(5));
    expect(r).toMatchObject({ pageState: 'member', acceptedAt: later(5).toISOString(), pageSeenAt: later(5).toISOString() });
    expect(r.history.map((e) => e.type)).toEqual(['invited', 'accepted']);
    expect(observe(r, { state: 'member', orgRole: 'member' }, later(6))).toBe(r);
  });

  it('notes a role changed in Mixpanel, keeping the old one in the history', () => {
    const accepted = observe(record(), { state: 'member' }, later(5));
    const r = observe(accepted, { state: 'member', orgRole: 'admin' }, later(9));
    expect(r.orgRole).toBe('admin');
    expect(r.history.at(-1)).toMatchObject({ type: 'role-changed', detail: 'Org role Member → Admin' });
  });

  it('notes a member removed, but not a pending invitation that simply is not listed', () => {
    const accepted = observe(record(), { state: 'member' }, later(5));
    expect(observe(accepted, { state: 'absent' }, later(9)).history.at(-1)).toMatchObject({ type: 'removed' });
    const gone = observe(record(), { state: 'absent' }, later(9));
    expect(gone.pageState).toBe('absent');
    expect(gone.history).toHaveLength(1);
  });
});

describe('revoke and remind', () => {
  it('revokes once', () => {
    const r = revoke(record(), later(2), 'dana.whitfield@acme.com', 'Engagement ended');
    expect(r.revokedAt).toBe(later(2).toISOString());
    expect(revoke(r, later(3))).toBe(r);
    expect(r.history.at(-1)).toMatchObject({ type: 'revoked', detail: 'Engagement ended' });
  });

  it('adds a reminded event', () => {
    expect(remind(record(), later(1), 'Access ends in 7 days').history.at(-1)).toMatchObject({ type: 'reminded', detail: 'Access ends in 7 days' });
  });
});

describe('deriveStatus', () => {
  const accepted = (endsOn?: string) => observe(record(endsOn ? { note: { endsOn } } : { note: {} }), { state: 'member' }, NOW);

  it('is pending until the page shows the person as a member', () => {
    expect(deriveStatus(record(), policy, NOW)).toBe('pending');
    expect(deriveStatus(accepted(), policy, NOW)).toBe('active');
  });

  it('is expiring within the first reminder lead time, expired after the end date', () => {
    expect(deriveStatus(accepted('2026-12-08'), policy, NOW)).toBe('active'); // 15 days
    expect(deriveStatus(accepted('2026-12-07'), policy, NOW)).toBe('expiring'); // 14 days
    expect(deriveStatus(accepted('2026-11-23'), policy, NOW)).toBe('expiring'); // last day today
    expect(deriveStatus(accepted('2026-11-22'), policy, NOW)).toBe('expired');
    const custom = parsePolicy({ reminderLeadDays: [30] });
    expect(custom.ok && deriveStatus(accepted('2026-12-20'), custom.policy, NOW)).toBe('expiring');
  });

  it('follows the page: a removed member is revoked, a vanished invitation expired', () => {
    const removed = observe(accepted('2027-01-31'), { state: 'absent' }, NOW);
    expect(deriveStatus(removed, policy, NOW)).toBe('revoked');
    expect(deriveStatus(observe(record(), { state: 'absent' }, NOW), policy, NOW)).toBe('expired');
  });

  it('is expired even while still pending, and revoked above all', () => {
    expect(deriveStatus(record({ note: { endsOn: '2026-11-01' } }), policy, NOW)).toBe('expired');
    expect(deriveStatus(revoke(accepted('2026-11-01'), NOW), policy, NOW)).toBe('revoked');
  });

  it('counts days in the admin\'s time zone', () => {
    const r = accepted('2026-11-23');
    const lateUtc = new Date('2026-11-23T20:00:00Z');
    expect(daysLeft(r, lateUtc, 'America/Los_Angeles')).toBe(0);
    expect(daysLeft(r, lateUtc, 'Asia/Tokyo')).toBe(-1);
    expect(deriveStatus(r, policy, lateUtc, 'Asia/Tokyo')).toBe('expired');
  });
});

describe('parseRecord', () => {
  it('names the field that is wrong', () => {
    const bad = { ...record(), endsOn: '2026-02-30' };
    expect(parseRecord(bad)).toEqual({ ok: false, error: 'endsOn: must be a calendar date (YYYY-MM-DD)' });
    expect(parseRecord({ ...record(), history: [{ at: 'yesterday', type: 'invited' }] })).toMatchObject({ ok: false });
    expect(parseRecord(null)).toMatchObject({ ok: false });
  });

  it('never throws and accepts only what the schema allows', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const result = parseRecord(value);
        expect(typeof result.ok).toBe('boolean');
      }),
    );
  });
});
