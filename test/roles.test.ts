import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ORG_ROLES,
  ORG_ROLE_LABELS,
  PROJECT_ROLES,
  PROJECT_ROLE_LABELS,
  isElevatedOrgRole,
  isElevatedProjectRole,
  isOrgAdmin,
  readOrgRole,
  readProjectRole,
} from '../lib/roles';
import { orgRoleSchema, projectRoleSchema } from '../lib/records';

describe('readOrgRole', () => {
  it.each([
    ['Owner', 'owner'],
    ['OWNER', 'owner'],
    ['owner', 'owner'],
    ['Admin', 'admin'],
    ['Billing Admin', 'billing-admin'],
    ['billing_admin', 'billing-admin'],
    ['billing-admin', 'billing-admin'],
    ['BILLING  ADMIN', 'billing-admin'],
    ['Billing\tAdmin', 'billing-admin'],
    ['  Member\n', 'member'],
  ] as const)('reads %j as %s', (text, role) => {
    expect(readOrgRole(text)).toBe(role);
  });

  it.each(['', '   ', 'Analyst', 'Consumer', 'Super Admin', 'Billing', 'Admins', 'Owner (you)', 'billing.admin', 'Membre'])('is null for %j', (text) => {
    expect(readOrgRole(text)).toBeNull();
  });

  it('reads back every label and every key', () => {
    for (const role of ORG_ROLES) {
      expect(readOrgRole(ORG_ROLE_LABELS[role])).toBe(role);
      expect(readOrgRole(role)).toBe(role);
    }
  });

  it('returns only known roles, or null (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom('Owner', 'Billing Admin', 'billing_admin', ' member ', 'Analyst')), (text) => {
        const role = readOrgRole(text);
        expect(role === null || (ORG_ROLES as readonly string[]).includes(role)).toBe(true);
      }),
    );
  });
});

describe('readProjectRole', () => {
  it.each([
    ['Owner', 'owner'],
    ['ADMIN', 'admin'],
    ['Analyst', 'analyst'],
    [' consumer ', 'consumer'],
  ] as const)('reads %j as %s', (text, role) => {
    expect(readProjectRole(text)).toBe(role);
  });

  it.each(['', 'Member', 'Billing Admin', 'billing-admin', 'Project Owner', 'Viewer'])('is null for %j', (text) => {
    expect(readProjectRole(text)).toBeNull();
  });

  it('reads back every label and every key', () => {
    for (const role of PROJECT_ROLES) {
      expect(readProjectRole(PROJECT_ROLE_LABELS[role])).toBe(role);
      expect(readProjectRole(role)).toBe(role);
    }
  });
});

describe('isElevatedOrgRole', () => {
  it('is true for every role above Member', () => {
    expect(isElevatedOrgRole('owner')).toBe(true);
    expect(isElevatedOrgRole('admin')).toBe(true);
    expect(isElevatedOrgRole('billing-admin')).toBe(true);
  });

  it('is false for Member', () => {
    expect(isElevatedOrgRole('member')).toBe(false);
  });
});

describe('isOrgAdmin', () => {
  it('counts owners and admins', () => {
    expect(isOrgAdmin('owner')).toBe(true);
    expect(isOrgAdmin('admin')).toBe(true);
  });

  it('does not count billing admins, members, or an unknown role', () => {
    expect(isOrgAdmin('billing-admin')).toBe(false);
    expect(isOrgAdmin('member')).toBe(false);
    expect(isOrgAdmin(undefined)).toBe(false);
  });
});

describe('isElevatedProjectRole', () => {
  it('is true for owners and admins of a project', () => {
    expect(isElevatedProjectRole('owner')).toBe(true);
    expect(isElevatedProjectRole('admin')).toBe(true);
  });

  it('is false for analysts and consumers', () => {
    expect(isElevatedProjectRole('analyst')).toBe(false);
    expect(isElevatedProjectRole('consumer')).toBe(false);
  });
});

describe('role schemas', () => {
  it('accept exactly the role keys', () => {
    for (const role of ORG_ROLES) expect(orgRoleSchema.parse(role)).toBe(role);
    for (const role of PROJECT_ROLES) expect(projectRoleSchema.parse(role)).toBe(role);
    expect(orgRoleSchema.safeParse('Billing Admin').success).toBe(false);
    expect(orgRoleSchema.safeParse('analyst').success).toBe(false);
    expect(projectRoleSchema.safeParse('member').success).toBe(false);
  });

  it('have a label for every role', () => {
    expect(Object.keys(ORG_ROLE_LABELS).sort()).toEqual([...ORG_ROLES].sort());
    expect(Object.keys(PROJECT_ROLE_LABELS).sort()).toEqual([...PROJECT_ROLES].sort());
    expect(ORG_ROLE_LABELS['billing-admin']).toBe('Billing Admin');
  });
});
