// The popup's list of access: sections, each item with its end date, reason and actions.
import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { AccessItem, AccessSection } from '../lib/access-view';
import { displayText } from '../lib/text';
import { useFocusAfterRender } from './focus-hook';

export interface AccessActions {
  open: (item: AccessItem) => void;
  extend: (item: AccessItem, endsOn: string, reason: string) => void;
  revoke: (item: AccessItem) => void;
  snooze: (item: AccessItem) => void;
}

const STATUS_LABEL: Record<AccessItem['status'], string> = {
  pending: 'Pending',
  active: 'Active',
  expiring: 'Expiring',
  expired: 'Expired',
  revoked: 'Revoked',
};

function daysText(item: AccessItem): string | null {
  if (!item.endsOn || item.daysLeft === null) return null;
  if (item.daysLeft < 0) return `ended ${item.endsOn}`;
  if (item.daysLeft === 0) return 'last day today';
  return `${item.daysLeft} day${item.daysLeft === 1 ? '' : 's'} left`;
}

function ExtendForm({ item, onExtend, onCancel, today }: { item: AccessItem; onExtend: AccessActions['extend']; onCancel: () => void; today: string }): JSX.Element {
  const [endsOn, setEndsOn] = useState(item.endsOn && item.endsOn >= today ? item.endsOn : today);
  const [reason, setReason] = useState('');
  return (
    <form
      class="al-extend"
      onKeyDown={(e: KeyboardEvent) => {
        if (e.key !== 'Escape') return;
        e.preventDefault(); // handled here: Chrome would close the popup
        onCancel();
      }}
      onSubmit={(e: JSX.TargetedEvent<HTMLFormElement>) => {
        e.preventDefault();
        if (reason.trim()) onExtend(item, endsOn, reason.trim());
      }}
    >
      <label>
        New end date
        <input type="date" value={endsOn} min={today} required onInput={(e: JSX.TargetedEvent<HTMLInputElement>) => setEndsOn(e.currentTarget.value)} />
      </label>
      <label>
        Why it is extended
        <input type="text" value={reason} required maxLength={500} placeholder="SOW-2026-09 signed" onInput={(e: JSX.TargetedEvent<HTMLInputElement>) => setReason(e.currentTarget.value)} />
      </label>
      <div class="al-buttons">
        <button type="submit" class="al-primary" disabled={!reason.trim()}>
          Extend
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function Item({ item, actions, today }: { item: AccessItem; actions: AccessActions; today: string }): JSX.Element {
  const [mode, setMode] = useState<'idle' | 'extend' | 'revoke'>('idle');
  const days = daysText(item);
  const body = useRef<HTMLDivElement>(null);
  const focusAfterRender = useFocusAfterRender();
  // The buttons and the form or confirmation replace each other: the keyboard follows.
  const switchTo = (next: typeof mode, focus: string) => {
    setMode(next);
    focusAfterRender(() => body.current?.querySelector<HTMLElement>(focus));
  };
  const back = (from: 'extend' | 'revoke') => switchTo('idle', `[data-action="${from}"]`);
  return (
    <li class="al-item" data-status={item.status} data-record={item.id}>
      <details>
        <summary>
          <span class="al-email">{displayText(item.email, 60)}</span>
          <span class={`al-status al-status-${item.status}`}>{STATUS_LABEL[item.status]}</span>
          <span class="al-meta">
            {item.attention ? <strong class="al-why">{item.attention}</strong> : days ? <span>{days}</span> : null}
            {item.snoozedUntil ? <span> · snoozed until {item.snoozedUntil}</span> : null}
          </span>
        </summary>
        <div class="al-body" ref={body}>
          <p class="al-grant">{displayText(item.grant, 200)}</p>
          {item.endsOn ? <p>Ends on {item.endsOn}</p> : <p>No end date</p>}
          <p class="al-reason">{item.reason ? displayText(item.reason, 400) : 'No reason recorded.'}</p>
          {item.ticket ? <p>Ticket: {displayText(item.ticket, 100)}</p> : null}
          <p class="al-org">
            {displayText(item.organization, 80)} · {item.region.toUpperCase()}
          </p>
          {mode === 'extend' ? (
            <ExtendForm
              item={item}
              today={today}
              onExtend={(...args) => {
                actions.extend(...args);
                back('extend');
              }}
              onCancel={() => back('extend')}
            />
          ) : mode === 'revoke' ? (
            <div
              class="al-confirm"
              role="group"
              aria-label="Confirm revoke"
              onKeyDown={(e: KeyboardEvent) => {
                if (e.key !== 'Escape') return;
                e.preventDefault();
                back('revoke');
              }}
            >
              <p>Mark as revoked? Do this after removing them in Mixpanel.</p>
              <div class="al-buttons">
                <button type="button" class="al-danger" onClick={() => actions.revoke(item)}>
                  Mark revoked
                </button>
                <button type="button" data-action="cancel-revoke" onClick={() => back('revoke')}>
                  Cancel
                </button>
              </div>
            </div>
          ) : (
            <div class="al-buttons">
              <button type="button" onClick={() => actions.open(item)}>
                Open in Mixpanel
              </button>
              {item.status !== 'revoked' ? (
                <>
                  <button type="button" data-action="extend" onClick={() => switchTo('extend', 'input')}>
                    Extend…
                  </button>
                  <button type="button" onClick={() => actions.snooze(item)}>
                    Snooze 7 days
                  </button>
                  <button type="button" class="al-danger-text" data-action="revoke" onClick={() => switchTo('revoke', '[data-action="cancel-revoke"]')}>
                    Revoke…
                  </button>
                </>
              ) : null}
            </div>
          )}
        </div>
      </details>
    </li>
  );
}

// Long logs stay quick to open: each section shows its first items until asked for more.
export const PAGE = 50;

function Section({ section, actions, today }: { section: AccessSection; actions: AccessActions; today: string }): JSX.Element {
  const [shown, setShown] = useState(PAGE);
  return (
    <section class="al-section" data-section={section.key} aria-labelledby={`al-${section.key}`}>
      <h2 id={`al-${section.key}`}>
        {section.title} <span class="al-count">{section.total ?? section.items.length}</span>
      </h2>
      <ul>
        {section.items.slice(0, shown).map((item) => (
          <Item key={item.id} item={item} actions={actions} today={today} />
        ))}
      </ul>
      {section.items.length > shown ? (
        <button type="button" class="al-more" onClick={() => setShown(shown + PAGE)}>
          Show {Math.min(PAGE, section.items.length - shown)} more
        </button>
      ) : null}
    </section>
  );
}

export function AccessList({ sections, actions, today }: { sections: AccessSection[]; actions: AccessActions; today: string }): JSX.Element {
  return (
    <div class="al">
      {sections.map((section) => (
        <Section key={section.key} section={section} actions={actions} today={today} />
      ))}
    </div>
  );
}
