// Where the invitation goes: personal mailboxes, domains off the allow-list, look-alike domains,
// and Mixpanel's limit on invitation emails per domain.
import { canonicalAddress, addressParts } from '../email';
import { findImitatedDomain } from '../domains';
import { domainInList } from '../policy-rules';
import type { CheckContext, Finding, RuleFamily } from './types';

export function isPersonalDomain(ctx: CheckContext, domain: string): boolean {
  return domainInList(domain, ctx.policy.personalDomains);
}

/** Whether an address is outside the organization: a personal mailbox or a domain not its own. */
export function isExternalDomain(ctx: CheckContext, domain: string): boolean {
  if (isPersonalDomain(ctx, domain)) return true;
  return ctx.companyDomains.length > 0 && !domainInList(domain, ctx.companyDomains);
}

/** A function of a domain worked out once per domain: a pasted list repeats a few domains. */
export function perDomain<T>(judge: (domain: string) => T): (domain: string) => T {
  const known = new Map<string, T>();
  return (domain) => {
    if (known.has(domain)) return known.get(domain) as T;
    const verdict = judge(domain);
    known.set(domain, verdict);
    return verdict;
  };
}

export const domainRules: RuleFamily = (ctx) => {
  const findings: Finding[] = [];
  const { policy } = ctx;
  const listed = [...policy.allowedDomains, ...policy.ssoDomains];
  const personal = perDomain((domain) => isPersonalDomain(ctx, domain));
  const isListed = perDomain((domain) => domainInList(domain, listed));
  const imitation = perDomain((domain) => findImitatedDomain(domain, ctx.companyDomains));
  for (const parsed of ctx.unique) {
    const domain = addressParts(canonicalAddress(parsed.address)).domain;
    const shown = parsed.unicodeDomain ?? domain;
    if (personal(domain)) {
      findings.push({
        code: 'personal-email',
        severity: policy.personalEmail,
        address: parsed.address,
        message: `${shown} is a personal mailbox provider: access would be tied to a private account the organization cannot control.`,
        fix: 'Ask for their work address, or a dedicated service account at their company (e.g. analytics@agency.com).',
      });
      continue;
    }
    if (isListed(domain)) continue;
    const imitated = imitation(domain);
    if (imitated) {
      const how = {
        confusable: 'with letters from another script that look the same',
        'look-alike-letters': 'with letters that read alike (rn for m, 0 for o, vv for w)',
        typo: 'with one or two letters changed, swapped or doubled',
        'extra-label': 'with extra words added around it',
      }[imitated.kind];
      const source = ctx.companyDomainsFromPolicy ? 'your policy\'s domain' : 'the domain most of your members use';
      findings.push({
        code: 'lookalike-domain',
        severity: 'block',
        address: parsed.address,
        domain,
        message: `${shown} imitates ${imitated.imitates}, ${source}, ${how}. This is how typos and phishing look.`,
        fix: `Check the spelling: did you mean ${addressParts(parsed.address).local}@${imitated.imitates}? If ${shown} is a genuinely different organization, add it to the allowed domains.`,
      });
      continue;
    }
    if (policy.allowedDomains.length > 0) {
      findings.push({
        code: 'domain-not-allowed',
        severity: 'warn',
        address: parsed.address,
        domain,
        message: `${shown} is not one of your organization's allowed domains (${policy.allowedDomains.join(', ')}).`,
        fix: 'Invite their address at an allowed domain; for an agency or contractor, record why they need access and until when.',
      });
    }
  }
  return findings;
};

/** Mixpanel sends about N invitation emails per domain per hour; the rest are delayed or lost. */
export const rateLimit: RuleFamily = (ctx) => {
  const limit = ctx.policy.inviteRateLimitPerDomain;
  const perDomain = new Map<string, number>();
  for (const parsed of ctx.unique) {
    const domain = addressParts(canonicalAddress(parsed.address)).domain;
    perDomain.set(domain, (perDomain.get(domain) ?? 0) + 1);
  }
  // Invitations the page shows as sent within the hour count toward the same limit.
  const recent = ctx.org.pendingCount > 0 ? recentInvitationsByDomain(ctx) : new Map<string, number>();
  const findings: Finding[] = [];
  for (const [domain, count] of perDomain) {
    const sent = recent.get(domain) ?? 0;
    if (count + sent <= limit) continue;
    const already = sent > 0 ? ` (plus ${sent} sent in the last hour)` : '';
    findings.push({
      code: 'invite-rate-limit',
      severity: 'warn',
      domain,
      message: `${count} invitations to ${domain}${already}: Mixpanel sends about ${limit} invitation emails per domain per hour, so some will arrive late or not at all.`,
      fix: `Split the batch: send at most ${Math.max(limit - sent, 0)} to ${domain} now and the rest in an hour.`,
    });
  }
  return findings;
};

function recentInvitationsByDomain(ctx: CheckContext): Map<string, number> {
  const since = ctx.now.getTime() - 3_600_000;
  const counts = new Map<string, number>();
  for (const [address, pending] of ctx.org.pending) {
    if (!pending.invitedAt) continue;
    const sent = Date.parse(pending.invitedAt);
    if (Number.isNaN(sent) || sent < since || sent > ctx.now.getTime()) continue;
    const { domain } = addressParts(address);
    counts.set(domain, (counts.get(domain) ?? 0) + 1);
  }
  return counts;
}
