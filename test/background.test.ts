// The background worker with WXT's fake browser and fake-indexeddb: message routing, the sweep
// alarm, notifications and the badge.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { fakeBrowser } from 'wxt/testing';
import background from '../entrypoints/background';

const place = { region: 'eu' as const, organization: 'Acme Analytics' };
// The popup: one of the extension's own pages.
const self = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') };

function isoDateIn(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

async function send(message: unknown, sender: { id?: string; url?: string } = self): Promise<Record<string, unknown> | undefined> {
  const [reply] = (await fakeBrowser.runtime.onMessage.trigger(message, sender)) as (Record<string, unknown> | undefined)[];
  return reply;
}

const invitation = (email: string, endsOn?: string) => ({
  type: 'invitation-sent',
  ...place,
  invitedBy: 'dana.whitfield@acme.com',
  rows: [{ email, orgRole: 'member', projects: [{ name: 'Staging', role: 'analyst' }] }],
  note: { reason: 'Tracking plan', ...(endsOn ? { endsOn } : {}) },
});

beforeEach(() => {
  fakeBrowser.reset();
  // A new, empty IndexedDB for every test, as for a new browser profile.
  vi.stubGlobal('indexedDB', new IDBFactory());
  background.main();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the background worker', () => {
  it('creates one periodic sweep alarm at start', async () => {
    const alarms = await fakeBrowser.alarms.getAll();
    expect(alarms).toEqual([expect.objectContaining({ name: 'invite-guard-sweep', periodInMinutes: 30 })]);
  });

  it('records an invitation and lists it for the page', async () => {
    expect(await send(invitation('ops@brightlane-agency.io'))).toMatchObject({ ok: true, ids: [expect.any(String)] });
    const reply = await send({ type: 'records-for-page', ...place });
    expect(reply).toMatchObject({ ok: true, records: [{ email: 'ops@brightlane-agency.io', reason: 'Tracking plan', pageState: 'pending' }] });
    expect(await send({ type: 'records-for-page', region: 'us', organization: 'Acme Analytics' })).toMatchObject({ ok: true, records: [] });
  });

  it('answers an invalid message with a clear error and changes nothing', async () => {
    expect(await send({ type: 'invitation-sent', ...place, rows: [{ email: 'nobody', orgRole: 'member', projects: [] }], note: {} })).toEqual({
      ok: false,
      error: 'Invalid message: rows.0.email: must be an email address',
    });
    expect(await send({ type: 'list-records' })).toMatchObject({ ok: true, records: [] });
  });

  it('ignores messages from anyone but the extension itself', async () => {
    expect(await send(invitation('ops@brightlane-agency.io'), { id: 'another-extension' })).toBeUndefined();
    expect(await send({ type: 'list-records' })).toMatchObject({ records: [] });
  });

  it('notices on the page that an invitation was accepted', async () => {
    await send(invitation('ops@brightlane-agency.io'));
    const observed = await send({ type: 'page-observed', ...place, members: [{ email: 'ops@brightlane-agency.io', orgRole: 'member' }], pending: [], complete: true });
    expect(observed).toEqual({ ok: true, changed: 1 });
    const list = await send({ type: 'list-records' });
    const [record] = list!.records as Array<{ pageState: string; status: string; history: { type: string }[] }>;
    expect(record).toMatchObject({ pageState: 'member', status: 'active' });
    expect(record!.history.map((e) => e.type)).toEqual(['invited', 'accepted']);
  });

  it('documents existing access, and edits that note without losing the old one', async () => {
    const first = await send({ type: 'note-save', ...place, email: 'jane.doe@acme.com', orgRole: 'admin', pageState: 'member', note: { reason: 'Runs SSO' } });
    expect(first).toMatchObject({ ok: true, record: { email: 'jane.doe@acme.com', orgRole: 'admin', reason: 'Runs SSO', pageState: 'member' } });
    await send({ type: 'note-save', ...place, email: 'Jane.Doe@acme.com', note: { reason: 'Runs SSO and SCIM', endsOn: isoDateIn(60) } });
    const list = await send({ type: 'list-records' });
    const records = list!.records as Array<{ reason: string; history: { type: string; detail?: string }[] }>;
    expect(records).toHaveLength(1);
    expect(records[0]!.reason).toBe('Runs SSO and SCIM');
    expect(records[0]!.history.at(-1)!.detail).toContain('Reason: Runs SSO → Runs SSO and SCIM');
  });

  it('raises a due reminder once as a notification, and counts it on the badge', async () => {
    await send(invitation('ops@brightlane-agency.io', isoDateIn(5)));
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'invite-guard-sweep', scheduledTime: Date.now() });
    await vi.waitFor(async () => {
      const shown = await fakeBrowser.notifications.getAll();
      expect(Object.keys(shown)).toEqual([expect.stringMatching(/^eu\|.+:ending:/)]);
    });
    const shown = (await fakeBrowser.notifications.getAll()) as Record<string, { message: string }>;
    expect(Object.values(shown)[0]!.message).toContain('ops@brightlane-agency.io');
    await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe('1'));

    await fakeBrowser.notifications.clear(Object.keys(shown)[0]!);
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'invite-guard-sweep', scheduledTime: Date.now() });
    await new Promise((done) => setTimeout(done, 50));
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
  });

  it('sums up many due reminders in one notification that opens the popup', async () => {
    const emails = Array.from({ length: 5 }, (_, i) => `ops.${i}@brightlane-agency.io`);
    await send({ ...invitation(emails[0]!, isoDateIn(5)), rows: emails.map((email) => ({ email, orgRole: 'member', projects: [] })) });
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'invite-guard-sweep', scheduledTime: Date.now() });
    await vi.waitFor(async () => expect(Object.keys(await fakeBrowser.notifications.getAll())).toEqual([expect.stringMatching(/^summary\|/)]));
    const [[id, shown]] = Object.entries((await fakeBrowser.notifications.getAll()) as Record<string, { title: string; message: string }>) as [[string, { title: string; message: string }]];
    expect(shown).toMatchObject({ title: '5 access reminders', message: '5 grants ending soon. Open Invite Guard to review them.' });
    await fakeBrowser.notifications.onClicked.trigger(id);
    expect((await fakeBrowser.tabs.query({})).map((t) => t.url)).toContain(fakeBrowser.runtime.getURL('/popup.html'));
  });

  it('serves the policy, saves a valid one and refuses an invalid one', async () => {
    expect(await send({ type: 'get-policy' })).toMatchObject({ ok: true, policy: { maxAdmins: 5 }, locked: [], problems: [] });
    expect(await send({ type: 'save-policy', policy: { allowedDomains: ['Acme.com'], maxAdmins: 3 } })).toEqual({ ok: true });
    expect(await send({ type: 'get-policy' })).toMatchObject({ ok: true, policy: { allowedDomains: ['acme.com'], maxAdmins: 3 } });
    expect(await send({ type: 'save-policy', policy: { maxAdmins: 0 } })).toEqual({
      ok: false,
      error: 'The policy was not saved: Most owners and admins: must be at least 1',
    });
    expect(await send({ type: 'get-policy' })).toMatchObject({ policy: { maxAdmins: 3 } });
  });

  it('applies the saved policy to what it records', async () => {
    await send({ type: 'save-policy', policy: { reminderLeadDays: [30] } });
    await send(invitation('ops@brightlane-agency.io', isoDateIn(25)));
    await send({ type: 'page-observed', ...place, members: [{ email: 'ops@brightlane-agency.io' }], pending: [], complete: true });
    const list = await send({ type: 'list-records' });
    expect((list!.records as Array<{ status: string }>)[0]!.status).toBe('expiring');
  });

  it('extends, snoozes and revokes a record, each leaving an event', async () => {
    const { ids } = (await send(invitation('ops@brightlane-agency.io', isoDateIn(5)))) as { ids: string[] };
    const id = ids[0]!;
    expect(await send({ type: 'record-extend', id, endsOn: isoDateIn(40), reason: 'SOW extended' })).toMatchObject({ ok: true, record: { endsOn: isoDateIn(40), reason: 'SOW extended' } });
    expect(await send({ type: 'record-extend', id, endsOn: isoDateIn(40), reason: ' ' })).toMatchObject({ ok: false, error: 'Invalid message: reason: must say why the access is extended' });
    expect(await send({ type: 'record-snooze', id, until: '2027-02-30' })).toEqual({ ok: false, error: 'Invalid message: until: must be a calendar date (YYYY-MM-DD)' });
    expect(await send({ type: 'record-snooze', id, until: isoDateIn(7) })).toMatchObject({ ok: true, record: { snoozedUntil: isoDateIn(7) } });
    expect(await send({ type: 'record-revoke', id })).toMatchObject({ ok: true, record: { status: 'revoked' } });
    const list = await send({ type: 'list-records' });
    const history = (list!.records as Array<{ history: { type: string }[] }>)[0]!.history.map((e) => e.type);
    expect(history.filter((t) => t !== 'reminded')).toEqual(['invited', 'note-edited', 'snoozed', 'revoked']);
    expect(await send({ type: 'record-revoke', id: 'no-such-record' })).toMatchObject({ ok: false });
  });

  it('runs a reminder pass after a change, not after a read', async () => {
    // The start-up pass (still opening the database when the test begins) sets the badge once.
    const badge = vi.spyOn(fakeBrowser.action, 'setBadgeText');
    await vi.waitFor(() => expect(badge).toHaveBeenCalledOnce());
    badge.mockClear();
    await send({ type: 'list-records' });
    await send({ type: 'get-policy' });
    await send({ type: 'page-observed', ...place, members: [], pending: [], complete: true });
    // As JSON text, the way the extension's own pages and content script send messages.
    await send({ json: JSON.stringify({ type: 'records-for-page', ...place }) });
    await new Promise((done) => setTimeout(done, 50));
    expect(badge).not.toHaveBeenCalled();
    await send(invitation('ops@brightlane-agency.io'));
    await vi.waitFor(() => expect(badge).toHaveBeenCalled());
  });

  it('opens the Members page of the reminder\'s region when a notification is clicked', async () => {
    await fakeBrowser.notifications.onClicked.trigger('eu|some-record:ending:2026-12-01:7');
    const tabs = await fakeBrowser.tabs.query({});
    expect(tabs.map((t) => t.url)).toContain('https://eu.mixpanel.com/settings/org#users');
  });

  it('reads messages sent as JSON text like any other, and refuses text that is not a message', async () => {
    expect(await send({ json: JSON.stringify(invitation('ops@brightlane-agency.io')) })).toMatchObject({ ok: true, ids: [expect.any(String)] });
    expect(await send({ json: JSON.stringify({ type: 'records-for-page', ...place }) })).toMatchObject({ ok: true, records: [{ email: 'ops@brightlane-agency.io' }] });
    expect(await send({ json: '{"type": "list-records"' })).toMatchObject({ ok: false, error: expect.stringMatching(/^Invalid message: /) });
    expect(await send({ json: JSON.stringify({ type: 'records-import', records: 'all' }) })).toMatchObject({ ok: false, error: expect.stringMatching(/^Invalid message: records/) });
  });
});
