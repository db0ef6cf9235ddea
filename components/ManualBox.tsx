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

interface RoleSelectProps<R extends string> {
  label: string;
  /** The select's data-invite-guard name. */
  name: string;
  roles: readonly R[];
  labels: Record<R, string>;
  value: R;
  onChange: (role: R) => void;
}

function RoleSelect<R extends string>({ label, name, roles, labels, value, onChange }: RoleSelectProps<R>): JSX.Element {
  return (
    <label class="ig-field">
      <span class="ig-label">{label}</span>
      <select value={value} data-invite-guard={name} onChange={(e: JSX.TargetedEvent<HTMLSelectElement>) => onChange(e.currentTarget.value as R)}>
        {roles.map((role) => (
          <option key={role} value={role}>
            {labels[role]}
          </option>
        ))}
      </select>
    </label>
  );
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
        <RoleSelect label="Organization role" name="manual-org-role" roles={ORG_ROLES} labels={ORG_ROLE_LABELS} value={value.orgRole} onChange={(v) => update('orgRole', v)} />
        <RoleSelect label="Project role" name="manual-project-role" roles={PROJECT_ROLES} labels={PROJECT_ROLE_LABELS} value={value.projectRole} onChange={(v) => update('projectRole', v)} />
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
