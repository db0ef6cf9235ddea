// The organization's policy as a form. Pure view: the options page owns the state and the saving.
import type { ComponentChildren, JSX } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { PolicyForm } from '../lib/policy-form';

export type PolicyErrors = Partial<Record<keyof PolicyForm | '', string[]>>;

export interface PolicyEditorProps {
  form: PolicyForm;
  errors: PolicyErrors;
  /** Fields IT sets through managed storage: shown, never editable here. */
  locked: ReadonlySet<keyof PolicyForm>;
  /** Problems with the stored or managed policy. */
  problems: string[];
  status: { tone: 'ok' | 'error'; text: string } | null;
  onChange: (form: PolicyForm) => void;
  onSave: () => void;
  onReset: () => void;
  onExport: () => void;
  onImport: (file: File) => void;
}

interface FieldProps {
  name: keyof PolicyForm;
  label: string;
  hint?: string;
  errors: PolicyErrors;
  locked: ReadonlySet<keyof PolicyForm>;
  children: (props: { id: string; disabled: boolean; describedBy: string | undefined; invalid: boolean }) => ComponentChildren;
}

function Field({ name, label, hint, errors, locked, children }: FieldProps): JSX.Element {
  const id = `policy-${name}`;
  const messages = errors[name] ?? [];
  const isLocked = locked.has(name);
  const describedBy = [hint ? `${id}-hint` : '', messages.length ? `${id}-error` : '', isLocked ? `${id}-locked` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="pe-field" data-field={name} data-locked={isLocked ? 'true' : undefined}>
      <label for={id} class="pe-label">
        {label}
      </label>
      {children({ id, disabled: isLocked, describedBy, invalid: messages.length > 0 })}
      {hint ? (
        <p id={`${id}-hint`} class="pe-hint">
          {hint}
        </p>
      ) : null}
      {isLocked ? (
        <p id={`${id}-locked`} class="pe-locked">
          Set by your IT administrator (managed policy).
        </p>
      ) : null}
      {messages.length ? (
        // The alert wraps the list: role="alert" on the <ul> itself would hide that it is a list.
        <div id={`${id}-error`} class="pe-error" role="alert" data-policy-error={name}>
          <ul>
            {messages.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

export function PolicyEditor(props: PolicyEditorProps): JSX.Element {
  const { form, errors, locked } = props;
  const set = <K extends keyof PolicyForm>(key: K, value: PolicyForm[K]) => props.onChange({ ...form, [key]: value });
  const text = (key: keyof PolicyForm) => (e: JSX.TargetedEvent<HTMLInputElement | HTMLTextAreaElement>) => set(key, e.currentTarget.value as never);
  const shared = { errors, locked };
  // New errors (a refused save or import): the keyboard goes to the first field to correct.
  const formElement = useRef<HTMLFormElement>(null);
  useLayoutEffect(() => {
    formElement.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);
  const area = (key: keyof PolicyForm, rows = 3) => (f: { id: string; disabled: boolean; describedBy: string | undefined; invalid: boolean }) => (
    <textarea id={f.id} rows={rows} value={form[key] as string} disabled={f.disabled} aria-describedby={f.describedBy} aria-invalid={f.invalid || undefined} onInput={text(key)} spellcheck={false} />
  );
  const input = (key: keyof PolicyForm, inputMode?: 'numeric') => (f: { id: string; disabled: boolean; describedBy: string | undefined; invalid: boolean }) => (
    <input id={f.id} type="text" inputMode={inputMode} value={form[key] as string} disabled={f.disabled} aria-describedby={f.describedBy} aria-invalid={f.invalid || undefined} onInput={text(key)} spellcheck={false} />
  );
  const check = (key: 'ssoEnforced' | 'scimManaged') => (f: { id: string; disabled: boolean; describedBy: string | undefined }) => (
    <input id={f.id} type="checkbox" checked={form[key]} disabled={f.disabled} aria-describedby={f.describedBy} onChange={(e: JSX.TargetedEvent<HTMLInputElement>) => set(key, e.currentTarget.checked)} />
  );
  return (
    <form
      class="pe"
      ref={formElement}
      data-invite-guard="policy-form"
      onSubmit={(e: JSX.TargetedEvent<HTMLFormElement>) => {
        e.preventDefault();
        props.onSave();
      }}
    >
      {props.problems.length ? (
        <div class="pe-problems" role="alert">
          {props.problems.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </div>
      ) : null}
      {errors[''] ? (
        <div class="pe-problems" role="alert">
          {errors[''].map((p) => (
            <p key={p}>{p}</p>
          ))}
        </div>
      ) : null}

      <fieldset>
        <legend>Domains</legend>
        <Field name="allowedDomains" label="Allowed domains" hint="Your company's domains, one per line. Empty: no allow-list." {...shared}>
          {area('allowedDomains')}
        </Field>
        <Field name="ssoDomains" label="SSO domains" hint="Domains claimed for SSO in Mixpanel, one per line." {...shared}>
          {area('ssoDomains')}
        </Field>
        <Field name="ssoEnforced" label="SSO is required to log in" {...shared}>
          {check('ssoEnforced')}
        </Field>
        <Field name="scimManaged" label="Users are provisioned by SCIM" {...shared}>
          {check('scimManaged')}
        </Field>
        <Field name="personalDomains" label="Personal mailbox providers" hint="One per line." {...shared}>
          {area('personalDomains', 5)}
        </Field>
        <Field name="personalEmail" label="Personal addresses" {...shared}>
          {(f) => (
            <select id={f.id} value={form.personalEmail} disabled={f.disabled} aria-describedby={f.describedBy} onChange={(e: JSX.TargetedEvent<HTMLSelectElement>) => set('personalEmail', e.currentTarget.value as PolicyForm['personalEmail'])}>
              <option value="warn">Warn</option>
              <option value="block">Block</option>
            </select>
          )}
        </Field>
      </fieldset>

      <fieldset>
        <legend>Roles and projects</legend>
        <Field name="productionPattern" label="Production projects" hint="A regular expression matched against project names, ignoring case." {...shared}>
          {input('productionPattern')}
        </Field>
        <Field name="maxProjectsPerInvite" label="Most projects in one invitation" {...shared}>
          {input('maxProjectsPerInvite', 'numeric')}
        </Field>
        <Field name="maxAdmins" label="Most owners and admins" {...shared}>
          {input('maxAdmins', 'numeric')}
        </Field>
      </fieldset>

      <fieldset>
        <legend>Justification and temporary access</legend>
        <Field name="justification" label="A reason or ticket is required" {...shared}>
          {(f) => (
            <select id={f.id} value={form.justification} disabled={f.disabled} aria-describedby={f.describedBy} onChange={(e: JSX.TargetedEvent<HTMLSelectElement>) => set('justification', e.currentTarget.value as PolicyForm['justification'])}>
              <option value="always">For every invitation</option>
              <option value="elevated">For elevated or outside access</option>
              <option value="never">Never</option>
            </select>
          )}
        </Field>
        <Field name="maxTemporaryDays" label="Longest temporary access (days)" {...shared}>
          {input('maxTemporaryDays', 'numeric')}
        </Field>
      </fieldset>

      <fieldset>
        <legend>Invitations and reminders</legend>
        <Field name="inviteExpiryDays" label="Invitation lifetime (days)" hint="Mixpanel does not document it; admins report 7 to 14 days." {...shared}>
          {input('inviteExpiryDays', 'numeric')}
        </Field>
        <Field name="reminderLeadDays" label="Reminders before an end date (days)" hint="Comma-separated, e.g. 14, 7, 1, 0." {...shared}>
          {input('reminderLeadDays')}
        </Field>
        <Field name="inviteRateLimitPerDomain" label="Invitation emails per domain per hour" {...shared}>
          {input('inviteRateLimitPerDomain', 'numeric')}
        </Field>
      </fieldset>

      <div class="pe-actions">
        <button type="submit" class="pe-primary" data-invite-guard="policy-save">
          Save policy
        </button>
        <button type="button" onClick={props.onReset}>
          Reset to defaults
        </button>
        <button type="button" onClick={props.onExport}>
          Export as JSON
        </button>
        <label class="pe-import">
          Import JSON…
          <input
            type="file"
            accept=".json,application/json"
            data-invite-guard="policy-import"
            onChange={(e: JSX.TargetedEvent<HTMLInputElement>) => {
              const file = e.currentTarget.files?.[0];
              if (file) props.onImport(file);
              e.currentTarget.value = '';
            }}
          />
        </label>
      </div>
      {props.status ? (
        <p class={`pe-status pe-status-${props.status.tone}`} role="status" data-invite-guard="policy-status">
          {props.status.text}
        </p>
      ) : null}
    </form>
  );
}
