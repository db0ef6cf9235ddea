// An index of the organization's members and pending invitations, built once per page read and
// kept between keystrokes, so checking a draft costs a few map look-ups per address.
import { canonicalAddress, parseAddress, untagCanonical, addressParts } from '../email';
import { isOrgAdmin } from '../roles';
import type { OrgMember, OrgSnapshot, PendingInvitation } from './types';

export type IndexedPerson =
  | { kind: 'member'; address: string; member: OrgMember }
  | { kind: 'pending'; address: string; pending: PendingInvitation };

export interface OrgIndex {
  memberCount: number;
  pendingCount: number;
  /** Canonical address → member. */
  members: Map<string, OrgMember>;
  /** Canonical address → pending invitation. */
  pending: Map<string, PendingInvitation>;
  /** Canonical address without +tag → people. */
  byUntagged: Map<string, IndexedPerson[]>;
  /** Local part without +tag → people, for the same name at a related domain. */
  byLocal: Map<string, IndexedPerson[]>;
  /** Normalized display name → people. */
  byName: Map<string, IndexedPerson[]>;
  /** Canonical addresses of org owners and admins. */
  admins: Set<string>;
  /** Members per domain. */
  memberDomains: Map<string, number>;
  /** Member or pending entries whose address could not be read. */
  unreadable: string[];
}

// Lists are capped: a thousand "info@" mailboxes must not make one look-up a thousand checks.
const MAX_BUCKET = 20;
const SIMPLE_ADDRESS = /^[a-z0-9!#$%&'*+/=?^_`{|}~.-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,63}$/;

/** Reads an address from page text; the fast path covers the plain addresses nearly all are. */
export function readPageAddress(email: string): string | null {
  const lower = email.trim().toLowerCase();
  if (SIMPLE_ADDRESS.test(lower) && !lower.includes('..') && !lower.startsWith('.')) return lower;
  return parseAddress(email)?.address ?? null;
}

// eslint-disable-next-line no-control-regex
const ASCII = /^[\x00-\x7f]*$/;

export function normalizeName(name: string): string {
  // NFKC costs more than the rest together and changes nothing in plain ASCII.
  const folded = ASCII.test(name) ? name : name.normalize('NFKC');
  return folded.toLowerCase().replace(/\s+/g, ' ').trim();
}

function push<K>(map: Map<K, IndexedPerson[]>, key: K, person: IndexedPerson): void {
  const bucket = map.get(key);
  if (!bucket) map.set(key, [person]);
  else if (bucket.length < MAX_BUCKET) bucket.push(person);
}

function indexPerson(index: OrgIndex, canonical: string, person: IndexedPerson): void {
  const untagged = untagCanonical(canonical);
  push(index.byUntagged, untagged, person);
  push(index.byLocal, addressParts(untagged).local, person);
}

export function buildOrgIndex(org: OrgSnapshot): OrgIndex {
  const index: OrgIndex = {
    memberCount: org.members.length,
    pendingCount: org.pending.length,
    members: new Map(),
    pending: new Map(),
    byUntagged: new Map(),
    byLocal: new Map(),
    byName: new Map(),
    admins: new Set(),
    memberDomains: new Map(),
    unreadable: [],
  };
  for (const member of org.members) {
    const address = readPageAddress(member.email);
    if (!address) {
      index.unreadable.push(member.email);
      continue;
    }
    const canonical = canonicalAddress(address);
    index.members.set(canonical, member);
    const person: IndexedPerson = { kind: 'member', address, member };
    indexPerson(index, canonical, person);
    if (member.name) {
      const name = normalizeName(member.name);
      if (name.length >= 3 && !name.includes('@')) push(index.byName, name, person);
    }
    if (isOrgAdmin(member.orgRole)) index.admins.add(canonical);
    const { domain } = addressParts(address);
    index.memberDomains.set(domain, (index.memberDomains.get(domain) ?? 0) + 1);
  }
  for (const pending of org.pending) {
    const address = readPageAddress(pending.email);
    if (!address) {
      index.unreadable.push(pending.email);
      continue;
    }
    const canonical = canonicalAddress(address);
    index.pending.set(canonical, pending);
    indexPerson(index, canonical, { kind: 'pending', address, pending });
  }
  return index;
}

/**
 * The organization's own domains as its members show them: the most used non-personal domain, and
 * any other used at least half as much. Agencies and personal mailboxes fall below that.
 */
export function inferCompanyDomains(index: OrgIndex, isPersonal: (domain: string) => boolean): string[] {
  const candidates = [...index.memberDomains].filter(([domain, count]) => count >= 2 && !isPersonal(domain));
  if (candidates.length === 0) return [];
  const top = Math.max(...candidates.map(([, count]) => count));
  return candidates
    .filter(([, count]) => count * 2 >= top)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([domain]) => domain);
}
