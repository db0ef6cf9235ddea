// Whether the person will be able to log in: SSO-claimed domains and SCIM provisioning.
import { domainInList } from '../policy-rules';
import { isOrgAdmin } from '../roles';
import type { Finding, RuleFamily } from './types';

export const ssoRules: RuleFamily = (ctx) => {
  const { policy } = ctx;
  const findings: Finding[] = [];
  // "Require SSO" still lets owners and admins sign in with a password.
  const keepsPassword = isOrgAdmin(ctx.draft.orgRole);
  for (const parsed of ctx.unique) {
    const claimed = domainInList(parsed.domain, policy.ssoDomains);
    if (claimed) {
      findings.push({
        code: 'sso-provision',
        severity: 'info',
        address: parsed.address,
        message: `${parsed.domain} signs in through SSO: ${parsed.address} must exist in your identity provider before they can log in.`,
        fix: 'Make sure they are in the identity provider group mapped to Mixpanel.',
      });
    } else if (policy.ssoEnforced && policy.ssoDomains.length > 0) {
      findings.push({
        code: 'sso-mismatch',
        severity: keepsPassword ? 'warn' : 'block',
        address: parsed.address,
        message: keepsPassword
          ? `SSO is required and ${parsed.domain} is not an SSO domain: as an owner or admin they can only sign in with a password, outside your identity provider.`
          : `SSO is required and ${parsed.domain} is not an SSO domain (${policy.ssoDomains.join(', ')}): they will not be able to log in.`,
        fix: 'Invite their address at an SSO domain, or have your identity team add them to the identity provider first.',
      });
    }
    if (policy.scimManaged && (claimed || policy.ssoDomains.length === 0)) {
      findings.push({
        code: 'scim-managed',
        severity: 'warn',
        address: parsed.address,
        message: 'Users are provisioned by SCIM: a manual invitation drifts from the identity provider and is not removed when they leave.',
        fix: 'Add them to the identity provider group mapped to Mixpanel instead (SCIM users arrive as org Member; grant projects through Teams).',
      });
    }
  }
  return findings;
};
