import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addressParts,
  canonicalAddress,
  describeCodePoint,
  findInvisibleCharacter,
  parseAddress,
  parseAddressList,
  toAsciiDomain,
  untaggedAddress,
  type AddressList,
  type ParsedAddress,
} from '../lib/email';

/** The single address read from the text; fails the test when there is not exactly one. */
function one(text: string): ParsedAddress {
  const list = parseAddressList(text);
  expect(list.invalid).toEqual([]);
  expect(list.addresses).toHaveLength(1);
  return list.addresses[0]!;
}

/** The reason the single piece in the text was refused; fails the test otherwise. */
function reasonFor(text: string): string {
  const list = parseAddressList(text);
  expect(list.addresses).toEqual([]);
  expect(list.invalid).toHaveLength(1);
  return list.invalid[0]!.reason;
}

const addressesOf = (list: AddressList) => list.addresses.map((a) => a.address);

// Every address the parser returns must have this shape: an ASCII local part and a lower-case
// ASCII (punycode) host name of at least two labels.
const ADDRESS_SHAPE = /^[a-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;

function expectWellFormed(list: AddressList, text: string): void {
  for (const a of list.addresses) {
    expect(a.address).toMatch(ADDRESS_SHAPE);
    expect(a.address).toBe(`${a.local.toLowerCase()}@${a.domain}`);
    expect(a.domain).toBe(a.domain.toLowerCase());
    expect(text).toContain(a.raw);
  }
  for (const piece of list.invalid) {
    expect(piece.reason.length).toBeGreaterThan(0);
    expect(text).toContain(piece.raw);
  }
}

describe('parseAddressList', () => {
  describe('separators', () => {
    const expected = ['jane.doe@acme.com', 'raj.patel@acme.com', 'li.wei@acme.com'];

    it.each([
      ['commas', 'jane.doe@acme.com,raj.patel@acme.com, li.wei@acme.com'],
      ['semicolons', 'jane.doe@acme.com;raj.patel@acme.com; li.wei@acme.com'],
      ['spaces', 'jane.doe@acme.com raj.patel@acme.com    li.wei@acme.com'],
      ['tabs', 'jane.doe@acme.com\traj.patel@acme.com\t\tli.wei@acme.com'],
      ['new lines', 'jane.doe@acme.com\nraj.patel@acme.com\n\nli.wei@acme.com\n'],
      ['CRLF', 'jane.doe@acme.com\r\nraj.patel@acme.com\r\nli.wei@acme.com\r\n'],
      ['no-break and ideographic spaces', 'jane.doe@acme.com\u00a0raj.patel@acme.com\u3000li.wei@acme.com'],
      ['a mix, with empty pieces', ' ,jane.doe@acme.com ;; raj.patel@acme.com,\t\r\n,li.wei@acme.com ; '],
    ])('splits on %s', (_name, text) => {
      const list = parseAddressList(text);
      expect(addressesOf(list)).toEqual(expected);
      expect(list.invalid).toEqual([]);
    });

    it('returns nothing for empty text or text with only separators', () => {
      expect(parseAddressList('')).toEqual({ addresses: [], invalid: [] });
      expect(parseAddressList('   \t ')).toEqual({ addresses: [], invalid: [] });
      expect(parseAddressList(',,,;;;\n\r\n')).toEqual({ addresses: [], invalid: [] });
    });

    it('returns an empty result for a value that is not a string', () => {
      expect(parseAddressList(undefined as unknown as string)).toEqual({ addresses: [], invalid: [] });
      expect(parseAddressList(42 as unknown as string)).toEqual({ addresses: [], invalid: [] });
    });

    it('keeps duplicates: de-duplication is not its job', () => {
      expect(addressesOf(parseAddressList('jane.doe@acme.com, JANE.DOE@acme.com'))).toEqual([
        'jane.doe@acme.com',
        'jane.doe@acme.com',
      ]);
    });
  });

  describe('display names', () => {
    it('reads `Name <address>`', () => {
      expect(one('Jane Doe <jane@acme.com>')).toEqual({
        raw: 'Jane Doe <jane@acme.com>',
        address: 'jane@acme.com',
        local: 'jane',
        domain: 'acme.com',
        displayName: 'Jane Doe',
      });
    });

    it('reads a quoted name that contains a comma or a semicolon without splitting there', () => {
      expect(one('"Doe, Jane" <jane@acme.com>')).toMatchObject({
        raw: '"Doe, Jane" <jane@acme.com>',
        address: 'jane@acme.com',
        displayName: 'Doe, Jane',
      });
      expect(one('"Patel; Raj (Finance)" <raj.patel@acme.com>').displayName).toBe('Patel; Raj (Finance)');
    });

    it('unescapes backslash-escaped quotes and backslashes in a quoted name', () => {
      const parsed = one('"Jane \\"JD\\" Doe" <jane@acme.com>');
      expect(parsed.displayName).toBe('Jane "JD" Doe');
      expect(parsed.raw).toBe('"Jane \\"JD\\" Doe" <jane@acme.com>');
      expect(one('"Back\\\\slash" <jane@acme.com>').displayName).toBe('Back\\slash');
    });

    it('reads several named addresses in one list', () => {
      const list = parseAddressList(
        'Jane Doe <jane.doe@acme.com>, "Patel, Raj" <raj.patel@acme.com>; tom@brightlane-agency.io\nLi Wei <li.wei@acme.com>',
      );
      expect(list.invalid).toEqual([]);
      expect(list.addresses.map((a) => [a.address, a.displayName])).toEqual([
        ['jane.doe@acme.com', 'Jane Doe'],
        ['raj.patel@acme.com', 'Patel, Raj'],
        ['tom@brightlane-agency.io', undefined],
        ['li.wei@acme.com', 'Li Wei'],
      ]);
      expect(list.addresses.map((a) => a.raw)).toEqual([
        'Jane Doe <jane.doe@acme.com>',
        '"Patel, Raj" <raj.patel@acme.com>',
        'tom@brightlane-agency.io',
        'Li Wei <li.wei@acme.com>',
      ]);
    });

    it('has no displayName for a bare address or an empty quoted name', () => {
      expect(one('jane@acme.com')).not.toHaveProperty('displayName');
      expect(one('<jane@acme.com>')).not.toHaveProperty('displayName');
      expect(one('"" <jane@acme.com>')).not.toHaveProperty('displayName');
    });

    it('reads a quoted name before a bare address as its name', () => {
      expect(one('"Jane Doe" jane@acme.com')).toMatchObject({ address: 'jane@acme.com', displayName: 'Jane Doe' });
    });

    it('reads an address in quotes on its own as the address', () => {
      expect(one('"jane@acme.com"')).toMatchObject({ address: 'jane@acme.com', raw: '"jane@acme.com"' });
    });

    it('reports an unquoted "Last, First" name: the part before the comma is not an address', () => {
      const list = parseAddressList('Doe, Jane <jane@acme.com>');
      expect(list.addresses).toEqual([
        { raw: 'Jane <jane@acme.com>', address: 'jane@acme.com', local: 'jane', domain: 'acme.com', displayName: 'Jane' },
      ]);
      expect(list.invalid).toEqual([{ raw: 'Doe', reason: 'not an email address (no @)' }]);
    });

    it('does not carry a name over a separator', () => {
      const list = parseAddressList('Jane Doe\n<jane@acme.com>');
      expect(list.addresses).toEqual([{ raw: '<jane@acme.com>', address: 'jane@acme.com', local: 'jane', domain: 'acme.com' }]);
      expect(list.invalid).toEqual([{ raw: 'Jane Doe', reason: 'not an email address (no @)' }]);
    });
  });

  describe('mailto:, brackets and punctuation around an address', () => {
    it.each([
      'mailto:jane@acme.com',
      'MAILTO:jane@acme.com',
      'MailTo:jane@acme.com',
      'mailto:jane@acme.com?subject=Welcome%20to%20Mixpanel',
      'mailto:jane@acme.com?subject=Hi&cc=someone@else.com',
      '<mailto:jane@acme.com>',
    ])('strips the mailto: prefix and its query: %s', (text) => {
      const parsed = one(text);
      expect(parsed.address).toBe('jane@acme.com');
      expect(parsed.local).toBe('jane');
      expect(parsed.domain).toBe('acme.com');
    });

    it('keeps the mailto: text in raw', () => {
      expect(one('MAILTO:Jane@Acme.com?subject=Hi').raw).toBe('MAILTO:Jane@Acme.com?subject=Hi');
    });

    it.each([
      'jane@acme.com.',
      'jane@acme.com...',
      'jane@acme.com)',
      'jane@acme.com).',
      'jane@acme.com:',
      'jane@acme.com!?',
      'jane@acme.com>',
      '(jane@acme.com)',
      '[jane@acme.com]',
      '{jane@acme.com}',
      "'jane@acme.com'",
      '<jane@acme.com>',
    ])('ignores brackets and trailing punctuation: %s', (text) => {
      const parsed = one(text);
      expect(parsed.address).toBe('jane@acme.com');
      expect(parsed.raw).toBe(text);
    });

    it('does not keep a trailing comma or semicolon in raw (they are separators)', () => {
      expect(one('jane@acme.com,').raw).toBe('jane@acme.com');
      expect(one('jane@acme.com;').raw).toBe('jane@acme.com');
    });

    it('reads an address at the end of a sentence', () => {
      const list = parseAddressList('Please add jane@acme.com.');
      expect(addressesOf(list)).toEqual(['jane@acme.com']);
    });
  });

  describe('case', () => {
    it('lower-cases the address and the domain but keeps the local part as typed', () => {
      expect(one('Jane.Doe@ACME.com')).toEqual({
        raw: 'Jane.Doe@ACME.com',
        address: 'jane.doe@acme.com',
        local: 'Jane.Doe',
        domain: 'acme.com',
      });
    });

    it('has no unicodeDomain when the domain only differs in case', () => {
      expect(one('jane@ACME.COM')).not.toHaveProperty('unicodeDomain');
    });
  });

  describe('internationalized domains', () => {
    it('converts a Unicode domain to punycode and keeps the readable form', () => {
      expect(one('jane@bücher.de')).toEqual({
        raw: 'jane@bücher.de',
        address: 'jane@xn--bcher-kva.de',
        local: 'jane',
        domain: 'xn--bcher-kva.de',
        unicodeDomain: 'bücher.de',
      });
    });

    it('lower-cases a Unicode domain', () => {
      expect(one('jane@BÜCHER.DE')).toMatchObject({ domain: 'xn--bcher-kva.de', unicodeDomain: 'bücher.de' });
    });

    it('normalizes a decomposed accent (NFD) to the same domain', () => {
      const composed = one('jane@bücher.de');
      const decomposed = one('jane@bu\u0308cher.de');
      expect(decomposed.domain).toBe(composed.domain);
      expect(decomposed.unicodeDomain).toBe('bücher.de');
    });

    it('accepts a domain already in punycode, without a unicodeDomain', () => {
      const parsed = one('jane@xn--bcher-kva.de');
      expect(parsed.address).toBe('jane@xn--bcher-kva.de');
      expect(parsed).not.toHaveProperty('unicodeDomain');
    });

    it('converts a domain with a Cyrillic look-alike letter to xn--, so it cannot pass for acme.com', () => {
      // The first letter is CYRILLIC SMALL LETTER A (U+0430).
      const parsed = one('jane@\u0430cme.com');
      expect(parsed.domain).toBe('xn--cme-5cd.com');
      expect(parsed.address).toBe('jane@xn--cme-5cd.com');
      expect(parsed.unicodeDomain).toBe('\u0430cme.com');
      expect(parsed.address).not.toBe('jane@acme.com');
    });

    it('converts a domain where several letters are Cyrillic', () => {
      expect(one('jane@\u0430\u0441me.com').domain).toBe('xn--me-6kc2e.com');
    });

    it('keeps the German sharp s (non-transitional processing)', () => {
      expect(one('jane@straße.de').domain).toBe('xn--strae-oqa.de');
    });

    it('maps full-width letters to their ASCII form', () => {
      expect(one('jane@ａｃｍｅ.com')).toMatchObject({ domain: 'acme.com', address: 'jane@acme.com' });
    });
  });

  describe('invalid pieces and their reasons', () => {
    it.each([
      ['jane.doe', 'not an email address (no @)'],
      ['jane@@acme.com', 'more than one @'],
      ['jane@doe@acme.com', 'more than one @'],
      ['@acme.com', 'nothing before the @'],
      ['jane@', 'nothing after the @'],
      ['jane@acme', 'the domain has no dot (e.g. acme.com)'],
      ['jane@[192.168.0.1]', 'an IP address instead of a domain'],
      ['jane@192.168.0.1', 'an IP address instead of a domain'],
      ['jane@acme.123', 'an IP address instead of a domain'],
      ['jane@acme.c', 'the last part of the domain is a single letter'],
      ['jane@acme..com', 'the domain has two dots in a row or starts with a dot'],
      ['jane@.acme.com', 'the domain has two dots in a row or starts with a dot'],
      ['.jane@acme.com', 'the part before the @ starts or ends with a dot'],
      ['jane.@acme.com', 'the part before the @ starts or ends with a dot'],
      ['jane..doe@acme.com', 'the part before the @ has two dots in a row'],
      ['jöns@acme.com', 'the part before the @ has non-ASCII characters'],
      ['jane(doe)@acme.com', 'the part before the @ contains a character email addresses cannot have'],
      ['jane@ac_me.com', 'the domain contains a character a domain cannot have'],
      ['jane@acme!.com', 'the domain contains a character a domain cannot have'],
      ['jane@-acme.com', 'the domain contains a character a domain cannot have'],
      ['jane@acme-.com', 'the domain contains a character a domain cannot have'],
    ])('%s: %s', (text, reason) => {
      expect(reasonFor(text)).toBe(reason);
    });

    it('refuses a label longer than 63 characters and accepts one of exactly 63', () => {
      expect(reasonFor(`jane@${'a'.repeat(64)}.com`)).toBe('a part of the domain is longer than 63 characters');
      expect(one(`jane@${'a'.repeat(63)}.com`).domain).toBe(`${'a'.repeat(63)}.com`);
    });

    it('refuses a domain longer than 253 characters and accepts one of exactly 253', () => {
      const domain253 = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`;
      expect(domain253).toHaveLength(253);
      expect(one(`jane@${domain253}`).domain).toBe(domain253);
      expect(reasonFor(`jane@${domain253}d`)).toBe('the domain is longer than 253 characters');
      expect(reasonFor(`jane@${`${'a'.repeat(60)}.`.repeat(5)}com`)).toBe('the domain is longer than 253 characters');
    });

    it('refuses a local part longer than 64 characters and accepts one of exactly 64', () => {
      expect(reasonFor(`${'j'.repeat(65)}@acme.com`)).toBe('the part before the @ is longer than 64 characters');
      expect(one(`${'j'.repeat(64)}@acme.com`).local).toHaveLength(64);
    });

    it('refuses a "<" without its ">", up to the next separator', () => {
      const list = parseAddressList('Jane Doe <jane@acme.com, raj.patel@acme.com');
      expect(list.invalid).toEqual([{ raw: 'Jane Doe <jane@acme.com', reason: 'a "<" without its closing ">"' }]);
      expect(addressesOf(list)).toEqual(['raj.patel@acme.com']);
    });

    it('refuses an unclosed quotation mark, naming the quotation mark', () => {
      const list = parseAddressList('"Jane jane@acme.com\nraj.patel@acme.com');
      expect(list.invalid).toEqual([{ raw: '"Jane jane@acme.com', reason: 'a quotation mark (") without its closing one' }]);
      expect(addressesOf(list)).toEqual(['raj.patel@acme.com']);
    });

    it('reports an empty <> as not an address', () => {
      expect(parseAddressList('Jane Doe <>').invalid).toEqual([{ raw: 'Jane Doe <>', reason: 'not an email address (no @)' }]);
    });

    it.each([
      ['U+200B', 'ja\u200bne@acme.com'],
      ['U+200B', 'jane@ac\u200bme.com'],
      ['U+202E', 'jane@acme\u202e.com'],
      ['U+202E', '\u202ejane@acme.com'],
      ['U+FEFF', 'ja\ufeffne@acme.com'],
      ['U+FEFF', 'jane@\ufeffacme.com'],
      ['U+FEFF', 'jane@acme.com\ufeffraj@acme.com'],
      ['U+200D', 'Jane Doe <jane@ac\u200dme.com>'],
      ['U+2066', 'jane\u2066@acme.com'],
      ['U+00AD', 'jane@ac\u00adme.com'],
    ])('refuses an invisible or direction-changing character and names it (%s)', (code, text) => {
      const reason = reasonFor(text);
      expect(reason).toContain(code);
      expect(reason).toContain('invisible or direction-changing');
    });

    it('does not split an address at U+FEFF and invite what follows it', () => {
      // U+FEFF matches \s in JavaScript; read as a space it would turn this into `ne@acme.com`.
      const list = parseAddressList('ja\ufeffne@acme.com');
      expect(list.addresses).toEqual([]);
      expect(list.invalid[0]!.raw).toBe('ja\ufeffne@acme.com');
    });

    it('drops a U+FEFF at the very edge of a piece (a byte-order mark): what is left is what shows', () => {
      expect(one('\ufeffjane@acme.com')).toMatchObject({ address: 'jane@acme.com', raw: 'jane@acme.com' });
      expect(one('jane@acme.com\ufeff').address).toBe('jane@acme.com');
      expect(parseAddressList('\ufeff\njane@acme.com')).toEqual(parseAddressList('jane@acme.com'));
      expect(parseAddressList('\ufeff')).toEqual({ addresses: [], invalid: [] });
    });

    it('reports words that are not addresses, each with its own raw text', () => {
      const list = parseAddressList('thanks, jane.doe@acme.com, see you');
      expect(addressesOf(list)).toEqual(['jane.doe@acme.com']);
      expect(list.invalid).toEqual([
        { raw: 'thanks', reason: 'not an email address (no @)' },
        { raw: 'see you', reason: 'not an email address (no @)' },
      ]);
    });

    it('reads the words before a bare address as its name and reports words after it', () => {
      const list = parseAddressList('Jane Doe jane.doe@acme.com thanks');
      expect(list.addresses).toEqual([
        { raw: 'Jane Doe jane.doe@acme.com', address: 'jane.doe@acme.com', local: 'jane.doe', domain: 'acme.com', displayName: 'Jane Doe' },
      ]);
      expect(list.invalid).toEqual([{ raw: 'thanks', reason: 'not an email address (no @)' }]);
    });

    it('reports a lone ">" left after an address', () => {
      const list = parseAddressList('Jane <jane@acme.com>>');
      expect(addressesOf(list)).toEqual(['jane@acme.com']);
      expect(list.invalid).toEqual([{ raw: '>', reason: 'not an email address (no @)' }]);
    });

    it('keeps reading after an invalid piece', () => {
      const list = parseAddressList('jane@acme, raj.patel@acme.com; bob@@acme.com\nli.wei@acme.com');
      expect(addressesOf(list)).toEqual(['raj.patel@acme.com', 'li.wei@acme.com']);
      expect(list.invalid.map((p) => p.raw)).toEqual(['jane@acme', 'bob@@acme.com']);
    });
  });

  describe('large pastes', () => {
    it('reads a 1 MB paste of 40,000 named addresses completely and in order', () => {
      const separators = [',\n', '; ', '\r\n', ', ', '\t'];
      const parts: string[] = [];
      for (let i = 0; i < 40_000; i++) {
        const entry = i % 3 === 0 ? `"Doe, Jane ${i}" <jane.doe.${i}@acme.com>` : i % 3 === 1 ? `Raj Patel ${i} <Raj.Patel.${i}@Brightlane-Agency.io>` : `li.wei.${i}@acme.co.uk`;
        parts.push(entry, separators[i % separators.length]!);
      }
      const text = parts.join('');
      expect(text.length).toBeGreaterThan(1_000_000);

      const list = parseAddressList(text);
      expect(list.invalid).toEqual([]);
      expect(list.addresses).toHaveLength(40_000);
      list.addresses.forEach((a, i) => {
        const expected =
          i % 3 === 0 ? `jane.doe.${i}@acme.com` : i % 3 === 1 ? `raj.patel.${i}@brightlane-agency.io` : `li.wei.${i}@acme.co.uk`;
        expect(a.address).toBe(expected);
      });
      expect(list.addresses[0]!.displayName).toBe('Doe, Jane 0');
      expect(list.addresses[39_997]!.displayName).toBe('Raj Patel 39997');
      expect(list.addresses[39_998]!.displayName).toBeUndefined();
    });

    it('reports invalid pieces scattered through a large paste', () => {
      const parts: string[] = [];
      for (let i = 0; i < 20_000; i++) parts.push(i % 100 === 99 ? `broken.${i}@acme` : `user.${i}@acme.com`);
      const list = parseAddressList(parts.join('\n'));
      expect(list.addresses).toHaveLength(19_800);
      expect(list.invalid).toHaveLength(200);
      expect(list.invalid.every((p) => p.reason === 'the domain has no dot (e.g. acme.com)')).toBe(true);
      expect(list.invalid[0]!.raw).toBe('broken.99@acme');
    });

    it('reads a long run of punctuation inside one piece (reported, not stuck on)', () => {
      // A run of trailing-punctuation characters that does not end the piece: 100,000 of them.
      const text = `jane@acme${').'.repeat(50_000)}com`;
      expect(parseAddressList(text).invalid).toEqual([{ raw: text, reason: 'the domain contains a character a domain cannot have' }]);
      const dots = `jane@${'.'.repeat(100_000)}x`;
      expect(parseAddressList(dots).invalid).toHaveLength(1);
    });
  });

  describe('properties', () => {
    it('never throws for arbitrary strings, and every result is well formed', () => {
      fc.assert(
        fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 100 })), (text) => {
          const list = parseAddressList(text);
          expectWellFormed(list, text);
        }),
        { numRuns: 500 },
      );
    });

    it('never throws for adversarial mixes of address punctuation', () => {
      const unit = fc.constantFrom(
        '<', '>', '"', ',', ';', '@', '.', ' ', '\\', '\n', '\r', '\t', 'a', 'B', '0', '-', '(', ')', '[', ']', ':',
        'mailto:', 'xn--', 'ü', '\u0430', '\u200b', '\u202e', '\ufeff', '\u00a0', '?', '+', 'acme.com', 'gmail.com',
      );
      fc.assert(
        fc.property(fc.string({ unit, maxLength: 80 }), (text) => {
          const list = parseAddressList(text);
          expectWellFormed(list, text);
        }),
        { numRuns: 1000 },
      );
    });

    const atom = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-+'), minLength: 1, maxLength: 12 });
    const local = fc.array(atom, { minLength: 1, maxLength: 3 }).map((atoms) => atoms.join('.'));
    const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,12}[a-z0-9])?$/);
    const tld = fc.stringMatching(/^[a-z]{2,6}$/);
    const domain = fc.tuple(fc.array(label, { minLength: 1, maxLength: 3 }), tld).map(([labels, end]) => [...labels, end].join('.'));
    const validAddress = fc.tuple(local, domain).map(([l, d]) => `${l}@${d}`);
    const name = fc.array(fc.stringMatching(/^[A-Za-z][a-z]{0,8}$/), { minLength: 1, maxLength: 3 }).map((w) => w.join(' '));
    const style = fc.constantFrom('bare', 'angle', 'named', 'quoted', 'mailto', 'paren', 'period');
    const anySeparator = fc.constantFrom(',', ', ', ';', ' ; ', ' ', '  ', '\t', '\n', '\r\n', ' ,\n ', '\u00a0', '\u3000');
    const hardSeparator = fc.constantFrom(',', ', ', ';', '\n', '\r\n', ' ;\r\n');

    it('returns exactly the generated addresses, in order, whatever the separators and decorations', () => {
      const entry = fc.record({ address: validAddress, style, name, upper: fc.boolean() });
      const entries = fc.array(fc.tuple(entry, anySeparator, hardSeparator), { minLength: 1, maxLength: 12 });
      fc.assert(
        fc.property(entries, (items) => {
          let text = '';
          items.forEach(([e, soft, hard], i) => {
            const address = e.upper ? e.address.toUpperCase() : e.address;
            const shown = {
              bare: address,
              angle: `<${address}>`,
              named: `${e.name} <${address}>`,
              quoted: `"${e.name.replace(' ', ', ')}" <${address}>`,
              mailto: `mailto:${address}?subject=Invitation`,
              paren: `(${address})`,
              period: `${address}.`,
            }[e.style];
            // A word right before <address> is read as its name, so angle forms follow a hard separator.
            if (i > 0) text += ['angle', 'named', 'quoted'].includes(e.style) ? hard : soft;
            text += shown;
          });
          const list = parseAddressList(text);
          expect(list.invalid).toEqual([]);
          expect(addressesOf(list)).toEqual(items.map(([e]) => e.address.toLowerCase()));
          list.addresses.forEach((a, i) => {
            const [e] = items[i]!;
            expect(a.local).toBe((e.upper ? e.address.toUpperCase() : e.address).split('@')[0]);
            if (e.style === 'named') expect(a.displayName).toBe(e.name);
            if (e.style === 'quoted') expect(a.displayName).toBe(e.name.replace(' ', ', '));
          });
        }),
        { numRuns: 300 },
      );
    });

    it('parseAddress reads back any valid address', () => {
      fc.assert(
        fc.property(validAddress, (address) => {
          expect(parseAddress(address)?.address).toBe(address.toLowerCase());
          expect(parseAddress(` ${address.toUpperCase()} `)?.address).toBe(address.toLowerCase());
        }),
      );
    });
  });
});

describe('parseAddress', () => {
  it('reads a single address', () => {
    expect(parseAddress('analytics@brightlane-agency.io')).toEqual({
      raw: 'analytics@brightlane-agency.io',
      address: 'analytics@brightlane-agency.io',
      local: 'analytics',
      domain: 'brightlane-agency.io',
    });
  });

  it('reads a single named address', () => {
    expect(parseAddress('Priya Nair <Priya.Nair@Acme.com>')).toMatchObject({
      address: 'priya.nair@acme.com',
      local: 'Priya.Nair',
      displayName: 'Priya Nair',
    });
  });

  it('returns null for two addresses, an invalid one, an address with extra words, and empty text', () => {
    expect(parseAddress('jane@acme.com, raj@acme.com')).toBeNull();
    expect(parseAddress('jane@acme')).toBeNull();
    expect(parseAddress('jane@acme.com thanks')).toBeNull();
    expect(parseAddress('')).toBeNull();
    expect(parseAddress('   ')).toBeNull();
  });
});

describe('toAsciiDomain', () => {
  it('lower-cases, trims and drops one trailing dot', () => {
    expect(toAsciiDomain(' Acme.COM. ')).toBe('acme.com');
  });

  it('converts Unicode to punycode', () => {
    expect(toAsciiDomain('bücher.de')).toBe('xn--bcher-kva.de');
    expect(toAsciiDomain('mail.bücher.de')).toBe('mail.xn--bcher-kva.de');
  });

  it('returns the reason, prefixed with "!", when it is not a host name', () => {
    expect(toAsciiDomain('')).toBe('!nothing after the @');
    expect(toAsciiDomain('[10.0.0.1]')).toBe('!an IP address instead of a domain');
    expect(toAsciiDomain('acme')).toBe('!the domain has no dot (e.g. acme.com)');
    expect(toAsciiDomain('acme com')).toBe('!the domain contains a character a domain cannot have');
    expect(toAsciiDomain('acme.com/path')).toBe('!the domain contains a character a domain cannot have');
  });
});

describe('findInvisibleCharacter and describeCodePoint', () => {
  it('finds the first invisible character', () => {
    expect(findInvisibleCharacter('jane@acme.com')).toBeNull();
    expect(findInvisibleCharacter('ja\u200bne\u202e')).toBe('\u200b');
    expect(findInvisibleCharacter('\ufeff')).toBe('\ufeff');
  });

  it('names a code point as U+XXXX, padded to four digits, astral ones in full', () => {
    expect(describeCodePoint('\u200b')).toBe('U+200B');
    expect(describeCodePoint('\u00ad')).toBe('U+00AD');
    expect(describeCodePoint('a')).toBe('U+0061');
    expect(describeCodePoint('😀')).toBe('U+1F600');
  });
});

describe('canonicalAddress', () => {
  it('lower-cases and trims', () => {
    expect(canonicalAddress(' Jane.Doe@ACME.com ')).toBe('jane.doe@acme.com');
  });

  it('ignores dots in a Gmail local part', () => {
    expect(canonicalAddress('marco.rossi@gmail.com')).toBe('marcorossi@gmail.com');
    expect(canonicalAddress('m.a.r.c.o.rossi@gmail.com')).toBe(canonicalAddress('marcorossi@gmail.com'));
  });

  it('reads googlemail.com as gmail.com', () => {
    expect(canonicalAddress('Marco.Rossi@GoogleMail.com')).toBe('marcorossi@gmail.com');
    expect(canonicalAddress('marco.rossi@googlemail.com')).toBe(canonicalAddress('marcorossi@gmail.com'));
  });

  it('keeps dots for other domains, including Google Workspace ones', () => {
    expect(canonicalAddress('jane.doe@acme.com')).toBe('jane.doe@acme.com');
    expect(canonicalAddress('jane.doe@acme.com')).not.toBe(canonicalAddress('janedoe@acme.com'));
    expect(canonicalAddress('jane.doe@gmail.co.uk')).toBe('jane.doe@gmail.co.uk');
  });

  it('keeps the +tag', () => {
    expect(canonicalAddress('jane+mixpanel@acme.com')).toBe('jane+mixpanel@acme.com');
    expect(canonicalAddress('Marco.Rossi+Work@gmail.com')).toBe('marcorossi+work@gmail.com');
  });

  it('leaves text without a domain as it is (lower-cased)', () => {
    expect(canonicalAddress('Jane')).toBe('jane');
    expect(canonicalAddress('')).toBe('');
  });

  describe('properties', () => {
    const noisy = fc.string({
      unit: fc.constantFrom('a', 'B', '.', '+', '@', ' ', '\t', 'gmail.com', 'googlemail.com', 'acme.com', 'İ', 'ß', '\u00a0'),
      maxLength: 20,
    });

    it('is idempotent', () => {
      fc.assert(
        fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), noisy), (x) => {
          const once = canonicalAddress(x);
          expect(canonicalAddress(once)).toBe(once);
        }),
        { numRuns: 1000 },
      );
    });

    it('is case-insensitive', () => {
      const ascii = fc.oneof(fc.string({ unit: 'binary-ascii' }), fc.string({ unit: fc.constantFrom('a', 'Z', '.', '+', '@', 'gmail.com', 'GoogleMail.COM') }));
      fc.assert(
        fc.property(ascii, fc.array(fc.boolean(), { maxLength: 40 }), (x, flips) => {
          const mixed = [...x].map((ch, i) => (flips[i % Math.max(flips.length, 1)] ? ch.toUpperCase() : ch.toLowerCase())).join('');
          expect(canonicalAddress(mixed)).toBe(canonicalAddress(x));
          expect(canonicalAddress(x.toUpperCase())).toBe(canonicalAddress(x.toLowerCase()));
        }),
        { numRuns: 500 },
      );
    });

    it('changes nothing but case and spaces outside gmail.com and googlemail.com', () => {
      // The domain is what follows the last @; only those two domains change the local part.
      fc.assert(
        fc.property(fc.oneof(fc.string(), noisy), (x) => {
          const lower = x.trim().toLowerCase();
          const domain = lower.includes('@') ? lower.slice(lower.lastIndexOf('@') + 1) : '';
          const google = domain === 'gmail.com' || domain === 'googlemail.com';
          if (!google) expect(canonicalAddress(x)).toBe(lower);
          else expect(canonicalAddress(x).endsWith('@gmail.com')).toBe(true);
        }),
        { numRuns: 1000 },
      );
    });

    it('gives one key to every Gmail spelling of a mailbox', () => {
      const letters = fc.stringMatching(/^[a-z0-9]{1,15}$/);
      fc.assert(
        fc.property(letters, fc.array(fc.nat(), { maxLength: 5 }), fc.boolean(), fc.boolean(), (user, dotsAt, googlemail, upper) => {
          let dotted = user;
          for (const at of dotsAt) {
            const i = (at % dotted.length) + 1;
            dotted = `${dotted.slice(0, i)}.${dotted.slice(i)}`;
          }
          const spelled = `${dotted}@${googlemail ? 'googlemail.com' : 'gmail.com'}`;
          expect(canonicalAddress(upper ? spelled.toUpperCase() : spelled)).toBe(`${user}@gmail.com`);
        }),
      );
    });
  });
});

describe('untaggedAddress', () => {
  it('strips the +tag', () => {
    expect(untaggedAddress('jane+mixpanel@acme.com')).toBe('jane@acme.com');
    expect(untaggedAddress('jane+a+b@acme.com')).toBe('jane@acme.com');
    expect(untaggedAddress('jane+@acme.com')).toBe('jane@acme.com');
  });

  it('canonicalizes as well', () => {
    expect(untaggedAddress('Marco.Rossi+Work@GoogleMail.com')).toBe('marcorossi@gmail.com');
  });

  it('keeps a leading "+", which is not a tag', () => {
    expect(untaggedAddress('+jane@acme.com')).toBe('+jane@acme.com');
  });

  it('leaves an address without a tag alone', () => {
    expect(untaggedAddress('jane.doe@acme.com')).toBe('jane.doe@acme.com');
  });

  it('is idempotent and agrees with canonicalAddress', () => {
    const noisy = fc.string({ unit: fc.constantFrom('a', 'B', '.', '+', '@', ' ', 'gmail.com', 'acme.com'), maxLength: 20 });
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), noisy), (x) => {
        const once = untaggedAddress(x);
        expect(untaggedAddress(once)).toBe(once);
        expect(untaggedAddress(canonicalAddress(x))).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('addressParts', () => {
  it('splits at the last @', () => {
    expect(addressParts('jane@acme.com')).toEqual({ local: 'jane', domain: 'acme.com' });
    expect(addressParts('a@b@acme.com')).toEqual({ local: 'a@b', domain: 'acme.com' });
  });

  it('has an empty domain when there is no @', () => {
    expect(addressParts('jane')).toEqual({ local: 'jane', domain: '' });
  });
});

describe('an address before an <address>', () => {
  it('is a name only when it is the same address, as mail clients copy it', () => {
    const same = parseAddressList('jane@acme.com <Jane@acme.com>');
    expect(same.addresses.map((a) => a.address)).toEqual(['jane@acme.com']);
    expect(same.addresses[0]!.displayName).toBe('jane@acme.com');
  });

  it('is its own address when it differs, so it cannot hide the one invited', () => {
    const spoof = parseAddressList('jane@acme.com <bob@evil.io>');
    expect(spoof.addresses.map((a) => a.address)).toEqual(['jane@acme.com', 'bob@evil.io']);
    expect(spoof.addresses[1]!.displayName).toBeUndefined();
  });
});
