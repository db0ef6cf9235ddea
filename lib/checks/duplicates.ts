// Is this person already here? Members, pending invitations, repeats in the draft, near matches.
import { canonicalAddress, untaggedAddress, addressParts } from '../email';
import { areRelatedDomains } from '../domains';
import { ORG_ROLE_LABELS } from '../roles';
import { normalizeName, readPageAddress, type IndexedPerson } from './org-index';
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

export const existingPeople: RuleFamily = (ctx) => {
  const findings: Finding[] = [];
  for (const parsed of ctx.unique) {
    const key = canonicalAddress(parsed.address);
    const member = ctx.org.members.get(key);
    if (member) {
      const theirs = readPageAddress(member.email) ?? member.email;
      const spelling = theirs === parsed.address ? '' : ' under another spelling of the same mailbox';
      findings.push({
        code: 'duplicate-member',
        severity: 'block',
        address: parsed.address,
        message: `Already a member${spelling}: ${describe({ kind: 'member', address: theirs, member })}.`,
        fix: 'Do not invite again; change their roles or projects from the member list if they need more.',
      });
      continue;
    }
    const pending = ctx.org.pending.get(key);
    if (pending) {
      const age = pendingAgeDays(pending.invitedAt, ctx.today);
      const expired = age !== null && age >= ctx.policy.inviteExpiryDays;
      findings.push({
        code: 'duplicate-pending',
        severity: 'warn',
        address: parsed.address,
        message: expired
          ? `Already invited ${age} days ago; that invitation has probably expired (invitations last ${ctx.policy.inviteExpiryDays} days).`
          : `Already invited${age !== null ? ` ${age === 0 ? 'today' : `${age} day${age === 1 ? '' : 's'} ago`}` : ''} and not yet accepted.`,
        fix: expired
          ? 'Delete the expired invitation under Pending invitations, then invite again.'
          : 'Resend the pending invitation instead of sending a new one.',
      });
      continue;
    }
    const near = nearMatches(ctx, parsed.address, parsed.displayName);
    if (near.length > 0) {
      findings.push({
        code: 'possible-duplicate',
        severity: 'warn',
        address: parsed.address,
        message: `May be someone already here: ${near.slice(0, 3).join('; ')}.`,
        fix: 'Check that this is a different person; if not, use the existing account.',
      });
    }
  }
  return findings;
};

/** People who are probably the same person under another address. */
function nearMatches(ctx: CheckContext, address: string, displayName: string | undefined): string[] {
  const canonical = canonicalAddress(address);
  const untagged = untaggedAddress(canonical);
  const { local, domain } = addressParts(untagged);
  const reasons = new Map<string, string>();
  for (const person of ctx.org.byUntagged.get(untagged) ?? []) {
    if (canonicalAddress(person.address) !== canonical) reasons.set(person.address, `${describe(person)} (same mailbox, different +tag)`);
  }
  for (const person of ctx.org.byLocal.get(local) ?? []) {
    const theirs = addressParts(person.address).domain;
    if (!reasons.has(person.address) && areRelatedDomains(domain, theirs)) {
      reasons.set(person.address, `${describe(person)} (same name at a related domain)`);
    }
  }
  if (displayName) {
    for (const person of ctx.org.byName.get(normalizeName(displayName)) ?? []) {
      if (!reasons.has(person.address)) reasons.set(person.address, `${describe(person)} (same display name)`);
    }
  }
  return [...reasons.values()];
}
