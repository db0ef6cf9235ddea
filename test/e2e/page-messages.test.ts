// A script on the Mixpanel page cannot talk to Invite Guard: messages it posts shaped like the
// extension's own change nothing, and the extension's messaging is not exposed to the page.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { EXTENSION_DIR, MEMBERS_URL, isoDateIn, launch, sidebar, type Session, unfoldSidebar } from './harness';

let session: Session;
let page: Page;

beforeAll(async () => {
  session = await launch();
  page = session.page;
});

afterAll(async () => {
  await session?.close();
});

const place = { region: 'us', organization: 'Acme Analytics' };
// One of each message that writes, as the content script and the extension pages send them.
const FORGED = [
  {
    type: 'invitation-sent',
    ...place,
    rows: [{ email: 'attacker@evil.example', orgRole: 'owner', projects: [{ name: 'Production', role: 'owner' }] }],
    note: { reason: 'forged', endsOn: isoDateIn(400) },
  },
  { type: 'note-save', ...place, email: 'attacker@evil.example', orgRole: 'owner', pageState: 'member', note: { reason: 'forged' } },
  { type: 'page-observed', ...place, members: [{ email: 'attacker@evil.example' }], pending: [], complete: true },
  { type: 'save-policy', policy: { allowedDomains: ['evil.example'], personalEmail: 'warn', justification: 'never' } },
  { type: 'records-import', records: [{ id: 'forged-1', email: 'attacker@evil.example' }] },
  { type: 'record-revoke', id: 'anything' },
];

async function forgeFromPage(target: Page): Promise<void> {
  await target.evaluate((messages) => {
    for (const message of messages) {
      window.postMessage(message, '*');
      window.postMessage(JSON.stringify(message), '*');
      // The shapes other extensions' bridges use, just in case.
      window.postMessage({ source: 'invite-guard', message }, '*');
      document.dispatchEvent(new CustomEvent('invite-guard', { detail: message }));
    }
  }, FORGED);
}

describe('messages from the page', () => {
  it('have no way in: the extension offers the page no runtime messaging', async () => {
    await page.goto(MEMBERS_URL);
    await sidebar(page).waitFor();
    const exposed = await page.evaluate(() => {
      const runtime = (window as unknown as { chrome?: { runtime?: { sendMessage?: unknown; connect?: unknown } } }).chrome?.runtime;
      return { sendMessage: typeof runtime?.sendMessage, connect: typeof runtime?.connect };
    });
    expect(exposed).toEqual({ sendMessage: 'undefined', connect: 'undefined' });
  });

  it('are not listened to: the built content script\'s one message listener is WXT\'s restart signal', () => {
    const dir = join(EXTENSION_DIR, 'content-scripts');
    const code = readdirSync(dir)
      .filter((name) => name.endsWith('.js'))
      .map((name) => readFileSync(join(dir, name), 'utf8'))
      .join('\n');
    expect(code.length).toBeGreaterThan(0);
    expect(code.match(/\bonmessage\s*=|addEventListener\(\s*["'`]invite-guard["'`]/g)).toBeNull();
    // WXT's content-script context listens for "a newer copy of this script started" (after an
    // update) and then stops this one; it reads nothing else from the message.
    const listeners = [...code.matchAll(/addEventListener\(\s*["'`]message["'`]/g)];
    expect(listeners).toHaveLength(1);
    const before = code.slice(Math.max(0, listeners[0]!.index - 600), listeners[0]!.index);
    expect(before).toMatch(/contentScriptName/);
    expect(before).toMatch(/notifyInvalidated\(\)/);
  });

  it('posted in the shape of the extension\'s own change nothing: no record, no policy', async () => {
    await forgeFromPage(page);
    // The page keeps working and the sidebar is still checking with the default policy.
    await unfoldSidebar(page);
    await sidebar(page).locator('[data-invite-guard="manual"]').fill('kim@gmail.com');
    await sidebar(page).locator('[data-code="personal-email"][data-severity="warn"]').waitFor();
    await forgeFromPage(page);

    const popup = await session.context.newPage();
    await popup.goto(`chrome-extension://${session.extensionId}/popup.html`);
    await popup.locator('[data-invite-guard="popup-empty"]').waitFor();
    expect(await popup.locator('.al-item').count()).toBe(0);

    await popup.goto(`chrome-extension://${session.extensionId}/options.html`);
    await popup.waitForFunction(() => document.querySelector<HTMLTextAreaElement>('#policy-personalDomains')?.value.includes('gmail.com'));
    expect(await popup.getByLabel('Allowed domains').inputValue()).toBe('');
    expect(await popup.getByLabel('A reason or ticket is required').inputValue()).toBe('elevated');
    await popup.close();
  });
});
