// Inviting on the demo page leaves a record in the background's IndexedDB that survives a restart
// of the service worker, a reminder that is due raises a notification, and many raise one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Worker } from 'playwright-core';
import { MEMBERS_URL, isoDateIn, launch, sidebar, sidebarFrame, type Session, unfoldSidebar } from './harness';
import { openInviteDialog, typeInviteRow } from './members-page';
import { toJson } from '../../lib/export';
import { newRecord } from '../../lib/records';

let session: Session;
let page: Page;

beforeAll(async () => {
  session = await launch();
  page = session.page;
});

afterAll(async () => {
  await session?.close();
});

async function worker(): Promise<Worker> {
  const existing = session.context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${session.extensionId}/`));
  return existing ?? session.context.waitForEvent('serviceworker', { timeout: 15_000 });
}

/** Everything in the records store, read inside the extension's own origin. */
async function storedRecords(): Promise<Array<Record<string, unknown>>> {
  return (await worker()).evaluate(
    () =>
      new Promise<Array<Record<string, unknown>>>((resolve, reject) => {
        const open = indexedDB.open('invite-guard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('records').objectStore('records').getAll();
          request.onsuccess = () => {
            resolve(request.result as Array<Record<string, unknown>>);
            open.result.close();
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );
}

describe('the access log', () => {
  const endsOn = isoDateIn(5);

  it('records an invitation sent on the page, with its note', async () => {
    await page.goto(MEMBERS_URL);
    await sidebar(page).waitFor();
    const dialog = await openInviteDialog(page);
    await typeInviteRow(page, dialog, 0, { email: 'ops@brightlane-agency.io', projects: ['Staging'], projectRole: 'Analyst' });
    await sidebar(page).locator('[data-invite-guard="note-reason"]').fill('Implements the Q1 tracking plan');
    await sidebar(page).locator('[data-invite-guard="note-ticket"]').fill('SOW-2026-07');
    await sidebar(page).locator('[data-invite-guard="note-endsOn"]').fill(endsOn);
    await dialog.getByRole('button', { name: 'Invite', exact: true }).click();
    await expect.poll(() => sidebarFrame(page).locator('[data-invite-guard="save-status"]').textContent()).toContain('Saved the note for 1 invitation');

    const records = await storedRecords();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      email: 'ops@brightlane-agency.io',
      orgRole: 'member',
      projects: [{ name: 'Staging', role: 'analyst' }],
      reason: 'Implements the Q1 tracking plan',
      ticket: 'SOW-2026-07',
      endsOn,
      invitedBy: 'dana.whitfield@acme.com',
      organization: 'Acme Analytics',
      region: 'us',
      pageState: 'pending',
    });
  });

  it('raises the reminder that is due as a notification', async () => {
    const titles = async () =>
      (await worker()).evaluate(async () => {
        const api = (globalThis as unknown as { chrome: { notifications: { getAll(): Promise<Record<string, unknown>> } } }).chrome;
        return Object.keys(await api.notifications.getAll());
      });
    await expect.poll(titles, { timeout: 15_000 }).toEqual([expect.stringMatching(/^us\|.+:ending:/)]);
  });

  it('keeps the record when the service worker is stopped and started again', async () => {
    const cdp = await session.context.newCDPSession(page);
    const statuses: string[] = [];
    cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
      for (const version of event.versions) if (version.scriptURL.endsWith('/background.js')) statuses.push(version.runningStatus);
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await expect.poll(() => statuses, { timeout: 10_000 }).toContain('stopped');

    // Leaving Users & Teams and coming back mounts a new sidebar, which asks the background for
    // the notes: a new worker starts and reads them from IndexedDB.
    await page.getByRole('link', { name: 'Projects' }).click();
    await expect.poll(() => page.locator('invite-guard-sidebar').count()).toBe(0);
    await page.getByRole('link', { name: 'Users & Teams' }).click();
    await unfoldSidebar(page);
    await expect.poll(() => statuses.lastIndexOf('running') > statuses.indexOf('stopped'), { timeout: 10_000 }).toBe(true);
    await sidebar(page).locator('[data-invite-guard="existing-search"]').fill('ops@brightlane');
    const person = sidebar(page).locator('[data-invite-guard="existing-person"]').first();
    await expect.poll(() => person.textContent()).toContain('has a note');
    await person.click();
    expect(await sidebar(page).locator('[data-invite-guard="existing-note-reason"]').inputValue()).toBe('Implements the Q1 tracking plan');
    expect(await sidebar(page).locator('[data-invite-guard="existing-note-ticket"]').inputValue()).toBe('SOW-2026-07');
    expect(await sidebar(page).locator('[data-invite-guard="existing-note-endsOn"]').inputValue()).toBe(endsOn);
  });

  it('sums up many reminders due at once in one notification', async () => {
    // An imported log of twenty grants that all end in three days: one notification, not twenty.
    const now = new Date();
    const ending = Array.from({ length: 20 }, (_, i) =>
      newRecord(
        { id: `ending-${i}`, email: `contractor.${i}@brightlane-agency.io`, orgRole: 'member', projects: [], note: { reason: 'Audit', endsOn: isoDateIn(3) }, region: 'us', organization: 'Acme Analytics' },
        now,
      ),
    );
    const options = await session.context.newPage();
    await options.goto(`chrome-extension://${session.extensionId}/options.html`);
    type Runtime = { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean }> } };
    const records = JSON.parse(toJson(ending, now)).records as unknown[];
    expect(await options.evaluate((r) => (globalThis as unknown as { chrome: Runtime }).chrome.runtime.sendMessage({ type: 'records-import', records: r }), records)).toMatchObject({ ok: true });
    const ids = async () =>
      (await worker()).evaluate(async () => {
        const api = (globalThis as unknown as { chrome: { notifications: { getAll(): Promise<Record<string, unknown>> } } }).chrome;
        return Object.keys(await api.notifications.getAll());
      });
    await expect.poll(async () => (await ids()).filter((id) => id.startsWith('summary|')), { timeout: 15_000 }).toHaveLength(1);
    expect((await ids()).filter((id) => id.startsWith('us|ending-'))).toEqual([]); // none of the twenty on its own
    await options.close();
  });
});
