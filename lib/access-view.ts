// The access log as the popup lists it: what needs attention first, then pending invitations, then
// temporary access, then the rest; filtered by text and status.
import { calendarDate, daysFromToday } from './dates';
import { describeGrant, statusWithDaysLeft, type AccessRecord, type RecordStatus } from './records';
import { recordNeedsAttention } from './reminders';
import type { Policy } from './policy-rules';

export type SectionKey = 'attention' | 'pending' | 'temporary' | 'other';

export const SECTION_TITLES: Record<SectionKey, string> = {
  attention: 'Needs attention',
  pending: 'Pending invitations',
  temporary: 'Temporary access',
  other: 'Other access',
};

export interface AccessItem {
  id: string;
  email: string;
  status: RecordStatus;
  /** "Member; Production (analyst)". */
  grant: string;
  endsOn?: string;
  /** Days from today to the end date; negative once ended. */
  daysLeft: number | null;
  reason?: string;
  ticket?: string;
  region: AccessRecord['region'];
  organization: string;
  snoozedUntil?: string;
  /** Why it needs attention, in words, when it does. */
  attention?: string;
}

export interface AccessSection {
  key: SectionKey;
  title: string;
  items: AccessItem[];
  /** How many items the section holds when `items` is only its first screen. */
  total?: number;
}

/** Each section's first `limit` items and its size: what the popup shows before it has every record. */
export function firstScreen(sections: readonly AccessSection[], limit: number): AccessSection[] {
  return sections.map((section) => ({ ...section, items: section.items.slice(0, limit), total: section.items.length }));
}

export interface AccessFilter {
  text: string;
  status: RecordStatus | 'all';
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

function attentionReason(record: AccessRecord, left: number | null, status: RecordStatus, policy: Policy, now: Date): string {
  if (left !== null && left < 0) {
    return `Ended ${plural(-left, 'day')} ago, ${status === 'pending' ? 'invitation still pending' : 'still a member'}`;
  }
  if (left !== null && left <= Math.max(0, ...policy.reminderLeadDays)) return left === 0 ? 'Last day today' : `Ends in ${plural(left, 'day')}`;
  const days = Math.floor((now.getTime() - Date.parse(record.invitedAt)) / 86_400_000);
  return days >= policy.inviteExpiryDays ? `Invitation expired ${plural(days, 'day')} after sending: resend it` : `Invitation pending for ${plural(days, 'day')}: follow up`;
}

/** Sections in order, each sorted by end date then address; empty sections are left out. */
export function accessSections(records: readonly AccessRecord[], policy: Policy, now: Date, filter: AccessFilter, timeZone?: string): AccessSection[] {
  // Today, and each record's days left, are worked out once: status and attention both use them.
  const today = calendarDate(now, timeZone);
  const daysTo = daysFromToday(today);
  const text = filter.text.trim().toLowerCase();
  const sections: Record<SectionKey, AccessItem[]> = { attention: [], pending: [], temporary: [], other: [] };
  for (const record of records) {
    const left = daysTo(record.endsOn);
    const status = statusWithDaysLeft(record, policy, left);
    if (filter.status !== 'all' && status !== filter.status) continue;
    const grant = describeGrant(record.orgRole, record.projects);
    if (text && ![record.email, grant, record.reason ?? '', record.ticket ?? '', record.organization].some((s) => s.toLowerCase().includes(text))) continue;
    const item: AccessItem = {
      id: record.id,
      email: record.email,
      status,
      grant,
      daysLeft: left,
      region: record.region,
      organization: record.organization,
      ...(record.endsOn ? { endsOn: record.endsOn } : {}),
      ...(record.reason ? { reason: record.reason } : {}),
      ...(record.ticket ? { ticket: record.ticket } : {}),
      ...(record.snoozedUntil && record.snoozedUntil > today ? { snoozedUntil: record.snoozedUntil } : {}),
    };
    if (recordNeedsAttention(record, policy, now, today, left)) sections.attention.push({ ...item, attention: attentionReason(record, left, status, policy, now) });
    else if (status === 'pending') sections.pending.push(item);
    else if (record.endsOn && (status === 'active' || status === 'expiring')) sections.temporary.push(item);
    else sections.other.push(item);
  }
  const byEnd = (a: AccessItem, b: AccessItem) => (a.endsOn ?? '9999').localeCompare(b.endsOn ?? '9999') || a.email.localeCompare(b.email);
  return (Object.keys(sections) as SectionKey[])
    .map((key) => ({ key, title: SECTION_TITLES[key], items: sections[key].sort(byEnd) }))
    .filter((section) => section.items.length > 0);
}
