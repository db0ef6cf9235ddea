// Documenting access that already exists: find a member or pending invitation, write its note.
import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { InviteNote } from '../lib/checks/types';
import { displayText } from '../lib/text';
import { NoteFields } from './NoteFields';
import { useFocusAfterRender } from './focus';

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

export function ExistingAccess({ people, onSave, today }: ExistingAccessProps): JSX.Element {
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<ExistingPerson | null>(null);
  const [draft, setDraft] = useState<InviteNote>({});
  const q = query.trim().toLowerCase();
  const results = q ? people.filter((p) => p.email.includes(q) || (p.name ?? '').toLowerCase().includes(q)).slice(0, MAX_RESULTS) : [];
  const documented = people.filter((p) => p.note).length;
  const section = useRef<HTMLElement>(null);
  const focusAfterRender = useFocusAfterRender();
  const field = (name: string) => () => section.current?.querySelector<HTMLElement>(`[data-invite-guard="${name}"]`);
  const open = (person: ExistingPerson) => {
    setSelected(person);
    setDraft(person.note ?? {});
    focusAfterRender(field('existing-note-reason'));
  };
  const close = () => {
    setSelected(null);
    focusAfterRender(field('existing-search'));
  };
  return (
    <section class="ig-section ig-existing" aria-labelledby="ig-existing-title" ref={section}>
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
          onInput={(e: JSX.TargetedEvent<HTMLInputElement>) => setQuery(e.currentTarget.value)}
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
                onClick={() => open(person)}
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
          <NoteFields note={draft} needs={{ justification: false, endDate: false }} onChange={setDraft} today={today} title={null} prefix="existing-note" />
          <div class="ig-row">
            <button
              type="button"
              class="ig-button ig-primary"
              data-invite-guard="existing-save"
              onClick={() => {
                onSave(selected, draft);
                setQuery('');
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
