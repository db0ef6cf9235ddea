import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readRecordSummaries } from '../lib/reply';
import { defaultPolicyValues, isPolicyShape } from '../lib/policy-rules';
import { defaultPolicy, parsePolicy } from '../lib/policy';

describe('isPolicyShape (the content script\'s check of the policy it is sent)', () => {
  it('accepts every policy the schema produces', () => {
    expect(isPolicyShape(defaultPolicy())).toBe(true);
    expect(parsePolicy({})).toEqual({ ok: true, policy: defaultPolicyValues() });
    const custom = parsePolicy({ allowedDomains: ['acme.com'], reminderLeadDays: [30], personalEmail: 'block', justification: 'never' });
    expect(custom.ok && isPolicyShape(custom.policy)).toBe(true);
  });

  it('refuses anything else, whole', () => {
    for (const bad of [null, [], 'policy', { ...defaultPolicy(), maxAdmins: '5' }, { ...defaultPolicy(), productionPattern: '(' }, { ...defaultPolicy(), allowedDomains: [1] }, { ...defaultPolicy(), justification: 'sometimes' }]) {
      expect(isPolicyShape(bad), JSON.stringify(bad)?.slice(0, 60)).toBe(false);
    }
  });

  it('never throws', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(typeof isPolicyShape(value)).toBe('boolean');
      }),
    );
  });
});

describe('readRecordSummaries', () => {
  const summary = { id: 'r1', email: 'ops@agency.io', orgRole: 'member', pageState: 'pending', reason: 'Tracking plan', endsOn: '2027-01-31' };

  it('reads a list of notes, and refuses a list with anything wrong in it', () => {
    expect(readRecordSummaries([summary])).toEqual([summary]);
    expect(readRecordSummaries([])).toEqual([]);
    expect(readRecordSummaries([summary, { ...summary, orgRole: 'god' }])).toBeNull();
    expect(readRecordSummaries([{ ...summary, reason: 'x'.repeat(2001) }])).toBeNull();
    expect(readRecordSummaries({ records: [summary] })).toBeNull();
  });

  it('never throws', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const result = readRecordSummaries(value);
        expect(result === null || Array.isArray(result)).toBe(true);
      }),
    );
  });
});
