// The inputs and outputs of the check engine.
import type { ParsedAddress, InvalidPiece } from '../email';
import type { Policy } from '../policy-rules';
import type { OrgRole, ProjectRole } from '../roles';
import type { OrgIndex } from './org-index';

export interface InviteNote {
  reason?: string;
  /** Ticket, approval ID or SOW reference. */
  ticket?: string;
  approver?: string;
  /** Last day of temporary access, `YYYY-MM-DD`. */
  endsOn?: string;
}

export interface ProjectGrant {
  name: string;
  role: ProjectRole;
}

/** The invitation being written. */
export interface InviteDraft {
  /** Addresses as typed; one entry may hold several (a pasted list). */
  addresses: string[];
  orgRole: OrgRole;
  projects: ProjectGrant[];
  note?: InviteNote;
}

export interface OrgMember {
  email: string;
  name?: string;
  orgRole?: OrgRole;
  lastActive?: string;
}

export interface PendingInvitation {
  email: string;
  /** ISO date or date-time the invitation was sent, when the page shows it. */
  invitedAt?: string;
}

/** The organization as the Members page shows it. */
export interface OrgSnapshot {
  members: OrgMember[];
  pending: PendingInvitation[];
}

export const FINDING_CODES = [
  'invalid-address',
  'duplicate-member',
  'duplicate-pending',
  'duplicate-in-draft',
  'possible-duplicate',
  'personal-email',
  'domain-not-allowed',
  'lookalike-domain',
  'sso-mismatch',
  'sso-provision',
  'scim-managed',
  'elevated-org-role',
  'production-elevated',
  'broad-access',
  'too-many-admins',
  'missing-justification',
  'missing-end-date',
  'end-date-invalid',
  'short-engagement',
  'invite-rate-limit',
] as const;

export type FindingCode = (typeof FINDING_CODES)[number];
export type Severity = 'block' | 'warn' | 'info';

export const SEVERITY_ORDER: Record<Severity, number> = { block: 0, warn: 1, info: 2 };

/** Orders findings blocking first; Array.prototype.sort is stable, so draft order stays within a severity. */
export function bySeverity(a: { severity: Severity }, b: { severity: Severity }): number {
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
}

export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** The address concerned (lower-cased), or the text that is not one; absent for the whole draft. */
  address?: string;
  /** The domain concerned, for findings about a whole domain. */
  domain?: string;
  /** What is wrong, in an admin's words. */
  message: string;
  /** What to do instead. */
  fix?: string;
}

/** Everything a rule family needs, computed once per run. */
export interface CheckContext {
  draft: InviteDraft;
  /** Every address in the draft, in order, repeats included. */
  parsed: ParsedAddress[];
  /** The first occurrence of each person (by canonical address). */
  unique: ParsedAddress[];
  invalid: InvalidPiece[];
  org: OrgIndex;
  policy: Policy;
  now: Date;
  /** The admin's calendar date, `YYYY-MM-DD`. */
  today: string;
  /** Domains that are the organization's own: the policy's allowed and SSO domains, or, when the
   * policy names none, the company domains most members use. */
  companyDomains: string[];
  /** Whether the company domains come from the policy (true) or were inferred from the members. */
  companyDomainsFromPolicy: boolean;
  isProduction: (projectName: string) => boolean;
}

export type RuleFamily = (ctx: CheckContext) => Finding[];
