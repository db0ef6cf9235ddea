// The line between the content script, which reads Mixpanel's page, and the sidebar, an extension
// frame in its own process (so its rules and drawing never run on the page's main thread, and the
// page's scripts can't read the notes it shows). The page side sends what it read; the sidebar
// sends where it wants to be. No zod here: the content script carries this file (the sidebar
// checks what it receives with the schemas in lib/sidebar-messages.ts).
import type { MemberListRead, PageMember } from './mixpanel/members';
import type { InviteDialogRow } from './mixpanel/dialog';
import type { Place } from './capture';
import type { OrgRole } from './roles';

/** The runtime port's name starts with this; the rest is the secret in the frame's address. */
export const SIDEBAR_PORT = 'invite-guard-sidebar:';
/** The User Timing mark the sidebar makes each time it has drawn a member list the page sent. */
export const LIST_DRAWN = 'invite-guard:list-drawn';
/** The sidebar's page in the extension (listed in web_accessible_resources for Mixpanel's hosts). */
export const SIDEBAR_PAGE = '/sidebar-frame.html';

/**
 * The members as they cross the link: one array per field the sidebar checks, the same length.
 * 5,000 objects would repeat every key in the JSON, and cost the new frame far more to check.
 */
export interface MemberColumns {
  emails: string[];
  names: (string | null)[];
  roles: (OrgRole | null)[];
}

export function toMemberColumns(members: readonly PageMember[]): MemberColumns {
  const columns: MemberColumns = { emails: [], names: [], roles: [] };
  for (const member of members) {
    columns.emails.push(member.email);
    columns.names.push(member.name ?? null);
    columns.roles.push(member.orgRole ?? null);
  }
  return columns;
}

/** The members again, from columns of the same length. */
export function fromMemberColumns(columns: MemberColumns): PageMember[] {
  return columns.emails.map((email, i) => {
    const member: PageMember = { email };
    const name = columns.names[i];
    const role = columns.roles[i];
    if (name !== null && name !== undefined) member.name = name;
    if (role !== null && role !== undefined) member.orgRole = role;
    return member;
  });
}

/** What the page shows, as the sidebar works with it. */
export type PageMessage =
  /** The member list and where it is: on arrival and each time the list changes. */
  | { type: 'page'; list: MemberListRead; place: Place; admin: string | null }
  /** The invite dialog's rows: null when no invite dialog is open, [] when it can't be read. */
  | { type: 'dialog'; rows: InviteDialogRow[] | null }
  /** Invite was pressed: the rows as they were then. */
  | { type: 'invite-pressed'; rows: InviteDialogRow[] }
  /** The open dialog leaves no room beside the unfolded sidebar. */
  | { type: 'no-room' }
  /** The admin pressed the jump shortcut on the page: focus moves into the sidebar. */
  | { type: 'focus' };

/** A PageMessage as the content script sends it: the member list's members in columns. */
export type SentPageMessage =
  | Exclude<PageMessage, { type: 'page' }>
  | { type: 'page'; list: Omit<MemberListRead, 'members'> & { members: MemberColumns }; place: Place; admin: string | null };

/** Where the sidebar wants to be: folded to its tab, or unfolded beside the dialog or docked beside the page. */
export interface SidebarLayout {
  type: 'layout';
  collapsed: boolean;
  /** Unfolded without a dialog (or by the admin): the page narrows to make room. */
  dock: boolean;
  /** The folded tab's size in CSS pixels, so the frame covers no more of the page than the tab. */
  tab: { width: number; height: number };
}

export type FrameMessage = SidebarLayout | { type: 'focus-page' };

const isSize = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= 10_000;

/** The content script's check of what the sidebar frame sent: a hand-written guard (no zod on every Mixpanel page). */
export function readFrameMessage(input: unknown): FrameMessage | null {
  if (typeof input !== 'object' || input === null) return null;
  const m = input as Record<string, unknown>;
  if (m.type === 'focus-page') return { type: 'focus-page' };
  if (m.type !== 'layout' || typeof m.collapsed !== 'boolean' || typeof m.dock !== 'boolean') return null;
  const tab = m.tab as Record<string, unknown> | null;
  if (typeof tab !== 'object' || tab === null || !isSize(tab.width) || !isSize(tab.height)) return null;
  return { type: 'layout', collapsed: m.collapsed, dock: m.dock, tab: { width: tab.width, height: tab.height } };
}
