// Reading email addresses out of whatever an admin types or pastes, and normalizing them so two
// spellings of one person compare equal. Linear in the input, and never throws.
import { describeCodePoint, findHiddenCharacter } from './text';

export { describeCodePoint, findHiddenCharacter as findInvisibleCharacter };

export interface ParsedAddress {
  /** The text the address was read from, as it appeared (display name included). */
  raw: string;
  /** `local@domain`, lower-cased, domain in ASCII (punycode) form: the key for comparison. */
  address: string;
  /** The part before the @, as typed. */
  local: string;
  /** The domain in lower-case ASCII form (`xn--…` for internationalized domains). */
  domain: string;
  /** The domain as a person reads it, when it differs from the ASCII form. */
  unicodeDomain?: string;
  displayName?: string;
}

export interface InvalidPiece {
  raw: string;
  reason: string;
}

export interface AddressList {
  addresses: ParsedAddress[];
  invalid: InvalidPiece[];
}

type TokenKind = 'word' | 'quoted' | 'angle' | 'separator';
interface Token {
  kind: TokenKind;
  /** The content: for quoted and angle tokens without the delimiters. */
  text: string;
  start: number;
  end: number;
  unclosed?: boolean;
}

const SEPARATORS = new Set([',', ';', '\n', '\r']);

function isSpace(ch: string): boolean {
  // \s covers the Unicode spaces (no-break space, ideographic space, …) an admin may paste. It also
  // covers U+FEFF, which is invisible: that one must stay in its word to be refused (see ./text).
  return ch === ' ' || ch === '\t' || (ch > '~' && ch !== '\ufeff' && /\s/.test(ch)) || ch === '\f' || ch === '\v';
}

/** Splits the text into words, quoted strings, <angle> addresses and separators, in one pass. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const ch = text[i]!;
    if (SEPARATORS.has(ch)) {
      tokens.push({ kind: 'separator', text: ch, start: i, end: i + 1 });
      i++;
    } else if (isSpace(ch)) {
      i++;
    } else if (ch === '"' || ch === '<') {
      // A quoted name or an <address> ends at its closing mark, or at the end of the line.
      const close = ch === '"' ? '"' : '>';
      let j = i + 1;
      // The content is sliced out in runs between escapes, not built a character at a time: a
      // 1 MB paste made a million short-lived strings.
      let content = '';
      let from = j;
      let closed = false;
      while (j < n) {
        const c = text[j]!;
        if (c === close) {
          closed = true;
          break;
        }
        if (c === '\n' || c === '\r' || (close === '>' && (c === ',' || c === ';'))) break;
        if (c === '\\' && close === '"' && j + 1 < n && text[j + 1] !== '\n') {
          content += text.slice(from, j) + text[j + 1];
          j += 2;
          from = j;
          continue;
        }
        j++;
      }
      content += text.slice(from, j);
      const end = closed ? j + 1 : j;
      tokens.push({
        kind: ch === '"' ? 'quoted' : 'angle',
        text: content,
        start: i,
        end,
        ...(closed ? {} : { unclosed: true }),
      });
      i = end;
    } else {
      let j = i;
      while (j < n) {
        const c = text[j]!;
        if (SEPARATORS.has(c) || isSpace(c) || c === '<' || c === '"') break;
        j++;
      }
      tokens.push({ kind: 'word', text: text.slice(i, j), start: i, end: j });
      i = j;
    }
  }
  return tokens;
}

const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$/;
const DOMAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
// Characters that can never be part of a host name, whatever the script.
const DOMAIN_FORBIDDEN = /[\s/\\%?#@:[\]<>,;"'()!$&*+=^`{|}~]/u;
const LEADING_NOISE = /^[(\['"<{]+/;
// The look-behind makes the match start only where a run of noise starts, which keeps it linear.
const TRAILING_NOISE = /(?<![)\]'">}:,.;!?])[)\]'">}:,.;!?]+$/;
const MAILTO = /^mailto:/i;

/**
 * Converts a domain to lower-case ASCII (punycode) form and checks it is a real host name.
 * Returns the reason it is not, as a string prefixed with "!".
 */
export function toAsciiDomain(domain: string): string {
  let d = domain.trim().toLowerCase();
  if (d.endsWith('.')) d = d.slice(0, -1);
  if (d.length === 0) return '!nothing after the @';
  if (d.startsWith('[')) return '!an IP address instead of a domain';
  if (DOMAIN_FORBIDDEN.test(d)) return '!the domain contains a character a domain cannot have';
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(d)) {
    try {
      d = new URL(`http://${d.normalize('NFC')}`).hostname;
    } catch {
      return '!the internationalized domain cannot be converted';
    }
  }
  if (d.length > 253) return '!the domain is longer than 253 characters';
  const labels = d.split('.');
  if (labels.length < 2) return '!the domain has no dot (e.g. acme.com)';
  for (const label of labels) {
    if (label.length === 0) return '!the domain has two dots in a row or starts with a dot';
    if (label.length > 63) return '!a part of the domain is longer than 63 characters';
    if (!DOMAIN_LABEL.test(label)) return '!the domain contains a character a domain cannot have';
  }
  const tld = labels[labels.length - 1]!;
  if (/^[0-9]+$/.test(tld)) return '!an IP address instead of a domain';
  if (tld.length < 2) return '!the last part of the domain is a single letter';
  return d;
}

function checkLocalPart(local: string): string | null {
  if (local.length === 0) return 'nothing before the @';
  if (local.length > 64) return 'the part before the @ is longer than 64 characters';
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(local)) return 'the part before the @ has non-ASCII characters';
  if (!LOCAL_PART.test(local)) return 'the part before the @ contains a character email addresses cannot have';
  if (local.startsWith('.') || local.endsWith('.')) return 'the part before the @ starts or ends with a dot';
  if (local.includes('..')) return 'the part before the @ has two dots in a row';
  return null;
}

/**
 * Reads one address candidate (already cut out of the text); the reason when it is not one.
 * `domains` keeps toAsciiDomain's answers: a paste's addresses share a few domains.
 */
function readCandidate(text: string, domains: Map<string, string>): { local: string; domain: string; unicodeDomain?: string } | string {
  let s = text.trim().replace(LEADING_NOISE, '');
  if (MAILTO.test(s)) {
    s = s.replace(MAILTO, '');
    const query = s.indexOf('?');
    if (query >= 0) s = s.slice(0, query);
  }
  s = s.replace(TRAILING_NOISE, '');
  const invisible = findHiddenCharacter(s);
  if (invisible) {
    return `contains an invisible or direction-changing character (${describeCodePoint(invisible)}) that can disguise an address`;
  }
  const at = s.indexOf('@');
  if (at < 0) return 'not an email address (no @)';
  if (s.indexOf('@', at + 1) >= 0) return 'more than one @';
  const local = s.slice(0, at);
  const localProblem = checkLocalPart(local);
  if (localProblem) return localProblem;
  const typed = s.slice(at + 1);
  let domain = domains.get(typed);
  if (domain === undefined) {
    domain = toAsciiDomain(typed);
    domains.set(typed, domain);
  }
  if (domain.startsWith('!')) return domain.slice(1);
  const typedDomain = typed.toLowerCase().replace(/\.$/, '');
  return typedDomain !== domain ? { local, domain, unicodeDomain: typedDomain.normalize('NFC') } : { local, domain };
}

function sameAddressText(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function looksLikeAddress(text: string): boolean {
  return text.includes('@');
}

/**
 * Reads every address in text typed or pasted by an admin: separated by commas, semicolons,
 * white space or new lines, with or without display names (`Jane Doe <jane@acme.com>`,
 * `"Doe, Jane" <jane@acme.com>`), `mailto:` prefixes and trailing punctuation. Pieces that are not
 * addresses are returned with the reason. Never throws.
 */
export function parseAddressList(text: string): AddressList {
  const result: AddressList = { addresses: [], invalid: [] };
  if (typeof text !== 'string' || text.length === 0) return result;
  const tokens = tokenize(text);
  const domains = new Map<string, string>();
  let nameParts: string[] = [];
  let nameStart = -1;
  let lastNameEnd = 0;

  const flushName = () => {
    if (nameParts.length > 0) {
      const raw = text.slice(nameStart, lastNameEnd).trim();
      // A lone U+FEFF (a byte-order mark) is a word that trims to nothing: not worth reporting.
      if (raw) result.invalid.push({ raw, reason: 'not an email address (no @)' });
    }
    nameParts = [];
    nameStart = -1;
  };

  const emit = (candidate: string, start: number, end: number, unclosed: 'quoted' | 'angle' | undefined) => {
    const from = nameStart >= 0 ? nameStart : start;
    const raw = text.slice(from, end).trim();
    const displayName = nameParts.join(' ').trim();
    nameParts = [];
    nameStart = -1;
    if (unclosed) {
      const reason = unclosed === 'quoted' ? 'a quotation mark (") without its closing one' : 'a "<" without its closing ">"';
      result.invalid.push({ raw, reason });
      return;
    }
    const read = readCandidate(candidate, domains);
    if (typeof read === 'string') {
      result.invalid.push({ raw, reason: read });
      return;
    }
    const parsed: ParsedAddress = {
      raw,
      address: `${read.local.toLowerCase()}@${read.domain}`,
      local: read.local,
      domain: read.domain,
    };
    if (read.unicodeDomain) parsed.unicodeDomain = read.unicodeDomain;
    if (displayName) parsed.displayName = displayName;
    result.addresses.push(parsed);
  };

  const addName = (token: Token) => {
    if (nameStart < 0) nameStart = token.start;
    nameParts.push(token.text.trim());
    lastNameEnd = token.end;
  };

  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t]!;
    const next = tokens[t + 1];
    const nextIsAngle = next?.kind === 'angle';
    switch (token.kind) {
      case 'separator':
        flushName();
        break;
      case 'angle':
        emit(token.text, token.start, token.end, token.unclosed ? 'angle' : undefined);
        break;
      case 'quoted':
        // `"jane@acme.com"` alone is an address in quotes; before an <address> it is a name.
        if (looksLikeAddress(token.text) && !nextIsAngle) emit(token.text, token.start, token.end, token.unclosed ? 'quoted' : undefined);
        else addName(token);
        break;
      case 'word':
        // `jane@acme.com <jane@acme.com>` (as mail clients copy it) names the address; a different
        // address before an <address> is one more address, never a name that would hide it.
        if (looksLikeAddress(token.text) && !(nextIsAngle && sameAddressText(token.text, next.text))) {
          emit(token.text, token.start, token.end, undefined);
        } else addName(token);
        break;
    }
  }
  flushName();
  return result;
}

/** Reads a single address (from a table cell, say); null when the text is not exactly one. */
export function parseAddress(text: string): ParsedAddress | null {
  const { addresses, invalid } = parseAddressList(text);
  return addresses.length === 1 && invalid.length === 0 ? addresses[0]! : null;
}

// Google treats these as one mailbox provider, and ignores dots before the @.
const GMAIL = '@gmail.com';
const GOOGLEMAIL = '@googlemail.com';

function splitAddress(address: string): [string, string] {
  const at = address.lastIndexOf('@');
  return at < 0 ? [address, ''] : [address.slice(0, at), address.slice(at + 1)];
}

/**
 * The key under which two spellings of the same mailbox compare equal: lower-case; for Gmail,
 * dots in the local part dropped and googlemail.com read as gmail.com. Idempotent.
 */
export function canonicalAddress(address: string): string {
  return canonicalLowerCase(address.trim().toLowerCase());
}

/** canonicalAddress for an address already trimmed and lower-cased (an index reads thousands). */
export function canonicalLowerCase(lower: string): string {
  // Only Gmail addresses change: a suffix test spares splitting every other one.
  if (!lower.endsWith(GMAIL) && !lower.endsWith(GOOGLEMAIL)) return lower;
  const [local] = splitAddress(lower);
  // trimStart: dropping dots can bare a leading space (". x@gmail.com"), which a second pass would trim.
  return `${local.replace(/\./g, '')}${GMAIL}`.trimStart();
}

/** The canonical address without its `+tag`: equal keys mean a *possible* duplicate. */
export function untaggedAddress(address: string): string {
  return untagCanonical(canonicalAddress(address));
}

/** untaggedAddress for an address already canonical (saves normalizing it twice on hot paths). */
export function untagCanonical(canonical: string): string {
  const plus = canonical.indexOf('+');
  if (plus <= 0) return canonical;
  const at = canonical.lastIndexOf('@');
  if (at < 0 || plus > at) return canonical;
  return `${canonical.slice(0, plus)}${canonical.slice(at)}`;
}

/** Splits an address into its local part and domain. */
export function addressParts(address: string): { local: string; domain: string } {
  const [local, domain] = splitAddress(address);
  return { local, domain };
}
