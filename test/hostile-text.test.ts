// Issue 7: page text shown back to the admin. Whatever a page holds, what Invite Guard displays has
// no invisible or direction-changing character left in it, stays short, and never ends in half a
// character.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { displayText, findHiddenCharacter, middleTruncate, prefixOf, revealInvisible } from '../lib/text';
import { HOSTILE_STRINGS, INVISIBLE_STRINGS, MARKUP_STRINGS } from './mixpanel/hostile-strings';

/** Every character that hides or reorders text, one of each range. */
const HIDDEN_SAMPLES = [
  '\u00AD', '\u034F', '\u061C', '\u115F', '\u1160', '\u17B4', '\u17B5', '\u180B', '\u180E', '\u180F', '\u200B', '\u200C',
  '\u200D', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2060', '\u2061', '\u2064', '\u2066',
  '\u2067', '\u2068', '\u2069', '\u206F', '\u3164', '\uFE00', '\uFE0F', '\uFEFF', '\uFFA0', '\uFFF9', '\uFFFB',
  '\u{1BCA0}', '\u{1BCA3}', '\u{1D173}', '\u{1D17A}', '\u{E0001}', '\u{E0041}', '\u{E007F}', '\u{E0100}', '\u{E01EF}',
];

function wellFormed(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (code >= 0xdc00 && code <= 0xdfff) return false;
  }
  return true;
}

/** Strings mixing plain letters, the hidden characters and astral ones. */
const pageText = fc
  .array(
    fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.constantFrom(...HIDDEN_SAMPLES),
      fc.constantFrom('👩\u200D💻', '🇩🇪', 'а', 'Ｊ', '\u0336'),
      fc.string({ unit: 'grapheme', maxLength: 4 }),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

describe('revealInvisible', () => {
  it.each(HIDDEN_SAMPLES.map((ch) => [`U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`, ch]))('shows %s by its code point', (code, ch) => {
    expect(findHiddenCharacter(`a${ch}b`)).toBe(ch);
    expect(revealInvisible(`a${ch}b`)).toBe(`a⟨${code}⟩b`);
  });

  it('leaves visible text, markup included, exactly as it is', () => {
    for (const text of [...MARKUP_STRINGS, 'Chloé Dubois', 'Jаne (Cyrillic а)', '👩\u200D💻'.replace('\u200D', '')]) {
      expect(revealInvisible(text)).toBe(text);
    }
  });

  it('leaves no hidden character in any text, and is stable', () => {
    fc.assert(
      fc.property(pageText, (text) => {
        const shown = revealInvisible(text);
        expect(findHiddenCharacter(shown)).toBeNull();
        expect(revealInvisible(shown)).toBe(shown);
      }),
      { numRuns: 500 },
    );
  });
});

describe('displayText', () => {
  it('shows the hostile corpus with nothing hidden, bounded, and whole characters only', () => {
    for (const text of HOSTILE_STRINGS) {
      const shown = displayText(text, 120);
      expect(findHiddenCharacter(shown), JSON.stringify(text.slice(0, 40))).toBeNull();
      // Each kept character becomes at most one ⟨U+XXXXX⟩ marker (9 code units).
      expect(shown.length).toBeLessThanOrEqual(120 * 9);
      if (wellFormed(text)) expect(wellFormed(shown)).toBe(true);
    }
    for (const text of INVISIBLE_STRINGS) expect(displayText(text)).toMatch(/⟨U\+[0-9A-F]{4,5}⟩/);
  });

  it('keeps both ends of a long text, where a look-alike address differs', () => {
    const address = `${'a'.repeat(500)}@acme.com`;
    const shown = displayText(address, 60);
    expect(shown.startsWith('aaaa')).toBe(true);
    expect(shown.endsWith('@acme.com')).toBe(true);
    expect(shown).toContain('…');
    expect(shown.length).toBe(60);
  });

  it('for any text: nothing hidden, bounded, never half a character', () => {
    fc.assert(
      fc.property(pageText, fc.integer({ min: 2, max: 80 }), (text, max) => {
        const shown = displayText(text, max);
        expect(findHiddenCharacter(shown)).toBeNull();
        expect(middleTruncate(text, max).length).toBeLessThanOrEqual(max);
        expect(shown.length).toBeLessThanOrEqual(max * 9);
        if (wellFormed(text)) expect(wellFormed(shown)).toBe(true);
        if (text.length <= max) expect(shown).toBe(revealInvisible(text));
      }),
      { numRuns: 500 },
    );
  });
});

describe('prefixOf', () => {
  it('cuts before half a character, never inside one', () => {
    expect(prefixOf('ab👩', 3)).toBe('ab');
    expect(prefixOf('ab👩', 4)).toBe('ab👩');
    expect(prefixOf('abc', 10)).toBe('abc');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.nat({ max: 30 }), (text, max) => {
        const cut = prefixOf(text, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        expect(text.startsWith(cut)).toBe(true);
        expect(wellFormed(cut)).toBe(true);
        expect(cut.length).toBeGreaterThanOrEqual(Math.min(text.length, max) - 1);
      }),
      { numRuns: 300 },
    );
  });
});
