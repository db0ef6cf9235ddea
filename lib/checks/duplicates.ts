// Is this person already here? Members, pending invitations, repeats in the draft, near matches.
import { canonicalAddress, untagCanonical, addressParts, type ParsedAddress } from '../email';
import { areRelatedDomains } from '../domains';
import { ORG_ROLE_LABELS } from '../roles';
import { MAX_BUCKET, normalizeName, type IndexedPerson, type PeopleFinder } from './org-index';
import { daysBetween } from '../dates';
import type { CheckContext, Finding, RuleFamily } from './types';

function describe(person: IndexedPerson): string {
  if (person.kind === 'pending') return `a pending invitation to ${person.address}`;
  const { member } = person;
  const name = member.name ? `${member.name} (${person.address})` : person.address;
  return member.orgRole ? `${name}, ${ORG_ROLE_LABELS[member.orgRole]}` : name;
}

export const invalidAddresses: RuleFamily = (ctx) =>
  ctx.invalid.map((piece) => ({
    code: 'invalid-address',
    severity: 'block',
    address: piece.raw,
    message: `"${piece.raw}" is not a valid email address: ${piece.reason}.`,
    fix: 'Correct the address, or remove it from the invitation.',
  }));

export const draftRepeats: RuleFamily = (ctx) => {
  const seen = new Map<string, string>();
  const findings: Finding[] = [];
  for (const parsed of ctx.parsed) {
    const key = canonicalAddress(parsed.address);
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, parsed.address);
      continue;
    }
    const same = first === parsed.address ? 'twice' : `twice (as ${first} and ${parsed.address})`;
    findings.push({
      code: 'duplicate-in-draft',
      severity: 'warn',
      address: parsed.address,
      message: `This invitation lists the same person ${same}.`,
      fix: 'Remove the repeated address.',
    });
  }
  return findings;
};

function pendingAgeDays(invitedAt: string | undefined, today: string): number | null {
  if (!invitedAt) return null;
  return daysBetween(invitedAt.slice(0, 10), today);
}

/** A draft address as the index is asked about it. */
interface Asked {
  parsed: ParsedAddress;
  canonical: string;
  /** The canonical address without its +tag: the mailbox. */
  untagged: string;
}

export const existingPeople: RuleFamily = (ctx) => {
  const asked = ctx.unique.map((parsed): Asked => {
    const canonical = canonicalAddress(parsed.address);
    return { parsed, canonical, untagged: untagCanonical(canonical) };
  });
  // Each question goes to the index once for the whole draft.
  const mailbox = ctx.org.byMailbox(asked.map((a) => a.untagged));
  const here = asked.map((a) => alreadyHere(ctx, a, mailbox(a.untagged)));
  const near = nearMatcher(ctx, asked.filter((_, i) => here[i] === null), mailbox);
  return asked.flatMap((a, i) => here[i] ?? near(a) ?? []);
};

type IndexedMember = Extract<IndexedPerson, { kind: 'member' }>;

/** A member or pending invitation at exactly this address (the last listed, when several are). */
function alreadyHere(ctx: CheckContext, asked: Asked, sameMailbox: IndexedPerson[]): Finding | null {
  const { parsed } = asked;
  const member = sameMailbox.findLast((p): p is IndexedMember => p.kind === 'member' && p.canonical === asked.canonical);
  if (member) {
    const spelling = member.address === parsed.address ? '' : ' under another spelling of the same mailbox';
    return {
      code: 'duplicate-member',
      severity: 'block',
      address: parsed.address,
      message: `Already a member${spelling}: ${describe(member)}.`,
      fix: 'Do not invite again; change their roles or projects from the member list if they need more.',
    };
  }
  const pending = ctx.org.pending.get(asked.canonical);
  if (!pending) return null;
  const age = pendingAgeDays(pending.invitedAt, ctx.today);
  const expired = age !== null && age >= ctx.policy.inviteExpiryDays;
  return {
    code: 'duplicate-pending',
    severity: 'warn',
    address: parsed.address,
    message: expired
      ? `Already invited ${age} days ago; that invitation has probably expired (invitations last ${ctx.policy.inviteExpiryDays} days).`
      : `Already invited${age !== null ? ` ${age === 0 ? 'today' : `${age} day${age === 1 ? '' : 's'} ago`}` : ''} and not yet accepted.`,
    fix: expired
      ? 'Delete the expired invitation under Pending invitations, then invite again.'
      : 'Resend the pending invitation instead of sending a new one.',
  };
}

/** Looks up, for the addresses nobody here has, people who are probably the same person. */
function nearMatcher(ctx: CheckContext, rest: Asked[], mailbox: PeopleFinder): (asked: Asked) => Finding | null {
  const sameLocal = ctx.org.byLocalPart(rest.map((a) => addressParts(a.untagged).local));
  const sameName = ctx.org.byName(rest.flatMap((a) => (a.parsed.displayName ? [normalizeName(a.parsed.displayName)] : [])));
  return ({ parsed, canonical, untagged }) => {
    const { local, domain } = addressParts(untagged);
    const reasons = new Map<string, string>();
    for (const person of mailbox(untagged).slice(0, MAX_BUCKET)) {
      if (person.canonical !== canonical) reasons.set(person.address, `${describe(person)} (same mailbox, different +tag)`);
    }
    for (const person of sameLocal(local)) {
      const theirs = addressParts(person.address).domain;
      if (!reasons.has(person.address) && areRelatedDomains(domain, theirs)) {
        reasons.set(person.address, `${describe(person)} (same name at a related domain)`);
      }
    }
    if (parsed.displayName) {
      for (const person of sameName(normalizeName(parsed.displayName))) {
        if (!reasons.has(person.address)) reasons.set(person.address, `${describe(person)} (same display name)`);
      }
    }
    if (reasons.size === 0) return null;
    return {
      code: 'possible-duplicate',
      severity: 'warn',
      address: parsed.address,
      message: `May be someone already here: ${[...reasons.values()].slice(0, 3).join('; ')}.`,
      fix: 'Check that this is a different person; if not, use the existing account.',
    };
  };
}
