import { describe, expect, it } from 'vitest';
import { check, codes, only } from './fixtures';

const agency = ['ops@brightlane-agency.io'];

describe('missing-justification', () => {
  it('blocks an elevated invitation without a reason or ticket', () => {
    const [finding] = only(check({ addresses: ['lee@acme.com'], orgRole: 'admin' }), 'missing-justification');
    expect(finding!.severity).toBe('block');
    expect(finding!.message).toContain('an elevated org role');
  });

  it('counts an outside domain and production admin as elevated', () => {
    expect(only(check({ addresses: agency }), 'missing-justification')[0]!.message).toContain('an outside address');
    const prod = check({ addresses: ['lee@acme.com'], projects: [{ name: 'Production', role: 'admin' }] });
    expect(only(prod, 'missing-justification')[0]!.message).toContain('owner or admin on production');
  });

  it('is satisfied by a reason or by a ticket, but not by blanks', () => {
    expect(codes(check({ addresses: agency, note: { reason: 'Q1 tracking plan' } }))).not.toContain('missing-justification');
    expect(codes(check({ addresses: agency, note: { ticket: 'SEC-1042' } }))).not.toContain('missing-justification');
    expect(codes(check({ addresses: agency, note: { reason: '   ', ticket: '' } }))).toContain('missing-justification');
  });

  it('follows the policy: always, elevated, never', () => {
    expect(codes(check({ addresses: ['lee@acme.com'] }))).not.toContain('missing-justification');
    expect(codes(check({ addresses: ['lee@acme.com'] }, { justification: 'always' }))).toContain('missing-justification');
    expect(codes(check({ addresses: agency, orgRole: 'admin' }, { justification: 'never' }))).not.toContain('missing-justification');
  });
});

describe('missing-end-date', () => {
  it('warns for external or elevated access without an end date', () => {
    const [finding] = only(check({ addresses: agency, note: { reason: 'Tracking plan' } }), 'missing-end-date');
    expect(finding!.severity).toBe('warn');
    expect(codes(check({ addresses: ['lee@acme.com'], orgRole: 'owner' }))).toContain('missing-end-date');
    expect(codes(check({ addresses: ['kim@gmail.com'] }))).toContain('missing-end-date');
  });

  it('is silent for an internal member, or with an end date', () => {
    expect(codes(check({ addresses: ['lee@acme.com'] }))).not.toContain('missing-end-date');
    expect(codes(check({ addresses: agency, note: { endsOn: '2027-01-15' } }))).not.toContain('missing-end-date');
  });
});

describe('end-date-invalid', () => {
  const endsOn = (date: string, p = {}) => only(check({ addresses: agency, note: { reason: 'x', endsOn: date } }, p), 'end-date-invalid');

  it('blocks an unreadable date', () => {
    for (const date of ['next friday', '2026-02-30', '31/12/2026', '2026-13-01']) {
      expect(endsOn(date)[0]?.message, date).toContain('not a calendar date');
    }
  });

  it('blocks a date in the past, but not today', () => {
    expect(endsOn('2026-11-22')[0]!.message).toContain('in the past');
    expect(endsOn('2026-11-23')).toEqual([]);
  });

  it('blocks a date beyond the longest temporary access', () => {
    expect(endsOn('2027-02-21')).toEqual([]); // 90 days
    expect(endsOn('2027-02-22')[0]!.message).toContain('91 days away');
    expect(endsOn('2027-06-01', { maxTemporaryDays: 365 })).toEqual([]);
  });
});

describe('short-engagement', () => {
  it('suggests a screen share for access shorter than 14 days', () => {
    const [finding] = only(check({ addresses: agency, note: { reason: 'x', endsOn: '2026-11-30' } }), 'short-engagement');
    expect(finding).toMatchObject({ severity: 'info' });
    expect(finding!.message).toContain('7 days');
    expect(finding!.fix).toContain('screen share');
  });

  it('is silent from 14 days on', () => {
    expect(codes(check({ addresses: agency, note: { reason: 'x', endsOn: '2026-12-07' } }))).not.toContain('short-engagement');
  });
});
