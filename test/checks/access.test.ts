import { describe, expect, it } from 'vitest';
import { check, codes, only } from './fixtures';

describe('elevated-org-role', () => {
  it('warns on Admin, Owner and Billing Admin without a reason', () => {
    for (const orgRole of ['owner', 'admin', 'billing-admin'] as const) {
      const [finding] = only(check({ addresses: ['lee@acme.com'], orgRole }), 'elevated-org-role');
      expect(finding?.severity, orgRole).toBe('warn');
      expect(finding!.fix).toContain('invite as Member');
    }
  });

  it('becomes a note when the reason is written', () => {
    const [finding] = only(check({ addresses: ['lee@acme.com'], orgRole: 'admin', note: { reason: 'Runs the SSO migration' } }), 'elevated-org-role');
    expect(finding!.severity).toBe('info');
  });

  it('is silent for Member', () => {
    expect(codes(check({ addresses: ['lee@acme.com'] }))).not.toContain('elevated-org-role');
  });
});

describe('production-elevated', () => {
  it('warns on Owner or Admin of a production project, naming it', () => {
    const findings = only(
      check({ addresses: ['lee@acme.com'], projects: [{ name: 'Acme Production', role: 'owner' }, { name: 'web-prod', role: 'admin' }, { name: 'Staging', role: 'owner' }] }),
      'production-elevated',
    );
    expect(findings.map((f) => f.message.match(/"(.+?)"/)?.[1])).toEqual(['Acme Production', 'web-prod']);
    expect(findings[0]!.severity).toBe('warn');
  });

  it('is silent for Analyst on production and follows the policy pattern', () => {
    expect(codes(check({ addresses: ['lee@acme.com'], projects: [{ name: 'Production', role: 'analyst' }] }))).not.toContain('production-elevated');
    expect(codes(check({ addresses: ['lee@acme.com'], projects: [{ name: 'Live', role: 'admin' }] }, { productionPattern: '^live$' }))).toContain('production-elevated');
  });
});

describe('broad-access', () => {
  const projects = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `Project ${i}`, role: 'consumer' as const }));

  it('warns above the policy limit', () => {
    const [finding] = only(check({ addresses: ['lee@acme.com'], projects: projects(6) }), 'broad-access');
    expect(finding!.message).toContain('6 projects');
  });

  it('is silent at the limit', () => {
    expect(codes(check({ addresses: ['lee@acme.com'], projects: projects(5) }))).not.toContain('broad-access');
    expect(codes(check({ addresses: ['lee@acme.com'], projects: projects(2) }, { maxProjectsPerInvite: 1 }))).toContain('broad-access');
  });
});

describe('too-many-admins', () => {
  it('blocks when the new admins would exceed the limit', () => {
    // The fixture has one owner and one admin.
    const [finding] = only(check({ addresses: ['a@acme.com b@acme.com'], orgRole: 'admin' }, { maxAdmins: 3 }), 'too-many-admins');
    expect(finding!.severity).toBe('block');
    expect(finding!.message).toContain('4 owners and admins');
  });

  it('is silent within the limit, for billing admins, and for someone already admin', () => {
    expect(codes(check({ addresses: ['a@acme.com'], orgRole: 'admin' }, { maxAdmins: 3 }))).not.toContain('too-many-admins');
    expect(codes(check({ addresses: ['a@acme.com b@acme.com'], orgRole: 'billing-admin' }, { maxAdmins: 2 }))).not.toContain('too-many-admins');
    expect(codes(check({ addresses: ['raj.patel@acme.com'], orgRole: 'admin' }, { maxAdmins: 2 }))).not.toContain('too-many-admins');
  });
});
