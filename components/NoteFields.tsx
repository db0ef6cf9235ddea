// The invitation's note: reason, ticket or SOW reference, approver and end date, marking what the
// policy asks for and the note lacks.
import { Component, type JSX } from 'preact';
import type { InviteNote } from '../lib/checks/types';
import { JUMP_SHORTCUT } from './focus';
import { differs } from './differs';

interface NoteFieldsProps {
  note: InviteNote;
  needs: { justification: boolean; endDate: boolean };
  onChange: (note: InviteNote) => void;
  today: string;
  /** The section's heading; null when the note is part of another section. */
  title?: string | null;
  /** Prefix of the fields' data-invite-guard names. */
  prefix?: string;
}

type TextField = 'reason' | 'ticket' | 'approver';

function Needed({ show }: { show: boolean }): JSX.Element | null {
  return show ? <span class="ig-needed">needed</span> : null;
}

/** The note's fields; drawn again only when a prop changed (the sidebar draws on every keystroke). */
export class NoteFields extends Component<NoteFieldsProps> {
  override shouldComponentUpdate(next: NoteFieldsProps): boolean {
    return differs(this.props, next);
  }

  override render(props: NoteFieldsProps): JSX.Element {
    return noteFieldsView(props);
  }
}

function noteFieldsView({ note, needs, onChange, today, title = 'Note', prefix = 'note' }: NoteFieldsProps): JSX.Element {
  const set = (field: keyof InviteNote) => (event: JSX.TargetedEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    onChange({ ...note, [field]: event.currentTarget.value });
  const input = (field: TextField, label: string, placeholder: string, needed: boolean) => (
    <label class="ig-field">
      <span class="ig-label">
        {label} <Needed show={needed} />
      </span>
      <input
        type="text"
        value={note[field] ?? ''}
        placeholder={placeholder}
        maxLength={200}
        data-invite-guard={`${prefix}-${field}`}
        aria-invalid={needed ? 'true' : undefined}
        onInput={set(field)}
      />
    </label>
  );
  const missing = needs.justification || needs.endDate;
  const fields = (
    <>
      <label class="ig-field">
        <span class="ig-label">
          Reason <Needed show={needs.justification} />
        </span>
        <textarea
          rows={2}
          value={note.reason ?? ''}
          maxLength={1000}
          placeholder="Why they need this access"
          data-invite-guard={`${prefix}-reason`}
          aria-invalid={needs.justification ? 'true' : undefined}
          onInput={set('reason')}
        />
      </label>
      {input('ticket', 'Ticket or SOW', 'SEC-1042, SOW-2026-07', needs.justification)}
      {input('approver', 'Approved by', 'name@company.com', false)}
      <label class="ig-field">
        <span class="ig-label">
          Access ends on <Needed show={needs.endDate} />
        </span>
        <input
          type="date"
          value={note.endsOn ?? ''}
          min={today}
          data-invite-guard={`${prefix}-endsOn`}
          aria-invalid={needs.endDate ? 'true' : undefined}
          onInput={set('endsOn')}
        />
      </label>
    </>
  );
  if (title === null) return fields;
  return (
    <section class="ig-section ig-note" aria-labelledby="ig-note-title">
      <h3 id="ig-note-title">
        {title} {missing ? <span class="ig-needed">incomplete</span> : null}
      </h3>
      {fields}
      <p class="ig-hint">
        Saved with the invitation when you send it. <kbd>{JUMP_SHORTCUT}</kbd> moves between Mixpanel's dialog and this note.
      </p>
    </section>
  );
}
