import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { countDomains, domainOf } from '../../lib/checks/domain-count';

describe('countDomains', () => {
  it('counts the addresses of each domain, in the order the domains first appear', () => {
    const addresses = ['a@x.com', 'b@y.com', undefined, 'c@x.com', 'd@sub.x.com', 'e@y.com', 'f@x.com'];
    expect([...countDomains(addresses, 0, addresses.length)]).toEqual([
      ['x.com', 3],
      ['y.com', 2],
      ['sub.x.com', 1],
    ]);
  });

  it('counts only the range it is given', () => {
    expect([...countDomains(['a@x.com', 'b@y.com', 'c@y.com'], 1, 3)]).toEqual([['y.com', 2]]);
  });

  it('counts as one look at each address would, however the domains interleave', () => {
    const domain = fc.constantFrom('x.com', 'y.com', 'sub.x.com', 'x.co', 'a.b', 'c.d', 'e.f', 'g.h', '');
    const address = fc.option(fc.tuple(fc.constantFrom('a', 'b@c', ''), domain).map(([local, d]) => `${local}@${d}`), { nil: undefined });
    fc.assert(
      fc.property(fc.array(address, { maxLength: 80 }), (addresses) => {
        const expected = new Map<string, number>();
        for (const a of addresses) if (a !== undefined) expected.set(domainOf(a), (expected.get(domainOf(a)) ?? 0) + 1);
        expect([...countDomains(addresses, 0, addresses.length)]).toEqual([...expected]);
      }),
      { numRuns: 500 },
    );
  });
});
