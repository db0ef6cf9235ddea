// An index of the organization's members and pending invitations, built once per page read and
// kept between keystrokes. Building it reads each address once and keeps only what every check
// needs; the look-ups by mailbox, local part and name are answered by one pass over the people
// until the index is asked again (see ./people-table).
import { canonicalLowerCase, parseAddress, untagCanonical } from '../email';
import { isOrgAdmin } from '../roles';
import { countDomains } from './domain-count';
import { PeopleTable, positions, type Sieve } from './people-table';
import type { OrgMember, OrgSnapshot, PendingInvitation } from './types';

export type IndexedPerson =
  | { kind: 'member'; address: string; canonical: string; member: OrgMember }
  | { kind: 'pending'; address: string; canonical: string; pending: PendingInvitation };

/** Finds the people under a key, in page order. */
export type PeopleFinder = (key: string) => IndexedPerson[];

// Near matches look at no more than this many people per key: a thousand "info@" mailboxes must
// not make one look-up a thousand checks.
export const MAX_BUCKET = 20;
// Lower-case ASCII, a local part neither starting with a dot nor holding two in a row, and a domain
// of labels ending in a letters-only top-level one.
const PLAIN_ADDRESS = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*\.?@(?:[a-z0-9-]+\.)+[a-z]{2,63}$/;

/** Reads an address from page text; the fast path covers the plain addresses nearly all are. */
export function readPageAddress(email: string): string | null {
  // Nearly all are plain and lower-case as they come: those need no lower-casing.
  const trimmed = email.trim();
  if (PLAIN_ADDRESS.test(trimmed)) return trimmed;
  const lower = trimmed.toLowerCase();
  return PLAIN_ADDRESS.test(lower) ? lower : (parseAddress(email)?.address ?? null);
}

// eslint-disable-next-line no-control-regex
const ASCII = /^[\x00-\x7f]*$/;

export function normalizeName(name: string): string {
  // NFKC costs more than the rest together and changes nothing in plain ASCII.
  const folded = ASCII.test(name) ? name : name.normalize('NFKC');
  return folded.toLowerCase().replace(/\s+/g, ' ').trim();
}

// addressParts without the two objects it returns: these run once per person.
function localPart(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? address : address.slice(0, at);
}

export class OrgIndex {
  readonly memberCount: number;
  readonly pendingCount: number;
  /** Canonical address → pending invitation (the last listed). */
  readonly pending = new Map<string, PendingInvitation>();
  /** Canonical addresses of org owners and admins. */
  readonly admins = new Set<string>();
  /** Member or pending entries whose address could not be read. */
  readonly unreadable: string[] = [];

  // People by position: the members in page order, then the pending invitations. Unreadable
  // entries keep their position with no address.
  private readonly members: readonly OrgMember[];
  private readonly invitations: readonly PendingInvitation[];
  private readonly addresses: (string | undefined)[];
  private readonly canonicals: (string | undefined)[];
  private readonly mailboxes: PeopleTable;
  private readonly localParts: PeopleTable;
  private readonly names: PeopleTable;
  private domainCounts: Map<string, number> | undefined;
  /** The domains of everyone's mailboxes. */
  private mailboxDomains: string[] | undefined;

  // A snapshot is not changed once read (indexFor keeps one index per snapshot object), so the
  // index refers to its lists rather than copying them.
  constructor(org: OrgSnapshot) {
    this.members = org.members;
    this.invitations = org.pending;
    this.memberCount = this.members.length;
    this.pendingCount = this.invitations.length;
    const size = this.memberCount + this.pendingCount;
    this.addresses = new Array<string | undefined>(size);
    this.canonicals = new Array<string | undefined>(size);
    this.readMembers();
    this.readInvitations();
    // Every person of a mailbox, however many: exact look-ups search the whole list.
    this.mailboxes = new PeopleTable(size, (i) => this.mailboxAt(i), Infinity);
    this.localParts = new PeopleTable(
      size,
      (i) => {
        const mailbox = this.mailboxAt(i);
        return mailbox === undefined ? undefined : localPart(mailbox);
      },
      MAX_BUCKET,
      (locals) => this.atMailboxes(locals),
    );
    this.names = new PeopleTable(this.memberCount, (i) => this.nameKey(i), MAX_BUCKET);
  }

  /** A person's mailbox: their canonical address without +tag. */
  private mailboxAt(position: number): string | undefined {
    const canonical = this.canonicals[position];
    return canonical === undefined ? undefined : untagCanonical(canonical);
  }

  /**
   * Passes the people whose local part is one of these: as every address read has an @, their
   * mailbox is then one of these local parts at one of the people's domains. Testing the mailbox,
   * hashed already by the mailbox look-up, spares cutting out everyone's local part. None when
   * that makes more mailboxes than people.
   */
  private atMailboxes(locals: ReadonlySet<string>): Sieve | undefined {
    this.mailboxDomains ??= [...countDomains(this.canonicals, 0, this.canonicals.length).keys()];
    if (locals.size * this.mailboxDomains.length > this.canonicals.length) return undefined;
    const mailboxes = new Set<string>();
    for (const local of locals) for (const domain of this.mailboxDomains) mailboxes.add(`${local}@${domain}`);
    return (position) => {
      const mailbox = this.mailboxAt(position);
      return mailbox !== undefined && mailboxes.has(mailbox);
    };
  }

  // Each loop in a function of its own, which the engine optimizes alone while the loop runs.
  private readMembers(): void {
    for (let i = 0; i < this.memberCount; i++) {
      const member = this.members[i]!;
      const canonical = this.read(i, member.email);
      if (canonical !== undefined && isOrgAdmin(member.orgRole)) this.admins.add(canonical);
    }
  }

  private readInvitations(): void {
    for (let i = 0; i < this.pendingCount; i++) {
      const invitation = this.invitations[i]!;
      const canonical = this.read(this.memberCount + i, invitation.email);
      if (canonical !== undefined) this.pending.set(canonical, invitation);
    }
  }

  /** Reads one entry's address (the only read of it) and keeps it; its canonical form. */
  private read(position: number, email: string): string | undefined {
    const address = readPageAddress(email);
    if (!address) {
      this.unreadable.push(email);
      return undefined;
    }
    // readPageAddress gives it trimmed and lower-cased already.
    const canonical = canonicalLowerCase(address);
    this.addresses[position] = address;
    this.canonicals[position] = canonical;
    return canonical;
  }

  /** Members per domain, counted the first time a check asks. */
  get memberDomains(): ReadonlyMap<string, number> {
    this.domainCounts ??= countDomains(this.addresses, 0, this.memberCount);
    return this.domainCounts;
  }

  private nameKey(position: number): string | undefined {
    const { name } = this.members[position]!;
    if (!name || this.addresses[position] === undefined) return undefined;
    const key = normalizeName(name);
    return key.length >= 3 && !key.includes('@') ? key : undefined;
  }

  /** A person the tables found: they have an address. */
  private person(position: number): IndexedPerson {
    const address = this.addresses[position]!;
    const canonical = this.canonicals[position]!;
    if (position < this.memberCount) return { kind: 'member', address, canonical, member: this.members[position]! };
    return { kind: 'pending', address, canonical, pending: this.invitations[position - this.memberCount]! };
  }

  private finder(table: PeopleTable, keys: Iterable<string>): PeopleFinder {
    const found = table.find(new Set(keys));
    return (key) => positions(found.get(key)).map((position) => this.person(position));
  }

  /** Everyone at these mailboxes (canonical addresses without +tag), whatever their tag. */
  byMailbox(untagged: Iterable<string>): PeopleFinder {
    return this.finder(this.mailboxes, untagged);
  }

  /** The first people with these local parts (without +tag), at any domain. */
  byLocalPart(locals: Iterable<string>): PeopleFinder {
    return this.finder(this.localParts, locals);
  }

  /** The first members with these names (as normalizeName gives them). */
  byName(names: Iterable<string>): PeopleFinder {
    return this.finder(this.names, names);
  }
}

export function buildOrgIndex(org: OrgSnapshot): OrgIndex {
  return new OrgIndex(org);
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
