// The words of the access log, without its zod schemas (lib/records.ts): the content script uses
// them too.
export const REGIONS = ['us', 'eu', 'in'] as const;
export type Region = (typeof REGIONS)[number];

export const EVENT_TYPES = [
  'invited',
  'resent',
  'accepted',
  'role-changed',
  'reminded',
  'revoked',
  'note-edited',
  'extended',
  'removed',
  'snoozed',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** What the Members page last showed of the person. */
export const PAGE_STATES = ['pending', 'member', 'absent', 'unknown'] as const;
export type PageState = (typeof PAGE_STATES)[number];

export const STATUSES = ['pending', 'active', 'expiring', 'expired', 'revoked'] as const;
export type RecordStatus = (typeof STATUSES)[number];
