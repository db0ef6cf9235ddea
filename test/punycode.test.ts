import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodePunycodeLabel, domainToUnicode } from '../lib/punycode';

describe('decodePunycodeLabel', () => {
  it('decodes the labels of look-alike and internationalized domains', () => {
    expect(decodePunycodeLabel('bcher-kva')).toBe('bücher');
    // CYRILLIC SMALL LETTER A (U+0430) followed by Latin "cme".
    expect(decodePunycodeLabel('cme-5cd')).toBe('\u0430cme');
    expect(decodePunycodeLabel('cme-5cd')).not.toBe('acme');
    expect(decodePunycodeLabel('strae-oqa')).toBe('straße');
    expect(decodePunycodeLabel('me-6kc2e')).toBe('\u0430\u0441me');
  });

  // The sample strings of RFC 3492, section 7.1.
  it.each([
    ['(A) Arabic (Egyptian)', 'egbpdaj6bu4bxfgehfvwxn', 'ليهمابتكلموشعربي؟'],
    ['(B) Chinese (simplified)', 'ihqwcrb4cv8a8dqg056pqjye', '他们为什么不说中文'],
    ['(C) Chinese (traditional)', 'ihqwctvzc91f659drss3x8bo0yb', '他們爲什麽不說中文'],
    ['(D) Czech', 'Proprostnemluvesky-uyb24dma41a', 'Pročprostěnemluvíčesky'],
    ['(E) Hebrew', '4dbcagdahymbxekheh6e0a7fei0b', 'למההםפשוטלאמדבריםעברית'],
    ['(G) Japanese', 'n8jok5ay5dzabd5bym9f0cm5685rrjetr6pdxa', 'なぜみんな日本語を話してくれないのか'],
    ['(H) Korean', '989aomsvi5e83db1d2a355cv1e0vak1dwrv93d5xbh15a0dt30a5jpsd879ccm6fea98c', '세계의모든사람들이한국어를이해한다면얼마나좋을까'],
    ['(I) Russian', 'b1abfaaepdrnnbgefbadotcwatmq2g4l', 'почемужеонинеговорятпорусски'],
    ['(J) Spanish', 'PorqunopuedensimplementehablarenEspaol-fmd56a', 'PorquénopuedensimplementehablarenEspañol'],
    ['(K) Vietnamese', 'TisaohkhngthchnitingVit-kjcr8268qyxafd2f1b9g', 'TạisaohọkhôngthểchỉnóitiếngViệt'],
    ['(L)', '3B-ww4c5e180e575a65lsy2b', '3年B組金八先生'],
    ['(M)', '-with-SUPER-MONKEYS-pc58ag80a8qai00g7n9n', '安室奈美恵-with-SUPER-MONKEYS'],
    ['(N)', 'Hello-Another-Way--fc4qua05auwb3674vfr0b', 'Hello-Another-Way-それぞれの場所'],
    ['(O)', '2-u9tlzr9756bt3uc0v', 'ひとつ屋根の下2'],
    ['(P)', 'MajiKoi5-783gue6qz075azm5e', 'MajiでKoiする5秒前'],
    ['(Q)', 'de-jg4avhby1noc0d', 'パフィーdeルンバ'],
    ['(R)', 'd9juau41awczczp', 'そのスピードで'],
    ['(S) basic code points only', '-> $1.00 <--', '-> $1.00 <-'],
  ])('RFC 3492 %s', (_name, encoded, decoded) => {
    expect(decodePunycodeLabel(encoded)).toBe(decoded);
  });

  it('keeps the case of the basic code points and reads digits in either case', () => {
    expect(decodePunycodeLabel('Bcher-kva')).toBe('Bücher');
    expect(decodePunycodeLabel('bcher-KVA')).toBe('bücher');
  });

  it('decodes a label of basic code points only (trailing delimiter)', () => {
    expect(decodePunycodeLabel('abc-')).toBe('abc');
    expect(decodePunycodeLabel('')).toBe('');
  });

  it.each([
    ['a digit that is not a base-36 digit', 'a!b'],
    ['a non-ASCII basic code point', 'ü-kva'],
    ['non-ASCII in the extended part', 'ü'],
    ['a number cut off in the middle', 'bcher-kv'],
    ['a lone delimiter', '-'],
    ['a lone digit that does not end a number', '9'],
    ['a delta past the last code point', '99999999999'],
    ['two delimiters with digits between', 'a-b-c'],
  ])('returns null for invalid input: %s', (_name, input) => {
    expect(decodePunycodeLabel(input)).toBeNull();
  });

  describe('properties', () => {
    it('never throws, and returns a string or null', () => {
      fc.assert(
        fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.stringMatching(/^[a-z0-9-]{0,30}$/)), (input) => {
          const decoded = decodePunycodeLabel(input);
          expect(decoded === null || typeof decoded === 'string').toBe(true);
        }),
        { numRuns: 1000 },
      );
    });

    it('decodes basic code points followed by a delimiter to themselves', () => {
      fc.assert(
        fc.property(fc.stringMatching(/^[A-Za-z0-9-]{1,40}$/), (basic) => {
          expect(decodePunycodeLabel(`${basic}-`)).toBe(basic);
        }),
      );
    });

    // Letters the WHATWG URL parser (UTS #46) maps only by lower-casing, so the expected label is
    // the NFC, lower-cased input. Decomposed accents check the NFC step.
    const unit = fc.constantFrom(
      ...'abcdefghijklmnopqrstuvwxyz0123456789',
      ...'àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿß',
      ...'ÀÁÂÄÇÉÈÑÖÜ',
      ...'абвгдежзийклмнопрстуфхцчшщъыьэюяё',
      ...'АБВГДЕЖЗИКЛМ',
      ...'αβγδεζηθικλμνξοπρτυφχψω',
      ...'ΑΒΓΔΩ',
      ...'あいうえおかきくけこ中文日本語漢字한국어',
      'e\u0301',
      'u\u0308',
      'ğ',
    );

    it('decodes what the URL parser encodes: the NFC, lower-cased label', () => {
      let checked = 0;
      fc.assert(
        fc.property(fc.string({ unit, minLength: 1, maxLength: 20 }), (label) => {
          let hostname: string;
          try {
            hostname = new URL(`http://${label}.com`).hostname;
          } catch {
            return; // Not a host name the URL parser accepts.
          }
          const ascii = hostname.split('.')[0]!;
          if (ascii.length > 63) return;
          checked++;
          const expected = label.normalize('NFC').toLowerCase();
          if (ascii.startsWith('xn--')) expect(decodePunycodeLabel(ascii.slice(4))).toBe(expected);
          expect(domainToUnicode(hostname)).toBe(`${expected}.com`);
        }),
        { numRuns: 500 },
      );
      expect(checked).toBeGreaterThan(400);
    });
  });
});

describe('domainToUnicode', () => {
  it('decodes xn-- labels', () => {
    expect(domainToUnicode('xn--bcher-kva.de')).toBe('bücher.de');
    expect(domainToUnicode('mail.xn--bcher-kva.de')).toBe('mail.bücher.de');
    expect(domainToUnicode('xn--cme-5cd.com')).toBe('\u0430cme.com');
    expect(domainToUnicode('xn--me-6kc2e.xn--bcher-kva.de')).toBe('\u0430\u0441me.bücher.de');
  });

  it('leaves ASCII labels alone, case included', () => {
    expect(domainToUnicode('acme.com')).toBe('acme.com');
    expect(domainToUnicode('Brightlane-Agency.IO')).toBe('Brightlane-Agency.IO');
    expect(domainToUnicode('ab--cd.acme.com')).toBe('ab--cd.acme.com');
  });

  it('leaves a label that is not valid punycode as it is', () => {
    expect(domainToUnicode('xn--zz.acme.com')).toBe('xn--zz.acme.com');
    expect(domainToUnicode('xn--a!b.com')).toBe('xn--a!b.com');
  });

  it('keeps empty labels (a trailing dot)', () => {
    expect(domainToUnicode('xn--bcher-kva.de.')).toBe('bücher.de.');
  });

  it('leaves a domain without xn-- labels unchanged (property)', () => {
    fc.assert(
      fc.property(fc.domain(), (domain) => {
        fc.pre(!domain.split('.').some((label) => label.startsWith('xn--')));
        expect(domainToUnicode(domain)).toBe(domain);
      }),
    );
  });
});
