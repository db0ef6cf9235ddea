// What a sweep's reminders show as notifications, and where a click on one leads.
import { describe, expect, it } from 'vitest';
import { MAX_SEPARATE_NOTIFICATIONS, notificationTarget, notificationsFor } from '../lib/notifications';
import type { Reminder, ReminderKind } from '../lib/reminders';

function reminder(i: number, kind: ReminderKind = 'invite-follow-up', extra: Partial<Reminder> = {}): Reminder {
  return {
    key: `r${i}:${kind}`,
    kind,
    recordId: `r${i}`,
    recordIds: [`r${i}`],
    email: `person.${i}@brightlane-agency.io`,
    title: 'Invitation still pending',
    message: `person.${i}@brightlane-agency.io has not accepted yet`,
    dueAt: '2026-11-26T10:00:00.000Z',
    ...extra,
  };
}

describe('notificationsFor', () => {
  it('shows each of a few reminders on its own, keyed by region and reminder, with the organization', () => {
    const shown = notificationsFor([reminder(1, 'access-ending', { region: 'eu', organization: 'Acme Analytics', title: 'Access ends in 7 days' }), reminder(2)]);
    expect(shown).toEqual([
      { id: 'eu|r1:access-ending', title: 'Access ends in 7 days', message: 'person.1@brightlane-agency.io has not accepted yet (Acme Analytics)' },
      { id: 'us|r2:invite-follow-up', title: 'Invitation still pending', message: 'person.2@brightlane-agency.io has not accepted yet' },
    ]);
  });

  it('shows up to the limit separately, and nothing for no reminders', () => {
    expect(notificationsFor([])).toEqual([]);
    const limit = Array.from({ length: MAX_SEPARATE_NOTIFICATIONS }, (_, i) => reminder(i));
    expect(notificationsFor(limit).map((n) => n.id)).toEqual(limit.map((r) => `us|${r.key}`));
  });

  it('sums up more than the limit in one notification that counts them by kind', () => {
    const many = [
      ...Array.from({ length: 4980 }, (_, i) => reminder(i)),
      ...Array.from({ length: 20 }, (_, i) => reminder(10_000 + i, 'access-ending')),
      reminder(20_000, 'invite-expired'),
    ];
    expect(notificationsFor(many)).toEqual([
      {
        id: 'summary|r0:invite-follow-up',
        title: '5,001 access reminders',
        message: '4,980 invitations still pending, 20 grants ending soon, 1 invitation expired. Open Invite Guard to review them.',
      },
    ]);
  });

  it('takes its limit as an argument', () => {
    expect(notificationsFor([reminder(1), reminder(2)], 1)).toHaveLength(1);
    expect(notificationsFor([reminder(1), reminder(2)], 1)[0]!.id).toBe('summary|r1:invite-follow-up');
  });
});

describe('notificationTarget', () => {
  it('leads a reminder to the Members page of its region, and a summary to the popup', () => {
    expect(notificationTarget('eu|r1:access-ending')).toEqual({ open: 'members', region: 'eu' });
    expect(notificationTarget('in|r1:access-ending')).toEqual({ open: 'members', region: 'in' });
    expect(notificationTarget('us|r1:access-ending')).toEqual({ open: 'members', region: 'us' });
    expect(notificationTarget('summary|r1:invite-follow-up')).toEqual({ open: 'popup' });
  });

  it('leads an id it does not know to the US Members page', () => {
    expect(notificationTarget('')).toEqual({ open: 'members', region: 'us' });
    expect(notificationTarget('mars|x')).toEqual({ open: 'members', region: 'us' });
  });

  it('leads every notification it made back to where the reminder belongs', () => {
    for (const region of ['us', 'eu', 'in'] as const) {
      const [one] = notificationsFor([reminder(1, 'access-ending', { region })]);
      expect(notificationTarget(one!.id)).toEqual({ open: 'members', region });
    }
    const [summary] = notificationsFor(Array.from({ length: 10 }, (_, i) => reminder(i, 'access-ending', { region: 'eu' })));
    expect(notificationTarget(summary!.id)).toEqual({ open: 'popup' });
  });
});
