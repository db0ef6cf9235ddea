// Every message between the extension's contexts, as zod schemas. The background parses each one
// before acting on it; an invalid message gets a clear error reply and changes nothing.
import { z } from 'zod';
import { REGIONS, STATUSES, accessRecordSchema, isoDateSchema, orgRoleSchema, projectGrantSchema, type Region } from './records';
import { regionOf } from './mixpanel/region';
import { BULK_CSV_MAX_CHARS } from './reply';

export { parseReply, type Reply } from './reply';

const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);
// Checked as the record will store it (trimmed), so a valid message always makes a valid record.
const email = text(320).refine((s) => {
  const address = s.trim();
  return address.length >= 3 && address.includes('@');
}, 'must be an email address');

export const noteSchema = z.object({
  reason: text(2000).optional(),
  ticket: text(200).optional(),
  approver: text(320).optional(),
  /** Blank when the admin cleared the field; otherwise a real calendar date. */
  endsOn: text(10)
    .refine((s) => s.trim() === '' || isoDateSchema.safeParse(s.trim()).success, 'must be a calendar date (YYYY-MM-DD)')
    .optional(),
});

/** Where on Mixpanel a message comes from: region and organization. */
const placeSchema = {
  region: z.enum(REGIONS),
  organization: text(200).min(1),
};

export const invitationSentSchema = z.object({
  type: z.literal('invitation-sent'),
  ...placeSchema,
  invitedBy: text(320).optional(),
  rows: z
    .array(
      z.object({
        email,
        displayName: text(200).optional(),
        orgRole: orgRoleSchema,
        projects: z.array(projectGrantSchema).max(500),
      }),
    )
    .min(1, 'must list at least one invited address')
    .max(1000),
  note: noteSchema,
});

export const pageObservedSchema = z.object({
  type: z.literal('page-observed'),
  ...placeSchema,
  members: z.array(z.object({ email, orgRole: orgRoleSchema.optional() })).max(200_000),
  pending: z.array(z.object({ email })).max(200_000),
  /** Whether the whole list was read: only then does an absent person count as removed. */
  complete: z.boolean(),
});

export const noteSaveSchema = z.object({
  type: z.literal('note-save'),
  ...placeSchema,
  email,
  displayName: text(200).optional(),
  /** For documenting existing access: what the page shows of the person. */
  orgRole: orgRoleSchema.optional(),
  pageState: z.enum(['member', 'pending']).optional(),
  note: noteSchema,
  by: text(320).optional(),
});

export const recordsForPageSchema = z.object({
  type: z.literal('records-for-page'),
  ...placeSchema,
});

export const listRecordsSchema = z.object({ type: z.literal('list-records') });

/** The popup's first screen: each section's first `limit` items, worked out by the background. */
export const accessOverviewSchema = z.object({ type: z.literal('access-overview'), limit: z.number().int().min(1).max(500) });

const isoDate = isoDateSchema;

/** Extends temporary access to a new end date; a new reason is required. */
export const recordExtendSchema = z.object({
  type: z.literal('record-extend'),
  id: text(200).min(1),
  endsOn: isoDate,
  reason: text(2000).refine((s) => s.trim().length > 0, 'must say why the access is extended'),
});

/** The admin removed the access in Mixpanel. */
export const recordRevokeSchema = z.object({ type: z.literal('record-revoke'), id: text(200).min(1), detail: text(2000).optional() });

export const recordSnoozeSchema = z.object({ type: z.literal('record-snooze'), id: text(200).min(1), until: isoDate });

/** Records from a JSON export (another browser, another admin); each is validated again here. */
export const recordsImportSchema = z.object({ type: z.literal('records-import'), records: z.array(z.unknown()).max(500_000) });

/** Rows of Mixpanel's own audit log, read by the options page, to reconcile with the access log. */
export const auditReconcileSchema = z.object({
  type: z.literal('audit-reconcile'),
  events: z
    .array(
      z.object({
        at: z.iso.datetime({ offset: true }),
        event: text(100),
        actor: text(320).optional(),
        target: email,
        project: text(200).optional(),
        detail: text(2000).optional(),
        line: z.number().int().min(0),
      }),
    )
    .max(500_000),
});

export const getPolicySchema = z.object({ type: z.literal('get-policy') });

/**
 * A Bulk invite CSV the admin dropped on the sidebar, read here rather than in the content script
 * (which stays small). One past the reader's limit, so the reader can say the file was cut.
 */
export const bulkCsvReadSchema = z.object({ type: z.literal('bulk-csv-read'), text: z.string().max(BULK_CSV_MAX_CHARS + 1) });

/** The policy itself is checked by lib/policy's schema, which explains each field. */
export const savePolicySchema = z.object({ type: z.literal('save-policy'), policy: z.unknown() });

export const messageSchema = z.discriminatedUnion('type', [
  invitationSentSchema,
  pageObservedSchema,
  noteSaveSchema,
  recordsForPageSchema,
  listRecordsSchema,
  accessOverviewSchema,
  getPolicySchema,
  savePolicySchema,
  recordExtendSchema,
  recordRevokeSchema,
  recordSnoozeSchema,
  recordsImportSchema,
  auditReconcileSchema,
  bulkCsvReadSchema,
]);

export type Message = z.output<typeof messageSchema>;
export type InvitationSent = z.output<typeof invitationSentSchema>;
export type PageObserved = z.output<typeof pageObservedSchema>;
export type NoteSave = z.output<typeof noteSaveSchema>;

export const recordSummarySchema = accessRecordSchema.pick({
  id: true,
  email: true,
  orgRole: true,
  reason: true,
  ticket: true,
  approver: true,
  endsOn: true,
  pageState: true,
});
export type RecordSummary = z.output<typeof recordSummarySchema>;

/** The longest message text the background reads (a records import of 500,000 records fits). */
export const MESSAGE_TEXT_LIMIT = 200_000_000;

/**
 * A message as the extension's own contexts send it: as JSON text in `{ json }`, or as a value.
 * Runtime messaging converts a value field by field, which for the 5,000 members of a page
 * observation cost the page 25 ms of its main thread; one string costs it almost nothing. The text
 * is parsed here and then checked like any message; text that is not JSON is an unreadable message.
 */
export function unwrapMessage(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const keys = Object.keys(input);
  if (keys.length !== 1 || keys[0] !== 'json') return input;
  const text = (input as { json: unknown }).json;
  if (typeof text !== 'string' || text.length > MESSAGE_TEXT_LIMIT) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export type MessageParse = { ok: true; message: Message } | { ok: false; error: string };

export function parseMessage(input: unknown): MessageParse {
  const result = messageSchema.safeParse(input);
  if (result.success) return { ok: true, message: result.data };
  const issue = result.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  return { ok: false, error: `Invalid message: ${where}${issue?.message ?? 'unreadable'}` };
}

// ---------------------------------------------------------------------------------------------
// Who may send what. Web pages cannot reach runtime.onMessage, but the background checks anyway:
// a message must come from this extension, either from one of its own pages (popup, options) or
// from its content script on one of Mixpanel's hosts, which only reads and records invitations.

/** Where a message comes from. */
export type MessageOrigin = { kind: 'extension' } | { kind: 'mixpanel'; region: Region };

export const EXTENSION_PAGE: MessageOrigin = { kind: 'extension' };

/** What the content script on Mixpanel's page may ask; importing, editing records and the policy are for extension pages. */
const PAGE_MESSAGES: ReadonlySet<Message['type']> = new Set([
  'invitation-sent',
  'page-observed',
  'note-save',
  'records-for-page',
  'get-policy',
  'bulk-csv-read',
]);

/** The fields of runtime.MessageSender the check reads. */
export interface SenderInfo {
  id?: string;
  url?: string;
}

/**
 * The origin of a message: 'foreign' when another extension or a page sent it (not answered at
 * all), 'refused' when this extension's script runs somewhere it should not.
 */
export function messageOrigin(sender: SenderInfo, self: { id: string; baseUrl: string }): MessageOrigin | 'foreign' | 'refused' {
  if (!self.id || sender.id !== self.id) return 'foreign';
  const url = typeof sender.url === 'string' ? sender.url : '';
  if (url.startsWith(self.baseUrl)) return EXTENSION_PAGE;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'refused';
  }
  const region = parsed.protocol === 'https:' ? regionOf(parsed.hostname) : null;
  return region ? { kind: 'mixpanel', region } : 'refused';
}

/** Why `origin` may not send this message; null when it may. */
export function refusal(message: Message, origin: MessageOrigin): string | null {
  if (origin.kind === 'extension') return null;
  if (!PAGE_MESSAGES.has(message.type)) return `Refused: Mixpanel's page may not send "${message.type}".`;
  if ('region' in message && message.region !== origin.region) {
    return `Refused: a page of Mixpanel's ${origin.region.toUpperCase()} region sent a message about the ${message.region.toUpperCase()} region.`;
  }
  return null;
}

/** The answer to a sender the background refuses. */
export const REFUSED_SENDER = "Invite Guard only answers its own pages and its script on Mixpanel's pages.";

/** The audit reconciliation's list of grants with no note, as the options page receives it. */
export const undocumentedSchema = z.array(z.object({ email: z.string(), events: z.array(z.string()), firstSeen: z.string() })).max(100_000);

const accessItemSchema = z.object({
  id: z.string().min(1).max(200),
  email: z.string().max(320),
  status: z.enum(STATUSES),
  grant: z.string().max(5000),
  endsOn: isoDateSchema.optional(),
  daysLeft: z.number().int().nullable(),
  reason: z.string().max(5000).optional(),
  ticket: z.string().max(5000).optional(),
  region: z.enum(REGIONS),
  organization: z.string().max(500),
  snoozedUntil: isoDateSchema.optional(),
  attention: z.string().max(500).optional(),
});

/** The reply to access-overview, as the popup checks it. */
export const accessOverviewReplySchema = z.object({
  sections: z
    .array(
      z.object({
        key: z.enum(['attention', 'pending', 'temporary', 'other']),
        title: z.string().max(200),
        items: z.array(accessItemSchema).max(500),
        total: z.number().int().nonnegative(),
      }),
    )
    .max(4),
});
