// How domains relate: the same company under another ending, and domains made to look like another.
import { domainToUnicode } from './punycode';

// Two-part endings under which a company registers its own name (acme.co.uk).
const SECOND_LEVEL_SUFFIXES = new Set([
  'co.uk', 'org.uk', 'ac.uk', 'gov.uk', 'me.uk', 'ltd.uk', 'plc.uk', 'com.au', 'net.au', 'org.au',
  'co.nz', 'co.jp', 'ne.jp', 'or.jp', 'co.kr', 'co.in', 'com.br', 'com.mx', 'com.ar', 'co.za',
  'com.sg', 'com.hk', 'com.tw', 'com.cn', 'com.tr', 'co.il', 'com.my', 'co.id', 'com.ph', 'com.pl',
]);

/** The name a company registered: "acme" for acme.com, eu.acme.com and acme.co.uk. */
export function registrableName(domain: string): string {
  const labels = domain.split('.');
  if (labels.length < 2) return domain;
  const lastTwo = labels.slice(-2).join('.');
  const index = SECOND_LEVEL_SUFFIXES.has(lastTwo) && labels.length >= 3 ? labels.length - 3 : labels.length - 2;
  return labels[index]!;
}

/** The registered domain: acme.com for eu.acme.com, acme.co.uk for mail.acme.co.uk. */
export function registrableDomain(domain: string): string {
  const labels = domain.split('.');
  const lastTwo = labels.slice(-2).join('.');
  const keep = SECOND_LEVEL_SUFFIXES.has(lastTwo) && labels.length >= 3 ? 3 : 2;
  return labels.slice(-keep).join('.');
}

/** Different domains of one company name: acme.com and acme.io, or eu.acme.com and acme.com. */
export function areRelatedDomains(a: string, b: string): boolean {
  return a !== b && registrableName(a).length >= 3 && registrableName(a) === registrableName(b);
}

// Letters from other scripts that render like Latin ones, and digit/letter swaps.
const CONFUSABLES: Record<string, string> = {
  // Cyrillic
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y',
  х: 'x', ѕ: 's', і: 'i', ї: 'i', ј: 'j', ԁ: 'd', ԛ: 'q', ԝ: 'w', һ: 'h', ӏ: 'l', ɡ: 'g',
  // Greek
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x',
  ω: 'w',
  // Latin look-alikes and digits
  ı: 'i', ł: 'l', ø: 'o', đ: 'd', ħ: 'h', '0': 'o', '1': 'l',
};
const MULTI_LETTER_CONFUSABLES: [RegExp, string][] = [
  [/rn/g, 'm'],
  [/vv/g, 'w'],
  [/cl/g, 'd'],
];

/** What a domain looks like to a reader: scripts, accents and rn/m-style tricks folded away. */
export function visualSkeleton(domain: string): string {
  const unicode = domainToUnicode(domain).normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  let out = '';
  for (const ch of unicode) out += CONFUSABLES[ch] ?? ch;
  for (const [pattern, replacement] of MULTI_LETTER_CONFUSABLES) out = out.replace(pattern, replacement);
  return out;
}

/**
 * Optimal-string-alignment distance (edits, with a swap of neighbours counting as one), giving up
 * once it exceeds `limit`: the answer is then `limit + 1`.
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  let prevPrev = new Array<number>(cols).fill(0);
  let prev = Array.from({ length: cols }, (_, j) => j);
  for (let i = 1; i < rows; i++) {
    const current = new Array<number>(cols).fill(0);
    current[0] = i;
    let rowMin = current[0];
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j]! + 1, current[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, prevPrev[j - 2]! + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    prevPrev = prev;
    prev = current;
  }
  return Math.min(prev[cols - 1]!, limit + 1);
}

export type LookalikeKind = 'confusable' | 'look-alike-letters' | 'typo' | 'extra-label';

export interface Lookalike {
  imitates: string;
  kind: LookalikeKind;
}

/**
 * Whether `domain` (ASCII form) imitates one of `trusted` without being it or its subdomain:
 * letters of another script (punycode), ASCII letters that read alike (rn for m, 0 for o), a small
 * edit (typo, swapped or doubled letter), or the trusted
 * domain used as a prefix of another (acme.com.evil.io, acme.com-login.net).
 */
export function findImitatedDomain(domain: string, trusted: readonly string[]): Lookalike | null {
  let skeleton: string | null = null;
  for (const ref of trusted) {
    if (domain === ref || domain.endsWith(`.${ref}`)) return null;
  }
  for (const ref of trusted) {
    if (domain.startsWith(`${ref}.`) || domain.startsWith(`${ref}-`) || domain.includes(`.${ref}.`)) {
      return { imitates: ref, kind: 'extra-label' };
    }
    skeleton ??= visualSkeleton(domain);
    if (skeleton === visualSkeleton(ref)) {
      // Letters from another script arrive as punycode; rn-for-m and 0-for-o tricks stay ASCII.
      return { imitates: ref, kind: domain.includes('xn--') ? 'confusable' : 'look-alike-letters' };
    }
    const limit = ref.length >= 10 ? 2 : 1;
    if (editDistance(domain, ref, limit) <= limit) return { imitates: ref, kind: 'typo' };
  }
  return null;
}
