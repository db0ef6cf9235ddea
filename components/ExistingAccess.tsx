// Documenting access that already exists: find a member or pending invitation, write its note.
import { createRef, type JSX } from 'preact';
import type { InviteNote } from '../lib/checks/types';
import { displayText } from '../lib/text';
import { NoteFields } from './NoteFields';
import { FocusAfterRender } from './focus';
import { differs } from './differs';

export interface ExistingPerson {
  email: string;
  name?: string;
  state: 'member' | 'pending';
  /** The note Invite Guard keeps for them, if any. */
  note?: InviteNote;
}

interface ExistingAccessProps {
  people: ExistingPerson[];
  onSave: (person: ExistingPerson, note: InviteNote) => void;
  today: string;
}

const MAX_RESULTS = 8;

interface ExistingAccessState {
  query: string;
  selected: ExistingPerson | null;
  draft: InviteNote;
}

export class ExistingAccess extends FocusAfterRender<ExistingAccessProps, ExistingAccessState> {
  override shouldComponentUpdate(next: ExistingAccessProps, nextState: ExistingAccessState): boolean {
    return differs(this.props, next) || differs(this.state, nextState);
  }

  override state: ExistingAccessState = { query: '', selected: null, draft: {} };
  private readonly section = createRef<HTMLElement>();

  private field(name: string) {
    return () => this.section.current?.querySelector<HTMLElement>(`[data-invite-guard="${name}"]`);
  }

  private open(person: ExistingPerson) {
    this.setState({ selected: person, draft: person.note ?? {} });
    this.focusAfterRender(this.field('existing-note-reason'));
  }

  private readonly close = () => {
    this.setState({ selected: null });
    this.focusAfterRender(this.field('existing-search'));
  };

  private readonly setDraft = (draft: InviteNote) => this.setState({ draft });

  override render({ people, onSave, today }: ExistingAccessProps, { query, selected, draft }: ExistingAccessState): JSX.Element {
    const q = query.trim().toLowerCase();
    const results = q ? people.filter((p) => p.email.includes(q) || (p.name ?? '').toLowerCase().includes(q)).slice(0, MAX_RESULTS) : [];
    const documented = people.filter((p) => p.note).length;
    const close = this.close;
    return (
      <section class="ig-section ig-existing" aria-labelledby="ig-existing-title" ref={this.section}>
        <h3 id="ig-existing-title">Existing access</h3>
        <p class="ig-hint">
          {documented} of {people.length} people here have a note. Find someone to write or edit theirs.
        </p>
        <label class="ig-field">
          <span class="ig-label">Find a member or invitation</span>
          <input
            type="search"
            value={query}
            placeholder="Name or email"
            data-invite-guard="existing-search"
            onInput={(e: JSX.TargetedEvent<HTMLInputElement>) => this.setState({ query: e.currentTarget.value })}
          />
        </label>
        {results.length > 0 && !selected ? (
          <ul class="ig-people" aria-label="Matching people">
            {results.map((person) => (
              <li key={person.email}>
                <button
                  type="button"
                  class="ig-person"
                  data-invite-guard="existing-person"
                  onClick={() => this.open(person)}
                >
                  <span class="ig-address-text">{displayText(person.name ? `${person.name} · ${person.email}` : person.email, 90)}</span>
                  <span class="ig-person-state">{person.note ? 'has a note' : person.state === 'pending' ? 'pending, no note' : 'no note'}</span>
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        {q && results.length === 0 && !selected ? <p class="ig-hint">Nobody on this page matches.</p> : null}
        {selected ? (
          <div
            class="ig-existing-editor"
            data-invite-guard="existing-editor"
            role="group"
            aria-label={`Note for ${displayText(selected.email, 120)}`}
            onKeyDown={(e: KeyboardEvent) => {
              if (e.key !== 'Escape') return;
              e.preventDefault();
              close();
            }}
          >
            <p class="ig-address-line">
              <span class="ig-address-text">{displayText(selected.email, 120)}</span>
            </p>
            <NoteFields note={draft} needs={{ justification: false, endDate: false }} onChange={this.setDraft} today={today} title={null} prefix="existing-note" />
            <div class="ig-row">
              <button
                type="button"
                class="ig-button ig-primary"
                data-invite-guard="existing-save"
                onClick={() => {
                  onSave(selected, draft);
                  this.setState({ query: '' });
                  close();
                }}
              >
                Save note
              </button>
              <button type="button" class="ig-button" onClick={close}>
                Cancel
              </button>
            </div>
          </div>
        ) : null}
      </section>
    );
  }
}
