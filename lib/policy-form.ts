// The policy as the options page edits it: text fields in, a validated policy out.
import { z } from 'zod';
import { POLICY_FIELD_LABELS, parsePolicy, type Policy, type PolicyError } from './policy';

/** Every field as the form holds it: lists one per line, numbers and lists as typed. */
export interface PolicyForm {
  allowedDomains: string;
  ssoDomains: string;
  ssoEnforced: boolean;
  scimManaged: boolean;
  personalDomains: string;
  personalEmail: 'block' | 'warn';
  productionPattern: string;
  maxProjectsPerInvite: string;
  maxAdmins: string;
  justification: 'always' | 'elevated' | 'never';
  maxTemporaryDays: string;
  inviteExpiryDays: string;
  reminderLeadDays: string;
  inviteRateLimitPerDomain: string;
}

export function policyToForm(policy: Policy): PolicyForm {
  return {
    allowedDomains: policy.allowedDomains.join('\n'),
    ssoDomains: policy.ssoDomains.join('\n'),
    ssoEnforced: policy.ssoEnforced,
    scimManaged: policy.scimManaged,
    personalDomains: policy.personalDomains.join('\n'),
    personalEmail: policy.personalEmail,
    productionPattern: policy.productionPattern,
    maxProjectsPerInvite: String(policy.maxProjectsPerInvite),
    maxAdmins: String(policy.maxAdmins),
    justification: policy.justification,
    maxTemporaryDays: String(policy.maxTemporaryDays),
    inviteExpiryDays: String(policy.inviteExpiryDays),
    reminderLeadDays: policy.reminderLeadDays.join(', '),
    inviteRateLimitPerDomain: String(policy.inviteRateLimitPerDomain),
  };
}

function list(text: string): string[] {
  return text
    .split(/[\n,;]+/)
    .map((item) => item.trim())
    .filter(Boolean);
}

/** A number as typed; text that is not one stays text, so the schema says what is wrong. */
function number(text: string): number | string {
  const trimmed = text.trim();
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
}

export function formToInput(form: PolicyForm): Record<string, unknown> {
  return {
    allowedDomains: list(form.allowedDomains),
    ssoDomains: list(form.ssoDomains),
    ssoEnforced: form.ssoEnforced,
    scimManaged: form.scimManaged,
    personalDomains: list(form.personalDomains),
    personalEmail: form.personalEmail,
    productionPattern: form.productionPattern,
    maxProjectsPerInvite: number(form.maxProjectsPerInvite),
    maxAdmins: number(form.maxAdmins),
    justification: form.justification,
    maxTemporaryDays: number(form.maxTemporaryDays),
    inviteExpiryDays: number(form.inviteExpiryDays),
    reminderLeadDays: list(form.reminderLeadDays).map(number),
    inviteRateLimitPerDomain: number(form.inviteRateLimitPerDomain),
  };
}

/** Errors by the form field they belong to (`allowedDomains[2]` belongs to `allowedDomains`). */
export function errorsByField(errors: readonly PolicyError[]): Partial<Record<keyof PolicyForm | '', string[]>> {
  const out: Partial<Record<keyof PolicyForm | '', string[]>> = {};
  for (const error of errors) {
    const field = error.field.replace(/[[.].*$/, '') as keyof PolicyForm | '';
    (out[field] ??= []).push(error.message);
  }
  return out;
}

export type FormCheck = { ok: true; policy: Policy } | { ok: false; errors: Partial<Record<keyof PolicyForm | '', string[]>> };

// The form itself, checked before its text is read: each field the kind the page's inputs give.
// Lists may be long (1,000 domains); other fields are short, whatever was pasted into them.
const typed = (max: number) => z.string({ error: 'must be text' }).max(max, 'is too long');
const choice = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: `must be one of ${values.join(', ')}` });
const yesNo = z.boolean({ error: 'must be true or false' });
const policyFormSchema = z.object({
  allowedDomains: typed(300_000),
  ssoDomains: typed(300_000),
  ssoEnforced: yesNo,
  scimManaged: yesNo,
  personalDomains: typed(300_000),
  personalEmail: choice(['block', 'warn']),
  productionPattern: typed(1000),
  maxProjectsPerInvite: typed(1000),
  maxAdmins: typed(1000),
  justification: choice(['always', 'elevated', 'never']),
  maxTemporaryDays: typed(1000),
  inviteExpiryDays: typed(1000),
  reminderLeadDays: typed(1000),
  inviteRateLimitPerDomain: typed(1000),
});
const formMatchesSchema: [z.output<typeof policyFormSchema>, PolicyForm] extends [PolicyForm, z.output<typeof policyFormSchema>] ? true : never = true;
void formMatchesSchema;

/** Checks a form (whatever the page handed over) and the policy it makes; never throws. */
export function checkForm(form: unknown): FormCheck {
  const parsed = policyFormSchema.safeParse(form);
  if (!parsed.success) {
    return {
      ok: false,
      errors: errorsByField(
        parsed.error.issues.map((issue) => {
          const field = issue.path.length ? String(issue.path[0]) : '';
          const label = field in POLICY_FIELD_LABELS ? POLICY_FIELD_LABELS[field as keyof Policy] : 'The policy form';
          return { field, message: `${label}: ${field ? issue.message : 'is unreadable'}` };
        }),
      ),
    };
  }
  const result = parsePolicy(formToInput(parsed.data));
  return result.ok ? result : { ok: false, errors: errorsByField(result.errors) };
}
