// The popup: pending and expiring access at a glance, actions per grant, one-click export. Loaded
// by ./main.tsx, which has asked for the first screen already.
import '../../lib/zod-config';
import { render } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { downloadText, sendToBackground as send } from '../../components/messaging';
import type { Reply } from '../../lib/reply';
import '../../components/popup.css';
import { AccessList, type AccessActions } from '../../components/AccessList';
import { accessSections, type AccessFilter, type AccessSection } from '../../lib/access-view';
import { addDays, calendarDate } from '../../lib/dates';
import { exportFileName, toCsv, toICalendar, toJson } from '../../lib/export';
import { accessOverviewReplySchema, type Message } from '../../lib/messages';
import { defaultPolicy, parsePolicy, type Policy } from '../../lib/policy';
import { STATUSES, parseRecord, type AccessRecord } from '../../lib/records';
import { membersPageUrl } from '../../lib/mixpanel/hosts';

function Popup({ firstScreen }: { firstScreen: Promise<Reply<Record<string, unknown>>> }) {
  const [records, setRecords] = useState<AccessRecord[] | null>(null);
  /** The first screen, worked out by the background, shown until every record is here. */
  const [overview, setOverview] = useState<AccessSection[] | null>(null);
  const [policy, setPolicy] = useState<Policy>(defaultPolicy());
  const [filter, setFilter] = useState<AccessFilter>({ text: '', status: 'all' });
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const messageLine = useRef<HTMLParagraphElement>(null);
  const now = new Date();
  const today = calendarDate(now);

  const load = async (opening = false) => {
    // On opening, asked first and answered first: a long log shows its first screen before all of
    // it is read here. After an action the list is already on screen.
    const first = opening ? firstScreen : null;
    const rest = Promise.all([send({ type: 'list-records' }), send({ type: 'get-policy' })]);
    const checked = first ? accessOverviewReplySchema.safeParse(await first) : null;
    if (checked?.success) setOverview(checked.data.sections);
    const [list, policyReply] = await rest;
    if (!list.ok) {
      setMessage({ tone: 'error', text: list.error });
      setRecords([]);
      return;
    }
    const parsed = (Array.isArray(list.records) ? list.records : []).map(parseRecord);
    setRecords(parsed.flatMap((r) => (r.ok ? [r.record] : [])));
    const skipped = parsed.filter((r) => !r.ok).length + (typeof list.corrupted === 'number' ? list.corrupted : 0);
    if (skipped) setMessage({ tone: 'error', text: `${skipped} stored record${skipped === 1 ? ' is' : 's are'} unreadable and not shown.` });
    const p = policyReply.ok ? parsePolicy(policyReply.policy) : null;
    if (p?.ok) setPolicy(p.policy);
  };
  useEffect(() => void load(true), []);

  const sections = useMemo(() => (records ? accessSections(records, policy, now, filter) : []), [records, policy, filter]);
  const organization = records?.[0]?.organization ?? 'mixpanel';

  const act = async (m: Message, done: string) => {
    const reply = await send(m);
    setMessage(reply.ok ? { tone: 'ok', text: done } : { tone: 'error', text: reply.error });
    if (reply.ok) await load();
    // The grant may have moved to another section, taking the focused button with it: the
    // keyboard goes to the result instead of the top of the page.
    setTimeout(() => {
      if (!document.activeElement || document.activeElement === document.body) messageLine.current?.focus();
    });
  };
  const actions: AccessActions = {
    open: (item) => void browser.tabs.create({ url: membersPageUrl(item.region) }),
    extend: (item, endsOn, reason) => void act({ type: 'record-extend', id: item.id, endsOn, reason }, `Extended ${item.email} to ${endsOn}.`),
    revoke: (item) => void act({ type: 'record-revoke', id: item.id }, `Marked ${item.email} as revoked.`),
    snooze: (item) => void act({ type: 'record-snooze', id: item.id, until: addDays(today, 7) }, `Reminders for ${item.email} snoozed for 7 days.`),
  };
  const closeMenu = (menu: HTMLDetailsElement) => {
    menu.open = false;
    menu.querySelector('summary')?.focus();
  };
  const exportAs = (kind: 'csv' | 'json' | 'ics', event?: Event) => {
    // A format picked from the menu closes it.
    const menu = (event?.currentTarget as HTMLElement | undefined)?.closest('details');
    if (menu) closeMenu(menu);
    if (!records) return;
    const text = kind === 'csv' ? toCsv(records, { now, policy }) : kind === 'json' ? toJson(records, now) : toICalendar(records, now, { policy });
    const type = kind === 'csv' ? 'text/csv' : kind === 'json' ? 'application/json' : 'text/calendar';
    downloadText(exportFileName(kind, organization, now), type, text);
    setMessage({ tone: 'ok', text: `Exported ${records.length} record${records.length === 1 ? '' : 's'}.` });
  };

  return (
    <div class="pp">
      <header class="pp-header">
        <img src="/icon/32.png" alt="" width={24} height={24} />
        <h1>Invite Guard</h1>
        <div class="pp-export">
          <button type="button" class="pp-primary" data-invite-guard="export-csv" disabled={!records?.length} onClick={() => exportAs('csv')}>
            Export CSV
          </button>
          <details
            class="pp-menu"
            onKeyDown={(e) => {
              if (e.key !== 'Escape' || !e.currentTarget.open) return;
              e.preventDefault(); // closes the menu, not the popup
              closeMenu(e.currentTarget);
            }}
          >
            <summary aria-label="More export formats">▾</summary>
            <div class="pp-menu-list">
              <button type="button" data-invite-guard="export-json" disabled={!records?.length} onClick={(e) => exportAs('json', e)}>
                JSON (full history, re-importable)
              </button>
              <button type="button" data-invite-guard="export-ics" disabled={!records?.length} onClick={(e) => exportAs('ics', e)}>
                Calendar of end dates (.ics)
              </button>
            </div>
          </details>
        </div>
      </header>
      <main>
        <div class="pp-filters">
          <input
            type="search"
            aria-label="Filter by address, role, reason or ticket"
            placeholder="Filter…"
            value={filter.text}
            onInput={(e) => setFilter({ ...filter, text: (e.currentTarget as HTMLInputElement).value })}
          />
          <select
            aria-label="Status"
            value={filter.status}
            onChange={(e) => setFilter({ ...filter, status: (e.currentTarget as HTMLSelectElement).value as AccessFilter['status'] })}
          >
            <option value="all">All statuses</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s[0]!.toUpperCase() + s.slice(1)}
              </option>
            ))}
          </select>
        </div>
        {message ? (
          <p class={`pp-message pp-message-${message.tone}`} role="status" tabIndex={-1} ref={messageLine} data-invite-guard="popup-message">
            {message.text}
          </p>
        ) : null}
        {records === null ? (
          overview?.length ? (
            <AccessList sections={overview} actions={actions} today={today} />
          ) : (
            <p class="pp-empty">Loading…</p>
          )
        ) : records.length === 0 ? (
          <div class="pp-empty" data-invite-guard="popup-empty">
            <p>
              <strong>No access recorded yet.</strong>
            </p>
            <p>Open Organization Settings → Users &amp; Teams in Mixpanel: each invitation you send there with a note is recorded here, and you can document existing members from the sidebar.</p>
          </div>
        ) : sections.length === 0 ? (
          <p class="pp-empty">Nothing matches the filter.</p>
        ) : (
          <AccessList sections={sections} actions={actions} today={today} />
        )}
      </main>
      <footer class="pp-footer">
        <button type="button" class="pp-link" onClick={() => void browser.runtime.openOptionsPage()}>
          Policy and import…
        </button>
      </footer>
    </div>
  );
}

/** Shows the popup; `firstScreen` is the background's answer to access-overview. */
export function mountPopup(firstScreen: Promise<Reply<Record<string, unknown>>>): void {
  render(<Popup firstScreen={firstScreen} />, document.getElementById('app')!);
}
