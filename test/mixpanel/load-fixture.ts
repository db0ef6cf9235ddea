// Loads the demo Members page (test/fixtures/mixpanel) into the happy-dom document of a test file:
// index.html's body, then app.js run as the page would run it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { vi } from 'vitest';
import { MIXPANEL_FIXTURE_DIR } from '../fixtures/mixpanel/routes';

export interface FixtureHandle {
  route: string | null;
  renderedRoute: string | null;
  members: { email: string; name: string; role: string }[];
  pending: { email: string; role: string; invitedAt: string }[];
  destroy(): void;
}

declare global {
  interface Window {
    __mixpanelFixture?: FixtureHandle;
  }
}

const html = readFileSync(join(MIXPANEL_FIXTURE_DIR, 'index.html'), 'utf8');
const script = readFileSync(join(MIXPANEL_FIXTURE_DIR, 'app.js'), 'utf8');

/** index.html's body without its scripts. */
function bodyMarkup(): string {
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? '';
  return body.replace(/<script[\s\S]*?<\/script>/gi, '').replace(/<noscript[\s\S]*?<\/noscript>/gi, '');
}

export function fixture(): FixtureHandle {
  const handle = window.__mixpanelFixture;
  if (!handle) throw new Error('The fixture is not loaded.');
  return handle;
}

/** Waits until the page reports the route rendered. */
export async function rendered(route: string): Promise<void> {
  await vi.waitFor(
    () => {
      if (window.__mixpanelFixture?.renderedRoute !== route) throw new Error(`still rendering ${route}`);
    },
    { timeout: 10_000, interval: 5 },
  );
}

export interface LoadOptions {
  /** Query string, with or without "?". */
  query?: string;
  hash?: string;
  host?: string;
  /** Wait for the route to render (default true). */
  wait?: boolean;
}

/** Boots the page at https://{host}/settings/org?{query}{hash}. Loading takes no time unless `delay` is given. */
export async function loadFixture(options: LoadOptions = {}): Promise<void> {
  const { hash = '#users', host = 'mixpanel.com', wait = true } = options;
  const params = new URLSearchParams(options.query ?? '');
  if (!params.has('delay')) params.set('delay', '0');
  if (!params.has('now')) params.set('now', '2026-11-23T10:00:00Z');
  window.__mixpanelFixture?.destroy();
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(
    `https://${host}/settings/org?${params.toString()}${hash}`,
  );
  document.head.replaceChildren();
  document.body.innerHTML = bodyMarkup();
  new Function(script)();
  if (wait) {
    const route = hash.replace(/^#/, '') || 'overview';
    await rendered(route);
  }
}

export function unloadFixture(): void {
  window.__mixpanelFixture?.destroy();
  document.body.replaceChildren();
}

// Interaction helpers: what a person does, as the events a browser fires.

export function typeInto(input: Element, value: string): void {
  (input as HTMLInputElement).value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

export function choose(select: Element, value: string): void {
  (select as HTMLSelectElement).value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

export function press(key: string): void {
  (document.activeElement ?? document.body).dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
}

/** The first button (or element) whose visible text or aria-label is exactly `name`. */
export function byName(name: string, scope: ParentNode = document, selector = 'button, a, [role="tab"]'): HTMLElement {
  for (const el of scope.querySelectorAll(selector)) {
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (text === name || el.getAttribute('aria-label') === name) return el as HTMLElement;
  }
  throw new Error(`No element named "${name}"`);
}
