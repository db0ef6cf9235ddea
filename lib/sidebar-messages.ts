// What the sidebar frame accepts from the content script (lib/sidebar-link.ts), checked with zod:
// the content script read it off a page whose text is anyone's, so every field is bounded.
import { z } from 'zod';
import { REGIONS } from './record-vocabulary';
import { ORG_ROLES, PROJECT_ROLES } from './roles';
import { fromMemberColumns, type PageMessage } from './sidebar-link';

const text = (max: number) => z.string().max(max);
const orgRole = z.enum(ORG_ROLES);
const projectRole = z.enum(PROJECT_ROLES);

const MEMBER_LIMIT = 200_000;

/** The members in columns (lib/sidebar-link.ts), of one length, made members again. */
const membersSchema = z
  .object({
    emails: z.array(text(1000)).max(MEMBER_LIMIT),
    names: z.array(text(400).nullable()).max(MEMBER_LIMIT),
    roles: z.array(orgRole.nullable()).max(MEMBER_LIMIT),
  })
  .refine((c) => c.names.length === c.emails.length && c.roles.length === c.emails.length, 'The member columns differ in length')
  .transform(fromMemberColumns);

const pendingSchema = z.object({ email: text(1000), invitedAt: text(40).optional(), orgRole: orgRole.optional() });

const listSchema = z.object({
  state: z.enum(['complete', 'partial', 'unreadable']),
  members: membersSchema,
  pending: z.array(pendingSchema).max(MEMBER_LIMIT),
  readCount: z.number().int().min(0),
  totalShown: z.number().int().min(0).optional(),
  mayBeIncomplete: z.boolean(),
  problems: z.array(text(1000)).max(20),
  view: z.enum(['users', 'other']),
});

const rowSchema = z.object({
  email: text(100_000),
  orgRole: orgRole.nullable(),
  projects: z.array(text(200)).max(1000),
  projectRole: projectRole.nullable(),
});
const rowsSchema = z.array(rowSchema).max(1000);

const pageMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('page'),
    list: listSchema,
    place: z.object({ region: z.enum(REGIONS), organization: text(200).min(1) }),
    admin: text(320).nullable(),
  }),
  z.object({ type: z.literal('dialog'), rows: rowsSchema.nullable() }),
  z.object({ type: z.literal('invite-pressed'), rows: rowsSchema }),
  z.object({ type: z.literal('no-room') }),
  z.object({ type: z.literal('focus') }),
]);

/** A message from the content script, or null when it is not one (it is then ignored). */
export function parsePageMessage(input: unknown): PageMessage | null {
  const result = pageMessageSchema.safeParse(input);
  return result.success ? (result.data as PageMessage) : null;
}
