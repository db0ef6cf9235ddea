// Runs every rule family over an invitation draft. The families decide; this only combines them.
import { canonicalAddress, parseAddressList, type ParsedAddress, type InvalidPiece } from '../email';
import { calendarDate } from '../dates';
import { domainInList, productionMatcher, type Policy } from '../policy-rules';
import { buildOrgIndex, inferCompanyDomains, type OrgIndex } from './org-index';
import { draftRepeats, existingPeople, invalidAddresses } from './duplicates';
import { domainRules, rateLimit } from './domain-rules';
import { ssoRules } from './sso';
import { accessRules } from './access';
import { noteRules } from './note';
import { bySeverity, type CheckContext, type Finding, type InviteDraft, type OrgSnapshot, type RuleFamily } from './types';

export * from './types';
export { buildOrgIndex, type OrgIndex } from './org-index';

/** Every rule family, in the order their findings are listed within a severity. */
export const FAMILIES: readonly RuleFamily[] = [
  invalidAddresses,
  draftRepeats,
  existingPeople,
  domainRules,
  rateLimit,
  ssoRules,
  accessRules,
  noteRules,
];

export interface CheckOptions {
  /** IANA time zone for "today"; the runtime's own when absent. */
  timeZone?: string;
}

function readDraftAddresses(draft: InviteDraft): { parsed: ParsedAddress[]; invalid: InvalidPiece[] } {
  const parsed: ParsedAddress[] = [];
  const invalid: InvalidPiece[] = [];
  for (const entry of draft.addresses) {
    const list = parseAddressList(entry);
    parsed.push(...list.addresses);
    invalid.push(...list.invalid);
  }
  return { parsed, invalid };
}

function firstOfEach(parsed: ParsedAddress[]): ParsedAddress[] {
  const seen = new Set<string>();
  return parsed.filter((p) => {
    const key = canonicalAddress(p.address);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export type DraftAddresses = ReturnType<typeof readDraftAddresses>;

// The company's domains as the members' addresses show them, per index and list of personal domains:
// the same on every keystroke until the page's list or the policy changes (each look goes through
// every domain of the organization).
const inferredCache = new WeakMap<OrgIndex, { personal: readonly string[]; domains: readonly string[] }>();

function inferredCompanyDomains(org: OrgIndex, personal: readonly string[]): string[] {
  const known = inferredCache.get(org);
  // Compared by content: a list changed in place is a new list.
  if (known && known.personal.length === personal.length && known.personal.every((d, i) => d === personal[i])) return [...known.domains];
  const domains = inferCompanyDomains(org, (domain) => domainInList(domain, personal));
  inferredCache.set(org, { personal: [...personal], domains });
  return [...domains];
}

/**
 * Reads the draft and gathers what every rule family needs. `read` is the draft's addresses when
 * the caller has already parsed each of its entries, in order.
 */
export function createContext(
  draft: InviteDraft,
  org: OrgIndex,
  policy: Policy,
  now: Date,
  options: CheckOptions = {},
  read: DraftAddresses = readDraftAddresses(draft),
): CheckContext {
  const { parsed, invalid } = read;
  const listed = [...policy.allowedDomains, ...policy.ssoDomains];
  const companyDomainsFromPolicy = listed.length > 0;
  return {
    draft,
    parsed,
    unique: firstOfEach(parsed),
    invalid,
    org,
    policy,
    now,
    today: calendarDate(now, options.timeZone),
    companyDomains: companyDomainsFromPolicy ? [...new Set(listed)] : inferredCompanyDomains(org, policy.personalDomains),
    companyDomainsFromPolicy,
    isProduction: productionMatcher(policy),
  };
}

/** Runs rule families over a context; blocking findings first, draft order kept within a severity. */
export function runFamilies(ctx: CheckContext, families: readonly RuleFamily[]): Finding[] {
  const findings = families.flatMap((family) => family(ctx));
  return findings.sort(bySeverity);
}

/** Checks a draft against an organization already indexed (the sidebar keeps the index). */
export function checkDraft(draft: InviteDraft, org: OrgIndex, policy: Policy, now: Date, options: CheckOptions = {}): Finding[] {
  return runFamilies(createContext(draft, org, policy, now, options), FAMILIES);
}

// One index per snapshot object: the same page read checked keystroke after keystroke is indexed once.
const indexCache = new WeakMap<OrgSnapshot, OrgIndex>();

export function indexFor(org: OrgSnapshot): OrgIndex {
  let index = indexCache.get(org);
  if (!index) {
    index = buildOrgIndex(org);
    indexCache.set(org, index);
  }
  return index;
}

/** Every finding for an invitation draft against the organization as the page shows it. */
export function runChecks(draft: InviteDraft, org: OrgSnapshot, policy: Policy, now: Date, options: CheckOptions = {}): Finding[] {
  return checkDraft(draft, indexFor(org), policy, now, options);
}

export interface FindingSummary {
  block: number;
  warn: number;
  info: number;
  /** One line for the sidebar: "2 blocking, 1 to review". */
  text: string;
}

export function summarize(findings: readonly Finding[]): FindingSummary {
  const counts = { block: 0, warn: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const parts: string[] = [];
  if (counts.block) parts.push(`${counts.block} blocking`);
  if (counts.warn) parts.push(`${counts.warn} to review`);
  if (counts.info) parts.push(`${counts.info} note${counts.info === 1 ? '' : 's'}`);
  return { ...counts, text: parts.length ? parts.join(', ') : 'All clear' };
}
