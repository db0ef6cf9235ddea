// The invitation's paper trail: justification, end date, and how long temporary access lasts.
import { addressParts, canonicalAddress } from '../email';
import { daysBetween, dayNumber } from '../dates';
import { isElevatedOrgRole, isElevatedProjectRole } from '../roles';
import { isExternalDomain, perDomain } from './domain-rules';
import type { CheckContext, Finding, RuleFamily } from './types';

/** Screen sharing beats an account for engagements shorter than this. */
export const SHORT_ENGAGEMENT_DAYS = 14;

export function hasText(value: string | undefined): boolean {
  return typeof value === 'string' && value.trim().length > 0;
}

/** What makes an invitation elevated or external, which is when the policy wants a paper trail. */
export interface Elevation {
  orgRole: boolean;
  productionAdmin: boolean;
  /** Canonical addresses outside the organization. */
  external: Set<string>;
}

export function elevationOf(ctx: CheckContext): Elevation {
  const external = new Set<string>();
  const isExternal = perDomain((domain) => isExternalDomain(ctx, domain));
  for (const p of ctx.unique) {
    const canonical = canonicalAddress(p.address);
    if (isExternal(addressParts(canonical).domain)) external.add(canonical);
  }
  return {
    orgRole: isElevatedOrgRole(ctx.draft.orgRole),
    productionAdmin: ctx.draft.projects.some((p) => isElevatedProjectRole(p.role) && ctx.isProduction(p.name)),
    external,
  };
}

/** One invitation's elevation from its rows'. */
export function mergeElevations(list: readonly Elevation[]): Elevation {
  return {
    orgRole: list.some((e) => e.orgRole),
    productionAdmin: list.some((e) => e.productionAdmin),
    external: new Set(list.flatMap((e) => [...e.external])),
  };
}

/** Why the invitation counts as elevated or external, in words; empty when it does not. */
export function describeElevation(e: Elevation): string[] {
  const reasons: string[] = [];
  if (e.orgRole) reasons.push('an elevated org role');
  if (e.productionAdmin) reasons.push('owner or admin on production');
  if (e.external.size > 0) reasons.push(e.external.size === 1 ? 'an outside address' : `${e.external.size} outside addresses`);
  return reasons;
}

export const noteRules: RuleFamily = (ctx) => noteFindings(ctx, elevationOf(ctx));

/** The note's findings for an invitation whose elevation is known (one row's, or a batch's). */
export function noteFindings(ctx: CheckContext, elevation: Elevation): Finding[] {
  const { policy, draft } = ctx;
  const note = draft.note ?? {};
  const findings: Finding[] = [];
  const reasons = describeElevation(elevation);
  const required = policy.justification === 'always' || (policy.justification === 'elevated' && reasons.length > 0);
  if (required && !hasText(note.reason) && !hasText(note.ticket)) {
    findings.push({
      code: 'missing-justification',
      severity: 'block',
      message:
        policy.justification === 'always'
          ? 'Your policy asks for a reason or ticket on every invitation.'
          : `Your policy asks for a reason or ticket for ${reasons.join(', ')}.`,
      fix: 'Write the business reason, or the ticket, approval ID or SOW reference.',
    });
  }
  const endsOn = note.endsOn?.trim();
  if (!endsOn) {
    if (reasons.length > 0) {
      findings.push({
        code: 'missing-end-date',
        severity: 'warn',
        message: `No end date for ${reasons.join(', ')}: this access would stay until someone remembers to remove it.`,
        fix: `Set the last day they need access (at most ${policy.maxTemporaryDays} days from today); Invite Guard reminds you before it ends.`,
      });
    }
    return findings;
  }
  const days = dayNumber(endsOn) === null ? null : daysBetween(ctx.today, endsOn);
  if (days === null) {
    findings.push({
      code: 'end-date-invalid',
      severity: 'block',
      message: `The end date "${endsOn}" is not a calendar date.`,
      fix: 'Write it as YYYY-MM-DD, e.g. 2026-03-31, or pick it from the calendar.',
    });
  } else if (days < 0) {
    findings.push({
      code: 'end-date-invalid',
      severity: 'block',
      message: `The end date ${endsOn} is in the past.`,
      fix: 'Pick the last day they need access, today or later.',
    });
  } else if (days > policy.maxTemporaryDays) {
    findings.push({
      code: 'end-date-invalid',
      severity: 'block',
      message: `The end date ${endsOn} is ${days} days away; your policy allows temporary access for at most ${policy.maxTemporaryDays} days.`,
      fix: 'Pick an earlier end date and extend it later if the work continues.',
    });
  } else if (days < SHORT_ENGAGEMENT_DAYS) {
    findings.push({
      code: 'short-engagement',
      severity: 'info',
      message: `Access for ${days === 0 ? 'less than a day' : `${days} day${days === 1 ? '' : 's'}`}: a short engagement.`,
      fix: 'For a review or a one-off question, a screen share avoids creating an account at all.',
    });
  }
  return findings;
}
