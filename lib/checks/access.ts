// How much access the invitation grants: org role, production projects, breadth, admin count.
import { canonicalAddress } from '../email';
import { ORG_ROLE_LABELS, PROJECT_ROLE_LABELS, isElevatedOrgRole, isElevatedProjectRole, isOrgAdmin } from '../roles';
import { hasText } from './note';
import type { Finding, RuleFamily } from './types';

export const accessRules: RuleFamily = (ctx) => {
  const { draft, policy } = ctx;
  const findings: Finding[] = [];
  if (isElevatedOrgRole(draft.orgRole)) {
    const justified = hasText(draft.note?.reason);
    const label = ORG_ROLE_LABELS[draft.orgRole];
    findings.push({
      code: 'elevated-org-role',
      severity: justified ? 'info' : 'warn',
      message:
        draft.orgRole === 'billing-admin'
          ? `Org role ${label} reaches billing and the subscription.${justified ? ' Your note gives the reason.' : ''}`
          : `Org role ${label} controls every project, the members and the organization's settings.${justified ? ' Your note gives the reason.' : ''}`,
      fix: justified
        ? 'Keep the reason specific, and set an end date if the need is temporary.'
        : 'Least privilege: invite as Member with roles on the projects they need, or write why they need more.',
    });
  }
  for (const project of draft.projects) {
    if (!isElevatedProjectRole(project.role) || !ctx.isProduction(project.name)) continue;
    findings.push({
      code: 'production-elevated',
      severity: 'warn',
      message: `${PROJECT_ROLE_LABELS[project.role]} on the production project "${project.name}" can change its settings, integrations and data definitions.`,
      fix: `Give Analyst on "${project.name}" and ${PROJECT_ROLE_LABELS[project.role]} only on staging, unless they implement production tracking.`,
    });
  }
  if (draft.projects.length > policy.maxProjectsPerInvite) {
    findings.push({
      code: 'broad-access',
      severity: 'warn',
      message: `${draft.projects.length} projects in one invitation; your policy treats more than ${policy.maxProjectsPerInvite} as broad access.`,
      fix: 'Start with the projects their work needs now and add others when asked.',
    });
  }
  if (isOrgAdmin(draft.orgRole)) {
    const added = new Set(ctx.unique.map((p) => canonicalAddress(p.address)).filter((key) => !ctx.org.admins.has(key)));
    const total = ctx.org.admins.size + added.size;
    if (added.size > 0 && total > policy.maxAdmins) {
      findings.push({
        code: 'too-many-admins',
        severity: 'block',
        message: `The organization would have ${total} owners and admins; your policy allows at most ${policy.maxAdmins} (${ctx.org.admins.size} today).`,
        fix: 'Invite as Member with project roles, or remove an owner or admin who no longer needs it.',
      });
    }
  }
  return findings;
};
