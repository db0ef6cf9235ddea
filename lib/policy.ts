// The organization's invitation policy: its schema, defaults, and readable validation errors.
import { z } from 'zod';
import { toAsciiDomain } from './email';
import { defaultPolicyValues, type Policy } from './policy-rules';

export * from './policy-rules';

const DEFAULTS = defaultPolicyValues();

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
  allowedDomains: domainListSchema.default(() => [...DEFAULTS.allowedDomains]),
  ssoDomains: domainListSchema.default(() => [...DEFAULTS.ssoDomains]),
  ssoEnforced: z.boolean({ error: 'must be true or false' }).default(DEFAULTS.ssoEnforced),
  scimManaged: z.boolean({ error: 'must be true or false' }).default(DEFAULTS.scimManaged),
  personalDomains: domainListSchema.default(() => [...DEFAULTS.personalDomains]),
  personalEmail: z.enum(['block', 'warn'], { error: 'must be "block" or "warn"' }).default(DEFAULTS.personalEmail),
  productionPattern: patternSchema.default(DEFAULTS.productionPattern),
  maxProjectsPerInvite: wholeNumber(1, 1000).default(DEFAULTS.maxProjectsPerInvite),
  maxAdmins: wholeNumber(1, 1000).default(DEFAULTS.maxAdmins),
  justification: z
    .enum(['always', 'elevated', 'never'], { error: 'must be "always", "elevated" or "never"' })
    .default(DEFAULTS.justification),
  maxTemporaryDays: wholeNumber(1, 3650).default(DEFAULTS.maxTemporaryDays),
  inviteExpiryDays: wholeNumber(1, 365).default(DEFAULTS.inviteExpiryDays),
  reminderLeadDays: z
    .array(wholeNumber(0, 365), { error: 'must be a list of whole numbers of days' })
    .max(12, 'at most 12 reminders')
    .transform((days) => [...new Set(days)].sort((a, b) => b - a))
    .default(() => [...DEFAULTS.reminderLeadDays]),
  inviteRateLimitPerDomain: wholeNumber(1, 1000).default(DEFAULTS.inviteRateLimitPerDomain),
});

export type PolicyInput = z.input<typeof policySchema>;

// The schema's output is exactly the Policy the rest of the code uses.
type SchemaPolicy = z.output<typeof policySchema>;
const schemaMatchesPolicy: [SchemaPolicy, Policy] extends [Policy, SchemaPolicy] ? true : never = true;
void schemaMatchesPolicy;

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

/** The default policy (the schema fills in the same values for `parsePolicy({})`). */
export const defaultPolicy = defaultPolicyValues;

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
