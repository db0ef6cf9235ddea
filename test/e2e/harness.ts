// Debian's Chromium with the built extension loaded, and the demo Members page served at
// Mixpanel's real addresses through request routing. Shared by the e2e tests, the demo and the bench.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Frame, type Page, type Route } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../..');
export const OUTPUT_DIR = resolve(ROOT, process.env.INVITE_GUARD_OUT_DIR || '.output');
export const EXTENSION_DIR = join(OUTPUT_DIR, 'chrome-mv3');
export const FIXTURE_DIR = join(ROOT, 'test/fixtures/mixpanel');
export const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
export const MEMBERS_URL = 'https://mixpanel.com/settings/org#users';

// The network is closed here: without these Chromium keeps trying to reach it.
const QUIET_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

/** Serves the fixture's files by name; every other path is the single-page app's index.html. */
async function serveFixture(route: Route): Promise<void> {
  const url = new URL(route.request().url());
  const name = basename(url.pathname);
  const file = join(FIXTURE_DIR, name);
  const isAsset = name !== '' && extname(name) !== '' && name !== 'index.html' && existsSync(file);
  const path = isAsset ? file : join(FIXTURE_DIR, 'index.html');
  await route.fulfill({
    status: 200,
    contentType: TYPES[extname(path)] ?? 'application/octet-stream',
    body: readFileSync(path),
  });
}

export interface Session {
  context: BrowserContext;
  page: Page;
  extensionId: string | null;
  close: () => Promise<void>;
}

export interface LaunchOptions {
  /** Load the built extension (default true). */
  extension?: boolean;
  headless?: boolean;
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
}

export async function launch(options: LaunchOptions = {}): Promise<Session> {
  const withExtension = options.extension ?? true;
  if (withExtension && !existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension in ${EXTENSION_DIR}: run "npm run build" first.`);
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'invite-guard-'));
  const args = [...QUIET_ARGS];
  if (withExtension) args.push(`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: options.headless ?? true,
    args,
    viewport: options.viewport ?? { width: 1440, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
  });
  await context.route(/^https:\/\/((eu|in)\.)?mixpanel\.com\//, serveFixture);
  let extensionId: string | null = null;
  if (withExtension) {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    extensionId = new URL(worker.url()).host;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    extensionId,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The sidebar's extension frame, in its host's shadow root (Playwright's CSS locators pierce open shadow roots). */
export function sidebarFrame(page: Page) {
  return page.frameLocator('invite-guard-sidebar iframe');
}

/** The sidebar's root, inside its frame. */
export function sidebar(page: Page) {
  return sidebarFrame(page).locator('[data-invite-guard="sidebar"]');
}

/** The sidebar frame as a Playwright Frame, for evaluating inside it; waits for it to load. */
export async function sidebarFrameOf(page: Page): Promise<Frame> {
  await sidebar(page).waitFor({ state: 'attached' });
  const frame = page.frames().find((f) => f.url().startsWith('chrome-extension://') && f.url().includes('/sidebar-frame.html'));
  if (!frame) throw new Error('The sidebar frame is not on the page');
  return frame;
}

/** Collects the page's uncaught errors and any alert or prompt (an injected script would raise one). */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('dialog', (dialog) => {
    errors.push(`unexpected ${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return errors;
}

/**
 * The sidebar arrives folded to its tab (it unfolds by itself only with the invite dialog): unfolds
 * it from the tab, as an admin would to use it without the dialog.
 */
export async function unfoldSidebar(page: Page): Promise<void> {
  // In front, as the admin has it: headless Chromium routes no clicks into a background tab's frames.
  await page.bringToFront();
  await sidebar(page).waitFor();
  if ((await sidebar(page).getAttribute('data-state')) === 'collapsed') await sidebar(page).locator('[data-invite-guard="toggle"]').click();
  await sidebarFrame(page).locator('[data-invite-guard="sidebar"][data-state="expanded"]').waitFor();
}

/** The calendar date `days` from today where the browser runs (the date picker's format). */
export function isoDateIn(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
