import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildOrgIndex, checkDraft, type InviteDraft, type OrgSnapshot } from '../../lib/checks';
import { parseAddress } from '../../lib/email';
import { MAX_BUCKET, readPageAddress } from '../../lib/checks/org-index';
import { ORG_ROLES } from '../../lib/roles';
import { NOW, policy } from './fixtures';

const member = (email: string, name?: string) => ({ email, ...(name ? { name } : {}) });

describe('readPageAddress', () => {
  it('reads an address as the page shows it, lower-cased', () => {
    expect(readPageAddress('jane.doe@acme.com')).toBe('jane.doe@acme.com');
    expect(readPageAddress('  Jane.Doe@ACME.com\n')).toBe('jane.doe@acme.com');
    expect(readPageAddress('Jane Doe <jane.doe@acme.com>')).toBe('jane.doe@acme.com');
    expect(readPageAddress('kim@bücher.de')).toBe('kim@xn--bcher-kva.de');
    expect([readPageAddress('Jane Doe'), readPageAddress('a@b.com, c@d.com'), readPageAddress('.a@b.com')]).toEqual([null, null, null]);
  });

  it('reads the same address however it is cased or padded', () => {
    const padding = fc.constantFrom('', ' ', '\t', '\u00a0', '\n ');
    fc.assert(
      fc.property(fc.emailAddress(), fc.array(fc.boolean(), { minLength: 1, maxLength: 20 }), padding, padding, (address, flips, before, after) => {
        const cased = [...address].map((ch, i) => (flips[i % flips.length] ? ch.toUpperCase() : ch)).join('');
        expect(readPageAddress(`${before}${cased}${after}`)).toBe(readPageAddress(address.toLowerCase()));
      }),
      { numRuns: 300 },
    );
  });
  it('takes the fast path exactly for what the parser would read as that same address', () => {
    // The definition the fast path must keep: a simple shape, no leading dot, no two dots in a row.
    const simple = /^[a-z0-9!#$%&'*+/=?^_`{|}~.-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,63}$/;
    const expected = (text: string) => {
      const lower = text.trim().toLowerCase();
      if (simple.test(lower) && !lower.includes('..') && !lower.startsWith('.')) return lower;
      return parseAddress(text)?.address ?? null;
    };
    const part = (...pieces: string[]) => fc.array(fc.constantFrom(...pieces), { maxLength: 6 }).map((p) => p.join(''));
    const text = fc.tuple(
      part(' ', '\t'),
      part('a', 'B', '9', '.', '..', '-', '+', '_', '@', 'é'),
      part('a', 'co', 'C', '9', '-', '.', '..', '.io', '.COM', '.x', 'é'),
      part(' ', '\n'),
    );
    fc.assert(
      fc.property(text, ([before, local, domain, after]) => {
        const address = `${before}${local}@${domain}${after}`;
        expect(readPageAddress(address)).toBe(expected(address));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('buildOrgIndex', () => {
  const org: OrgSnapshot = {
    members: [
      member('Jane.Doe@acme.com', 'Jane Doe'),
      member('not an address', 'Nobody Here'),
      member('jane.doe+mixpanel@acme.com'),
      member('ops@brightlane-agency.io', 'Al'),
      member('marco.rossi@googlemail.com', '  MARCO   Rossi '),
      member('jane.doe@acme.io', 'a@b.com'),
    ],
    pending: [{ email: 'jane.doe+invite@acme.com' }, { email: 'bad@' }],
  };
  const index = buildOrgIndex(org);

  it('finds everyone at a mailbox, whatever the tag or spelling, in page order', () => {
    const people = index.byMailbox(['jane.doe@acme.com'])('jane.doe@acme.com');
    expect(people.map((p) => [p.kind, p.address, p.canonical])).toEqual([
      ['member', 'jane.doe@acme.com', 'jane.doe@acme.com'],
      ['member', 'jane.doe+mixpanel@acme.com', 'jane.doe+mixpanel@acme.com'],
      ['pending', 'jane.doe+invite@acme.com', 'jane.doe+invite@acme.com'],
    ]);
    expect(index.byMailbox(['marcorossi@gmail.com'])('marcorossi@gmail.com').map((p) => p.address)).toEqual(['marco.rossi@googlemail.com']);
  });

  it('finds people by local part at any domain, and members by name', () => {
    expect(index.byLocalPart(['jane.doe'])('jane.doe').map((p) => p.address)).toEqual([
      'jane.doe@acme.com',
      'jane.doe+mixpanel@acme.com',
      'jane.doe@acme.io',
      'jane.doe+invite@acme.com',
    ]);
    const byName = index.byName(['marco rossi', 'nobody here', 'al', 'a@b.com']);
    expect(byName('marco rossi').map((p) => p.address)).toEqual(['marco.rossi@googlemail.com']);
    // An unreadable member, a name too short to mean anything, a name that is an address.
    expect([byName('nobody here'), byName('al'), byName('a@b.com')]).toEqual([[], [], []]);
  });

  it('counts members per domain and lists what it could not read', () => {
    expect(Object.fromEntries(index.memberDomains)).toEqual({ 'acme.com': 2, 'brightlane-agency.io': 1, 'googlemail.com': 1, 'acme.io': 1 });
    expect(index.unreadable).toEqual(['not an address', 'bad@']);
    expect([index.memberCount, index.pendingCount]).toEqual([6, 2]);
  });

  it('counts domains that alternate', () => {
    const emails = ['a@x.com', 'b@y.com', 'c@x.com', 'd@x.com', 'e@y.com', 'f@sub.x.com', 'g@x.com'];
    const counts = buildOrgIndex({ members: emails.map((e) => member(e)), pending: [] }).memberDomains;
    expect(Object.fromEntries(counts)).toEqual({ 'x.com': 4, 'y.com': 2, 'sub.x.com': 1 });
  });

  it('keeps the first people of a local part for near matches', () => {
    const many = buildOrgIndex({ members: Array.from({ length: 30 }, (_, i) => member(`info@d${i}.com`)), pending: [] });
    const found = many.byLocalPart(['info'])('info');
    expect(found).toHaveLength(MAX_BUCKET);
    expect(found[0]!.address).toBe('info@d0.com');
  });
});

describe('a kept index', () => {
  // Few local parts, tags, domains and names, so that people collide in every way the checks look at.
  const address = fc
    .tuple(
      fc.constantFrom('jane', 'jane.doe', 'j.a.n.e', 'Info', 'bob'),
      fc.constantFrom('', '', '+1', '+mix'),
      fc.constantFrom('acme.com', 'acme.io', 'ACME.com', 'gmail.com', 'googlemail.com', 'agency.io', 'acrne.com'),
    )
    .map(([local, tag, domain]) => `${local}${tag}@${domain}`);
  const email = fc.oneof({ weight: 9, arbitrary: address }, { weight: 1, arbitrary: fc.constantFrom('not an address', 'a@@b.com') });
  const name = fc.option(fc.constantFrom('Jane Doe', 'jane  doe', 'Bob', 'Kim Lee'), { nil: undefined });
  const orgArb = fc.record({
    members: fc.array(fc.record({ email, name, orgRole: fc.constantFrom(...ORG_ROLES) }), { maxLength: 40 }),
    pending: fc.array(fc.record({ email, invitedAt: fc.constantFrom('2026-11-23T09:30:00Z', '2026-11-01') }), { maxLength: 8 }),
  });
  const draftArb = fc.array(
    fc.tuple(address, name).map(([a, n]) => (n ? `"${n}" <${a}>` : a)),
    { minLength: 1, maxLength: 6 },
  ).map((addresses): InviteDraft => ({ addresses, orgRole: 'member', projects: [] }));

  it('finds the same as a fresh one, whether it answers by a pass or from its tables', () => {
    fc.assert(
      fc.property(orgArb, fc.array(draftArb, { minLength: 3, maxLength: 5 }), (org, drafts) => {
        const kept = buildOrgIndex(org);
        for (const draft of drafts) {
          expect(checkDraft(draft, kept, policy(), NOW)).toEqual(checkDraft(draft, buildOrgIndex(org), policy(), NOW));
        }
      }),
      { numRuns: 120 },
    );
  });
});
