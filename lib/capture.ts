// Turning what the page shows into messages for the access log: an invitation just sent, and the
// member list as last read. Pure: the content script reads the page, this decides what to send.
import { canonicalAddress, parseAddressList } from './email';
import { readPageAddress } from './checks/org-index';
import type { InviteNote, OrgMember, PendingInvitation } from './checks/types';
import type { InvitationSent, PageObserved } from './messages';
import type { Region } from './records';
import type { OrgRole, ProjectRole } from './roles';

export interface Place {
  region: Region;
  organization: string;
}

export interface CapturedRow {
  email: string;
  orgRole: OrgRole | null;
  projects: string[];
  projectRole: ProjectRole | null;
}

function cleanNote(note: InviteNote): InviteNote {
  const out: InviteNote = {};
  for (const key of ['reason', 'ticket', 'approver', 'endsOn'] as const) {
    const value = note[key]?.trim();
    if (value) out[key] = value;
  }
  return out;
}

/** The message recording an invitation sent from the dialog; null when it names nobody. */
export function invitationMessage(rows: readonly CapturedRow[], note: InviteNote, place: Place, invitedBy: string | null): InvitationSent | null {
  const seen = new Set<string>();
  const out: InvitationSent['rows'] = [];
  for (const row of rows) {
    for (const parsed of parseAddressList(row.email).addresses) {
      const key = canonicalAddress(parsed.address);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({
        email: parsed.address,
        ...(parsed.displayName ? { displayName: parsed.displayName.slice(0, 200) } : {}),
        orgRole: row.orgRole ?? 'member',
        projects: row.projects.map((name) => ({ name: name.slice(0, 200), role: row.projectRole ?? 'consumer' })),
      });
    }
  }
  if (out.length === 0) return null;
  return { type: 'invitation-sent', ...place, ...(invitedBy ? { invitedBy } : {}), rows: out, note: cleanNote(note) };
}

export interface ListRead {
  members: readonly OrgMember[];
  pending: readonly PendingInvitation[];
  readCount: number;
  mayBeIncomplete: boolean;
}

/** What the member list shows, for the access log to notice acceptances, role changes, removals. */
export function pageObservation(list: ListRead, place: Place): PageObserved | null {
  if (list.readCount === 0) return null;
  const members: PageObserved['members'] = [];
  for (const member of list.members) {
    const email = readPageAddress(member.email);
    if (email) members.push({ email, ...(member.orgRole ? { orgRole: member.orgRole } : {}) });
  }
  const pending: PageObserved['pending'] = [];
  for (const invitation of list.pending) {
    const email = readPageAddress(invitation.email);
    if (email) pending.push({ email });
  }
  return { type: 'page-observed', ...place, members, pending, complete: !list.mayBeIncomplete };
}
