// The popup lists the access recorded on the demo page and exports it in one click.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { MEMBERS_URL, ROOT, isoDateIn, launch, sidebar, sidebarFrame, type Session } from './harness';
import { openInviteDialog, typeInviteRow } from './members-page';
import { parseCsv } from '../../lib/csv';
import { parseExport, toJson } from '../../lib/export';
import { newRecord } from '../../lib/records';

let session: Session;
let members: Page;
let popup: Page;

beforeAll(async () => {
  session = await launch({ viewport: { width: 1440, height: 900 } });
  members = session.page;
});

afterAll(async () => {
  await session?.close();
});

describe('the popup', () => {
  it('explains how records appear when there are none', async () => {
    popup = await session.context.newPage();
    await popup.setViewportSize({ width: 400, height: 600 });
    await popup.goto(`chrome-extension://${session.extensionId}/popup.html`);
    await expect.poll(() => popup.locator('[data-invite-guard="popup-empty"]').textContent()).toContain('No access recorded yet');
  });

  it('lists what was invited on the Members page, ending soon first', async () => {
    await members.bringToFront();
    await members.goto(MEMBERS_URL);
    await sidebar(members).waitFor();
    const dialog = await openInviteDialog(members);
    await typeInviteRow(members, dialog, 0, { email: 'ops@brightlane-agency.io', projects: ['Staging'], projectRole: 'Analyst' });
    await typeInviteRow(members, dialog, 1, { email: 'lee@acme.com' });
    await sidebar(members).locator('[data-invite-guard="note-reason"]').fill('Implements the Q1 tracking plan, "phase 1", with =SUM(A1) in it');
    await sidebar(members).locator('[data-invite-guard="note-endsOn"]').fill(isoDateIn(6));
    await dialog.getByRole('button', { name: 'Invite', exact: true }).click();
    await expect.poll(() => sidebarFrame(members).locator('[data-invite-guard="save-status"]').textContent()).toContain('Saved the note for 2 invitations');

    await popup.bringToFront();
    await popup.reload();
    const attention = popup.locator('[data-section="attention"]');
    await attention.waitFor();
    expect(await attention.textContent()).toContain('ops@brightlane-agency.io');
    expect(await attention.textContent()).toContain('Ends in 6 days');
    await attention.locator('summary').first().click();
    await popup.screenshot({ path: join(ROOT, 'test-output/popup.png') });
  });

  it('exports the whole access log as CSV in one click, safe for spreadsheets', async () => {
    const [download] = await Promise.all([popup.waitForEvent('download'), popup.locator('[data-invite-guard="export-csv"]').click()]);
    expect(download.suggestedFilename()).toMatch(/^invite-guard-access-log-acme-analytics-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = parseCsv(readFileSync((await download.path())!, 'utf8'));
    expect(rows).toHaveLength(3);
    const header = rows[0]!;
    const ops = rows.find((r) => r.includes('ops@brightlane-agency.io'))!;
    expect(ops[header.indexOf('reason')]).toBe('Implements the Q1 tracking plan, "phase 1", with =SUM(A1) in it');
  });

  it('exports JSON that reads back with every record and its history', async () => {
    await popup.locator('.pp-menu summary').click();
    const [download] = await Promise.all([popup.waitForEvent('download'), popup.locator('[data-invite-guard="export-json"]').click()]);
    const result = parseExport(readFileSync((await download.path())!, 'utf8'));
    expect(result.ok).toBe(true);
    expect(result.records.map((r) => r.email).sort()).toEqual(['lee@acme.com', 'ops@brightlane-agency.io']);
    expect(result.records.every((r) => r.history[0]!.type === 'invited')).toBe(true);
  });

  it('extends access with a new reason', async () => {
    expect(await popup.locator('.pp-menu').getAttribute('open')).toBeNull(); // closed after the choice
    const item = popup.locator('[data-section="attention"] .al-item', { hasText: 'ops@brightlane-agency.io' });
    if ((await item.locator('details').getAttribute('open')) === null) await item.locator('summary').click();
    await item.getByRole('button', { name: 'Extend…' }).click();
    await item.getByLabel('New end date').fill(isoDateIn(45));
    await item.getByLabel('Why it is extended').fill('SOW-2026-09 signed');
    await item.getByRole('button', { name: 'Extend', exact: true }).click();
    const text = (selector: string) => popup.locator(selector).textContent({ timeout: 1000 }).catch(() => '');
    await expect.poll(() => text('[data-invite-guard="popup-message"]')).toContain(`to ${isoDateIn(45)}`);
    // No longer ending soon: it moves to the pending invitations (not accepted yet).
    await expect.poll(() => text('[data-section="pending"]')).toContain('ops@brightlane-agency.io');
    expect(await text('[data-section="attention"]')).not.toContain('ops@brightlane-agency.io');
  });

  it('shows the first ten of each section first, with the section\'s full count, then all of them', async () => {
    const now = new Date();
    const invited = Array.from({ length: 15 }, (_, i) =>
      newRecord({ id: `first-screen-${i}`, email: `analyst.${i}@brightlane-agency.io`, orgRole: 'member', projects: [], note: { reason: 'Dashboards' }, region: 'us', organization: 'Acme Analytics' }, now),
    );
    const records = JSON.parse(toJson(invited, now)).records as unknown[];
    type Runtime = { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean }> } };
    const reply = await popup.evaluate((r) => (globalThis as unknown as { chrome: Runtime }).chrome.runtime.sendMessage({ type: 'records-import', records: r }), records);
    expect(reply.ok).toBe(true);

    const next = await session.context.newPage();
    await next.setViewportSize({ width: 400, height: 600 });
    // What the popup draws first, caught as it appears in the DOM.
    await next.addInitScript(() => {
      new MutationObserver((_, observer) => {
        const section = document.querySelector('[data-section="pending"]');
        if (!section?.querySelector('[data-record]')) return;
        (window as unknown as { first: unknown }).first = { items: section.querySelectorAll('[data-record]').length, count: section.querySelector('.al-count')?.textContent };
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
    });
    await next.goto(`chrome-extension://${session.extensionId}/popup.html`);
    const pending = next.locator('[data-section="pending"]');
    // The 15 and the invitations sent above that are still pending: all of them, once the list is in.
    await expect.poll(() => pending.locator('[data-record]').count()).toBeGreaterThan(15);
    const total = await pending.locator('[data-record]').count();
    expect(await pending.locator('.al-count').textContent()).toBe(String(total));
    expect(await next.evaluate(() => (window as unknown as { first: unknown }).first)).toEqual({ items: 10, count: String(total) });
    await next.close();
  });
});
