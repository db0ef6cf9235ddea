import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkForm, errorsByField, formToInput, policyToForm } from '../lib/policy-form';
import { defaultPolicy, effectivePolicy, parsePolicy } from '../lib/policy';

describe('the policy form', () => {
  it('round-trips every policy through the form', () => {
    const policy = parsePolicy({ allowedDomains: ['acme.com', 'acme.io'], ssoEnforced: true, reminderLeadDays: [30, 3], personalEmail: 'block' });
    expect(policy.ok).toBe(true);
    if (!policy.ok) return;
    expect(checkForm(policyToForm(policy.policy))).toEqual({ ok: true, policy: policy.policy });
    expect(checkForm(policyToForm(defaultPolicy()))).toEqual({ ok: true, policy: defaultPolicy() });
  });

  it('reads lists one per line or comma-separated, and numbers as typed', () => {
    const form = { ...policyToForm(defaultPolicy()), allowedDomains: ' acme.com\n\n@Acme.io, eu.acme.com ', reminderLeadDays: '7,1', maxAdmins: ' 3 ' };
    expect(formToInput(form)).toMatchObject({ allowedDomains: ['acme.com', '@Acme.io', 'eu.acme.com'], reminderLeadDays: [7, 1], maxAdmins: 3 });
    const checked = checkForm(form);
    expect(checked.ok && checked.policy.allowedDomains).toEqual(['acme.com', 'acme.io', 'eu.acme.com']);
  });

  it('puts each error next to its field', () => {
    const checked = checkForm({ ...policyToForm(defaultPolicy()), allowedDomains: 'acme.com\nbad domain', maxAdmins: 'many', reminderLeadDays: '7, -1', productionPattern: '(' });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(Object.keys(checked.errors).sort()).toEqual(['allowedDomains', 'maxAdmins', 'productionPattern', 'reminderLeadDays']);
    expect(checked.errors.maxAdmins).toEqual(['Most owners and admins: must be a whole number from 1 to 1000']);
    expect(errorsByField([{ field: '', message: 'A policy must be an object of settings.' }])).toEqual({ '': ['A policy must be an object of settings.'] });
  });

  it('never throws on any text typed in any field', () => {
    const base = policyToForm(defaultPolicy());
    fc.assert(
      fc.property(fc.constantFrom(...(Object.keys(base) as (keyof typeof base)[])), fc.string(), (key, text) => {
        const form = { ...base, [key]: typeof base[key] === 'string' ? text : base[key] };
        expect(typeof checkForm(form).ok).toBe('boolean');
      }),
    );
  });
});

describe('effectivePolicy', () => {
  it('lets every field IT manages override the admin\'s own, and locks it', () => {
    const state = effectivePolicy({ allowedDomains: ['acme.com'], maxAdmins: 9 }, { maxAdmins: 3, ssoEnforced: true });
    expect(state.policy).toMatchObject({ allowedDomains: ['acme.com'], maxAdmins: 3, ssoEnforced: true });
    expect(state.locked.sort()).toEqual(['maxAdmins', 'ssoEnforced']);
    expect(state.problems).toEqual([]);
  });

  it('reports and ignores an invalid source instead of trusting it', () => {
    const state = effectivePolicy({ maxAdmins: 'lots' }, undefined);
    expect(state.policy).toEqual(defaultPolicy());
    expect(state.problems).toEqual(['The saved policy is invalid and was ignored: Most owners and admins: must be a whole number from 1 to 1000']);
    expect(effectivePolicy(undefined, undefined)).toEqual({ policy: defaultPolicy(), locked: [], problems: [] });
  });
});
