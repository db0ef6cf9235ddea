// Replies from the background as the content script reads them: checked by hand, because zod is
// too heavy for a script injected into Mixpanel's page (the background checks with zod).
import { ORG_ROLES, PROJECT_ROLES, type OrgRole } from './roles';
import { PAGE_STATES } from './record-vocabulary';
import type { RecordSummary } from './messages';
import type { BulkInviteCsv, BulkInviteCsvError, BulkInviteRow } from './mixpanel/bulk-csv';
import { FINDING_CODES, SHOWN_ADDRESSES, type Finding } from './checks/types';
import type { AddressFindings, ReportView } from './checks/invitation';

/** The most of a Bulk invite CSV the background reads; the content script sends one more to show it was cut. */
export const BULK_CSV_MAX_CHARS = 5_000_000;

/**
 * The port the sidebar asks its checks on, one per Members page: a message on an open port costs a
 * fraction of a new runtime message, and the sidebar asks on every keystroke.
 */
export const CHECKS_PORT = 'invite-guard-checks';

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

/** An answer on the checks port: the id of the request it answers, and the reply. */
export function readPortAnswer(value: unknown): { id: number; reply: Reply<Record<string, unknown>> } | null {
  if (!isObject(value) || !Number.isSafeInteger(value.id)) return null;
  return { id: value.id as number, reply: parseReply(value.reply) };
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

const SEVERITIES: readonly unknown[] = ['block', 'warn', 'info'];
const isCount = (value: unknown): value is number => isLine(value) && (value as number) <= 10_000_000;
const shortText = (value: unknown, max: number): value is string => typeof value === 'string' && value.length <= max;

function isFinding(value: unknown): value is Finding {
  return (
    isObject(value) &&
    (FINDING_CODES as readonly unknown[]).includes(value.code) &&
    SEVERITIES.includes(value.severity) &&
    shortText(value.message, 5000) &&
    optionalText(value.fix, 5000) &&
    optionalText(value.address, 1_000_000) &&
    optionalText(value.domain, 1000)
  );
}

function isAddressFindings(value: unknown): value is AddressFindings {
  return (
    isObject(value) &&
    shortText(value.address, 1_000_000) &&
    Array.isArray(value.findings) &&
    value.findings.every(isFinding) &&
    (value.worst === null || SEVERITIES.includes(value.worst))
  );
}

/** The background's checks of an invitation, as the sidebar shows them; null when the answer is not that. */
export function readReportView(value: unknown): ReportView | null {
  if (!isObject(value) || !isObject(value.summary) || !isObject(value.needs)) return null;
  const { byAddress, addressCount, general, summary, needs } = value;
  const ok =
    Array.isArray(byAddress) &&
    byAddress.length <= SHOWN_ADDRESSES &&
    byAddress.every(isAddressFindings) &&
    isCount(addressCount) &&
    addressCount >= byAddress.length &&
    Array.isArray(general) &&
    general.every(isFinding) &&
    isCount(summary.block) &&
    isCount(summary.warn) &&
    isCount(summary.info) &&
    shortText(summary.text, 200) &&
    typeof needs.justification === 'boolean' &&
    typeof needs.endDate === 'boolean';
  return ok ? (value as unknown as ReportView) : null;
}
