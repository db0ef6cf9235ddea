import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FINDING_CODES, runChecks, summarize, type Finding, type FindingCode, type InviteDraft, type OrgMember, type OrgSnapshot } from '../../lib/checks';
import { ORG_ROLES, PROJECT_ROLES } from '../../lib/roles';
import { NOW, ORG, check, codes, policy } from './fixtures';

describe('runChecks', () => {
  it('produces every finding code in the public contract', () => {
    const seen = new Set<FindingCode>();
    const add = (findings: Finding[]) => findings.forEach((f) => seen.add(f.code));
    const strict = { allowedDomains: ['acme.com'], ssoDomains: ['acme.com'], ssoEnforced: true, scimManaged: true, maxAdmins: 2 };
    add(check({ addresses: ['not-an-address, jane.doe@acme.com, new.hire@acme.com, a@acme.com, A@acme.com, jane.doe+x@acme.com'] }, strict));
    add(check({ addresses: ['kim@gmail.com, ops@brightlane-agency.io, x@acne.com, lee@acme.com'], orgRole: 'admin', projects: [{ name: 'Production', role: 'owner' }] }, strict));
    add(check({ addresses: ['lee@acme.com'], projects: Array.from({ length: 6 }, (_, i) => ({ name: `P${i}`, role: 'consumer' as const })) }));
    add(check({ addresses: ['ops@brightlane-agency.io'], note: { reason: 'x', endsOn: '2020-01-01' } }));
    add(check({ addresses: ['ops@brightlane-agency.io'], note: { reason: 'x', endsOn: '2026-11-25' } }));
    add(check({ addresses: Array.from({ length: 11 }, (_, i) => `p${i}@globex.com`) }));
    expect([...seen].sort()).toEqual([...FINDING_CODES].sort());
  });

  it('puts blocking findings first, then warnings, then notes, keeping draft order within each', () => {
    const findings = check({ addresses: ['kim@gmail.com, jane.doe@acme.com, x@acne.com'], orgRole: 'admin', note: { reason: 'r', endsOn: '2026-11-25' } });
    const order = findings.map((f) => f.severity);
    expect(order).toEqual([...order].sort((a, b) => ['block', 'warn', 'info'].indexOf(a) - ['block', 'warn', 'info'].indexOf(b)));
    expect(findings.filter((f) => f.severity === 'block').map((f) => f.address)).toEqual(['jane.doe@acme.com', 'x@acne.com']);
  });

  it('is deterministic and does not change its inputs', () => {
    const d: InviteDraft = { addresses: ['kim@gmail.com jane.doe@acme.com'], orgRole: 'admin', projects: [{ name: 'Production', role: 'owner' }] };
    const before = JSON.stringify([d, ORG]);
    expect(runChecks(d, ORG, policy(), NOW)).toEqual(runChecks(d, ORG, policy(), NOW));
    expect(JSON.stringify([d, ORG])).toBe(before);
  });

  it('reads "today" in the time zone it is given', () => {
    // 23:30 UTC on Nov 23 is already Nov 24 in Tokyo: an end date of Nov 23 is then in the past.
    const late = new Date('2026-11-23T23:30:00Z');
    const d: InviteDraft = { addresses: ['ops@brightlane-agency.io'], orgRole: 'member', projects: [], note: { reason: 'x', endsOn: '2026-11-23' } };
    expect(codes(runChecks(d, ORG, policy(), late, { timeZone: 'America/New_York' }))).not.toContain('end-date-invalid');
    expect(codes(runChecks(d, ORG, policy(), late, { timeZone: 'Asia/Tokyo' }))).toContain('end-date-invalid');
  });

  it('gives every finding a message, and a fix for everything that is not a note', () => {
    const findings = check({ addresses: ['kim@gmail.com, x@acne.com, bad@'], orgRole: 'owner', projects: [{ name: 'Production', role: 'owner' }] });
    expect(findings.length).toBeGreaterThan(4);
    for (const f of findings) {
      expect(f.message.length).toBeGreaterThan(10);
      expect(f.fix?.length ?? 0).toBeGreaterThan(10);
    }
  });

  it('never throws on random drafts and organizations', () => {
    const role = fc.constantFrom(...ORG_ROLES);
    const projectRole = fc.constantFrom(...PROJECT_ROLES);
    const text = fc.string({ maxLength: 40, unit: 'grapheme' });
    const draftArb = fc.record({
      addresses: fc.array(fc.oneof(text, fc.emailAddress()), { maxLength: 5 }),
      orgRole: role,
      projects: fc.array(fc.record({ name: text, role: projectRole }), { maxLength: 8 }),
      note: fc.record({ reason: text, ticket: text, approver: text, endsOn: fc.oneof(text, fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))) }, { requiredKeys: [] }),
    });
    const orgArb = fc.record({
      members: fc.array(fc.record({ email: fc.oneof(text, fc.emailAddress()), name: text, orgRole: role }, { requiredKeys: ['email'] }), { maxLength: 10 }),
      pending: fc.array(fc.record({ email: fc.oneof(text, fc.emailAddress()), invitedAt: text }, { requiredKeys: ['email'] }), { maxLength: 5 }),
    });
    fc.assert(
      fc.property(draftArb, orgArb, (d, org) => {
        const findings = runChecks(d, org, policy(), NOW);
        for (const f of findings) expect(FINDING_CODES).toContain(f.code);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the cost of a check', () => {
  // Counts every read of a member's or invitation's email: a check that compared each draft
  // address with each member would read 50,000,000 of them.
  function countingOrg(members: number, pending: number): { org: OrgSnapshot; reads: () => number } {
    let reads = 0;
    const wrap = <T extends { email: string }>(value: T): T =>
      new Proxy(value, {
        get(target, key, receiver) {
          if (key === 'email') reads++;
          return Reflect.get(target, key, receiver);
        },
      });
    const org: OrgSnapshot = {
      members: Array.from({ length: members }, (_, i): OrgMember => wrap({ email: `user${i}@acme.com`, name: `User ${i}`, orgRole: i < 3 ? 'admin' : 'member' })),
      pending: Array.from({ length: pending }, (_, i) => wrap({ email: `invitee${i}@acme.com`, invitedAt: '2026-11-20T10:00:00Z' })),
    };
    return { org, reads: () => reads };
  }

  it('checks 1,000 addresses against 50,000 members reading each member once', () => {
    const { org, reads } = countingOrg(50_000, 500);
    const addresses = Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? `user${i}@acme.com` : `new${i}@acme.com`));
    const findings = runChecks({ addresses, orgRole: 'member', projects: [] }, org, policy(), NOW);
    expect(findings.filter((f) => f.code === 'duplicate-member')).toHaveLength(100);
    // One read per member and invitation to index them; the duplicates found are not read again.
    expect(reads()).toBe(50_000 + 500);
  });

  it('keeps the index between checks of the same page read', () => {
    const { org, reads } = countingOrg(50_000, 10);
    runChecks({ addresses: ['a@acme.com'], orgRole: 'member', projects: [] }, org, policy(), NOW);
    const afterFirst = reads();
    const findings = Array.from({ length: 20 }, (_, i) => runChecks({ addresses: [`user${i}@acme.com`], orgRole: 'member', projects: [] }, org, policy(), NOW));
    expect(findings.flat().filter((f) => f.code === 'duplicate-member')).toHaveLength(20);
    expect(reads()).toBe(afterFirst);
  });
});

describe('summarize', () => {
  it('counts by severity in one line', () => {
    const f = (severity: Finding['severity']): Finding => ({ code: 'invalid-address', severity, message: 'm' });
    expect(summarize([f('block'), f('block'), f('warn')]).text).toBe('2 blocking, 1 to review');
    expect(summarize([f('info')])).toMatchObject({ block: 0, warn: 0, info: 1, text: '1 note' });
    expect(summarize([]).text).toBe('All clear');
  });
});
