// Least privilege, checked on the BUILT extension (the e2e suite runs after `npm run build`):
// the manifests ask for what the features use and nothing more, and no code comes from elsewhere.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTPUT_DIR } from './harness';

const TARGETS = ['chrome-mv3', 'firefox-mv2'] as const;

// Each permission and the feature that needs it; anything else is a regression.
const PERMISSIONS = [
  'alarms', // the periodic reminder sweep (background.ts)
  'notifications', // the reminders themselves
  'storage', // the policy in storage.local, IT's policy in storage.managed
];

// Mixpanel's three data residencies, and nothing else.
const MIXPANEL_MATCHES = ['https://eu.mixpanel.com/*', 'https://in.mixpanel.com/*', 'https://mixpanel.com/*'];

interface Manifest {
  manifest_version: number;
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: { matches: string[]; js?: string[] }[];
  content_security_policy?: string | { extension_pages?: string };
  web_accessible_resources?: (string | { resources: string[]; matches: string[]; use_dynamic_url?: boolean })[];
  externally_connectable?: unknown;
}

function readManifest(target: string): Manifest {
  const path = join(OUTPUT_DIR, target, 'manifest.json');
  if (!existsSync(path)) throw new Error(`No built manifest at ${path}: run "npm run build" (or set INVITE_GUARD_OUT_DIR) first.`);
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
}

function filesUnder(dir: string, ext: RegExp): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && ext.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** `line:column`-free excerpts of every match, with the file they are in, for readable failures. */
function occurrences(dir: string, ext: RegExp, pattern: RegExp): string[] {
  return filesUnder(dir, ext).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(pattern)].map((m) => `${relative(dir, file)}: …${m[0]}…`),
  );
}

/** The CSP's directives as name → sources. */
function directives(csp: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) map.set(name, sources);
  }
  return map;
}

describe.each(TARGETS)('the built %s manifest', (target) => {
  const dir = join(OUTPUT_DIR, target);

  it('asks for exactly the permissions the features use', () => {
    const manifest = readManifest(target);
    expect([...(manifest.permissions ?? [])].sort()).toEqual(PERMISSIONS);
  });

  it('has no host or optional permissions, no <all_urls>, no tabs, and no outside connections', () => {
    const manifest = readManifest(target);
    expect(manifest.host_permissions ?? []).toEqual([]);
    expect(manifest.optional_permissions ?? []).toEqual([]);
    expect(manifest.optional_host_permissions ?? []).toEqual([]);
    expect(manifest.externally_connectable).toBeUndefined();
    const text = JSON.stringify(manifest);
    expect(text).not.toContain('<all_urls>');
    expect(text).not.toMatch(/"tabs"|"\*:\/\/\*\/\*"|"https?:\/\/\*\//);
  });

  it('runs its content script on Mixpanel\'s hosts only', () => {
    const manifest = readManifest(target);
    expect(manifest.content_scripts?.length).toBeGreaterThan(0);
    for (const script of manifest.content_scripts ?? []) expect([...script.matches].sort()).toEqual(MIXPANEL_MATCHES);
    // The sidebar's frame, which the content script puts on Users & Teams, is the only file a page
    // could load, and only Mixpanel's pages.
    const resources = manifest.web_accessible_resources ?? [];
    const files = resources.flatMap((resource) => (typeof resource === 'string' ? [resource] : resource.resources));
    expect(files.sort()).toEqual(['sidebar-frame.html']);
    for (const resource of resources) {
      if (typeof resource === 'string') continue; // MV2 has no matches: its extension URLs are random per install
      expect([...resource.matches].sort()).toEqual(MIXPANEL_MATCHES);
      // Chrome's dynamic URL: a page can't probe for the sidebar's file to learn the extension is there.
      if (resource.resources.includes('sidebar-frame.html')) expect(resource.use_dynamic_url).toBe(true);
    }
  });

  it('sets a strict content security policy for its pages', () => {
    const manifest = readManifest(target);
    const csp = manifest.content_security_policy;
    const policy = manifest.manifest_version === 3 ? (typeof csp === 'object' ? csp.extension_pages : undefined) : csp;
    expect(typeof policy, `content_security_policy in ${target}: ${JSON.stringify(csp)}`).toBe('string');
    const parsed = directives(policy as string);
    expect(parsed.get('script-src')).toEqual(["'self'"]);
    expect(parsed.get('object-src')).toEqual(["'self'"]);
    // No eval, no inline script and no other origin anywhere in the policy.
    expect(policy).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/);
  });

  it('loads no remote code: every script in its pages is a packaged file', () => {
    const remote = occurrences(dir, /\.html$/, /<script[^>]*\bsrc\s*=\s*["']?(?:https?:)?\/\/[^>]*>/gi);
    expect(remote).toEqual([]);
    const inline = occurrences(dir, /\.html$/, /<script(?![^>]*\bsrc=)[^>]*>/gi);
    expect(inline).toEqual([]);
  });

  it('builds no code from strings: no eval, no new Function, no string timers, no remote imports', () => {
    const found = occurrences(
      dir,
      /\.(m?js)$/,
      /.{0,40}(?:\beval\s*\(|\bnew\s+Function\s*\(|\bset(?:Timeout|Interval)\s*\(\s*["'`]|\bimport\s*\(\s*["'`]https?:|importScripts\s*\(\s*["'`]https?:).{0,40}/g,
    );
    expect(found).toEqual([]);
  });
});
