import { describe, expect, it } from 'vitest';
import { checkInvitation } from '../../lib/checks/invitation';
import { buildOrgIndex, type InviteDraft } from '../../lib/checks';
import { NOW, ORG, policy } from './fixtures';

const index = buildOrgIndex(ORG);
const row = (email: string, extra: Partial<InviteDraft> = {}): InviteDraft => ({ addresses: [email], orgRole: 'member', projects: [{ name: 'Staging', role: 'analyst' }], ...extra });

describe('checkInvitation', () => {
  it('lists every address in order, with its findings or none', () => {
    const report = checkInvitation([row('jane.doe@acme.com'), row('li.chen@acme.com'), row('bad@')], index, policy(), NOW);
    expect(report.byAddress.map((g) => [g.address, g.worst])).toEqual([
      ['jane.doe@acme.com', 'block'],
      ['li.chen@acme.com', null],
      ['bad@', 'block'],
    ]);
    expect(report.byAddress[0]!.findings.map((f) => f.code)).toEqual(['duplicate-member']);
  });

  it('skips empty rows, and reports nothing for an empty invitation', () => {
    const report = checkInvitation([row(''), row('  ')], index, policy(), NOW);
    expect(report.findings).toEqual([]);
    expect(report.byAddress).toEqual([]);
    expect(report.summary.text).toBe('All clear');
  });

  it('finds the same person in two rows, and the rate limit across rows', () => {
    const rows = [row('li.chen@acme.com'), row('Li.Chen@acme.com', { orgRole: 'admin' })];
    const report = checkInvitation(rows, index, policy(), NOW, { reason: 'x' });
    expect(report.findings.filter((f) => f.code === 'duplicate-in-draft')).toHaveLength(1);
    const many = Array.from({ length: 11 }, (_, i) => row(`p${i}@globex.com`));
    expect(checkInvitation(many, index, policy(), NOW).general.map((f) => f.code)).toContain('invite-rate-limit');
  });

  it('applies each row its own roles and shows a shared finding once', () => {
    const rows = [row('a@brightlane-agency.io', { orgRole: 'admin' }), row('b@brightlane-agency.io', { orgRole: 'admin' }), row('c@acme.com')];
    const report = checkInvitation(rows, index, policy(), NOW);
    expect(report.general.filter((f) => f.code === 'elevated-org-role')).toHaveLength(1);
    expect(report.general.filter((f) => f.code === 'missing-justification')).toHaveLength(1);
    expect(report.needs).toEqual({ justification: true, endDate: true });
  });

  it('asks for the paper trail once, for the reasons of all rows together', () => {
    const rows = [row('lee@acme.com', { orgRole: 'admin' }), row('kim@gmail.com'), row('ops@brightlane-agency.io')];
    const report = checkInvitation(rows, index, policy(), NOW);
    const missing = report.findings.filter((f) => f.code === 'missing-justification');
    expect(missing).toHaveLength(1);
    expect(missing[0]!.message).toContain('an elevated org role, 2 outside addresses');
    expect(report.findings.filter((f) => f.code === 'missing-end-date')).toHaveLength(1);
  });

  it('uses the shared note for every row', () => {
    const rows = [row('a@brightlane-agency.io'), row('b@brightlane-agency.io')];
    const report = checkInvitation(rows, index, policy(), NOW, { reason: 'Tracking plan', endsOn: '2027-01-15' });
    expect(report.findings.map((f) => f.code)).not.toContain('missing-justification');
    expect(report.needs).toEqual({ justification: false, endDate: false });
  });

  it('orders findings blocking first and counts them in the summary', () => {
    const report = checkInvitation([row('kim@gmail.com'), row('jane.doe@acme.com')], index, policy(), NOW);
    expect(report.findings[0]!.severity).toBe('block');
    expect(report.summary.block).toBe(2); // duplicate-member, and missing-justification for the outside address
    expect(report.summary.text).toMatch(/^2 blocking, \d+ to review$/);
  });
});
