import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_PERSONAL_DOMAINS,
  DEFAULT_PRODUCTION_PATTERN,
  POLICY_FIELD_LABELS,
  defaultPolicy,
  domainInList,
  parsePolicy,
  productionMatcher,
  type Policy,
  type PolicyError,
} from '../lib/policy';

function ok(input: unknown): Policy {
  const result = parsePolicy(input);
  if (!result.ok) throw new Error(`expected a valid policy: ${JSON.stringify(result.errors)}`);
  return result.policy;
}

function errors(input: unknown): PolicyError[] {
  const result = parsePolicy(input);
  if (result.ok) throw new Error(`expected an invalid policy: ${JSON.stringify(input)}`);
  return result.errors;
}

/** The one error of an invalid policy: its field, and a message that starts with the field's label. */
function onlyError(input: unknown): PolicyError {
  const list = errors(input);
  expect(list).toHaveLength(1);
  return list[0]!;
}

describe('parsePolicy', () => {
  describe('defaults', () => {
    it('gives every default for an empty object', () => {
      expect(ok({})).toEqual({
        allowedDomains: [],
        ssoDomains: [],
        ssoEnforced: false,
        scimManaged: false,
        personalDomains: [...DEFAULT_PERSONAL_DOMAINS],
        personalEmail: 'warn',
        productionPattern: '(^|[^a-z])prod(uction)?([^a-z]|$)',
        maxProjectsPerInvite: 5,
        maxAdmins: 5,
        justification: 'elevated',
        maxTemporaryDays: 90,
        inviteExpiryDays: 7,
        reminderLeadDays: [14, 7, 1, 0],
        inviteRateLimitPerDomain: 10,
      });
    });

    it('has a label for every field, and no more', () => {
      expect(Object.keys(ok({})).sort()).toEqual(Object.keys(POLICY_FIELD_LABELS).sort());
    });

    it('lists the common personal mailbox providers, already in stored form', () => {
      const { personalDomains } = ok({});
      for (const d of ['gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'yahoo.com', 'icloud.com', 'proton.me', 'gmx.de', 'qq.com']) {
        expect(personalDomains).toContain(d);
      }
      expect(new Set(personalDomains).size).toBe(personalDomains.length);
      expect(ok({ personalDomains: [...DEFAULT_PERSONAL_DOMAINS] }).personalDomains).toEqual([...DEFAULT_PERSONAL_DOMAINS]);
    });

    it('uses the default for a field given as undefined', () => {
      expect(ok({ maxAdmins: undefined, allowedDomains: undefined })).toEqual(ok({}));
    });

    it('hands out fresh lists, so changing one policy does not change the defaults', () => {
      const first = ok({});
      first.personalDomains.push('acme.com');
      first.reminderLeadDays.push(99);
      expect(ok({}).personalDomains).not.toContain('acme.com');
      expect(ok({}).reminderLeadDays).toEqual([14, 7, 1, 0]);
      expect(DEFAULT_PERSONAL_DOMAINS).not.toContain('acme.com');
    });

    it('defaultPolicy is parsePolicy({})', () => {
      expect(defaultPolicy()).toEqual(ok({}));
      expect(defaultPolicy().productionPattern).toBe(DEFAULT_PRODUCTION_PATTERN);
    });

    it('keeps the values it is given', () => {
      const given = {
        ssoEnforced: true,
        scimManaged: true,
        personalEmail: 'block',
        justification: 'always',
        maxProjectsPerInvite: 1,
        maxAdmins: 1000,
        maxTemporaryDays: 3650,
        inviteExpiryDays: 365,
        inviteRateLimitPerDomain: 1,
        productionPattern: '^live',
        personalDomains: [],
        reminderLeadDays: [],
      } as const;
      expect(ok(given)).toMatchObject(given);
      expect(ok({ justification: 'never' }).justification).toBe('never');
    });
  });

  describe('domains', () => {
    it('trims, lower-cases, and strips "@", "*." and a trailing dot', () => {
      expect(ok({ allowedDomains: [' Acme.COM '] }).allowedDomains).toEqual(['acme.com']);
      expect(ok({ allowedDomains: ['@acme.com'] }).allowedDomains).toEqual(['acme.com']);
      expect(ok({ allowedDomains: ['*.acme.com'] }).allowedDomains).toEqual(['acme.com']);
      expect(ok({ allowedDomains: ['acme.com.'] }).allowedDomains).toEqual(['acme.com']);
      expect(ok({ ssoDomains: ['  @Brightlane-Agency.IO'] }).ssoDomains).toEqual(['brightlane-agency.io']);
    });

    it('stores an internationalized domain in punycode', () => {
      expect(ok({ allowedDomains: ['bücher.de'] }).allowedDomains).toEqual(['xn--bcher-kva.de']);
      expect(ok({ personalDomains: ['BÜCHER.de', 'xn--bcher-kva.de'] }).personalDomains).toEqual(['xn--bcher-kva.de']);
    });

    it('removes duplicates after normalizing, keeping the first position', () => {
      expect(
        ok({ allowedDomains: ['acme.com', 'eu.acme.com', '@ACME.com', '*.acme.com', 'acme.com.', 'eu.acme.com'] }).allowedDomains,
      ).toEqual(['acme.com', 'eu.acme.com']);
    });

    it.each([
      ['no dot', 'acme', 'the domain has no dot'],
      ['a space', 'acme .com', 'a character a domain cannot have'],
      ['an address', 'jane@acme.com', 'a character a domain cannot have'],
      ['a URL', 'https://acme.com', 'a character a domain cannot have'],
      ['empty', '', 'nothing after the @'],
      ['an IP address', '10.0.0.1', 'an IP address instead of a domain'],
      ['two dots', 'acme..com', 'two dots in a row'],
    ])('refuses a domain with %s, naming the list, the position and the entry', (_name, domain, reason) => {
      const error = onlyError({ allowedDomains: ['acme.com', domain] });
      expect(error.field).toBe('allowedDomains[1]');
      expect(error.message).toContain('Allowed domains');
      expect(error.message).toContain(`"${domain}" is not a domain`);
      expect(error.message).toContain(reason);
    });

    it('reports every bad entry, in each list', () => {
      const list = errors({ allowedDomains: ['acme', 'acme.com', 'x y'], ssoDomains: ['sso'], personalDomains: ['mail'] });
      expect(list.map((e) => e.field)).toEqual(['allowedDomains[0]', 'allowedDomains[2]', 'ssoDomains[0]', 'personalDomains[0]']);
      expect(list[2]!.message).toMatch(/^SSO domains: /);
      expect(list[3]!.message).toMatch(/^Personal mailbox providers: /);
    });

    it('refuses a list that is not a list', () => {
      const error = onlyError({ allowedDomains: 'acme.com' });
      expect(error).toEqual({ field: 'allowedDomains', message: 'Allowed domains: must be a list of domains' });
    });

    it('refuses an entry that is not a string', () => {
      const error = onlyError({ ssoDomains: ['acme.com', 42] });
      expect(error.field).toBe('ssoDomains[1]');
      expect(error.message).toMatch(/^SSO domains: /);
    });

    it('refuses more than 1,000 domains', () => {
      const domains = Array.from({ length: 1001 }, (_, i) => `d${i}.acme.com`);
      expect(onlyError({ allowedDomains: domains })).toEqual({ field: 'allowedDomains', message: 'Allowed domains: at most 1,000 domains' });
      expect(ok({ allowedDomains: domains.slice(0, 1000) }).allowedDomains).toHaveLength(1000);
    });
  });

  describe('wrong types and values', () => {
    it.each([
      ['ssoEnforced', 'yes', 'SSO required', 'must be true or false'],
      ['scimManaged', 1, 'Users provisioned by SCIM', 'must be true or false'],
      ['personalEmail', 'allow', 'Personal addresses', 'must be "block" or "warn"'],
      ['personalEmail', 'Block', 'Personal addresses', 'must be "block" or "warn"'],
      ['justification', 'sometimes', 'Justification required', 'must be "always", "elevated" or "never"'],
      ['maxAdmins', '5', 'Most owners and admins', 'must be a whole number from 1 to 1000'],
      ['maxAdmins', null, 'Most owners and admins', 'must be a whole number from 1 to 1000'],
      ['maxAdmins', Number.NaN, 'Most owners and admins', 'must be a whole number from 1 to 1000'],
      ['maxAdmins', 2.5, 'Most owners and admins', 'must be a whole number from 1 to 1000'],
      ['maxAdmins', 0, 'Most owners and admins', 'must be at least 1'],
      ['maxAdmins', 1001, 'Most owners and admins', 'must be at most 1000'],
      ['maxProjectsPerInvite', -3, 'Most projects in one invitation', 'must be at least 1'],
      ['maxProjectsPerInvite', Number.POSITIVE_INFINITY, 'Most projects in one invitation', 'must be'],
      ['maxTemporaryDays', 3651, 'Longest temporary access (days)', 'must be at most 3650'],
      ['maxTemporaryDays', 0.5, 'Longest temporary access (days)', 'must be a whole number from 1 to 3650'],
      ['inviteExpiryDays', 366, 'Invitation lifetime (days)', 'must be at most 365'],
      ['inviteExpiryDays', 0, 'Invitation lifetime (days)', 'must be at least 1'],
      ['inviteRateLimitPerDomain', 0, 'Invitation emails per domain per hour', 'must be at least 1'],
      ['inviteRateLimitPerDomain', 1e6, 'Invitation emails per domain per hour', 'must be at most 1000'],
      ['reminderLeadDays', 'soon', 'Reminders before an end date (days)', 'must be a list of whole numbers of days'],
      ['reminderLeadDays', Array(13).fill(1), 'Reminders before an end date (days)', 'at most 12 reminders'],
      ['productionPattern', '(', 'Production projects pattern', 'is not a valid regular expression'],
      ['productionPattern', '[a-', 'Production projects pattern', 'is not a valid regular expression'],
      ['productionPattern', '   ', 'Production projects pattern', 'must not be empty'],
      ['productionPattern', 'p'.repeat(201), 'Production projects pattern', 'must be at most 200 characters'],
      ['productionPattern', 42, 'Production projects pattern', 'must be a regular expression'],
    ])('%s = %j: "%s: %s"', (field, value, label, message) => {
      const error = onlyError({ [field]: value });
      expect(error.field).toBe(field);
      expect(error.message).toContain(`${label}: `);
      expect(error.message).toContain(message);
      expect(error.message.startsWith(POLICY_FIELD_LABELS[field as keyof Policy])).toBe(true);
    });

    it('names the position of a bad reminder', () => {
      expect(onlyError({ reminderLeadDays: [7, 1, -1] })).toEqual({
        field: 'reminderLeadDays[2]',
        message: 'Reminders before an end date (days): must be at least 0',
      });
      expect(onlyError({ reminderLeadDays: [7, 1.5] }).field).toBe('reminderLeadDays[1]');
      expect(onlyError({ reminderLeadDays: [400] }).message).toContain('must be at most 365');
    });

    it('accepts the bounds of every number', () => {
      expect(ok({ maxAdmins: 1, maxProjectsPerInvite: 1000, maxTemporaryDays: 1, inviteExpiryDays: 1, inviteRateLimitPerDomain: 1000 })).toMatchObject({
        maxAdmins: 1,
        maxProjectsPerInvite: 1000,
        maxTemporaryDays: 1,
        inviteExpiryDays: 1,
        inviteRateLimitPerDomain: 1000,
      });
      expect(ok({ reminderLeadDays: [0, 365] }).reminderLeadDays).toEqual([365, 0]);
    });

    it('reports every bad field at once', () => {
      const list = errors({ maxAdmins: 0, personalEmail: 'allow', productionPattern: '(' });
      expect(list.map((e) => e.field).sort()).toEqual(['maxAdmins', 'personalEmail', 'productionPattern']);
    });

    it('refuses unknown settings, one error each, naming the key', () => {
      const list = errors({ colour: 'red', maxAdmin: 5 });
      expect(list).toEqual([
        { field: 'colour', message: '"colour" is not a policy setting.' },
        { field: 'maxAdmin', message: '"maxAdmin" is not a policy setting.' },
      ]);
    });

    it.each([
      ['null', null],
      ['undefined', undefined],
      ['a string', 'policy'],
      ['a number', 42],
      ['an array', []],
      ['an array of settings', [{ maxAdmins: 5 }]],
    ])('refuses a policy that is not an object (%s)', (_name, input) => {
      expect(parsePolicy(input)).toEqual({ ok: false, errors: [{ field: '', message: 'A policy must be an object of settings.' }] });
    });
  });

  describe('reminderLeadDays', () => {
    it('removes duplicates and sorts from the furthest to the nearest', () => {
      expect(ok({ reminderLeadDays: [1, 7, 7, 30, 0, 1] }).reminderLeadDays).toEqual([30, 7, 1, 0]);
      expect(ok({ reminderLeadDays: [2, 10] }).reminderLeadDays).toEqual([10, 2]);
    });

    it('is sorted as numbers, not as text', () => {
      expect(ok({ reminderLeadDays: [9, 100, 21] }).reminderLeadDays).toEqual([100, 21, 9]);
    });

    it('is always unique and descending (property)', () => {
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 0, max: 365 }), { maxLength: 12 }), (days) => {
          const result = ok({ reminderLeadDays: days }).reminderLeadDays;
          expect(result).toEqual([...new Set(days)].sort((a, b) => b - a));
          for (let i = 1; i < result.length; i++) expect(result[i - 1]!).toBeGreaterThan(result[i]!);
        }),
      );
    });
  });

  describe('properties', () => {
    function expectWellFormedResult(input: unknown): void {
      const result = parsePolicy(input);
      if (result.ok) {
        expect(Object.keys(result.policy).sort()).toEqual(Object.keys(POLICY_FIELD_LABELS).sort());
      } else {
        expect(result.errors.length).toBeGreaterThan(0);
        for (const e of result.errors) {
          expect(typeof e.field).toBe('string');
          expect(e.message.length).toBeGreaterThan(0);
        }
      }
    }

    it('never throws for any value', () => {
      fc.assert(fc.property(fc.anything(), expectWellFormedResult), { numRuns: 500 });
    });

    it('never throws for any object', () => {
      fc.assert(fc.property(fc.object(), expectWellFormedResult), { numRuns: 500 });
    });

    it('never throws for any value of the real settings, and names the field of each error', () => {
      const keys = Object.keys(POLICY_FIELD_LABELS);
      const value = fc.oneof(
        fc.anything(),
        fc.array(fc.oneof(fc.string(), fc.domain(), fc.integer({ min: -5, max: 400 }))),
        fc.string(),
        fc.integer(),
        fc.double(),
      );
      fc.assert(
        fc.property(fc.dictionary(fc.constantFrom(...keys), value), (input) => {
          const result = parsePolicy(input);
          if (!result.ok) {
            for (const e of result.errors) {
              const top = e.field.split('[')[0]!;
              expect(keys).toContain(top);
              expect(e.message.startsWith(`${POLICY_FIELD_LABELS[top as keyof Policy]}: `)).toBe(true);
            }
          }
        }),
        { numRuns: 500 },
      );
    });

    it('normalizes every spelling of a valid domain to the same entry', () => {
      fc.assert(
        fc.property(fc.domain(), (domain) => {
          const spellings = [domain, ` ${domain.toUpperCase()} `, `@${domain}`, `*.${domain}`, `${domain}.`];
          expect(ok({ allowedDomains: spellings }).allowedDomains).toEqual([domain.toLowerCase()]);
        }),
      );
    });
  });
});

describe('domainInList', () => {
  const list = ['acme.com', 'brightlane-agency.io'];

  it('matches a listed domain exactly', () => {
    expect(domainInList('acme.com', list)).toBe(true);
    expect(domainInList('brightlane-agency.io', list)).toBe(true);
  });

  it('matches a subdomain of a listed domain', () => {
    expect(domainInList('eu.acme.com', list)).toBe(true);
    expect(domainInList('mail.eu.acme.com', list)).toBe(true);
  });

  it('does not match a domain that only ends with the same letters', () => {
    expect(domainInList('notacme.com', list)).toBe(false);
    expect(domainInList('evil-acme.com', list)).toBe(false);
  });

  it('does not match a parent, a look-alike or an extra label', () => {
    expect(domainInList('com', list)).toBe(false);
    expect(domainInList('acme.co', list)).toBe(false);
    expect(domainInList('acme.com.evil.io', list)).toBe(false);
  });

  it('matches nothing with an empty list', () => {
    expect(domainInList('acme.com', [])).toBe(false);
  });
});

describe('productionMatcher', () => {
  const isProduction = productionMatcher(defaultPolicy());

  it.each(['Production', 'production', 'prod', 'PROD', 'Prod EU', 'web-prod', 'web_prod', 'Prod', 'EU (prod)', 'prod2', 'Web Production US'])(
    'the default pattern matches %s',
    (name) => {
      expect(isProduction(name)).toBe(true);
    },
  );

  it.each(['Product analytics', 'Reproduction', 'Staging', 'preprod', 'Products', 'Dev', '', 'Prodigy'])('the default pattern does not match %s', (name) => {
    expect(isProduction(name)).toBe(false);
  });

  it('uses the policy pattern, ignoring case', () => {
    const isLive = productionMatcher(ok({ productionPattern: '^live\\b' }));
    expect(isLive('Live site')).toBe(true);
    expect(isLive('LIVE')).toBe(true);
    expect(isLive('Not live')).toBe(false);
    expect(isLive('Production')).toBe(false);
  });

  it('reads only the first 200 characters of a project name', () => {
    expect(isProduction(`${'x'.repeat(195)} prod`)).toBe(true); // 200 characters
    expect(isProduction(`${'x'.repeat(197)} prod`)).toBe(false); // "prod" starts at 198
  });

  it('gives the same answer every time (no global-flag state)', () => {
    expect([isProduction('prod'), isProduction('prod'), isProduction('prod')]).toEqual([true, true, true]);
  });
});
