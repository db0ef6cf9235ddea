// Replies from the background as the content script reads them: checked by hand, because zod is
// too heavy for a script injected into Mixpanel's page (the background checks with zod).
import { ORG_ROLES, PROJECT_ROLES, type OrgRole } from './roles';
import { PAGE_STATES } from './record-vocabulary';
import type { RecordSummary } from './messages';
import type { BulkInviteCsv, BulkInviteCsvError, BulkInviteRow } from './mixpanel/bulk-csv';

/** The most of a Bulk invite CSV the background reads; the content script sends one more to show it was cut. */
export const BULK_CSV_MAX_CHARS = 5_000_000;

/** Replies: `{ ok: true, … }` or `{ ok: false, error }` with a message a person can act on. */
export type Reply<T extends object = object> = ({ ok: true } & T) | { ok: false; error: string; retry?: boolean };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A reply as it arrives in a content script or extension page: checked like any other input. */
export function parseReply(input: unknown): Reply<Record<string, unknown>> {
  if (!isObject(input) || typeof input.ok !== 'boolean') {
    return { ok: false, error: 'Invite Guard’s background sent an unreadable answer.', retry: true };
  }
  const { ok, error, retry, ...rest } = input;
  if (ok) return { ok: true, ...rest };
  return {
    ok: false,
    error: typeof error === 'string' ? error.slice(0, 2000) : 'Invite Guard’s background refused the request.',
    ...(retry === true ? { retry: true } : {}),
  };
}

const optionalText = (value: unknown, max: number): value is string | undefined => value === undefined || (typeof value === 'string' && value.length <= max);

function isSummary(value: unknown): value is RecordSummary {
  if (!isObject(value)) return false;
  return (
    typeof value.id === 'string' &&
    typeof value.email === 'string' &&
    (ORG_ROLES as readonly unknown[]).includes(value.orgRole as OrgRole) &&
    (PAGE_STATES as readonly unknown[]).includes(value.pageState) &&
    optionalText(value.reason, 2000) &&
    optionalText(value.ticket, 200) &&
    optionalText(value.approver, 320) &&
    optionalText(value.endsOn, 10)
  );
}

/** The notes the background keeps for a page; null when the answer is not a list of them. */
export function readRecordSummaries(value: unknown): RecordSummary[] | null {
  return Array.isArray(value) && value.every(isSummary) ? value : null;
}

const isLine = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;
const isText = (value: unknown): value is string => typeof value === 'string';
const isRole = (roles: readonly string[], value: unknown): boolean => value === null || roles.includes(value as string);

function isBulkRow(value: unknown): value is BulkInviteRow {
  return (
    isObject(value) &&
    isLine(value.line) &&
    isText(value.email) &&
    isRole(ORG_ROLES, value.orgRole) &&
    isRole(PROJECT_ROLES, value.projectRole) &&
    Array.isArray(value.projects) &&
    value.projects.every(isText)
  );
}

const isBulkError = (value: unknown): value is BulkInviteCsvError => isObject(value) && isLine(value.line) && isText(value.message);

/** The background's reading of a Bulk invite CSV; null when the answer is not one. */
export function readBulkCsvReply(reply: Record<string, unknown>): BulkInviteCsv | null {
  const { rows, errors } = reply;
  return Array.isArray(rows) && rows.every(isBulkRow) && Array.isArray(errors) && errors.every(isBulkError) ? { rows, errors } : null;
}
