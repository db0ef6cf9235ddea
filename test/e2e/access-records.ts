// A small access log in every state the popup shows, imported through the options page the way an
// admin imports another admin's export. Shared by the accessibility and keyboard tests.
import type { Page } from 'playwright-core';
import { newRecord, type AccessRecord } from '../../lib/records';
import { toJson } from '../../lib/export';
import { isoDateIn } from './harness';

function record(id: string, email: string, daysAgo: number, endsIn: number | null, changes: Partial<AccessRecord>): AccessRecord {
  const invited = new Date(Date.now() - daysAgo * 86_400_000);
  const base = newRecord(
    {
      id,
      email,
      orgRole: 'member',
      projects: [{ name: 'Staging', role: 'analyst' }],
      note: { reason: `Reason for ${email}`, ticket: 'SEC-1042', ...(endsIn === null ? {} : { endsOn: isoDateIn(endsIn) }) },
      region: 'us',
      organization: 'Acme Analytics',
    },
    invited,
  );
  return { ...base, ...changes };
}

export const SEEDED = {
  /** A member whose access ends in 5 days: first in "Needs attention". */
  ending: 'ends.soon@brightlane-agency.io',
  /** Sent today, no end date: a pending invitation. */
  pending: 'new.hire@acme.com',
  /** Temporary access with two months left. */
  temporary: 'contractor@brightlane-agency.io',
  /** Revoked: no actions but "Open in Mixpanel". */
  revoked: 'former@acme.com',
};

export function seededRecords(): AccessRecord[] {
  const accepted = { pageState: 'member' as const, acceptedAt: new Date().toISOString() };
  return [
    record('seed-ending', SEEDED.ending, 20, 5, accepted),
    record('seed-pending', SEEDED.pending, 0, null, {}),
    record('seed-temporary', SEEDED.temporary, 30, 60, accepted),
    record('seed-revoked', SEEDED.revoked, 90, null, { ...accepted, revokedAt: new Date().toISOString() }),
  ];
}

/** Imports the seeded records on the options page (opened in `page`) and waits for the report. */
export async function importSeededRecords(page: Page, extensionId: string): Promise<void> {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const buffer = Buffer.from(toJson(seededRecords(), new Date()));
  await page.locator('[data-invite-guard="records-import"]').setInputFiles({ name: 'seed.json', mimeType: 'application/json', buffer });
  await page.locator('[data-invite-guard="import-report"]', { hasText: 'added' }).waitFor();
}
