import { describe, expect, it } from 'vitest';
import { check, codes, draft, NOW, only, ORG, policy } from './fixtures';
import { runChecks } from '../../lib/checks';
import type { OrgSnapshot } from '../../lib/checks';

describe('personal-email', () => {
  it('warns by default, naming the provider', () => {
    const [finding] = only(check({ addresses: ['kim.analytics@outlook.com'] }), 'personal-email');
    expect(finding).toMatchObject({ severity: 'warn', address: 'kim.analytics@outlook.com' });
    expect(finding!.message).toContain('outlook.com');
    expect(finding!.fix).toContain('service account');
  });

  it('blocks when the policy says so', () => {
    const [finding] = only(check({ addresses: ['kim@proton.me'] }, { personalEmail: 'block' }), 'personal-email');
    expect(finding!.severity).toBe('block');
  });

  it('follows the policy list', () => {
    expect(codes(check({ addresses: ['kim@proton.me'] }, { personalDomains: ['example-mail.com'] }))).not.toContain('personal-email');
    expect(codes(check({ addresses: ['kim@example-mail.com'] }, { personalDomains: ['example-mail.com'] }))).toContain('personal-email');
  });

  it('is silent for a company address', () => {
    expect(codes(check({ addresses: ['kim@acme.com'] }))).not.toContain('personal-email');
  });
});

describe('domain-not-allowed', () => {
  const allow = { allowedDomains: ['acme.com'] };

  it('warns on a domain outside the allow-list', () => {
    const [finding] = only(check({ addresses: ['ops@brightlane-agency.io'] }, allow), 'domain-not-allowed');
    expect(finding).toMatchObject({ severity: 'warn', domain: 'brightlane-agency.io' });
    expect(finding!.message).toContain('acme.com');
  });

  it('accepts allowed domains, their subdomains and SSO domains', () => {
    const findings = check({ addresses: ['a@acme.com b@eu.acme.com c@acme-sso.com'] }, { ...allow, ssoDomains: ['acme-sso.com'] });
    expect(codes(findings)).not.toContain('domain-not-allowed');
  });

  it('is silent without an allow-list', () => {
    expect(codes(check({ addresses: ['ops@brightlane-agency.io'] }))).not.toContain('domain-not-allowed');
  });

  it('leaves personal mailboxes to personal-email', () => {
    expect(codes(check({ addresses: ['kim@gmail.com'] }, allow))).not.toContain('domain-not-allowed');
  });
});

describe('lookalike-domain', () => {
  const allow = { allowedDomains: ['acme.com'] };
  const cases: [string, string][] = [
    ['one letter changed', 'jane@acne.com'],
    ['swapped letters', 'jane@amce.com'],
    ['doubled letter', 'jane@acmme.com'],
    ['another ending', 'jane@acme.co'],
    ['extra label', 'jane@acme.com.evil.io'],
    ['hyphenated suffix', 'jane@acme.com-login.net'],
    ['Cyrillic a', 'jane@аcme.com'],
    ['punycode as typed', 'jane@xn--cme-5cd.com'],
    ['rn for m', 'jane@acrne.com'],
  ];
  for (const [name, address] of cases) {
    it(`blocks ${name} (${address})`, () => {
      const findings = only(check({ addresses: [address] }, allow), 'lookalike-domain');
      expect(findings).toHaveLength(1);
      expect(findings[0]!.severity).toBe('block');
      expect(findings[0]!.message).toContain('imitates acme.com');
      expect(findings[0]!.fix).toContain('jane@acme.com');
    });
  }

  it('says how the domain imitates', () => {
    expect(only(check({ addresses: ['jane@acrne.com'] }, allow), 'lookalike-domain')[0]!.message).toContain('letters that read alike');
    expect(only(check({ addresses: ['jane@аcme.com'] }, allow), 'lookalike-domain')[0]!.message).toContain('another script');
    expect(only(check({ addresses: ['jane@amce.com'] }, allow), 'lookalike-domain')[0]!.message).toContain('changed, swapped or doubled');
    expect(only(check({ addresses: ['jane@acme.com.evil.io'] }, allow), 'lookalike-domain')[0]!.message).toContain('extra words');
  });

  it('replaces domain-not-allowed for the same address', () => {
    expect(codes(check({ addresses: ['jane@acne.com'] }, allow))).not.toContain('domain-not-allowed');
  });

  it('compares with SSO domains too', () => {
    expect(codes(check({ addresses: ['x@acrne-sso.com'] }, { ssoDomains: ['acme-sso.com'] }))).toContain('lookalike-domain');
  });

  it('infers the company domain from the members when the policy names none', () => {
    const [finding] = only(check({ addresses: ['jane@acme.co'] }), 'lookalike-domain');
    expect(finding!.message).toContain('the domain most of your members use');
  });

  it('infers again, on the same page read, once the personal domains change (in place too)', () => {
    const lookalike = (p = {}) => codes(check({ addresses: ['jane@acme.co'] }, p)).includes('lookalike-domain');
    expect(lookalike()).toBe(true);
    // acme.com counted as a personal mailbox: the members show no company domain left to imitate.
    expect(lookalike({ personalDomains: ['acme.com'] })).toBe(false);
    expect(lookalike()).toBe(true);
    const rules = policy({});
    const run = () => codes(runChecks(draft({ addresses: ['jane@acme.co'] }), ORG, rules, NOW)).includes('lookalike-domain');
    expect(run()).toBe(true);
    rules.personalDomains.push('acme.com');
    expect(run()).toBe(false);
  });

  it('is silent for the domain itself, its subdomains and unrelated domains', () => {
    const findings = check({ addresses: ['a@acme.com b@eu.acme.com c@globex.com d@brightlane-agency.io'] }, allow);
    expect(codes(findings)).not.toContain('lookalike-domain');
  });

  it('is silent for a listed domain that happens to be close', () => {
    expect(codes(check({ addresses: ['x@acne.com'] }, { allowedDomains: ['acme.com', 'acne.com'] }))).not.toContain('lookalike-domain');
  });
});

describe('invite-rate-limit', () => {
  const many = (n: number, domain: string) => Array.from({ length: n }, (_, i) => `person${i}@${domain}`);

  it('warns when one domain gets more invitations than Mixpanel sends in an hour', () => {
    const [finding] = only(check({ addresses: many(11, 'brightlane-agency.io') }), 'invite-rate-limit');
    expect(finding).toMatchObject({ severity: 'warn', domain: 'brightlane-agency.io' });
    expect(finding!.message).toContain('11 invitations');
    expect(finding!.fix).toContain('at most 10');
  });

  it('is silent at the limit and follows the policy', () => {
    expect(codes(check({ addresses: many(10, 'acme.com') }))).not.toContain('invite-rate-limit');
    expect(codes(check({ addresses: many(4, 'acme.com') }, { inviteRateLimitPerDomain: 3 }))).toContain('invite-rate-limit');
  });

  it('counts repeats once', () => {
    expect(codes(check({ addresses: [...many(6, 'acme.com'), ...many(6, 'acme.com')] }))).not.toContain('invite-rate-limit');
  });

  it('counts invitations the page shows as sent within the last hour', () => {
    const org: OrgSnapshot = {
      ...ORG,
      pending: [
        { email: 'a@globex.com', invitedAt: '2026-11-23T09:30:00Z' },
        { email: 'b@globex.com', invitedAt: '2026-11-23T09:45:00Z' },
        { email: 'c@globex.com', invitedAt: '2026-11-23T08:00:00Z' },
      ],
    };
    const [finding] = only(check({ addresses: many(9, 'globex.com') }, {}, org), 'invite-rate-limit');
    expect(finding!.message).toContain('plus 2 sent in the last hour');
    expect(finding!.fix).toContain('at most 8');
  });
});
