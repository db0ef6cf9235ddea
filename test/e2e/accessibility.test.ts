// axe-core on everything Invite Guard draws: the sidebar (inside its shadow root on the Members
// page), the popup and the options page, in light and dark mode, in the states an admin sees.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AxeResults, ContextObject, NodeResult, Result } from 'axe-core';
import type { Frame, Page } from 'playwright-core';
import { MEMBERS_URL, launch, sidebar, sidebarFrame, sidebarFrameOf, type Session, unfoldSidebar } from './harness';
import { openInviteDialog, typeInviteRow, dropBulkCsv } from './members-page';
import { SEEDED, importSeededRecords } from './access-records';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SCHEMES = ['light', 'dark'] as const;
// The sidebar's root, inside its frame.
const SIDEBAR_CONTEXT: ContextObject = { include: ['[data-invite-guard="sidebar"]'] };

let session: Session;
let page: Page;
/** Every rule axe ran, and every violation of any impact, for the summary at the end. */
const rulesRun = new Set<string>();
const minorFindings = new Set<string>();
/** What axe could not decide (for a human to look at), by rule and place. */
const undecided = new Set<string>();

beforeAll(async () => {
  session = await launch();
  page = session.page;
});

afterAll(async () => {
  console.info(`axe ran ${rulesRun.size} rules: ${[...rulesRun].sort().join(', ')}`);
  if (minorFindings.size) console.info(`moderate or minor findings:\n${[...minorFindings].join('\n')}`);
  if (undecided.size) console.info(`axe could not decide (check by eye):\n${[...undecided].join('\n')}`);
  await session?.close();
});

async function audit(target: Page | Frame, context?: ContextObject): Promise<AxeResults> {
  // evaluate is not subject to the extension pages' CSP, which blocks injected <script> tags.
  if (!(await target.evaluate(() => 'axe' in window))) await target.evaluate(AXE_SOURCE);
  // Colour fades (120 ms) must be over before contrast is measured.
  await target.evaluate(() => new Promise((done) => setTimeout(done, 200)));
  const results = await target.evaluate(async (json) => {
    const { axe } = window as unknown as { axe: typeof import('axe-core') };
    return axe.run(json ? (JSON.parse(json) as ContextObject) : document, { resultTypes: ['violations', 'passes', 'incomplete'] });
  }, context ? JSON.stringify(context) : null);
  for (const rule of [...results.passes, ...results.violations, ...results.incomplete, ...results.inapplicable]) rulesRun.add(rule.id);
  for (const rule of results.incomplete) for (const node of rule.nodes) undecided.add(`${rule.id} ${JSON.stringify(node.target)}: ${node.any[0]?.message ?? ''}`);
  return results;
}

function describeViolation(v: Result): string {
  const nodes = v.nodes.map((n) => `    ${JSON.stringify(n.target)}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`);
  return `${v.id} (${v.impact ?? 'no impact'}): ${v.help}\n  ${v.helpUrl}\n${nodes.join('\n')}`;
}

/** No serious or critical violation; lesser ones are kept for the summary. */
function expectNoSeriousViolations(results: AxeResults, where: string): void {
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of results.violations) if (!serious.includes(v)) minorFindings.add(`${where}: ${describeViolation(v)}`);
  expect(serious.map(describeViolation), `axe on ${where}`).toEqual([]);
}

/** Nodes axe checked inside the sidebar. */
function sidebarNodes(results: AxeResults): NodeResult[] {
  return results.passes.flatMap((rule) => rule.nodes);
}

async function auditSidebar(where: string): Promise<void> {
  const results = await audit(await sidebarFrameOf(page), SIDEBAR_CONTEXT);
  // The run really went inside the sidebar's frame: elements there were checked and passed rules.
  expect(sidebarNodes(results).length, `${where}: nodes checked inside the sidebar`).toBeGreaterThan(10);
  expectNoSeriousViolations(results, where);
}

describe.each(SCHEMES)('the sidebar in %s mode', (scheme) => {
  beforeAll(async () => {
    // Tall enough that the sidebar does not scroll: axe cannot judge the contrast of text its
    // sticky header or the scroll edge covers.
    await page.setViewportSize({ width: 1440, height: 2400 });
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('about:blank'); // a fresh sidebar: going to the same URL only changes the hash
    await page.goto(MEMBERS_URL);
    await unfoldSidebar(page);
  });

  it('has no serious violations with findings of every severity and a note that is incomplete', async () => {
    await sidebar(page).locator('[data-invite-guard="manual"]').fill('jane.doe@acme.com, kim@gmail.com, ops@acrne.com, li@acme.com');
    await sidebar(page).locator('[data-invite-guard="manual-org-role"]').selectOption('admin');
    await sidebar(page).locator('[data-code="duplicate-member"]').waitFor();
    await auditSidebar(`sidebar (${scheme}, manual box with findings)`);
  });

  it('has no serious violations while finding and documenting an existing member', async () => {
    await sidebar(page).locator('[data-invite-guard="existing-search"]').fill('acme');
    await sidebar(page).locator('[data-invite-guard="existing-person"]').first().waitFor();
    await auditSidebar(`sidebar (${scheme}, existing access results)`);
    await sidebar(page).locator('[data-invite-guard="existing-person"]').first().click();
    await sidebar(page).locator('[data-invite-guard="existing-editor"]').waitFor();
    await auditSidebar(`sidebar (${scheme}, existing access editor)`);
  });

  it('has no serious violations with a Bulk invite file that has unreadable lines', async () => {
    const csv = 'Email,Organization Role,Projects,Project Role\njane.doe@acme.com,Member,Production,Analyst\nkim@gmail.com,Wizard,Production,Owner\n';
    await dropBulkCsv(page, sidebar(page), csv);
    await sidebar(page).getByRole('button', { name: 'Stop checking this file' }).waitFor();
    await auditSidebar(`sidebar (${scheme}, bulk file)`);
  });

  it('has no serious violations beside the Invite New Users dialog', async () => {
    const dialog = await openInviteDialog(page);
    await typeInviteRow(page, dialog, 0, { email: 'marco.analytics@gmail.com', orgRole: 'Admin' });
    await sidebar(page).locator('[data-code="personal-email"]').waitFor();
    await auditSidebar(`sidebar (${scheme}, invite dialog)`);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('has no serious violations when collapsed to its tab', async () => {
    await sidebar(page).getByRole('button', { name: 'Collapse Invite Guard' }).click();
    await sidebarFrame(page).locator('[data-invite-guard="sidebar"][data-state="collapsed"]').waitFor();
    const results = await audit(await sidebarFrameOf(page), SIDEBAR_CONTEXT);
    expect(sidebarNodes(results).length).toBeGreaterThan(0);
    expectNoSeriousViolations(results, `sidebar (${scheme}, collapsed)`);
    await sidebar(page).getByRole('button', { name: /Invite Guard|blocking|review/ }).click();
  });
});

describe('the popup and the options page', () => {
  let popup: Page;
  let options: Page;

  beforeAll(async () => {
    options = await session.context.newPage();
    await importSeededRecords(options, session.extensionId!);
    popup = await session.context.newPage();
    await popup.setViewportSize({ width: 400, height: 600 });
  });

  describe.each(SCHEMES)('in %s mode', (scheme) => {
    it('the popup has no serious violations with its menu, an open grant, the extend form and a revoke to confirm', async () => {
      await popup.emulateMedia({ colorScheme: scheme });
      await popup.goto(`chrome-extension://${session.extensionId}/popup.html`);
      const item = (email: string) => popup.locator('.al-item', { hasText: email });
      await item(SEEDED.ending).waitFor();
      for (const email of Object.values(SEEDED)) await item(email).locator('summary').click();
      await item(SEEDED.ending).getByRole('button', { name: 'Extend…' }).click();
      await item(SEEDED.temporary).getByRole('button', { name: 'Revoke…' }).click();
      await item(SEEDED.pending).getByRole('button', { name: 'Snooze 7 days' }).click();
      await popup.locator('[data-invite-guard="popup-message"]').waitFor();
      expectNoSeriousViolations(await audit(popup), `popup (${scheme})`);
      // The export menu covers the filters: checked on its own.
      await popup.locator('.pp-menu summary').click();
      expectNoSeriousViolations(await audit(popup), `popup (${scheme}, export menu open)`);
    });

    it('the options page has no serious violations, with errors and an import report shown', async () => {
      await options.emulateMedia({ colorScheme: scheme });
      await options.goto(`chrome-extension://${session.extensionId}/options.html`);
      await options.getByLabel('Allowed domains').fill('acme.com\nnot a domain');
      await options.getByLabel('Most owners and admins').fill('many');
      await options.getByRole('button', { name: 'Save policy' }).click();
      await options.locator('[data-policy-error="maxAdmins"]').waitFor();
      const audit1 = 'Time,Event,Actor,Target,Project,Details\n2026-11-22T08:00:00Z,invitation.sent,dana@acme.com,ghost@agency.io,,\n';
      await options.locator('[data-invite-guard="audit-import"]').setInputFiles({ name: 'audit.csv', mimeType: 'text/csv', buffer: Buffer.from(audit1) });
      await options.locator('[data-invite-guard="undocumented"]').waitFor();
      expectNoSeriousViolations(await audit(options), `options page (${scheme})`);
    });
  });
});
