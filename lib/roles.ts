// Mixpanel's roles, as the rest of Invite Guard names them. No zod here: the content script uses
// these (the schemas live with the records and messages that need them).

export const ORG_ROLES = ['owner', 'admin', 'billing-admin', 'member'] as const;
export const PROJECT_ROLES = ['owner', 'admin', 'analyst', 'consumer'] as const;

export type OrgRole = (typeof ORG_ROLES)[number];
export type ProjectRole = (typeof PROJECT_ROLES)[number];

export const ORG_ROLE_LABELS: Record<OrgRole, string> = {
  owner: 'Owner',
  admin: 'Admin',
  'billing-admin': 'Billing Admin',
  member: 'Member',
};

export const PROJECT_ROLE_LABELS: Record<ProjectRole, string> = {
  owner: 'Owner',
  admin: 'Admin',
  analyst: 'Analyst',
  consumer: 'Consumer',
};

/** Org roles above Member: they reach settings, billing or every project. */
export function isElevatedOrgRole(role: OrgRole): boolean {
  return role !== 'member';
}

/** Org roles that count toward the admin limit, and that keep password login under "Require SSO". */
export function isOrgAdmin(role: OrgRole | undefined): boolean {
  return role === 'owner' || role === 'admin';
}

/** Project roles with full control of a project. */
export function isElevatedProjectRole(role: ProjectRole): boolean {
  return role === 'owner' || role === 'admin';
}

/** Reads a role from the words a page or a CSV uses ("Billing Admin", "billing_admin", "Owner"). */
export function readOrgRole(text: string): OrgRole | null {
  const key = text.trim().toLowerCase().replace(/[\s_]+/g, '-');
  return (ORG_ROLES as readonly string[]).includes(key) ? (key as OrgRole) : null;
}

export function readProjectRole(text: string): ProjectRole | null {
  const key = text.trim().toLowerCase();
  return (PROJECT_ROLES as readonly string[]).includes(key) ? (key as ProjectRole) : null;
}
