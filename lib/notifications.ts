// What the browser shows for the reminders one sweep raises, and where a click on it leads. Pure:
// the background creates the notifications and opens the tab. A few reminders are shown one by
// one; more than that (a log imported with thousands of overdue invitations, a browser closed for
// weeks) become one summary that sends the admin to the popup's list: thousands of notifications
// would bury the admin and hold the browser for a minute while it draws each one.
import type { Reminder, ReminderKind } from './reminders';
import { REGIONS, type Region } from './record-vocabulary';

/** More reminders than this in one sweep are summed up in one notification. */
export const MAX_SEPARATE_NOTIFICATIONS = 3;

export interface NotificationSpec {
  /** `region|reminder key` for one reminder, `summary|…` for several. */
  id: string;
  title: string;
  message: string;
}

export type NotificationTarget = { open: 'members'; region: Region } | { open: 'popup' };

const SUMMARY = 'summary';

/** How the summary counts each kind: singular and plural. */
const KIND_COUNTS: Record<ReminderKind, [string, string]> = {
  'access-ending': ['grant ending soon', 'grants ending soon'],
  'access-ended-still-present': ['grant ended, still a member', 'grants ended, still members'],
  'invite-follow-up': ['invitation still pending', 'invitations still pending'],
  'invite-expiring': ['invitation expiring within a day', 'invitations expiring within a day'],
  'invite-expired': ['invitation expired', 'invitations expired'],
  'access-review': ['access review due', 'access reviews due'],
};

const count = (n: number) => n.toLocaleString('en-US');

/** The notifications for the reminders of one sweep, in their order (most overdue first). */
export function notificationsFor(reminders: readonly Reminder[], max = MAX_SEPARATE_NOTIFICATIONS): NotificationSpec[] {
  if (reminders.length <= max) {
    return reminders.map((r) => ({
      id: `${r.region ?? 'us'}|${r.key}`,
      title: r.title,
      message: r.organization ? `${r.message} (${r.organization})` : r.message,
    }));
  }
  const byKind = new Map<ReminderKind, number>();
  for (const r of reminders) byKind.set(r.kind, (byKind.get(r.kind) ?? 0) + 1);
  const parts = [...byKind].map(([kind, n]) => `${count(n)} ${KIND_COUNTS[kind][n === 1 ? 0 : 1]}`);
  return [
    {
      // The first key makes the id differ from one sweep's summary to the next, so a new one shows.
      id: `${SUMMARY}|${reminders[0]!.key}`,
      title: `${count(reminders.length)} access reminders`,
      message: `${parts.join(', ')}. Open Invite Guard to review them.`,
    },
  ];
}

/** Where a click on the notification with this id leads. */
export function notificationTarget(id: string): NotificationTarget {
  const head = id.split('|', 1)[0] ?? '';
  if (head === SUMMARY) return { open: 'popup' };
  const region = REGIONS.find((r) => r === head);
  return { open: 'members', region: region ?? 'us' };
}
