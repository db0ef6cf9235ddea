// The sidebar's checks as the background runs them: the member list sent once per read and kept,
// the policy read once and again when it changes, and the answer the page checks before showing it.
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { InvitationChecker, KEPT_LISTS, type CheckAnswer } from '../lib/invitation-checker';
import { buildOrgIndex, type InviteDraft, type OrgSnapshot } from '../lib/checks';
import { checkInvitation, reportView, type ReportView } from '../lib/checks/invitation';
import { SHOWN_ADDRESSES } from '../lib/checks/types';
import { defaultPolicy } from '../lib/policy';
import type { CheckInvitation } from '../lib/messages';
import { readReportView } from '../lib/reply';
import { ORG_ROLES } from '../lib/roles';

const NOW = new Date('2026-11-23T10:00:00Z');
const ORG: OrgSnapshot = {
  members: [
    { email: 'jane.doe@acme.com', name: 'Jane Doe', orgRole: 'member' },
    { email: 'dana.whitfield@acme.com', orgRole: 'owner' },
  ],
  pending: [{ email: 'li.chen@acme.com', invitedAt: '2026-11-20' }],
};
const draft = (addresses: string, orgRole: InviteDraft['orgRole'] = 'member'): InviteDraft => ({ addresses: [addresses], orgRole, projects: [] });
const ask = (list: string, drafts: InviteDraft[], extra: Partial<CheckInvitation> = {}): CheckInvitation => ({ type: 'check-invitation', list, drafts, note: {}, ...extra });

function checker(policy = vi.fn(async () => defaultPolicy())) {
  return { checker: new InvitationChecker({ policy, now: () => NOW }), policy };
}
function reportOf(answer: CheckAnswer): ReportView {
  if (!('report' in answer)) throw new Error('The checker asked for the list');
  return answer.report;
}

describe('InvitationChecker', () => {
  it('answers what checking the invitation on the page itself would show', async () => {
    const { checker: c } = checker();
    const drafts = [draft('jane.doe@acme.com, kim@gmail.com'), draft('ops@brightlane-agency.io', 'admin')];
    const answer = await c.check(ask('tab-1:0', drafts, { org: ORG, note: { reason: 'Agency onboarding' } }));
    expect(reportOf(answer)).toEqual(reportView(checkInvitation(drafts, buildOrgIndex(ORG), defaultPolicy(), NOW, { reason: 'Agency onboarding' })));
    expect(reportOf(answer).byAddress.map((a) => a.address)).toEqual(['jane.doe@acme.com', 'kim@gmail.com', 'ops@brightlane-agency.io']);
  });

  it('keeps the list between checks, and asks for one it does not hold', async () => {
    const { checker: c } = checker();
    expect(await c.check(ask('tab-1:0', [draft('jane.doe@acme.com')]))).toEqual({ needList: true });
    await c.check(ask('tab-1:0', [], { org: ORG }));
    const later = reportOf(await c.check(ask('tab-1:0', [draft('jane.doe@acme.com')])));
    expect(later.byAddress[0]!.findings.map((f) => f.code)).toContain('duplicate-member');
    // A new read of the page is a new list.
    expect(await c.check(ask('tab-1:1', [draft('jane.doe@acme.com')]))).toEqual({ needList: true });
  });

  it(`keeps the ${KEPT_LISTS} lists used last, and forgets older ones`, async () => {
    const { checker: c } = checker();
    for (let tab = 0; tab <= KEPT_LISTS; tab++) {
      await c.check(ask(`tab-${tab}:0`, [], { org: ORG }));
      if (tab === KEPT_LISTS - 1) await c.check(ask('tab-0:0', [])); // tab 0 used again: tab 1 is now the oldest
    }
    expect(await c.check(ask('tab-1:0', []))).toEqual({ needList: true });
    for (const tab of [0, 2, 3, KEPT_LISTS]) expect(await c.check(ask(`tab-${tab}:0`, []))).toHaveProperty('report');
  });

  it('reads the policy once, and again when told it changed', async () => {
    const strict = { ...defaultPolicy(), allowedDomains: ['acme.com'] };
    let stored = defaultPolicy();
    const { checker: c, policy } = checker(vi.fn(async () => stored));
    const codes = async (extra: Partial<CheckInvitation> = {}) =>
      reportOf(await c.check(ask('tab-1:0', [draft('ops@brightlane-agency.io')], { org: ORG, ...extra }))).byAddress[0]!.findings.map((f) => f.code);
    expect(await codes()).not.toContain('domain-not-allowed');
    stored = strict;
    expect(await codes()).not.toContain('domain-not-allowed');
    expect(policy).toHaveBeenCalledTimes(1);
    expect(await codes({ policyChanged: true })).toContain('domain-not-allowed');
    stored = defaultPolicy();
    c.forgetPolicy();
    expect(await codes()).not.toContain('domain-not-allowed');
    expect(policy).toHaveBeenCalledTimes(3);
  });

  it('reads a policy that could not be read again at the next check', async () => {
    const policy = vi.fn(async () => defaultPolicy());
    policy.mockRejectedValueOnce(new Error('storage is closed'));
    const { checker: c } = checker(policy);
    await expect(c.check(ask('tab-1:0', [draft('a@acme.com')], { org: ORG }))).rejects.toThrow('storage is closed');
    expect(await c.check(ask('tab-1:0', [draft('a@acme.com')]))).toHaveProperty('report');
  });
});

const address = fc.oneof(
  fc.emailAddress(),
  fc.constantFrom('jane.doe@acme.com', 'kim@gmail.com', 'ops@acme.co', 'not an address', 'ev\u202Eil@acme.com', '<img src=x>@acme.com'),
);
const arbitraryDrafts = fc.array(
  fc.record({ addresses: fc.array(address, { minLength: 1, maxLength: 3 }).map((a) => [a.join(', ')]), orgRole: fc.constantFrom(...ORG_ROLES), projects: fc.constant<InviteDraft['projects']>([]) }),
  { maxLength: 4 },
);

describe('readReportView (the sidebar reading the answer)', () => {
  it('accepts every answer the checker gives, as runtime messaging carries it', () => {
    fc.assert(
      fc.property(arbitraryDrafts, (drafts) => {
        const view = reportView(checkInvitation(drafts, buildOrgIndex(ORG), defaultPolicy(), NOW));
        const carried: unknown = JSON.parse(JSON.stringify(view));
        expect(readReportView(carried)).toEqual(view);
      }),
      { numRuns: 150 },
    );
  });

  const view = () => JSON.parse(JSON.stringify(reportView(checkInvitation([draft('jane.doe@acme.com, kim@gmail.com', 'admin')], buildOrgIndex(ORG), defaultPolicy(), NOW)))) as Record<string, unknown> & ReportView;
  const broken: [string, (v: ReturnType<typeof view>) => unknown][] = [
    ['not an object', () => 'report'],
    ['a finding of an unknown kind', (v) => ((v.byAddress[0]!.findings[0] as { code: string }).code = 'run-script', v)],
    ['a severity it does not know', (v) => ((v.general[0] as { severity: string }).severity = 'fatal', v)],
    ['a message that is not text', (v) => ((v.byAddress[0]!.findings[0] as { message: unknown }).message = { html: '<b>' }, v)],
    ['more addresses than it lists', (v) => ({ ...v, byAddress: Array.from({ length: SHOWN_ADDRESSES + 1 }, () => v.byAddress[0]) , addressCount: SHOWN_ADDRESSES + 1 })],
    ['a count below the addresses listed', (v) => ({ ...v, addressCount: 1 })],
    ['a negative count', (v) => ((v.summary as { block: number }).block = -1, v)],
    ['needs that are not yes or no', (v) => ((v.needs as { endDate: unknown }).endDate = 'yes', v)],
    ['no summary', (v) => ({ ...v, summary: undefined })],
  ];
  it.each(broken)('refuses %s', (_, breakIt) => {
    expect(readReportView(view())).not.toBeNull();
    expect(readReportView(breakIt(view()))).toBeNull();
  });
});
