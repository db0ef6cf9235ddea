// The options page edits the policy; an open Mixpanel tab follows it at once.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { MEMBERS_URL, ROOT, launch, sidebar, type Session, unfoldSidebar } from './harness';

let session: Session;
let members: Page;
let options: Page;

beforeAll(async () => {
  session = await launch();
  members = session.page;
  options = await session.context.newPage();
});

afterAll(async () => {
  await session?.close();
});

const finding = (code: string) => sidebar(members).locator(`[data-code="${code}"]`);

describe('the options page', () => {
  it('shows the policy with its defaults', async () => {
    await options.goto(`chrome-extension://${session.extensionId}/options.html`);
    await expect.poll(() => options.getByLabel('Personal mailbox providers').inputValue()).toContain('gmail.com');
    expect(await options.getByLabel('Reminders before an end date (days)').inputValue()).toBe('14, 7, 1, 0');
  });

  it('explains invalid input next to the field and saves nothing', async () => {
    await options.getByLabel('Allowed domains').fill('acme.com\nnot a domain');
    await options.getByLabel('Most owners and admins').fill('many');
    await options.getByRole('button', { name: 'Save policy' }).click();
    await expect.poll(() => options.locator('[data-policy-error="allowedDomains"]').textContent()).toContain('"not a domain" is not a domain');
    expect(await options.locator('[data-policy-error="maxAdmins"]').textContent()).toContain('whole number');
    expect(await options.locator('[data-invite-guard="policy-status"]').textContent()).toContain('Not saved');
    await options.screenshot({ path: join(ROOT, 'test-output/options-errors.png'), fullPage: true });
  });

  it('changes the findings on an open Members page when saved', async () => {
    await members.goto(MEMBERS_URL);
    await unfoldSidebar(members);
    await sidebar(members).locator('[data-invite-guard="manual"]').fill('ops@brightlane-agency.io, kim@gmail.com');
    await finding('personal-email').waitFor();
    expect(await finding('personal-email').getAttribute('data-severity')).toBe('warn');
    expect(await finding('domain-not-allowed').count()).toBe(0);

    await options.getByLabel('Allowed domains').fill('acme.com');
    await options.getByLabel('Most owners and admins').fill('5');
    await options.getByLabel('Personal addresses').selectOption('block');
    await options.getByRole('button', { name: 'Save policy' }).click();
    await expect.poll(() => options.locator('[data-invite-guard="policy-status"]').textContent()).toContain('Saved');
    await options.screenshot({ path: join(ROOT, 'test-output/options.png'), fullPage: true });

    await expect.poll(() => finding('personal-email').getAttribute('data-severity')).toBe('block');
    await finding('domain-not-allowed').waitFor();
  });

  it('keeps the saved policy when the page is opened again', async () => {
    await options.reload();
    await expect.poll(() => options.getByLabel('Allowed domains').inputValue()).toBe('acme.com');
    expect(await options.getByLabel('Personal addresses').inputValue()).toBe('block');
  });
});

describe('the access log tools on the options page', () => {
  it('imports a JSON export without duplicating, then reconciles Mixpanel\'s audit log', async () => {
    const { newRecord } = await import('../../lib/records');
    const { toJson } = await import('../../lib/export');
    const record = newRecord(
      { id: 'imported-1', email: 'ops@brightlane-agency.io', orgRole: 'member', projects: [], note: { reason: 'Tracking plan' }, region: 'us', organization: 'Acme Analytics' },
      new Date('2026-11-20T09:00:00Z'),
    );
    const file = { name: 'export.json', mimeType: 'application/json', buffer: Buffer.from(toJson([record], new Date('2026-11-21T00:00:00Z'))) };
    await options.locator('[data-invite-guard="records-import"]').setInputFiles(file);
    await expect.poll(() => options.locator('[data-invite-guard="import-report"]').textContent()).toContain('1 added, 0 updated, 0 already known, 0 rejected');
    await options.locator('[data-invite-guard="records-import"]').setInputFiles(file);
    await expect.poll(() => options.locator('[data-invite-guard="import-report"]').textContent()).toContain('0 added, 0 updated, 1 already known');

    const audit = [
      'Time,Event,Actor,Target,Project,Details',
      '2026-11-20T09:00:30Z,invitation.sent,dana.whitfield@acme.com,ops@brightlane-agency.io,,',
      '2026-11-21T12:00:00Z,invitation.accepted,ops@brightlane-agency.io,ops@brightlane-agency.io,,',
      '2026-11-22T08:00:00Z,invitation.sent,dana.whitfield@acme.com,ghost@agency.io,,',
    ].join('\n');
    await options.locator('[data-invite-guard="audit-import"]').setInputFiles({ name: 'audit.csv', mimeType: 'text/csv', buffer: Buffer.from(audit) });
    await expect.poll(() => options.locator('[data-invite-guard="import-report"]').textContent()).toContain('Reconciled 3 audit events: 1 record updated');
    expect(await options.locator('[data-invite-guard="undocumented"]').textContent()).toContain('ghost@agency.io');
    await options.screenshot({ path: join(ROOT, 'test-output/options-access-log.png'), fullPage: true });
  });
});
