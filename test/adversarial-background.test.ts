// The background worker, with WXT's fake browser, against hostile senders and hostile values: only
// the extension's own pages and its content script on Mixpanel's hosts are heard; every message
// gets a reply (no rejected promise, no crashed worker); nothing refused changes the database or
// the stored policy; a corrupted stored policy is reported, not trusted.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { IDBFactory } from 'fake-indexeddb';
import { fakeBrowser } from 'wxt/testing';
import background from '../entrypoints/background';
import { REFUSED_SENDER } from '../lib/messages';
import { arbitraryMessage, brokenMessage, hostileValue } from './arbitraries';
import { expectSameStore, snapshotStore } from './store-snapshot';

type Sender = { id?: string; url?: string };
type Reply = { ok: boolean; error?: string } & Record<string, unknown>;

const EXTENSION_ID = fakeBrowser.runtime.id;
const POPUP: Sender = { id: EXTENSION_ID, url: fakeBrowser.runtime.getURL('/popup.html') };
const OPTIONS: Sender = { id: EXTENSION_ID, url: fakeBrowser.runtime.getURL('/options.html') };
const contentScript = (url: string): Sender => ({ id: EXTENSION_ID, url });
const MIXPANEL_US = contentScript('https://mixpanel.com/settings/org#users');
const MIXPANEL_EU = contentScript('https://eu.mixpanel.com/settings/org#users');

let factory: IDBFactory;

async function send(message: unknown, sender: Sender = POPUP): Promise<Reply | undefined> {
  const replies = (await fakeBrowser.runtime.onMessage.trigger(message, sender)) as (Reply | undefined)[];
  expect(replies).toHaveLength(1);
  return replies[0];
}

/** The database and the stored policy, as stored. */
async function everything() {
  return { db: await snapshotStore(factory), local: structuredClone(await fakeBrowser.storage.local.get(null)) };
}

async function expectUnchanged(before: Awaited<ReturnType<typeof everything>>) {
  const after = await everything();
  expectSameStore(after.db, before.db);
  expect(after.local).toStrictEqual(before.local);
}

const invitation = (region: 'us' | 'eu', email = 'ops@brightlane-agency.io') => ({
  type: 'invitation-sent',
  region,
  organization: 'Acme Analytics',
  rows: [{ email, orgRole: 'member', projects: [] }],
  note: { reason: 'Tracking plan' },
});

beforeEach(async () => {
  fakeBrowser.reset();
  factory = new IDBFactory();
  vi.stubGlobal('indexedDB', factory);
  background.main();
  await fakeBrowser.storage.local.set({ policy: { maxAdmins: 4 } });
  expect(await send(invitation('us', 'lee@acme.com'))).toMatchObject({ ok: true });
  // A read runs after the reminder pass that change started, so the database is at rest.
  expect(await send({ type: 'list-records' })).toMatchObject({ ok: true });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

/** What storage.local can hold: JSON. */
function storable(value: unknown): boolean {
  try {
    JSON.stringify(value);
    return true;
  } catch {
    return false;
  }
}

describe('who may send messages', () => {
  it("hears the extension's own pages and its content script on Mixpanel's hosts", async () => {
    expect(await send({ type: 'get-policy' }, OPTIONS)).toMatchObject({ ok: true });
    expect(await send(invitation('us'), MIXPANEL_US)).toMatchObject({ ok: true });
    expect(await send(invitation('eu'), MIXPANEL_EU)).toMatchObject({ ok: true });
    expect(await send({ type: 'records-for-page', region: 'eu', organization: 'Acme Analytics' }, MIXPANEL_EU)).toMatchObject({ ok: true, records: [{ email: 'ops@brightlane-agency.io' }] });
  });

  it('ignores web pages and other extensions, and refuses its own script anywhere but Mixpanel', async () => {
    const before = await everything();
    const silent: Sender[] = [
      {},
      { url: 'https://mixpanel.com/settings/org' },
      { id: 'another-extension', url: 'chrome-extension://another-extension/popup.html' },
      { id: '', url: POPUP.url! },
      { id: EXTENSION_ID.toUpperCase(), url: POPUP.url! },
    ];
    for (const sender of silent) expect(await send(invitation('us'), sender), JSON.stringify(sender)).toBeUndefined();
    const refused: Sender[] = [
      { id: EXTENSION_ID },
      contentScript('https://evil.example/settings/org'),
      contentScript('https://mixpanel.com.evil.example/'),
      contentScript('https://evilmixpanel.com/'),
      contentScript('http://mixpanel.com/settings/org'),
      contentScript('javascript:alert(1)'),
      contentScript('data:text/html,<script>chrome.runtime.sendMessage({})</script>'),
      contentScript('file:///home/admin/mixpanel.com.html'),
      contentScript('chrome-extension://another-extension/'),
      contentScript('not a url'),
    ];
    for (const sender of refused) expect(await send(invitation('us'), sender), sender.url).toEqual({ ok: false, error: REFUSED_SENDER });
    await expectUnchanged(before);
  });

  it("lets Mixpanel's page only record and read, and only for its own region", async () => {
    const before = await everything();
    const [record] = ((await send({ type: 'list-records' })) as unknown as { records: { id: string }[] }).records;
    const forbidden = [
      { type: 'save-policy', policy: { maxAdmins: 1000 } },
      { type: 'records-import', records: [] },
      { type: 'list-records' },
      { type: 'record-revoke', id: record!.id },
      { type: 'record-extend', id: record!.id, endsOn: '2099-01-01', reason: 'x' },
      { type: 'record-snooze', id: record!.id, until: '2099-01-01' },
      { type: 'audit-reconcile', events: [] },
    ];
    for (const message of forbidden) {
      expect(await send(message, MIXPANEL_US), message.type).toEqual({ ok: false, error: `Refused: Mixpanel's page may not send "${message.type}".` });
    }
    expect(await send(invitation('us'), MIXPANEL_EU)).toEqual({ ok: false, error: "Refused: a page of Mixpanel's EU region sent a message about the US region." });
    expect(await send({ type: 'records-for-page', region: 'us', organization: 'Acme Analytics' }, MIXPANEL_EU)).toMatchObject({ ok: false });
    await expectUnchanged(before);
  });

  it('changes nothing for any message from any sender it does not hear', async () => {
    const before = await everything();
    const stranger = fc.oneof(
      fc.record({ id: fc.oneof(fc.string(), fc.constant(undefined)), url: fc.oneof(fc.webUrl(), fc.string(), fc.constant(POPUP.url)) }, { requiredKeys: [] }).filter((s) => s.id !== EXTENSION_ID),
      fc.oneof(fc.webUrl({ validSchemes: ['https', 'http', 'ftp', 'ws'] }), fc.string()).filter((url) => !/^https:\/\/((eu|in|www)\.)?mixpanel\.com(?=[/:?#]|$)/i.test(url) && !url.startsWith(POPUP.url!.slice(0, -'popup.html'.length))).map(contentScript),
    );
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(stranger, arbitraryMessage, async (sender, message) => {
        runs++;
        const reply = await send(message, sender);
        if (reply !== undefined) expect(reply).toEqual({ ok: false, error: REFUSED_SENDER });
        await expectUnchanged(before);
      }),
      { numRuns: 200 },
    );
    expect(runs).toBe(200);
  });
});

describe('hostile values from a trusted page', () => {
  it('answers each with a reply, never a rejected promise, and changes nothing', async () => {
    const before = await everything();
    for (const value of [null, undefined, 0, '', [], {}, Number.NaN, { type: null }, JSON.parse('{"__proto__": {"type": "list-records"}}') as unknown]) {
      const reply = await send(value);
      expect(reply, String(value)).toEqual({ ok: false, error: expect.stringMatching(/^Invalid message: /) });
    }
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileValue, brokenMessage.map((b) => b.message)), fc.constantFrom(POPUP, OPTIONS, MIXPANEL_US), async (value, sender) => {
        const reply = await send(value, sender);
        expect(reply).toMatchObject({ ok: expect.any(Boolean) });
        if (!reply!.ok) expect(reply!.error).toMatch(/^(Invalid message: |Refused: |The policy was not saved: )/);
        await expectUnchanged(before);
      }),
      { numRuns: 300 },
    );
    // The worker still works.
    expect(await send(invitation('eu'))).toMatchObject({ ok: true });
  });

  it('reports a corrupted stored policy and works on with the defaults', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileValue.filter(storable), fc.jsonValue()), async (stored) => {
        await fakeBrowser.storage.local.set({ policy: stored });
        const reply = await send({ type: 'get-policy' });
        expect(reply).toMatchObject({ ok: true, policy: { maxAdmins: expect.any(Number) } });
        const kept = (await fakeBrowser.storage.local.get('policy')).policy as unknown;
        // Unless the stored value happens to be a valid policy, it is reported and not used.
        if (kept !== undefined && kept !== null) {
          const { problems } = reply as unknown as { problems: string[] };
          if (problems.length) expect(problems[0]).toMatch(/^The saved policy is invalid and was ignored: /);
        }
      }),
      { numRuns: 150 },
    );
    await fakeBrowser.storage.local.set({ policy: { maxAdmins: 'many', __proto__: { maxAdmins: 0 } } });
    expect(await send({ type: 'get-policy' })).toMatchObject({ ok: true, policy: { maxAdmins: 5 }, problems: [expect.stringContaining('Most owners and admins')] });
    expect(await send(invitation('eu'))).toMatchObject({ ok: true });
  });
});
