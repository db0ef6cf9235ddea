// Addresses pasted by hand: for checking a list before inviting, or when the dialog can't be read.
import type { JSX } from 'preact';
import { ORG_ROLES, ORG_ROLE_LABELS, PROJECT_ROLES, PROJECT_ROLE_LABELS, type OrgRole, type ProjectRole } from '../lib/roles';

export interface ManualDraft {
  text: string;
  orgRole: OrgRole;
  /** Project names, comma-separated, as the admin types them. */
  projects: string;
  projectRole: ProjectRole;
}

export const EMPTY_MANUAL: ManualDraft = { text: '', orgRole: 'member', projects: '', projectRole: 'consumer' };

interface ManualBoxProps {
  value: ManualDraft;
  onChange: (value: ManualDraft) => void;
}

export function ManualBox({ value, onChange }: ManualBoxProps): JSX.Element {
  const update = <K extends keyof ManualDraft>(key: K, v: ManualDraft[K]) => onChange({ ...value, [key]: v });
  return (
    <section class="ig-section ig-manual" aria-labelledby="ig-manual-title">
      <h3 id="ig-manual-title">Check addresses</h3>
      <label class="ig-field">
        <span class="ig-label">Paste or type addresses</span>
        <textarea
          rows={3}
          value={value.text}
          placeholder={'jane@acme.com, "Tom B" <tom@agency.io>'}
          data-invite-guard="manual"
          spellcheck={false}
          onInput={(e: JSX.TargetedEvent<HTMLTextAreaElement>) => update('text', e.currentTarget.value)}
        />
      </label>
      <div class="ig-row">
        <label class="ig-field">
          <span class="ig-label">Organization role</span>
          <select
            value={value.orgRole}
            data-invite-guard="manual-org-role"
            onChange={(e: JSX.TargetedEvent<HTMLSelectElement>) => update('orgRole', e.currentTarget.value as OrgRole)}
          >
            {ORG_ROLES.map((role) => (
              <option key={role} value={role}>
                {ORG_ROLE_LABELS[role]}
              </option>
            ))}
          </select>
        </label>
        <label class="ig-field">
          <span class="ig-label">Project role</span>
          <select
            value={value.projectRole}
            data-invite-guard="manual-project-role"
            onChange={(e: JSX.TargetedEvent<HTMLSelectElement>) => update('projectRole', e.currentTarget.value as ProjectRole)}
          >
            {PROJECT_ROLES.map((role) => (
              <option key={role} value={role}>
                {PROJECT_ROLE_LABELS[role]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label class="ig-field">
        <span class="ig-label">Projects</span>
        <input
          type="text"
          value={value.projects}
          placeholder="Production, Staging"
          data-invite-guard="manual-projects"
          onInput={(e: JSX.TargetedEvent<HTMLInputElement>) => update('projects', e.currentTarget.value)}
        />
      </label>
    </section>
  );
}
