import { describe, expect, it } from 'vitest';
import { check, codes, only } from './fixtures';

const sso = { ssoDomains: ['acme.com'], ssoEnforced: true };

describe('sso-mismatch', () => {
  it('blocks a member-role address outside the SSO domains when SSO is required', () => {
    const [finding] = only(check({ addresses: ['tom@brightlane-agency.io'] }, sso), 'sso-mismatch');
    expect(finding).toMatchObject({ severity: 'block', address: 'tom@brightlane-agency.io' });
    expect(finding!.message).toContain('will not be able to log in');
  });

  it('only warns for owners and admins, who keep password login', () => {
    const [finding] = only(check({ addresses: ['tom@brightlane-agency.io'], orgRole: 'admin' }, sso), 'sso-mismatch');
    expect(finding!.severity).toBe('warn');
    expect(finding!.message).toContain('password');
  });

  it('is silent when SSO is not required, or for an SSO domain', () => {
    expect(codes(check({ addresses: ['tom@brightlane-agency.io'] }, { ssoDomains: ['acme.com'] }))).not.toContain('sso-mismatch');
    expect(codes(check({ addresses: ['lee@acme.com'] }, sso))).not.toContain('sso-mismatch');
  });
});

describe('sso-provision', () => {
  it('reminds that an SSO-domain address must exist in the identity provider', () => {
    const [finding] = only(check({ addresses: ['lee@eu.acme.com'] }, { ssoDomains: ['acme.com'] }), 'sso-provision');
    expect(finding).toMatchObject({ severity: 'info', address: 'lee@eu.acme.com' });
    expect(finding!.message).toContain('identity provider');
  });

  it('is silent without SSO domains', () => {
    expect(codes(check({ addresses: ['lee@acme.com'] }))).not.toContain('sso-provision');
  });
});

describe('scim-managed', () => {
  it('warns that a manual invite drifts from the identity provider', () => {
    const [finding] = only(check({ addresses: ['lee@acme.com'] }, { scimManaged: true, ssoDomains: ['acme.com'] }), 'scim-managed');
    expect(finding).toMatchObject({ severity: 'warn', address: 'lee@acme.com' });
    expect(finding!.fix).toContain('identity provider group');
  });

  it('applies to every address when no SSO domain is listed', () => {
    expect(only(check({ addresses: ['a@acme.com b@globex.com'] }, { scimManaged: true }), 'scim-managed')).toHaveLength(2);
  });

  it('leaves outside domains alone when SSO domains are listed, and is silent without SCIM', () => {
    expect(codes(check({ addresses: ['tom@brightlane-agency.io'] }, { scimManaged: true, ssoDomains: ['acme.com'] }))).not.toContain('scim-managed');
    expect(codes(check({ addresses: ['lee@acme.com'] }))).not.toContain('scim-managed');
  });
});
