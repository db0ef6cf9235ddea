// Drives the demo Members page the way an admin does: by roles, labels and visible text.
import type { Locator, Page } from 'playwright-core';
import { sidebarFrameOf } from './harness';

export async function openInviteDialog(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Invite Users' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite New Users' });
  await dialog.waitFor();
  return dialog;
}

export interface InviteRowInput {
  email?: string;
  orgRole?: 'Owner' | 'Admin' | 'Billing Admin' | 'Member';
  projects?: string[];
  projectRole?: 'Owner' | 'Admin' | 'Analyst' | 'Consumer';
  /** Type key by key (each keystroke an input event) instead of filling at once. */
  keystrokes?: boolean;
}

/** Fills row `index` of the dialog (0-based), adding rows with "Add another user" as needed. */
export async function typeInviteRow(page: Page, dialog: Locator, index: number, input: InviteRowInput): Promise<Locator> {
  const rows = dialog.getByRole('group', { name: /^User \d+$/ });
  while ((await rows.count()) <= index) await dialog.getByRole('button', { name: 'Add another user' }).click();
  const row = rows.nth(index);
  if (input.email !== undefined) {
    const email = row.getByLabel('Email');
    if (input.keystrokes) {
      await email.fill('');
      await email.pressSequentially(input.email);
    } else {
      await email.fill(input.email);
    }
  }
  if (input.orgRole) await row.getByLabel('Organization Role').selectOption({ label: input.orgRole });
  if (input.projects) {
    const button = row.getByRole('button', { name: 'Projects' });
    await button.click();
    const list = page.getByRole('group', { name: 'Choose projects' });
    for (const box of await list.getByRole('checkbox').all()) {
      const name = await box.getAttribute('value');
      await box.setChecked(input.projects.includes(name ?? ''));
    }
    await button.click();
  }
  if (input.projectRole) await row.getByLabel('Project Role').selectOption({ label: input.projectRole });
  return row;
}

/** Drops a Bulk invite CSV on the sidebar's drop zone, as the admin would drag the file there. */
export async function dropBulkCsv(page: Page, sidebarRoot: Locator, csv: string): Promise<void> {
  // Made in the sidebar's frame, where the drop happens.
  const frame = await sidebarFrameOf(page);
  const dataTransfer = await frame.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'bulk-invite.csv', { type: 'text/csv' }));
    return transfer;
  }, csv);
  await sidebarRoot.locator('[data-invite-guard="bulk"]').dispatchEvent('drop', { dataTransfer });
}
