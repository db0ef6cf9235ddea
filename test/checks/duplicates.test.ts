import { describe, expect, it } from 'vitest';
import { check, codes, only } from './fixtures';

describe('invalid-address', () => {
  it('blocks each piece that is not an address, naming the reason', () => {
    const findings = only(check({ addresses: ['jane@acme, bob@@acme.com'] }), 'invalid-address');
    expect(findings.map((f) => f.address)).toEqual(['jane@acme', 'bob@@acme.com']);
    expect(findings.every((f) => f.severity === 'block')).toBe(true);
    expect(findings[0]!.message).toContain('no dot');
    expect(findings[1]!.message).toContain('more than one @');
  });

  it('is silent for valid addresses', () => {
    expect(codes(check({ addresses: ['li.chen@acme.com'] }))).not.toContain('invalid-address');
  });
});

describe('duplicate-member', () => {
  it('blocks an address that is already a member, whatever the case', () => {
    const [finding] = only(check({ addresses: ['JANE.DOE@acme.com'] }), 'duplicate-member');
    expect(finding).toMatchObject({ severity: 'block', address: 'jane.doe@acme.com' });
    expect(finding!.message).toContain('Jane Doe');
  });

  it('matches a member listed with capitals', () => {
    expect(codes(check({ addresses: ['priya.nair@acme.com'] }))).toContain('duplicate-member');
  });

  it('treats Gmail dots and googlemail.com as the same mailbox', () => {
    const [finding] = only(check({ addresses: ['marco.r.o.s.s.i@googlemail.com'] }), 'duplicate-member');
    expect(finding!.message).toContain('another spelling of the same mailbox');
    expect(finding!.message).toContain('marco.rossi@gmail.com');
  });

  it('does not ignore dots outside Gmail', () => {
    expect(codes(check({ addresses: ['janedoe@acme.com'] }))).not.toContain('duplicate-member');
  });
});

describe('duplicate-pending', () => {
  it('warns and suggests resending a recent pending invitation', () => {
    const [finding] = only(check({ addresses: ['new.hire@acme.com'] }), 'duplicate-pending');
    expect(finding).toMatchObject({ severity: 'warn', address: 'new.hire@acme.com' });
    expect(finding!.message).toContain('2 days ago');
    expect(finding!.fix).toContain('Resend');
  });

  it('says an invitation older than the policy lifetime has probably expired', () => {
    const [finding] = only(check({ addresses: ['old.invite@acme.com'] }), 'duplicate-pending');
    expect(finding!.message).toContain('probably expired');
    expect(finding!.fix).toContain('Delete the expired invitation');
  });

  it('follows the policy lifetime', () => {
    const [finding] = only(check({ addresses: ['old.invite@acme.com'] }, { inviteExpiryDays: 30 }), 'duplicate-pending');
    expect(finding!.message).not.toContain('expired');
  });
});

describe('duplicate-in-draft', () => {
  it('flags the second occurrence of the same person, across entries and spellings', () => {
    const findings = only(check({ addresses: ['li.chen@acme.com', 'Li.Chen@ACME.com', 'x@acme.com'] }), 'duplicate-in-draft');
    expect(findings).toHaveLength(1);
    expect(findings[0]!.address).toBe('li.chen@acme.com');
  });

  it('knows Gmail spellings are one person', () => {
    const findings = only(check({ addresses: ['a.b.c@gmail.com abc@googlemail.com'] }), 'duplicate-in-draft');
    expect(findings[0]!.message).toContain('a.b.c@gmail.com and abc@googlemail.com');
  });

  it('is silent for different people', () => {
    expect(codes(check({ addresses: ['a@acme.com b@acme.com'] }))).not.toContain('duplicate-in-draft');
  });
});

describe('possible-duplicate', () => {
  it('warns on a +tag variant of a member', () => {
    const [finding] = only(check({ addresses: ['jane.doe+mixpanel@acme.com'] }), 'possible-duplicate');
    expect(finding).toMatchObject({ severity: 'warn', address: 'jane.doe+mixpanel@acme.com' });
    expect(finding!.message).toContain('+tag');
    expect(codes(check({ addresses: ['jane.doe+mixpanel@acme.com'] }))).not.toContain('duplicate-member');
  });

  it('warns on a +tag variant of a pending invitation', () => {
    expect(codes(check({ addresses: ['new.hire+1@acme.com'] }))).toContain('possible-duplicate');
  });

  it('warns on the same local part at a related domain', () => {
    const [finding] = only(check({ addresses: ['jane.doe@acme.io'] }), 'possible-duplicate');
    expect(finding!.message).toContain('related domain');
  });

  it('warns on the same display name', () => {
    const [finding] = only(check({ addresses: ['Jane Doe <jdoe@acme.com>'] }), 'possible-duplicate');
    expect(finding!.message).toContain('same display name');
  });

  it('is silent for a new person at an unrelated domain', () => {
    expect(codes(check({ addresses: ['jane.doe@otherco.com'] }))).not.toContain('possible-duplicate');
  });
});
