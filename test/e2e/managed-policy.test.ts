// A policy pushed by IT through Chromium's enterprise policies (storage.managed) shows locked on
// the options page and applies on the Members page. Needs root to write Chromium's policy folder.
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTENSION_DIR, MEMBERS_URL, ROOT, launch, sidebar, type Session, unfoldSidebar } from './harness';

const POLICY_DIR = '/etc/chromium/policies/managed';
const isRoot = process.getuid?.() === 0;

/** Chromium's id for an unpacked extension: the SHA-256 of its path, hex digits written a–p. */
function unpackedExtensionId(path: string): string {
  const hex = createHash('sha256').update(path).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

// One file per build folder, so runs from two checkouts never see each other's policy.
const POLICY_FILE = join(POLICY_DIR, `invite-guard-e2e-${unpackedExtensionId(EXTENSION_DIR)}.json`);

let session: Session;

describe.skipIf(!isRoot)('a policy managed by IT', () => {
  beforeAll(async () => {
    mkdirSync(POLICY_DIR, { recursive: true });
    const policy = { allowedDomains: ['acme.com'], maxAdmins: 3 };
    writeFileSync(POLICY_FILE, JSON.stringify({ '3rdparty': { extensions: { [unpackedExtensionId(EXTENSION_DIR)]: { policy } } } }));
    session = await launch();
  });

  afterAll(async () => {
    await session?.close();
    rmSync(POLICY_FILE, { force: true });
  });

  it('is the extension Chromium names', () => {
    expect(session.extensionId).toBe(unpackedExtensionId(EXTENSION_DIR));
  });

  it('shows managed fields locked, with the reason, on the options page', async () => {
    const options = await session.context.newPage();
    await options.goto(`chrome-extension://${session.extensionId}/options.html`);
    const allowed = options.getByLabel('Allowed domains');
    await expect.poll(() => allowed.inputValue()).toBe('acme.com');
    expect(await allowed.isDisabled()).toBe(true);
    expect(await options.locator('[data-field="allowedDomains"]').textContent()).toContain('Set by your IT administrator');
    expect(await options.getByLabel('Most owners and admins').inputValue()).toBe('3');
    expect(await options.getByLabel('SSO domains').isDisabled()).toBe(false);
    await options.screenshot({ path: join(ROOT, 'test-output/options-managed.png') });
  });

  it('applies on the Members page', async () => {
    const page = session.page;
    await page.goto(MEMBERS_URL);
    await unfoldSidebar(page);
    await sidebar(page).locator('[data-invite-guard="manual"]').fill('ops@brightlane-agency.io');
    await sidebar(page).locator('[data-code="domain-not-allowed"]').waitFor();
  });
});
