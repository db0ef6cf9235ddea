// The policy's shape, defaults and the questions the checks ask of it, without its zod schema
// (lib/policy.ts), so the content script stays small. The background validates every policy.

export interface Policy {
  allowedDomains: string[];
  ssoDomains: string[];
  ssoEnforced: boolean;
  scimManaged: boolean;
  personalDomains: string[];
  personalEmail: 'block' | 'warn';
  productionPattern: string;
  maxProjectsPerInvite: number;
  maxAdmins: number;
  justification: 'always' | 'elevated' | 'never';
  maxTemporaryDays: number;
  inviteExpiryDays: number;
  reminderLeadDays: number[];
  inviteRateLimitPerDomain: number;
}

export const DEFAULT_PERSONAL_DOMAINS = [
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'hotmail.co.uk', 'hotmail.fr',
  'live.com', 'msn.com', 'yahoo.com', 'yahoo.co.uk', 'yahoo.fr', 'ymail.com', 'rocketmail.com',
  'aol.com', 'icloud.com', 'me.com', 'mac.com', 'proton.me', 'protonmail.com', 'pm.me',
  'gmx.com', 'gmx.de', 'gmx.net', 'web.de', 'mail.com', 'zoho.com', 'yandex.com', 'yandex.ru',
  'mail.ru', 'qq.com', '163.com', '126.com', 'fastmail.com', 'hey.com', 'tutanota.com', 'tuta.io',
  'aim.com', 'comcast.net', 'orange.fr', 'free.fr', 't-online.de', 'libero.it', 'naver.com',
];

// Matches "prod", "production", "Prod EU", "web-prod", but not "Product analytics".
export const DEFAULT_PRODUCTION_PATTERN = '(^|[^a-z])prod(uction)?([^a-z]|$)';

/** The default policy; a fresh copy each time, so nobody shares its lists. */
export function defaultPolicyValues(): Policy {
  return {
    allowedDomains: [],
    ssoDomains: [],
    ssoEnforced: false,
    scimManaged: false,
    personalDomains: [...DEFAULT_PERSONAL_DOMAINS],
    personalEmail: 'warn',
    productionPattern: DEFAULT_PRODUCTION_PATTERN,
    maxProjectsPerInvite: 5,
    maxAdmins: 5,
    justification: 'elevated',
    maxTemporaryDays: 90,
    inviteExpiryDays: 7,
    reminderLeadDays: [14, 7, 1, 0],
    inviteRateLimitPerDomain: 10,
  };
}

/** The policy's key in storage.local (the admin's own) and storage.managed (set by IT). */
export const POLICY_KEY = 'policy';

/** Whether the domain is one of the listed domains or a subdomain of one. */
export function domainInList(domain: string, list: readonly string[]): boolean {
  for (const entry of list) {
    if (domain === entry || domain.endsWith(`.${entry}`)) return true;
  }
  return false;
}

/** The production-project matcher of a policy; project names are capped so a pattern stays cheap. */
export function productionMatcher(policy: Policy): (projectName: string) => boolean {
  const re = new RegExp(policy.productionPattern, 'i');
  return (name) => re.test(name.slice(0, 200));
}

const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isWhole = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/**
 * The shape of a policy the background sent, checked by hand where zod is too heavy (the content
 * script). The background has validated its meaning; a wrong shape is refused, never half-used.
 */
export function isPolicyShape(value: unknown): value is Policy {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<keyof Policy, unknown>;
  let pattern = false;
  try {
    pattern = typeof p.productionPattern === 'string' && new RegExp(p.productionPattern, 'i') instanceof RegExp;
  } catch {
    pattern = false;
  }
  return (
    isStringList(p.allowedDomains) &&
    isStringList(p.ssoDomains) &&
    typeof p.ssoEnforced === 'boolean' &&
    typeof p.scimManaged === 'boolean' &&
    isStringList(p.personalDomains) &&
    (p.personalEmail === 'block' || p.personalEmail === 'warn') &&
    pattern &&
    isWhole(p.maxProjectsPerInvite) &&
    isWhole(p.maxAdmins) &&
    (p.justification === 'always' || p.justification === 'elevated' || p.justification === 'never') &&
    isWhole(p.maxTemporaryDays) &&
    isWhole(p.inviteExpiryDays) &&
    Array.isArray(p.reminderLeadDays) &&
    p.reminderLeadDays.every(isWhole) &&
    isWhole(p.inviteRateLimitPerDomain)
  );
}
