// A small organization and helpers shared by the check tests.
import { parsePolicy, type Policy, type PolicyInput } from '../../lib/policy';
import { runChecks, type Finding, type FindingCode, type InviteDraft, type OrgSnapshot } from '../../lib/checks';

export const NOW = new Date('2026-11-23T10:00:00Z');

export const ORG: OrgSnapshot = {
  members: [
    { email: 'dana.whitfield@acme.com', name: 'Dana Whitfield', orgRole: 'owner', lastActive: '2026-11-22' },
    { email: 'raj.patel@acme.com', name: 'Raj Patel', orgRole: 'admin', lastActive: '2026-11-20' },
    { email: 'jane.doe@acme.com', name: 'Jane Doe', orgRole: 'member', lastActive: '2026-11-21' },
    { email: 'li.wei@acme.com', name: 'Li Wei', orgRole: 'member' },
    { email: 'sam.okafor@acme.com', name: 'Sam Okafor', orgRole: 'member' },
    { email: 'Priya.Nair@Acme.com', name: 'Priya Nair', orgRole: 'billing-admin' },
    { email: 'tom@brightlane-agency.io', name: 'Tom Becker', orgRole: 'member' },
    { email: 'marco.rossi@gmail.com', name: 'Marco Rossi', orgRole: 'member' },
  ],
  pending: [
    { email: 'new.hire@acme.com', invitedAt: '2026-11-21T09:00:00Z' },
    { email: 'old.invite@acme.com', invitedAt: '2026-11-01T09:00:00Z' },
  ],
};

export function policy(input: PolicyInput = {}): Policy {
  const result = parsePolicy(input);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('; '));
  return result.policy;
}

export function draft(partial: Partial<InviteDraft> & { addresses: string[] }): InviteDraft {
  return { orgRole: 'member', projects: [{ name: 'Staging', role: 'analyst' }], ...partial };
}

export function check(d: Partial<InviteDraft> & { addresses: string[] }, p: PolicyInput = {}, org: OrgSnapshot = ORG): Finding[] {
  return runChecks(draft(d), org, policy(p), NOW);
}

export function codes(findings: Finding[]): FindingCode[] {
  return findings.map((f) => f.code);
}

export function only(findings: Finding[], code: FindingCode): Finding[] {
  return findings.filter((f) => f.code === code);
}
