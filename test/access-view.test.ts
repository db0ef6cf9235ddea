import { describe, expect, it } from 'vitest';
import { accessSections, firstScreen } from '../lib/access-view';
import { newRecord, observe, revoke, snooze, type AccessRecord } from '../lib/records';
import { defaultPolicy } from '../lib/policy';

const NOW = new Date('2026-11-23T10:00:00Z');
const policy = defaultPolicy();
const all = { text: '', status: 'all' as const };

function rec(id: string, email: string, note: { endsOn?: string; reason?: string } = {}, member = true, invitedAt = NOW): AccessRecord {
  const r = newRecord({ id, email, orgRole: 'member', projects: [{ name: 'Staging', role: 'analyst' }], note, region: 'us', organization: 'Acme' }, invitedAt);
  return member ? observe(r, { state: 'member' }, invitedAt) : r;
}

const records = [
  rec('ending', 'ending@agency.io', { endsOn: '2026-11-30', reason: 'Audit' }),
  rec('ended', 'ended@agency.io', { endsOn: '2026-11-20' }),
  rec('late', 'late@acme.com', {}, false, new Date('2026-11-19T10:00:00Z')),
  rec('fresh', 'fresh@acme.com', {}, false),
  rec('temp', 'temp@agency.io', { endsOn: '2027-02-01' }),
  rec('perm', 'perm@acme.com'),
  revoke(rec('gone', 'gone@acme.com'), NOW),
];

describe('accessSections', () => {
  it('puts what needs attention first, then pending, temporary and other access', () => {
    const sections = accessSections(records, policy, NOW, all);
    expect(sections.map((s) => [s.key, s.items.map((i) => i.id)])).toEqual([
      ['attention', ['ended', 'ending', 'late']],
      ['pending', ['fresh']],
      ['temporary', ['temp']],
      ['other', ['gone', 'perm']],
    ]);
    const attention = sections[0]!.items;
    expect(attention.map((i) => i.attention)).toEqual(['Ended 3 days ago, still a member', 'Ends in 7 days', 'Invitation pending for 4 days: follow up']);
  });

  it('filters by text (address, reason, roles) and by status', () => {
    expect(accessSections(records, policy, NOW, { text: 'AUDIT', status: 'all' }).flatMap((s) => s.items.map((i) => i.id))).toEqual(['ending']);
    expect(accessSections(records, policy, NOW, { text: '', status: 'revoked' }).flatMap((s) => s.items.map((i) => i.id))).toEqual(['gone']);
    expect(accessSections(records, policy, NOW, { text: 'nobody', status: 'all' })).toEqual([]);
  });

  it('moves a snoozed grant out of the attention list until the snooze ends', () => {
    const snoozed = [snooze(records[0]!, '2026-11-30', NOW)];
    const [section] = accessSections(snoozed, policy, NOW, all);
    expect(section).toMatchObject({ key: 'temporary', items: [{ id: 'ending', snoozedUntil: '2026-11-30' }] });
    expect(accessSections(snoozed, policy, new Date('2026-11-30T10:00:00Z'), all)[0]!.key).toBe('attention');
  });
});

describe('firstScreen', () => {
  it('keeps the first items of each section and says how many there are', () => {
    const item = (id: string) => ({ id, email: `${id}@acme.com`, status: 'active' as const, grant: 'Member', daysLeft: null, region: 'us' as const, organization: 'Acme' });
    const sections = [
      { key: 'pending' as const, title: 'Pending invitations', items: [item('a'), item('b'), item('c')] },
      { key: 'other' as const, title: 'Other access', items: [item('d')] },
    ];
    expect(firstScreen(sections, 2)).toEqual([
      { ...sections[0], items: [item('a'), item('b')], total: 3 },
      { ...sections[1], items: [item('d')], total: 1 },
    ]);
    expect(sections[0]!.items).toHaveLength(3);
  });
});
