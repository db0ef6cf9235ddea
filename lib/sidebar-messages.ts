// What the sidebar frame accepts from the content script (lib/sidebar-link.ts), checked with zod:
// the content script read it off a page whose text is anyone's, so every field is bounded.
import { z } from 'zod';
import { REGIONS } from './record-vocabulary';
import { ORG_ROLES, PROJECT_ROLES } from './roles';
import type { PageMessage } from './sidebar-link';

const text = (max: number) => z.string().max(max);
const orgRole = z.enum(ORG_ROLES);
const projectRole = z.enum(PROJECT_ROLES);

/** What the sidebar uses of a member (the content script sends no more). */
const memberSchema = z.object({
  email: text(1000),
  name: text(400).optional(),
  orgRole: orgRole.optional(),
});

const pendingSchema = z.object({ email: text(1000), invitedAt: text(40).optional(), orgRole: orgRole.optional() });

const listSchema = z.object({
  state: z.enum(['complete', 'partial', 'unreadable']),
  members: z.array(memberSchema).max(200_000),
  pending: z.array(pendingSchema).max(200_000),
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
