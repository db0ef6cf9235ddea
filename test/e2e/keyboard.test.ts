// Keyboard only: an admin reaches and uses every control of the sidebar, the popup and the options
// page with Tab, Shift+Tab, Enter, Space, Escape, arrows and typing, and always sees where focus is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileChooser, Page } from 'playwright-core';
import { MEMBERS_URL, isoDateIn, launch, sidebar, sidebarFrame, sidebarFrameOf, type Session } from './harness';
import { SEEDED, importSeededRecords } from './access-records';

let session: Session;
let page: Page;

beforeAll(async () => {
  session = await launch();
  page = session.page;
});

afterAll(async () => {
  await session?.close();
});

interface Focused {
  tag: string;
  /** data-invite-guard, data-action or id: what the tests look for. */
  key: string;
  /** The accessible-ish name: aria-label, the wrapping label's text, or the text. */
  name: string;
  inSidebar: boolean;
  /**
   * :focus-visible matches (for a date field, :focus-within: Chromium drops :focus-visible while
   * Tab walks its parts and calendar button) and an outline or box-shadow shows it, on the control
   * or its label.
   */
  visible: boolean;
}

/** The focused element of a document, looking through open shadow roots; null when focus is on the body. */
function focusIn(inSidebar: boolean): Focused | null {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  if (!(el instanceof HTMLElement) || el === document.body) return null;
  const ring = (e: Element) => {
    const style = getComputedStyle(e);
    return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
  };
  const label = el.closest('label');
  const text = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim().slice(0, 80);
  return {
    tag: el.localName,
    key: el.getAttribute('data-invite-guard') ?? el.getAttribute('data-action') ?? el.id,
    name: text(el.getAttribute('aria-label') ?? label?.textContent ?? el.textContent),
    inSidebar,
    visible: (el.matches(':focus-visible') || el.matches('input[type="date"]:focus-within')) && (ring(el) || (label !== null && ring(label))),
  };
}

/** The focused element: on the page, or inside the sidebar's frame when the page's focus is on it. */
async function focused(target: Page): Promise<Focused | null> {
  const onFrame = await target.evaluate(() => {
    const host = document.activeElement;
    return host?.localName === 'invite-guard-sidebar' && host.shadowRoot?.activeElement?.localName === 'iframe';
  });
  if (!onFrame) return target.evaluate(focusIn, false);
  return (await sidebarFrameOf(target)).evaluate(focusIn, true);
}

const describeStop = (f: Focused | null) => (f ? `${f.tag}[${f.key}] "${f.name}"${f.visible ? '' : ' (no visible focus)'}` : '(body)');

/**
 * Presses Tab (or Shift+Tab) until `wanted` is focused. Every stop on Invite Guard's own UI (the
 * sidebar, or the whole extension page) must show its focus.
 */
async function tabTo(target: Page, wanted: (f: Focused) => boolean, options: { back?: boolean; max?: number; ours?: (f: Focused) => boolean } = {}): Promise<Focused> {
  const trail: string[] = [];
  const ours = options.ours ?? (() => true);
  for (let i = 0; i < (options.max ?? 60); i++) {
    await target.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
    const f = await focused(target);
    trail.push(describeStop(f));
    if (f && ours(f)) expect(f.visible, `focus is visible on ${describeStop(f)}`).toBe(true);
    if (f && wanted(f)) return f;
  }
  throw new Error(`Not reached with ${options.back ? 'Shift+Tab' : 'Tab'}. Stops:\n${trail.join('\n')}`);
}

const byKey = (key: string) => (f: Focused) => f.key === key;
const byName = (name: string | RegExp) => (f: Focused) => (typeof name === 'string' ? f.name === name : name.test(f.name));
const inSidebar = (f: Focused) => f.inSidebar;

/** Types a YYYY-MM-DD date into a focused date field, in the order the browser's locale shows it. */
async function typeDate(target: Page, iso: string): Promise<void> {
  const order = await target.evaluate(() =>
    new Intl.DateTimeFormat(navigator.language, { year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(new Date(2000, 10, 22))
      .map((p) => p.type)
      .filter((t) => t === 'year' || t === 'month' || t === 'day'),
  );
  const [year, month, day] = iso.split('-') as [string, string, string];
  const parts: Record<string, string> = { year, month, day };
  for (const part of order) await target.keyboard.type(parts[part]!);
}

const text = (target: Page, selector: string) => target.locator(selector).textContent({ timeout: 1000 }).catch(() => '');
const sidebarText = (target: Page, key: string) => sidebarFrame(target).locator(`[data-invite-guard="${key}"]`).textContent({ timeout: 1000 }).catch(() => '');

describe('the sidebar, by keyboard', () => {
  const field = (key: string) => sidebar(page).locator(`[data-invite-guard="${key}"]`);

  it('jumps into the sidebar with Alt+Shift+G and checks typed addresses with the roles picked by arrows', async () => {
    await page.goto(MEMBERS_URL);
    await sidebar(page).waitFor();
    await page.keyboard.press('Alt+Shift+G');
    expect(await focused(page)).toMatchObject({ key: 'manual', inSidebar: true, visible: true });
    await page.keyboard.type('jane.doe@acme.com, kim@gmail.com');
    await sidebar(page).locator('[data-code="duplicate-member"]').waitFor();

    await tabTo(page, byKey('manual-org-role'));
    await page.keyboard.press('ArrowUp'); // member → billing admin
    await page.keyboard.press('ArrowUp'); // → admin
    expect(await field('manual-org-role').inputValue()).toBe('admin');
    await sidebar(page).locator('[data-code="elevated-org-role"]').waitFor();
    await tabTo(page, byKey('manual-project-role'));
    await page.keyboard.press('ArrowUp'); // consumer → analyst
    expect(await field('manual-project-role').inputValue()).toBe('analyst');
    await tabTo(page, byKey('manual-projects'));
    await page.keyboard.type('Production');
    expect(await field('manual-projects').inputValue()).toBe('Production');
  });

  it('fills every note field with the keyboard', async () => {
    await tabTo(page, byKey('note-reason'));
    await page.keyboard.type('Agency builds the Q1 tracking plan');
    await tabTo(page, byKey('note-ticket'));
    await page.keyboard.type('SOW-2026-07');
    await tabTo(page, byKey('note-approver'));
    await page.keyboard.type('dana.whitfield@acme.com');
    await tabTo(page, byKey('note-endsOn'));
    await typeDate(page, isoDateIn(30));
    expect(await field('note-endsOn').inputValue()).toBe(isoDateIn(30));
    expect(await field('note-reason').inputValue()).toBe('Agency builds the Q1 tracking plan');
    expect(await field('note-ticket').inputValue()).toBe('SOW-2026-07');
    expect(await field('note-approver').inputValue()).toBe('dana.whitfield@acme.com');
  });

  it('opens the Bulk invite file picker with Space, and stops checking the file with Enter', async () => {
    await tabTo(page, byKey('bulk-file'));
    const chooser = await openChooserBySpace(page);
    await chooser.setFiles({ name: 'bulk-invite.csv', mimeType: 'text/csv', buffer: Buffer.from('Email,Organization Role,Projects,Project Role\nkim@gmail.com,Admin,Production,Owner\n') });
    await sidebar(page).locator('[data-code="production-elevated"]').waitFor();
    // Focus follows to the file's report, whose button stops checking it.
    await expect.poll(() => focused(page)).toMatchObject({ key: 'bulk-clear', visible: true });
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toMatchObject({ key: 'bulk-file' });
    expect(await sidebar(page).locator('[data-code="production-elevated"]').count()).toBe(0);
  });

  it('finds an existing member, writes a note, cancels with Escape and saves with Enter', async () => {
    await tabTo(page, byKey('existing-search'));
    await page.keyboard.type('jane');
    await tabTo(page, byKey('existing-person'));
    await page.keyboard.press('Enter');
    expect(await focused(page)).toMatchObject({ key: 'existing-note-reason', visible: true });
    await page.keyboard.press('Escape');
    expect(await focused(page)).toMatchObject({ key: 'existing-search' });
    expect(await field('existing-editor').count()).toBe(0);

    await tabTo(page, byKey('existing-person'));
    await page.keyboard.press('Space');
    await page.keyboard.type('Analyst on the growth team since 2024');
    await tabTo(page, byKey('existing-save'));
    await page.keyboard.press('Enter');
    await expect.poll(() => sidebarText(page, 'save-status')).toContain('Saved the note for jane.doe@acme.com');
    expect(await focused(page)).toMatchObject({ key: 'existing-search' });
  });

  it('folds and unfolds the sidebar from its toggle, keeping focus on it', async () => {
    await tabTo(page, byKey('toggle'), { back: true });
    await page.keyboard.press('Enter');
    await sidebarFrame(page).locator('[data-invite-guard="sidebar"][data-state="collapsed"]').waitFor();
    expect(await focused(page)).toMatchObject({ key: 'toggle', visible: true });
    await page.keyboard.press('Enter');
    await sidebarFrame(page).locator('[data-invite-guard="sidebar"][data-state="expanded"]').waitFor();
    expect(await focused(page)).toMatchObject({ key: 'toggle', visible: true });
  });

  it('goes from Mixpanel\'s invite dialog (which keeps Tab inside) to the note and back, and sends the invitation', async () => {
    await page.goto('about:blank');
    await page.goto(MEMBERS_URL);
    await sidebar(page).waitFor();
    await tabTo(page, byName('Invite Users'), { max: 200, ours: inSidebar });
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Invite New Users' }).waitFor();
    await page.keyboard.type('new.analyst@brightlane-agency.io');
    const inDialog = await focused(page);
    expect(inDialog?.inSidebar).toBe(false);

    // Tab alone never leaves the dialog: the shortcut does.
    await page.keyboard.press('Alt+Shift+G');
    expect(await focused(page)).toMatchObject({ key: 'note-reason', inSidebar: true, visible: true });
    await page.keyboard.type('Implements the tracking plan');
    await tabTo(page, byKey('note-endsOn'));
    await typeDate(page, isoDateIn(20));
    await page.keyboard.press('Alt+Shift+G');
    expect(await focused(page)).toEqual(inDialog);

    await tabTo(page, byName('Invite'), { ours: inSidebar });
    await page.keyboard.press('Enter');
    await expect.poll(() => sidebarText(page, 'save-status')).toContain('Saved the note for 1 invitation');
  });
});

describe('the popup, by keyboard', () => {
  let popup: Page;

  beforeAll(async () => {
    const options = await session.context.newPage();
    await importSeededRecords(options, session.extensionId!);
    await options.close();
    popup = await session.context.newPage();
    await popup.setViewportSize({ width: 400, height: 600 });
    await popup.goto(`chrome-extension://${session.extensionId}/popup.html`);
    await popup.locator('.al-item', { hasText: SEEDED.ending }).waitFor();
  });

  const summaryOf = (email: string) => (f: Focused) => f.tag === 'summary' && f.name.startsWith(email);

  it('exports CSV with Enter, and JSON from the menu, which Escape closes', async () => {
    await tabTo(popup, byKey('export-csv'));
    const [csv] = await Promise.all([popup.waitForEvent('download'), popup.keyboard.press('Enter')]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);

    await tabTo(popup, byName('More export formats'));
    await popup.keyboard.press('Enter');
    expect(await popup.locator('.pp-menu').getAttribute('open')).not.toBeNull();
    await popup.keyboard.press('Escape');
    expect(await popup.locator('.pp-menu').getAttribute('open')).toBeNull();
    expect(await focused(popup)).toMatchObject({ name: 'More export formats', visible: true });

    await popup.keyboard.press('Space');
    await tabTo(popup, byKey('export-json'));
    const [json] = await Promise.all([popup.waitForEvent('download'), popup.keyboard.press('Enter')]);
    expect(json.suggestedFilename()).toMatch(/\.json$/);
    expect(await popup.locator('.pp-menu').getAttribute('open')).toBeNull();
    expect(await focused(popup)).toMatchObject({ name: 'More export formats' });
    await tabTo(popup, byKey('export-ics'), { max: 3 }).then(
      () => expect.unreachable('the closed menu\'s items are not in the tab order'),
      () => undefined,
    );
  });

  it('filters by typing and by a status picked with arrows', async () => {
    await popup.reload();
    await popup.locator('.al-item').first().waitFor();
    await tabTo(popup, byName('Filter by address, role, reason or ticket'));
    await popup.keyboard.type('contractor');
    await expect.poll(() => popup.locator('.al-item').count()).toBe(1);
    await popup.keyboard.press('Control+A');
    await popup.keyboard.press('Backspace');
    const all = await popup.locator('.al-item').count();
    await tabTo(popup, byName('Status'));
    await popup.keyboard.press('ArrowDown'); // all → pending
    await expect.poll(() => popup.locator('.al-item:not([data-status="pending"])').count()).toBe(0);
    expect(await popup.locator('.al-item', { hasText: SEEDED.pending }).count()).toBe(1);
    await popup.keyboard.press('ArrowUp'); // → all statuses
    await expect.poll(() => popup.locator('.al-item').count()).toBe(all);
  });

  it('opens a grant, opens it in Mixpanel, and extends it; Escape cancels the form', async () => {
    await tabTo(popup, summaryOf(SEEDED.ending));
    await popup.keyboard.press('Enter');
    await tabTo(popup, byName('Open in Mixpanel'));
    // The new tab's first navigation is not routed to the fixture (Playwright attaches to it
    // after it starts): the request it makes is what shows where it goes.
    const [request, tab] = await Promise.all([
      session.context.waitForEvent('request', (r) => r.isNavigationRequest() && r.url().includes('mixpanel.com')),
      session.context.waitForEvent('page'),
      popup.keyboard.press('Enter'),
    ]);
    expect(request.url()).toBe('https://mixpanel.com/settings/org'); // a request carries no #fragment
    await tab.close();
    await popup.bringToFront();

    await tabTo(popup, byKey('extend'));
    await popup.keyboard.press('Enter');
    expect(await focused(popup)).toMatchObject({ name: 'New end date', visible: true });
    await popup.keyboard.press('Escape');
    expect(await focused(popup)).toMatchObject({ key: 'extend', visible: true });

    await popup.keyboard.press('Enter');
    await typeDate(popup, isoDateIn(45));
    await tabTo(popup, byName('Why it is extended')); // past the date's calendar button
    await popup.keyboard.type('SOW-2026-09 signed');
    await popup.keyboard.press('Enter'); // submits the form
    await expect.poll(() => text(popup, '[data-invite-guard="popup-message"]')).toContain(`Extended ${SEEDED.ending} to ${isoDateIn(45)}`);
    // Wherever the grant moved, focus did not fall back to the top of the page.
    await expect.poll(() => focused(popup)).not.toBeNull();
  });

  it('snoozes a grant with Space', async () => {
    await tabTo(popup, summaryOf(SEEDED.pending), { max: 80 });
    await popup.keyboard.press('Enter');
    await tabTo(popup, byName('Snooze 7 days'));
    await popup.keyboard.press('Space');
    await expect.poll(() => text(popup, '[data-invite-guard="popup-message"]')).toContain(`Reminders for ${SEEDED.pending} snoozed`);
  });

  it('revokes a grant after a confirmation that Escape backs out of', async () => {
    await tabTo(popup, summaryOf(SEEDED.temporary), { max: 80 });
    await popup.keyboard.press('Enter');
    await tabTo(popup, byKey('revoke'));
    await popup.keyboard.press('Enter');
    expect(await focused(popup)).toMatchObject({ key: 'cancel-revoke', visible: true });
    await popup.keyboard.press('Escape');
    expect(await focused(popup)).toMatchObject({ key: 'revoke', visible: true });
    await popup.keyboard.press('Enter');
    await tabTo(popup, byName('Mark revoked'), { back: true });
    await popup.keyboard.press('Enter');
    await expect.poll(() => text(popup, '[data-invite-guard="popup-message"]')).toContain(`Marked ${SEEDED.temporary} as revoked`);
  });
});

/**
 * Space on a focused file input opens its chooser. Headless Chromium now and then drops that first
 * request (seen only in fresh-clone CI runs, in about one run in three); a second press is what a
 * person would do, and three misses still fail the test.
 */
async function openChooserBySpace(target: Page): Promise<FileChooser> {
  for (let attempt = 1; ; attempt++) {
    const opened = target.waitForEvent('filechooser', { timeout: 5_000 });
    await target.keyboard.press('Space');
    try {
      return await opened;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

describe('the options page, by keyboard', () => {
  let options: Page;

  beforeAll(async () => {
    options = await session.context.newPage();
    await options.goto(`chrome-extension://${session.extensionId}/options.html`);
    // The active tab: Chromium opens file choosers there (earlier tests left the popup's tab open).
    await options.bringToFront();
    // The stored policy has arrived in the form.
    await options.waitForFunction(() => document.querySelector<HTMLTextAreaElement>('#policy-personalDomains')?.value.includes('gmail.com'));
  });

  it('edits text, a checkbox and a select, saves with Enter, and keeps the change', async () => {
    await tabTo(options, byKey('policy-allowedDomains'));
    await options.keyboard.type('acme.com');
    await tabTo(options, byKey('policy-ssoEnforced'));
    await options.keyboard.press('Space');
    await tabTo(options, byKey('policy-personalEmail'));
    await options.keyboard.press('ArrowDown'); // warn → block
    await tabTo(options, byKey('policy-maxAdmins'));
    await options.keyboard.press('Control+A');
    await options.keyboard.type('4');
    await options.keyboard.press('Enter'); // submits the form from a text field
    await expect.poll(() => text(options, '[data-invite-guard="policy-status"]')).toContain('Saved');

    await options.reload();
    await expect.poll(() => options.getByLabel('Allowed domains').inputValue()).toBe('acme.com');
    expect(await options.getByLabel('SSO is required to log in').isChecked()).toBe(true);
    expect(await options.getByLabel('Personal addresses').inputValue()).toBe('block');
    expect(await options.getByLabel('Most owners and admins').inputValue()).toBe('4');
  });

  it('reaches Save, Reset, Export and every file picker, with focus shown on each', async () => {
    await tabTo(options, byKey('policy-maxAdmins'));
    await options.keyboard.press('Control+A');
    await options.keyboard.type('many');
    await tabTo(options, byKey('policy-save'));
    await options.keyboard.press('Enter');
    await expect.poll(() => text(options, '[data-policy-error="maxAdmins"]')).toContain('whole number');
    expect(await focused(options)).toMatchObject({ key: 'policy-maxAdmins', visible: true }); // the field to correct
    await tabTo(options, byName('Reset to defaults'));
    await options.keyboard.press('Enter');
    await expect.poll(() => options.getByLabel('Most owners and admins').inputValue()).not.toBe('many');
    await tabTo(options, byName('Export as JSON'));
    const [download] = await Promise.all([options.waitForEvent('download'), options.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toBe('invite-guard-policy.json');
    for (const picker of ['policy-import', 'records-import', 'audit-import']) {
      await tabTo(options, byKey(picker));
      const chooser = await openChooserBySpace(options);
      expect(await chooser.element().getAttribute('data-invite-guard')).toBe(picker);
      // Close it (as Cancel would): Chromium opens no other file chooser while one is still open.
      await chooser.setFiles([]);
    }
  });
});
