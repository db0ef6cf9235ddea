// The sidebar in Debian's Chromium with the built extension, on the demo Members page served at
// Mixpanel's real address.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { LIST_DRAWN } from '../../lib/sidebar-link';
import { MEMBERS_URL, ROOT, launch, sidebar, sidebarFrame, sidebarFrameOf, type Session, unfoldSidebar, collectPageErrors } from './harness';
import { openInviteDialog, typeInviteRow, dropBulkCsv } from './members-page';

const SHOTS = join(ROOT, 'test-output');
mkdirSync(SHOTS, { recursive: true });

let session: Session;
let page: Page;
let pageErrors: string[] = [];

beforeAll(async () => {
  session = await launch();
  page = session.page;
  pageErrors = collectPageErrors(page);
});

afterAll(async () => {
  await session?.close();
});

const codes = (p: Page) => sidebar(p).locator('[data-code]').evaluateAll((els) => els.map((el) => el.getAttribute('data-code')));
const hosts = (p: Page) => p.locator('invite-guard-sidebar').count();
const finding = (p: Page, code: string) => sidebar(p).locator(`[data-code="${code}"]`);

describe('where the sidebar loads', () => {
  it('loads its frame only for Users & Teams, from its dynamic address, once per visit to the view', async () => {
    const other = await session.context.newPage();
    const loaded: string[] = [];
    other.on('framenavigated', (frame) => {
      if (frame.url().includes('/sidebar-frame.html')) loaded.push(frame.url());
    });
    try {
      await other.goto(MEMBERS_URL.replace('#users', '#overview'));
      await other.getByRole('heading', { name: 'Overview' }).first().waitFor();
      await other.waitForTimeout(500);
      expect(loaded).toEqual([]);
      await other.evaluate(() => void (window.location.hash = '#users'));
      await sidebar(other).waitFor();
      expect(loaded).toHaveLength(1);
      // The page is read once per change it makes: the view while it loads, then its list. Not again
      // for the same change of address, which WXT reports up to a second later (it polls).
      const frame = await sidebarFrameOf(other);
      await expect.poll(() => frame.locator('[data-invite-guard="toggle"]').getAttribute('title')).toMatch(/Read 36 members/);
      await other.waitForTimeout(1_500);
      expect(await frame.evaluate((name) => performance.getEntriesByName(name).length, LIST_DRAWN)).toBe(2);
      // The page sees Chrome's dynamic address for the frame, not the extension's own id, and can't
      // load the frame at that id: it can't probe for the extension.
      const src = await other.evaluate(() => document.querySelector('invite-guard-sidebar')?.shadowRoot?.querySelector('iframe')?.src ?? '');
      expect(src).toMatch(/^chrome-extension:\/\/[^/]+\/sidebar-frame\.html#[0-9a-f]{32}$/);
      expect(new URL(src).host).not.toBe(session.extensionId);
      const probe = await other.evaluate((id) => fetch(`chrome-extension://${id}/sidebar-frame.html`).then(() => 'loaded', () => 'refused'), session.extensionId!);
      expect(probe).toBe('refused');
      // The page's scripts can't look inside it: what the sidebar shows is not theirs to read.
      expect(await other.evaluate(() => document.querySelector('invite-guard-sidebar')?.shadowRoot?.querySelector('iframe')?.contentDocument ?? null)).toBeNull();
      await other.evaluate(() => void (window.location.hash = '#overview'));
      await other.locator('invite-guard-sidebar').waitFor({ state: 'detached' });
      await other.waitForTimeout(300);
      expect(loaded).toHaveLength(1);
    } finally {
      await other.close();
    }
  });
});

describe('the sidebar on the Users & Teams page', () => {
  it('mounts once, and says what it read', async () => {
    await page.goto(MEMBERS_URL);
    await unfoldSidebar(page);
    await expect.poll(() => sidebarFrame(page).locator('[data-invite-guard="page-status"]').textContent()).toMatch(/Read 36 members and 3 pending invitations/);
    await page.waitForTimeout(300);
    expect(await hosts(page)).toBe(1);
  });

  it('shows duplicate-member while the admin types a member\'s address', async () => {
    const dialog = await openInviteDialog(page);
    await typeInviteRow(page, dialog, 0, { email: 'jane.doe@acme.com', keystrokes: true });
    await finding(page, 'duplicate-member').waitFor();
    expect(await finding(page, 'duplicate-member').textContent()).toContain('Jane Doe');
  });

  it('shows personal-email, lookalike-domain and elevated-org-role, and a summary', async () => {
    const dialog = page.getByRole('dialog', { name: 'Invite New Users' });
    await typeInviteRow(page, dialog, 1, { email: 'marco.analytics@gmail.com' });
    await typeInviteRow(page, dialog, 2, { email: 'ops@acrne.com', orgRole: 'Admin' });
    await finding(page, 'lookalike-domain').waitFor();
    const seen = await codes(page);
    expect(seen).toEqual(expect.arrayContaining(['duplicate-member', 'personal-email', 'lookalike-domain', 'elevated-org-role']));
    expect(await sidebarFrame(page).locator('[data-invite-guard="summary"]').textContent()).toMatch(/\d+ blocking, \d+ to review/);
    await page.screenshot({ path: join(SHOTS, 'sidebar-with-invite-dialog.png') });
  });

  it('does not cover the dialog\'s buttons', async () => {
    const dialog = page.getByRole('dialog', { name: 'Invite New Users' });
    const invite = await dialog.getByRole('button', { name: 'Invite', exact: true }).boundingBox();
    const aside = await sidebar(page).boundingBox();
    expect(invite && aside).toBeTruthy();
    expect(invite!.x + invite!.width).toBeLessThanOrEqual(aside!.x);
  });

  it('clears the findings when the draft is fixed', async () => {
    const dialog = page.getByRole('dialog', { name: 'Invite New Users' });
    await typeInviteRow(page, dialog, 0, { email: 'li.chen@acme.com' });
    await typeInviteRow(page, dialog, 1, { email: 'marco.analytics@brightlane-agency.io' });
    await typeInviteRow(page, dialog, 2, { email: 'ops@acme.com', orgRole: 'Member' });
    await sidebar(page).locator('[data-invite-guard="note-reason"]').fill('Agency implements the Q1 tracking plan');
    await sidebar(page).locator('[data-invite-guard="note-endsOn"]').fill('2099-01-01');
    await expect.poll(() => codes(page)).not.toContain('lookalike-domain');
    const seen = await codes(page);
    for (const code of ['duplicate-member', 'personal-email', 'lookalike-domain', 'elevated-org-role', 'missing-justification']) {
      expect(seen).not.toContain(code);
    }
  });

  it('goes away on another settings tab and comes back, once, on Users & Teams', async () => {
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('link', { name: 'Projects' }).click();
    await expect.poll(() => hosts(page)).toBe(0);
    await page.getByRole('link', { name: 'Users & Teams' }).click();
    await unfoldSidebar(page);
    await page.waitForTimeout(300);
    expect(await hosts(page)).toBe(1);
  });

  it('checks pasted addresses in the manual box when no dialog is open', async () => {
    await sidebar(page).locator('[data-invite-guard="manual"]').fill('Jane Doe <jane.doe@acme.com>, kim@outlook.com');
    await finding(page, 'duplicate-member').waitFor();
    expect(await codes(page)).toEqual(expect.arrayContaining(['duplicate-member', 'personal-email']));
  });

  it('checks a Bulk invite CSV dropped on the sidebar, row by row', async () => {
    const csv = 'Email,Organization Role,Projects,Project Role\njane.doe@acme.com,Member,Production,Analyst\nkim@gmail.com,Admin,Production;Staging,Owner\n';
    await dropBulkCsv(page, sidebar(page), csv);
    await finding(page, 'production-elevated').waitFor();
    expect(await codes(page)).toEqual(expect.arrayContaining(['duplicate-member', 'personal-email', 'elevated-org-role', 'production-elevated']));
    expect(await sidebar(page).locator('[data-invite-guard="bulk"]').textContent()).toContain('bulk-invite.csv: 2 rows checked');
    await sidebar(page).getByRole('button', { name: 'Stop checking this file' }).click();
    await expect.poll(() => codes(page)).not.toContain('production-elevated');
  });

  it('is readable in dark mode', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    const colors = await sidebar(page).evaluate((el) => {
      const style = getComputedStyle(el);
      return { background: style.backgroundColor, text: style.color };
    });
    expect(colors).toEqual({ background: 'rgb(23, 26, 33)', text: 'rgb(232, 234, 240)' });
    await page.waitForTimeout(300); // button colours fade over 120 ms
    await page.screenshot({ path: join(SHOTS, 'sidebar-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('shows a member named like an XSS payload as text', async () => {
    await page.goto('https://mixpanel.com/settings/org?fixture=hostile#users');
    await unfoldSidebar(page);
    await sidebar(page).locator('[data-invite-guard="manual"]').fill('img.onerror@acme.com');
    await finding(page, 'duplicate-member').waitFor();
    expect(await finding(page, 'duplicate-member').textContent()).toContain('<img src=x onerror=alert(1)>');
    expect(await sidebar(page).locator('img').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
