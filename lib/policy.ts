// The organization's invitation policy: its schema, defaults, and readable validation errors.
import { z } from 'zod';
import { toAsciiDomain } from './email';

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

/** A domain as an admin writes it (`@Acme.com`, `*.acme.com`, `acme.com.`), stored in ASCII form. */
const domainSchema = z.string().transform((input, ctx) => {
  const cleaned = input.trim().replace(/^\*\./, '').replace(/^@/, '');
  const ascii = toAsciiDomain(cleaned);
  if (ascii.startsWith('!')) {
    ctx.addIssue({ code: 'custom', message: `"${input}" is not a domain: ${ascii.slice(1)}` });
    return z.NEVER;
  }
  return ascii;
});

const domainListSchema = z
  .array(domainSchema, { error: 'must be a list of domains' })
  .max(1000, 'at most 1,000 domains')
  .transform((list) => [...new Set(list)]);

const wholeNumber = (min: number, max: number) =>
  z
    .number({ error: `must be a whole number from ${min} to ${max}` })
    .int(`must be a whole number from ${min} to ${max}`)
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

const patternSchema = z
  .string({ error: 'must be a regular expression' })
  .max(200, 'must be at most 200 characters')
  .refine((source) => source.trim().length > 0, 'must not be empty')
  .refine((source) => {
    try {
      new RegExp(source, 'i');
      return true;
    } catch {
      return false;
    }
  }, 'is not a valid regular expression');

export const policySchema = z.strictObject({
  allowedDomains: domainListSchema.default([]),
  ssoDomains: domainListSchema.default([]),
  ssoEnforced: z.boolean({ error: 'must be true or false' }).default(false),
  scimManaged: z.boolean({ error: 'must be true or false' }).default(false),
  personalDomains: domainListSchema.default(() => [...DEFAULT_PERSONAL_DOMAINS]),
  personalEmail: z.enum(['block', 'warn'], { error: 'must be "block" or "warn"' }).default('warn'),
  productionPattern: patternSchema.default(DEFAULT_PRODUCTION_PATTERN),
  maxProjectsPerInvite: wholeNumber(1, 1000).default(5),
  maxAdmins: wholeNumber(1, 1000).default(5),
  justification: z
    .enum(['always', 'elevated', 'never'], { error: 'must be "always", "elevated" or "never"' })
    .default('elevated'),
  maxTemporaryDays: wholeNumber(1, 3650).default(90),
  inviteExpiryDays: wholeNumber(1, 365).default(7),
  reminderLeadDays: z
    .array(wholeNumber(0, 365), { error: 'must be a list of whole numbers of days' })
    .max(12, 'at most 12 reminders')
    .transform((days) => [...new Set(days)].sort((a, b) => b - a))
    .default(() => [14, 7, 1, 0]),
  inviteRateLimitPerDomain: wholeNumber(1, 1000).default(10),
});

export type Policy = z.output<typeof policySchema>;
export type PolicyInput = z.input<typeof policySchema>;

/** Names of the policy's fields as the options page shows them. */
export const POLICY_FIELD_LABELS: Record<keyof Policy, string> = {
  allowedDomains: 'Allowed domains',
  ssoDomains: 'SSO domains',
  ssoEnforced: 'SSO required',
  scimManaged: 'Users provisioned by SCIM',
  personalDomains: 'Personal mailbox providers',
  personalEmail: 'Personal addresses',
  productionPattern: 'Production projects pattern',
  maxProjectsPerInvite: 'Most projects in one invitation',
  maxAdmins: 'Most owners and admins',
  justification: 'Justification required',
  maxTemporaryDays: 'Longest temporary access (days)',
  inviteExpiryDays: 'Invitation lifetime (days)',
  reminderLeadDays: 'Reminders before an end date (days)',
  inviteRateLimitPerDomain: 'Invitation emails per domain per hour',
};

export interface PolicyError {
  /** The field, with the position in a list where there is one: `allowedDomains[2]`. */
  field: string;
  message: string;
}

export type PolicyResult = { ok: true; policy: Policy } | { ok: false; errors: PolicyError[] };

function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)),
    '',
  );
}

/** Validates a policy from any source (form, storage, import); `parsePolicy({})` is the default. */
export function parsePolicy(input: unknown): PolicyResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ field: '', message: 'A policy must be an object of settings.' }] };
  }
  const result = policySchema.safeParse(input);
  if (result.success) return { ok: true, policy: result.data };
  const errors: PolicyError[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        errors.push({ field: key, message: `"${key}" is not a policy setting.` });
      }
      continue;
    }
    const field = fieldPath(issue.path);
    const top = issue.path[0];
    const label = typeof top === 'string' && top in POLICY_FIELD_LABELS ? POLICY_FIELD_LABELS[top as keyof Policy] : field;
    errors.push({ field, message: `${label}: ${issue.message}` });
  }
  return { ok: false, errors };
}

export function defaultPolicy(): Policy {
  const result = parsePolicy({});
  if (!result.ok) throw new Error('The default policy is invalid'); // a programming error
  return result.policy;
}

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

/** The policy's key in storage.local (the admin's own) and storage.managed (set by IT). */
export const POLICY_KEY = 'policy';

export interface EffectivePolicy {
  policy: Policy;
  /** Fields set by the organization's IT through managed storage: shown locked, never edited. */
  locked: (keyof Policy)[];
  /** Problems with the stored or managed policy; the defaults stand in for what is wrong. */
  problems: string[];
}

/**
 * The policy in force: the admin's own settings, with every field IT manages taking precedence.
 * An invalid source is reported and ignored rather than trusted.
 */
export function effectivePolicy(local: unknown, managed: unknown): EffectivePolicy {
  const problems: string[] = [];
  const read = (source: unknown, what: string): Partial<PolicyInput> => {
    if (source === undefined || source === null) return {};
    const result = parsePolicy(source);
    if (result.ok) return source as Partial<PolicyInput>;
    problems.push(`${what} is invalid and was ignored: ${result.errors.map((e) => e.message).join('; ')}`);
    return {};
  };
  const own = read(local, 'The saved policy');
  const it = read(managed, 'The managed policy');
  const merged = parsePolicy({ ...own, ...it });
  const policy = merged.ok ? merged.policy : defaultPolicy();
  return { policy, locked: Object.keys(it) as (keyof Policy)[], problems };
}
