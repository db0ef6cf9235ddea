import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { areRelatedDomains, editDistance, findImitatedDomain, registrableDomain, registrableName, visualSkeleton } from '../lib/domains';
import { toAsciiDomain } from '../lib/email';

/** The ASCII (punycode) form of a domain, as addresses and policies store it. */
function ascii(domain: string): string {
  const result = toAsciiDomain(domain);
  if (result.startsWith('!')) throw new Error(`test domain ${domain}: ${result}`);
  return result;
}

describe('registrableName', () => {
  it.each([
    ['acme.com', 'acme'],
    ['eu.acme.com', 'acme'],
    ['mail.eu.acme.com', 'acme'],
    ['acme.co.uk', 'acme'],
    ['mail.acme.co.uk', 'acme'],
    ['acme.com.au', 'acme'],
    ['brightlane-agency.io', 'brightlane-agency'],
    ['co.uk', 'co'],
    ['localhost', 'localhost'],
  ])('%s -> %s', (domain, name) => {
    expect(registrableName(domain)).toBe(name);
  });
});

describe('registrableDomain', () => {
  it.each([
    ['acme.com', 'acme.com'],
    ['eu.acme.com', 'acme.com'],
    ['a.b.eu.acme.com', 'acme.com'],
    ['acme.co.uk', 'acme.co.uk'],
    ['mail.acme.co.uk', 'acme.co.uk'],
    ['mail.acme.co.jp', 'acme.co.jp'],
    ['co.uk', 'co.uk'],
  ])('%s -> %s', (domain, registered) => {
    expect(registrableDomain(domain)).toBe(registered);
  });
});

describe('areRelatedDomains', () => {
  it('relates domains of one company name', () => {
    expect(areRelatedDomains('acme.com', 'acme.io')).toBe(true);
    expect(areRelatedDomains('eu.acme.com', 'acme.com')).toBe(true);
    expect(areRelatedDomains('acme.co.uk', 'acme.com')).toBe(true);
    expect(areRelatedDomains('mail.acme.co.uk', 'acme.de')).toBe(true);
  });

  it('does not relate a domain to itself', () => {
    expect(areRelatedDomains('acme.com', 'acme.com')).toBe(false);
  });

  it('does not relate different names', () => {
    expect(areRelatedDomains('acme.com', 'globex.com')).toBe(false);
    expect(areRelatedDomains('acme.com', 'acme-corp.com')).toBe(false);
    expect(areRelatedDomains('notacme.com', 'acme.com')).toBe(false);
  });

  it('ignores names shorter than three letters, which many companies share', () => {
    expect(areRelatedDomains('ab.com', 'ab.io')).toBe(false);
    expect(areRelatedDomains('abc.com', 'abc.io')).toBe(true);
  });

  it('is symmetric (property)', () => {
    const domain = fc.constantFrom('acme.com', 'acme.io', 'eu.acme.com', 'acme.co.uk', 'globex.com', 'ab.com', 'ab.io', 'brightlane-agency.io');
    fc.assert(
      fc.property(domain, domain, (a, b) => {
        expect(areRelatedDomains(a, b)).toBe(areRelatedDomains(b, a));
      }),
    );
  });
});

describe('visualSkeleton', () => {
  it('folds Cyrillic look-alikes into Latin letters', () => {
    expect(visualSkeleton(ascii('\u0430cme.com'))).toBe('acme.com');
    expect(visualSkeleton(ascii('\u0430\u0441m\u0435.com'))).toBe('acme.com');
    expect(visualSkeleton(ascii('\u0440\u0430ypal.com'))).toBe('paypal.com');
  });

  it('folds Greek look-alikes into Latin letters', () => {
    expect(visualSkeleton(ascii('\u03b1cme.com'))).toBe('acme.com');
    expect(visualSkeleton(ascii('\u0391CME.com'))).toBe('acme.com');
    expect(visualSkeleton(ascii('g\u03bf\u03bfgle.com'))).toBe('google.com');
  });

  it('folds letter pairs that read as one letter', () => {
    expect(visualSkeleton('arnazon.com')).toBe('amazon.com');
    expect(visualSkeleton('vvalmart.com')).toBe('walmart.com');
    expect(visualSkeleton('clropbox.com')).toBe('dropbox.com');
  });

  it('folds digits that read as letters', () => {
    expect(visualSkeleton('g00gle.com')).toBe('google.com');
    expect(visualSkeleton('paypa1.com')).toBe('paypal.com');
  });

  it('drops accents', () => {
    expect(visualSkeleton(ascii('acmé.com'))).toBe('acme.com');
    expect(visualSkeleton(ascii('ácmè.com'))).toBe('acme.com');
    expect(visualSkeleton(ascii('bücher.de'))).toBe('bucher.de');
  });

  it('lower-cases', () => {
    expect(visualSkeleton('ACME.COM')).toBe('acme.com');
  });

  it('keeps what does not look like anything else', () => {
    expect(visualSkeleton('brightlane-agency.io')).toBe('brightlane-agency.io');
    expect(visualSkeleton('globex.com')).not.toBe(visualSkeleton('acme.com'));
  });

  it('gives a Latin domain and any Cyrillic look-alike spelling of it the same skeleton (property)', () => {
    const cyrillic: Record<string, string> = { a: '\u0430', e: '\u0435', o: '\u043e', p: '\u0440', c: '\u0441', x: '\u0445', y: '\u0443' };
    const latin = fc.stringMatching(/^[aeopcxy]{3,12}$/);
    fc.assert(
      fc.property(latin, fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }), (name, swap) => {
        fc.pre(swap.slice(0, name.length).some(Boolean));
        const lookalike = [...name].map((ch, i) => (swap[i] ? cyrillic[ch]! : ch)).join('');
        const domain = ascii(`${lookalike}.com`);
        expect(domain).toMatch(/^xn--/);
        expect(visualSkeleton(domain)).toBe(visualSkeleton(`${name}.com`));
        expect(findImitatedDomain(domain, [`${name}.com`])).toEqual({ imitates: `${name}.com`, kind: 'confusable' });
      }),
    );
  });
});

describe('editDistance', () => {
  it('is 0 for equal strings', () => {
    expect(editDistance('acme.com', 'acme.com', 2)).toBe(0);
    expect(editDistance('', '', 0)).toBe(0);
  });

  it('counts an insertion, a deletion and a substitution as one edit each', () => {
    expect(editDistance('acme.com', 'acmme.com', 2)).toBe(1);
    expect(editDistance('acme.com', 'acm.com', 2)).toBe(1);
    expect(editDistance('acme.com', 'acne.com', 2)).toBe(1);
    expect(editDistance('', 'abc', 5)).toBe(3);
  });

  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('acme.com', 'amce.com', 2)).toBe(1);
    expect(editDistance('acme.com', 'acme.ocm', 2)).toBe(1);
  });

  it('is the optimal-string-alignment distance: a swapped pair is not edited again', () => {
    // Damerau-Levenshtein would say 2 (swap, then insert between); OSA says 3.
    expect(editDistance('ca', 'abc', 5)).toBe(3);
  });

  it('returns limit + 1 once the distance is over the limit', () => {
    expect(editDistance('kitten', 'sitting', 5)).toBe(3);
    expect(editDistance('kitten', 'sitting', 2)).toBe(3);
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
    expect(editDistance('acme.com', 'globex.com', 1)).toBe(2);
    expect(editDistance('abc', 'abcdef', 1)).toBe(2);
    expect(editDistance('acme', 'acne', 0)).toBe(1);
  });

  describe('properties', () => {
    /** Optimal string alignment distance, without a limit. */
    function reference(a: string, b: string): number {
      const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
        Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
      );
      for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
          const cost = a[i - 1] === b[j - 1] ? 0 : 1;
          d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
            d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
          }
        }
      }
      return d[a.length]![b.length]!;
    }

    const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '.', '-'), maxLength: 10 });
    const limit = fc.integer({ min: 0, max: 6 });

    it('is the OSA distance, capped at limit + 1', () => {
      fc.assert(
        fc.property(text, text, limit, (a, b, l) => {
          expect(editDistance(a, b, l)).toBe(Math.min(reference(a, b), l + 1));
        }),
        { numRuns: 1000 },
      );
    });

    it('is symmetric and 0 only for equal strings', () => {
      fc.assert(
        fc.property(text, text, limit, (a, b, l) => {
          expect(editDistance(a, b, l)).toBe(editDistance(b, a, l));
          expect(editDistance(a, b, l) === 0).toBe(a === b);
        }),
        { numRuns: 500 },
      );
    });
  });
});

describe('findImitatedDomain', () => {
  const trusted = ['acme.com', 'brightlane-agency.io'];

  describe('confusable', () => {
    it('flags a punycode domain that looks like a trusted one', () => {
      expect(findImitatedDomain(ascii('\u0430cme.com'), trusted)).toEqual({ imitates: 'acme.com', kind: 'confusable' });
      expect(findImitatedDomain(ascii('\u03b1cme.com'), trusted)).toEqual({ imitates: 'acme.com', kind: 'confusable' });
      expect(findImitatedDomain(ascii('acmé.com'), trusted)).toEqual({ imitates: 'acme.com', kind: 'confusable' });
      expect(findImitatedDomain(ascii('brightl\u0430ne-agency.io'), trusted)).toEqual({ imitates: 'brightlane-agency.io', kind: 'confusable' });
    });
  });

  describe('typo', () => {
    it.each([
      ['acme.co', 'a dropped letter'],
      ['amce.com', 'swapped letters'],
      ['acmme.com', 'a doubled letter'],
      ['acne.com', 'a changed letter'],
    ])('flags %s (%s)', (domain) => {
      expect(findImitatedDomain(domain, trusted)).toEqual({ imitates: 'acme.com', kind: 'typo' });
    });

    it.each([
      ['acrne.com', 'rn for m'],
      ['acme.corn', 'rn for m in the ending'],
      ['acrne.corn', 'rn for m twice'],
    ])('flags %s (%s) as letters that read alike', (domain) => {
      expect(findImitatedDomain(domain, trusted)).toEqual({ imitates: 'acme.com', kind: 'look-alike-letters' });
    });

    it('allows two edits for a long domain, one for a short one', () => {
      expect(findImitatedDomain('brigthlane-agnecy.io', trusted)).toEqual({ imitates: 'brightlane-agency.io', kind: 'typo' });
      expect(findImitatedDomain('brightlane-agency.co', trusted)).toEqual({ imitates: 'brightlane-agency.io', kind: 'typo' });
      expect(findImitatedDomain('amcee.com', trusted)).toBeNull();
    });
  });

  describe('extra-label', () => {
    it.each(['acme.com.evil.io', 'acme.com-login.net', 'login.acme.com.evil.io', 'brightlane-agency.io.files.share'])('flags %s', (domain) => {
      expect(findImitatedDomain(domain, trusted)).toMatchObject({ kind: 'extra-label' });
    });

    it('names the trusted domain it imitates', () => {
      expect(findImitatedDomain('acme.com-login.net', trusted)).toEqual({ imitates: 'acme.com', kind: 'extra-label' });
      expect(findImitatedDomain('brightlane-agency.io.files.share', trusted)).toEqual({ imitates: 'brightlane-agency.io', kind: 'extra-label' });
    });
  });

  describe('not imitations', () => {
    it.each([
      ['the trusted domain itself', 'acme.com'],
      ['a subdomain', 'eu.acme.com'],
      ['a deeper subdomain', 'mail.eu.acme.com'],
      ['an unrelated domain', 'globex.com'],
      ['another company whose name ends like it', 'notacme.com'],
      ['the same name under a different ending', 'acme.io'],
      ['a personal mailbox provider', 'gmail.com'],
    ])('%s (%s)', (_name, domain) => {
      expect(findImitatedDomain(domain, trusted)).toBeNull();
    });

    it('finds nothing with no trusted domains', () => {
      expect(findImitatedDomain(ascii('\u0430cme.com'), [])).toBeNull();
    });

    it('does not flag a domain that is trusted itself, even if it looks like another trusted one', () => {
      expect(findImitatedDomain('acme.co', ['acme.com', 'acme.co'])).toBeNull();
    });
  });

  it('never flags a trusted domain or one of its subdomains (property)', () => {
    const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/);
    fc.assert(
      fc.property(fc.domain(), fc.array(label, { maxLength: 3 }), (ref, sub) => {
        const domain = [...sub, ref].join('.');
        expect(findImitatedDomain(domain, [ref])).toBeNull();
      }),
    );
  });
});
