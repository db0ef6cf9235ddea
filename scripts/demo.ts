// `npm run demo`: the built extension in Debian's Chromium on the demo Members page, served at
// Mixpanel's real address. With a display the browser stays open to try it; without one (CI,
// servers) it walks through an invitation that raises findings and saves screenshots.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { MEMBERS_URL, ROOT, launch, sidebar, sidebarFrame } from '../test/e2e/harness';
import { openInviteDialog, typeInviteRow } from '../test/e2e/members-page';

const OUT = join(ROOT, 'demo-output');
const interactive = Boolean(process.env.DISPLAY) && !process.env.CI && !process.argv.includes('--headless');

async function findingsText(page: Page): Promise<string[]> {
  return sidebar(page)
    .locator('[data-code]')
    .evaluateAll((items) => items.map((el) => `${el.getAttribute('data-severity')} ${el.getAttribute('data-code')}`));
}

async function walkthrough(page: Page): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  await page.goto(MEMBERS_URL);
  await sidebar(page).waitFor();
  // Folded to its tab until the dialog opens, the sidebar says what it read in the tab's title.
  console.log('Sidebar:', (await sidebar(page).locator('[data-invite-guard="toggle"]').getAttribute('title'))?.trim());
  await page.screenshot({ path: join(OUT, '1-members-page.png') });

  const dialog = await openInviteDialog(page);
  await typeInviteRow(page, dialog, 0, { email: 'jane.doe@acme.com' });
  await typeInviteRow(page, dialog, 1, { email: 'marco.analytics@gmail.com' });
  await typeInviteRow(page, dialog, 2, { email: 'ops@acrne.com', orgRole: 'Admin' });
  await sidebar(page).locator('[data-code="lookalike-domain"]').first().waitFor();
  console.log('Summary:', (await sidebarFrame(page).locator('[data-invite-guard="summary"] p').textContent())?.trim());
  for (const line of await findingsText(page)) console.log('  ', line);
  await page.screenshot({ path: join(OUT, '2-invite-dialog-findings.png') });

  await sidebar(page).locator('[data-invite-guard="note-reason"]').fill('Implements the Q1 tracking plan (SOW-2026-07)');
  await sidebar(page).locator('[data-invite-guard="note-endsOn"]').fill('2027-01-31');
  await page.screenshot({ path: join(OUT, '3-with-note.png') });
  console.log(`Screenshots in ${OUT}`);
}

async function main(): Promise<void> {
  const session = await launch({ headless: !interactive });
  try {
    if (interactive) {
      await session.page.goto(MEMBERS_URL);
      console.log('Invite Guard is running on the demo Members page. Close the browser window to stop.');
      await new Promise<void>((done) => session.context.on('close', () => done()));
      return;
    }
    await walkthrough(session.page);
  } finally {
    await session.close().catch(() => undefined);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
